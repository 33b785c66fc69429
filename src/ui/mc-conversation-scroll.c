/* mc-conversation-scroll.c: keeping the newest message of a conversation
 * in view.  The list keeps to the bottom while the seller is there, so a
 * new message shows up; older history loads when the top is reached,
 * keeping the message the seller was reading in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-error.h"
#include "mc-conversation-private.h"
#include "mc-ui.h"

/* How close to the bottom, in pixels, still counts as "at the bottom". */
#define BOTTOM_SLACK 48
/* Frames the view must rest at the bottom before pinning stops checking:
 * the list measures the rows it shows over the frames after a change. */
#define SETTLE_FRAMES 6

static GtkAdjustment *
get_vadjustment (McConversation *self)
{
  return gtk_scrolled_window_get_vadjustment (self->scrolled_window);
}

void
mc_conversation_show_new_messages (McConversation *self,
                                   gboolean        show)
{
  gtk_revealer_set_reveal_child (self->new_messages_revealer, show);
  /* Not focusable while hidden: Tab must not land on an invisible button. */
  gtk_widget_set_can_target (GTK_WIDGET (self->new_messages_revealer), show);
  gtk_widget_set_visible (GTK_WIDGET (self->new_messages_button), show);
}

/* Pinning to the bottom.  GTK 4.8's list estimates the height of rows it
 * has not measured and corrects the adjustment as it measures them, during
 * its own allocation; a value set from inside that (as "notify::upper")
 * is lost or leaves the scrollbar and the rows disagreeing.  So, while the
 * view is pinned, a tick moves it to the bottom after each layout until it
 * stays there for a few frames.  Not "list.scroll-to-item": in GTK 4.8 it
 * also focuses the row, and a focused selectable label selects all its
 * text. */
/* Until the list has been laid out with a new chat's messages, its
 * adjustment still holds the previous chat's height, and GTK 4.8 warns
 * when asked to scroll into it.  An empty list has nowhere to scroll. */
static gboolean
mc_conversation_can_scroll (McConversation *self)
{
  return !self->model_fresh &&
         self->messages != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->messages)) > 0;
}

static gboolean
on_settle_tick (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  McConversation *self = MC_CONVERSATION (widget);
  GtkAdjustment *adj = get_vadjustment (self);
  double bottom = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);

  if (!self->stick_to_bottom || self->keep_distance)
    {
      self->settle_tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  /* Ticks run before layout: the first one after a new chat is too early. */
  if (self->model_fresh)
    {
      self->model_fresh = FALSE;
      return G_SOURCE_CONTINUE;
    }

  if (mc_conversation_can_scroll (self) && gtk_adjustment_get_value (adj) < bottom - 0.5)
    {
      self->settle_frames = 0;
      gtk_adjustment_set_value (adj, bottom);
    }
  else if (++self->settle_frames >= SETTLE_FRAMES)
    {
      self->settle_tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
mc_conversation_settle (McConversation *self)
{
  self->settle_frames = 0;
  if (self->settle_tick_id == 0 && self->stick_to_bottom)
    self->settle_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_settle_tick, NULL, NULL);
}

static void
mc_conversation_stop_settling (McConversation *self)
{
  if (self->settle_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->settle_tick_id);
  self->settle_tick_id = 0;
}

static void mc_conversation_stop_unread (McConversation *self);

void
mc_conversation_scroll_to_bottom (McConversation *self)
{
  GtkAdjustment *adj = get_vadjustment (self);

  mc_conversation_stop_unread (self);
  self->stick_to_bottom = TRUE;
  mc_conversation_show_new_messages (self, FALSE);
  if (mc_conversation_can_scroll (self))
    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
  mc_conversation_settle (self);
}

/* Opening at the first unread message.  GTK 4.8 has no
 * gtk_list_view_scroll_to(), and its list builds rows only near what it
 * shows: the view jumps to where the row should be by its position, then
 * by where the row turned out to be, until it rests there. */
#define UNREAD_MARGIN 6
#define UNREAD_MAX_FRAMES 240
/* Rows above are measured over many frames after the view got there, each
 * moving it: it must rest longer than at the bottom before it stops. */
#define UNREAD_SETTLE_FRAMES 40

static guint
find_position (McConversation *self,
               gint64          message_id)
{
  guint n = g_list_model_get_n_items (self->messages);

  for (guint i = n; i > 0; i--)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (self->messages, i - 1);

      if (mc_message_get_message_id (message) == message_id)
        return i - 1;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* The shown row nearest to @position, with its place in the list's
 * coordinates: rows out of view keep stale places, so only mapped ones. */
static GtkWidget *
find_nearest_row (McConversation *self,
                  guint           position,
                  guint          *found)
{
  GtkWidget *nearest = NULL;
  guint best = G_MAXUINT;

  for (guint i = 0; i < self->bound_items->len; i++)
    {
      GtkListItem *item = g_ptr_array_index (self->bound_items, i);
      GtkWidget *row = gtk_list_item_get_child (item);
      guint p = gtk_list_item_get_position (item);
      guint distance = p > position ? p - position : position - p;

      if (p == GTK_INVALID_LIST_POSITION || !gtk_widget_get_mapped (row) || distance >= best)
        continue;
      best = distance;
      nearest = row;
      *found = p;
    }

  return nearest;
}

static gboolean
on_unread_tick (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  McConversation *self = MC_CONVERSATION (widget);
  GtkAdjustment *adj = get_vadjustment (self);
  double value = gtk_adjustment_get_value (adj);
  double top = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);
  guint position, n, found = 0;
  GtkWidget *row;
  double target;

  if (!self->to_first_unread || ++self->unread_frames > UNREAD_MAX_FRAMES)
    {
      self->to_first_unread = FALSE;
      self->unread_tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  if (self->model_fresh)
    {
      self->model_fresh = FALSE;
      return G_SOURCE_CONTINUE;
    }

  position = find_position (self, self->first_unread_id);
  n = g_list_model_get_n_items (self->messages);
  if (position == GTK_INVALID_LIST_POSITION || n == 0)
    return G_SOURCE_CONTINUE;

  row = find_nearest_row (self, position, &found);
  if (row != NULL)
    {
      graphene_point_t point;

      if (!gtk_widget_compute_point (row, GTK_WIDGET (self->list_view),
                                     &GRAPHENE_POINT_INIT (0, 0), &point))
        return G_SOURCE_CONTINUE;
      /* Rows it is away from are guessed as tall as it is. */
      target = value + point.y - UNREAD_MARGIN +
               ((double) position - found) * gtk_widget_get_height (row);
    }
  else
    target = gtk_adjustment_get_upper (adj) * position / n;

  target = CLAMP (target, 0, MAX (top, 0));
  if (row != NULL && found == position && ABS (target - value) < 1)
    {
      if (++self->settle_frames >= UNREAD_SETTLE_FRAMES)
        {
          self->to_first_unread = FALSE;
          self->unread_tick_id = 0;
          return G_SOURCE_REMOVE;
        }
      return G_SOURCE_CONTINUE;
    }

  self->settle_frames = 0;
  gtk_adjustment_set_value (adj, target);
  return G_SOURCE_CONTINUE;
}

static void
mc_conversation_stop_unread (McConversation *self)
{
  self->to_first_unread = FALSE;
  if (self->unread_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->unread_tick_id);
  self->unread_tick_id = 0;
}

void
mc_conversation_scroll_to_first_unread (McConversation *self)
{
  mc_conversation_stop_settling (self);
  mc_conversation_stop_unread (self);
  self->stick_to_bottom = FALSE;
  self->to_first_unread = TRUE;
  self->unread_frames = 0;
  self->settle_frames = 0;
  mc_conversation_show_new_messages (self, FALSE);
  self->unread_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_unread_tick, NULL, NULL);
}

void
mc_conversation_on_new_messages_clicked (McConversation *self)
{
  mc_conversation_scroll_to_bottom (self);
}

/* The seller's own wheel or touchpad ends pinning at once: their scroll
 * wins over a view still settling at the bottom. */
static gboolean
on_user_scroll (McConversation           *self,
                double                    dx,
                double                    dy,
                GtkEventControllerScroll *controller)
{
  if (dy < 0)
    mc_conversation_stop_settling (self);
  if (dy != 0)
    mc_conversation_stop_unread (self);

  return FALSE;
}

static void
on_scroll_begin (McConversation           *self,
                 GtkEventControllerScroll *controller)
{
  mc_conversation_stop_settling (self);
  mc_conversation_stop_unread (self);
}

void
mc_conversation_scroll_added_at_end (McConversation *self)
{
  if (self->stick_to_bottom)
    mc_conversation_settle (self);
  else if (!mc_chat_timeline_get_loading_older (self->timeline))
    mc_conversation_show_new_messages (self, TRUE);
}

static void
on_adjustment_upper (McConversation *self,
                     GParamSpec     *pspec,
                     GtkAdjustment  *adj)
{
  double upper = gtk_adjustment_get_upper (adj);

  if (self->keep_distance)
    gtk_adjustment_set_value (adj, upper - self->distance_from_bottom);
  else if (self->stick_to_bottom)
    mc_conversation_settle (self);
}

static void
on_adjustment_page_size (McConversation *self,
                         GParamSpec     *pspec,
                         GtkAdjustment  *adj)
{
  /* The window or the composer changed height. */
  if (self->stick_to_bottom && !self->keep_distance)
    mc_conversation_settle (self);
}

static void
on_adjustment_value (McConversation *self,
                     GtkAdjustment  *adj)
{
  double value = gtk_adjustment_get_value (adj);
  double upper = gtk_adjustment_get_upper (adj);
  double page = gtk_adjustment_get_page_size (adj);
  gboolean at_bottom = value + page >= upper - BOTTOM_SLACK;

  if (!self->keep_distance)
    self->distance_from_bottom = upper - value;

  /* While settling, moves come from the list measuring rows, not from the
   * seller. */
  if (self->settle_tick_id != 0 && !at_bottom)
    return;

  self->stick_to_bottom = at_bottom;
  if (at_bottom)
    mc_conversation_show_new_messages (self, FALSE);
}

static gboolean
on_keep_distance_tick (GtkWidget     *widget,
                       GdkFrameClock *frame_clock,
                       gpointer       user_data)
{
  McConversation *self = MC_CONVERSATION (widget);

  /* Rows above are measured over the frames after they arrive. */
  if (++self->keep_distance_tick < 3)
    return G_SOURCE_CONTINUE;

  self->keep_distance = FALSE;
  self->keep_distance_tick = 0;

  return G_SOURCE_REMOVE;
}

static void
on_load_older (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(McConversation) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mc_chat_timeline_load_older_finish (MC_CHAT_TIMELINE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !mc_error_is_cancelled (error))
    {
      g_autofree char *text = mc_error_describe (error);

      mc_ui_toast (GTK_WIDGET (self), text);
    }

  self->keep_distance_tick = 0;
  if (self->keep_distance)
    gtk_widget_add_tick_callback (GTK_WIDGET (self), on_keep_distance_tick, NULL, NULL);
}

void
mc_conversation_on_edge_reached (McConversation    *self,
                                 GtkPositionType    position,
                                 GtkScrolledWindow *scrolled_window)
{
  if (position != GTK_POS_TOP || self->timeline == NULL ||
      mc_chat_timeline_get_loading_older (self->timeline) ||
      !mc_chat_timeline_get_has_older (self->timeline))
    return;

  self->distance_from_bottom = gtk_adjustment_get_upper (get_vadjustment (self)) -
                               gtk_adjustment_get_value (get_vadjustment (self));
  mc_chat_timeline_load_older_async (self->timeline, self->cancellable, on_load_older,
                                     g_object_ref (self));
}

/* Older messages arrived above the one the seller is reading: it stays
 * where it is. */
void
mc_conversation_scroll_older_added (McConversation *self)
{
  self->keep_distance = TRUE;
}

void
mc_conversation_scroll_to_message (McConversation *self,
                                   guint           position)
{
  if (self->messages == NULL || position >= g_list_model_get_n_items (self->messages))
    return;

  /* The seller goes up to a message: the view no longer follows the
   * newest one.  The focus is outside the list (in a search bar), so
   * "list.scroll-to-item" only scrolls. */
  mc_conversation_stop_settling (self);
  mc_conversation_stop_unread (self);
  self->keep_distance = FALSE;
  self->stick_to_bottom = FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

void
mc_conversation_scroll_reset (McConversation *self)
{
  self->keep_distance = FALSE;
  mc_conversation_stop_unread (self);
  mc_conversation_show_new_messages (self, FALSE);
}

void
mc_conversation_scroll_init (McConversation *self)
{
  GtkEventController *scroll;
  GtkAdjustment *adj = get_vadjustment (self);

  self->stick_to_bottom = TRUE;

  g_signal_connect_object (adj, "notify::upper", G_CALLBACK (on_adjustment_upper), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adj, "value-changed", G_CALLBACK (on_adjustment_value), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adj, "notify::page-size", G_CALLBACK (on_adjustment_page_size), self,
                           G_CONNECT_SWAPPED);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (on_user_scroll), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (scroll, "scroll-begin", G_CALLBACK (on_scroll_begin), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->scrolled_window), scroll);
  mc_conversation_show_new_messages (self, FALSE);
}
