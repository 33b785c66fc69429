/* mc-session.c: the cabinets of the seller (from the keyring, or the demo)
 * wired to one chat store, one sidebar and one sync engine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "mc-chat-timeline-private.h"
#include "mc-fake-market.h"
#include "mc-session.h"
#include "mc-token-store.h"

#define ATTACHMENT_MAX_AGE_DAYS 30
#define ATTACHMENT_MAX_AGE_USEC (G_USEC_PER_SEC * G_GINT64_CONSTANT (86400) * ATTACHMENT_MAX_AGE_DAYS)

#define DEMO_LIFE_MIN_SEC 20
#define DEMO_LIFE_MAX_SEC 60

struct _McSession
{
  GObject         parent_instance;

  char           *base_url;
  GError         *error;
  McSessionState  state;
  gboolean        demo;
  gboolean        can_send;
  gboolean        sync_started;
  /* mc_session_load() asked the keyring and has no answer yet. */
  gboolean        keyring_pending;

  /* Cabinets of the cabinets file whose cached chats are shown while the
   * keyring is asked for their keys: not in "cabinets" (they have no
   * client) until their key comes. */
  GPtrArray      *remembered;
  /* Cabinets from the keyring to refresh once the start-up frame is out. */
  GPtrArray      *pending_refresh;
  guint           start_sync_id;

  GListStore     *cabinets;
  McChatStore    *chats;
  McStoreList    *stores;
  McSyncEngine   *sync;
  McTokenStore   *token_store;

  /* Everything the session started; cancelled at dispose. */
  GCancellable   *cancellable;
  /* The running mc_session_load(), replaced by the next one. */
  GCancellable   *load_cancellable;

  /* Cabinets whose refresh failed (offline start): retried when the sync
   * engine is back online. */
  GPtrArray      *unrefreshed;
  guint           retry_refresh_id;

  /* See "reachable", "checked" and "last-check". */
  gboolean        reachable;
  gboolean        checked;
  gint64          last_check;

  McFakeMarket   *fake_market;
  /* Caches of the demo live here, never next to the seller's own. */
  char           *demo_dir;
  guint           demo_pending;
  guint           demo_next;
};

G_DEFINE_ENUM_TYPE (McSessionState, mc_session_state,
  G_DEFINE_ENUM_VALUE (MC_SESSION_STATE_LOADING, "loading"),
  G_DEFINE_ENUM_VALUE (MC_SESSION_STATE_WELCOME, "welcome"),
  G_DEFINE_ENUM_VALUE (MC_SESSION_STATE_READY, "ready"),
  G_DEFINE_ENUM_VALUE (MC_SESSION_STATE_KEYRING_ERROR, "keyring-error"))

G_DEFINE_FINAL_TYPE (McSession, mc_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_ERROR,
  PROP_DEMO,
  PROP_BASE_URL,
  PROP_CABINETS,
  PROP_CHATS,
  PROP_STORES,
  PROP_SYNC,
  PROP_CAN_SEND,
  PROP_KEYRING_PENDING,
  PROP_REACHABLE,
  PROP_CHECKED,
  PROP_LAST_CHECK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void mc_session_refresh_cabinet (McSession *self,
                                        McCabinet *cabinet);
static void mc_session_forget_label    (const char *label);

/* The callbacks of work the session started hold no reference on it: it
 * cancels that work in dispose, and they return at once when cancelled. */
static gboolean
error_is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_error_matches (error, MC_API_ERROR, MC_API_ERROR_CANCELLED);
}

static McTokenKind
auth_kind_to_token_kind (McAuthKind kind)
{
  return kind == MC_AUTH_KIND_OAUTH ? MC_TOKEN_KIND_OAUTH : MC_TOKEN_KIND_API_KEY;
}

static McAuthKind
token_kind_to_auth_kind (McTokenKind kind)
{
  return kind == MC_TOKEN_KIND_OAUTH ? MC_AUTH_KIND_OAUTH : MC_AUTH_KIND_API_KEY;
}

static void
mc_session_set_state (McSession      *self,
                      McSessionState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* Takes @error (NULL clears it). */
static void
mc_session_take_error (McSession *self,
                       GError    *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
mc_session_update_can_send (McSession *self)
{
  GListModel *model = G_LIST_MODEL (self->cabinets);
  guint n = g_list_model_get_n_items (model);
  gboolean can_send = FALSE;

  for (guint i = 0; i < n && !can_send; i++)
    {
      g_autoptr(McCabinet) cabinet = g_list_model_get_item (model, i);

      can_send = mc_cabinet_get_can_send (cabinet);
    }

  if (self->can_send == can_send)
    return;

  self->can_send = can_send;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SEND]);
}

/* Reachability: the network monitor, and every client's own word from its
 * last request, so that an unreachable Market shows within seconds of the
 * first failed attempt rather than after the retries. */
static void
mc_session_update_reachable (McSession *self)
{
  GListModel *model = G_LIST_MODEL (self->cabinets);
  guint n = g_list_model_get_n_items (model);
  gboolean reachable = mc_sync_engine_get_online (self->sync);
  gint64 last_check = self->last_check;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(McCabinet) cabinet = g_list_model_get_item (model, i);
      McApiClient *client = mc_cabinet_get_client (cabinet);

      if (client == NULL)
        continue;
      reachable = reachable && mc_api_client_get_reachable (client);
      last_check = MAX (last_check, mc_api_client_get_last_answer (client));
    }

  g_object_freeze_notify (G_OBJECT (self));
  if (self->last_check != last_check)
    {
      self->last_check = last_check;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_CHECK]);
    }
  if (self->reachable != reachable)
    {
      self->reachable = reachable;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REACHABLE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
on_client_reachability_changed (McSession   *self,
                                McApiClient *client)
{
  mc_session_update_reachable (self);
}

static void
on_cabinet_client_changed (McSession  *self,
                           GParamSpec *pspec,
                           McCabinet  *cabinet)
{
  McApiClient *client = mc_cabinet_get_client (cabinet);

  if (client != NULL)
    g_signal_connect_object (client, "reachability-changed",
                             G_CALLBACK (on_client_reachability_changed), self,
                             G_CONNECT_SWAPPED);
  mc_session_update_reachable (self);
}

/* A sync that ran to its end with the Market answering: only from then on
 * may an empty Needs Reply mean that nothing waits. */
static void
on_sync_syncing_changed (McSession    *self,
                         GParamSpec   *pspec,
                         McSyncEngine *sync)
{
  mc_session_update_reachable (self);
  if (self->checked || mc_sync_engine_get_syncing (sync) ||
      !self->reachable || self->last_check == 0)
    return;

  self->checked = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED]);
}

static gboolean
mc_session_find_cabinet (McSession *self,
                         McCabinet *cabinet,
                         guint     *position)
{
  return g_list_store_find (self->cabinets, cabinet, position);
}

/* The cabinet stored under @label, or the one of @business_id (when not 0):
 * a new key for either replaces it. */
static McCabinet *
mc_session_find_replaced (McSession  *self,
                          const char *label,
                          gint64      business_id)
{
  GListModel *model = G_LIST_MODEL (self->cabinets);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(McCabinet) cabinet = g_list_model_get_item (model, i);

      if (g_strcmp0 (mc_cabinet_get_label (cabinet), label) == 0 ||
          (business_id != 0 && mc_cabinet_get_business_id (cabinet) == business_id))
        return cabinet;
    }

  return NULL;
}

static void
mc_session_update_stores (McSession *self,
                          McCabinet *cabinet)
{
  GListModel *campaigns = mc_cabinet_get_campaigns (cabinet);
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 business_id = mc_cabinet_get_business_id (cabinet);
  guint n;

  /* A cabinet known only from the keyring, or whose cache has no stores
   * saved yet, has none until its first refresh; the sidebar then shows
   * nothing rather than an empty cabinet.  A remembered one gets the
   * stores its cache saved as it opens, so they show before the keyring
   * answers. */
  if (business_id == 0 || campaigns == NULL ||
      (n = g_list_model_get_n_items (campaigns)) == 0)
    return;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (campaigns, i));

  mc_store_list_set_campaigns (self->stores,
                               business_id,
                               mc_cabinet_get_business_name (cabinet),
                               array);
}

static void
on_cabinet_can_send_changed (McSession  *self,
                             GParamSpec *pspec,
                             McCabinet  *cabinet)
{
  mc_session_update_can_send (self);
}

static void
on_cabinet_campaigns_changed (McSession  *self,
                              GParamSpec *pspec,
                              McCabinet  *cabinet)
{
  mc_session_update_stores (self, cabinet);
}

/* The cache holds the seller's history: a locked or newer file is left
 * alone, so the seller must hear why the cabinet's chats are missing. */
static void
mc_session_report_cache_error (McSession    *self,
                               McCabinet    *cabinet,
                               const GError *error)
{
  g_warning ("Could not open the saved chats of cabinet “%s”: %s",
             mc_cabinet_get_label (cabinet), error->message);
  if (self->sync != NULL)
    g_signal_emit_by_name (self->sync, "error", cabinet, error);
}

/* Makes a cabinet whose cache is open live: chats from its cache at once,
 * its stores in the sidebar, and syncing. */
static void
mc_session_attach_cabinet (McSession *self,
                           McCabinet *cabinet)
{
  g_autoptr(GError) error = NULL;
  McCache *cache = mc_cabinet_get_cache (cabinet);

  g_assert (cache != NULL);

  /* A remembered cabinet's chats are in since start-up. */
  if (mc_chat_store_get_cache (self->chats, mc_cabinet_get_business_id (cabinet)) != cache &&
      !mc_chat_store_add_cache (self->chats, cache, &error))
    g_warning ("Could not load the saved chats of cabinet “%s”: %s",
               mc_cabinet_get_label (cabinet), error->message);

  mc_session_update_stores (self, cabinet);
  if (mc_cabinet_get_client (cabinet) != NULL)
    mc_sync_engine_add_cabinet (self->sync, cabinet);
}

static void
mc_session_start_sync (McSession *self)
{
  if (self->sync_started)
    return;

  self->sync_started = TRUE;
  mc_sync_engine_start (self->sync);
}

static void
mc_session_add_to_list (McSession *self,
                        McCabinet *cabinet)
{
  g_signal_connect_object (cabinet, "notify::can-send",
                           G_CALLBACK (on_cabinet_can_send_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (cabinet, "notify::campaigns",
                           G_CALLBACK (on_cabinet_campaigns_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (cabinet, "notify::client",
                           G_CALLBACK (on_cabinet_client_changed), self,
                           G_CONNECT_SWAPPED);
  g_list_store_append (self->cabinets, cabinet);
  on_cabinet_client_changed (self, NULL, cabinet);
  mc_session_update_can_send (self);
  mc_session_set_state (self, MC_SESSION_STATE_READY);
}

/* Undoes mc_session_attach_cabinet() and mc_session_add_to_list(); with
 * @delete_cache the cabinet's cache file goes too, otherwise it is only
 * closed (a new key of the same business goes on with it). */
static void
mc_session_detach_cabinet (McSession *self,
                           McCabinet *cabinet,
                           gboolean   delete_cache)
{
  g_autoptr(McCabinet) hold = g_object_ref (cabinet);
  gint64 business_id = mc_cabinet_get_business_id (cabinet);
  McCache *cache = mc_cabinet_get_cache (cabinet);
  guint position;

  g_signal_handlers_disconnect_by_data (cabinet, self);
  g_ptr_array_remove (self->unrefreshed, cabinet);
  g_ptr_array_remove (self->pending_refresh, cabinet);
  g_ptr_array_remove (self->remembered, cabinet);

  if (cache != NULL)
    {
      g_autoptr(GError) error = NULL;

      mc_sync_engine_remove_cabinet (self->sync, cabinet);
      mc_chat_store_remove_business (self->chats, business_id);

      if (!delete_cache)
        mc_cache_close (cache);
      else if (!mc_cache_delete (cache, &error))
        g_warning ("Could not delete the saved chats of cabinet “%s”: %s",
                   mc_cabinet_get_label (cabinet), error->message);
    }

  if (business_id != 0)
    mc_store_list_remove_business (self->stores, business_id);

  if (mc_session_find_cabinet (self, cabinet, &position))
    g_list_store_remove (self->cabinets, position);

  mc_session_update_can_send (self);
}

static gboolean retry_refresh_cb (gpointer user_data);

static void
mc_session_refresh_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  McCabinet *cabinet = MC_CABINET (object);
  McSession *self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean was_attached = mc_cabinet_get_cache (cabinet) != NULL;

  if (!mc_cabinet_refresh_finish (cabinet, result, &error))
    {
      if (error_is_cancelled (error))
        return;

      g_debug ("Refreshing cabinet “%s” failed: %s",
               mc_cabinet_get_label (cabinet), error->message);
      if (mc_session_find_cabinet (self, cabinet, NULL) &&
          !g_ptr_array_find (self->unrefreshed, cabinet, NULL))
        g_ptr_array_add (self->unrefreshed, g_object_ref (cabinet));
      /* A Market that did not answer (the network is up) is asked again at
       * the pace of the polls, or the cabinet would stay empty for good. */
      if (self->retry_refresh_id == 0)
        self->retry_refresh_id = g_timeout_add_seconds (mc_sync_engine_get_poll_interval (self->sync),
                                                        retry_refresh_cb, self);
      return;
    }

  /* Removed while the refresh ran. */
  if (!mc_session_find_cabinet (self, cabinet, NULL))
    return;

  if (!was_attached)
    {
      if (!mc_cabinet_open_cache (cabinet, &error))
        {
          mc_session_report_cache_error (self, cabinet, error);
          return;
        }
      mc_session_attach_cabinet (self, cabinet);
      mc_session_start_sync (self);
    }
  else
    mc_session_update_stores (self, cabinet);

  mc_session_update_can_send (self);
}

static void
mc_session_refresh_cabinet (McSession *self,
                            McCabinet *cabinet)
{
  mc_cabinet_refresh_async (cabinet,
                            self->cancellable,
                            mc_session_refresh_cb,
                            self);
}

static void
mc_session_retry_unrefreshed (McSession *self)
{
  g_autoptr(GPtrArray) pending = NULL;

  g_clear_handle_id (&self->retry_refresh_id, g_source_remove);
  if (self->unrefreshed->len == 0)
    return;

  pending = g_steal_pointer (&self->unrefreshed);
  self->unrefreshed = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < pending->len; i++)
    mc_session_refresh_cabinet (self, g_ptr_array_index (pending, i));
}

static gboolean
retry_refresh_cb (gpointer user_data)
{
  McSession *self = user_data;

  self->retry_refresh_id = 0;
  mc_session_retry_unrefreshed (self);
  return G_SOURCE_REMOVE;
}

static void
on_sync_online_changed (McSession    *self,
                        GParamSpec   *pspec,
                        McSyncEngine *sync)
{
  mc_session_update_reachable (self);
  if (mc_sync_engine_get_online (sync))
    mc_session_retry_unrefreshed (self);
}

static void
mc_session_set_keyring_pending (McSession *self,
                                gboolean   pending)
{
  if (self->keyring_pending == pending)
    return;

  self->keyring_pending = pending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYRING_PENDING]);
}

static McCabinet *
mc_session_find_remembered (McSession  *self,
                            const char *label,
                            gint64      business_id)
{
  for (guint i = 0; i < self->remembered->len; i++)
    {
      McCabinet *cabinet = g_ptr_array_index (self->remembered, i);

      if (g_strcmp0 (mc_cabinet_get_label (cabinet), label) == 0 ||
          (business_id != 0 && mc_cabinet_get_business_id (cabinet) == business_id))
        return cabinet;
    }

  return NULL;
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

  if (error_is_cancelled (error))
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

  if (error_is_cancelled (error))
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

  self->fake_market = g_steal_pointer (&market);
  self->demo = TRUE;
  g_free (self->base_url);
  self->base_url = g_strdup (mc_fake_market_get_url (self->fake_market));

  mc_session_take_error (self, NULL);
  mc_session_set_state (self, MC_SESSION_STATE_LOADING);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);

  self->demo_next = 0;
  mc_session_demo_connect_next (self);

  return TRUE;
}

static void
mc_session_forget_label (const char *label)
{
  g_autoptr(GError) error = NULL;

  if (!mc_cabinet_forget (label, &error))
    g_warning ("Could not forget the business of cabinet “%s”: %s", label, error->message);
}

typedef struct
{
  McAuthKind  kind;
  char       *label;
  char       *token;
  McCabinet  *cabinet;
} AddData;

static void
add_data_free (AddData *data)
{
  if (data->token != NULL)
    {
      memset (data->token, 0, strlen (data->token));
      g_free (data->token);
    }
  g_free (data->label);
  g_clear_object (&data->cabinet);
  g_free (data);
}

static void
mc_session_add_saved_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McSession *self = g_task_get_source_object (task);
  AddData *data = g_task_get_task_data (task);
  McCabinet *old;
  g_autoptr(GError) error = NULL;

  if (!mc_token_store_save_finish (MC_TOKEN_STORE (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  old = mc_session_find_replaced (self, data->label,
                                  mc_cabinet_get_business_id (data->cabinet));
  if (old != NULL)
    {
      gboolean same_business = mc_cabinet_get_business_id (old) == mc_cabinet_get_business_id (data->cabinet);

      /* A new key for a business already here takes over its label too. */
      if (g_strcmp0 (mc_cabinet_get_label (old), data->label) != 0)
        {
          mc_token_store_remove_async (self->token_store, mc_cabinet_get_label (old),
                                       NULL, NULL, NULL);
          mc_session_forget_label (mc_cabinet_get_label (old));
        }
      mc_session_detach_cabinet (self, old, !same_business);
    }

  /* Still waiting for its key (the keyring failed at start-up): the new
   * cabinet takes its place, and its cache if of the same business. */
  old = mc_session_find_remembered (self, data->label,
                                    mc_cabinet_get_business_id (data->cabinet));
  if (old != NULL)
    mc_session_detach_cabinet (self, old,
                               mc_cabinet_get_business_id (old) != mc_cabinet_get_business_id (data->cabinet));

  if (!mc_cabinet_remember (data->cabinet, &error))
    g_warning ("Could not remember the business of cabinet “%s”: %s",
               data->label, error->message);
  g_clear_error (&error);

  if (!mc_cabinet_open_cache (data->cabinet, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  mc_session_add_to_list (self, data->cabinet);
  mc_session_attach_cabinet (self, data->cabinet);
  mc_session_start_sync (self);

  g_task_return_pointer (task, g_object_ref (data->cabinet), g_object_unref);
}

static void
mc_session_add_connected_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McSession *self = g_task_get_source_object (task);
  AddData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->cabinet = mc_cabinet_connect_finish (result, &error);
  if (data->cabinet == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  mc_token_store_save_async (self->token_store,
                             auth_kind_to_token_kind (data->kind),
                             data->label,
                             data->token,
                             g_task_get_cancellable (task),
                             mc_session_add_saved_cb,
                             g_object_ref (task));
}

void
mc_session_add_cabinet_async (McSession           *self,
                              McAuthKind           kind,
                              const char          *label,
                              const char          *token,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AddData *data;

  g_return_if_fail (MC_IS_SESSION (self));
  g_return_if_fail (label != NULL && *label != '\0');
  g_return_if_fail (token != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mc_session_add_cabinet_async);

  if (self->demo)
    {
      g_task_return_new_error (task, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
                               _("Cabinets cannot be added to the demo. Quit the demo "
                                 "and start Market Chats as usual to add yours."));
      return;
    }

  data = g_new0 (AddData, 1);
  data->kind = kind;
  data->label = g_strdup (label);
  data->token = g_strdup (token);
  g_task_set_task_data (task, data, (GDestroyNotify) add_data_free);

  mc_cabinet_connect_async (self->base_url, kind, label, token, cancellable,
                            mc_session_add_connected_cb, g_steal_pointer (&task));
}

McCabinet *
mc_session_add_cabinet_finish (McSession     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
mc_session_remove_finish_detach (McSession *self,
                                 McCabinet *cabinet)
{
  mc_session_forget_label (mc_cabinet_get_label (cabinet));
  mc_session_detach_cabinet (self, cabinet, TRUE);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->cabinets)) == 0 &&
      self->remembered->len == 0)
    {
      mc_sync_engine_stop (self->sync);
      self->sync_started = FALSE;
      mc_session_set_state (self, MC_SESSION_STATE_WELCOME);
    }
}

static void
mc_session_removed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McSession *self = g_task_get_source_object (task);
  McCabinet *cabinet = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!mc_token_store_remove_finish (MC_TOKEN_STORE (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  mc_session_remove_finish_detach (self, cabinet);
  g_task_return_boolean (task, TRUE);
}

void
mc_session_remove_cabinet_async (McSession           *self,
                                 McCabinet           *cabinet,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MC_IS_SESSION (self));
  g_return_if_fail (MC_IS_CABINET (cabinet));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mc_session_remove_cabinet_async);
  g_task_set_task_data (task, g_object_ref (cabinet), g_object_unref);

  if (!mc_session_find_cabinet (self, cabinet, NULL))
    {
      g_task_return_new_error (task, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
                               _("This cabinet has already been removed."));
      return;
    }

  /* The demo's keys never reached the keyring. */
  if (mc_cabinet_get_demo (cabinet))
    {
      mc_session_detach_cabinet (self, cabinet, TRUE);
      if (g_list_model_get_n_items (G_LIST_MODEL (self->cabinets)) == 0)
        mc_session_set_state (self, MC_SESSION_STATE_WELCOME);
      g_task_return_boolean (task, TRUE);
      return;
    }

  mc_token_store_remove_async (self->token_store,
                               mc_cabinet_get_label (cabinet),
                               cancellable,
                               mc_session_removed_cb,
                               g_steal_pointer (&task));
}

gboolean
mc_session_remove_cabinet_finish (McSession     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

McSession *
mc_session_new (const char *base_url)
{
  return g_object_new (MC_TYPE_SESSION,
                       "base-url", base_url,
                       NULL);
}

McSessionState
mc_session_get_state (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), MC_SESSION_STATE_LOADING);

  return self->state;
}

const GError *
mc_session_get_error (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return self->error;
}

gboolean
mc_session_get_demo (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), FALSE);

  return self->demo;
}

const char *
mc_session_get_base_url (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return self->base_url;
}

GListModel *
mc_session_get_cabinets (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return G_LIST_MODEL (self->cabinets);
}

McChatStore *
mc_session_get_chats (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return self->chats;
}

McStoreList *
mc_session_get_stores (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return self->stores;
}

McSyncEngine *
mc_session_get_sync (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return self->sync;
}

gboolean
mc_session_get_can_send (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), FALSE);

  return self->can_send;
}

gboolean
mc_session_get_keyring_pending (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), FALSE);

  return self->keyring_pending;
}

gboolean
mc_session_get_reachable (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), FALSE);

  return self->reachable;
}

gboolean
mc_session_get_checked (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), FALSE);

  return self->checked;
}

gint64
mc_session_get_last_check (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), 0);

  return self->last_check;
}

void
mc_session_refresh (McSession *self)
{
  g_return_if_fail (MC_IS_SESSION (self));

  mc_session_retry_unrefreshed (self);
  mc_sync_engine_refresh (self->sync);
}

McCabinet *
mc_session_get_cabinet_for_chat (McSession *self,
                                 gint64     chat_id)
{
  GListModel *model;
  McChat *chat;
  guint n;

  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  chat = mc_chat_store_lookup (self->chats, chat_id);
  if (chat == NULL)
    return NULL;

  model = G_LIST_MODEL (self->cabinets);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(McCabinet) cabinet = g_list_model_get_item (model, i);

      if (mc_cabinet_get_business_id (cabinet) == mc_chat_get_business_id (chat))
        return cabinet;
    }

  return NULL;
}

GObject *
mc_session_get_fake_market (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return G_OBJECT (self->fake_market);
}

static void
delete_demo_dir (const char *path)
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

static void
mc_session_constructed (GObject *object)
{
  McSession *self = MC_SESSION (object);
  g_autofree char *origin = NULL;
  GError *error = NULL;

  G_OBJECT_CLASS (mc_session_parent_class)->constructed (object);

  if (self->base_url == NULL)
    self->base_url = g_strdup (MC_API_DEFAULT_URL);

  if (!mc_api_url_is_allowed (self->base_url, &error))
    {
      self->error = error;
      return;
    }

  /* Keys, the cabinets file and the caches belong to the origin they were
   * added for: another --api-url neither gets the Market's keys nor
   * writes its answers over the seller's history. */
  origin = mc_token_store_dup_origin_of_url (self->base_url);
  g_clear_object (&self->token_store);
  self->token_store = mc_token_store_new_for_origin (origin);
  mc_cache_set_api_origin (g_strcmp0 (origin, MC_TOKEN_STORE_DEFAULT_ORIGIN) != 0 ? origin : NULL);
}

static void
mc_session_dispose (GObject *object)
{
  McSession *self = MC_SESSION (object);
  guint n;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->start_sync_id, g_source_remove);
  g_clear_handle_id (&self->retry_refresh_id, g_source_remove);

  if (self->remembered != NULL)
    for (guint i = 0; i < self->remembered->len; i++)
      mc_cache_close (mc_cabinet_get_cache (g_ptr_array_index (self->remembered, i)));

  if (self->sync != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sync, self);
      mc_sync_engine_stop (self->sync);
    }

  if (self->cabinets != NULL)
    {
      n = g_list_model_get_n_items (G_LIST_MODEL (self->cabinets));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(McCabinet) cabinet = g_list_model_get_item (G_LIST_MODEL (self->cabinets), i);
          McCache *cache = mc_cabinet_get_cache (cabinet);

          g_signal_handlers_disconnect_by_data (cabinet, self);
          /* Every queued write lands before the files can go. */
          if (cache != NULL)
            mc_cache_close (cache);
        }
    }

  g_clear_object (&self->sync);
  g_clear_object (&self->stores);
  g_clear_object (&self->chats);
  g_clear_object (&self->cabinets);
  g_clear_pointer (&self->unrefreshed, g_ptr_array_unref);
  g_clear_pointer (&self->remembered, g_ptr_array_unref);
  g_clear_pointer (&self->pending_refresh, g_ptr_array_unref);

  if (self->fake_market != NULL)
    mc_fake_market_stop (self->fake_market);
  g_clear_object (&self->fake_market);

  if (self->demo_dir != NULL)
    delete_demo_dir (self->demo_dir);
  g_clear_pointer (&self->demo_dir, g_free);

  G_OBJECT_CLASS (mc_session_parent_class)->dispose (object);
}

static void
mc_session_finalize (GObject *object)
{
  McSession *self = MC_SESSION (object);

  g_clear_object (&self->token_store);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  g_clear_pointer (&self->base_url, g_free);

  G_OBJECT_CLASS (mc_session_parent_class)->finalize (object);
}

static void
mc_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  McSession *self = MC_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;

    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_CABINETS:
      g_value_set_object (value, self->cabinets);
      break;

    case PROP_CHATS:
      g_value_set_object (value, self->chats);
      break;

    case PROP_STORES:
      g_value_set_object (value, self->stores);
      break;

    case PROP_SYNC:
      g_value_set_object (value, self->sync);
      break;

    case PROP_CAN_SEND:
      g_value_set_boolean (value, self->can_send);
      break;

    case PROP_REACHABLE:
      g_value_set_boolean (value, self->reachable);
      break;

    case PROP_CHECKED:
      g_value_set_boolean (value, self->checked);
      break;

    case PROP_LAST_CHECK:
      g_value_set_int64 (value, self->last_check);
      break;

    case PROP_KEYRING_PENDING:
      g_value_set_boolean (value, self->keyring_pending);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  McSession *self = MC_SESSION (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_free (self->base_url);
      self->base_url = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_session_class_init (McSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mc_session_constructed;
  object_class->dispose = mc_session_dispose;
  object_class->finalize = mc_session_finalize;
  object_class->get_property = mc_session_get_property;
  object_class->set_property = mc_session_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       MC_TYPE_SESSION_STATE,
                       MC_SESSION_STATE_LOADING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CABINETS] =
    g_param_spec_object ("cabinets", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_CHATS] =
    g_param_spec_object ("chats", NULL, NULL,
                         MC_TYPE_CHAT_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_STORES] =
    g_param_spec_object ("stores", NULL, NULL,
                         MC_TYPE_STORE_LIST,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_SYNC] =
    g_param_spec_object ("sync", NULL, NULL,
                         MC_TYPE_SYNC_ENGINE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_CAN_SEND] =
    g_param_spec_boolean ("can-send", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_KEYRING_PENDING] =
    g_param_spec_boolean ("keyring-pending", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_REACHABLE] =
    g_param_spec_boolean ("reachable", NULL, NULL,
                          TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CHECKED] =
    g_param_spec_boolean ("checked", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LAST_CHECK] =
    g_param_spec_int64 ("last-check", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mc_session_init (McSession *self)
{
  self->state = MC_SESSION_STATE_LOADING;
  self->cancellable = g_cancellable_new ();
  self->cabinets = g_list_store_new (MC_TYPE_CABINET);
  self->chats = mc_chat_store_new ();
  self->stores = mc_store_list_new (self->chats);
  self->sync = mc_sync_engine_new (self->chats);
  self->token_store = mc_token_store_new ();
  self->unrefreshed = g_ptr_array_new_with_free_func (g_object_unref);
  self->remembered = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending_refresh = g_ptr_array_new_with_free_func (g_object_unref);

  g_signal_connect_object (self->sync, "notify::online",
                           G_CALLBACK (on_sync_online_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::syncing",
                           G_CALLBACK (on_sync_syncing_changed), self,
                           G_CONNECT_SWAPPED);
  self->reachable = mc_sync_engine_get_online (self->sync);
}

McChatTimeline *
mc_session_get_timeline (McSession *self,
                         McChat    *chat)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);
  g_return_val_if_fail (MC_IS_CHAT (chat), NULL);

  return mc_chat_timeline_lookup (self, chat);
}
