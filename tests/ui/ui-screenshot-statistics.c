/* ui-screenshot-statistics.c: renders the Statistics window on the demo
 * into a PNG, to look at.  Not a test: it needs a display.
 *
 *   ui-screenshot-statistics OUTPUT.png WIDTH HEIGHT [dark] [hours]
 *
 * "hours" gives every cabinet working hours (Monday to Friday, 09:00 to
 * 18:00), so that the window says reply times count only those.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include <glib/gi18n.h>

#include "mc-cabinet.h"
#include "mc-chat-store.h"
#include "mc-statistics-window.h"
#include "mc-ui.h"
#include "ui-test-util.h"

static gboolean
has_replies (gpointer data)
{
  GtkWidget *window = data;
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (window, MC_TYPE_STATISTICS_WINDOW, "stack"));
  AdwComboRow *period = ADW_COMBO_ROW (gtk_widget_get_template_child (window, MC_TYPE_STATISTICS_WINDOW,
                                                                      "period_row"));
  const McResponseStats *stats;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "loading") == 0)
    return FALSE;
  stats = mc_statistics_window_get_stats (MC_STATISTICS_WINDOW (window));
  if (stats != NULL && stats->replies > 0 && stats->days == 30)
    return TRUE;
  /* The demo's histories are still being saved: ask again. */
  adw_combo_row_set_selected (period, 0);
  adw_combo_row_set_selected (period, 1);
  return FALSE;
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
  GtkWindow *window;

  if (argc < 4)
    {
      g_printerr ("usage: %s OUTPUT.png WIDTH HEIGHT [dark] [hours]\n", argv[0]);
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

  mc_ui_ensure_resources ();
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  if (g_strv_contains ((const char * const *) argv + 4, "dark"))
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  session = ui_test_new_demo_session ();
  if (g_strv_contains ((const char * const *) argv + 4, "hours"))
    {
      GListModel *cabinets = mc_session_get_cabinets (session);
      g_autoptr(McWorkingHours) hours = mc_working_hours_new_from_string ("1111100 09:00-18:00 local");

      for (guint i = 0; i < g_list_model_get_n_items (cabinets); i++)
        {
          g_autoptr(McCabinet) cabinet = g_list_model_get_item (cabinets, i);

          mc_chat_store_set_working_hours (mc_session_get_chats (session),
                                           mc_cabinet_get_business_id (cabinet), hours);
        }
    }
  settings = g_settings_new (BASE_ID);
  window = mc_statistics_window_new (session, settings, NULL);
  gtk_window_set_default_size (window, atoi (argv[2]), atoi (argv[3]));
  gtk_window_present (window);
  ui_test_wait_until (has_replies, window, 20000);
  ui_test_run_for (1000);

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

  gtk_window_destroy (window);
  return EXIT_SUCCESS;
}
