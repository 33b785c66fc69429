/* test-keyring.c: McTokenStore against a real gnome-keyring-daemon in the
 * private D-Bus session of build-aux/test.sh
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "mc-token-store.h"
#include "secrets-test-util.h"

/* The same schema as the store's, to look at its items from outside. */
static const SecretSchema token_schema = {
  "io.github.marketchats.MarketChats.OriginToken", SECRET_SCHEMA_NONE,
  {
    { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "cabinet", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "origin", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

static gboolean
have_secret_service (void)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    {
      g_test_skip ("No D-Bus session bus (run build-aux/test.sh)");
      return FALSE;
    }

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                       5000, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);

  if (!has_owner)
    g_test_skip ("Nobody owns org.freedesktop.secrets (run build-aux/test.sh)");

  return has_owner;
}

static const McStoredToken *
find_label (GPtrArray  *tokens,
            const char *label)
{
  for (guint i = 0; i < tokens->len; i++)
    if (g_strcmp0 (mc_stored_token_get_label (g_ptr_array_index (tokens, i)), label) == 0)
      return g_ptr_array_index (tokens, i);

  return NULL;
}

/* The item is where the seller's keyring manager shows it: in the default
 * collection, persistent, labelled for people, with the schema's name. */
static void
assert_item_in_default_collection (const char *label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *item_label = NULL;
  g_autofree char *expected_label = g_strdup_printf ("Market Chats: %s", label);
  const char *collection_path;
  const char *item_path;
  GList *items;

  /* The async call: libsecret 0.20's _sync wrapper leaks its items' paths. */
  secret_password_search (&token_schema, SECRET_SEARCH_ALL, NULL, mc_test_store_result, &result,
                          "cabinet", label, "origin", MC_TOKEN_STORE_DEFAULT_ORIGIN, NULL);
  items = secret_password_search_finish (mc_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  g_assert_true (SECRET_IS_ITEM (items->data));

  item_label = secret_item_get_label (items->data);
  g_assert_cmpstr (item_label, ==, expected_label);
  attributes = secret_item_get_attributes (items->data);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "xdg:schema"), ==, token_schema.name);

  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);
  collection_path = g_dbus_proxy_get_object_path (G_DBUS_PROXY (collection));
  g_assert_cmpstr (collection_path, !=, "/org/freedesktop/secrets/collection/session");
  item_path = g_dbus_proxy_get_object_path (G_DBUS_PROXY (items->data));
  g_assert_true (g_str_has_prefix (item_path, collection_path));

  g_list_free_full (items, g_object_unref);
}

static void
test_round_trip (void)
{
  g_autoptr(McTokenStore) store = NULL;
  g_autoptr(McStoredToken) found = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  /* Unique, in case this runs against a real session's keyring. */
  g_autofree char *label_a = g_strdup_printf ("Market Chats test A %d", (int) getpid ());
  g_autofree char *label_b = g_strdup_printf ("Market Chats test B %d", (int) getpid ());

  if (!have_secret_service ())
    return;

  store = mc_token_store_new ();
  g_assert_true (save_sync (store, MC_TOKEN_KIND_API_KEY, label_a, "ACMA:keyring-a", &error));
  g_assert_no_error (error);
  g_assert_true (save_sync (store, MC_TOKEN_KIND_OAUTH, label_b, "y0_keyring-b", &error));
  g_assert_no_error (error);
  g_assert_true (save_sync (store, MC_TOKEN_KIND_API_KEY, label_a, "ACMA:keyring-a2", &error));
  g_assert_no_error (error);

  /* As a restarted application: no cached service, session or items. */
  g_clear_object (&store);
  secret_service_disconnect ();
  store = mc_token_store_new ();

  all = list_sync (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_label (all, label_a));
  g_assert_cmpstr (mc_stored_token_get_token (find_label (all, label_a)), ==, "ACMA:keyring-a2");
  g_assert_cmpint (mc_stored_token_get_kind (find_label (all, label_a)), ==, MC_TOKEN_KIND_API_KEY);
  g_assert_nonnull (find_label (all, label_b));
  g_assert_cmpstr (mc_stored_token_get_token (find_label (all, label_b)), ==, "y0_keyring-b");
  g_assert_cmpint (mc_stored_token_get_kind (find_label (all, label_b)), ==, MC_TOKEN_KIND_OAUTH);
  g_clear_pointer (&all, g_ptr_array_unref);

  found = lookup_sync (store, label_b, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (mc_stored_token_get_token (found), ==, "y0_keyring-b");
  g_clear_pointer (&found, mc_stored_token_free);

  assert_item_in_default_collection (label_a);

  g_assert_true (remove_sync (store, label_a, &error));
  g_assert_no_error (error);
  g_assert_true (remove_sync (store, label_b, &error));
  g_assert_no_error (error);

  secret_service_disconnect ();
  all = list_sync (store, &error);
  g_assert_no_error (error);
  g_assert_null (find_label (all, label_a));
  g_assert_null (find_label (all, label_b));

  found = lookup_sync (store, label_a, &error);
  g_assert_no_error (error);
  g_assert_null (found);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secrets/keyring/round-trip", test_round_trip);

  return g_test_run ();
}
