/* mc-cache-statement.c: running SQL on the cache's connection and turning
 * SQLite's failures into McCacheError.  Every statement a job runs is
 * prepared once, on first use, and kept until the connection closes: the
 * same few statements run for every job, so compiling them again for each
 * one (a draft per keystroke) would be wasted work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdarg.h>

#include "mc-cache-private.h"

McCacheError
mc_cache_error_code_from_sqlite (int code)
{
  switch (code & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return MC_CACHE_ERROR_BUSY;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return MC_CACHE_ERROR_CORRUPT;
    default:
      return MC_CACHE_ERROR_FAILED;
    }
}

gboolean
mc_cache_set_sqlite_error (sqlite3     *db,
                           GError     **error,
                           const char  *what)
{
  g_set_error (error, MC_CACHE_ERROR, mc_cache_error_code_from_sqlite (sqlite3_errcode (db)),
               "%s: %s", what, sqlite3_errmsg (db));
  return FALSE;
}

gboolean
mc_cache_exec (sqlite3     *db,
               const char  *sql,
               GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return mc_cache_set_sqlite_error (db, error, sql);
  return TRUE;
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

GHashTable *
mc_cache_statements_new (void)
{
  /* Keyed by the SQL text, which is always a literal of this layer. */
  return g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
}

sqlite3_stmt *
mc_cache_statement (McCache     *self,
                    GError     **error,
                    const char  *sql)
{
  sqlite3_stmt *stmt;

  g_assert (mc_cache_owns_connection (self));

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    return stmt;

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      mc_cache_set_sqlite_error (self->db, error, sql);
      sqlite3_finalize (stmt);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

static void
bind_valist (sqlite3_stmt *stmt,
             const char   *format,
             va_list       args)
{
  for (int i = 0; format[i] != '\0'; i++)
    {
      int column = i + 1;
      const char *text;

      switch (format[i])
        {
        case 'x':
          sqlite3_bind_int64 (stmt, column, va_arg (args, gint64));
          break;
        case 'i':
          sqlite3_bind_int (stmt, column, va_arg (args, int));
          break;
        case 's':
          text = va_arg (args, const char *);
          if (text != NULL)
            sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
          else
            sqlite3_bind_null (stmt, column);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* Leaves @stmt ready for its next use, holding neither a read lock nor
 * the caller's values. */
static void
release (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static gboolean
step_valist (sqlite3_stmt  *stmt,
             GError       **error,
             const char    *format,
             va_list        args)
{
  int rc;

  bind_valist (stmt, format, args);
  rc = sqlite3_step (stmt);
  release (stmt);
  if (rc != SQLITE_DONE)
    return mc_cache_set_sqlite_error (sqlite3_db_handle (stmt), error, sqlite3_sql (stmt));
  return TRUE;
}

gboolean
mc_cache_step (sqlite3_stmt  *stmt,
               GError       **error,
               const char    *format,
               ...)
{
  va_list args;
  gboolean ok;

  va_start (args, format);
  ok = step_valist (stmt, error, format, args);
  va_end (args);
  return ok;
}

gboolean
mc_cache_run (McCache     *self,
              GError     **error,
              const char  *sql,
              const char  *format,
              ...)
{
  sqlite3_stmt *stmt = mc_cache_statement (self, error, sql);
  va_list args;
  gboolean ok;

  if (stmt == NULL)
    return FALSE;

  va_start (args, format);
  ok = step_valist (stmt, error, format, args);
  va_end (args);
  return ok;
}

sqlite3_stmt *
mc_cache_query (McCache     *self,
                GError     **error,
                const char  *sql,
                const char  *format,
                ...)
{
  sqlite3_stmt *stmt = mc_cache_statement (self, error, sql);
  va_list args;

  if (stmt == NULL)
    return NULL;

  va_start (args, format);
  bind_valist (stmt, format, args);
  va_end (args);
  return stmt;
}

gboolean
mc_cache_query_end (sqlite3_stmt  *stmt,
                    int            rc,
                    const char    *what,
                    GError       **error)
{
  release (stmt);
  /* A damaged page must not pass for the end of the rows. */
  if (rc != SQLITE_DONE)
    return mc_cache_set_sqlite_error (sqlite3_db_handle (stmt), error, what);
  return TRUE;
}
