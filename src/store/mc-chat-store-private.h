/* mc-chat-store-private.h: borrowed access for the views and the sidebar,
 * which walk all chats often and need no reference per item.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-cache.h"
#include "mc-chat-store.h"

G_BEGIN_DECLS

McChat     *mc_chat_store_peek_item        (McChatStore *self,
                                            guint        position);
/* The customer's name through g_utf8_casefold(), computed on first use and
 * kept until the chat changes, so searching as the seller types does not
 * fold 100,000 names per keystroke.  "" when the chat has no name. */
const char *mc_chat_store_peek_folded_name (McChatStore *self,
                                            McChat      *chat);

/* Marks the chats of @cache the seller muted (mc-chat-store-notify.c). */
void        mc_chat_store_apply_muted      (McChatStore *self,
                                            McCache     *cache);

G_END_DECLS
