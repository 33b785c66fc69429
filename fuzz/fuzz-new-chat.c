/* fuzz-new-chat.c: mc_api_parse_new_chat() on any input.
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
  gint64 chat_id = 0;

  if (!mc_api_parse_new_chat ((const char *) data, size, &chat_id, &error))
    {
      fuzz_check_error (error);
      return 0;
    }

  g_assert_cmpint (chat_id, >=, 1);

  return 0;
}
