/* mc-stored-token.h: one cabinet's token as kept in the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  MC_TOKEN_KIND_API_KEY, /* sent as "Api-Key: <token>" */
  MC_TOKEN_KIND_OAUTH,   /* sent as "Authorization: Bearer <token>" */
} McTokenKind;

/* "api-key" / "oauth": the values of the keyring's "kind" attribute. */
const char  *mc_token_kind_to_string   (McTokenKind  kind);
/* FALSE (and @kind untouched) for any other string, including NULL. */
gboolean     mc_token_kind_from_string (const char  *string,
                                        McTokenKind *kind);

#define MC_TYPE_STORED_TOKEN (mc_stored_token_get_type ())

typedef struct _McStoredToken McStoredToken;

GType          mc_stored_token_get_type  (void);
/* The token is copied into non-swappable memory where libsecret can. */
McStoredToken *mc_stored_token_new       (McTokenKind          kind,
                                          const char          *label,
                                          const char          *token);
McStoredToken *mc_stored_token_copy      (const McStoredToken *self);
/* Wipes the token (see mc_stored_token_wipe()) before freeing it. */
void           mc_stored_token_free      (McStoredToken       *self);
McTokenKind    mc_stored_token_get_kind  (const McStoredToken *self);
const char    *mc_stored_token_get_label (const McStoredToken *self);
/* The secret itself: hand it to the API client, never to a log or a file. */
const char    *mc_stored_token_get_token (const McStoredToken *self);
/* Overwrites the token's bytes with zeros in place, leaving "" behind, so a
 * caller done with the secret need not wait for the last free. */
void           mc_stored_token_wipe      (McStoredToken       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McStoredToken, mc_stored_token_free)

G_END_DECLS
