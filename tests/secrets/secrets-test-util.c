/* secrets-test-util.c: blocking wrappers around McTokenStore for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "secrets-test-util.h"

gboolean
save_sync (McTokenStore  *store,
           McTokenKind    kind,
           const char    *label,
           const char    *token,
           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mc_token_store_save_async (store, kind, label, token, NULL, mc_test_store_result, &result);
  return mc_token_store_save_finish (store, mc_test_wait_for (&result), error);
}

GPtrArray *
list_sync (McTokenStore  *store,
           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mc_token_store_list_async (store, NULL, mc_test_store_result, &result);
  return mc_token_store_list_finish (store, mc_test_wait_for (&result), error);
}

McStoredToken *
lookup_sync (McTokenStore  *store,
             const char    *label,
             GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mc_token_store_lookup_async (store, label, NULL, mc_test_store_result, &result);
  return mc_token_store_lookup_finish (store, mc_test_wait_for (&result), error);
}

gboolean
remove_sync (McTokenStore  *store,
             const char    *label,
             GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mc_token_store_remove_async (store, label, NULL, mc_test_store_result, &result);
  return mc_token_store_remove_finish (store, mc_test_wait_for (&result), error);
}
