/* mc-api-parse-orders.c: orders, following BusinessOrderDTO and OrderDTO
 * (getOrder, deprecated) of the OpenAPI spec.  Returns are read in
 * mc-api-parse-returns.c, and the values both read (amounts, counts,
 * Moscow dates) in mc-api-parse-values.c.
 *
 * The two order shapes differ in their dates (ISO 8601 against the
 * "DD-MM-YYYY HH:MM:SS" of Moscow that getOrder writes) and their prices;
 * both end up as one McOrder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "mc-api-error.h"
#include "mc-api-parse-orders.h"
#include "mc-api-parse-private.h"

#define MAX_STRING_BYTES MC_API_PARSE_MAX_STRING_BYTES
#define MAX_ENUM_BYTES   MC_API_PARSE_MAX_ENUM_BYTES
#define MAX_SKU_BYTES    MC_API_PARSE_MAX_SKU_BYTES

#define KEY_IS(literal) \
  (key_len == sizeof (literal) - 1 && memcmp (key, literal, sizeof (literal) - 1) == 0)

#define CHECK_REQUIRED(r, have, names) \
  mc_api_parse_check_required ((r), (have), (names), G_N_ELEMENTS (names))

/* Orders ----------------------------------------------------------------- */

typedef struct
{
  gint64     order_id;
  gint64     campaign_id;
  char      *program;
  char      *status;
  char      *substatus;
  gint64     created_at;
  char      *payment_type;
  char      *payment_method;
  GPtrArray *items;
  double     total;
  char      *currency;
  /* delivery */
  char      *delivery_type;
  char      *service;
  char      *from_date;
  char      *to_date;
  char      *from_time;
  char      *to_time;
} OrderFields;

static void
order_fields_init (OrderFields *f)
{
  memset (f, 0, sizeof *f);
  f->items = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_order_item_free);
  f->total = -1;
}

static void
order_fields_clear (OrderFields *f)
{
  g_free (f->program);
  g_free (f->status);
  g_free (f->substatus);
  g_free (f->payment_type);
  g_free (f->payment_method);
  g_clear_pointer (&f->items, g_ptr_array_unref);
  g_free (f->currency);
  g_free (f->delivery_type);
  g_free (f->service);
  g_free (f->from_date);
  g_free (f->to_date);
  g_free (f->from_time);
  g_free (f->to_time);
  memset (f, 0, sizeof *f);
}

static McOrder *
order_fields_build (OrderFields *f)
{
  McOrder *order = mc_order_new (f->order_id);

  mc_order_set_campaign_id (order, f->campaign_id);
  mc_order_set_placement_string (order, f->program);
  mc_order_set_status_string (order, f->status);
  mc_order_set_substatus_string (order, f->substatus);
  mc_order_set_created_at (order, f->created_at);
  mc_order_set_payment_type_string (order, f->payment_type);
  mc_order_set_payment_method_string (order, f->payment_method);
  mc_order_set_delivery_type_string (order, f->delivery_type);
  mc_order_set_delivery_service (order, f->service);
  mc_order_set_delivery_dates (order, f->from_date, f->to_date, f->from_time, f->to_time);
  mc_order_set_total (order, f->total, f->currency);
  for (guint i = 0; i < f->items->len; i++)
    mc_order_add_item (order, mc_order_item_copy (g_ptr_array_index (f->items, i)));

  return order;
}

/* BusinessOrderDeliveryDatesDTO (@day_first FALSE) and
 * OrderDeliveryDatesDTO (TRUE): {fromDate*, toDate, fromTime, toTime}. */
static gboolean
parse_delivery_dates (McJsonReader *r,
                      gboolean      day_first,
                      OrderFields  *f)
{
  static const char * const required[] = { "fromDate" };
  const char *key;
  gsize key_len;
  guint have = 0;

  if (!mc_json_reader_enter_object (r))
    return FALSE;

  while (mc_json_reader_next_member (r, &key, &key_len))
    {
      gboolean ok;

      if (KEY_IS ("fromDate"))
        {
          ok = mc_api_parse_read_day (r, day_first, &f->from_date);
          have |= 1 << 0;
        }
      else if (KEY_IS ("toDate"))
        ok = mc_json_reader_read_null (r) || mc_api_parse_read_day (r, day_first, &f->to_date);
      else if (KEY_IS ("fromTime"))
        ok = mc_api_parse_read_time (r, &f->from_time);
      else if (KEY_IS ("toTime"))
        ok = mc_api_parse_read_time (r, &f->to_time);
      else
        ok = mc_json_reader_skip (r);

      if (!ok)
        return FALSE;
    }

  return !mc_json_reader_failed (r) && CHECK_REQUIRED (r, have, required);
}

/* BusinessOrderDeliveryDTO and OrderDeliveryDTO share what the card shows:
 * {type*, serviceName*, deliveryServiceId*, deliveryPartnerType*, dates*}. */
static gboolean
parse_delivery (McJsonReader *r,
                gboolean      day_first,
                OrderFields  *f)
{
  static const char * const required[] = {
    "type", "serviceName", "deliveryServiceId", "deliveryPartnerType", "dates",
  };
  g_autofree char *partner = NULL;
  const char *key;
  gsize key_len;
  guint have = 0;
  gint64 service_id;

  if (!mc_json_reader_enter_object (r))
    return FALSE;

  while (mc_json_reader_next_member (r, &key, &key_len))
    {
      gboolean ok;

      if (KEY_IS ("type"))
        {
          ok = mc_api_parse_read_enum_string (r, FALSE, &f->delivery_type);
          have |= 1 << 0;
        }
      else if (KEY_IS ("serviceName"))
        {
          ok = mc_api_parse_read_required_string (r, MAX_STRING_BYTES, &f->service);
          have |= 1 << 1;
        }
      else if (KEY_IS ("deliveryServiceId"))
        {
          ok = mc_json_reader_read_int64 (r, &service_id);
          have |= 1 << 2;
        }
      else if (KEY_IS ("deliveryPartnerType"))
        {
          ok = mc_api_parse_read_enum_string (r, FALSE, &partner);
          have |= 1 << 3;
        }
      else if (KEY_IS ("dates"))
        {
          ok = parse_delivery_dates (r, day_first, f);
          have |= 1 << 4;
        }
      else
        ok = mc_json_reader_skip (r);

      if (!ok)
        return FALSE;
    }

  return !mc_json_reader_failed (r) && CHECK_REQUIRED (r, have, required);
}

/* BusinessOrderItemDTO: {id*, offerId*, offerName*, count*, prices}; the
 * price paid is for all units. */
static gpointer
parse_business_item (McJsonReader *r,
                     gpointer      user_data)
{
  static const char * const required[] = { "id", "offerId", "offerName", "count" };
  g_autofree char *sku = NULL;
  g_autofree char *name = NULL;
  g_autofree char *currency = NULL;
  const char *key;
  gsize key_len;
  guint have = 0;
  gint64 id, count = 0;
  double paid = -1;

  if (!mc_json_reader_enter_object (r))
    return NULL;

  while (mc_json_reader_next_member (r, &key, &key_len))
    {
      gboolean ok;

      if (KEY_IS ("id"))
        {
          ok = mc_api_parse_read_id (r, &id);
          have |= 1 << 0;
        }
      else if (KEY_IS ("offerId"))
        {
          ok = mc_api_parse_read_required_string (r, MAX_SKU_BYTES, &sku);
          have |= 1 << 1;
        }
      else if (KEY_IS ("offerName"))
        {
          ok = mc_api_parse_read_required_string (r, MAX_STRING_BYTES, &name);
          have |= 1 << 2;
        }
      else if (KEY_IS ("count"))
        {
          ok = mc_api_parse_read_count (r, &count);
          have |= 1 << 3;
        }
      else if (KEY_IS ("prices"))
        ok = mc_api_parse_read_payment (r, &paid, &currency);
      else
        ok = mc_json_reader_skip (r);

      if (!ok)
        return NULL;
    }

  if (mc_json_reader_failed (r) || !CHECK_REQUIRED (r, have, required))
    return NULL;

  return mc_order_item_new (name, sku, count, paid >= 0 && count > 0 ? paid / count : -1);
}

/* The items of an order are one with it: an order with a broken item is
 * broken, since a card that silently drops a line would mislead. */
gboolean
mc_api_parse_items (McJsonReader        *r,
                    McApiParseItemFunc   parse_item,
                    GPtrArray           *items)
{
  if (!mc_json_reader_enter_array (r))
    return FALSE;

  while (mc_json_reader_next_element (r))
    {
      gpointer item = parse_item (r, NULL);

      if (item == NULL)
        return FALSE;
      g_ptr_array_add (items, item);
    }

  return !mc_json_reader_failed (r);
}

static gpointer
parse_business_order (McJsonReader *r,
                      gpointer      user_data)
{
  static const char * const required[] = {
    "orderId", "campaignId", "status", "substatus", "creationDate",
    "paymentType", "paymentMethod", "fake", "items", "delivery",
  };
  OrderFields f;
  const char *key;
  gsize key_len;
  guint have = 0;
  gboolean fake;
  McOrder *order = NULL;

  order_fields_init (&f);

  if (!mc_json_reader_enter_object (r))
    goto out;

  while (mc_json_reader_next_member (r, &key, &key_len))
    {
      gboolean ok;

      if (KEY_IS ("orderId"))
        {
          ok = mc_api_parse_read_id (r, &f.order_id);
          have |= 1 << 0;
        }
      else if (KEY_IS ("campaignId"))
        {
          ok = mc_api_parse_read_id (r, &f.campaign_id);
          have |= 1 << 1;
        }
      else if (KEY_IS ("status"))
        {
          ok = mc_api_parse_read_enum_string (r, FALSE, &f.status);
          have |= 1 << 2;
        }
      else if (KEY_IS ("substatus"))
        {
          ok = mc_api_parse_read_enum_string (r, FALSE, &f.substatus);
          have |= 1 << 3;
        }
      else if (KEY_IS ("creationDate"))
        {
          ok = mc_api_parse_read_date (r, &f.created_at);
          have |= 1 << 4;
        }
      else if (KEY_IS ("paymentType"))
        {
          ok = mc_api_parse_read_enum_string (r, FALSE, &f.payment_type);
          have |= 1 << 5;
        }
      else if (KEY_IS ("paymentMethod"))
        {
          ok = mc_api_parse_read_enum_string (r, FALSE, &f.payment_method);
          have |= 1 << 6;
        }
      else if (KEY_IS ("fake"))
        {
          ok = mc_json_reader_read_boolean (r, &fake);
          have |= 1 << 7;
        }
      else if (KEY_IS ("items"))
        {
          g_ptr_array_set_size (f.items, 0);
          ok = mc_api_parse_items (r, parse_business_item, f.items);
          have |= 1 << 8;
        }
      else if (KEY_IS ("delivery"))
        {
          ok = parse_delivery (r, FALSE, &f);
          have |= 1 << 9;
        }
      else if (KEY_IS ("programType"))
        ok = mc_api_parse_read_enum_string (r, TRUE, &f.program);
      else if (KEY_IS ("prices"))
        ok = mc_api_parse_read_payment (r, &f.total, &f.currency);
      else
        ok = mc_json_reader_skip (r);

      if (!ok)
        goto out;
    }

  if (!mc_json_reader_failed (r) && CHECK_REQUIRED (r, have, required))
    order = order_fields_build (&f);

out:
  order_fields_clear (&f);
  return order;
}

gboolean
mc_api_parse_business_orders (const char  *data,
                              gsize        length,
                              GPtrArray  **out_orders,
                              char       **out_next_page_token,
                              GPtrArray   *rejected,
                              GError     **error)
{
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *token = NULL;
  gboolean have_orders = FALSE;
  McJsonReader r;
  const char *key;
  gsize key_len;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (out_orders != NULL, FALSE);

  mc_json_reader_init (&r, data, length);

  if (mc_json_reader_enter_object (&r))
    {
      while (mc_json_reader_next_member (&r, &key, &key_len))
        {
          gboolean ok;

          if (KEY_IS ("orders"))
            {
              g_ptr_array_set_size (orders, 0);
              ok = mc_api_parse_list (&r, parse_business_order, NULL, orders, rejected);
              have_orders = TRUE;
            }
          else if (KEY_IS ("paging"))
            ok = mc_api_parse_paging (&r, &token);
          else
            ok = mc_json_reader_skip (&r);

          if (!ok)
            break;
        }

      if (!mc_json_reader_failed (&r) && !have_orders)
        mc_json_reader_fail (&r, "missing required field \"orders\"");
    }

  if (!mc_api_parse_finish (&r, error))
    return FALSE;

  *out_orders = g_steal_pointer (&orders);
  if (out_next_page_token != NULL)
    *out_next_page_token = g_steal_pointer (&token);

  return TRUE;
}

/* OrderItemDTO of getOrder: {id*, offerId*, offerName*, price*,
 * buyerPrice*, buyerPriceBeforeDiscount*, count*}; buyerPrice is per unit. */
static gpointer
parse_legacy_item (McJsonReader *r,
                   gpointer      user_data)
{
  static const char * const required[] = {
    "id", "offerId", "offerName", "price", "buyerPrice", "buyerPriceBeforeDiscount", "count",
  };
  g_autofree char *sku = NULL;
  g_autofree char *name = NULL;
  const char *key;
  gsize key_len;
  guint have = 0;
  gint64 id, count = 0;
  double price, buyer_price = -1, before;

  if (!mc_json_reader_enter_object (r))
    return NULL;

  while (mc_json_reader_next_member (r, &key, &key_len))
    {
      gboolean ok;

      if (KEY_IS ("id"))
        {
          ok = mc_api_parse_read_id (r, &id);
          have |= 1 << 0;
        }
      else if (KEY_IS ("offerId"))
        {
          ok = mc_api_parse_read_required_string (r, MAX_SKU_BYTES, &sku);
          have |= 1 << 1;
        }
      else if (KEY_IS ("offerName"))
        {
          ok = mc_api_parse_read_required_string (r, MAX_STRING_BYTES, &name);
          have |= 1 << 2;
        }
      else if (KEY_IS ("price"))
        {
          ok = mc_api_parse_read_amount (r, &price);
          have |= 1 << 3;
        }
      else if (KEY_IS ("buyerPrice"))
        {
          ok = mc_api_parse_read_amount (r, &buyer_price);
          have |= 1 << 4;
        }
      else if (KEY_IS ("buyerPriceBeforeDiscount"))
        {
          ok = mc_api_parse_read_amount (r, &before);
          have |= 1 << 5;
        }
      else if (KEY_IS ("count"))
        {
          ok = mc_api_parse_read_count (r, &count);
          have |= 1 << 6;
        }
      else
        ok = mc_json_reader_skip (r);

      if (!ok)
        return NULL;
    }

  if (mc_json_reader_failed (r) || !CHECK_REQUIRED (r, have, required))
    return NULL;

  return mc_order_item_new (name, sku, count, buyer_price);
}

typedef struct
{
  gint64   campaign_id;
  McOrder *order;
} LegacyOrder;

/* OrderDTO */
static gboolean
parse_legacy_order (McJsonReader *r,
                    LegacyOrder  *out)
{
  static const char * const required[] = {
    "id", "status", "substatus", "creationDate", "currency", "itemsTotal",
    "deliveryTotal", "buyerItemsTotalBeforeDiscount", "paymentType",
    "paymentMethod", "fake", "items", "delivery", "buyer", "taxSystem",
  };
  g_autofree char *tax_system = NULL;
  OrderFields f;
  const char *key;
  gsize key_len;
  guint have = 0;
  gboolean fake;
  double delivery_total, before;

  order_fields_init (&f);
  f.campaign_id = out->campaign_id;

  if (!mc_json_reader_enter_object (r))
    goto out;

  while (mc_json_reader_next_member (r, &key, &key_len))
    {
      gboolean ok;

      if (KEY_IS ("id"))
        {
          ok = mc_api_parse_read_id (r, &f.order_id);
          have |= 1 << 0;
        }
      else if (KEY_IS ("status"))
        {
          ok = mc_api_parse_read_enum_string (r, FALSE, &f.status);
          have |= 1 << 1;
        }
      else if (KEY_IS ("substatus"))
        {
          ok = mc_api_parse_read_enum_string (r, FALSE, &f.substatus);
          have |= 1 << 2;
        }
      else if (KEY_IS ("creationDate"))
        {
          ok = mc_api_parse_read_moscow_datetime (r, &f.created_at);
          have |= 1 << 3;
        }
      else if (KEY_IS ("currency"))
        {
          ok = mc_api_parse_read_enum_string (r, FALSE, &f.currency);
          have |= 1 << 4;
        }
      else if (KEY_IS ("itemsTotal"))
        {
          ok = mc_api_parse_read_amount (r, &f.total);
          have |= 1 << 5;
        }
      else if (KEY_IS ("deliveryTotal"))
        {
          ok = mc_api_parse_read_amount (r, &delivery_total);
          have |= 1 << 6;
        }
      else if (KEY_IS ("buyerItemsTotalBeforeDiscount"))
        {
          ok = mc_api_parse_read_amount (r, &before);
          have |= 1 << 7;
        }
      else if (KEY_IS ("paymentType"))
        {
          ok = mc_api_parse_read_enum_string (r, FALSE, &f.payment_type);
          have |= 1 << 8;
        }
      else if (KEY_IS ("paymentMethod"))
        {
          ok = mc_api_parse_read_enum_string (r, FALSE, &f.payment_method);
          have |= 1 << 9;
        }
      else if (KEY_IS ("fake"))
        {
          ok = mc_json_reader_read_boolean (r, &fake);
          have |= 1 << 10;
        }
      else if (KEY_IS ("items"))
        {
          g_ptr_array_set_size (f.items, 0);
          ok = mc_api_parse_items (r, parse_legacy_item, f.items);
          have |= 1 << 11;
        }
      else if (KEY_IS ("delivery"))
        {
          ok = parse_delivery (r, TRUE, &f);
          have |= 1 << 12;
        }
      else if (KEY_IS ("buyer"))
        {
          ok = mc_api_parse_expect_object (r);
          have |= 1 << 13;
        }
      else if (KEY_IS ("taxSystem"))
        {
          ok = mc_api_parse_read_enum_string (r, FALSE, &tax_system);
          have |= 1 << 14;
        }
      else
        ok = mc_json_reader_skip (r);

      if (!ok)
        goto out;
    }

  if (!mc_json_reader_failed (r) && CHECK_REQUIRED (r, have, required))
    {
      g_clear_object (&out->order);
      out->order = order_fields_build (&f);
    }

out:
  order_fields_clear (&f);
  return out->order != NULL;
}

McOrder *
mc_api_parse_order (const char  *data,
                    gsize        length,
                    gint64       campaign_id,
                    GError     **error)
{
  LegacyOrder legacy = { campaign_id, NULL };
  gboolean have_order = FALSE;
  McJsonReader r;
  const char *key;
  gsize key_len;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  mc_json_reader_init (&r, data, length);

  if (mc_json_reader_enter_object (&r))
    {
      while (mc_json_reader_next_member (&r, &key, &key_len))
        {
          gboolean ok;

          if (KEY_IS ("order"))
            {
              if (have_order)
                {
                  mc_json_reader_fail (&r, "duplicate member");
                  break;
                }
              have_order = TRUE;
              ok = parse_legacy_order (&r, &legacy);
            }
          else
            ok = mc_json_reader_skip (&r);

          if (!ok)
            break;
        }

      if (!mc_json_reader_failed (&r) && !have_order)
        mc_json_reader_fail (&r, "missing required field \"order\"");
    }

  if (!mc_api_parse_finish (&r, error))
    {
      g_clear_object (&legacy.order);
      return NULL;
    }

  return legacy.order;
}
