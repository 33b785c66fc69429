/* mc-cabinet-private.h: what only session/ and sync/ may reach through a
 * cabinet: its API client and its cache.  Widgets go through the session.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-api-client.h"
#include "mc-cabinet.h"
#include "mc-cache.h"

G_BEGIN_DECLS

McApiClient  *mc_cabinet_get_client        (McCabinet            *self);
McCache      *mc_cabinet_get_cache         (McCabinet            *self);

G_END_DECLS
