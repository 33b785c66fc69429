/* test-token-leak.c: the app with a key from the keyring syncs against the
 * fake Market with every debug message on, and quits; the key is then in
 * none of its files, nor in what it printed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "app-test-util.h"
#include "mc-fake-market.h"
#include "mc-token-store.h"
#include "mc-test-util.h"

static AppTest *test;
static char *keyring_dir;

static gboolean
result_is_set (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static gboolean
contains_bytes (const char *haystack,
                gsize       length,
                const char *needle)
{
  gsize needle_length = strlen (needle);

  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (haystack + i, needle, needle_length) == 0)
      return TRUE;

  return FALSE;
}

/* Every regular file under @path that holds @needle is added to @found;
 * returns how many files were read. */
static guint
scan_tree (const char *path,
           const char *needle,
           GPtrArray  *found)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n_files = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          n_files += scan_tree (child, needle, found);
          continue;
        }
      if (!g_file_test (child, G_FILE_TEST_IS_REGULAR) ||
          !g_file_get_contents (child, &contents, &length, NULL))
        continue;

      n_files++;
      if (contains_bytes (contents, length, needle))
        g_ptr_array_add (found, g_steal_pointer (&child));
    }

  return n_files;
}

typedef struct
{
  McFakeMarket *market;
  guint         polls;
} Synced;

static gboolean
has_synced (gpointer data)
{
  Synced *synced = data;

  return mc_fake_market_get_request_count (synced->market, "getChats") >= synced->polls &&
         mc_fake_market_get_request_count (synced->market, "getChatHistory") > 0;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

static void
test_token_not_leaked (void)
{
  g_autoptr(McFakeMarket) market = mc_fake_market_new (3, 60);
  g_autoptr(McTokenStore) store = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) mock = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *keyring = g_build_filename (keyring_dir, "test.keyring", NULL);
  g_autofree char *cabinets = NULL;
  g_autofree char *origin_folder = NULL;
  g_autofree char *log = NULL;
  const char *argv[] = { "--api-url", NULL, NULL };
  const char *token;
  Synced synced;
  guint n_files;

  mc_test_start_market (market);
  mc_fake_market_set_life (market, 1, 2);
  token = mc_fake_market_get_token (market, MC_FAKE_TOKEN_CABINET_1);

  store = mc_token_store_new_for_url (mc_fake_market_get_url (market));
  mc_token_store_save_async (store, MC_TOKEN_KIND_API_KEY, "Shop", token, NULL, mc_test_store_result, &result);
  g_assert_true (app_test_wait (result_is_set, &result, 10000));
  g_assert_true (mc_token_store_save_finish (store, result, &error));
  g_assert_no_error (error);

  /* The overdue chats of the first sync are notified: something must
   * take the notifications, or GLib warns (fatal here). */
  launcher = app_test_launcher (test, "PYTHONDONTWRITEBYTECODE", "1", NULL);
  mock = g_subprocess_launcher_spawn (launcher, &error,
                                      "/usr/bin/python3", "-m", "dbusmock",
                                      "--template", "notification_daemon", NULL);
  g_assert_no_error (error);
  g_assert_true (app_test_wait_for_name (test, "org.freedesktop.Notifications", 10000));
  g_clear_object (&launcher);

  launcher = app_test_launcher (test,
                                "SECRET_BACKEND", "file",
                                "SECRET_FILE_TEST_PATH", keyring,
                                "G_MESSAGES_DEBUG", "all",
                                NULL);
  argv[1] = mc_fake_market_get_url (market);
  app_test_start_app (test, launcher, argv);
  g_assert_true (app_test_wait_for_name (test, APP_TEST_BUS_NAME, 10000));

  /* The first sweep, then a poll and some history. */
  synced.market = market;
  synced.polls = 2;
  g_assert_true (app_test_wait (has_synced, &synced, 30000));
  app_test_wait (never, NULL, 3000);

  g_assert_cmpint (app_test_quit_app (test, 15000), ==, 0);
  g_subprocess_force_exit (mock);
  g_subprocess_wait (mock, NULL, NULL);

  /* What was written: the cabinets file and a cache. */
  /* Another origin than the Market's keeps its own folder. */
  origin_folder = g_strcanon (mc_token_store_dup_origin_of_url (mc_fake_market_get_url (market)),
                              "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-", '_');
  cabinets = g_build_filename (test->home, "data", "market-chats", "origins", origin_folder,
                               "cabinets.ini", NULL);
  g_assert_true (g_file_test (cabinets, G_FILE_TEST_EXISTS));
  log = app_test_read_log (test);
  g_assert_nonnull (strstr (log, "DEBUG"));

  n_files = scan_tree (test->dir, token, found);
  g_assert_cmpuint (n_files, >=, 3);
  for (guint i = 0; i < found->len; i++)
    g_test_message ("The key is in %s", (char *) g_ptr_array_index (found, i));
  g_assert_cmpuint (found->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  test = app_test_new ();

  /* The keyring file is the one place the key belongs; it lives outside
   * the directories searched. */
  keyring_dir = g_dir_make_tmp ("mc-leak-keyring-XXXXXX", NULL);
  g_assert_nonnull (keyring_dir);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  mc_test_use_file_keyring (keyring_dir);

  g_test_add_func ("/app/token-leak/none", test_token_not_leaked);

  ret = g_test_run ();

  app_test_free (test);
  mc_test_remove_tree (keyring_dir);
  g_free (keyring_dir);

  return ret;
}
