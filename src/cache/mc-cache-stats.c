/* mc-cache-stats.c: response statistics from the cached history.
 *
 * SQL picks the messages of the chats that changed during the period,
 * each chat's in id order, and the chats waiting for a reply; one pass in
 * C pairs each reply with the customer message that started its wait.
 * Pairing in SQL with window functions took about three times as long on
 * 100,000 chats (SQLite 3.40), and working time and percentiles need C
 * anyway: SQLite has no percentile function and knows no working hours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mc-cache-private.h"
#include "mc-cache-stats.h"
#include "mc-reply-clock.h"

typedef struct
{
  gint64          campaign_id;
  guint           days;
  gint64          now;
  gint64          target;
  McWorkingHours *hours;  /* immutable, so the writer thread may read it */
} StatsQuery;

static void
stats_query_free (gpointer data)
{
  StatsQuery *query = data;

  g_clear_pointer (&query->hours, mc_working_hours_unref);
  g_free (query);
}

enum { SENDER_OTHER, SENDER_CUSTOMER, SENDER_PARTNER };

static gint64
working_time (McWorkingHours *hours,
              gint64          from,
              gint64          to)
{
  if (hours == NULL)
    return MAX (to - from, 0);
  return mc_working_hours_elapsed (hours, from, to);
}

static guint
local_hour (McWorkingHours *hours,
            GTimeZone      *local,
            gint64          instant)
{
  gint64 seconds = instant / G_USEC_PER_SEC;
  gint64 offset;

  if (hours != NULL)
    return mc_working_hours_local_hour (hours, instant);
  offset = g_time_zone_get_offset (local, g_time_zone_find_interval (local, G_TIME_TYPE_UNIVERSAL, seconds));
  return (guint) ((((seconds + offset) / 3600) % 24 + 24) % 24);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static gboolean
count_replies (McCache         *self,
               StatsQuery      *query,
               McResponseStats *stats,
               GError         **error)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GTimeZone) local = query->hours == NULL ? g_time_zone_new_local () : NULL;
  gint64 chat_id = 0;
  gint64 wait_start = 0;
  gboolean chat_answered = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  /* A chat's "updated_at" is the time of its last message, so a message
   * of the period lies in a chat updated since it began: only those
   * chats' histories are read, each through the primary key in id order
   * (the IN list is walked sorted, so no sort is needed). */
  stmt = mc_cache_query (self, error,
                         "SELECT chat_id, created_at,"
                         " CASE sender WHEN 'CUSTOMER' THEN 1 WHEN 'PARTNER' THEN 2 ELSE 0 END"
                         " FROM messages WHERE chat_id IN"
                         " (SELECT chat_id FROM chats WHERE updated_at >= ?1"
                         "  AND (?2 < 0 OR campaign_id = ?2))"
                         " ORDER BY chat_id, message_id",
                         "xx", stats->since, query->campaign_id);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 created_at = sqlite3_column_int64 (stmt, 1);
      int sender = sqlite3_column_int (stmt, 2);
      gboolean in_period = created_at >= stats->since && created_at < stats->until;

      if (id != chat_id)
        {
          chat_id = id;
          wait_start = 0;
          chat_answered = FALSE;
        }

      if (sender == SENDER_CUSTOMER)
        {
          if (wait_start == 0)
            wait_start = created_at;
          if (in_period)
            stats->busiest_hours[local_hour (query->hours, local, created_at)]++;
        }
      else if (sender == SENDER_PARTNER && wait_start != 0)
        {
          if (in_period)
            {
              gint64 reply_time = working_time (query->hours, wait_start, created_at);

              g_array_append_val (times, reply_time);
              if (reply_time <= query->target)
                stats->replies_within_target++;
              if (!chat_answered)
                stats->chats_answered++;
              chat_answered = TRUE;
            }
          wait_start = 0;
        }
    }
  if (!mc_cache_query_end (stmt, rc, "SELECT messages for statistics", error))
    return FALSE;

  g_array_sort (times, compare_int64);
  stats->replies = times->len;
  stats->median_reply = mc_response_stats_median ((gint64 *) times->data, times->len);
  stats->p90_reply = mc_response_stats_percentile ((gint64 *) times->data, times->len, 90);
  return TRUE;
}

static gboolean
count_waiting (McCache         *self,
               StatsQuery      *query,
               McResponseStats *stats,
               GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* The same chats and wait starts as mc_cache_load_waiting_since(). */
  stmt = mc_cache_query (self, error,
                         "SELECT (SELECT MIN (m.created_at) FROM messages m"
                         "  WHERE m.chat_id = c.chat_id AND m.sender = 'CUSTOMER'"
                         "  AND m.message_id > COALESCE ("
                         "   (SELECT MAX (p.message_id) FROM messages p"
                         "    WHERE p.chat_id = c.chat_id AND p.sender = 'PARTNER'), 0)) AS since"
                         " FROM chats c WHERE c.status IN ('NEW', 'WAITING_FOR_PARTNER')"
                         " AND (?1 < 0 OR c.campaign_id = ?1) AND since IS NOT NULL",
                         "x", query->campaign_id);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McReplyClock clock;

      mc_reply_clock_compute (&clock, sqlite3_column_int64 (stmt, 0), query->target,
                              query->hours, query->now);
      stats->waiting_now++;
      if (clock.state == MC_REPLY_STATE_OVERDUE)
        stats->overdue_now++;
    }
  return mc_cache_query_end (stmt, rc, "SELECT waiting chats for statistics", error);
}

static gboolean
load_response_stats_job (McCache   *self,
                         sqlite3   *db,
                         gpointer   data,
                         gpointer  *result,
                         GError   **error)
{
  StatsQuery *query = data;
  g_autoptr(McResponseStats) stats = g_new0 (McResponseStats, 1);

  stats->campaign_id = query->campaign_id;
  stats->days = query->days;
  stats->until = query->now;
  stats->since = query->now - (gint64) query->days * G_TIME_SPAN_DAY;
  stats->target = query->target;

  if (!count_replies (self, query, stats, error) ||
      !count_waiting (self, query, stats, error))
    return FALSE;

  *result = g_steal_pointer (&stats);
  return TRUE;
}

static StatsQuery *
stats_query_new (gint64          campaign_id,
                 guint           days,
                 gint64          now,
                 gint64          target,
                 McWorkingHours *hours)
{
  StatsQuery *query = g_new0 (StatsQuery, 1);

  query->campaign_id = campaign_id;
  query->days = days;
  query->now = now;
  query->target = target;
  if (hours != NULL)
    query->hours = mc_working_hours_ref (hours);
  return query;
}

void
mc_cache_load_response_stats_async (McCache             *self,
                                    gint64               campaign_id,
                                    guint                days,
                                    gint64               now,
                                    gint64               target,
                                    McWorkingHours      *hours,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (MC_IS_CACHE (self));
  g_return_if_fail (days > 0);
  g_return_if_fail (target > 0);

  mc_cache_queue_job (self, load_response_stats_job,
                      stats_query_new (campaign_id, days, now, target, hours), stats_query_free,
                      (GDestroyNotify) mc_response_stats_free, mc_cache_load_response_stats_async,
                      cancellable, callback, user_data);
}

McResponseStats *
mc_cache_load_response_stats_finish (McCache       *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

McResponseStats *
mc_cache_load_response_stats (McCache         *self,
                              gint64           campaign_id,
                              guint            days,
                              gint64           now,
                              gint64           target,
                              McWorkingHours  *hours,
                              GError         **error)
{
  StatsQuery *query;
  McResponseStats *stats;

  g_return_val_if_fail (MC_IS_CACHE (self), NULL);
  g_return_val_if_fail (days > 0, NULL);
  g_return_val_if_fail (target > 0, NULL);

  query = stats_query_new (campaign_id, days, now, target, hours);
  stats = mc_cache_run_sync (self, load_response_stats_job, query, error);
  stats_query_free (query);
  return stats;
}
