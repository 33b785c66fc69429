/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mc-chat.h"
#include "mc-chat-store.h"

G_BEGIN_DECLS

#define MC_TYPE_CHAT_ROW (mc_chat_row_get_type ())
G_DECLARE_FINAL_TYPE (McChatRow, mc_chat_row, MC, CHAT_ROW, GtkWidget)

/* The texts a row shows, each laid out and drawn by the row itself. */
typedef enum
{
  MC_CHAT_ROW_PART_NAME,
  MC_CHAT_ROW_PART_TIME,
  MC_CHAT_ROW_PART_CONTEXT,
  MC_CHAT_ROW_PART_DISPUTE,
  MC_CHAT_ROW_PART_DETAILS,
  MC_CHAT_ROW_PART_PREVIEW,
  MC_CHAT_ROW_PART_CLOCK,
  MC_CHAT_ROW_PART_UNREAD,
  MC_CHAT_ROW_N_PARTS
} McChatRowPart;

/* What other parts of the window know about a chat and the row shows:
 * a pin icon, unread emphasis although nothing is unread, a muted icon
 * (each also in words for a screen reader). */
typedef enum
{
  MC_CHAT_ROW_FLAGS_NONE    = 0,
  MC_CHAT_ROW_PINNED        = 1 << 0,
  MC_CHAT_ROW_MARKED_UNREAD = 1 << 1,
  MC_CHAT_ROW_MUTED         = 1 << 2,
} McChatRowFlags;

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
McChatRowFlags mc_chat_row_get_flags            (McChatRow      *self);
/* What the row shows: the flags set here, and the chat's own pin and
 * mark as unread (mc_chat_get_pinned(), mc_chat_get_marked_unread()). */
McChatRowFlags mc_chat_row_get_shown_flags      (McChatRow      *self);
void       mc_chat_row_set_flags                (McChatRow      *self,
                                                 McChatRowFlags  flags);
/* Recomputes "5 min ago" and the reply clock ("Due in 12 min") for @now
 * (usec). */
void       mc_chat_row_update_times             (McChatRow *self,
                                                 gint64     now);

/* What the row shows (NULL for a part it does not show), for tests and
 * for whoever reads the row from outside. */
const char *mc_chat_row_get_text                (McChatRow     *self,
                                                 McChatRowPart  part);
/* The reply clock's state as a style class name: "warning" (due soon),
 * "error" (overdue) or NULL (calm, or no clock). */
const char *mc_chat_row_get_clock_style         (McChatRow *self);
/* The colour a part's text is drawn in, from the current style (so it
 * follows dark mode). */
void       mc_chat_row_get_part_color           (McChatRow     *self,
                                                 McChatRowPart  part,
                                                 GdkRGBA       *color);
/* Where a shown part was last laid out, in the row's coordinates; FALSE
 * when it is hidden or the row has not been allocated. */
gboolean   mc_chat_row_get_part_bounds          (McChatRow       *self,
                                                 McChatRowPart    part,
                                                 graphene_rect_t *bounds);
/* A new layout in a part's font, for measuring a text as the row would. */
PangoLayout *mc_chat_row_create_part_layout     (McChatRow     *self,
                                                 McChatRowPart  part,
                                                 const char    *text);

/* Appends to @menu what the seller may do to @chat on this computer:
 * "Mark as Unread" or "Mark as Read", "Pin" or "Unpin", as "win.*"
 * actions that take the chat id (the chat menu and a row's menu). */
void        mc_chat_row_append_marks  (GMenu     *menu,
                                       McChat    *chat);

G_END_DECLS
