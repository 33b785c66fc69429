/* fuzz-token-info.c: mc_api_parse_token_info() on any input.
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
  g_autofree char *name = NULL;
  g_auto(GStrv) scopes = NULL;

  if (!mc_api_parse_token_info ((const char *) data, size, &name, &scopes, &error))
    {
      fuzz_check_error (error);
      g_assert_null (name);
      g_assert_null (scopes);
      return 0;
    }

  g_assert_nonnull (name);
  g_assert_nonnull (scopes);
  fuzz_check_string (name);
  for (guint i = 0; scopes[i] != NULL; i++)
    fuzz_check_string (scopes[i]);

  return 0;
}
