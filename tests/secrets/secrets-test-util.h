/* secrets-test-util.h: blocking wrappers around McTokenStore for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-test-util.h"
#include "mc-token-store.h"

G_BEGIN_DECLS

gboolean       save_sync   (McTokenStore  *store,
                            McTokenKind    kind,
                            const char    *label,
                            const char    *token,
                            GError       **error);
GPtrArray     *list_sync   (McTokenStore  *store,
                            GError       **error);
McStoredToken *lookup_sync (McTokenStore  *store,
                            const char    *label,
                            GError       **error);
gboolean       remove_sync (McTokenStore  *store,
                            const char    *label,
                            GError       **error);

G_END_DECLS
