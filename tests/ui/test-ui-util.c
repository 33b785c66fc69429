/* test-ui-util.c: safe attachment names and the times the UI shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mc-ui-util.h"

#define MINUTE ((gint64) 60 * G_USEC_PER_SEC)

static void
check_name (const char *name,
            const char *expected)
{
  g_autofree char *got = mc_ui_sanitize_filename (name);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_sanitize (void)
{
  check_name ("photo.jpg", "photo.jpg");
  check_name ("Фото товара.png", "Фото товара.png");
  check_name ("../../x", "x");
  check_name ("..\\..\\windows\\system.ini", "system.ini");
  check_name ("/etc/passwd", "passwd");
  check_name ("..", "attachment");
  check_name (".", "attachment");
  check_name ("", "attachment");
  check_name (NULL, "attachment");
  check_name ("dir/", "attachment");
  check_name (".bashrc", "bashrc");
  check_name ("  report.pdf  ", "report.pdf");
  check_name ("a:b*c?d\"e<f>g|h.txt", "a_b_c_d_e_f_g_h.txt");
  check_name ("line\nbreak\t.txt", "line_break_.txt");
  check_name ("invoice\xe2\x80\xae" "fdp.exe", "invoice_fdp.exe");
  check_name ("bad\xff" "byte.txt", "bad\xef\xbf\xbd" "byte.txt");
}

static void
test_sanitize_long (void)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *got = NULL;

  for (guint i = 0; i < 200; i++)
    g_string_append (name, "ж");
  g_string_append (name, ".pdf");

  got = mc_ui_sanitize_filename (name->str);
  g_assert_cmpuint (strlen (got), <=, 255);
  g_assert_true (g_str_has_suffix (got, "ж.pdf"));
  g_assert_true (g_utf8_validate (got, -1, NULL));
}

static gint64
local_usec (int y, int m, int d, int h, int min)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (y, m, d, h, min, 0);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static void
check_relative (gint64      time,
                gint64      now,
                const char *expected)
{
  g_autofree char *got = mc_ui_format_relative_time (time, now);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_relative_time (void)
{
  gint64 now = local_usec (2026, 3, 5, 15, 30);

  check_relative (now, now, "just now");
  check_relative (now + MINUTE / 2, now, "just now");
  check_relative (now - 5 * MINUTE, now, "5 min ago");
  check_relative (now - 59 * MINUTE, now, "59 min ago");
  check_relative (local_usec (2026, 3, 5, 9, 7), now, "09:07");
  check_relative (local_usec (2026, 3, 4, 23, 59), now, "yesterday");
  check_relative (local_usec (2026, 1, 20, 10, 0), now, "20 Jan");
  check_relative (local_usec (2025, 12, 31, 10, 0), now, "31 Dec 2025");
}

static void
check_waiting (gint64      minutes,
               const char *expected)
{
  gint64 now = local_usec (2026, 3, 5, 15, 30);
  g_autofree char *got = mc_ui_format_waiting (now - minutes * MINUTE, now);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_waiting (void)
{
  check_waiting (0, "waiting 1 min");
  check_waiting (5, "waiting 5 min");
  check_waiting (125, "waiting 2 h 5 min");
  check_waiting (60, "waiting 1 h 0 min");
  check_waiting (3 * 24 * 60 + 4 * 60 + 10, "waiting 3 d 4 h");
  check_waiting (-10, "waiting 1 min");
}

static void
test_day (void)
{
  gint64 now = local_usec (2026, 3, 5, 0, 10);
  g_autofree char *today = mc_ui_format_day (local_usec (2026, 3, 5, 0, 0), now);
  g_autofree char *yesterday = mc_ui_format_day (local_usec (2026, 3, 4, 23, 59), now);
  g_autofree char *earlier = mc_ui_format_day (local_usec (2026, 2, 1, 12, 0), now);
  g_autofree char *last_year = mc_ui_format_day (local_usec (2025, 2, 1, 12, 0), now);
  g_autofree char *time = mc_ui_format_time_of_day (local_usec (2026, 3, 5, 7, 5));

  g_assert_cmpstr (today, ==, "Today");
  g_assert_cmpstr (yesterday, ==, "Yesterday");
  g_assert_cmpstr (earlier, ==, "1 February");
  g_assert_cmpstr (last_year, ==, "1 February 2025");
  g_assert_cmpstr (time, ==, "07:05");

  g_assert_true (mc_ui_same_day (local_usec (2026, 3, 5, 0, 0), local_usec (2026, 3, 5, 23, 59)));
  g_assert_false (mc_ui_same_day (local_usec (2026, 3, 5, 0, 0), local_usec (2026, 3, 4, 23, 59)));
}

static void
test_words (void)
{
  g_autofree char *order = mc_ui_format_context (MC_CONTEXT_TYPE_ORDER, 12345, 0);
  g_autofree char *ret = mc_ui_format_context (MC_CONTEXT_TYPE_RETURN, 12345, 678);
  g_autofree char *direct = mc_ui_format_context (MC_CONTEXT_TYPE_DIRECT, 0, 0);

  g_assert_cmpstr (order, ==, "Order 12345");
  g_assert_cmpstr (ret, ==, "Return 678");
  g_assert_cmpstr (direct, ==, "Direct chat");
  g_assert_cmpstr (mc_ui_chat_status_to_string (MC_CHAT_STATUS_WAITING_FOR_PARTNER), ==,
                   "Waiting for your reply");
  g_assert_cmpstr (mc_ui_chat_status_to_string (MC_CHAT_STATUS_FINISHED), ==, "Finished");
  g_assert_cmpstr (mc_ui_chat_status_to_string (42), ==, "Other");
  g_assert_cmpstr (mc_ui_chat_status_to_string (MC_CHAT_STATUS_UNKNOWN), ==, "Other");
}

int
main (int   argc,
      char *argv[])
{
  /* Fixed zone and language, so dates and day boundaries are the same on
   * every machine. */
  g_setenv ("TZ", "Europe/Moscow", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui-util/sanitize", test_sanitize);
  g_test_add_func ("/ui-util/sanitize-long", test_sanitize_long);
  g_test_add_func ("/ui-util/relative-time", test_relative_time);
  g_test_add_func ("/ui-util/waiting", test_waiting);
  g_test_add_func ("/ui-util/day", test_day);
  g_test_add_func ("/ui-util/words", test_words);

  return g_test_run ();
}
