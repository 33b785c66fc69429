/* secrets-test-util.h: blocking wrappers around McTokenStore for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-token-store.h"

G_BEGIN_DECLS

/* Iterates the default main context until on_done() has filled @slot. */
GAsyncResult  *wait_for    (GAsyncResult **slot);
/* A GAsyncReadyCallback storing a reference to the result in user_data,
 * a GAsyncResult ** starting at NULL. */
void           on_done     (GObject       *object,
                            GAsyncResult  *result,
                            gpointer       user_data);

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
