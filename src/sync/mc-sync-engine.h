/* mc-sync-engine.h: the polling plan.  A desktop cannot receive the
 * Market's push notifications, so this asks, within each method's budget:
 * chats that need a reply every poll interval, a sweep of all chats at start
 * and now and then, history only for chats whose updatedAt moved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mc-cabinet.h"
#include "mc-chat-store.h"

G_BEGIN_DECLS

#define MC_TYPE_SYNC_ENGINE (mc_sync_engine_get_type ())
G_DECLARE_FINAL_TYPE (McSyncEngine, mc_sync_engine, MC, SYNC_ENGINE, GObject)

/* Signals:
 *  "new-chat" (McChat *chat): a chat appeared that the seller has not seen
 *    (never for the first sync of a cabinet or for backfill).
 *  "new-message" (McChat *chat, McMessage *message): a CUSTOMER message
 *    arrived (same rule).
 *  "outbox-failed" (McChat *chat, const char *text): a send recorded in the
 *    outbox did not reach the Market; the text goes back to the composer.
 *  "error" (McCabinet *cabinet, GError *error): a sync step failed (shown as
 *    a banner; the engine keeps going and retries at the next tick).
 *
 * Properties: "poll-interval" (guint seconds, >= 10), "budget-percent"
 * (guint 1..50), "effective-interval" (guint, read-only: the interval the
 * governor actually uses, larger than poll-interval when a backlog forces
 * it), "online" (gboolean, read-only), "syncing" (gboolean, read-only),
 * "paused-until" (gint64 usec, read-only: the latest 420 pause of any
 * method, 0 when none), "sweep-interval" (guint, read-only: seconds
 * between two sweeps of all chats, as the governor plans them),
 * "network-monitor" (GNetworkMonitor, construct-only; the default one when
 * unset), "test-mode" (gboolean, construct-only: poll-interval may go down
 * to 1 s).
 *
 * The governor plans each cabinet's idle requests per hour from what its
 * last poll and sweep cost (pages of needs-reply chats, history of changed
 * chats, the periodic re-check of recent chats for late messages, the
 * sweep's pages) and stretches effective-interval and sweep-interval so
 * that they stay within budget-percent of each method's hourly budget. */
McSyncEngine *mc_sync_engine_new              (McChatStore  *store);
void          mc_sync_engine_add_cabinet      (McSyncEngine *self,
                                               McCabinet    *cabinet);
void          mc_sync_engine_remove_cabinet   (McSyncEngine *self,
                                               McCabinet    *cabinet);
void          mc_sync_engine_start            (McSyncEngine *self);
void          mc_sync_engine_stop             (McSyncEngine *self);
/* Polls now (the seller pressed Refresh, the network came back). */
void          mc_sync_engine_refresh          (McSyncEngine *self);
/* Fetches the history of one chat now (the seller opened it). */
void          mc_sync_engine_sync_chat        (McSyncEngine *self,
                                               gint64        chat_id);
/* Loads one older page of a chat's history into its McMessageStore. */
void          mc_sync_engine_load_older_async (McSyncEngine        *self,
                                               gint64               chat_id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean      mc_sync_engine_load_older_finish (McSyncEngine       *self,
                                                GAsyncResult       *result,
                                                GError            **error);

/* Sending, through the outbox: the text is recorded before it goes out and
 * shown at once as a pending message; on success history confirms it; on a
 * timeout history is checked before anything is retried, so nothing is sent
 * twice; on failure the pending message turns FAILED with the error. */
void          mc_sync_engine_send_message_async (McSyncEngine        *self,
                                                 gint64               chat_id,
                                                 const char          *text,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean      mc_sync_engine_send_message_finish (McSyncEngine       *self,
                                                  GAsyncResult       *result,
                                                  GError            **error);
void          mc_sync_engine_send_file_async    (McSyncEngine        *self,
                                                 gint64               chat_id,
                                                 GFile               *file,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean      mc_sync_engine_send_file_finish   (McSyncEngine        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

guint         mc_sync_engine_get_poll_interval      (McSyncEngine *self);
void          mc_sync_engine_set_poll_interval      (McSyncEngine *self,
                                                     guint         seconds);
guint         mc_sync_engine_get_budget_percent     (McSyncEngine *self);
void          mc_sync_engine_set_budget_percent     (McSyncEngine *self,
                                                     guint         percent);
guint         mc_sync_engine_get_effective_interval (McSyncEngine *self);
guint         mc_sync_engine_get_sweep_interval     (McSyncEngine *self);
gboolean      mc_sync_engine_get_online             (McSyncEngine *self);
gboolean      mc_sync_engine_get_syncing            (McSyncEngine *self);
gint64        mc_sync_engine_get_paused_until       (McSyncEngine *self);

/* The seller took a failed text back into the composer: forgets the failed
 * bubble and its outbox entry, so it is not offered again at the next start. */
void          mc_sync_engine_discard_failed     (McSyncEngine *self,
                                                 McMessage    *message);

McCabinet    *mc_sync_engine_get_cabinet_for_chat (McSyncEngine *self,
                                                   gint64        chat_id);

/* The file of a pending or failed file bubble, to send it again; NULL for
 * anything else. */
GFile        *mc_sync_engine_dup_pending_file     (McSyncEngine *self,
                                                   McMessage    *message);
/* Whether a send of @text (as the Market would keep it) to @chat_id is
 * still pending, so a second one would likely be a duplicate. */
gboolean      mc_sync_engine_has_pending_text     (McSyncEngine *self,
                                                   gint64        chat_id,
                                                   const char   *text);
/* Texts equal once trimmed and with line ends made LF, as the Market
 * stores them. */
gboolean      mc_sync_engine_texts_match          (const char   *a,
                                                   const char   *b);

G_END_DECLS
