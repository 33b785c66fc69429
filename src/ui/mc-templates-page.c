/* mc-templates-page.c: the reply templates in Preferences.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-cabinet.h"
#include "mc-error.h"
#include "mc-sidebar-item.h"
#include "mc-sidebar-model.h"
#include "mc-template-dialog.h"
#include "mc-template-store.h"
#include "mc-templates-page.h"
#include "mc-ui.h"

#define EXPORT_NAME "market-chats-templates.json"

struct _McTemplatesPage
{
  AdwPreferencesPage    parent_instance;

  McSession            *session;
  McTemplateStore      *store;
  /* The last template deleted, until its toast is gone. */
  McTemplate           *deleted;
  AdwToast             *undo_toast;
  char                 *last_toast;

  GtkFileChooserNative *chooser;

  GtkListBox           *list_box;
  GtkLabel             *placeholder_label;
};

G_DEFINE_FINAL_TYPE (McTemplatesPage, mc_templates_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
mc_templates_page_new (McSession *session)
{
  g_return_val_if_fail (MC_IS_SESSION (session), NULL);

  return g_object_new (MC_TYPE_TEMPLATES_PAGE, "session", session, NULL);
}

static GtkWindow *
get_window (McTemplatesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Toasts go to the Preferences window the page is in; FALSE when it is
 * in none (the toast is dropped). */
static gboolean
show_toast (McTemplatesPage *self,
            AdwToast        *toast)
{
  GtkWindow *window = get_window (self);

  g_free (self->last_toast);
  self->last_toast = g_strdup (adw_toast_get_title (toast));

  if (ADW_IS_PREFERENCES_WINDOW (window))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), mc_ui_toast_watch (toast));
      return TRUE;
    }

  g_object_unref (g_object_ref_sink (toast));
  return FALSE;
}

static void
show_message (McTemplatesPage *self,
              const char      *message)
{
  show_toast (self, mc_ui_plain_toast_new (message));
}

/* "All cabinets · Store · Keyword: hi" */
static char *
describe_scope (McTemplatesPage *self,
                McTemplate      *template)
{
  GListModel *cabinets = mc_session_get_cabinets (self->session);
  gint64 business_id = mc_template_get_business_id (template);
  gint64 campaign_id = mc_template_get_campaign_id (template);
  const char *keyword = mc_template_get_keyword (template);
  g_autoptr(GString) scope = g_string_new (NULL);

  if (business_id == 0)
    g_string_append (scope, _("All cabinets"));
  else
    {
      const char *label = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (cabinets) && label == NULL; i++)
        {
          g_autoptr(McCabinet) cabinet = g_list_model_get_item (cabinets, i);

          if (mc_cabinet_get_business_id (cabinet) == business_id)
            label = mc_cabinet_get_label (cabinet);
        }

      if (label != NULL)
        g_string_append (scope, label);
      else
        g_string_append_printf (scope, _("Cabinet %lld"), (long long) business_id);
    }

  if (campaign_id != 0)
    {
      McSidebarItem *item = mc_sidebar_model_find_campaign (mc_session_get_stores (self->session),
                                                            campaign_id);

      g_string_append (scope, " · ");
      if (item != NULL)
        g_string_append (scope, mc_sidebar_item_get_title (item));
      else
        g_string_append_printf (scope, _("Store %lld"), (long long) campaign_id);
    }

  if (keyword != NULL)
    {
      g_string_append (scope, " · ");
      /* Translators: a template's keyword shortcut, in the list of templates */
      g_string_append_printf (scope, _("Keyword: %s"), keyword);
    }

  return g_string_free (g_steal_pointer (&scope), FALSE);
}

static void
on_edit_clicked (McTemplatesPage *self,
                 GtkButton       *button)
{
  mc_templates_page_edit (self, g_object_get_data (G_OBJECT (button), "mc-template"));
}

static void
on_delete_clicked (McTemplatesPage *self,
                   GtkButton       *button)
{
  mc_templates_page_delete (self, g_object_get_data (G_OBJECT (button), "mc-template"));
}

static void
on_row_activated (McTemplatesPage *self,
                  AdwActionRow    *row)
{
  mc_templates_page_edit (self, g_object_get_data (G_OBJECT (row), "mc-template"));
}

/* A screen reader names the button alone: its label says which template. */
static GtkWidget *
icon_button (const char *icon_name,
             const char *tooltip,
             const char *label,
             McTemplate *template)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "mc-template", g_object_ref (template), g_object_unref);

  return button;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  McTemplatesPage *self = user_data;
  McTemplate *template = item;
  g_autofree char *scope = describe_scope (self, template);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *edit_label = g_strdup_printf (_("Edit template “%s”"), mc_template_get_title (template));
  g_autofree char *delete_label = g_strdup_printf (_("Delete template “%s”"), mc_template_get_title (template));
  GtkWidget *edit, *delete;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mc_template_get_title (template));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), scope);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "mc-template", g_object_ref (template), g_object_unref);
  g_signal_connect_object (row, "activated", G_CALLBACK (on_row_activated), self, G_CONNECT_SWAPPED);

  edit = icon_button ("document-edit-symbolic", _("Edit Template"), edit_label, template);
  g_signal_connect_object (edit, "clicked", G_CALLBACK (on_edit_clicked), self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);

  delete = icon_button ("user-trash-symbolic", _("Delete Template"), delete_label, template);
  gtk_widget_add_css_class (delete, "error");
  g_signal_connect_object (delete, "clicked", G_CALLBACK (on_delete_clicked), self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete);

  return row;
}

GtkWindow *
mc_templates_page_add (McTemplatesPage *self)
{
  GtkWindow *dialog;

  g_return_val_if_fail (MC_IS_TEMPLATES_PAGE (self), NULL);

  dialog = mc_template_dialog_new (get_window (self), self->session, NULL);
  gtk_window_present (dialog);
  return dialog;
}

GtkWindow *
mc_templates_page_edit (McTemplatesPage *self,
                        McTemplate      *template)
{
  GtkWindow *dialog;

  g_return_val_if_fail (MC_IS_TEMPLATES_PAGE (self), NULL);
  g_return_val_if_fail (MC_IS_TEMPLATE (template), NULL);

  dialog = mc_template_dialog_new (get_window (self), self->session, template);
  gtk_window_present (dialog);
  return dialog;
}

static void
on_undo_toast_dismissed (McTemplatesPage *self,
                         AdwToast        *toast)
{
  if (self->undo_toast != toast)
    return;

  self->undo_toast = NULL;
  g_clear_object (&self->deleted);
}

static void
on_undo_clicked (McTemplatesPage *self,
                 AdwToast        *toast)
{
  /* An older deletion's toast, still going: only the latest is undone. */
  if (toast != self->undo_toast)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "templates.undo-delete", NULL);
}

void
mc_templates_page_delete (McTemplatesPage *self,
                          McTemplate      *template)
{
  g_autoptr(McTemplate) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_return_if_fail (MC_IS_TEMPLATES_PAGE (self));
  g_return_if_fail (MC_IS_TEMPLATE (template));

  kept = g_object_ref (template);
  if (self->store == NULL || !mc_template_store_remove (self->store, template, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The template could not be deleted: %s"),
                                                  error != NULL ? error->message : "");

      show_message (self, message);
      return;
    }

  if (self->undo_toast != NULL)
    mc_ui_toast_dismiss (self->undo_toast);
  g_set_object (&self->deleted, kept);

  title = g_strdup_printf (_("Template “%s” deleted"), mc_template_get_title (template));
  toast = mc_ui_plain_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  self->undo_toast = toast;
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed), self,
                           G_CONNECT_SWAPPED);
  /* The toast lives in the window's overlay, outside the page: its button
   * could not reach the page's actions by name. */
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked), self,
                           G_CONNECT_SWAPPED);
  if (!show_toast (self, toast))
    {
      self->undo_toast = NULL;
      g_clear_object (&self->deleted);
    }
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  McTemplatesPage *self = MC_TEMPLATES_PAGE (widget);
  g_autoptr(McTemplate) template = g_steal_pointer (&self->deleted);
  g_autoptr(GError) error = NULL;

  if (template == NULL || self->store == NULL)
    return;

  /* It comes back as a new one, last in the list. */
  mc_template_set_id (template, 0);
  if (!mc_template_store_add (self->store, template, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The template could not be restored: %s"),
                                                  error->message);

      show_message (self, message);
    }

  if (self->undo_toast != NULL)
    mc_ui_toast_dismiss (self->undo_toast);
}

gboolean
mc_templates_page_export_to_file (McTemplatesPage  *self,
                                  GFile            *file,
                                  GError          **error)
{
  g_autofree char *json = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *message = NULL;
  guint n;

  g_return_val_if_fail (MC_IS_TEMPLATES_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->store == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("There are no templates to export."));
      return FALSE;
    }

  json = mc_template_store_export_json (self->store);
  if (!g_file_replace_contents (file, json, strlen (json), NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                NULL, NULL, &local_error))
    {
      message = g_strdup_printf (_("The templates could not be exported: %s"), local_error->message);
      show_message (self, message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  message = g_strdup_printf (ngettext ("%u template exported", "%u templates exported", n), n);
  show_message (self, message);
  return TRUE;
}

int
mc_templates_page_import_file (McTemplatesPage  *self,
                               GFile            *file,
                               GError          **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *message = NULL;
  gsize length;
  int added = -1;

  g_return_val_if_fail (MC_IS_TEMPLATES_PAGE (self), -1);
  g_return_val_if_fail (G_IS_FILE (file), -1);

  if (self->store == NULL)
    g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         mc_session_get_templates_error (self->session)->message);
  else if (g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      if (!g_utf8_validate (contents, length, NULL))
        g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             _("The file is not text."));
      else
        added = mc_template_store_import_json (self->store, contents, &local_error);
    }

  if (added < 0)
    {
      message = g_strdup_printf (_("The templates could not be imported: %s"), local_error->message);
      show_message (self, message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return -1;
    }

  message = g_strdup_printf (ngettext ("%d template added", "%d templates added", added), added);
  show_message (self, message);
  return added;
}

static void
on_chooser_response (McTemplatesPage      *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  gboolean saving = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      /* Errors are told in a toast. */
      if (file != NULL && saving)
        mc_templates_page_export_to_file (self, file, NULL);
      else if (file != NULL)
        mc_templates_page_import_file (self, file, NULL);
    }

  g_clear_object (&self->chooser);
}

static void
open_chooser (McTemplatesPage      *self,
              GtkFileChooserAction  action)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  gboolean saving = action == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (saving ? _("Export Templates") : _("Import Templates"),
                                               get_window (self), action,
                                               saving ? _("_Export") : _("_Import"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("JSON files"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (saving)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), EXPORT_NAME);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  mc_templates_page_add (MC_TEMPLATES_PAGE (widget));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_chooser (MC_TEMPLATES_PAGE (widget), GTK_FILE_CHOOSER_ACTION_SAVE);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_chooser (MC_TEMPLATES_PAGE (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

const char *
mc_templates_page_get_last_toast (McTemplatesPage *self)
{
  g_return_val_if_fail (MC_IS_TEMPLATES_PAGE (self), NULL);

  return self->last_toast;
}

static void
mc_templates_page_constructed (GObject *object)
{
  McTemplatesPage *self = MC_TEMPLATES_PAGE (object);

  G_OBJECT_CLASS (mc_templates_page_parent_class)->constructed (object);

  self->store = mc_session_get_templates (self->session);
  if (self->store != NULL)
    {
      g_object_ref (self->store);
      gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->store), create_row, self, NULL);
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("The templates could not be opened: %s"),
                                                  mc_session_get_templates_error (self->session)->message);

      gtk_label_set_label (self->placeholder_label, message);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "templates.add", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "templates.export", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "templates.import", FALSE);
    }
}

static void
mc_templates_page_dispose (GObject *object)
{
  McTemplatesPage *self = MC_TEMPLATES_PAGE (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->undo_toast = NULL;

  /* The templates outlive the page: no row is made for it once it goes. */
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_TEMPLATES_PAGE);
  g_clear_object (&self->deleted);
  g_clear_object (&self->store);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mc_templates_page_parent_class)->dispose (object);
}

static void
mc_templates_page_finalize (GObject *object)
{
  McTemplatesPage *self = MC_TEMPLATES_PAGE (object);

  g_free (self->last_toast);

  G_OBJECT_CLASS (mc_templates_page_parent_class)->finalize (object);
}

static void
mc_templates_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  McTemplatesPage *self = MC_TEMPLATES_PAGE (object);

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
mc_templates_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  McTemplatesPage *self = MC_TEMPLATES_PAGE (object);

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
mc_templates_page_class_init (McTemplatesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mc_templates_page_constructed;
  object_class->dispose = mc_templates_page_dispose;
  object_class->finalize = mc_templates_page_finalize;
  object_class->get_property = mc_templates_page_get_property;
  object_class->set_property = mc_templates_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/mc-templates-page.ui");
  gtk_widget_class_bind_template_child (widget_class, McTemplatesPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, McTemplatesPage, placeholder_label);

  gtk_widget_class_install_action (widget_class, "templates.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "templates.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "templates.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "templates.undo-delete", NULL, undo_delete_action);
}

static void
mc_templates_page_init (McTemplatesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
