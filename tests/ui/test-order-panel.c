/* test-order-panel.c: the order card in the main window on the demo: the
 * order's number and items beside an order chat, its toggle and setting,
 * the no-scope words once getOrder is gone, nothing for a chat without an
 * order, and the section under the header in a narrow window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mc-chat-timeline.h"
#include "mc-conversation.h"
#include "mc-fake-market.h"
#include "mc-order-panel.h"
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

static gboolean
session_ready (gpointer data)
{
  Fixture *fixture = data;

  return g_list_model_get_n_items (G_LIST_MODEL (mc_session_get_cabinets (fixture->session))) == 2 &&
         g_list_model_get_n_items (G_LIST_MODEL (mc_session_get_chats (fixture->session))) > 0;
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
  g_settings_set_boolean (fixture->settings, "order-panel-visible", TRUE);

  fixture->window = mc_window_new (NULL, fixture->session, fixture->settings);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (ui_test_wait_until (session_ready, fixture, WAIT_MSEC));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->settings);
  ui_test_destroy_and_check (GTK_WINDOW (g_steal_pointer (&fixture->window)),
                             g_steal_pointer (&fixture->session));
}

static McOrderPanel *
order_panel (Fixture *fixture)
{
  return MC_ORDER_PANEL (gtk_widget_get_template_child (GTK_WIDGET (fixture->window), MC_TYPE_WINDOW,
                                                        "order_panel"));
}

static GtkWidget *
order_button (Fixture *fixture)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->window), MC_TYPE_WINDOW,
                                                    "order_button"));
}

typedef struct
{
  Fixture *fixture;
  gint64   order_id;  /* 0: a chat without an order */
  McChat  *found;
} ChatQuery;

static gboolean
find_chat (gpointer data)
{
  ChatQuery *query = data;
  GListModel *chats = G_LIST_MODEL (mc_session_get_chats (query->fixture->session));

  for (guint i = 0; i < g_list_model_get_n_items (chats); i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (chats, i);
      McChatContext *context = mc_chat_get_context (chat);
      gint64 order_id = context != NULL ? mc_chat_context_get_order_id (context) : 0;

      if (context != NULL && mc_chat_context_get_context_type (context) == MC_CONTEXT_TYPE_DIRECT)
        order_id = 0;
      if (order_id == query->order_id)
        {
          query->found = g_steal_pointer (&chat);
          return TRUE;
        }
    }

  return FALSE;
}

static McChat *
open_order_chat (Fixture    *fixture,
                 guint       cabinet,
                 const char *placement)
{
  gint64 business_id = mc_fake_market_get_business_id (fixture->market, cabinet);
  ChatQuery query = { fixture, mc_fake_market_find_order (fixture->market, business_id, placement, NULL, NULL), NULL };

  g_assert_cmpint (query.order_id, >, 0);
  g_assert_true (ui_test_wait_until (find_chat, &query, WAIT_MSEC));
  mc_window_open_chat (fixture->window, mc_chat_get_chat_id (query.found));

  return query.found;
}

typedef struct
{
  McOrderPanel *panel;
  const char   *text;
} TextQuery;

static gboolean
panel_shows (gpointer data)
{
  TextQuery *query = data;
  g_autofree char *text = mc_order_panel_dup_text (query->panel);

  return mc_order_panel_get_shown (query->panel) && strstr (text, query->text) != NULL;
}

static void
test_shows_order (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(McChat) chat = open_order_chat (fixture, 1, "FBS");
  McOrderPanel *panel = order_panel (fixture);
  McChatTimeline *timeline = mc_order_panel_get_timeline (panel);
  g_autofree char *number = NULL;
  g_autofree char *text = NULL;
  TextQuery query = { panel, NULL };
  McOrder *order;
  GPtrArray *items;

  g_assert_nonnull (timeline);
  g_assert_true (mc_chat_timeline_get_chat (timeline) == chat);
  g_assert_true (mc_order_panel_get_has_order (panel));
  g_assert_true (gtk_widget_get_visible (order_button (fixture)));
  g_assert_false (mc_order_panel_get_compact (panel));

  number = g_strdup_printf ("%" G_GINT64_FORMAT, mc_chat_context_get_order_id (mc_chat_get_context (chat)));
  query.text = number;
  g_assert_true (ui_test_wait_until (panel_shows, &query, WAIT_MSEC));

  /* Every item's name and SKU, and the total. */
  order = mc_chat_timeline_get_order (timeline);
  g_assert_nonnull (order);
  text = mc_order_panel_dup_text (panel);
  items = mc_order_get_items (order);
  g_assert_cmpuint (items->len, >, 0);
  for (guint i = 0; i < items->len; i++)
    {
      McOrderItem *item = g_ptr_array_index (items, i);

      g_assert_nonnull (strstr (text, item->name));
      g_assert_nonnull (strstr (text, item->sku));
    }
  {
    g_autofree char *total = mc_order_dup_total_text (order);

    g_assert_nonnull (strstr (text, total));
  }
  g_assert_nonnull (strstr (text, mc_order_status_get_words (mc_order_get_status (order))));

  /* The toggle hides it, and the setting remembers. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.order-panel", NULL);
  g_assert_false (mc_order_panel_get_shown (panel));
  g_assert_false (g_settings_get_boolean (fixture->settings, "order-panel-visible"));
  g_settings_set_boolean (fixture->settings, "order-panel-visible", TRUE);
  g_assert_true (mc_order_panel_get_shown (panel));
}

static void
test_no_scope (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(McChat) chat = NULL;
  McOrderPanel *panel = order_panel (fixture);
  TextQuery query = { panel, "Add the order-processing (read-only) scope to this key to see orders" };

  /* Cabinet 2's key reads orders by getOrder only, and that is gone. */
  mc_fake_market_set_get_order_gone (fixture->market, TRUE);
  chat = open_order_chat (fixture, 2, "DBS");
  g_assert_true (ui_test_wait_until (panel_shows, &query, WAIT_MSEC));
  g_assert_cmpint (mc_chat_timeline_get_order_state (mc_order_panel_get_timeline (panel)), ==,
                   MC_ORDER_STATE_NO_SCOPE);
}

static void
test_no_order (Fixture       *fixture,
               gconstpointer  user_data)
{
  ChatQuery query = { fixture, 0, NULL };
  g_autoptr(McChat) chat = NULL;
  McOrderPanel *panel = order_panel (fixture);

  g_assert_true (ui_test_wait_until (find_chat, &query, WAIT_MSEC));
  chat = query.found;
  mc_window_open_chat (fixture->window, mc_chat_get_chat_id (chat));
  ui_test_run_for (200);

  g_assert_false (mc_order_panel_get_has_order (panel));
  g_assert_false (mc_order_panel_get_shown (panel));
  g_assert_false (gtk_widget_get_visible (order_button (fixture)));
}

typedef struct
{
  Fixture *fixture;
  gint64   business_id;
  McChat  *found;
} ReturnQuery;

static gboolean
find_return_chat (gpointer data)
{
  ReturnQuery *query = data;
  GListModel *chats = G_LIST_MODEL (mc_session_get_chats (query->fixture->session));

  for (guint i = 0; i < g_list_model_get_n_items (chats); i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (chats, i);
      McChatContext *context = mc_chat_get_context (chat);

      if (context != NULL && mc_chat_context_get_context_type (context) == MC_CONTEXT_TYPE_RETURN &&
          mc_chat_context_get_order_id (context) > 0 && mc_chat_context_get_return_id (context) > 0 &&
          mc_chat_get_business_id (chat) == query->business_id)
        {
          query->found = g_steal_pointer (&chat);
          return TRUE;
        }
    }

  return FALSE;
}

/* A return chat whose key may read its order but not the return: the
 * order, and what to add for the return. */
static void
test_return_note (Fixture       *fixture,
                  gconstpointer  user_data)
{
  ReturnQuery chat_query = { fixture, mc_fake_market_get_business_id (fixture->market, 2), NULL };
  g_autoptr(McChat) chat = NULL;
  g_autofree char *number = NULL;
  TextQuery query = { order_panel (fixture),
                      "Add the order-processing (read-only) scope to this key to see the return" };
  g_autofree char *text = NULL;

  g_assert_true (ui_test_wait_until (find_return_chat, &chat_query, WAIT_MSEC));
  chat = chat_query.found;
  mc_window_open_chat (fixture->window, mc_chat_get_chat_id (chat));
  g_assert_true (ui_test_wait_until (panel_shows, &query, WAIT_MSEC));

  number = g_strdup_printf ("%" G_GINT64_FORMAT, mc_chat_context_get_order_id (mc_chat_get_context (chat)));
  text = mc_order_panel_dup_text (query.panel);
  g_assert_nonnull (strstr (text, number));
}

static gboolean
is_compact (gpointer data)
{
  return mc_order_panel_get_compact (data);
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(McChat) chat = open_order_chat (fixture, 1, "FBY");
  McOrderPanel *panel = order_panel (fixture);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             mc_chat_context_get_order_id (mc_chat_get_context (chat)));
  TextQuery query = { panel, number };

  /* Folded: a section under the header, not a panel at the side. */
  g_assert_true (ui_test_wait_until (is_compact, panel, WAIT_MSEC));
  g_assert_true (ui_test_wait_until (panel_shows, &query, WAIT_MSEC));
  g_assert_true (gtk_widget_get_visible (order_button (fixture)));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/ui/order-panel/shows-order", Fixture, GINT_TO_POINTER (0),
              fixture_set_up, test_shows_order, fixture_tear_down);
  g_test_add ("/ui/order-panel/no-scope", Fixture, GINT_TO_POINTER (0),
              fixture_set_up, test_no_scope, fixture_tear_down);
  g_test_add ("/ui/order-panel/return-note", Fixture, GINT_TO_POINTER (0),
              fixture_set_up, test_return_note, fixture_tear_down);
  g_test_add ("/ui/order-panel/no-order", Fixture, GINT_TO_POINTER (0),
              fixture_set_up, test_no_order, fixture_tear_down);
  g_test_add ("/ui/order-panel/narrow", Fixture, GINT_TO_POINTER (360),
              fixture_set_up, test_narrow, fixture_tear_down);

  return g_test_run ();
}
