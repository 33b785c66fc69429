/* mc-cache-messages.c: the messages of each chat with their attachments,
 * which of them the seller has not read yet, and which of the seller's
 * were sent from elsewhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mc-cache-private.h"

static gboolean
load_messages_job (McCache   *self,
                   sqlite3   *db,
                   gpointer   data,
                   gpointer  *result,
                   GError   **error)
{
  gint64 chat_id = *(gint64 *) data;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_id = NULL;
  g_autofree gint64 *ids = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = mc_cache_query (self, error,
                         "SELECT m.message_id, m.created_at, m.sender, m.text,"
                         " e.message_id IS NOT NULL FROM messages m"
                         " LEFT JOIN messages_from_elsewhere e"
                         " ON e.chat_id = m.chat_id AND e.message_id = m.message_id"
                         " WHERE m.chat_id = ? ORDER BY m.created_at, m.message_id",
                         "x", chat_id);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McMessage *message = mc_message_new (sqlite3_column_int64 (stmt, 0), chat_id);

      mc_message_set_created_at (message, sqlite3_column_int64 (stmt, 1));
      mc_message_set_sender (message, mc_sender_from_string ((const char *) sqlite3_column_text (stmt, 2)));
      mc_message_set_text (message, (const char *) sqlite3_column_text (stmt, 3));
      mc_message_set_from_elsewhere (message, sqlite3_column_int (stmt, 4) != 0);
      g_ptr_array_add (messages, message);
    }
  if (!mc_cache_query_end (stmt, rc, "SELECT FROM messages", error))
    return FALSE;

  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  ids = g_new (gint64, MAX (messages->len, 1));
  for (guint i = 0; i < messages->len; i++)
    {
      ids[i] = mc_message_get_message_id (g_ptr_array_index (messages, i));
      g_hash_table_insert (by_id, &ids[i], g_ptr_array_index (messages, i));
    }

  stmt = mc_cache_query (self, error,
                         "SELECT message_id, name, url, size FROM attachments"
                         " WHERE chat_id = ? ORDER BY message_id, position",
                         "x", chat_id);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 message_id = sqlite3_column_int64 (stmt, 0);
      McMessage *message = g_hash_table_lookup (by_id, &message_id);
      g_autoptr(McAttachment) attachment = NULL;

      if (message == NULL)
        continue;
      attachment = mc_attachment_new ((const char *) sqlite3_column_text (stmt, 1),
                                      (const char *) sqlite3_column_text (stmt, 2),
                                      sqlite3_column_int64 (stmt, 3));
      mc_message_add_attachment (message, attachment);
    }
  if (!mc_cache_query_end (stmt, rc, "SELECT FROM attachments", error))
    return FALSE;

  *result = g_steal_pointer (&messages);
  return TRUE;
}

GPtrArray *
mc_cache_load_messages (McCache  *self,
                        gint64    chat_id,
                        GError  **error)
{
  g_return_val_if_fail (MC_IS_CACHE (self), NULL);
  return mc_cache_run_sync (self, load_messages_job, &chat_id, error);
}

void
mc_cache_load_messages_async (McCache             *self,
                              gint64               chat_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (MC_IS_CACHE (self));

  mc_cache_queue_job (self, load_messages_job, g_memdup2 (&chat_id, sizeof chat_id), g_free,
                      (GDestroyNotify) g_ptr_array_unref, mc_cache_load_messages_async,
                      cancellable, callback, user_data);
}

GPtrArray *
mc_cache_load_messages_finish (McCache       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
int64_array_unref (gpointer data)
{
  g_array_unref (data);
}

static gboolean
load_unread_ids_job (McCache   *self,
                     sqlite3   *db,
                     gpointer   data,
                     gpointer  *result,
                     GError   **error)
{
  g_autoptr(GHashTable) unread = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = mc_cache_query (self, error,
                         "SELECT m.chat_id, m.message_id FROM messages m"
                         " LEFT JOIN read_markers r ON r.chat_id = m.chat_id"
                         " WHERE m.sender = 'CUSTOMER'"
                         " AND m.message_id > COALESCE (r.message_id, 0)"
                         " ORDER BY m.chat_id, m.message_id", "");
  if (stmt == NULL)
    return FALSE;

  unread = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, int64_array_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 chat_id = sqlite3_column_int64 (stmt, 0);
      gint64 message_id = sqlite3_column_int64 (stmt, 1);
      GArray *ids = g_hash_table_lookup (unread, &chat_id);

      if (ids == NULL)
        {
          ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (unread, g_memdup2 (&chat_id, sizeof chat_id), ids);
        }
      g_array_append_val (ids, message_id);
    }
  if (!mc_cache_query_end (stmt, rc, "SELECT unread messages", error))
    return FALSE;

  *result = g_steal_pointer (&unread);
  return TRUE;
}

GHashTable *
mc_cache_load_unread_ids (McCache  *self,
                          GError  **error)
{
  g_return_val_if_fail (MC_IS_CACHE (self), NULL);
  return mc_cache_run_sync (self, load_unread_ids_job, NULL, error);
}

typedef struct
{
  gint64 chat_id;
  gint64 message_id;
} ElsewhereRow;

static gboolean
save_from_elsewhere_job (McCache   *self,
                         sqlite3   *db,
                         gpointer   data,
                         gpointer  *result,
                         GError   **error)
{
  ElsewhereRow *row = data;

  return mc_cache_run (self, error,
                       "INSERT OR IGNORE INTO messages_from_elsewhere (chat_id, message_id)"
                       " VALUES (?, ?)",
                       "xx", row->chat_id, row->message_id);
}

void
mc_cache_save_message_from_elsewhere (McCache *self,
                                      gint64   chat_id,
                                      gint64   message_id)
{
  gint64 started = g_get_monotonic_time ();
  ElsewhereRow *row;

  g_return_if_fail (MC_IS_CACHE (self));
  g_return_if_fail (message_id != 0);

  row = g_new (ElsewhereRow, 1);
  row->chat_id = chat_id;
  row->message_id = message_id;
  mc_cache_queue_job (self, save_from_elsewhere_job, row, g_free, NULL,
                      mc_cache_save_message_from_elsewhere, NULL, NULL, NULL);
  mc_cache_note_block (self, started);
}

typedef struct
{
  char   *name;
  char   *url;
  gint64  size;
} AttachmentRow;

typedef struct
{
  gint64  chat_id;
  gint64  message_id;
  gint64  created_at;
  char   *text;
  GArray *attachments;  /* AttachmentRow, or NULL */
  McSender sender;
} MessageRow;

static void
attachment_row_clear (gpointer data)
{
  AttachmentRow *row = data;

  g_free (row->name);
  g_free (row->url);
}

static void
message_row_clear (gpointer data)
{
  MessageRow *row = data;

  g_free (row->text);
  g_clear_pointer (&row->attachments, g_array_unref);
}

static gboolean
save_messages_job (McCache   *self,
                   sqlite3   *db,
                   gpointer   data,
                   gpointer  *result,
                   GError   **error)
{
  GArray *rows = data;
  g_autoptr(GHashTable) chats = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer chat_id;
  sqlite3_stmt *stmt;
  sqlite3_stmt *clear_attachments;
  sqlite3_stmt *add_attachment;

  /* One after the other, so that a second failure does not set @error
   * over the first. */
  if ((stmt = mc_cache_statement (self, error,
                                  "INSERT OR REPLACE INTO messages (chat_id, message_id,"
                                  " created_at, sender, text) VALUES (?, ?, ?, ?, ?)")) == NULL ||
      (clear_attachments = mc_cache_statement (self, error,
                                               "DELETE FROM attachments"
                                               " WHERE chat_id = ? AND message_id = ?")) == NULL ||
      (add_attachment = mc_cache_statement (self, error,
                                            "INSERT INTO attachments (chat_id, message_id,"
                                            " position, name, url, size) VALUES (?, ?, ?, ?, ?, ?)")) == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      MessageRow *row = &g_array_index (rows, MessageRow, i);

      g_hash_table_add (chats, &row->chat_id);
      if (!mc_cache_summary_note_message (self, row->chat_id, row->message_id, row->created_at,
                                          row->sender == MC_SENDER_CUSTOMER, error) ||
          !mc_cache_step (stmt, error, "xxxss",
                          row->chat_id,
                          row->message_id,
                          row->created_at,
                          mc_sender_to_string (row->sender),
                          row->text) ||
          !mc_cache_step (clear_attachments, error, "xx",
                          row->chat_id,
                          row->message_id))
        return FALSE;

      for (guint j = 0; row->attachments != NULL && j < row->attachments->len; j++)
        {
          AttachmentRow *a = &g_array_index (row->attachments, AttachmentRow, j);

          if (!mc_cache_step (add_attachment, error, "xxissx",
                              row->chat_id,
                              row->message_id,
                              (int) j,
                              a->name != NULL ? a->name : "",
                              a->url != NULL ? a->url : "",
                              a->size))
            return FALSE;
        }
    }

  g_hash_table_iter_init (&iter, chats);
  while (g_hash_table_iter_next (&iter, &chat_id, NULL))
    {
      if (!mc_cache_summary_rebuild_chat (self, *(gint64 *) chat_id, error))
        return FALSE;
    }

  return TRUE;
}

void
mc_cache_save_messages_async (McCache             *self,
                              GPtrArray           *messages,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  gint64 started = g_get_monotonic_time ();
  GArray *rows;

  g_return_if_fail (MC_IS_CACHE (self));
  g_return_if_fail (messages != NULL);

  rows = g_array_sized_new (FALSE, TRUE, sizeof (MessageRow), messages->len);
  g_array_set_clear_func (rows, message_row_clear);
  for (guint i = 0; i < messages->len; i++)
    {
      McMessage *message = g_ptr_array_index (messages, i);
      GListModel *attachments = mc_message_get_attachments (message);
      guint n_attachments = g_list_model_get_n_items (attachments);
      MessageRow row = { 0 };

      if (mc_message_get_message_id (message) == 0)
        continue;

      row.chat_id = mc_message_get_chat_id (message);
      row.message_id = mc_message_get_message_id (message);
      row.created_at = mc_message_get_created_at (message);
      row.sender = mc_message_get_sender (message);
      row.text = g_strdup (mc_message_get_text (message));
      if (n_attachments > 0)
        {
          row.attachments = g_array_sized_new (FALSE, TRUE, sizeof (AttachmentRow), n_attachments);
          g_array_set_clear_func (row.attachments, attachment_row_clear);
          for (guint j = 0; j < n_attachments; j++)
            {
              g_autoptr(McAttachment) attachment = g_list_model_get_item (attachments, j);
              AttachmentRow a;

              a.name = g_strdup (mc_attachment_get_name (attachment));
              a.url = g_strdup (mc_attachment_get_url (attachment));
              a.size = mc_attachment_get_size (attachment);
              g_array_append_val (row.attachments, a);
            }
        }
      g_array_append_val (rows, row);
    }

  mc_cache_queue_job (self, save_messages_job, rows, (GDestroyNotify) g_array_unref, NULL,
                      mc_cache_save_messages_async, cancellable, callback, user_data);
  mc_cache_note_block (self, started);
}

gboolean
mc_cache_save_messages_finish (McCache       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return mc_cache_finish_boolean (self, result, error);
}
