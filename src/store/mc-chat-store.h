/* mc-chat-store.h: every chat of every cabinet, merged by chat id, as a
 * GListModel of McChat; owns read state and the caches of the cabinets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mc-chat.h"
#include "mc-message-store.h"
#include "mc-reply-clock.h"

G_BEGIN_DECLS

/* The UI may not include the cache: mc-cache.h declares it for the rest. */
typedef struct _McCache McCache;

#define MC_TYPE_CHAT_STORE (mc_chat_store_get_type ())
G_DECLARE_FINAL_TYPE (McChatStore, mc_chat_store, MC, CHAT_STORE, GObject)

/* The store's own order is the order chats were first merged (new chats
 * are appended, so a merge emits one items-changed); McChatView sorts.
 *
 * Signals:
 *  "chats-updated" (GPtrArray *chats): after a merge, the chats that were
 *    inserted or whose API properties changed (what views re-filter).
 *  "unread-changed" (): after any chat's "unread-count" changed.
 *  "waiting-changed" (GPtrArray *chats): the chats whose "waiting-since"
 *    changed (what needs-reply views re-sort by).
 *  "clocks-changed" (): the reply target or working hours changed, or the
 *    time reached the instant a chat became overdue (what Overdue views
 *    and counts re-filter on).
 *  "replied-elsewhere" (gint64 chat_id, McMessage *message): a seller's
 *    message this app did not send arrived (the web cabinet, another
 *    operator, another copy of the app).
 *
 * Chats change only through this store: do not call the setters of a
 * McChat held here directly, or views will not re-sort it. */
McChatStore    *mc_chat_store_new                  (void);

/* Loads the chats and read state kept in @cache (synchronously, for
 * start-up), and from then on persists the chats, messages and read state
 * of business mc_cache_get_business_id(@cache) there. */
gboolean        mc_chat_store_add_cache            (McChatStore *self,
                                                    McCache     *cache,
                                                    GError     **error);
McCache        *mc_chat_store_get_cache            (McChatStore *self,
                                                    gint64       business_id);

/* Inserts chats not known yet, updates known ones in place with
 * mc_chat_update_from(); never holds a chat id twice. */
void            mc_chat_store_merge                (McChatStore *self,
                                                    GPtrArray   *chats);
/* Removes every chat of a cabinet (and forgets its cache, without deleting
 * the file; see mc_cache_delete()). */
void            mc_chat_store_remove_business      (McChatStore *self,
                                                    gint64       business_id);
/* O(1); transfer none. */
McChat         *mc_chat_store_lookup               (McChatStore *self,
                                                    gint64       chat_id);

/* Messages from history or the server: updates the chat's unread count,
 * last message preview and last message id, persists them, and merges them
 * into the chat's McMessageStore when one is alive.  A PARTNER message
 * counts as read up to itself (the seller saw the chat to answer). */
void            mc_chat_store_merge_messages       (McChatStore *self,
                                                    gint64       chat_id,
                                                    GPtrArray   *messages);
/* The seller saw the chat up to @last_message_id. */
/* The seller replied (the reply may still be pending): the chat leaves
 * Needs Reply now; the next poll confirms or corrects the status. */
void            mc_chat_store_mark_answered        (McChatStore *self,
                                                    gint64       chat_id);
void            mc_chat_store_mark_read            (McChatStore *self,
                                                    gint64       chat_id,
                                                    gint64       last_message_id);
gint64          mc_chat_store_get_read_marker      (McChatStore *self,
                                                    gint64       chat_id);
/* The newest message id merged for the chat (what history is fetched
 * from), 0 when none. */
gint64          mc_chat_store_get_last_message_id  (McChatStore *self,
                                                    gint64       chat_id);

/* The seller's own marks, kept in the cabinet's cache: a pinned chat
 * sorts first in every view (and "chats-updated" says so); a chat marked
 * unread shows as unread until mc_chat_store_set_marked_unread() clears
 * it (the chat was opened) and "unread-changed" is emitted. */
void            mc_chat_store_set_pinned           (McChatStore *self,
                                                    gint64       chat_id,
                                                    gboolean     pinned);
void            mc_chat_store_set_marked_unread    (McChatStore *self,
                                                    gint64       chat_id,
                                                    gboolean     marked);
/* Sync found @message (PARTNER, already merged) that no send of this app
 * explains: it is flagged "from-elsewhere" (kept in the cabinet's cache, so
 * a history loaded after a restart shows it too), the chat is answered (see
 * mc_chat_store_mark_answered()) and "replied-elsewhere" is emitted. */
void            mc_chat_store_note_replied_elsewhere (McChatStore *self,
                                                      gint64       chat_id,
                                                      McMessage   *message);

/* The messages of a chat, loaded from the cache the first time and kept up
 * to date by mc_chat_store_merge_messages() while a reference is held. */
McMessageStore *mc_chat_store_get_messages         (McChatStore *self,
                                                    gint64       chat_id);

/* Notification state of a chat, kept in its cabinet's cache so that it
 * survives restarts (mc-chat-store-notify.c).  A mark is a gint64 per chat
 * and @kind ("remind": when to remind, "overdue": the wait start of the
 * episode already announced as overdue); 0 is no mark. */
gboolean        mc_chat_store_get_muted            (McChatStore *self,
                                                    gint64       chat_id);
/* Sets the chat's "muted" and keeps it in the cache. */
void            mc_chat_store_set_muted            (McChatStore *self,
                                                    gint64       chat_id,
                                                    gboolean     muted);
gint64          mc_chat_store_get_mark             (McChatStore *self,
                                                    gint64       chat_id,
                                                    const char  *kind);
void            mc_chat_store_set_mark             (McChatStore *self,
                                                    gint64       chat_id,
                                                    const char  *kind,
                                                    gint64       value);
/* chat id (gint64 *) -> value (gint64 *) of every mark of @kind in the
 * cache of @business_id. */
GHashTable     *mc_chat_store_list_marks           (McChatStore *self,
                                                    gint64       business_id,
                                                    const char  *kind);

/* The reply clock: this app's own measure of the working time since a
 * customer's first unanswered message against the seller's target (see
 * mc-reply-clock.h).  The store keeps one timeout, at the next instant a
 * chat becomes overdue, and emits "clocks-changed" then. */

/* "Now" as Unix time in microseconds; tests set a fake clock. */
typedef gint64 (*McNowFunc) (gpointer user_data);

gint64          mc_chat_store_get_now              (McChatStore    *self);
/* NULL @func: the real time.  Re-evaluates the clocks at the new now. */
void            mc_chat_store_set_now_func         (McChatStore    *self,
                                                    McNowFunc       func,
                                                    gpointer        user_data,
                                                    GDestroyNotify  destroy);
/* Microseconds of working time; MC_REPLY_TARGET_DEFAULT at first. */
gint64          mc_chat_store_get_reply_target     (McChatStore    *self);
void            mc_chat_store_set_reply_target     (McChatStore    *self,
                                                    gint64          target);
/* The hours of a cabinet; NULL (the default) and "always" hours mean
 * every minute counts. */
McWorkingHours *mc_chat_store_get_working_hours    (McChatStore    *self,
                                                    gint64          business_id);
void            mc_chat_store_set_working_hours    (McChatStore    *self,
                                                    gint64          business_id,
                                                    McWorkingHours *hours);
/* @chat's clock at @now (state NONE unless it needs a reply). */
void            mc_chat_store_get_reply_clock      (McChatStore    *self,
                                                    McChat         *chat,
                                                    gint64          now,
                                                    McReplyClock   *clock);
/* Whether @chat (held by the store) needs a reply and is past the target
 * at @now; cached per chat, cheap enough for filtering every chat. */
gboolean        mc_chat_store_is_overdue           (McChatStore    *self,
                                                    McChat         *chat,
                                                    gint64          now);
/* The next instant after now at which a chat becomes overdue, G_MAXINT64
 * when none will. */
gint64          mc_chat_store_get_next_clock_change (McChatStore   *self);
/* Emits "clocks-changed" and schedules the next change from now (what the
 * store's timeout does; tests call it after moving their fake clock). */
void            mc_chat_store_update_clocks        (McChatStore    *self);

G_END_DECLS
