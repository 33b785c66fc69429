/* mc-response-stats.h: how fast a cabinet or store answered its customers
 * over a period, as measured by this app from the chats' history (the
 * Market publishes no such figure), and its export as CSV.
 *
 * A reply is the first PARTNER message after one or more CUSTOMER
 * messages; its reply time is the working time from the first of those
 * customer messages (the start of the reply clock) to it.  A reply
 * belongs to the period it was sent in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* campaign_id of statistics over every store of the cabinet (0 is the
 * chats without a store). */
#define MC_RESPONSE_STATS_ALL_STORES (-1)

/* Durations are microseconds of working time, instants Unix time in
 * microseconds. */
typedef struct
{
  gint64  campaign_id;
  guint   days;                   /* the period: the last @days days */
  gint64  since;                  /* its start, included */
  gint64  until;                  /* its end ("now"), excluded */
  gint64  target;                 /* the reply target it was measured against */

  guint   chats_answered;         /* chats with at least one reply in the period */
  guint   replies;                /* replies in the period */
  guint   replies_within_target;  /* of those, sent within the target */
  gint64  median_reply;           /* -1 without replies */
  gint64  p90_reply;              /* 90th percentile; -1 without replies */

  guint   waiting_now;            /* chats needing a reply at @until */
  guint   overdue_now;            /* of those, past the target */

  /* Customer messages written in the period, by hour of the day in the
   * working hours' time zone: when customers write most. */
  guint   busiest_hours[24];
} McResponseStats;

#define MC_TYPE_RESPONSE_STATS (mc_response_stats_get_type ())
GType            mc_response_stats_get_type       (void) G_GNUC_CONST;
McResponseStats *mc_response_stats_copy           (const McResponseStats *stats);
void             mc_response_stats_free           (McResponseStats       *stats);

/* Share of replies within the target in whole percent, rounded to the
 * nearest; -1 without replies. */
int              mc_response_stats_get_share_within_target (const McResponseStats *stats);

/* The median of @n ascending durations (the mean of the two middle ones
 * for an even @n); -1 when @n is 0. */
gint64           mc_response_stats_median         (const gint64          *sorted,
                                                   gsize                  n);
/* The @percent percentile of @n ascending durations by nearest rank: the
 * smallest value at least @percent % of them do not exceed; -1 when @n
 * is 0. */
gint64           mc_response_stats_percentile     (const gint64          *sorted,
                                                   gsize                  n,
                                                   guint                  percent);

/* The statistics of @n stores (@store_names[i] naming @stats[i]) as CSV
 * for LibreOffice and Excel: UTF-8 with a byte order mark (without it
 * Excel reads UTF-8 as the ANSI code page and garbles Cyrillic), a header
 * row, comma-separated fields and CRLF line ends quoted as RFC 4180 asks,
 * durations in whole minutes and times in @time_zone.  Text that a
 * spreadsheet would take for a formula (starting with =, +, -, @, a tab
 * or a carriage return) is prefixed with an apostrophe, so a store name
 * can never run as one.  @length receives the size in bytes. */
char            *mc_response_stats_to_csv         (McResponseStats * const *stats,
                                                   const char * const    *store_names,
                                                   guint                  n,
                                                   GTimeZone             *time_zone,
                                                   gsize                 *length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McResponseStats, mc_response_stats_free)

G_END_DECLS
