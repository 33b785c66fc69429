/* mc-error.c: the one place the widgets' error questions meet the error
 * domains of the layers below the session.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "mc-api-error.h"
#include "mc-error.h"
#include "mc-secrets-error.h"

char *
mc_error_describe (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  return mc_api_error_describe (error);
}

gboolean
mc_error_is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

gboolean
mc_error_is_unauthorized (const GError *error)
{
  return g_error_matches (error, MC_API_ERROR, MC_API_ERROR_UNAUTHORIZED);
}

gboolean
mc_error_is_key_refused (const GError *error)
{
  return g_error_matches (error, MC_API_ERROR, MC_API_ERROR_UNAUTHORIZED) ||
         g_error_matches (error, MC_API_ERROR, MC_API_ERROR_FORBIDDEN);
}

gboolean
mc_error_is_keyring (const GError *error)
{
  return error != NULL && error->domain == MC_SECRETS_ERROR;
}
