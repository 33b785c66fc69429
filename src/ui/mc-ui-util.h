/* mc-ui-util.h: words and names the UI shows, computed without GTK so they
 * can be tested without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mc-enums.h"
#include "mc-reply-clock.h"

G_BEGIN_DECLS

/* A file name that is safe to create in a folder the seller chose: only the
 * last path component of @name, no separators, control characters,
 * direction controls or invisible characters, no leading dots, no name
 * Windows reserves (CON, NUL, COM1...), valid UTF-8, at most 255 bytes with
 * the extension kept, and "attachment" when nothing is left. */
char       *mc_ui_sanitize_filename     (const char    *name);
/* @name as the seller should read it: direction controls (which can turn
 * "Invoice_fdp.desktop" into what reads as "…potksed.pdf") and invisible
 * characters shown as "[U+202E]", control characters as "[U+0007]". */
char       *mc_ui_format_visible_name   (const char    *name);
/* TRUE when opening a file of @content_type (named @name) may run code:
 * executables, scripts, .desktop launchers, anything
 * g_content_type_can_be_executable() says, and archives that may hold
 * them. */
gboolean    mc_ui_content_may_run_code  (const char    *content_type,
                                         const char    *name);

/* Times are Unix time in microseconds, shown in the local time zone.
 * "just now", "5 min ago", "14:05" (earlier today), "yesterday", a date. */
char       *mc_ui_format_relative_time  (gint64         time,
                                         gint64         now);
/* "waiting 5 min", "waiting 2 h 5 min", "waiting 3 d 4 h". */
char       *mc_ui_format_waiting        (gint64         since,
                                         gint64         now);
/* A reply time in words, to the minute: "less than a minute", "45
 * minutes", "2 hours 5 minutes", "3 days 4 hours". */
char       *mc_ui_format_duration       (gint64         span);
/* A chat's reply clock in a row, short: "Overdue by 40 min" (style class
 * "error"), "Due in 12 min" ("warning"), "Waiting 20 min" (no class: the
 * wall time since @since, the customer's first unanswered message).  The
 * words carry the state, so it never rests on colour alone.  NULL, and
 * *@style_class NULL, when nobody waits. */
char       *mc_ui_format_reply_clock_short (const McReplyClock *clock,
                                            gint64              since,
                                            gint64              now,
                                            const char        **style_class);
/* What a governor slowing the polls from @poll_interval to
 * @effective_interval seconds means to the seller, or NULL when it does
 * not matter to them: only when new messages may show more than a minute
 * late.  @shown (the notice is up) keeps it up down to 45 s, so that a
 * delay wavering around a minute does not make it come and go. */
char       *mc_ui_format_slow_checks    (guint          poll_interval,
                                         guint          effective_interval,
                                         gboolean       shown);
/* "Chats were last checked 14:05." for the offline notices; @last is 0
 * when the Market has not answered since the app started. */
char       *mc_ui_format_last_check     (gint64         last,
                                         gint64         now);
/* The label of a day separator: "Today", "Yesterday", "5 March",
 * "5 March 2023". */
char       *mc_ui_format_day            (gint64         time,
                                         gint64         now);
/* "14:05" */
char       *mc_ui_format_time_of_day    (gint64         time);
/* TRUE when both times fall on the same local calendar day. */
gboolean    mc_ui_same_day              (gint64         a,
                                         gint64         b);

/* Translated words for the seller. */
const char *mc_ui_chat_status_to_string (McChatStatus   status);
const char *mc_ui_context_to_string     (McContextType  type);
/* "Order 12345", "Return 678", "Direct chat". */
char       *mc_ui_format_context        (McContextType  type,
                                         gint64         order_id,
                                         gint64         return_id);
/* @label without its mnemonic marks: "_Cancel" is "Cancel", "A__B" is
 * "A_B". */
char       *mc_ui_strip_mnemonic          (const char *label);
/* The page of the seller cabinet (in the browser) that shows chat @chat_id
 * of cabinet @business_id: it shows what this app cannot, like stickers. */
char       *mc_ui_seller_cabinet_chat_uri (gint64      business_id,
                                           gint64      chat_id);

/* The GSK renderer to ask for when OpenGL is drawn by @gl_renderer (its
 * GL_RENDERER string) under GTK @gtk_major.@gtk_minor, or NULL for GTK's
 * own choice.  GTK before 4.14 draws with OpenGL wherever it can, also
 * with a software rasterizer (Mesa's llvmpipe, softpipe, swrast: a virtual
 * machine or a remote desktop without a GPU), where its GL renderer spends
 * a few microseconds a glyph rasterizing what cairo draws in a fraction of
 * that: "cairo" there.  A renderer the seller chose (@env_renderer, the
 * GSK_RENDERER variable) always wins. */
const char *mc_ui_renderer_for_gl       (const char *gl_renderer,
                                         guint       gtk_major,
                                         guint       gtk_minor,
                                         const char *env_renderer);

/* Searching text the way a seller expects: letters match whatever their
 * case, and "ё" matches "е" (Russian is often typed without it).  Each
 * character folds to one character, so a match in the folded text is a
 * match of as many characters in the original. */
char       *mc_ui_search_fold           (const char *text);
/* Where @needle (folded here; blank finds nothing) occurs in @text, as
 * pairs of byte offsets into @text (start, end), in order and not
 * overlapping.  Returns the number of matches; @ranges (guint pairs) may
 * be NULL to count only. */
guint       mc_ui_search_find           (const char *text,
                                         const char *needle,
                                         GArray     *ranges);

G_END_DECLS
