/* mc-preferences-window.c: settings bound to GSettings, and the cabinets
 * of the session.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-add-cabinet-dialog.h"
#include "mc-cabinet-row.h"
#include "mc-error.h"
#include "mc-preferences-window.h"
#include "mc-templates-page.h"
#include "mc-quiet-hours.h"
#include "mc-ui.h"
#include "mc-working-hours-row.h"

struct _McPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  McSession            *session;
  GCancellable         *cancellable;

  GtkListBox           *cabinets_list;
  GtkButton            *add_cabinet_button;
  GtkSpinButton        *poll_interval_spin;
  GtkSpinButton        *budget_spin;
  GtkSpinButton        *reply_target_spin;
  GtkListBox           *working_hours_list;
  GtkSwitch            *background_switch;
  GtkSwitch            *notify_chats_switch;
  GtkSwitch            *notify_messages_switch;
  AdwExpanderRow       *quiet_hours_row;
  GtkSpinButton        *quiet_start_spin;
  GtkSpinButton        *quiet_end_spin;
};

G_DEFINE_FINAL_TYPE (McPreferencesWindow, mc_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWindow *
mc_preferences_window_new (GSettings *settings,
                           McSession *session)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (MC_IS_SESSION (session), NULL);

  return g_object_new (MC_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       "session", session,
                       NULL);
}

static void
mc_preferences_window_removed_cb (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(McPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (mc_session_remove_cabinet_finish (MC_SESSION (object), result, &error) ||
      mc_error_is_cancelled (error))
    return;

  text = mc_error_describe (error);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), mc_ui_toast_watch (mc_ui_plain_toast_new (text)));
}

static void
on_remove_response (McPreferencesWindow *self,
                    const char          *response,
                    AdwMessageDialog    *dialog)
{
  McCabinet *cabinet = g_object_get_data (G_OBJECT (dialog), "mc-cabinet");

  if (g_strcmp0 (response, "remove") != 0)
    return;

  mc_session_remove_cabinet_async (self->session, cabinet, self->cancellable,
                                   mc_preferences_window_removed_cb,
                                   g_object_ref (self));
}

static void
on_remove_requested (McPreferencesWindow *self,
                     McCabinetRow        *row)
{
  McCabinet *cabinet = mc_cabinet_row_get_cabinet (row);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Remove Cabinet?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Remove cabinet “%s”? Its key is deleted from the "
                                    "keyring and its saved chats from this computer."),
                                  mc_cabinet_get_label (cabinet));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "mc-cabinet",
                          g_object_ref (cabinet), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
mc_preferences_window_create_cabinet_row (gpointer item,
                                          gpointer user_data)
{
  McPreferencesWindow *self = user_data;
  GtkWidget *row = mc_cabinet_row_new (item);

  g_signal_connect_object (row, "remove-requested", G_CALLBACK (on_remove_requested),
                           self, G_CONNECT_SWAPPED);

  return row;
}

/* A cabinet's hours go into "working-hours" under its business id; every
 * minute counting is no entry at all. */
static void
on_working_hours_changed (McPreferencesWindow *self,
                          GParamSpec          *pspec,
                          McWorkingHoursRow   *row)
{
  g_autoptr(GVariant) old = g_settings_get_value (self->settings, "working-hours");
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, mc_working_hours_row_get_business_id (row));
  const char *hours = mc_working_hours_row_get_hours (row);
  GVariantBuilder builder;
  GVariantIter iter;
  const char *k, *v;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&s&s}", &k, &v))
    if (!g_str_equal (k, key))
      g_variant_builder_add (&builder, "{ss}", k, v);
  if (g_strcmp0 (hours, "always") != 0)
    g_variant_builder_add (&builder, "{ss}", key, hours);
  g_settings_set_value (self->settings, "working-hours", g_variant_builder_end (&builder));
}

static GtkWidget *
mc_preferences_window_create_hours_row (gpointer item,
                                        gpointer user_data)
{
  McPreferencesWindow *self = user_data;
  McCabinet *cabinet = item;
  g_autoptr(GVariant) table = g_settings_get_value (self->settings, "working-hours");
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, mc_cabinet_get_business_id (cabinet));
  const char *hours = NULL;
  const char *title = mc_cabinet_get_business_name (cabinet);
  GtkWidget *row;

  g_variant_lookup (table, key, "&s", &hours);
  if (title == NULL || *title == '\0')
    title = mc_cabinet_get_label (cabinet);
  row = mc_working_hours_row_new (mc_cabinet_get_business_id (cabinet), title, hours);
  g_signal_connect_object (row, "notify::hours", G_CALLBACK (on_working_hours_changed),
                           self, G_CONNECT_SWAPPED);

  return row;
}

static void
on_add_cabinet_clicked (McPreferencesWindow *self)
{
  gtk_window_present (mc_add_cabinet_dialog_new (self->session, GTK_WINDOW (self)));
}

static void
mc_preferences_window_constructed (GObject *object)
{
  McPreferencesWindow *self = MC_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (mc_preferences_window_parent_class)->constructed (object);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (mc_templates_page_new (self->session)));

  gtk_list_box_bind_model (self->cabinets_list,
                           mc_session_get_cabinets (self->session),
                           mc_preferences_window_create_cabinet_row,
                           self, NULL);
  /* The demo's cabinets are made up; a real key cannot join them. */
  g_object_bind_property (self->session, "demo",
                          self->add_cabinet_button, "sensitive",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);

  g_settings_bind (self->settings, "poll-interval",
                   gtk_spin_button_get_adjustment (self->poll_interval_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "reply-target-minutes",
                   gtk_spin_button_get_adjustment (self->reply_target_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  gtk_list_box_bind_model (self->working_hours_list,
                           mc_session_get_cabinets (self->session),
                           mc_preferences_window_create_hours_row,
                           self, NULL);
  g_settings_bind (self->settings, "idle-budget-percent",
                   gtk_spin_button_get_adjustment (self->budget_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "run-in-background",
                   self->background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notify-new-chats",
                   self->notify_chats_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notify-new-messages",
                   self->notify_messages_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "quiet-hours",
                   self->quiet_hours_row, "enable-expansion",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "quiet-hours-start",
                   gtk_spin_button_get_adjustment (self->quiet_start_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "quiet-hours-end",
                   gtk_spin_button_get_adjustment (self->quiet_end_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
}

/* The quiet hours' spin buttons count minutes after midnight and show
 * them as "22:00". */
static int
on_time_input (GtkSpinButton *spin,
               double        *new_value)
{
  guint minute;

  if (!mc_quiet_hours_parse (gtk_editable_get_text (GTK_EDITABLE (spin)), &minute))
    return GTK_INPUT_ERROR;

  *new_value = minute;
  return TRUE;
}

static gboolean
on_time_output (GtkSpinButton *spin)
{
  g_autofree char *text = mc_quiet_hours_format ((guint) gtk_spin_button_get_value (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static void
mc_preferences_window_dispose (GObject *object)
{
  McPreferencesWindow *self = MC_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  /* The lists may outlive the window a while; the session's cabinets
   * must not call back into it then. */
  if (self->cabinets_list != NULL)
    gtk_list_box_bind_model (self->cabinets_list, NULL, NULL, NULL, NULL);
  if (self->working_hours_list != NULL)
    gtk_list_box_bind_model (self->working_hours_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mc_preferences_window_parent_class)->dispose (object);
}

static void
mc_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  McPreferencesWindow *self = MC_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  McPreferencesWindow *self = MC_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_preferences_window_class_init (McPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mc_preferences_window_constructed;
  object_class->dispose = mc_preferences_window_dispose;
  object_class->get_property = mc_preferences_window_get_property;
  object_class->set_property = mc_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/mc-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, cabinets_list);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, add_cabinet_button);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, poll_interval_spin);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, budget_spin);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, reply_target_spin);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, working_hours_list);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, notify_chats_switch);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, notify_messages_switch);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, quiet_hours_row);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, quiet_start_spin);
  gtk_widget_class_bind_template_child (widget_class, McPreferencesWindow, quiet_end_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_time_input);
  gtk_widget_class_bind_template_callback (widget_class, on_time_output);
  gtk_widget_class_bind_template_callback (widget_class, on_add_cabinet_clicked);
}

static void
mc_preferences_window_init (McPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
