/* test-api-pager.c: McApiPager, the bookkeeping every walk through pages
 * shares (the client's own and the sync engine's), by itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-api-pager.h"

/* Each page hands over the ids it brought, then its next token. */
static McApiPagerStep
page (McApiPager   *pager,
      const gint64 *ids,
      guint         n_ids,
      guint         n_rejected,
      const char   *next_token)
{
  for (guint i = 0; i < n_ids; i++)
    mc_api_pager_see (pager, ids[i]);

  return mc_api_pager_advance (pager, next_token, n_ids, n_rejected);
}

static void
test_tokens (void)
{
  const gint64 first[] = { 1, 2, 3 };
  const gint64 second[] = { 4, 5 };
  const gint64 last[] = { 6 };
  McApiPager pager;

  mc_api_pager_init (&pager, 10, MC_API_PAGER_FLAGS_NONE);
  g_assert_null (mc_api_pager_get_token (&pager));
  g_assert_cmpuint (mc_api_pager_get_pages (&pager), ==, 0);

  g_assert_cmpint (page (&pager, first, 3, 0, "page-2"), ==, MC_API_PAGER_NEXT);
  g_assert_cmpstr (mc_api_pager_get_token (&pager), ==, "page-2");
  g_assert_cmpint (page (&pager, second, 2, 0, "page-3"), ==, MC_API_PAGER_NEXT);
  g_assert_cmpstr (mc_api_pager_get_token (&pager), ==, "page-3");

  /* No token, or an empty one, is the end. */
  g_assert_cmpint (page (&pager, last, 1, 0, ""), ==, MC_API_PAGER_END);
  g_assert_null (mc_api_pager_get_token (&pager));
  g_assert_cmpuint (mc_api_pager_get_pages (&pager), ==, 3);
  mc_api_pager_clear (&pager);

  mc_api_pager_init (&pager, 10, MC_API_PAGER_FLAGS_NONE);
  g_assert_cmpint (page (&pager, first, 3, 0, NULL), ==, MC_API_PAGER_END);
  mc_api_pager_clear (&pager);

  /* A token named twice would loop: the walk ends there. */
  mc_api_pager_init (&pager, 10, MC_API_PAGER_FLAGS_NONE);
  g_assert_cmpint (page (&pager, first, 3, 0, "again"), ==, MC_API_PAGER_NEXT);
  g_assert_cmpint (page (&pager, second, 2, 0, "again"), ==, MC_API_PAGER_REPEATED_TOKEN);
  g_assert_null (mc_api_pager_get_token (&pager));
  mc_api_pager_clear (&pager);
}

static void
test_seen_ids (void)
{
  McApiPager pager;

  mc_api_pager_init (&pager, 10, MC_API_PAGER_FLAGS_NONE);
  g_assert_true (mc_api_pager_see (&pager, 42));
  g_assert_false (mc_api_pager_see (&pager, 42));
  g_assert_true (mc_api_pager_see (&pager, G_MAXINT64));
  g_assert_true (mc_api_pager_see (&pager, 43));
  mc_api_pager_clear (&pager);
}

/* A page that failed is not handed over: the walk asks for the same page
 * again, and the retry counts as that page, not as another. */
static void
test_failing_page (void)
{
  const gint64 first[] = { 1, 2 };
  const gint64 second[] = { 3, 4 };
  McApiPager pager;

  mc_api_pager_init (&pager, 10, MC_API_PAGER_STOP_ON_REPEATS);
  g_assert_cmpint (page (&pager, first, 2, 0, "page-2"), ==, MC_API_PAGER_NEXT);

  /* The request for page-2 failed: nothing moved. */
  g_assert_cmpstr (mc_api_pager_get_token (&pager), ==, "page-2");
  g_assert_cmpuint (mc_api_pager_get_pages (&pager), ==, 1);

  /* Its retry brings it: the second page, not a third. */
  g_assert_cmpint (page (&pager, second, 2, 0, "page-3"), ==, MC_API_PAGER_NEXT);
  g_assert_cmpstr (mc_api_pager_get_token (&pager), ==, "page-3");
  g_assert_cmpuint (mc_api_pager_get_pages (&pager), ==, 2);

  /* A page whose items the parser all refused does not end the walk:
   * broken items are skipped, never the rest. */
  g_assert_cmpint (page (&pager, NULL, 0, 5, "page-4"), ==, MC_API_PAGER_NEXT);
  /* A page with nothing at all does. */
  g_assert_cmpint (page (&pager, NULL, 0, 0, "page-5"), ==, MC_API_PAGER_END);
  mc_api_pager_clear (&pager);
}

static void
test_stop_early (void)
{
  const gint64 first[] = { 1, 2 };
  const gint64 second[] = { 3 };
  McApiPager pager;

  /* The caller's limit of pages. */
  mc_api_pager_init (&pager, 2, MC_API_PAGER_FLAGS_NONE);
  g_assert_cmpint (page (&pager, first, 2, 0, "page-2"), ==, MC_API_PAGER_NEXT);
  g_assert_cmpint (page (&pager, second, 1, 0, "page-3"), ==, MC_API_PAGER_MAX_PAGES);
  g_assert_null (mc_api_pager_get_token (&pager));
  g_assert_cmpuint (mc_api_pager_get_pages (&pager), ==, 2);
  mc_api_pager_clear (&pager);

  /* Items repeated under a fresh token end a walk that asks for it ... */
  mc_api_pager_init (&pager, 10, MC_API_PAGER_STOP_ON_REPEATS);
  g_assert_cmpint (page (&pager, first, 2, 0, "page-2"), ==, MC_API_PAGER_NEXT);
  g_assert_cmpint (page (&pager, first, 2, 0, "page-3"), ==, MC_API_PAGER_REPEATED_ITEMS);
  g_assert_null (mc_api_pager_get_token (&pager));
  mc_api_pager_clear (&pager);

  /* ... one new item among them keeps it going ... */
  mc_api_pager_init (&pager, 10, MC_API_PAGER_STOP_ON_REPEATS);
  g_assert_cmpint (page (&pager, first, 2, 0, "page-2"), ==, MC_API_PAGER_NEXT);
  {
    const gint64 mixed[] = { 1, 2, 3 };

    g_assert_cmpint (page (&pager, mixed, 3, 0, "page-3"), ==, MC_API_PAGER_NEXT);
  }
  mc_api_pager_clear (&pager);

  /* ... and a walk that did not ask goes on. */
  mc_api_pager_init (&pager, 10, MC_API_PAGER_FLAGS_NONE);
  g_assert_cmpint (page (&pager, first, 2, 0, "page-2"), ==, MC_API_PAGER_NEXT);
  g_assert_cmpint (page (&pager, first, 2, 0, "page-3"), ==, MC_API_PAGER_NEXT);
  mc_api_pager_clear (&pager);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/api/pager/tokens", test_tokens);
  g_test_add_func ("/api/pager/seen-ids", test_seen_ids);
  g_test_add_func ("/api/pager/failing-page", test_failing_page);
  g_test_add_func ("/api/pager/stop-early", test_stop_early);

  return g_test_run ();
}
