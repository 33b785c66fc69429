/* mc-attachment-row.c: a file in a message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-attachment-row.h"
#include "mc-ui.h"
#include "mc-ui-util.h"

struct _McAttachmentRow
{
  GtkWidget     parent_instance;

  McAttachment *attachment;

  GtkImage     *icon;
  GtkLabel     *name_label;
  GtkLabel     *size_label;
  GtkWidget    *open_button;
  GtkWidget    *save_button;
};

G_DEFINE_FINAL_TYPE (McAttachmentRow, mc_attachment_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ATTACHMENT,
  N_PROPS
};

enum {
  OPEN,
  SAVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
mc_attachment_row_new (McAttachment *attachment)
{
  g_return_val_if_fail (MC_IS_ATTACHMENT (attachment), NULL);

  return g_object_new (MC_TYPE_ATTACHMENT_ROW,
                       "attachment", attachment,
                       NULL);
}

McAttachment *
mc_attachment_row_get_attachment (McAttachmentRow *self)
{
  g_return_val_if_fail (MC_IS_ATTACHMENT_ROW (self), NULL);

  return self->attachment;
}

static void
on_open_clicked (McAttachmentRow *self)
{
  g_signal_emit (self, signals[OPEN], 0);
}

static void
on_save_clicked (McAttachmentRow *self)
{
  g_signal_emit (self, signals[SAVE], 0);
}

static void
mc_attachment_row_constructed (GObject *object)
{
  McAttachmentRow *self = MC_ATTACHMENT_ROW (object);
  const char *name = mc_attachment_get_name (self->attachment);
  g_autofree char *content_type = NULL;
  g_autofree char *size = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(GIcon) icon = NULL;

  G_OBJECT_CLASS (mc_attachment_row_parent_class)->constructed (object);

  if (name == NULL || *name == '\0')
    name = _("Attachment");

  /* Only the name is known before downloading, so the type is a guess. */
  content_type = g_content_type_guess (name, NULL, 0, NULL);
  icon = g_content_type_get_symbolic_icon (content_type);
  gtk_image_set_from_gicon (self->icon, icon);

  /* A file being sent has no URL yet: nothing to fetch. */
  gtk_widget_set_visible (self->open_button, mc_attachment_get_url (self->attachment) != NULL);
  gtk_widget_set_visible (self->save_button, mc_attachment_get_url (self->attachment) != NULL);

  /* A right-to-left override can make "Invoice_fdp.desktop" read as a PDF:
   * the seller sees every such character for what it is. */
  shown = mc_ui_format_visible_name (name);
  gtk_label_set_label (self->name_label, shown);
  size = g_format_size (MAX (mc_attachment_get_size (self->attachment), 0));
  gtk_label_set_label (self->size_label, size);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, shown,
                                  -1);
}

static void
mc_attachment_row_dispose (GObject *object)
{
  McAttachmentRow *self = MC_ATTACHMENT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_ATTACHMENT_ROW);
  mc_ui_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->attachment);

  G_OBJECT_CLASS (mc_attachment_row_parent_class)->dispose (object);
}

static void
mc_attachment_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  McAttachmentRow *self = MC_ATTACHMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_ATTACHMENT:
      g_value_set_object (value, self->attachment);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_attachment_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  McAttachmentRow *self = MC_ATTACHMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_ATTACHMENT:
      self->attachment = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_attachment_row_class_init (McAttachmentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mc_attachment_row_constructed;
  object_class->dispose = mc_attachment_row_dispose;
  object_class->get_property = mc_attachment_row_get_property;
  object_class->set_property = mc_attachment_row_set_property;

  properties[PROP_ATTACHMENT] =
    g_param_spec_object ("attachment", NULL, NULL,
                         MC_TYPE_ATTACHMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/mc-attachment-row.ui");
  gtk_widget_class_bind_template_child (widget_class, McAttachmentRow, icon);
  gtk_widget_class_bind_template_child (widget_class, McAttachmentRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, McAttachmentRow, size_label);
  gtk_widget_class_bind_template_child (widget_class, McAttachmentRow, open_button);
  gtk_widget_class_bind_template_child (widget_class, McAttachmentRow, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mc_attachment_row_init (McAttachmentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
