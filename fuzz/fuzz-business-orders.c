/* fuzz-business-orders.c: mc_api_parse_business_orders() on any input.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

#include "mc-api-parse-orders.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) rejected = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *token = NULL;

  if (!mc_api_parse_business_orders ((const char *) data, size, &orders, &token, rejected, &error))
    {
      fuzz_check_error (error);
      return 0;
    }

  g_assert_no_error (error);
  fuzz_check_rejected (rejected);
  fuzz_check_string (token);
  for (guint i = 0; i < orders->len; i++)
    {
      McOrder *order = g_ptr_array_index (orders, i);
      GPtrArray *items = mc_order_get_items (order);
      g_autofree char *delivery = mc_order_dup_delivery_text (order);

      g_assert_cmpint (mc_order_get_order_id (order), >=, 1);
      fuzz_check_string (mc_order_get_status_string (order));
      fuzz_check_string (mc_order_get_delivery_service (order));
      fuzz_check_string (delivery);
      for (guint j = 0; j < items->len; j++)
        {
          McOrderItem *item = g_ptr_array_index (items, j);

          g_assert_cmpint (item->count, >=, 0);
          fuzz_check_string (item->name);
          fuzz_check_string (item->sku);
        }
    }

  return 0;
}
