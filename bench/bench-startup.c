/* bench-startup.c: cold start, from exec to the first frame, of Market
 * Chats with 10,000 cached chats against a minimal GTK + libadwaita window
 * (this program again, started with --minimal).
 *
 * The app starts as a seller's would: its key in the keyring (libsecret's
 * file backend here), the cabinets file naming its business, and the
 * cache of that business; the API URL is a loopback port nobody listens
 * on any more, so start-up is cache-only.  The app prints the monotonic
 * time of its first frame once the cached chats are in
 * (MARKET_CHATS_BENCH_FIRST_FRAME=1), and the renderer that drew it, and
 * quits.  The minimal window picks its renderer as the app does (cairo
 * where GTK 4.8 would draw OpenGL in software).  Medians of 5 runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "mc-cabinet-private.h"
#include "mc-fake-market.h"
#include "mc-token-store.h"
#include "mc-ui.h"

#define N_CHATS 10000
#define RUNS    5
#define LABEL   "Bench cabinet"

/* The minimal app */

static void
on_minimal_after_paint (GdkFrameClock *clock,
                        GApplication  *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_print ("first-frame %" G_GINT64_FORMAT " %s\n", g_get_monotonic_time (),
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  g_signal_handlers_disconnect_by_func (clock, on_minimal_after_paint, app);
  g_application_quit (app);
}

static void
on_minimal_realize (GtkWidget    *window,
                    GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_minimal_after_paint), app);
}

static void
on_minimal_activate (GApplication *app)
{
  GtkWidget *window;
  GtkWidget *box;

  /* The renderer the app would pick, picked as the app does. */
  mc_ui_choose_renderer (gdk_display_get_default ());
  window = adw_application_window_new (GTK_APPLICATION (app));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Market Chats"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  g_signal_connect (window, "realize", G_CALLBACK (on_minimal_realize), app);
  gtk_window_present (GTK_WINDOW (window));
}

static int
run_minimal (void)
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.marketchats.BenchMinimal",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_minimal_activate), NULL);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}

/* Preparing the seller's machine */

static void
on_result (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static void
check (gboolean      ok,
       const GError *error,
       const char   *what)
{
  if (!ok)
    {
      g_printerr ("bench-startup: %s: %s\n", what, error != NULL ? error->message : "failed");
      exit (1);
    }
}

/* The fake Market's URL, dead once this returns. */
static char *
prepare_cabinet (void)
{
  /* The fake splits its chats between two cabinets; ask for enough that
   * the first holds N_CHATS. */
  g_autoptr(McFakeMarket) market = mc_fake_market_new (5, N_CHATS * 8 / 5);
  g_autoptr(McTokenStore) tokens = NULL;
  g_autofree char *origin = NULL;
  g_autoptr(McCabinet) cabinet = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GError) error = NULL;
  const char *token;
  char *url;

  check (mc_fake_market_start (market, 0, &error), error, "starting the fake Market");
  mc_fake_market_set_latency (market, 0);
  url = g_strdup (mc_fake_market_get_url (market));
  token = mc_fake_market_get_token (market, MC_FAKE_TOKEN_CABINET_1);

  /* Where the app started with --api-url URL looks for its key, cabinets
   * file and cache. */
  origin = mc_token_store_dup_origin_of_url (url);
  tokens = mc_token_store_new_for_origin (origin);
  mc_cache_set_api_origin (origin);

  mc_cabinet_connect_async (url, MC_AUTH_KIND_API_KEY, LABEL, token, NULL, on_result, &result);
  cabinet = mc_cabinet_connect_finish (wait_result (&result), &error);
  check (cabinet != NULL, error, "connecting the cabinet");
  g_clear_object (&result);

  mc_token_store_save_async (tokens, MC_TOKEN_KIND_API_KEY, LABEL, token, NULL, on_result, &result);
  check (mc_token_store_save_finish (tokens, wait_result (&result), &error), error, "storing the key");
  g_clear_object (&result);
  check (mc_cabinet_remember (cabinet, &error), error, "writing the cabinets file");

  mc_api_client_get_all_chats_async (mc_cabinet_get_client (cabinet), mc_cabinet_get_business_id (cabinet),
                                     NULL, NULL, on_result, &result);
  chats = mc_api_client_get_all_chats_finish (mc_cabinet_get_client (cabinet), wait_result (&result), &error);
  check (chats != NULL && chats->len >= N_CHATS, error, "reading the chats");
  g_clear_object (&result);
  g_ptr_array_set_size (chats, N_CHATS);

  check (mc_cabinet_open_cache (cabinet, &error), error, "opening the cache");
  mc_cache_save_chats_async (mc_cabinet_get_cache (cabinet), chats, NULL, NULL, NULL);
  check (mc_cache_flush (mc_cabinet_get_cache (cabinet), &error), error, "writing the cache");
  mc_cache_close (mc_cabinet_get_cache (cabinet));
  g_printerr ("# %u chats cached in %s\n", chats->len, mc_cache_get_path (mc_cabinet_get_cache (cabinet)));

  mc_fake_market_stop (market);

  return url;
}

/* Timing one start */

static gboolean
on_timeout (gpointer data)
{
  g_subprocess_force_exit (data);
  return G_SOURCE_REMOVE;
}

/* Milliseconds from spawning @argv to the first frame it reports, or a
 * negative number when it reported none; @renderer (when not NULL) is
 * set to the renderer that drew the frame. */
static double
time_start (const char * const  *argv,
            char               **renderer)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *number = NULL;
  const char *line;
  gint64 start;
  gint64 frame;
  guint timeout;

  g_subprocess_launcher_setenv (launcher, "MARKET_CHATS_BENCH_FIRST_FRAME", "1", TRUE);

  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  check (process != NULL, error, argv[0]);
  timeout = g_timeout_add_seconds (60, on_timeout, process);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_result, &result);
  check (g_subprocess_communicate_utf8_finish (process, wait_result (&result), &out, NULL, &error),
         error, "reading the output");
  g_source_remove (timeout);

  line = out != NULL ? strstr (out, "first-frame ") : NULL;
  if (line == NULL)
    return -1.0;
  line += strlen ("first-frame ");
  number = g_strndup (line, strcspn (line, " \n"));
  if (!g_ascii_string_to_signed (number, 10, 0, G_MAXINT64, &frame, NULL))
    return -1.0;
  line += strlen (number);
  if (renderer != NULL && *line == ' ')
    {
      g_free (*renderer);
      *renderer = g_strndup (line + 1, strcspn (line + 1, "\n"));
    }

  return (frame - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median_start (const char * const  *argv,
              const char          *name,
              char               **renderer)
{
  double times[RUNS];

  /* A first start off the record warms the disk cache and fontconfig. */
  time_start (argv, NULL);
  for (guint i = 0; i < RUNS; i++)
    {
      times[i] = time_start (argv, renderer);
      if (times[i] < 0)
        {
          g_printerr ("bench-startup: %s painted no frame\n", name);
          exit (1);
        }
      g_printerr ("# %s run %u: %.1f ms\n", name, i + 1, times[i]);
    }
  qsort (times, RUNS, sizeof times[0], compare_doubles);

  return times[RUNS / 2];
}

static char *
find_app (const char *self_path)
{
  const char *builddir = g_getenv ("MC_BENCH_BUILDDIR");
  g_autofree char *self_dir = NULL;
  g_autofree char *top = NULL;

  if (builddir != NULL)
    return g_build_filename (builddir, "src", "market-chats", NULL);

  self_dir = g_path_get_dirname (self_path);
  top = g_path_get_dirname (self_dir);
  return g_build_filename (top, "src", "market-chats", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *self_path = NULL;
  g_autofree char *app = NULL;
  g_autofree char *work = NULL;
  g_autofree char *keyring = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *app_renderer = NULL;
  g_autofree char *minimal_renderer = NULL;
  double app_ms;
  double minimal_ms;

  if (argc > 1 && g_str_equal (argv[1], "--minimal"))
    return run_minimal ();

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("bench-startup needs a display (build-aux/bench.sh runs it under Xvfb)\n");
      return 77;
    }

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path == NULL)
    self_path = g_canonicalize_filename (argv[0], NULL);
  app = find_app (self_path);
  if (!g_file_test (app, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("bench-startup: %s is not built\n", app);
      return 1;
    }

  /* Everything the app reads at start, in a directory of its own; the
   * children inherit this environment. */
  work = g_dir_make_tmp ("mc-bench-startup-XXXXXX", &error);
  check (work != NULL, error, "making a work directory");
  keyring = g_build_filename (work, "keyring", NULL);
  data_home = g_build_filename (work, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "bench-startup", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);

  url = prepare_cabinet ();

  {
    const char * const app_argv[] = { app, "--api-url", url, NULL };
    const char * const minimal_argv[] = { self_path, "--minimal", NULL };

    app_ms = median_start (app_argv, "app", &app_renderer);
    minimal_ms = median_start (minimal_argv, "minimal", &minimal_renderer);
    g_print ("# drawn by %s (app), %s (minimal)\n", app_renderer, minimal_renderer);
  }

  g_print ("figure startup_app_10k %.0f ms\n", app_ms);
  g_print ("figure startup_minimal %.0f ms\n", minimal_ms);
  g_print ("figure startup_ratio %.2f (target <= 1.5)\n", app_ms / minimal_ms);

  {
    g_autofree char *rm_argv0 = g_find_program_in_path ("rm");
    const char * const rm_argv[] = { rm_argv0, "-rf", work, NULL };

    if (rm_argv0 != NULL)
      g_spawn_sync (NULL, (char **) rm_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, NULL, NULL);
  }

  return 0;
}
