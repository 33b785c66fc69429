/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mc-attachment.h"
#include "mc-enums.h"

G_BEGIN_DECLS

#define MC_TYPE_MESSAGE (mc_message_get_type ())
G_DECLARE_FINAL_TYPE (McMessage, mc_message, MC, MESSAGE, GObject)

/* Properties: "message-id", "chat-id", "created-at" (gint64; Unix usec UTC),
 * "sender" (McSender), "text" (string, nullable), "attachments"
 * (GListModel of McAttachment, never NULL, may be empty), "state"
 * (McMessageState; local), "error" (string, nullable; why a send failed),
 * "from-elsewhere" (gboolean; local: a PARTNER message this app did not
 * send, seen arriving through sync).
 * A pending message the seller just wrote has message-id 0. */
McMessage     *mc_message_new             (gint64          message_id,
                                           gint64          chat_id);
gint64         mc_message_get_message_id  (McMessage      *self);
void           mc_message_set_message_id  (McMessage      *self,
                                           gint64          message_id);
gint64         mc_message_get_chat_id     (McMessage      *self);
gint64         mc_message_get_created_at  (McMessage      *self);
void           mc_message_set_created_at  (McMessage      *self,
                                           gint64          created_at);
McSender       mc_message_get_sender      (McMessage      *self);
void           mc_message_set_sender      (McMessage      *self,
                                           McSender        sender);
const char    *mc_message_get_text        (McMessage      *self);
void           mc_message_set_text        (McMessage      *self,
                                           const char     *text);
GListModel    *mc_message_get_attachments (McMessage      *self);
void           mc_message_add_attachment  (McMessage      *self,
                                           McAttachment   *attachment);
McMessageState mc_message_get_state       (McMessage      *self);
void           mc_message_set_state       (McMessage      *self,
                                           McMessageState  state);
const char    *mc_message_get_error       (McMessage      *self);
void           mc_message_set_error       (McMessage      *self,
                                           const char     *error);
gboolean       mc_message_get_from_elsewhere (McMessage     *self);
void           mc_message_set_from_elsewhere (McMessage     *self,
                                              gboolean       from_elsewhere);

G_END_DECLS
