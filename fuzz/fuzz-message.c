/* fuzz-message.c: mc_api_parse_message() on any input.
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
  g_autoptr(McMessage) message = mc_api_parse_message ((const char *) data, size, 1, &error);

  if (message == NULL)
    {
      fuzz_check_error (error);
      return 0;
    }

  g_assert_no_error (error);
  g_assert_cmpint (mc_message_get_message_id (message), >=, 1);
  g_assert_nonnull (mc_message_get_attachments (message));
  fuzz_check_string (mc_message_get_text (message));

  return 0;
}
