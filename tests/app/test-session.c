/* test-session.c: McSession with the demo, with cabinets added and removed
 * against the fake Market and libsecret's file backend, with no keyring, and
 * with cached chats shown before the keyring answers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "mc-cabinet-private.h"
#include "mc-chat-store.h"
#include "mc-fake-market.h"
#include "mc-session.h"
#include "mc-sidebar-model.h"
#include "mc-sync-engine.h"
#include "mc-test-util.h"
#include "mc-token-store.h"

static char *work_dir;

static gboolean
session_is_settled (gpointer data)
{
  return mc_session_get_state (data) != MC_SESSION_STATE_LOADING &&
         !mc_session_get_keyring_pending (data);
}

static gboolean
session_has_chats (gpointer data)
{
  McSession *session = data;

  return mc_session_get_state (session) == MC_SESSION_STATE_READY &&
         g_list_model_get_n_items (mc_session_get_cabinets (session)) == 2 &&
         g_list_model_get_n_items (G_LIST_MODEL (mc_session_get_chats (session))) > 0;
}

static gboolean
stores_listed (gpointer data)
{
  McSession *session = data;

  return g_list_model_get_n_items (G_LIST_MODEL (mc_session_get_stores (session))) > 0;
}

static gboolean
store_has_chats (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (mc_session_get_chats (data))) > 0;
}

static McStoredToken *
lookup_token (const char *url,
              const char *label)
{
  g_autoptr(McTokenStore) store = mc_token_store_new_for_url (url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  McStoredToken *token;

  mc_token_store_lookup_async (store, label, NULL, mc_test_store_result, &result);
  token = mc_token_store_lookup_finish (store, mc_test_wait_result (&result), &error);
  g_assert_no_error (error);

  return token;
}

static McCabinet *
add_cabinet (McSession   *session,
             const char  *label,
             const char  *token,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mc_session_add_cabinet_async (session, MC_AUTH_KIND_API_KEY, label, token,
                                NULL, mc_test_store_result, &result);
  return mc_session_add_cabinet_finish (session, mc_test_wait_result (&result), error);
}

static void
remove_cabinet (McSession *session,
                McCabinet *cabinet)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mc_session_remove_cabinet_async (session, cabinet, NULL, mc_test_store_result, &result);
  g_assert_true (mc_session_remove_cabinet_finish (session, mc_test_wait_result (&result), &error));
  g_assert_no_error (error);
}

static McSession *
load_session (const char *url)
{
  McSession *session = mc_session_new (url);

  g_assert_null (mc_session_get_error (session));
  mc_session_load (session);
  g_assert_true (mc_test_wait_until (session_is_settled, session, MC_TEST_WAIT_MSEC));

  return session;
}

static void
test_demo (void)
{
  g_autoptr(McSession) session = mc_session_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *demo_dir = NULL;
  g_autoptr(McCabinet) cabinet = NULL;
  g_autoptr(McChat) chat = NULL;
  g_autoptr(McSidebarItem) first_store = NULL;
  GObject *market;

  g_assert_true (mc_session_start_demo (session, &error));
  g_assert_no_error (error);
  g_assert_true (mc_session_get_demo (session));

  market = mc_session_get_fake_market (session);
  g_assert_true (MC_IS_FAKE_MARKET (market));
  g_assert_cmpstr (mc_session_get_base_url (session), ==,
                   mc_fake_market_get_url (MC_FAKE_MARKET (market)));

  g_assert_true (mc_test_wait_until (session_has_chats, session, MC_TEST_WAIT_MSEC));
  g_assert_true (mc_test_wait_until (stores_listed, session, MC_TEST_WAIT_MSEC));
  g_assert_true (mc_session_get_can_send (session));

  cabinet = g_list_model_get_item (mc_session_get_cabinets (session), 0);
  g_assert_true (mc_cabinet_get_demo (cabinet));
  /* The same order at every start: the first cabinet first, in the
   * sidebar too. */
  g_assert_cmpstr (mc_cabinet_get_label (cabinet), ==, "Demo cabinet 1");
  g_assert_cmpint (mc_cabinet_get_business_id (cabinet), ==,
                   mc_fake_market_get_business_id (MC_FAKE_MARKET (market), 1));
  first_store = g_list_model_get_item (G_LIST_MODEL (mc_session_get_stores (session)), 0);
  g_assert_cmpint (mc_sidebar_item_get_business_id (first_store), ==, mc_cabinet_get_business_id (cabinet));
  chat = g_list_model_get_item (G_LIST_MODEL (mc_session_get_chats (session)), 0);
  g_assert_nonnull (mc_session_get_cabinet_for_chat (session, mc_chat_get_chat_id (chat)));
  g_assert_cmpint (mc_cabinet_get_business_id (mc_session_get_cabinet_for_chat (session, mc_chat_get_chat_id (chat))),
                   ==, mc_chat_get_business_id (chat));

  /* The demo's caches are nowhere near the seller's. */
  demo_dir = g_path_get_dirname (mc_cache_get_path (mc_cabinet_get_cache (cabinet)));
  g_assert_false (g_str_has_prefix (demo_dir, g_get_user_data_dir ()));
  g_assert_true (g_file_test (demo_dir, G_FILE_TEST_IS_DIR));

  g_clear_object (&cabinet);
  g_clear_object (&chat);
  g_clear_object (&first_store);
  g_assert_finalize_object (g_steal_pointer (&session));
  g_assert_false (g_file_test (demo_dir, G_FILE_TEST_EXISTS));
}

static void
test_cabinets (void)
{
  g_autoptr(McFakeMarket) market = mc_fake_market_new (7, 40);
  g_autoptr(McSession) session = NULL;
  g_autoptr(McCabinet) read_only = NULL;
  g_autoptr(McCabinet) first = NULL;
  g_autoptr(McCabinet) second = NULL;
  g_autoptr(McStoredToken) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_cache = NULL;
  g_autofree char *second_cache = NULL;
  const char *url;

  mc_test_start_market (market);
  url = mc_fake_market_get_url (market);

  session = load_session (url);
  g_assert_cmpint (mc_session_get_state (session), ==, MC_SESSION_STATE_WELCOME);

  /* A wrong key: the API's error, and nothing stored. */
  g_assert_null (add_cabinet (session, "Wrong", "ACMA:not-a-key", &error));
  g_assert_true (g_error_matches (error, MC_API_ERROR, MC_API_ERROR_UNAUTHORIZED) ||
                 g_error_matches (error, MC_API_ERROR, MC_API_ERROR_FORBIDDEN));
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (mc_session_get_cabinets (session)), ==, 0);
  g_assert_cmpint (mc_session_get_state (session), ==, MC_SESSION_STATE_WELCOME);
  g_assert_null (lookup_token (url, "Wrong"));

  /* A read-only key may read, not answer. */
  read_only = add_cabinet (session, "Read only",
                           mc_fake_market_get_token (market, MC_FAKE_TOKEN_READ_ONLY), &error);
  g_assert_no_error (error);
  g_assert_nonnull (read_only);
  g_assert_false (mc_cabinet_get_can_send (read_only));
  g_assert_false (mc_session_get_can_send (session));
  g_assert_cmpint (mc_session_get_state (session), ==, MC_SESSION_STATE_READY);

  /* A full key of the same business takes its place. */
  first = add_cabinet (session, "Main",
                       mc_fake_market_get_token (market, MC_FAKE_TOKEN_CABINET_1), &error);
  g_assert_no_error (error);
  g_assert_true (mc_cabinet_get_can_send (first));
  g_assert_true (mc_session_get_can_send (session));
  g_assert_cmpuint (g_list_model_get_n_items (mc_session_get_cabinets (session)), ==, 1);
  g_assert_true (mc_test_wait_until (stores_listed, session, MC_TEST_WAIT_MSEC));
  stored = lookup_token (url, "Main");
  g_assert_nonnull (stored);
  g_assert_cmpstr (mc_stored_token_get_token (stored), ==,
                   mc_fake_market_get_token (market, MC_FAKE_TOKEN_CABINET_1));
  g_clear_pointer (&stored, mc_stored_token_free);
  g_assert_null (lookup_token (url, "Read only"));

  second = add_cabinet (session, "Second",
                        mc_fake_market_get_token (market, MC_FAKE_TOKEN_CABINET_2), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (mc_session_get_cabinets (session)), ==, 2);
  g_assert_cmpint (mc_cabinet_get_business_id (second), ==, mc_fake_market_get_business_id (market, 2));
  g_assert_true (mc_test_wait_until (session_has_chats, session, MC_TEST_WAIT_MSEC));

  first_cache = g_strdup (mc_cache_get_path (mc_cabinet_get_cache (first)));
  second_cache = g_strdup (mc_cache_get_path (mc_cabinet_get_cache (second)));
  g_assert_true (g_file_test (first_cache, G_FILE_TEST_EXISTS));

  /* A new start finds both in the keyring and shows their cached chats
   * before any network. */
  g_clear_object (&first);
  g_clear_object (&second);
  g_clear_object (&read_only);
  g_assert_finalize_object (g_steal_pointer (&session));
  mc_fake_market_stop (market);

  session = load_session (url);
  g_assert_cmpint (mc_session_get_state (session), ==, MC_SESSION_STATE_READY);
  g_assert_cmpuint (g_list_model_get_n_items (mc_session_get_cabinets (session)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (mc_session_get_chats (session))), >, 0);

  first = g_list_model_get_item (mc_session_get_cabinets (session), 0);
  second = g_list_model_get_item (mc_session_get_cabinets (session), 1);
  g_assert_cmpstr (mc_cabinet_get_label (first), ==, "Main");

  remove_cabinet (session, first);
  g_assert_false (g_file_test (first_cache, G_FILE_TEST_EXISTS));
  g_assert_null (lookup_token (url, "Main"));
  g_assert_cmpuint (g_list_model_get_n_items (mc_session_get_cabinets (session)), ==, 1);
  g_assert_cmpint (mc_session_get_state (session), ==, MC_SESSION_STATE_READY);

  remove_cabinet (session, second);
  g_assert_false (g_file_test (second_cache, G_FILE_TEST_EXISTS));
  g_assert_null (lookup_token (url, "Second"));
  g_assert_cmpint (mc_session_get_state (session), ==, MC_SESSION_STATE_WELCOME);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (mc_session_get_chats (session))), ==, 0);
}

static void
remove_token (const char *url,
              const char *label)
{
  g_autoptr(McTokenStore) store = mc_token_store_new_for_url (url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mc_token_store_remove_async (store, label, NULL, mc_test_store_result, &result);
  g_assert_true (mc_token_store_remove_finish (store, mc_test_wait_result (&result), &error));
  g_assert_no_error (error);
}

static gboolean
label_is_remembered (const char *label)
{
  g_auto(GStrv) labels = mc_cabinet_dup_remembered_labels ();

  return g_strv_contains ((const char * const *) labels, label);
}

/* The ids of the stores the sidebar lists for @business_id, in its order;
 * checks that a cabinet with stores has one "All stores" and one "No store"
 * row as well. */
static GArray *
dup_listed_stores (McSession *session,
                   gint64     business_id)
{
  GListModel *stores = G_LIST_MODEL (mc_session_get_stores (session));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_all = 0;
  guint n_none = 0;

  for (guint i = 0; i < g_list_model_get_n_items (stores); i++)
    {
      g_autoptr(McSidebarItem) item = g_list_model_get_item (stores, i);
      gint64 campaign_id = mc_sidebar_item_get_campaign_id (item);

      if (mc_sidebar_item_get_business_id (item) != business_id)
        continue;

      switch (mc_sidebar_item_get_kind (item))
        {
        case MC_SIDEBAR_ITEM_KIND_ALL_STORES:
          n_all++;
          break;
        case MC_SIDEBAR_ITEM_KIND_NO_STORE:
          n_none++;
          break;
        case MC_SIDEBAR_ITEM_KIND_CABINET_STORE:
          g_assert_cmpint (mc_campaign_get_business_id (mc_sidebar_item_get_campaign (item)), ==, business_id);
          g_assert_nonnull (mc_sidebar_model_find_campaign (mc_session_get_stores (session), campaign_id));
          g_array_append_val (ids, campaign_id);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  g_assert_cmpuint (n_all, ==, ids->len > 0 ? 1 : 0);
  g_assert_cmpuint (n_none, ==, ids->len > 0 ? 1 : 0);
  return ids;
}

static void
assert_same_stores (GArray *expected,
                    GArray *actual)
{
  g_assert_cmpmem (expected->data, expected->len * sizeof (gint64),
                   actual->data, actual->len * sizeof (gint64));
}

/* Right after load(), before the main loop ran once (so before any
 * keyring could answer or any request go out): the cached chats are
 * there, read-only, and so are the stores saved with them. */
static guint
assert_cached_before_keyring (McSession  *session,
                              GArray    **stores)
{
  g_autoptr(McChat) chat = NULL;
  guint n_chats;

  mc_session_load (session);
  g_assert_true (mc_session_get_keyring_pending (session));
  g_assert_cmpint (mc_session_get_state (session), ==, MC_SESSION_STATE_READY);
  g_assert_null (mc_session_get_error (session));
  n_chats = g_list_model_get_n_items (G_LIST_MODEL (mc_session_get_chats (session)));
  g_assert_cmpuint (n_chats, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mc_session_get_cabinets (session)), ==, 0);
  g_assert_false (mc_session_get_can_send (session));

  chat = g_list_model_get_item (G_LIST_MODEL (mc_session_get_chats (session)), 0);
  *stores = dup_listed_stores (session, mc_chat_get_business_id (chat));
  g_assert_cmpuint ((*stores)->len, >, 0);

  return n_chats;
}

static void
test_cached_before_keyring (void)
{
  g_autoptr(McFakeMarket) market = NULL;
  g_autoptr(McSession) session = NULL;
  g_autoptr(McCabinet) cabinet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cache_path = NULL;
  g_autoptr(GArray) fetched = NULL;
  g_autoptr(GArray) stores = NULL;
  g_autoptr(GArray) listed = NULL;
  g_autoptr(McChat) chat = NULL;
  gint64 business_id;
  guint n_chats;

  if (g_test_subprocess ())
    {
      /* A keyring that cannot be reached: the cached chats stay, with
       * the keyring's error for the window's banner. */
      g_unsetenv ("SECRET_BACKEND");
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/market-chats-bus", TRUE);

      /* The Market of the cached chats is stopped: all the stores shown
       * come from the cache (of that origin: keys, cabinets and caches of
       * one origin are never shown for another). */
      session = mc_session_new (g_getenv ("MC_TEST_STOPPED_MARKET_URL"));
      n_chats = assert_cached_before_keyring (session, &stores);
      g_assert_true (mc_test_wait_until (session_is_settled, session, MC_TEST_WAIT_MSEC));
      g_assert_cmpint (mc_session_get_state (session), ==, MC_SESSION_STATE_READY);
      g_assert_error ((GError *) mc_session_get_error (session),
                      MC_SECRETS_ERROR, MC_SECRETS_ERROR_NO_SERVICE);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (mc_session_get_chats (session))), ==, n_chats);
      chat = g_list_model_get_item (G_LIST_MODEL (mc_session_get_chats (session)), 0);
      listed = dup_listed_stores (session, mc_chat_get_business_id (chat));
      assert_same_stores (stores, listed);
      g_assert_cmpuint (g_list_model_get_n_items (mc_session_get_cabinets (session)), ==, 0);
      g_assert_true (label_is_remembered ("Cached"));
      return;
    }

  /* A seller's machine: a key in the keyring, its business in the
   * cabinets file and its chats in the cache. */
  market = mc_fake_market_new (23, 30);
  mc_test_start_market (market);
  session = load_session (mc_fake_market_get_url (market));
  cabinet = add_cabinet (session, "Cached",
                         mc_fake_market_get_token (market, MC_FAKE_TOKEN_CABINET_1), &error);
  g_assert_no_error (error);
  g_assert_true (mc_test_wait_until (stores_listed, session, MC_TEST_WAIT_MSEC));
  g_assert_true (mc_test_wait_until (store_has_chats, session, MC_TEST_WAIT_MSEC));
  cache_path = g_strdup (mc_cache_get_path (mc_cabinet_get_cache (cabinet)));
  business_id = mc_cabinet_get_business_id (cabinet);
  fetched = dup_listed_stores (session, business_id);
  g_assert_cmpuint (fetched->len, ==, g_list_model_get_n_items (mc_cabinet_get_campaigns (cabinet)));
  g_clear_object (&cabinet);
  g_assert_finalize_object (g_steal_pointer (&session));
  mc_fake_market_stop (market);
  g_assert_true (label_is_remembered ("Cached"));

  g_setenv ("MC_TEST_STOPPED_MARKET_URL", mc_fake_market_get_url (market), TRUE);
  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  /* The keyring answers: its key goes to the cabinet of those chats. */
  session = mc_session_new (mc_fake_market_get_url (market));
  n_chats = assert_cached_before_keyring (session, &stores);
  assert_same_stores (fetched, stores);
  g_clear_pointer (&stores, g_array_unref);
  g_assert_true (mc_test_wait_until (session_is_settled, session, MC_TEST_WAIT_MSEC));
  g_assert_cmpint (mc_session_get_state (session), ==, MC_SESSION_STATE_READY);
  g_assert_null (mc_session_get_error (session));
  g_assert_cmpuint (g_list_model_get_n_items (mc_session_get_cabinets (session)), ==, 1);
  cabinet = g_list_model_get_item (mc_session_get_cabinets (session), 0);
  g_assert_cmpstr (mc_cabinet_get_label (cabinet), ==, "Cached");
  g_assert_nonnull (mc_cabinet_get_client (cabinet));
  g_assert_cmpstr (mc_cache_get_path (mc_cabinet_get_cache (cabinet)), ==, cache_path);
  g_assert_true (mc_chat_store_get_cache (mc_session_get_chats (session),
                                          mc_cabinet_get_business_id (cabinet)) == mc_cabinet_get_cache (cabinet));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (mc_session_get_chats (session))), ==, n_chats);
  g_assert_true (mc_session_get_can_send (session));
  /* The Market is gone, so its refresh failed: the saved stores stay. */
  listed = dup_listed_stores (session, business_id);
  assert_same_stores (fetched, listed);
  g_clear_pointer (&listed, g_array_unref);
  g_clear_object (&cabinet);
  g_assert_finalize_object (g_steal_pointer (&session));

  /* The key is gone from the keyring: so are its chats and stores from
   * the view, but not their cache. */
  remove_token (mc_fake_market_get_url (market), "Cached");
  session = mc_session_new (mc_fake_market_get_url (market));
  assert_cached_before_keyring (session, &stores);
  assert_same_stores (fetched, stores);
  g_assert_true (mc_test_wait_until (session_is_settled, session, MC_TEST_WAIT_MSEC));
  g_assert_cmpint (mc_session_get_state (session), ==, MC_SESSION_STATE_WELCOME);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (mc_session_get_chats (session))), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (mc_session_get_stores (session))), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mc_session_get_cabinets (session)), ==, 0);
  g_assert_false (label_is_remembered ("Cached"));
  g_assert_true (g_file_test (cache_path, G_FILE_TEST_EXISTS));
  g_assert_finalize_object (g_steal_pointer (&session));

  g_assert_cmpint (g_unlink (cache_path), ==, 0);
}

static void
test_url_not_allowed (void)
{
  g_autoptr(McSession) session = mc_session_new ("http://api.example.com");

  g_assert_nonnull (mc_session_get_error (session));
  mc_session_load (session);
  g_assert_cmpint (mc_session_get_state (session), ==, MC_SESSION_STATE_KEYRING_ERROR);
}

static gboolean
has_twelve_chats (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (mc_session_get_chats (data))) == 12;
}

static void
test_demo_chats (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(McSession) session = mc_session_new (NULL);
      g_autoptr(GError) error = NULL;

      g_setenv ("MARKET_CHATS_DEMO_CHATS", "12", TRUE);
      g_setenv ("MARKET_CHATS_DEMO_LIFE", "3600,3600", TRUE);
      g_assert_true (mc_session_start_demo (session, &error));
      g_assert_no_error (error);
      g_assert_true (mc_test_wait_until (session_has_chats, session, MC_TEST_WAIT_MSEC));
      g_assert_true (mc_test_wait_until (has_twelve_chats, session, MC_TEST_WAIT_MSEC));
      return;
    }

  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
on_outbox_failed (McSession  *session,
                  McChat     *chat,
                  const char *text,
                  gpointer    user_data)
{
  g_assert_true (MC_IS_CHAT (chat));
  g_free (*(char **) user_data);
  *(char **) user_data = g_strdup (text);
}

/* Widgets watch the session, never the engine: what they need of the
 * engine's state reaches them through the session's own properties and
 * signals. */
static void
test_sync_state (void)
{
  g_autoptr(McSession) session = mc_session_new (NULL);
  g_autoptr(McChat) chat = mc_chat_new (7, 1);
  McSyncEngine *sync = mc_session_get_sync (session);
  g_autofree char *failed_text = NULL;
  guint poll_notified = 0;

  g_signal_connect (session, "notify::poll-interval", G_CALLBACK (count_notify), &poll_notified);
  g_signal_connect (session, "outbox-failed", G_CALLBACK (on_outbox_failed), &failed_text);

  mc_sync_engine_set_poll_interval (sync, 45);
  g_assert_cmpuint (poll_notified, >=, 1);
  g_assert_cmpuint (mc_session_get_poll_interval (session), ==, 45);
  g_assert_cmpuint (mc_session_get_poll_interval (session), ==,
                    mc_sync_engine_get_poll_interval (sync));
  g_assert_cmpuint (mc_session_get_effective_interval (session), ==,
                    mc_sync_engine_get_effective_interval (sync));
  g_assert_true (mc_session_get_online (session) == mc_sync_engine_get_online (sync));

  g_signal_emit_by_name (sync, "outbox-failed", chat, "Здравствуйте");
  g_assert_cmpstr (failed_text, ==, "Здравствуйте");
}

static void
test_no_keyring (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(McSession) session = NULL;
      gint64 start;

      /* Before libsecret looks at the environment. */
      g_unsetenv ("SECRET_BACKEND");
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/market-chats-bus", TRUE);

      session = mc_session_new (NULL);
      start = g_get_monotonic_time ();
      mc_session_load (session);
      g_assert_true (mc_test_wait_until (session_is_settled, session, MC_TEST_WAIT_MSEC));
      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);

      g_assert_cmpint (mc_session_get_state (session), ==, MC_SESSION_STATE_KEYRING_ERROR);
      g_assert_error ((GError *) mc_session_get_error (session),
                      MC_SECRETS_ERROR, MC_SECRETS_ERROR_NO_SERVICE);
      return;
    }

  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* --api-url with another server: its key, cabinets file and cache are
 * its own, and a run against the Market sees none of them. */
static void
test_origins_apart (void)
{
  g_autoptr(McFakeMarket) market = mc_fake_market_new (29, 20);
  g_autoptr(McSession) session = NULL;
  g_autoptr(McCabinet) cabinet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *market_dir = g_build_filename (g_get_user_data_dir (), "market-chats", NULL);
  g_autofree char *cache_dir = NULL;
  g_autoptr(McStoredToken) stored = NULL;

  mc_test_start_market (market);
  session = load_session (mc_fake_market_get_url (market));
  cabinet = add_cabinet (session, "Test server",
                         mc_fake_market_get_token (market, MC_FAKE_TOKEN_CABINET_1), &error);
  g_assert_no_error (error);
  g_assert_true (label_is_remembered ("Test server"));
  cache_dir = g_path_get_dirname (mc_cache_get_path (mc_cabinet_get_cache (cabinet)));
  g_assert_cmpstr (cache_dir, !=, market_dir);
  g_assert_true (g_str_has_prefix (cache_dir, market_dir));
  g_clear_object (&cabinet);
  g_assert_finalize_object (g_steal_pointer (&session));

  session = load_session (NULL);
  g_assert_cmpint (mc_session_get_state (session), ==, MC_SESSION_STATE_WELCOME);
  g_assert_cmpuint (g_list_model_get_n_items (mc_session_get_cabinets (session)), ==, 0);
  g_assert_false (label_is_remembered ("Test server"));
  g_assert_finalize_object (g_steal_pointer (&session));

  /* Back on the test server, all of it is there again. */
  session = load_session (mc_fake_market_get_url (market));
  g_assert_true (label_is_remembered ("Test server"));
  stored = lookup_token (mc_fake_market_get_url (market), "Test server");
  g_assert_nonnull (stored);
  g_assert_cmpuint (g_list_model_get_n_items (mc_session_get_cabinets (session)), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  /* Every case gets its own keyring file and data directory, set before
   * libsecret and GLib read the environment; subprocesses inherit them. */
  work_dir = mc_test_shared_tmp_dir ("MC_TEST_WORK_DIR", "mc-session-XXXXXX");
  mc_test_use_file_keyring (work_dir);
  data = g_build_filename (work_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);

  g_test_add_func ("/session/demo", test_demo);
  g_test_add_func ("/session/demo-chats", test_demo_chats);
  g_test_add_func ("/session/cabinets", test_cabinets);
  g_test_add_func ("/session/url-not-allowed", test_url_not_allowed);
  g_test_add_func ("/session/no-keyring", test_no_keyring);
  g_test_add_func ("/session/cached-before-keyring", test_cached_before_keyring);
  g_test_add_func ("/session/origins-apart", test_origins_apart);
  g_test_add_func ("/session/sync-state", test_sync_state);

  ret = g_test_run ();

  if (!g_test_subprocess ())
    mc_test_remove_tree (work_dir);
  g_free (work_dir);

  return ret;
}
