/* mc-enums.h: enumerations of the Partner API, each with an UNKNOWN value
 * for what a newer API may send that this version does not know yet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  MC_CHAT_TYPE_UNKNOWN,
  MC_CHAT_TYPE_CHAT,
  MC_CHAT_TYPE_ARBITRAGE,
} McChatType;

typedef enum
{
  MC_CHAT_STATUS_UNKNOWN,
  MC_CHAT_STATUS_NEW,
  MC_CHAT_STATUS_WAITING_FOR_CUSTOMER,
  MC_CHAT_STATUS_WAITING_FOR_PARTNER,
  MC_CHAT_STATUS_WAITING_FOR_ARBITER,
  MC_CHAT_STATUS_WAITING_FOR_MARKET,
  MC_CHAT_STATUS_FINISHED,
} McChatStatus;

typedef enum
{
  MC_CONTEXT_TYPE_UNKNOWN,
  MC_CONTEXT_TYPE_ORDER,
  MC_CONTEXT_TYPE_RETURN,
  MC_CONTEXT_TYPE_DIRECT,
} McContextType;

typedef enum
{
  MC_SENDER_UNKNOWN,
  MC_SENDER_PARTNER,
  MC_SENDER_CUSTOMER,
  MC_SENDER_MARKET,
  MC_SENDER_SUPPORT,
} McSender;

typedef enum
{
  MC_PLACEMENT_TYPE_UNKNOWN,
  MC_PLACEMENT_TYPE_FBS,
  MC_PLACEMENT_TYPE_FBY,
  MC_PLACEMENT_TYPE_DBS,
  MC_PLACEMENT_TYPE_LAAS,
} McPlacementType;

typedef enum
{
  MC_API_AVAILABILITY_UNKNOWN,
  MC_API_AVAILABILITY_AVAILABLE,
  MC_API_AVAILABILITY_DISABLED_BY_INACTIVITY,
  MC_API_AVAILABILITY_DISABLED_BY_NO_ACTIVE_CONTRACT,
  MC_API_AVAILABILITY_MANUALLY_DISABLED,
  MC_API_AVAILABILITY_DISABLED_BY_NO_PLACEMENT_TYPE,
} McApiAvailability;

/* Local state of a message the seller wrote; everything from the server is SENT. */
typedef enum
{
  MC_MESSAGE_STATE_SENT,
  MC_MESSAGE_STATE_PENDING,
  MC_MESSAGE_STATE_FAILED,
} McMessageState;

/* Conversions between the API's strings and the enums.  Unknown strings give
 * the UNKNOWN value; the _to_string functions return the API's spelling
 * (NULL for UNKNOWN). */
McChatType        mc_chat_type_from_string        (const char *str);
const char       *mc_chat_type_to_string          (McChatType type);
McChatStatus      mc_chat_status_from_string      (const char *str);
const char       *mc_chat_status_to_string        (McChatStatus status);
McContextType     mc_context_type_from_string     (const char *str);
const char       *mc_context_type_to_string       (McContextType type);
McSender          mc_sender_from_string           (const char *str);
const char       *mc_sender_to_string             (McSender sender);
McPlacementType   mc_placement_type_from_string   (const char *str);
const char       *mc_placement_type_to_string     (McPlacementType type);
McApiAvailability mc_api_availability_from_string (const char *str);
const char       *mc_api_availability_to_string   (McApiAvailability availability);

/* TRUE for NEW and WAITING_FOR_PARTNER: the customer waits for the seller. */
gboolean          mc_chat_status_needs_reply      (McChatStatus status);

G_END_DECLS
