/* mc-welcome-page.c: the first start, and the keyring that could not be
 * reached.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-cabinet.h"
#include "mc-error.h"
#include "mc-key-form.h"
#include "mc-ui.h"
#include "mc-welcome-page.h"

struct _McWelcomePage
{
  AdwBin          parent_instance;

  McSession      *session;

  AdwStatusPage  *status_page;
  McKeyForm      *key_form;
  GtkButton      *try_again_button;
  GtkButton      *demo_button;
  GtkLabel       *demo_error_label;
};

G_DEFINE_FINAL_TYPE (McWelcomePage, mc_welcome_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
mc_welcome_page_new (McSession *session)
{
  g_return_val_if_fail (MC_IS_SESSION (session), NULL);

  return g_object_new (MC_TYPE_WELCOME_PAGE,
                       "session", session,
                       NULL);
}

McSession *
mc_welcome_page_get_session (McWelcomePage *self)
{
  g_return_val_if_fail (MC_IS_WELCOME_PAGE (self), NULL);

  return self->session;
}

static void
mc_welcome_page_update (McWelcomePage *self)
{
  McSessionState state = mc_session_get_state (self->session);
  const GError *error = mc_session_get_error (self->session);
  gboolean failed = state == MC_SESSION_STATE_KEYRING_ERROR;

  gtk_widget_set_visible (GTK_WIDGET (self->key_form), !failed);
  gtk_widget_set_visible (GTK_WIDGET (self->try_again_button),
                          failed && !mc_session_get_demo (self->session));

  /* Room for an error under the key, with Connect, on a small screen: the
   * large icon goes while one is shown. */
  if (!failed && mc_key_form_get_has_error (self->key_form))
    gtk_widget_add_css_class (GTK_WIDGET (self->status_page), "compact");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_page), "compact");

  if (!failed)
    {
      adw_status_page_set_icon_name (self->status_page,
                                     mc_key_form_get_has_error (self->key_form) ? NULL : BASE_ID);
      adw_status_page_set_title (self->status_page, _("Welcome to Market Chats"));
      adw_status_page_set_description (self->status_page,
                                       _("Read and answer the customer chats of all your "
                                         "Yandex Market stores, and know the moment a "
                                         "customer writes."));
    }
  else
    {
      g_autofree char *text = NULL;

      /* The session stops here also for an API address it may not use,
       * which the keyring has nothing to do with. */
      if (error == NULL || mc_error_is_keyring (error))
        {
          adw_status_page_set_icon_name (self->status_page, "dialog-password-symbolic");
          adw_status_page_set_title (self->status_page, _("The keyring is not available"));
        }
      else
        {
          adw_status_page_set_icon_name (self->status_page, "dialog-warning-symbolic");
          adw_status_page_set_title (self->status_page, _("Market Chats cannot start"));
        }

      if (error != NULL)
        text = mc_error_describe (error);
      else
        text = g_strdup (_("The system keyring, where the API keys are kept, did not answer."));
      mc_ui_status_page_set_plain_description (self->status_page, text);
    }
}

static void
on_connected (McWelcomePage *self,
              McCabinet     *cabinet)
{
  /* The window leaves this page as soon as the session is ready, so the
   * note the form shows must also reach the window. */
  if (!mc_cabinet_get_can_send (cabinet))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s",
                                mc_key_form_read_only_note ());
}

static void
on_try_again_clicked (McWelcomePage *self)
{
  mc_session_load (self->session);
}

static void
on_demo_clicked (McWelcomePage *self)
{
  g_autoptr(GError) error = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->demo_error_label), FALSE);

  if (mc_session_get_demo (self->session))
    return;

  if (!mc_session_start_demo (self->session, &error))
    {
      g_autofree char *text = mc_error_describe (error);
      g_autofree char *sentence = g_strdup_printf (_("The demo could not start: %s"), text);

      gtk_label_set_text (self->demo_error_label, sentence);
      gtk_widget_set_visible (GTK_WIDGET (self->demo_error_label), TRUE);
    }
}

static void
mc_welcome_page_constructed (GObject *object)
{
  McWelcomePage *self = MC_WELCOME_PAGE (object);

  G_OBJECT_CLASS (mc_welcome_page_parent_class)->constructed (object);

  mc_key_form_set_session (self->key_form, self->session);
  g_signal_connect_object (self->session, "notify::state",
                           G_CALLBACK (mc_welcome_page_update), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::error",
                           G_CALLBACK (mc_welcome_page_update), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->key_form, "notify::has-error",
                           G_CALLBACK (mc_welcome_page_update), self,
                           G_CONNECT_SWAPPED);
  mc_welcome_page_update (self);
}

static gboolean
mc_welcome_page_grab_focus (GtkWidget *widget)
{
  McWelcomePage *self = MC_WELCOME_PAGE (widget);

  if (gtk_widget_get_visible (GTK_WIDGET (self->key_form)))
    return gtk_widget_grab_focus (GTK_WIDGET (self->key_form));

  return gtk_widget_grab_focus (GTK_WIDGET (self->try_again_button));
}

static void
mc_welcome_page_dispose (GObject *object)
{
  McWelcomePage *self = MC_WELCOME_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_WELCOME_PAGE);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mc_welcome_page_parent_class)->dispose (object);
}

static void
mc_welcome_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  McWelcomePage *self = MC_WELCOME_PAGE (object);

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
mc_welcome_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  McWelcomePage *self = MC_WELCOME_PAGE (object);

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
mc_welcome_page_class_init (McWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mc_welcome_page_constructed;
  object_class->dispose = mc_welcome_page_dispose;
  object_class->get_property = mc_welcome_page_get_property;
  object_class->set_property = mc_welcome_page_set_property;

  widget_class->grab_focus = mc_welcome_page_grab_focus;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MC_TYPE_KEY_FORM);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/mc-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, McWelcomePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, McWelcomePage, key_form);
  gtk_widget_class_bind_template_child (widget_class, McWelcomePage, try_again_button);
  gtk_widget_class_bind_template_child (widget_class, McWelcomePage, demo_button);
  gtk_widget_class_bind_template_child (widget_class, McWelcomePage, demo_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_connected);
  gtk_widget_class_bind_template_callback (widget_class, on_try_again_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_demo_clicked);
}

static void
mc_welcome_page_init (McWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
