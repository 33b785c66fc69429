/* mc-conversation.c: the messages of one chat and the composer under them.
 *
 * What the seller does here goes through the chat's McChatTimeline; this
 * file shows it.  Keeping the newest message in view is in
 * mc-conversation-scroll.c, attachments in mc-conversation-files.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "mc-error.h"
#include "mc-conversation-private.h"
#include "mc-message-row.h"
#include "mc-sidebar-model.h"
#include "mc-ui.h"
#include "mc-ui-util.h"

G_DEFINE_FINAL_TYPE (McConversation, mc_conversation, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_CHAT,
  PROP_TIMELINE,
  PROP_TITLE,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
mc_conversation_new (void)
{
  return g_object_new (MC_TYPE_CONVERSATION, NULL);
}

static McChat *
get_chat (McConversation *self)
{
  return self->timeline != NULL ? mc_chat_timeline_get_chat (self->timeline) : NULL;
}

char *
mc_conversation_describe_error (const GError *error)
{
  return mc_error_describe (error);
}

static void
set_string (char       **field,
            const char  *value,
            GObject     *object,
            GParamSpec  *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (object, pspec);
}

/* The order or return number, 0 when the chat has none. */
static gint64
get_context_number (McConversation *self)
{
  McChat *chat = get_chat (self);
  McChatContext *context = chat != NULL ? mc_chat_get_context (chat) : NULL;

  if (context == NULL)
    return 0;

  if (mc_chat_context_get_context_type (context) == MC_CONTEXT_TYPE_RETURN &&
      mc_chat_context_get_return_id (context) > 0)
    return mc_chat_context_get_return_id (context);

  return mc_chat_context_get_order_id (context);
}

static void
copy_number_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  McConversation *self = MC_CONVERSATION (widget);
  gint64 number = get_context_number (self);
  g_autofree char *text = NULL;

  if (number <= 0)
    return;

  text = g_strdup_printf ("%" G_GINT64_FORMAT, number);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  mc_ui_toast (widget, _("Copied"));
}

static void
mc_conversation_update_header (McConversation *self)
{
  McChat *chat = get_chat (self);
  McChatContext *context;
  g_autoptr(GString) subtitle = NULL;
  g_autoptr(GString) details = NULL;
  const char *name;
  gint64 campaign_id;

  if (chat == NULL)
    {
      set_string (&self->title, NULL, G_OBJECT (self), properties[PROP_TITLE]);
      set_string (&self->subtitle, NULL, G_OBJECT (self), properties[PROP_SUBTITLE]);
      mc_conversation_update_clock (self);
      return;
    }

  context = mc_chat_get_context (chat);
  name = mc_chat_get_customer_name (chat);
  set_string (&self->title, name != NULL && *name != '\0' ? name : _("Customer"),
              G_OBJECT (self), properties[PROP_TITLE]);

  subtitle = g_string_new (NULL);
  if (context != NULL)
    {
      g_autofree char *what = mc_ui_format_context (mc_chat_context_get_context_type (context),
                                                    mc_chat_context_get_order_id (context),
                                                    mc_chat_context_get_return_id (context));

      g_string_append (subtitle, what);
    }

  campaign_id = mc_chat_get_campaign_id (chat);
  if (campaign_id != 0 && self->session != NULL)
    {
      McSidebarItem *item = mc_sidebar_model_find_campaign (mc_session_get_stores (self->session),
                                                       campaign_id);

      if (item != NULL)
        g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "",
                                mc_sidebar_item_get_title (item));
    }
  set_string (&self->subtitle, subtitle->str, G_OBJECT (self), properties[PROP_SUBTITLE]);

  details = g_string_new (mc_ui_chat_status_to_string (mc_chat_get_status (chat)));
  if (mc_chat_get_chat_type (chat) == MC_CHAT_TYPE_ARBITRAGE)
    /* Translators: appended to the chat status when the chat is a dispute. */
    g_string_append_printf (details, " · %s", _("Dispute"));
  gtk_label_set_label (self->details_label, details->str);
  gtk_widget_set_visible (GTK_WIDGET (self->copy_button), get_context_number (self) > 0);
  mc_conversation_update_clock (self);
}


/* What the variables of a template stand for in the chat shown: the one
 * place that gathers them, so that the order card can add its own. */
static void
mc_conversation_update_template_values (McConversation *self)
{
  McChat *chat = get_chat (self);
  McChatContext *context;
  McTemplateValues *values;
  gint64 campaign_id;

  mc_composer_set_templates (self->composer,
                             chat != NULL && self->session != NULL
                             ? mc_session_get_templates (self->session) : NULL);
  if (chat == NULL)
    {
      mc_composer_set_template_values (self->composer, NULL);
      return;
    }

  values = mc_template_values_new ();
  mc_template_values_set (values, MC_TEMPLATE_VAR_CUSTOMER, mc_chat_get_customer_name (chat));

  campaign_id = mc_chat_get_campaign_id (chat);
  if (campaign_id != 0 && self->session != NULL)
    {
      McSidebarItem *item = mc_sidebar_model_find_campaign (mc_session_get_stores (self->session),
                                                            campaign_id);

      if (item != NULL)
        mc_template_values_set (values, MC_TEMPLATE_VAR_STORE, mc_sidebar_item_get_title (item));
    }

  /* {status} is the order's or the return's, from the order card: the
   * chat's own status ("waiting for your reply") is no news to the
   * customer. */
  context = mc_chat_get_context (chat);
  if (context != NULL)
    {
      gint64 order_id = mc_chat_context_get_order_id (context);
      gint64 return_id = mc_chat_context_get_return_id (context);

      if (order_id > 0)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);

          mc_template_values_set (values, MC_TEMPLATE_VAR_ORDER, number);
        }
      if (return_id > 0)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, return_id);

          mc_template_values_set (values, MC_TEMPLATE_VAR_RETURN, number);
        }
    }

  /* The order card, once it came; a return chat is about the return's
   * status, set last. */
  if (self->timeline != NULL && mc_chat_timeline_get_order (self->timeline) != NULL)
    mc_template_values_set_order (values, mc_chat_timeline_get_order (self->timeline));
  if (self->timeline != NULL && mc_chat_timeline_get_return (self->timeline) != NULL)
    mc_template_values_set_return (values, mc_chat_timeline_get_return (self->timeline));

  mc_composer_set_template_values (self->composer, values);
}

static void
on_timeline_order (McConversation *self,
                   GParamSpec     *pspec,
                   McChatTimeline *timeline)
{
  if (timeline == self->timeline)
    mc_conversation_update_template_values (self);
}

static void
mc_conversation_follow_order (McConversation *self,
                              gboolean        follow)
{
  if (self->timeline == NULL)
    return;

  if (!follow)
    {
      g_signal_handlers_disconnect_by_func (self->timeline, on_timeline_order, self);
      return;
    }

  g_signal_connect_object (self->timeline, "notify::order", G_CALLBACK (on_timeline_order), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "notify::return", G_CALLBACK (on_timeline_order), self,
                           G_CONNECT_SWAPPED);
}

/* A chat the seller started has nothing to show yet: say what to do. */
static void
mc_conversation_update_first_message (McConversation *self)
{
  McChat *chat = get_chat (self);
  gboolean empty = chat != NULL && mc_chat_get_no_customer_message (chat) &&
                   g_list_model_get_n_items (self->messages) == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->first_message_page), empty);
}

static void
mc_conversation_mark_read (McConversation *self)
{
  if (self->timeline != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    mc_chat_timeline_mark_read (self->timeline);
}

static void
mc_conversation_update_day_label (McConversation *self,
                                  GtkListItem    *item)
{
  McMessageRow *row = MC_MESSAGE_ROW (gtk_list_item_get_child (item));
  McMessage *message = gtk_list_item_get_item (item);
  guint position = gtk_list_item_get_position (item);
  gint64 created = mc_message_get_created_at (message);
  g_autofree char *label = NULL;

  if (position == 0 || position == GTK_INVALID_LIST_POSITION)
    label = mc_ui_format_day (created, g_get_real_time ());
  else
    {
      g_autoptr(McMessage) previous = g_list_model_get_item (self->messages, position - 1);

      if (previous == NULL || !mc_ui_same_day (mc_message_get_created_at (previous), created))
        label = mc_ui_format_day (created, g_get_real_time ());
    }

  mc_message_row_set_day_label (row, label);
  mc_message_row_set_unread_divider (row, self->first_unread_id != 0 &&
                                          mc_message_get_message_id (message) == self->first_unread_id);
}


static void
on_messages_changed (McConversation *self,
                     guint           position,
                     guint           removed,
                     guint           added,
                     GListModel     *model)
{
  /* Rows are not rebound when older messages arrive above them, yet the
   * first message of a day may no longer be the first in the list. */
  for (guint i = 0; i < self->bound_items->len; i++)
    mc_conversation_update_day_label (self, g_ptr_array_index (self->bound_items, i));
  mc_conversation_update_first_message (self);
  mc_conversation_search_refresh (self);

  if (mc_chat_timeline_get_loading_older (self->timeline) && position == 0 && added > 0)
    mc_conversation_scroll_older_added (self);

  if (added > 0 && position + added == g_list_model_get_n_items (model))
    {
      mc_conversation_mark_read (self);
      mc_conversation_scroll_added_at_end (self);
    }
}

/* Sending */

static void
on_message_sent (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(McConversation) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* A text that did not become a bubble is back in the draft. */
  if (mc_chat_timeline_send_text_finish (MC_CHAT_TIMELINE (object), result, &error))
    {
      mc_ui_toast (GTK_WIDGET (self), _("Message sent"));
      return;
    }

  text = mc_conversation_describe_error (error);
  mc_ui_toast (GTK_WIDGET (self), text);
}

static void
mc_conversation_send_text (McConversation *self,
                           const char     *text)
{
  if (self->timeline == NULL)
    return;

  mc_chat_timeline_send_text_async (self->timeline, text, NULL, on_message_sent, g_object_ref (self));
  mc_conversation_scroll_to_bottom (self);
}

static void
on_duplicate_response (McConversation   *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  const char *text = g_object_get_data (G_OBJECT (dialog), "mc-text");
  McChatTimeline *timeline = g_object_get_data (G_OBJECT (dialog), "mc-timeline");

  if (self->duplicate_dialog == GTK_WINDOW (dialog))
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->duplicate_dialog);
      self->duplicate_dialog = NULL;
    }

  /* The same words wait in the pending bubble: nothing is lost on Cancel. */
  if (g_strcmp0 (response, "send") == 0 && timeline == self->timeline)
    mc_conversation_send_text (self, text);
}

static void
on_send_text (McConversation *self,
              const char     *text,
              McComposer     *composer)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (self->timeline == NULL)
    return;

  if (!mc_chat_timeline_has_pending_text (self->timeline, text))
    {
      mc_conversation_send_text (self, text);
      return;
    }

  if (self->duplicate_dialog != NULL)
    gtk_window_destroy (self->duplicate_dialog);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Send the Same Message Again?"),
                                   _("This message is still being sent to the customer. Sending it "
                                     "again may deliver it twice."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "send", _("Send _Again"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "mc-text", g_strdup (text), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "mc-timeline", g_object_ref (self->timeline),
                          g_object_unref);

  self->duplicate_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->duplicate_dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_duplicate_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkFileChooser *
mc_conversation_get_save_chooser (McConversation *self)
{
  g_return_val_if_fail (MC_IS_CONVERSATION (self), NULL);

  return self->save_chooser != NULL ? GTK_FILE_CHOOSER (self->save_chooser) : NULL;
}

GtkWindow *
mc_conversation_get_duplicate_dialog (McConversation *self)
{
  g_return_val_if_fail (MC_IS_CONVERSATION (self), NULL);

  return self->duplicate_dialog;
}

static void
on_file_sent (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(McConversation) self = user_data;
  g_autoptr(GError) error = NULL;

  if (mc_chat_timeline_send_file_finish (MC_CHAT_TIMELINE (object), result, &error))
    mc_ui_toast (GTK_WIDGET (self), _("File sent"));
  else
    {
      g_autofree char *text = mc_conversation_describe_error (error);

      mc_ui_toast (GTK_WIDGET (self), text);
    }
}

static void
on_send_file (McConversation *self,
              GFile          *file,
              McComposer     *composer)
{
  if (self->timeline == NULL)
    return;

  mc_chat_timeline_send_file_async (self->timeline, file, NULL, on_file_sent, g_object_ref (self));
  mc_conversation_scroll_to_bottom (self);
}

static void
on_retried (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(McConversation) self = user_data;
  g_autoptr(GError) error = NULL;

  if (mc_chat_timeline_retry_finish (MC_CHAT_TIMELINE (object), result, &error))
    mc_ui_toast (GTK_WIDGET (self), _("Message sent"));
  else
    {
      g_autofree char *text = mc_conversation_describe_error (error);

      mc_ui_toast (GTK_WIDGET (self), text);
    }
}

static void
on_row_retry (McConversation *self,
              McMessageRow   *row)
{
  McMessage *message = mc_message_row_get_message (row);

  if (message == NULL || self->timeline == NULL)
    return;

  mc_chat_timeline_retry_async (self->timeline, message, NULL, on_retried, g_object_ref (self));
  mc_conversation_scroll_to_bottom (self);
}

static void
on_row_edit (McConversation *self,
             McMessageRow   *row)
{
  McMessage *message = mc_message_row_get_message (row);

  if (message == NULL || self->timeline == NULL)
    return;

  /* The composer shows the text again, with the focus. */
  mc_chat_timeline_take_back (self->timeline, message);
}

static void
on_row_open_attachment (McConversation *self,
                        McAttachment   *attachment,
                        McMessageRow   *row)
{
  mc_conversation_open_attachment (self, attachment);
}

static void
on_row_save_attachment (McConversation *self,
                        McAttachment   *attachment,
                        McMessageRow   *row)
{
  mc_conversation_save_attachment (self, attachment);
}

static void
on_factory_setup (McConversation           *self,
                  GtkListItem              *item,
                  GtkSignalListItemFactory *factory)
{
  GtkWidget *row = mc_message_row_new ();

  g_signal_connect_object (row, "retry", G_CALLBACK (on_row_retry), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "edit", G_CALLBACK (on_row_edit), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "open-attachment", G_CALLBACK (on_row_open_attachment), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "save-attachment", G_CALLBACK (on_row_save_attachment), self,
                           G_CONNECT_SWAPPED);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, row);
}

static void
on_factory_bind (McConversation           *self,
                 GtkListItem              *item,
                 GtkSignalListItemFactory *factory)
{
  McMessageRow *row = MC_MESSAGE_ROW (gtk_list_item_get_child (item));

  mc_message_row_set_message (row, gtk_list_item_get_item (item));
  mc_conversation_update_day_label (self, item);
  g_ptr_array_add (self->bound_items, item);
  mc_conversation_search_bind_row (self, item);
}

static void
on_factory_unbind (McConversation           *self,
                   GtkListItem              *item,
                   GtkSignalListItemFactory *factory)
{
  mc_message_row_set_message (MC_MESSAGE_ROW (gtk_list_item_get_child (item)), NULL);
  g_ptr_array_remove_fast (self->bound_items, item);
}

static void
on_elsewhere_dismiss_clicked (McConversation *self,
                              GtkButton      *button)
{
  if (self->timeline != NULL)
    mc_chat_timeline_dismiss_replied_elsewhere (self->timeline);
  gtk_widget_grab_focus (GTK_WIDGET (self->composer));
}

gint64
mc_conversation_get_first_unread_id (McConversation *self)
{
  g_return_val_if_fail (MC_IS_CONVERSATION (self), 0);

  return self->first_unread_id;
}

static void
on_chat_notify (McConversation *self,
                GParamSpec     *pspec,
                McChat         *chat)
{
  mc_conversation_update_header (self);
  mc_conversation_update_first_message (self);
  mc_conversation_update_template_values (self);
}

McChat *
mc_conversation_get_chat (McConversation *self)
{
  g_return_val_if_fail (MC_IS_CONVERSATION (self), NULL);

  return get_chat (self);
}

McChatTimeline *
mc_conversation_get_timeline (McConversation *self)
{
  g_return_val_if_fail (MC_IS_CONVERSATION (self), NULL);

  return self->timeline;
}

void
mc_conversation_set_chat (McConversation *self,
                          McChat         *chat)
{
  g_autoptr(McChatTimeline) timeline = NULL;
  GtkNoSelection *selection;
  GtkRoot *root;
  gboolean focus_in_list;

  g_return_if_fail (MC_IS_CONVERSATION (self));
  g_return_if_fail (chat == NULL || MC_IS_CHAT (chat));

  if (get_chat (self) == chat)
    return;

  if (chat != NULL && self->session != NULL)
    timeline = mc_session_get_timeline (self->session, chat);

  /* With the focus in the messages, the list would hand it to a row of the
   * new chat, and a selectable label given the focus selects all its text. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus_in_list = root != NULL && gtk_root_get_focus (root) != NULL &&
                  gtk_widget_is_ancestor (gtk_root_get_focus (root), GTK_WIDGET (self->list_view));
  if (focus_in_list)
    gtk_root_set_focus (root, NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  mc_conversation_search_reset (self);
  mc_conversation_scroll_reset (self);

  gtk_list_view_set_model (self->list_view, NULL);
  mc_conversation_follow_order (self, FALSE);
  /* Asked before the rows are bound (setting the model binds some), and
   * before marking the chat read, which moves the marker. */
  self->first_unread_id = timeline != NULL ? mc_chat_timeline_get_first_unread_id (timeline) : 0;
  g_set_object (&self->timeline, timeline);
  mc_conversation_follow_order (self, TRUE);
  g_clear_object (&self->messages);
  if (timeline != NULL)
    self->messages = g_object_ref (mc_chat_timeline_get_messages (timeline));
  g_signal_group_set_target (self->chat_signals, chat);
  g_signal_group_set_target (self->messages_signals, self->messages);
  /* The composer follows through its binding: it writes the draft of the
   * chat shown until now and shows this one's. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE]);

  if (timeline == NULL)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    {
      selection = gtk_no_selection_new (g_object_ref (self->messages));
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
      g_object_unref (selection);
      gtk_stack_set_visible_child_name (self->stack, "chat");

      self->model_fresh = TRUE;
      if (self->first_unread_id != 0)
        mc_conversation_scroll_to_first_unread (self);
      else
        mc_conversation_scroll_to_bottom (self);

      mc_conversation_mark_read (self);
      mc_chat_timeline_refresh (timeline);
    }

  mc_conversation_update_header (self);
  mc_conversation_update_first_message (self);
  mc_conversation_update_template_values (self);
  if (focus_in_list && mc_composer_get_disabled_reason (self->composer) == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->composer));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHAT]);
}

McSession *
mc_conversation_get_session (McConversation *self)
{
  g_return_val_if_fail (MC_IS_CONVERSATION (self), NULL);

  return self->session;
}

void
mc_conversation_set_session (McConversation *self,
                             McSession      *session)
{
  g_return_if_fail (MC_IS_CONVERSATION (self));
  g_return_if_fail (session == NULL || MC_IS_SESSION (session));

  if (self->session == session)
    return;

  mc_conversation_set_chat (self, NULL);
  g_set_object (&self->session, session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

const char *
mc_conversation_get_title (McConversation *self)
{
  g_return_val_if_fail (MC_IS_CONVERSATION (self), NULL);

  return self->title;
}

const char *
mc_conversation_get_subtitle (McConversation *self)
{
  g_return_val_if_fail (MC_IS_CONVERSATION (self), NULL);

  return self->subtitle;
}

McComposer *
mc_conversation_get_composer (McConversation *self)
{
  g_return_val_if_fail (MC_IS_CONVERSATION (self), NULL);

  return self->composer;
}

GListModel *
mc_conversation_get_messages (McConversation *self)
{
  g_return_val_if_fail (MC_IS_CONVERSATION (self), NULL);

  return self->messages;
}

static void
mc_conversation_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mc_conversation_parent_class)->map (widget);

  mc_conversation_mark_read (MC_CONVERSATION (widget));
}

static void
mc_conversation_dispose (GObject *object)
{
  McConversation *self = MC_CONVERSATION (object);

  g_cancellable_cancel (self->cancellable);
  mc_conversation_follow_order (self, FALSE);
  mc_conversation_clock_dispose (self);
  if (self->chat_signals != NULL)
    g_signal_group_set_target (self->chat_signals, NULL);
  if (self->messages_signals != NULL)
    g_signal_group_set_target (self->messages_signals, NULL);
  if (self->save_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->save_chooser));
  if (self->duplicate_dialog != NULL)
    gtk_window_destroy (self->duplicate_dialog);

  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_CONVERSATION);
  mc_ui_unparent_children (GTK_WIDGET (self));

  g_clear_object (&self->save_chooser);
  g_clear_object (&self->chat_signals);
  g_clear_object (&self->messages_signals);
  g_clear_object (&self->messages);
  g_clear_object (&self->timeline);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mc_conversation_parent_class)->dispose (object);
}

static void
mc_conversation_finalize (GObject *object)
{
  McConversation *self = MC_CONVERSATION (object);

  mc_conversation_search_finalize (self);
  g_ptr_array_unref (self->bound_items);
  g_free (self->title);
  g_free (self->subtitle);

  G_OBJECT_CLASS (mc_conversation_parent_class)->finalize (object);
}

static void
mc_conversation_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  McConversation *self = MC_CONVERSATION (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_CHAT:
      g_value_set_object (value, get_chat (self));
      break;

    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_conversation_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  McConversation *self = MC_CONVERSATION (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      mc_conversation_set_session (self, g_value_get_object (value));
      break;

    case PROP_CHAT:
      mc_conversation_set_chat (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_conversation_class_init (McConversationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_conversation_dispose;
  object_class->finalize = mc_conversation_finalize;
  object_class->get_property = mc_conversation_get_property;
  object_class->set_property = mc_conversation_set_property;

  widget_class->map = mc_conversation_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHAT] =
    g_param_spec_object ("chat", NULL, NULL,
                         MC_TYPE_CHAT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMELINE] =
    g_param_spec_object ("timeline", NULL, NULL,
                         MC_TYPE_CHAT_TIMELINE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MC_TYPE_COMPOSER);
  g_type_ensure (MC_TYPE_CHAT_TIMELINE);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/mc-conversation.ui");
  gtk_widget_class_bind_template_child (widget_class, McConversation, stack);
  gtk_widget_class_bind_template_child (widget_class, McConversation, details_label);
  gtk_widget_class_bind_template_child (widget_class, McConversation, clock_label);
  gtk_widget_class_bind_template_child (widget_class, McConversation, copy_button);
  gtk_widget_class_bind_template_child (widget_class, McConversation, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, McConversation, list_view);
  gtk_widget_class_bind_template_child (widget_class, McConversation, older_spinner);
  gtk_widget_class_bind_template_child (widget_class, McConversation, new_messages_revealer);
  gtk_widget_class_bind_template_child (widget_class, McConversation, first_message_page);
  gtk_widget_class_bind_template_child (widget_class, McConversation, new_messages_button);
  gtk_widget_class_bind_template_child (widget_class, McConversation, composer);
  gtk_widget_class_bind_template_child (widget_class, McConversation, elsewhere_revealer);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_edge_reached",
                                                G_CALLBACK (mc_conversation_on_edge_reached));
  gtk_widget_class_bind_template_callback (widget_class, on_factory_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_unbind);
  gtk_widget_class_bind_template_callback (widget_class, on_send_text);
  gtk_widget_class_bind_template_callback (widget_class, on_send_file);
  gtk_widget_class_bind_template_callback (widget_class, on_elsewhere_dismiss_clicked);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_new_messages_clicked",
                                                G_CALLBACK (mc_conversation_on_new_messages_clicked));

  gtk_widget_class_install_action (widget_class, "conversation.copy-number", NULL, copy_number_action);
  mc_conversation_search_class_init (widget_class);
}

static void
mc_conversation_init (McConversation *self)
{
  self->bound_items = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  self->chat_signals = g_signal_group_new (MC_TYPE_CHAT);
  g_signal_group_connect_object (self->chat_signals, "notify", G_CALLBACK (on_chat_notify), self,
                                 G_CONNECT_SWAPPED);
  self->messages_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_object (self->messages_signals, "items-changed",
                                 G_CALLBACK (on_messages_changed), self,
                                 G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  gtk_widget_init_template (GTK_WIDGET (self));

  mc_conversation_scroll_init (self);
  mc_conversation_search_init (self);
  mc_conversation_clock_init (self);
}
