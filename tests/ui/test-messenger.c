/* test-messenger.c: the messenger habits on the demo: a chat marked
 * unread or pinned from a row's menu, a chat opened at its first unread
 * message under an "Unread messages" divider, and a reply sent from
 * elsewhere, labelled in its bubble and told to a draft.
 *
 * With MC_TEST_SHOTS_DIR set, each state is also saved there as a PNG to
 * look at (not checked).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "mc-chat-list.h"
#include "mc-chat-row.h"
#include "mc-chat-store.h"
#include "mc-composer.h"
#include "mc-conversation.h"
#include "mc-fake-market.h"
#include "mc-message-row.h"
#include "mc-sync-engine.h"
#include "mc-ui.h"
#include "mc-window.h"
#include "ui-test-util.h"

#define WAIT_MSEC 15000

typedef struct
{
  McSession    *session;
  McFakeMarket *market;
  GSettings    *settings;
  McWindow     *window;
} Fixture;

static gpointer
template_child (GType       type,
                GtkWidget  *widget,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (widget, type, name);

  g_assert_nonnull (child);

  return child;
}

static McChatList *
chat_list (Fixture *fixture)
{
  return template_child (MC_TYPE_WINDOW, GTK_WIDGET (fixture->window), "chat_list");
}

static GListModel *
chat_list_model (Fixture *fixture)
{
  GtkListView *list = template_child (MC_TYPE_CHAT_LIST, GTK_WIDGET (chat_list (fixture)), "chats_list");

  return G_LIST_MODEL (gtk_list_view_get_model (list));
}

static McConversation *
conversation (Fixture *fixture)
{
  return template_child (MC_TYPE_WINDOW, GTK_WIDGET (fixture->window), "conversation");
}

static gboolean
has_chats (gpointer data)
{
  return g_list_model_get_n_items (chat_list_model (data)) > 1;
}

static void
save_shot (Fixture    *fixture,
           const char *name)
{
  const char *dir = g_getenv ("MC_TEST_SHOTS_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkWidget *window = GTK_WIDGET (fixture->window);

  if (dir == NULL)
    return;

  ui_test_run_for (700);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (window), gtk_widget_get_height (window));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, NULL);
  path = g_strdup_printf ("%s/%s-%d.png", dir, name, gtk_widget_get_width (window));
  gdk_texture_save_to_png (texture, path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  int width = GPOINTER_TO_INT (user_data);

  fixture->session = ui_test_new_demo_session ();
  fixture->market = MC_FAKE_MARKET (mc_session_get_fake_market (fixture->session));
  fixture->settings = g_settings_new (BASE_ID);
  g_settings_set_int (fixture->settings, "window-width", width > 0 ? width : 1100);
  g_settings_set_int (fixture->settings, "window-height", 720);
  g_settings_set_string (fixture->settings, "last-selected-store", "");

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

static GtkWidget *
find_widget (GtkWidget *widget,
             gboolean (*match) (GtkWidget *, gpointer),
             gpointer   data)
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
is_chat_row_of (GtkWidget *widget,
                gpointer   data)
{
  return MC_IS_CHAT_ROW (widget) && mc_chat_row_get_chat (MC_CHAT_ROW (widget)) != NULL &&
         mc_chat_get_chat_id (mc_chat_row_get_chat (MC_CHAT_ROW (widget))) == *(gint64 *) data;
}

static gboolean
is_message_row_of (GtkWidget *widget,
                   gpointer   data)
{
  return MC_IS_MESSAGE_ROW (widget) && mc_message_row_get_message (MC_MESSAGE_ROW (widget)) != NULL &&
         mc_message_get_message_id (mc_message_row_get_message (MC_MESSAGE_ROW (widget))) == *(gint64 *) data;
}

static gboolean
is_button (GtkWidget *widget,
           gpointer   data)
{
  return GTK_IS_BUTTON (widget);
}

static McChatRow *
chat_row (Fixture *fixture,
          gint64   chat_id)
{
  return (McChatRow *) find_widget (GTK_WIDGET (chat_list (fixture)), is_chat_row_of, &chat_id);
}

static McMessageRow *
message_row (Fixture *fixture,
             gint64   message_id)
{
  return (McMessageRow *) find_widget (GTK_WIDGET (conversation (fixture)), is_message_row_of, &message_id);
}

static gint64
chat_id_at (Fixture *fixture,
            guint    position)
{
  g_autoptr(McChat) chat = g_list_model_get_item (chat_list_model (fixture), position);

  return mc_chat_get_chat_id (chat);
}

typedef struct
{
  Fixture *fixture;
  gint64   chat_id;
  gint64   message_id;
} IdWait;

static gboolean
has_message_id (gpointer data)
{
  IdWait *wait = data;

  return mc_chat_store_get_last_message_id (mc_session_get_chats (wait->fixture->session),
                                            wait->chat_id) >= wait->message_id;
}

static void
sync_until (Fixture *fixture,
            gint64   chat_id,
            gint64   message_id)
{
  IdWait wait = { fixture, chat_id, message_id };
  McChat *chat = mc_chat_store_lookup (mc_session_get_chats (fixture->session), chat_id);
  g_autoptr(McChatTimeline) timeline = mc_session_get_timeline (fixture->session, chat);

  /* History as the chat's opening would fetch it, without opening it. */
  mc_chat_timeline_refresh (timeline);
  g_assert_true (ui_test_wait_until (has_message_id, &wait, WAIT_MSEC));
}

/* From a row's context menu: mark unread (the row says so until the chat
 * is opened), and pin (the chat goes to the top, with a pin). */
static void
test_row_menu (Fixture       *fixture,
               gconstpointer  user_data)
{
  gint64 chat_id = chat_id_at (fixture, g_list_model_get_n_items (chat_list_model (fixture)) - 1);
  McChat *chat = mc_chat_store_lookup (mc_session_get_chats (fixture->session), chat_id);
  GtkWidget *menu;
  McChatRow *row;

  /* Read first: only the mark makes it unread. */
  mc_session_set_chat_unread (fixture->session, chat_id, FALSE);
  g_assert_false (mc_chat_get_shows_unread (chat));
  ui_test_run_for (300);
  row = chat_row (fixture, chat_id);
  g_assert_nonnull (row);
  g_assert_true (mc_chat_list_popup_row_menu (chat_list (fixture), row));
  menu = mc_chat_list_get_row_menu (chat_list (fixture));
  g_assert_true (gtk_widget_get_visible (menu));
  gtk_popover_popdown (GTK_POPOVER (menu));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "win.mark-chat-unread", "x", chat_id));
  g_assert_true (mc_chat_get_marked_unread (chat));
  g_assert_true (mc_chat_row_get_shown_flags (row) & MC_CHAT_ROW_MARKED_UNREAD);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "win.pin-chat", "x", chat_id));
  g_assert_true (mc_chat_get_pinned (chat));
  g_assert_cmpint (chat_id_at (fixture, 0), ==, chat_id);
  ui_test_run_for (300);
  row = chat_row (fixture, chat_id);
  g_assert_true (mc_chat_row_get_shown_flags (row) & MC_CHAT_ROW_PINNED);
  save_shot (fixture, "pinned-unread");

  /* Opened: read again, the badge goes; the pin stays. */
  mc_window_open_chat (fixture->window, chat_id);
  ui_test_run_for (300);
  g_assert_false (mc_chat_get_marked_unread (chat));
  g_assert_true (mc_chat_get_pinned (chat));
  g_assert_cmpint (chat_id_at (fixture, 0), ==, chat_id);

  /* The chat menu offers the same, for the open chat. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.unpin-chat", "x", chat_id));
  g_assert_false (mc_chat_get_pinned (chat));
  g_assert_cmpint (chat_id_at (fixture, 0), !=, chat_id);
}

static gboolean
first_unread_at_top (gpointer data)
{
  Fixture *fixture = data;
  gint64 first_id = mc_conversation_get_first_unread_id (conversation (fixture));
  GtkWidget *scrolled = template_child (MC_TYPE_CONVERSATION, GTK_WIDGET (conversation (fixture)),
                                        "scrolled_window");
  McMessageRow *row = first_id != 0 ? message_row (fixture, first_id) : NULL;
  graphene_rect_t bounds;

  if (row == NULL || !gtk_widget_get_mapped (GTK_WIDGET (row)) ||
      !gtk_widget_compute_bounds (GTK_WIDGET (row), scrolled, &bounds))
    return FALSE;

  /* Laid out, not only bound: the list is taller than its view. */
  return gtk_adjustment_get_upper (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled))) >
         gtk_widget_get_height (scrolled) &&
         bounds.origin.y >= -1 && bounds.origin.y < 40;
}

/* A chat with unread messages opens at the first of them, under the
 * divider, not at the bottom; one without, at the bottom. */
static void
test_unread_divider (Fixture       *fixture,
                     gconstpointer  user_data)
{
  gint64 chat_id = chat_id_at (fixture, 0);
  gint64 first_new = 0, last = 0;
  McMessageRow *row;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *text = g_strdup_printf ("Вопрос %u: а доставка будет в тот же день?", i + 1);

      last = mc_fake_market_customer_writes (fixture->market, chat_id, text, 0);
    }
  sync_until (fixture, chat_id, last);
  mc_session_set_chat_unread (fixture->session, chat_id, FALSE);

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *text = g_strdup_printf ("Новое %u: и ещё вопрос про упаковку, "
                                               "можно ли без коробки?", i + 1);

      last = mc_fake_market_customer_writes (fixture->market, chat_id, text, 0);
      if (first_new == 0)
        first_new = last;
    }
  sync_until (fixture, chat_id, last);

  mc_window_open_chat (fixture->window, chat_id);
  g_assert_cmpint (mc_conversation_get_first_unread_id (conversation (fixture)), ==, first_new);
  g_assert_true (ui_test_wait_until (first_unread_at_top, fixture, WAIT_MSEC));
  /* It rests there: the view does not slide on to the bottom. */
  ui_test_run_for (1000);
  g_assert_true (first_unread_at_top (fixture));
  row = message_row (fixture, first_new);
  g_assert_true (mc_message_row_get_unread_divider (row));
  g_assert_false (mc_message_row_get_unread_divider (message_row (fixture, last)));
  save_shot (fixture, "unread-divider");

  /* Seen now: opened again, no divider, and the bottom. */
  mc_window_open_chat (fixture->window, chat_id_at (fixture, chat_id_at (fixture, 0) == chat_id ? 1 : 0));
  ui_test_run_for (300);
  mc_window_open_chat (fixture->window, chat_id);
  g_assert_true (mc_conversation_get_chat (conversation (fixture)) ==
                 mc_chat_store_lookup (mc_session_get_chats (fixture->session), chat_id));
  g_assert_cmpint (mc_conversation_get_first_unread_id (conversation (fixture)), ==, 0);
}

static gboolean
elsewhere_shown (gpointer data)
{
  IdWait *wait = data;
  McMessageRow *row = message_row (wait->fixture, wait->message_id);
  GtkRevealer *revealer = template_child (MC_TYPE_CONVERSATION, GTK_WIDGET (conversation (wait->fixture)),
                                          "elsewhere_revealer");

  return row != NULL && mc_message_row_get_elsewhere_shown (row) &&
         gtk_revealer_get_reveal_child (revealer);
}

/* A reply from the web cabinet arrives while the seller types: its bubble
 * says where it came from, the chat leaves Needs Reply, and the composer
 * is told; the notice can be dismissed. */
static void
test_sent_elsewhere (Fixture       *fixture,
                     gconstpointer  user_data)
{
  gint64 chat_id = chat_id_at (fixture, 0);
  McChat *chat = mc_chat_store_lookup (mc_session_get_chats (fixture->session), chat_id);
  McComposer *composer = mc_conversation_get_composer (conversation (fixture));
  GtkRevealer *revealer = template_child (MC_TYPE_CONVERSATION, GTK_WIDGET (conversation (fixture)),
                                          "elsewhere_revealer");
  IdWait wait = { fixture, chat_id, 0 };
  GtkWidget *button;

  g_assert_true (mc_chat_needs_reply (chat));
  mc_window_open_chat (fixture->window, chat_id);
  /* The history the chat opened with (what came before is not judged). */
  wait.message_id = 1;
  g_assert_true (ui_test_wait_until (has_message_id, &wait, WAIT_MSEC));
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  mc_composer_set_text (composer, "Сейчас уточню на складе и");
  ui_test_run_for (200);
  wait.message_id = mc_fake_market_partner_writes_elsewhere (fixture->market, chat_id,
                                                             "Здравствуйте! Заказ уже передан в доставку.");
  mc_chat_timeline_refresh (mc_conversation_get_timeline (conversation (fixture)));
  g_assert_true (ui_test_wait_until (elsewhere_shown, &wait, WAIT_MSEC));
  g_assert_false (mc_chat_needs_reply (chat));
  save_shot (fixture, "sent-elsewhere");

  button = find_widget (GTK_WIDGET (revealer), is_button, NULL);
  g_assert_nonnull (button);
  /* An icon-only button: named by its tooltip. */
  g_assert_nonnull (gtk_widget_get_tooltip_text (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  g_assert_cmpstr (mc_chat_timeline_get_draft (mc_conversation_get_timeline (conversation (fixture))), ==,
                   "Сейчас уточню на складе и");
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);
  /* Pictures to look at are drawn as the app draws them. */
  if (g_getenv ("MC_TEST_SHOTS_DIR") != NULL)
    {
      GtkCssProvider *provider = gtk_css_provider_new ();
      const char *localedir = g_getenv ("MARKET_CHATS_LOCALEDIR");

      /* gtk_test_init() set the C locale: the pictures follow the caller's. */
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);

      mc_ui_ensure_resources ();
      gtk_css_provider_load_from_resource (provider, RESOURCE_PATH "/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }

  g_test_add ("/ui/messenger/row-menu", Fixture, NULL,
              fixture_set_up, test_row_menu, fixture_tear_down);
  g_test_add ("/ui/messenger/unread-divider", Fixture, NULL,
              fixture_set_up, test_unread_divider, fixture_tear_down);
  g_test_add ("/ui/messenger/sent-elsewhere", Fixture, NULL,
              fixture_set_up, test_sent_elsewhere, fixture_tear_down);
  g_test_add ("/ui/messenger/sent-elsewhere-narrow", Fixture, GINT_TO_POINTER (360),
              fixture_set_up, test_sent_elsewhere, fixture_tear_down);

  return g_test_run ();
}
