/* mc-secrets-error.c: the error domain of the keyring layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-secrets-error.h"

G_DEFINE_QUARK (mc-secrets-error-quark, mc_secrets_error)
