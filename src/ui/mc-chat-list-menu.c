/* mc-chat-list-menu.c: the context menu of a chat row (secondary click,
 * the Menu key or Shift+F10): what the seller may do to that chat on this
 * computer, without opening it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-chat-list-private.h"
#include "mc-chat-row.h"

static McChatRow *
row_of (McChatList *self,
        GtkWidget  *widget)
{
  GtkWidget *child;

  /* The focus sits on the list's own item widget, around the row. */
  if (widget != NULL && !MC_IS_CHAT_ROW (widget) &&
      (child = gtk_widget_get_first_child (widget)) != NULL && MC_IS_CHAT_ROW (child))
    return MC_CHAT_ROW (child);

  for (; widget != NULL && widget != GTK_WIDGET (self->chats_list); widget = gtk_widget_get_parent (widget))
    if (MC_IS_CHAT_ROW (widget))
      return MC_CHAT_ROW (widget);

  return NULL;
}

static void
popup_for_row (McChatList *self,
               McChatRow  *row,
               double      x,
               double      y)
{
  McChat *chat = mc_chat_row_get_chat (row);
  g_autoptr(GMenu) menu = NULL;
  graphene_rect_t bounds;
  GdkRectangle rect;

  if (chat == NULL)
    return;

  menu = g_menu_new ();
  mc_chat_row_append_marks (menu, chat);

  if (self->row_menu == NULL)
    {
      self->row_menu = gtk_popover_menu_new_from_model (NULL);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->row_menu), FALSE);
      gtk_widget_set_halign (self->row_menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->row_menu, GTK_WIDGET (self));
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->row_menu), G_MENU_MODEL (menu));

  if (!gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self), &bounds))
    return;

  /* From the keyboard, at the row's start; from the pointer, where it is. */
  if (x < 0)
    rect = (GdkRectangle) { bounds.origin.x + 12, bounds.origin.y + bounds.size.height / 2, 1, 1 };
  else
    rect = (GdkRectangle) { x, y, 1, 1 };
  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->row_menu));
}

static void
on_secondary_pressed (McChatList      *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->chats_list), x, y, GTK_PICK_DEFAULT);
  McChatRow *row = row_of (self, picked);
  graphene_point_t point;

  if (row == NULL)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (!gtk_widget_compute_point (GTK_WIDGET (self->chats_list), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  popup_for_row (self, row, point.x, point.y);
}

static gboolean
on_menu_key (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  McChatList *self = MC_CHAT_LIST (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  McChatRow *row;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->chats_list)))
    return FALSE;

  row = row_of (self, focus);
  if (row == NULL)
    return FALSE;

  popup_for_row (self, row, -1, -1);
  return TRUE;
}

gboolean
mc_chat_list_popup_row_menu (McChatList *self,
                             McChatRow  *row)
{
  g_return_val_if_fail (MC_IS_CHAT_LIST (self), FALSE);
  g_return_val_if_fail (MC_IS_CHAT_ROW (row), FALSE);

  popup_for_row (self, row, -1, -1);
  return self->row_menu != NULL && gtk_widget_get_visible (self->row_menu);
}

GtkWidget *
mc_chat_list_get_row_menu (McChatList *self)
{
  g_return_val_if_fail (MC_IS_CHAT_LIST (self), NULL);

  return self->row_menu;
}

void
mc_chat_list_menu_init (McChatList *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkShortcutAction *action = gtk_callback_action_new (on_menu_key, NULL, NULL);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_secondary_pressed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->chats_list), GTK_EVENT_CONTROLLER (click));

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (
                                                            gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                                            gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK)),
                                                          action));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}
