/* fuzz-campaigns.c: mc_api_parse_campaigns() on any input.
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
  g_autoptr(GPtrArray) campaigns = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  if (!mc_api_parse_campaigns ((const char *) data, size, &campaigns, &token, rejected, &error))
    {
      fuzz_check_error (error);
      g_assert_null (campaigns);
      return 0;
    }

  for (guint i = 0; i < campaigns->len; i++)
    {
      McCampaign *campaign = g_ptr_array_index (campaigns, i);
      g_autofree char *name = mc_campaign_dup_display_name (campaign);

      g_assert_cmpint (mc_campaign_get_id (campaign), >=, 1);
      g_assert_cmpint (mc_campaign_get_business_id (campaign), >=, 1);
      fuzz_check_string (name);
    }

  fuzz_check_string (token);
  fuzz_check_rejected (rejected);

  return 0;
}
