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
#include "mc-message.h"
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
  /* chat id -> the GSource id of its "Remind in 15 Minutes". */
  GHashTable     *reminders;
  /* business ids whose saved reminders are scheduled. */
  GHashTable     *reminders_restored;
  /* How long "Remind in 15 Minutes" waits, in microseconds. */
  gint64          remind_delay;
  /* Quiet hours: on now, when they end, and the chats they silenced. */
  gboolean        quiet;
  guint           quiet_source;
  GHashTable     *quiet_missed;
  /* The next time a waiting chat becomes overdue. */
  guint           overdue_source;
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
typedef enum
{
  MC_NOTIFY_MESSAGE,   /* a customer (or the Market) wrote */
  MC_NOTIFY_NEW_CHAT,  /* a chat the app had not seen */
  MC_NOTIFY_REMINDER,  /* the seller asked to be reminded */
  MC_NOTIFY_OVERDUE,   /* the reply clock passed the target */
} McNotifyKind;

/* Batches a notification of @chat (mc-application-notify.c). */
void      mc_application_queue_notification  (McApplication  *self,
                                              McChat         *chat,
                                              McMessage      *message,
                                              McNotifyKind    kind);
/* Watches the reply clock, the saved reminders and quiet hours
 * (mc-application-desk.c). */
void      mc_application_watch_desk          (McApplication  *self);
void      mc_application_unwatch_desk        (McApplication  *self);
/* Whether the seller muted @chat or its store. */
gboolean  mc_application_is_muted            (McApplication  *self,
                                              McChat         *chat);
/* TRUE during quiet hours: @chat_id is then kept for the summary at their
 * end instead (0: nothing to keep). */
gboolean  mc_application_keep_quiet          (McApplication  *self,
                                              gint64          chat_id);
/* Withdraws the chat's notification and shows it again after the
 * reminder delay if the chat still needs a reply. */
void      mc_application_remind_chat         (McApplication  *self,
                                              gint64          chat_id);
/* Sets @body as the plain text it is, whatever the notification server
 * reads. */
void      mc_application_set_notification_body (McApplication *self,
                                                GNotification *notification,
                                                const char    *body);
/* Withdraws the notification of the chat, if one is shown. */
void      mc_application_withdraw_chat       (McApplication  *self,
                                              gint64          chat_id);

G_END_DECLS
