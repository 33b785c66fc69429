/* mc-sync-plan.c: the sync governor as pure functions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "mc-sync-plan.h"

/* The governor plans for this share of the cap, keeping headroom for what
 * it cannot plan (a refresh on reconnect, a retry). */
#define USABLE_SHARE            0.9
/* Of getChats, the needs-reply polls may take this share; sweeps get the rest. */
#define POLL_SHARE              0.8
/* Of getChatHistory, changed chats and late-message re-checks each get half. */
#define HISTORY_SHARE           0.5
/* A walk may hold twice the chats the cabinet had at its last count, plus
 * this many for what came since; a server that pages on beyond is wrong. */
#define WALK_SLACK_CHATS        2000
/* A walk or poll that failed waits its interval, then twice as long each
 * time, up to this. */
#define MAX_BACKOFF_SEC         1800
/* Of what the Market says is left of a shared budget, plan to use at most
 * this share: the other copies and integrations on the key spend too. */
#define REMAINING_SHARE         0.5
/* Disputes (and chats waiting for the Market) are asked every this many
 * polls at least: a decision is news, but not minute by minute.  In a
 * cabinet with many disputes, less often: they may cost at most a
 * quarter of what the needs-reply polls cost. */
#define DISPUTE_EVERY           4

/* The budget the Market states (X-RateLimit-Resource-Limit) wins over
 * the documented one. */
double
mc_sync_plan_hourly_limit (const McSyncPlanBudget *budget,
                           double                  budget_scale)
{
  g_return_val_if_fail (budget != NULL, 0.0);

  if (budget->limit > 0)
    return budget->limit * budget_scale;

  return budget->documented * budget_scale;
}

/* The Market's own count wins: when what is left of a budget shared with
 * other copies and integrations would not carry polls of @pages requests
 * to the window's end at this share, poll less often.  0 = no limit known. */
double
mc_sync_plan_market_interval (const McSyncPlanBudget *budget,
                              gint64                  now,
                              double                  pages)
{
  double window;

  g_return_val_if_fail (budget != NULL, 0.0);

  if (budget->remaining < 0 || budget->until <= now || pages <= 0)
    return 0.0;

  window = MIN ((budget->until - now) / (double) G_USEC_PER_SEC, 3600.0);

  return pages * window / (REMAINING_SHARE * MAX (budget->remaining, 1));
}

guint
mc_sync_plan_dispute_every (guint poll_pages,
                            guint dispute_cost)
{
  double pages = MAX (poll_pages, 1);

  return MAX (DISPUTE_EVERY, (guint) ceil (4.0 * dispute_cost / pages));
}

/* getChats pages one poll costs, with its share of the dispute rounds. */
double
mc_sync_plan_poll_cost (guint poll_pages,
                        guint dispute_cost)
{
  return MAX (poll_pages, 1) +
         MAX (dispute_cost, 2) / (double) mc_sync_plan_dispute_every (poll_pages, dispute_cost);
}

/* Stretches the intervals so that idle polling stays within
 * budget-percent of every method's hourly budget. */
void
mc_sync_plan_cabinet (const McSyncPlanInput *in,
                      McSyncPlan            *plan)
{
  double share, cap_chats, cap_history, pages, sweep_pages, interval, left;

  g_return_if_fail (in != NULL);
  g_return_if_fail (plan != NULL);

  share = in->budget_percent / 100.0 * USABLE_SHARE;
  cap_chats = share * mc_sync_plan_hourly_limit (&in->chats, in->budget_scale);
  cap_history = share * mc_sync_plan_hourly_limit (&in->history, in->budget_scale);
  pages = mc_sync_plan_poll_cost (in->poll_pages, in->dispute_cost);
  sweep_pages = in->sweep_pages;

  interval = MAX (in->poll_interval, pages * 3600.0 / (POLL_SHARE * cap_chats));
  interval = MAX (interval, in->changed_per_poll * 3600.0 / (HISTORY_SHARE * cap_history));
  plan->local_interval = interval;
  interval = MAX (interval, mc_sync_plan_market_interval (&in->chats, in->now, pages));
  interval = MAX (interval, mc_sync_plan_market_interval (&in->history, in->now, in->changed_per_poll));
  plan->interval = interval;

  plan->recheck_every = MAX (MC_SYNC_RECHECK_EVERY,
                             (guint) ceil (in->n_recheck * 3600.0 / (interval * HISTORY_SHARE * cap_history)));

  /* Before the first sweep, its cost by the chats stored and one page
   * for each partition. */
  if (sweep_pages == 0)
    sweep_pages = MAX (1, in->known_chats / MC_SYNC_CHATS_PAGE_LIMIT + MC_SYNC_SWEEP_WALKS);

  left = cap_chats - pages * 3600.0 / interval;
  plan->sweep_interval = MAX (MC_SYNC_MIN_SWEEP_INTERVAL, sweep_pages * 3600.0 / MAX (left, 1.0));
}

/* Whether a sweep may spend one more getChats now.  What polls need until
 * the budget's window ends is kept back, counted both by this app and by
 * what the Market says is left (other copies and integrations share it). */
gboolean
mc_sync_plan_sweep_may_spend (const McSyncPlanInput *in,
                              double                 local_interval)
{
  double poll_pages, interval, budget, window, need;

  g_return_val_if_fail (in != NULL, FALSE);

  poll_pages = mc_sync_plan_poll_cost (in->poll_pages, in->dispute_cost);
  interval = MAX (local_interval, 1.0);
  budget = mc_sync_plan_hourly_limit (&in->chats, in->budget_scale);

  /* Our own count: the hour is a sliding window. */
  need = poll_pages * 3600.0 / interval;
  if (in->chats.used_in_hour + need >= budget)
    return FALSE;

  /* A window that ended has a fresh budget the next answer will tell. */
  if (in->chats.remaining < 0 || in->chats.until <= in->now)
    return TRUE;

  /* Half of what is left stays for the others on the key. */
  window = MIN ((in->chats.until - in->now) / (double) G_USEC_PER_SEC, 3600.0);
  need = poll_pages * (window / interval + 1.0);

  return in->chats.remaining > 2.0 * need;
}

/* The interval, doubled with each failure in a row. */
gint64
mc_sync_plan_backoff_usec (guint interval,
                           guint failures)
{
  double seconds = MAX (interval, 1) * pow (2.0, MIN (failures, 16) - 1.0);

  return (gint64) (MIN (seconds, MAX_BACKOFF_SEC) * G_USEC_PER_SEC);
}

/* Twice what the cabinet held at its last count, and room to grow. */
guint
mc_sync_plan_walk_max_pages (guint known_chats)
{
  if (known_chats == 0)
    return MC_SYNC_MAX_WALK_PAGES;

  return MIN (MC_SYNC_MAX_WALK_PAGES,
              (2 * known_chats + WALK_SLACK_CHATS) / MC_SYNC_CHATS_PAGE_LIMIT + 1);
}

/* Whole seconds, kept where a timer in milliseconds can still count them. */
guint
mc_sync_plan_interval_seconds (double interval)
{
  return (guint) MIN (ceil (interval), G_MAXUINT / 1000);
}
