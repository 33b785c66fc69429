/* mc-chat-timeline.h: one opened chat as the UI sees it: its messages, the
 * seller's draft, whether it may be answered, and the verbs that change it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mc-attachment.h"
#include "mc-chat.h"
#include "mc-message.h"
#include "mc-order.h"
#include "mc-return.h"

G_BEGIN_DECLS

/* What the Market accepts (the API's limits, checked before anything is
 * recorded). */
#define MC_CHAT_TIMELINE_MAX_TEXT_CHARS 4096
#define MC_CHAT_TIMELINE_MAX_FILE_SIZE  (5 * 1024 * 1024)

#define MC_TYPE_CHAT_TIMELINE (mc_chat_timeline_get_type ())
G_DECLARE_FINAL_TYPE (McChatTimeline, mc_chat_timeline, MC, CHAT_TIMELINE, GObject)

/* The order card of a chat with an order (ORDER, or RETURN with its order). */
typedef enum
{
  MC_ORDER_STATE_NONE,     /* the chat has no order */
  MC_ORDER_STATE_LOADING,  /* nothing kept yet, the first fetch is on its way */
  MC_ORDER_STATE_READY,    /* "order" holds it (perhaps the kept copy while a fetch runs);
                            * "order-message" may note what is missing */
  MC_ORDER_STATE_NO_SCOPE, /* the key may not read orders: "order-message" says what to add */
  MC_ORDER_STATE_ERROR,    /* nothing kept and the fetch failed: "order-message" says why */
} McOrderState;

#define MC_TYPE_ORDER_STATE (mc_order_state_get_type ())
GType mc_order_state_get_type (void) G_GNUC_CONST;

/* Made by mc_session_get_timeline(), which hands out the same object for a
 * chat while anyone holds it.
 *
 * Properties (read-only unless noted):
 *  "chat" (McChat).
 *  "messages" (GListModel of McMessage, an McMessageStore): oldest first,
 *    pending and failed sends last.
 *  "draft" (string, read-write, nullable): what the seller is writing;
 *    written to the cabinet's cache 500 ms after the last change (at once
 *    by mc_chat_timeline_save_draft() and when the timeline goes), and
 *    read from it when the timeline is made.  A text that never became a
 *    bubble, and a failed one taken back, return here.
 *  "can-send" (gboolean): the seller may answer in this chat now.
 *  "read-only-reason" (string, nullable): why not, in the seller's words;
 *    NULL exactly when "can-send" is TRUE.
 *  "loading-older" (gboolean): an older page of history is being fetched.
 *  "has-older" (gboolean): older history may exist on the server.
 *  "order" (McOrder, nullable), "return" (McReturn, nullable): the
 *    chat's order and return, the kept copy at once, then as fetched; a
 *    copy older than 10 minutes is fetched again, and while the timeline
 *    lives it is refreshed at most every 10 minutes.
 *  "order-state" (McOrderState), "order-message" (string, nullable): the
 *    seller's words for NO_SCOPE and ERROR; for READY, what the card
 *    lacks that the seller can change (a return the key may not read),
 *    else NULL.
 *  "replied-elsewhere" (gboolean): a reply this app did not send (the web
 *    cabinet, another operator) arrived while the draft held text; cleared
 *    by mc_chat_timeline_dismiss_replied_elsewhere() or an emptied draft. */

McChat         *mc_chat_timeline_get_chat             (McChatTimeline *self);
GListModel     *mc_chat_timeline_get_messages         (McChatTimeline *self);
gint64          mc_chat_timeline_get_chat_id          (McChatTimeline *self);
const char     *mc_chat_timeline_get_draft            (McChatTimeline *self);
void            mc_chat_timeline_set_draft            (McChatTimeline *self,
                                                       const char     *draft);
/* Writes a draft still waiting for its pause now. */
void            mc_chat_timeline_save_draft           (McChatTimeline *self);
gboolean        mc_chat_timeline_get_can_send         (McChatTimeline *self);
const char     *mc_chat_timeline_get_read_only_reason (McChatTimeline *self);
gboolean        mc_chat_timeline_get_loading_older    (McChatTimeline *self);
gboolean        mc_chat_timeline_get_has_older        (McChatTimeline *self);

McOrder        *mc_chat_timeline_get_order            (McChatTimeline *self);
McReturn       *mc_chat_timeline_get_return           (McChatTimeline *self);
McOrderState    mc_chat_timeline_get_order_state      (McChatTimeline *self);
const char     *mc_chat_timeline_get_order_message    (McChatTimeline *self);

/* Sends @text through the outbox: a pending bubble shows at once and
 * settles as sent or failed (with retry and take-back).  The draft, when
 * it holds @text, is cleared and that is written at once.  A text refused
 * before it became a bubble (the chat cannot be answered, too long, ...)
 * goes back in front of the draft, and the call fails with why. */
void            mc_chat_timeline_send_text_async      (McChatTimeline      *self,
                                                       const char          *text,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean        mc_chat_timeline_send_text_finish     (McChatTimeline      *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void            mc_chat_timeline_send_file_async      (McChatTimeline      *self,
                                                       GFile               *file,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean        mc_chat_timeline_send_file_finish     (McChatTimeline      *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/* Whether a send of @text is still pending here, so that a second one
 * would likely deliver it twice. */
gboolean        mc_chat_timeline_has_pending_text     (McChatTimeline      *self,
                                                       const char          *text);
/* Sends a failed bubble's text or file again; the new attempt replaces
 * it.  Finishes like the send it repeats. */
void            mc_chat_timeline_retry_async          (McChatTimeline      *self,
                                                       McMessage           *failed,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean        mc_chat_timeline_retry_finish         (McChatTimeline      *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/* The seller takes a failed send back: its text goes in front of the
 * draft, and the bubble and its outbox entry are forgotten. */
void            mc_chat_timeline_take_back            (McChatTimeline      *self,
                                                       McMessage           *failed);

/* Fetches the chat's newest history now (the seller opened it). */
void            mc_chat_timeline_refresh              (McChatTimeline      *self);
/* One older page of history, inserted at the top of "messages"; sets
 * "loading-older" meanwhile.  Does nothing (and succeeds) when there is
 * no older history or a page is already coming. */
void            mc_chat_timeline_load_older_async     (McChatTimeline      *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean        mc_chat_timeline_load_older_finish    (McChatTimeline      *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/* The seller saw every message held; a chat marked unread is not any more. */
void            mc_chat_timeline_mark_read            (McChatTimeline      *self);
/* The first customer message the seller has not seen (after the read
 * marker), 0 when none: where an opened chat starts.  Ask before
 * mc_chat_timeline_mark_read(). */
gint64          mc_chat_timeline_get_first_unread_id  (McChatTimeline      *self);
gboolean        mc_chat_timeline_get_replied_elsewhere (McChatTimeline     *self);
void            mc_chat_timeline_dismiss_replied_elsewhere (McChatTimeline *self);

/* Fetches an attachment of this chat (https or this computer only, with
 * the cabinet's key only on the API's own address). */
void            mc_chat_timeline_download_async       (McChatTimeline      *self,
                                                       McAttachment        *attachment,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GBytes         *mc_chat_timeline_download_finish      (McChatTimeline      *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/* The folder opened attachments of this chat are kept in (made if
 * missing, private to the seller); NULL with @error when it cannot be. */
char           *mc_chat_timeline_dup_attachments_dir  (McChatTimeline      *self,
                                                       GError             **error);

G_END_DECLS
