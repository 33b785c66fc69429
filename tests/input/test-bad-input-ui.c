/* test-bad-input-ui.c: a 100,000-character paste into the composer: set
 * without a freeze, refused with the over-limit message, kept in the field
 * and in the draft.  Needs a display (skipped without one).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mc-cache.h"
#include "mc-chat-store.h"
#include "mc-composer.h"
#include "ui-test-util.h"

#define LONG_CHARS 100000

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

static McChat *
find_answerable (McChatStore *chats)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (chats)); i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (G_LIST_MODEL (chats), i);

      if (mc_chat_needs_reply (chat))
        return g_steal_pointer (&chat);
    }

  return NULL;
}

static gboolean
has_answerable (gpointer data)
{
  g_autoptr(McChat) chat = find_answerable (data);

  return chat != NULL;
}

/* Chats that need a reply come with the demo's first poll. */
static McChat *
first_answerable (McChatStore *chats)
{
  g_assert_true (ui_test_wait_until (has_answerable, chats, 20000));

  return find_answerable (chats);
}

static void
test_long_paste (void)
{
  g_autoptr(McSession) session = ui_test_new_demo_session ();
  McChatStore *chats = mc_session_get_chats (session);
  g_autoptr(McChat) chat = first_answerable (chats);
  g_autoptr(McChatTimeline) timeline = mc_session_get_timeline (session, chat);
  McCache *cache = mc_chat_store_get_cache (chats, mc_chat_get_business_id (chat));
  g_autoptr(GString) text = g_string_sized_new (LONG_CHARS * 2);
  g_autofree char *kept = NULL;
  GtkWidget *window;
  GtkWidget *composer;
  guint n_sent = 0;
  gint64 start;
  gint64 elapsed;

  g_assert_nonnull (cache);
  for (guint i = 0; i < LONG_CHARS; i++)
    g_string_append (text, i % 9 == 0 ? "ж" : i % 9 == 1 ? " " : "x");

  window = gtk_window_new ();
  composer = mc_composer_new ();
  gtk_window_set_child (GTK_WINDOW (window), composer);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  g_signal_connect (composer, "send-text", G_CALLBACK (on_send_text), &n_sent);
  mc_composer_set_timeline (MC_COMPOSER (composer), timeline);
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
  g_assert_cmpstr (mc_chat_timeline_get_draft (timeline), ==, text->str);
  g_assert_cmpstr (mc_cache_get_draft (cache, mc_chat_get_chat_id (chat)), ==, text->str);

  g_clear_object (&timeline);
  ui_test_destroy_and_check (GTK_WINDOW (window), g_steal_pointer (&session));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/input/ui/long-paste", test_long_paste);

  return g_test_run ();
}
