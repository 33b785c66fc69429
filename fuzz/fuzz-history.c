/* fuzz-history.c: mc_api_parse_history() on any input.
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
  g_autoptr(McChatContext) context = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  if (!mc_api_parse_history ((const char *) data, size, 1, &context, &messages, &token, rejected, &error))
    {
      fuzz_check_error (error);
      g_assert_null (messages);
      g_assert_null (context);
      return 0;
    }

  for (guint i = 0; i < messages->len; i++)
    {
      McMessage *message = g_ptr_array_index (messages, i);
      GListModel *attachments = mc_message_get_attachments (message);

      g_assert_cmpint (mc_message_get_message_id (message), >=, 1);
      fuzz_check_string (mc_message_get_text (message));

      for (guint j = 0; j < g_list_model_get_n_items (attachments); j++)
        {
          g_autoptr(McAttachment) attachment = g_list_model_get_item (attachments, j);

          g_assert_cmpint (mc_attachment_get_size (attachment), >=, 0);
          g_assert_true (g_utf8_strlen (mc_attachment_get_url (attachment), -1) <= 2000);
        }
    }

  fuzz_check_string (token);
  fuzz_check_rejected (rejected);

  return 0;
}
