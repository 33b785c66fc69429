/* app-test-util.c: see app-test-util.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "app-test-util.h"
#include "mc-test-util.h"

AppTest *
app_test_new (void)
{
  AppTest *test;
  const char *display = g_getenv ("DISPLAY");
  g_autoptr(GError) error = NULL;

  /* A TAP plan of nothing, skipped: meson's TAP reader takes exit status
   * 77 for an error, not a skip. */
  if (display == NULL || *display == '\0')
    {
      g_print ("1..0 # SKIP no display\n");
      exit (0);
    }

  test = g_new0 (AppTest, 1);
  /* GTestDBus unsets DISPLAY: the app gets it back explicitly. */
  test->display = g_strdup (display);
  test->dir = g_dir_make_tmp ("mc-app-test-XXXXXX", &error);
  g_assert_no_error (error);
  test->home = g_build_filename (test->dir, "home", NULL);
  test->log_path = g_build_filename (test->dir, "app.log", NULL);
  g_assert_cmpint (g_mkdir_with_parents (test->home, 0700), ==, 0);

  test->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (test->bus);
  test->connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  return test;
}

void
app_test_free (AppTest *test)
{
  if (test->app != NULL)
    {
      g_subprocess_force_exit (test->app);
      g_subprocess_wait (test->app, NULL, NULL);
    }
  g_clear_object (&test->app);
  g_dbus_connection_close_sync (test->connection, NULL, NULL);
  g_clear_object (&test->connection);
  g_test_dbus_down (test->bus);
  g_clear_object (&test->bus);

  mc_test_remove_tree (test->dir);
  g_free (test->dir);
  g_free (test->home);
  g_free (test->log_path);
  g_free (test->display);
  g_free (test);
}

gboolean
app_test_wait (AppTestCondition condition,
               gpointer         data,
               guint            timeout_msec)
{
  gint64 deadline = g_get_monotonic_time () + timeout_msec * G_TIME_SPAN_MILLISECOND;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (20 * 1000);
    }

  return TRUE;
}

typedef struct
{
  AppTest    *test;
  const char *name;
} NameCheck;

static gboolean
name_has_owner (gpointer data)
{
  NameCheck *check = data;
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (check->test->connection,
                                       "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", check->name),
                                       G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);

  return owned;
}

gboolean
app_test_wait_for_name (AppTest    *test,
                        const char *name,
                        guint       timeout_msec)
{
  NameCheck check = { test, name };

  return app_test_wait (name_has_owner, &check, timeout_msec);
}

GSubprocessLauncher *
app_test_launcher (AppTest    *test,
                   const char *first_name,
                   ...)
{
  GSubprocessLauncher *launcher;
  g_autofree char *config = g_build_filename (test->home, "config", NULL);
  g_autofree char *data = g_build_filename (test->home, "data", NULL);
  g_autofree char *cache = g_build_filename (test->home, "cache", NULL);
  const char *name;
  va_list args;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "DISPLAY", test->display, TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", test->home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", test->dir, TRUE);

  va_start (args, first_name);
  for (name = first_name; name != NULL; name = va_arg (args, const char *))
    g_subprocess_launcher_setenv (launcher, name, va_arg (args, const char *), TRUE);
  va_end (args);

  return launcher;
}

void
app_test_start_app (AppTest             *test,
                    GSubprocessLauncher *launcher,
                    const char * const  *argv)
{
  g_autoptr(GPtrArray) full = g_ptr_array_new ();
  const char *binary = g_getenv ("MC_APP_BINARY");
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (binary);
  g_ptr_array_add (full, (gpointer) binary);
  for (guint i = 0; argv != NULL && argv[i] != NULL; i++)
    g_ptr_array_add (full, (gpointer) argv[i]);
  g_ptr_array_add (full, NULL);

  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_stdout_file_path (launcher, test->log_path);
  test->app = g_subprocess_launcher_spawnv (launcher, (const char * const *) full->pdata, &error);
  g_assert_no_error (error);
}

void
app_test_activate_action (AppTest    *test,
                          const char *action,
                          GVariant   *parameter)
{
  GVariantBuilder parameters;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_variant_builder_init (&parameters, G_VARIANT_TYPE ("av"));
  if (parameter != NULL)
    g_variant_builder_add (&parameters, "v", parameter);

  reply = g_dbus_connection_call_sync (test->connection,
                                       APP_TEST_BUS_NAME, APP_TEST_OBJECT_PATH,
                                       "org.freedesktop.Application", "ActivateAction",
                                       g_variant_new ("(sav@a{sv})", action, &parameters,
                                                      g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  g_assert_no_error (error);
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
on_app_exit (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *(gboolean *) user_data = TRUE;
}

int
app_test_quit_app (AppTest *test,
                   guint    timeout_msec)
{
  g_autoptr(GSubprocess) app = g_steal_pointer (&test->app);
  gboolean exited = FALSE;

  g_subprocess_wait_async (app, NULL, on_app_exit, &exited);
  app_test_activate_action (test, "quit", NULL);
  if (!app_test_wait (flag_is_set, &exited, timeout_msec))
    {
      g_subprocess_force_exit (app);
      g_subprocess_wait (app, NULL, NULL);
      g_assert_not_reached ();
    }

  g_assert_true (g_subprocess_get_if_exited (app));
  return g_subprocess_get_exit_status (app);
}

char *
app_test_read_log (AppTest *test)
{
  char *contents = NULL;

  if (!g_file_get_contents (test->log_path, &contents, NULL, NULL))
    return g_strdup ("");

  return contents;
}
