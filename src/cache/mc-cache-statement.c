/* mc-cache-statement.c: running SQL on the cache's connection and turning
 * SQLite's failures into McCacheError.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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

sqlite3_stmt *
mc_cache_prepare (sqlite3     *db,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      mc_cache_set_sqlite_error (db, error, sql);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

/* Steps a statement that returns no rows and makes it ready for reuse. */
gboolean
mc_cache_step_done (sqlite3       *db,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return mc_cache_set_sqlite_error (db, error, sqlite3_sql (stmt));
  return TRUE;
}

/* Steps a statement that returns no rows, once, and finalizes it. */
gboolean
mc_cache_step_once (sqlite3       *db,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  gboolean ok = mc_cache_step_done (db, stmt, error);

  sqlite3_finalize (stmt);
  return ok;
}

/* Finalizes a SELECT whose rows were stepped through until @rc. */
gboolean
mc_cache_end_rows (sqlite3       *db,
                   sqlite3_stmt  *stmt,
                   int            rc,
                   const char    *what,
                   GError       **error)
{
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return mc_cache_set_sqlite_error (db, error, what);
  return TRUE;
}

void
mc_cache_bind_text_or_null (sqlite3_stmt *stmt,
                            int           column,
                            const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}
