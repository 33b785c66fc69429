/* mc-quiet-hours.h: the seller's quiet hours, a span of local time of day
 * during which notifications do not pop up.
 *
 * Pure: times of day are minutes after local midnight (0..1439), given by
 * the caller, so tests need no clock.  A span whose start is after its end
 * runs over midnight (22:00–08:00); a span whose start equals its end is
 * empty.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MC_MINUTES_PER_DAY (24 * 60)

/* Whether @minute falls in [@start, @end). */
gboolean  mc_quiet_hours_contains     (guint start,
                                       guint end,
                                       guint minute);
/* Minutes from @minute until the span ends; 0 when @minute is outside. */
guint     mc_quiet_hours_minutes_left (guint start,
                                       guint end,
                                       guint minute);
/* The minute of the local day of @time (Unix usec). */
guint     mc_quiet_hours_minute_of    (gint64 time);
/* "22:05" */
char     *mc_quiet_hours_format       (guint minute);
/* Reads "22:05", "7:30" or "22"; FALSE for anything else. */
gboolean  mc_quiet_hours_parse        (const char *text,
                                       guint      *minute);

G_END_DECLS
