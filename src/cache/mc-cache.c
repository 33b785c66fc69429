/* mc-cache.c: McCache, the SQLite cache of one cabinet: opening it (and
 * recovering from a locked or damaged file), closing and deleting it, and
 * where its files live.  One connection per cabinet, owned by the writer
 * thread of mc-cache-writer.c once the cache is open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "mc-cache-private.h"

/* Tries of a locked file, each after SQLite's own busy wait. */
#define OPEN_ATTEMPTS   2
#define OPEN_RETRY_USEC (G_USEC_PER_SEC / 2)

#define RELEASE_APP_ID "io.github.marketchats.MarketChats"

G_DEFINE_FINAL_TYPE (McCache, mc_cache, G_TYPE_OBJECT)

G_DEFINE_QUARK (mc-cache-error-quark, mc_cache_error)

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

static gboolean
load_memory_state (McCache  *self,
                   GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = mc_cache_prepare (self->db, "SELECT chat_id, text FROM drafts", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *key = g_new (gint64, 1);

      *key = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (self->drafts, key,
                           g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  /* A damaged page must not pass for "no drafts". */
  if (rc != SQLITE_DONE)
    return mc_cache_set_sqlite_error (self->db, error, "drafts");

  stmt = mc_cache_prepare (self->db, "SELECT key, value FROM sync_state", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (self->sync_state,
                         g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return mc_cache_set_sqlite_error (self->db, error, "sync_state");

  return TRUE;
}

/* The cache holds the seller's customers' names and messages: readable by
 * the seller only.  SQLite gives the -wal and -shm files the mode of the
 * database file; older files made 0644 are narrowed too. */
static gboolean
restrict_files (const char  *path,
                GError     **error)
{
  const char *companions[] = { "-wal", "-shm" };
  int fd = g_open (path, O_RDWR | O_CREAT, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not open the saved chats, %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  g_chmod (path, 0600);

  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *companion = g_strconcat (path, companions[i], NULL);

      g_chmod (companion, 0600);
    }

  return TRUE;
}

static gboolean
try_open (McCache  *self,
          GError  **error)
{
  if (!restrict_files (self->path, error))
    return FALSE;

  if (sqlite3_open_v2 (self->path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    return mc_cache_set_sqlite_error (self->db, error, self->path);

  sqlite3_busy_timeout (self->db, 5000);

  /* WAL with synchronous=NORMAL commits without an fsync each time, which
   * keeps a draft per keystroke cheap while still surviving a crash of the
   * application. */
  return mc_cache_exec (self->db, "PRAGMA journal_mode = WAL", error) &&
         mc_cache_exec (self->db, "PRAGMA synchronous = NORMAL", error) &&
         mc_cache_exec (self->db, "PRAGMA foreign_keys = OFF", error) &&
         mc_cache_migrate (self->db, &self->schema_version, error) &&
         load_memory_state (self, error);
}

static void
close_db (McCache *self)
{
  g_hash_table_remove_all (self->drafts);
  g_hash_table_remove_all (self->sync_state);
  g_clear_pointer (&self->db, sqlite3_close);
}

/* Asked only after opening failed for a reason SQLite did not name as
 * damage: a read-only look that cannot change the file. */
static gboolean
fails_quick_check (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean damaged;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 1000);
      rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    damaged = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0;
  else
    damaged = mc_cache_error_code_from_sqlite (db != NULL ? sqlite3_errcode (db) : rc) == MC_CACHE_ERROR_CORRUPT;

  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return damaged;
}

static void
move_aside (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.corrupt-%s", path, stamp);
  const char *companions[] = { "-wal", "-shm" };

  if (g_rename (path, aside) != 0 && errno != ENOENT)
    g_warning ("Could not move %s aside: %s", path, g_strerror (errno));

  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *from = g_strconcat (path, companions[i], NULL);
      g_autofree char *to = g_strconcat (aside, companions[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }
}

static void
mc_cache_finalize (GObject *object)
{
  McCache *self = (McCache *) object;

  mc_cache_close (self);

  g_clear_pointer (&self->queue, g_async_queue_unref);
  g_clear_pointer (&self->drafts, g_hash_table_unref);
  g_clear_pointer (&self->sync_state, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (mc_cache_parent_class)->finalize (object);
}

static void
mc_cache_class_init (McCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mc_cache_finalize;
}

static void
mc_cache_init (McCache *self)
{
  g_mutex_init (&self->mutex);
  self->queue = g_async_queue_new ();
  self->drafts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->sync_state = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

char *
mc_cache_dup_data_dir_name (const char *app_id)
{
  g_autofree char *suffix = NULL;

  g_return_val_if_fail (app_id != NULL, NULL);

  /* The release keeps the folder earlier versions made. */
  if (g_str_equal (app_id, RELEASE_APP_ID))
    return g_strdup ("market-chats");

  if (g_str_has_prefix (app_id, RELEASE_APP_ID "."))
    suffix = g_ascii_strdown (app_id + strlen (RELEASE_APP_ID "."), -1);
  else
    suffix = g_ascii_strdown (app_id, -1);
  g_strcanon (suffix, "abcdefghijklmnopqrstuvwxyz0123456789.-", '-');

  return g_strconcat ("market-chats-", suffix, NULL);
}

/* One per process, like the application id: set by the session before
 * any cabinet is opened. */
static char *api_origin_folder;

void
mc_cache_set_api_origin (const char *origin)
{
  char *folder = NULL;

  if (origin != NULL)
    {
      folder = g_strdup (origin);
      g_strcanon (folder, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-", '_');
    }

  g_free (api_origin_folder);
  api_origin_folder = folder;
}

char *
mc_cache_dup_data_dir (void)
{
  g_autofree char *name = mc_cache_dup_data_dir_name (BASE_ID);

  if (api_origin_folder != NULL)
    return g_build_filename (g_get_user_data_dir (), name, "origins", api_origin_folder, NULL);

  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

char *
mc_cache_dup_attachments_root (void)
{
  g_autofree char *name = mc_cache_dup_data_dir_name (BASE_ID);

  if (api_origin_folder != NULL)
    return g_build_filename (g_get_user_cache_dir (), name, "origins", api_origin_folder,
                             "attachments", NULL);

  return g_build_filename (g_get_user_cache_dir (), name, "attachments", NULL);
}

char *
mc_cache_dup_attachments_dir (gint64 business_id,
                              gint64 chat_id)
{
  g_autofree char *root = mc_cache_dup_attachments_root ();
  char business[24], chat[24];

  g_snprintf (business, sizeof business, "%" G_GINT64_FORMAT, business_id);
  g_snprintf (chat, sizeof chat, "%" G_GINT64_FORMAT, chat_id);

  return g_build_filename (root, business, chat, NULL);
}

/* Removes what is older than @cutoff (real time, usec) under @path, at most
 * @depth folders down, and @path itself when it is left empty. */
static guint
expire_tree (const char *path,
             guint       depth,
             gint64      cutoff)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint removed = 0;

  if (dir == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      GStatBuf buf;

      /* Only what this app wrote: a link is not followed, only removed. */
      if (g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        {
          g_unlink (child);
          continue;
        }
      if (g_stat (child, &buf) != 0)
        continue;

      if (S_ISDIR (buf.st_mode))
        {
          if (depth > 0)
            removed += expire_tree (child, depth - 1, cutoff);
          g_rmdir (child);
        }
      else if ((gint64) buf.st_mtime * G_USEC_PER_SEC < cutoff && g_unlink (child) == 0)
        removed++;
    }

  return removed;
}

guint
mc_cache_expire_attachments (const char *root,
                             gint64      max_age_usec)
{
  g_return_val_if_fail (root != NULL, 0);

  /* business / chat / file */
  return expire_tree (root, 2, g_get_real_time () - max_age_usec);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

char *
mc_cache_dup_default_path (gint64 business_id)
{
  g_autofree char *dir = mc_cache_dup_data_dir ();
  g_autofree char *name = g_strdup_printf ("%" G_GINT64_FORMAT ".sqlite", business_id);

  return g_build_filename (dir, name, NULL);
}

McCache *
mc_cache_open (gint64   business_id,
               GError **error)
{
  g_autofree char *path = mc_cache_dup_default_path (business_id);

  return mc_cache_open_path (path, business_id, error);
}

McCache *
mc_cache_open_path (const char  *path,
                    gint64       business_id,
                    GError     **error)
{
  g_autoptr(McCache) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder for saved chats, %s: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (MC_TYPE_CACHE, NULL);
  self->business_id = business_id;
  self->path = g_strdup (path);

  for (guint attempt = 1; !try_open (self, &local_error); attempt++)
    {
      close_db (self);

      /* Another copy of the app, or a backup tool, may hold the file for a
       * moment; each try already waited the busy timeout. */
      if (g_error_matches (local_error, MC_CACHE_ERROR, MC_CACHE_ERROR_BUSY) &&
          attempt < OPEN_ATTEMPTS)
        {
          g_clear_error (&local_error);
          g_usleep (OPEN_RETRY_USEC);
          continue;
        }

      if (g_error_matches (local_error, MC_CACHE_ERROR, MC_CACHE_ERROR_BUSY))
        {
          g_set_error (error, MC_CACHE_ERROR, MC_CACHE_ERROR_BUSY,
                       _("The saved chats in %s are in use by another program; close it, or the other copy of Market Chats, and start again"),
                       path);
          return NULL;
        }

      /* Anything but damage SQLite itself names (a newer format, a full
       * disk, a permission) leaves the seller's history where it is. */
      if (!g_error_matches (local_error, MC_CACHE_ERROR, MC_CACHE_ERROR_CORRUPT) &&
          (local_error->domain != MC_CACHE_ERROR ||
           local_error->code != MC_CACHE_ERROR_FAILED ||
           !fails_quick_check (path)))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      g_warning ("Chat cache %s is unreadable (%s); it is damaged, so it starts afresh",
                 path, local_error->message);
      g_clear_error (&local_error);
      move_aside (path);
      if (!try_open (self, error))
        {
          close_db (self);
          return NULL;
        }
      break;
    }

  mc_cache_start_writer (self);
  return g_steal_pointer (&self);
}

gint64
mc_cache_get_business_id (McCache *self)
{
  g_return_val_if_fail (MC_IS_CACHE (self), 0);
  return self->business_id;
}

const char *
mc_cache_get_path (McCache *self)
{
  g_return_val_if_fail (MC_IS_CACHE (self), NULL);
  return self->path;
}

int
mc_cache_get_schema_version (McCache *self)
{
  g_return_val_if_fail (MC_IS_CACHE (self), 0);
  return self->schema_version;
}

void
mc_cache_close (McCache *self)
{
  g_return_if_fail (MC_IS_CACHE (self));

  g_mutex_lock (&self->mutex);
  if (self->closed)
    {
      g_mutex_unlock (&self->mutex);
      return;
    }
  self->closed = TRUE;
  g_mutex_unlock (&self->mutex);

  mc_cache_stop_writer (self);

  g_mutex_lock (&self->mutex);
  close_db (self);
  g_mutex_unlock (&self->mutex);
}

gboolean
mc_cache_delete (McCache  *self,
                 GError  **error)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_return_val_if_fail (MC_IS_CACHE (self), FALSE);

  mc_cache_close (self);

  /* The files opened from its chats go with the cabinet. */
  {
    g_autofree char *chat_dir = mc_cache_dup_attachments_dir (self->business_id, 0);
    g_autofree char *business_dir = g_path_get_dirname (chat_dir);

    remove_tree (business_dir);
  }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (self->path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not delete the saved chats file %s: %s"), file, g_strerror (saved_errno));
          return FALSE;
        }
    }

  return TRUE;
}

/* Loads */

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

  stmt = mc_cache_prepare (db,
                           "SELECT chat_id, MAX (r), MAX (l) FROM ("
                           " SELECT chat_id, message_id AS r, 0 AS l FROM read_markers"
                           " UNION ALL"
                           " SELECT chat_id, 0, last_message_id FROM chat_sync)"
                           " GROUP BY chat_id", error);
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
  if (!mc_cache_end_rows (db, stmt, rc, "SELECT chat states", error))
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
  stmt = mc_cache_prepare (db,
                           "SELECT c.chat_id,"
                           " (SELECT MIN (m.created_at) FROM messages m"
                           "  WHERE m.chat_id = c.chat_id AND m.sender = 'CUSTOMER'"
                           "  AND m.message_id > COALESCE ("
                           "   (SELECT MAX (p.message_id) FROM messages p"
                           "    WHERE p.chat_id = c.chat_id AND p.sender = 'PARTNER'), 0)) AS since"
                           " FROM chats c WHERE c.status IN ('NEW', 'WAITING_FOR_PARTNER')"
                           " AND since IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McCacheWaiting row;

      row.chat_id = sqlite3_column_int64 (stmt, 0);
      row.since = sqlite3_column_int64 (stmt, 1);
      g_array_append_val (waiting, row);
    }
  if (!mc_cache_end_rows (db, stmt, rc, "SELECT waiting chats", error))
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

  stmt = mc_cache_prepare (db,
                           "SELECT id, chat_id, text, file_path, created_at, state"
                           " FROM outbox ORDER BY id", error);
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
  if (!mc_cache_end_rows (db, stmt, rc, "SELECT FROM outbox", error))
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
  sqlite3_stmt *stmt;

  stmt = mc_cache_prepare (db, "INSERT OR REPLACE INTO read_markers (chat_id, message_id) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, state->chat_id);
  sqlite3_bind_int64 (stmt, 2, state->read_marker);
  if (!mc_cache_step_once (db, stmt, error))
    return FALSE;

  stmt = mc_cache_prepare (db, "INSERT OR REPLACE INTO chat_sync (chat_id, last_message_id) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, state->chat_id);
  sqlite3_bind_int64 (stmt, 2, state->last_message_id);
  return mc_cache_step_once (db, stmt, error);
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
  sqlite3_stmt *stmt;

  if (write->text != NULL)
    stmt = mc_cache_prepare (db, "INSERT OR REPLACE INTO drafts (chat_id, text, updated_at) VALUES (?, ?, ?)", error);
  else
    stmt = mc_cache_prepare (db, "DELETE FROM drafts WHERE chat_id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, write->chat_id);
  if (write->text != NULL)
    {
      sqlite3_bind_text (stmt, 2, write->text, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
    }
  return mc_cache_step_once (db, stmt, error);
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
  sqlite3_stmt *stmt;
  gint64 *id;

  stmt = mc_cache_prepare (db,
                           "INSERT INTO outbox (chat_id, text, file_path, created_at, state)"
                           " VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry->chat_id);
  mc_cache_bind_text_or_null (stmt, 2, entry->text);
  mc_cache_bind_text_or_null (stmt, 3, entry->file_path);
  sqlite3_bind_int64 (stmt, 4, entry->created_at);
  sqlite3_bind_int (stmt, 5, entry->state);
  if (!mc_cache_step_once (db, stmt, error))
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
  sqlite3_stmt *stmt;

  if (write->state < 0)
    stmt = mc_cache_prepare (db, "DELETE FROM outbox WHERE id = ?1", error);
  else
    stmt = mc_cache_prepare (db, "UPDATE outbox SET state = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, write->id);
  if (write->state >= 0)
    sqlite3_bind_int (stmt, 2, write->state);
  return mc_cache_step_once (db, stmt, error);
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
  sqlite3_stmt *stmt;

  if (write->value != NULL)
    stmt = mc_cache_prepare (db, "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?1, ?2)", error);
  else
    stmt = mc_cache_prepare (db, "DELETE FROM sync_state WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, write->key, -1, SQLITE_STATIC);
  if (write->value != NULL)
    sqlite3_bind_text (stmt, 2, write->value, -1, SQLITE_STATIC);
  return mc_cache_step_once (db, stmt, error);
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
