/* mc-api-pager.c: the bookkeeping of a walk through pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-api-pager.h"

void
mc_api_pager_init (McApiPager      *pager,
                   guint            max_pages,
                   McApiPagerFlags  flags)
{
  g_return_if_fail (pager != NULL);
  g_return_if_fail (max_pages > 0);

  pager->seen_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  pager->seen_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pager->token = NULL;
  pager->pages = 0;
  pager->max_pages = max_pages;
  pager->fresh = 0;
  pager->flags = flags;
}

void
mc_api_pager_clear (McApiPager *pager)
{
  g_return_if_fail (pager != NULL);

  g_clear_pointer (&pager->seen_ids, g_hash_table_unref);
  g_clear_pointer (&pager->seen_tokens, g_hash_table_unref);
  g_clear_pointer (&pager->token, g_free);
}

gboolean
mc_api_pager_see (McApiPager *pager,
                  gint64      id)
{
  g_return_val_if_fail (pager != NULL, FALSE);

  if (g_hash_table_contains (pager->seen_ids, &id))
    return FALSE;

  g_hash_table_add (pager->seen_ids, g_memdup2 (&id, sizeof id));
  pager->fresh++;

  return TRUE;
}

McApiPagerStep
mc_api_pager_advance (McApiPager *pager,
                      const char *next_token,
                      guint       n_items,
                      guint       n_rejected)
{
  guint fresh;

  g_return_val_if_fail (pager != NULL, MC_API_PAGER_END);

  fresh = pager->fresh;
  pager->fresh = 0;
  pager->pages++;
  g_clear_pointer (&pager->token, g_free);

  if (next_token == NULL || *next_token == '\0' || n_items + n_rejected == 0)
    return MC_API_PAGER_END;

  if (g_hash_table_contains (pager->seen_tokens, next_token))
    return MC_API_PAGER_REPEATED_TOKEN;

  if ((pager->flags & MC_API_PAGER_STOP_ON_REPEATS) && n_items > 0 && fresh == 0)
    return MC_API_PAGER_REPEATED_ITEMS;

  if (pager->pages >= pager->max_pages)
    return MC_API_PAGER_MAX_PAGES;

  g_hash_table_add (pager->seen_tokens, g_strdup (next_token));
  pager->token = g_strdup (next_token);

  return MC_API_PAGER_NEXT;
}

const char *
mc_api_pager_get_token (McApiPager *pager)
{
  g_return_val_if_fail (pager != NULL, NULL);

  return pager->token;
}

guint
mc_api_pager_get_pages (McApiPager *pager)
{
  g_return_val_if_fail (pager != NULL, 0);

  return pager->pages;
}
