/* mc-session-load.c: start-up: the cached chats of the cabinets file
 * at once, then the keys from the keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-session-private.h"

#define ATTACHMENT_MAX_AGE_DAYS 30
#define ATTACHMENT_MAX_AGE_USEC (G_USEC_PER_SEC * G_GINT64_CONSTANT (86400) * ATTACHMENT_MAX_AGE_DAYS)

static McAuthKind
token_kind_to_auth_kind (McTokenKind kind)
{
  return kind == MC_TOKEN_KIND_OAUTH ? MC_AUTH_KIND_OAUTH : MC_AUTH_KIND_API_KEY;
}

/* The chats cached for the cabinets file's cabinets go on screen before the
 * keyring answers (which takes a few hundred milliseconds, or waits for
 * the seller to unlock it): the keys come later to the same cabinets. */
static void
mc_session_open_remembered (McSession *self)
{
  g_auto(GStrv) labels = mc_cabinet_dup_remembered_labels ();

  for (guint i = 0; labels[i] != NULL; i++)
    {
      g_autoptr(McCabinet) cabinet = mc_cabinet_new_remembered (labels[i]);
      g_autoptr(GError) error = NULL;
      gint64 business_id;

      if (cabinet == NULL)
        continue;

      /* Already shown, live or remembered, by an earlier load. */
      business_id = mc_cabinet_get_business_id (cabinet);
      if (mc_session_find_replaced (self, labels[i], business_id) != NULL ||
          mc_session_find_remembered (self, labels[i], business_id) != NULL)
        continue;

      if (!mc_cabinet_open_cache (cabinet, &error))
        {
          mc_session_report_cache_error (self, cabinet, error);
          g_clear_error (&error);
          continue;
        }

      g_ptr_array_add (self->remembered, g_object_ref (cabinet));
      mc_session_attach_cabinet (self, cabinet);
    }

  if (self->remembered->len > 0)
    mc_session_set_state (self, MC_SESSION_STATE_READY);
}

/* Syncing and the refreshes wait until the cached chats are painted: the
 * seller sees them first, and a slow or dead network costs nothing then. */
static gboolean
mc_session_start_sync_cb (gpointer user_data)
{
  McSession *self = user_data;
  g_autoptr(GPtrArray) refresh = g_steal_pointer (&self->pending_refresh);

  self->start_sync_id = 0;
  self->pending_refresh = g_ptr_array_new_with_free_func (g_object_unref);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->cabinets)) > 0)
    mc_session_start_sync (self);

  for (guint i = 0; i < refresh->len; i++)
    mc_session_refresh_cabinet (self, g_ptr_array_index (refresh, i));

  return G_SOURCE_REMOVE;
}

static void
mc_session_load_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  McSession *self = user_data;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GPtrArray) keyless = NULL;
  g_autoptr(GError) error = NULL;

  tokens = mc_token_store_list_finish (MC_TOKEN_STORE (object), result, &error);

  if (mc_error_is_cancelled (error))
    return;

  g_clear_object (&self->load_cancellable);
  mc_session_set_keyring_pending (self, FALSE);

  if (tokens == NULL)
    {
      /* The cached chats stay, read-only: the window tells why. */
      mc_session_take_error (self, g_steal_pointer (&error));
      if (self->remembered->len == 0 &&
          g_list_model_get_n_items (G_LIST_MODEL (self->cabinets)) == 0)
        mc_session_set_state (self, MC_SESSION_STATE_KEYRING_ERROR);
      return;
    }

  for (guint i = 0; i < tokens->len; i++)
    {
      McStoredToken *stored = g_ptr_array_index (tokens, i);
      const char *label = mc_stored_token_get_label (stored);
      McAuthKind kind = token_kind_to_auth_kind (mc_stored_token_get_kind (stored));
      g_autoptr(McCabinet) cabinet = NULL;
      McCabinet *remembered;

      /* Already live: "Try again" after a partial load, or added since. */
      if (mc_session_find_replaced (self, label, 0) != NULL)
        {
          mc_stored_token_wipe (stored);
          continue;
        }

      remembered = mc_session_find_remembered (self, label, 0);
      if (remembered != NULL)
        {
          cabinet = g_object_ref (remembered);
          g_ptr_array_remove (self->remembered, cabinet);
          if (!mc_cabinet_set_token (cabinet, self->base_url, kind,
                                     mc_stored_token_get_token (stored), &error))
            {
              mc_session_detach_cabinet (self, cabinet, FALSE);
              g_clear_object (&cabinet);
            }
        }
      else
        {
          cabinet = mc_cabinet_new_offline (self->base_url, kind, label,
                                            mc_stored_token_get_token (stored),
                                            &error);
          /* The cabinets file named this business under another label:
           * one cache per business. */
          if (cabinet != NULL && mc_cabinet_get_business_id (cabinet) != 0 &&
              (remembered = mc_session_find_remembered (self, NULL, mc_cabinet_get_business_id (cabinet))) != NULL)
            mc_session_detach_cabinet (self, remembered, FALSE);
        }
      mc_stored_token_wipe (stored);

      if (cabinet == NULL)
        {
          g_warning ("Could not set up cabinet “%s”: %s", label, error->message);
          g_clear_error (&error);
          continue;
        }

      mc_session_add_to_list (self, cabinet);

      /* Without a known business the cache cannot be named: the cabinet
       * goes live once its first refresh tells which business it is. */
      if (mc_cabinet_get_business_id (cabinet) != 0)
        {
          if (mc_cabinet_open_cache (cabinet, &error))
            mc_session_attach_cabinet (self, cabinet);
          else
            {
              mc_session_report_cache_error (self, cabinet, error);
              g_clear_error (&error);
            }
        }

      g_ptr_array_add (self->pending_refresh, g_object_ref (cabinet));
    }

  /* A key gone from the keyring (removed with another tool, or another
   * keyring): its chats leave the window, its cache file stays for a key
   * of the same business added again. */
  keyless = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->remembered->len; i++)
    g_ptr_array_add (keyless, g_object_ref (g_ptr_array_index (self->remembered, i)));
  for (guint i = 0; i < keyless->len; i++)
    {
      McCabinet *cabinet = g_ptr_array_index (keyless, i);
      McCache *cache = mc_cabinet_get_cache (cabinet);

      g_message ("The keyring has no key for cabinet “%s” any more: its saved chats are "
                 "no longer shown, and kept in %s",
                 mc_cabinet_get_label (cabinet), mc_cache_get_path (cache));
      mc_session_forget_label (mc_cabinet_get_label (cabinet));
      mc_session_detach_cabinet (self, cabinet, FALSE);
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->cabinets)) == 0)
    {
      mc_session_set_state (self, MC_SESSION_STATE_WELCOME);
      return;
    }

  mc_session_set_state (self, MC_SESSION_STATE_READY);
  if (self->start_sync_id == 0)
    self->start_sync_id = g_idle_add_full (G_PRIORITY_LOW, mc_session_start_sync_cb, self, NULL);
}

static void
expire_attachments_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  guint n = mc_cache_expire_attachments (task_data, ATTACHMENT_MAX_AGE_USEC);

  if (n > 0)
    g_debug ("Deleted %u opened attachments older than %d days", n, ATTACHMENT_MAX_AGE_DAYS);
  g_task_return_boolean (task, TRUE);
}

/* Opened attachments are copies of what the Market keeps: a month after
 * they were downloaded they go, off the main thread. */
static void
expire_attachments_in_background (void)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_source_tag (task, expire_attachments_in_background);
  g_task_set_task_data (task, mc_cache_dup_attachments_root (), g_free);
  g_task_run_in_thread (task, expire_attachments_thread);
}

void
mc_session_load (McSession *self)
{
  g_return_if_fail (MC_IS_SESSION (self));

  if (self->demo)
    return;

  /* An API URL that is not allowed is reported instead of loading, so no
   * token is ever sent to it. */
  if (!mc_api_url_is_allowed (self->base_url, NULL))
    {
      mc_session_set_state (self, MC_SESSION_STATE_KEYRING_ERROR);
      return;
    }

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  g_signal_connect_object (self->cancellable, "cancelled",
                           G_CALLBACK (g_cancellable_cancel),
                           self->load_cancellable, G_CONNECT_SWAPPED);

  mc_session_take_error (self, NULL);
  mc_session_set_keyring_pending (self, TRUE);
  mc_session_open_remembered (self);
  if (self->remembered->len == 0 &&
      g_list_model_get_n_items (G_LIST_MODEL (self->cabinets)) == 0)
    mc_session_set_state (self, MC_SESSION_STATE_LOADING);

  mc_token_store_list_async (self->token_store,
                             self->load_cancellable,
                             mc_session_load_cb,
                             self);

  expire_attachments_in_background ();
}
