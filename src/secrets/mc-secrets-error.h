/* mc-secrets-error.h: errors of the keyring layer, worded for a seller
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MC_SECRETS_ERROR (mc_secrets_error_quark ())

/* Cancelling through the caller's GCancellable gives G_IO_ERROR_CANCELLED,
 * never one of these, so callers can ignore it as usual. */
typedef enum
{
  MC_SECRETS_ERROR_NO_SERVICE, /* no Secret Service / D-Bus, or it did not answer in time */
  MC_SECRETS_ERROR_LOCKED,     /* the keyring stayed locked: the unlock prompt was dismissed */
  MC_SECRETS_ERROR_FAILED,     /* anything else; the message names the cause */
} McSecretsErrorCode;

GQuark mc_secrets_error_quark (void);

G_END_DECLS
