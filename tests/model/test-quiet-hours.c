/* test-quiet-hours.c: quiet hours within a day and over midnight, and the
 * times of day the Preferences rows read and show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-quiet-hours.h"

#define HM(h, m) ((h) * 60 + (m))

static void
test_within_day (void)
{
  g_assert_false (mc_quiet_hours_contains (HM (13, 0), HM (14, 0), HM (12, 59)));
  g_assert_true (mc_quiet_hours_contains (HM (13, 0), HM (14, 0), HM (13, 0)));
  g_assert_true (mc_quiet_hours_contains (HM (13, 0), HM (14, 0), HM (13, 59)));
  g_assert_false (mc_quiet_hours_contains (HM (13, 0), HM (14, 0), HM (14, 0)));
  g_assert_cmpuint (mc_quiet_hours_minutes_left (HM (13, 0), HM (14, 0), HM (13, 15)), ==, 45);
  g_assert_cmpuint (mc_quiet_hours_minutes_left (HM (13, 0), HM (14, 0), HM (14, 15)), ==, 0);
}

static void
test_over_midnight (void)
{
  g_assert_true (mc_quiet_hours_contains (HM (22, 0), HM (8, 0), HM (23, 30)));
  g_assert_true (mc_quiet_hours_contains (HM (22, 0), HM (8, 0), HM (0, 0)));
  g_assert_true (mc_quiet_hours_contains (HM (22, 0), HM (8, 0), HM (7, 59)));
  g_assert_false (mc_quiet_hours_contains (HM (22, 0), HM (8, 0), HM (8, 0)));
  g_assert_false (mc_quiet_hours_contains (HM (22, 0), HM (8, 0), HM (12, 0)));
  g_assert_false (mc_quiet_hours_contains (HM (22, 0), HM (8, 0), HM (21, 59)));
  g_assert_cmpuint (mc_quiet_hours_minutes_left (HM (22, 0), HM (8, 0), HM (23, 0)), ==, 9 * 60);
  g_assert_cmpuint (mc_quiet_hours_minutes_left (HM (22, 0), HM (8, 0), HM (7, 0)), ==, 60);
}

static void
test_empty (void)
{
  for (guint m = 0; m < MC_MINUTES_PER_DAY; m += 7)
    g_assert_false (mc_quiet_hours_contains (HM (9, 0), HM (9, 0), m));
}

static void
test_format_parse (void)
{
  g_autofree char *text = mc_quiet_hours_format (HM (7, 5));
  guint minute = 0;

  g_assert_cmpstr (text, ==, "07:05");
  g_assert_true (mc_quiet_hours_parse ("07:05", &minute));
  g_assert_cmpuint (minute, ==, HM (7, 5));
  g_assert_true (mc_quiet_hours_parse (" 22 ", &minute));
  g_assert_cmpuint (minute, ==, HM (22, 0));
  g_assert_true (mc_quiet_hours_parse ("9.30", &minute));
  g_assert_cmpuint (minute, ==, HM (9, 30));
  g_assert_false (mc_quiet_hours_parse ("24:00", &minute));
  g_assert_false (mc_quiet_hours_parse ("12:60", &minute));
  g_assert_false (mc_quiet_hours_parse ("noon", &minute));
  g_assert_false (mc_quiet_hours_parse ("", &minute));
  g_assert_false (mc_quiet_hours_parse ("123", &minute));
}

static void
test_minute_of (void)
{
  g_autoptr(GDateTime) local = g_date_time_new_local (2026, 3, 5, 21, 42, 10);

  g_assert_cmpuint (mc_quiet_hours_minute_of (g_date_time_to_unix (local) * G_USEC_PER_SEC), ==, HM (21, 42));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/quiet-hours/within-day", test_within_day);
  g_test_add_func ("/quiet-hours/over-midnight", test_over_midnight);
  g_test_add_func ("/quiet-hours/empty", test_empty);
  g_test_add_func ("/quiet-hours/format-parse", test_format_parse);
  g_test_add_func ("/quiet-hours/minute-of", test_minute_of);

  return g_test_run ();
}
