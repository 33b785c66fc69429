/* mc-chat-timeline-private.h: how the session makes its timelines, and
 * what the files of McChatTimeline share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-chat-timeline.h"
#include "mc-cache.h"
#include "mc-message-store.h"
#include "mc-session.h"

G_BEGIN_DECLS

struct _McChatTimeline
{
  GObject         parent_instance;

  /* Weak: a send still in flight keeps its timeline, and must not keep
   * the session after the app let it go. */
  GWeakRef        session;
  McChat         *chat;
  gint64          chat_id;
  McMessageStore *messages;
  McCache        *cache;

  char           *draft;
  guint           draft_timeout_id;

  char           *read_only_reason;
  gboolean        loading_older;
  /* A reply from elsewhere arrived while a draft was being written. */
  gboolean        replied_elsewhere;

  /* The order card (mc-chat-timeline-order.c). */
  gint64          order_id;
  gint64          return_id;
  McOrder        *order;
  McReturn       *ret;
  gint64          order_fetched_at;
  gint64          return_fetched_at;
  McOrderState    order_state;
  char           *order_message;
  GCancellable   *order_cancellable;
  guint           order_timeout_id;
};

/* The timeline of @chat in @session: the one alive, or a new one. */
McChatTimeline *mc_chat_timeline_lookup (McSession *session,
                                         McChat    *chat);

/* The session, if the app still has it: a timeline does not keep it. */
McSession      *mc_chat_timeline_dup_session       (McChatTimeline *self);
/* Puts @text in front of the draft and writes it at once: it is the only
 * copy left. */
void            mc_chat_timeline_give_back         (McChatTimeline *self,
                                                    const char     *text);
/* Returns the error of a chat no cabinet knows on @task; FALSE. */
gboolean        mc_chat_timeline_return_no_session (GTask          *task);

/* The order card: follows the chat's context from @self's making on
 * (start), and stops its fetches and timers (stop, in dispose). */
void            mc_chat_timeline_order_start       (McChatTimeline *self);
void            mc_chat_timeline_order_stop        (McChatTimeline *self);
void            mc_chat_timeline_order_finalize    (McChatTimeline *self);

/* The wall clock the order's freshness is measured by (Unix usec); NULL
 * gives g_get_real_time().  For tests, which move time on. */
typedef gint64 (*McChatTimelineClock) (void);
void            mc_chat_timeline_set_clock         (McChatTimelineClock clock);
/* What the refresh timer does when it fires: fetch the order again when
 * the copy held is no longer fresh. */
void            mc_chat_timeline_order_tick        (McChatTimeline *self);

G_END_DECLS
