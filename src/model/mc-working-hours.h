/* mc-working-hours.h: when a cabinet answers customers (days of the week,
 * a daily start and end, a time zone), and how much working time lies
 * between two instants.  An immutable value, safe to share between
 * threads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  MC_WEEKDAY_MONDAY    = 1 << 0,
  MC_WEEKDAY_TUESDAY   = 1 << 1,
  MC_WEEKDAY_WEDNESDAY = 1 << 2,
  MC_WEEKDAY_THURSDAY  = 1 << 3,
  MC_WEEKDAY_FRIDAY    = 1 << 4,
  MC_WEEKDAY_SATURDAY  = 1 << 5,
  MC_WEEKDAY_SUNDAY    = 1 << 6,
  MC_WEEKDAYS_WORKWEEK = 0x1f,
  MC_WEEKDAYS_ALL      = 0x7f,
} McWeekdays;

#define MC_MINUTES_PER_DAY (24 * 60)

typedef struct _McWorkingHours McWorkingHours;

#define MC_TYPE_WORKING_HOURS (mc_working_hours_get_type ())
GType           mc_working_hours_get_type        (void) G_GNUC_CONST;

/* Every minute of every day (the default): working time is wall time. */
McWorkingHours *mc_working_hours_new_always      (void);
/* A shift starts on each of @days at @start_minute (0..1439, minutes
 * after local midnight) and ends at @end_minute (1..1440).  An end at or
 * before the start means the shift runs past midnight and ends on the
 * next day (22:00–06:00 started on Friday ends on Saturday morning); an
 * end equal to the start makes a 24-hour shift.  @time_zone NULL means
 * the computer's zone at the time of the call.  @days must not be 0. */
McWorkingHours *mc_working_hours_new             (McWeekdays            days,
                                                  guint                 start_minute,
                                                  guint                 end_minute,
                                                  GTimeZone            *time_zone);
/* Parses what mc_working_hours_to_string() wrote; NULL if @text is not
 * such a string (or names a zone this computer does not know). */
McWorkingHours *mc_working_hours_new_from_string (const char           *text);
McWorkingHours *mc_working_hours_ref             (McWorkingHours       *self);
void            mc_working_hours_unref           (McWorkingHours       *self);

/* "always", or e.g. "1111100 09:00-18:00 Europe/Moscow": the days Monday
 * first, the shift, and the zone ("local" for the computer's own), so a
 * cabinet's hours fit a setting or a row of its cache. */
char           *mc_working_hours_to_string       (McWorkingHours       *self);

/* Whether every instant is working time (each day a 24-hour shift). */
gboolean        mc_working_hours_is_always       (McWorkingHours       *self);
McWeekdays      mc_working_hours_get_days        (McWorkingHours       *self);
guint           mc_working_hours_get_start_minute (McWorkingHours      *self);
guint           mc_working_hours_get_end_minute  (McWorkingHours       *self);
GTimeZone      *mc_working_hours_get_time_zone   (McWorkingHours       *self);

/* Instants are Unix time in microseconds (as g_get_real_time()). */

/* Working time, in microseconds, between @from and @to (0 if @to is not
 * after @from). */
gint64          mc_working_hours_elapsed         (McWorkingHours       *self,
                                                  gint64                from,
                                                  gint64                to);
/* The first instant at which @duration of working time has passed since
 * @from: @from itself for a duration of 0, the end of a shift when the
 * duration runs out exactly there. */
gint64          mc_working_hours_reach           (McWorkingHours       *self,
                                                  gint64                from,
                                                  gint64                duration);
/* Whether @instant falls inside a shift. */
gboolean        mc_working_hours_contains        (McWorkingHours       *self,
                                                  gint64                instant);
/* The hour of the day (0..23) of @instant in the hours' time zone. */
guint           mc_working_hours_local_hour      (McWorkingHours       *self,
                                                  gint64                instant);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McWorkingHours, mc_working_hours_unref)

G_END_DECLS
