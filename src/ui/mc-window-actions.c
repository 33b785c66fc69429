/* mc-window-actions.c: the main window's "win.*" actions and shortcuts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-add-cabinet-dialog.h"
#include "mc-chat-store.h"
#include "mc-new-chat-dialog.h"
#include "mc-quick-switcher.h"
#include "mc-statistics-window.h"
#include "mc-ui-util.h"
#include "mc-ui.h"
#include "mc-window-private.h"

void
mc_window_add_toast (McWindow *self,
                     AdwToast *toast)
{
  gboolean conversation_shown = !adw_leaflet_get_folded (self->leaflet) ||
                                adw_leaflet_get_visible_child (self->leaflet) == self->conversation_pane;

  /* Where the conversation is on screen, over it: over the whole window a
   * toast sits on the chat list and hides its rows. */
  adw_toast_overlay_add_toast (conversation_shown ? self->conversation_toasts : self->toast_overlay,
                               mc_ui_toast_watch (toast));
}

static void
mc_window_toast (McWindow   *self,
                 const char *text)
{
  mc_window_add_toast (self, mc_ui_plain_toast_new (text));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);

  if (mc_chat_list_stop_search (self->chat_list) ||
      mc_conversation_stop_search (self->conversation))
    return;

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean conversation_shown = adw_leaflet_get_folded (self->leaflet)
    ? adw_leaflet_get_visible_child (self->leaflet) == self->conversation_pane
    : focus != NULL && gtk_widget_is_ancestor (focus, self->conversation_pane);

  /* The conversation the seller is in searches its messages; anywhere
   * else the search is for chats. */
  if (conversation_shown && mc_conversation_get_chat (self->conversation) != NULL)
    {
      mc_conversation_start_search (self->conversation);
      return;
    }

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->chats_pane));
  mc_chat_list_start_search (self->chat_list);
}

static void
step_chat (McWindow *self,
           int       step)
{
  g_autoptr(McChat) chat = mc_chat_list_step (self->chat_list, step);

  if (chat != NULL)
    mc_window_show_chat (self, chat);
}

static void
previous_chat_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  step_chat (MC_WINDOW (widget), -1);
}

static void
next_chat_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  step_chat (MC_WINDOW (widget), 1);
}

static void
next_needing_reply_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);
  McChat *open = mc_conversation_get_chat (self->conversation);
  g_autoptr(McChat) next = mc_chat_list_next_needing_reply (self->chat_list, open);

  if (next == NULL)
    {
      mc_window_toast (self, _("No chats need a reply"));
      return;
    }
  if (next == open)
    {
      mc_window_toast (self, _("No other chat needs a reply"));
      return;
    }

  mc_chat_list_select_chat (self->chat_list, mc_chat_get_chat_id (next));
  mc_window_show_chat (self, next);
}

static void
quick_switcher_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);

  gtk_window_present (mc_quick_switcher_new (self->session, GTK_WINDOW (self)));
}

static void
new_chat_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);

  gtk_window_present (mc_new_chat_dialog_new (self->session, GTK_WINDOW (self)));
}

static void
add_cabinet_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);

  gtk_window_present (mc_add_cabinet_dialog_new (self->session, GTK_WINDOW (self)));
}

static void
statistics_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);

  gtk_window_present (mc_statistics_window_new (self->session, self->settings, GTK_WINDOW (self)));
}

static void
open_chat_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  mc_window_open_chat (MC_WINDOW (widget), g_variant_get_int64 (parameter));
}

/* Stickers and other content this app cannot show are in the seller
 * cabinet, which opens at that chat in the browser. */
static void
open_in_cabinet_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);
  gint64 chat_id = g_variant_get_int64 (parameter);
  McChat *chat = mc_chat_store_lookup (mc_session_get_chats (self->session), chat_id);
  g_autofree char *uri = NULL;

  if (chat == NULL)
    return;

  uri = mc_ui_seller_cabinet_chat_uri (mc_chat_get_business_id (chat), chat_id);
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

/* The open chat in the seller cabinet, from the chat menu. */
static void
chat_in_cabinet_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);
  McChat *chat = mc_conversation_get_chat (self->conversation);
  g_autofree char *uri = NULL;

  if (chat == NULL)
    return;

  uri = mc_ui_seller_cabinet_chat_uri (mc_chat_get_business_id (chat),
                                       mc_chat_get_chat_id (chat));
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

/* The seller's marks on a chat, from the chat menu or a row's menu. */
static void
set_chat_mark (McWindow   *self,
               const char *action_name,
               gint64      chat_id)
{
  if (g_str_equal (action_name, "win.mark-chat-unread"))
    mc_session_set_chat_unread (self->session, chat_id, TRUE);
  else if (g_str_equal (action_name, "win.mark-chat-read"))
    mc_session_set_chat_unread (self->session, chat_id, FALSE);
  else if (g_str_equal (action_name, "win.pin-chat"))
    mc_session_set_chat_pinned (self->session, chat_id, TRUE);
  else if (g_str_equal (action_name, "win.unpin-chat"))
    mc_session_set_chat_pinned (self->session, chat_id, FALSE);

  mc_window_update_chat_menu (self);
}

static void
chat_mark_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);

  if (self->session != NULL)
    set_chat_mark (self, action_name, g_variant_get_int64 (parameter));
}

static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  mc_window_toast (MC_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  mc_chat_list_refresh (MC_WINDOW (widget)->chat_list);
}

static void
reload_keys_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  mc_session_load (MC_WINDOW (widget)->session);
}

void
mc_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.previous-chat", NULL, previous_chat_action);
  gtk_widget_class_install_action (widget_class, "win.next-chat", NULL, next_chat_action);
  gtk_widget_class_install_action (widget_class, "win.next-needing-reply", NULL, next_needing_reply_action);
  gtk_widget_class_install_action (widget_class, "win.quick-switcher", NULL, quick_switcher_action);
  gtk_widget_class_install_action (widget_class, "win.new-chat", NULL, new_chat_action);
  gtk_widget_class_install_action (widget_class, "win.add-cabinet", NULL, add_cabinet_action);
  gtk_widget_class_install_action (widget_class, "win.statistics", NULL, statistics_action);
  gtk_widget_class_install_action (widget_class, "win.open-chat", "x", open_chat_action);
  gtk_widget_class_install_action (widget_class, "win.open-in-cabinet", "x", open_in_cabinet_action);
  gtk_widget_class_install_action (widget_class, "win.chat-in-cabinet", NULL, chat_in_cabinet_action);
  gtk_widget_class_install_action (widget_class, "win.mark-chat-unread", "x", chat_mark_action);
  gtk_widget_class_install_action (widget_class, "win.mark-chat-read", "x", chat_mark_action);
  gtk_widget_class_install_action (widget_class, "win.pin-chat", "x", chat_mark_action);
  gtk_widget_class_install_action (widget_class, "win.unpin-chat", "x", chat_mark_action);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.reload-keys", NULL, reload_keys_action);
  gtk_widget_class_install_property_action (widget_class, "win.order-panel", "order-panel-visible");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
  /* Letters on the same keys in a Russian layout too (see mc_ui_add_shortcut()). */
  mc_ui_add_shortcut (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search");
  mc_ui_add_shortcut (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-chat");
  mc_ui_add_shortcut (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.quick-switcher");
  mc_ui_add_shortcut (widget_class, GDK_KEY_u, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.next-needing-reply");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "win.previous-chat", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "win.next-chat", NULL);
}
