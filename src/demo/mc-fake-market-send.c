/* mc-fake-market-send.c: sendMessageToChat and sendFileToChat.
 *
 * What the seller sends is appended to the chat as the partner's and
 * recorded, so a test can ask what reached the Market.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-fake-market-private.h"

/* Endpoints; called with the lock held */

static void
record_sent (McFakeMarket *self,
             McFakeChat   *chat,
             const char   *what)
{
  GPtrArray *sent = g_hash_table_lookup (self->sent, &chat->id);

  if (sent == NULL)
    {
      gint64 *key = g_new (gint64, 1);

      *key = chat->id;
      sent = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (self->sent, key, sent);
    }
  g_ptr_array_add (sent, g_strdup (what));
}

Reply
mc_fake_handle_send_message (McFakeMarket *self,
                             Request      *req)
{
  g_autoptr(JsonObject) body = NULL;
  Reply error;
  McFakeChat *chat;
  JsonNode *node;
  const char *text;
  glong length;

  if ((chat = mc_fake_request_chat (self, req, &error)) == NULL ||
      (body = mc_fake_request_json (req, &error)) == NULL)
    return error;

  node = json_object_get_member (body, "message");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return mc_fake_reply_error (400, "message is required");
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return mc_fake_reply_error (400, "message must be a string");

  text = json_node_get_string (node);
  length = g_utf8_strlen (text, -1);
  if (length < 1 || length > MC_FAKE_MAX_MESSAGE)
    return mc_fake_reply_error (400, "message must be 1 to %d characters long, not %ld",
                                MC_FAKE_MAX_MESSAGE, length);

  if (chat->status == MC_CHAT_STATUS_FINISHED)
    return mc_fake_reply_error (400, "Chat %" G_GINT64_FORMAT " is finished", chat->id);

  mc_fake_data_append_message (self->data, chat, MC_SENDER_PARTNER, text, NULL, 0);
  record_sent (self, chat, text);

  return mc_fake_reply_ok (NULL);
}

Reply
mc_fake_handle_send_file (McFakeMarket *self,
                          Request      *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *content_type = NULL;
  g_autoptr(SoupMultipart) multipart = NULL;
  const char *type;
  Reply error;
  McFakeChat *chat;

  if ((chat = mc_fake_request_chat (self, req, &error)) == NULL)
    return error;

  type = soup_message_headers_get_content_type (headers, NULL);
  if (type == NULL || g_ascii_strcasecmp (type, "multipart/form-data") != 0)
    return mc_fake_reply_error (400, "Content-Type must be multipart/form-data");

  body = mc_fake_request_body (req);
  multipart = soup_multipart_new_from_message (headers, body);
  if (multipart == NULL)
    return mc_fake_reply_error (400, "Malformed multipart body");

  if (!mc_fake_part_file (multipart, &filename, &content_type, &file, &error))
    return error;

  if (g_bytes_get_size (file) == 0)
    return mc_fake_reply_error (400, "File is empty");
  if (g_bytes_get_size (file) > MC_FAKE_MAX_FILE)
    return mc_fake_reply_error (400, "File is larger than 5 MB");

  if (chat->status == MC_CHAT_STATUS_FINISHED)
    return mc_fake_reply_error (400, "Chat %" G_GINT64_FORMAT " is finished", chat->id);

  if (filename == NULL || *filename == '\0')
    {
      g_free (filename);
      filename = g_strdup ("file");
    }
  mc_fake_data_append_message (self->data, chat, MC_SENDER_PARTNER, NULL,
                               mc_fake_file_new_uploaded (chat->business, filename,
                                                          content_type ? content_type : "application/octet-stream",
                                                          file),
                               0);
  record_sent (self, chat, filename);

  return mc_fake_reply_ok (NULL);
}
