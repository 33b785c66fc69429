/* mc-api-pager.h: the bookkeeping of a walk through the pages of a
 * listing, shared by McApiClient's own walks and the sync engine's:
 * which page comes next, which items and page tokens were seen, and when
 * the walk is over.  It fetches nothing: when and how a page is asked for
 * (budgets, pauses, retries) is the caller's policy.
 *
 * A page that failed is simply not given to mc_api_pager_advance(): the
 * token stays, and asking again asks for the same page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MC_API_PAGER_NEXT,           /* fetch the page of mc_api_pager_get_token() */
  MC_API_PAGER_END,            /* no next page token, or a page with no items */
  MC_API_PAGER_REPEATED_TOKEN, /* the server named a page token seen before */
  MC_API_PAGER_REPEATED_ITEMS, /* a page of items all seen before (see flags) */
  MC_API_PAGER_MAX_PAGES,      /* the caller's limit of pages was reached */
} McApiPagerStep;

typedef enum
{
  MC_API_PAGER_FLAGS_NONE            = 0,
  /* A page whose accepted items were all seen ends the walk: a server
   * that repeats items under new tokens would otherwise never end. */
  MC_API_PAGER_STOP_ON_REPEATS       = 1 << 0,
} McApiPagerFlags;

typedef struct
{
  /*< private >*/
  GHashTable      *seen_ids;     /* gint64 */
  GHashTable      *seen_tokens;  /* char* */
  char            *token;
  guint            pages;
  guint            max_pages;
  guint            fresh;        /* items first seen on the current page */
  McApiPagerFlags  flags;
} McApiPager;

void            mc_api_pager_init      (McApiPager      *pager,
                                        guint            max_pages,
                                        McApiPagerFlags  flags);
void            mc_api_pager_clear     (McApiPager      *pager);
/* Notes an item of the current page; TRUE the first time @id is seen. */
gboolean        mc_api_pager_see       (McApiPager      *pager,
                                        gint64           id);
/* The current page came: @n_items accepted and @n_rejected refused by the
 * parser, @next_token as the server named it.  Counts the page and says
 * whether the walk goes on. */
McApiPagerStep  mc_api_pager_advance   (McApiPager      *pager,
                                        const char      *next_token,
                                        guint            n_items,
                                        guint            n_rejected);
/* The token of the page to fetch; NULL for the first page and once the
 * walk is over. */
const char     *mc_api_pager_get_token (McApiPager      *pager);
/* Pages given to mc_api_pager_advance() so far. */
guint           mc_api_pager_get_pages (McApiPager      *pager);

G_END_DECLS
