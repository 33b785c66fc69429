/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-session.h"

G_BEGIN_DECLS

#define MC_TYPE_PREFERENCES_WINDOW (mc_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (McPreferencesWindow, mc_preferences_window, MC, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Properties: "settings" (GSettings), "session" (McSession, whose cabinets
 * the Cabinets group lists), both construct-only. */
GtkWindow *mc_preferences_window_new (GSettings *settings,
                                      McSession *session);

G_END_DECLS
