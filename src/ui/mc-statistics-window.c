/* mc-statistics-window.c: response statistics of a cabinet or a store,
 * computed by the session off the main thread, and their CSV export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-chat-store.h"
#include "mc-hours-chart.h"
#include "mc-reply-clock.h"
#include "mc-sidebar-item.h"
#include "mc-sidebar-model.h"
#include "mc-statistics-window.h"
#include "mc-ui-util.h"
#include "mc-ui.h"

struct _McStatisticsWindow
{
  AdwWindow        parent_instance;

  McSession       *session;
  GSettings       *settings;
  GCancellable    *cancellable;
  McResponseStats *stats;
  char            *scope_name;
  GtkFileChooserNative *chooser;

  AdwToastOverlay *toast_overlay;
  GtkLabel        *hours_label;
  GtkSpinner      *spinner;
  AdwComboRow     *scope_row;
  AdwComboRow     *period_row;
  GtkStack        *stack;
  AdwStatusPage   *error_page;
  GtkLabel        *answered_label;
  GtkLabel        *median_label;
  GtkLabel        *p90_label;
  AdwActionRow    *within_row;
  GtkLabel        *within_label;
  GtkLabel        *waiting_label;
  GtkLabel        *overdue_label;
  McHoursChart    *chart;
  GtkLabel        *busiest_label;
};

G_DEFINE_FINAL_TYPE (McStatisticsWindow, mc_statistics_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const guint period_days[] = { 7, 30 };

GtkWindow *
mc_statistics_window_new (McSession *session,
                          GSettings *settings,
                          GtkWindow *parent)
{
  g_return_val_if_fail (MC_IS_SESSION (session), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (MC_TYPE_STATISTICS_WINDOW,
                       "session", session,
                       "settings", settings,
                       "transient-for", parent,
                       NULL);
}

/* What the scope is called in the chooser and in the CSV: a store by its
 * name, the rest with their cabinet's. */
static char *
scope_name (McSidebarItem *item)
{
  const char *subtitle;

  if (item == NULL)
    return NULL;
  subtitle = mc_sidebar_item_get_subtitle (item);
  if (mc_sidebar_item_get_kind (item) == MC_SIDEBAR_ITEM_KIND_CABINET_STORE ||
      subtitle == NULL || *subtitle == '\0')
    return g_strdup (mc_sidebar_item_get_title (item));
  /* Translators: all stores of a cabinet, or its chats without a store,
   * e.g. "All stores — Shop LLC". */
  return g_strdup_printf (_("%s — %s"), mc_sidebar_item_get_title (item), subtitle);
}

static char *
scope_name_of_item (McSidebarItem *item,
                    gpointer       user_data)
{
  return scope_name (item);
}

static guint
target_minutes (McStatisticsWindow *self)
{
  return MAX (g_settings_get_uint (self->settings, "reply-target-minutes"), 1);
}

static void
set_busy (McStatisticsWindow *self,
          gboolean            busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
}

static void
set_label_count (GtkLabel *label,
                 guint     count)
{
  g_autofree char *text = g_strdup_printf ("%u", count);

  gtk_label_set_text (label, text);
}

static void
set_label_duration (GtkLabel *label,
                    gint64    span)
{
  g_autofree char *text = span >= 0 ? mc_ui_format_duration (span) : NULL;

  /* Translators: a reply time when nothing was answered in the period. */
  gtk_label_set_text (label, text != NULL ? text : _("no replies"));
}

static gboolean
is_empty (const McResponseStats *stats)
{
  if (stats->replies > 0 || stats->waiting_now > 0)
    return FALSE;
  for (guint hour = 0; hour < G_N_ELEMENTS (stats->busiest_hours); hour++)
    {
      if (stats->busiest_hours[hour] > 0)
        return FALSE;
    }
  return TRUE;
}

void
mc_statistics_window_show_stats (McStatisticsWindow    *self,
                                 const McResponseStats *stats,
                                 const char            *name)
{
  g_autofree char *target = NULL;
  g_autofree char *within_title = NULL;
  int share;

  g_return_if_fail (MC_IS_STATISTICS_WINDOW (self));
  g_return_if_fail (stats != NULL);

  g_clear_pointer (&self->stats, mc_response_stats_free);
  self->stats = mc_response_stats_copy (stats);
  g_free (self->scope_name);
  self->scope_name = g_strdup (name);

  set_label_count (self->answered_label, stats->chats_answered);
  set_label_duration (self->median_label, stats->median_reply);
  set_label_duration (self->p90_label, stats->p90_reply);

  target = mc_reply_clock_format_duration (stats->target);
  /* Translators: the share of replies sent within the seller's reply
   * target, e.g. "Answered within 1 hour" (the duration as the reply
   * clock words it: Russian accusative, "за 1 минуту"). */
  within_title = g_strdup_printf (_("Answered within %s"), target);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->within_row), within_title);
  share = mc_response_stats_get_share_within_target (stats);
  if (share < 0)
    gtk_label_set_text (self->within_label, _("no replies"));
  else
    {
      /* Translators: a share in percent, e.g. "75 %" (with the spacing
       * your language uses). */
      g_autofree char *text = g_strdup_printf (_("%d%%"), share);

      gtk_label_set_text (self->within_label, text);
    }

  set_label_count (self->waiting_label, stats->waiting_now);
  set_label_count (self->overdue_label, stats->overdue_now);
  mc_hours_chart_set_counts (self->chart, stats->busiest_hours);
  gtk_label_set_text (self->busiest_label, mc_hours_chart_get_summary (self->chart));

  gtk_stack_set_visible_child_name (self->stack, is_empty (stats) ? "empty" : "figures");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "statistics.export", TRUE);
}

const McResponseStats *
mc_statistics_window_get_stats (McStatisticsWindow *self)
{
  g_return_val_if_fail (MC_IS_STATISTICS_WINDOW (self), NULL);
  return self->stats;
}

static void
show_error (McStatisticsWindow *self,
            const GError       *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

typedef struct
{
  McStatisticsWindow *self;
  char               *name;
} Computation;

static void
on_computed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Computation *computation = user_data;
  McStatisticsWindow *self = computation->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(McResponseStats) stats = mc_session_compute_stats_finish (MC_SESSION (source), result, &error);
  g_autofree char *name = g_steal_pointer (&computation->name);

  g_free (computation);
  /* Cancelled: the window is gone or another computation replaced it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (stats == NULL)
    show_error (self, error);
  else
    mc_statistics_window_show_stats (self, stats, name);
}

static void
compute (McStatisticsWindow *self)
{
  McSidebarItem *item = adw_combo_row_get_selected_item (self->scope_row);
  guint period = adw_combo_row_get_selected (self->period_row);
  Computation *computation;
  gint64 campaign_id;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->stats, mc_response_stats_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "statistics.export", FALSE);

  if (item == NULL)
    {
      set_busy (self, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  switch (mc_sidebar_item_get_kind (item))
    {
    case MC_SIDEBAR_ITEM_KIND_CABINET_STORE:
      campaign_id = mc_sidebar_item_get_campaign_id (item);
      break;
    case MC_SIDEBAR_ITEM_KIND_NO_STORE:
      campaign_id = 0;
      break;
    case MC_SIDEBAR_ITEM_KIND_ALL_STORES:
    default:
      campaign_id = MC_RESPONSE_STATS_ALL_STORES;
      break;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->hours_label),
                          mc_chat_store_get_working_hours (mc_session_get_chats (self->session),
                                                           mc_sidebar_item_get_business_id (item)) != NULL);
  self->cancellable = g_cancellable_new ();
  computation = g_new0 (Computation, 1);
  computation->self = self;
  computation->name = scope_name (item);
  set_busy (self, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  mc_session_compute_stats_async (self->session, mc_sidebar_item_get_business_id (item), campaign_id,
                                  period_days[MIN (period, G_N_ELEMENTS (period_days) - 1)],
                                  target_minutes (self), self->cancellable, on_computed, computation);
}

static void
on_choice_changed (McStatisticsWindow *self)
{
  compute (self);
}

static void
on_export_written (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  McStatisticsWindow *self = MC_STATISTICS_WINDOW (source);
  g_autoptr(GError) error = NULL;

  if (!mc_statistics_window_export_finish (self, result, &error))
    {
      /* Translators: %s says why, e.g. "Permission denied". */
      g_autofree char *text = g_strdup_printf (_("Could not save the statistics: %s"), error->message);
      AdwToast *toast = adw_toast_new (NULL);

      adw_toast_set_title (toast, text);
      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Statistics saved")));
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  McStatisticsWindow *self = MC_STATISTICS_WINDOW (user_data);
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    mc_statistics_window_export_async (self, file, NULL, on_export_written, NULL);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  McStatisticsWindow *self = MC_STATISTICS_WINDOW (widget);
  const char *downloads = g_get_user_special_dir (G_USER_DIRECTORY_DOWNLOAD);
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (today, "%Y-%m-%d");
  g_autofree char *name = NULL;

  if (self->stats == NULL || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export Statistics"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (downloads != NULL)
    {
      g_autoptr(GFile) folder = g_file_new_for_path (downloads);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }
  /* Translators: the suggested file name of the exported statistics;
   * %s is today's date (2026-12-05).  Keep it free of spaces. */
  name = g_strdup_printf (_("market-chats-statistics-%s.csv"), date);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_replaced (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
mc_statistics_window_export_async (McStatisticsWindow  *self,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GBytes) bytes = NULL;
  McResponseStats *rows[1];
  const char *names[1];
  char *csv;
  gsize length;

  g_return_if_fail (MC_IS_STATISTICS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mc_statistics_window_export_async);
  if (self->stats == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("There are no statistics to save yet"));
      return;
    }

  local = g_time_zone_new_local ();
  rows[0] = self->stats;
  names[0] = self->scope_name != NULL ? self->scope_name : "";
  csv = mc_response_stats_to_csv (rows, names, 1, local, &length);
  bytes = g_bytes_new_take (csv, length);
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, on_replaced, g_steal_pointer (&task));
}

gboolean
mc_statistics_window_export_finish (McStatisticsWindow  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
mc_statistics_window_constructed (GObject *object)
{
  McStatisticsWindow *self = MC_STATISTICS_WINDOW (object);
  GtkExpression *expression;

  G_OBJECT_CLASS (mc_statistics_window_parent_class)->constructed (object);

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (scope_name_of_item), NULL, NULL);
  adw_combo_row_set_expression (self->scope_row, expression);
  gtk_expression_unref (expression);
  adw_combo_row_set_model (self->scope_row, G_LIST_MODEL (mc_session_get_stores (self->session)));

  g_signal_connect_object (self->scope_row, "notify::selected", G_CALLBACK (on_choice_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->period_row, "notify::selected", G_CALLBACK (on_choice_changed),
                           self, G_CONNECT_SWAPPED);
  compute (self);
}

static void
mc_statistics_window_dispose (GObject *object)
{
  McStatisticsWindow *self = MC_STATISTICS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_STATISTICS_WINDOW);

  G_OBJECT_CLASS (mc_statistics_window_parent_class)->dispose (object);
}

static void
mc_statistics_window_finalize (GObject *object)
{
  McStatisticsWindow *self = MC_STATISTICS_WINDOW (object);

  g_clear_pointer (&self->stats, mc_response_stats_free);
  g_free (self->scope_name);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mc_statistics_window_parent_class)->finalize (object);
}

static void
mc_statistics_window_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  McStatisticsWindow *self = MC_STATISTICS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_statistics_window_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  McStatisticsWindow *self = MC_STATISTICS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_statistics_window_class_init (McStatisticsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mc_statistics_window_constructed;
  object_class->dispose = mc_statistics_window_dispose;
  object_class->finalize = mc_statistics_window_finalize;
  object_class->get_property = mc_statistics_window_get_property;
  object_class->set_property = mc_statistics_window_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, MC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MC_TYPE_HOURS_CHART);
  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marketchats/MarketChats/ui/mc-statistics-window.ui");
  gtk_widget_class_bind_template_child (widget_class, McStatisticsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, McStatisticsWindow, hours_label);
  gtk_widget_class_bind_template_child (widget_class, McStatisticsWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, McStatisticsWindow, scope_row);
  gtk_widget_class_bind_template_child (widget_class, McStatisticsWindow, period_row);
  gtk_widget_class_bind_template_child (widget_class, McStatisticsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, McStatisticsWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, McStatisticsWindow, answered_label);
  gtk_widget_class_bind_template_child (widget_class, McStatisticsWindow, median_label);
  gtk_widget_class_bind_template_child (widget_class, McStatisticsWindow, p90_label);
  gtk_widget_class_bind_template_child (widget_class, McStatisticsWindow, within_row);
  gtk_widget_class_bind_template_child (widget_class, McStatisticsWindow, within_label);
  gtk_widget_class_bind_template_child (widget_class, McStatisticsWindow, waiting_label);
  gtk_widget_class_bind_template_child (widget_class, McStatisticsWindow, overdue_label);
  gtk_widget_class_bind_template_child (widget_class, McStatisticsWindow, chart);
  gtk_widget_class_bind_template_child (widget_class, McStatisticsWindow, busiest_label);

  gtk_widget_class_install_action (widget_class, "statistics.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "statistics.export", NULL);
}

static void
mc_statistics_window_init (McStatisticsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_busy (self, FALSE);
}
