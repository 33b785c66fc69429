/* mc-message-store.h: the messages of one chat as a GListModel of McMessage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mc-message.h"

G_BEGIN_DECLS

#define MC_TYPE_MESSAGE_STORE (mc_message_store_get_type ())
G_DECLARE_FINAL_TYPE (McMessageStore, mc_message_store, MC, MESSAGE_STORE, GObject)

/* Items are sorted by created-at, then message-id, whatever order the server
 * used; pending messages (message-id 0, state PENDING or FAILED) follow them
 * in the order they were added, until confirmed or removed.
 *
 * Properties: "chat-id" (gint64, construct-only), "has-older" (gboolean,
 * TRUE while older history may exist on the server; initially TRUE). */
McMessageStore *mc_message_store_new               (gint64          chat_id);
gint64          mc_message_store_get_chat_id       (McMessageStore *self);
gboolean        mc_message_store_get_has_older     (McMessageStore *self);
void            mc_message_store_set_has_older     (McMessageStore *self,
                                                    gboolean        has_older);

/* Inserts messages not known yet (by message-id), in one items-changed per
 * contiguous run of insertions.  Known ones are left alone.  Returns the
 * number inserted. */
guint           mc_message_store_merge             (McMessageStore *self,
                                                    GPtrArray      *messages);
/* For a page of older history: when every new message sorts before the
 * first one held, inserts them with a single items-changed at position 0;
 * otherwise behaves like mc_message_store_merge().  Sets "has-older". */
guint           mc_message_store_merge_older       (McMessageStore *self,
                                                    GPtrArray      *messages,
                                                    gboolean        has_older);
McMessage      *mc_message_store_lookup            (McMessageStore *self,
                                                    gint64          message_id);
/* Newest / oldest message-id held (not counting pending), 0 when none. */
gint64          mc_message_store_get_last_message_id  (McMessageStore *self);
gint64          mc_message_store_get_first_message_id (McMessageStore *self);

/* @message must have message-id 0; its state is set to PENDING if SENT. */
void            mc_message_store_add_pending       (McMessageStore *self,
                                                    McMessage      *message);
/* Replaces @pending with @confirmed (the message as the server has it; it
 * is merged, or only @pending is dropped when @confirmed is already known). */
void            mc_message_store_confirm_pending   (McMessageStore *self,
                                                    McMessage      *pending,
                                                    McMessage      *confirmed);
void            mc_message_store_remove_pending    (McMessageStore *self,
                                                    McMessage      *pending);

G_END_DECLS
