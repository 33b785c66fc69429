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
   * application.  A 16 MB page cache (SQLite's default is 2 MB) holds a
   * month of a busy seller's replies index, which the statistics read
   * whole, without reading it from the file again each time. */
  return mc_cache_exec (self->db, "PRAGMA journal_mode = WAL", error) &&
         mc_cache_exec (self->db, "PRAGMA synchronous = NORMAL", error) &&
         mc_cache_exec (self->db, "PRAGMA cache_size = -16384", error) &&
         mc_cache_exec (self->db, "PRAGMA foreign_keys = OFF", error) &&
         mc_cache_migrate (self, error) &&
         mc_cache_load_local_state (self, error);
}

static void
close_db (McCache *self)
{
  g_hash_table_remove_all (self->drafts);
  g_hash_table_remove_all (self->sync_state);
  /* SQLite refuses to close a connection with statements left. */
  g_hash_table_remove_all (self->statements);
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
  g_clear_pointer (&self->statements, g_hash_table_unref);
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
  self->statements = mc_cache_statements_new ();
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
