/* mc-cache-local.c: what only this computer knows, never the Market:
 * read markers, how far each chat's history was fetched, which chats wait
 * for the seller since when, drafts, the outbox of sends in flight and
 * the sync state.  Drafts and sync state are kept in memory as well.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mc-cache-private.h"

G_DEFINE_BOXED_TYPE (McOutboxEntry, mc_outbox_entry, mc_outbox_entry_copy, mc_outbox_entry_free)

McOutboxEntry *
mc_outbox_entry_copy (const McOutboxEntry *entry)
{
  McOutboxEntry *copy = g_new (McOutboxEntry, 1);

  *copy = *entry;
  copy->text = g_strdup (entry->text);
  copy->file_path = g_strdup (entry->file_path);
  return copy;
}

void
mc_outbox_entry_free (McOutboxEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->text);
  g_free (entry->file_path);
  g_free (entry);
}

gboolean
mc_cache_load_local_state (McCache  *self,
                           GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = mc_cache_query (self, error, "SELECT chat_id, text FROM drafts", "");
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *key = g_new (gint64, 1);

      *key = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (self->drafts, key,
                           g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  /* A damaged page must not pass for "no drafts". */
  if (!mc_cache_query_end (stmt, rc, "drafts", error))
    return FALSE;

  stmt = mc_cache_query (self, error, "SELECT key, value FROM sync_state", "");
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (self->sync_state,
                         g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  return mc_cache_query_end (stmt, rc, "sync_state", error);
}

/* Chat states: read markers and how far each history was fetched */

static gboolean
load_chat_states_job (McCache   *self,
                      sqlite3   *db,
                      gpointer   data,
                      gpointer  *result,
                      GError   **error)
{
  g_autoptr(GArray) states = g_array_new (FALSE, FALSE, sizeof (McCacheChatState));
  sqlite3_stmt *stmt;
  int rc;

  stmt = mc_cache_query (self, error,
                         "SELECT chat_id, MAX (r), MAX (l) FROM ("
                         " SELECT chat_id, message_id AS r, 0 AS l FROM read_markers"
                         " UNION ALL"
                         " SELECT chat_id, 0, last_message_id FROM chat_sync)"
                         " GROUP BY chat_id", "");
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McCacheChatState state;

      state.chat_id = sqlite3_column_int64 (stmt, 0);
      state.read_marker = sqlite3_column_int64 (stmt, 1);
      state.last_message_id = sqlite3_column_int64 (stmt, 2);
      g_array_append_val (states, state);
    }
  if (!mc_cache_query_end (stmt, rc, "SELECT chat states", error))
    return FALSE;

  *result = g_steal_pointer (&states);
  return TRUE;
}

GArray *
mc_cache_load_chat_states (McCache  *self,
                           GError  **error)
{
  g_return_val_if_fail (MC_IS_CACHE (self), NULL);
  return mc_cache_run_sync (self, load_chat_states_job, NULL, error);
}

static gboolean
load_waiting_since_job (McCache   *self,
                        sqlite3   *db,
                        gpointer   data,
                        gpointer  *result,
                        GError   **error)
{
  g_autoptr(GArray) waiting = g_array_new (FALSE, FALSE, sizeof (McCacheWaiting));
  sqlite3_stmt *stmt;
  int rc;

  /* Only chats awaiting the seller, each read through the messages' primary
   * key, so the cost follows those chats' histories, not the whole cache. */
  stmt = mc_cache_query (self, error,
                         "SELECT c.chat_id,"
                         " (SELECT MIN (m.created_at) FROM messages m"
                         "  WHERE m.chat_id = c.chat_id AND m.sender = 'CUSTOMER'"
                         "  AND m.message_id > COALESCE ("
                         "   (SELECT MAX (p.message_id) FROM messages p"
                         "    WHERE p.chat_id = c.chat_id AND p.sender = 'PARTNER'), 0)) AS since"
                         " FROM chats c WHERE c.status IN ('NEW', 'WAITING_FOR_PARTNER')"
                         " AND since IS NOT NULL", "");
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McCacheWaiting row;

      row.chat_id = sqlite3_column_int64 (stmt, 0);
      row.since = sqlite3_column_int64 (stmt, 1);
      g_array_append_val (waiting, row);
    }
  if (!mc_cache_query_end (stmt, rc, "SELECT waiting chats", error))
    return FALSE;

  *result = g_steal_pointer (&waiting);
  return TRUE;
}

GArray *
mc_cache_load_waiting_since (McCache  *self,
                             GError  **error)
{
  g_return_val_if_fail (MC_IS_CACHE (self), NULL);
  return mc_cache_run_sync (self, load_waiting_since_job, NULL, error);
}

static gboolean
list_outbox_job (McCache   *self,
                 sqlite3   *db,
                 gpointer   data,
                 gpointer  *result,
                 GError   **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_outbox_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = mc_cache_query (self, error,
                         "SELECT id, chat_id, text, file_path, created_at, state"
                         " FROM outbox ORDER BY id", "");
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McOutboxEntry *entry = g_new0 (McOutboxEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->chat_id = sqlite3_column_int64 (stmt, 1);
      entry->text = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      entry->file_path = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      entry->created_at = sqlite3_column_int64 (stmt, 4);
      entry->state = sqlite3_column_int (stmt, 5);
      g_ptr_array_add (entries, entry);
    }
  if (!mc_cache_query_end (stmt, rc, "SELECT FROM outbox", error))
    return FALSE;

  *result = g_steal_pointer (&entries);
  return TRUE;
}

GPtrArray *
mc_cache_list_outbox (McCache  *self,
                      GError  **error)
{
  g_return_val_if_fail (MC_IS_CACHE (self), NULL);
  return mc_cache_run_sync (self, list_outbox_job, NULL, error);
}

static gboolean
save_chat_state_job (McCache   *self,
                     sqlite3   *db,
                     gpointer   data,
                     gpointer  *result,
                     GError   **error)
{
  McCacheChatState *state = data;

  return mc_cache_run (self, error,
                       "INSERT OR REPLACE INTO read_markers (chat_id, message_id) VALUES (?, ?)",
                       "xx", state->chat_id, state->read_marker) &&
         mc_cache_run (self, error,
                       "INSERT OR REPLACE INTO chat_sync (chat_id, last_message_id) VALUES (?, ?)",
                       "xx", state->chat_id, state->last_message_id);
}

void
mc_cache_save_chat_state_async (McCache             *self,
                                gint64               chat_id,
                                gint64               read_marker,
                                gint64               last_message_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  gint64 started = g_get_monotonic_time ();
  McCacheChatState *state;

  g_return_if_fail (MC_IS_CACHE (self));

  state = g_new (McCacheChatState, 1);
  state->chat_id = chat_id;
  state->read_marker = read_marker;
  state->last_message_id = last_message_id;
  mc_cache_queue_job (self, save_chat_state_job, state, g_free, NULL,
                      mc_cache_save_chat_state_async, cancellable, callback, user_data);
  mc_cache_note_block (self, started);
}

gboolean
mc_cache_save_chat_state_finish (McCache       *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return mc_cache_finish_boolean (self, result, error);
}

/* Chat marks */

static gboolean
load_chat_marks_job (McCache   *self,
                     sqlite3   *db,
                     gpointer   data,
                     gpointer  *result,
                     GError   **error)
{
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (McCacheChatMarks));
  sqlite3_stmt *stmt;
  int rc;

  stmt = mc_cache_query (self, error,
                         "SELECT chat_id, pinned, marked_unread FROM chat_marks", "");
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McCacheChatMarks row;

      row.chat_id = sqlite3_column_int64 (stmt, 0);
      row.pinned = sqlite3_column_int (stmt, 1) != 0;
      row.marked_unread = sqlite3_column_int (stmt, 2) != 0;
      g_array_append_val (marks, row);
    }
  if (!mc_cache_query_end (stmt, rc, "SELECT chat marks", error))
    return FALSE;

  *result = g_steal_pointer (&marks);
  return TRUE;
}

GArray *
mc_cache_load_chat_marks (McCache  *self,
                          GError  **error)
{
  g_return_val_if_fail (MC_IS_CACHE (self), NULL);
  return mc_cache_run_sync (self, load_chat_marks_job, NULL, error);
}

static gboolean
save_chat_marks_job (McCache   *self,
                     sqlite3   *db,
                     gpointer   data,
                     gpointer  *result,
                     GError   **error)
{
  McCacheChatMarks *marks = data;

  if (!marks->pinned && !marks->marked_unread)
    return mc_cache_run (self, error, "DELETE FROM chat_marks WHERE chat_id = ?", "x",
                         marks->chat_id);
  return mc_cache_run (self, error,
                       "INSERT OR REPLACE INTO chat_marks (chat_id, pinned, marked_unread)"
                       " VALUES (?, ?, ?)",
                       "xii", marks->chat_id, (int) marks->pinned, (int) marks->marked_unread);
}

void
mc_cache_save_chat_marks (McCache  *self,
                          gint64    chat_id,
                          gboolean  pinned,
                          gboolean  marked_unread)
{
  gint64 started = g_get_monotonic_time ();
  McCacheChatMarks *marks;

  g_return_if_fail (MC_IS_CACHE (self));

  marks = g_new (McCacheChatMarks, 1);
  marks->chat_id = chat_id;
  marks->pinned = pinned;
  marks->marked_unread = marked_unread;
  mc_cache_queue_job (self, save_chat_marks_job, marks, g_free, NULL,
                      mc_cache_save_chat_marks, NULL, NULL, NULL);
  mc_cache_note_block (self, started);
}

/* Drafts */

typedef struct
{
  gint64  chat_id;
  char   *text;  /* NULL deletes */
} DraftWrite;

static void
draft_write_free (gpointer data)
{
  DraftWrite *write = data;

  g_free (write->text);
  g_free (write);
}

static gboolean
set_draft_job (McCache   *self,
               sqlite3   *db,
               gpointer   data,
               gpointer  *result,
               GError   **error)
{
  DraftWrite *write = data;

  if (write->text != NULL)
    return mc_cache_run (self, error,
                         "INSERT OR REPLACE INTO drafts (chat_id, text, updated_at) VALUES (?, ?, ?)",
                         "xsx", write->chat_id, write->text, g_get_real_time ());
  return mc_cache_run (self, error, "DELETE FROM drafts WHERE chat_id = ?", "x", write->chat_id);
}

const char *
mc_cache_get_draft (McCache *self,
                    gint64   chat_id)
{
  const char *text;

  g_return_val_if_fail (MC_IS_CACHE (self), NULL);

  /* The string stays valid until the next mc_cache_set_draft() for this
   * chat, which the thread that owns the composer is the one to call. */
  g_mutex_lock (&self->mutex);
  text = g_hash_table_lookup (self->drafts, &chat_id);
  g_mutex_unlock (&self->mutex);
  return text;
}

void
mc_cache_set_draft (McCache    *self,
                    gint64      chat_id,
                    const char *text)
{
  gint64 started = g_get_monotonic_time ();
  DraftWrite *write;

  g_return_if_fail (MC_IS_CACHE (self));

  if (text != NULL && *text == '\0')
    text = NULL;

  g_mutex_lock (&self->mutex);
  if (g_strcmp0 (g_hash_table_lookup (self->drafts, &chat_id), text) == 0)
    {
      g_mutex_unlock (&self->mutex);
      return;
    }
  if (text != NULL)
    g_hash_table_insert (self->drafts, g_memdup2 (&chat_id, sizeof chat_id), g_strdup (text));
  else
    g_hash_table_remove (self->drafts, &chat_id);
  g_mutex_unlock (&self->mutex);

  write = g_new (DraftWrite, 1);
  write->chat_id = chat_id;
  write->text = g_strdup (text);
  mc_cache_queue_job (self, set_draft_job, write, draft_write_free, NULL,
                      mc_cache_set_draft, NULL, NULL, NULL);
  mc_cache_note_block (self, started);
}

/* Outbox */

static gboolean
outbox_add_job (McCache   *self,
                sqlite3   *db,
                gpointer   data,
                gpointer  *result,
                GError   **error)
{
  McOutboxEntry *entry = data;
  gint64 *id;

  if (!mc_cache_run (self, error,
                     "INSERT INTO outbox (chat_id, text, file_path, created_at, state)"
                     " VALUES (?, ?, ?, ?, ?)",
                     "xssxi", entry->chat_id, entry->text, entry->file_path,
                     entry->created_at, (int) entry->state))
    return FALSE;

  id = g_new (gint64, 1);
  *id = sqlite3_last_insert_rowid (db);
  *result = id;
  return TRUE;
}

void
mc_cache_outbox_add_async (McCache             *self,
                           gint64               chat_id,
                           const char          *text,
                           const char          *file_path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  gint64 started = g_get_monotonic_time ();
  McOutboxEntry *entry;

  g_return_if_fail (MC_IS_CACHE (self));
  g_return_if_fail ((text == NULL) != (file_path == NULL));

  entry = g_new0 (McOutboxEntry, 1);
  entry->chat_id = chat_id;
  entry->text = g_strdup (text);
  entry->file_path = g_strdup (file_path);
  entry->created_at = g_get_real_time ();
  entry->state = MC_OUTBOX_STATE_QUEUED;
  mc_cache_queue_job (self, outbox_add_job, entry, (GDestroyNotify) mc_outbox_entry_free, g_free,
                      mc_cache_outbox_add_async, cancellable, callback, user_data);
  mc_cache_note_block (self, started);
}

gint64
mc_cache_outbox_add_finish (McCache       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_autofree gint64 *id = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  id = g_task_propagate_pointer (G_TASK (result), error);
  return id != NULL ? *id : 0;
}

typedef struct
{
  gint64 id;
  gint   state;  /* -1 removes */
} OutboxWrite;

static gboolean
outbox_write_job (McCache   *self,
                  sqlite3   *db,
                  gpointer   data,
                  gpointer  *result,
                  GError   **error)
{
  OutboxWrite *write = data;

  if (write->state < 0)
    return mc_cache_run (self, error, "DELETE FROM outbox WHERE id = ?1", "x", write->id);
  return mc_cache_run (self, error, "UPDATE outbox SET state = ?2 WHERE id = ?1",
                       "xi", write->id, (int) write->state);
}

static void
queue_outbox_write (McCache *self,
                    gint64   id,
                    gint     state)
{
  gint64 started = g_get_monotonic_time ();
  OutboxWrite *write = g_new (OutboxWrite, 1);

  write->id = id;
  write->state = state;
  mc_cache_queue_job (self, outbox_write_job, write, g_free, NULL,
                      queue_outbox_write, NULL, NULL, NULL);
  mc_cache_note_block (self, started);
}

void
mc_cache_outbox_set_state (McCache       *self,
                           gint64         id,
                           McOutboxState  state)
{
  g_return_if_fail (MC_IS_CACHE (self));
  queue_outbox_write (self, id, state);
}

void
mc_cache_outbox_remove (McCache *self,
                        gint64   id)
{
  g_return_if_fail (MC_IS_CACHE (self));
  queue_outbox_write (self, id, -1);
}

/* Sync state */

typedef struct
{
  char *key;
  char *value;  /* NULL deletes */
} SyncStateWrite;

static void
sync_state_write_free (gpointer data)
{
  SyncStateWrite *write = data;

  g_free (write->key);
  g_free (write->value);
  g_free (write);
}

static gboolean
set_sync_state_job (McCache   *self,
                    sqlite3   *db,
                    gpointer   data,
                    gpointer  *result,
                    GError   **error)
{
  SyncStateWrite *write = data;

  if (write->value != NULL)
    return mc_cache_run (self, error, "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?1, ?2)",
                         "ss", write->key, write->value);
  return mc_cache_run (self, error, "DELETE FROM sync_state WHERE key = ?1", "s", write->key);
}

char *
mc_cache_dup_sync_state (McCache    *self,
                         const char *key)
{
  char *value;

  g_return_val_if_fail (MC_IS_CACHE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  g_mutex_lock (&self->mutex);
  value = g_strdup (g_hash_table_lookup (self->sync_state, key));
  g_mutex_unlock (&self->mutex);
  return value;
}

gint64
mc_cache_get_sync_state_int (McCache    *self,
                             const char *key,
                             gint64      default_value)
{
  g_autofree char *value = mc_cache_dup_sync_state (self, key);
  gint64 number;

  if (value == NULL || !g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &number, NULL))
    return default_value;
  return number;
}

void
mc_cache_set_sync_state (McCache    *self,
                         const char *key,
                         const char *value)
{
  gint64 started = g_get_monotonic_time ();
  SyncStateWrite *write;

  g_return_if_fail (MC_IS_CACHE (self));
  g_return_if_fail (key != NULL);

  g_mutex_lock (&self->mutex);
  if (value != NULL)
    g_hash_table_insert (self->sync_state, g_strdup (key), g_strdup (value));
  else
    g_hash_table_remove (self->sync_state, key);
  g_mutex_unlock (&self->mutex);

  write = g_new (SyncStateWrite, 1);
  write->key = g_strdup (key);
  write->value = g_strdup (value);
  mc_cache_queue_job (self, set_sync_state_job, write, sync_state_write_free, NULL,
                      mc_cache_set_sync_state, NULL, NULL, NULL);
  mc_cache_note_block (self, started);
}

void
mc_cache_set_sync_state_int (McCache    *self,
                             const char *key,
                             gint64      value)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  mc_cache_set_sync_state (self, key, buf);
}
