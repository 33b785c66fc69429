/* mc-reply-clock.h: how a chat stands against the seller's reply target.
 *
 * The clock is this app's own measure, not the Market's: the working time
 * since the customer's first unanswered message, against a target the
 * seller chose (the "reply-target-minutes" setting).  The Market publishes
 * no response-time rule for chats; every text here says so or says
 * nothing that could pass for one.
 *
 * Everything is pure: "now" is an argument, so the caller owns the clock
 * (g_get_real_time() in the app, a fake one in tests) and schedules one
 * timeout for next_update instead of polling.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-working-hours.h"

G_BEGIN_DECLS

typedef enum
{
  MC_REPLY_STATE_NONE,      /* nobody is waiting for a reply */
  MC_REPLY_STATE_CALM,      /* more than the due-soon span is left */
  MC_REPLY_STATE_DUE_SOON,  /* within the due-soon span of the target */
  MC_REPLY_STATE_OVERDUE,   /* the target has passed */
} McReplyState;

/* The default of the "reply-target-minutes" setting. */
#define MC_REPLY_TARGET_DEFAULT (60 * G_TIME_SPAN_MINUTE)
/* "Due soon" starts when a fifth of the target is left, but never more
 * than this before it: 12 minutes of a 1-hour target, 15 of an 8-hour
 * one, so the warning comes early enough to act on and late enough not
 * to become noise. */
#define MC_REPLY_DUE_SOON_MAX (15 * G_TIME_SPAN_MINUTE)

/* Durations are microseconds of working time; instants Unix time in
 * microseconds. */
typedef struct
{
  McReplyState state;
  gint64       waited;       /* working time since the wait started */
  gint64       due_at;       /* when the target is reached */
  gint64       due_in;       /* working time left before it (0 once overdue) */
  gint64       overdue_by;   /* working time past it (0 before) */
  gint64       next_change;  /* when state changes next; G_MAXINT64: never */
  gint64       next_update;  /* when the minutes shown change next, or the
                              * state, whichever is first; G_MAXINT64: never */
} McReplyClock;

/* The span before the target in which a chat is due soon. */
gint64      mc_reply_clock_due_soon_span   (gint64              target);

/* Fills @clock for a customer waiting since @waiting_since (0: nobody
 * waits, the state is NONE) against @target of working time in @hours
 * (NULL: always), at @now. */
void        mc_reply_clock_compute         (McReplyClock       *clock,
                                            gint64              waiting_since,
                                            gint64              target,
                                            McWorkingHours     *hours,
                                            gint64              now);

/* "reply due in 12 minutes" or "overdue by 40 minutes" (whole minutes,
 * the time left rounded up, the time past rounded down but at least one
 * minute); NULL when nobody waits. */
char       *mc_reply_clock_format          (const McReplyClock *clock);
/* "12 minutes", "2 hours 10 minutes", "3 days 4 hours", rounded down to
 * the minute, in the form that follows "in" and "by". */
char       *mc_reply_clock_format_duration (gint64              span);
/* A word for the state, so that it never rests on colour alone:
 * "On time", "Due soon", "Overdue"; NULL for NONE. */
const char *mc_reply_state_get_label       (McReplyState        state);
/* What the clock measures, for tooltips and the statistics page. */
const char *mc_reply_clock_get_explanation (void);

G_END_DECLS
