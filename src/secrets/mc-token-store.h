/* mc-token-store.h: cabinet tokens in the keyring (libsecret)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mc-secrets-error.h"
#include "mc-stored-token.h"

G_BEGIN_DECLS

/* Items use the schema "io.github.marketchats.MarketChats.OriginToken" with
 * the string attributes "kind" ("api-key" or "oauth"), "cabinet" (the name
 * the seller gave the cabinet) and "origin" (the API origin the key was added
 * for, e.g. "https://api.partner.market.yandex.ru"); the secret is the
 * token.  One item per label and origin; a store sees only the items of
 * its own origin, so a run against another server never gets (and never
 * sends) the keys of the Market.
 *
 * Items of the earlier schema "io.github.marketchats.MarketChats.Token"
 * ("kind" and "label", no origin) were all added for the Market: a store of
 * MC_TOKEN_STORE_DEFAULT_ORIGIN moves them to the new schema with that
 * origin the first time it lists or looks up.
 *
 * Errors are MC_SECRETS_ERROR, or G_IO_ERROR_CANCELLED when @cancellable was
 * cancelled.  Reaching the Secret Service is bounded by
 * McTokenStore:connect-timeout (NO_SERVICE when it passes); the operation
 * itself is not, because an unlock prompt may wait for the seller. */

#define MC_TYPE_TOKEN_STORE (mc_token_store_get_type ())
G_DECLARE_FINAL_TYPE (McTokenStore, mc_token_store, MC, TOKEN_STORE, GObject)

#define MC_TOKEN_STORE_DEFAULT_ORIGIN "https://api.partner.market.yandex.ru"

/* A store of MC_TOKEN_STORE_DEFAULT_ORIGIN. */
McTokenStore  *mc_token_store_new                 (void);
/* A store of @origin ("scheme://host" or "scheme://host:port"). */
McTokenStore  *mc_token_store_new_for_origin      (const char           *origin);
const char    *mc_token_store_get_origin          (McTokenStore         *self);
/* "scheme://host" or "scheme://host:port" (the port only when not the
 * scheme's default), lower case; NULL when @url is no web address. */
char          *mc_token_store_dup_origin_of_url   (const char           *url);
/* A store of the origin of @url. */
McTokenStore  *mc_token_store_new_for_url         (const char           *url);
/* Milliseconds allowed to reach the Secret Service (default 15000). */
guint          mc_token_store_get_connect_timeout (McTokenStore         *self);
void           mc_token_store_set_connect_timeout (McTokenStore         *self,
                                                   guint                 timeout_ms);

/* Stores @token under @label, replacing whatever that label held before
 * (of either kind). */
void           mc_token_store_save_async          (McTokenStore         *self,
                                                   McTokenKind           kind,
                                                   const char           *label,
                                                   const char           *token,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean       mc_token_store_save_finish         (McTokenStore         *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* Every stored cabinet with its token, sorted by label; unlocks the keyring
 * (the Secret Service may prompt).  An empty array when there are none. */
void           mc_token_store_list_async          (McTokenStore         *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
/* (element-type McStoredToken) (transfer container-and-items) */
GPtrArray     *mc_token_store_list_finish         (McTokenStore         *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* The cabinet stored under @label; NULL with no error when there is none. */
void           mc_token_store_lookup_async        (McTokenStore         *self,
                                                   const char           *label,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
McStoredToken *mc_token_store_lookup_finish       (McTokenStore         *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* Forgets the cabinet stored under @label; removing a label that is not
 * stored succeeds. */
void           mc_token_store_remove_async        (McTokenStore         *self,
                                                   const char           *label,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean       mc_token_store_remove_finish       (McTokenStore         *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
