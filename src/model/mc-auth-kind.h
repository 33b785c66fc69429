/* mc-auth-kind.h: how a token authenticates with the Partner API.  Here
 * rather than in mc-api-client.h because the seller picks it when adding a
 * cabinet, and the UI may not include the API client.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MC_AUTH_KIND_API_KEY,
  MC_AUTH_KIND_OAUTH,
} McAuthKind;

G_END_DECLS
