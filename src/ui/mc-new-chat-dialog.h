/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-session.h"

G_BEGIN_DECLS

#define MC_TYPE_NEW_CHAT_DIALOG (mc_new_chat_dialog_get_type ())
G_DECLARE_FINAL_TYPE (McNewChatDialog, mc_new_chat_dialog, MC, NEW_CHAT_DIALOG, AdwWindow)

/* Starts a chat with the customer of an order or a return.  On success it
 * activates "win.open-chat" (int64 chat id) on @parent and closes; the API
 * answers with the existing chat when there is one, so that one opens.
 * Property "session" (McSession, construct-only). */
GtkWindow *mc_new_chat_dialog_new (McSession *session,
                                   GtkWindow *parent);

G_END_DECLS
