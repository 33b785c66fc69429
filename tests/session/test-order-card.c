/* test-order-card.c: the order card of McChatTimeline on the demo session
 * (the fake Market in-process): an order for each placement the fake data
 * has, getBusinessOrders for a key with order scopes and the deprecated
 * getOrder for a COMMUNICATION-only key, the no-scope state once getOrder
 * is gone, a 420 that keeps the kept copy and tries again, freshness, and
 * a return chat with its return and order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-chat-store.h"
#include "mc-chat-timeline-private.h"
#include "mc-fake-market.h"
#include "mc-session.h"
#include "mc-test-util.h"

#define MINUTE_USEC ((gint64) 60 * G_USEC_PER_SEC)

typedef struct
{
  McSession    *session;
  McFakeMarket *market;
} Fixture;

/* The clock the timelines measure freshness by: real time, moved on. */
static gint64 clock_offset;

static gint64
test_clock (void)
{
  return g_get_real_time () + clock_offset;
}

static gboolean
session_ready (gpointer data)
{
  McSession *session = data;

  return mc_session_get_state (session) == MC_SESSION_STATE_READY &&
         g_list_model_get_n_items (G_LIST_MODEL (mc_session_get_cabinets (session))) == 2;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  clock_offset = 0;
  mc_chat_timeline_set_clock (test_clock);
  fixture->session = mc_session_new (NULL);
  g_assert_true (mc_session_start_demo (fixture->session, &error));
  g_assert_no_error (error);
  fixture->market = MC_FAKE_MARKET (mc_session_get_fake_market (fixture->session));
  g_assert_true (mc_test_wait_until (session_ready, fixture->session, MC_TEST_WAIT_MSEC));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  mc_test_iterate_for (100);
  g_assert_finalize_object (g_steal_pointer (&fixture->session));
  mc_chat_timeline_set_clock (NULL);
}

typedef struct
{
  McSession     *session;
  McContextType  type;
  gint64         order_id;     /* 0: any */
  gint64         business_id;  /* 0: any */
  McChat        *found;
} ChatQuery;

static gboolean
find_chat (gpointer data)
{
  ChatQuery *query = data;
  GListModel *chats = G_LIST_MODEL (mc_session_get_chats (query->session));

  for (guint i = 0; i < g_list_model_get_n_items (chats); i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (chats, i);
      McChatContext *context = mc_chat_get_context (chat);

      if (context == NULL || mc_chat_context_get_context_type (context) != query->type ||
          mc_chat_context_get_order_id (context) <= 0)
        continue;
      if (query->order_id != 0 && mc_chat_context_get_order_id (context) != query->order_id)
        continue;
      if (query->type == MC_CONTEXT_TYPE_RETURN && mc_chat_context_get_return_id (context) <= 0)
        continue;
      if (query->business_id != 0 && mc_chat_get_business_id (chat) != query->business_id)
        continue;

      query->found = g_steal_pointer (&chat);
      return TRUE;
    }

  return FALSE;
}

static McChat *
wait_for_chat (Fixture       *fixture,
               McContextType  type,
               gint64         order_id)
{
  ChatQuery query = { fixture->session, type, order_id, 0, NULL };

  g_assert_true (mc_test_wait_until (find_chat, &query, MC_TEST_WAIT_MSEC));

  return query.found;
}

static gboolean
order_settled (gpointer data)
{
  McChatTimeline *timeline = data;
  McOrderState state = mc_chat_timeline_get_order_state (timeline);

  return state != MC_ORDER_STATE_LOADING && state != MC_ORDER_STATE_NONE &&
         (state != MC_ORDER_STATE_READY || mc_chat_timeline_get_order (timeline) != NULL);
}

/* Lets go of the timeline and checks it went: the next one is new. */
static void
close_timeline (McChatTimeline **timeline)
{
  McChatTimeline *gone = *timeline;

  g_object_add_weak_pointer (G_OBJECT (gone), (gpointer *) &gone);
  g_clear_object (timeline);
  g_assert_null (gone);
}

static void
check_order (McOrder    *order,
             gint64      order_id,
             const char *placement)
{
  GPtrArray *items;

  g_assert_nonnull (order);
  g_assert_cmpint (mc_order_get_order_id (order), ==, order_id);
  g_assert_cmpint (mc_order_get_status (order), !=, MC_ORDER_STATUS_UNKNOWN);
  g_assert_cmpint (mc_order_get_delivery_type (order), !=, MC_ORDER_DELIVERY_TYPE_UNKNOWN);
  g_assert_cmpint (mc_order_get_created_at (order), >, 0);
  g_assert_nonnull (mc_order_get_delivery_service (order));
  g_assert_cmpfloat (mc_order_get_total (order), >, 0);
  if (placement != NULL)
    g_assert_cmpstr (mc_order_get_placement_string (order), ==, placement);

  items = mc_order_get_items (order);
  g_assert_cmpuint (items->len, >, 0);
  for (guint i = 0; i < items->len; i++)
    {
      McOrderItem *item = g_ptr_array_index (items, i);

      g_assert_nonnull (item->name);
      g_assert_nonnull (item->sku);
      g_assert_cmpint (item->count, >, 0);
    }
}

/* One order of @business's store of @placement, opened in its chat. */
static void
check_placement (Fixture    *fixture,
                 guint       business,
                 const char *placement,
                 const char *operation)
{
  gint64 business_id = mc_fake_market_get_business_id (fixture->market, business);
  gint64 order_id = mc_fake_market_find_order (fixture->market, business_id, placement, NULL, NULL);
  g_autoptr(McChat) chat = NULL;
  g_autoptr(McChatTimeline) timeline = NULL;
  guint before;

  g_test_message ("%s order %" G_GINT64_FORMAT " by %s", placement, order_id, operation);
  g_assert_cmpint (order_id, >, 0);
  {
    ChatQuery query = { fixture->session, MC_CONTEXT_TYPE_ORDER, order_id, 0, NULL };

    /* The fake's order may be a return chat's. */
    if (!mc_test_wait_until (find_chat, &query, MC_TEST_WAIT_MSEC))
      {
        query.type = MC_CONTEXT_TYPE_RETURN;
        g_assert_true (mc_test_wait_until (find_chat, &query, MC_TEST_WAIT_MSEC));
      }
    chat = query.found;
  }

  before = mc_fake_market_get_request_count (fixture->market, operation);
  timeline = mc_session_get_timeline (fixture->session, chat);
  g_assert_cmpint (mc_chat_timeline_get_order_state (timeline), ==, MC_ORDER_STATE_LOADING);
  g_assert_null (mc_chat_timeline_get_order (timeline));
  g_assert_true (mc_test_wait_until (order_settled, timeline, MC_TEST_WAIT_MSEC));
  g_assert_cmpint (mc_chat_timeline_get_order_state (timeline), ==, MC_ORDER_STATE_READY);
  g_assert_null (mc_chat_timeline_get_order_message (timeline));
  /* getOrder does not name the placement. */
  check_order (mc_chat_timeline_get_order (timeline), order_id,
               g_str_equal (operation, "getOrder") ? NULL : placement);
  g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, operation), ==, before + 1);
}

static void
test_placements (Fixture       *fixture,
                 gconstpointer  user_data)
{
  guint legacy = mc_fake_market_get_request_count (fixture->market, "getOrder");

  /* Cabinet 1's key has ALL_METHODS: getBusinessOrders. */
  check_placement (fixture, 1, "FBS", "getBusinessOrders");
  check_placement (fixture, 1, "FBY", "getBusinessOrders");
  g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, "getOrder"), ==, legacy);
  /* Cabinet 2's key has COMMUNICATION only: the deprecated getOrder. */
  check_placement (fixture, 2, "DBS", "getOrder");
}

static void
test_no_order (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(McChat) chat = NULL;
  g_autoptr(McChatTimeline) timeline = NULL;
  ChatQuery query = { fixture->session, MC_CONTEXT_TYPE_DIRECT, 0, 0, NULL };
  GListModel *chats = G_LIST_MODEL (mc_session_get_chats (fixture->session));
  guint before = mc_fake_market_get_request_count (fixture->market, "getBusinessOrders");

  for (guint i = 0; i < g_list_model_get_n_items (chats) && query.found == NULL; i++)
    {
      g_autoptr(McChat) item = g_list_model_get_item (chats, i);
      McChatContext *context = mc_chat_get_context (item);

      if (context == NULL || mc_chat_context_get_order_id (context) == 0)
        query.found = g_steal_pointer (&item);
    }
  g_assert_nonnull (query.found);
  chat = query.found;

  timeline = mc_session_get_timeline (fixture->session, chat);
  mc_test_iterate_for (200);
  g_assert_cmpint (mc_chat_timeline_get_order_state (timeline), ==, MC_ORDER_STATE_NONE);
  g_assert_null (mc_chat_timeline_get_order (timeline));
  g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, "getBusinessOrders"), ==, before);
}

static void
test_legacy_gone (Fixture       *fixture,
                  gconstpointer  user_data)
{
  gint64 business_id = mc_fake_market_get_business_id (fixture->market, 2);
  gint64 order_id = mc_fake_market_find_order (fixture->market, business_id, "DBS", NULL, NULL);
  g_autoptr(McChat) chat = NULL;
  g_autoptr(McChatTimeline) timeline = NULL;
  guint before;

  mc_fake_market_set_get_order_gone (fixture->market, TRUE);
  chat = wait_for_chat (fixture, MC_CONTEXT_TYPE_ORDER, order_id);
  before = mc_fake_market_get_request_count (fixture->market, "getOrder");

  timeline = mc_session_get_timeline (fixture->session, chat);
  g_assert_true (mc_test_wait_until (order_settled, timeline, MC_TEST_WAIT_MSEC));
  g_assert_cmpint (mc_chat_timeline_get_order_state (timeline), ==, MC_ORDER_STATE_NO_SCOPE);
  g_assert_null (mc_chat_timeline_get_order (timeline));
  g_assert_cmpstr (mc_chat_timeline_get_order_message (timeline), ==,
                   "Add the order-processing (read-only) scope to this key to see orders");
  /* It was asked, and said it is gone; getBusinessOrders was not tried. */
  g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, "getOrder"), ==, before + 1);
}

static void
test_freshness (Fixture       *fixture,
                gconstpointer  user_data)
{
  gint64 business_id = mc_fake_market_get_business_id (fixture->market, 1);
  gint64 order_id = mc_fake_market_find_order (fixture->market, business_id, "FBS", NULL, NULL);
  g_autoptr(McChat) chat = wait_for_chat (fixture, MC_CONTEXT_TYPE_ORDER, order_id);
  g_autoptr(McChatTimeline) timeline = NULL;
  guint fetched;

  timeline = mc_session_get_timeline (fixture->session, chat);
  g_assert_true (mc_test_wait_until (order_settled, timeline, MC_TEST_WAIT_MSEC));
  g_assert_nonnull (mc_chat_timeline_get_order (timeline));
  fetched = mc_fake_market_get_request_count (fixture->market, "getBusinessOrders");
  close_timeline (&timeline);

  /* Opened again within 10 minutes: the kept copy at once, no request. */
  clock_offset = 9 * MINUTE_USEC;
  timeline = mc_session_get_timeline (fixture->session, chat);
  g_assert_cmpint (mc_chat_timeline_get_order_state (timeline), ==, MC_ORDER_STATE_READY);
  check_order (mc_chat_timeline_get_order (timeline), order_id, "FBS");
  mc_chat_timeline_order_tick (timeline);
  mc_test_iterate_for (300);
  g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, "getBusinessOrders"), ==, fetched);

  /* The refresh timer, once the copy is 10 minutes old, fetches it again. */
  clock_offset = 10 * MINUTE_USEC + G_USEC_PER_SEC;
  mc_chat_timeline_order_tick (timeline);
  g_assert_cmpint (mc_chat_timeline_get_order_state (timeline), ==, MC_ORDER_STATE_READY);
  g_assert_nonnull (mc_chat_timeline_get_order (timeline));
  mc_test_iterate_for (300);
  g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, "getBusinessOrders"), ==, fetched + 1);

  /* And not again right after. */
  mc_chat_timeline_order_tick (timeline);
  mc_test_iterate_for (300);
  g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, "getBusinessOrders"), ==, fetched + 1);
  close_timeline (&timeline);

  /* Opened after more than 10 minutes: kept copy at once, then fetched. */
  clock_offset = 21 * MINUTE_USEC;
  timeline = mc_session_get_timeline (fixture->session, chat);
  g_assert_nonnull (mc_chat_timeline_get_order (timeline));
  g_assert_cmpint (mc_chat_timeline_get_order_state (timeline), ==, MC_ORDER_STATE_READY);
  mc_test_iterate_for (300);
  g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, "getBusinessOrders"), ==, fetched + 2);
}

typedef struct
{
  McFakeMarket *market;
  guint         count;
} CountQuery;

static gboolean
requests_reached (gpointer data)
{
  CountQuery *query = data;

  return mc_fake_market_get_request_count (query->market, "getBusinessOrders") >= query->count;
}

static void
test_rate_limited (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gint64 business_id = mc_fake_market_get_business_id (fixture->market, 1);
  gint64 order_id = mc_fake_market_find_order (fixture->market, business_id, "FBY", NULL, NULL);
  g_autoptr(McChat) chat = wait_for_chat (fixture, MC_CONTEXT_TYPE_ORDER, order_id);
  g_autoptr(McChatTimeline) timeline = NULL;
  g_autoptr(GDateTime) until = NULL;
  g_autofree char *until_header = NULL;
  CountQuery query = { fixture->market, 0 };
  guint fetched;

  timeline = mc_session_get_timeline (fixture->session, chat);
  g_assert_true (mc_test_wait_until (order_settled, timeline, MC_TEST_WAIT_MSEC));
  g_assert_nonnull (mc_chat_timeline_get_order (timeline));
  close_timeline (&timeline);

  /* A 420 with a short pause for the next fetch. */
  until = g_date_time_add_seconds (g_date_time_new_now_utc (), 2);
  until_header = g_date_time_format (until, "%a, %d %b %Y %H:%M:%S GMT");
  mc_fake_market_set_until_header (fixture->market, until_header);
  mc_fake_market_inject_fault (fixture->market, "/orders", MC_FAKE_FAULT_STATUS, 420, 1);
  fetched = mc_fake_market_get_request_count (fixture->market, "getBusinessOrders");

  clock_offset = 11 * MINUTE_USEC;
  timeline = mc_session_get_timeline (fixture->session, chat);
  query.count = fetched + 1;
  g_assert_true (mc_test_wait_until (requests_reached, &query, MC_TEST_WAIT_MSEC));
  mc_test_iterate_for (200);

  /* The kept copy stays, without an error. */
  g_assert_cmpint (mc_chat_timeline_get_order_state (timeline), ==, MC_ORDER_STATE_READY);
  check_order (mc_chat_timeline_get_order (timeline), order_id, "FBY");
  g_assert_null (mc_chat_timeline_get_order_message (timeline));
  g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, "getBusinessOrders"), ==, fetched + 1);

  /* Tried again once the pause is over. */
  mc_fake_market_set_until_header (fixture->market, NULL);
  query.count = fetched + 2;
  g_assert_true (mc_test_wait_until (requests_reached, &query, MC_TEST_WAIT_MSEC));
  mc_test_iterate_for (200);
  g_assert_cmpint (mc_chat_timeline_get_order_state (timeline), ==, MC_ORDER_STATE_READY);
  check_order (mc_chat_timeline_get_order (timeline), order_id, "FBY");
}

static void
test_return (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(McChat) chat = NULL;
  g_autoptr(McChatTimeline) timeline = NULL;
  McChatContext *context;
  McReturn *ret;

  /* A return of cabinet 1, whose key may read returns. */
  ChatQuery query = { fixture->session, MC_CONTEXT_TYPE_RETURN, 0,
                      mc_fake_market_get_business_id (fixture->market, 1), NULL };

  g_assert_true (mc_test_wait_until (find_chat, &query, MC_TEST_WAIT_MSEC));
  chat = query.found;
  context = mc_chat_get_context (chat);

  timeline = mc_session_get_timeline (fixture->session, chat);
  g_assert_true (mc_test_wait_until (order_settled, timeline, MC_TEST_WAIT_MSEC));
  g_assert_cmpint (mc_chat_timeline_get_order_state (timeline), ==, MC_ORDER_STATE_READY);
  check_order (mc_chat_timeline_get_order (timeline), mc_chat_context_get_order_id (context), NULL);

  ret = mc_chat_timeline_get_return (timeline);
  g_assert_nonnull (ret);
  g_assert_cmpint (mc_return_get_return_id (ret), ==, mc_chat_context_get_return_id (context));
  g_assert_cmpint (mc_return_get_order_id (ret), ==, mc_chat_context_get_order_id (context));
  g_assert_cmpint (mc_return_get_status (ret), !=, MC_RETURN_STATUS_UNKNOWN);
  g_assert_cmpuint (mc_return_get_items (ret)->len, >, 0);
  g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, "getReturn"), >=, 1);
  close_timeline (&timeline);

  /* Both kept: shown at once when opened again. */
  timeline = mc_session_get_timeline (fixture->session, chat);
  g_assert_nonnull (mc_chat_timeline_get_order (timeline));
  g_assert_nonnull (mc_chat_timeline_get_return (timeline));
}

/* A key that reads orders (by getOrder) but not returns: the order, and
 * a word on what to add for the return. */
static void
test_return_not_allowed (Fixture       *fixture,
                         gconstpointer  user_data)
{
  ChatQuery query = { fixture->session, MC_CONTEXT_TYPE_RETURN, 0,
                      mc_fake_market_get_business_id (fixture->market, 2), NULL };
  g_autoptr(McChat) chat = NULL;
  g_autoptr(McChatTimeline) timeline = NULL;
  guint returns = mc_fake_market_get_request_count (fixture->market, "getReturn");

  g_assert_true (mc_test_wait_until (find_chat, &query, MC_TEST_WAIT_MSEC));
  chat = query.found;

  timeline = mc_session_get_timeline (fixture->session, chat);
  g_assert_true (mc_test_wait_until (order_settled, timeline, MC_TEST_WAIT_MSEC));
  g_assert_cmpint (mc_chat_timeline_get_order_state (timeline), ==, MC_ORDER_STATE_READY);
  check_order (mc_chat_timeline_get_order (timeline),
               mc_chat_context_get_order_id (mc_chat_get_context (chat)), NULL);
  g_assert_null (mc_chat_timeline_get_return (timeline));
  g_assert_cmpstr (mc_chat_timeline_get_order_message (timeline), ==,
                   "Add the order-processing (read-only) scope to this key to see the return");
  g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, "getReturn"), ==, returns);
  close_timeline (&timeline);

  /* Opened again: the kept order at once, with the same word. */
  timeline = mc_session_get_timeline (fixture->session, chat);
  g_assert_nonnull (mc_chat_timeline_get_order (timeline));
  g_assert_nonnull (mc_chat_timeline_get_order_message (timeline));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/order-card/placements", test_placements);
  ADD ("/order-card/no-order", test_no_order);
  ADD ("/order-card/legacy-gone", test_legacy_gone);
  ADD ("/order-card/freshness", test_freshness);
  ADD ("/order-card/rate-limited", test_rate_limited);
  ADD ("/order-card/return", test_return);
  ADD ("/order-card/return-not-allowed", test_return_not_allowed);
#undef ADD

  return g_test_run ();
}
