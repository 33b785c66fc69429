/* fuzz-contact-detector.c: libFuzzer target for mc_contact_detect(), which
 * scans whatever the seller typed or pasted, byte by byte.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>

#include "mc-contact-detector.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  McContactMatch match = mc_contact_detect (text);

  g_assert ((match & ~(MC_CONTACT_PHONE | MC_CONTACT_EMAIL | MC_CONTACT_LINK)) == 0);

  return 0;
}
