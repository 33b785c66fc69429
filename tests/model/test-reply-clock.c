/* test-reply-clock.c: the reply clock's states, durations and words,
 * driven by a fake clock that the test moves by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "mc-reply-clock.h"

#define MINUTE G_TIME_SPAN_MINUTE
#define HOUR G_TIME_SPAN_HOUR

/* The app asks g_get_real_time(); the tests ask this, and move it. */
typedef struct
{
  gint64 now;
} FakeClock;

static void
fake_clock_advance (FakeClock *clock,
                    gint64     span)
{
  clock->now += span;
}

static gint64
utc (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static char *
text_at (gint64          since,
         gint64          target,
         McWorkingHours *hours,
         gint64          now)
{
  McReplyClock clock;

  mc_reply_clock_compute (&clock, since, target, hours, now);
  return mc_reply_clock_format (&clock);
}

static void
test_nobody_waits (void)
{
  McReplyClock clock;

  mc_reply_clock_compute (&clock, 0, MC_REPLY_TARGET_DEFAULT, NULL, utc (2026, 12, 4, 12, 0));
  g_assert_cmpint (clock.state, ==, MC_REPLY_STATE_NONE);
  g_assert_cmpint (clock.next_change, ==, G_MAXINT64);
  g_assert_cmpint (clock.next_update, ==, G_MAXINT64);
  g_assert_null (mc_reply_clock_format (&clock));
  g_assert_null (mc_reply_state_get_label (MC_REPLY_STATE_NONE));
}

static void
test_due_soon_span (void)
{
  g_assert_cmpint (mc_reply_clock_due_soon_span (60 * MINUTE), ==, 12 * MINUTE);
  g_assert_cmpint (mc_reply_clock_due_soon_span (10 * MINUTE), ==, 2 * MINUTE);
  g_assert_cmpint (mc_reply_clock_due_soon_span (75 * MINUTE), ==, 15 * MINUTE);
  g_assert_cmpint (mc_reply_clock_due_soon_span (8 * HOUR), ==, 15 * MINUTE);
}

/* Working hours "always" and the default target of an hour. */
static void
test_states_always (void)
{
  FakeClock fake = { utc (2026, 12, 4, 12, 0) };
  gint64 since = fake.now;
  McReplyClock clock;
  char *text;

  fake_clock_advance (&fake, 10 * MINUTE);
  mc_reply_clock_compute (&clock, since, MC_REPLY_TARGET_DEFAULT, NULL, fake.now);
  g_assert_cmpint (clock.state, ==, MC_REPLY_STATE_CALM);
  g_assert_cmpint (clock.waited, ==, 10 * MINUTE);
  g_assert_cmpint (clock.due_in, ==, 50 * MINUTE);
  g_assert_cmpint (clock.overdue_by, ==, 0);
  g_assert_cmpint (clock.due_at, ==, since + HOUR);
  g_assert_cmpint (clock.next_change, ==, since + 48 * MINUTE);
  g_assert_cmpint (clock.next_update, ==, since + 11 * MINUTE);
  text = mc_reply_clock_format (&clock);
  g_assert_cmpstr (text, ==, "reply due in 50 minutes");
  g_free (text);

  /* Half a minute on, 49.5 minutes are left: still "50", rounded up. */
  fake_clock_advance (&fake, 30 * G_USEC_PER_SEC);
  mc_reply_clock_compute (&clock, since, MC_REPLY_TARGET_DEFAULT, NULL, fake.now);
  g_assert_cmpint (clock.next_update, ==, since + 11 * MINUTE);
  text = mc_reply_clock_format (&clock);
  g_assert_cmpstr (text, ==, "reply due in 50 minutes");
  g_free (text);

  fake.now = since + 48 * MINUTE;
  mc_reply_clock_compute (&clock, since, MC_REPLY_TARGET_DEFAULT, NULL, fake.now);
  g_assert_cmpint (clock.state, ==, MC_REPLY_STATE_DUE_SOON);
  g_assert_cmpint (clock.next_change, ==, since + HOUR);
  text = mc_reply_clock_format (&clock);
  g_assert_cmpstr (text, ==, "reply due in 12 minutes");
  g_free (text);

  fake.now = since + HOUR;
  mc_reply_clock_compute (&clock, since, MC_REPLY_TARGET_DEFAULT, NULL, fake.now);
  g_assert_cmpint (clock.state, ==, MC_REPLY_STATE_OVERDUE);
  g_assert_cmpint (clock.due_in, ==, 0);
  g_assert_cmpint (clock.overdue_by, ==, 0);
  g_assert_cmpint (clock.next_change, ==, G_MAXINT64);
  g_assert_cmpint (clock.next_update, ==, since + 61 * MINUTE);
  text = mc_reply_clock_format (&clock);
  g_assert_cmpstr (text, ==, "overdue by 1 minute");
  g_free (text);

  fake_clock_advance (&fake, 40 * MINUTE + 59 * G_USEC_PER_SEC);
  text = text_at (since, MC_REPLY_TARGET_DEFAULT, NULL, fake.now);
  g_assert_cmpstr (text, ==, "overdue by 40 minutes");
  g_free (text);

  fake_clock_advance (&fake, 3 * 24 * HOUR);
  text = text_at (since, MC_REPLY_TARGET_DEFAULT, NULL, fake.now);
  g_assert_cmpstr (text, ==, "overdue by 3 days");
  g_free (text);
}

/* Monday to Friday 09:00-18:00 Moscow time (06:00-15:00 UTC); a customer
 * writes on Friday at 17:30.  The clock stops for the weekend. */
static void
test_states_in_working_hours (void)
{
  g_autoptr(GTimeZone) moscow = g_time_zone_new_identifier ("Europe/Moscow");
  g_autoptr(McWorkingHours) hours = mc_working_hours_new (MC_WEEKDAYS_WORKWEEK, 9 * 60, 18 * 60, moscow);
  gint64 since = utc (2026, 12, 4, 14, 30);
  McReplyClock clock;
  char *text;

  /* Saturday noon: 30 minutes waited on Friday, then nothing. */
  mc_reply_clock_compute (&clock, since, MC_REPLY_TARGET_DEFAULT, hours, utc (2026, 12, 5, 9, 0));
  g_assert_cmpint (clock.state, ==, MC_REPLY_STATE_CALM);
  g_assert_cmpint (clock.waited, ==, 30 * MINUTE);
  g_assert_cmpint (clock.due_at, ==, utc (2026, 12, 7, 6, 30));       /* Monday 09:30 */
  g_assert_cmpint (clock.next_change, ==, utc (2026, 12, 7, 6, 18));  /* Monday 09:18 */
  /* One timeout over the weekend: the minutes change on Monday 09:01. */
  g_assert_cmpint (clock.next_update, ==, utc (2026, 12, 7, 6, 1));
  text = mc_reply_clock_format (&clock);
  g_assert_cmpstr (text, ==, "reply due in 30 minutes");
  g_free (text);

  mc_reply_clock_compute (&clock, since, MC_REPLY_TARGET_DEFAULT, hours, utc (2026, 12, 7, 6, 18));
  g_assert_cmpint (clock.state, ==, MC_REPLY_STATE_DUE_SOON);

  mc_reply_clock_compute (&clock, since, MC_REPLY_TARGET_DEFAULT, hours, utc (2026, 12, 7, 7, 10));
  g_assert_cmpint (clock.state, ==, MC_REPLY_STATE_OVERDUE);
  g_assert_cmpint (clock.overdue_by, ==, 40 * MINUTE);
  text = mc_reply_clock_format (&clock);
  g_assert_cmpstr (text, ==, "overdue by 40 minutes");
  g_free (text);

  /* Monday 18:00 to Tuesday 09:00 the overdue time stands still. */
  text = text_at (since, MC_REPLY_TARGET_DEFAULT, hours, utc (2026, 12, 8, 5, 59));
  g_assert_cmpstr (text, ==, "overdue by 8 hours 30 minutes");
  g_free (text);
}

/* A fake clock walks minute by minute over a weekend: the state and the
 * text change exactly when the previous reading said they would, never
 * in between, so one timeout per reading is enough for the UI. */
static void
test_next_change_holds (void)
{
  g_autoptr(GTimeZone) yekaterinburg = g_time_zone_new_identifier ("Asia/Yekaterinburg");
  g_autoptr(McWorkingHours) night = mc_working_hours_new (MC_WEEKDAYS_WORKWEEK, 22 * 60, 6 * 60, yekaterinburg);
  McWorkingHours *all[] = { NULL, night };
  gint64 target = 90 * MINUTE;
  guint changes = 0;

  for (guint h = 0; h < G_N_ELEMENTS (all); h++)
    {
      FakeClock fake = { utc (2026, 12, 4, 19, 0) };  /* Saturday 00:00 YEKT */
      gint64 since = fake.now - 20 * MINUTE;
      McReplyClock before;
      g_autofree char *text_before = NULL;

      mc_reply_clock_compute (&before, since, target, all[h], fake.now);
      text_before = mc_reply_clock_format (&before);

      while (fake.now < utc (2026, 12, 8, 6, 0))
        {
          McReplyClock clock;
          g_autofree char *text = NULL;

          fake_clock_advance (&fake, MINUTE);
          mc_reply_clock_compute (&clock, since, target, all[h], fake.now);
          text = mc_reply_clock_format (&clock);

          if (fake.now < before.next_change)
            g_assert_cmpint (clock.state, ==, before.state);
          else
            {
              g_assert_cmpint (fake.now, ==, before.next_change);
              g_assert_cmpint (clock.state, ==, before.state + 1);
              changes++;
            }
          if (fake.now < before.next_update)
            g_assert_cmpstr (text, ==, text_before);
          else
            g_assert_cmpint (fake.now, ==, before.next_update);

          before = clock;
          g_free (text_before);
          text_before = g_steal_pointer (&text);
        }
      g_assert_cmpint (before.state, ==, MC_REPLY_STATE_OVERDUE);
    }

  /* Calm to due soon to overdue, for each of the two. */
  g_assert_cmpuint (changes, ==, 4);
}

static void
test_durations (void)
{
  static const struct { gint64 span; const char *text; } cases[] = {
    { 0, "0 minutes" },
    { MINUTE, "1 minute" },
    { 59 * MINUTE + 59 * G_USEC_PER_SEC, "59 minutes" },
    { HOUR, "1 hour" },
    { 2 * HOUR + 10 * MINUTE, "2 hours 10 minutes" },
    { 24 * HOUR, "1 day" },
    { 27 * HOUR + 59 * MINUTE, "1 day 3 hours" },
    { 49 * HOUR, "2 days 1 hour" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = mc_reply_clock_format_duration (cases[i].span);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_words (void)
{
  g_assert_cmpstr (mc_reply_state_get_label (MC_REPLY_STATE_CALM), ==, "On time");
  g_assert_cmpstr (mc_reply_state_get_label (MC_REPLY_STATE_DUE_SOON), ==, "Due soon");
  g_assert_cmpstr (mc_reply_state_get_label (MC_REPLY_STATE_OVERDUE), ==, "Overdue");
  g_assert_nonnull (strstr (mc_reply_clock_get_explanation (), "Measured by this app"));
  g_assert_nonnull (strstr (mc_reply_clock_get_explanation (), "The Market sets no reply time"));
}

/* The Russian plural forms, from the catalogue built with the app. */
static void
test_russian_plurals (void)
{
  static const struct { gint64 span; const char *text; } cases[] = {
    { MINUTE, "ответ нужен через 1 минуту" },
    { 3 * MINUTE, "ответ нужен через 3 минуты" },
    { 12 * MINUTE, "ответ нужен через 12 минут" },
    { 21 * MINUTE, "ответ нужен через 21 минуту" },
    { 2 * HOUR + 5 * MINUTE, "ответ нужен через 2 часа 5 минут" },
    { 25 * HOUR, "ответ нужен через 1 день 1 час" },
  };
  const char *localedir = g_getenv ("MARKET_CHATS_LOCALEDIR");

  if (localedir == NULL)
    {
      g_test_skip ("MARKET_CHATS_LOCALEDIR is not set");
      return;
    }

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_setenv ("LANGUAGE", "ru", TRUE);
  setlocale (LC_ALL, "C.UTF-8");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 since = utc (2026, 12, 4, 12, 0);
      g_autofree char *text = text_at (since, cases[i].span, NULL, since);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  {
    gint64 since = utc (2026, 12, 4, 12, 0);
    g_autofree char *text = text_at (since, HOUR, NULL, since + 2 * HOUR + 2 * MINUTE);

    g_assert_cmpstr (text, ==, "просрочено на 1 час 2 минуты");
  }

  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reply-clock/nobody-waits", test_nobody_waits);
  g_test_add_func ("/reply-clock/due-soon-span", test_due_soon_span);
  g_test_add_func ("/reply-clock/states-always", test_states_always);
  g_test_add_func ("/reply-clock/states-in-working-hours", test_states_in_working_hours);
  g_test_add_func ("/reply-clock/next-change-holds", test_next_change_holds);
  g_test_add_func ("/reply-clock/durations", test_durations);
  g_test_add_func ("/reply-clock/words", test_words);
  g_test_add_func ("/reply-clock/russian-plurals", test_russian_plurals);

  return g_test_run ();
}
