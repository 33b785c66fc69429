/* test-reply-clock-prefs.c: the Reply Clock group of Preferences: the
 * target and each cabinet's working hours reach GSettings and, through
 * the window, the chats' clocks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-chat-store.h"
#include "mc-preferences-window.h"
#include "mc-window.h"
#include "mc-working-hours-row.h"
#include "ui-test-util.h"

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gpointer
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

static char *
stored_hours (GSettings *settings,
              gint64     business_id)
{
  g_autoptr(GVariant) table = g_settings_get_value (settings, "working-hours");
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, business_id);
  char *hours = NULL;

  g_variant_lookup (table, key, "s", &hours);
  return hours;
}

static void
test_preferences (void)
{
  McSession *session = ui_test_new_demo_session ();
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  McChatStore *chats = mc_session_get_chats (session);
  McWindow *window;
  GtkWindow *preferences;
  GtkListBox *hours_list;
  McWorkingHoursRow *row;
  GtkSpinButton *target;
  gint64 business_id;
  g_autofree char *stored = NULL;
  g_autofree char *moscow = NULL;
  GtkWidget *day;

  window = mc_window_new (NULL, session, settings);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_wait_until (window_mapped, window, 5000));
  preferences = mc_preferences_window_new (settings, session);
  gtk_window_set_transient_for (preferences, GTK_WINDOW (window));
  gtk_window_present (preferences);
  g_assert_true (ui_test_wait_until (window_mapped, preferences, 5000));

  /* The one setting of the target, in minutes of working time. */
  target = child (preferences, MC_TYPE_PREFERENCES_WINDOW, "reply_target_spin");
  g_assert_cmpfloat (gtk_spin_button_get_value (target), ==, 60);
  gtk_spin_button_set_value (target, 90);
  g_assert_cmpuint (g_settings_get_uint (settings, "reply-target-minutes"), ==, 90);
  g_assert_cmpint (mc_chat_store_get_reply_target (chats), ==, 90 * G_TIME_SPAN_MINUTE);

  /* One row per cabinet, every minute counting at first. */
  hours_list = child (preferences, MC_TYPE_PREFERENCES_WINDOW, "working_hours_list");
  row = MC_WORKING_HOURS_ROW (gtk_list_box_get_row_at_index (hours_list, 0));
  g_assert_nonnull (row);
  business_id = mc_working_hours_row_get_business_id (row);
  g_assert_cmpint (business_id, >, 0);
  g_assert_cmpstr (mc_working_hours_row_get_hours (row), ==, "always");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "Every minute counts");
  g_assert_null (stored_hours (settings, business_id));

  /* Working hours on: weekdays 9 to 6 in this computer's zone. */
  gtk_switch_set_active (child (row, MC_TYPE_WORKING_HOURS_ROW, "limit_switch"), TRUE);
  stored = stored_hours (settings, business_id);
  g_assert_cmpstr (stored, ==, "1111100 09:00-18:00 local");
  g_assert_nonnull (mc_chat_store_get_working_hours (chats, business_id));

  /* A later start, Moscow time, Saturday too. */
  gtk_spin_button_set_value (child (row, MC_TYPE_WORKING_HOURS_ROW, "start_spin"), 10 * 60);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (row, MC_TYPE_WORKING_HOURS_ROW, "start_spin"))),
                   ==, "10:00");
  adw_combo_row_set_selected (child (row, MC_TYPE_WORKING_HOURS_ROW, "zone_row"), 2);
  day = gtk_widget_get_last_child (child (row, MC_TYPE_WORKING_HOURS_ROW, "days_box"));
  day = gtk_widget_get_prev_sibling (day);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (day), GTK_ACCESSIBLE_PROPERTY_LABEL, "Saturday");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (day), TRUE);
  moscow = stored_hours (settings, business_id);
  g_assert_cmpstr (moscow, ==, "1111110 10:00-18:00 Europe/Moscow");
  g_assert_cmpuint (mc_working_hours_get_start_minute (mc_chat_store_get_working_hours (chats, business_id)),
                    ==, 10 * 60);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "Mon Tue Wed Thu Fri Sat, 10:00–18:00, Europe/Moscow");

  /* Off again: no entry, every minute counts. */
  gtk_switch_set_active (child (row, MC_TYPE_WORKING_HOURS_ROW, "limit_switch"), FALSE);
  g_assert_null (stored_hours (settings, business_id));
  g_assert_null (mc_chat_store_get_working_hours (chats, business_id));

  g_settings_reset (settings, "reply-target-minutes");
  g_settings_reset (settings, "working-hours");
  ui_test_destroy_and_check (preferences, NULL);
  ui_test_destroy_and_check (GTK_WINDOW (window), session);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/reply-clock-prefs/preferences", test_preferences);

  return g_test_run ();
}
