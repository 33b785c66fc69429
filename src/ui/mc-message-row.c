/* mc-message-row.c: one message of a conversation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-attachment-row.h"
#include "mc-message-row.h"
#include "mc-ui.h"
#include "mc-ui-util.h"

struct _McMessageRow
{
  GtkWidget   parent_instance;

  McMessage  *message;
  gulong      notify_id;

  GtkLabel   *day_label;
  GtkLabel   *unread_divider;
  GtkBox     *bubble;
  GtkLabel   *sender_label;
  GtkLabel   *text_label;
  GtkBox     *unshown_box;
  GtkButton  *cabinet_button;
  GtkBox     *attachments_box;
  GtkLabel   *elsewhere_label;
  GtkImage   *state_icon;
  GtkLabel   *time_label;
  GtkBox     *failed_box;
  GtkLabel   *error_label;
  GtkButton  *edit_button;
  GtkButton  *retry_button;

  char       *highlight;
  int         highlight_current;
};

G_DEFINE_FINAL_TYPE (McMessageRow, mc_message_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MESSAGE,
  N_PROPS
};

enum {
  RETRY,
  EDIT,
  OPEN_ATTACHMENT,
  SAVE_ATTACHMENT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const side_classes[] = { "customer", "partner", "system" };

GtkWidget *
mc_message_row_new (void)
{
  return g_object_new (MC_TYPE_MESSAGE_ROW, NULL);
}

static void
on_edit_clicked (McMessageRow *self)
{
  g_signal_emit (self, signals[EDIT], 0);
}

static void
on_retry_clicked (McMessageRow *self)
{
  g_signal_emit (self, signals[RETRY], 0);
}

static void
on_attachment_open (McMessageRow    *self,
                    McAttachmentRow *row)
{
  g_signal_emit (self, signals[OPEN_ATTACHMENT], 0, mc_attachment_row_get_attachment (row));
}

static void
on_attachment_save (McMessageRow    *self,
                    McAttachmentRow *row)
{
  g_signal_emit (self, signals[SAVE_ATTACHMENT], 0, mc_attachment_row_get_attachment (row));
}

static void
mc_message_row_update_state (McMessageRow *self)
{
  McMessageState state = mc_message_get_state (self->message);
  const char *error = mc_message_get_error (self->message);
  g_autofree char *time = mc_ui_format_time_of_day (mc_message_get_created_at (self->message));

  gtk_label_set_label (self->time_label, time);

  switch (state)
    {
    case MC_MESSAGE_STATE_PENDING:
      gtk_image_set_from_icon_name (self->state_icon, "document-open-recent-symbolic");
      /* Why it is still pending, when the Market cannot be reached. */
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->state_icon), error != NULL ? error : _("Sending…"));
      gtk_widget_add_css_class (GTK_WIDGET (self->bubble), "pending");
      gtk_widget_remove_css_class (GTK_WIDGET (self->bubble), "failed");
      break;

    case MC_MESSAGE_STATE_FAILED:
      gtk_image_set_from_icon_name (self->state_icon, "dialog-error-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->state_icon), _("Not sent"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->bubble), "pending");
      gtk_widget_add_css_class (GTK_WIDGET (self->bubble), "failed");
      break;

    case MC_MESSAGE_STATE_SENT:
    default:
      gtk_widget_remove_css_class (GTK_WIDGET (self->bubble), "pending");
      gtk_widget_remove_css_class (GTK_WIDGET (self->bubble), "failed");
      break;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->elsewhere_label), mc_message_get_from_elsewhere (self->message));
  gtk_widget_set_visible (GTK_WIDGET (self->state_icon), state != MC_MESSAGE_STATE_SENT);
  gtk_widget_set_visible (GTK_WIDGET (self->failed_box), state == MC_MESSAGE_STATE_FAILED);
  gtk_label_set_label (self->error_label,
                       error != NULL ? error : _("The message was not sent."));

  /* A file has no text to edit: its failed bubble offers to remove it. */
  if (mc_message_get_text (self->message) == NULL &&
      g_list_model_get_n_items (mc_message_get_attachments (self->message)) > 0)
    {
      gtk_button_set_label (self->edit_button, _("Re_move"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->edit_button), _("Remove the file that was not sent"));
    }
  else
    {
      gtk_button_set_label (self->edit_button, _("_Edit"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->edit_button), _("Put the text back into the message field"));
    }
}

GtkButton *
mc_message_row_get_edit_button (McMessageRow *self)
{
  g_return_val_if_fail (MC_IS_MESSAGE_ROW (self), NULL);

  return self->edit_button;
}

GtkButton *
mc_message_row_get_retry_button (McMessageRow *self)
{
  g_return_val_if_fail (MC_IS_MESSAGE_ROW (self), NULL);

  return self->retry_button;
}

static void
mc_message_row_clear_attachments (McMessageRow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->attachments_box))) != NULL)
    gtk_box_remove (self->attachments_box, child);
}

/* Marks the search's matches in the text: the colours are set both ways
 * so that they read in a dark style too, and the current match is also
 * underlined, not told by its colour alone. */
static void
mc_message_row_apply_highlight (McMessageRow *self)
{
  const char *text = self->message != NULL ? mc_message_get_text (self->message) : NULL;
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(PangoAttrList) attrs = NULL;

  if (self->highlight == NULL || mc_ui_search_find (text, self->highlight, ranges) == 0)
    {
      gtk_label_set_attributes (self->text_label, NULL);
      return;
    }

  attrs = pango_attr_list_new ();
  for (guint i = 0; i < ranges->len / 2; i++)
    {
      guint start = g_array_index (ranges, guint, 2 * i);
      guint end = g_array_index (ranges, guint, 2 * i + 1);
      gboolean current = (int) i == self->highlight_current;
      PangoAttribute *attr;

      attr = current ? pango_attr_background_new (0xffff, 0x7800, 0)
                     : pango_attr_background_new (0xf600, 0xd300, 0x2d00);
      attr->start_index = start;
      attr->end_index = end;
      pango_attr_list_insert (attrs, attr);

      attr = pango_attr_foreground_new (0, 0, 0);
      attr->start_index = start;
      attr->end_index = end;
      pango_attr_list_insert (attrs, attr);

      if (current)
        {
          attr = pango_attr_underline_new (PANGO_UNDERLINE_DOUBLE);
          attr->start_index = start;
          attr->end_index = end;
          pango_attr_list_insert (attrs, attr);
        }
    }

  gtk_label_set_attributes (self->text_label, attrs);
}

void
mc_message_row_set_highlight (McMessageRow *self,
                              const char   *needle,
                              int           current)
{
  g_return_if_fail (MC_IS_MESSAGE_ROW (self));

  if (g_strcmp0 (self->highlight, needle) == 0 && self->highlight_current == current)
    return;

  g_free (self->highlight);
  self->highlight = g_strdup (needle);
  self->highlight_current = current;
  mc_message_row_apply_highlight (self);
}

GtkLabel *
mc_message_row_get_text_label (McMessageRow *self)
{
  g_return_val_if_fail (MC_IS_MESSAGE_ROW (self), NULL);

  return self->text_label;
}

static void
mc_message_row_update (McMessageRow *self)
{
  McSender sender = mc_message_get_sender (self->message);
  const char *text = mc_message_get_text (self->message);
  GListModel *attachments = mc_message_get_attachments (self->message);
  guint n_attachments = g_list_model_get_n_items (attachments);
  const char *side;
  const char *sender_name = NULL;

  switch (sender)
    {
    case MC_SENDER_PARTNER:
      side = "partner";
      gtk_widget_set_halign (GTK_WIDGET (self->bubble), GTK_ALIGN_END);
      break;

    case MC_SENDER_MARKET:
      side = "system";
      sender_name = _("Market");
      gtk_widget_set_halign (GTK_WIDGET (self->bubble), GTK_ALIGN_CENTER);
      break;

    case MC_SENDER_SUPPORT:
      side = "system";
      sender_name = _("Market support");
      gtk_widget_set_halign (GTK_WIDGET (self->bubble), GTK_ALIGN_CENTER);
      break;

    case MC_SENDER_CUSTOMER:
    case MC_SENDER_UNKNOWN:
    default:
      side = "customer";
      gtk_widget_set_halign (GTK_WIDGET (self->bubble), GTK_ALIGN_START);
      break;
    }

  for (guint i = 0; i < G_N_ELEMENTS (side_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->bubble), side_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->bubble), side);

  gtk_label_set_label (self->sender_label, sender_name != NULL ? sender_name : "");
  gtk_widget_set_visible (GTK_WIDGET (self->sender_label), sender_name != NULL);

  /* Neither text nor files: a sticker or something newer than this app,
   * which the seller cabinet shows. */
  gtk_widget_set_visible (GTK_WIDGET (self->unshown_box),
                          (text == NULL || *text == '\0') && n_attachments == 0);
  /* The target first: a name without its target warns once rooted. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->cabinet_button), "x",
                                    mc_message_get_chat_id (self->message));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cabinet_button), "win.open-in-cabinet");
  gtk_label_set_text (self->text_label, text != NULL ? text : "");
  mc_message_row_apply_highlight (self);
  gtk_widget_set_visible (GTK_WIDGET (self->text_label), text != NULL && *text != '\0');

  mc_message_row_clear_attachments (self);
  for (guint i = 0; i < n_attachments; i++)
    {
      g_autoptr(McAttachment) attachment = g_list_model_get_item (attachments, i);
      GtkWidget *row = mc_attachment_row_new (attachment);

      g_signal_connect_object (row, "open", G_CALLBACK (on_attachment_open), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (row, "save", G_CALLBACK (on_attachment_save), self, G_CONNECT_SWAPPED);
      gtk_box_append (self->attachments_box, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->attachments_box), n_attachments > 0);

  mc_message_row_update_state (self);
}

static void
on_message_notify (McMessageRow *self,
                   GParamSpec   *pspec,
                   McMessage    *message)
{
  if (g_str_equal (pspec->name, "state") || g_str_equal (pspec->name, "error") ||
      g_str_equal (pspec->name, "created-at") || g_str_equal (pspec->name, "from-elsewhere"))
    mc_message_row_update_state (self);
  else
    mc_message_row_update (self);
}

McMessage *
mc_message_row_get_message (McMessageRow *self)
{
  g_return_val_if_fail (MC_IS_MESSAGE_ROW (self), NULL);

  return self->message;
}

void
mc_message_row_set_message (McMessageRow *self,
                            McMessage    *message)
{
  g_return_if_fail (MC_IS_MESSAGE_ROW (self));
  g_return_if_fail (message == NULL || MC_IS_MESSAGE (message));

  if (self->message == message)
    return;

  if (self->message != NULL)
    g_clear_signal_handler (&self->notify_id, self->message);

  g_set_object (&self->message, message);

  if (message != NULL)
    {
      self->notify_id = g_signal_connect_object (message, "notify",
                                                 G_CALLBACK (on_message_notify), self,
                                                 G_CONNECT_SWAPPED);
      mc_message_row_update (self);
    }
  else
    {
      mc_message_row_clear_attachments (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

void
mc_message_row_set_day_label (McMessageRow *self,
                              const char   *label)
{
  g_return_if_fail (MC_IS_MESSAGE_ROW (self));

  gtk_label_set_label (self->day_label, label != NULL ? label : "");
  gtk_widget_set_visible (GTK_WIDGET (self->day_label), label != NULL);
}

void
mc_message_row_set_unread_divider (McMessageRow *self,
                                   gboolean      shown)
{
  g_return_if_fail (MC_IS_MESSAGE_ROW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->unread_divider), shown);
}

gboolean
mc_message_row_get_unread_divider (McMessageRow *self)
{
  g_return_val_if_fail (MC_IS_MESSAGE_ROW (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->unread_divider));
}

gboolean
mc_message_row_get_elsewhere_shown (McMessageRow *self)
{
  g_return_val_if_fail (MC_IS_MESSAGE_ROW (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->elsewhere_label));
}

const char *
mc_message_row_get_day_label (McMessageRow *self)
{
  g_return_val_if_fail (MC_IS_MESSAGE_ROW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->day_label)))
    return NULL;

  return gtk_label_get_label (self->day_label);
}

static void
mc_message_row_dispose (GObject *object)
{
  McMessageRow *self = MC_MESSAGE_ROW (object);

  if (self->message != NULL)
    g_clear_signal_handler (&self->notify_id, self->message);
  g_clear_object (&self->message);
  g_clear_pointer (&self->highlight, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_MESSAGE_ROW);
  mc_ui_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (mc_message_row_parent_class)->dispose (object);
}

static void
mc_message_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  McMessageRow *self = MC_MESSAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      g_value_set_object (value, self->message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_message_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  McMessageRow *self = MC_MESSAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      mc_message_row_set_message (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_message_row_class_init (McMessageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_message_row_dispose;
  object_class->get_property = mc_message_row_get_property;
  object_class->set_property = mc_message_row_set_property;

  properties[PROP_MESSAGE] =
    g_param_spec_object ("message", NULL, NULL,
                         MC_TYPE_MESSAGE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RETRY] = g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[EDIT] = g_signal_new ("edit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[OPEN_ATTACHMENT] = g_signal_new ("open-attachment", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, MC_TYPE_ATTACHMENT);
  signals[SAVE_ATTACHMENT] = g_signal_new ("save-attachment", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, MC_TYPE_ATTACHMENT);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/mc-message-row.ui");
  gtk_widget_class_bind_template_child (widget_class, McMessageRow, day_label);
  gtk_widget_class_bind_template_child (widget_class, McMessageRow, unread_divider);
  gtk_widget_class_bind_template_child (widget_class, McMessageRow, elsewhere_label);
  gtk_widget_class_bind_template_child (widget_class, McMessageRow, bubble);
  gtk_widget_class_bind_template_child (widget_class, McMessageRow, sender_label);
  gtk_widget_class_bind_template_child (widget_class, McMessageRow, text_label);
  gtk_widget_class_bind_template_child (widget_class, McMessageRow, unshown_box);
  gtk_widget_class_bind_template_child (widget_class, McMessageRow, cabinet_button);
  gtk_widget_class_bind_template_child (widget_class, McMessageRow, attachments_box);
  gtk_widget_class_bind_template_child (widget_class, McMessageRow, state_icon);
  gtk_widget_class_bind_template_child (widget_class, McMessageRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, McMessageRow, failed_box);
  gtk_widget_class_bind_template_child (widget_class, McMessageRow, error_label);
  gtk_widget_class_bind_template_child (widget_class, McMessageRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, McMessageRow, retry_button);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mc_message_row_init (McMessageRow *self)
{
  self->highlight_current = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
}
