/* mc-token-store-private.h: what the files of McTokenStore share: the
 * store, the state of one call, and reaching the keyring
 * (mc-token-store-connect.c) before the call itself (mc-token-store.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsecret/secret.h>

#include "mc-token-store.h"

G_BEGIN_DECLS

struct _McTokenStore
{
  GObject parent_instance;

  guint   connect_timeout_ms;
  char   *origin;
};

typedef enum
{
  OP_SAVE,
  OP_SEARCH,
  OP_REMOVE,
} OpKind;

/* The state of one call, kept as the GTask's data. */
typedef struct
{
  OpKind         op;
  McTokenKind    kind;
  char          *origin;
  gboolean       migrating; /* reading items of the legacy schema first */
  guint          next_migrated;
  char          *label;   /* NULL when listing every cabinet */
  char          *token;   /* secure memory, only while saving */

  /* Reaching the service */
  GCancellable  *connect_cancellable;
  GSource       *timeout_source;
  gulong         cancelled_id;
  gboolean       timed_out;

  /* Reading the found items one after the other */
  GList         *items;   /* (element-type SecretRetrievable) */
  GList         *next_item;
  GPtrArray     *found;   /* (element-type McStoredToken) */
} Op;

/* mc-token-store.c */
const SecretSchema *mc_token_store_get_schema           (void);
gboolean            mc_token_store_op_is_default_origin (Op                  *op);
void                mc_token_store_op_free              (gpointer             data);
/* The call itself, once the keyring answered. */
void                mc_token_store_op_run               (GTask               *task);

/* mc-token-store-connect.c */
GError             *mc_token_store_no_service_error     (void);
GError             *mc_token_store_locked_error         (void);
GError             *mc_token_store_map_error            (GError              *error,
                                                         gboolean             connecting);
/* Takes @op; reaches the keyring within the store's connect timeout,
 * then runs the call. */
void                mc_token_store_op_start             (McTokenStore        *self,
                                                         Op                  *op,
                                                         GCancellable        *cancellable,
                                                         gpointer             source_tag,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);

G_END_DECLS
