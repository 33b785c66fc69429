/* mc-window-notify.c: the main window's share of notifications: muting a
 * chat (chat menu) or a store (the sidebar's context menu), and the toast
 * that tells of news in another chat while the seller works in this one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-chat-store.h"
#include "mc-store-row.h"
#include "mc-ui.h"
#include "mc-window-private.h"

/* Muted stores */

static char *
campaign_key (gint64 campaign_id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, campaign_id);
}

static gboolean
store_is_muted (McWindow *self,
                gint64    campaign_id)
{
  g_auto(GStrv) stores = NULL;
  g_autofree char *key = NULL;

  if (self->settings == NULL || campaign_id == 0)
    return FALSE;

  stores = g_settings_get_strv (self->settings, "muted-stores");
  key = campaign_key (campaign_id);

  return g_strv_contains ((const char * const *) stores, key);
}

static void
update_store_rows (McWindow *self)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->sidebar_list, i)) != NULL; i++)
    {
      McSidebarItem *item = mc_store_row_get_item (MC_STORE_ROW (row));

      mc_store_row_set_muted (MC_STORE_ROW (row),
                              store_is_muted (self, mc_sidebar_item_get_campaign_id (item)));
    }
}

static void
mute_store_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  McWindow *self = user_data;
  gint64 campaign_id = g_variant_get_int64 (parameter);
  g_autofree char *key = campaign_key (campaign_id);
  g_auto(GStrv) stores = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean muted = FALSE;

  if (self->settings == NULL || campaign_id == 0)
    return;

  stores = g_settings_get_strv (self->settings, "muted-stores");
  for (guint i = 0; stores[i] != NULL; i++)
    {
      if (g_str_equal (stores[i], key))
        muted = TRUE;
      else
        g_strv_builder_add (builder, stores[i]);
    }
  if (!muted)
    g_strv_builder_add (builder, key);

  g_strfreev (stores);
  stores = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "muted-stores", (const char * const *) stores);
}

static gboolean
unparent_store_menu (gpointer user_data)
{
  McWindow *self = user_data;

  if (self->store_menu != NULL)
    gtk_widget_unparent (g_steal_pointer (&self->store_menu));

  return G_SOURCE_REMOVE;
}

static void
on_store_menu_closed (McWindow *self)
{
  /* Not while the popover still runs its own "closed": an item's action
   * is activated after it. */
  g_idle_add_full (G_PRIORITY_DEFAULT, unparent_store_menu, g_object_ref (self), g_object_unref);
}

/* A store row's context menu, at (@x, @y) of the sidebar list or, from
 * the keyboard (@x < 0), under the row. */
static void
show_store_menu (McWindow      *self,
                 GtkListBoxRow *row,
                 double         x,
                 double         y)
{
  McSidebarItem *item = mc_store_row_get_item (MC_STORE_ROW (row));
  gint64 campaign_id = mc_sidebar_item_get_campaign_id (item);
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GMenuItem) menu_item = NULL;
  GdkRectangle rect;

  /* Muting goes by store: "All stores" and "No store" have none. */
  if (campaign_id == 0 || self->settings == NULL)
    return;

  unparent_store_menu (self);

  menu = g_menu_new ();
  menu_item = g_menu_item_new (store_is_muted (self, campaign_id) ? _("Unmute Notifications")
                                                                  : _("Mute Notifications"),
                               NULL);
  g_menu_item_set_action_and_target_value (menu_item, "notify.mute-store",
                                           g_variant_new_int64 (campaign_id));
  g_menu_append_item (menu, menu_item);

  if (x < 0)
    {
      graphene_rect_t bounds;

      if (!gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self->sidebar_list), &bounds))
        return;
      x = bounds.origin.x + bounds.size.width / 2;
      y = bounds.origin.y + bounds.size.height;
    }
  rect = (GdkRectangle) { (int) x, (int) y, 1, 1 };

  self->store_menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (self->store_menu, GTK_WIDGET (self->sidebar_list));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->store_menu), &rect);
  gtk_popover_set_position (GTK_POPOVER (self->store_menu), GTK_POS_BOTTOM);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->store_menu), FALSE);
  g_signal_connect_object (self->store_menu, "closed", G_CALLBACK (on_store_menu_closed), self,
                           G_CONNECT_SWAPPED);
  gtk_popover_popup (GTK_POPOVER (self->store_menu));
}

static void
on_sidebar_pressed (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    McWindow        *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_y (self->sidebar_list, (int) y);

  if (row == NULL)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  show_store_menu (self, row, x, y);
}

static gboolean
on_sidebar_menu_key (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  McWindow *self = user_data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;

  if (row == NULL || gtk_widget_get_parent (row) != GTK_WIDGET (self->sidebar_list))
    row = GTK_WIDGET (gtk_list_box_get_selected_row (self->sidebar_list));
  if (row == NULL)
    return FALSE;

  show_store_menu (self, GTK_LIST_BOX_ROW (row), -1, -1);
  return TRUE;
}

/* Muted chat */

static void
update_mute_chat_action (McWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->notify_actions), "mute-chat");
  McChat *chat = mc_conversation_get_chat (self->conversation);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), chat != NULL);
  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_boolean (chat != NULL && mc_chat_get_muted (chat)));
}

static void
on_open_chat_muted (McWindow *self)
{
  update_mute_chat_action (self);
}

static void
on_open_chat_changed (McWindow *self)
{
  McChat *chat = mc_conversation_get_chat (self->conversation);
  AdwToast *toast;

  if (self->muted_watch != NULL)
    g_signal_handlers_disconnect_by_func (self->muted_watch, on_open_chat_muted, self);
  g_set_object (&self->muted_watch, chat);
  if (chat != NULL)
    {
      gint64 chat_id = mc_chat_get_chat_id (chat);

      g_signal_connect_object (chat, "notify::muted", G_CALLBACK (on_open_chat_muted), self,
                               G_CONNECT_SWAPPED);
      /* Its news are on screen now. */
      if ((toast = g_hash_table_lookup (self->chat_toasts, &chat_id)) != NULL)
        mc_ui_toast_dismiss (toast);
    }

  update_mute_chat_action (self);
}

static void
mute_chat_changed (GSimpleAction *action,
                   GVariant      *state,
                   gpointer       user_data)
{
  McWindow *self = user_data;
  McChat *chat = mc_conversation_get_chat (self->conversation);

  if (chat == NULL)
    return;

  mc_chat_store_set_muted (mc_session_get_chats (self->session), mc_chat_get_chat_id (chat),
                           g_variant_get_boolean (state));
  update_mute_chat_action (self);
}

/* Toasts */

static void
on_chat_toast_dismissed (AdwToast *toast,
                         McWindow *self)
{
  gint64 *chat_id = g_object_get_data (G_OBJECT (toast), "mc-chat-id");

  if (self->chat_toasts != NULL && chat_id != NULL &&
      g_hash_table_lookup (self->chat_toasts, chat_id) == toast)
    g_hash_table_remove (self->chat_toasts, chat_id);
}

void
mc_window_show_chat_toast (McWindow   *self,
                           gint64      chat_id,
                           const char *text)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (MC_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  /* What a customer wrote is plain text, never markup. */
  escaped = g_markup_escape_text (text, -1);

  /* One toast per chat while it shows: it already says to open it, and
   * later news waits for the next toast. */
  if (g_hash_table_contains (self->chat_toasts, &chat_id))
    return;

  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-chat");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (chat_id));
  g_object_set_data_full (G_OBJECT (toast), "mc-chat-id", g_memdup2 (&chat_id, sizeof chat_id), g_free);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_chat_toast_dismissed), self, 0);
  g_hash_table_insert (self->chat_toasts, g_memdup2 (&chat_id, sizeof chat_id), g_object_ref (toast));
  mc_window_add_toast (self, toast);
}

guint
mc_window_get_chat_toast_count (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), 0);

  return g_hash_table_size (self->chat_toasts);
}

void
mc_window_setup_notify (McWindow *self)
{
  static const GActionEntry entries[] = {
    { "mute-chat", NULL, NULL, "false", mute_chat_changed },
    { "mute-store", mute_store_activated, "x" },
  };
  GtkGesture *click;
  GtkEventController *keys;
  GtkShortcutAction *action;

  self->chat_toasts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->notify_actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->notify_actions), entries,
                                   G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "notify", G_ACTION_GROUP (self->notify_actions));

  g_signal_connect_object (self->conversation, "notify::chat", G_CALLBACK (on_open_chat_changed), self,
                           G_CONNECT_SWAPPED);
  on_open_chat_changed (self);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_sidebar_pressed), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->sidebar_list), GTK_EVENT_CONTROLLER (click));

  keys = gtk_shortcut_controller_new ();
  action = gtk_callback_action_new (on_sidebar_menu_key, self, NULL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (
                                                            gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                                            gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK)),
                                                          action));
  gtk_widget_add_controller (GTK_WIDGET (self->sidebar_list), keys);

  g_signal_connect_object (mc_session_get_stores (self->session), "items-changed",
                           G_CALLBACK (update_store_rows), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::muted-stores", G_CALLBACK (update_store_rows), self,
                             G_CONNECT_SWAPPED);
  update_store_rows (self);
}

void
mc_window_dispose_notify (McWindow *self)
{
  unparent_store_menu (self);
  if (self->muted_watch != NULL)
    g_signal_handlers_disconnect_by_func (self->muted_watch, on_open_chat_muted, self);
  g_clear_object (&self->muted_watch);
  g_clear_pointer (&self->chat_toasts, g_hash_table_unref);
  g_clear_object (&self->notify_actions);
}
