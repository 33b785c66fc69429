/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MC_API_ERROR (mc_api_error_quark ())

/* Decided by the HTTP status, never by the body's "status" field.  The
 * GError message carries the API's own errors[].code and message, e.g.
 * "BAD_REQUEST: limit must be less than or equal to 20". */
typedef enum
{
  MC_API_ERROR_INVALID_REQUEST, /* 400 */
  MC_API_ERROR_UNAUTHORIZED,    /* 401 */
  MC_API_ERROR_FORBIDDEN,       /* 403 */
  MC_API_ERROR_NOT_FOUND,       /* 404 */
  MC_API_ERROR_RATE_LIMITED,    /* 420 */
  MC_API_ERROR_SERVER,          /* 5xx */
  MC_API_ERROR_NETWORK,
  MC_API_ERROR_TIMEOUT,
  MC_API_ERROR_PROTOCOL,        /* the body is not the promised shape */
  MC_API_ERROR_TOO_LARGE,       /* refused before sending: text or file too big */
  MC_API_ERROR_INVALID_INPUT,   /* refused before sending: empty text, unreadable file, bad URL */
  MC_API_ERROR_GONE,            /* 410: the endpoint was shut down */
  MC_API_ERROR_ORDERS_NOT_ALLOWED, /* the key lacks the order-processing scope orders need */
} McApiErrorCode;

GQuark mc_api_error_quark (void);

/* A sentence for the seller, translated, for any GError the app may show
 * (API, network, cache, secrets).  Includes the API's code and message. */
char  *mc_api_error_describe (const GError *error);

G_END_DECLS
