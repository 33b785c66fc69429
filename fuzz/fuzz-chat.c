/* fuzz-chat.c: mc_api_parse_chat() on any input.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

#include "mc-api-parse.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McChat) chat = mc_api_parse_chat ((const char *) data, size, 1, &error);

  if (chat == NULL)
    {
      fuzz_check_error (error);
      return 0;
    }

  g_assert_no_error (error);
  g_assert_cmpint (mc_chat_get_chat_id (chat), >=, 1);
  fuzz_check_string (mc_chat_get_customer_name (chat));

  return 0;
}
