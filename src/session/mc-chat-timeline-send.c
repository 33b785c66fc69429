/* mc-chat-timeline-send.c: the sending verbs of McChatTimeline.
 *
 * What happens to a text that did not go out is decided here: it is never
 * lost, and never sent twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-session.h"
#include "mc-sync-engine.h"
#include "mc-chat-timeline.h"
#include "mc-chat-timeline-private.h"

/* Whether a bubble (pending or failed) holds @text, which gives the text
 * back through take-back. */
static gboolean
has_bubble (McChatTimeline *self,
            const char     *text)
{
  GListModel *model = G_LIST_MODEL (self->messages);

  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (model, i - 1);

      if (mc_message_get_message_id (message) != 0)
        break;
      if (g_strcmp0 (mc_message_get_text (message), text) == 0)
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  char    *text;
  gboolean from_draft;
} SendData;

static void
send_data_free (SendData *data)
{
  g_free (data->text);
  g_free (data);
}

static void
on_text_sent (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McChatTimeline *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (mc_sync_engine_send_message_finish (MC_SYNC_ENGINE (object), result, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* A send refused before it was recorded left no bubble to give the text
   * back; one with a bubble (pending or failed) never refills the draft,
   * where it could be sent a second time. */
  if (!has_bubble (self, data->text))
    mc_chat_timeline_give_back (self, data->text);

  g_task_return_error (task, error);
}

static void
send_text (McChatTimeline      *self,
           const char          *text,
           gboolean             from_draft,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(McSession) session = mc_chat_timeline_dup_session (self);
  g_autoptr(GTask) task = NULL;
  SendData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mc_chat_timeline_send_text_async);
  /* The outbox sees a send through, whoever stops waiting for it. */
  g_task_set_check_cancellable (task, FALSE);

  data = g_new0 (SendData, 1);
  data->text = g_strdup (text);
  data->from_draft = from_draft;
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  /* The text now lives in a bubble that can give it back: a draft still
   * holding it would send it twice after a restart. */
  if (from_draft && self->draft != NULL &&
      mc_sync_engine_texts_match (self->draft, text))
    mc_chat_timeline_set_draft (self, NULL);
  mc_chat_timeline_save_draft (self);

  if (session == NULL)
    {
      mc_chat_timeline_give_back (self, text);
      mc_chat_timeline_return_no_session (task);
      return;
    }

  mc_sync_engine_send_message_async (mc_session_get_sync (session), self->chat_id, text, NULL,
                                     on_text_sent, g_steal_pointer (&task));
}

void
mc_chat_timeline_send_text_async (McChatTimeline      *self,
                                  const char          *text,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (MC_IS_CHAT_TIMELINE (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  send_text (self, text, TRUE, cancellable, callback, user_data);
}

gboolean
mc_chat_timeline_send_text_finish (McChatTimeline  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
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

  if (mc_sync_engine_send_file_finish (MC_SYNC_ENGINE (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
mc_chat_timeline_send_file_async (McChatTimeline      *self,
                                  GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(McSession) session = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MC_IS_CHAT_TIMELINE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mc_chat_timeline_send_file_async);
  g_task_set_check_cancellable (task, FALSE);

  session = mc_chat_timeline_dup_session (self);
  if (session == NULL)
    {
      mc_chat_timeline_return_no_session (task);
      return;
    }

  mc_sync_engine_send_file_async (mc_session_get_sync (session), self->chat_id, file, NULL,
                                  on_file_sent, g_steal_pointer (&task));
}

gboolean
mc_chat_timeline_send_file_finish (McChatTimeline  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
mc_chat_timeline_has_pending_text (McChatTimeline *self,
                                   const char     *text)
{
  g_autoptr(McSession) session = NULL;

  g_return_val_if_fail (MC_IS_CHAT_TIMELINE (self), FALSE);

  session = mc_chat_timeline_dup_session (self);

  return session != NULL &&
         mc_sync_engine_has_pending_text (mc_session_get_sync (session), self->chat_id, text);
}

static void
on_retried (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McChatTimeline *self = MC_CHAT_TIMELINE (object);
  GError *error = NULL;
  gboolean ok;

  if (g_task_get_source_tag (G_TASK (result)) == mc_chat_timeline_send_file_async)
    ok = mc_chat_timeline_send_file_finish (self, result, &error);
  else
    ok = mc_chat_timeline_send_text_finish (self, result, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
mc_chat_timeline_retry_async (McChatTimeline      *self,
                              McMessage           *failed,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(McSession) session = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_if_fail (MC_IS_CHAT_TIMELINE (self));
  g_return_if_fail (MC_IS_MESSAGE (failed));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mc_chat_timeline_retry_async);
  g_task_set_check_cancellable (task, FALSE);

  session = mc_chat_timeline_dup_session (self);
  if (session == NULL)
    {
      mc_chat_timeline_return_no_session (task);
      return;
    }

  /* The engine replaces the failed bubble with the new attempt. */
  file = mc_sync_engine_dup_pending_file (mc_session_get_sync (session), failed);
  if (file != NULL)
    mc_chat_timeline_send_file_async (self, file, NULL, on_retried, g_steal_pointer (&task));
  else if (mc_message_get_text (failed) != NULL)
    send_text (self, mc_message_get_text (failed), FALSE, NULL, on_retried, g_steal_pointer (&task));
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                             "Message %" G_GINT64_FORMAT " has nothing to send again",
                             mc_message_get_message_id (failed));
}

gboolean
mc_chat_timeline_retry_finish (McChatTimeline  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
mc_chat_timeline_take_back (McChatTimeline *self,
                            McMessage      *failed)
{
  g_autoptr(McSession) session = NULL;
  g_autoptr(McMessage) message = NULL;

  g_return_if_fail (MC_IS_CHAT_TIMELINE (self));
  g_return_if_fail (MC_IS_MESSAGE (failed));

  /* Forgetting it drops the store's reference. */
  message = g_object_ref (failed);
  session = mc_chat_timeline_dup_session (self);
  if (session != NULL && mc_message_get_state (message) == MC_MESSAGE_STATE_FAILED)
    mc_sync_engine_discard_failed (mc_session_get_sync (session), message);
  else if (mc_message_get_message_id (message) == 0)
    mc_message_store_remove_pending (self->messages, message);

  mc_chat_timeline_give_back (self, mc_message_get_text (message));
}
