/* mc-working-hours.c: working hours and the working time between two
 * instants.
 *
 * Shifts are walked day by day in the zone's local calendar, each turned
 * into an interval of real time through the zone's offsets, so that a
 * shift keeps its wall-clock hours across a change of offset.  A shift is
 * at most 24 hours long, so two shifts never overlap, and one that ends on
 * the next day is found by starting the walk a day early.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mc-working-hours.h"

#define SECONDS_PER_DAY (24 * 60 * 60)

struct _McWorkingHours
{
  gatomicrefcount  ref_count;
  McWeekdays       days;
  guint            start_minute;
  guint            end_minute;
  GTimeZone       *time_zone;
  gboolean         local;   /* the zone is the computer's own */
};

G_DEFINE_BOXED_TYPE (McWorkingHours, mc_working_hours, mc_working_hours_ref, mc_working_hours_unref)

static McWorkingHours *
working_hours_new (McWeekdays  days,
                   guint       start_minute,
                   guint       end_minute,
                   GTimeZone  *time_zone)
{
  McWorkingHours *self = g_new0 (McWorkingHours, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->days = days & MC_WEEKDAYS_ALL;
  self->start_minute = start_minute;
  self->end_minute = end_minute;
  self->local = time_zone == NULL;
  self->time_zone = time_zone != NULL ? g_time_zone_ref (time_zone) : g_time_zone_new_local ();
  return self;
}

McWorkingHours *
mc_working_hours_new_always (void)
{
  return working_hours_new (MC_WEEKDAYS_ALL, 0, MC_MINUTES_PER_DAY, NULL);
}

McWorkingHours *
mc_working_hours_new (McWeekdays  days,
                      guint       start_minute,
                      guint       end_minute,
                      GTimeZone  *time_zone)
{
  g_return_val_if_fail ((days & MC_WEEKDAYS_ALL) != 0, NULL);
  g_return_val_if_fail (start_minute < MC_MINUTES_PER_DAY, NULL);
  g_return_val_if_fail (end_minute >= 1 && end_minute <= MC_MINUTES_PER_DAY, NULL);

  return working_hours_new (days, start_minute, end_minute, time_zone);
}

McWorkingHours *
mc_working_hours_ref (McWorkingHours *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mc_working_hours_unref (McWorkingHours *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_time_zone_unref (self->time_zone);
  g_free (self);
}

static gboolean
parse_minute (const char *text,
              guint       max,
              guint      *minute)
{
  guint64 hours, minutes;
  char *end;

  if (!g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) || text[2] != ':' ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;
  hours = g_ascii_strtoull (text, &end, 10);
  minutes = g_ascii_strtoull (text + 3, &end, 10);
  if (minutes >= 60 || hours * 60 + minutes > max)
    return FALSE;
  *minute = hours * 60 + minutes;
  return TRUE;
}

McWorkingHours *
mc_working_hours_new_from_string (const char *text)
{
  g_auto(GStrv) fields = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  McWeekdays days = 0;
  guint start, end;

  g_return_val_if_fail (text != NULL, NULL);

  if (g_str_equal (text, "always"))
    return mc_working_hours_new_always ();

  fields = g_strsplit (text, " ", -1);
  if (g_strv_length (fields) != 3 || strlen (fields[0]) != 7 || strlen (fields[1]) != 11 ||
      fields[1][5] != '-')
    return NULL;

  for (int i = 0; i < 7; i++)
    {
      if (fields[0][i] == '1')
        days |= 1 << i;
      else if (fields[0][i] != '0')
        return NULL;
    }
  if (days == 0 ||
      !parse_minute (fields[1], MC_MINUTES_PER_DAY - 1, &start) ||
      !parse_minute (fields[1] + 6, MC_MINUTES_PER_DAY, &end) || end == 0)
    return NULL;

  if (!g_str_equal (fields[2], "local"))
    {
      /* GLib falls back to UTC for a name it cannot find; a zone that
       * silently became UTC would shift every shift. */
      zone = g_time_zone_new_identifier (fields[2]);
      if (zone == NULL)
        return NULL;
    }

  return working_hours_new (days, start, end, zone);
}

char *
mc_working_hours_to_string (McWorkingHours *self)
{
  char days[8];

  g_return_val_if_fail (self != NULL, NULL);

  if (mc_working_hours_is_always (self) && self->local)
    return g_strdup ("always");

  for (int i = 0; i < 7; i++)
    days[i] = (self->days & (1 << i)) ? '1' : '0';
  days[7] = '\0';

  return g_strdup_printf ("%s %02u:%02u-%02u:%02u %s", days,
                          self->start_minute / 60, self->start_minute % 60,
                          self->end_minute / 60, self->end_minute % 60,
                          self->local ? "local" : g_time_zone_get_identifier (self->time_zone));
}

gboolean
mc_working_hours_is_always (McWorkingHours *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  /* Back-to-back 24-hour shifts leave no gap, whatever the zone does. */
  return self->days == MC_WEEKDAYS_ALL &&
         (self->end_minute - self->start_minute) % MC_MINUTES_PER_DAY == 0;
}

McWeekdays
mc_working_hours_get_days (McWorkingHours *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->days;
}

guint
mc_working_hours_get_start_minute (McWorkingHours *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->start_minute;
}

guint
mc_working_hours_get_end_minute (McWorkingHours *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->end_minute;
}

GTimeZone *
mc_working_hours_get_time_zone (McWorkingHours *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->time_zone;
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static gint64
local_seconds (McWorkingHours *self,
               gint64          instant)
{
  gint64 seconds = floor_div (instant, G_USEC_PER_SEC);
  int interval = g_time_zone_find_interval (self->time_zone, G_TIME_TYPE_UNIVERSAL, seconds);

  return seconds + g_time_zone_get_offset (self->time_zone, interval);
}

/* Days since 1970-01-01 in the local calendar. */
static gint64
local_day (McWorkingHours *self,
           gint64          instant)
{
  return floor_div (local_seconds (self, instant), SECONDS_PER_DAY);
}

static gboolean
works_on (McWorkingHours *self,
          gint64          day)
{
  /* 1970-01-01 was a Thursday, the fourth day of a week from Monday. */
  gint64 weekday = ((day + 3) % 7 + 7) % 7;

  return (self->days & (1 << weekday)) != 0;
}

/* The real instant of a local wall-clock time; a time skipped by a change
 * of offset counts as the first one after the gap, as in GDateTime. */
static gint64
instant_of (McWorkingHours *self,
            gint64          day,
            guint           minute)
{
  gint64 local = day * SECONDS_PER_DAY + (gint64) minute * 60;
  gint64 adjusted = local;
  int interval = g_time_zone_adjust_time (self->time_zone, G_TIME_TYPE_DAYLIGHT, &adjusted);

  return (adjusted - g_time_zone_get_offset (self->time_zone, interval)) * G_USEC_PER_SEC;
}

static void
shift_of (McWorkingHours *self,
          gint64          day,
          gint64         *start,
          gint64         *end)
{
  gboolean overnight = self->end_minute <= self->start_minute;

  *start = instant_of (self, day, self->start_minute);
  *end = instant_of (self, day + (overnight ? 1 : 0), self->end_minute);
}

gint64
mc_working_hours_elapsed (McWorkingHours *self,
                          gint64          from,
                          gint64          to)
{
  gint64 total = 0;
  gint64 last;

  g_return_val_if_fail (self != NULL, 0);

  if (to <= from)
    return 0;
  if (mc_working_hours_is_always (self))
    return to - from;

  last = local_day (self, to);
  for (gint64 day = local_day (self, from) - 1; day <= last; day++)
    {
      gint64 start, end;

      if (!works_on (self, day))
        continue;
      shift_of (self, day, &start, &end);
      start = MAX (start, from);
      end = MIN (end, to);
      if (end > start)
        total += end - start;
    }

  return total;
}

gint64
mc_working_hours_reach (McWorkingHours *self,
                        gint64          from,
                        gint64          duration)
{
  gint64 left = duration;

  g_return_val_if_fail (self != NULL, from);

  if (duration <= 0)
    return from;
  if (mc_working_hours_is_always (self))
    return from <= G_MAXINT64 - duration ? from + duration : G_MAXINT64;

  /* Ends: at least one day a week works, so each week takes away at
   * least a minute of what is left. */
  for (gint64 day = local_day (self, from) - 1;; day++)
    {
      gint64 start, end;

      if (!works_on (self, day))
        continue;
      shift_of (self, day, &start, &end);
      start = MAX (start, from);
      if (end <= start)
        continue;
      if (end - start >= left)
        return start + left;
      left -= end - start;
    }
}

gboolean
mc_working_hours_contains (McWorkingHours *self,
                           gint64          instant)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return instant < G_MAXINT64 && mc_working_hours_elapsed (self, instant, instant + 1) == 1;
}

guint
mc_working_hours_local_hour (McWorkingHours *self,
                             gint64          instant)
{
  g_return_val_if_fail (self != NULL, 0);

  return (guint) (floor_div (local_seconds (self, instant), 3600) % 24 + 24) % 24;
}
