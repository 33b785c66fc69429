/* mc-add-cabinet-dialog.c: adds another cabinet with the key form.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-add-cabinet-dialog.h"
#include "mc-cabinet.h"
#include "mc-key-form.h"
#include "mc-ui.h"

struct _McAddCabinetDialog
{
  AdwWindow   parent_instance;

  McSession  *session;

  McKeyForm  *key_form;
};

G_DEFINE_FINAL_TYPE (McAddCabinetDialog, mc_add_cabinet_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWindow *
mc_add_cabinet_dialog_new (McSession *session,
                           GtkWindow *parent)
{
  g_return_val_if_fail (MC_IS_SESSION (session), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (MC_TYPE_ADD_CABINET_DIALOG,
                       "session", session,
                       "transient-for", parent,
                       NULL);
}

McSession *
mc_add_cabinet_dialog_get_session (McAddCabinetDialog *self)
{
  g_return_val_if_fail (MC_IS_ADD_CABINET_DIALOG (self), NULL);

  return self->session;
}

/* TRUE when the window this dialog belongs to showed @text. */
static gboolean
mc_add_cabinet_dialog_toast_parent (McAddCabinetDialog *self,
                                    const char         *text)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  AdwToast *toast;

  if (parent == NULL)
    return FALSE;

  if (ADW_IS_PREFERENCES_WINDOW (parent))
    {
      toast = mc_ui_plain_toast_new (text);
      adw_toast_set_timeout (toast, 10);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (parent), mc_ui_toast_watch (toast));
      return TRUE;
    }

  return gtk_widget_activate_action (GTK_WIDGET (parent), "win.toast", "s", text);
}

static void
on_connected (McAddCabinetDialog *self,
              McCabinet          *cabinet)
{
  g_autofree char *added = NULL;

  if (!mc_cabinet_get_can_send (cabinet))
    {
      /* The form shows the note; the dialog stays until it is read. */
      if (mc_add_cabinet_dialog_toast_parent (self, mc_key_form_read_only_note ()))
        gtk_window_close (GTK_WINDOW (self));
      return;
    }

  added = g_strdup_printf (_("Cabinet “%s” added"), mc_cabinet_get_label (cabinet));
  mc_add_cabinet_dialog_toast_parent (self, added);
  gtk_window_close (GTK_WINDOW (self));
}

static void
mc_add_cabinet_dialog_constructed (GObject *object)
{
  McAddCabinetDialog *self = MC_ADD_CABINET_DIALOG (object);

  G_OBJECT_CLASS (mc_add_cabinet_dialog_parent_class)->constructed (object);

  mc_key_form_set_session (self->key_form, self->session);
  gtk_widget_grab_focus (GTK_WIDGET (self->key_form));
}

static void
mc_add_cabinet_dialog_dispose (GObject *object)
{
  McAddCabinetDialog *self = MC_ADD_CABINET_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_ADD_CABINET_DIALOG);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mc_add_cabinet_dialog_parent_class)->dispose (object);
}

static void
mc_add_cabinet_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  McAddCabinetDialog *self = MC_ADD_CABINET_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_add_cabinet_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  McAddCabinetDialog *self = MC_ADD_CABINET_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_add_cabinet_dialog_class_init (McAddCabinetDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mc_add_cabinet_dialog_constructed;
  object_class->dispose = mc_add_cabinet_dialog_dispose;
  object_class->get_property = mc_add_cabinet_dialog_get_property;
  object_class->set_property = mc_add_cabinet_dialog_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  g_type_ensure (MC_TYPE_KEY_FORM);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/mc-add-cabinet-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, McAddCabinetDialog, key_form);
  gtk_widget_class_bind_template_callback (widget_class, on_connected);
}

static void
mc_add_cabinet_dialog_init (McAddCabinetDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
