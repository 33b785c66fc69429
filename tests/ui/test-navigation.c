/* test-navigation.c: getting around from the keyboard: the search in a
 * conversation, the quick switcher (Ctrl+K), the next chat that needs a
 * reply, and the shortcuts in a Russian keyboard layout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mc-chat-list.h"
#include "mc-chat-store.h"
#include "mc-conversation.h"
#include "mc-fake-market.h"
#include "mc-message-row.h"
#include "mc-message-store.h"
#include "mc-quick-switcher.h"
#include "mc-sidebar-model.h"
#include "mc-store-row.h"
#include "mc-sync-engine.h"
#include "mc-ui-util.h"
#include "mc-window.h"
#include "ui-test-util.h"

#define WAIT_MSEC 15000

typedef struct
{
  McSession *session;
  GSettings *settings;
  McWindow  *window;
  int        width;
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

static GtkWidget *
chat_list (Fixture *fixture)
{
  return template_child (GTK_WIDGET (fixture->window), MC_TYPE_WINDOW, "chat_list");
}

static GListModel *
chat_list_model (Fixture *fixture)
{
  GtkListView *list = template_child (chat_list (fixture), MC_TYPE_CHAT_LIST, "chats_list");

  return G_LIST_MODEL (gtk_list_view_get_model (list));
}

static McConversation *
conversation (Fixture *fixture)
{
  return template_child (GTK_WIDGET (fixture->window), MC_TYPE_WINDOW, "conversation");
}

static gboolean
has_chats (gpointer data)
{
  return g_list_model_get_n_items (chat_list_model (data)) > 0;
}

/* Both demo cabinets in, and the first sync over. */
static gboolean
synced (gpointer data)
{
  Fixture *fixture = data;

  return !mc_sync_engine_get_syncing (mc_session_get_sync (fixture->session)) &&
         g_list_model_get_n_items (mc_session_get_cabinets (fixture->session)) >= 2 &&
         g_list_model_get_n_items (chat_list_model (fixture)) > 0;
}

/* The window laid out at its size (a phone's width folds the leaflet): a
 * quick sync can be over before the first frame on a busy machine. */
static gboolean
laid_out (gpointer data)
{
  Fixture *fixture = data;
  AdwLeaflet *leaflet = template_child (GTK_WIDGET (fixture->window), MC_TYPE_WINDOW, "leaflet");

  return gtk_widget_get_width (GTK_WIDGET (leaflet)) > 0 &&
         (fixture->width > 400 || adw_leaflet_get_folded (leaflet));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  int width = GPOINTER_TO_INT (user_data);

  fixture->width = width > 0 ? width : 1100;
  fixture->session = ui_test_new_demo_session ();
  fixture->settings = g_settings_new (BASE_ID);
  g_settings_set_int (fixture->settings, "window-width", fixture->width);
  g_settings_set_int (fixture->settings, "window-height", 720);
  g_settings_set_string (fixture->settings, "last-selected-store", "");

  fixture->window = mc_window_new (NULL, fixture->session, fixture->settings);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (ui_test_wait_until (has_chats, fixture, WAIT_MSEC));
  g_assert_true (ui_test_wait_until (synced, fixture, WAIT_MSEC));
  g_assert_true (ui_test_wait_until (laid_out, fixture, WAIT_MSEC));
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
focus_of (Fixture *fixture)
{
  return gtk_root_get_focus (GTK_ROOT (fixture->window));
}

static gboolean
focus_within (Fixture   *fixture,
              GtkWidget *widget)
{
  GtkWidget *focus = focus_of (fixture);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The search in the conversation */

static gboolean
has_messages (gpointer data)
{
  GListModel *messages = mc_conversation_get_messages (conversation (data));

  return messages != NULL && g_list_model_get_n_items (messages) > 0;
}

/* A chat of the list whose messages hold @needle more than once, opened. */
static guint
open_chat_with (Fixture    *fixture,
                const char *needle)
{
  GListModel *chats = chat_list_model (fixture);

  for (guint i = 0; i < g_list_model_get_n_items (chats); i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (chats, i);
      GListModel *messages;
      guint n = 0;

      mc_window_open_chat (fixture->window, mc_chat_get_chat_id (chat));
      g_assert_true (ui_test_wait_until (has_messages, fixture, WAIT_MSEC));
      ui_test_run_for (200);
      messages = mc_conversation_get_messages (conversation (fixture));
      for (guint k = 0; k < g_list_model_get_n_items (messages); k++)
        {
          g_autoptr(McMessage) message = g_list_model_get_item (messages, k);

          n += mc_ui_search_find (mc_message_get_text (message), needle, NULL);
        }
      if (n > 1)
        return n;
    }

  g_assert_not_reached ();
}

static McMessageRow *
find_row (GtkWidget *widget,
          McMessage *message)
{
  if (MC_IS_MESSAGE_ROW (widget) && mc_message_row_get_message (MC_MESSAGE_ROW (widget)) == message)
    return MC_MESSAGE_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      McMessageRow *row = find_row (child, message);

      if (row != NULL)
        return row;
    }

  return NULL;
}

typedef struct
{
  Fixture *fixture;
  guint    n;
} CountWait;

static gboolean
search_counted (gpointer data)
{
  CountWait *wait = data;

  return mc_conversation_get_search_n_matches (conversation (wait->fixture)) == wait->n;
}

/* Not the count of an emptied entry on the way: the entry tells an empty
 * text at once, the words after a pause. */
static gboolean
says_no_matches (gpointer data)
{
  return g_strcmp0 (gtk_label_get_label (data), "No matches") == 0;
}

static void
test_conversation_search (Fixture       *fixture,
                          gconstpointer  user_data)
{
  McConversation *conv = conversation (fixture);
  GtkWidget *widget = GTK_WIDGET (conv);
  GtkSearchBar *bar = template_child (widget, MC_TYPE_CONVERSATION, "search_bar");
  GtkEditable *entry = template_child (widget, MC_TYPE_CONVERSATION, "search_entry");
  GtkLabel *count = template_child (widget, MC_TYPE_CONVERSATION, "search_count_label");
  GtkSearchBar *list_bar = template_child (chat_list (fixture), MC_TYPE_CHAT_LIST, "search_bar");
  GtkWidget *composer = GTK_WIDGET (mc_conversation_get_composer (conv));
  GListModel *messages;
  CountWait wait = { fixture, 0 };
  g_autofree char *expected = NULL;
  g_autoptr(McMessage) message = NULL;
  guint position;
  McMessageRow *row;

  wait.n = open_chat_with (fixture, "о");
  messages = mc_conversation_get_messages (conv);

  /* Opened from the window, the focus is in the composer: Ctrl+F is for
   * the messages. */
  gtk_widget_grab_focus (composer);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (bar));
  g_assert_false (gtk_search_bar_get_search_mode (list_bar));
  g_assert_true (focus_within (fixture, GTK_WIDGET (entry)));

  /* Case and ё do not matter. */
  gtk_editable_set_text (entry, "О");
  g_assert_true (ui_test_wait_until (search_counted, &wait, WAIT_MSEC));
  expected = g_strdup_printf ("1 of %u", wait.n);
  g_assert_cmpstr (gtk_label_get_label (count), ==, expected);

  /* The newest match first, marked in its bubble. */
  position = mc_conversation_get_search_position (conv);
  g_assert_cmpuint (position, <, g_list_model_get_n_items (messages));
  message = g_list_model_get_item (messages, position);
  g_assert_cmpuint (mc_ui_search_find (mc_message_get_text (message), "о", NULL), >, 0);
  for (guint k = position + 1; k < g_list_model_get_n_items (messages); k++)
    {
      g_autoptr(McMessage) newer = g_list_model_get_item (messages, k);

      g_assert_cmpuint (mc_ui_search_find (mc_message_get_text (newer), "о", NULL), ==, 0);
    }
  ui_test_run_for (300);
  row = find_row (widget, message);
  g_assert_nonnull (row);
  g_assert_nonnull (gtk_label_get_attributes (mc_message_row_get_text_label (row)));

  /* Enter goes to the older match, Shift+Enter (as Ctrl+Shift+G) back. */
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (mc_conversation_get_search_current (conv), ==, 1);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("2 of %u", wait.n);
  g_assert_cmpstr (gtk_label_get_label (count), ==, expected);
  gtk_widget_activate_action (widget, "conversation.search-newer", NULL);
  g_assert_cmpuint (mc_conversation_get_search_current (conv), ==, 0);
  /* Newer than the newest wraps to the oldest. */
  gtk_widget_activate_action (widget, "conversation.search-newer", NULL);
  g_assert_cmpuint (mc_conversation_get_search_current (conv), ==, wait.n - 1);
  g_assert_true (focus_within (fixture, GTK_WIDGET (entry)));

  /* Nothing found says so. */
  gtk_editable_set_text (entry, "щщщщщ");
  g_assert_true (ui_test_wait_until (says_no_matches, count, WAIT_MSEC));
  g_assert_cmpuint (mc_conversation_get_search_n_matches (conv), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (template_child (widget, MC_TYPE_CONVERSATION,
                                                                       "search_newer_button"))));

  /* Escape closes the bar, the marks go, and the focus is back. */
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_false (gtk_search_bar_get_search_mode (bar));
  g_assert_true (focus_within (fixture, composer));
  g_assert_null (gtk_label_get_attributes (mc_message_row_get_text_label (row)));

  /* In the chat list, Ctrl+F still searches the chats. */
  gtk_widget_grab_focus (mc_chat_list_get_list_view (MC_CHAT_LIST (chat_list (fixture))));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (list_bar));
  g_assert_false (gtk_search_bar_get_search_mode (bar));
}

typedef struct
{
  Fixture   *fixture;
  McMessage *message;
} RowWait;

/* The bubble of the message is on screen, whole. */
static gboolean
row_in_view (gpointer data)
{
  RowWait *wait = data;
  GtkWidget *conv = GTK_WIDGET (conversation (wait->fixture));
  GtkWidget *scrolled = template_child (conv, MC_TYPE_CONVERSATION, "scrolled_window");
  McMessageRow *row = find_row (conv, wait->message);
  graphene_rect_t bounds;

  if (row == NULL || !gtk_widget_get_mapped (GTK_WIDGET (row)) ||
      !gtk_widget_compute_bounds (GTK_WIDGET (row), scrolled, &bounds))
    return FALSE;

  return bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled);
}

static gboolean
holds_messages (gpointer data)
{
  CountWait *wait = data;
  GListModel *messages = mc_conversation_get_messages (conversation (wait->fixture));

  return messages != NULL && g_list_model_get_n_items (messages) >= wait->n;
}

/* In a long chat the match far up is scrolled into view, and the view
 * no longer keeps to the bottom. */
static void
test_conversation_search_scrolls (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  McFakeMarket *market = MC_FAKE_MARKET (mc_session_get_fake_market (fixture->session));
  g_autoptr(McChat) chat = g_list_model_get_item (chat_list_model (fixture), 0);
  McConversation *conv = conversation (fixture);
  GtkEditable *entry = template_child (GTK_WIDGET (conv), MC_TYPE_CONVERSATION, "search_entry");
  CountWait wait = { fixture, 60 };
  RowWait row_wait = { fixture, NULL };
  g_autoptr(McMessage) message = NULL;

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *text = g_strdup_printf ("Вопрос %u: а если заказать ещё один такой же, "
                                               "доставка будет в тот же день%s?",
                                               i + 1, i == 2 ? " (самовывоз)" : "");

      mc_fake_market_customer_writes (market, mc_chat_get_chat_id (chat), text, 0);
    }
  mc_window_open_chat (fixture->window, mc_chat_get_chat_id (chat));
  g_assert_true (ui_test_wait_until (holds_messages, &wait, WAIT_MSEC));
  ui_test_run_for (500);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  gtk_editable_set_text (entry, "САМОВЫВОЗ");
  wait.n = 1;
  g_assert_true (ui_test_wait_until (search_counted, &wait, WAIT_MSEC));
  message = g_list_model_get_item (mc_conversation_get_messages (conv),
                                   mc_conversation_get_search_position (conv));
  g_assert_nonnull (strstr (mc_message_get_text (message), "самовывоз"));

  row_wait.message = message;
  g_assert_true (ui_test_wait_until (row_in_view, &row_wait, WAIT_MSEC));
  /* And stays there as the list measures its rows. */
  ui_test_run_for (500);
  g_assert_true (row_in_view (&row_wait));
}

static gboolean
older_settled (gpointer data)
{
  McChatTimeline *timeline = data;

  return !mc_chat_timeline_get_loading_older (timeline) && !mc_chat_timeline_get_has_older (timeline);
}

/* When the Market may hold older messages the bar says so, and going past
 * the oldest match asks for them before it wraps around. */
static void
test_conversation_search_older (Fixture       *fixture,
                                gconstpointer  user_data)
{
  McConversation *conv = conversation (fixture);
  GtkWidget *widget = GTK_WIDGET (conv);
  GtkEditable *entry = template_child (widget, MC_TYPE_CONVERSATION, "search_entry");
  GtkWidget *scope = template_child (widget, MC_TYPE_CONVERSATION, "search_scope_box");
  CountWait wait = { fixture, 0 };
  g_autoptr(McMessageStore) messages = NULL;
  McChatTimeline *timeline;

  wait.n = open_chat_with (fixture, "о");
  timeline = mc_conversation_get_timeline (conv);
  messages = mc_chat_store_get_messages (mc_session_get_chats (fixture->session),
                                         mc_chat_timeline_get_chat_id (timeline));
  mc_message_store_set_has_older (messages, TRUE);
  g_assert_true (mc_chat_timeline_get_has_older (timeline));

  gtk_widget_grab_focus (GTK_WIDGET (mc_conversation_get_composer (conv)));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  gtk_editable_set_text (entry, "о");
  g_assert_true (ui_test_wait_until (search_counted, &wait, WAIT_MSEC));
  g_assert_true (gtk_widget_get_visible (scope));

  /* To the oldest match, and past it: older history is asked for. */
  for (guint i = 1; i < wait.n; i++)
    gtk_widget_activate_action (widget, "conversation.search-older", NULL);
  g_assert_cmpuint (mc_conversation_get_search_current (conv), ==, wait.n - 1);
  gtk_widget_activate_action (widget, "conversation.search-older", NULL);
  g_assert_true (ui_test_wait_until (older_settled, timeline, WAIT_MSEC));
  ui_test_run_for (200);

  /* The demo chat had nothing older: the bar says no more, and the next
   * step wraps to the newest match. */
  g_assert_false (gtk_widget_get_visible (scope));
  g_assert_cmpuint (mc_conversation_get_search_n_matches (conv), ==, wait.n);
  g_assert_cmpuint (mc_conversation_get_search_current (conv), ==, wait.n - 1);
  gtk_widget_activate_action (widget, "conversation.search-older", NULL);
  g_assert_cmpuint (mc_conversation_get_search_current (conv), ==, 0);
}

static gboolean
has_search_matches (gpointer data)
{
  return mc_conversation_get_search_n_matches (data) > 0;
}

/* Narrow, the conversation is all there is: Ctrl+F searches it. */
static void
test_conversation_search_narrow (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  GtkWidget *widget = GTK_WIDGET (conversation (fixture));
  GtkSearchBar *bar = template_child (widget, MC_TYPE_CONVERSATION, "search_bar");
  GtkEditable *entry = template_child (widget, MC_TYPE_CONVERSATION, "search_entry");
  GtkSearchBar *list_bar = template_child (chat_list (fixture), MC_TYPE_CHAT_LIST, "search_bar");
  AdwLeaflet *leaflet = template_child (GTK_WIDGET (fixture->window), MC_TYPE_WINDOW, "leaflet");
  g_autoptr(McChat) chat = g_list_model_get_item (chat_list_model (fixture), 0);

  g_assert_true (adw_leaflet_get_folded (leaflet));
  mc_window_open_chat (fixture->window, mc_chat_get_chat_id (chat));
  g_assert_true (ui_test_wait_until (has_messages, fixture, WAIT_MSEC));
  gtk_root_set_focus (GTK_ROOT (fixture->window), NULL);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (bar));
  g_assert_false (gtk_search_bar_get_search_mode (list_bar));

  /* The bar's close button ends the search like Escape. */
  gtk_editable_set_text (entry, "о");
  g_assert_true (ui_test_wait_until (has_search_matches, conversation (fixture), WAIT_MSEC));
  gtk_search_bar_set_search_mode (bar, FALSE);
  g_assert_cmpuint (mc_conversation_get_search_n_matches (conversation (fixture)), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (bar));

  /* Another chat closes the search. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next-chat", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next-chat", NULL);
  g_assert_false (gtk_search_bar_get_search_mode (bar));
}

/* The quick switcher */

static McQuickSwitcher *
find_switcher (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (MC_IS_QUICK_SWITCHER (window))
        return MC_QUICK_SWITCHER (window);
    }

  return NULL;
}

static gboolean
switcher_shown (gpointer data)
{
  return find_switcher () != NULL;
}

static gboolean
switcher_gone (gpointer data)
{
  return find_switcher () == NULL;
}

/* A chat of the second cabinet: not in the list of the first. */
static McChat *
chat_of_other_cabinet (Fixture *fixture)
{
  g_autoptr(McSidebarItem) first = g_list_model_get_item (G_LIST_MODEL (mc_session_get_stores (fixture->session)), 0);
  GListModel *chats = G_LIST_MODEL (mc_session_get_chats (fixture->session));

  for (guint i = 0; i < g_list_model_get_n_items (chats); i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (chats, i);
      McChatContext *context = mc_chat_get_context (chat);
      const char *name = mc_chat_get_customer_name (chat);

      if (mc_chat_get_business_id (chat) != mc_sidebar_item_get_business_id (first) &&
          name != NULL && strlen (name) > 4 && context != NULL &&
          mc_chat_context_get_order_id (context) > 0)
        return g_steal_pointer (&chat);
    }

  g_assert_not_reached ();
}

static gboolean
results_hold (McQuickSwitcher *switcher,
              McChat          *chat)
{
  GListModel *results = mc_quick_switcher_get_results (switcher);

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(McChat) found = g_list_model_get_item (results, i);

      if (found == chat)
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  McQuickSwitcher *switcher;
  McChat          *chat;
} FoundWait;

static gboolean
switcher_found (gpointer data)
{
  FoundWait *wait = data;

  return results_hold (wait->switcher, wait->chat);
}

static guint
count_needing_reply (Fixture *fixture)
{
  GListModel *chats = G_LIST_MODEL (mc_session_get_chats (fixture->session));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (chats); i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (chats, i);

      n += mc_chat_needs_reply (chat);
    }

  return n;
}

static void
test_quick_switcher (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(McChat) wanted = chat_of_other_cabinet (fixture);
  McChatContext *context = mc_chat_get_context (wanted);
  McQuickSwitcher *switcher;
  GtkEditable *entry;
  GListModel *results;
  FoundWait wait;
  g_autofree char *name_part = NULL;
  g_autofree char *number = NULL;
  GtkListBox *sidebar = template_child (GTK_WIDGET (fixture->window), MC_TYPE_WINDOW, "sidebar_list");
  McSidebarItem *selected;

  g_assert_false (mc_chat_list_has_chat (MC_CHAT_LIST (chat_list (fixture)), mc_chat_get_chat_id (wanted)));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.quick-switcher", NULL);
  g_assert_true (ui_test_wait_until (switcher_shown, NULL, WAIT_MSEC));
  switcher = find_switcher ();
  entry = template_child (GTK_WIDGET (switcher), MC_TYPE_QUICK_SWITCHER, "search_entry");
  results = mc_quick_switcher_get_results (switcher);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (switcher)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (switcher)) == GTK_WINDOW (fixture->window));
  ui_test_run_for (200);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (gtk_editable_get_delegate (entry))) ||
                 gtk_widget_has_focus (GTK_WIDGET (entry)));

  /* Nothing typed: what needs a reply, in every cabinet. */
  g_assert_cmpuint (mc_quick_switcher_get_n_matches (switcher), ==, count_needing_reply (fixture));
  g_assert_cmpuint (g_list_model_get_n_items (results), ==,
                    MIN (count_needing_reply (fixture), MC_QUICK_SWITCHER_MAX_RESULTS));

  /* A part of the name, in another case. */
  name_part = g_utf8_strup (mc_chat_get_customer_name (wanted), 4 * 2);
  gtk_editable_set_text (entry, name_part);
  wait = (FoundWait) { switcher, wanted };
  g_assert_true (ui_test_wait_until (switcher_found, &wait, WAIT_MSEC));
  g_assert_cmpuint (g_list_model_get_n_items (results), <=, MC_QUICK_SWITCHER_MAX_RESULTS);

  /* The order number finds it as the first. */
  number = g_strdup_printf ("%" G_GINT64_FORMAT, mc_chat_context_get_order_id (context));
  gtk_editable_set_text (entry, number);
  g_assert_true (ui_test_wait_until (switcher_found, &wait, WAIT_MSEC));
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (results)), ==, 0);

  /* Enter opens the chosen chat, in its cabinet. */
  while (gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (results)) != wanted)
    gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (results),
                                       gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (results)) + 1);
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (ui_test_wait_until (switcher_gone, NULL, WAIT_MSEC));
  g_assert_cmpint (mc_window_get_open_chat_id (fixture->window), ==, mc_chat_get_chat_id (wanted));
  g_assert_true (mc_chat_list_has_chat (MC_CHAT_LIST (chat_list (fixture)), mc_chat_get_chat_id (wanted)));
  selected = mc_store_row_get_item (MC_STORE_ROW (gtk_list_box_get_selected_row (sidebar)));
  g_assert_cmpint (mc_sidebar_item_get_business_id (selected), ==, mc_chat_get_business_id (wanted));

  /* Escape closes it with nothing opened. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.quick-switcher", NULL);
  g_assert_true (ui_test_wait_until (switcher_shown, NULL, WAIT_MSEC));
  switcher = find_switcher ();
  entry = template_child (GTK_WIDGET (switcher), MC_TYPE_QUICK_SWITCHER, "search_entry");
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_true (ui_test_wait_until (switcher_gone, NULL, WAIT_MSEC));
  g_assert_cmpint (mc_window_get_open_chat_id (fixture->window), ==, mc_chat_get_chat_id (wanted));
}

/* 100,000 chats: the switcher lists 50 and answers each key at once. */
static void
test_quick_switcher_many (Fixture       *fixture,
                          gconstpointer  user_data)
{
  McChatStore *store = mc_session_get_chats (fixture->session);
  g_autoptr(GPtrArray) chats = g_ptr_array_new_with_free_func (g_object_unref);
  static const char *names[] = { "Анна", "Борис", "Вера", "Глеб", "Дарья", "Егор", "Жанна" };
  McQuickSwitcher *switcher;
  GtkEditable *entry;
  gint64 start;
  gint64 took;

  for (guint i = 0; i < 100000; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %u", names[i % G_N_ELEMENTS (names)], i);
      g_autoptr(McCustomer) customer = mc_customer_new (name, NULL);
      g_autoptr(McChatContext) context = mc_chat_context_new_full (MC_CONTEXT_TYPE_ORDER, 0,
                                                                   900000000 + i, 0, customer);

      g_ptr_array_add (chats, mc_chat_new_full (5000000 + i, 777, MC_CHAT_TYPE_CHAT,
                                                MC_CHAT_STATUS_WAITING_FOR_CUSTOMER,
                                                g_get_real_time (), g_get_real_time () - i,
                                                context));
    }
  mc_chat_store_merge (store, chats);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.quick-switcher", NULL);
  g_assert_true (ui_test_wait_until (switcher_shown, NULL, WAIT_MSEC));
  switcher = find_switcher ();
  entry = template_child (GTK_WIDGET (switcher), MC_TYPE_QUICK_SWITCHER, "search_entry");

  /* "search-changed" at once, not after the entry's pause. */
  start = g_get_monotonic_time ();
  gtk_editable_set_text (entry, "вер");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (mc_quick_switcher_get_n_matches (switcher), >=, 100000 / G_N_ELEMENTS (names));
  g_assert_cmpuint (g_list_model_get_n_items (mc_quick_switcher_get_results (switcher)), ==,
                    MC_QUICK_SWITCHER_MAX_RESULTS);
  took = g_get_monotonic_time () - start;
  g_test_message ("first key in 100,000 chats: %" G_GINT64_FORMAT " ms", took / 1000);
  /* Typing on narrows what was found. */
  start = g_get_monotonic_time ();
  gtk_editable_set_text (entry, "вера 9999");
  g_signal_emit_by_name (entry, "search-changed");
  took = g_get_monotonic_time () - start;
  g_test_message ("typing on: %" G_GINT64_FORMAT " ms", took / 1000);
  g_assert_cmpuint (mc_quick_switcher_get_n_matches (switcher), >=, 1);
  g_assert_cmpuint (mc_quick_switcher_get_n_matches (switcher), <, 100);

  gtk_window_destroy (GTK_WINDOW (switcher));
}

/* The next chat that needs a reply */

static void
test_next_needing_reply (Fixture       *fixture,
                         gconstpointer  user_data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkDropDown *mode = template_child (chat_list (fixture), MC_TYPE_CHAT_LIST, "mode_dropdown");
  GListModel *list = chat_list_model (fixture);
  guint n_urgent = g_list_model_get_n_items (list);
  g_autoptr(McChat) first = g_list_model_get_item (list, 0);
  g_autoptr(McChat) second = g_list_model_get_item (list, 1);
  g_autoptr(McChat) last = g_list_model_get_item (list, n_urgent - 1);
  McChatStore *store = mc_session_get_chats (fixture->session);

  /* The default view is Needs Reply, oldest waiting first. */
  g_assert_cmpuint (n_urgent, >=, 2);
  gtk_widget_activate_action (window, "win.next-needing-reply", NULL);
  g_assert_cmpint (mc_window_get_open_chat_id (fixture->window), ==, mc_chat_get_chat_id (first));
  gtk_widget_activate_action (window, "win.next-needing-reply", NULL);
  g_assert_cmpint (mc_window_get_open_chat_id (fixture->window), ==, mc_chat_get_chat_id (second));

  /* It wraps around. */
  mc_window_open_chat (fixture->window, mc_chat_get_chat_id (last));
  gtk_widget_activate_action (window, "win.next-needing-reply", NULL);
  g_assert_cmpint (mc_window_get_open_chat_id (fixture->window), ==, mc_chat_get_chat_id (first));

  /* Whatever the view shows, in the same stores. */
  gtk_drop_down_set_selected (mode, MC_CHAT_VIEW_MODE_FINISHED);
  gtk_widget_activate_action (window, "win.next-needing-reply", NULL);
  g_assert_cmpint (mc_window_get_open_chat_id (fixture->window), ==, mc_chat_get_chat_id (second));
  g_assert_true (gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (list)) == second);

  /* None left: the chat stays. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (mc_chat_needs_reply (chat))
        mc_chat_store_mark_answered (store, mc_chat_get_chat_id (chat));
    }
  g_assert_null (mc_chat_list_next_needing_reply (MC_CHAT_LIST (chat_list (fixture)), NULL));
  gtk_widget_activate_action (window, "win.next-needing-reply", NULL);
  g_assert_cmpint (mc_window_get_open_chat_id (fixture->window), ==, mc_chat_get_chat_id (second));
}

/* Alt+Up and Alt+Down walk the list. */
static void
test_previous_next_chat (Fixture       *fixture,
                         gconstpointer  user_data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autoptr(McChat) first = g_list_model_get_item (chat_list_model (fixture), 0);
  g_autoptr(McChat) second = g_list_model_get_item (chat_list_model (fixture), 1);

  gtk_widget_activate_action (window, "win.next-chat", NULL);
  g_assert_cmpint (mc_window_get_open_chat_id (fixture->window), ==, mc_chat_get_chat_id (first));
  gtk_widget_activate_action (window, "win.next-chat", NULL);
  g_assert_cmpint (mc_window_get_open_chat_id (fixture->window), ==, mc_chat_get_chat_id (second));
  gtk_widget_activate_action (window, "win.previous-chat", NULL);
  g_assert_cmpint (mc_window_get_open_chat_id (fixture->window), ==, mc_chat_get_chat_id (first));
  /* Not past the top. */
  gtk_widget_activate_action (window, "win.previous-chat", NULL);
  g_assert_cmpint (mc_window_get_open_chat_id (fixture->window), ==, mc_chat_get_chat_id (first));
}

/* A Russian keyboard layout */

static gboolean
run_tool (const char *command_line)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_command_line_sync (command_line, NULL, NULL, &status, &error))
    {
      g_test_message ("%s: %s", command_line, error->message);
      return FALSE;
    }

  return g_spawn_check_wait_status (status, NULL);
}

static void
press (const char *keys)
{
  g_autofree char *command_line = g_strdup_printf ("xdotool key --clearmodifiers %s", keys);

  g_assert_true (run_tool (command_line));
}

static void
focus_window (void)
{
  g_assert_true (run_tool ("xdotool search --name ^mc-test-navigation$ windowfocus"));
  ui_test_run_for (300);
}

static gboolean
on_key_seen (guint                  *last,
             guint                   keyval,
             guint                   keycode,
             GdkModifierType         state,
             GtkEventControllerKey  *controller)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    *last = keyval;

  return GDK_EVENT_PROPAGATE;
}

typedef struct
{
  Fixture *fixture;
  gint64   chat_id;
} OpenWait;

static gboolean
chat_opened (gpointer data)
{
  OpenWait *wait = data;

  return mc_window_get_open_chat_id (wait->fixture->window) == wait->chat_id;
}

static gboolean
search_mode_on (gpointer data)
{
  return gtk_search_bar_get_search_mode (data);
}

static gboolean
has_two_matches (gpointer data)
{
  return mc_conversation_get_search_n_matches (data) >= 2;
}

static gboolean
search_at_first (gpointer data)
{
  return mc_conversation_get_search_current (data) == 0;
}

static gboolean
search_at_second (gpointer data)
{
  return mc_conversation_get_search_current (data) == 1;
}

/* The keys as X delivers them with only the Russian layout loaded (no
 * Latin group for GTK to fall back on): Ctrl+K is Ctrl+л there. */
static void
test_russian_layout (Fixture       *fixture,
                     gconstpointer  user_data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GdkDisplay *display = gtk_widget_get_display (window);
  g_autofree char *setxkbmap = g_find_program_in_path ("setxkbmap");
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  GtkEventController *recorder;
  guint last_keyval = 0;
  g_autoptr(McChat) first = g_list_model_get_item (chat_list_model (fixture), 0);
  g_autoptr(McChat) second = g_list_model_get_item (chat_list_model (fixture), 1);
  OpenWait wait = { fixture, 0 };
  GtkSearchBar *list_bar = template_child (chat_list (fixture), MC_TYPE_CHAT_LIST, "search_bar");
  McConversation *conv = conversation (fixture);
  GtkSearchBar *bar = template_child (GTK_WIDGET (conv), MC_TYPE_CONVERSATION, "search_bar");
  GtkEditable *entry = template_child (GTK_WIDGET (conv), MC_TYPE_CONVERSATION, "search_entry");

  if (g_strcmp0 (G_OBJECT_TYPE_NAME (display), "GdkX11Display") != 0 ||
      setxkbmap == NULL || xdotool == NULL)
    {
      g_test_skip ("Needs X11, setxkbmap and xdotool");
      return;
    }

  gtk_window_set_title (GTK_WINDOW (window), "mc-test-navigation");
  recorder = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (recorder, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (recorder, "key-pressed", G_CALLBACK (on_key_seen), &last_keyval);
  gtk_widget_add_controller (window, recorder);

  g_assert_true (run_tool ("setxkbmap -layout ru"));
  ui_test_run_for (300);
  focus_window ();

  /* Ctrl+K */
  press ("ctrl+Cyrillic_el");
  g_assert_true (ui_test_wait_until (switcher_shown, NULL, WAIT_MSEC));
  g_assert_cmpuint (last_keyval, ==, GDK_KEY_Cyrillic_el);
  gtk_window_destroy (GTK_WINDOW (find_switcher ()));
  g_assert_true (ui_test_wait_until (switcher_gone, NULL, WAIT_MSEC));
  focus_window ();

  /* Ctrl+Shift+U */
  wait.chat_id = mc_chat_get_chat_id (first);
  press ("ctrl+shift+Cyrillic_ghe");
  g_assert_true (ui_test_wait_until (chat_opened, &wait, WAIT_MSEC));
  g_assert_cmpuint (gdk_keyval_to_lower (last_keyval), ==, GDK_KEY_Cyrillic_ghe);

  /* Alt+Down */
  wait.chat_id = mc_chat_get_chat_id (second);
  press ("alt+Down");
  g_assert_true (ui_test_wait_until (chat_opened, &wait, WAIT_MSEC));

  /* Ctrl+F in the list */
  gtk_widget_grab_focus (mc_chat_list_get_list_view (MC_CHAT_LIST (chat_list (fixture))));
  press ("ctrl+Cyrillic_a");
  g_assert_true (ui_test_wait_until (search_mode_on, list_bar, WAIT_MSEC));
  g_assert_cmpuint (last_keyval, ==, GDK_KEY_Cyrillic_a);
  mc_chat_list_stop_search (MC_CHAT_LIST (chat_list (fixture)));

  /* Ctrl+F in the conversation, then Ctrl+G and Ctrl+Shift+G from the
   * composer (the conversation's shortcuts). */
  gtk_widget_grab_focus (GTK_WIDGET (mc_conversation_get_composer (conv)));
  press ("ctrl+Cyrillic_a");
  g_assert_true (ui_test_wait_until (search_mode_on, bar, WAIT_MSEC));
  gtk_editable_set_text (entry, "о");
  g_assert_true (ui_test_wait_until (has_two_matches, conv, WAIT_MSEC));
  g_assert_cmpuint (mc_conversation_get_search_current (conv), ==, 0);
  gtk_widget_grab_focus (GTK_WIDGET (mc_conversation_get_composer (conv)));
  press ("ctrl+Cyrillic_pe");
  g_assert_true (ui_test_wait_until (search_at_second, conv, WAIT_MSEC));
  press ("ctrl+shift+Cyrillic_pe");
  g_assert_true (ui_test_wait_until (search_at_first, conv, WAIT_MSEC));

  g_assert_true (run_tool ("setxkbmap -layout us"));
}

/* The shortcuts window */

static void
add_trigger (GHashTable         *accels,
             GtkShortcutTrigger *trigger)
{
  /* The first of an alternative is the Latin key, the second the same
   * key in a Russian layout. */
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    add_trigger (accels, gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)));
  else if (GTK_IS_KEYVAL_TRIGGER (trigger))
    g_hash_table_add (accels,
                      gtk_accelerator_name (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                            gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))));
}

/* The shortcuts of the app's own actions on @widget. */
static void
collect_shortcuts (GtkWidget  *widget,
                   GHashTable *accels)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          const char *name;

          if (!GTK_IS_NAMED_ACTION (action))
            continue;
          name = gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
          if (g_str_has_prefix (name, "win.") || g_str_has_prefix (name, "conversation."))
            add_trigger (accels, gtk_shortcut_get_trigger (shortcut));
        }
    }
}

static void
test_shortcuts_window (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PATH "/gtk/help-overlay.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) bound = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  const char *accel;

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) accels = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accelerator, NULL);
      accels = g_strsplit (accelerator, " ", -1);
      for (guint i = 0; accels[i] != NULL; i++)
        {
          guint keyval;
          GdkModifierType modifiers;

          g_assert_true (gtk_accelerator_parse (accels[i], &keyval, &modifiers));
          g_hash_table_add (listed, gtk_accelerator_name (keyval, modifiers));
        }
    }

  collect_shortcuts (GTK_WIDGET (fixture->window), bound);
  collect_shortcuts (GTK_WIDGET (conversation (fixture)), bound);
  g_assert_cmpuint (g_hash_table_size (bound), >=, 9);

  g_hash_table_iter_init (&iter, bound);
  while (g_hash_table_iter_next (&iter, (gpointer *) &accel, NULL))
    {
      g_test_message ("bound: %s", accel);
      g_assert_true (g_hash_table_contains (listed, accel));
    }
}

static void
add_test (const char *path,
          void (*func) (Fixture *, gconstpointer),
          int         width)
{
  g_test_add (path, Fixture, GINT_TO_POINTER (width), fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  add_test ("/ui/navigation/conversation-search", test_conversation_search, 0);
  add_test ("/ui/navigation/conversation-search-scrolls", test_conversation_search_scrolls, 0);
  add_test ("/ui/navigation/conversation-search-older", test_conversation_search_older, 0);
  add_test ("/ui/navigation/conversation-search-narrow", test_conversation_search_narrow, 360);
  add_test ("/ui/navigation/quick-switcher", test_quick_switcher, 0);
  add_test ("/ui/navigation/quick-switcher-many", test_quick_switcher_many, 0);
  add_test ("/ui/navigation/next-needing-reply", test_next_needing_reply, 0);
  add_test ("/ui/navigation/previous-next-chat", test_previous_next_chat, 0);
  add_test ("/ui/navigation/russian-layout", test_russian_layout, 0);
  add_test ("/ui/navigation/shortcuts-window", test_shortcuts_window, 0);

  return g_test_run ();
}
