/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mc-message.h"

G_BEGIN_DECLS

#define MC_TYPE_MESSAGE_ROW (mc_message_row_get_type ())
G_DECLARE_FINAL_TYPE (McMessageRow, mc_message_row, MC, MESSAGE_ROW, GtkWidget)

/* One message as a bubble: the customer's at the start, the seller's at
 * the end, the Market's and support's centred.  Text is shown as typed,
 * never as markup.
 *
 * Property "message" (McMessage, nullable).  Signals: "retry" and "edit"
 * (no arguments) for a failed send; "open-attachment" and
 * "save-attachment" (McAttachment *). */
GtkWidget  *mc_message_row_new           (void);
McMessage  *mc_message_row_get_message   (McMessageRow *self);
/* For tests: the buttons of a failed bubble. */
GtkButton  *mc_message_row_get_edit_button  (McMessageRow *self);
GtkButton  *mc_message_row_get_retry_button (McMessageRow *self);
void        mc_message_row_set_message   (McMessageRow *self,
                                          McMessage    *message);
/* The day separator above the bubble ("Today"), NULL for none: the first
 * message of each day carries it, since GTK 4.8 lists have no sections. */
void        mc_message_row_set_day_label (McMessageRow *self,
                                          const char   *label);
const char *mc_message_row_get_day_label (McMessageRow *self);
/* The "Unread messages" divider above the bubble: the first message the
 * seller had not seen when the chat was opened. */
void        mc_message_row_set_unread_divider (McMessageRow *self,
                                               gboolean      shown);
gboolean    mc_message_row_get_unread_divider (McMessageRow *self);
/* Whether the bubble says "Sent from elsewhere" (for tests). */
gboolean    mc_message_row_get_elsewhere_shown (McMessageRow *self);
/* Marks where @needle (NULL: nothing) occurs in the text, the @current-th
 * occurrence (-1: none) more strongly, for a search in the chat. */
void        mc_message_row_set_highlight (McMessageRow *self,
                                          const char   *needle,
                                          int           current);
/* The text label, for tests: its attributes hold the marks. */
GtkLabel   *mc_message_row_get_text_label (McMessageRow *self);

G_END_DECLS
