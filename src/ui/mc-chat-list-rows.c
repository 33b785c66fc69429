/* mc-chat-list-rows.c: where McChatList's rows are: scrolling, the focus
 * when the view changes under it, the rows built after the first frame,
 * and stepping through the chats from the keyboard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-chat-list.h"
#include "mc-chat-list-private.h"
#include "mc-chat-row.h"

static void mc_chat_list_show_all_rows (McChatList *self);

void
mc_chat_list_scroll_chats_to_top (McChatList *self)
{
  self->list_at_top = TRUE;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->chat_selection)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->chats_list), "list.scroll-to-item", "u", 0);
}

/* The list row that shows @chat, if it is built. */
static GtkWidget *
mc_chat_list_find_row (McChatList *self,
                       McChat     *chat)
{
  for (guint i = 0; i < self->bound_rows->len; i++)
    {
      McChatRow *row = g_ptr_array_index (self->bound_rows, i);

      if (mc_chat_row_get_chat (row) == chat)
        return gtk_widget_get_parent (GTK_WIDGET (row));
    }

  return NULL;
}

/* Puts the focus on the open chat's row, or on the first row when the
 * view does not hold the open chat. */
static void
mc_chat_list_focus_selected_row (McChatList *self)
{
  McChat *selected = gtk_single_selection_get_selected_item (self->chat_selection);
  g_autoptr(McChat) first = g_list_model_get_item (G_LIST_MODEL (self->chat_selection), 0);
  GtkWidget *row = NULL;

  if (selected != NULL)
    row = mc_chat_list_find_row (self, selected);
  else if (first != NULL)
    row = mc_chat_list_find_row (self, first);
  if (row == NULL || !gtk_widget_grab_focus (row))
    gtk_widget_grab_focus (GTK_WIDGET (self->chats_list));
}

/* Whether a row has the focus.  A row the view no longer holds keeps it
 * out of the list until the list gives the row another chat, so the list
 * is asked rather than the focus's ancestors. */
static gboolean
mc_chat_list_rows_have_focus (McChatList *self)
{
  return (gtk_widget_get_state_flags (GTK_WIDGET (self->chats_list)) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0;
}

static void
on_switched_view_painted (McChatList    *self,
                          GdkFrameClock *clock)
{
  g_signal_handlers_disconnect_by_func (clock, on_switched_view_painted, self);
  if (mc_chat_list_rows_have_focus (self))
    mc_chat_list_focus_selected_row (self);
}

/* A new view starts at its top, with the open chat highlighted if it is
 * in it (and nothing else). */
void
mc_chat_list_view_switched (McChatList *self)
{
  McChat *open = self->open_chat;
  guint position = open != NULL
                   ? mc_chat_list_find_chat_position (self, mc_chat_get_chat_id (open))
                   : GTK_INVALID_LIST_POSITION;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->chats_list));

  if (position != GTK_INVALID_LIST_POSITION &&
      position >= g_list_model_get_n_items (G_LIST_MODEL (self->chat_slice)))
    mc_chat_list_show_all_rows (self);
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->chat_selection, position);
  self->selecting = FALSE;

  mc_chat_list_scroll_chats_to_top (self);

  /* A row with the focus keeps it while the view changes under it, and
   * then shows another chat: a second row marked beside the open one,
   * with the arrow keys going on from it.  Once the rows show the new
   * view, the focus goes to the selected row, or to the top one. */
  if (!mc_chat_list_rows_have_focus (self))
    return;
  if (clock == NULL)
    {
      mc_chat_list_focus_selected_row (self);
      return;
    }
  g_signal_handlers_disconnect_by_func (clock, on_switched_view_painted, self);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_switched_view_painted), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_queue_draw (GTK_WIDGET (self->chats_list));
}

guint
mc_chat_list_find_chat_position (McChatList *self,
                                 gint64      chat_id)
{
  GListModel *model = G_LIST_MODEL (self->view);
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (model, i);

      if (mc_chat_get_chat_id (chat) == chat_id)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
mc_chat_list_show_all_rows (McChatList *self)
{
  g_clear_handle_id (&self->all_rows_id, g_source_remove);
  if (self->chat_slice != NULL)
    gtk_slice_list_model_set_size (self->chat_slice, G_MAXUINT);
}

static gboolean
on_all_rows_idle (gpointer user_data)
{
  McChatList *self = user_data;

  self->all_rows_id = 0;
  mc_chat_list_show_all_rows (self);

  return G_SOURCE_REMOVE;
}

void
mc_chat_list_on_first_frame (McChatList    *self,
                             GdkFrameClock *clock)
{
  g_signal_handlers_disconnect_by_func (clock, mc_chat_list_on_first_frame, self);
  if (self->all_rows_id == 0 && self->chat_slice != NULL &&
      gtk_slice_list_model_get_size (self->chat_slice) != G_MAXUINT)
    /* Not at idle priority: while sync keeps the main loop busy, an idle
     * could wait for seconds with 30 chats shown. */
    self->all_rows_id = g_idle_add_full (G_PRIORITY_DEFAULT, on_all_rows_idle, self, NULL);
}

void
mc_chat_list_select_position (McChatList *self,
                              guint       position)
{
  mc_chat_list_show_all_rows (self);
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->chat_selection, position);
  self->selecting = FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self->chats_list), "list.scroll-to-item", "u", position);
}

McChat *
mc_chat_list_step (McChatList *self,
                   int         step)
{
  guint n_items;
  guint position;
  McChat *open;
  gint64 next;

  g_return_val_if_fail (MC_IS_CHAT_LIST (self), NULL);

  if (self->view == NULL)
    return NULL;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->view));
  position = gtk_single_selection_get_selected (self->chat_selection);
  open = self->open_chat;

  if (n_items == 0)
    return NULL;

  if (position == GTK_INVALID_LIST_POSITION && open != NULL)
    position = mc_chat_list_find_chat_position (self, mc_chat_get_chat_id (open));

  if (position == GTK_INVALID_LIST_POSITION)
    next = step > 0 ? 0 : (gint64) n_items - 1;
  else
    next = CLAMP ((gint64) position + step, 0, (gint64) n_items - 1);

  mc_chat_list_select_position (self, (guint) next);

  return g_list_model_get_item (G_LIST_MODEL (self->view), (guint) next);
}

McChat *
mc_chat_list_next_needing_reply (McChatList *self,
                                 McChat     *current)
{
  g_autoptr(McChatView) urgent = NULL;
  guint n_items;
  guint next = 0;

  g_return_val_if_fail (MC_IS_CHAT_LIST (self), NULL);
  g_return_val_if_fail (current == NULL || MC_IS_CHAT (current), NULL);

  if (self->view == NULL)
    return NULL;

  /* Made when asked, in the list's stores whatever its view and search:
   * one more view kept up to date would double the work of every sync. */
  urgent = g_object_new (MC_TYPE_CHAT_VIEW,
                         "store", mc_chat_view_get_store (self->view),
                         "business-id", mc_chat_view_get_business_id (self->view),
                         "campaign-filter", mc_chat_view_get_campaign_filter (self->view),
                         "campaign-id", mc_chat_view_get_campaign_id (self->view),
                         "mode", MC_CHAT_VIEW_MODE_NEEDS_REPLY,
                         NULL);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (urgent));
  if (n_items == 0)
    return NULL;

  for (guint i = 0; current != NULL && i < n_items; i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (G_LIST_MODEL (urgent), i);

      if (chat == current)
        {
          next = (i + 1) % n_items;
          break;
        }
    }

  return g_list_model_get_item (G_LIST_MODEL (urgent), next);
}
