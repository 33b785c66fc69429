/* test-notifications.c: the demo under a mock notification daemon
 * (python3-dbusmock): a customer writes, a notification comes with
 * app.open-chat as its default action and its "Reply" button; invoking it
 * opens the chat; opening a chat withdraws its notification.
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
  guint32 id;       /* as the daemon numbered it */
  gint64  chat_id;  /* the target of app.open-chat */
  char   *title;
  char   *body;
  guint64 time;     /* when the daemon got it, in whole seconds */
  guchar  urgency;  /* 0 for a quiet one, 1 for a banner */
  char   *mark_key; /* the action keys of its buttons */
  char   *remind_key;
} Shown;

static void
shown_free (Shown *shown)
{
  g_free (shown->title);
  g_free (shown->body);
  g_free (shown->mark_key);
  g_free (shown->remind_key);
  g_free (shown);
}

static GVariant *
get_calls (void)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  reply = g_dbus_connection_call_sync (test->connection, NOTIFY_NAME, NOTIFY_PATH,
                                       MOCK_IFACE, "GetCalls", NULL,
                                       G_VARIANT_TYPE ("(a(tsav))"),
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);

  return reply;
}

/* Every Notify call so far.  The mock numbers new notifications 1, 2, ...
 * in call order and keeps the id of a replaced one. */
static GPtrArray *
list_shown (guint *n_closed)
{
  g_autoptr(GVariant) reply = get_calls ();
  g_autoptr(GVariantIter) iter = NULL;
  GPtrArray *shown = g_ptr_array_new_with_free_func ((GDestroyNotify) shown_free);
  guint32 next_id = 1;
  const char *method;
  GVariantIter *args;

  *n_closed = 0;
  g_variant_get (reply, "(a(tsav))", &iter);
  guint64 time;

  while (g_variant_iter_next (iter, "(t&sav)", &time, &method, &args))
    {
      g_autoptr(GVariantIter) owned_args = args;
      g_autoptr(GVariant) app_name = NULL, replaces = NULL, icon = NULL;
      g_autoptr(GVariant) title = NULL, body = NULL, actions = NULL, hints = NULL;
      g_autofree const char **action_strv = NULL;
      Shown *item;

      if (g_str_equal (method, "CloseNotification"))
        (*n_closed)++;
      if (!g_str_equal (method, "Notify"))
        continue;

      g_variant_iter_next (args, "v", &app_name);
      g_variant_iter_next (args, "v", &replaces);
      g_variant_iter_next (args, "v", &icon);
      g_variant_iter_next (args, "v", &title);
      g_variant_iter_next (args, "v", &body);
      g_variant_iter_next (args, "v", &actions);
      g_variant_iter_next (args, "v", &hints);

      item = g_new0 (Shown, 1);
      item->id = g_variant_get_uint32 (replaces);
      if (item->id == 0)
        item->id = next_id++;
      item->title = g_variant_dup_string (title, NULL);
      item->body = g_variant_dup_string (body, NULL);
      item->time = time;
      item->urgency = 1;
      g_variant_lookup (hints, "urgency", "y", &item->urgency);

      /* [key, label, key, label, ...]: "default" first (Open), then
       * the buttons, whose keys name the action and its target.  A
       * summary (of overdue chats, or after quiet hours) has no buttons,
       * opens the window and is no chat's: not listed. */
      action_strv = g_variant_get_strv (actions, NULL);
      if (g_strv_length ((char **) action_strv) == 0)
        {
          shown_free (item);
          continue;
        }
      g_assert_cmpuint (g_strv_length ((char **) action_strv), ==, 6);
      g_assert_cmpstr (action_strv[0], ==, "default");
      g_assert_cmpstr (action_strv[3], ==, "Mark as Read");
      g_assert_cmpstr (action_strv[5], ==, "Remind in 15 Minutes");
      {
        g_autofree char *name = NULL;
        g_autoptr(GVariant) target = NULL;
        g_autoptr(GError) error = NULL;

        g_assert_true (g_action_parse_detailed_name (action_strv[2], &name, &target, &error));
        g_assert_no_error (error);
        g_assert_cmpstr (name, ==, "app.mark-chat-read");
        g_assert_true (g_variant_is_of_type (target, G_VARIANT_TYPE_INT64));
        item->chat_id = g_variant_get_int64 (target);
        item->mark_key = g_strdup (action_strv[2]);
        item->remind_key = g_strdup (action_strv[4]);
      }

      g_ptr_array_add (shown, item);
    }

  return shown;
}

typedef struct
{
  guint   min_shown;
  guint   min_closed;
} Wanted;

static gboolean
calls_reached (gpointer data)
{
  Wanted *wanted = data;
  g_autoptr(GPtrArray) shown = NULL;
  guint n_closed;

  shown = list_shown (&n_closed);
  return shown->len >= wanted->min_shown && n_closed >= wanted->min_closed;
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

static void
test_notify_open_withdraw (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) mock = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *settings_dir = NULL;
  g_autofree char *keyfile = NULL;
  g_autofree char *line = NULL;
  const char *app_argv[] = { "--demo", NULL };
  Wanted wanted = { 1, 0 };
  Shown *first = NULL;
  Shown *other = NULL;
  guint n_closed;

  /* GSettings' keyfile backend, so the check interval can be the
   * shortest the schema allows. */
  settings_dir = g_build_filename (test->home, "config", "glib-2.0", "settings", NULL);
  g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
  keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  g_file_set_contents (keyfile,
                       "[io/github/marketchats/MarketChats]\n"
                       "poll-interval=uint32 10\n",
                       -1, &error);
  g_assert_no_error (error);

  launcher = app_test_launcher (test, "PYTHONDONTWRITEBYTECODE", "1", NULL);
  mock = g_subprocess_launcher_spawn (launcher, &error,
                                      "/usr/bin/python3", "-m", "dbusmock",
                                      "--template", "notification_daemon", NULL);
  g_assert_no_error (error);
  g_assert_true (app_test_wait_for_name (test, NOTIFY_NAME, 10000));

  g_clear_object (&launcher);
  launcher = app_test_launcher (test,
                                "GSETTINGS_BACKEND", "keyfile",
                                "MARKET_CHATS_DEMO_LIFE", "1,2",
                                "G_MESSAGES_DEBUG", "all",
                                NULL);
  app_test_start_app (test, launcher, app_argv);
  g_assert_true (app_test_wait_for_name (test, APP_TEST_BUS_NAME, 10000));

  /* A customer of the demo writes every second or two; the app checks
   * every 10 s and ignores what its first sync finds. */
  g_assert_true (app_test_wait (calls_reached, &wanted, 40000));
  shown = list_shown (&n_closed);
  first = g_ptr_array_index (shown, 0);
  g_assert_cmpstr (first->title, !=, "");
  g_assert_cmpstr (first->body, !=, "");
  g_assert_cmpuint (g_utf8_strlen (first->body, -1), <=, 121);

  /* One notification per chat: a later message replaces it. */
  for (guint i = 0; i < shown->len; i++)
    for (guint j = i + 1; j < shown->len; j++)
      {
        Shown *a = g_ptr_array_index (shown, i);
        Shown *b = g_ptr_array_index (shown, j);

        if (a->chat_id == b->chat_id)
          g_assert_cmpuint (a->id, ==, b->id);
        else
          g_assert_cmpuint (a->id, !=, b->id);
      }

  /* Clicking the notification opens its chat in the window. */
  emit_action_invoked (first->id, "default");
  line = g_strdup_printf ("Showing chat %" G_GINT64_FORMAT "\n", first->chat_id);
  g_assert_true (app_test_wait (log_contains, line, 10000));

  /* Another chat's notification goes away when that chat is opened (here
   * through the action over D-Bus, as a second click would). */
  for (;;)
    {
      for (guint i = 0; i < shown->len && other == NULL; i++)
        {
          Shown *item = g_ptr_array_index (shown, i);

          if (item->chat_id != first->chat_id)
            other = item;
        }
      if (other != NULL)
        break;

      wanted.min_shown = shown->len + 1;
      g_assert_true (app_test_wait (calls_reached, &wanted, 30000));
      g_clear_pointer (&shown, g_ptr_array_unref);
      shown = list_shown (&n_closed);
      first = g_ptr_array_index (shown, 0);
    }

  wanted.min_shown = 0;
  wanted.min_closed = n_closed + 1;
  app_test_activate_action (test, "open-chat", g_variant_new_int64 (other->chat_id));
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("Showing chat %" G_GINT64_FORMAT "\n", other->chat_id);
  g_assert_true (app_test_wait (log_contains, line, 10000));
  g_assert_true (app_test_wait (calls_reached, &wanted, 10000));

  g_assert_cmpint (app_test_quit_app (test, 15000), ==, 0);

  g_subprocess_force_exit (mock);
  g_subprocess_wait (mock, NULL, NULL);
}

/* A fast customer: every Notify call of a chat replaces that chat's one
 * notification, a busy moment pops up a few banners and lists the rest
 * quietly, and "New chat" is said once per chat, not on later messages. */
static void
test_fast_customer (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) mock = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  /* chats announced (or notified) with a message */
  g_autoptr(GHashTable) new_titles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *settings_dir = NULL;
  g_autofree char *keyfile = NULL;
  const char *app_argv[] = { "--demo", NULL };
  Wanted wanted = { 35, 0 };
  guint n_closed;

  settings_dir = g_build_filename (test->home, "config", "glib-2.0", "settings", NULL);
  g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
  keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  g_file_set_contents (keyfile,
                       "[io/github/marketchats/MarketChats]\n"
                       "poll-interval=uint32 10\n",
                       -1, &error);
  g_assert_no_error (error);

  launcher = app_test_launcher (test, "PYTHONDONTWRITEBYTECODE", "1", NULL);
  mock = g_subprocess_launcher_spawn (launcher, &error,
                                      "/usr/bin/python3", "-m", "dbusmock",
                                      "--template", "notification_daemon", NULL);
  g_assert_no_error (error);
  g_assert_true (app_test_wait_for_name (test, NOTIFY_NAME, 10000));

  g_clear_object (&launcher);
  launcher = app_test_launcher (test,
                                "GSETTINGS_BACKEND", "keyfile",
                                "MARKET_CHATS_DEMO_LIFE", "1,1",
                                NULL);
  app_test_start_app (test, launcher, app_argv);
  g_assert_true (app_test_wait_for_name (test, APP_TEST_BUS_NAME, 10000));

  /* A customer writes every second: three or four polls. */
  g_assert_true (app_test_wait (calls_reached, &wanted, 60000));
  shown = list_shown (&n_closed);
  for (guint i = 0; i < shown->len; i++)
    {
      Shown *item = g_ptr_array_index (shown, i);
      gboolean announced_with_message = g_hash_table_contains (new_titles, &item->chat_id);
      guint banners = 0;

      /* One notification per chat, replaced in place. */
      for (guint j = 0; j < i; j++)
        {
          Shown *before = g_ptr_array_index (shown, j);

          if (before->chat_id == item->chat_id)
            g_assert_cmpuint (before->id, ==, item->id);
          else
            g_assert_cmpuint (before->id, !=, item->id);
          if (before->time == item->time && before->urgency > 0)
            banners++;
        }

      /* A busy second pops up a few banners; the rest come quietly. */
      if (item->urgency > 0)
        g_assert_cmpuint (banners + 1, <=, 3);

      /* "New chat" until the chat's first message is shown, not after. */
      if (g_str_has_prefix (item->title, "New chat: "))
        {
          if (announced_with_message)
            g_error ("chat %" G_GINT64_FORMAT " announced as new again: “%s”",
                     item->chat_id, item->body);
          if (!g_str_equal (item->body, "Open the chat to read the message."))
            g_hash_table_add (new_titles, g_memdup2 (&item->chat_id, sizeof item->chat_id));
        }
      else
        {
          g_hash_table_add (new_titles, g_memdup2 (&item->chat_id, sizeof item->chat_id));
        }
    }

  g_assert_cmpint (app_test_quit_app (test, 15000), ==, 0);
  g_subprocess_force_exit (mock);
  g_subprocess_wait (mock, NULL, NULL);
}

typedef struct
{
  const char *needle;
} BodyWanted;

static gboolean
body_shown (gpointer data)
{
  BodyWanted *wanted = data;
  g_autoptr(GPtrArray) shown = NULL;
  guint n_closed;

  shown = list_shown (&n_closed);
  for (guint i = 0; i < shown->len; i++)
    if (strstr (((Shown *) g_ptr_array_index (shown, i))->body, wanted->needle) != NULL)
      return TRUE;

  return FALSE;
}

static gboolean
result_is_set (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/* A customer's link and ampersand reach a notification server that reads
 * markup (org.freedesktop.Notifications) as text, not as a link. */
static void
test_notify_plain_text (void)
{
  McFakeMarket *market = mc_fake_market_new (41, 20);
  g_autoptr(McTokenStore) store = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) mock = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *keyring_dir = g_build_filename (test->dir, "keyring", NULL);
  g_autofree char *keyring = g_build_filename (keyring_dir, "test.keyring", NULL);
  g_autofree char *settings_dir = g_build_filename (test->home, "config", "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  const char *argv[] = { "--api-url", NULL, NULL };
  BodyWanted wanted = {
    "&lt;a href=&quot;https://evil.example/&quot;&gt;click&lt;/a&gt; &amp; more"
  };
  gint64 business_id;
  gint64 chat_id;
  gboolean shown = FALSE;

  g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (keyring_dir, 0700), ==, 0);
  g_file_set_contents (keyfile,
                       "[io/github/marketchats/MarketChats]\n"
                       "poll-interval=uint32 10\n",
                       -1, &error);
  g_assert_no_error (error);

  mc_test_start_market (market);
  mc_test_use_file_keyring (keyring_dir);
  store = mc_token_store_new_for_url (mc_fake_market_get_url (market));
  mc_token_store_save_async (store, MC_TOKEN_KIND_API_KEY, "Shop",
                             mc_fake_market_get_token (market, MC_FAKE_TOKEN_CABINET_1),
                             NULL, mc_test_store_result, &result);
  g_assert_true (app_test_wait (result_is_set, &result, 10000));
  g_assert_true (mc_token_store_save_finish (store, result, &error));
  g_assert_no_error (error);

  launcher = app_test_launcher (test, "PYTHONDONTWRITEBYTECODE", "1", NULL);
  mock = g_subprocess_launcher_spawn (launcher, &error,
                                      "/usr/bin/python3", "-m", "dbusmock",
                                      "--template", "notification_daemon", NULL);
  g_assert_no_error (error);
  g_assert_true (app_test_wait_for_name (test, NOTIFY_NAME, 10000));

  g_clear_object (&launcher);
  launcher = app_test_launcher (test,
                                "GSETTINGS_BACKEND", "keyfile",
                                "SECRET_BACKEND", "file",
                                "SECRET_FILE_TEST_PATH", keyring,
                                NULL);
  argv[1] = mc_fake_market_get_url (market);
  app_test_start_app (test, launcher, argv);
  g_assert_true (app_test_wait_for_name (test, APP_TEST_BUS_NAME, 10000));

  /* The first sync notifies nothing, and on a busy machine it may still
   * be running after a few seconds: the customer writes again until a
   * poll after it brings the text. */
  business_id = mc_fake_market_get_business_id (market, 1);
  chat_id = mc_fake_market_find_chat (market, business_id, "WAITING_FOR_CUSTOMER");
  if (chat_id == 0)
    chat_id = mc_fake_market_find_chat (market, business_id, "NEW");
  g_assert_cmpint (chat_id, >, 0);
  app_test_wait (never_true, NULL, 3000);
  for (guint attempt = 0; !shown && attempt < 4; attempt++)
    {
      mc_fake_market_customer_writes (market, chat_id,
                                      "<a href=\"https://evil.example/\">click</a> & more", 0);
      shown = app_test_wait (body_shown, &wanted, 25000);
    }
  g_assert_true (shown);

  g_assert_cmpint (app_test_quit_app (test, 15000), ==, 0);
  g_subprocess_force_exit (mock);
  g_subprocess_wait (mock, NULL, NULL);
  mc_test_stop_market (market);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  test = app_test_new ();

  g_test_add_func ("/app/notifications/notify-open-withdraw", test_notify_open_withdraw);
  g_test_add_func ("/app/notifications/fast-customer", test_fast_customer);
  g_test_add_func ("/app/notifications/plain-text", test_notify_plain_text);

  ret = g_test_run ();
  app_test_free (test);

  return ret;
}
