/* mc-chat-timeline-private.h: how the session makes its timelines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-chat-timeline.h"
#include "mc-session.h"

G_BEGIN_DECLS

/* The timeline of @chat in @session: the one alive, or a new one. */
McChatTimeline *mc_chat_timeline_lookup (McSession *session,
                                         McChat    *chat);

G_END_DECLS
