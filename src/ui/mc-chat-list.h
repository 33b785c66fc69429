/* mc-chat-list.h: the chats of the selected stores: a view to choose, a
 * search, the list, and what it says when it has nothing to list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mc-chat.h"
#include "mc-chat-row.h"
#include "mc-session.h"
#include "mc-sidebar-item.h"

G_BEGIN_DECLS

#define MC_TYPE_CHAT_LIST (mc_chat_list_get_type ())
G_DECLARE_FINAL_TYPE (McChatList, mc_chat_list, MC, CHAT_LIST, GtkWidget)

/* Properties: "session" (McSession, set once), "open-chat" (McChat,
 * nullable: the chat the conversation shows, highlighted when a new view
 * holds it), "search-mode" (gboolean: the search bar is up).
 *
 * Signals: "chat-selected" (McChat *chat): the seller selected a row (not
 * the list itself following a change); "chat-activated" (McChat *chat):
 * the seller activated a row. */
GtkWidget  *mc_chat_list_new             (void);
McSession  *mc_chat_list_get_session     (McChatList  *self);
void        mc_chat_list_set_session     (McChatList  *self,
                                          McSession   *session);
/* Shows the chats of @item's stores, from the top. */
void        mc_chat_list_set_store_item  (McChatList  *self,
                                          McSidebarItem *item);
/* Whether the list, as its stores, view and search filter it, holds the
 * chat. */
gboolean    mc_chat_list_has_chat        (McChatList  *self,
                                          gint64       chat_id);
/* Selects the chat and scrolls to it; when the view or the search hides
 * it, shows all chats first. */
void        mc_chat_list_select_chat     (McChatList  *self,
                                          gint64       chat_id);
/* Selects the chat @step rows from the selected or open one (the first or
 * last when neither is listed) and returns it; NULL when the list is
 * empty. */
McChat     *mc_chat_list_step            (McChatList  *self,
                                          int          step);
/* The chat after @current (NULL: none open) among those of the selected
 * stores that need a reply, oldest waiting first, wrapping around; the
 * first when @current needs none.  NULL when no chat needs a reply.
 * Selects nothing (see mc_chat_list_select_chat()). */
McChat     *mc_chat_list_next_needing_reply (McChatList *self,
                                             McChat     *current);
/* Opens the search bar and puts the focus in it. */
void        mc_chat_list_start_search    (McChatList  *self);
/* Clears and closes the search bar; FALSE when it was not open. */
gboolean    mc_chat_list_stop_search     (McChatList  *self);
/* Forgets the last sync error and asks the session for a sync now. */
void        mc_chat_list_refresh         (McChatList  *self);
/* Where a view mode sits in the view drop-down, and back. */
guint          mc_chat_list_mode_position (McChatViewMode mode);
McChatViewMode mc_chat_list_position_mode (guint          position);
/* The list view itself, where the focus stays while chats are walked. */
GtkWidget  *mc_chat_list_get_list_view   (McChatList  *self);

/* Opens the context menu of @row (a row of this list), as the Menu key
 * does; TRUE if it shows.  The menu itself, NULL before (for tests). */
gboolean     mc_chat_list_popup_row_menu       (McChatList *self,
                                                McChatRow  *row);
GtkWidget   *mc_chat_list_get_row_menu         (McChatList *self);

G_END_DECLS
