/* mc-quiet-hours.c: see mc-quiet-hours.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "mc-quiet-hours.h"

gboolean
mc_quiet_hours_contains (guint start,
                         guint end,
                         guint minute)
{
  start %= MC_MINUTES_PER_DAY;
  end %= MC_MINUTES_PER_DAY;
  minute %= MC_MINUTES_PER_DAY;

  if (start <= end)
    return start <= minute && minute < end;

  return minute >= start || minute < end;
}

guint
mc_quiet_hours_minutes_left (guint start,
                             guint end,
                             guint minute)
{
  if (!mc_quiet_hours_contains (start, end, minute))
    return 0;

  end %= MC_MINUTES_PER_DAY;
  minute %= MC_MINUTES_PER_DAY;

  return (end + MC_MINUTES_PER_DAY - minute) % MC_MINUTES_PER_DAY;
}

guint
mc_quiet_hours_minute_of (gint64 time)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (time / G_USEC_PER_SEC);

  if (local == NULL)
    return 0;

  return g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
}

char *
mc_quiet_hours_format (guint minute)
{
  minute %= MC_MINUTES_PER_DAY;

  return g_strdup_printf ("%02u:%02u", minute / 60, minute % 60);
}

static gboolean
parse_number (const char  *text,
              const char **end,
              guint        max,
              guint       *value)
{
  guint64 number;
  char *stop = NULL;

  if (!g_ascii_isdigit (*text))
    return FALSE;

  number = g_ascii_strtoull (text, &stop, 10);
  if (stop - text > 2 || number > max)
    return FALSE;

  *value = number;
  *end = stop;
  return TRUE;
}

gboolean
mc_quiet_hours_parse (const char *text,
                      guint      *minute)
{
  const char *p;
  guint hours = 0;
  guint minutes = 0;

  g_return_val_if_fail (text != NULL, FALSE);

  while (g_ascii_isspace (*text))
    text++;

  if (!parse_number (text, &p, 23, &hours))
    return FALSE;
  if (*p == ':' || *p == '.')
    {
      if (!parse_number (p + 1, &p, 59, &minutes))
        return FALSE;
    }
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0')
    return FALSE;

  *minute = hours * 60 + minutes;
  return TRUE;
}
