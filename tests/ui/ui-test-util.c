/* ui-test-util.c: a display, a demo session and waiting, for the UI tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include <gtk/gtk.h>

#include "ui-test-util.h"

#define LOAD_MSEC 20000

void
ui_test_init (int    *argc,
              char ***argv)
{
  /* A TAP plan of nothing, skipped: meson's TAP reader takes exit status
   * 77 for an error, not a skip. */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      exit (0);
    }

  /* Times shown must not depend on the machine's zone. */
  g_setenv ("TZ", "Europe/Moscow", TRUE);
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

static gboolean
on_timeout (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

gboolean
ui_test_wait_until (UiTestPredicate predicate,
                    gpointer        data,
                    guint           msec)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (msec, on_timeout, &timed_out);

  while (!predicate (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  return predicate (data);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
ui_test_run_for (guint msec)
{
  ui_test_wait_until (never, NULL, msec);
}

static gboolean
session_loaded (gpointer data)
{
  McSession *session = data;

  return mc_session_get_state (session) == MC_SESSION_STATE_READY &&
         g_list_model_get_n_items (G_LIST_MODEL (mc_session_get_chats (session))) > 0 &&
         g_list_model_get_n_items (G_LIST_MODEL (mc_session_get_stores (session))) > 0;
}

McSession *
ui_test_new_demo_session (void)
{
  McSession *session = mc_session_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_session_start_demo (session, &error));
  g_assert_no_error (error);
  g_assert_true (ui_test_wait_until (session_loaded, session, LOAD_MSEC));

  return session;
}

void
ui_test_destroy_and_check (GtkWindow *window,
                           McSession *session)
{
  g_object_ref (window);
  gtk_window_destroy (window);
  /* Idles and timeouts of the window's children hold references briefly. */
  ui_test_run_for (200);
  g_assert_finalize_object (window);

  if (session != NULL)
    {
      ui_test_run_for (100);
      g_assert_finalize_object (session);
    }
}
