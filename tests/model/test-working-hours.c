/* test-working-hours.c: working time between two instants, across
 * midnight, weekends and shifts that run past midnight, in zones without
 * daylight saving time.  Expected values are worked out by hand from the
 * zones' fixed offsets (Moscow UTC+3, Yekaterinburg UTC+5).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-working-hours.h"

#define MINUTE G_TIME_SPAN_MINUTE
#define HOUR G_TIME_SPAN_HOUR

/* A UTC wall time, so that expectations do not lean on the code's own
 * zone arithmetic. */
static gint64
utc (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static McWorkingHours *
hours_in (const char *zone_name,
          McWeekdays  days,
          guint       start,
          guint       end)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_name);

  g_assert_nonnull (zone);
  return mc_working_hours_new (days, start, end, zone);
}

static void
test_always (void)
{
  g_autoptr(McWorkingHours) hours = mc_working_hours_new_always ();
  gint64 from = utc (2026, 12, 4, 23, 30);
  g_autofree char *text = mc_working_hours_to_string (hours);

  g_assert_true (mc_working_hours_is_always (hours));
  g_assert_cmpint (mc_working_hours_elapsed (hours, from, from + 50 * HOUR), ==, 50 * HOUR);
  g_assert_cmpint (mc_working_hours_elapsed (hours, from, from - 1), ==, 0);
  g_assert_cmpint (mc_working_hours_reach (hours, from, 90 * MINUTE), ==, from + 90 * MINUTE);
  g_assert_true (mc_working_hours_contains (hours, from));
  g_assert_cmpstr (text, ==, "always");
}

/* Monday to Friday 09:00-18:00 in Moscow (06:00-15:00 UTC). */
static void
test_across_midnight_and_weekend (void)
{
  g_autoptr(McWorkingHours) hours = hours_in ("Europe/Moscow", MC_WEEKDAYS_WORKWEEK, 9 * 60, 18 * 60);

  g_assert_false (mc_working_hours_is_always (hours));

  /* Tuesday 17:00 to Wednesday 10:00 MSK: an hour each side of the night. */
  g_assert_cmpint (mc_working_hours_elapsed (hours, utc (2026, 12, 8, 14, 0), utc (2026, 12, 9, 7, 0)),
                   ==, 2 * HOUR);
  /* Friday 17:00 to Monday 10:00 MSK: the weekend does not count. */
  g_assert_cmpint (mc_working_hours_elapsed (hours, utc (2026, 12, 4, 14, 0), utc (2026, 12, 7, 7, 0)),
                   ==, 2 * HOUR);
  /* Saturday all day. */
  g_assert_cmpint (mc_working_hours_elapsed (hours, utc (2026, 12, 4, 21, 0), utc (2026, 12, 5, 21, 0)),
                   ==, 0);
  /* Two full weeks from a Monday midnight: 10 days of 9 hours. */
  g_assert_cmpint (mc_working_hours_elapsed (hours, utc (2026, 12, 6, 21, 0), utc (2026, 12, 20, 21, 0)),
                   ==, 90 * HOUR);

  /* A customer wrote on Friday at 17:30 MSK: an hour of working time is
   * up on Monday at 09:30 MSK, 06:30 UTC. */
  g_assert_cmpint (mc_working_hours_reach (hours, utc (2026, 12, 4, 14, 30), HOUR),
                   ==, utc (2026, 12, 7, 6, 30));
  /* Exactly the rest of the shift: its end. */
  g_assert_cmpint (mc_working_hours_reach (hours, utc (2026, 12, 4, 14, 30), 30 * MINUTE),
                   ==, utc (2026, 12, 4, 15, 0));
  /* Before the shift: the clock starts at 09:00 MSK. */
  g_assert_cmpint (mc_working_hours_reach (hours, utc (2026, 12, 9, 4, 0), MINUTE),
                   ==, utc (2026, 12, 9, 6, 1));
  g_assert_cmpint (mc_working_hours_reach (hours, utc (2026, 12, 9, 4, 0), 0),
                   ==, utc (2026, 12, 9, 4, 0));

  g_assert_true (mc_working_hours_contains (hours, utc (2026, 12, 9, 6, 0)));
  g_assert_false (mc_working_hours_contains (hours, utc (2026, 12, 9, 15, 0)));
  g_assert_false (mc_working_hours_contains (hours, utc (2026, 12, 5, 9, 0)));

  g_assert_cmpuint (mc_working_hours_local_hour (hours, utc (2026, 12, 4, 22, 10)), ==, 1);
}

/* Night shifts 22:00-06:00 in Yekaterinburg (17:00-01:00 UTC), started
 * Monday to Friday: the Friday shift ends on Saturday morning, and no
 * shift starts on Saturday or Sunday evening. */
static void
test_overnight_shift (void)
{
  g_autoptr(McWorkingHours) hours = hours_in ("Asia/Yekaterinburg", MC_WEEKDAYS_WORKWEEK, 22 * 60, 6 * 60);
  g_autofree char *text = mc_working_hours_to_string (hours);

  /* Friday 23:00 to Saturday 07:00 YEKT: 23:00-06:00 of Friday's shift. */
  g_assert_cmpint (mc_working_hours_elapsed (hours, utc (2026, 12, 4, 18, 0), utc (2026, 12, 5, 2, 0)),
                   ==, 7 * HOUR);
  /* Saturday 22:00 to Monday 05:00 YEKT: no shift. */
  g_assert_cmpint (mc_working_hours_elapsed (hours, utc (2026, 12, 5, 17, 0), utc (2026, 12, 7, 0, 0)),
                   ==, 0);
  /* Sunday 23:00 to Monday 23:00 YEKT: the first hour of Monday's shift. */
  g_assert_cmpint (mc_working_hours_elapsed (hours, utc (2026, 12, 6, 18, 0), utc (2026, 12, 7, 18, 0)),
                   ==, HOUR);
  /* Thursday 05:00 to 23:00 YEKT: the last hour of Wednesday's shift and
   * the first of Thursday's. */
  g_assert_cmpint (mc_working_hours_elapsed (hours, utc (2026, 12, 3, 0, 0), utc (2026, 12, 3, 18, 0)),
                   ==, 2 * HOUR);

  /* Written on Saturday at noon YEKT: half an hour of working time is up
   * on Monday at 22:30 YEKT, 17:30 UTC. */
  g_assert_cmpint (mc_working_hours_reach (hours, utc (2026, 12, 5, 7, 0), 30 * MINUTE),
                   ==, utc (2026, 12, 7, 17, 30));
  /* Written on Friday at 05:00 YEKT: the hour left of Thursday's shift,
   * then 3 hours into Friday's, which starts at 22:00. */
  g_assert_cmpint (mc_working_hours_reach (hours, utc (2026, 12, 4, 0, 0), 4 * HOUR),
                   ==, utc (2026, 12, 4, 20, 0));

  g_assert_true (mc_working_hours_contains (hours, utc (2026, 12, 4, 22, 0)));   /* Sat 03:00 */
  g_assert_false (mc_working_hours_contains (hours, utc (2026, 12, 5, 2, 0)));   /* Sat 07:00 */
  g_assert_false (mc_working_hours_contains (hours, utc (2026, 12, 5, 22, 0)));  /* Sun 03:00 */

  g_assert_cmpstr (text, ==, "1111100 22:00-06:00 Asia/Yekaterinburg");
}

/* A shift on every day that is not 24 hours long is not "always", and a
 * 24-hour shift from 08:00 is. */
static void
test_every_day (void)
{
  g_autoptr(McWorkingHours) daily = hours_in ("Europe/Moscow", MC_WEEKDAYS_ALL, 8 * 60, 20 * 60);
  g_autoptr(McWorkingHours) round_the_clock = hours_in ("Europe/Moscow", MC_WEEKDAYS_ALL, 8 * 60, 8 * 60);
  gint64 from = utc (2026, 12, 5, 3, 0);  /* Saturday 06:00 MSK */

  g_assert_false (mc_working_hours_is_always (daily));
  g_assert_cmpint (mc_working_hours_elapsed (daily, from, from + 48 * HOUR), ==, 24 * HOUR);
  g_assert_true (mc_working_hours_is_always (round_the_clock));
  g_assert_cmpint (mc_working_hours_elapsed (round_the_clock, from, from + 48 * HOUR), ==, 48 * HOUR);

  /* A single 24-hour shift on Wednesday, from 08:00 MSK to Thursday 08:00. */
  {
    g_autoptr(McWorkingHours) wednesday = hours_in ("Europe/Moscow", MC_WEEKDAY_WEDNESDAY, 8 * 60, 8 * 60);

    g_assert_false (mc_working_hours_is_always (wednesday));
    g_assert_cmpint (mc_working_hours_elapsed (wednesday, utc (2026, 12, 7, 0, 0), utc (2026, 12, 14, 0, 0)),
                     ==, 24 * HOUR);
    g_assert_true (mc_working_hours_contains (wednesday, utc (2026, 12, 10, 4, 59)));
    g_assert_false (mc_working_hours_contains (wednesday, utc (2026, 12, 10, 5, 0)));
  }
}

static void
test_strings (void)
{
  static const char *valid[] = {
    "always",
    "1111100 09:00-18:00 Europe/Moscow",
    "0000011 22:00-06:00 Asia/Yekaterinburg",
    "1000000 00:00-24:00 local",
  };
  static const char *invalid[] = {
    "",
    "sometimes",
    "1111100 9:00-18:00 Europe/Moscow",
    "1111100 09:00-18:00",
    "0000000 09:00-18:00 Europe/Moscow",
    "1111102 09:00-18:00 Europe/Moscow",
    "1111100 24:00-18:00 Europe/Moscow",
    "1111100 09:00-24:01 Europe/Moscow",
    "1111100 09:00-00:00 Europe/Moscow",
    "1111100 09:60-18:00 Europe/Moscow",
    "1111100 09:00-18:00 Europe/Nowhere",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(McWorkingHours) hours = mc_working_hours_new_from_string (valid[i]);
      g_autofree char *text = NULL;

      g_assert_nonnull (hours);
      text = mc_working_hours_to_string (hours);
      g_assert_cmpstr (text, ==, valid[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(McWorkingHours) hours = mc_working_hours_new_from_string (invalid[i]);

      g_assert_null (hours);
    }

  {
    g_autoptr(McWorkingHours) hours = mc_working_hours_new_from_string ("0000011 22:00-06:00 Asia/Yekaterinburg");

    g_assert_cmpuint (mc_working_hours_get_days (hours), ==, MC_WEEKDAY_SATURDAY | MC_WEEKDAY_SUNDAY);
    g_assert_cmpuint (mc_working_hours_get_start_minute (hours), ==, 22 * 60);
    g_assert_cmpuint (mc_working_hours_get_end_minute (hours), ==, 6 * 60);
    g_assert_cmpstr (g_time_zone_get_identifier (mc_working_hours_get_time_zone (hours)), ==, "Asia/Yekaterinburg");
  }
}

/* Every reach() lands where elapsed() says the duration is complete, and
 * not a microsecond earlier, from many starting points and durations. */
static void
test_reach_inverts_elapsed (void)
{
  g_autoptr(McWorkingHours) day_shift = hours_in ("Europe/Moscow", MC_WEEKDAYS_WORKWEEK, 9 * 60, 18 * 60);
  g_autoptr(McWorkingHours) night_shift = hours_in ("Asia/Yekaterinburg", MC_WEEKDAY_MONDAY | MC_WEEKDAY_FRIDAY,
                                                    22 * 60, 6 * 60);
  McWorkingHours *all[] = { day_shift, night_shift };
  gint64 base = utc (2026, 12, 1, 0, 0);

  for (guint h = 0; h < G_N_ELEMENTS (all); h++)
    for (gint64 from = base; from < base + 8 * 24 * HOUR; from += 97 * MINUTE)
      for (gint64 duration = MINUTE; duration < 30 * HOUR; duration += 173 * MINUTE)
        {
          gint64 at = mc_working_hours_reach (all[h], from, duration);

          g_assert_cmpint (mc_working_hours_elapsed (all[h], from, at), ==, duration);
          g_assert_cmpint (mc_working_hours_elapsed (all[h], from, at - 1), ==, duration - 1);
        }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/working-hours/always", test_always);
  g_test_add_func ("/working-hours/across-midnight-and-weekend", test_across_midnight_and_weekend);
  g_test_add_func ("/working-hours/overnight-shift", test_overnight_shift);
  g_test_add_func ("/working-hours/every-day", test_every_day);
  g_test_add_func ("/working-hours/strings", test_strings);
  g_test_add_func ("/working-hours/reach-inverts-elapsed", test_reach_inverts_elapsed);

  return g_test_run ();
}
