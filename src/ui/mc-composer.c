/* mc-composer.c: the message field under a conversation.  It shows and
 * edits the draft of the chat's timeline, refuses what the Market would
 * refuse before anything is sent, and warns before contacts leave.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "mc-composer.h"
#include "mc-contact-detector.h"
#include "mc-error.h"
#include "mc-template-picker.h"
#include "mc-ui-util.h"
#include "mc-ui.h"

struct _McComposer
{
  GtkWidget       parent_instance;

  McChatTimeline *timeline;
  GSignalGroup   *timeline_signals;
  GBindingGroup  *timeline_bindings;
  gboolean        loading_text;
  char           *disabled_reason;

  GtkWindow      *warning_dialog;
  char           *warned_text;

  GtkLabel       *reason_label;
  GtkBox         *input_box;
  GtkTextView    *text_view;
  GtkButton      *send_button;
  GtkLabel       *counter_label;
  GtkLabel       *gaps_label;

  GtkFileChooserNative *chooser;

  /* Templates: the picker, what their variables stand for here, and the
   * variables left in the text (see mc_composer_update_gaps()). */
  McTemplatePicker *picker;
  McTemplateStore  *templates;
  McTemplateValues *template_values;
  GtkTextTag       *gap_tag;
  gboolean          has_gaps;
  /* The picker was opened by a "/" typed into an empty field, which the
   * chosen template replaces. */
  gboolean          slash_pending;
  int               previous_count;

  guint           settle_tick_id;
  gint64          settle_until;
};

G_DEFINE_FINAL_TYPE (McComposer, mc_composer, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DISABLED_REASON,
  PROP_TIMELINE,
  N_PROPS
};

enum {
  SEND_TEXT,
  SEND_FILE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
mc_composer_new (void)
{
  return g_object_new (MC_TYPE_COMPOSER, NULL);
}

static GtkTextBuffer *
get_buffer (McComposer *self)
{
  return gtk_text_view_get_buffer (self->text_view);
}

char *
mc_composer_dup_text (McComposer *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (MC_IS_COMPOSER (self), NULL);

  gtk_text_buffer_get_bounds (get_buffer (self), &start, &end);

  return gtk_text_buffer_get_text (get_buffer (self), &start, &end, FALSE);
}

static gboolean
text_is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static void
mc_composer_update_state (McComposer *self)
{
  g_autofree char *text = mc_composer_dup_text (self);
  int count = gtk_text_buffer_get_char_count (get_buffer (self));
  gboolean enabled = self->disabled_reason == NULL;
  gboolean too_long = count > MC_CHAT_TIMELINE_MAX_TEXT_CHARS;

  if (count >= MC_COMPOSER_COUNTER_FROM)
    {
      g_autofree char *counter = g_strdup_printf ("%d / %d", count, MC_CHAT_TIMELINE_MAX_TEXT_CHARS);

      gtk_label_set_label (self->counter_label, counter);
      gtk_widget_set_visible (GTK_WIDGET (self->counter_label), TRUE);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->counter_label), FALSE);
    }

  if (too_long)
    gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->counter_label), "error");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.send",
                                 enabled && !too_long && !text_is_blank (text));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->send_button),
                               too_long
                               ? _("The message is longer than 4,096 characters, the most the Market accepts")
                               : self->has_gaps
                               ? _("Fill in the highlighted parts")
                               : _("Send (Ctrl+Enter)"));
}

void
mc_composer_save_draft (McComposer *self)
{
  g_return_if_fail (MC_IS_COMPOSER (self));

  if (self->timeline != NULL)
    mc_chat_timeline_save_draft (self->timeline);
}

/* GTK 4.8's GtkTextView keeps the page size of an earlier, smaller
 * allocation when it is allocated while its view scrolls with an
 * animation (to the cursor after a long paste): its view then reaches past
 * the end and leaves a blank band under the last line.  Allocating it
 * again once the animation is over makes it take its real height.  The
 * animation runs for a time, not for a number of frames, so the field is
 * watched for a time after each change. */
#define SETTLE_TIME (1500 * G_TIME_SPAN_MILLISECOND)

static gboolean
settle_text_view (GtkWidget     *widget,
                  GdkFrameClock *frame_clock,
                  gpointer       user_data)
{
  McComposer *self = user_data;
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (widget));
  int height = gtk_widget_get_height (widget);

  if (height > 0 && (int) gtk_adjustment_get_page_size (adjustment) != height)
    gtk_widget_queue_allocate (widget);

  if (gdk_frame_clock_get_frame_time (frame_clock) < self->settle_until)
    return G_SOURCE_CONTINUE;

  self->settle_tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* A variable left as written, {order} or {customer|…}, would reach the
 * customer in braces: it is highlighted until the seller replaces it. */
static void
mc_composer_update_gaps (McComposer *self)
{
  GtkTextBuffer *buffer = get_buffer (self);
  g_autofree char *text = mc_composer_dup_text (self);
  g_autoptr(GArray) gaps = mc_template_find_variables (text);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->gap_tag, &start, &end);
  for (guint i = 0; i < gaps->len; i++)
    {
      McTemplateGap *gap = &g_array_index (gaps, McTemplateGap, i);

      gtk_text_buffer_get_iter_at_offset (buffer, &start, gap->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, gap->end);
      gtk_text_buffer_apply_tag (buffer, self->gap_tag, &start, &end);
    }

  self->has_gaps = gaps->len > 0;
  gtk_widget_set_visible (GTK_WIDGET (self->gaps_label), self->has_gaps);
}

/* Selects the first variable left, for the seller to type over it. */
static gboolean
mc_composer_select_gap (McComposer        *self,
                        const GtkTextIter *from)
{
  GtkTextIter start = *from, end;

  /* From inside a variable, the next one. */
  if (gtk_text_iter_has_tag (&start, self->gap_tag) && !gtk_text_iter_starts_tag (&start, self->gap_tag))
    gtk_text_iter_forward_to_tag_toggle (&start, self->gap_tag);

  if (!gtk_text_iter_starts_tag (&start, self->gap_tag) &&
      !gtk_text_iter_forward_to_tag_toggle (&start, self->gap_tag))
    return FALSE;

  end = start;
  gtk_text_iter_forward_to_tag_toggle (&end, self->gap_tag);
  gtk_text_buffer_select_range (get_buffer (self), &start, &end);
  gtk_text_view_scroll_mark_onscreen (self->text_view, gtk_text_buffer_get_insert (get_buffer (self)));

  return TRUE;
}

static void
on_buffer_changed (McComposer    *self,
                   GtkTextBuffer *buffer)
{
  g_autofree char *text = NULL;
  int previous_count = self->previous_count;

  self->previous_count = gtk_text_buffer_get_char_count (buffer);
  mc_composer_update_gaps (self);
  mc_composer_update_state (self);

  /* A key press or a paste is delivered within a frame, before its
   * layout; the text view only revalidates its lines when it is
   * allocated, or else while it is drawn, when the scrollbar whose range
   * changed then would be drawn without an allocation.  Allocate it in
   * this frame's layout instead. */
  gtk_widget_queue_allocate (GTK_WIDGET (self->text_view));
  self->settle_until = g_get_monotonic_time () + SETTLE_TIME;
  if (self->settle_tick_id == 0)
    self->settle_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->text_view),
                                                         settle_text_view, self, NULL);

  if (self->loading_text)
    return;

  text = mc_composer_dup_text (self);
  if (previous_count == 0 && g_str_equal (text, "/") && self->disabled_reason == NULL)
    {
      mc_composer_show_templates (self);
      self->slash_pending = TRUE;
    }

  if (self->timeline != NULL)
    mc_chat_timeline_set_draft (self->timeline, text);
}

static void
mc_composer_load_text (McComposer *self,
                       const char *text)
{
  self->loading_text = TRUE;
  gtk_text_buffer_set_text (get_buffer (self), text != NULL ? text : "", -1);
  self->loading_text = FALSE;
}

void
mc_composer_set_text (McComposer *self,
                      const char *text)
{
  g_return_if_fail (MC_IS_COMPOSER (self));

  gtk_text_buffer_set_text (get_buffer (self), text != NULL ? text : "", -1);
}

/* The timeline changed the draft itself: a text that did not go out, or
 * one the seller took back, is in front of it now. */
static void
on_timeline_draft (McComposer     *self,
                   GParamSpec     *pspec,
                   McChatTimeline *timeline)
{
  const char *draft = mc_chat_timeline_get_draft (timeline);
  g_autofree char *text = mc_composer_dup_text (self);

  if (g_strcmp0 (text, draft != NULL ? draft : "") == 0)
    return;

  mc_composer_load_text (self, draft);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

McChatTimeline *
mc_composer_get_timeline (McComposer *self)
{
  g_return_val_if_fail (MC_IS_COMPOSER (self), NULL);

  return self->timeline;
}

void
mc_composer_set_timeline (McComposer     *self,
                          McChatTimeline *timeline)
{
  g_return_if_fail (MC_IS_COMPOSER (self));
  g_return_if_fail (timeline == NULL || MC_IS_CHAT_TIMELINE (timeline));

  if (self->timeline == timeline)
    return;

  /* The chat shown until now keeps what was typed, written at once. */
  mc_composer_save_draft (self);

  if (self->warning_dialog != NULL)
    gtk_window_destroy (self->warning_dialog);

  g_set_object (&self->timeline, timeline);
  g_signal_group_set_target (self->timeline_signals, timeline);
  g_binding_group_set_source (self->timeline_bindings, timeline);
  if (timeline == NULL)
    mc_composer_set_disabled_reason (self, NULL);

  mc_composer_load_text (self, timeline != NULL ? mc_chat_timeline_get_draft (timeline) : NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE]);
}

const char *
mc_composer_get_disabled_reason (McComposer *self)
{
  g_return_val_if_fail (MC_IS_COMPOSER (self), NULL);

  return self->disabled_reason;
}

void
mc_composer_set_disabled_reason (McComposer *self,
                                 const char *reason)
{
  g_return_if_fail (MC_IS_COMPOSER (self));

  if (g_strcmp0 (self->disabled_reason, reason) == 0)
    return;

  g_free (self->disabled_reason);
  self->disabled_reason = g_strdup (reason);

  gtk_label_set_label (self->reason_label, reason != NULL ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), reason != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->input_box), reason == NULL);
  mc_composer_update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISABLED_REASON]);
}

static void
mc_composer_emit_send (McComposer *self,
                       const char *text)
{
  g_autofree char *copy = g_strdup (text);

  /* The text now lives in a pending bubble that can give it back: the
   * draft goes at once, or a restart would offer it a second time. */
  mc_composer_set_text (self, NULL);
  mc_composer_save_draft (self);

  g_signal_emit (self, signals[SEND_TEXT], 0, copy);
}

static void
on_warning_response (McComposer       *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  g_autofree char *text = g_steal_pointer (&self->warned_text);

  /* The dialog closes itself after a response. */
  if (self->warning_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->warning_dialog), (gpointer *) &self->warning_dialog);
      self->warning_dialog = NULL;
    }

  if (g_strcmp0 (response, "send") == 0 && text != NULL)
    mc_composer_emit_send (self, text);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static const char *
describe_contacts (McContactMatch match)
{
  switch ((guint) match)
    {
    case MC_CONTACT_PHONE:
      return _("The message seems to contain a phone number.");
    case MC_CONTACT_EMAIL:
      return _("The message seems to contain an e-mail address.");
    case MC_CONTACT_LINK:
      return _("The message seems to contain a link to another site.");
    default:
      return _("The message seems to contain contact details or links.");
    }
}

static void
mc_composer_show_warning (McComposer     *self,
                          const char     *text,
                          McContactMatch  match)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  body = g_strdup_printf ("%s\n\n%s", describe_contacts (match),
                          _("The Market hides the goods of sellers who share contacts or links to "
                            "other sites in chats: “Please do not ask customers for contacts, do not "
                            "send links to other sites. We see the correspondence and hide the goods "
                            "from the showcase when the rules of communication in chat rooms are "
                            "violated.”"));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Send Contact Details?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "edit", _("_Edit"),
                                    "send", _("_Send Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "edit");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "edit");

  g_free (self->warned_text);
  self->warned_text = g_strdup (text);
  self->warning_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->warning_dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_warning_response), self,
                           G_CONNECT_SWAPPED);

  gtk_window_present (GTK_WINDOW (dialog));
}

void
mc_composer_send (McComposer *self)
{
  g_autofree char *text = NULL;
  McContactMatch match;

  g_return_if_fail (MC_IS_COMPOSER (self));

  if (self->disabled_reason != NULL || self->warning_dialog != NULL)
    return;

  text = mc_composer_dup_text (self);
  if (text_is_blank (text) || g_utf8_strlen (text, -1) > MC_CHAT_TIMELINE_MAX_TEXT_CHARS)
    return;

  if (self->has_gaps)
    {
      GtkTextIter start;

      gtk_text_buffer_get_start_iter (get_buffer (self), &start);
      mc_composer_select_gap (self, &start);
      gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
      mc_ui_toast (GTK_WIDGET (self), _("Fill in the highlighted parts"));
      return;
    }

  match = mc_contact_detect (text);
  if (match != MC_CONTACT_NONE)
    mc_composer_show_warning (self, text, match);
  else
    mc_composer_emit_send (self, text);
}

/* Templates */

static void
mc_composer_get_scope (McComposer *self,
                       gint64     *business_id,
                       gint64     *campaign_id)
{
  McChat *chat = self->timeline != NULL ? mc_chat_timeline_get_chat (self->timeline) : NULL;

  *business_id = chat != NULL ? mc_chat_get_business_id (chat) : 0;
  *campaign_id = chat != NULL ? mc_chat_get_campaign_id (chat) : 0;
}

/* Puts @template, filled, in place of @start..@end, as one step of undo. */
static void
mc_composer_replace_with_template (McComposer  *self,
                                   McTemplate  *template,
                                   GtkTextIter *start,
                                   GtkTextIter *end)
{
  GtkTextBuffer *buffer = get_buffer (self);
  g_autoptr(McTemplateFill) fill = mc_template_fill (mc_template_get_text (template),
                                                     self->template_values);
  GtkTextIter at;
  int offset;

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, start, end);
  offset = gtk_text_iter_get_offset (start);
  gtk_text_buffer_insert (buffer, start, fill->text, -1);
  gtk_text_buffer_place_cursor (buffer, start);
  gtk_text_buffer_end_user_action (buffer);

  gtk_text_buffer_get_iter_at_offset (buffer, &at, offset);
  mc_composer_select_gap (self, &at);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

void
mc_composer_insert_template (McComposer *self,
                             McTemplate *template)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  g_return_if_fail (MC_IS_COMPOSER (self));
  g_return_if_fail (MC_IS_TEMPLATE (template));

  if (self->disabled_reason != NULL)
    return;

  buffer = get_buffer (self);
  text = mc_composer_dup_text (self);
  if (self->slash_pending && g_str_equal (text, "/"))
    gtk_text_buffer_get_bounds (buffer, &start, &end);
  else
    gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  self->slash_pending = FALSE;

  mc_composer_replace_with_template (self, template, &start, &end);
}

/* The word before the cursor, when it is a template's keyword: the
 * template takes its place.  Otherwise Tab moves the focus on. */
static gboolean
mc_composer_expand_keyword (McComposer *self)
{
  GtkTextBuffer *buffer = get_buffer (self);
  g_autofree char *word = NULL;
  GtkTextIter start, end;
  McTemplate *template;
  gint64 business_id, campaign_id;

  if (self->templates == NULL || self->disabled_reason != NULL ||
      gtk_text_buffer_get_has_selection (buffer))
    return FALSE;

  gtk_text_buffer_get_iter_at_mark (buffer, &end, gtk_text_buffer_get_insert (buffer));
  start = end;
  while (!gtk_text_iter_is_start (&start))
    {
      GtkTextIter previous = start;

      gtk_text_iter_backward_char (&previous);
      if (g_unichar_isspace (gtk_text_iter_get_char (&previous)))
        break;
      start = previous;
    }

  if (gtk_text_iter_equal (&start, &end))
    return FALSE;

  word = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  mc_composer_get_scope (self, &business_id, &campaign_id);
  template = mc_template_store_find_keyword (self->templates, business_id, campaign_id, word);
  if (template == NULL)
    return FALSE;

  mc_composer_replace_with_template (self, template, &start, &end);
  return TRUE;
}

void
mc_composer_show_templates (McComposer *self)
{
  gint64 business_id, campaign_id;
  int width;

  g_return_if_fail (MC_IS_COMPOSER (self));

  if (self->disabled_reason != NULL)
    return;

  mc_composer_get_scope (self, &business_id, &campaign_id);
  mc_template_picker_set_scope (self->picker, business_id, campaign_id);

  /* As wide as the field, within reason, on a narrow window too. */
  width = gtk_widget_get_width (GTK_WIDGET (self)) - 24;
  gtk_widget_set_size_request (GTK_WIDGET (self->picker), CLAMP (width, 240, 520), -1);

  self->slash_pending = FALSE;
  mc_template_picker_open (self->picker);
}

static void
on_template_chosen (McComposer       *self,
                    McTemplate       *template,
                    McTemplatePicker *picker)
{
  mc_composer_insert_template (self, template);
}

static void
on_picker_closed (McComposer       *self,
                  McTemplatePicker *picker)
{
  /* Escape leaves a typed "/" as it is: the seller may have meant it. */
  self->slash_pending = FALSE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

void
mc_composer_set_templates (McComposer      *self,
                           McTemplateStore *templates)
{
  g_return_if_fail (MC_IS_COMPOSER (self));
  g_return_if_fail (templates == NULL || MC_IS_TEMPLATE_STORE (templates));

  if (!g_set_object (&self->templates, templates))
    return;

  mc_template_picker_set_templates (self->picker, G_LIST_MODEL (templates));
}

void
mc_composer_set_template_values (McComposer       *self,
                                 McTemplateValues *values)
{
  g_return_if_fail (MC_IS_COMPOSER (self));

  g_clear_pointer (&self->template_values, mc_template_values_free);
  self->template_values = values;
}

gboolean
mc_composer_get_has_gaps (McComposer *self)
{
  g_return_val_if_fail (MC_IS_COMPOSER (self), FALSE);

  return self->has_gaps;
}

GtkPopover *
mc_composer_get_template_picker (McComposer *self)
{
  g_return_val_if_fail (MC_IS_COMPOSER (self), NULL);

  return GTK_POPOVER (self->picker);
}

GtkWindow *
mc_composer_get_warning_dialog (McComposer *self)
{
  g_return_val_if_fail (MC_IS_COMPOSER (self), NULL);

  return self->warning_dialog;
}

gboolean
mc_composer_attach_file (McComposer  *self,
                         GFile       *file,
                         GError     **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (MC_IS_COMPOSER (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->disabled_reason != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, self->disabled_reason);
      return FALSE;
    }

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                            G_FILE_ATTRIBUTE_ACCESS_CAN_READ,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      g_autofree char *basename = g_file_get_basename (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” cannot be attached: %s"), basename, local_error->message);
      return FALSE;
    }

  name = g_strdup (g_file_info_get_display_name (info));

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
      (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ) &&
       !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” cannot be attached: it is not a file this app may read."), name);
      return FALSE;
    }

  if (g_file_info_get_size (info) > MC_CHAT_TIMELINE_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("“%s” is %s; the Market accepts files up to 5 MB."), name, size);
      return FALSE;
    }

  g_signal_emit (self, signals[SEND_FILE], 0, file);

  return TRUE;
}

static void
mc_composer_attach_or_toast (McComposer *self,
                             GFile      *file)
{
  g_autoptr(GError) error = NULL;

  if (!mc_composer_attach_file (self, file, &error))
    mc_ui_toast (GTK_WIDGET (self), error->message);
}

static void
on_chooser_response (McComposer           *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        mc_composer_attach_or_toast (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
on_attach_clicked (McComposer *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Attach a File"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Attach"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_drop_confirm_response (McComposer       *self,
                          const char       *response,
                          AdwMessageDialog *dialog)
{
  GPtrArray *files = g_object_get_data (G_OBJECT (dialog), "mc-dropped-files");

  if (g_strcmp0 (response, "send") != 0 || files == NULL)
    return;

  for (guint i = 0; i < files->len; i++)
    mc_composer_attach_or_toast (self, g_ptr_array_index (files, i));
}

/* A drop can carry more, or other, files than the seller meant, and each
 * goes to the customer at once: the names are shown and the seller says
 * yes once for all of them. */
static gboolean
on_drop (McComposer    *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GString) body = g_string_new (NULL);
  GPtrArray *files;
  GtkWidget *dialog;
  GSList *list;

  if (self->disabled_reason != NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  list = gdk_file_list_get_files (g_value_get_boxed (value));
  files = g_ptr_array_new_with_free_func (g_object_unref);
  for (GSList *l = list; l != NULL; l = l->next)
    {
      g_autofree char *name = g_file_get_basename (l->data);
      g_autofree char *shown = mc_ui_format_visible_name (name);

      g_ptr_array_add (files, g_object_ref (l->data));
      g_string_append_printf (body, "%s%s", body->len > 0 ? "\n" : "", shown);
    }
  g_slist_free (list);

  if (files->len == 0)
    {
      g_ptr_array_unref (files);
      return FALSE;
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, body->str);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog),
                                     ngettext ("Send %u File to the Customer?",
                                               "Send %u Files to the Customer?", files->len),
                                     files->len);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "send", _("_Send"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "send");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "mc-dropped-files", files,
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_drop_confirm_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static gboolean
on_key_pressed (McComposer            *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
      (state & GDK_CONTROL_MASK) != 0)
    {
      mc_composer_send (self);
      return TRUE;
    }

  /* In the Russian layout too, where the key gives "е". */
  if ((gdk_keyval_to_lower (keyval) == GDK_KEY_t ||
       gdk_keyval_to_lower (keyval) == mc_ui_russian_keyval (GDK_KEY_t)) &&
      (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK)) == GDK_CONTROL_MASK)
    {
      mc_composer_show_templates (self);
      return TRUE;
    }

  if (keyval == GDK_KEY_Tab && (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK)) == 0)
    return mc_composer_expand_keyword (self);

  return FALSE;
}

static void
mc_composer_send_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  mc_composer_send (MC_COMPOSER (widget));
}

static void
mc_composer_templates_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  mc_composer_show_templates (MC_COMPOSER (widget));
}

static gboolean
mc_composer_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (MC_COMPOSER (widget)->text_view));
}

static void
mc_composer_dispose (GObject *object)
{
  McComposer *self = MC_COMPOSER (object);

  mc_composer_save_draft (self);
  if (self->settle_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->text_view), self->settle_tick_id);
      self->settle_tick_id = 0;
    }
  if (self->warning_dialog != NULL)
    gtk_window_destroy (self->warning_dialog);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->templates);
  if (self->timeline_signals != NULL)
    g_signal_group_set_target (self->timeline_signals, NULL);
  if (self->timeline_bindings != NULL)
    g_binding_group_set_source (self->timeline_bindings, NULL);
  g_clear_object (&self->timeline_signals);
  g_clear_object (&self->timeline_bindings);
  g_clear_object (&self->timeline);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_COMPOSER);
  mc_ui_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (mc_composer_parent_class)->dispose (object);
}

static void
mc_composer_finalize (GObject *object)
{
  McComposer *self = MC_COMPOSER (object);

  g_free (self->disabled_reason);
  g_free (self->warned_text);
  mc_template_values_free (self->template_values);

  G_OBJECT_CLASS (mc_composer_parent_class)->finalize (object);
}

static void
mc_composer_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  McComposer *self = MC_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_DISABLED_REASON:
      g_value_set_string (value, self->disabled_reason);
      break;

    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_composer_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  McComposer *self = MC_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_DISABLED_REASON:
      mc_composer_set_disabled_reason (self, g_value_get_string (value));
      break;

    case PROP_TIMELINE:
      mc_composer_set_timeline (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_composer_class_init (McComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_composer_dispose;
  object_class->finalize = mc_composer_finalize;
  object_class->get_property = mc_composer_get_property;
  object_class->set_property = mc_composer_set_property;

  widget_class->grab_focus = mc_composer_grab_focus;

  properties[PROP_DISABLED_REASON] =
    g_param_spec_string ("disabled-reason", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMELINE] =
    g_param_spec_object ("timeline", NULL, NULL,
                         MC_TYPE_CHAT_TIMELINE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SEND_TEXT] = g_signal_new ("send-text", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SEND_FILE] = g_signal_new ("send-file", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/mc-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, McComposer, reason_label);
  gtk_widget_class_bind_template_child (widget_class, McComposer, input_box);
  gtk_widget_class_bind_template_child (widget_class, McComposer, text_view);
  gtk_widget_class_bind_template_child (widget_class, McComposer, send_button);
  gtk_widget_class_bind_template_child (widget_class, McComposer, counter_label);
  gtk_widget_class_bind_template_child (widget_class, McComposer, gaps_label);
  gtk_widget_class_bind_template_callback (widget_class, on_attach_clicked);

  gtk_widget_class_install_action (widget_class, "composer.send", NULL, mc_composer_send_action);
  gtk_widget_class_install_action (widget_class, "composer.templates", NULL, mc_composer_templates_action);
}

static void
mc_composer_init (McComposer *self)
{
  GtkEventController *key;
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Seen on light and dark backgrounds alike, and underlined, so it does
   * not rest on colour alone. */
  self->gap_tag = gtk_text_buffer_create_tag (get_buffer (self), "template-gap",
                                              "background-rgba", &(GdkRGBA) { 0.96, 0.76, 0.05, 0.35 },
                                              "underline", PANGO_UNDERLINE_SINGLE,
                                              NULL);

  self->picker = MC_TEMPLATE_PICKER (mc_template_picker_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->picker), GTK_WIDGET (self));
  g_signal_connect_object (self->picker, "chosen", G_CALLBACK (on_template_chosen), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->picker, "closed", G_CALLBACK (on_picker_closed), self,
                           G_CONNECT_SWAPPED);

  self->timeline_signals = g_signal_group_new (MC_TYPE_CHAT_TIMELINE);
  g_signal_group_connect_object (self->timeline_signals, "notify::draft",
                                 G_CALLBACK (on_timeline_draft), self, G_CONNECT_SWAPPED);
  self->timeline_bindings = g_binding_group_new ();
  g_binding_group_bind (self->timeline_bindings, "read-only-reason", self, "disabled-reason",
                        G_BINDING_SYNC_CREATE);

  g_signal_connect_object (get_buffer (self), "changed", G_CALLBACK (on_buffer_changed), self,
                           G_CONNECT_SWAPPED);

  /* Capture, so Ctrl+Enter sends before the text view inserts a newline. */
  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (on_key_pressed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), key);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  mc_composer_update_state (self);
}
