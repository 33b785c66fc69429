/* fuzz-order.c: mc_api_parse_order() (getOrder) on any input.
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
  g_autoptr(McOrder) order = mc_api_parse_order ((const char *) data, size, 1, &error);
  g_autofree char *delivery = NULL;
  g_autofree char *total = NULL;

  if (order == NULL)
    {
      fuzz_check_error (error);
      return 0;
    }

  g_assert_no_error (error);
  g_assert_cmpint (mc_order_get_order_id (order), >=, 1);
  delivery = mc_order_dup_delivery_text (order);
  total = mc_order_dup_total_text (order);
  fuzz_check_string (delivery);
  fuzz_check_string (total);
  fuzz_check_string (mc_order_get_substatus_string (order));

  return 0;
}
