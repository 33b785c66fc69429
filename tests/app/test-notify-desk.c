/* test-notify-desk.c: the notification actions and what decides whether
 * the seller is told, end to end under the mock notification daemon
 * (python3-dbusmock): "Mark as Read" and "Remind in 15 Minutes" invoked
 * as the daemon does (ActionInvoked), a muted store, quiet hours and
 * their summary, and the one "Reply overdue" of each wait, also after a
 * restart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "app-test-util.h"
#include "mc-fake-market.h"
#include "mc-test-util.h"
#include "mc-token-store.h"

#define NOTIFY_PATH "/org/freedesktop/Notifications"
#define NOTIFY_NAME "org.freedesktop.Notifications"
#define MOCK_IFACE "org.freedesktop.DBus.Mock"

static AppTest *test;

typedef struct
{
  guint32 id;          /* as the daemon numbered it */
  gint64  chat_id;     /* 0 for a summary */
  char   *title;
  char   *mark_key;    /* the action keys of the buttons */
  char   *remind_key;
} Shown;

static void
shown_free (Shown *shown)
{
  g_free (shown->title);
  g_free (shown->mark_key);
  g_free (shown->remind_key);
  g_free (shown);
}

/* Every Notify call so far, and how many CloseNotification calls. */
static GPtrArray *
list_shown (guint *n_closed)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *shown = g_ptr_array_new_with_free_func ((GDestroyNotify) shown_free);
  guint32 next_id = 1;
  const char *method;
  GVariantIter *args;
  guint64 time;

  reply = g_dbus_connection_call_sync (test->connection, NOTIFY_NAME, NOTIFY_PATH,
                                       MOCK_IFACE, "GetCalls", NULL,
                                       G_VARIANT_TYPE ("(a(tsav))"),
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);

  if (n_closed != NULL)
    *n_closed = 0;
  g_variant_get (reply, "(a(tsav))", &iter);
  while (g_variant_iter_next (iter, "(t&sav)", &time, &method, &args))
    {
      g_autoptr(GVariantIter) owned_args = args;
      g_autoptr(GVariant) app_name = NULL, replaces = NULL, icon = NULL;
      g_autoptr(GVariant) title = NULL, body = NULL, actions = NULL;
      g_autofree const char **keys = NULL;
      Shown *item;

      if (g_str_equal (method, "CloseNotification") && n_closed != NULL)
        (*n_closed)++;
      if (!g_str_equal (method, "Notify"))
        continue;

      g_variant_iter_next (args, "v", &app_name);
      g_variant_iter_next (args, "v", &replaces);
      g_variant_iter_next (args, "v", &icon);
      g_variant_iter_next (args, "v", &title);
      g_variant_iter_next (args, "v", &body);
      g_variant_iter_next (args, "v", &actions);

      item = g_new0 (Shown, 1);
      item->id = g_variant_get_uint32 (replaces);
      if (item->id == 0)
        item->id = next_id++;
      item->title = g_variant_dup_string (title, NULL);

      keys = g_variant_get_strv (actions, NULL);
      if (g_strv_length ((char **) keys) == 6)
        {
          g_autofree char *name = NULL;
          g_autoptr(GVariant) target = NULL;

          g_assert_true (g_action_parse_detailed_name (keys[2], &name, &target, NULL));
          g_assert_cmpstr (name, ==, "app.mark-chat-read");
          item->chat_id = g_variant_get_int64 (target);
          item->mark_key = g_strdup (keys[2]);
          item->remind_key = g_strdup (keys[4]);
        }
      else
        {
          /* Summaries open the window: no buttons, no chat. */
          g_assert_cmpuint (g_strv_length ((char **) keys), ==, 0);
        }

      g_ptr_array_add (shown, item);
    }

  return shown;
}

static void
emit_action_invoked (guint32     id,
                     const char *action)
{
  GVariantBuilder args;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_variant_builder_init (&args, G_VARIANT_TYPE ("av"));
  g_variant_builder_add (&args, "v", g_variant_new_uint32 (id));
  g_variant_builder_add (&args, "v", g_variant_new_string (action));

  reply = g_dbus_connection_call_sync (test->connection, NOTIFY_NAME, NOTIFY_PATH,
                                       MOCK_IFACE, "EmitSignal",
                                       g_variant_new ("(sssav)", NOTIFY_NAME, "ActionInvoked", "us", &args),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
}

static gboolean
log_contains (gpointer data)
{
  g_autofree char *log = app_test_read_log (test);

  return strstr (log, data) != NULL;
}

static gboolean
never_true (gpointer data)
{
  return FALSE;
}

/* How many lines of the log start with @prefix followed by @chat_id (any
 * chat when 0) and a space or the line's end. */
static guint
count_log_lines (const char *prefix,
                 gint64      chat_id)
{
  g_autofree char *log = app_test_read_log (test);
  g_auto(GStrv) lines = g_strsplit (log, "\n", -1);
  g_autofree char *needle = chat_id != 0 ? g_strdup_printf ("%s%" G_GINT64_FORMAT, prefix, chat_id)
                                         : g_strdup (prefix);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *at = strstr (lines[i], needle);

      if (at != NULL && (chat_id == 0 || at[strlen (needle)] == ' ' || at[strlen (needle)] == '\0'))
        n++;
    }

  return n;
}

/* The store of a chat as the log of a notification or a muted one says
 * it ("... chat 12 of store 34"), 0 when not logged. */
static gint64
logged_store_of (gint64 chat_id)
{
  g_autofree char *log = app_test_read_log (test);
  g_autofree char *needle = g_strdup_printf (" chat %" G_GINT64_FORMAT " of store ", chat_id);
  const char *at = strstr (log, needle);

  return at != NULL ? g_ascii_strtoll (at + strlen (needle), NULL, 10) : 0;
}

static void
write_settings (const char *extra)
{
  g_autofree char *dir = g_build_filename (test->home, "config", "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (dir, "keyfile", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  contents = g_strconcat ("[io/github/marketchats/MarketChats]\n"
                          "poll-interval=uint32 10\n",
                          extra, NULL);
  g_file_set_contents (keyfile, contents, -1, &error);
  g_assert_no_error (error);
}

static GSubprocess *
start_mock (void)
{
  g_autoptr(GSubprocessLauncher) launcher = app_test_launcher (test, "PYTHONDONTWRITEBYTECODE", "1", NULL);
  g_autoptr(GError) error = NULL;
  GSubprocess *mock;

  mock = g_subprocess_launcher_spawn (launcher, &error,
                                      "/usr/bin/python3", "-m", "dbusmock",
                                      "--template", "notification_daemon", NULL);
  g_assert_no_error (error);
  g_assert_true (app_test_wait_for_name (test, NOTIFY_NAME, 10000));

  return mock;
}

static void
stop_mock (GSubprocess *mock)
{
  g_subprocess_force_exit (mock);
  g_subprocess_wait (mock, NULL, NULL);
}

static void
start_demo (const char *life)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  const char *argv[] = { "--demo", NULL };

  g_unlink (test->log_path);
  launcher = app_test_launcher (test,
                                "GSETTINGS_BACKEND", "keyfile",
                                "MARKET_CHATS_DEMO_LIFE", life,
                                "MARKET_CHATS_REMIND_SECONDS", "4",
                                "G_MESSAGES_DEBUG", "mc-app",
                                NULL);
  app_test_start_app (test, launcher, argv);
  g_assert_true (app_test_wait_for_name (test, APP_TEST_BUS_NAME, 10000));
}

typedef struct
{
  guint n_chats;    /* distinct chats with a notification */
  guint n_closed;
} Wanted;

static gboolean
chats_shown (gpointer data)
{
  Wanted *wanted = data;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GHashTable) chats = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n_closed;

  shown = list_shown (&n_closed);
  for (guint i = 0; i < shown->len; i++)
    {
      Shown *item = g_ptr_array_index (shown, i);

      if (item->chat_id != 0)
        g_hash_table_add (chats, &item->chat_id);
    }

  return g_hash_table_size (chats) >= wanted->n_chats && n_closed >= wanted->n_closed;
}

/* The newest notification of each of two chats. */
static void
pick_two (GPtrArray  *shown,
          Shown     **a,
          Shown     **b)
{
  *a = *b = NULL;
  for (guint i = shown->len; i > 0; i--)
    {
      Shown *item = g_ptr_array_index (shown, i - 1);

      if (item->chat_id == 0)
        continue;
      if (*a == NULL)
        *a = item;
      else if (item->chat_id != (*a)->chat_id)
        {
          *b = item;
          return;
        }
    }
}

typedef struct
{
  gint64 chat_id;
  guint  after;   /* Notify calls before */
} ShownAgain;

static gboolean
chat_shown_again (gpointer data)
{
  ShownAgain *wanted = data;
  g_autoptr(GPtrArray) shown = list_shown (NULL);

  for (guint i = wanted->after; i < shown->len; i++)
    if (((Shown *) g_ptr_array_index (shown, i))->chat_id == wanted->chat_id)
      return TRUE;

  return FALSE;
}

/* "Mark as Read" reads the chat without a window showing it and takes
 * the notification away; "Remind in 15 Minutes" (4 s here) takes it away
 * and brings it back while the chat still needs a reply. */
static void
test_actions (void)
{
  g_autoptr(GSubprocess) mock = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autofree char *line = NULL;
  Wanted wanted = { 2, 0 };
  ShownAgain again;
  Shown *a, *b;
  guint n_closed;
  gint64 invoked;

  write_settings ("");
  mock = start_mock ();
  start_demo ("2,4");

  g_assert_true (app_test_wait (chats_shown, &wanted, 60000));
  shown = list_shown (&n_closed);
  pick_two (shown, &a, &b);
  g_assert_nonnull (b);

  /* The window is up, showing no chat (the display has no window manager
   * to take the focus away): news that would pop up was a toast too. */
  g_assert_true (log_contains ("Toast for chat "));

  emit_action_invoked (a->id, a->mark_key);
  line = g_strdup_printf ("Marked chat %" G_GINT64_FORMAT " read", a->chat_id);
  g_assert_true (app_test_wait (log_contains, line, 10000));
  wanted.n_chats = 0;
  wanted.n_closed = n_closed + 1;
  g_assert_true (app_test_wait (chats_shown, &wanted, 10000));
  /* No window showed it: the chat was read from the notification. */
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("Showing chat %" G_GINT64_FORMAT "\n", a->chat_id);
  g_assert_false (log_contains (line));

  again.chat_id = b->chat_id;
  again.after = shown->len;
  invoked = g_get_monotonic_time ();
  emit_action_invoked (b->id, b->remind_key);
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("Will remind of chat %" G_GINT64_FORMAT "\n", b->chat_id);
  g_assert_true (app_test_wait (log_contains, line, 10000));
  wanted.n_closed++;
  g_assert_true (app_test_wait (chats_shown, &wanted, 10000));

  /* Not before the delay... */
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("Reminding of chat %" G_GINT64_FORMAT "\n", b->chat_id);
  app_test_wait (never_true, NULL, 2000);
  g_assert_false (log_contains (line));
  /* ...and then again, unless answered: the demo's customers wait. */
  g_assert_true (app_test_wait (log_contains, line, 15000));
  g_assert_cmpint (g_get_monotonic_time () - invoked, >=, 4 * G_USEC_PER_SEC);
  g_assert_true (app_test_wait (chat_shown_again, &again, 10000));

  g_assert_cmpint (app_test_quit_app (test, 15000), ==, 0);
  stop_mock (mock);
}

/* A line saying a chat of the store (@data, "of store 12") was muted. */
static gboolean
store_muted (gpointer data)
{
  g_autofree char *log = app_test_read_log (test);
  g_auto(GStrv) lines = g_strsplit (log, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "Muted chat ") != NULL && g_str_has_suffix (lines[i], data))
      return TRUE;

  return FALSE;
}

/* A muted store's chats notify no more; the others still do. */
static void
test_mute_store (void)
{
  g_autoptr(GSubprocess) mock = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autofree char *extra = NULL;
  g_autofree char *muted_line = NULL;
  Wanted wanted = { 1, 0 };
  guint before;
  gint64 store;

  write_settings ("");
  mock = start_mock ();
  start_demo ("1,2");

  /* A chat of a store: chats about no order have none. */
  for (store = 0; store == 0; wanted.n_chats++)
    {
      g_assert_true (app_test_wait (chats_shown, &wanted, 60000));
      g_clear_pointer (&shown, g_ptr_array_unref);
      shown = list_shown (NULL);
      for (guint i = 0; i < shown->len && store == 0; i++)
        store = logged_store_of (((Shown *) g_ptr_array_index (shown, i))->chat_id);
    }

  /* As the sidebar's menu does it: its notification goes too. */
  g_clear_pointer (&shown, g_ptr_array_unref);
  shown = list_shown (&wanted.n_closed);
  wanted.n_chats = 0;
  wanted.n_closed++;
  extra = g_strdup_printf ("muted-stores=['%" G_GINT64_FORMAT "']\n", store);
  write_settings (extra);
  g_assert_true (app_test_wait (chats_shown, &wanted, 10000));
  muted_line = g_strdup_printf (" of store %" G_GINT64_FORMAT, store);
  g_assert_true (app_test_wait (store_muted, muted_line, 60000));
  g_clear_pointer (&shown, g_ptr_array_unref);
  shown = list_shown (NULL);
  before = shown->len;
  g_clear_pointer (&shown, g_ptr_array_unref);

  /* Two more checks: nothing of that store, its chats are counted muted. */
  app_test_wait (never_true, NULL, 20000);
  shown = list_shown (NULL);
  for (guint i = before; i < shown->len; i++)
    {
      Shown *item = g_ptr_array_index (shown, i);

      if (item->chat_id != 0)
        g_assert_cmpint (logged_store_of (item->chat_id), !=, store);
    }

  g_assert_cmpint (app_test_quit_app (test, 15000), ==, 0);
  stop_mock (mock);
}

static gboolean
summary_shown (gpointer data)
{
  g_autoptr(GPtrArray) shown = list_shown (NULL);

  for (guint i = 0; i < shown->len; i++)
    if (strstr (((Shown *) g_ptr_array_index (shown, i))->title, "during quiet hours") != NULL)
      return TRUE;

  return FALSE;
}

/* During quiet hours nothing pops up; when they end, one notification
 * tells what came. */
static void
test_quiet_hours (void)
{
  g_autoptr(GSubprocess) mock = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *extra = NULL;
  guint minute = g_date_time_get_hour (now) * 60 + g_date_time_get_minute (now);
  guint summaries = 0;

  /* Quiet from an hour ago to an hour from now. */
  extra = g_strdup_printf ("quiet-hours=true\n"
                           "quiet-hours-start=uint32 %u\n"
                           "quiet-hours-end=uint32 %u\n",
                           (minute + 24 * 60 - 60) % (24 * 60), (minute + 60) % (24 * 60));
  write_settings (extra);
  mock = start_mock ();
  start_demo ("1,2");

  g_assert_true (app_test_wait (log_contains, "Quiet for chat ", 60000));
  shown = list_shown (NULL);
  g_assert_cmpuint (shown->len, ==, 0);

  /* The seller turns them off (or they end). */
  write_settings ("quiet-hours=false\n");
  g_assert_true (app_test_wait (summary_shown, NULL, 20000));
  g_clear_pointer (&shown, g_ptr_array_unref);
  shown = list_shown (NULL);
  for (guint i = 0; i < shown->len; i++)
    {
      Shown *item = g_ptr_array_index (shown, i);

      if (strstr (item->title, "during quiet hours") != NULL)
        {
          summaries++;
          g_assert_cmpint (item->chat_id, ==, 0);
          /* Before it, nothing. */
          g_assert_cmpuint (i, ==, 0);
        }
    }
  g_assert_cmpuint (summaries, ==, 1);

  g_assert_cmpint (app_test_quit_app (test, 15000), ==, 0);
  stop_mock (mock);
}

static gboolean
result_is_set (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static gboolean
clocks_looked_at (gpointer data)
{
  return log_contains ("Looked at the reply clocks of ");
}

static void
start_market_app (McFakeMarket *market,
                  const char   *keyring)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  const char *argv[] = { "--api-url", mc_fake_market_get_url (market), NULL };

  g_unlink (test->log_path);
  launcher = app_test_launcher (test,
                                "GSETTINGS_BACKEND", "keyfile",
                                "SECRET_BACKEND", "file",
                                "SECRET_FILE_TEST_PATH", keyring,
                                "MARKET_CHATS_REMIND_SECONDS", "8",
                                "G_MESSAGES_DEBUG", "mc-app",
                                NULL);
  app_test_start_app (test, launcher, argv);
  g_assert_true (app_test_wait_for_name (test, APP_TEST_BUS_NAME, 10000));
}

/* A chat whose customer waits past the reply target is announced once
 * per wait: not again at the next look, nor after a restart.  A reminder
 * asked for before the restart still comes after it. */
static void
test_across_restart (void)
{
  McFakeMarket *market = mc_fake_market_new (43, 20);
  g_autoptr(McTokenStore) store = NULL;
  g_autoptr(GSubprocess) mock = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GHashTable) overdue_titles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *keyring_dir = g_build_filename (test->dir, "keyring-overdue", NULL);
  g_autofree char *keyring = g_build_filename (keyring_dir, "test.keyring", NULL);
  g_auto(GStrv) first_run = NULL;
  guint n_overdue = 0;
  g_autofree char *line = NULL;
  Shown *reminded = NULL;

  g_assert_cmpint (g_mkdir_with_parents (keyring_dir, 0700), ==, 0);
  write_settings ("reply-target-minutes=uint32 1\n");

  mc_test_start_market (market);
  mc_test_use_file_keyring (keyring_dir);
  store = mc_token_store_new_for_url (mc_fake_market_get_url (market));
  mc_token_store_save_async (store, MC_TOKEN_KIND_API_KEY, "Shop",
                             mc_fake_market_get_token (market, MC_FAKE_TOKEN_CABINET_1),
                             NULL, mc_test_store_result, &result);
  g_assert_true (app_test_wait (result_is_set, &result, 10000));
  g_assert_true (mc_token_store_save_finish (store, result, &error));
  g_assert_no_error (error);

  mock = start_mock ();
  start_market_app (market, keyring);

  /* The fake Market's customers wait for hours: overdue at the first
   * look after the first sync. */
  g_assert_true (app_test_wait (log_contains, "Overdue chat ", 60000));
  g_assert_true (app_test_wait (clocks_looked_at, NULL, 10000));
  /* Another poll or two: merges and waits changing bring more looks. */
  app_test_wait (never_true, NULL, 22000);

  {
    g_autofree char *log = app_test_read_log (test);
    g_auto(GStrv) lines = g_strsplit (log, "\n", -1);
    g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; lines[i] != NULL; i++)
      {
        const char *at = strstr (lines[i], "Overdue chat ");

        if (at == NULL)
          continue;
        g_ptr_array_add (ids, g_strdup (at + strlen ("Overdue chat ")));
        /* Once per wait. */
        g_assert_cmpuint (count_log_lines ("Overdue chat ", g_ascii_strtoll (at + 13, NULL, 10)), ==, 1);
      }
    g_ptr_array_add (ids, NULL);
    first_run = (GStrv) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
  }
  g_assert_cmpuint (g_strv_length (first_run), >, 0);

  shown = list_shown (NULL);
  for (guint i = 0; i < shown->len; i++)
    {
      Shown *item = g_ptr_array_index (shown, i);

      if (!g_str_has_prefix (item->title, "Reply overdue: "))
        continue;
      g_assert_false (g_hash_table_contains (overdue_titles, &item->chat_id));
      g_hash_table_add (overdue_titles, g_memdup2 (&item->chat_id, sizeof item->chat_id));
      n_overdue++;
      reminded = item;
    }
  /* A few by name, the rest in one. */
  g_assert_cmpuint (n_overdue, >, 0);
  g_assert_cmpuint (n_overdue, <=, 3);

  /* "Remind in 15 Minutes" (8 s here), and quit at once. */
  emit_action_invoked (reminded->id, reminded->remind_key);
  line = g_strdup_printf ("Will remind of chat %" G_GINT64_FORMAT "\n", reminded->chat_id);
  g_assert_true (app_test_wait (log_contains, line, 10000));
  g_assert_cmpint (app_test_quit_app (test, 15000), ==, 0);

  /* The same waits after a restart: already said. */
  start_market_app (market, keyring);
  g_assert_true (app_test_wait (clocks_looked_at, NULL, 60000));
  app_test_wait (never_true, NULL, 3000);
  for (guint i = 0; first_run[i] != NULL; i++)
    g_assert_cmpuint (count_log_lines ("Overdue chat ", g_ascii_strtoll (first_run[i], NULL, 10)), ==, 0);

  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("Reminding of chat %" G_GINT64_FORMAT "\n", reminded->chat_id);
  g_assert_true (app_test_wait (log_contains, line, 20000));

  g_assert_cmpint (app_test_quit_app (test, 15000), ==, 0);
  stop_mock (mock);
  mc_test_stop_market (market);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  test = app_test_new ();

  g_test_add_func ("/app/notify-desk/actions", test_actions);
  g_test_add_func ("/app/notify-desk/mute-store", test_mute_store);
  g_test_add_func ("/app/notify-desk/quiet-hours", test_quiet_hours);
  g_test_add_func ("/app/notify-desk/across-restart", test_across_restart);

  ret = g_test_run ();
  app_test_free (test);

  return ret;
}
