/* mc-conversation-search.c: finding words in the chat shown (Ctrl+F in
 * the conversation): every match marked in its bubble, "3 of 12", and the
 * older and newer ones one key away.
 *
 * The messages searched are the timeline's: all this computer holds of the
 * chat.  When the Market may hold older ones, the bar says so, and going
 * past the oldest match loads a page of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-conversation-private.h"
#include "mc-error.h"
#include "mc-message-row.h"
#include "mc-ui.h"
#include "mc-ui-util.h"

/* One match: the @occurrence-th in the text of the message at
 * @position.  Kept newest first: the seller starts at the bottom. */
typedef struct
{
  McMessage *message;
  guint      position;
  guint      occurrence;
} SearchHit;

static gboolean
search_active (McConversation *self)
{
  return self->search_needle != NULL;
}

static SearchHit *
current_hit (McConversation *self)
{
  if (self->search_hits->len == 0 || self->search_current >= self->search_hits->len)
    return NULL;

  return &g_array_index (self->search_hits, SearchHit, self->search_current);
}

static void
update_row (McConversation *self,
            GtkListItem    *item)
{
  McMessageRow *row = MC_MESSAGE_ROW (gtk_list_item_get_child (item));
  McMessage *message = gtk_list_item_get_item (item);
  SearchHit *hit = current_hit (self);
  int current = -1;

  if (!search_active (self) || message == NULL)
    {
      mc_message_row_set_highlight (row, NULL, -1);
      return;
    }

  if (hit != NULL && hit->message == message)
    current = hit->occurrence;
  mc_message_row_set_highlight (row, self->search_needle, current);
}

static void
update_rows (McConversation *self)
{
  for (guint i = 0; i < self->bound_items->len; i++)
    update_row (self, g_ptr_array_index (self->bound_items, i));
}

void
mc_conversation_search_bind_row (McConversation *self,
                                 GtkListItem    *item)
{
  update_row (self, item);
}

static void
update_bar (McConversation *self)
{
  guint n_hits = self->search_hits->len;
  gboolean has_older = self->timeline != NULL && mc_chat_timeline_get_has_older (self->timeline);
  gboolean loading = self->timeline != NULL && mc_chat_timeline_get_loading_older (self->timeline);
  g_autofree char *count = NULL;

  if (n_hits > 0)
    /* Translators: the current match of a search in a chat and how many
     * there are, e.g. "3 of 12". */
    count = g_strdup_printf (_("%u of %u"), self->search_current + 1, n_hits);
  else if (search_active (self))
    count = g_strdup (_("No matches"));

  gtk_label_set_label (self->search_count_label, count != NULL ? count : "");
  gtk_widget_set_visible (self->search_scope_box, has_older);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conversation.search-older",
                                 search_active (self) && (n_hits > 0 || has_older));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conversation.search-newer",
                                 search_active (self) && n_hits > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conversation.search-load-older",
                                 search_active (self) && has_older && !loading);
}

/* Counts the matches again, keeping the current one where it was. */
static void
collect_hits (McConversation *self)
{
  SearchHit *hit = current_hit (self);
  McMessage *kept = hit != NULL ? hit->message : NULL;
  guint kept_occurrence = hit != NULL ? hit->occurrence : 0;
  guint n_messages;

  g_array_set_size (self->search_hits, 0);
  self->search_current = 0;

  if (!search_active (self) || self->messages == NULL)
    return;

  n_messages = g_list_model_get_n_items (self->messages);
  for (guint i = n_messages; i > 0; i--)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (self->messages, i - 1);
      guint n_found = mc_ui_search_find (mc_message_get_text (message), self->search_needle, NULL);

      for (guint k = n_found; k > 0; k--)
        {
          SearchHit found = { message, i - 1, k - 1 };

          if (message == kept && k - 1 == kept_occurrence)
            self->search_current = self->search_hits->len;
          g_array_append_val (self->search_hits, found);
        }
    }
}

static void
show_current (McConversation *self)
{
  SearchHit *hit = current_hit (self);

  update_bar (self);
  update_rows (self);
  if (hit != NULL)
    mc_conversation_scroll_to_message (self, hit->position);
}

void
mc_conversation_search_refresh (McConversation *self)
{
  if (!search_active (self))
    return;

  collect_hits (self);
  update_bar (self);
  update_rows (self);
}

static void
on_search_changed (McConversation *self,
                   GtkSearchEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  g_clear_pointer (&self->search_needle, g_free);
  if (gtk_search_bar_get_search_mode (self->search_bar) && *text != '\0')
    self->search_needle = g_steal_pointer (&text);

  g_array_set_size (self->search_hits, 0);
  collect_hits (self);
  /* A new search starts at the newest match. */
  self->search_current = 0;
  show_current (self);
}

static void
on_older_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(McConversation) self = user_data;
  g_autoptr(GError) error = NULL;
  guint before;

  if (!mc_chat_timeline_load_older_finish (MC_CHAT_TIMELINE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !mc_error_is_cancelled (error))
        {
          g_autofree char *text = mc_error_describe (error);

          mc_ui_toast (GTK_WIDGET (self), text);
        }
      self->search_step_after_load = FALSE;
      update_bar (self);
      return;
    }

  if (MC_CHAT_TIMELINE (object) != self->timeline || !search_active (self))
    return;

  /* The page's matches, counted as it came in, are the older ones. */
  before = MIN (self->search_hits_before_load, self->search_hits->len);
  mc_conversation_search_refresh (self);
  if (self->search_step_after_load && self->search_hits->len > before)
    {
      self->search_current = before;
      show_current (self);
    }
  else
    update_bar (self);
  self->search_step_after_load = FALSE;
}

static void
load_older (McConversation *self,
            gboolean        then_step)
{
  if (self->timeline == NULL || !mc_chat_timeline_get_has_older (self->timeline))
    return;

  self->search_step_after_load = then_step;
  if (mc_chat_timeline_get_loading_older (self->timeline))
    return;

  self->search_hits_before_load = self->search_hits->len;
  mc_chat_timeline_load_older_async (self->timeline, self->cancellable, on_older_loaded,
                                     g_object_ref (self));
  update_bar (self);
}

static void
step (McConversation *self,
      int             direction)
{
  guint n_hits = self->search_hits->len;

  if (!search_active (self))
    return;

  if (direction > 0)
    {
      if (self->search_current + 1 < n_hits)
        self->search_current++;
      else if (self->timeline != NULL && mc_chat_timeline_get_has_older (self->timeline))
        {
          load_older (self, TRUE);
          return;
        }
      else
        self->search_current = 0;
    }
  else if (n_hits > 0)
    self->search_current = self->search_current > 0 ? self->search_current - 1 : n_hits - 1;

  show_current (self);
}

static void
search_older_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  step (MC_CONVERSATION (widget), 1);
}

static void
search_newer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  step (MC_CONVERSATION (widget), -1);
}

static void
search_load_older_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  load_older (MC_CONVERSATION (widget), FALSE);
}

static void
on_search_activate (McConversation *self,
                    GtkSearchEntry *entry)
{
  step (self, 1);
}

static void
on_search_next_match (McConversation *self,
                      GtkSearchEntry *entry)
{
  step (self, 1);
}

static void
on_search_previous_match (McConversation *self,
                          GtkSearchEntry *entry)
{
  step (self, -1);
}

static void
on_search_stop (McConversation *self,
                GtkSearchEntry *entry)
{
  mc_conversation_stop_search (self);
}

/* Shift+Enter goes the other way than Enter.  Ctrl+G and Ctrl+Shift+G
 * are the entry's own keys ("next-match", "previous-match"); their twins
 * in a Russian layout are taken here, in the entry, the same way. */
static gboolean
on_entry_key (McConversation        *self,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              GtkEventControllerKey *controller)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;

  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) && shift)
    {
      step (self, -1);
      return GDK_EVENT_STOP;
    }

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) == GDK_CONTROL_MASK &&
      gdk_keyval_to_lower (keyval) == mc_ui_russian_keyval (GDK_KEY_g))
    {
      step (self, shift ? -1 : 1);
      return GDK_EVENT_STOP;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
clear_search (McConversation *self)
{
  g_clear_pointer (&self->search_needle, g_free);
  g_array_set_size (self->search_hits, 0);
  self->search_current = 0;
  self->search_step_after_load = FALSE;
  update_bar (self);
  update_rows (self);
}

/* The close button of the bar closes it like Escape. */
static void
on_search_mode (McConversation *self,
                GParamSpec     *pspec,
                GtkSearchBar   *bar)
{
  if (!gtk_search_bar_get_search_mode (bar) && search_active (self))
    mc_conversation_stop_search (self);
}

void
mc_conversation_start_search (McConversation *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  g_return_if_fail (MC_IS_CONVERSATION (self));

  if (self->timeline == NULL)
    return;

  if (focus != NULL && !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_bar)))
    g_weak_ref_set (&self->search_return_focus, focus);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  /* Ctrl+F again: the words are there to type over. */
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
  on_search_changed (self, self->search_entry);
}

gboolean
mc_conversation_stop_search (McConversation *self)
{
  g_autoptr(GtkWidget) focus = NULL;
  gboolean focus_in_bar;
  GtkRoot *root;

  g_return_val_if_fail (MC_IS_CONVERSATION (self), FALSE);

  /* The bar's close button has hidden it already. */
  if (!gtk_search_bar_get_search_mode (self->search_bar) && !search_active (self))
    return FALSE;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus_in_bar = root != NULL && gtk_root_get_focus (root) != NULL &&
                 gtk_widget_is_ancestor (gtk_root_get_focus (root), GTK_WIDGET (self->search_bar));
  clear_search (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);

  /* Back where the seller was, or to the composer. */
  focus = g_weak_ref_get (&self->search_return_focus);
  g_weak_ref_set (&self->search_return_focus, NULL);
  if (focus_in_bar || (root != NULL && gtk_root_get_focus (root) == NULL))
    {
      if (focus == NULL || !gtk_widget_get_mapped (focus) || !gtk_widget_grab_focus (focus))
        {
          if (mc_composer_get_disabled_reason (self->composer) == NULL)
            gtk_widget_grab_focus (GTK_WIDGET (self->composer));
          else
            gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
        }
    }

  return TRUE;
}

void
mc_conversation_search_reset (McConversation *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    return;

  clear_search (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  g_weak_ref_set (&self->search_return_focus, NULL);
}

guint
mc_conversation_get_search_n_matches (McConversation *self)
{
  g_return_val_if_fail (MC_IS_CONVERSATION (self), 0);

  return self->search_hits->len;
}

guint
mc_conversation_get_search_current (McConversation *self)
{
  g_return_val_if_fail (MC_IS_CONVERSATION (self), G_MAXUINT);

  return current_hit (self) != NULL ? self->search_current : G_MAXUINT;
}

guint
mc_conversation_get_search_position (McConversation *self)
{
  SearchHit *hit;

  g_return_val_if_fail (MC_IS_CONVERSATION (self), GTK_INVALID_LIST_POSITION);

  hit = current_hit (self);

  return hit != NULL ? hit->position : GTK_INVALID_LIST_POSITION;
}

void
mc_conversation_search_init (McConversation *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->search_hits = g_array_new (FALSE, FALSE, sizeof (SearchHit));
  g_weak_ref_init (&self->search_return_focus, NULL);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_entry_key), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  update_bar (self);
}

void
mc_conversation_search_finalize (McConversation *self)
{
  g_weak_ref_clear (&self->search_return_focus);
  g_clear_pointer (&self->search_hits, g_array_unref);
  g_free (self->search_needle);
}

void
mc_conversation_search_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, McConversation, search_bar);
  gtk_widget_class_bind_template_child (widget_class, McConversation, search_entry);
  gtk_widget_class_bind_template_child (widget_class, McConversation, search_count_label);
  gtk_widget_class_bind_template_child (widget_class, McConversation, search_older_button);
  gtk_widget_class_bind_template_child (widget_class, McConversation, search_newer_button);
  gtk_widget_class_bind_template_child (widget_class, McConversation, search_scope_box);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_next_match);
  gtk_widget_class_bind_template_callback (widget_class, on_search_previous_match);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop);
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode);

  gtk_widget_class_install_action (widget_class, "conversation.search-older", NULL, search_older_action);
  gtk_widget_class_install_action (widget_class, "conversation.search-newer", NULL, search_newer_action);
  gtk_widget_class_install_action (widget_class, "conversation.search-load-older", NULL,
                                   search_load_older_action);
  mc_ui_add_shortcut (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "conversation.search-older");
  mc_ui_add_shortcut (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "conversation.search-newer");
}
