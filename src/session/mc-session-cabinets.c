/* mc-session-cabinets.c: the session's cabinets: adding, refreshing,
 * attaching to the store and the sync engine, removing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mc-session-private.h"

static McTokenKind
auth_kind_to_token_kind (McAuthKind kind)
{
  return kind == MC_AUTH_KIND_OAUTH ? MC_TOKEN_KIND_OAUTH : MC_TOKEN_KIND_API_KEY;
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

gboolean
mc_session_find_cabinet (McSession *self,
                         McCabinet *cabinet,
                         guint     *position)
{
  return g_list_store_find (self->cabinets, cabinet, position);
}

/* The cabinet stored under @label, or the one of @business_id (when not 0):
 * a new key for either replaces it. */
McCabinet *
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

  mc_sidebar_model_set_campaigns (self->stores,
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
void
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
void
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

void
mc_session_start_sync (McSession *self)
{
  if (self->sync_started)
    return;

  self->sync_started = TRUE;
  mc_sync_engine_start (self->sync);
}

void
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
void
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
    mc_sidebar_model_remove_business (self->stores, business_id);

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
      if (mc_error_is_cancelled (error))
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

void
mc_session_refresh_cabinet (McSession *self,
                            McCabinet *cabinet)
{
  mc_cabinet_refresh_async (cabinet,
                            self->cancellable,
                            mc_session_refresh_cb,
                            self);
}

void
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

McCabinet *
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

void
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
