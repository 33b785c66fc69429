/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mc-chat.h"
#include "mc-chat-store.h"

G_BEGIN_DECLS

#define MC_TYPE_CHAT_ROW (mc_chat_row_get_type ())
G_DECLARE_FINAL_TYPE (McChatRow, mc_chat_row, MC, CHAT_ROW, GtkWidget)

/* Properties: "chat" (McChat, nullable), "clocks" (McChatStore, nullable:
 * the store whose reply target, working hours and now the row's reply
 * clock follows; without one, the default target in wall time). */
GtkWidget *mc_chat_row_new                      (void);
McChat    *mc_chat_row_get_chat                 (McChatRow *self);
void       mc_chat_row_set_chat                 (McChatRow *self,
                                                 McChat    *chat);
McChatStore *mc_chat_row_get_clocks             (McChatRow   *self);
void       mc_chat_row_set_clocks               (McChatRow   *self,
                                                 McChatStore *clocks);
/* Recomputes "5 min ago" and the reply clock ("Due in 12 min") for @now
 * (usec). */
void       mc_chat_row_update_times             (McChatRow *self,
                                                 gint64     now);

/* Appends to @menu what the seller may do to @chat on this computer:
 * "Mark as Unread" or "Mark as Read", "Pin" or "Unpin", as "win.*"
 * actions that take the chat id (the chat menu and a row's menu). */
void        mc_chat_row_append_marks  (GMenu     *menu,
                                       McChat    *chat);

G_END_DECLS
