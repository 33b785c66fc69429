/* fuzz-status-ok.c: mc_api_parse_status_ok() on any input.
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

  if (!mc_api_parse_status_ok ((const char *) data, size, &error))
    fuzz_check_error (error);
  else
    g_assert_no_error (error);

  return 0;
}
