/* test-sync-plan.c: the governor's decisions, by table, without a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-sync-plan.h"

#define NOW  (G_GINT64_CONSTANT (1800000000) * G_USEC_PER_SEC)
#define SEC  ((gint64) G_USEC_PER_SEC)

/* A quiet cabinet: ample documented budgets, nothing stated by the
 * Market, one page per poll, a sweep of five pages. */
static McSyncPlanInput
quiet (void)
{
  McSyncPlanInput input = {
    .now = NOW,
    .poll_interval = 30,
    .budget_percent = 10,
    .budget_scale = 1.0,
    .chats = { .limit = -1, .documented = 10000, .remaining = -1 },
    .history = { .limit = -1, .documented = 10000, .remaining = -1 },
    .poll_pages = 1,
    .sweep_pages = 5,
  };

  return input;
}

typedef struct
{
  const char *name;
  void      (*change) (McSyncPlanInput *input);
  double      interval;
  double      local_interval;
  double      sweep_interval;
  guint       recheck_every;
} PlanRow;

static void
change_none (McSyncPlanInput *in)
{
}

static void
change_small_budget (McSyncPlanInput *in)
{
  in->chats.documented = 1000;
  in->poll_pages = 3;
  in->sweep_pages = 10;
}

static void
change_market_remaining_low (McSyncPlanInput *in)
{
  /* 30 left for half an hour, far below the 900 of this app's share. */
  in->chats.remaining = 30;
  in->chats.until = NOW + 1800 * SEC;
}

static void
change_market_remaining_zero (McSyncPlanInput *in)
{
  in->chats.remaining = 0;
  in->chats.until = NOW + 600 * SEC;
}

static void
change_market_window_ended (McSyncPlanInput *in)
{
  in->chats.remaining = 0;
  in->chats.until = NOW - 1;
}

static void
change_stated_limit (McSyncPlanInput *in)
{
  in->chats.limit = 100;
}

static void
change_budget_scale (McSyncPlanInput *in)
{
  in->chats.limit = 100;
  in->budget_scale = 10.0;
}

static void
change_first_sweep (McSyncPlanInput *in)
{
  in->chats.documented = 1000;
  in->sweep_pages = 0;
  in->known_chats = 4000;
}

static void
change_history_busy (McSyncPlanInput *in)
{
  in->history.documented = 1000;
  in->changed_per_poll = 5;
  in->n_recheck = 200;
}

static void
change_history_remaining_low (McSyncPlanInput *in)
{
  in->changed_per_poll = 2;
  in->history.remaining = 10;
  in->history.until = NOW + 7200 * SEC;
}

static void
change_disputes (McSyncPlanInput *in)
{
  in->chats.documented = 1000;
  in->poll_pages = 2;
  in->dispute_cost = 20;
}

static void
change_slow_setting (McSyncPlanInput *in)
{
  in->poll_interval = 600;
}

static const PlanRow plan_rows[] = {
  /* 1.5 pages a poll (one, and a dispute round of two every fourth) */
  { "seller's interval wins", change_none, 30, 30, 600, 10 },
  /* cap 90: 3.5 pages x 3600 / (0.8 x 90) */
  { "own budget stretches polls", change_small_budget, 175, 175, 2000, 10 },
  /* 1.5 x 1800 s / (0.5 x 30) */
  { "Market's Remaining below own count", change_market_remaining_low, 180, 30, 600, 10 },
  /* Remaining 0 counts as 1: 1.5 x 600 / 0.5 */
  { "Market's Remaining zero", change_market_remaining_zero, 1800, 30, 600, 10 },
  { "Market's window ended", change_market_window_ended, 30, 30, 600, 10 },
  /* cap 9: 1.5 x 3600 / 7.2; sweeps get 9 - 7.2 */
  { "stated Limit wins over documented", change_stated_limit, 750, 750, 10000, 10 },
  { "budget scale multiplies the Limit", change_budget_scale, 75, 75, 1000, 10 },
  /* 4000 chats / 20 + 18 walks, in the 18 an hour the polls leave */
  { "first sweep by stored chats", change_first_sweep, 75, 75, 43600, 10 },
  /* 5 x 3600 / (0.5 x 90); re-checks: 200 x 3600 / (400 x 45) */
  { "history fetches stretch polls", change_history_busy, 400, 400, 600, 40 },
  /* 2 x 3600 / (0.5 x 10), the window counted at most an hour */
  { "Market's history Remaining low", change_history_remaining_low, 1440, 30, 600, 10 },
  /* disputes every 40 polls: 2 + 20 / 40 pages, 2.5 x 3600 / 72 */
  { "dispute rounds add to a poll", change_disputes, 125, 125, 1000, 10 },
  { "slow setting kept", change_slow_setting, 600, 600, 600, 10 },
};

static void
test_plan_cabinet (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (plan_rows); i++)
    {
      const PlanRow *row = &plan_rows[i];
      McSyncPlanInput input = quiet ();
      McSyncPlan plan;

      row->change (&input);
      mc_sync_plan_cabinet (&input, &plan);

      g_test_message ("%s: %g %g %g %u", row->name, plan.interval,
                      plan.local_interval, plan.sweep_interval, plan.recheck_every);
      g_assert_cmpfloat_with_epsilon (plan.interval, row->interval, 1e-6 * row->interval);
      g_assert_cmpfloat_with_epsilon (plan.local_interval, row->local_interval, 1e-6 * row->local_interval);
      g_assert_cmpfloat_with_epsilon (plan.sweep_interval, row->sweep_interval, 1e-6 * row->sweep_interval);
      g_assert_cmpuint (plan.recheck_every, ==, row->recheck_every);
    }
}

/* What polls need until the window ends stays theirs: a sweep spends only
 * beyond it, by this app's count and by the Market's. */
typedef struct
{
  const char *name;
  guint       used_in_hour;
  gint        remaining;
  gint64      until;
  double      local_interval;
  gboolean    may_spend;
} SpendRow;

static const SpendRow spend_rows[] = {
  /* polls need 1.5 x 3600 / 30 = 180 of the 1000 */
  { "room left", 800, -1, 0, 30, TRUE },
  { "reserve for polls", 820, -1, 0, 30, FALSE },
  /* 600 s to go: polls need 1.5 x 21; twice that is kept */
  { "Market leaves room", 0, 100, NOW + 600 * SEC, 30, TRUE },
  { "Market's Remaining below own count", 0, 60, NOW + 600 * SEC, 30, FALSE },
  { "Market's window ended", 0, 60, NOW - 1, 30, TRUE },
  { "no plan yet counts a second", 0, -1, 0, 0, FALSE },
};

static void
test_plan_sweep_may_spend (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (spend_rows); i++)
    {
      const SpendRow *row = &spend_rows[i];
      McSyncPlanInput input = quiet ();

      input.chats.documented = 1000;
      input.chats.used_in_hour = row->used_in_hour;
      input.chats.remaining = row->remaining;
      input.chats.until = row->until;

      g_test_message ("%s", row->name);
      g_assert_cmpint (mc_sync_plan_sweep_may_spend (&input, row->local_interval), ==, row->may_spend);
    }
}

static void
test_plan_backoff (void)
{
  static const struct { guint interval, failures; gint64 seconds; } rows[] = {
    { 30, 1, 30 },
    { 30, 2, 60 },
    { 30, 3, 120 },
    { 30, 6, 960 },
    { 30, 7, 1800 },   /* capped */
    { 30, 100, 1800 },
    { 0, 1, 1 },       /* an interval not planned yet counts a second */
    { 3600, 1, 1800 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_assert_cmpint (mc_sync_plan_backoff_usec (rows[i].interval, rows[i].failures), ==,
                     rows[i].seconds * G_USEC_PER_SEC);
}

static void
test_plan_disputes (void)
{
  static const struct { guint poll_pages, dispute_cost, every; double cost; } rows[] = {
    { 1, 0, 4, 1.5 },
    { 0, 0, 4, 1.5 },
    { 10, 9, 4, 12.25 },
    { 10, 11, 5, 12.2 },
    { 2, 20, 40, 2.5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_assert_cmpuint (mc_sync_plan_dispute_every (rows[i].poll_pages, rows[i].dispute_cost), ==,
                        rows[i].every);
      g_assert_cmpfloat_with_epsilon (mc_sync_plan_poll_cost (rows[i].poll_pages, rows[i].dispute_cost),
                                      rows[i].cost, 1e-9);
    }
}

static void
test_plan_limits (void)
{
  McSyncPlanBudget stated = { .limit = 500, .documented = 1000, .remaining = -1 };
  McSyncPlanBudget documented = { .limit = 0, .documented = 1000, .remaining = -1 };
  McSyncPlanBudget left = { .limit = -1, .documented = 1000, .remaining = 40, .until = NOW + 7200 * SEC };

  g_assert_cmpfloat (mc_sync_plan_hourly_limit (&stated, 2.0), ==, 1000.0);
  g_assert_cmpfloat (mc_sync_plan_hourly_limit (&documented, 2.0), ==, 2000.0);

  g_assert_cmpfloat (mc_sync_plan_market_interval (&documented, NOW, 1.0), ==, 0.0);
  g_assert_cmpfloat (mc_sync_plan_market_interval (&left, NOW, 0.0), ==, 0.0);
  /* 2 pages x 3600 s (at most an hour) / (0.5 x 40) */
  g_assert_cmpfloat_with_epsilon (mc_sync_plan_market_interval (&left, NOW, 2.0), 360.0, 1e-9);
}

static void
test_plan_walks (void)
{
  g_assert_cmpuint (mc_sync_plan_walk_max_pages (0), ==, MC_SYNC_MAX_WALK_PAGES);
  /* (2 x 100 + 2000) / 20 + 1 */
  g_assert_cmpuint (mc_sync_plan_walk_max_pages (100), ==, 111);
  g_assert_cmpuint (mc_sync_plan_walk_max_pages (1000000), ==, MC_SYNC_MAX_WALK_PAGES);

  g_assert_cmpuint (mc_sync_plan_interval_seconds (29.2), ==, 30);
  g_assert_cmpuint (mc_sync_plan_interval_seconds (30.0), ==, 30);
  g_assert_cmpuint (mc_sync_plan_interval_seconds (1e12), ==, G_MAXUINT / 1000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-plan/cabinet", test_plan_cabinet);
  g_test_add_func ("/sync-plan/sweep-may-spend", test_plan_sweep_may_spend);
  g_test_add_func ("/sync-plan/backoff", test_plan_backoff);
  g_test_add_func ("/sync-plan/disputes", test_plan_disputes);
  g_test_add_func ("/sync-plan/limits", test_plan_limits);
  g_test_add_func ("/sync-plan/walks", test_plan_walks);

  return g_test_run ();
}
