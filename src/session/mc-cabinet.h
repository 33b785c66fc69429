/* mc-cabinet.h: one seller's cabinet (a business): its API client, its
 * stores, its cache and what its key may do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mc-auth-kind.h"

G_BEGIN_DECLS

#define MC_TYPE_CABINET (mc_cabinet_get_type ())
G_DECLARE_FINAL_TYPE (McCabinet, mc_cabinet, MC, CABINET, GObject)

/* Properties (read-only unless noted): "label" (string: what the seller
 * called it), "business-id" (gint64), "business-name" (string), "client"
 * (McApiClient), "cache" (McCache, NULL until opened; both read through
 * mc-cabinet-private.h, by session/ and sync/ only), "campaigns"
 * (GListModel of McCampaign), "scopes" (GStrv), "can-send" (gboolean: the
 * key may answer customers), "demo" (gboolean). */

/* Checks a key: POST /v2/auth/token for its name and scopes (Api-Key only;
 * an OAuth token is assumed to allow what its cabinet allows), then
 * GET /v2/campaigns for its stores and business.  Fails with the API's
 * error (UNAUTHORIZED, FORBIDDEN, NETWORK, RATE_LIMITED, ...) or with
 * MC_API_ERROR_FORBIDDEN when the key may not read chats, or
 * MC_API_ERROR_PROTOCOL when it has no stores.  Does not open the cache. */
void          mc_cabinet_connect_async     (const char           *base_url,
                                            McAuthKind            kind,
                                            const char           *label,
                                            const char           *token,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
McCabinet    *mc_cabinet_connect_finish    (GAsyncResult         *result,
                                            GError              **error);

/* A cabinet known from the keyring whose stores are not fetched yet (start-up
 * without network): business id, name and scopes come from the cabinets
 * file (see mc_cabinet_remember()) when known, business id 0 otherwise;
 * mc_cabinet_refresh_async() fills the rest. */
McCabinet    *mc_cabinet_new_offline       (const char           *base_url,
                                            McAuthKind            kind,
                                            const char           *label,
                                            const char           *token,
                                            GError              **error);
void          mc_cabinet_refresh_async     (McCabinet            *self,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean      mc_cabinet_refresh_finish    (McCabinet            *self,
                                            GAsyncResult         *result,
                                            GError              **error);

const char   *mc_cabinet_get_label         (McCabinet            *self);
McAuthKind    mc_cabinet_get_kind          (McCabinet            *self);
gint64        mc_cabinet_get_business_id   (McCabinet            *self);
const char   *mc_cabinet_get_business_name (McCabinet            *self);
/* Opens $XDG_DATA_HOME/market-chats/<business-id>.sqlite.  The cache
 * keeps the stores: those fetched already (connect) are saved to it, and
 * each refresh saves them again; a cabinet without any yet (from the
 * cabinets file or mc_cabinet_new_offline(), before a refresh) gets the
 * ones saved last, so they show without network. */
gboolean      mc_cabinet_open_cache        (McCabinet            *self,
                                            GError              **error);
/* Opens the cache at @path instead (the demo keeps its caches in a
 * throw-away directory). */
gboolean      mc_cabinet_open_cache_path   (McCabinet            *self,
                                            const char           *path,
                                            GError              **error);
GListModel   *mc_cabinet_get_campaigns     (McCabinet            *self);
const char * const *mc_cabinet_get_scopes  (McCabinet            *self);
gboolean      mc_cabinet_get_can_send      (McCabinet            *self);
gboolean      mc_cabinet_get_demo          (McCabinet            *self);
void          mc_cabinet_set_demo          (McCabinet            *self,
                                            gboolean              demo);

/* The cabinets file, $XDG_DATA_HOME/market-chats/cabinets.ini, maps each
 * label to its business id, name and scopes (never the token), so that a
 * start without network knows which cache to open: mc_cabinet_new_offline()
 * reads it, mc_cabinet_refresh_async() updates it.  Call remember once the
 * key is stored in the keyring and forget when it is removed.  Demo
 * cabinets are never written. */
gboolean      mc_cabinet_remember          (McCabinet            *self,
                                            GError              **error);
gboolean      mc_cabinet_forget            (const char           *label,
                                            GError              **error);

/* The labels of the cabinets file, so that start-up can show their cached
 * chats before the keyring answers. */
GStrv         mc_cabinet_dup_remembered_labels (void);
/* A cabinet of the cabinets file without its key (no client, so it cannot
 * be synced or refreshed) until mc_cabinet_set_token(); NULL when @label
 * is not in the file. */
McCabinet    *mc_cabinet_new_remembered    (const char           *label);
/* Gives a cabinet from mc_cabinet_new_remembered() its key: makes its
 * client.  The token is kept only by the client. */
gboolean      mc_cabinet_set_token         (McCabinet            *self,
                                            const char           *base_url,
                                            McAuthKind            kind,
                                            const char           *token,
                                            GError              **error);

G_END_DECLS
