/* mc-window-private.h: what mc-window.c and mc-window-actions.c share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-chat-list.h"
#include "mc-conversation.h"
#include "mc-order-panel.h"
#include "mc-status-banner.h"
#include "mc-window.h"

G_BEGIN_DECLS

struct _McWindow
{
  AdwApplicationWindow  parent_instance;

  McSession            *session;
  GSettings            *settings;
  /* The store is being selected by the window, not by the seller: not
   * saved.  store_chosen: the seller picked one, or the saved one came. */
  gboolean              selecting_store;
  gboolean              store_chosen;

  GtkStack             *main_stack;
  AdwToastOverlay      *toast_overlay;
  AdwToastOverlay      *conversation_toasts;
  AdwLeaflet           *leaflet;
  GtkRevealer          *demo_revealer;
  GtkListBox           *sidebar_list;
  GtkWidget            *sidebar_pane;
  GtkWidget            *sidebar_handle;
  int                   drag_start_width;
  AdwClamp             *chats_pane;
  AdwWindowTitle       *chats_title;
  McStatusBanner       *status_banner;
  McChatList           *chat_list;
  GtkMenuButton        *menu_button;
  GtkWidget            *conversation_pane;
  McConversation       *conversation;
  GtkWidget            *chat_menu_button;

  /* mc-window-notify.c: chat id -> its toast while shown; the sidebar's
   * context menu while open; "notify.*" actions; the open chat whose
   * "muted" the chat menu shows. */
  GHashTable           *chat_toasts;
  GtkWidget            *store_menu;
  GSimpleActionGroup   *notify_actions;
  McChat               *muted_watch;
  GMenu                *chat_menu_state;
  /* The chat whose marks the chat menu offers to change. */
  McChat               *marks_chat;
  GtkBox               *conversation_body;
  McOrderPanel         *order_panel;
  GtkWidget            *order_button;
  /* The seller wants the order card shown (the "order-panel-visible" key). */
  gboolean              order_panel_visible;
};

/* Shows the chat in the conversation, and the conversation on a narrow
 * screen; the focus stays in the list when it was there. */
void mc_window_show_chat             (McWindow       *self,
                                      McChat         *chat);
/* Offers in the chat menu the marks the shown chat can take now (Mark as
 * Unread or Read, Pin or Unpin). */
void mc_window_update_chat_menu      (McWindow       *self);
/* Puts the focus in the composer when the chat may be answered. */
void mc_window_focus_composer        (McWindow       *self);
/* Shows @toast where it hides no chat rows (mc-window-actions.c). */
void mc_window_add_toast             (McWindow       *self,
                                      AdwToast       *toast);
/* The mute actions, the sidebar's context menu and chat toasts
 * (mc-window-notify.c). */
void mc_window_setup_notify          (McWindow       *self);
void mc_window_dispose_notify        (McWindow       *self);
/* Installs the "win.*" actions and their shortcuts (mc-window-actions.c). */
void mc_window_class_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS
