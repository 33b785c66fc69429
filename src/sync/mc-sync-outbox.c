/* mc-sync-outbox.c: McSyncEngine's sends: each cabinet owns a McOutbox;
 * the engine checks a send against the chat and the cabinet, brings the
 * outbox the history it asks for, and passes its failures on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-sync-engine-private.h"

/* The outbox's history comes through the cabinet's queue of fetches, in
 * front of backfill: the seller waits for it. */
static void
outbox_history (McOutbox *outbox,
                gint64    chat_id,
                GTask    *waiter,
                gpointer  user_data)
{
  Cab *cab = user_data;

  mc_sync_history_request (cab, chat_id, 0, waiter, TRUE);
}

static void
on_outbox_failed (McOutbox   *outbox,
                  gint64      chat_id,
                  const char *text,
                  Cab        *cab)
{
  if (cab->engine != NULL)
    mc_sync_emit_outbox_failed (cab->engine, cab, chat_id, text);
}

void
mc_sync_cab_open_outbox (Cab *cab)
{
  g_assert (cab->outbox == NULL);

  cab->outbox = mc_outbox_new (cab->engine->store, cab_client (cab),
                               mc_cabinet_get_cache (cab->cabinet), cab_business_id (cab));
  mc_outbox_set_online (cab->outbox, cab->engine->online);
  /* The outbox holds the cabinet while it may ask for history; closing it
   * drops that reference. */
  mc_outbox_set_history_func (cab->outbox, outbox_history, cab_ref (cab),
                              (GDestroyNotify) cab_unref);
  cab->outbox_failed_id = g_signal_connect (cab->outbox, "failed",
                                            G_CALLBACK (on_outbox_failed), cab);
}

void
mc_sync_cab_close_outbox (Cab *cab)
{
  g_clear_signal_handler (&cab->outbox_failed_id, cab->outbox);
  mc_outbox_close (cab->outbox);
  /* A poll or fetch still running may hold the Cab a while: the outbox,
   * and the chat store it holds, must not outlive the engine with it. */
  g_clear_object (&cab->outbox);
}

void
mc_sync_reconcile_outbox (Cab      *cab,
                          gboolean  at_start)
{
  g_autoptr(GError) error = NULL;

  if (!cab_alive (cab))
    return;

  if (!mc_outbox_reconcile (cab->outbox, at_start, &error))
    mc_sync_report_error (cab, error);
}

/* Checks that hold before anything is recorded or sent. */
static gboolean
send_check (McSyncEngine  *self,
            gint64         chat_id,
            Cab          **out_cab,
            GError       **error)
{
  McChat *chat = mc_chat_store_lookup (self->store, chat_id);
  Cab *cab = mc_sync_find_cab_for_chat (self, chat_id);

  if (chat == NULL || cab == NULL)
    {
      g_set_error (error, MC_API_ERROR, MC_API_ERROR_NOT_FOUND,
                   _("This chat is not known to any of your cabinets"));
      return FALSE;
    }

  if (mc_chat_get_status (chat) == MC_CHAT_STATUS_FINISHED)
    {
      g_set_error (error, MC_API_ERROR, MC_API_ERROR_FORBIDDEN,
                   _("This chat is finished: the customer can no longer be answered in it"));
      return FALSE;
    }

  if (!mc_cabinet_get_can_send (cab->cabinet))
    {
      g_set_error (error, MC_API_ERROR, MC_API_ERROR_FORBIDDEN,
                   _("The key of cabinet “%s” may only read: answering needs a key with the “Communication with customers” access"),
                   mc_cabinet_get_label (cab->cabinet));
      return FALSE;
    }

  *out_cab = cab;

  return TRUE;
}

static void
on_message_sent (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (mc_outbox_send_message_finish (MC_OUTBOX (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
mc_sync_engine_send_message_async (McSyncEngine        *self,
                                   gint64               chat_id,
                                   const char          *text,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Cab *cab;

  g_return_if_fail (MC_IS_SYNC_ENGINE (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mc_sync_engine_send_message_async);
  g_task_set_check_cancellable (task, FALSE);

  if (!send_check (self, chat_id, &cab, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  mc_outbox_send_message_async (cab->outbox, chat_id, text, cancellable,
                                on_message_sent, g_steal_pointer (&task));
}

gboolean
mc_sync_engine_send_message_finish (McSyncEngine  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_file_sent (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (mc_outbox_send_file_finish (MC_OUTBOX (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
mc_sync_engine_send_file_async (McSyncEngine        *self,
                                gint64               chat_id,
                                GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Cab *cab;

  g_return_if_fail (MC_IS_SYNC_ENGINE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mc_sync_engine_send_file_async);
  g_task_set_check_cancellable (task, FALSE);

  if (!send_check (self, chat_id, &cab, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  mc_outbox_send_file_async (cab->outbox, chat_id, file, cancellable,
                             on_file_sent, g_steal_pointer (&task));
}

gboolean
mc_sync_engine_send_file_finish (McSyncEngine  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
mc_sync_engine_discard_failed (McSyncEngine *self,
                               McMessage    *message)
{
  Cab *cab;

  g_return_if_fail (MC_IS_SYNC_ENGINE (self));
  g_return_if_fail (MC_IS_MESSAGE (message));
  g_return_if_fail (mc_message_get_state (message) == MC_MESSAGE_STATE_FAILED);

  cab = mc_sync_find_cab_for_chat (self, mc_message_get_chat_id (message));
  if (cab != NULL)
    mc_outbox_discard_failed (cab->outbox, message);
  else
    {
      g_autoptr(McMessageStore) messages = NULL;

      messages = mc_chat_store_get_messages (self->store, mc_message_get_chat_id (message));
      mc_outbox_forget_failed_bubbles (messages, message);
    }
}

GFile *
mc_sync_engine_dup_pending_file (McSyncEngine *self,
                                 McMessage    *message)
{
  g_return_val_if_fail (MC_IS_SYNC_ENGINE (self), NULL);
  g_return_val_if_fail (MC_IS_MESSAGE (message), NULL);

  return mc_outbox_dup_bubble_file (message);
}

gboolean
mc_sync_engine_has_pending_text (McSyncEngine *self,
                                 gint64        chat_id,
                                 const char   *text)
{
  g_autoptr(McMessageStore) messages = NULL;
  GListModel *model;

  g_return_val_if_fail (MC_IS_SYNC_ENGINE (self), FALSE);

  messages = mc_chat_store_get_messages (self->store, chat_id);
  model = G_LIST_MODEL (messages);
  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (model, i - 1);

      if (mc_message_get_message_id (message) != 0)
        break;
      if (mc_message_get_state (message) == MC_MESSAGE_STATE_PENDING &&
          mc_outbox_texts_match (mc_message_get_text (message), text))
        return TRUE;
    }

  return FALSE;
}

gboolean
mc_sync_engine_texts_match (const char *a,
                            const char *b)
{
  return mc_outbox_texts_match (a, b);
}
