/* test-ui-util.c: safe attachment names and the times the UI shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "mc-ui-util.h"

#define MINUTE ((gint64) 60 * G_USEC_PER_SEC)

static void
check_name (const char *name,
            const char *expected)
{
  g_autofree char *got = mc_ui_sanitize_filename (name);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_sanitize (void)
{
  check_name ("photo.jpg", "photo.jpg");
  check_name ("Фото товара.png", "Фото товара.png");
  check_name ("../../x", "x");
  check_name ("..\\..\\windows\\system.ini", "system.ini");
  check_name ("/etc/passwd", "passwd");
  check_name ("..", "attachment");
  check_name (".", "attachment");
  check_name ("", "attachment");
  check_name (NULL, "attachment");
  check_name ("dir/", "attachment");
  check_name (".bashrc", "bashrc");
  check_name ("  report.pdf  ", "report.pdf");
  check_name ("a:b*c?d\"e<f>g|h.txt", "a_b_c_d_e_f_g_h.txt");
  check_name ("line\nbreak\t.txt", "line_break_.txt");
  check_name ("invoice\xe2\x80\xae" "fdp.exe", "invoice_fdp.exe");
  check_name ("bad\xff" "byte.txt", "bad\xef\xbf\xbd" "byte.txt");
}

static void
test_sanitize_hostile (void)
{
  /* Right-to-left override, isolates, marks and zero-width characters. */
  check_name ("Invoice_\xe2\x80\xae" "fdp.desktop", "Invoice__fdp.desktop");
  check_name ("a\xe2\x81\xa6" "b\xe2\x81\xa9" "c.pdf", "a_b_c.pdf");
  check_name ("x\xe2\x80\x8b" "y\xef\xbb\xbf" "z\xd8\x9c.png", "x_y_z_.png");
  /* Names Windows keeps for devices, in any case, with any extension. */
  check_name ("CON", "_CON");
  check_name ("nul.txt", "_nul.txt");
  check_name ("Com1.jpg", "_Com1.jpg");
  check_name ("lpt9", "_lpt9");
  check_name ("CONSOLE.txt", "CONSOLE.txt");
  check_name ("COM0.txt", "COM0.txt");
  check_name ("..\x01hidden", "_hidden");
  check_name ("...", "attachment");
}

static void
test_visible_name (void)
{
  static const struct { const char *name; const char *shown; } cases[] = {
    { "photo.jpg", "photo.jpg" },
    { "Фото.png", "Фото.png" },
    { "Invoice_\xe2\x80\xae" "fdp.desktop", "Invoice_[U+202E]fdp.desktop" },
    { "a\xe2\x81\xa7" "b", "a[U+2067]b" },
    { "zero\xe2\x80\x8bwidth", "zero[U+200B]width" },
    { "bell\x07.txt", "bell[U+0007].txt" },
    { "<a href=\"x\">&amp;</a>", "<a href=\"x\">&amp;</a>" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = mc_ui_format_visible_name (cases[i].name);

      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

static void
test_may_run_code (void)
{
  static const struct { const char *type; const char *name; gboolean risky; } cases[] = {
    { "image/jpeg", "photo.jpg", FALSE },
    { "application/pdf", "invoice.pdf", FALSE },
    { "image/png", "Фото.png", FALSE },
    { "application/x-desktop", "Invoice.desktop", TRUE },
    { "application/pdf", "Invoice_\xe2\x80\xae" "fdp.desktop", TRUE },
    { "application/x-shellscript", "run.sh", TRUE },
    { "application/x-executable", "tool", TRUE },
    { "application/zip", "photos.zip", TRUE },
    { "application/x-7z-compressed", "photos.7z", TRUE },
    { "application/octet-stream", "setup.EXE", TRUE },
    { "application/octet-stream", "setup.AppImage", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *type = g_content_type_from_mime_type (cases[i].type);

      if (mc_ui_content_may_run_code (type, cases[i].name) != cases[i].risky)
        g_error ("%s (%s): expected %s", cases[i].name, cases[i].type,
                 cases[i].risky ? "risky" : "harmless");
    }
}

static void
test_sanitize_long (void)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *got = NULL;

  for (guint i = 0; i < 200; i++)
    g_string_append (name, "ж");
  g_string_append (name, ".pdf");

  got = mc_ui_sanitize_filename (name->str);
  g_assert_cmpuint (strlen (got), <=, 255);
  g_assert_true (g_str_has_suffix (got, "ж.pdf"));
  g_assert_true (g_utf8_validate (got, -1, NULL));
}

static gint64
local_usec (int y, int m, int d, int h, int min)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (y, m, d, h, min, 0);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static void
check_relative (gint64      time,
                gint64      now,
                const char *expected)
{
  g_autofree char *got = mc_ui_format_relative_time (time, now);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_relative_time (void)
{
  gint64 now = local_usec (2026, 3, 5, 15, 30);

  check_relative (now, now, "just now");
  check_relative (now + MINUTE / 2, now, "just now");
  check_relative (now - 5 * MINUTE, now, "5 min ago");
  check_relative (now - 59 * MINUTE, now, "59 min ago");
  check_relative (local_usec (2026, 3, 5, 9, 7), now, "09:07");
  check_relative (local_usec (2026, 3, 4, 23, 59), now, "yesterday");
  check_relative (local_usec (2026, 1, 20, 10, 0), now, "20 Jan");
  check_relative (local_usec (2025, 12, 31, 10, 0), now, "31 Dec 2025");
}

static void
check_waiting (gint64      minutes,
               const char *expected)
{
  gint64 now = local_usec (2026, 3, 5, 15, 30);
  g_autofree char *got = mc_ui_format_waiting (now - minutes * MINUTE, now);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_waiting (void)
{
  check_waiting (0, "waiting 1 min");
  check_waiting (5, "waiting 5 min");
  check_waiting (125, "waiting 2 h 5 min");
  check_waiting (60, "waiting 1 h 0 min");
  check_waiting (3 * 24 * 60 + 4 * 60 + 10, "waiting 3 d 4 h");
  check_waiting (-10, "waiting 1 min");
}

static void
check_duration (gint64      span,
                const char *expected)
{
  g_autofree char *text = mc_ui_format_duration (span);

  g_assert_cmpstr (text, ==, expected);
}

/* Reply times to the nearest minute, in at most two units. */
static void
test_duration (void)
{
  check_duration (0, "less than a minute");
  check_duration (29 * G_TIME_SPAN_SECOND, "less than a minute");
  check_duration (30 * G_TIME_SPAN_SECOND, "1 minute");
  check_duration (45 * G_TIME_SPAN_MINUTE, "45 minutes");
  check_duration (60 * G_TIME_SPAN_MINUTE, "1 hour");
  check_duration (125 * G_TIME_SPAN_MINUTE, "2 hours 5 minutes");
  check_duration ((3 * 24 * 60 + 4 * 60 + 10) * G_TIME_SPAN_MINUTE, "3 days 4 hours");
  check_duration (G_TIME_SPAN_DAY, "1 day");
  check_duration (-G_TIME_SPAN_MINUTE, "less than a minute");
}

/* The row's words for each state of the clock, and the style class that
 * only repeats them.  The clock is filled as mc_reply_clock_compute()
 * would for a 60-minute target in wall time. */
static void
check_clock (gint64      waited_minutes,
             const char *expected,
             const char *expected_class)
{
  gint64 now = local_usec (2026, 3, 5, 15, 30);
  gint64 waited = MAX (waited_minutes, 0) * MINUTE;
  McReplyClock clock = { MC_REPLY_STATE_CALM, waited, now - waited + 60 * MINUTE,
                         MAX (60 * MINUTE - waited, 0), MAX (waited - 60 * MINUTE, 0),
                         G_MAXINT64, G_MAXINT64 };
  const char *style_class = "unset";
  g_autofree char *got = NULL;

  if (waited >= 60 * MINUTE)
    clock.state = MC_REPLY_STATE_OVERDUE;
  else if (waited >= 48 * MINUTE)
    clock.state = MC_REPLY_STATE_DUE_SOON;
  got = mc_ui_format_reply_clock_short (&clock, now - waited, now, &style_class);
  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpstr (style_class, ==, expected_class);
}

static void
test_reply_clock_short (void)
{
  McReplyClock none = { MC_REPLY_STATE_NONE, 0, 0, 0, 0, G_MAXINT64, G_MAXINT64 };
  const char *style_class = "unset";

  check_clock (20, "Waiting 20 min", NULL);
  check_clock (0, "Waiting 1 min", NULL);
  check_clock (48, "Due in 12 min", "warning");
  check_clock (59, "Due in 1 min", "warning");
  check_clock (60, "Overdue by 1 min", "error");
  check_clock (100, "Overdue by 40 min", "error");
  check_clock (60 + 2 * 60 + 10, "Overdue by 2 h 10 min", "error");
  check_clock (60 + 3 * 24 * 60 + 4 * 60, "Overdue by 3 d 4 h", "error");

  g_assert_null (mc_ui_format_reply_clock_short (&none, 0, 1, &style_class));
  g_assert_null (style_class);
}

/* The governor is none of the seller's business until messages may be more
 * than a minute late; then in minutes, and not flickering around it. */
static void
test_slow_checks (void)
{
  g_autofree char *two = NULL;
  g_autofree char *kept = NULL;

  g_assert_null (mc_ui_format_slow_checks (30, 30, FALSE));
  g_assert_null (mc_ui_format_slow_checks (30, 33, FALSE));
  g_assert_null (mc_ui_format_slow_checks (30, 60, FALSE));
  /* The seller's own slow setting is not news. */
  g_assert_null (mc_ui_format_slow_checks (120, 120, FALSE));

  two = mc_ui_format_slow_checks (30, 69, FALSE);
  g_assert_cmpstr (two, ==, "New messages may show up to 2 minutes late: the Market limits how often chats can be checked.");
  kept = mc_ui_format_slow_checks (30, 50, TRUE);
  g_assert_nonnull (kept);
  g_assert_null (mc_ui_format_slow_checks (30, 45, TRUE));
  g_assert_null (mc_ui_format_slow_checks (30, 50, FALSE));
}

/* Before the Market first answered there is no time to give. */
static void
test_last_check (void)
{
  gint64 now = g_get_real_time ();
  g_autofree char *never = mc_ui_format_last_check (0, now);
  g_autofree char *recent = mc_ui_format_last_check (now - 10 * G_USEC_PER_SEC, now);

  g_assert_cmpstr (never, ==, "Chats have not been checked since Market Chats started.");
  g_assert_cmpstr (recent, ==, "Chats were last checked just now.");
}

static void
test_day (void)
{
  gint64 now = local_usec (2026, 3, 5, 0, 10);
  g_autofree char *today = mc_ui_format_day (local_usec (2026, 3, 5, 0, 0), now);
  g_autofree char *yesterday = mc_ui_format_day (local_usec (2026, 3, 4, 23, 59), now);
  g_autofree char *earlier = mc_ui_format_day (local_usec (2026, 2, 1, 12, 0), now);
  g_autofree char *last_year = mc_ui_format_day (local_usec (2025, 2, 1, 12, 0), now);
  g_autofree char *time = mc_ui_format_time_of_day (local_usec (2026, 3, 5, 7, 5));

  g_assert_cmpstr (today, ==, "Today");
  g_assert_cmpstr (yesterday, ==, "Yesterday");
  g_assert_cmpstr (earlier, ==, "1 February");
  g_assert_cmpstr (last_year, ==, "1 February 2025");
  g_assert_cmpstr (time, ==, "07:05");

  g_assert_true (mc_ui_same_day (local_usec (2026, 3, 5, 0, 0), local_usec (2026, 3, 5, 23, 59)));
  g_assert_false (mc_ui_same_day (local_usec (2026, 3, 5, 0, 0), local_usec (2026, 3, 4, 23, 59)));
}

static void
test_words (void)
{
  g_autofree char *order = mc_ui_format_context (MC_CONTEXT_TYPE_ORDER, 12345, 0);
  g_autofree char *ret = mc_ui_format_context (MC_CONTEXT_TYPE_RETURN, 12345, 678);
  g_autofree char *direct = mc_ui_format_context (MC_CONTEXT_TYPE_DIRECT, 0, 0);

  g_assert_cmpstr (order, ==, "Order 12345");
  g_assert_cmpstr (ret, ==, "Return 678");
  g_assert_cmpstr (direct, ==, "Direct chat");
  g_assert_cmpstr (mc_ui_chat_status_to_string (MC_CHAT_STATUS_WAITING_FOR_PARTNER), ==,
                   "Waiting for your reply");
  g_assert_cmpstr (mc_ui_chat_status_to_string (MC_CHAT_STATUS_FINISHED), ==, "Finished");
  g_assert_cmpstr (mc_ui_chat_status_to_string (42), ==, "Other");
  g_assert_cmpstr (mc_ui_chat_status_to_string (MC_CHAT_STATUS_UNKNOWN), ==, "Other");
}

/* Stickers are shown by the seller cabinet, at the chat's page. */
static void
test_cabinet_uri (void)
{
  g_autofree char *uri = mc_ui_seller_cabinet_chat_uri (1234, 56789);

  g_assert_cmpstr (uri, ==, "https://partner.market.yandex.ru/business/1234/chats?chatId=56789");
}

static void
test_strip_mnemonic (void)
{
  const struct { const char *label, *text; } cases[] = {
    { "_Cancel", "Cancel" },
    { "Try the _Demo", "Try the Demo" },
    { "C_onnect", "Connect" },
    { "snake__case", "snake_case" },
    { "_Открыть", "Открыть" },
    { "Plain", "Plain" },
    { "", "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = mc_ui_strip_mnemonic (cases[i].label);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_renderer (void)
{
  /* Mesa's software rasterizers, as their GL_RENDERER strings read. */
  g_assert_cmpstr (mc_ui_renderer_for_gl ("llvmpipe (LLVM 15.0.6, 256 bits)", 4, 8, NULL), ==, "cairo");
  g_assert_cmpstr (mc_ui_renderer_for_gl ("softpipe", 4, 10, NULL), ==, "cairo");
  g_assert_cmpstr (mc_ui_renderer_for_gl ("Mesa X11 Software Rasterizer", 4, 8, ""), ==, "cairo");
  g_assert_cmpstr (mc_ui_renderer_for_gl ("llvmpipe (LLVM 15.0.6, 256 bits)", 4, 13, NULL), ==, "cairo");

  /* A GPU, and GTK's own choice from 4.14 on. */
  g_assert_null (mc_ui_renderer_for_gl ("Mesa Intel(R) UHD Graphics 620 (KBL GT2)", 4, 8, NULL));
  g_assert_null (mc_ui_renderer_for_gl ("NVIDIA GeForce GTX 1650/PCIe/SSE2", 4, 8, NULL));
  g_assert_null (mc_ui_renderer_for_gl ("llvmpipe (LLVM 17.0.6, 256 bits)", 4, 14, NULL));
  g_assert_null (mc_ui_renderer_for_gl ("llvmpipe (LLVM 19.1.7, 256 bits)", 5, 0, NULL));

  /* No OpenGL at all: GTK falls back to cairo by itself. */
  g_assert_null (mc_ui_renderer_for_gl (NULL, 4, 8, NULL));

  /* The seller's GSK_RENDERER wins. */
  g_assert_null (mc_ui_renderer_for_gl ("llvmpipe (LLVM 15.0.6, 256 bits)", 4, 8, "gl"));
  g_assert_null (mc_ui_renderer_for_gl ("llvmpipe (LLVM 15.0.6, 256 bits)", 4, 8, "cairo"));
}

static void
test_search (void)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *folded = mc_ui_search_fold ("Ёлка ДОСТАВКА Order");
  const char *text = "Доставка: ЗАКАЗ 12345, заказ ещё в пути";

  g_assert_cmpstr (folded, ==, "елка доставка order");

  /* Case and ё do not matter; offsets are bytes of the original. */
  g_assert_cmpuint (mc_ui_search_find (text, "  заказ ", ranges), ==, 2);
  g_assert_cmpuint (ranges->len, ==, 4);
  g_assert_true (strncmp (text + g_array_index (ranges, guint, 0), "ЗАКАЗ", 10) == 0);
  g_assert_cmpuint (g_array_index (ranges, guint, 1) - g_array_index (ranges, guint, 0), ==, strlen ("заказ"));
  g_assert_true (strncmp (text + g_array_index (ranges, guint, 2), "заказ еще", 10) == 0);
  g_assert_cmpuint (mc_ui_search_find (text, "ЕЩЕ", NULL), ==, 1);
  g_assert_cmpuint (mc_ui_search_find (text, "345", NULL), ==, 1);

  /* Not overlapping, nothing for blanks or no text. */
  g_assert_cmpuint (mc_ui_search_find ("aaaa", "aa", NULL), ==, 2);
  g_assert_cmpuint (mc_ui_search_find (text, "   ", NULL), ==, 0);
  g_assert_cmpuint (mc_ui_search_find (text, "", NULL), ==, 0);
  g_assert_cmpuint (mc_ui_search_find (NULL, "a", NULL), ==, 0);
  g_assert_cmpuint (mc_ui_search_find ("заказ", "заказы", NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* Fixed zone and language, so dates and day boundaries are the same on
   * every machine. */
  g_setenv ("TZ", "Europe/Moscow", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui-util/duration", test_duration);
  g_test_add_func ("/ui-util/sanitize", test_sanitize);
  g_test_add_func ("/ui-util/sanitize-long", test_sanitize_long);
  g_test_add_func ("/ui-util/sanitize-hostile", test_sanitize_hostile);
  g_test_add_func ("/ui-util/visible-name", test_visible_name);
  g_test_add_func ("/ui-util/may-run-code", test_may_run_code);
  g_test_add_func ("/ui-util/relative-time", test_relative_time);
  g_test_add_func ("/ui-util/waiting", test_waiting);
  g_test_add_func ("/ui-util/reply-clock-short", test_reply_clock_short);
  g_test_add_func ("/ui-util/slow-checks", test_slow_checks);
  g_test_add_func ("/ui-util/last-check", test_last_check);
  g_test_add_func ("/ui-util/day", test_day);
  g_test_add_func ("/ui-util/words", test_words);
  g_test_add_func ("/ui-util/cabinet-uri", test_cabinet_uri);
  g_test_add_func ("/ui-util/strip-mnemonic", test_strip_mnemonic);
  g_test_add_func ("/ui-util/renderer", test_renderer);
  g_test_add_func ("/ui-util/search", test_search);

  return g_test_run ();
}
