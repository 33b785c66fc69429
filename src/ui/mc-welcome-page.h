/* mc-welcome-page.h: what the window shows with no cabinet: the first
 * start, and the keyring that could not be reached.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mc-session.h"

G_BEGIN_DECLS

#define MC_TYPE_WELCOME_PAGE (mc_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (McWelcomePage, mc_welcome_page, MC, WELCOME_PAGE, AdwBin)

/* Properties: "session" (McSession, construct-only).  Follows the session's
 * "state": the key form for WELCOME, the keyring's error with Try Again
 * for KEYRING_ERROR; Try the Demo in both.  Carries its own header bar. */
GtkWidget *mc_welcome_page_new         (McSession     *session);
McSession *mc_welcome_page_get_session (McWelcomePage *self);

G_END_DECLS
