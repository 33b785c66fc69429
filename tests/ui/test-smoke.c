/* test-smoke.c: the main, preferences and about windows open on the demo,
 * close, and leave nothing behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-preferences-window.h"
#include "mc-window.h"
#include "ui-test-util.h"

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
test_windows (void)
{
  McSession *session = ui_test_new_demo_session ();
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  McWindow *window;
  GtkWindow *preferences;
  GtkWindow *about;

  window = mc_window_new (NULL, session, settings);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_wait_until (window_mapped, window, 5000));
  g_assert_true (mc_window_get_session (window) == session);
  g_assert_cmpint (mc_window_get_open_chat_id (window), ==, 0);

  preferences = mc_preferences_window_new (settings, session);
  gtk_window_set_transient_for (preferences, GTK_WINDOW (window));
  gtk_window_present (preferences);
  g_assert_true (ui_test_wait_until (window_mapped, preferences, 5000));

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", window,
                        "application-name", "Market Chats",
                        NULL);
  gtk_window_present (about);
  g_assert_true (ui_test_wait_until (window_mapped, about, 5000));

  ui_test_destroy_and_check (about, NULL);
  ui_test_destroy_and_check (preferences, NULL);
  ui_test_destroy_and_check (GTK_WINDOW (window), session);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/smoke/windows", test_windows);

  return g_test_run ();
}
