/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mc-chat.h"
#include "mc-composer.h"
#include "mc-session.h"

G_BEGIN_DECLS

#define MC_TYPE_CONVERSATION (mc_conversation_get_type ())
G_DECLARE_FINAL_TYPE (McConversation, mc_conversation, MC, CONVERSATION, GtkWidget)

/* The messages of one chat, newest at the bottom, and the composer.
 *
 * Properties: "session" (McSession), "chat" (McChat, nullable), "timeline"
 * (McChatTimeline of the chat, read-only), "title" and "subtitle"
 * (strings, read-only: for the header bar above it). */
GtkWidget   *mc_conversation_new               (void);
McSession   *mc_conversation_get_session       (McConversation *self);
void         mc_conversation_set_session       (McConversation *self,
                                                McSession      *session);
McChat      *mc_conversation_get_chat          (McConversation *self);
/* Writes the draft of the chat shown, shows @chat, marks it read and
 * fetches its history now. */
void         mc_conversation_set_chat          (McConversation *self,
                                                McChat         *chat);
McChatTimeline *mc_conversation_get_timeline   (McConversation *self);
const char  *mc_conversation_get_title         (McConversation *self);
const char  *mc_conversation_get_subtitle      (McConversation *self);
McComposer  *mc_conversation_get_composer      (McConversation *self);
/* The question asked before a second identical send while one is pending. */
GtkWindow   *mc_conversation_get_duplicate_dialog (McConversation *self);
/* The "Save As" chooser while it is open, for tests. */
GtkFileChooser *mc_conversation_get_save_chooser (McConversation *self);
/* Opens the search in the chat's messages and puts the focus in it
 * (nothing when no chat is shown). */
void         mc_conversation_start_search      (McConversation *self);
/* Closes it, the focus going back where it was; FALSE when it was not
 * open. */
gboolean     mc_conversation_stop_search       (McConversation *self);
/* The matches: their count, and which is current (0 = the newest),
 * G_MAXUINT when none (for tests). */
guint        mc_conversation_get_search_n_matches (McConversation *self);
guint        mc_conversation_get_search_current   (McConversation *self);
/* The position in the messages of the current match, or
 * GTK_INVALID_LIST_POSITION. */
guint        mc_conversation_get_search_position  (McConversation *self);
/* The timeline's messages, NULL when no chat is shown (for tests). */
GListModel  *mc_conversation_get_messages      (McConversation *self);
/* The message the "Unread messages" divider is above, 0 for none (for
 * tests). */
gint64       mc_conversation_get_first_unread_id (McConversation *self);

G_END_DECLS
