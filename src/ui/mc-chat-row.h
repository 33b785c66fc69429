/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mc-chat.h"

G_BEGIN_DECLS

#define MC_TYPE_CHAT_ROW (mc_chat_row_get_type ())
G_DECLARE_FINAL_TYPE (McChatRow, mc_chat_row, MC, CHAT_ROW, GtkWidget)

/* Properties: "chat" (McChat, nullable), "wait-warning-minutes" (guint:
 * after how long a waiting customer is shown in the warning colour). */
GtkWidget *mc_chat_row_new                      (void);
McChat    *mc_chat_row_get_chat                 (McChatRow *self);
void       mc_chat_row_set_chat                 (McChatRow *self,
                                                 McChat    *chat);
guint      mc_chat_row_get_wait_warning_minutes (McChatRow *self);
void       mc_chat_row_set_wait_warning_minutes (McChatRow *self,
                                                 guint      minutes);
/* Recomputes "5 min ago" and "waiting 1 h 5 min" for @now (usec). */
void       mc_chat_row_update_times             (McChatRow *self,
                                                 gint64     now);

/* Appends to @menu what the seller may do to @chat on this computer:
 * "Mark as Unread" or "Mark as Read", "Pin" or "Unpin", as "win.*"
 * actions that take the chat id (the chat menu and a row's menu). */
void        mc_chat_row_append_marks  (GMenu     *menu,
                                       McChat    *chat);

G_END_DECLS
