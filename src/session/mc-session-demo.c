/* mc-session-demo.c: the demo: the fake Market in-process and two
 * cabinets whose keys never touch the keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mc-session-private.h"

#define DEMO_LIFE_MIN_SEC 20
#define DEMO_LIFE_MAX_SEC 60

static void
demo_life_from_env (guint *min_sec,
                    guint *max_sec)
{
  const char *life = g_getenv ("MARKET_CHATS_DEMO_LIFE");
  g_auto(GStrv) parts = NULL;
  guint64 min_value, max_value;

  *min_sec = DEMO_LIFE_MIN_SEC;
  *max_sec = DEMO_LIFE_MAX_SEC;

  if (life == NULL)
    return;

  parts = g_strsplit (life, ",", 2);
  if (g_strv_length (parts) == 2 &&
      g_ascii_string_to_unsigned (parts[0], 10, 1, 3600, &min_value, NULL) &&
      g_ascii_string_to_unsigned (parts[1], 10, min_value, 3600, &max_value, NULL))
    {
      *min_sec = min_value;
      *max_sec = max_value;
    }
  else
    g_warning ("MARKET_CHATS_DEMO_LIFE should be “MIN,MAX” in seconds, not “%s”", life);
}

/* MARKET_CHATS_DEMO_CHATS=N: the demo's chats in all (both cabinets). */
static guint
demo_chats_from_env (void)
{
  const char *chats = g_getenv ("MARKET_CHATS_DEMO_CHATS");
  guint64 value;

  if (chats == NULL)
    return 0;
  if (g_ascii_string_to_unsigned (chats, 10, 2, 1000000, &value, NULL))
    return value;

  g_warning ("MARKET_CHATS_DEMO_CHATS should be a number of chats from 2 to 1000000, not “%s”", chats);
  return 0;
}

static const McFakeToken demo_tokens[] = { MC_FAKE_TOKEN_CABINET_1, MC_FAKE_TOKEN_CABINET_2 };
static const char *demo_labels[] = { N_("Demo cabinet 1"), N_("Demo cabinet 2") };

static void mc_session_demo_connect_cb (GObject      *object,
                                        GAsyncResult *result,
                                        gpointer      user_data);

/* One cabinet after the other, so that they keep their order in the
 * sidebar from one start to the next. */
static void
mc_session_demo_connect_next (McSession *self)
{
  guint i = self->demo_next;

  if (i >= G_N_ELEMENTS (demo_tokens))
    return;

  self->demo_next++;
  self->demo_pending++;
  mc_cabinet_connect_async (self->base_url,
                            MC_AUTH_KIND_API_KEY,
                            _(demo_labels[i]),
                            mc_fake_market_get_token (self->fake_market, demo_tokens[i]),
                            self->cancellable,
                            mc_session_demo_connect_cb,
                            self);
}

static void
mc_session_demo_connect_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  McSession *self = user_data;
  g_autoptr(McCabinet) cabinet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;

  cabinet = mc_cabinet_connect_finish (result, &error);

  if (mc_error_is_cancelled (error))
    return;

  self->demo_pending--;

  if (cabinet != NULL)
    {
      mc_cabinet_set_demo (cabinet, TRUE);
      name = g_strdup_printf ("%" G_GINT64_FORMAT ".sqlite",
                              mc_cabinet_get_business_id (cabinet));
      path = g_build_filename (self->demo_dir, name, NULL);
      if (mc_cabinet_open_cache_path (cabinet, path, &error))
        {
          mc_session_add_to_list (self, cabinet);
          mc_session_attach_cabinet (self, cabinet);
          mc_session_start_sync (self);
          mc_session_demo_connect_next (self);
          return;
        }
    }

  g_warning ("Could not start a demo cabinet: %s", error->message);
  mc_session_demo_connect_next (self);

  if (self->demo_pending == 0 &&
      g_list_model_get_n_items (G_LIST_MODEL (self->cabinets)) == 0)
    {
      mc_session_take_error (self, g_steal_pointer (&error));
      mc_session_set_state (self, MC_SESSION_STATE_KEYRING_ERROR);
    }
}

gboolean
mc_session_start_demo (McSession  *self,
                       GError    **error)
{
  g_autoptr(McFakeMarket) market = NULL;
  guint life_min, life_max;

  g_return_val_if_fail (MC_IS_SESSION (self), FALSE);
  g_return_val_if_fail (!self->demo, FALSE);
  g_return_val_if_fail (g_list_model_get_n_items (G_LIST_MODEL (self->cabinets)) == 0, FALSE);

  market = mc_fake_market_new (1, demo_chats_from_env ());
  if (!mc_fake_market_start (market, 0, error))
    return FALSE;

  self->demo_dir = g_dir_make_tmp ("market-chats-demo-XXXXXX", error);
  if (self->demo_dir == NULL)
    {
      mc_fake_market_stop (market);
      return FALSE;
    }

  demo_life_from_env (&life_min, &life_max);
  mc_fake_market_set_life (market, life_min, life_max);

  /* A load still asking the keyring must not add real cabinets to it,
   * nor leave their cached chats among the demo's. */
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  mc_session_set_keyring_pending (self, FALSE);
  while (self->remembered->len > 0)
    mc_session_detach_cabinet (self, g_ptr_array_index (self->remembered, 0), FALSE);

  /* The demo's templates are its own too. */
  mc_session_close_templates (self);

  self->fake_market = g_steal_pointer (&market);
  self->demo = TRUE;
  g_free (self->base_url);
  self->base_url = g_strdup (mc_fake_market_get_url (self->fake_market));

  mc_session_take_error (self, NULL);
  mc_session_set_state (self, MC_SESSION_STATE_LOADING);
  mc_session_notify_demo (self);

  self->demo_next = 0;
  mc_session_demo_connect_next (self);

  return TRUE;
}

GObject *
mc_session_get_fake_market (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return G_OBJECT (self->fake_market);
}

/* The demo's caches go with its session. */
void
mc_session_delete_demo_dir (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (path, name, NULL);

        g_unlink (file);
      }

  if (g_rmdir (path) != 0)
    g_warning ("Could not delete the demo data in %s: %s", path, g_strerror (errno));
}
