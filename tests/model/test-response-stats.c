/* test-response-stats.c: percentiles and the CSV export of response
 * statistics, against values and text written out by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-response-stats.h"

#define MINUTE G_TIME_SPAN_MINUTE

static gint64
utc (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static void
test_percentiles (void)
{
  const gint64 odd[] = { 1, 2, 3, 4, 100 };
  const gint64 even[] = { 10, 20, 35, 1000 };
  gint64 ten[10];

  for (guint i = 0; i < 10; i++)
    ten[i] = (i + 1) * 10;

  g_assert_cmpint (mc_response_stats_median (odd, 0), ==, -1);
  g_assert_cmpint (mc_response_stats_percentile (odd, 0, 90), ==, -1);
  g_assert_cmpint (mc_response_stats_median (odd, 5), ==, 3);
  g_assert_cmpint (mc_response_stats_median (even, 4), ==, 27);  /* (20 + 35) / 2, rounded down */
  g_assert_cmpint (mc_response_stats_median (odd, 1), ==, 1);

  /* Nearest rank: 90 % of 5 is 4.5, so the 5th; of 10 exactly the 9th;
   * of 4 it is 3.6, so the 4th. */
  g_assert_cmpint (mc_response_stats_percentile (odd, 5, 90), ==, 100);
  g_assert_cmpint (mc_response_stats_percentile (ten, 10, 90), ==, 90);
  g_assert_cmpint (mc_response_stats_percentile (even, 4, 90), ==, 1000);
  g_assert_cmpint (mc_response_stats_percentile (ten, 10, 0), ==, 10);
  g_assert_cmpint (mc_response_stats_percentile (ten, 10, 100), ==, 100);

  /* Durations near the top of gint64 do not overflow the mean. */
  {
    const gint64 big[] = { G_MAXINT64 - 1, G_MAXINT64 };

    g_assert_cmpint (mc_response_stats_median (big, 2), ==, G_MAXINT64 - 1);
  }
}

static void
test_share (void)
{
  McResponseStats stats = { 0 };

  g_assert_cmpint (mc_response_stats_get_share_within_target (&stats), ==, -1);
  stats.replies = 3;
  stats.replies_within_target = 2;
  g_assert_cmpint (mc_response_stats_get_share_within_target (&stats), ==, 67);
  stats.replies = 8;
  stats.replies_within_target = 1;
  g_assert_cmpint (mc_response_stats_get_share_within_target (&stats), ==, 13);  /* 12.5 rounds up */
  stats.replies_within_target = 8;
  g_assert_cmpint (mc_response_stats_get_share_within_target (&stats), ==, 100);
}

static void
test_csv (void)
{
  g_autoptr(GTimeZone) moscow = g_time_zone_new_identifier ("Europe/Moscow");
  McResponseStats week = { 0 };
  McResponseStats month = { 0 };
  McResponseStats *rows[] = { &week, &month };
  const char *names[] = { "Магазин \"Ромашка\", Москва", "=HYPERLINK(\"http://x\")" };
  g_autoptr(GString) expected = g_string_new ("\xEF\xBB\xBF");
  g_autofree char *csv = NULL;
  gsize length = 0;

  week.campaign_id = 21;
  week.days = 7;
  week.since = utc (2026, 11, 27, 12, 0);
  week.until = utc (2026, 12, 4, 12, 0);
  week.target = 60 * MINUTE;
  week.chats_answered = 3;
  week.replies = 4;
  week.replies_within_target = 3;
  week.median_reply = 17 * MINUTE + 30 * G_USEC_PER_SEC;
  week.p90_reply = 125 * MINUTE;
  week.waiting_now = 2;
  week.overdue_now = 1;
  week.busiest_hours[9] = 5;
  week.busiest_hours[14] = 2;

  month.campaign_id = 22;
  month.days = 30;
  month.since = utc (2026, 11, 4, 21, 30);
  month.until = utc (2026, 12, 4, 21, 30);
  month.target = 90 * MINUTE;
  month.median_reply = -1;
  month.p90_reply = -1;

  g_string_append (expected, "Store,\"Period, days\",From,To,Chats answered,Replies,"
                             "\"Median reply time, min\",\"90th percentile reply time, min\","
                             "\"Replies within target, %\",\"Reply target, min\",Waiting now,Overdue now");
  for (guint hour = 0; hour < 24; hour++)
    g_string_append_printf (expected, ",Customer messages %02u:00–%02u:00", hour, (hour + 1) % 24);
  g_string_append (expected, "\r\n");
  /* Times in Moscow, UTC+3; 17.5 minutes round to 18; 3 of 4 is 75 %. */
  g_string_append (expected, "\"Магазин \"\"Ромашка\"\", Москва\",7,2026-11-27 15:00,2026-12-04 15:00,"
                             "3,4,18,125,75,60,2,1,0,0,0,0,0,0,0,0,0,5,0,0,0,0,2,0,0,0,0,0,0,0,0,0\r\n");
  /* No reply: no median, percentile or share; a formula stays text. */
  g_string_append (expected, "\"'=HYPERLINK(\"\"http://x\"\")\",30,2026-11-05 00:30,2026-12-05 00:30,"
                             "0,0,,,,90,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0\r\n");

  csv = mc_response_stats_to_csv (rows, names, G_N_ELEMENTS (rows), moscow, &length);
  g_assert_cmpstr (csv, ==, expected->str);
  g_assert_cmpuint (length, ==, expected->len);
  g_assert_true (g_utf8_validate (csv, length, NULL));
}

static void
test_csv_empty (void)
{
  g_autoptr(GTimeZone) utc_zone = g_time_zone_new_utc ();
  g_autofree char *csv = mc_response_stats_to_csv (NULL, NULL, 0, utc_zone, NULL);
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);

  /* The header alone, then the end of its line. */
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBFStore,"));
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_cmpstr (lines[1], ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/response-stats/percentiles", test_percentiles);
  g_test_add_func ("/response-stats/share", test_share);
  g_test_add_func ("/response-stats/csv", test_csv);
  g_test_add_func ("/response-stats/csv-empty", test_csv_empty);

  return g_test_run ();
}
