/* mc-api-error.c: the API error domain, and the words a seller reads when
 * something went wrong.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "mc-api-error.h"

G_DEFINE_QUARK (mc-api-error-quark, mc_api_error)

static const char *
describe_api_error (int code)
{
  switch ((McApiErrorCode) code)
    {
    case MC_API_ERROR_INVALID_REQUEST:
      return _("The Market refused the request.");
    case MC_API_ERROR_UNAUTHORIZED:
      return _("The API key was not accepted. Check it in Preferences.");
    case MC_API_ERROR_FORBIDDEN:
      return _("The API key has no access to this. Check its permissions in the seller’s cabinet.");
    case MC_API_ERROR_NOT_FOUND:
      return _("The Market does not know this chat or store.");
    case MC_API_ERROR_RATE_LIMITED:
      return _("The Market’s request limit was reached; the app waits and tries again.");
    case MC_API_ERROR_SERVER:
      return _("The Market’s server has a problem. The app tries again later.");
    case MC_API_ERROR_NETWORK:
      return _("No connection to the Market. Check the network.");
    case MC_API_ERROR_TIMEOUT:
      return _("The Market did not answer in time.");
    case MC_API_ERROR_PROTOCOL:
      return _("The Market answered with something the app does not understand.");
    case MC_API_ERROR_TOO_LARGE:
      return _("This is too large to send.");
    case MC_API_ERROR_INVALID_INPUT:
      return _("This cannot be sent.");
    case MC_API_ERROR_GONE:
      return _("The Market no longer offers this.");
    case MC_API_ERROR_ORDERS_NOT_ALLOWED:
      return _("Add the order-processing (read-only) scope to this key to see orders.");
    default:
      return _("The Market reported an error.");
    }
}

char *
mc_api_error_describe (const GError *error)
{
  const char *sentence;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == MC_API_ERROR)
    sentence = describe_api_error (error->code);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    sentence = _("The request was cancelled.");
  else
    sentence = _("Something went wrong.");

  /* The seller needs the Market's own code and message to ask its support
   * about them, so they are never replaced, only explained. */
  if (error->message == NULL || error->message[0] == '\0')
    return g_strdup (sentence);

  /* Translators: an explanation of an error, then the error's own words
   * (often the Market's code and message in English). */
  return g_strdup_printf (_("%s (%s)"), sentence, error->message);
}
