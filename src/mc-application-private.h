/* mc-application-private.h: what mc-application.c,
 * mc-application-notify.c and mc-application-actions.c share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if HAVE_LIBPORTAL
#include <libportal/portal.h>
#endif

#include "mc-application.h"
#include "mc-window.h"

G_BEGIN_DECLS

struct _McApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  McSession      *session;
  char           *api_url;
  gboolean        demo;

  /* chat id -> its unread count when last seen, for every chat with a
   * notification shown; a drop to 0 withdraws it. */
  GHashTable     *notified;
  /* chat id -> whether its "New chat" notification has shown a customer
   * message: until then an update keeps "New chat", after that the chat's
   * later messages are not announced as a new chat again. */
  GHashTable     *notified_new;
  /* chat id -> Pending: what the current batch of events will notify. */
  GHashTable     *pending;
  guint           pending_source;
  /* The chat app.open-chat asked for before the session knew it. */
  gint64          pending_chat_id;

  gboolean        held;
#if HAVE_LIBPORTAL
  XdpPortal      *portal;
  GCancellable   *portal_cancellable;
#endif
};

/* Creates the session the first time something needs it. */
gboolean  mc_application_ensure_session      (McApplication  *self,
                                              GError        **error);
/* The active window, made when there is none. */
McWindow *mc_application_ensure_window       (McApplication  *self);
/* Opens the chat in the window, withdrawing its notification. */
void      mc_application_show_chat           (McApplication  *self,
                                              gint64          chat_id);
/* Adds the "app.*" actions and their shortcuts (mc-application-actions.c). */
void      mc_application_install_actions     (McApplication  *self);

/* Notifies the seller of what @sync finds and withdraws what @chats says
 * was read (mc-application-notify.c). */
void      mc_application_watch_notifications (McApplication  *self,
                                              McSyncEngine   *sync,
                                              McChatStore    *chats);
/* Withdraws the notification of the chat, if one is shown. */
void      mc_application_withdraw_chat       (McApplication  *self,
                                              gint64          chat_id);

G_END_DECLS
