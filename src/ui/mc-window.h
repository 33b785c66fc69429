/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-session.h"

G_BEGIN_DECLS

#define MC_TYPE_WINDOW (mc_window_get_type ())
G_DECLARE_FINAL_TYPE (McWindow, mc_window, MC, WINDOW, AdwApplicationWindow)

/* Properties: "session" (McSession, construct-only), "settings" (GSettings,
 * construct-only, nullable). */
McWindow   *mc_window_new               (GtkApplication *application,
                                         McSession      *session,
                                         GSettings      *settings);
McSession  *mc_window_get_session       (McWindow       *self);
/* Shows the chat: selects its cabinet's "All stores" item when the current
 * view does not hold it, selects it in the list, shows the conversation
 * and, when the window is folded, navigates to it. */
void        mc_window_open_chat         (McWindow       *self,
                                         gint64          chat_id);
/* The chat the conversation shows, 0 when none. */
gint64      mc_window_get_open_chat_id  (McWindow       *self);
/* Tells of news in chat @chat_id with a toast (@text is plain text) that
 * has an "Open" button; nothing more while that chat's toast still shows
 * (mc-window-notify.c). */
void        mc_window_show_chat_toast   (McWindow       *self,
                                         gint64          chat_id,
                                         const char     *text);
/* How many chats have a toast shown or waiting. */
guint       mc_window_get_chat_toast_count (McWindow    *self);

G_END_DECLS
