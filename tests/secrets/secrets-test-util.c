/* secrets-test-util.c: blocking wrappers around McTokenStore for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "secrets-test-util.h"

GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

gboolean
save_sync (McTokenStore  *store,
           McTokenKind    kind,
           const char    *label,
           const char    *token,
           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mc_token_store_save_async (store, kind, label, token, NULL, on_done, &result);
  return mc_token_store_save_finish (store, wait_for (&result), error);
}

GPtrArray *
list_sync (McTokenStore  *store,
           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mc_token_store_list_async (store, NULL, on_done, &result);
  return mc_token_store_list_finish (store, wait_for (&result), error);
}

McStoredToken *
lookup_sync (McTokenStore  *store,
             const char    *label,
             GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mc_token_store_lookup_async (store, label, NULL, on_done, &result);
  return mc_token_store_lookup_finish (store, wait_for (&result), error);
}

gboolean
remove_sync (McTokenStore  *store,
             const char    *label,
             GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mc_token_store_remove_async (store, label, NULL, on_done, &result);
  return mc_token_store_remove_finish (store, wait_for (&result), error);
}
