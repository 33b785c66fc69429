/* mc-api-parse-returns.c: returns, following ReturnDTO of the OpenAPI
 * spec.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mc-api-parse-orders.h"
#include "mc-api-parse-private.h"

#define MAX_SKU_BYTES MC_API_PARSE_MAX_SKU_BYTES

#define KEY_IS(literal) \
  (key_len == sizeof (literal) - 1 && memcmp (key, literal, sizeof (literal) - 1) == 0)

#define CHECK_REQUIRED(r, have, names) \
  mc_api_parse_check_required ((r), (have), (names), G_N_ELEMENTS (names))

/* ReturnItemDTO: {shopSku*, count*}. */
static gpointer
parse_return_item (McJsonReader *r,
                   gpointer      user_data)
{
  static const char * const required[] = { "shopSku", "count" };
  g_autofree char *sku = NULL;
  const char *key;
  gsize key_len;
  guint have = 0;
  gint64 count = 0;

  if (!mc_json_reader_enter_object (r))
    return NULL;

  while (mc_json_reader_next_member (r, &key, &key_len))
    {
      gboolean ok;

      if (KEY_IS ("shopSku"))
        {
          ok = mc_api_parse_read_required_string (r, MAX_SKU_BYTES, &sku);
          have |= 1 << 0;
        }
      else if (KEY_IS ("count"))
        {
          ok = mc_api_parse_read_count (r, &count);
          have |= 1 << 1;
        }
      else
        ok = mc_json_reader_skip (r);

      if (!ok)
        return NULL;
    }

  if (mc_json_reader_failed (r) || !CHECK_REQUIRED (r, have, required))
    return NULL;

  return mc_order_item_new (NULL, sku, count, -1);
}

typedef struct
{
  McReturn *ret;
} ReturnResult;

/* ReturnDTO: {id*, orderId*, items*, returnType*, refundStatus,
 * creationDate, amount}. */
static gboolean
parse_return_result (McJsonReader *r,
                     gpointer      user_data)
{
  static const char * const required[] = { "id", "orderId", "items", "returnType" };
  ReturnResult *result = user_data;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_order_item_free);
  g_autofree char *status = NULL;
  g_autofree char *type = NULL;
  g_autofree char *currency = NULL;
  const char *key;
  gsize key_len;
  guint have = 0;
  gint64 id = 0, order_id = 0, created_at = 0;
  double amount = -1;

  if (!mc_json_reader_enter_object (r))
    return FALSE;

  while (mc_json_reader_next_member (r, &key, &key_len))
    {
      gboolean ok;

      if (KEY_IS ("id"))
        {
          ok = mc_api_parse_read_id (r, &id);
          have |= 1 << 0;
        }
      else if (KEY_IS ("orderId"))
        {
          ok = mc_api_parse_read_id (r, &order_id);
          have |= 1 << 1;
        }
      else if (KEY_IS ("items"))
        {
          g_ptr_array_set_size (items, 0);
          ok = mc_api_parse_items (r, parse_return_item, items);
          have |= 1 << 2;
        }
      else if (KEY_IS ("returnType"))
        {
          ok = mc_api_parse_read_enum_string (r, FALSE, &type);
          have |= 1 << 3;
        }
      else if (KEY_IS ("refundStatus"))
        ok = mc_api_parse_read_enum_string (r, TRUE, &status);
      else if (KEY_IS ("creationDate"))
        ok = mc_json_reader_read_null (r) || mc_api_parse_read_date (r, &created_at);
      else if (KEY_IS ("amount"))
        ok = mc_json_reader_read_null (r) ||
             mc_api_parse_read_currency_value (r, &amount, &currency);
      else
        ok = mc_json_reader_skip (r);

      if (!ok)
        return FALSE;
    }

  if (mc_json_reader_failed (r) || !CHECK_REQUIRED (r, have, required))
    return FALSE;

  g_clear_object (&result->ret);
  result->ret = mc_return_new (id, order_id);
  mc_return_set_status_string (result->ret, status);
  mc_return_set_return_type_string (result->ret, type);
  mc_return_set_created_at (result->ret, created_at);
  mc_return_set_amount (result->ret, amount, currency);
  for (guint i = 0; i < items->len; i++)
    mc_return_add_item (result->ret, mc_order_item_copy (g_ptr_array_index (items, i)));

  return TRUE;
}

McReturn *
mc_api_parse_return (const char  *data,
                     gsize        length,
                     GError     **error)
{
  ReturnResult result = { NULL };
  McJsonReader r;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  mc_json_reader_init (&r, data, length);
  mc_api_parse_wrapped (&r, parse_return_result, &result);
  if (!mc_api_parse_finish (&r, error))
    {
      g_clear_object (&result.ret);
      return NULL;
    }

  return result.ret;
}
