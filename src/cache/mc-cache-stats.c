/* mc-cache-stats.c: response statistics from the cached history.
 *
 * Reading the messages of a period took a second for 100,000 chats and
 * 1,000,000 messages when all of them were recent, so the writes keep two
 * summaries (schema v6): a row per reply with when its wait began, paired
 * in C by one pass over the chat's messages when they are written, and
 * the customer messages of each store per quarter of an hour.  A period
 * reads its replies through a covering index and a few thousand quarter
 * counts; working time and percentiles are computed in C, as SQLite has
 * no percentile function and knows no working hours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

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

/* Sorts @n non-negative values in place, 16 bits a pass from the lowest,
 * skipping the passes in which every value has the same digit: a
 * month's quarter of a million replies sorts in a few milliseconds where
 * qsort() took tens. */
static void
radix_sort (gint64 *values,
            gsize   n)
{
  g_autofree gint64 *scratch = g_new (gint64, MAX (n, 1));
  g_autofree gsize *counts = g_new (gsize, 1 << 16);
  gint64 *from = values;
  gint64 *to = scratch;

  for (guint shift = 0; shift < 64; shift += 16)
    {
      gsize position = 0;

      memset (counts, 0, sizeof (gsize) << 16);
      for (gsize i = 0; i < n; i++)
        counts[((guint64) from[i] >> shift) & 0xffff]++;
      if (n == 0 || counts[((guint64) from[0] >> shift) & 0xffff] == n)
        continue;
      for (guint digit = 0; digit < (1 << 16); digit++)
        {
          gsize count = counts[digit];

          counts[digit] = position;
          position += count;
        }
      for (gsize i = 0; i < n; i++)
        to[counts[((guint64) from[i] >> shift) & 0xffff]++] = from[i];
      from = to;
      to = from == values ? scratch : values;
    }
  if (from != values)
    memcpy (values, from, n * sizeof (gint64));
}

/* Customer messages are counted per quarter of an hour: every time
 * zone's offset is a whole number of quarters, so each quarter lies in
 * one local hour. */
#define QUARTER (15 * G_TIME_SPAN_MINUTE)

static gboolean
add_quarter (McCache  *self,
             gint64    quarter,
             gint64    campaign_id,
             gint64    count,
             GError  **error)
{
  return mc_cache_run (self, error,
                       "INSERT INTO customer_quarters (quarter, campaign_id, count) VALUES (?1, ?2, ?3)"
                       " ON CONFLICT DO UPDATE SET count = count + excluded.count",
                       "xxx", quarter, campaign_id, count);
}

static gboolean
chat_campaign (McCache  *self,
               gint64    chat_id,
               gint64   *campaign_id,
               gboolean *known,
               GError  **error)
{
  sqlite3_stmt *stmt = mc_cache_query (self, error, "SELECT campaign_id FROM chats WHERE chat_id = ?1",
                                       "x", chat_id);
  int rc;

  if (stmt == NULL)
    return FALSE;
  *campaign_id = 0;
  *known = FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *campaign_id = sqlite3_column_int64 (stmt, 0);
      *known = TRUE;
      rc = sqlite3_step (stmt);
    }
  return mc_cache_query_end (stmt, rc, "SELECT the store of a chat", error);
}

gboolean
mc_cache_summary_note_message (McCache   *self,
                               gint64     chat_id,
                               gint64     message_id,
                               gint64     created_at,
                               gboolean   customer,
                               GError   **error)
{
  gint64 campaign_id;
  gboolean known;
  gboolean was_customer = FALSE;
  gint64 was_created_at = 0;
  sqlite3_stmt *stmt;
  int rc;

  stmt = mc_cache_query (self, error,
                         "SELECT created_at, sender = 'CUSTOMER' FROM messages"
                         " WHERE chat_id = ?1 AND message_id = ?2",
                         "xx", chat_id, message_id);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      was_created_at = sqlite3_column_int64 (stmt, 0);
      was_customer = sqlite3_column_int (stmt, 1) != 0;
      rc = sqlite3_step (stmt);
    }
  if (!mc_cache_query_end (stmt, rc, "SELECT a message before writing it", error))
    return FALSE;

  if (was_customer == customer && (!customer || was_created_at / QUARTER == created_at / QUARTER))
    return TRUE;
  /* A chat the cache has no row for yet counts as without a store until
   * its row comes (mc_cache_summary_note_campaign()). */
  if (!chat_campaign (self, chat_id, &campaign_id, &known, error))
    return FALSE;
  return (!was_customer || add_quarter (self, was_created_at / QUARTER, campaign_id, -1, error)) &&
         (!customer || add_quarter (self, created_at / QUARTER, campaign_id, 1, error));
}

gboolean
mc_cache_summary_note_campaign (McCache  *self,
                                gint64    chat_id,
                                gint64    campaign_id,
                                GError  **error)
{
  gint64 was_campaign_id;
  gboolean known;
  sqlite3_stmt *stmt;
  int rc;

  if (!chat_campaign (self, chat_id, &was_campaign_id, &known, error))
    return FALSE;
  if (was_campaign_id == campaign_id)
    return TRUE;

  if (!mc_cache_run (self, error, "UPDATE replies SET campaign_id = ?2 WHERE chat_id = ?1",
                     "xx", chat_id, campaign_id))
    return FALSE;
  stmt = mc_cache_query (self, error,
                         "SELECT created_at / ?2, COUNT (*) FROM messages"
                         " WHERE chat_id = ?1 AND sender = 'CUSTOMER' GROUP BY 1",
                         "xx", chat_id, (gint64) QUARTER);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 quarter = sqlite3_column_int64 (stmt, 0);
      gint64 count = sqlite3_column_int64 (stmt, 1);

      if (!add_quarter (self, quarter, was_campaign_id, -count, error) ||
          !add_quarter (self, quarter, campaign_id, count, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  return mc_cache_query_end (stmt, rc, "SELECT the customer messages of a chat", error);
}

static gboolean
write_wait (McCache  *self,
            gint64    chat_id,
            gint64    since,
            GError  **error)
{
  if (since == G_MAXINT64)
    return TRUE;
  return mc_cache_run (self, error, "INSERT INTO waits (chat_id, since) VALUES (?1, ?2)",
                       "xx", chat_id, since);
}

/* Walks messages in (chat, id) order and writes a reply row for the
 * first PARTNER message after one or more CUSTOMER messages, waited for
 * since the first of them, and a wait row for a chat whose customer
 * wrote last, since the earliest of its unanswered messages (as
 * mc_cache_load_waiting_since() finds it).  @stmt's columns: chat_id,
 * message_id, created_at, sender (1 customer, 2 partner, 0 other),
 * campaign_id. */
static gboolean
write_replies (McCache       *self,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  gint64 chat_id = 0;
  gint64 wait_start = 0;
  gint64 waiting_since = G_MAXINT64;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 created_at = sqlite3_column_int64 (stmt, 2);
      int sender = sqlite3_column_int (stmt, 3);

      if (id != chat_id)
        {
          if (!write_wait (self, chat_id, waiting_since, error))
            goto failed;
          chat_id = id;
          wait_start = 0;
          waiting_since = G_MAXINT64;
        }

      if (sender == SENDER_CUSTOMER)
        {
          if (wait_start == 0)
            wait_start = created_at;
          waiting_since = MIN (waiting_since, created_at);
        }
      else if (sender == SENDER_PARTNER)
        {
          if (wait_start != 0 &&
              !mc_cache_run (self, error,
                             "INSERT INTO replies (chat_id, message_id, campaign_id, waited_from, replied_at)"
                             " VALUES (?1, ?2, ?3, ?4, ?5)",
                             "xxxxx", chat_id, sqlite3_column_int64 (stmt, 1),
                             sqlite3_column_int64 (stmt, 4), wait_start, created_at))
            goto failed;
          wait_start = 0;
          waiting_since = G_MAXINT64;
        }
    }
  if (rc == SQLITE_DONE && !write_wait (self, chat_id, waiting_since, error))
    goto failed;
  return mc_cache_query_end (stmt, rc, "SELECT messages for the replies", error);

failed:
  sqlite3_reset (stmt);
  return FALSE;
}

gboolean
mc_cache_summary_rebuild_chat (McCache  *self,
                               gint64    chat_id,
                               GError  **error)
{
  sqlite3_stmt *stmt;

  if (!mc_cache_run (self, error, "DELETE FROM replies WHERE chat_id = ?1", "x", chat_id) ||
      !mc_cache_run (self, error, "DELETE FROM waits WHERE chat_id = ?1", "x", chat_id))
    return FALSE;
  stmt = mc_cache_query (self, error,
                         "SELECT m.chat_id, m.message_id, m.created_at,"
                         " CASE m.sender WHEN 'CUSTOMER' THEN 1 WHEN 'PARTNER' THEN 2 ELSE 0 END,"
                         " COALESCE ((SELECT c.campaign_id FROM chats c WHERE c.chat_id = ?1), 0)"
                         " FROM messages m WHERE m.chat_id = ?1 ORDER BY m.message_id",
                         "x", chat_id);
  return stmt != NULL && write_replies (self, stmt, error);
}

gboolean
mc_cache_rebuild_response_summary (McCache  *self,
                                   GError  **error)
{
  sqlite3_stmt *stmt;

  /* The index by time is built once the rows are in: inserting a million
   * replies in chat order into it took ten times as long. */
  if (!mc_cache_exec (self->db, "DELETE FROM replies; DELETE FROM waits; DELETE FROM customer_quarters;"
                      " DROP INDEX replies_by_time;", error) ||
      !mc_cache_run (self, error,
                     "INSERT INTO customer_quarters (quarter, campaign_id, count)"
                     " SELECT m.created_at / ?1, COALESCE (c.campaign_id, 0), COUNT (*)"
                     " FROM messages m LEFT JOIN chats c ON c.chat_id = m.chat_id"
                     " WHERE m.sender = 'CUSTOMER' GROUP BY 1, 2",
                     "x", (gint64) QUARTER))
    return FALSE;
  stmt = mc_cache_query (self, error,
                         "SELECT m.chat_id, m.message_id, m.created_at,"
                         " CASE m.sender WHEN 'CUSTOMER' THEN 1 WHEN 'PARTNER' THEN 2 ELSE 0 END,"
                         " COALESCE (c.campaign_id, 0)"
                         " FROM messages m LEFT JOIN chats c ON c.chat_id = m.chat_id"
                         " ORDER BY m.chat_id, m.message_id", "");
  return stmt != NULL && write_replies (self, stmt, error) &&
         mc_cache_exec (self->db, "CREATE INDEX replies_by_time ON replies (replied_at, campaign_id, waited_from)",
                        error);
}

static gboolean
count_replies (McCache         *self,
               StatsQuery      *query,
               McResponseStats *stats,
               GError         **error)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) chat_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  /* Through the covering index by time: no message is read. */
  stmt = mc_cache_query (self, error,
                         "SELECT chat_id, waited_from, replied_at FROM replies"
                         " WHERE replied_at >= ?1 AND replied_at < ?2"
                         " AND (?3 < 0 OR campaign_id = ?3)",
                         "xxx", stats->since, stats->until, query->campaign_id);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 chat_id = sqlite3_column_int64 (stmt, 0);
      gint64 reply_time = working_time (query->hours, sqlite3_column_int64 (stmt, 1),
                                        sqlite3_column_int64 (stmt, 2));

      g_array_append_val (times, reply_time);
      if (reply_time <= query->target)
        stats->replies_within_target++;
      g_array_append_val (chat_ids, chat_id);
    }
  if (!mc_cache_query_end (stmt, rc, "SELECT replies for statistics", error))
    return FALSE;

  /* Chat ids are positive; sorted, each new one is a chat answered. */
  radix_sort ((gint64 *) chat_ids->data, chat_ids->len);
  for (guint i = 0; i < chat_ids->len; i++)
    {
      if (i == 0 || g_array_index (chat_ids, gint64, i) != g_array_index (chat_ids, gint64, i - 1))
        stats->chats_answered++;
    }

  radix_sort ((gint64 *) times->data, times->len);
  stats->replies = times->len;
  stats->median_reply = mc_response_stats_median ((gint64 *) times->data, times->len);
  stats->p90_reply = mc_response_stats_percentile ((gint64 *) times->data, times->len, 90);
  return TRUE;
}

/* The customer messages of [@from, @to), which lies within one quarter,
 * one by one through the partial index. */
static gboolean
count_hours_exactly (McCache         *self,
                     StatsQuery      *query,
                     GTimeZone       *local,
                     gint64           from,
                     gint64           to,
                     McResponseStats *stats,
                     GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (from >= to)
    return TRUE;
  stmt = mc_cache_query (self, error,
                         "SELECT m.created_at FROM messages m"
                         " LEFT JOIN chats c ON c.chat_id = m.chat_id"
                         " WHERE m.sender = 'CUSTOMER' AND m.created_at >= ?1 AND m.created_at < ?2"
                         " AND (?3 < 0 OR COALESCE (c.campaign_id, 0) = ?3)",
                         "xxx", from, to, query->campaign_id);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    stats->busiest_hours[local_hour (query->hours, local, sqlite3_column_int64 (stmt, 0))]++;
  return mc_cache_query_end (stmt, rc, "SELECT customer messages for statistics", error);
}

static gboolean
count_hours (McCache         *self,
             StatsQuery      *query,
             McResponseStats *stats,
             GError         **error)
{
  g_autoptr(GTimeZone) local = query->hours == NULL ? g_time_zone_new_local () : NULL;
  /* The whole quarters of the period from the summary, the parts of
   * quarters at its ends message by message. */
  gint64 first = (stats->since + QUARTER - 1) / QUARTER;
  gint64 end = MAX (stats->until / QUARTER, first);
  sqlite3_stmt *stmt;
  int rc;

  if (!count_hours_exactly (self, query, local, stats->since, MIN (first * QUARTER, stats->until), stats, error) ||
      !count_hours_exactly (self, query, local, MAX (end * QUARTER, stats->since), stats->until, stats, error))
    return FALSE;

  stmt = mc_cache_query (self, error,
                         "SELECT quarter, SUM (count) FROM customer_quarters"
                         " WHERE quarter >= ?1 AND quarter < ?2"
                         " AND (?3 < 0 OR campaign_id = ?3) GROUP BY quarter",
                         "xxx", first, end, query->campaign_id);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    stats->busiest_hours[local_hour (query->hours, local, sqlite3_column_int64 (stmt, 0) * QUARTER)] +=
      (guint) sqlite3_column_int64 (stmt, 1);
  return mc_cache_query_end (stmt, rc, "SELECT customer messages per quarter for statistics", error);
}

static gboolean
count_waiting (McCache         *self,
               StatsQuery      *query,
               McResponseStats *stats,
               GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* The same chats and wait starts as mc_cache_load_waiting_since(),
   * from the summary. */
  stmt = mc_cache_query (self, error,
                         "SELECT w.since FROM chats c JOIN waits w ON w.chat_id = c.chat_id"
                         " WHERE c.status IN ('NEW', 'WAITING_FOR_PARTNER')"
                         " AND (?1 < 0 OR c.campaign_id = ?1)",
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
      !count_hours (self, query, stats, error) ||
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
