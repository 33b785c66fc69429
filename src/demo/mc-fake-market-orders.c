/* mc-fake-market-orders.c: getBusinessOrders, getOrder (deprecated, and
 * 410 Gone on demand) and getReturn over the orders and returns of the
 * generated ORDER and RETURN chats.
 *
 * An order is generated from its id and its chat's store, so it is the
 * same at every call: the store's placement decides the delivery (a DBS
 * store delivers itself, with an interval of hours), the chat decides the
 * status (a RETURN chat's order was delivered).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mc-fake-market-private.h"

#define DAY_USEC (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)
#define MAX_ORDER_IDS 50

typedef struct
{
  const char *name;
  const char *sku;
  guint       price;
} Product;

static const Product home_products[] = {
  { "Чайник электрический Bork K515, 1,7 л", "KTL-K515-BLK", 6490 },
  { "Кружка керамическая «Утро», 350 мл", "MUG-350-WHT", 390 },
  { "Плед флисовый 150×200, серый", "PLAID-150-GRY", 1290 },
  { "Набор полотенец махровых, 3 шт.", "TWL-SET3-BEI", 1890 },
  { "Сковорода с антипригарным покрытием, 28 см", "PAN-28-NS", 2350 },
  { "Лампа настольная светодиодная", "LMP-LED-12", 1750 },
};

static const Product sport_products[] = {
  { "Коврик для йоги 183×61 см, 6 мм", "YOGA-MAT-6-PRP", 1490 },
  { "Гантели разборные 2×10 кг", "DMB-2X10", 5990 },
  { "Бутылка для воды спортивная, 750 мл", "BTL-750-BLU", 590 },
  { "Скакалка скоростная с подшипниками", "JRP-SPD-01", 690 },
  { "Кроссовки беговые Lite Run, р. 42", "SHOE-LR-42", 4890 },
};

typedef struct
{
  const char *type;
  const char *partner;
  const char *service;
  gint64      service_id;
} Delivery;

/* What each placement may offer; the first of each list is the usual. */
static const Delivery market_deliveries[] = {
  { "PICKUP", "YANDEX_MARKET", "Яндекс Маркет — пункт выдачи", 1005111 },
  { "DELIVERY", "YANDEX_MARKET", "Яндекс Маркет — курьер", 1005112 },
  { "POST", "YANDEX_MARKET", "Почта России", 1005113 },
};

static const Delivery shop_deliveries[] = {
  { "DELIVERY", "SHOP", "Собственная служба доставки", 99 },
  { "PICKUP", "SHOP", "Собственный пункт выдачи", 99 },
};

typedef struct
{
  const char *status;
  const char *substatus;
} Status;

static const Status order_statuses[] = {
  { "PROCESSING", "STARTED" },
  { "PROCESSING", "READY_TO_SHIP" },
  { "DELIVERY", "DELIVERY_SERVICE_RECEIVED" },
  { "PICKUP", "PICKUP_SERVICE_RECEIVED" },
  { "DELIVERED", "DELIVERY_SERVICE_DELIVERED" },
  { "CANCELLED", "USER_CHANGED_MIND" },
};

static const char * const refund_statuses[] = {
  "STARTED_BY_USER", "WAITING_FOR_DECISION", "REFUND_IN_PROGRESS", "REFUNDED",
};

typedef struct
{
  guint   index;
  guint   count;
} Line;

typedef struct
{
  gint64           order_id;
  gint64           campaign_id;
  McPlacementType  placement;
  const Status    *status;
  gint64           created_at;
  const Delivery  *delivery;
  gint64           from_day;   /* usec at midnight UTC */
  guint            days;       /* 0: one day */
  gboolean         hours;      /* DELIVERY by the shop: 10:00 – 14:00 */
  const Product   *products;
  Line             lines[3];
  guint            n_lines;
  gboolean         prepaid;
  gboolean         is_return;
} FakeOrder;

static const McFakeCampaign *
find_campaign (McFakeData *data,
               gint64      campaign_id)
{
  for (guint i = 0; i < MC_FAKE_N_CAMPAIGNS; i++)
    if (mc_fake_data_get_campaign (data, i)->id == campaign_id)
      return mc_fake_data_get_campaign (data, i);

  return NULL;
}

static guint
rand_below (guint64 *state,
            guint    n)
{
  *state = mc_fake_mix64 (*state + G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));
  return (guint) (*state % n);
}

static gboolean
fake_order_init (McFakeMarket *self,
                 McFakeChat   *chat,
                 FakeOrder    *order)
{
  const McFakeCampaign *campaign = find_campaign (self->data, chat->campaign_id);
  guint64 rng = mc_fake_mix64 ((guint64) chat->order_id ^ self->seed);
  guint n_products;

  if (campaign == NULL)
    return FALSE;

  memset (order, 0, sizeof *order);
  order->order_id = chat->order_id;
  order->campaign_id = campaign->id;
  order->placement = campaign->placement;
  order->is_return = chat->context_type == MC_CONTEXT_TYPE_RETURN;

  if (order->placement == MC_PLACEMENT_TYPE_DBS)
    {
      order->delivery = &shop_deliveries[rand_below (&rng, G_N_ELEMENTS (shop_deliveries))];
      order->hours = g_str_equal (order->delivery->type, "DELIVERY");
    }
  else
    order->delivery = &market_deliveries[rand_below (&rng, G_N_ELEMENTS (market_deliveries))];

  order->status = order->is_return ? &order_statuses[4]
                                   : &order_statuses[rand_below (&rng, G_N_ELEMENTS (order_statuses))];
  /* Placed a few days before the customer wrote, delivered a few after. */
  order->created_at = chat->created_at - (1 + rand_below (&rng, 5)) * DAY_USEC -
                      rand_below (&rng, 86400) * G_USEC_PER_SEC;
  order->from_day = (order->created_at / DAY_USEC + 2 + rand_below (&rng, 3)) * DAY_USEC;
  order->days = order->hours ? 0 : rand_below (&rng, 3);
  order->prepaid = rand_below (&rng, 4) != 0;

  if (mc_fake_data_get_business (self->data, 0)->id == mc_fake_data_get_business (self->data, campaign->business)->id)
    {
      order->products = home_products;
      n_products = G_N_ELEMENTS (home_products);
    }
  else
    {
      order->products = sport_products;
      n_products = G_N_ELEMENTS (sport_products);
    }

  order->n_lines = 1 + rand_below (&rng, 3);
  for (guint i = 0; i < order->n_lines; i++)
    {
      order->lines[i].index = (rand_below (&rng, n_products) + i) % n_products;
      for (guint j = 0; j < i; j++)
        if (order->lines[j].index == order->lines[i].index)
          order->lines[i].index = (order->lines[i].index + 1) % n_products;
      order->lines[i].count = 1 + (rand_below (&rng, 4) == 0 ? rand_below (&rng, 3) : 0);
    }

  return TRUE;
}

static guint
fake_order_total (const FakeOrder *order)
{
  guint total = 0;

  for (guint i = 0; i < order->n_lines; i++)
    total += order->products[order->lines[i].index].price * order->lines[i].count;

  return total;
}

static const char *
placement_name (McPlacementType placement)
{
  return mc_placement_type_to_string (placement) != NULL ? mc_placement_type_to_string (placement) : "FBS";
}

static char *
format_day (gint64   usec,
            gboolean day_first)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_format (date, day_first ? "%d-%m-%Y" : "%Y-%m-%d");
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
add_take_string (JsonBuilder *builder,
                 const char  *member,
                 char        *value)
{
  add_string (builder, member, value);
  g_free (value);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_money (JsonBuilder *builder,
           const char  *member,
           double       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "value");
  json_builder_add_double_value (builder, value);
  add_string (builder, "currencyId", "RUR");
  json_builder_end_object (builder);
}

static void
add_dates (JsonBuilder     *builder,
           const FakeOrder *order,
           gboolean         day_first)
{
  json_builder_set_member_name (builder, "dates");
  json_builder_begin_object (builder);
  add_take_string (builder, "fromDate", format_day (order->from_day, day_first));
  if (order->days > 0)
    add_take_string (builder, "toDate", format_day (order->from_day + order->days * DAY_USEC, day_first));
  if (order->hours)
    {
      add_string (builder, "fromTime", "10:00");
      add_string (builder, "toTime", "14:00");
    }
  json_builder_end_object (builder);
}

static void
add_delivery_common (JsonBuilder     *builder,
                     const FakeOrder *order)
{
  add_string (builder, "type", order->delivery->type);
  add_string (builder, "serviceName", order->delivery->service);
  add_int (builder, "deliveryServiceId", order->delivery->service_id);
  add_string (builder, "deliveryPartnerType", order->delivery->partner);
}

/* BusinessOrderDTO */
static JsonNode *
business_order_to_json (const FakeOrder *order)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_int (builder, "orderId", order->order_id);
  add_int (builder, "campaignId", order->campaign_id);
  add_string (builder, "programType", placement_name (order->placement));
  add_string (builder, "status", order->status->status);
  add_string (builder, "substatus", order->status->substatus);
  add_take_string (builder, "creationDate", mc_fake_format_date (order->created_at));
  add_take_string (builder, "updateDate", mc_fake_format_date (order->created_at + DAY_USEC));
  add_string (builder, "paymentType", order->prepaid ? "PREPAID" : "POSTPAID");
  add_string (builder, "paymentMethod", order->prepaid ? "YANDEX" : "CARD_ON_DELIVERY");
  json_builder_set_member_name (builder, "fake");
  json_builder_add_boolean_value (builder, FALSE);

  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < order->n_lines; i++)
    {
      const Product *product = &order->products[order->lines[i].index];

      json_builder_begin_object (builder);
      add_int (builder, "id", order->order_id * 10 + i + 1);
      add_string (builder, "offerId", product->sku);
      add_string (builder, "offerName", product->name);
      add_int (builder, "count", order->lines[i].count);
      json_builder_set_member_name (builder, "prices");
      json_builder_begin_object (builder);
      add_money (builder, "payment", (double) product->price * order->lines[i].count);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "prices");
  json_builder_begin_object (builder);
  add_money (builder, "payment", fake_order_total (order));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "delivery");
  json_builder_begin_object (builder);
  add_delivery_common (builder, order);
  add_dates (builder, order, FALSE);
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* GetOrderResponse: {"order": OrderDTO}, not wrapped in "result". */
static JsonNode *
legacy_order_to_json (const FakeOrder *order)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GTimeZone) msk = g_time_zone_new_offset (3 * 3600);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (order->created_at / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, msk);
  double total = fake_order_total (order);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "order");
  json_builder_begin_object (builder);
  add_int (builder, "id", order->order_id);
  add_string (builder, "status", order->status->status);
  add_string (builder, "substatus", order->status->substatus);
  add_take_string (builder, "creationDate", g_date_time_format (local, "%d-%m-%Y %H:%M:%S"));
  add_string (builder, "currency", "RUR");
  json_builder_set_member_name (builder, "itemsTotal");
  json_builder_add_double_value (builder, total);
  json_builder_set_member_name (builder, "deliveryTotal");
  json_builder_add_double_value (builder, 0);
  json_builder_set_member_name (builder, "buyerItemsTotalBeforeDiscount");
  json_builder_add_double_value (builder, total);
  add_string (builder, "paymentType", order->prepaid ? "PREPAID" : "POSTPAID");
  add_string (builder, "paymentMethod", order->prepaid ? "YANDEX" : "CARD_ON_DELIVERY");
  json_builder_set_member_name (builder, "fake");
  json_builder_add_boolean_value (builder, FALSE);
  add_string (builder, "taxSystem", "USN");

  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < order->n_lines; i++)
    {
      const Product *product = &order->products[order->lines[i].index];

      json_builder_begin_object (builder);
      add_int (builder, "id", order->order_id * 10 + i + 1);
      add_string (builder, "offerId", product->sku);
      add_string (builder, "offerName", product->name);
      json_builder_set_member_name (builder, "price");
      json_builder_add_double_value (builder, product->price);
      json_builder_set_member_name (builder, "buyerPrice");
      json_builder_add_double_value (builder, product->price);
      json_builder_set_member_name (builder, "buyerPriceBeforeDiscount");
      json_builder_add_double_value (builder, product->price);
      add_int (builder, "count", order->lines[i].count);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "delivery");
  json_builder_begin_object (builder);
  add_delivery_common (builder, order);
  add_dates (builder, order, TRUE);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "buyer");
  json_builder_begin_object (builder);
  add_string (builder, "type", "PERSON");
  json_builder_end_object (builder);

  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* ReturnDTO: the first line of the order comes back. */
static JsonNode *
return_to_json (const FakeOrder *order,
                gint64           return_id,
                guint64          seed)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const Product *product = &order->products[order->lines[0].index];
  guint64 rng = mc_fake_mix64 ((guint64) return_id ^ seed);

  json_builder_begin_object (builder);
  add_int (builder, "id", return_id);
  add_int (builder, "orderId", order->order_id);
  add_take_string (builder, "creationDate", mc_fake_format_date (order->from_day + 3 * DAY_USEC));
  add_string (builder, "refundStatus", refund_statuses[rand_below (&rng, G_N_ELEMENTS (refund_statuses))]);
  add_string (builder, "returnType", rand_below (&rng, 5) == 0 ? "UNREDEEMED" : "RETURN");
  add_money (builder, "amount", product->price);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  add_string (builder, "shopSku", product->sku);
  add_int (builder, "count", 1);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Routing */

/* "/v1/businesses/ID/orders", "/v2/campaigns/ID/orders/ID" and
 * "/v2/campaigns/ID/orders/ID/returns/ID": the ids in @ids, as written. */
static Op
split_path (const char *path,
            char      **ids)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  guint n = g_strv_length (parts);
  Op op = OP_UNKNOWN;

  /* parts[0] is the empty string before the first slash. */
  if (n == 5 && g_str_equal (parts[1], "v1") && g_str_equal (parts[2], "businesses") &&
      g_str_equal (parts[4], "orders"))
    {
      op = OP_GET_BUSINESS_ORDERS;
      ids[0] = g_strdup (parts[3]);
    }
  else if ((n == 6 || n == 8) && g_str_equal (parts[1], "v2") && g_str_equal (parts[2], "campaigns") &&
           g_str_equal (parts[4], "orders") && (n == 6 || g_str_equal (parts[6], "returns")))
    {
      op = n == 6 ? OP_GET_ORDER : OP_GET_RETURN;
      ids[0] = g_strdup (parts[3]);
      ids[1] = g_strdup (parts[5]);
      ids[2] = n == 8 ? g_strdup (parts[7]) : NULL;
    }

  return op;
}

Op
mc_fake_orders_route (const char  *path,
                      const char **expected_method)
{
  char *ids[3] = { NULL, NULL, NULL };
  Op op = split_path (path, ids);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_free (ids[i]);

  if (op == OP_GET_BUSINESS_ORDERS)
    *expected_method = "POST";
  else if (op == OP_GET_ORDER || op == OP_GET_RETURN)
    *expected_method = "GET";

  return op;
}

static gboolean
token_has_scope (int                 token,
                 const char * const *wanted)
{
  g_auto(GStrv) scopes = NULL;

  /* An OAuth token may do what its cabinet may. */
  if (token_specs[token].scope == NULL)
    return TRUE;

  scopes = g_strsplit (token_specs[token].scope, " ", -1);
  for (guint i = 0; wanted[i] != NULL; i++)
    if (g_strv_contains ((const char * const *) scopes, wanted[i]))
      return TRUE;

  return FALSE;
}

/* The x-auth-scopes of each operation in the spec. */
static const char * const business_orders_scopes[] = {
  "ALL_METHODS", "ALL_METHODS_READ_ONLY", "INVENTORY_AND_ORDER_PROCESSING",
  "INVENTORY_AND_ORDER_PROCESSING_READ_ONLY", "FINANCE_AND_ACCOUNTING", NULL
};
static const char * const get_order_scopes[] = {
  "ALL_METHODS", "ALL_METHODS_READ_ONLY", "INVENTORY_AND_ORDER_PROCESSING",
  "INVENTORY_AND_ORDER_PROCESSING_READ_ONLY", "COMMUNICATION", "FINANCE_AND_ACCOUNTING", NULL
};
static const char * const return_scopes[] = {
  "ALL_METHODS", "ALL_METHODS_READ_ONLY", "INVENTORY_AND_ORDER_PROCESSING",
  "INVENTORY_AND_ORDER_PROCESSING_READ_ONLY", NULL
};

gboolean
mc_fake_orders_check_access (McFakeMarket *self,
                             Request      *req,
                             Reply        *reply)
{
  char *ids[3] = { NULL, NULL, NULL };
  const char * const *scopes;
  gint64 id;
  int business = -1;

  split_path (req->path, ids);

  if (!g_ascii_string_to_signed (ids[0], 10, 1, G_MAXINT64, &id, NULL))
    *reply = mc_fake_reply_error (400, "%s must be a positive integer",
                                  req->op == OP_GET_BUSINESS_ORDERS ? "businessId" : "campaignId");
  else
    {
      g_mutex_lock (&self->mutex);
      if (req->op == OP_GET_BUSINESS_ORDERS)
        business = mc_fake_data_find_business (self->data, id);
      else
        {
          const McFakeCampaign *campaign = find_campaign (self->data, id);

          business = campaign != NULL ? (int) campaign->business : -1;
        }
      g_mutex_unlock (&self->mutex);

      if (business != req->business)
        *reply = mc_fake_reply_error (403, "The token has no access to %s %" G_GINT64_FORMAT,
                                      req->op == OP_GET_BUSINESS_ORDERS ? "business" : "campaign", id);
    }

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_free (ids[i]);

  if (business != req->business)
    return FALSE;

  scopes = req->op == OP_GET_BUSINESS_ORDERS ? business_orders_scopes
           : req->op == OP_GET_ORDER ? get_order_scopes : return_scopes;
  if (!token_has_scope (req->token, scopes))
    {
      *reply = mc_fake_reply_error (403, "The token's scopes do not allow %s", ops[req->op].name);
      return FALSE;
    }

  return TRUE;
}

/* Endpoints */

Reply
mc_fake_handle_business_orders (McFakeMarket *self,
                                Request      *req)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  JsonArray *order_ids;
  Reply error;
  gint64 limit;

  if (!mc_fake_query_get_int (req, "limit", 1, G_MAXINT64, FALSE, MAX_ORDER_IDS, &limit, &error) ||
      (body = mc_fake_request_json (req, &error)) == NULL ||
      !mc_fake_member_get_array (body, "orderIds", &order_ids, &error))
    return error;

  /* The Market's truncateLimit: more than 50 is 50. */
  limit = MIN (limit, MAX_ORDER_IDS);

  /* Only the orderIds filter is simulated; without it the Market would
   * list 30 days of orders, which no part of the app asks for. */
  if (order_ids == NULL)
    return mc_fake_reply_error (400, "orderIds is required by this fake Market");
  if (json_array_get_length (order_ids) > MAX_ORDER_IDS)
    return mc_fake_reply_error (400, "orderIds must contain at most %d items", MAX_ORDER_IDS);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "orders");
  json_builder_begin_array (builder);
  for (guint i = 0; i < json_array_get_length (order_ids) && i < (guint) limit; i++)
    {
      JsonNode *node = json_array_get_element (order_ids, i);
      McFakeChat *chat;
      FakeOrder order;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          json_node_get_int (node) < 1)
        return mc_fake_reply_error (400, "orderIds[%u] must be a positive integer", i);

      for (guint j = 0; j < i; j++)
        if (json_array_get_int_element (order_ids, j) == json_node_get_int (node))
          return mc_fake_reply_error (400, "orderIds must be unique");

      chat = mc_fake_data_find_chat_by_order (self->data, req->business, json_node_get_int (node));
      if (chat != NULL && fake_order_init (self, chat, &order))
        json_builder_add_value (builder, business_order_to_json (&order));
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "paging");
  json_builder_begin_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return (Reply) { SOUP_STATUS_OK, json_builder_get_root (builder) };
}

static McFakeChat *
path_order (McFakeMarket *self,
            Request      *req,
            gint64       *return_id,
            Reply        *error)
{
  char *ids[3] = { NULL, NULL, NULL };
  McFakeChat *chat = NULL;
  gint64 campaign_id, order_id;

  split_path (req->path, ids);
  *return_id = 0;

  if (!g_ascii_string_to_signed (ids[0], 10, 1, G_MAXINT64, &campaign_id, NULL) ||
      !g_ascii_string_to_signed (ids[1], 10, 1, G_MAXINT64, &order_id, NULL) ||
      (ids[2] != NULL && !g_ascii_string_to_signed (ids[2], 10, 1, G_MAXINT64, return_id, NULL)))
    *error = mc_fake_reply_error (400, "campaignId, orderId and returnId must be positive integers");
  else
    {
      chat = mc_fake_data_find_chat_by_order (self->data, req->business, order_id);
      if (chat == NULL || chat->campaign_id != campaign_id)
        {
          chat = NULL;
          *error = mc_fake_reply_error (404, "Order %" G_GINT64_FORMAT " not found", order_id);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_free (ids[i]);

  return chat;
}

Reply
mc_fake_handle_get_order (McFakeMarket *self,
                          Request      *req)
{
  McFakeChat *chat;
  FakeOrder order;
  gint64 return_id;
  Reply error;

  if (self->get_order_gone)
    return mc_fake_reply_error (410, "getOrder was shut down; use POST v1/businesses/{businessId}/orders");

  chat = path_order (self, req, &return_id, &error);
  if (chat == NULL)
    return error;
  if (!fake_order_init (self, chat, &order))
    return mc_fake_reply_error (404, "Order %" G_GINT64_FORMAT " not found", chat->order_id);

  return (Reply) { SOUP_STATUS_OK, legacy_order_to_json (&order) };
}

Reply
mc_fake_handle_get_return (McFakeMarket *self,
                           Request      *req)
{
  McFakeChat *chat;
  FakeOrder order;
  gint64 return_id;
  Reply error;

  chat = path_order (self, req, &return_id, &error);
  if (chat == NULL)
    return error;
  if (chat->return_id != return_id || !fake_order_init (self, chat, &order))
    return mc_fake_reply_error (404, "Return %" G_GINT64_FORMAT " not found", return_id);

  return mc_fake_reply_ok (return_to_json (&order, return_id, self->seed));
}

/* Knobs and questions for tests */

void
mc_fake_market_set_get_order_gone (McFakeMarket *self,
                                   gboolean      gone)
{
  g_return_if_fail (MC_IS_FAKE_MARKET (self));

  g_mutex_lock (&self->mutex);
  self->get_order_gone = gone;
  g_mutex_unlock (&self->mutex);
}

gint64
mc_fake_market_find_order (McFakeMarket *self,
                           gint64        business_id,
                           const char   *placement,
                           const char   *delivery_type,
                           gint64       *campaign_id)
{
  gint64 found = 0;
  int business;

  g_return_val_if_fail (MC_IS_FAKE_MARKET (self), 0);

  g_mutex_lock (&self->mutex);
  business = mc_fake_data_find_business (self->data, business_id);
  for (guint i = 0; business >= 0 && found == 0 && i < mc_fake_data_get_n_chats (self->data); i++)
    {
      McFakeChat *chat = mc_fake_data_get_nth_chat (self->data, i);
      FakeOrder order;

      if (chat->business != business || chat->order_id == 0 || !fake_order_init (self, chat, &order))
        continue;
      if ((placement == NULL || g_str_equal (placement, placement_name (order.placement))) &&
          (delivery_type == NULL || g_str_equal (delivery_type, order.delivery->type)))
        {
          found = order.order_id;
          if (campaign_id != NULL)
            *campaign_id = order.campaign_id;
        }
    }
  g_mutex_unlock (&self->mutex);

  return found;
}
