/* mc-api-parse.h: Partner API JSON -> models.
 *
 * Every function takes the raw body.  A document whose shape is wrong fails
 * with MC_API_ERROR_PROTOCOL and a message naming the JSON path, e.g.
 * "result.chats[3].context.type: expected a string".  Unknown fields are
 * ignored; unknown enum values become UNKNOWN.  A single object inside a list
 * that is broken (missing required field, wrong type, negative id, absurd
 * string, unparsable date) is skipped, and its path and reason appended to
 * @rejected (a GPtrArray of char*, may be NULL) while the rest is kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-campaign.h"
#include "mc-chat.h"
#include "mc-message.h"

G_BEGIN_DECLS

/* ISO 8601 with offset or Z -> Unix usec UTC.  FALSE if it does not parse. */
gboolean   mc_api_parse_date        (const char  *str,
                                     gint64      *out_usec);
/* Unix usec -> "2017-11-21T00:00:00+03:00"-style (UTC offset +00:00). */
char      *mc_api_format_date       (gint64       usec);

/* GET /v2/campaigns -> McCampaign array; not wrapped in "result". */
gboolean   mc_api_parse_campaigns   (const char  *data,
                                     gsize        length,
                                     GPtrArray  **out_campaigns,
                                     char       **out_next_page_token,
                                     GPtrArray   *rejected,
                                     GError     **error);

/* POST .../chats -> McChat array (business-id set to @business_id). */
gboolean   mc_api_parse_chats       (const char  *data,
                                     gsize        length,
                                     gint64       business_id,
                                     GPtrArray  **out_chats,
                                     char       **out_next_page_token,
                                     GPtrArray   *rejected,
                                     GError     **error);

/* GET .../chat -> one McChat. */
McChat    *mc_api_parse_chat        (const char  *data,
                                     gsize        length,
                                     gint64       business_id,
                                     GError     **error);

/* POST .../chats/history -> messages (chat-id set to @chat_id), and the
 * chat's context when present. */
gboolean   mc_api_parse_history     (const char     *data,
                                     gsize           length,
                                     gint64          chat_id,
                                     McChatContext **out_context,
                                     GPtrArray     **out_messages,
                                     char          **out_next_page_token,
                                     GPtrArray      *rejected,
                                     GError        **error);

/* GET .../chats/message -> one McMessage. */
McMessage *mc_api_parse_message     (const char  *data,
                                     gsize        length,
                                     gint64       chat_id,
                                     GError     **error);

/* POST /v2/auth/token -> the key's name and scopes (NULL-terminated). */
gboolean   mc_api_parse_token_info  (const char  *data,
                                     gsize        length,
                                     char       **out_name,
                                     GStrv       *out_scopes,
                                     GError     **error);

/* POST .../chats/new -> result.chatId. */
gboolean   mc_api_parse_new_chat    (const char  *data,
                                     gsize        length,
                                     gint64      *out_chat_id,
                                     GError     **error);

/* Any body with {"status":"OK"} (send message, send file). */
gboolean   mc_api_parse_status_ok   (const char  *data,
                                     gsize        length,
                                     GError     **error);

/* The error wrapper {"status":"ERROR","errors":[{"code","message"}]}:
 * "CODE: message; CODE2: message2".  NULL if the body is not that shape. */
char      *mc_api_parse_error_body  (const char  *data,
                                     gsize        length);

/* An HTTP date (RFC 1123/850/asctime, as in X-RateLimit-Resource-Until)
 * with any zone RFC 822 allows, named ("MSK", "EST") or numeric
 * ("+0300"), seconds optional; ISO 8601 too.  NULL if it does not parse
 * or names a zone it cannot place. */
GDateTime *mc_api_parse_http_date   (const char  *str);

G_END_DECLS
