/* mc-reply-clock.c: the reply clock of a chat and its words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mc-reply-clock.h"

#define MINUTE G_TIME_SPAN_MINUTE

static gint64
elapsed (McWorkingHours *hours,
         gint64          from,
         gint64          to)
{
  if (hours == NULL)
    return MAX (to - from, 0);
  return mc_working_hours_elapsed (hours, from, to);
}

static gint64
reach (McWorkingHours *hours,
       gint64          from,
       gint64          duration)
{
  if (hours == NULL)
    return from + MAX (duration, 0);
  return mc_working_hours_reach (hours, from, duration);
}

gint64
mc_reply_clock_due_soon_span (gint64 target)
{
  return MIN (target / 5, MC_REPLY_DUE_SOON_MAX);
}

void
mc_reply_clock_compute (McReplyClock   *clock,
                        gint64          waiting_since,
                        gint64          target,
                        McWorkingHours *hours,
                        gint64          now)
{
  gint64 soon;

  g_return_if_fail (clock != NULL);
  g_return_if_fail (target > 0);

  *clock = (McReplyClock) { MC_REPLY_STATE_NONE, 0, 0, 0, 0, G_MAXINT64, G_MAXINT64 };
  if (waiting_since <= 0)
    return;

  soon = mc_reply_clock_due_soon_span (target);
  clock->waited = elapsed (hours, waiting_since, now);
  clock->due_at = reach (hours, waiting_since, target);

  if (clock->waited >= target)
    {
      clock->state = MC_REPLY_STATE_OVERDUE;
      clock->overdue_by = clock->waited - target;
    }
  else if (clock->waited >= target - soon)
    {
      clock->state = MC_REPLY_STATE_DUE_SOON;
      clock->due_in = target - clock->waited;
      clock->next_change = clock->due_at;
    }
  else
    {
      clock->state = MC_REPLY_STATE_CALM;
      clock->due_in = target - clock->waited;
      clock->next_change = reach (hours, waiting_since, target - soon);
    }

  /* The target is whole minutes, so both the time left and the time past
   * turn over when the time waited reaches its next whole minute; outside
   * working hours that is when the next shift has run that far. */
  clock->next_update = MIN (clock->next_change,
                            reach (hours, waiting_since, (clock->waited / MINUTE + 1) * MINUTE));
}

char *
mc_reply_clock_format_duration (gint64 span)
{
  gint64 minutes = MAX (span, 0) / MINUTE;
  gint64 hours = minutes / 60;
  gint64 days = hours / 24;
  g_autofree char *large = NULL;
  g_autofree char *small = NULL;

  if (hours == 0)
    /* Translators: these durations follow "reply due in" and "overdue
     * by"; use the form that reads right there (Russian: accusative,
     * "через 1 минуту", "на 2 часа"). */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", minutes), (int) minutes);

  if (days == 0)
    {
      large = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours", hours), (int) hours);
      if (minutes % 60 != 0)
        small = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", minutes % 60),
                                 (int) (minutes % 60));
    }
  else
    {
      large = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", days), (int) days);
      if (hours % 24 != 0)
        small = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours", hours % 24),
                                 (int) (hours % 24));
    }

  if (small == NULL)
    return g_steal_pointer (&large);
  /* Translators: a duration in two units, e.g. "2 hours" and "10 minutes". */
  return g_strdup_printf (C_("duration", "%s %s"), large, small);
}

char *
mc_reply_clock_format (const McReplyClock *clock)
{
  g_autofree char *duration = NULL;
  gint64 minutes;

  g_return_val_if_fail (clock != NULL, NULL);

  switch (clock->state)
    {
    case MC_REPLY_STATE_CALM:
    case MC_REPLY_STATE_DUE_SOON:
      minutes = (clock->due_in + MINUTE - 1) / MINUTE;
      duration = mc_reply_clock_format_duration (minutes * MINUTE);
      /* Translators: the seller's own reply target, e.g. "reply due in
       * 12 minutes"; measured by this app, not a Market deadline. */
      return g_strdup_printf (_("reply due in %s"), duration);

    case MC_REPLY_STATE_OVERDUE:
      minutes = MAX (clock->overdue_by / MINUTE, 1);
      duration = mc_reply_clock_format_duration (minutes * MINUTE);
      /* Translators: past the seller's own reply target, e.g. "overdue
       * by 40 minutes"; measured by this app, not a Market deadline. */
      return g_strdup_printf (_("overdue by %s"), duration);

    case MC_REPLY_STATE_NONE:
    default:
      return NULL;
    }
}

const char *
mc_reply_state_get_label (McReplyState state)
{
  switch (state)
    {
    case MC_REPLY_STATE_CALM:
      /* Translators: a chat whose reply is within the seller's target. */
      return _("On time");
    case MC_REPLY_STATE_DUE_SOON:
      return _("Due soon");
    case MC_REPLY_STATE_OVERDUE:
      return _("Overdue");
    case MC_REPLY_STATE_NONE:
    default:
      return NULL;
    }
}

const char *
mc_reply_clock_get_explanation (void)
{
  return _("Measured by this app: the time since the customer’s first unanswered message, "
           "in your working hours, against the reply target you set. "
           "The Market sets no reply time for chats.");
}
