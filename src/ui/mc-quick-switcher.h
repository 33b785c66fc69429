/* mc-quick-switcher.h: Ctrl+K: any chat of any cabinet, by the customer's
 * name or the order or return number, from the keyboard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mc-session.h"

G_BEGIN_DECLS

#define MC_TYPE_QUICK_SWITCHER (mc_quick_switcher_get_type ())
G_DECLARE_FINAL_TYPE (McQuickSwitcher, mc_quick_switcher, MC, QUICK_SWITCHER, AdwWindow)

/* At most this many chats are listed: typing more narrows them. */
#define MC_QUICK_SWITCHER_MAX_RESULTS 50

/* A modal window over @parent.  Typing searches every chat of @session;
 * Up and Down choose, Enter opens the chosen chat through @parent's
 * "win.open-chat" action and closes, Escape closes.  With nothing typed it
 * lists the chats that need a reply, oldest waiting first.
 *
 * Properties: "session" (McSession, construct-only). */
GtkWindow  *mc_quick_switcher_new          (McSession       *session,
                                            GtkWindow       *parent);
/* The chats listed, at most MC_QUICK_SWITCHER_MAX_RESULTS (for tests). */
GListModel *mc_quick_switcher_get_results  (McQuickSwitcher *self);
/* How many chats match, listed or not. */
guint       mc_quick_switcher_get_n_matches (McQuickSwitcher *self);

G_END_DECLS
