/* mc-cache.h: the SQLite cache of one cabinet (business): its stores, chats,
 * messages, read markers, drafts, the outbox of sends in flight and sync
 * state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mc-campaign.h"
#include "mc-chat.h"
#include "mc-message.h"
#include "mc-order.h"
#include "mc-return.h"
#include "mc-template.h"

G_BEGIN_DECLS

#define MC_CACHE_ERROR (mc_cache_error_quark ())

typedef enum
{
  MC_CACHE_ERROR_FAILED,   /* SQLite refused a statement */
  MC_CACHE_ERROR_CLOSED,   /* the cache was closed or deleted */
  MC_CACHE_ERROR_BUSY,     /* another program holds the file locked */
  MC_CACHE_ERROR_CORRUPT,  /* SQLite says the file is damaged or no database */
  MC_CACHE_ERROR_NEWER,    /* written by a newer version: left untouched */
} McCacheError;

/* The schema version a new file gets and older files are migrated to. */
#define MC_CACHE_SCHEMA_VERSION 8

typedef enum
{
  MC_OUTBOX_STATE_QUEUED,   /* recorded, not yet handed to the network */
  MC_OUTBOX_STATE_SENDING,  /* a request went out; its fate is unknown */
  MC_OUTBOX_STATE_FAILED,   /* the Market refused it; the seller may retry */
} McOutboxState;

/* One send in flight.  Exactly one of @text and @file_path is set. */
typedef struct
{
  gint64         id;
  gint64         chat_id;
  char          *text;
  char          *file_path;
  gint64         created_at;  /* Unix usec, UTC */
  McOutboxState  state;
} McOutboxEntry;

/* Per-chat local state kept next to the chat, see mc_cache_load_chat_states(). */
typedef struct
{
  gint64 chat_id;
  gint64 read_marker;      /* id of the last message the seller saw, 0 if none */
  gint64 last_message_id;  /* newest message id known, 0 if no history yet */
} McCacheChatState;

#define MC_TYPE_OUTBOX_ENTRY (mc_outbox_entry_get_type ())
GType          mc_outbox_entry_get_type (void);
McOutboxEntry *mc_outbox_entry_copy     (const McOutboxEntry *entry);
void           mc_outbox_entry_free     (McOutboxEntry       *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McOutboxEntry, mc_outbox_entry_free)

#define MC_TYPE_CACHE (mc_cache_get_type ())
G_DECLARE_FINAL_TYPE (McCache, mc_cache, MC, CACHE, GObject)

GQuark      mc_cache_error_quark          (void);

/* The folder name under $XDG_DATA_HOME for the application id @app_id:
 * "market-chats" for the release, "market-chats-devel" for the development
 * profile, so that a development build never migrates or rewrites the
 * seller's own history. */
char       *mc_cache_dup_data_dir_name    (const char          *app_id);
/* $XDG_DATA_HOME/<mc_cache_dup_data_dir_name (BASE_ID)>: the cabinets file
 * and the caches of each cabinet.  While another API origin than the
 * Market's own is set, its own folder under "origins/" instead, so that a
 * test server's answers never touch the seller's cabinets and history. */
char       *mc_cache_dup_data_dir         (void);
/* The API origin this process talks to (see mc_token_store_dup_origin_of_url());
 * NULL for the Market's own. */
void        mc_cache_set_api_origin       (const char          *origin);

/* Where opened attachments of a chat go:
 * $XDG_CACHE_HOME/<data dir name>[/origins/<origin>]/attachments/<business-id>/<chat-id>,
 * so same-named files of two chats never overwrite each other and a
 * cabinet's files go with it (mc_cache_delete()). */
char       *mc_cache_dup_attachments_dir  (gint64               business_id,
                                           gint64               chat_id);
/* The folder holding the attachments folders of every cabinet. */
char       *mc_cache_dup_attachments_root (void);
/* Deletes opened attachments under @root (from
 * mc_cache_dup_attachments_root(), so it may run in a thread) older than
 * @max_age_usec, and the chat folders left empty.  Returns how many files
 * went. */
guint       mc_cache_expire_attachments   (const char          *root,
                                           gint64               max_age_usec);

/* <mc_cache_dup_data_dir ()>/<business-id>.sqlite */
char       *mc_cache_dup_default_path     (gint64               business_id);

/* Opens (creating directories and the file, readable by the seller only,
 * as needed) and migrates the cache.  Only a file SQLite reports as
 * damaged (SQLITE_CORRUPT, SQLITE_NOTADB or a failed quick_check) is moved
 * aside to "<name>.corrupt-<timestamp>" with a warning and replaced by an
 * empty cache.  A file locked by another program is tried again and then
 * reported as MC_CACHE_ERROR_BUSY; one written by a newer version is
 * refused with MC_CACHE_ERROR_NEWER; both are left as they are. */
McCache    *mc_cache_open                 (gint64               business_id,
                                           GError             **error);
McCache    *mc_cache_open_path            (const char          *path,
                                           gint64               business_id,
                                           GError             **error);
gint64      mc_cache_get_business_id      (McCache             *self);
const char *mc_cache_get_path             (McCache             *self);
int         mc_cache_get_schema_version   (McCache             *self);

/* Waits for every queued write, then closes the database.  Later calls
 * fail with MC_CACHE_ERROR_CLOSED.  Also done on finalize. */
void        mc_cache_close                (McCache             *self);
/* Closes, then removes the file and its -wal and -shm companions. */
gboolean    mc_cache_delete               (McCache             *self,
                                           GError             **error);

/* Synchronous loads, meant for start-up.  Each first waits for the writes
 * queued before it, so it sees them. */
GPtrArray  *mc_cache_load_chats           (McCache             *self,
                                           GError             **error);
GArray     *mc_cache_load_chat_states     (McCache             *self,
                                           GError             **error);
/* chat id -> GArray of gint64: ids of CUSTOMER messages newer than the read
 * marker of their chat, ascending. */
GHashTable *mc_cache_load_unread_ids      (McCache             *self,
                                           GError             **error);
/* McCacheWaiting per chat that needs a reply and has a CUSTOMER message
 * after its last PARTNER one: when the first of those was written. */
typedef struct
{
  gint64 chat_id;
  gint64 since;
} McCacheWaiting;
GArray     *mc_cache_load_waiting_since   (McCache             *self,
                                           GError             **error);
GPtrArray  *mc_cache_load_messages        (McCache             *self,
                                           gint64               chat_id,
                                           GError             **error);
GPtrArray  *mc_cache_list_outbox          (McCache             *self,
                                           GError             **error);
/* The stores (McCampaign) as last saved, in the order they were saved, so
 * that a start without network can show them; empty before the first save. */
GPtrArray  *mc_cache_load_campaigns       (McCache             *self,
                                           GError             **error);

/* The same load without blocking: runs after the queued writes. */
void        mc_cache_load_messages_async  (McCache             *self,
                                           gint64               chat_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GPtrArray  *mc_cache_load_messages_finish (McCache             *self,
                                           GAsyncResult        *result,
                                           GError             **error);

/* Writes.  Each is queued to the cache's writer thread and returns at once;
 * queued writes run in order, batched into transactions.  The callback may
 * be NULL when the caller does not care about the outcome (a failure is then
 * logged with g_warning). */
void        mc_cache_save_chats_async     (McCache             *self,
                                           GPtrArray           *chats,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    mc_cache_save_chats_finish    (McCache             *self,
                                           GAsyncResult        *result,
                                           GError             **error);
/* Messages with id 0 (pending) are skipped: the outbox holds those. */
void        mc_cache_save_messages_async  (McCache             *self,
                                           GPtrArray           *messages,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    mc_cache_save_messages_finish (McCache             *self,
                                           GAsyncResult        *result,
                                           GError             **error);
void        mc_cache_save_chat_state_async (McCache            *self,
                                            gint64              chat_id,
                                            gint64              read_marker,
                                            gint64              last_message_id,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
gboolean    mc_cache_save_chat_state_finish (McCache           *self,
                                             GAsyncResult      *result,
                                             GError           **error);
/* Replaces the saved stores with @campaigns (GET /v2/campaigns just listed
 * them): a store gone from the Market goes from the cache too. */
void        mc_cache_save_campaigns_async (McCache             *self,
                                           GPtrArray           *campaigns,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    mc_cache_save_campaigns_finish (McCache            *self,
                                            GAsyncResult       *result,
                                            GError            **error);

/* Drafts live in memory as well, so getting one never touches the disk and
 * setting one is cheap enough for every keystroke; each set is committed
 * on its own, so a draft survives a crash.  NULL or "" deletes. */
const char *mc_cache_get_draft            (McCache             *self,
                                           gint64               chat_id);
void        mc_cache_set_draft            (McCache             *self,
                                           gint64               chat_id,
                                           const char          *text);

/* What the seller did to chats on this computer only (pinned, marked
 * unread).  Loading gives McCacheChatMarks for the chats with any mark;
 * saving a chat with neither forgets it. */
typedef struct
{
  gint64   chat_id;
  gboolean pinned;
  gboolean marked_unread;
} McCacheChatMarks;
GArray     *mc_cache_load_chat_marks      (McCache             *self,
                                           GError             **error);
void        mc_cache_save_chat_marks      (McCache             *self,
                                           gint64               chat_id,
                                           gboolean             pinned,
                                           gboolean             marked_unread);

/* Remembers that the PARTNER message @message_id of @chat_id was sent
 * from elsewhere (not by this app), so that mc_cache_load_messages() gives
 * it "from-elsewhere" again after a restart.  Queued like the other
 * writes; saving the message again later keeps the mark. */
void        mc_cache_save_message_from_elsewhere (McCache      *self,
                                                  gint64        chat_id,
                                                  gint64        message_id);

/* Outbox: record a send before it goes out (the id is given in _finish
 * once the row is committed), update its state, remove it on success. */
void        mc_cache_outbox_add_async     (McCache             *self,
                                           gint64               chat_id,
                                           const char          *text,
                                           const char          *file_path,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gint64      mc_cache_outbox_add_finish    (McCache             *self,
                                           GAsyncResult        *result,
                                           GError             **error);
void        mc_cache_outbox_set_state     (McCache             *self,
                                           gint64               id,
                                           McOutboxState        state);
void        mc_cache_outbox_remove        (McCache             *self,
                                           gint64               id);

/* Key/value sync state (e.g. "last-sweep"), kept in memory as well. */
char       *mc_cache_dup_sync_state       (McCache             *self,
                                           const char          *key);
gint64      mc_cache_get_sync_state_int   (McCache             *self,
                                           const char          *key,
                                           gint64               default_value);
void        mc_cache_set_sync_state       (McCache             *self,
                                           const char          *key,
                                           const char          *value);
void        mc_cache_set_sync_state_int   (McCache             *self,
                                           const char          *key,
                                           gint64               value);

/* Waits for every write queued so far (start-up, shutdown, tests). */
gboolean    mc_cache_flush                (McCache             *self,
                                           GError             **error);
/* Longest time, in microseconds, a write call above kept its caller. */
gint64      mc_cache_get_max_write_block  (McCache             *self);

/* Orders and returns of the order card, with when they were fetched (Unix
 * usec).  Saving is queued like the other writes; a later save of the same
 * id replaces it.  A load gives NULL, without an error, when nothing is
 * kept for the id. */
void        mc_cache_save_order           (McCache             *self,
                                           McOrder             *order,
                                           gint64               fetched_at);
McOrder    *mc_cache_load_order           (McCache             *self,
                                           gint64               order_id,
                                           gint64              *fetched_at,
                                           GError             **error);
void        mc_cache_save_return          (McCache             *self,
                                           McReturn            *ret,
                                           gint64               fetched_at);
McReturn   *mc_cache_load_return          (McCache             *self,
                                           gint64               return_id,
                                           gint64              *fetched_at,
                                           GError             **error);
/* Whether something fetched at @fetched_at is less than @minutes old at
 * @now (both Unix usec); never for a time ahead of @now. */
gboolean    mc_cache_is_fresh             (gint64               fetched_at,
                                           gint64               now,
                                           guint                minutes);

/* Reply templates (McTemplate), oldest first.  Add gives the template its
 * id; update and delete name it by id.  Synchronous: the seller edits
 * them one at a time in Preferences. */
GPtrArray  *mc_cache_load_templates       (McCache             *self,
                                           GError             **error);
gboolean    mc_cache_add_template         (McCache             *self,
                                           McTemplate          *template,
                                           GError             **error);
gboolean    mc_cache_update_template      (McCache             *self,
                                           McTemplate          *template,
                                           GError             **error);
gboolean    mc_cache_delete_template      (McCache             *self,
                                           gint64               id,
                                           GError             **error);

G_END_DECLS
