/* mc-outbox.c: McOutbox: a send is recorded, its bubble shown pending,
 * then sent; it stays queued without a network and shows as failed when
 * the Market refuses it.  Confirming and reconciling are in
 * mc-outbox-confirm.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-outbox-private.h"

G_DEFINE_FINAL_TYPE (McOutbox, mc_outbox, G_TYPE_OBJECT)

enum {
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

gboolean
mc_outbox_alive (McOutbox *self)
{
  return !self->closed;
}

void
mc_outbox_emit_failed (McOutbox   *self,
                       gint64      chat_id,
                       const char *text)
{
  g_signal_emit (self, signals[FAILED], 0, chat_id, text);
}

void
mc_outbox_request_history (McOutbox *self,
                           gint64    chat_id,
                           GTask    *waiter)
{
  if (self->closed || self->history_func == NULL)
    {
      g_task_return_new_error (waiter, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The cabinet was removed"));
      return;
    }

  self->history_func (self, chat_id, waiter, self->history_data);
}

/* Bubbles */

/* A pending bubble knows its outbox entry, and a file's bubble its file,
 * so an earlier run's entries are shown once and a failed file can be
 * sent again. */
static gint64
bubble_get_outbox_id (McMessage *message)
{
  gint64 *id = g_object_get_data (G_OBJECT (message), "mc-outbox-id");

  return id != NULL ? *id : 0;
}

static void
bubble_set_outbox_id (McMessage *message,
                      gint64     outbox_id)
{
  g_object_set_data_full (G_OBJECT (message), "mc-outbox-id",
                          g_memdup2 (&outbox_id, sizeof outbox_id), g_free);
}

static void
bubble_set_file (McMessage  *message,
                 const char *path)
{
  g_object_set_data_full (G_OBJECT (message), "mc-file-path", g_strdup (path), g_free);
}

static void
keep_bubbles (McOutbox       *self,
              McMessageStore *messages)
{
  gint64 chat_id = mc_message_store_get_chat_id (messages);

  if (!g_hash_table_contains (self->bubble_stores, &chat_id))
    g_hash_table_insert (self->bubble_stores, g_memdup2 (&chat_id, sizeof chat_id),
                         g_object_ref (messages));
}

static gboolean
has_no_bubbles (gpointer key,
                gpointer value,
                gpointer user_data)
{
  GListModel *model = value;
  guint n = g_list_model_get_n_items (model);
  g_autoptr(McMessage) last = n > 0 ? g_list_model_get_item (model, n - 1) : NULL;

  return last == NULL || mc_message_get_message_id (last) != 0;
}

void
mc_outbox_release_bubbles (McOutbox *self)
{
  g_hash_table_foreach_remove (self->bubble_stores, has_no_bubbles, NULL);
}

static const char *
bubble_get_file_name (McMessage *message)
{
  GListModel *attachments = mc_message_get_attachments (message);
  g_autoptr(McAttachment) attachment = NULL;

  if (attachments == NULL || g_list_model_get_n_items (attachments) == 0)
    return NULL;

  attachment = g_list_model_get_item (attachments, 0);
  /* The model holds it: the name outlives this reference. */
  return mc_attachment_get_name (attachment);
}

/* The bubble of @entry, made when an earlier run left the entry behind. */
McMessage *
mc_outbox_bubble (McOutbox            *self,
                  const McOutboxEntry *entry)
{
  g_autoptr(McMessageStore) messages = mc_chat_store_get_messages (self->store, entry->chat_id);
  GListModel *model = G_LIST_MODEL (messages);
  McMessage *bubble;

  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (model, i - 1);

      if (mc_message_get_message_id (message) != 0)
        break;
      if (bubble_get_outbox_id (message) == entry->id)
        return g_steal_pointer (&message);
    }

  bubble = mc_message_new (0, entry->chat_id);
  mc_message_set_sender (bubble, MC_SENDER_PARTNER);
  mc_message_set_created_at (bubble, entry->created_at);
  mc_message_set_text (bubble, entry->text);
  if (entry->file_path != NULL)
    {
      g_autofree char *name = g_path_get_basename (entry->file_path);
      g_autoptr(McAttachment) attachment = mc_attachment_new (name, NULL, 0);

      mc_message_add_attachment (bubble, attachment);
      bubble_set_file (bubble, entry->file_path);
    }
  bubble_set_outbox_id (bubble, entry->id);
  mc_message_store_add_pending (messages, bubble);
  keep_bubbles (self, messages);

  return bubble;
}

/* Sending */

typedef struct
{
  gint64          chat_id;
  char           *text;
  GFile          *file;
  char           *file_name;
  goffset         file_size;
  McMessageStore *messages;
  McMessage      *pending;
  gint64          outbox_id;
  guint64         serial;
  GError         *send_error;
} SendOp;

static void
send_op_free (gpointer data)
{
  SendOp *op = data;

  g_free (op->text);
  g_clear_object (&op->file);
  g_free (op->file_name);
  g_clear_object (&op->messages);
  g_clear_object (&op->pending);
  g_clear_error (&op->send_error);
  g_free (op);
}

static void
send_forget_outbox (McOutbox *self,
                    SendOp   *op)
{
  g_hash_table_remove (self->sending, &op->outbox_id);
}

/* Refused by the Market (or before it): the pending message says why. */
static void
send_fail (GTask  *task,
           GError *error)
{
  McOutbox *self = g_task_get_source_object (task);
  SendOp *op = g_task_get_task_data (task);
  g_autofree char *description = mc_api_error_describe (error);

  mc_message_set_state (op->pending, MC_MESSAGE_STATE_FAILED);
  mc_message_set_error (op->pending, description);

  if (op->outbox_id != 0 && self->cache != NULL)
    mc_cache_outbox_set_state (self->cache, op->outbox_id, MC_OUTBOX_STATE_FAILED);
  send_forget_outbox (self, op);

  g_task_return_error (task, error);
}

static void
on_confirm_history (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* The message went out; a history that failed only delays the
   * confirmation until the next fetch of this chat. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_debug ("Could not confirm a sent message yet: %s", error->message);

  g_task_return_boolean (task, TRUE);
}

static void
on_timeout_history (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McOutbox *self = g_task_get_source_object (task);
  SendOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  Unconfirmed *u;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Its fate is unknown: the entry stays SENDING, and the bubble
       * pending, until the Market answers again and its history settles
       * it; nothing is retried meanwhile. */
      if (op->outbox_id == 0 || !mc_outbox_alive (self))
        {
          u = mc_outbox_find_unconfirmed (self, op->serial);
          if (u != NULL)
            g_ptr_array_remove (self->unconfirmed, u);
          send_fail (task, g_steal_pointer (&op->send_error));
          return;
        }

      self->unsettled = TRUE;
      mc_message_set_error (op->pending,
                            _("The Market cannot be reached: whether the message arrived is "
                              "checked as soon as it answers again"));
      send_forget_outbox (self, op);
      g_task_return_error (task, g_steal_pointer (&op->send_error));
      return;
    }

  u = mc_outbox_find_unconfirmed (self, op->serial);
  if (u == NULL)
    {
      g_debug ("A send that timed out had reached the Market");
      send_forget_outbox (self, op);
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_ptr_array_remove (self->unconfirmed, u);
  send_fail (task, g_steal_pointer (&op->send_error));
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McOutbox *self = g_task_get_source_object (task);
  SendOp *op = g_task_get_task_data (task);
  g_autoptr(GTask) history = NULL;
  GError *error = NULL;
  gboolean ok;
  Unconfirmed *u;

  if (op->file != NULL)
    ok = mc_api_client_send_file_finish (MC_API_CLIENT (object), result, &error);
  else
    ok = mc_api_client_send_message_finish (MC_API_CLIENT (object), result, &error);

  /* Only a refusal before the request left is certain; after any other
   * error (a 5xx, a lost answer, even a refusal) history decides. */
  if (!ok && (g_error_matches (error, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT) ||
              g_error_matches (error, MC_API_ERROR, MC_API_ERROR_TOO_LARGE)))
    {
      send_fail (task, error);
      return;
    }

  if (!mc_outbox_alive (self))
    {
      if (error != NULL)
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, TRUE);
      return;
    }

  u = mc_outbox_unconfirmed_add (self, op->chat_id, op->file != NULL ? op->file_name : op->text,
                                 op->file != NULL, mc_message_get_created_at (op->pending),
                                 op->pending);
  op->serial = u->serial;

  if (ok)
    {
      if (op->outbox_id != 0 && self->cache != NULL)
        mc_cache_outbox_remove (self->cache, op->outbox_id);
      send_forget_outbox (self, op);
      history = g_task_new (self, NULL, on_confirm_history, g_object_ref (task));
    }
  else
    {
      /* The request may have reached the Market: look before anything is
       * sent again. */
      u->outbox_id = op->outbox_id;
      op->send_error = error;
      history = g_task_new (self, NULL, on_timeout_history, g_object_ref (task));
    }

  g_task_set_source_tag (history, on_sent);
  mc_outbox_request_history (self, op->chat_id, history);
}

static void
send_go (GTask *task)
{
  McOutbox *self = g_task_get_source_object (task);
  SendOp *op = g_task_get_task_data (task);

  if (op->file != NULL)
    mc_api_client_send_file_async (self->client, self->business_id, op->chat_id, op->file,
                                   g_task_get_cancellable (task), on_sent, g_object_ref (task));
  else
    mc_api_client_send_message_async (self->client, self->business_id, op->chat_id, op->text,
                                      g_task_get_cancellable (task), on_sent, g_object_ref (task));
}

static void
on_outbox_added (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McOutbox *self = g_task_get_source_object (task);
  SendOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->outbox_id = mc_cache_outbox_add_finish (MC_CACHE (object), result, &error);
  if (op->outbox_id == 0)
    {
      send_fail (task, error);
      return;
    }

  bubble_set_outbox_id (op->pending, op->outbox_id);

  /* No network: nothing can go out, so nothing needs checking later.  It
   * waits QUEUED and is sent as soon as the network is back. */
  if (!self->online && mc_outbox_alive (self))
    {
      g_hash_table_add (self->held, g_memdup2 (&op->outbox_id, sizeof op->outbox_id));
      self->unsettled = TRUE;
      mc_message_set_error (op->pending, _("No network: the message is sent as soon as it is back"));
      g_task_return_new_error (task, MC_API_ERROR, MC_API_ERROR_NETWORK,
                               _("No network: the message is sent as soon as it is back"));
      return;
    }

  g_hash_table_add (self->sending, g_memdup2 (&op->outbox_id, sizeof op->outbox_id));
  mc_cache_outbox_set_state (MC_CACHE (object), op->outbox_id, MC_OUTBOX_STATE_SENDING);
  send_go (task);
}

/* Sends an entry an earlier run recorded but never handed to the network. */
void
mc_outbox_resume_entry (McOutbox            *self,
                        const McOutboxEntry *entry)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, NULL, NULL);
  SendOp *op = g_new0 (SendOp, 1);

  g_task_set_source_tag (task, mc_outbox_resume_entry);
  op->chat_id = entry->chat_id;
  op->text = g_strdup (entry->text);
  if (entry->file_path != NULL)
    {
      op->file = g_file_new_for_path (entry->file_path);
      op->file_name = g_path_get_basename (entry->file_path);
    }
  op->messages = mc_chat_store_get_messages (self->store, entry->chat_id);
  op->pending = mc_outbox_bubble (self, entry);
  mc_message_set_error (op->pending, NULL);
  op->outbox_id = entry->id;
  g_task_set_task_data (task, op, send_op_free);

  g_hash_table_add (self->sending, g_memdup2 (&op->outbox_id, sizeof op->outbox_id));
  mc_cache_outbox_set_state (self->cache, op->outbox_id, MC_OUTBOX_STATE_SENDING);
  send_go (task);
}

/* Forgets the failed bubbles of an attempt at sending @what (a text, or a
 * file's name) in @messages. */
static void
forget_failed_bubbles (McMessageStore *messages,
                       const char     *what,
                       gboolean        is_file)
{
  GListModel *model = G_LIST_MODEL (messages);

  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (model, i - 1);

      if (mc_message_get_message_id (message) != 0)
        break;
      if (mc_message_get_state (message) != MC_MESSAGE_STATE_FAILED)
        continue;
      if (is_file ? g_strcmp0 (bubble_get_file_name (message), what) == 0
                  : g_strcmp0 (mc_message_get_text (message), what) == 0)
        mc_message_store_remove_pending (messages, message);
    }
}

/* Forgets the failed attempts at sending @what to @chat_id: their bubbles
 * in @messages and their outbox entries, so an attempt the seller retried
 * or took back to edit is not offered again. */
static void
forget_failed_attempts (McMessageStore *messages,
                        McCache        *cache,
                        gint64          chat_id,
                        const char     *what,
                        gboolean        is_file)
{
  forget_failed_bubbles (messages, what, is_file);

  if (cache != NULL)
    {
      g_autoptr(GPtrArray) entries = mc_cache_list_outbox (cache, NULL);

      for (guint i = 0; entries != NULL && i < entries->len; i++)
        {
          McOutboxEntry *entry = g_ptr_array_index (entries, i);
          g_autofree char *name = NULL;

          if (entry->chat_id != chat_id || entry->state != MC_OUTBOX_STATE_FAILED)
            continue;
          if (entry->file_path != NULL)
            name = g_path_get_basename (entry->file_path);
          if (g_strcmp0 (entry->text != NULL ? entry->text : name, what) == 0)
            mc_cache_outbox_remove (cache, entry->id);
        }
    }
}

static void
send_begin (GTask *task)
{
  McOutbox *self = g_task_get_source_object (task);
  SendOp *op = g_task_get_task_data (task);
  g_autofree char *path = NULL;

  op->messages = mc_chat_store_get_messages (self->store, op->chat_id);
  /* A retry replaces the failed attempt the composer showed. */
  forget_failed_attempts (op->messages, self->cache, op->chat_id,
                          op->file != NULL ? op->file_name : op->text,
                          op->file != NULL);

  op->pending = mc_message_new (0, op->chat_id);
  mc_message_set_sender (op->pending, MC_SENDER_PARTNER);
  mc_message_set_created_at (op->pending, g_get_real_time ());
  mc_message_set_text (op->pending, op->text);
  if (op->file != NULL)
    {
      g_autoptr(McAttachment) attachment = mc_attachment_new (op->file_name, NULL, op->file_size);

      g_autofree char *file_path = g_file_get_path (op->file);

      mc_message_add_attachment (op->pending, attachment);
      bubble_set_file (op->pending, file_path);
    }
  mc_message_store_add_pending (op->messages, op->pending);
  keep_bubbles (self, op->messages);
  mc_chat_store_mark_answered (self->store, op->chat_id);

  if (self->cache == NULL)
    {
      send_go (task);
      return;
    }

  if (op->file != NULL)
    path = g_file_get_path (op->file);

  mc_cache_outbox_add_async (self->cache, op->chat_id, op->text, path, NULL,
                             on_outbox_added, g_object_ref (task));
}

void
mc_outbox_send_message_async (McOutbox            *self,
                              gint64               chat_id,
                              const char          *text,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SendOp *op;

  g_return_if_fail (MC_IS_OUTBOX (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mc_outbox_send_message_async);
  g_task_set_check_cancellable (task, FALSE);

  if (!g_utf8_validate (text, -1, NULL) || *text == '\0')
    {
      g_task_return_new_error (task, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
                               _("The message is empty"));
      return;
    }

  if (g_utf8_strlen (text, -1) > MC_API_MAX_MESSAGE_CHARS)
    {
      g_task_return_new_error (task, MC_API_ERROR, MC_API_ERROR_TOO_LARGE,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "The message is longer than %d character",
                                            "The message is longer than %d characters",
                                            MC_API_MAX_MESSAGE_CHARS),
                               MC_API_MAX_MESSAGE_CHARS);
      return;
    }

  op = g_new0 (SendOp, 1);
  op->chat_id = chat_id;
  op->text = g_strdup (text);
  g_task_set_task_data (task, op, send_op_free);

  send_begin (task);
}

gboolean
mc_outbox_send_message_finish (McOutbox      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_file_info (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendOp *op = g_task_get_task_data (task);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (info == NULL)
    {
      g_task_return_new_error (task, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
                               _("Could not read the file: %s"), error->message);
      return;
    }

  if (g_file_info_get_size (info) > MC_API_MAX_FILE_SIZE)
    {
      g_task_return_new_error (task, MC_API_ERROR, MC_API_ERROR_TOO_LARGE,
                               _("The file “%s” is larger than 5 MB"), op->file_name);
      return;
    }

  op->file_size = g_file_info_get_size (info);
  send_begin (task);
}

void
mc_outbox_send_file_async (McOutbox            *self,
                           gint64               chat_id,
                           GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SendOp *op;

  g_return_if_fail (MC_IS_OUTBOX (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mc_outbox_send_file_async);
  g_task_set_check_cancellable (task, FALSE);

  op = g_new0 (SendOp, 1);
  op->chat_id = chat_id;
  op->file = g_object_ref (file);
  op->file_name = g_file_get_basename (file);
  g_task_set_task_data (task, op, send_op_free);

  g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, cancellable, on_file_info, g_object_ref (task));
}

gboolean
mc_outbox_send_file_finish (McOutbox      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static const char *
bubble_attempt (McMessage *message,
                gboolean  *is_file)
{
  const char *name = bubble_get_file_name (message);

  *is_file = name != NULL;

  return name != NULL ? name : mc_message_get_text (message);
}

void
mc_outbox_discard_failed (McOutbox  *self,
                          McMessage *message)
{
  g_autoptr(McMessageStore) messages = NULL;
  gint64 chat_id;
  gboolean is_file;
  const char *what;

  g_return_if_fail (MC_IS_OUTBOX (self));
  g_return_if_fail (MC_IS_MESSAGE (message));

  chat_id = mc_message_get_chat_id (message);
  messages = mc_chat_store_get_messages (self->store, chat_id);
  what = bubble_attempt (message, &is_file);
  forget_failed_attempts (messages, self->cache, chat_id, what, is_file);
  mc_outbox_release_bubbles (self);
}

void
mc_outbox_forget_failed_bubbles (McMessageStore *messages,
                                 McMessage      *message)
{
  gboolean is_file;
  const char *what;

  g_return_if_fail (MC_IS_MESSAGE_STORE (messages));
  g_return_if_fail (MC_IS_MESSAGE (message));

  what = bubble_attempt (message, &is_file);
  forget_failed_bubbles (messages, what, is_file);
}

GFile *
mc_outbox_dup_bubble_file (McMessage *message)
{
  const char *path;

  g_return_val_if_fail (MC_IS_MESSAGE (message), NULL);

  path = g_object_get_data (G_OBJECT (message), "mc-file-path");

  return path != NULL && mc_message_get_message_id (message) == 0 ? g_file_new_for_path (path) : NULL;
}

/* The object */

McOutbox *
mc_outbox_new (McChatStore *store,
               McApiClient *client,
               McCache     *cache,
               gint64       business_id)
{
  McOutbox *self;

  g_return_val_if_fail (MC_IS_CHAT_STORE (store), NULL);
  g_return_val_if_fail (MC_IS_API_CLIENT (client), NULL);
  g_return_val_if_fail (cache == NULL || MC_IS_CACHE (cache), NULL);

  self = g_object_new (MC_TYPE_OUTBOX, NULL);
  self->store = g_object_ref (store);
  self->client = g_object_ref (client);
  self->cache = cache != NULL ? g_object_ref (cache) : NULL;
  self->business_id = business_id;

  return self;
}

void
mc_outbox_set_history_func (McOutbox            *self,
                            McOutboxHistoryFunc  func,
                            gpointer             user_data,
                            GDestroyNotify       destroy)
{
  g_return_if_fail (MC_IS_OUTBOX (self));

  if (self->history_destroy != NULL)
    self->history_destroy (self->history_data);
  self->history_func = func;
  self->history_data = user_data;
  self->history_destroy = destroy;
}

void
mc_outbox_set_online (McOutbox *self,
                      gboolean  online)
{
  g_return_if_fail (MC_IS_OUTBOX (self));

  self->online = !!online;
}

gboolean
mc_outbox_take_unsettled (McOutbox *self)
{
  gboolean unsettled;

  g_return_val_if_fail (MC_IS_OUTBOX (self), FALSE);

  unsettled = self->unsettled;
  self->unsettled = FALSE;

  return unsettled;
}

void
mc_outbox_close (McOutbox *self)
{
  g_return_if_fail (MC_IS_OUTBOX (self));

  self->closed = TRUE;
  g_ptr_array_set_size (self->unconfirmed, 0);
  mc_outbox_set_history_func (self, NULL, NULL, NULL);
}

static void
mc_outbox_dispose (GObject *object)
{
  McOutbox *self = MC_OUTBOX (object);

  mc_outbox_close (self);

  G_OBJECT_CLASS (mc_outbox_parent_class)->dispose (object);
}

static void
mc_outbox_finalize (GObject *object)
{
  McOutbox *self = MC_OUTBOX (object);

  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->cache);
  g_ptr_array_unref (self->unconfirmed);
  g_hash_table_unref (self->claimed_ids);
  g_hash_table_unref (self->sending);
  g_hash_table_unref (self->bubble_stores);
  g_hash_table_unref (self->held);

  G_OBJECT_CLASS (mc_outbox_parent_class)->finalize (object);
}

static void
mc_outbox_class_init (McOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mc_outbox_dispose;
  object_class->finalize = mc_outbox_finalize;

  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);
}

static void
mc_outbox_init (McOutbox *self)
{
  self->online = TRUE;
  self->unconfirmed = g_ptr_array_new_with_free_func (mc_outbox_unconfirmed_free);
  self->claimed_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->sending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->bubble_stores = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->held = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}
