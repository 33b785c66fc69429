/* mc-stored-token.c: one cabinet's token as kept in the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsecret/secret.h>

#include "mc-stored-token.h"

struct _McStoredToken
{
  McTokenKind  kind;
  char        *label;
  /* Allocated by libsecret's secure allocator (mlock'ed, wiped on free);
   * freed with secret_password_free(). */
  char        *token;
};

G_DEFINE_BOXED_TYPE (McStoredToken, mc_stored_token,
                     mc_stored_token_copy, mc_stored_token_free)

const char *
mc_token_kind_to_string (McTokenKind kind)
{
  switch (kind)
    {
    case MC_TOKEN_KIND_API_KEY:
      return "api-key";
    case MC_TOKEN_KIND_OAUTH:
      return "oauth";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
mc_token_kind_from_string (const char  *string,
                           McTokenKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  if (g_strcmp0 (string, "api-key") == 0)
    *kind = MC_TOKEN_KIND_API_KEY;
  else if (g_strcmp0 (string, "oauth") == 0)
    *kind = MC_TOKEN_KIND_OAUTH;
  else
    return FALSE;

  return TRUE;
}

static char *
secure_strdup (const char *token)
{
  /* SecretValue is the only public way into libsecret's secure memory;
   * handing it back as a password keeps that memory when we hold the
   * only reference. */
  return secret_value_unref_to_password (secret_value_new (token, -1, "text/plain"), NULL);
}

McStoredToken *
mc_stored_token_new (McTokenKind  kind,
                     const char  *label,
                     const char  *token)
{
  McStoredToken *self;

  g_return_val_if_fail (kind == MC_TOKEN_KIND_API_KEY || kind == MC_TOKEN_KIND_OAUTH, NULL);
  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (token != NULL, NULL);

  self = g_new0 (McStoredToken, 1);
  self->kind = kind;
  self->label = g_strdup (label);
  self->token = secure_strdup (token);

  return self;
}

McStoredToken *
mc_stored_token_copy (const McStoredToken *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return mc_stored_token_new (self->kind, self->label, self->token);
}

void
mc_stored_token_wipe (McStoredToken *self)
{
  volatile char *p;

  g_return_if_fail (self != NULL);

  /* Not secret_password_wipe(): it fills with 0xAA, leaving a string of
   * the token's length.  Volatile stores cannot be optimised away even
   * when the buffer is freed right after. */
  for (p = self->token; *p != '\0'; p++)
    *p = '\0';
}

void
mc_stored_token_free (McStoredToken *self)
{
  if (self == NULL)
    return;

  mc_stored_token_wipe (self);
  g_clear_pointer (&self->token, secret_password_free);
  g_free (self->label);
  g_free (self);
}

McTokenKind
mc_stored_token_get_kind (const McStoredToken *self)
{
  g_return_val_if_fail (self != NULL, MC_TOKEN_KIND_API_KEY);

  return self->kind;
}

const char *
mc_stored_token_get_label (const McStoredToken *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->label;
}

const char *
mc_stored_token_get_token (const McStoredToken *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->token;
}
