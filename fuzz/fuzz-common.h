/* fuzz-common.h: what every libFuzzer target of the parsers shares.  Each
 * target includes it once and defines LLVMFuzzerTestOneInput().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "config.h"

#include <string.h>

#include <glib.h>

#include "mc-api-error.h"

int LLVMFuzzerInitialize   (int           *argc,
                            char        ***argv);
int LLVMFuzzerTestOneInput (const guint8  *data,
                            size_t         size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A critical is a broken precondition inside the parsers: the fuzzer must
   * see it as a crash, as G_DEBUG=fatal-criticals does in the tests. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  return 0;
}

/* Whatever the input, a failure is a PROTOCOL error whose message (which
 * quotes the input) is valid UTF-8, fit for the UI. */
static inline void
fuzz_check_error (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == MC_API_ERROR && error->code == MC_API_ERROR_PROTOCOL);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static inline void
fuzz_check_string (const char *str)
{
  if (str != NULL)
    g_assert_true (g_utf8_validate (str, -1, NULL));
}

static inline void
fuzz_check_rejected (GPtrArray *rejected)
{
  for (guint i = 0; i < rejected->len; i++)
    fuzz_check_string (g_ptr_array_index (rejected, i));
}
