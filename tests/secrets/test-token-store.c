/* test-token-store.c: McTokenStore against libsecret's file backend, and
 * with no Secret Service at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gio/gunixsocketaddress.h>
#include <libsecret/secret.h>

#include "mc-token-store.h"
#include "secrets-test-util.h"

static char *keyring_dir;

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

/* Each case starts from an empty keyring file, and from a libsecret that
 * has to read it again, as a freshly started application would. */
static void
reset_keyring (void)
{
  g_autofree char *path = g_build_filename (keyring_dir, "test.keyring", NULL);

  secret_service_disconnect ();
  g_unlink (path);
}

static void
assert_token (const McStoredToken *token,
              McTokenKind          kind,
              const char          *label,
              const char          *secret)
{
  g_assert_nonnull (token);
  g_assert_cmpint (mc_stored_token_get_kind (token), ==, kind);
  g_assert_cmpstr (mc_stored_token_get_label (token), ==, label);
  g_assert_cmpstr (mc_stored_token_get_token (token), ==, secret);
}

static void
test_kind_strings (void)
{
  McTokenKind kind = MC_TOKEN_KIND_API_KEY;

  g_assert_cmpstr (mc_token_kind_to_string (MC_TOKEN_KIND_API_KEY), ==, "api-key");
  g_assert_cmpstr (mc_token_kind_to_string (MC_TOKEN_KIND_OAUTH), ==, "oauth");

  g_assert_true (mc_token_kind_from_string ("oauth", &kind));
  g_assert_cmpint (kind, ==, MC_TOKEN_KIND_OAUTH);
  g_assert_true (mc_token_kind_from_string ("api-key", &kind));
  g_assert_cmpint (kind, ==, MC_TOKEN_KIND_API_KEY);

  g_assert_false (mc_token_kind_from_string ("OAuth", &kind));
  g_assert_false (mc_token_kind_from_string ("", &kind));
  g_assert_false (mc_token_kind_from_string (NULL, &kind));
  g_assert_cmpint (kind, ==, MC_TOKEN_KIND_API_KEY);
}

static void
test_stored_token_wipe (void)
{
  g_autoptr(McStoredToken) token = NULL;
  g_autoptr(McStoredToken) copy = NULL;
  const char *secret = "ACMA:wipe-me-0123456789";
  const char *buffer;
  gsize len = strlen (secret);

  token = mc_stored_token_new (MC_TOKEN_KIND_API_KEY, "Shop", secret);
  copy = mc_stored_token_copy (token);
  buffer = mc_stored_token_get_token (token);
  g_assert_true (buffer != secret);
  g_assert_cmpstr (buffer, ==, secret);

  mc_stored_token_wipe (token);

  /* The same bytes, still allocated, are now all zero. */
  g_assert_true (mc_stored_token_get_token (token) == buffer);
  for (gsize i = 0; i < len; i++)
    g_assert_cmpint (buffer[i], ==, 0);
  g_assert_cmpstr (mc_stored_token_get_token (token), ==, "");

  /* A copy owns its own buffer. */
  assert_token (copy, MC_TOKEN_KIND_API_KEY, "Shop", secret);

  g_assert_true (g_type_is_a (MC_TYPE_STORED_TOKEN, G_TYPE_BOXED));
}

static void
test_store_and_find (void)
{
  g_autoptr(McTokenStore) store = mc_token_store_new ();
  g_autoptr(McStoredToken) found = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  reset_keyring ();

  g_assert_true (save_sync (store, MC_TOKEN_KIND_API_KEY, "Мой магазин", "ACMA:find-me", &error));
  g_assert_no_error (error);

  found = lookup_sync (store, "Мой магазин", &error);
  g_assert_no_error (error);
  assert_token (found, MC_TOKEN_KIND_API_KEY, "Мой магазин", "ACMA:find-me");
  g_clear_pointer (&found, mc_stored_token_free);

  /* As after a restart: libsecret reads the file again. */
  secret_service_disconnect ();
  g_clear_object (&store);
  store = mc_token_store_new ();

  all = list_sync (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  assert_token (g_ptr_array_index (all, 0), MC_TOKEN_KIND_API_KEY, "Мой магазин", "ACMA:find-me");

  found = lookup_sync (store, "Мой магазин", &error);
  g_assert_no_error (error);
  assert_token (found, MC_TOKEN_KIND_API_KEY, "Мой магазин", "ACMA:find-me");
}

/* A run against another server sees only the keys added for it, and the
 * Market's keys never reach it. */
static void
test_origins_apart (void)
{
  g_autoptr(McTokenStore) market = mc_token_store_new ();
  g_autoptr(McTokenStore) other = mc_token_store_new_for_url ("http://127.0.0.1:8080/");
  g_autoptr(McStoredToken) found = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *origin = mc_token_store_dup_origin_of_url ("HTTPS://Api.Partner.Market.Yandex.RU:443/v2");

  g_assert_cmpstr (origin, ==, MC_TOKEN_STORE_DEFAULT_ORIGIN);
  g_assert_cmpstr (mc_token_store_get_origin (other), ==, "http://127.0.0.1:8080");

  reset_keyring ();

  g_assert_true (save_sync (market, MC_TOKEN_KIND_API_KEY, "Shop", "ACMA:market", &error));
  g_assert_no_error (error);
  g_assert_true (save_sync (other, MC_TOKEN_KIND_API_KEY, "Shop", "ACMA:other", &error));
  g_assert_no_error (error);

  all = list_sync (other, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  assert_token (g_ptr_array_index (all, 0), MC_TOKEN_KIND_API_KEY, "Shop", "ACMA:other");
  g_clear_pointer (&all, g_ptr_array_unref);

  all = list_sync (market, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  assert_token (g_ptr_array_index (all, 0), MC_TOKEN_KIND_API_KEY, "Shop", "ACMA:market");
  g_clear_pointer (&all, g_ptr_array_unref);

  /* Removing one origin's key leaves the other's. */
  g_assert_true (remove_sync (other, "Shop", &error));
  g_assert_no_error (error);
  found = lookup_sync (market, "Shop", &error);
  g_assert_no_error (error);
  assert_token (found, MC_TOKEN_KIND_API_KEY, "Shop", "ACMA:market");
}

/* Keys stored before origins existed were added for the Market: its store
 * takes them over, another origin's never sees them. */
static void
test_legacy_migration (void)
{
  static const SecretSchema legacy = {
    "io.github.marketchats.MarketChats.Token", SECRET_SCHEMA_NONE,
    {
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "label", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  g_autoptr(McTokenStore) market = NULL;
  g_autoptr(McTokenStore) other = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McStoredToken) found = NULL;
  GList *left;

  reset_keyring ();
  g_assert_true (secret_password_store_sync (&legacy, NULL, "Market Chats: Old", "ACMA:legacy",
                                             NULL, &error, "kind", "api-key", "label", "Old", NULL));
  g_assert_no_error (error);
  secret_service_disconnect ();

  other = mc_token_store_new_for_url ("http://127.0.0.1:8080");
  all = list_sync (other, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 0);
  g_clear_pointer (&all, g_ptr_array_unref);

  market = mc_token_store_new ();
  all = list_sync (market, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  assert_token (g_ptr_array_index (all, 0), MC_TOKEN_KIND_API_KEY, "Old", "ACMA:legacy");
  g_clear_pointer (&all, g_ptr_array_unref);

  /* Moved, not copied: the legacy item is gone, the key stays. */
  left = secret_password_search_sync (&legacy, SECRET_SEARCH_ALL, NULL, &error, "label", "Old", NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (left), ==, 0);

  secret_service_disconnect ();
  g_clear_object (&market);
  market = mc_token_store_new ();
  found = lookup_sync (market, "Old", &error);
  g_assert_no_error (error);
  assert_token (found, MC_TOKEN_KIND_API_KEY, "Old", "ACMA:legacy");

  all = list_sync (other, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 0);
}

static void
test_lookup_missing (void)
{
  g_autoptr(McTokenStore) store = mc_token_store_new ();
  g_autoptr(McStoredToken) found = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  reset_keyring ();

  all = list_sync (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (all);
  g_assert_cmpuint (all->len, ==, 0);

  g_assert_true (save_sync (store, MC_TOKEN_KIND_OAUTH, "Present", "y0_present", &error));
  g_assert_no_error (error);

  found = lookup_sync (store, "Absent", &error);
  g_assert_no_error (error);
  g_assert_null (found);

  /* A label is matched whole, not as a prefix. */
  found = lookup_sync (store, "Pres", &error);
  g_assert_no_error (error);
  g_assert_null (found);
}

static void
test_two_cabinets (void)
{
  g_autoptr(McTokenStore) store = mc_token_store_new ();
  g_autoptr(McStoredToken) found = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  reset_keyring ();

  g_assert_true (save_sync (store, MC_TOKEN_KIND_OAUTH, "Beta", "y0_beta", &error));
  g_assert_no_error (error);
  g_assert_true (save_sync (store, MC_TOKEN_KIND_API_KEY, "Alpha", "ACMA:alpha", &error));
  g_assert_no_error (error);

  all = list_sync (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  assert_token (g_ptr_array_index (all, 0), MC_TOKEN_KIND_API_KEY, "Alpha", "ACMA:alpha");
  assert_token (g_ptr_array_index (all, 1), MC_TOKEN_KIND_OAUTH, "Beta", "y0_beta");

  found = lookup_sync (store, "Beta", &error);
  g_assert_no_error (error);
  assert_token (found, MC_TOKEN_KIND_OAUTH, "Beta", "y0_beta");
}

static void
test_replace_same_label (void)
{
  g_autoptr(McTokenStore) store = mc_token_store_new ();
  g_autoptr(McStoredToken) found = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  reset_keyring ();

  g_assert_true (save_sync (store, MC_TOKEN_KIND_API_KEY, "Shop", "ACMA:old", &error));
  g_assert_no_error (error);
  g_assert_true (save_sync (store, MC_TOKEN_KIND_API_KEY, "Other", "ACMA:other", &error));
  g_assert_no_error (error);
  g_assert_true (save_sync (store, MC_TOKEN_KIND_API_KEY, "Shop", "ACMA:new", &error));
  g_assert_no_error (error);

  found = lookup_sync (store, "Shop", &error);
  g_assert_no_error (error);
  assert_token (found, MC_TOKEN_KIND_API_KEY, "Shop", "ACMA:new");
  g_clear_pointer (&found, mc_stored_token_free);

  /* Switching the kind replaces the item too: no stale Api-Key remains. */
  g_assert_true (save_sync (store, MC_TOKEN_KIND_OAUTH, "Shop", "y0_oauth", &error));
  g_assert_no_error (error);

  secret_service_disconnect ();
  all = list_sync (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  assert_token (g_ptr_array_index (all, 0), MC_TOKEN_KIND_API_KEY, "Other", "ACMA:other");
  assert_token (g_ptr_array_index (all, 1), MC_TOKEN_KIND_OAUTH, "Shop", "y0_oauth");
}

static void
test_remove (void)
{
  g_autoptr(McTokenStore) store = mc_token_store_new ();
  g_autoptr(McStoredToken) found = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  reset_keyring ();

  g_assert_true (save_sync (store, MC_TOKEN_KIND_API_KEY, "Keep", "ACMA:keep", &error));
  g_assert_no_error (error);
  g_assert_true (save_sync (store, MC_TOKEN_KIND_OAUTH, "Drop", "y0_drop", &error));
  g_assert_no_error (error);

  g_assert_true (remove_sync (store, "Drop", &error));
  g_assert_no_error (error);

  found = lookup_sync (store, "Drop", &error);
  g_assert_no_error (error);
  g_assert_null (found);

  /* Forgetting what is not there is not an error. */
  g_assert_true (remove_sync (store, "Drop", &error));
  g_assert_no_error (error);

  secret_service_disconnect ();
  all = list_sync (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  assert_token (g_ptr_array_index (all, 0), MC_TOKEN_KIND_API_KEY, "Keep", "ACMA:keep");
}

static void
test_not_in_file_nor_log (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(McTokenStore) store = mc_token_store_new ();
      g_autoptr(McStoredToken) found = NULL;
      g_autoptr(GPtrArray) all = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (keyring_dir, "test.keyring", NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
      reset_keyring ();

      g_assert_true (save_sync (store, MC_TOKEN_KIND_API_KEY, "Leaky", "ACMA:do-not-print-me", &error));
      g_assert_no_error (error);
      all = list_sync (store, &error);
      g_assert_no_error (error);
      found = lookup_sync (store, "Leaky", &error);
      g_assert_no_error (error);
      g_assert_nonnull (found);

      g_assert_true (g_file_get_contents (path, &contents, &length, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (length, >, 0);
      g_assert_false (contains_bytes (contents, length, "do-not-print-me"));

      g_assert_true (remove_sync (store, "Leaky", &error));
      g_assert_no_error (error);
      return;
    }

  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  /* Debug output was really on, so its silence about the token means something. */
  g_test_trap_assert_stdout ("*Stored the token of cabinet*Leaky*");
  g_test_trap_assert_stderr_unmatched ("*do-not-print-me*");
  g_test_trap_assert_stdout_unmatched ("*do-not-print-me*");
}

static void
assert_no_service_quickly (McTokenStore *store,
                           gint64        max_usec)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McStoredToken) found = NULL;
  gint64 start = g_get_monotonic_time ();

  mc_token_store_lookup_async (store, "Shop", NULL, mc_test_store_result, &result);
  found = mc_token_store_lookup_finish (store, mc_test_wait_for (&result), &error);
  g_assert_null (found);
  g_assert_error (error, MC_SECRETS_ERROR, MC_SECRETS_ERROR_NO_SERVICE);
  g_assert_nonnull (strstr (error->message, "keyring"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, max_usec);
  g_clear_object (&result);
  g_clear_error (&error);

  g_assert_false (save_sync (store, MC_TOKEN_KIND_API_KEY, "Shop", "ACMA:nowhere", &error));
  g_assert_error (error, MC_SECRETS_ERROR, MC_SECRETS_ERROR_NO_SERVICE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * max_usec);
}

static void
test_no_bus (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(McTokenStore) store = mc_token_store_new ();

      g_unsetenv ("SECRET_BACKEND");
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/market-chats-bus", TRUE);
      assert_no_service_quickly (store, 3 * G_USEC_PER_SEC);
      return;
    }

  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static gboolean
on_mute_client (GSocketService    *service,
                GSocketConnection *connection,
                GObject           *source,
                gpointer           user_data)
{
  GPtrArray *held = user_data;

  /* Keep the connection open and never answer. */
  g_ptr_array_add (held, g_object_ref (connection));
  return TRUE;
}

static void
test_connect_timeout (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(McTokenStore) store = mc_token_store_new ();
      g_autoptr(GSocketService) service = g_socket_service_new ();
      g_autoptr(GSocketAddress) address = NULL;
      g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (keyring_dir, "mute-bus", NULL);
      g_autofree char *bus = g_strdup_printf ("unix:path=%s", path);

      address = g_unix_socket_address_new (path);
      g_socket_listener_add_address (G_SOCKET_LISTENER (service), address,
                                     G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT,
                                     NULL, NULL, &error);
      g_assert_no_error (error);
      g_signal_connect (service, "incoming", G_CALLBACK (on_mute_client), held);

      g_unsetenv ("SECRET_BACKEND");
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", bus, TRUE);

      g_assert_cmpuint (mc_token_store_get_connect_timeout (store), ==, 15000);
      mc_token_store_set_connect_timeout (store, 300);
      assert_no_service_quickly (store, 2 * G_USEC_PER_SEC);
      g_assert_cmpuint (held->len, >=, 1);
      return;
    }

  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_cancelled (void)
{
  g_autoptr(McTokenStore) store = mc_token_store_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  reset_keyring ();

  g_cancellable_cancel (cancellable);
  mc_token_store_save_async (store, MC_TOKEN_KIND_API_KEY, "Shop", "ACMA:cancelled",
                             cancellable, mc_test_store_result, &result);
  g_assert_false (mc_token_store_save_finish (store, mc_test_wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  /* Before libsecret reads the environment; subprocesses inherit both. */
  keyring_dir = mc_test_shared_tmp_dir ("MC_TEST_KEYRING_DIR", "mc-secrets-XXXXXX");
  mc_test_use_file_keyring (keyring_dir);
  g_assert_cmpstr (g_getenv ("SECRET_BACKEND"), ==, "file");
  g_assert_nonnull (g_getenv ("SECRET_FILE_TEST_PASSWORD"));

  g_test_add_func ("/secrets/kind/strings", test_kind_strings);
  g_test_add_func ("/secrets/stored-token/wipe", test_stored_token_wipe);
  g_test_add_func ("/secrets/file/store-and-find", test_store_and_find);
  g_test_add_func ("/secrets/file/lookup-missing", test_lookup_missing);
  g_test_add_func ("/secrets/file/origins-apart", test_origins_apart);
  g_test_add_func ("/secrets/file/legacy-migration", test_legacy_migration);
  g_test_add_func ("/secrets/file/two-cabinets", test_two_cabinets);
  g_test_add_func ("/secrets/file/replace-same-label", test_replace_same_label);
  g_test_add_func ("/secrets/file/remove", test_remove);
  g_test_add_func ("/secrets/file/not-in-file-nor-log", test_not_in_file_nor_log);
  g_test_add_func ("/secrets/file/cancelled", test_cancelled);
  g_test_add_func ("/secrets/no-service/no-bus", test_no_bus);
  g_test_add_func ("/secrets/no-service/connect-timeout", test_connect_timeout);

  ret = g_test_run ();

  /* Only the process that made the directory removes it. */
  if (!g_test_subprocess ())
    mc_test_remove_tree (keyring_dir);
  g_free (keyring_dir);

  return ret;
}
