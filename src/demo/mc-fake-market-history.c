/* mc-fake-market-history.c: getChatHistory and getChatMessage.
 *
 * A chat's messages page by page, newest first, and one message by id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-fake-market-private.h"

/* Endpoints; called with the lock held */

Reply
mc_fake_handle_history (McFakeMarket *self,
                        Request      *req)
{
  g_autoptr(JsonObject) body = NULL;
  Reply error;
  McFakeChat *chat;
  gint64 limit, from;
  guint64 before;
  GPtrArray *messages;
  JsonObject *result;
  JsonArray *array;
  JsonNode *node;
  gint64 last = 0;
  gboolean more = FALSE;

  if ((chat = mc_fake_request_chat (self, req, &error)) == NULL ||
      !mc_fake_query_get_int (req, "limit", 1, 100, FALSE, 50, &limit, &error) ||
      !mc_fake_decode_page_token (self, req, 'h', &before, &error) ||
      (body = mc_fake_request_json (req, &error)) == NULL ||
      !mc_fake_member_get_int (body, "messageIdFrom", "messageIdFrom", 1, &from, &error))
    return error;

  messages = mc_fake_data_get_messages (self->data, chat);

  /* Newest first: the server's own order, which clients must not rely on. */
  array = json_array_new ();
  for (guint i = messages->len; i > 0; i--)
    {
      McFakeMessage *message = g_ptr_array_index (messages, i - 1);

      if (message->id < from || (before != 0 && (guint64) message->id >= before))
        continue;
      if (json_array_get_length (array) == (guint) limit)
        {
          more = TRUE;
          break;
        }
      json_array_add_element (array, mc_fake_data_message_to_json (self->data, message));
      last = message->id;
    }

  result = json_object_new ();
  if (chat->order_id != 0)
    json_object_set_int_member (result, "orderId", chat->order_id);
  json_object_set_member (result, "context", mc_fake_data_context_to_json (self->data, chat));
  json_object_set_array_member (result, "messages", array);
  mc_fake_add_paging (result, more ? mc_fake_encode_page_token (self, 'h', last) : NULL);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, result);
  return mc_fake_reply_ok (node);
}

Reply
mc_fake_handle_get_message (McFakeMarket *self,
                            Request      *req)
{
  Reply error;
  McFakeChat *chat;
  McFakeMessage *message;
  gint64 message_id;

  if ((chat = mc_fake_request_chat (self, req, &error)) == NULL ||
      !mc_fake_query_get_int (req, "messageId", 1, G_MAXINT64, TRUE, 0, &message_id, &error))
    return error;

  message = mc_fake_data_find_message (self->data, chat, message_id);
  if (message == NULL)
    return mc_fake_reply_error (404, "Message %" G_GINT64_FORMAT " not found in chat %" G_GINT64_FORMAT,
                                message_id, chat->id);

  return mc_fake_reply_ok (mc_fake_data_message_to_json (self->data, message));
}
