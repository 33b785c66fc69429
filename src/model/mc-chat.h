/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-chat-context.h"
#include "mc-enums.h"

G_BEGIN_DECLS

#define MC_TYPE_CHAT (mc_chat_get_type ())
G_DECLARE_FINAL_TYPE (McChat, mc_chat, MC, CHAT, GObject)

/* Times are Unix time in microseconds, UTC (as g_get_real_time()).
 *
 * Properties from the API: "chat-id", "business-id" (gint64), "chat-type"
 * (McChatType), "status" (McChatStatus), "created-at", "updated-at"
 * (gint64), "context" (McChatContext).
 *
 * Local properties kept by the store: "unread-count" (guint, customer
 * messages newer than what the seller has seen), "last-message-preview"
 * (string, nullable), "waiting-since" (gint64: when the first customer
 * message the seller has not answered yet was written; 0 when history does
 * not tell, or nothing is unanswered), "pinned" (gboolean: shown at the
 * top of its views), "marked-unread" (gboolean: the seller marked it
 * unread; shown as unread until opened again), "muted" (gboolean: the
 * seller muted the chat's notifications; see mc_chat_store_set_muted()). */
McChat        *mc_chat_new                      (gint64         chat_id,
                                                 gint64         business_id);
/* All API values at once, without notifications (@context may be NULL). */
McChat        *mc_chat_new_full                 (gint64         chat_id,
                                                 gint64         business_id,
                                                 McChatType     type,
                                                 McChatStatus   status,
                                                 gint64         created_at,
                                                 gint64         updated_at,
                                                 McChatContext *context);
gint64         mc_chat_get_chat_id              (McChat        *self);
gint64         mc_chat_get_business_id          (McChat        *self);
McChatType     mc_chat_get_chat_type            (McChat        *self);
void           mc_chat_set_chat_type            (McChat        *self,
                                                 McChatType     type);
McChatStatus   mc_chat_get_status               (McChat        *self);
void           mc_chat_set_status               (McChat        *self,
                                                 McChatStatus   status);
gint64         mc_chat_get_created_at           (McChat        *self);
void           mc_chat_set_created_at           (McChat        *self,
                                                 gint64         created_at);
gint64         mc_chat_get_updated_at           (McChat        *self);
void           mc_chat_set_updated_at           (McChat        *self,
                                                 gint64         updated_at);
McChatContext *mc_chat_get_context              (McChat        *self);
void           mc_chat_set_context              (McChat        *self,
                                                 McChatContext *context);
guint          mc_chat_get_unread_count         (McChat        *self);
void           mc_chat_set_unread_count         (McChat        *self,
                                                 guint          unread_count);
const char    *mc_chat_get_last_message_preview (McChat        *self);
void           mc_chat_set_last_message_preview (McChat        *self,
                                                 const char    *preview);
/* The time the customer has been waiting from: "waiting-since", or
 * "updated-at" while that is unknown. */
gint64         mc_chat_get_waiting_since        (McChat        *self);
/* "waiting-since" itself (0 when unknown). */
gint64         mc_chat_get_first_unanswered     (McChat        *self);
void           mc_chat_set_waiting_since        (McChat        *self,
                                                 gint64         waiting_since);
gboolean       mc_chat_get_muted                (McChat        *self);
void           mc_chat_set_muted                (McChat        *self,
                                                 gboolean       muted);

/* Convenience accessors through the context (0 / NULL when absent). */
gint64         mc_chat_get_campaign_id          (McChat        *self);
const char    *mc_chat_get_customer_name        (McChat        *self);
gboolean       mc_chat_needs_reply              (McChat        *self);
/* Whether the chat's history is known to hold no customer message (a chat
 * the seller started): such a chat does not need a reply. */
gboolean       mc_chat_get_no_customer_message  (McChat        *self);
void           mc_chat_set_no_customer_message  (McChat        *self,
                                                 gboolean       none);
gboolean       mc_chat_get_pinned               (McChat        *self);
void           mc_chat_set_pinned               (McChat        *self,
                                                 gboolean       pinned);
gboolean       mc_chat_get_marked_unread        (McChat        *self);
void           mc_chat_set_marked_unread        (McChat        *self,
                                                 gboolean       marked);
/* Whether a row shows the chat as unread: unread messages, or marked. */
gboolean       mc_chat_get_shows_unread         (McChat        *self);

/* Copies the API properties of @other (same chat id) into @self, notifying
 * only the properties whose values changed.  Returns TRUE if anything did. */
gboolean       mc_chat_update_from              (McChat        *self,
                                                 McChat        *other);

G_END_DECLS
