/* mc-rate-window.c: a sliding window of request times.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-rate-window.h"

struct _McRateWindow
{
  gint64  period;
  GQueue  times; /* gint64* oldest first */
};

McRateWindow *
mc_rate_window_new (gint64 period_usec)
{
  McRateWindow *self;

  g_return_val_if_fail (period_usec > 0, NULL);

  self = g_new0 (McRateWindow, 1);
  self->period = period_usec;
  g_queue_init (&self->times);

  return self;
}

void
mc_rate_window_free (McRateWindow *self)
{
  if (self == NULL)
    return;

  g_queue_clear_full (&self->times, g_free);
  g_free (self);
}

static void
mc_rate_window_expire (McRateWindow *self,
                       gint64        now)
{
  while (!g_queue_is_empty (&self->times))
    {
      gint64 *oldest = g_queue_peek_head (&self->times);

      if (*oldest + self->period > now)
        break;

      g_free (g_queue_pop_head (&self->times));
    }
}

void
mc_rate_window_add (McRateWindow *self,
                    gint64        now)
{
  g_return_if_fail (self != NULL);

  mc_rate_window_expire (self, now);
  g_queue_push_tail (&self->times, g_memdup2 (&now, sizeof now));
}

void
mc_rate_window_remove_last (McRateWindow *self)
{
  g_return_if_fail (self != NULL);

  g_free (g_queue_pop_tail (&self->times));
}

guint
mc_rate_window_count (McRateWindow *self,
                      gint64        now)
{
  g_return_val_if_fail (self != NULL, 0);

  mc_rate_window_expire (self, now);

  return g_queue_get_length (&self->times);
}

gint64
mc_rate_window_next_free (McRateWindow *self,
                          gint64        now)
{
  gint64 *oldest;

  g_return_val_if_fail (self != NULL, 0);

  mc_rate_window_expire (self, now);
  oldest = g_queue_peek_head (&self->times);

  return oldest != NULL ? *oldest + self->period : 0;
}
