/* mc-outbox.h: the sends of one cabinet.  A send is recorded in the
 * cache before it goes out and shown at once as a pending bubble; it is
 * sent (or held QUEUED without a network); what went out, or may have, is
 * confirmed by the chat's history, so a send whose answer was lost is
 * never sent twice; what an earlier run left behind is reconciled the
 * same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mc-api-client.h"
#include "mc-cache.h"
#include "mc-chat-store.h"

G_BEGIN_DECLS

#define MC_TYPE_OUTBOX (mc_outbox_get_type ())
G_DECLARE_FINAL_TYPE (McOutbox, mc_outbox, MC, OUTBOX, GObject)

/* How the owner brings a chat's history into the store: it merges the
 * newest messages of @chat_id, calls mc_outbox_confirm() (as it does
 * after every history fetch of the cabinet), then returns @waiter TRUE,
 * or its error when the Market could not be asked. */
typedef void (*McOutboxHistoryFunc) (McOutbox *outbox,
                                     gint64    chat_id,
                                     GTask    *waiter,
                                     gpointer  user_data);

/* Signals:
 *  "failed" (gint64 chat_id, const char *text): a recorded send did not
 *    reach the Market (found so by history, or left FAILED by an earlier
 *    run); @text is its text, or its file's path. */

/* @cache may be NULL: sends then go out unrecorded. */
McOutbox  *mc_outbox_new                 (McChatStore          *store,
                                          McApiClient          *client,
                                          McCache              *cache,
                                          gint64                business_id);
void       mc_outbox_set_history_func    (McOutbox             *self,
                                          McOutboxHistoryFunc   func,
                                          gpointer              user_data,
                                          GDestroyNotify        destroy);
/* Without a network a send waits QUEUED, and goes out at the next
 * mc_outbox_reconcile(). */
void       mc_outbox_set_online          (McOutbox             *self,
                                          gboolean              online);
/* The owner is done with it: sends still out are no longer confirmed or
 * reconciled, and the history function is dropped. */
void       mc_outbox_close               (McOutbox             *self);

void       mc_outbox_send_message_async  (McOutbox             *self,
                                          gint64                chat_id,
                                          const char           *text,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean   mc_outbox_send_message_finish (McOutbox             *self,
                                          GAsyncResult         *result,
                                          GError              **error);
void       mc_outbox_send_file_async     (McOutbox             *self,
                                          gint64                chat_id,
                                          GFile                *file,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean   mc_outbox_send_file_finish    (McOutbox             *self,
                                          GAsyncResult         *result,
                                          GError              **error);

/* History of @chat_id was merged into the store: sends it shows are
 * confirmed, their bubbles replaced and their entries removed. */
void       mc_outbox_confirm             (McOutbox             *self,
                                          gint64                chat_id);
/* Whether @message (PARTNER, merged, after mc_outbox_confirm()) is one
 * of this app's sends: confirmed, unconfirmed or still a pending bubble.
 * Anything else a seller wrote was sent from elsewhere. */
gboolean   mc_outbox_is_own              (McOutbox             *self,
                                          McMessage            *message);
/* Settles what the cache holds: QUEUED entries go out (all of them
 * @at_start, else those held for want of a network), SENDING entries no
 * send of this run holds are checked against history, FAILED ones are
 * shown (@at_start).  FALSE if the cache could not be read. */
gboolean   mc_outbox_reconcile           (McOutbox             *self,
                                          gboolean              at_start,
                                          GError              **error);
/* Whether a send's fate was left for the Market to tell once it answers
 * again; clears the mark. */
gboolean   mc_outbox_take_unsettled      (McOutbox             *self);

/* The seller took a failed send back: its failed bubbles and entries go. */
void       mc_outbox_discard_failed      (McOutbox             *self,
                                          McMessage            *message);
/* The same for a chat no outbox holds any more: only its bubbles. */
void       mc_outbox_forget_failed_bubbles (McMessageStore     *messages,
                                            McMessage          *message);
/* The file of a pending or failed file bubble; NULL for anything else. */
GFile     *mc_outbox_dup_bubble_file     (McMessage            *message);
/* Texts equal once trimmed and with line ends made LF, as the Market
 * stores them. */
gboolean   mc_outbox_texts_match         (const char           *a,
                                          const char           *b);

G_END_DECLS
