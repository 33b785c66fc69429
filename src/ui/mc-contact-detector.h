/* mc-contact-detector.h: finds what the Market forbids sellers to share in
 * a chat (phone numbers, e-mail addresses, links to other sites), so the
 * seller is warned before sending.  Plain C: no GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MC_CONTACT_NONE  = 0,
  MC_CONTACT_PHONE = 1 << 0,
  MC_CONTACT_EMAIL = 1 << 1,
  MC_CONTACT_LINK  = 1 << 2,
} McContactMatch;

/* Every kind of contact found in @text (any bytes; invalid UTF-8 is
 * tolerated).  Links to the Market's own domains (yandex.ru and its
 * subdomains, such as market.yandex.ru) are allowed. */
McContactMatch mc_contact_detect (const char *text);

G_END_DECLS
