/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mc-enums.h"

static int
lookup (const char         *str,
        const char * const *names,
        guint               n_names)
{
  if (str == NULL)
    return 0;

  /* Index 0 is always UNKNOWN and has no spelling. */
  for (guint i = 1; i < n_names; i++)
    if (strcmp (str, names[i]) == 0)
      return (int) i;

  return 0;
}

#define DEFINE_ENUM_STRINGS(prefix, Type, ...)                               \
  static const char * const prefix##_names[] = { NULL, __VA_ARGS__ };        \
  Type                                                                       \
  prefix##_from_string (const char *str)                                     \
  {                                                                          \
    return (Type) lookup (str, prefix##_names, G_N_ELEMENTS (prefix##_names)); \
  }                                                                          \
  const char *                                                               \
  prefix##_to_string (Type value)                                            \
  {                                                                          \
    if ((guint) value >= G_N_ELEMENTS (prefix##_names))                      \
      return NULL;                                                           \
    return prefix##_names[value];                                            \
  }

DEFINE_ENUM_STRINGS (mc_chat_type, McChatType, "CHAT", "ARBITRAGE")
DEFINE_ENUM_STRINGS (mc_chat_status, McChatStatus,
                     "NEW", "WAITING_FOR_CUSTOMER", "WAITING_FOR_PARTNER",
                     "WAITING_FOR_ARBITER", "WAITING_FOR_MARKET", "FINISHED")
DEFINE_ENUM_STRINGS (mc_context_type, McContextType, "ORDER", "RETURN", "DIRECT")
DEFINE_ENUM_STRINGS (mc_sender, McSender, "PARTNER", "CUSTOMER", "MARKET", "SUPPORT")
DEFINE_ENUM_STRINGS (mc_placement_type, McPlacementType, "FBS", "FBY", "DBS", "LAAS")
DEFINE_ENUM_STRINGS (mc_api_availability, McApiAvailability,
                     "AVAILABLE", "DISABLED_BY_INACTIVITY",
                     "DISABLED_BY_NO_ACTIVE_CONTRACT", "MANUALLY_DISABLED",
                     "DISABLED_BY_NO_PLACEMENT_TYPE")

gboolean
mc_chat_status_needs_reply (McChatStatus status)
{
  return status == MC_CHAT_STATUS_NEW ||
         status == MC_CHAT_STATUS_WAITING_FOR_PARTNER;
}
