/* mc-status-banner.h: the notice under the chats' header bar: keys, the
 * Market out of reach, an hourly limit used up, checks slowed down.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mc-session.h"

G_BEGIN_DECLS

#define MC_TYPE_STATUS_BANNER (mc_status_banner_get_type ())
G_DECLARE_FINAL_TYPE (McStatusBanner, mc_status_banner, MC, STATUS_BANNER, GtkWidget)

/* Properties: "session" (McSession, nullable).  Follows the session, its
 * cabinets and its sync engine by itself; shows one notice at a time, the
 * most pressing first, and hides when there is none.  Its buttons use the
 * window's "win.reload-keys" and "win.refresh" and "app.preferences". */
GtkWidget *mc_status_banner_new         (McSession      *session);
McSession *mc_status_banner_get_session (McStatusBanner *self);
void       mc_status_banner_set_session (McStatusBanner *self,
                                         McSession      *session);
/* Whether a notice is shown. */
gboolean   mc_status_banner_get_revealed (McStatusBanner *self);

G_END_DECLS
