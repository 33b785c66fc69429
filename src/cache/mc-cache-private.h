/* mc-cache-private.h: what the files of McCache share and nothing outside
 * src/cache/ may use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "mc-cache.h"

G_BEGIN_DECLS

/* mc-cache-statement.c */
McCacheError  mc_cache_error_code_from_sqlite (int            code);
gboolean      mc_cache_set_sqlite_error       (sqlite3       *db,
                                               GError       **error,
                                               const char    *what);
gboolean      mc_cache_exec                   (sqlite3       *db,
                                               const char    *sql,
                                               GError       **error);
sqlite3_stmt *mc_cache_prepare                (sqlite3       *db,
                                               const char    *sql,
                                               GError       **error);
gboolean      mc_cache_step_done              (sqlite3       *db,
                                               sqlite3_stmt  *stmt,
                                               GError       **error);
gboolean      mc_cache_step_once              (sqlite3       *db,
                                               sqlite3_stmt  *stmt,
                                               GError       **error);
gboolean      mc_cache_end_rows               (sqlite3       *db,
                                               sqlite3_stmt  *stmt,
                                               int            rc,
                                               const char    *what,
                                               GError       **error);
void          mc_cache_bind_text_or_null      (sqlite3_stmt  *stmt,
                                               int            column,
                                               const char    *text);

G_END_DECLS
