/* test-rate-window.c: the sliding hour behind every method's budget.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-rate-window.h"

#define PERIOD (G_USEC_PER_SEC * G_GINT64_CONSTANT (3600))

static void
test_counts_and_expires (void)
{
  g_autoptr(McRateWindow) window = mc_rate_window_new (PERIOD);
  gint64 start = 1000 * G_USEC_PER_SEC;

  g_assert_cmpuint (mc_rate_window_count (window, start), ==, 0);
  g_assert_cmpint (mc_rate_window_next_free (window, start), ==, 0);

  for (guint i = 0; i < 10; i++)
    mc_rate_window_add (window, start + i * G_USEC_PER_SEC);

  g_assert_cmpuint (mc_rate_window_count (window, start + 20 * G_USEC_PER_SEC), ==, 10);
  g_assert_cmpint (mc_rate_window_next_free (window, start + 20 * G_USEC_PER_SEC), ==, start + PERIOD);

  /* The oldest leaves exactly one period after it was sent. */
  g_assert_cmpuint (mc_rate_window_count (window, start + PERIOD - 1), ==, 10);
  g_assert_cmpuint (mc_rate_window_count (window, start + PERIOD), ==, 9);
  g_assert_cmpint (mc_rate_window_next_free (window, start + PERIOD), ==,
                   start + G_USEC_PER_SEC + PERIOD);
  g_assert_cmpuint (mc_rate_window_count (window, start + PERIOD + 9 * G_USEC_PER_SEC), ==, 0);
}

static void
test_remove_last (void)
{
  g_autoptr(McRateWindow) window = mc_rate_window_new (PERIOD);

  mc_rate_window_add (window, 1);
  mc_rate_window_add (window, 2);
  mc_rate_window_remove_last (window);
  g_assert_cmpuint (mc_rate_window_count (window, 3), ==, 1);
  g_assert_cmpint (mc_rate_window_next_free (window, 3), ==, 1 + PERIOD);

  mc_rate_window_remove_last (window);
  mc_rate_window_remove_last (window);
  g_assert_cmpuint (mc_rate_window_count (window, 3), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/api/rate-window/counts-and-expires", test_counts_and_expires);
  g_test_add_func ("/api/rate-window/remove-last", test_remove_last);

  return g_test_run ();
}
