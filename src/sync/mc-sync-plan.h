/* mc-sync-plan.h: the sync governor as pure functions.  Given the budgets,
 * what the Market says is left, what the last polls and sweeps cost and
 * the seller's settings, they decide how often to poll, sweep, ask for
 * disputes and re-check history, and when a sweep may spend.  No clock, no
 * client, no store: every input is passed in, so a table can test them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MC_SYNC_CHATS_PAGE_LIMIT     20
#define MC_SYNC_MAX_WALK_PAGES       10000
#define MC_SYNC_MIN_SWEEP_INTERVAL   600.0
#define MC_SYNC_RECHECK_EVERY        10
/* The partitions of a first sweep: statuses x context types. */
#define MC_SYNC_SWEEP_WALKS          18

/* One method's budget as this app and the Market see it. */
typedef struct
{
  gint   limit;         /* hourly, as the Market states it; <= 0: not stated */
  guint  documented;    /* hourly, as documented */
  gint   remaining;     /* left in the Market's window; < 0: not known */
  gint64 until;         /* real time the Market's window ends, usec */
  guint  used_in_hour;  /* by this app in the last hour */
} McSyncPlanBudget;

typedef struct
{
  gint64           now;              /* real time, usec */
  guint            poll_interval;    /* the seller's setting, s */
  guint            budget_percent;   /* the seller's setting */
  double           budget_scale;
  McSyncPlanBudget chats;
  McSyncPlanBudget history;
  guint            poll_pages;       /* of the last needs-reply poll; 0: none yet */
  guint            dispute_cost;     /* pages of the last dispute round */
  guint            sweep_pages;      /* of the last sweep; 0: none yet */
  guint            known_chats;      /* stored for the cabinet; used while sweep_pages is 0 */
  guint            n_recheck;        /* recent needs-reply chats to re-check */
  double           changed_per_poll; /* history fetches a poll brings, averaged */
} McSyncPlanInput;

typedef struct
{
  double interval;        /* between polls, s */
  double local_interval;  /* the same by this app's own count alone */
  double sweep_interval;  /* between sweeps, s */
  guint  recheck_every;   /* polls between history re-checks */
} McSyncPlan;

double   mc_sync_plan_hourly_limit     (const McSyncPlanBudget *budget,
                                        double                  budget_scale);
double   mc_sync_plan_market_interval  (const McSyncPlanBudget *budget,
                                        gint64                  now,
                                        double                  pages);
guint    mc_sync_plan_dispute_every    (guint                   poll_pages,
                                        guint                   dispute_cost);
double   mc_sync_plan_poll_cost        (guint                   poll_pages,
                                        guint                   dispute_cost);
void     mc_sync_plan_cabinet          (const McSyncPlanInput  *input,
                                        McSyncPlan             *plan);
gboolean mc_sync_plan_sweep_may_spend  (const McSyncPlanInput  *input,
                                        double                  local_interval);
gint64   mc_sync_plan_backoff_usec     (guint                   interval,
                                        guint                   failures);
guint    mc_sync_plan_walk_max_pages   (guint                   known_chats);
guint    mc_sync_plan_interval_seconds (double                  interval);

G_END_DECLS
