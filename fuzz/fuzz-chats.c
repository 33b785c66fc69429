/* fuzz-chats.c: mc_api_parse_chats() on any input.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

#include "mc-api-parse.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GPtrArray) rejected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  if (!mc_api_parse_chats ((const char *) data, size, 1, &chats, &token, rejected, &error))
    {
      fuzz_check_error (error);
      g_assert_null (chats);
      return 0;
    }

  for (guint i = 0; i < chats->len; i++)
    {
      McChat *chat = g_ptr_array_index (chats, i);

      g_assert_cmpint (mc_chat_get_chat_id (chat), >=, 1);
      g_assert_nonnull (mc_chat_get_context (chat));
      fuzz_check_string (mc_chat_get_customer_name (chat));
    }

  fuzz_check_string (token);
  fuzz_check_rejected (rejected);

  return 0;
}
