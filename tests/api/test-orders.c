/* test-orders.c: the order card's reads against the fake Market: each
 * placement and delivery type, the endpoint chosen by the key's scopes,
 * getOrder gone, 420s and malformed answers; and the parsers on their own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mc-api-client.h"
#include "mc-api-parse-orders.h"
#include "mc-fake-market.h"
#include "mc-test-util.h"

#define SEED 42

typedef struct
{
  McFakeMarket *market;
  gint64        business_1;
  gint64        business_2;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->market = mc_test_start_market (mc_fake_market_new (SEED, 0));
  fixture->business_1 = mc_fake_market_get_business_id (fixture->market, 1);
  fixture->business_2 = mc_fake_market_get_business_id (fixture->market, 2);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  mc_test_stop_market (fixture->market);
}

static McApiClient *
new_client (Fixture     *fixture,
            McFakeToken  token)
{
  g_autoptr(GError) error = NULL;
  McApiClient *client;

  client = mc_api_client_new (mc_fake_market_get_url (fixture->market),
                              token == MC_FAKE_TOKEN_OAUTH ? MC_AUTH_KIND_OAUTH : MC_AUTH_KIND_API_KEY,
                              mc_fake_market_get_token (fixture->market, token), &error);
  g_assert_no_error (error);
  mc_api_client_set_backoff_scale (client, 0.01);

  return client;
}

static GStrv
scopes_of (McApiClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McTokenInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  mc_api_client_check_token_async (client, NULL, mc_test_store_result, &result);
  info = mc_api_client_check_token_finish (client, mc_test_wait_for (&result), &error);
  g_assert_no_error (error);

  return g_strdupv (info->scopes);
}

static McOrder *
get_order (McApiClient         *client,
           gint64               business_id,
           gint64               campaign_id,
           gint64               order_id,
           const char * const  *scopes,
           GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mc_api_client_get_order_async (client, business_id, campaign_id, order_id, scopes,
                                 NULL, mc_test_store_result, &result);

  return mc_api_client_get_order_finish (client, mc_test_wait_for (&result), error);
}

static McReturn *
get_return (McApiClient         *client,
            gint64               business_id,
            gint64               campaign_id,
            gint64               order_id,
            gint64               return_id,
            const char * const  *scopes,
            GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mc_api_client_get_return_async (client, business_id, campaign_id, order_id, return_id, scopes,
                                  NULL, mc_test_store_result, &result);

  return mc_api_client_get_return_finish (client, mc_test_wait_for (&result), error);
}

static void
check_order (McOrder    *order,
             gint64      order_id,
             gint64      campaign_id,
             const char *delivery_type)
{
  double sum = 0;
  GPtrArray *items;

  g_assert_nonnull (order);
  g_assert_cmpint (mc_order_get_order_id (order), ==, order_id);
  g_assert_cmpint (mc_order_get_campaign_id (order), ==, campaign_id);
  g_assert_cmpint (mc_order_get_status (order), !=, MC_ORDER_STATUS_UNKNOWN);
  g_assert_nonnull (mc_order_substatus_get_words (mc_order_get_substatus (order)));
  g_assert_cmpint (mc_order_get_created_at (order), >, 0);
  g_assert_cmpstr (mc_order_get_delivery_type_string (order), ==, delivery_type);
  g_assert_nonnull (mc_order_get_delivery_service (order));
  g_assert_nonnull (mc_order_get_delivery_from_date (order));
  g_assert_cmpint (mc_order_get_payment_type (order), !=, MC_ORDER_PAYMENT_TYPE_UNKNOWN);
  g_assert_cmpstr (mc_order_get_currency (order), ==, "RUR");

  items = mc_order_get_items (order);
  g_assert_cmpuint (items->len, >=, 1);
  for (guint i = 0; i < items->len; i++)
    {
      McOrderItem *item = g_ptr_array_index (items, i);

      g_assert_nonnull (item->name);
      g_assert_nonnull (item->sku);
      g_assert_cmpint (item->count, >=, 1);
      g_assert_cmpfloat (item->price, >, 0);
      sum += item->price * item->count;
    }
  g_assert_cmpfloat_with_epsilon (mc_order_get_total (order), sum, 0.001);
}

/* getBusinessOrders on the stores of cabinet 1 (FBS, FBY) with an
 * ALL_METHODS key, and of cabinet 2 (DBS) with a read-only order scope. */
static void
test_business_orders (Fixture       *fixture,
                      gconstpointer  data)
{
  static const struct
  {
    guint       cabinet;
    McFakeToken token;
    const char *placement;
    const char *delivery;
  } cases[] = {
    { 1, MC_FAKE_TOKEN_CABINET_1, "FBS", "PICKUP" },
    { 1, MC_FAKE_TOKEN_CABINET_1, "FBS", "DELIVERY" },
    { 1, MC_FAKE_TOKEN_CABINET_1, "FBY", "PICKUP" },
    { 1, MC_FAKE_TOKEN_CABINET_1, "FBY", "POST" },
    { 1, MC_FAKE_TOKEN_READ_ONLY, "FBS", "PICKUP" },
    { 1, MC_FAKE_TOKEN_OAUTH, "FBY", "DELIVERY" },
    { 2, MC_FAKE_TOKEN_ORDERS_2, "DBS", "DELIVERY" },
    { 2, MC_FAKE_TOKEN_ORDERS_2, "DBS", "PICKUP" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(McApiClient) client = new_client (fixture, cases[i].token);
      g_auto(GStrv) scopes = cases[i].token == MC_FAKE_TOKEN_OAUTH ? NULL : scopes_of (client);
      gint64 business_id = cases[i].cabinet == 1 ? fixture->business_1 : fixture->business_2;
      g_autoptr(McOrder) order = NULL;
      g_autoptr(GError) error = NULL;
      gint64 campaign_id = 0;
      gint64 order_id;

      order_id = mc_fake_market_find_order (fixture->market, business_id, cases[i].placement,
                                            cases[i].delivery, &campaign_id);
      g_assert_cmpint (order_id, >, 0);

      mc_fake_market_reset_counters (fixture->market);
      order = get_order (client, business_id, campaign_id, order_id,
                         (const char * const *) scopes, &error);
      g_assert_no_error (error);
      check_order (order, order_id, campaign_id, cases[i].delivery);
      g_assert_cmpstr (mc_order_get_placement_string (order), ==, cases[i].placement);
      g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, "getBusinessOrders"), ==, 1);
      g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, "getOrder"), ==, 0);
      g_assert_cmpuint (mc_api_client_get_used_in_hour (client, MC_API_METHOD_GET_BUSINESS_ORDERS), ==, 1);

      /* A DBS store delivers itself, in hours of a day. */
      if (g_str_equal (cases[i].delivery, "DELIVERY") && g_str_equal (cases[i].placement, "DBS"))
        {
          g_assert_cmpstr (mc_order_get_delivery_from_time (order), ==, "10:00");
          g_assert_cmpstr (mc_order_get_delivery_to_time (order), ==, "14:00");
        }
    }
}

/* A COMMUNICATION-only key reads through the deprecated getOrder, the same
 * order as getBusinessOrders gives; once getOrder is gone, the seller is
 * told which scope to add. */
static void
test_legacy_order (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(McApiClient) client = new_client (fixture, MC_FAKE_TOKEN_CABINET_2);
  g_autoptr(McApiClient) orders_client = new_client (fixture, MC_FAKE_TOKEN_ORDERS_2);
  g_auto(GStrv) scopes = scopes_of (client);
  g_autoptr(McOrder) order = NULL;
  g_autoptr(McOrder) same = NULL;
  g_autoptr(McOrder) gone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *words = NULL;
  gint64 campaign_id = 0;
  gint64 order_id;

  g_assert_cmpint (mc_api_order_access_for_scopes ((const char * const *) scopes), ==,
                   MC_ORDER_ACCESS_GET_ORDER);

  order_id = mc_fake_market_find_order (fixture->market, fixture->business_2, "DBS", NULL, &campaign_id);
  order = get_order (client, fixture->business_2, campaign_id, order_id,
                     (const char * const *) scopes, &error);
  g_assert_no_error (error);
  check_order (order, order_id, campaign_id, mc_order_get_delivery_type_string (order));
  g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, "getOrder"), ==, 1);
  g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, "getBusinessOrders"), ==, 0);

  same = get_order (orders_client, fixture->business_2, campaign_id, order_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mc_order_get_created_at (same), ==, mc_order_get_created_at (order));
  g_assert_cmpstr (mc_order_get_delivery_from_date (same), ==, mc_order_get_delivery_from_date (order));
  g_assert_cmpstr (mc_order_get_status_string (same), ==, mc_order_get_status_string (order));
  g_assert_cmpfloat (mc_order_get_total (same), ==, mc_order_get_total (order));

  /* The key may not read orders with getBusinessOrders. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) orders = NULL;

    mc_api_client_get_business_orders_async (client, fixture->business_2, &order_id, 1, NULL,
                                             mc_test_store_result, &result);
    orders = mc_api_client_get_business_orders_finish (client, mc_test_wait_for (&result), &error);
    g_assert_null (orders);
    g_assert_error (error, MC_API_ERROR, MC_API_ERROR_FORBIDDEN);
    g_clear_error (&error);
  }

  /* Returns need the order scope. */
  {
    g_autoptr(McReturn) ret = get_return (client, fixture->business_2, campaign_id, order_id, 1,
                                          (const char * const *) scopes, &error);

    g_assert_null (ret);
    g_assert_error (error, MC_API_ERROR, MC_API_ERROR_ORDERS_NOT_ALLOWED);
    g_clear_error (&error);
  }

  mc_fake_market_set_get_order_gone (fixture->market, TRUE);
  gone = get_order (client, fixture->business_2, campaign_id, order_id,
                    (const char * const *) scopes, &error);
  g_assert_null (gone);
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_ORDERS_NOT_ALLOWED);
  words = mc_api_error_describe (error);
  g_assert_nonnull (strstr (words, "order-processing (read-only) scope"));
  g_clear_error (&error);

  /* Its raw form says the endpoint is gone. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(McOrder) raw = NULL;

    mc_api_client_get_legacy_order_async (client, fixture->business_2, campaign_id, order_id, NULL,
                                          mc_test_store_result, &result);
    raw = mc_api_client_get_legacy_order_finish (client, mc_test_wait_for (&result), &error);
    g_assert_null (raw);
    g_assert_error (error, MC_API_ERROR, MC_API_ERROR_GONE);
    g_clear_error (&error);
  }

  /* A 403 from getOrder says the same. */
  mc_fake_market_set_get_order_gone (fixture->market, FALSE);
  mc_fake_market_inject_fault (fixture->market, "/orders/", MC_FAKE_FAULT_STATUS, 403, 1);
  gone = get_order (client, fixture->business_2, campaign_id, order_id,
                    (const char * const *) scopes, &error);
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_ORDERS_NOT_ALLOWED);
}

static void
test_scopes (void)
{
  const char *all[] = { "ALL_METHODS", NULL };
  const char *read_only[] = { "INVENTORY_AND_ORDER_PROCESSING_READ_ONLY", NULL };
  const char *finance[] = { "FINANCE_AND_ACCOUNTING", NULL };
  const char *communication[] = { "COMMUNICATION", NULL };
  const char *both[] = { "COMMUNICATION", "INVENTORY_AND_ORDER_PROCESSING", NULL };
  const char *pricing[] = { "PRICING", NULL };

  g_assert_cmpint (mc_api_order_access_for_scopes (all), ==, MC_ORDER_ACCESS_BUSINESS_ORDERS);
  g_assert_cmpint (mc_api_order_access_for_scopes (read_only), ==, MC_ORDER_ACCESS_BUSINESS_ORDERS);
  g_assert_cmpint (mc_api_order_access_for_scopes (finance), ==, MC_ORDER_ACCESS_BUSINESS_ORDERS);
  g_assert_cmpint (mc_api_order_access_for_scopes (both), ==, MC_ORDER_ACCESS_BUSINESS_ORDERS);
  g_assert_cmpint (mc_api_order_access_for_scopes (communication), ==, MC_ORDER_ACCESS_GET_ORDER);
  g_assert_cmpint (mc_api_order_access_for_scopes (pricing), ==, MC_ORDER_ACCESS_NONE);
  g_assert_cmpint (mc_api_order_access_for_scopes (NULL), ==, MC_ORDER_ACCESS_BUSINESS_ORDERS);

  g_assert_true (mc_api_scopes_allow_returns (all));
  g_assert_true (mc_api_scopes_allow_returns (read_only));
  g_assert_false (mc_api_scopes_allow_returns (finance));
  g_assert_false (mc_api_scopes_allow_returns (communication));
}

/* A key with no order scope at all is refused before any request. */
static void
test_missing_scopes (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(McApiClient) client = new_client (fixture, MC_FAKE_TOKEN_CABINET_1);
  const char *pricing[] = { "PRICING", NULL };
  g_autoptr(McOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  order = get_order (client, fixture->business_1, 1, 1, pricing, &error);
  g_assert_null (order);
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_ORDERS_NOT_ALLOWED);
  g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, "getBusinessOrders"), ==, 0);
  g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, "getOrder"), ==, 0);
}

static void
test_returns (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(McApiClient) client = new_client (fixture, MC_FAKE_TOKEN_CABINET_1);
  g_autoptr(McReturn) ret = NULL;
  g_autoptr(McReturn) missing = NULL;
  g_autoptr(GError) error = NULL;
  gint64 order_id = 0, return_id = 0, campaign_id = 0;
  McChatContext *context;

  /* A RETURN chat names its order and return. */
  {
    g_autoptr(GAsyncResult) all = NULL;
    g_autoptr(GPtrArray) chats = NULL;
    McContextType types[] = { MC_CONTEXT_TYPE_RETURN };
    McChatFilter filter = { NULL, 0, NULL, 0, types, 1 };

    mc_api_client_get_all_chats_async (client, fixture->business_1, &filter, NULL, mc_test_store_result, &all);
    chats = mc_api_client_get_all_chats_finish (client, mc_test_wait_for (&all), &error);
    g_assert_no_error (error);
    for (guint i = 0; i < chats->len && return_id == 0; i++)
      {
        context = mc_chat_get_context (g_ptr_array_index (chats, i));
        if (mc_chat_context_get_order_id (context) > 0 && mc_chat_context_get_return_id (context) > 0)
          {
            order_id = mc_chat_context_get_order_id (context);
            return_id = mc_chat_context_get_return_id (context);
            campaign_id = mc_chat_context_get_campaign_id (context);
          }
      }
  }
  g_assert_cmpint (return_id, >, 0);

  ret = get_return (client, fixture->business_1, campaign_id, order_id, return_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mc_return_get_return_id (ret), ==, return_id);
  g_assert_cmpint (mc_return_get_order_id (ret), ==, order_id);
  g_assert_cmpint (mc_return_get_status (ret), !=, MC_RETURN_STATUS_UNKNOWN);
  g_assert_cmpint (mc_return_get_return_type (ret), !=, MC_RETURN_TYPE_UNKNOWN);
  g_assert_cmpuint (mc_return_get_items (ret)->len, ==, 1);
  g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, "getReturn"), ==, 1);

  missing = get_return (client, fixture->business_1, campaign_id, order_id, return_id + 1000000, NULL, &error);
  g_assert_null (missing);
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_NOT_FOUND);
}

/* A 420 pauses getBusinessOrders only; a 5xx is retried; a malformed body
 * is a protocol error. */
static void
test_faults (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(McApiClient) client = new_client (fixture, MC_FAKE_TOKEN_CABINET_1);
  g_autoptr(McOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  gint64 campaign_id = 0;
  gint64 order_id = mc_fake_market_find_order (fixture->market, fixture->business_1, NULL, NULL, &campaign_id);

  mc_fake_market_inject_fault (fixture->market, "/v1/businesses/", MC_FAKE_FAULT_STATUS, 420, 1);
  order = get_order (client, fixture->business_1, campaign_id, order_id, NULL, &error);
  g_assert_null (order);
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_RATE_LIMITED);
  g_assert_cmpint (mc_api_client_get_paused_until (client, MC_API_METHOD_GET_BUSINESS_ORDERS), >, 0);
  g_assert_cmpint (mc_api_client_get_paused_until (client, MC_API_METHOD_GET_RETURN), ==, 0);
  g_clear_error (&error);

  {
    g_autoptr(McApiClient) fresh = new_client (fixture, MC_FAKE_TOKEN_CABINET_1);

    mc_fake_market_reset_counters (fixture->market);
    mc_fake_market_inject_fault (fixture->market, "/v1/businesses/", MC_FAKE_FAULT_STATUS, 503, 1);
    order = get_order (fresh, fixture->business_1, campaign_id, order_id, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (order);
    g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, "getBusinessOrders"), ==, 2);
    g_clear_object (&order);

    mc_fake_market_inject_fault (fixture->market, "/v1/businesses/", MC_FAKE_FAULT_MALFORMED_JSON, 0, 1);
    order = get_order (fresh, fixture->business_1, campaign_id, order_id, NULL, &error);
    g_assert_null (order);
    g_assert_error (error, MC_API_ERROR, MC_API_ERROR_PROTOCOL);
    g_clear_error (&error);

    /* An order the Market does not know. */
    order = get_order (fresh, fixture->business_1, campaign_id, 1, NULL, &error);
    g_assert_null (order);
    g_assert_error (error, MC_API_ERROR, MC_API_ERROR_NOT_FOUND);
  }
}

/* The budgets are the spec's. */
static void
test_budgets (void)
{
  g_assert_cmpuint (mc_api_method_get_hourly_budget (MC_API_METHOD_GET_BUSINESS_ORDERS), ==, 10000);
  g_assert_cmpuint (mc_api_method_get_hourly_budget (MC_API_METHOD_GET_ORDER), ==, 10000);
  g_assert_cmpuint (mc_api_method_get_hourly_budget (MC_API_METHOD_GET_RETURN), ==, 7000);
  g_assert_cmpstr (mc_api_method_get_name (MC_API_METHOD_GET_BUSINESS_ORDERS), ==, "getBusinessOrders");
}

/* Parsers on their own */

static const char business_order[] =
  "{\"orders\":[{\"orderId\":7,\"campaignId\":21,\"programType\":\"EXPRESS\","
  "\"status\":\"SOMETHING_NEW\",\"substatus\":\"ANOTHER_NEW\",\"creationDate\":\"2026-12-01T10:00:00+03:00\","
  "\"paymentType\":\"PREPAID\",\"paymentMethod\":\"SBP\",\"fake\":false,\"newField\":[1,2],"
  "\"items\":[{\"id\":1,\"offerId\":\"SKU-1\",\"offerName\":\"Чайник\",\"count\":2,"
  "\"prices\":{\"payment\":{\"value\":1000.5,\"currencyId\":\"RUR\"}}}],"
  "\"prices\":{\"payment\":{\"value\":1000.5,\"currencyId\":\"RUR\"}},"
  "\"delivery\":{\"type\":\"DELIVERY\",\"serviceName\":\"Курьер\",\"deliveryServiceId\":5,"
  "\"deliveryPartnerType\":\"SHOP\",\"dates\":{\"fromDate\":\"2026-12-03\",\"fromTime\":\"10:00\",\"toTime\":\"14:00\"}}},"
  "{\"orderId\":8}],\"paging\":{}}";

static void
test_parse_business_orders (void)
{
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) rejected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *delivery = NULL;
  McOrder *order;

  g_assert_true (mc_api_parse_business_orders (business_order, strlen (business_order), &orders,
                                               &token, rejected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, ==, 1);
  g_assert_cmpuint (rejected->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (rejected, 0), "orders[1]"));
  g_assert_nonnull (strstr (g_ptr_array_index (rejected, 0), "campaignId"));

  order = g_ptr_array_index (orders, 0);
  /* Unknown values stay as the Market spelled them. */
  g_assert_cmpint (mc_order_get_status (order), ==, MC_ORDER_STATUS_UNKNOWN);
  g_assert_cmpstr (mc_order_get_status_string (order), ==, "SOMETHING_NEW");
  g_assert_cmpstr (mc_order_get_substatus_string (order), ==, "ANOTHER_NEW");
  g_assert_cmpint (mc_order_get_placement (order), ==, MC_PLACEMENT_TYPE_UNKNOWN);
  g_assert_cmpstr (mc_order_get_placement_string (order), ==, "EXPRESS");
  g_assert_cmpint (mc_order_get_payment_method (order), ==, MC_ORDER_PAYMENT_METHOD_SBP);
  g_assert_cmpfloat (((McOrderItem *) g_ptr_array_index (mc_order_get_items (order), 0))->price, ==, 500.25);
  g_assert_cmpint (mc_order_get_created_at (order), ==, G_GINT64_CONSTANT (1796108400) * G_USEC_PER_SEC);
  delivery = mc_order_dup_delivery_text (order);
  g_assert_cmpstr (delivery, ==, "03.12.2026, 10:00 – 14:00");
}

static void
test_parse_errors (void)
{
  static const struct
  {
    const char *json;
    const char *path;
  } cases[] = {
    { "{\"order\":{\"id\":\"7\"}}", "order.id" },
    { "{\"order\":{\"id\":7}}", "missing required field" },
    { "{}", "missing required field \"order\"" },
    { "{\"order\":{\"id\":7,\"status\":\"PROCESSING\",\"substatus\":\"STARTED\","
      "\"creationDate\":\"2026-12-01T10:00:00\"}}", "order.creationDate" },
    { "[", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(McOrder) order = mc_api_parse_order (cases[i].json, strlen (cases[i].json), 1, &error);

      g_assert_null (order);
      g_assert_error (error, MC_API_ERROR, MC_API_ERROR_PROTOCOL);
      if (cases[i].path != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].path));
    }

  {
    static const char broken_return[] = "{\"status\":\"OK\",\"result\":{\"id\":1,\"orderId\":2,"
                                        "\"returnType\":\"RETURN\",\"items\":[{\"shopSku\":\"A\",\"count\":-1}]}}";
    g_autoptr(GError) error = NULL;
    g_autoptr(McReturn) ret = mc_api_parse_return (broken_return, strlen (broken_return), &error);

    g_assert_null (ret);
    g_assert_error (error, MC_API_ERROR, MC_API_ERROR_PROTOCOL);
    g_assert_nonnull (strstr (error->message, "result.items[0].count"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/orders/scopes", test_scopes);
  g_test_add_func ("/orders/budgets", test_budgets);
  g_test_add_func ("/orders/parse/business-orders", test_parse_business_orders);
  g_test_add_func ("/orders/parse/errors", test_parse_errors);
  g_test_add ("/orders/business-orders", Fixture, NULL, fixture_set_up, test_business_orders, fixture_tear_down);
  g_test_add ("/orders/legacy", Fixture, NULL, fixture_set_up, test_legacy_order, fixture_tear_down);
  g_test_add ("/orders/missing-scopes", Fixture, NULL, fixture_set_up, test_missing_scopes, fixture_tear_down);
  g_test_add ("/orders/returns", Fixture, NULL, fixture_set_up, test_returns, fixture_tear_down);
  g_test_add ("/orders/faults", Fixture, NULL, fixture_set_up, test_faults, fixture_tear_down);

  return g_test_run ();
}
