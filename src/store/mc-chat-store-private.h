/* mc-chat-store-private.h: borrowed access for the views and the sidebar,
 * which walk all chats often and need no reference per item.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-chat-store.h"

G_BEGIN_DECLS

McChat *mc_chat_store_peek_item (McChatStore *self,
                                 guint        position);

G_END_DECLS
