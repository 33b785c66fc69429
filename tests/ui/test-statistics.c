/* test-statistics.c: the Statistics window shows the figures it is given
 * as the seller reads them, computes them from the demo's saved chats,
 * and exports them as the CSV LibreOffice opens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "mc-cabinet.h"
#include "mc-chat-store.h"
#include "mc-statistics-window.h"
#include "ui-test-util.h"

#define WAIT_MSEC 20000
#define MINUTE G_TIME_SPAN_MINUTE
#define STORE_NAME "Магазин «Ромашка», Москва"

typedef struct
{
  McSession *session;
  GSettings *settings;
  GtkWindow *window;
} Fixture;

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                    MC_TYPE_STATISTICS_WINDOW, name));
}

static gboolean
computed (gpointer data)
{
  Fixture *fixture = data;
  const char *page = gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "stack")));

  return g_strcmp0 (page, "loading") != 0;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->session = ui_test_new_demo_session ();
  fixture->settings = g_settings_new (BASE_ID);
  g_settings_set_uint (fixture->settings, "reply-target-minutes", 60);
  fixture->window = mc_statistics_window_new (fixture->session, fixture->settings, NULL);
  gtk_window_present (fixture->window);
  g_assert_true (ui_test_wait_until (computed, fixture, WAIT_MSEC));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->settings);
  ui_test_destroy_and_check (g_steal_pointer (&fixture->window), g_steal_pointer (&fixture->session));
}

/* The figures of tests/cache/test-cache-stats.c's month: replies after
 * 5, 10, 30, 100 and 200 minutes in four chats, three within the hour,
 * two chats waiting, one of them overdue; customers wrote most from 10
 * and from 14 o'clock. */
static McResponseStats *
fixture_stats (void)
{
  McResponseStats *stats = g_new0 (McResponseStats, 1);
  g_autoptr(GDateTime) until = g_date_time_new_utc (2026, 12, 4, 12, 0, 0);

  stats->campaign_id = 21;
  stats->days = 30;
  stats->until = g_date_time_to_unix (until) * G_USEC_PER_SEC;
  stats->since = stats->until - 30 * G_TIME_SPAN_DAY;
  stats->target = 60 * MINUTE;
  stats->chats_answered = 4;
  stats->replies = 5;
  stats->replies_within_target = 3;
  stats->median_reply = 30 * MINUTE;
  stats->p90_reply = 200 * MINUTE;
  stats->waiting_now = 2;
  stats->overdue_now = 1;
  stats->busiest_hours[9] = 1;
  stats->busiest_hours[10] = 5;
  stats->busiest_hours[14] = 4;
  stats->busiest_hours[17] = 2;
  return stats;
}

static void
assert_label (Fixture    *fixture,
              const char *name,
              const char *text)
{
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (fixture, name))), ==, text);
}

static void
test_shows_figures (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(McResponseStats) stats = fixture_stats ();

  mc_statistics_window_show_stats (MC_STATISTICS_WINDOW (fixture->window), stats, STORE_NAME);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "stack"))), ==, "figures");
  assert_label (fixture, "answered_label", "4");
  assert_label (fixture, "median_label", "30 minutes");
  assert_label (fixture, "p90_label", "3 hours 20 minutes");
  assert_label (fixture, "within_label", "60%");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child (fixture, "within_row"))), ==,
                   "Answered within 1 hour");
  assert_label (fixture, "waiting_label", "2");
  assert_label (fixture, "overdue_label", "1");
  /* 14 o'clock's 4 is within a fifth of 10 o'clock's 5; 17's 2 is not. */
  assert_label (fixture, "busiest_label", "Busiest hours: 10:00–11:00, 14:00–15:00");
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(McResponseStats) stats = fixture_stats ();

  stats->chats_answered = stats->replies = stats->replies_within_target = 0;
  stats->median_reply = stats->p90_reply = -1;
  stats->waiting_now = stats->overdue_now = 0;
  memset (stats->busiest_hours, 0, sizeof stats->busiest_hours);
  mc_statistics_window_show_stats (MC_STATISTICS_WINDOW (fixture->window), stats, STORE_NAME);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "stack"))), ==, "empty");
}

static gboolean
has_replies (gpointer data)
{
  Fixture *fixture = data;
  McStatisticsWindow *window = MC_STATISTICS_WINDOW (fixture->window);
  AdwComboRow *period = ADW_COMBO_ROW (child (fixture, "period_row"));
  const McResponseStats *stats;

  if (!computed (fixture))
    return FALSE;
  stats = mc_statistics_window_get_stats (window);
  if (stats != NULL && stats->replies > 0)
    return TRUE;
  /* The demo's histories are still being saved: ask again. */
  adw_combo_row_set_selected (period, 1 - adw_combo_row_get_selected (period));
  return FALSE;
}

/* The demo's saved chats give figures, computed off the main thread, for
 * the period chosen. */
static void
test_computes (Fixture       *fixture,
               gconstpointer  data)
{
  McStatisticsWindow *window = MC_STATISTICS_WINDOW (fixture->window);
  AdwComboRow *period = ADW_COMBO_ROW (child (fixture, "period_row"));
  const McResponseStats *stats;
  guint days;

  g_assert_true (ui_test_wait_until (has_replies, fixture, WAIT_MSEC));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "stack"))), ==, "figures");
  stats = mc_statistics_window_get_stats (window);
  days = stats->days;
  g_assert_cmpuint (days, ==, adw_combo_row_get_selected (period) == 0 ? 7 : 30);
  g_assert_cmpint (stats->target, ==, 60 * MINUTE);
  g_assert_cmpint (stats->campaign_id, ==, MC_RESPONSE_STATS_ALL_STORES);
  g_assert_cmpuint (stats->chats_answered, >, 0);
  g_assert_cmpint (stats->median_reply, >=, 0);

  /* The other period: computed again. */
  adw_combo_row_set_selected (period, days == 7 ? 1 : 0);
  g_assert_null (mc_statistics_window_get_stats (window));
  g_assert_true (ui_test_wait_until (computed, fixture, WAIT_MSEC));
  stats = mc_statistics_window_get_stats (window);
  g_assert_nonnull (stats);
  g_assert_cmpuint (stats->days, ==, days == 7 ? 30 : 7);
}

/* The figures for the period of @index, computed afresh, once the demo's
 * histories hold replies. */
static const McResponseStats *
compute_period (Fixture *fixture,
                guint    index)
{
  McStatisticsWindow *window = MC_STATISTICS_WINDOW (fixture->window);
  AdwComboRow *period = ADW_COMBO_ROW (child (fixture, "period_row"));

  for (guint attempt = 0; attempt < 50; attempt++)
    {
      const McResponseStats *stats;

      adw_combo_row_set_selected (period, 1 - index);
      g_assert_true (ui_test_wait_until (computed, fixture, WAIT_MSEC));
      adw_combo_row_set_selected (period, index);
      g_assert_true (ui_test_wait_until (computed, fixture, WAIT_MSEC));
      stats = mc_statistics_window_get_stats (window);
      if (stats != NULL && stats->replies > 0)
        return stats;
      ui_test_run_for (200);
    }

  g_assert_not_reached ();
}

/* With working hours set, reply times count only those, as the reply
 * clocks do, and the window says so.  Half an hour on Mondays leaves at
 * most that much of each week: a long reply time shrinks. */
static void
test_working_hours (Fixture       *fixture,
                    gconstpointer  data)
{
  McChatStore *chats = mc_session_get_chats (fixture->session);
  GListModel *cabinets = mc_session_get_cabinets (fixture->session);
  g_autoptr(McWorkingHours) hours = mc_working_hours_new_from_string ("1000000 03:00-03:30 UTC");
  const McResponseStats *stats;
  gint64 wall_p90, wall_median;

  g_assert_nonnull (hours);
  stats = compute_period (fixture, 1);
  g_assert_cmpuint (stats->days, ==, 30);
  wall_p90 = stats->p90_reply;
  wall_median = stats->median_reply;
  /* The demo has customers who waited for hours. */
  g_assert_cmpint (wall_p90, >, 2 * G_TIME_SPAN_HOUR);
  g_assert_false (gtk_widget_get_visible (child (fixture, "hours_label")));

  for (guint i = 0; i < g_list_model_get_n_items (cabinets); i++)
    {
      g_autoptr(McCabinet) cabinet = g_list_model_get_item (cabinets, i);

      mc_chat_store_set_working_hours (chats, mc_cabinet_get_business_id (cabinet), hours);
    }

  stats = compute_period (fixture, 1);
  g_assert_true (gtk_widget_get_visible (child (fixture, "hours_label")));
  g_assert_cmpuint (stats->days, ==, 30);
  g_assert_cmpint (stats->p90_reply, <, wall_p90);
  g_assert_cmpint (stats->p90_reply, <=, 35 * 60 * G_TIME_SPAN_SECOND * (1 + wall_p90 / (7 * G_TIME_SPAN_DAY)));
  g_assert_cmpint (stats->median_reply, <=, wall_median);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;
  gboolean ok = mc_statistics_window_export_finish (MC_STATISTICS_WINDOW (source), result, error);

  g_assert_true (ok == (*error == NULL));
  if (*error == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

static gboolean
is_set (gpointer data)
{
  return *(GError **) data != NULL;
}

/* Runs an export and returns its error, or G_IO_ERROR_EXISTS "done". */
static GError *
export (Fixture *fixture,
        GFile   *file)
{
  GError *error = NULL;

  mc_statistics_window_export_async (MC_STATISTICS_WINDOW (fixture->window), file, NULL, on_exported, &error);
  g_assert_true (ui_test_wait_until (is_set, &error, WAIT_MSEC));
  return error;
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(McResponseStats) stats = fixture_stats ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mc-statistics-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "market-chats-statistics.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "statistics.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GDateTime) since = g_date_time_new_from_unix_local (stats->since / G_USEC_PER_SEC);
  g_autoptr(GDateTime) until = g_date_time_new_from_unix_local (stats->until / G_USEC_PER_SEC);
  g_autofree char *from_text = g_date_time_format (since, "%Y-%m-%d %H:%M");
  g_autofree char *to_text = g_date_time_format (until, "%Y-%m-%d %H:%M");
  g_autofree char *row = NULL;
  gsize length;

  g_assert_no_error (error);

  mc_statistics_window_show_stats (MC_STATISTICS_WINDOW (fixture->window), stats, STORE_NAME);
  error = export (fixture, file);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (contents, length, NULL));
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  /* A byte order mark, so that LibreOffice and Excel read UTF-8. */
  g_assert_true (g_str_has_prefix (lines[0], "\xEF\xBB\xBF" "Store,\"Period, days\",From,To,Chats answered,"));
  g_assert_true (g_str_has_suffix (lines[0], ",Customer messages 23:00–00:00"));
  /* The name quoted for its comma, local times, minutes, the hours. */
  row = g_strdup_printf ("\"" STORE_NAME "\",30,%s,%s,4,5,30,200,60,60,2,1,"
                         "0,0,0,0,0,0,0,0,0,1,5,0,0,0,4,0,0,2,0,0,0,0,0,0", from_text, to_text);
  g_assert_cmpstr (lines[1], ==, row);
  g_assert_cmpstr (lines[2], ==, "");

  /* The seller is told why a file could not be written. */
  error = export (fixture, missing_file);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/statistics/shows-figures", Fixture, NULL, fixture_set_up, test_shows_figures, fixture_tear_down);
  g_test_add ("/statistics/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/statistics/computes", Fixture, NULL, fixture_set_up, test_computes, fixture_tear_down);
  g_test_add ("/statistics/working-hours", Fixture, NULL, fixture_set_up, test_working_hours, fixture_tear_down);
  g_test_add ("/statistics/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);

  return g_test_run ();
}
