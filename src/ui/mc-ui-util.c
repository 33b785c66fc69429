/* mc-ui-util.c: words and names the UI shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "mc-ui-util.h"

#define MAX_NAME_BYTES 255

/* Characters that change how the rest of a name reads or that take no
 * room: direction marks, embeddings, overrides and isolates, zero-width
 * characters, invisible operators, the byte order mark. */
static gboolean
is_invisible_or_bidi (gunichar ch)
{
  return ch == 0x061C || ch == 0x180E ||
         (ch >= 0x200B && ch <= 0x200F) ||
         (ch >= 0x202A && ch <= 0x202E) ||
         (ch >= 0x2060 && ch <= 0x2069) ||
         ch == 0xFEFF ||
         g_unichar_type (ch) == G_UNICODE_FORMAT;
}

static gboolean
is_forbidden_in_name (gunichar ch)
{
  /* Besides the separators, what Windows file systems (USB sticks, shared
   * folders) refuse, so a saved attachment can be copied anywhere. */
  return ch < 0x20 || ch == 0x7F || (ch >= 0x80 && ch < 0xA0) ||
         is_invisible_or_bidi (ch) ||
         (ch < 0x80 && strchr ("/\\:*?\"<>|", (int) ch) != NULL);
}

/* CON, PRN, AUX, NUL, COM1-9 and LPT1-9, with any extension, name devices
 * on Windows, whatever the case. */
static gboolean
is_reserved_name (const char *name)
{
  static const char * const reserved[] = { "CON", "PRN", "AUX", "NUL" };
  gsize stem = strcspn (name, ".");

  while (stem > 0 && name[stem - 1] == ' ')
    stem--;

  for (guint i = 0; i < G_N_ELEMENTS (reserved); i++)
    if (stem == 3 && g_ascii_strncasecmp (name, reserved[i], 3) == 0)
      return TRUE;

  return stem == 4 &&
         (g_ascii_strncasecmp (name, "COM", 3) == 0 || g_ascii_strncasecmp (name, "LPT", 3) == 0) &&
         name[3] >= '1' && name[3] <= '9';
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

  if (is_reserved_name (stripped))
    {
      g_autofree char *prefixed = g_strconcat ("_", stripped, NULL);

      return strlen (prefixed) <= MAX_NAME_BYTES ? g_steal_pointer (&prefixed) : shorten_name (prefixed);
    }

  if (strlen (stripped) <= MAX_NAME_BYTES)
    return g_strdup (stripped);

  return shorten_name (stripped);
}

char *
mc_ui_format_visible_name (const char *name)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (name == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (name, -1);
  out = g_string_new (NULL);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (is_invisible_or_bidi (ch) || ch < 0x20 || ch == 0x7F || (ch >= 0x80 && ch < 0xA0))
        g_string_append_printf (out, "[U+%04X]", ch);
      else
        g_string_append_unichar (out, ch);
    }

  return g_string_free (out, FALSE);
}

gboolean
mc_ui_content_may_run_code (const char *content_type,
                            const char *name)
{
  /* Types the desktop runs or unpacks into something it runs; a launcher
   * is caught by its name too, whatever the server said it was. */
  static const char * const risky[] = {
    "application/x-desktop",
    "application/x-executable",
    "application/x-sharedlib",
    "application/x-shellscript",
    "application/x-msdownload",
    "application/x-ms-dos-executable",
    "application/x-msi",
    "application/vnd.microsoft.portable-executable",
    "application/x-java-archive",
    "application/vnd.android.package-archive",
    "application/x-deb",
    "application/x-rpm",
    "application/x-flatpak",
    "application/x-appimage",
    "application/zip",
    "application/x-tar",
    "application/x-compressed-tar",
    "application/x-7z-compressed",
    "application/vnd.rar",
    "application/x-rar",
    "application/x-rar-compressed",
    "application/gzip",
    "application/x-bzip",
    "application/x-xz",
    "application/x-zstd",
    "application/x-cd-image",
    "application/vnd.ms-cab-compressed",
  };
  static const char * const risky_suffixes[] = {
    ".desktop", ".sh", ".bash", ".py", ".pl", ".rb", ".js", ".jar", ".exe",
    ".bat", ".cmd", ".com", ".msi", ".ps1", ".vbs", ".scr", ".appimage",
    ".flatpakref", ".run", ".bin", ".deb", ".rpm", ".apk", ".lnk",
  };
  g_autofree char *lower = name != NULL ? g_utf8_strdown (name, -1) : NULL;

  if (content_type != NULL)
    {
      if (g_content_type_can_be_executable (content_type))
        return TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (risky); i++)
        if (g_content_type_is_a (content_type, risky[i]) ||
            g_content_type_is_mime_type (content_type, risky[i]))
          return TRUE;
    }

  for (guint i = 0; lower != NULL && i < G_N_ELEMENTS (risky_suffixes); i++)
    if (g_str_has_suffix (lower, risky_suffixes[i]))
      return TRUE;

  return FALSE;
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
mc_ui_format_duration (gint64 span)
{
  gint64 minutes = (MAX (span, 0) + G_TIME_SPAN_MINUTE / 2) / G_TIME_SPAN_MINUTE;
  guint days = (guint) (minutes / (24 * 60));
  guint hours = (guint) ((minutes / 60) % 24);
  guint mins = (guint) (minutes % 60);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (minutes == 0)
    return g_strdup (_("less than a minute"));

  if (days > 0)
    {
      first = g_strdup_printf (ngettext ("%u day", "%u days", days), days);
      if (hours > 0)
        second = g_strdup_printf (ngettext ("%u hour", "%u hours", hours), hours);
    }
  else if (hours > 0)
    {
      first = g_strdup_printf (ngettext ("%u hour", "%u hours", hours), hours);
      if (mins > 0)
        second = g_strdup_printf (ngettext ("%u minute", "%u minutes", mins), mins);
    }
  else
    first = g_strdup_printf (ngettext ("%u minute", "%u minutes", mins), mins);

  if (second == NULL)
    return g_steal_pointer (&first);
  /* Translators: a reply time of two parts, e.g. "2 hours 5 minutes",
   * shown on its own (Russian: nominative). */
  return g_strdup_printf (C_("reply time", "%s %s"), first, second);
}

/* "40 min", "2 h 10 min", "3 d 4 h" */
static char *
format_short_duration (gint64 span)
{
  gint64 minutes = MAX (span, 0) / G_TIME_SPAN_MINUTE;
  int days = minutes / (24 * 60);
  int hours = (minutes / 60) % 24;
  int mins = minutes % 60;

  if (days > 0)
    /* Translators: a short duration in days and hours, e.g. "3 d 4 h". */
    return g_strdup_printf (_("%d d %d h"), days, hours);
  if (hours > 0)
    /* Translators: a short duration in hours and minutes, e.g. "2 h 10 min". */
    return g_strdup_printf (_("%d h %d min"), hours, mins);
  /* Translators: a short duration in minutes, e.g. "40 min". */
  return g_strdup_printf (ngettext ("%d min", "%d min", mins), mins);
}

char *
mc_ui_format_reply_clock_short (const McReplyClock  *clock,
                                gint64               since,
                                gint64               now,
                                const char         **style_class)
{
  g_autofree char *duration = NULL;

  g_return_val_if_fail (clock != NULL, NULL);
  g_return_val_if_fail (style_class != NULL, NULL);

  *style_class = NULL;
  switch (clock->state)
    {
    case MC_REPLY_STATE_OVERDUE:
      *style_class = "error";
      duration = format_short_duration (MAX (clock->overdue_by, G_TIME_SPAN_MINUTE));
      /* Translators: past the seller's own reply target (this app's
       * measure, not the Market's), short for a chat row. */
      return g_strdup_printf (_("Overdue by %s"), duration);
    case MC_REPLY_STATE_DUE_SOON:
      *style_class = "warning";
      /* The time left rounded up, as in the conversation's header. */
      duration = format_short_duration ((clock->due_in + G_TIME_SPAN_MINUTE - 1) /
                                        G_TIME_SPAN_MINUTE * G_TIME_SPAN_MINUTE);
      /* Translators: the seller's own reply target is near, short for a
       * chat row, e.g. "Due in 12 min". */
      return g_strdup_printf (_("Due in %s"), duration);
    case MC_REPLY_STATE_CALM:
      duration = format_short_duration (MAX (now - since, G_TIME_SPAN_MINUTE));
      /* Translators: how long the customer has waited for a reply, short
       * for a chat row, e.g. "Waiting 20 min". */
      return g_strdup_printf (_("Waiting %s"), duration);
    case MC_REPLY_STATE_NONE:
    default:
      return NULL;
    }
}

#define SLOW_SHOW_SECONDS 60
#define SLOW_KEEP_SECONDS 45

char *
mc_ui_format_slow_checks (guint    poll_interval,
                          guint    effective_interval,
                          gboolean shown)
{
  guint minutes;

  if (effective_interval <= poll_interval ||
      effective_interval <= (shown ? SLOW_KEEP_SECONDS : SLOW_SHOW_SECONDS))
    return NULL;

  /* Whole minutes, rounded up: a wandering "33 s", "69 s" is noise. */
  minutes = (effective_interval + 59) / 60;
  return g_strdup_printf (ngettext ("New messages may show up to %u minute late: the Market limits how often chats can be checked.",
                                    "New messages may show up to %u minutes late: the Market limits how often chats can be checked.",
                                    minutes),
                          minutes);
}

char *
mc_ui_format_last_check (gint64 last,
                         gint64 now)
{
  g_autofree char *when = NULL;

  if (last == 0)
    return g_strdup (_("Chats have not been checked since Market Chats started."));

  when = mc_ui_format_relative_time (last, now);
  /* Translators: %s is "just now", "5 min ago", "14:05", "yesterday" or a date. */
  return g_strdup_printf (_("Chats were last checked %s."), when);
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

char *
mc_ui_seller_cabinet_chat_uri (gint64 business_id,
                               gint64 chat_id)
{
  g_return_val_if_fail (business_id > 0, NULL);
  g_return_val_if_fail (chat_id > 0, NULL);

  /* The cabinet is always the Market's own site, also when the API is a
   * test server: the seller opens it to see a chat's content. */
  return g_strdup_printf ("https://partner.market.yandex.ru/business/%" G_GINT64_FORMAT
                          "/chats?chatId=%" G_GINT64_FORMAT,
                          business_id, chat_id);
}

const char *
mc_ui_renderer_for_gl (const char *gl_renderer,
                       guint       gtk_major,
                       guint       gtk_minor,
                       const char *env_renderer)
{
  static const char * const software[] = { "llvmpipe", "softpipe", "swrast", "Software Rasterizer" };

  if (env_renderer != NULL && *env_renderer != '\0')
    return NULL;
  /* GTK 4.14 brought renderers of another kind, and chooses for itself. */
  if (gtk_major != 4 || gtk_minor >= 14 || gl_renderer == NULL)
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (software); i++)
    if (strstr (gl_renderer, software[i]) != NULL)
      return "cairo";

  return NULL;
}

char *
mc_ui_strip_mnemonic (const char *label)
{
  GString *text;

  g_return_val_if_fail (label != NULL, NULL);

  text = g_string_sized_new (strlen (label));
  for (const char *p = label; *p != '\0'; p++)
    {
      /* "__" is a literal underscore; a lone "_" marks the next letter. */
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (text, *p);
    }

  return g_string_free (text, FALSE);
}

static gunichar
search_fold_char (gunichar c)
{
  c = g_unichar_tolower (c);

  /* ё → е */
  return c == 0x0451 ? 0x0435 : c;
}

char *
mc_ui_search_fold (const char *text)
{
  GString *folded;

  g_return_val_if_fail (text != NULL, NULL);

  folded = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    g_string_append_unichar (folded, search_fold_char (g_utf8_get_char (p)));

  return g_string_free (folded, FALSE);
}

guint
mc_ui_search_find (const char *text,
                   const char *needle,
                   GArray     *ranges)
{
  g_autofree gunichar *wanted = NULL;
  glong n_wanted = 0;
  guint n_found = 0;
  const char *p;

  g_return_val_if_fail (ranges == NULL || g_array_get_element_size (ranges) == sizeof (guint), 0);

  if (text == NULL || needle == NULL)
    return 0;

  while (g_unichar_isspace (g_utf8_get_char (needle)))
    needle = g_utf8_next_char (needle);
  wanted = g_utf8_to_ucs4_fast (needle, -1, &n_wanted);
  while (n_wanted > 0 && g_unichar_isspace (wanted[n_wanted - 1]))
    n_wanted--;
  if (n_wanted == 0)
    return 0;
  for (glong i = 0; i < n_wanted; i++)
    wanted[i] = search_fold_char (wanted[i]);

  p = text;
  while (*p != '\0')
    {
      const char *q = p;
      glong i = 0;

      while (i < n_wanted && *q != '\0' && search_fold_char (g_utf8_get_char (q)) == wanted[i])
        {
          q = g_utf8_next_char (q);
          i++;
        }

      if (i == n_wanted)
        {
          if (ranges != NULL)
            {
              guint range[2] = { p - text, q - text };

              g_array_append_vals (ranges, range, 2);
            }
          n_found++;
          p = q;
        }
      else
        p = g_utf8_next_char (p);
    }

  return n_found;
}
