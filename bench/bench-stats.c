/* bench-stats.c: response statistics over a cache of 100,000 chats and
 * 1,000,000 messages.
 *
 * The history spans a year (chats opened evenly over 365 days, in the
 * order of their ids, ten messages each within hours), so a 30-day
 * period holds about a twelfth of it, as for a seller who has used the
 * app for a year.  A second cache
 * puts the whole history inside the 30 days: the worst case.  Both are
 * written as schema 5 and migrated on opening, which builds the
 * summaries the statistics read (timed as well).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "mc-cache-stats.h"

#define N_CHATS 100000
#define MESSAGES_PER_CHAT 10
#define N_ROUNDS 7
#define BUSINESS_ID 10
#define NOW 1752000000000000

static const char *texts[] = {
  "Здравствуйте! Когда будет доставлен мой заказ?",
  "Добрый день, заказ передан в доставку, ожидайте завтра.",
  "Можно ли поменять размер на один больше?",
  "Спасибо, всё получил, претензий нет.",
};

/* Writes the history straight into the file, in one transaction: through
 * the cache's objects a million messages would take minutes to set up. */
static void
fill (const char *path,
      guint       span_days)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McCache) cache = mc_cache_open_path (path, BUSINESS_ID, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (16);
  sqlite3_stmt *chat_stmt, *message_stmt;
  sqlite3 *db;

  g_assert_no_error (error);
  mc_cache_close (cache);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO chats (chat_id, chat_type, status, created_at,"
                                           " updated_at, context_type, campaign_id, order_id,"
                                           " customer_name, unread_count, last_message_preview)"
                                           " VALUES (?, 'CHAT', ?, ?, ?, 'ORDER', ?, ?, 'Анна Петрова', 0, ?)",
                                       -1, &chat_stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO messages (chat_id, message_id, created_at, sender, text)"
                                           " VALUES (?, ?, ?, ?, ?)", -1, &message_stmt, NULL), ==, SQLITE_OK);

  for (gint64 chat_id = 1; chat_id <= N_CHATS; chat_id++)
    {
      /* The Market numbers chats as they open, so a later chat has a
       * larger id; within the hour the order is left to chance. */
      gint64 at = NOW - (gint64) span_days * G_TIME_SPAN_DAY * (N_CHATS - chat_id) / N_CHATS
                      - (gint64) g_rand_int_range (rand, 0, 3600) * G_USEC_PER_SEC;
      gint64 created_at = at;
      gboolean customer_last = FALSE;
      const char *text = NULL;

      for (int i = 0; i < MESSAGES_PER_CHAT; i++)
        {
          /* Customers open the chat and write most; the seller answers
           * after a minute to a few hours. */
          gboolean customer = i == 0 || g_rand_int_range (rand, 0, 100) < 55;

          at = MIN (at + (gint64) g_rand_int_range (rand, 60, 4 * 3600) * G_USEC_PER_SEC, NOW);
          text = texts[g_rand_int_range (rand, 0, G_N_ELEMENTS (texts))];
          sqlite3_bind_int64 (message_stmt, 1, chat_id);
          sqlite3_bind_int64 (message_stmt, 2, chat_id * 100 + i);
          sqlite3_bind_int64 (message_stmt, 3, at);
          sqlite3_bind_text (message_stmt, 4, customer ? "CUSTOMER" : "PARTNER", -1, SQLITE_STATIC);
          sqlite3_bind_text (message_stmt, 5, text, -1, SQLITE_STATIC);
          g_assert_cmpint (sqlite3_step (message_stmt), ==, SQLITE_DONE);
          sqlite3_reset (message_stmt);
          customer_last = customer;
        }

      /* Waiting for the seller only if the customer wrote last, lately. */
      sqlite3_bind_int64 (chat_stmt, 1, chat_id);
      sqlite3_bind_text (chat_stmt, 2,
                         customer_last && at > NOW - 3 * G_TIME_SPAN_DAY ? "WAITING_FOR_PARTNER" : "FINISHED",
                         -1, SQLITE_STATIC);
      sqlite3_bind_int64 (chat_stmt, 3, created_at);
      sqlite3_bind_int64 (chat_stmt, 4, at);
      sqlite3_bind_int64 (chat_stmt, 5, 100 + g_rand_int_range (rand, 0, 5));
      sqlite3_bind_int64 (chat_stmt, 6, 40000000 + chat_id);
      sqlite3_bind_text (chat_stmt, 7, text, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (chat_stmt), ==, SQLITE_DONE);
      sqlite3_reset (chat_stmt);
    }

  sqlite3_finalize (chat_stmt);
  sqlite3_finalize (message_stmt);
  /* Back to schema 5, so that opening the file migrates it and builds
   * the statistics' summaries from the history, as for a seller's cache
   * written by the previous version. */
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE replies; DROP TABLE customer_quarters; DROP TABLE waits;"
                                     " DROP INDEX customer_messages_by_time;"
                                     " DROP TABLE chat_marks; DROP TABLE messages_from_elsewhere;"
                                     " PRAGMA user_version = 5;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static McCache *
open_timed (const char *path,
            double     *migration)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  McCache *cache = mc_cache_open_path (path, BUSINESS_ID, &error);

  *migration = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_no_error (error);
  g_assert_cmpint (mc_cache_get_schema_version (cache), ==, MC_CACHE_SCHEMA_VERSION);
  return cache;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of N_ROUNDS loads, the machine being shared. */
static double
time_stats (McCache        *cache,
            gint64          campaign_id,
            guint           days,
            McWorkingHours *hours,
            guint          *replies)
{
  double rounds[N_ROUNDS];

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(McResponseStats) stats = NULL;
      gint64 start = g_get_monotonic_time ();

      stats = mc_cache_load_response_stats (cache, campaign_id, days, NOW, 60 * G_TIME_SPAN_MINUTE,
                                            hours, &error);
      rounds[round] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
      *replies = stats->replies;
    }
  qsort (rounds, N_ROUNDS, sizeof (double), compare_doubles);
  return rounds[N_ROUNDS / 2];
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-stats-XXXXXX", &error);
  g_autofree char *year_path = g_build_filename (dir, "year.sqlite", NULL);
  g_autofree char *dense_path = g_build_filename (dir, "dense.sqlite", NULL);
  g_autoptr(GTimeZone) moscow = g_time_zone_new_identifier ("Europe/Moscow");
  g_autoptr(McWorkingHours) hours = mc_working_hours_new (MC_WEEKDAYS_WORKWEEK, 9 * 60, 18 * 60, moscow);
  g_autoptr(McCache) year = NULL;
  g_autoptr(McCache) dense = NULL;
  double all_30, all_7, store_30, hours_30, dense_30, dense_7, dense_store, dense_hours;
  double year_migration, dense_migration;
  guint replies_30, replies_7, replies_store, replies_hours, replies_dense, replies_dense_7;
  guint replies_dense_store, replies_dense_hours;

  g_assert_no_error (error);
  fill (year_path, 365);
  fill (dense_path, 28);

  year = open_timed (year_path, &year_migration);
  all_30 = time_stats (year, MC_RESPONSE_STATS_ALL_STORES, 30, NULL, &replies_30);
  all_7 = time_stats (year, MC_RESPONSE_STATS_ALL_STORES, 7, NULL, &replies_7);
  store_30 = time_stats (year, 102, 30, NULL, &replies_store);
  hours_30 = time_stats (year, MC_RESPONSE_STATS_ALL_STORES, 30, hours, &replies_hours);
  g_assert_cmpuint (replies_hours, ==, replies_30);

  dense = open_timed (dense_path, &dense_migration);
  dense_30 = time_stats (dense, MC_RESPONSE_STATS_ALL_STORES, 30, NULL, &replies_dense);
  dense_7 = time_stats (dense, MC_RESPONSE_STATS_ALL_STORES, 7, NULL, &replies_dense_7);
  dense_store = time_stats (dense, 102, 30, NULL, &replies_dense_store);
  dense_hours = time_stats (dense, MC_RESPONSE_STATS_ALL_STORES, 30, hours, &replies_dense_hours);
  g_assert_cmpuint (replies_dense_hours, ==, replies_dense);

  g_print ("figure stats_30d_100k %.1f ms (target < 100; %u replies of %d chats, history over a year)\n",
           all_30, replies_30, N_CHATS);
  g_print ("figure stats_7d_100k %.1f ms (%u replies)\n", all_7, replies_7);
  g_print ("figure stats_30d_store_100k %.1f ms (one store of five, %u replies)\n", store_30, replies_store);
  g_print ("figure stats_30d_hours_100k %.1f ms (Monday to Friday 09:00-18:00 Moscow time)\n", hours_30);
  g_print ("figure stats_30d_dense_100k %.1f ms (target < 100; the whole history inside the 30 days, %u replies)\n",
           dense_30, replies_dense);
  g_print ("figure stats_7d_dense_100k %.1f ms (%u replies)\n", dense_7, replies_dense_7);
  g_print ("figure stats_30d_store_dense_100k %.1f ms (one store of five, %u replies)\n",
           dense_store, replies_dense_store);
  g_print ("figure stats_30d_hours_dense_100k %.1f ms (Monday to Friday 09:00-18:00 Moscow time)\n",
           dense_hours);
  g_print ("figure stats_migration_v6_year %.0f ms (building the summaries of 1,000,000 messages once)\n",
           year_migration);
  g_print ("figure stats_migration_v6_dense %.0f ms\n", dense_migration);

  g_assert_true (mc_cache_delete (year, NULL));
  g_assert_true (mc_cache_delete (dense, NULL));
  g_rmdir (dir);
  return 0;
}
