/* mc-template-dialog.c: adding or editing one reply template.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-cabinet.h"
#include "mc-campaign.h"
#include "mc-template-dialog.h"
#include "mc-template-store.h"
#include "mc-ui.h"

struct _McTemplateDialog
{
  AdwWindow        parent_instance;

  McSession       *session;
  McTemplate      *template;     /* NULL: a new one */
  /* The ids behind the rows of the two drop-downs, 0 first: all cabinets,
   * any store. */
  GArray          *business_ids;
  GArray          *campaign_ids;

  AdwWindowTitle  *window_title;
  GtkLabel        *error_label;
  AdwEntryRow     *title_row;
  GtkTextView     *text_view;
  GtkLabel        *help_label;
  AdwComboRow     *cabinet_row;
  AdwComboRow     *store_row;
  AdwEntryRow     *keyword_row;
};

G_DEFINE_FINAL_TYPE (McTemplateDialog, mc_template_dialog, ADW_TYPE_WINDOW)

static McCabinet *
find_cabinet (McSession *session,
              gint64     business_id)
{
  GListModel *cabinets = mc_session_get_cabinets (session);

  for (guint i = 0; i < g_list_model_get_n_items (cabinets); i++)
    {
      g_autoptr(McCabinet) cabinet = g_list_model_get_item (cabinets, i);

      if (mc_cabinet_get_business_id (cabinet) == business_id)
        return cabinet;
    }

  return NULL;
}

static char *
dup_text (McTemplateDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  return *copy == '\0';
}

static void
on_changed (McTemplateDialog *self)
{
  g_autofree char *text = dup_text (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "template.save",
                                 !is_blank (gtk_editable_get_text (GTK_EDITABLE (self->title_row))) &&
                                 !is_blank (text));
}

static gint64
selected_id (AdwComboRow *row,
             GArray      *ids)
{
  guint selected = adw_combo_row_get_selected (row);

  return selected < ids->len ? g_array_index (ids, gint64, selected) : 0;
}

static void
select_id (AdwComboRow *row,
           GArray      *ids,
           gint64       id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }

  adw_combo_row_set_selected (row, 0);
}

/* The stores of the chosen cabinet; with all cabinets, any store.  A store
 * the cabinet no longer lists keeps its place, by number. */
static void
fill_stores (McTemplateDialog *self,
             gint64            campaign_id)
{
  gint64 business_id = selected_id (self->cabinet_row, self->business_ids);
  McCabinet *cabinet = business_id != 0 ? find_cabinet (self->session, business_id) : NULL;
  GListModel *campaigns = cabinet != NULL ? mc_cabinet_get_campaigns (cabinet) : NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 any = 0;
  gboolean found = campaign_id == 0;

  g_array_set_size (self->campaign_ids, 0);
  gtk_string_list_append (names, _("Any store"));
  g_array_append_val (self->campaign_ids, any);

  for (guint i = 0; campaigns != NULL && i < g_list_model_get_n_items (campaigns); i++)
    {
      g_autoptr(McCampaign) campaign = g_list_model_get_item (campaigns, i);
      g_autofree char *name = mc_campaign_dup_display_name (campaign);
      gint64 id = mc_campaign_get_id (campaign);

      gtk_string_list_append (names, name);
      g_array_append_val (self->campaign_ids, id);
      found = found || id == campaign_id;
    }

  if (!found && business_id != 0)
    {
      /* Translators: a store that is not connected any more, by its number */
      g_autofree char *name = g_strdup_printf (_("Store %lld"), (long long) campaign_id);

      gtk_string_list_append (names, name);
      g_array_append_val (self->campaign_ids, campaign_id);
    }

  adw_combo_row_set_model (self->store_row, G_LIST_MODEL (names));
  select_id (self->store_row, self->campaign_ids, campaign_id);
  gtk_widget_set_sensitive (GTK_WIDGET (self->store_row), business_id != 0);
}

static void
on_cabinet_selected (McTemplateDialog *self)
{
  if (self->campaign_ids != NULL)
    fill_stores (self, 0);
}

static void
fill_cabinets (McTemplateDialog *self,
               gint64            business_id)
{
  GListModel *cabinets = mc_session_get_cabinets (self->session);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 all = 0;
  gboolean found = business_id == 0;

  g_array_set_size (self->business_ids, 0);
  gtk_string_list_append (names, _("All cabinets"));
  g_array_append_val (self->business_ids, all);

  for (guint i = 0; i < g_list_model_get_n_items (cabinets); i++)
    {
      g_autoptr(McCabinet) cabinet = g_list_model_get_item (cabinets, i);
      gint64 id = mc_cabinet_get_business_id (cabinet);

      gtk_string_list_append (names, mc_cabinet_get_label (cabinet));
      g_array_append_val (self->business_ids, id);
      found = found || id == business_id;
    }

  if (!found)
    {
      /* Translators: a cabinet that is not connected any more, by its number */
      g_autofree char *name = g_strdup_printf (_("Cabinet %lld"), (long long) business_id);

      gtk_string_list_append (names, name);
      g_array_append_val (self->business_ids, business_id);
    }

  adw_combo_row_set_model (self->cabinet_row, G_LIST_MODEL (names));
  select_id (self->cabinet_row, self->business_ids, business_id);
}

static void
show_error (McTemplateDialog *self,
            const char       *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

gboolean
mc_template_dialog_save (McTemplateDialog  *self,
                         GError           **error)
{
  McTemplateStore *store;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autofree char *keyword = NULL;
  g_autoptr(McTemplate) edited = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (MC_IS_TEMPLATE_DIALOG (self), FALSE);

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  text = dup_text (self);
  keyword = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->keyword_row))));
  store = mc_session_get_templates (self->session);

  if (*title == '\0' || is_blank (text))
    g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         _("A template needs a title and a text."));
  else if (strpbrk (keyword, " \t\n") != NULL)
    g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         _("A keyword is one word, without spaces."));
  else if (store == NULL)
    g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("The templates could not be opened: %s"),
                 mc_session_get_templates_error (self->session)->message);

  if (local_error == NULL)
    {
      edited = self->template != NULL ? g_object_ref (self->template) : mc_template_new (title, text);
      mc_template_set_title (edited, title);
      mc_template_set_text (edited, text);
      mc_template_set_keyword (edited, keyword);
      mc_template_set_business_id (edited, selected_id (self->cabinet_row, self->business_ids));
      mc_template_set_campaign_id (edited, selected_id (self->store_row, self->campaign_ids));

      ok = self->template != NULL
           ? mc_template_store_update (store, edited, &local_error)
           : mc_template_store_add (store, edited, &local_error);
      if (ok)
        {
          show_error (self, NULL);
          gtk_window_close (GTK_WINDOW (self));
          return TRUE;
        }
    }

  show_error (self, local_error->message);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  mc_template_dialog_save (MC_TEMPLATE_DIALOG (widget), NULL);
}

GtkWindow *
mc_template_dialog_new (GtkWindow  *parent,
                        McSession  *session,
                        McTemplate *template)
{
  McTemplateDialog *self;
  const char *keyword;

  g_return_val_if_fail (MC_IS_SESSION (session), NULL);
  g_return_val_if_fail (template == NULL || MC_IS_TEMPLATE (template), NULL);

  self = g_object_new (MC_TYPE_TEMPLATE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  self->template = template != NULL ? g_object_ref (template) : NULL;

  adw_window_title_set_title (self->window_title,
                              template != NULL ? _("Edit Template") : _("New Template"));
  gtk_window_set_title (GTK_WINDOW (self),
                        template != NULL ? _("Edit Template") : _("New Template"));

  fill_cabinets (self, template != NULL ? mc_template_get_business_id (template) : 0);
  fill_stores (self, template != NULL ? mc_template_get_campaign_id (template) : 0);

  if (template != NULL)
    {
      keyword = mc_template_get_keyword (template);
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), mc_template_get_title (template));
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                                mc_template_get_text (template), -1);
      gtk_editable_set_text (GTK_EDITABLE (self->keyword_row), keyword != NULL ? keyword : "");
    }
  on_changed (self);

  return GTK_WINDOW (self);
}

static void
mc_template_dialog_dispose (GObject *object)
{
  McTemplateDialog *self = MC_TEMPLATE_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_object (&self->template);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_TEMPLATE_DIALOG);

  G_OBJECT_CLASS (mc_template_dialog_parent_class)->dispose (object);
}

static void
mc_template_dialog_finalize (GObject *object)
{
  McTemplateDialog *self = MC_TEMPLATE_DIALOG (object);

  g_array_unref (self->business_ids);
  g_array_unref (self->campaign_ids);

  G_OBJECT_CLASS (mc_template_dialog_parent_class)->finalize (object);
}

static void
mc_template_dialog_class_init (McTemplateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_template_dialog_dispose;
  object_class->finalize = mc_template_dialog_finalize;

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/mc-template-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, McTemplateDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, McTemplateDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, McTemplateDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, McTemplateDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, McTemplateDialog, help_label);
  gtk_widget_class_bind_template_child (widget_class, McTemplateDialog, cabinet_row);
  gtk_widget_class_bind_template_child (widget_class, McTemplateDialog, store_row);
  gtk_widget_class_bind_template_child (widget_class, McTemplateDialog, keyword_row);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_cabinet_selected);

  gtk_widget_class_install_action (widget_class, "template.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mc_template_dialog_init (McTemplateDialog *self)
{
  self->business_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->campaign_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_label_set_label (self->help_label,
                       _("Variables are filled from the chat and its order: {customer}, {order}, "
                         "{return}, {store}, {status}, {delivery_date}, {items}, {total}. After a "
                         "bar comes what to write when the value is unknown: {customer|customer}. "
                         "A variable with neither is highlighted in the message for you to fill in "
                         "before it is sent."));
  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
}
