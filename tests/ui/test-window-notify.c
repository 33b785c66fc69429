/* test-window-notify.c: the main window's share of notifications on the
 * demo: muting a chat from the chat menu and a store from the sidebar's
 * context menu, what muted rows show and say, and the toast that tells
 * of another chat's news.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mc-cache.h"
#include "mc-chat-list.h"
#include "mc-chat-row.h"
#include "mc-chat-store.h"
#include "mc-sidebar-model.h"
#include "mc-store-row.h"
#include "mc-window.h"
#include "ui-test-util.h"

#define WAIT_MSEC 15000

typedef struct
{
  McSession *session;
  GSettings *settings;
  McWindow  *window;
} Fixture;

static gpointer
template_child (GtkWidget  *widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (widget, type, name);

  g_assert_nonnull (child);

  return child;
}

static GListModel *
chat_list_model (Fixture *fixture)
{
  GtkWidget *chat_list = template_child (GTK_WIDGET (fixture->window), MC_TYPE_WINDOW, "chat_list");
  GtkListView *list = template_child (chat_list, MC_TYPE_CHAT_LIST, "chats_list");

  return G_LIST_MODEL (gtk_list_view_get_model (list));
}

static gboolean
has_chats (gpointer data)
{
  return g_list_model_get_n_items (chat_list_model (data)) > 2;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->session = ui_test_new_demo_session ();
  fixture->settings = g_settings_new (BASE_ID);
  g_settings_set_int (fixture->settings, "window-width", 1100);
  g_settings_set_int (fixture->settings, "window-height", 720);
  g_settings_set_string (fixture->settings, "last-selected-store", "");
  g_settings_reset (fixture->settings, "muted-stores");

  fixture->window = mc_window_new (NULL, fixture->session, fixture->settings);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (ui_test_wait_until (has_chats, fixture, WAIT_MSEC));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->settings);
  ui_test_destroy_and_check (GTK_WINDOW (g_steal_pointer (&fixture->window)),
                             g_steal_pointer (&fixture->session));
}

static McChat *
nth_chat (Fixture *fixture,
          guint    n)
{
  return g_list_model_get_item (chat_list_model (fixture), n);
}

static GtkWidget *
find_widget (GtkWidget *widget,
             gboolean (*match) (GtkWidget *widget, gconstpointer data),
             gconstpointer data)
{
  if (match (widget, data))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_row_of (GtkWidget     *widget,
           gconstpointer  chat)
{
  return MC_IS_CHAT_ROW (widget) && mc_chat_row_get_chat (MC_CHAT_ROW (widget)) == chat;
}

static gboolean
is_toast (GtkWidget     *widget,
          gconstpointer  data)
{
  return g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget");
}

static gboolean
is_open_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Open") == 0;
}

static gboolean
is_popover_menu (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_POPOVER_MENU (widget) && gtk_widget_get_visible (widget);
}

static gboolean
row_shows_muted (GtkWidget *row,
                 GType      type)
{
  g_assert_true (g_type_is_a (G_OBJECT_TYPE (row), type));

  /* A chat row draws its marks itself; a store row has an icon. */
  if (MC_IS_CHAT_ROW (row))
    return (mc_chat_row_get_shown_flags (MC_CHAT_ROW (row)) & MC_CHAT_ROW_MUTED) != 0;

  return gtk_widget_get_visible (template_child (row, type, "muted_icon"));
}

/* The chat menu's "Mute Notifications" mutes the open chat: its row shows
 * it and says it, the cache keeps it; again, and it is unmuted. */
static void
test_mute_chat (Fixture       *fixture,
                gconstpointer  user_data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autoptr(McChat) chat = nth_chat (fixture, 0);
  McChatStore *chats = mc_session_get_chats (fixture->session);
  McCache *cache = mc_chat_store_get_cache (chats, mc_chat_get_business_id (chat));
  gint64 chat_id = mc_chat_get_chat_id (chat);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT "=1", chat_id);
  g_autofree char *saved = NULL;
  GtkWidget *row;

  mc_window_open_chat (fixture->window, chat_id);
  ui_test_run_for (200);
  row = find_widget (window, is_row_of, chat);
  g_assert_nonnull (row);
  g_assert_false (row_shows_muted (row, MC_TYPE_CHAT_ROW));

  gtk_widget_activate_action (window, "notify.mute-chat", NULL);
  g_assert_true (mc_chat_get_muted (chat));
  g_assert_true (mc_chat_store_get_muted (chats, chat_id));
  saved = mc_cache_dup_sync_state (cache, "notify-muted");
  g_assert_nonnull (saved);
  g_assert_nonnull (strstr (saved, id));
  g_assert_true (row_shows_muted (row, MC_TYPE_CHAT_ROW));
  /* Not by the icon alone: the mismatch tells the label it holds. */
  {
    g_autofree char *mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row),
                                                                    GTK_ACCESSIBLE_PROPERTY_LABEL, "");

    g_assert_nonnull (mismatch);
    g_assert_nonnull (strstr (mismatch, ", notifications muted"));
  }

  gtk_widget_activate_action (window, "notify.mute-chat", NULL);
  g_assert_false (mc_chat_get_muted (chat));
  g_assert_false (row_shows_muted (row, MC_TYPE_CHAT_ROW));
  g_clear_pointer (&saved, g_free);
  saved = mc_cache_dup_sync_state (cache, "notify-muted");
  g_assert_true (saved == NULL || strstr (saved, id) == NULL);
}

static gboolean
is_allocated (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_height (widget) > 0;
}

static McStoreRow *
first_store_row (Fixture *fixture)
{
  GtkListBox *sidebar = template_child (GTK_WIDGET (fixture->window), MC_TYPE_WINDOW, "sidebar_list");
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (sidebar, i)) != NULL; i++)
    if (mc_sidebar_item_get_kind (mc_store_row_get_item (MC_STORE_ROW (row))) == MC_SIDEBAR_ITEM_KIND_CABINET_STORE)
      return MC_STORE_ROW (row);

  g_assert_not_reached ();
}

/* A right click on a store row opens its menu; its "Mute Notifications"
 * keeps the store in muted-stores, and the row shows it. */
static void
test_mute_store (Fixture       *fixture,
                 gconstpointer  user_data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *sidebar = template_child (window, MC_TYPE_WINDOW, "sidebar_list");
  McStoreRow *row = first_store_row (fixture);
  gint64 campaign_id = mc_sidebar_item_get_campaign_id (mc_store_row_get_item (row));
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, campaign_id);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (sidebar);
  g_auto(GStrv) muted = NULL;
  graphene_rect_t bounds;
  GtkWidget *menu;
  guint n_menu_keys = 0;

  g_assert_false (mc_store_row_get_muted (row));

  /* The pointer's way in. */
  g_assert_true (ui_test_wait_until (is_allocated, row, WAIT_MSEC));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (row), sidebar, &bounds));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller) &&
          gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_SECONDARY)
        g_signal_emit_by_name (controller, "pressed", 1,
                               (double) bounds.origin.x + bounds.size.width / 2,
                               (double) bounds.origin.y + bounds.size.height / 2);
    }
  ui_test_run_for (200);
  menu = find_widget (sidebar, is_popover_menu, NULL);
  g_assert_nonnull (menu);
  gtk_popover_popdown (GTK_POPOVER (menu));
  ui_test_run_for (100);
  g_assert_null (find_widget (sidebar, is_popover_menu, NULL));

  /* The keyboard's: Menu or Shift+F10 on the focused row. */
  gtk_widget_grab_focus (GTK_WIDGET (row));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      g_autoptr(GtkShortcut) shortcut = NULL;
      g_autofree char *trigger = NULL;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      shortcut = g_list_model_get_item (G_LIST_MODEL (controller), 0);
      trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
      if (g_strcmp0 (trigger, "Menu|<Shift>F10") != 0)
        continue;
      g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, sidebar, NULL));
      n_menu_keys++;
    }
  g_assert_cmpuint (n_menu_keys, ==, 1);
  ui_test_run_for (200);
  menu = find_widget (sidebar, is_popover_menu, NULL);
  g_assert_nonnull (menu);
  gtk_popover_popdown (GTK_POPOVER (menu));
  ui_test_run_for (100);

  /* What its item does. */
  gtk_widget_activate_action (window, "notify.mute-store", "x", campaign_id);
  muted = g_settings_get_strv (fixture->settings, "muted-stores");
  g_assert_true (g_strv_contains ((const char * const *) muted, key));
  g_assert_true (mc_store_row_get_muted (row));
  g_assert_true (row_shows_muted (GTK_WIDGET (row), MC_TYPE_STORE_ROW));
  {
    g_autofree char *mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row),
                                                                    GTK_ACCESSIBLE_PROPERTY_LABEL, "");

    g_assert_nonnull (strstr (mismatch, ", notifications muted"));
  }

  gtk_widget_activate_action (window, "notify.mute-store", "x", campaign_id);
  g_clear_pointer (&muted, g_strfreev);
  muted = g_settings_get_strv (fixture->settings, "muted-stores");
  g_assert_false (g_strv_contains ((const char * const *) muted, key));
  g_assert_false (mc_store_row_get_muted (row));
}

static gboolean
chat_is_open (gpointer data)
{
  Fixture *fixture = data;
  gint64 chat_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (fixture->window), "wanted"));

  return mc_window_get_open_chat_id (fixture->window) == chat_id;
}

static gboolean
chat_toasts_are (gpointer data)
{
  Fixture *fixture = data;
  guint wanted = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (fixture->window), "wanted-toasts"));

  return mc_window_get_chat_toast_count (fixture->window) == wanted;
}

/* With one chat open, news of another is a toast over the conversation
 * (one per chat) whose "Open" opens that chat. */
static void
test_chat_toast (Fixture       *fixture,
                 gconstpointer  user_data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *conversation_pane = template_child (window, MC_TYPE_WINDOW, "conversation_pane");
  GtkWidget *chats_pane = template_child (window, MC_TYPE_WINDOW, "chats_pane");
  g_autoptr(McChat) open = nth_chat (fixture, 0);
  g_autoptr(McChat) other = nth_chat (fixture, 1);
  g_autoptr(McChat) third = nth_chat (fixture, 2);
  gint64 other_id = mc_chat_get_chat_id (other);
  GtkWidget *button;

  mc_window_open_chat (fixture->window, mc_chat_get_chat_id (open));
  g_assert_null (find_widget (window, is_toast, NULL));

  mc_window_show_chat_toast (fixture->window, other_id, "Anna: <b>where</b> is my order?");
  mc_window_show_chat_toast (fixture->window, other_id, "Anna: hello again");
  g_assert_cmpuint (mc_window_get_chat_toast_count (fixture->window), ==, 1);
  mc_window_show_chat_toast (fixture->window, mc_chat_get_chat_id (third), "Boris: hi");
  g_assert_cmpuint (mc_window_get_chat_toast_count (fixture->window), ==, 2);
  ui_test_run_for (300);

  /* Over the conversation, never over the chat rows. */
  g_assert_nonnull (find_widget (conversation_pane, is_toast, NULL));
  g_assert_null (find_widget (chats_pane, is_toast, NULL));

  /* The waiting one's chat opened first: its toast leaves the queue (once
   * no toast slides in, see mc_ui_toast_dismiss()). */
  mc_window_open_chat (fixture->window, mc_chat_get_chat_id (third));
  g_object_set_data (G_OBJECT (fixture->window), "wanted-toasts", GUINT_TO_POINTER (1));
  g_assert_true (ui_test_wait_until (chat_toasts_are, fixture, WAIT_MSEC));

  button = find_widget (conversation_pane, is_open_button, NULL);
  g_assert_nonnull (button);
  g_object_set_data (G_OBJECT (fixture->window), "wanted", GSIZE_TO_POINTER (other_id));
  gtk_widget_activate (button);
  g_assert_true (ui_test_wait_until (chat_is_open, fixture, WAIT_MSEC));
  /* Its news are on screen: its toast goes. */
  g_object_set_data (G_OBJECT (fixture->window), "wanted-toasts", GUINT_TO_POINTER (0));
  g_assert_true (ui_test_wait_until (chat_toasts_are, fixture, WAIT_MSEC));
}

static void
add_test (const char *path,
          void (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  add_test ("/ui/window-notify/mute-chat", test_mute_chat);
  add_test ("/ui/window-notify/mute-store", test_mute_store);
  add_test ("/ui/window-notify/chat-toast", test_chat_toast);

  return g_test_run ();
}
