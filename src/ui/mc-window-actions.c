/* mc-window-actions.c: the main window's "win.*" actions and shortcuts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-add-cabinet-dialog.h"
#include "mc-chat-store.h"
#include "mc-new-chat-dialog.h"
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
                               toast);
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

  if (mc_chat_list_stop_search (self->chat_list))
    return;

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);

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
  gtk_widget_class_install_action (widget_class, "win.new-chat", NULL, new_chat_action);
  gtk_widget_class_install_action (widget_class, "win.add-cabinet", NULL, add_cabinet_action);
  gtk_widget_class_install_action (widget_class, "win.open-chat", "x", open_chat_action);
  gtk_widget_class_install_action (widget_class, "win.open-in-cabinet", "x", open_in_cabinet_action);
  gtk_widget_class_install_action (widget_class, "win.chat-in-cabinet", NULL, chat_in_cabinet_action);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.reload-keys", NULL, reload_keys_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-chat", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "win.previous-chat", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "win.next-chat", NULL);
}
