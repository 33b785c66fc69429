/* ui-screenshot.c: renders the main window on the demo, with a chat open,
 * into a PNG, for data/screenshots/ (see build-aux/screenshots.sh).  Not a
 * test: it needs a display and the output is looked at, not checked.
 *
 *   ui-screenshot OUTPUT.png WIDTH HEIGHT [dark]
 *
 * MARKET_CHATS_SHOT_ORDER=order (or =return) opens a chat about an order
 * (or a return) instead, with its order card.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include <glib/gi18n.h>

#include "mc-conversation.h"
#include "mc-ui.h"
#include "mc-window.h"
#include "ui-test-util.h"

static gboolean
conversation_loaded (gpointer data)
{
  McConversation *conversation = data;
  GListModel *messages = mc_conversation_get_messages (conversation);

  return messages != NULL && g_list_model_get_n_items (messages) >= 3;
}

/* The oldest chat waiting for a reply with a real exchange in it. */
static gint64
pick_chat (McSession *session)
{
  const char *order = g_getenv ("MARKET_CHATS_SHOT_ORDER");
  McContextType wanted = g_strcmp0 (order, "return") == 0 ? MC_CONTEXT_TYPE_RETURN : MC_CONTEXT_TYPE_ORDER;
  GListModel *chats = G_LIST_MODEL (mc_session_get_chats (session));
  gint64 best = 0, best_updated = G_MAXINT64;

  for (guint i = 0; i < g_list_model_get_n_items (chats); i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (chats, i);

      if (order && (mc_chat_get_context (chat) == NULL ||
                    mc_chat_context_get_context_type (mc_chat_get_context (chat)) != wanted))
        continue;
      if (mc_chat_needs_reply (chat) && mc_chat_get_campaign_id (chat) != 0 &&
          mc_chat_get_updated_at (chat) < best_updated)
        {
          best = mc_chat_get_chat_id (chat);
          best_updated = mc_chat_get_updated_at (chat);
        }
    }

  return best;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(McSession) session = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GtkCssProvider) provider = NULL;
  const char *localedir = g_getenv ("MARKET_CHATS_LOCALEDIR");
  McWindow *window;
  GtkWidget *conversation;
  int width, height;

  if (argc < 4)
    {
      g_printerr ("usage: %s OUTPUT.png WIDTH HEIGHT [dark]\n", argv[0]);
      return EXIT_FAILURE;
    }

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_init ();
  adw_init ();
  /* Drawn by the renderer the app would draw with. */
  mc_ui_choose_renderer (gdk_display_get_default ());

  /* What AdwApplication does for the app from its resource base path. */
  mc_ui_ensure_resources ();
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  if (argc > 4 && g_str_equal (argv[4], "dark"))
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  width = atoi (argv[2]);
  height = atoi (argv[3]);

  session = ui_test_new_demo_session ();
  settings = g_settings_new (BASE_ID);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);

  window = mc_window_new (NULL, session, settings);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_run_for (500);

  mc_window_open_chat (window, pick_chat (session));
  conversation = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), MC_TYPE_WINDOW, "conversation"));
  ui_test_wait_until (conversation_loaded, conversation, 10000);
  ui_test_run_for (1500);

  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot,
                          gtk_widget_get_width (GTK_WIDGET (window)),
                          gtk_widget_get_height (GTK_WIDGET (window)));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, NULL);
  if (!gdk_texture_save_to_png (texture, argv[1]))
    {
      g_printerr ("Could not write %s\n", argv[1]);
      return EXIT_FAILURE;
    }

  gtk_window_destroy (GTK_WINDOW (window));

  return EXIT_SUCCESS;
}
