/* fuzz-error-body.c: mc_api_parse_error_body() on any input; what it
 * returns ends up in the UI, so it must be one line of valid UTF-8.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

#include "mc-api-parse.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = mc_api_parse_error_body ((const char *) data, size);

  if (text == NULL)
    return 0;

  g_assert_cmpuint (strlen (text), >, 0);
  fuzz_check_string (text);
  for (const char *p = text; *p != '\0'; p++)
    g_assert_cmpint ((guchar) *p, >=, 0x20);

  return 0;
}
