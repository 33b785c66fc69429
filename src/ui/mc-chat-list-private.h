/* mc-chat-list-private.h: what the files of McChatList share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mc-chat-list.h"
#include "mc-chat-view.h"

G_BEGIN_DECLS

/* GTK 4.8's list view builds about 200 rows, whatever the window's height,
 * before it paints anything: the first frame gets a screenful (a tall one)
 * and the others are built after it. */
#define FIRST_FRAME_ROWS 30

struct _McChatList
{
  GtkWidget             parent_instance;

  McSession            *session;
  McChat               *open_chat;
  McChatView           *view;
  /* The view as the list shows it: a screenful until the first frame is
   * out (see mc_chat_list_show_all_rows()). */
  GtkSliceListModel    *chat_slice;
  GtkSingleSelection   *chat_selection;
  guint                 all_rows_id;
  GPtrArray            *bound_rows;
  guint                 clock_id;
  gboolean              selecting;
  /* The chat list shows its first row: rows coming in above it (a chat
   * waiting longer) keep it at the top rather than pushing it down. */
  gboolean              list_at_top;
  char                 *sync_error;

  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *mode_dropdown;
  GtkStack             *chats_stack;
  GtkScrolledWindow    *chats_scrolled;
  GtkListView          *chats_list;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *error_page;
  GtkWidget            *row_menu;  /* the context menu of a row, made on first use */
};

/* The list shows its top from now on, rows coming in above included. */
void  mc_chat_list_scroll_chats_to_top (McChatList    *self);
/* A new view starts at its top, with the open chat highlighted if it is
 * in it; a row with the focus hands it on to the selected row. */
void  mc_chat_list_view_switched       (McChatList    *self);
guint mc_chat_list_find_chat_position  (McChatList    *self,
                                        gint64         chat_id);
void  mc_chat_list_select_position     (McChatList    *self,
                                        guint          position);
/* mc-chat-list-menu.c: the context menu of chat rows. */
void  mc_chat_list_menu_init           (McChatList    *self);

/* The "after-paint" handler that builds the rest of the rows. */
void  mc_chat_list_on_first_frame      (McChatList    *self,
                                        GdkFrameClock *clock);

G_END_DECLS
