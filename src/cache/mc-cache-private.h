/* mc-cache-private.h: what the files of McCache share and nothing outside
 * src/cache/ may use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "mc-cache.h"

G_BEGIN_DECLS

struct _McCache
{
  GObject      parent_instance;

  gint64       business_id;
  char        *path;
  int          schema_version;

  sqlite3     *db;          /* used by the writer thread only once it runs */
  GHashTable  *statements;  /* SQL -> sqlite3_stmt *, see mc_cache_statement() */
  GThread     *writer;
  GAsyncQueue *queue;

  GMutex       mutex;       /* guards what follows */
  GHashTable  *drafts;      /* gint64 * -> char * */
  GHashTable  *sync_state;  /* char * -> char * */
  gint64       max_write_block;
  gboolean     closed;
};

/* A job runs on the writer thread, inside a savepoint of a transaction it
 * may share with other jobs.  On success it may set *@result, which is
 * handed to the caller (freed with the result_free given to
 * mc_cache_queue_job() if nobody takes it).  What a write job writes is
 * copied out of the GObjects on the calling thread, so the writer never
 * reads objects the UI may be changing. */
typedef gboolean (*McCacheJobFunc) (McCache   *self,
                                    sqlite3   *db,
                                    gpointer   data,
                                    gpointer  *result,
                                    GError   **error);

/* mc-cache-writer.c */
/* Whether the calling thread is the writer of @self. */
gboolean      mc_cache_on_writer_thread       (McCache              *self);
/* Whether the calling thread may use self->db: the opening thread until
 * the writer starts, the writer while it runs, the closing thread after. */
gboolean      mc_cache_owns_connection        (McCache              *self);
void          mc_cache_start_writer           (McCache              *self);
void          mc_cache_stop_writer            (McCache              *self);
void          mc_cache_queue_job              (McCache              *self,
                                               McCacheJobFunc        func,
                                               gpointer              data,
                                               GDestroyNotify        data_free,
                                               GDestroyNotify        result_free,
                                               gpointer              source_tag,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gpointer      mc_cache_run_sync               (McCache              *self,
                                               McCacheJobFunc        func,
                                               gpointer              data,
                                               GError              **error);
void          mc_cache_note_block             (McCache              *self,
                                               gint64                started);
gboolean      mc_cache_finish_boolean         (McCache              *self,
                                               GAsyncResult         *result,
                                               GError              **error);

/* mc-cache-local.c */
/* Reads the drafts and the sync state into memory; on the opening thread,
 * before the writer runs. */
gboolean      mc_cache_load_local_state       (McCache              *self,
                                               GError              **error);

/* mc-cache-schema.c */
/* Brings the file up to MC_CACHE_SCHEMA_VERSION; self->schema_version is
 * set to the version it has now, even on failure. */
gboolean      mc_cache_migrate                (McCache              *self,
                                               GError              **error);

/* mc-cache-stats.c */
/* Keep the statistics' summaries (schema v6) in step with the writes:
 * mc_cache_summary_note_message() before a message row is written over
 * (or first written), mc_cache_summary_rebuild_chat() once a job has
 * written a chat's messages, mc_cache_summary_note_campaign() before a
 * chat row is written. */
gboolean      mc_cache_summary_note_message   (McCache              *self,
                                               gint64                chat_id,
                                               gint64                message_id,
                                               gint64                created_at,
                                               gboolean              customer,
                                               GError              **error);
gboolean      mc_cache_summary_rebuild_chat   (McCache              *self,
                                               gint64                chat_id,
                                               GError              **error);
gboolean      mc_cache_summary_note_campaign  (McCache              *self,
                                               gint64                chat_id,
                                               gint64                campaign_id,
                                               GError              **error);
/* Computes the summaries of the whole file afresh (the migration to v6). */
gboolean      mc_cache_rebuild_response_summary (McCache            *self,
                                                 GError            **error);

/* mc-cache-statement.c */
McCacheError  mc_cache_error_code_from_sqlite (int                   code);
gboolean      mc_cache_set_sqlite_error       (sqlite3              *db,
                                               GError              **error,
                                               const char           *what);
/* For statements that are not worth keeping: transactions and pragmas. */
gboolean      mc_cache_exec                   (sqlite3              *db,
                                               const char           *sql,
                                               GError              **error);

/* The statement helper.  @sql is a literal, prepared on first use and kept
 * in self->statements; @format names the type of each argument bound to
 * ?1, ?2, ... in turn: 'x' gint64, 'i' int, 's' const char * (NULL binds
 * NULL, the text is copied).  Only the thread that owns the connection may
 * call these. */
GHashTable   *mc_cache_statements_new         (void);
sqlite3_stmt *mc_cache_statement              (McCache              *self,
                                               GError              **error,
                                               const char           *sql);
/* Binds, steps a statement that returns no rows and resets it. */
gboolean      mc_cache_step                   (sqlite3_stmt         *stmt,
                                               GError              **error,
                                               const char           *format,
                                               ...);
/* mc_cache_statement() and mc_cache_step() in one. */
gboolean      mc_cache_run                    (McCache              *self,
                                               GError              **error,
                                               const char           *sql,
                                               const char           *format,
                                               ...);
/* A SELECT with its arguments bound: step its rows, then hand the last
 * result code to mc_cache_query_end(), which resets it and turns anything
 * but SQLITE_DONE into an error about @what. */
sqlite3_stmt *mc_cache_query                  (McCache              *self,
                                               GError              **error,
                                               const char           *sql,
                                               const char           *format,
                                               ...);
gboolean      mc_cache_query_end              (sqlite3_stmt         *stmt,
                                               int                   rc,
                                               const char           *what,
                                               GError              **error);

G_END_DECLS
