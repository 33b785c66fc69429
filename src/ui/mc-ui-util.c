/* mc-ui-util.c: words and names the UI shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mc-ui-util.h"

#define MAX_NAME_BYTES 255

static gboolean
is_forbidden_in_name (gunichar ch)
{
  /* Besides the separators, what Windows file systems (USB sticks, shared
   * folders) refuse, so a saved attachment can be copied anywhere. */
  return ch < 0x20 || ch == 0x7F || (ch >= 0x80 && ch < 0xA0) ||
         ch == 0x200E || ch == 0x200F || (ch >= 0x202A && ch <= 0x202E) ||
         (ch < 0x80 && strchr ("/\\:*?\"<>|", (int) ch) != NULL);
}

/* Too long for most file systems: shortens the stem, keeps the extension
 * (if it is short enough to be one), and cuts on a character boundary. */
static char *
shorten_name (const char *name)
{
  const char *dot = strrchr (name, '.');
  const char *stem_end = name;
  g_autofree char *stem = NULL;
  gsize stem_max;

  if (dot == NULL || dot == name || strlen (dot) > 16)
    dot = name + strlen (name);

  stem_max = MAX_NAME_BYTES - strlen (dot);
  for (const char *p = name;
       p < dot && (gsize) (g_utf8_next_char (p) - name) <= stem_max;
       p = g_utf8_next_char (p))
    stem_end = g_utf8_next_char (p);

  stem = g_strndup (name, stem_end - name);

  return g_strconcat (stem, dot, NULL);
}

char *
mc_ui_sanitize_filename (const char *name)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) out = NULL;
  const char *base;
  char *stripped;

  if (name == NULL)
    return g_strdup ("attachment");

  valid = g_utf8_make_valid (name, -1);

  /* Only the last component, whichever separator the sender's system used. */
  base = valid;
  for (const char *p = valid; *p != '\0'; p++)
    if (*p == '/' || *p == '\\')
      base = p + 1;

  out = g_string_new (NULL);
  for (const char *p = base; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (is_forbidden_in_name (ch))
        g_string_append_c (out, '_');
      else
        g_string_append_unichar (out, ch);
    }

  /* No hidden files, no "." or "..", no names that end in a space or dot. */
  stripped = g_strstrip (out->str);
  while (*stripped == '.' || *stripped == ' ')
    stripped++;
  for (gsize len = strlen (stripped);
       len > 0 && (stripped[len - 1] == '.' || stripped[len - 1] == ' ');
       len--)
    stripped[len - 1] = '\0';

  if (*stripped == '\0')
    return g_strdup ("attachment");

  if (strlen (stripped) <= MAX_NAME_BYTES)
    return g_strdup (stripped);

  return shorten_name (stripped);
}

static GDateTime *
local_time (gint64 time)
{
  return g_date_time_new_from_unix_local (time / G_USEC_PER_SEC);
}

static gboolean
same_ymd (GDateTime *a,
          GDateTime *b)
{
  int ay, am, ad, by, bm, bd;

  g_date_time_get_ymd (a, &ay, &am, &ad);
  g_date_time_get_ymd (b, &by, &bm, &bd);

  return ay == by && am == bm && ad == bd;
}

gboolean
mc_ui_same_day (gint64 a,
                gint64 b)
{
  g_autoptr(GDateTime) da = local_time (a);
  g_autoptr(GDateTime) db = local_time (b);

  return same_ymd (da, db);
}

/* Whether @then is the local calendar day before @now. */
static gboolean
is_yesterday (GDateTime *then,
              GDateTime *now)
{
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);

  return same_ymd (then, yesterday);
}

char *
mc_ui_format_time_of_day (gint64 time)
{
  g_autoptr(GDateTime) dt = local_time (time);

  return g_date_time_format (dt, "%H:%M");
}

char *
mc_ui_format_relative_time (gint64 time,
                            gint64 now)
{
  g_autoptr(GDateTime) then_dt = NULL;
  g_autoptr(GDateTime) now_dt = NULL;
  gint64 minutes = (now - time) / G_USEC_PER_SEC / 60;

  /* A clock a little ahead of the server's makes "the future" a moment ago. */
  if (minutes < 1)
    return g_strdup (_("just now"));

  if (minutes < 60)
    /* Translators: a short relative time, e.g. "5 min ago". */
    return g_strdup_printf (_("%d min ago"), (int) minutes);

  /* Only now the local dates: every chat row binds through here, and
   * converting to local time is most of the cost. */
  then_dt = local_time (time);
  now_dt = local_time (now);

  if (same_ymd (then_dt, now_dt))
    return g_date_time_format (then_dt, "%H:%M");

  if (is_yesterday (then_dt, now_dt))
    return g_strdup (_("yesterday"));

  if (g_date_time_get_year (then_dt) == g_date_time_get_year (now_dt))
    /* Translators: a date in this year, see the strftime manual; e.g. "5 Mar". */
    return g_date_time_format (then_dt, _("%-d %b"));

  /* Translators: a date in another year, see the strftime manual. */
  return g_date_time_format (then_dt, _("%-d %b %Y"));
}

char *
mc_ui_format_waiting (gint64 since,
                      gint64 now)
{
  gint64 minutes = MAX (now - since, 0) / G_USEC_PER_SEC / 60;
  int days = minutes / (24 * 60);
  int hours = (minutes / 60) % 24;
  int mins = minutes % 60;

  if (days > 0)
    /* Translators: how long a customer has waited for a reply: days and hours. */
    return g_strdup_printf (_("waiting %d d %d h"), days, hours);

  if (hours > 0)
    /* Translators: how long a customer has waited for a reply: hours and minutes. */
    return g_strdup_printf (_("waiting %d h %d min"), hours, mins);

  /* Translators: how long a customer has waited for a reply, in minutes. */
  return g_strdup_printf (_("waiting %d min"), MAX (mins, 1));
}

char *
mc_ui_format_day (gint64 time,
                  gint64 now)
{
  g_autoptr(GDateTime) then_dt = local_time (time);
  g_autoptr(GDateTime) now_dt = local_time (now);

  if (same_ymd (then_dt, now_dt))
    return g_strdup (_("Today"));

  if (is_yesterday (then_dt, now_dt))
    return g_strdup (_("Yesterday"));

  if (g_date_time_get_year (then_dt) == g_date_time_get_year (now_dt))
    /* Translators: a day separator in a conversation, see the strftime
     * manual; %B is the month in the genitive case where the language has one. */
    return g_date_time_format (then_dt, _("%-d %B"));

  /* Translators: a day separator for another year, see the strftime manual. */
  return g_date_time_format (then_dt, _("%-d %B %Y"));
}

const char *
mc_ui_chat_status_to_string (McChatStatus status)
{
  switch (status)
    {
    case MC_CHAT_STATUS_NEW:
      return _("New");
    case MC_CHAT_STATUS_WAITING_FOR_CUSTOMER:
      return _("Waiting for the customer");
    case MC_CHAT_STATUS_WAITING_FOR_PARTNER:
      return _("Waiting for your reply");
    case MC_CHAT_STATUS_WAITING_FOR_ARBITER:
      return _("Waiting for the arbiter");
    case MC_CHAT_STATUS_WAITING_FOR_MARKET:
      return _("Waiting for the Market");
    case MC_CHAT_STATUS_FINISHED:
      return _("Finished");
    case MC_CHAT_STATUS_UNKNOWN:
    default:
      /* Translators: a chat status the app does not know yet */
      return C_("chat status", "Other");
    }
}

const char *
mc_ui_context_to_string (McContextType type)
{
  switch (type)
    {
    case MC_CONTEXT_TYPE_ORDER:
      return _("Order");
    case MC_CONTEXT_TYPE_RETURN:
      return _("Return");
    case MC_CONTEXT_TYPE_DIRECT:
      return _("Direct");
    case MC_CONTEXT_TYPE_UNKNOWN:
    default:
      return _("Chat");
    }
}

char *
mc_ui_format_context (McContextType type,
                      gint64        order_id,
                      gint64        return_id)
{
  char number[32];

  if (type == MC_CONTEXT_TYPE_RETURN && return_id > 0)
    {
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, return_id);
      /* Translators: %s is a return number. */
      return g_strdup_printf (_("Return %s"), number);
    }

  if (order_id > 0)
    {
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, order_id);
      /* Translators: %s is an order number. */
      return g_strdup_printf (_("Order %s"), number);
    }

  if (type == MC_CONTEXT_TYPE_DIRECT)
    return g_strdup (_("Direct chat"));

  return g_strdup (mc_ui_context_to_string (type));
}
