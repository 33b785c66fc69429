/* fuzz-return.c: mc_api_parse_return() on any input.
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
  g_autoptr(McReturn) ret = mc_api_parse_return ((const char *) data, size, &error);
  GPtrArray *items;

  if (ret == NULL)
    {
      fuzz_check_error (error);
      return 0;
    }

  g_assert_no_error (error);
  g_assert_cmpint (mc_return_get_return_id (ret), >=, 1);
  fuzz_check_string (mc_return_get_status_string (ret));
  items = mc_return_get_items (ret);
  for (guint i = 0; i < items->len; i++)
    fuzz_check_string (((McOrderItem *) g_ptr_array_index (items, i))->sku);

  return 0;
}
