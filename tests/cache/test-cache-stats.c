/* test-cache-stats.c: response statistics computed from the cache,
 * against a small history whose figures are worked out by hand below,
 * and the migration that adds their index.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "mc-cache-stats.h"
#include "mc-test-util.h"

#define MINUTE G_TIME_SPAN_MINUTE
#define BUSINESS_ID 7

static char *tmp_dir;

/* Friday 2026-12-04 12:00 UTC, 15:00 in Moscow. */
static gint64
now (void)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (2026, 12, 4, 12, 0, 0);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

/* Minutes before now. */
static gint64
ago (gint64 minutes)
{
  return now () - minutes * MINUTE;
}

static char *
fresh_path (const char *name)
{
  static guint counter;
  g_autofree char *file = g_strdup_printf ("%s-%u.sqlite", name, counter++);

  return g_build_filename (tmp_dir, file, NULL);
}

typedef struct
{
  McSender sender;
  gint64   minutes_ago;
} Line;

/* Saves a chat of @campaign_id with @lines as its history, message ids in
 * order from @first_id, its "updated-at" the time of the last line as the
 * Market gives; the messages before the chat if @messages_first. */
static void
add_chat_full (McCache      *cache,
               gint64        chat_id,
               gint64        campaign_id,
               McChatStatus  status,
               const Line   *lines,
               guint         n_lines,
               guint         first_id,
               gboolean      messages_first)
{
  g_autoptr(GPtrArray) chats = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(McChatContext) context = mc_chat_context_new (campaign_id != 0 ? MC_CONTEXT_TYPE_ORDER
                                                                           : MC_CONTEXT_TYPE_DIRECT);
  McChat *chat = mc_chat_new (chat_id, BUSINESS_ID);

  mc_chat_context_set_campaign_id (context, campaign_id);
  mc_chat_set_context (chat, context);
  mc_chat_set_status (chat, status);
  mc_chat_set_created_at (chat, ago (lines[0].minutes_ago));
  mc_chat_set_updated_at (chat, ago (lines[n_lines - 1].minutes_ago));
  g_ptr_array_add (chats, chat);

  for (guint i = 0; i < n_lines; i++)
    {
      McMessage *message = mc_message_new (chat_id * 100 + first_id + i, chat_id);

      mc_message_set_created_at (message, ago (lines[i].minutes_ago));
      mc_message_set_sender (message, lines[i].sender);
      mc_message_set_text (message, "Здравствуйте");
      g_ptr_array_add (messages, message);
    }

  if (messages_first)
    mc_cache_save_messages_async (cache, messages, NULL, NULL, NULL);
  mc_cache_save_chats_async (cache, chats, NULL, NULL, NULL);
  if (!messages_first)
    mc_cache_save_messages_async (cache, messages, NULL, NULL, NULL);
}

static void
add_chat (McCache      *cache,
          gint64        chat_id,
          gint64        campaign_id,
          McChatStatus  status,
          const Line   *lines,
          guint         n_lines)
{
  add_chat_full (cache, chat_id, campaign_id, status, lines, n_lines, 1, FALSE);
}

#define C MC_SENDER_CUSTOMER
#define P MC_SENDER_PARTNER
#define M MC_SENDER_MARKET

/* The history; "replies" name the reply times the statistics must find.
 * The 7-day period starts 10,080 minutes ago, the 30-day one 43,200. */
static McCache *
open_fixture (void)
{
  /* Store 21.  Two waits answered in 30 and 100 minutes (the first wait
   * starts at the first of two customer messages); a second PARTNER
   * message and a Market message answer nothing. */
  static const Line chat1[] = {
    { C, 600 }, { C, 590 }, { P, 570 }, { C, 300 }, { P, 200 }, { P, 190 }, { M, 100 },
  };
  /* Store 21.  Answered in 10 minutes 6¼ days ago; waiting again for 90
   * minutes now: overdue against an hour. */
  static const Line chat2[] = {
    { C, 9000 }, { P, 8990 }, { C, 90 }, { C, 30 },
  };
  /* Store 22.  A new chat waiting for 20 minutes. */
  static const Line chat3[] = {
    { C, 20 },
  };
  /* Store 21.  The wait began before the 7-day period, its reply (after
   * 200 minutes) inside it: it counts there. */
  static const Line chat4[] = {
    { C, 10200 }, { P, 10000 },
  };
  /* Store 22.  Answered in 5 minutes 14 days ago: only the 30 days see it. */
  static const Line chat5[] = {
    { C, 20000 }, { P, 19995 },
  };
  /* No store.  Older than 30 days. */
  static const Line chat6[] = {
    { C, 50000 }, { P, 49000 },
  };
  /* Store 22.  The seller wrote first; the customer has not answered. */
  static const Line chat7[] = {
    { P, 50 },
  };
  g_autofree char *path = fresh_path ("stats");
  g_autoptr(GError) error = NULL;
  McCache *cache = mc_cache_open_path (path, BUSINESS_ID, &error);

  g_assert_no_error (error);
  add_chat (cache, 1, 21, MC_CHAT_STATUS_FINISHED, chat1, G_N_ELEMENTS (chat1));
  add_chat (cache, 2, 21, MC_CHAT_STATUS_WAITING_FOR_PARTNER, chat2, G_N_ELEMENTS (chat2));
  add_chat (cache, 3, 22, MC_CHAT_STATUS_NEW, chat3, G_N_ELEMENTS (chat3));
  add_chat (cache, 4, 21, MC_CHAT_STATUS_FINISHED, chat4, G_N_ELEMENTS (chat4));
  add_chat (cache, 5, 22, MC_CHAT_STATUS_FINISHED, chat5, G_N_ELEMENTS (chat5));
  add_chat (cache, 6, 0, MC_CHAT_STATUS_FINISHED, chat6, G_N_ELEMENTS (chat6));
  add_chat (cache, 7, 22, MC_CHAT_STATUS_WAITING_FOR_CUSTOMER, chat7, G_N_ELEMENTS (chat7));
  return cache;
}

static McWorkingHours *
moscow_hours (McWeekdays days,
              guint      start,
              guint      end)
{
  g_autoptr(GTimeZone) moscow = g_time_zone_new_identifier ("Europe/Moscow");

  return mc_working_hours_new (days, start, end, moscow);
}

static McResponseStats *
load (McCache        *cache,
      gint64          campaign_id,
      guint           days,
      McWorkingHours *hours)
{
  g_autoptr(GError) error = NULL;
  McResponseStats *stats = mc_cache_load_response_stats (cache, campaign_id, days, now (), 60 * MINUTE,
                                                         hours, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stats);
  g_assert_cmpint (stats->campaign_id, ==, campaign_id);
  g_assert_cmpuint (stats->days, ==, days);
  g_assert_cmpint (stats->until, ==, now ());
  g_assert_cmpint (stats->since, ==, now () - days * G_TIME_SPAN_DAY);
  g_assert_cmpint (stats->target, ==, 60 * MINUTE);
  return stats;
}

/* Hours of the day (Moscow) and how many customer messages each holds;
 * every other hour holds none. */
static void
assert_hours (const McResponseStats *stats,
              const guint            expected[24])
{
  for (guint hour = 0; hour < 24; hour++)
    {
      if (stats->busiest_hours[hour] != expected[hour])
        g_error ("hour %u: %u customer messages, expected %u", hour, stats->busiest_hours[hour], expected[hour]);
    }
}

static void
test_week_all_stores (void)
{
  g_autoptr(McCache) cache = open_fixture ();
  /* Round the clock, but in Moscow time for the hours of the day. */
  g_autoptr(McWorkingHours) always = moscow_hours (MC_WEEKDAYS_ALL, 0, MC_MINUTES_PER_DAY);
  g_autoptr(McResponseStats) stats = load (cache, MC_RESPONSE_STATS_ALL_STORES, 7, always);
  /* 05:00 and 05:10 (chat 1), 10:00 (chat 1), 09:00 on 28 November
   * (chat 2), 13:30, 14:30 (chat 2), 14:40 (chat 3). */
  const guint hours[24] = { [5] = 2, [9] = 1, [10] = 1, [13] = 1, [14] = 2 };

  /* Replies of 10, 30, 100 and 200 minutes in chats 1, 2 and 4. */
  g_assert_cmpuint (stats->chats_answered, ==, 3);
  g_assert_cmpuint (stats->replies, ==, 4);
  g_assert_cmpint (stats->median_reply, ==, 65 * MINUTE);  /* (30 + 100) / 2 */
  g_assert_cmpint (stats->p90_reply, ==, 200 * MINUTE);    /* rank ⌈3.6⌉ = 4 */
  g_assert_cmpuint (stats->replies_within_target, ==, 2);
  g_assert_cmpint (mc_response_stats_get_share_within_target (stats), ==, 50);
  /* Chat 2 for 90 minutes, chat 3 for 20. */
  g_assert_cmpuint (stats->waiting_now, ==, 2);
  g_assert_cmpuint (stats->overdue_now, ==, 1);
  assert_hours (stats, hours);
}

static void
test_week_one_store (void)
{
  g_autoptr(McCache) cache = open_fixture ();
  g_autoptr(McWorkingHours) always = moscow_hours (MC_WEEKDAYS_ALL, 0, MC_MINUTES_PER_DAY);
  g_autoptr(McResponseStats) store21 = load (cache, 21, 7, always);
  g_autoptr(McResponseStats) store22 = load (cache, 22, 7, always);
  const guint hours21[24] = { [5] = 2, [9] = 1, [10] = 1, [13] = 1, [14] = 1 };
  const guint hours22[24] = { [14] = 1 };

  g_assert_cmpuint (store21->chats_answered, ==, 3);
  g_assert_cmpuint (store21->replies, ==, 4);
  g_assert_cmpint (store21->median_reply, ==, 65 * MINUTE);
  g_assert_cmpuint (store21->waiting_now, ==, 1);
  g_assert_cmpuint (store21->overdue_now, ==, 1);
  assert_hours (store21, hours21);

  /* Chat 5's reply is older than a week, chat 7 was never answered. */
  g_assert_cmpuint (store22->chats_answered, ==, 0);
  g_assert_cmpuint (store22->replies, ==, 0);
  g_assert_cmpint (store22->median_reply, ==, -1);
  g_assert_cmpint (store22->p90_reply, ==, -1);
  g_assert_cmpint (mc_response_stats_get_share_within_target (store22), ==, -1);
  g_assert_cmpuint (store22->waiting_now, ==, 1);
  g_assert_cmpuint (store22->overdue_now, ==, 0);
  assert_hours (store22, hours22);
}

static void
test_month (void)
{
  g_autoptr(McCache) cache = open_fixture ();
  g_autoptr(McWorkingHours) always = moscow_hours (MC_WEEKDAYS_ALL, 0, MC_MINUTES_PER_DAY);
  g_autoptr(McResponseStats) all = load (cache, MC_RESPONSE_STATS_ALL_STORES, 30, always);
  g_autoptr(McResponseStats) no_store = load (cache, 0, 30, always);
  /* The week's, and 13:00 on 27 November (chat 4), 17:40 on 20 November
   * (chat 5). */
  const guint hours[24] = { [5] = 2, [9] = 1, [10] = 1, [13] = 2, [14] = 2, [17] = 1 };
  const guint none[24] = { 0 };

  /* Replies of 5, 10, 30, 100 and 200 minutes. */
  g_assert_cmpuint (all->chats_answered, ==, 4);
  g_assert_cmpuint (all->replies, ==, 5);
  g_assert_cmpint (all->median_reply, ==, 30 * MINUTE);
  g_assert_cmpint (all->p90_reply, ==, 200 * MINUTE);  /* rank ⌈4.5⌉ = 5 */
  g_assert_cmpuint (all->replies_within_target, ==, 3);
  g_assert_cmpint (mc_response_stats_get_share_within_target (all), ==, 60);
  g_assert_cmpuint (all->waiting_now, ==, 2);
  g_assert_cmpuint (all->overdue_now, ==, 1);
  assert_hours (all, hours);

  /* Chat 6 is older than 30 days. */
  g_assert_cmpuint (no_store->replies, ==, 0);
  g_assert_cmpuint (no_store->waiting_now, ==, 0);
  assert_hours (no_store, none);
}

/* Monday to Friday 09:00-18:00 Moscow time: chat 1's first wait (05:00
 * to 05:30 on Friday) and chat 2's old one (Saturday 09:00 to 09:10)
 * take no working time; chat 1's second takes 100 minutes (10:00 to
 * 11:40), chat 4's 200 (Friday 27 November 13:00 to 16:20), chat 5's 5
 * (Friday 20 November 17:40 to 17:45). */
static void
test_working_hours (void)
{
  g_autoptr(McCache) cache = open_fixture ();
  g_autoptr(McWorkingHours) hours = moscow_hours (MC_WEEKDAYS_WORKWEEK, 9 * 60, 18 * 60);
  g_autoptr(McResponseStats) week = load (cache, MC_RESPONSE_STATS_ALL_STORES, 7, hours);
  g_autoptr(McResponseStats) month = load (cache, MC_RESPONSE_STATS_ALL_STORES, 30, hours);

  /* 0, 0, 100, 200. */
  g_assert_cmpuint (week->replies, ==, 4);
  g_assert_cmpint (week->median_reply, ==, 50 * MINUTE);
  g_assert_cmpint (week->p90_reply, ==, 200 * MINUTE);
  g_assert_cmpuint (week->replies_within_target, ==, 2);
  /* Chat 2 has waited since 13:30 on Friday: 90 working minutes. */
  g_assert_cmpuint (week->overdue_now, ==, 1);

  /* 0, 0, 5, 100, 200. */
  g_assert_cmpuint (month->replies, ==, 5);
  g_assert_cmpint (month->median_reply, ==, 5 * MINUTE);
  g_assert_cmpuint (month->replies_within_target, ==, 3);
}

/* The customer messages of the period's first and last quarter of an
 * hour, which the summary does not split, counted one by one: with now
 * at 12:07 UTC the week begins at 12:07 on 27 November (15:07 in
 * Moscow). */
static void
test_period_edges (void)
{
  /* Minutes before 12:00: a customer message a minute before the week
   * (its wait starts there), one at its start, one in a whole quarter
   * (12:20), the reply, one at 12:05 today and one at 12:07, the end,
   * which the period excludes. */
  static const Line chat[] = {
    { C, 10074 }, { C, 10073 }, { C, 10060 }, { P, 10050 }, { C, -5 }, { C, -7 },
  };
  g_autofree char *path = fresh_path ("edges");
  g_autoptr(GError) error = NULL;
  g_autoptr(McCache) cache = mc_cache_open_path (path, BUSINESS_ID, &error);
  g_autoptr(McWorkingHours) always = moscow_hours (MC_WEEKDAYS_ALL, 0, MC_MINUTES_PER_DAY);
  g_autoptr(McResponseStats) stats = NULL;
  const guint hours[24] = { [15] = 3 };

  g_assert_no_error (error);
  add_chat (cache, 10, 30, MC_CHAT_STATUS_WAITING_FOR_PARTNER, chat, G_N_ELEMENTS (chat));
  stats = mc_cache_load_response_stats (cache, 30, 7, now () + 7 * MINUTE, 60 * MINUTE, always, &error);
  g_assert_no_error (error);
  assert_hours (stats, hours);
  g_assert_cmpuint (stats->replies, ==, 1);
  g_assert_cmpint (stats->median_reply, ==, 24 * MINUTE);
  g_assert_cmpuint (stats->waiting_now, ==, 1);
  g_assert_cmpuint (stats->overdue_now, ==, 0);
}

/* The summaries follow the writes as sync makes them: messages saved
 * before their chat's row, a history completed by a later save, and a
 * history saved twice. */
static void
test_summary_follows_writes (void)
{
  static const Line first[] = { { C, 600 }, { C, 590 } };
  static const Line second[] = { { P, 570 }, { C, 300 } };
  static const Line third[] = { { P, 200 } };
  g_autofree char *path = fresh_path ("writes");
  g_autoptr(GError) error = NULL;
  g_autoptr(McCache) cache = mc_cache_open_path (path, BUSINESS_ID, &error);
  g_autoptr(McWorkingHours) always = moscow_hours (MC_WEEKDAYS_ALL, 0, MC_MINUTES_PER_DAY);
  g_autoptr(McResponseStats) none = NULL;
  g_autoptr(McResponseStats) store = NULL;
  g_autoptr(McResponseStats) all = NULL;
  /* 02:00, 02:10 and 07:00 UTC. */
  const guint hours[24] = { [5] = 2, [10] = 1 };
  const guint no_hours[24] = { 0 };

  g_assert_no_error (error);
  add_chat_full (cache, 1, 21, MC_CHAT_STATUS_WAITING_FOR_PARTNER, first, 2, 1, TRUE);
  add_chat_full (cache, 1, 21, MC_CHAT_STATUS_WAITING_FOR_PARTNER, second, 2, 3, TRUE);
  add_chat_full (cache, 1, 21, MC_CHAT_STATUS_FINISHED, third, 1, 5, FALSE);
  add_chat_full (cache, 1, 21, MC_CHAT_STATUS_FINISHED, second, 2, 3, FALSE);

  none = load (cache, 0, 7, always);
  store = load (cache, 21, 7, always);
  all = load (cache, MC_RESPONSE_STATS_ALL_STORES, 7, always);
  g_assert_cmpuint (none->replies, ==, 0);
  assert_hours (none, no_hours);
  /* Replies after 30 and 100 minutes, counted once. */
  g_assert_cmpuint (store->chats_answered, ==, 1);
  g_assert_cmpuint (store->replies, ==, 2);
  g_assert_cmpint (store->median_reply, ==, 65 * MINUTE);
  g_assert_cmpint (store->p90_reply, ==, 100 * MINUTE);
  g_assert_cmpuint (store->waiting_now, ==, 0);
  assert_hours (store, hours);
  g_assert_cmpuint (all->replies, ==, 2);
  assert_hours (all, hours);
}

static void
on_stats (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  McResponseStats **slot = user_data;
  g_autoptr(GError) error = NULL;

  *slot = mc_cache_load_response_stats_finish (MC_CACHE (source), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*slot);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

/* The UI's way: queued after the writes before it, answered in the main
 * context, with the seller's working hours. */
static void
test_async (void)
{
  g_autoptr(McCache) cache = open_fixture ();
  g_autoptr(McWorkingHours) hours = moscow_hours (MC_WEEKDAYS_WORKWEEK, 9 * 60, 18 * 60);
  g_autoptr(McResponseStats) stats = NULL;

  mc_cache_load_response_stats_async (cache, 21, 7, now (), 60 * MINUTE, hours, NULL, on_stats, &stats);
  g_assert_true (mc_test_wait_until (is_set, &stats, MC_TEST_WAIT_MSEC));
  g_assert_cmpuint (stats->replies, ==, 4);
  g_assert_cmpint (stats->median_reply, ==, 50 * MINUTE);
}

static gboolean
has_index (const char *path,
           const char *name)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gboolean found;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return found;
}

/* A file of version 3 gains the indexes and keeps its chats. */
static void
test_migration_adds_index (void)
{
  g_autofree char *path = fresh_path ("v3");
  g_autoptr(McCache) cache = NULL;
  g_autoptr(McResponseStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  cache = mc_cache_open_path (path, BUSINESS_ID, &error);
  g_assert_no_error (error);
  add_chat (cache, 4, 21, MC_CHAT_STATUS_FINISHED,
            (const Line[]) { { C, 10200 }, { P, 10000 } }, 2);
  mc_cache_close (cache);
  g_clear_object (&cache);
  g_assert_true (has_index (path, "chats_by_update"));
  g_assert_true (has_index (path, "chats_by_status"));

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  /* Back to what a version 3 file holds: later steps' tables go too. */
  g_assert_cmpint (sqlite3_exec (db, "DROP INDEX chats_by_update; DROP INDEX chats_by_status;"
                                 " DROP TABLE orders; DROP TABLE returns; DROP TABLE templates;"
                                 " DROP TABLE replies; DROP TABLE customer_quarters; DROP TABLE waits;"
                                 " DROP INDEX customer_messages_by_time;"
                                 " DROP TABLE chat_marks; DROP TABLE messages_from_elsewhere;"
                                 " PRAGMA user_version = 3;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (has_index (path, "chats_by_update"));
  g_assert_false (has_index (path, "chats_by_status"));

  cache = mc_cache_open_path (path, BUSINESS_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mc_cache_get_schema_version (cache), ==, MC_CACHE_SCHEMA_VERSION);
  stats = mc_cache_load_response_stats (cache, MC_RESPONSE_STATS_ALL_STORES, 7, now (), 60 * MINUTE,
                                        NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->replies, ==, 1);
  g_assert_cmpint (stats->median_reply, ==, 200 * MINUTE);
  mc_cache_close (cache);
  g_assert_true (has_index (path, "chats_by_update"));
  g_assert_true (has_index (path, "chats_by_status"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  tmp_dir = g_dir_make_tmp ("mc-cache-stats-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cache/stats/week-all-stores", test_week_all_stores);
  g_test_add_func ("/cache/stats/week-one-store", test_week_one_store);
  g_test_add_func ("/cache/stats/month", test_month);
  g_test_add_func ("/cache/stats/working-hours", test_working_hours);
  g_test_add_func ("/cache/stats/period-edges", test_period_edges);
  g_test_add_func ("/cache/stats/summary-follows-writes", test_summary_follows_writes);
  g_test_add_func ("/cache/stats/async", test_async);
  g_test_add_func ("/cache/stats/migration-adds-index", test_migration_adds_index);

  ret = g_test_run ();
  mc_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
