/* mc-error.h: what the widgets need to know about an error of any layer
 * below the session (API, keyring, cache, files), without its domains.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A translated sentence for the seller, keeping the error's own words
 * (often the Market's code and message) for its support. */
char     *mc_error_describe         (const GError *error);
/* The work was cancelled (G_IO_ERROR_CANCELLED): nothing to show. */
gboolean  mc_error_is_cancelled     (const GError *error);
/* The Market refused the key itself (401). */
gboolean  mc_error_is_unauthorized  (const GError *error);
/* The Market refused the key, or what it may do (401 or 403). */
gboolean  mc_error_is_key_refused   (const GError *error);
/* The keyring failed, as opposed to the Market or the API address. */
gboolean  mc_error_is_keyring       (const GError *error);

G_END_DECLS
