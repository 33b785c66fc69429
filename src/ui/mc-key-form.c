/* mc-key-form.c: the form that checks an API key and adds its cabinet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-cabinet.h"
#include "mc-error.h"
#include "mc-key-form.h"
#include "mc-ui.h"

struct _McKeyForm
{
  GtkWidget         parent_instance;

  McSession        *session;
  GCancellable     *cancellable;
  char             *default_label;

  AdwPreferencesGroup *group;
  AdwPasswordEntryRow *key_row;
  AdwEntryRow      *name_row;
  GtkLabel         *error_label;
  GtkLabel         *note_label;
  GtkButton        *cancel_button;
  GtkButton        *connect_button;
  GtkSpinner       *spinner;
};

G_DEFINE_FINAL_TYPE (McKeyForm, mc_key_form, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_BUSY,
  PROP_HAS_ERROR,
  N_PROPS
};

enum {
  CONNECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Volatile stores, so clearing a copy of the key right before it is freed
 * is not optimised away (explicit_bzero() is not in strict C11). */
static void
wipe_string (char *str)
{
  volatile char *p;

  if (str == NULL)
    return;

  for (p = str; *p != '\0'; p++)
    *p = '\0';
}

static void
wipe_and_free (char *str)
{
  wipe_string (str);
  g_free (str);
}

typedef char McSecretString;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McSecretString, wipe_and_free)

const char *
mc_key_form_read_only_note (void)
{
  return _("This key can only read chats: replying is disabled. Make a key with "
           "the “Customer communication” scope to answer customers.");
}

GtkWidget *
mc_key_form_new (McSession *session)
{
  g_return_val_if_fail (session == NULL || MC_IS_SESSION (session), NULL);

  return g_object_new (MC_TYPE_KEY_FORM,
                       "session", session,
                       NULL);
}

static gboolean
mc_key_form_label_in_use (McKeyForm  *self,
                          const char *label)
{
  GListModel *cabinets = mc_session_get_cabinets (self->session);
  guint n = g_list_model_get_n_items (cabinets);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(McCabinet) cabinet = g_list_model_get_item (cabinets, i);

      if (g_strcmp0 (mc_cabinet_get_label (cabinet), label) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The keyring keeps one key per name, so the name offered never replaces a
 * cabinet already there by accident. */
static char *
mc_key_form_dup_free_label (McKeyForm *self)
{
  char *label = g_strdup (_("My cabinet"));

  for (guint i = 2; self->session != NULL && mc_key_form_label_in_use (self, label); i++)
    {
      g_free (label);
      /* Translators: the name offered for another cabinet, e.g. "Cabinet 2". */
      label = g_strdup_printf (_("Cabinet %u"), i);
    }

  return label;
}

/* Offers a free name unless the seller typed one of their own. */
static void
mc_key_form_update_default_label (McKeyForm *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  g_autofree char *label = mc_key_form_dup_free_label (self);

  if (*text == '\0' || g_strcmp0 (text, self->default_label) == 0)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), label);

  g_free (self->default_label);
  self->default_label = g_steal_pointer (&label);
}

static void
mc_key_form_set_busy (McKeyForm *self,
                      gboolean   busy)
{
  if (busy == mc_key_form_get_busy (self))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);

  /* The focus moves before its widget turns insensitive, so the keyboard
   * can reach Cancel at once. */
  if (busy)
    gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));

  gtk_widget_set_sensitive (GTK_WIDGET (self->group), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), !busy);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

gboolean
mc_key_form_get_has_error (McKeyForm *self)
{
  g_return_val_if_fail (MC_IS_KEY_FORM (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label));
}

static void
mc_key_form_show_error (McKeyForm  *self,
                        const char *text)
{
  gboolean had_error = mc_key_form_get_has_error (self);

  gtk_label_set_text (self->error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);

  if (had_error != (text != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ERROR]);
}

static void
mc_key_form_added_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(McKeyForm) self = user_data;
  g_autoptr(McCabinet) cabinet = NULL;
  g_autoptr(GError) error = NULL;

  cabinet = mc_session_add_cabinet_finish (MC_SESSION (object), result, &error);

  /* Cancel already gave the inputs back; a disposed form shows nothing. */
  if (mc_error_is_cancelled (error) ||
      self->session == NULL)
    return;

  g_clear_object (&self->cancellable);
  mc_key_form_set_busy (self, FALSE);

  if (cabinet == NULL)
    {
      g_autofree char *text = NULL;
      const char *not_accepted = _("The Market does not accept this API key. Check that it "
                                   "was copied whole, or create a new key in your seller cabinet.");

      /* The general words ("not accepted, check it in Preferences") fit
       * a key that stopped working; here the seller has just pasted it.
       * The Market's own words stay, for its support. */
      if (mc_error_is_unauthorized (error) &&
          error->message != NULL && *error->message != '\0')
        text = g_strdup_printf (_("%s (%s)"), not_accepted, error->message);
      else if (mc_error_is_unauthorized (error))
        text = g_strdup (not_accepted);
      else
        text = mc_error_describe (error);

      mc_key_form_show_error (self, text);
      gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  mc_key_form_show_error (self, NULL);
  gtk_label_set_text (self->note_label, mc_key_form_read_only_note ());
  gtk_widget_set_visible (GTK_WIDGET (self->note_label),
                          !mc_cabinet_get_can_send (cabinet));
  mc_key_form_update_default_label (self);

  g_signal_emit (self, signals[CONNECTED], 0, cabinet);
}

void
mc_key_form_submit (McKeyForm *self)
{
  g_autoptr(McSecretString) token = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (MC_IS_KEY_FORM (self));
  g_return_if_fail (self->session != NULL);

  if (mc_key_form_get_busy (self))
    return;

  /* Keys are pasted from a web page, often with a space or line break. */
  token = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_row))));
  label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  gtk_widget_set_visible (GTK_WIDGET (self->note_label), FALSE);

  if (*token == '\0')
    {
      mc_key_form_show_error (self, _("Paste the API key from your seller cabinet."));
      gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
      return;
    }

  /* Keys have no blanks: one inside means a key copied in pieces or with
   * something else, which the Market would refuse as a program error. */
  for (const char *p = token; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
        {
          mc_key_form_show_error (self, _("An API key has no spaces, but this one has a space or "
                                          "a line break inside. Copy the key again from your "
                                          "seller cabinet, in one piece, and paste it here."));
          gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
          return;
        }
    }

  if (*label == '\0')
    {
      mc_key_form_show_error (self, _("Give the cabinet a name."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  mc_key_form_show_error (self, NULL);
  self->cancellable = g_cancellable_new ();
  mc_key_form_set_busy (self, TRUE);

  mc_session_add_cabinet_async (self->session,
                                MC_AUTH_KIND_API_KEY,
                                label,
                                token,
                                self->cancellable,
                                mc_key_form_added_cb,
                                g_object_ref (self));
}

void
mc_key_form_cancel (McKeyForm *self)
{
  g_return_if_fail (MC_IS_KEY_FORM (self));

  if (self->cancellable == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  mc_key_form_set_busy (self, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
}

gboolean
mc_key_form_get_busy (McKeyForm *self)
{
  g_return_val_if_fail (MC_IS_KEY_FORM (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->cancel_button));
}

McSession *
mc_key_form_get_session (McKeyForm *self)
{
  g_return_val_if_fail (MC_IS_KEY_FORM (self), NULL);

  return self->session;
}

void
mc_key_form_set_session (McKeyForm *self,
                         McSession *session)
{
  g_return_if_fail (MC_IS_KEY_FORM (self));
  g_return_if_fail (session == NULL || MC_IS_SESSION (session));

  if (self->session == session)
    return;

  mc_key_form_cancel (self);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (mc_session_get_cabinets (self->session), self);

  g_set_object (&self->session, session);

  if (session != NULL)
    g_signal_connect_object (mc_session_get_cabinets (session), "items-changed",
                             G_CALLBACK (mc_key_form_update_default_label), self,
                             G_CONNECT_SWAPPED);

  mc_key_form_update_default_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
on_entry_activated (McKeyForm *self)
{
  mc_key_form_submit (self);
}

static gboolean
mc_key_form_grab_focus (GtkWidget *widget)
{
  McKeyForm *self = MC_KEY_FORM (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
}

/* A form taken off screen (its dialog closed, or the welcome page left)
 * gives up a check still running: the seller no longer asks for it, and
 * the check holds the form alive, so dispose alone would come too late. */
static void
mc_key_form_unroot (GtkWidget *widget)
{
  McKeyForm *self = MC_KEY_FORM (widget);

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      mc_key_form_set_busy (self, FALSE);
    }

  GTK_WIDGET_CLASS (mc_key_form_parent_class)->unroot (widget);
}

static void
mc_key_form_dispose (GObject *object)
{
  McKeyForm *self = MC_KEY_FORM (object);
  GtkWidget *child;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (mc_session_get_cabinets (self->session), self);
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_KEY_FORM);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (mc_key_form_parent_class)->dispose (object);
}

static void
mc_key_form_finalize (GObject *object)
{
  McKeyForm *self = MC_KEY_FORM (object);

  g_free (self->default_label);

  G_OBJECT_CLASS (mc_key_form_parent_class)->finalize (object);
}

static void
mc_key_form_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  McKeyForm *self = MC_KEY_FORM (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, mc_key_form_get_busy (self));
      break;

    case PROP_HAS_ERROR:
      g_value_set_boolean (value, mc_key_form_get_has_error (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_key_form_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  McKeyForm *self = MC_KEY_FORM (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      mc_key_form_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_key_form_class_init (McKeyFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_key_form_dispose;
  object_class->finalize = mc_key_form_finalize;
  object_class->get_property = mc_key_form_get_property;
  object_class->set_property = mc_key_form_set_property;

  widget_class->grab_focus = mc_key_form_grab_focus;
  widget_class->unroot = mc_key_form_unroot;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_ERROR] =
    g_param_spec_boolean ("has-error", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CONNECTED] =
    g_signal_new ("connected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MC_TYPE_CABINET);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/mc-key-form.ui");
  gtk_widget_class_bind_template_child (widget_class, McKeyForm, group);
  gtk_widget_class_bind_template_child (widget_class, McKeyForm, key_row);
  gtk_widget_class_bind_template_child (widget_class, McKeyForm, name_row);
  gtk_widget_class_bind_template_child (widget_class, McKeyForm, error_label);
  gtk_widget_class_bind_template_child (widget_class, McKeyForm, note_label);
  gtk_widget_class_bind_template_child (widget_class, McKeyForm, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, McKeyForm, connect_button);
  gtk_widget_class_bind_template_child (widget_class, McKeyForm, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, mc_key_form_submit);
  gtk_widget_class_bind_template_callback (widget_class, mc_key_form_cancel);
}

static void
mc_key_form_init (McKeyForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mc_key_form_update_default_label (self);
}
