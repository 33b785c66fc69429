/* mc-response-stats.c: response statistics, their percentiles and CSV.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mc-response-stats.h"

G_DEFINE_BOXED_TYPE (McResponseStats, mc_response_stats, mc_response_stats_copy, mc_response_stats_free)

McResponseStats *
mc_response_stats_copy (const McResponseStats *stats)
{
  g_return_val_if_fail (stats != NULL, NULL);
  return g_memdup2 (stats, sizeof *stats);
}

void
mc_response_stats_free (McResponseStats *stats)
{
  g_free (stats);
}

int
mc_response_stats_get_share_within_target (const McResponseStats *stats)
{
  g_return_val_if_fail (stats != NULL, -1);

  if (stats->replies == 0)
    return -1;
  return (int) ((stats->replies_within_target * 200u + stats->replies) / (2u * stats->replies));
}

gint64
mc_response_stats_median (const gint64 *sorted,
                          gsize         n)
{
  if (n == 0)
    return -1;
  if (n % 2 == 1)
    return sorted[n / 2];
  /* Halves first, so two long durations cannot overflow. */
  return sorted[n / 2 - 1] / 2 + sorted[n / 2] / 2 + (sorted[n / 2 - 1] % 2 + sorted[n / 2] % 2) / 2;
}

gint64
mc_response_stats_percentile (const gint64 *sorted,
                              gsize         n,
                              guint         percent)
{
  gsize rank;

  if (n == 0)
    return -1;
  /* ceil (percent / 100 * n) in integers, at least the first. */
  rank = (MIN (percent, 100) * n + 99) / 100;
  return sorted[MAX (rank, 1) - 1];
}

/* RFC 4180: a field holding a comma, a quote or a line break goes in
 * quotes, with its quotes doubled. */
static void
append_text (GString    *csv,
             const char *text)
{
  gboolean formula = text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                     text[0] == '\t' || text[0] == '\r';
  gboolean quote = strpbrk (text, ",\"\r\n") != NULL;

  if (quote)
    g_string_append_c (csv, '"');
  if (formula)
    g_string_append_c (csv, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  if (quote)
    g_string_append_c (csv, '"');
}

static void
append_separator (GString *csv)
{
  g_string_append_c (csv, ',');
}

static void
append_minutes (GString *csv,
                gint64   span)
{
  append_separator (csv);
  if (span >= 0)
    g_string_append_printf (csv, "%" G_GINT64_FORMAT,
                            (span + G_TIME_SPAN_MINUTE / 2) / G_TIME_SPAN_MINUTE);
}

static void
append_count (GString *csv,
              guint    count)
{
  append_separator (csv);
  g_string_append_printf (csv, "%u", count);
}

static void
append_time (GString   *csv,
             gint64     instant,
             GTimeZone *time_zone)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, time_zone);
  g_autofree char *text = g_date_time_format (local, "%Y-%m-%d %H:%M");

  append_separator (csv);
  g_string_append (csv, text);
}

static void
append_header (GString *csv)
{
  const char *titles[] = {
    _("Store"),
    _("Period, days"),
    _("From"),
    _("To"),
    _("Chats answered"),
    _("Replies"),
    /* Translators: measured by this app from the customer's first
     * unanswered message to the seller's reply. */
    _("Median reply time, min"),
    _("90th percentile reply time, min"),
    _("Replies within target, %"),
    _("Reply target, min"),
    _("Waiting now"),
    _("Overdue now"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      if (i > 0)
        append_separator (csv);
      append_text (csv, titles[i]);
    }
  for (guint hour = 0; hour < 24; hour++)
    {
      /* Translators: a column of customer messages written from this
       * hour of the day to the next, e.g. "Customer messages 09:00–10:00". */
      g_autofree char *title = g_strdup_printf (_("Customer messages %02u:00–%02u:00"), hour, (hour + 1) % 24);

      append_separator (csv);
      append_text (csv, title);
    }
  g_string_append (csv, "\r\n");
}

char *
mc_response_stats_to_csv (McResponseStats * const *stats,
                          const char * const    *store_names,
                          guint                  n,
                          GTimeZone             *time_zone,
                          gsize                 *length)
{
  GString *csv = g_string_new ("\xEF\xBB\xBF");

  g_return_val_if_fail (n == 0 || (stats != NULL && store_names != NULL), NULL);
  g_return_val_if_fail (time_zone != NULL, NULL);

  append_header (csv);
  for (guint i = 0; i < n; i++)
    {
      const McResponseStats *s = stats[i];
      int share = mc_response_stats_get_share_within_target (s);

      append_text (csv, store_names[i] != NULL ? store_names[i] : "");
      append_count (csv, s->days);
      append_time (csv, s->since, time_zone);
      append_time (csv, s->until, time_zone);
      append_count (csv, s->chats_answered);
      append_count (csv, s->replies);
      append_minutes (csv, s->median_reply);
      append_minutes (csv, s->p90_reply);
      append_separator (csv);
      if (share >= 0)
        g_string_append_printf (csv, "%d", share);
      append_minutes (csv, s->target);
      append_count (csv, s->waiting_now);
      append_count (csv, s->overdue_now);
      for (guint hour = 0; hour < 24; hour++)
        append_count (csv, s->busiest_hours[hour]);
      g_string_append (csv, "\r\n");
    }

  if (length != NULL)
    *length = csv->len;
  return g_string_free (csv, FALSE);
}
