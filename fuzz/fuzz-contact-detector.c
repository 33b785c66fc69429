/* fuzz-contact-detector.c: libFuzzer target for mc_contact_detect(), which
 * scans whatever the seller typed or pasted, byte by byte.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

#include "mc-contact-detector.h"

int LLVMFuzzerInitialize   (int           *argc,
                            char        ***argv);
int LLVMFuzzerTestOneInput (const guint8  *data,
                            size_t         size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  McContactMatch match = mc_contact_detect (text);

  g_assert_true ((match & ~(MC_CONTACT_PHONE | MC_CONTACT_EMAIL | MC_CONTACT_LINK)) == 0);

  /* Appending text never hides what was found before it. */
  if (size < 4096)
    {
      g_autofree char *longer = g_strconcat (text, " ok", NULL);

      g_assert_true ((mc_contact_detect (longer) & match) == match);
    }

  return 0;
}
