/* test-bad-input-ui.c: a 100,000-character paste into the composer: set
 * without a freeze, refused with the over-limit message, kept in the field
 * and in the draft.  Needs a display (skipped without one).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "mc-cache.h"
#include "mc-composer.h"
#include "ui-test-util.h"

#define LONG_CHARS 100000
#define CHAT_ID    4242

static void
on_send_text (McComposer *composer,
              const char *text,
              guint      *n_sent)
{
  (*n_sent)++;
}

/* A descendant of @widget that is visible and says @needle in its label
 * or tooltip. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *needle)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (!gtk_widget_get_visible (widget))
    return FALSE;
  if (tooltip != NULL && strstr (tooltip, needle) != NULL)
    return TRUE;
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), needle) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, needle))
      return TRUE;

  return FALSE;
}

static void
test_long_paste (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mc-input-ui-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "cache.sqlite", NULL);
  g_autoptr(McCache) cache = NULL;
  g_autoptr(GString) text = g_string_sized_new (LONG_CHARS * 2);
  g_autofree char *kept = NULL;
  GtkWidget *window;
  GtkWidget *composer;
  guint n_sent = 0;
  gint64 start;
  gint64 elapsed;

  g_assert_no_error (error);
  cache = mc_cache_open_path (path, 1, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < LONG_CHARS; i++)
    g_string_append (text, i % 9 == 0 ? "ж" : i % 9 == 1 ? " " : "x");

  window = gtk_window_new ();
  composer = mc_composer_new ();
  gtk_window_set_child (GTK_WINDOW (window), composer);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  g_signal_connect (composer, "send-text", G_CALLBACK (on_send_text), &n_sent);
  mc_composer_set_chat (MC_COMPOSER (composer), cache, CHAT_ID);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_run_for (100);

  /* Setting it and laying it out must not freeze the window. */
  start = g_get_monotonic_time ();
  mc_composer_set_text (MC_COMPOSER (composer), text->str);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("setting %d characters took %" G_GINT64_FORMAT " ms", LONG_CHARS, elapsed / 1000);
  /* A guard against a freeze, not a timing: the figure is printed above,
   * and other jobs on the machine may slow it down severalfold. */
  g_assert_cmpint (elapsed, <, 10 * G_USEC_PER_SEC);

  mc_composer_send (MC_COMPOSER (composer));
  ui_test_run_for (50);
  g_assert_cmpuint (n_sent, ==, 0);
  g_assert_true (shows_text (composer, "4,096"));

  kept = mc_composer_dup_text (MC_COMPOSER (composer));
  g_assert_cmpstr (kept, ==, text->str);

  mc_composer_save_draft (MC_COMPOSER (composer));
  g_assert_cmpstr (mc_cache_get_draft (cache, CHAT_ID), ==, text->str);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_run_for (50);

  g_assert_true (mc_cache_delete (cache, &error));
  g_assert_no_error (error);
  g_assert_no_errno (g_rmdir (dir));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/input/ui/long-paste", test_long_paste);

  return g_test_run ();
}
