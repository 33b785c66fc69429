/* mc-template-picker.c: the composer's list of templates, keyboard first.
 *
 * The focus stays in the search field: the arrows move the selection in
 * the list under it, so the seller can type, choose and insert without
 * leaving the keys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-template-picker.h"
#include "mc-ui.h"

/* Characters of a template's text shown under its title. */
#define PREVIEW_CHARS 120

struct _McTemplatePicker
{
  GtkPopover          parent_instance;

  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;     /* owned by filtered */
  gint64              business_id;
  gint64              campaign_id;
  char               *query;        /* casefolded, NULL for none */

  GtkSearchEntry     *search_entry;
  GtkScrolledWindow  *scrolled_window;
  GtkListBox         *list_box;
  GtkLabel           *placeholder_label;
};

G_DEFINE_FINAL_TYPE (McTemplatePicker, mc_template_picker, GTK_TYPE_POPOVER)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
mc_template_picker_new (void)
{
  return g_object_new (MC_TYPE_TEMPLATE_PICKER, NULL);
}

static gboolean
contains_query (const char *text,
                const char *query)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;

  folded = g_utf8_casefold (text, -1);
  return strstr (folded, query) != NULL;
}

static gboolean
template_matches (gpointer item,
                  gpointer user_data)
{
  McTemplatePicker *self = user_data;
  McTemplate *template = item;

  if (!mc_template_applies_to (template, self->business_id, self->campaign_id))
    return FALSE;

  return self->query == NULL ||
         contains_query (mc_template_get_title (template), self->query) ||
         contains_query (mc_template_get_keyword (template), self->query) ||
         contains_query (mc_template_get_text (template), self->query);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  McTemplate *template = item;
  const char *keyword = mc_template_get_keyword (template);
  const char *body = mc_template_get_text (template) != NULL ? mc_template_get_text (template) : "";
  g_autofree char *preview = NULL;
  GtkWidget *row, *box, *top, *title, *text;

  /* One line of the text: enough to tell two greetings apart.  GLib 2.74
   * reads past the end of a shorter string for g_utf8_substring(). */
  preview = g_utf8_strlen (body, -1) > PREVIEW_CHARS ? g_utf8_substring (body, 0, PREVIEW_CHARS)
                                                      : g_strdup (body);
  g_strdelimit (preview, "\n\t", ' ');

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  title = gtk_label_new (mc_template_get_title (template));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (top), title);
  if (keyword != NULL)
    {
      /* Translators: a template's keyword shortcut and the key that expands it */
      g_autofree char *shortcut = g_strdup_printf (_("%s + Tab"), keyword);
      GtkWidget *label = gtk_label_new (shortcut);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (top), label);
    }
  text = gtk_label_new (preview);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (text), TRUE);
  gtk_widget_add_css_class (text, "dim-label");
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), text);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, mc_template_get_title (template),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, preview,
                                  -1);
  g_object_set_data_full (G_OBJECT (row), "mc-template", g_object_ref (template), g_object_unref);

  return row;
}

static void
scroll_to_row (McTemplatePicker *self,
               GtkListBoxRow    *row)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self->list_box), &bounds))
    return;

  gtk_adjustment_clamp_page (adjustment, bounds.origin.y, bounds.origin.y + bounds.size.height);
}

static void
select_index (McTemplatePicker *self,
              int               index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, index);

  if (row == NULL)
    return;

  gtk_list_box_select_row (self->list_box, row);
  scroll_to_row (self, row);
}

static void
update_placeholder (McTemplatePicker *self)
{
  GListModel *templates = gtk_filter_list_model_get_model (self->filtered);

  if (self->query != NULL)
    gtk_label_set_label (self->placeholder_label, _("No template matches"));
  else if (templates != NULL && g_list_model_get_n_items (templates) > 0)
    gtk_label_set_label (self->placeholder_label,
                         _("No template is meant for this store. Templates are managed in Preferences."));
  else
    gtk_label_set_label (self->placeholder_label,
                         _("No templates yet. Add them in Preferences."));
}

static void
refilter (McTemplatePicker *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_placeholder (self);
  select_index (self, 0);
}

static void
on_search_changed (McTemplatePicker *self,
                   GtkEditable      *editable)
{
  const char *text = gtk_editable_get_text (editable);
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->query, g_free);
  if (*stripped != '\0')
    self->query = g_utf8_casefold (stripped, -1);

  refilter (self);
}

static void
choose_row (McTemplatePicker *self,
            GtkListBoxRow    *row)
{
  McTemplate *template;

  if (row == NULL)
    return;

  template = g_object_get_data (G_OBJECT (row), "mc-template");
  /* Chosen before closed: the composer knows what the list was for. */
  g_object_ref (template);
  g_signal_emit (self, signals[CHOSEN], 0, template);
  gtk_popover_popdown (GTK_POPOVER (self));
  g_object_unref (template);
}

static void
on_search_activate (McTemplatePicker *self,
                    GtkSearchEntry   *entry)
{
  choose_row (self, gtk_list_box_get_selected_row (self->list_box));
}

static void
on_stop_search (McTemplatePicker *self,
                GtkSearchEntry   *entry)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
on_row_activated (McTemplatePicker *self,
                  GtkListBoxRow    *row,
                  GtkListBox       *list_box)
{
  choose_row (self, row);
}

static gboolean
on_entry_key_pressed (McTemplatePicker      *self,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkEventControllerKey *controller)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;
  int n = (int) g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0 || n == 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      select_index (self, MIN (index + 1, n - 1));
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      select_index (self, MAX (index - 1, 0));
      return TRUE;

    case GDK_KEY_Page_Down:
      select_index (self, MIN (index + 5, n - 1));
      return TRUE;

    case GDK_KEY_Page_Up:
      select_index (self, MAX (index - 5, 0));
      return TRUE;

    default:
      return FALSE;
    }
}

void
mc_template_picker_set_templates (McTemplatePicker *self,
                                  GListModel       *templates)
{
  g_return_if_fail (MC_IS_TEMPLATE_PICKER (self));
  g_return_if_fail (templates == NULL || G_IS_LIST_MODEL (templates));

  gtk_filter_list_model_set_model (self->filtered, templates);
  update_placeholder (self);
}

void
mc_template_picker_set_scope (McTemplatePicker *self,
                              gint64            business_id,
                              gint64            campaign_id)
{
  g_return_if_fail (MC_IS_TEMPLATE_PICKER (self));

  if (self->business_id == business_id && self->campaign_id == campaign_id)
    return;

  self->business_id = business_id;
  self->campaign_id = campaign_id;
  refilter (self);
}

void
mc_template_picker_open (McTemplatePicker *self)
{
  g_return_if_fail (MC_IS_TEMPLATE_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  refilter (self);
  gtk_popover_popup (GTK_POPOVER (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

GListModel *
mc_template_picker_get_shown (McTemplatePicker *self)
{
  g_return_val_if_fail (MC_IS_TEMPLATE_PICKER (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

McTemplate *
mc_template_picker_get_selected (McTemplatePicker *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (MC_IS_TEMPLATE_PICKER (self), NULL);

  row = gtk_list_box_get_selected_row (self->list_box);
  return row != NULL ? g_object_get_data (G_OBJECT (row), "mc-template") : NULL;
}

GtkEditable *
mc_template_picker_get_search_entry (McTemplatePicker *self)
{
  g_return_val_if_fail (MC_IS_TEMPLATE_PICKER (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

static void
mc_template_picker_dispose (GObject *object)
{
  McTemplatePicker *self = MC_TEMPLATE_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_TEMPLATE_PICKER);
  g_clear_object (&self->filtered);

  G_OBJECT_CLASS (mc_template_picker_parent_class)->dispose (object);
}

static void
mc_template_picker_finalize (GObject *object)
{
  McTemplatePicker *self = MC_TEMPLATE_PICKER (object);

  g_free (self->query);

  G_OBJECT_CLASS (mc_template_picker_parent_class)->finalize (object);
}

static void
mc_template_picker_class_init (McTemplatePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_template_picker_dispose;
  object_class->finalize = mc_template_picker_finalize;

  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MC_TYPE_TEMPLATE);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/mc-template-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, McTemplatePicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, McTemplatePicker, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, McTemplatePicker, list_box);
  gtk_widget_class_bind_template_child (widget_class, McTemplatePicker, placeholder_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
mc_template_picker_init (McTemplatePicker *self)
{
  GtkEventController *key;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (template_matches, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->filtered), create_row, self, NULL);
  update_placeholder (self);

  /* Capture: the entry would move its cursor with the arrows. */
  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (on_entry_key_pressed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), key);
}
