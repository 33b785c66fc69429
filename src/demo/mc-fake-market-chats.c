/* mc-fake-market-chats.c: getChats, getChat and createChat.
 *
 * The chat list with its filters and paging, one chat by id, and the chat
 * the seller opens about an order or a return.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-fake-market-private.h"

static int status_from_string (const char *s) { return mc_chat_status_from_string (s); }
static int type_from_string (const char *s) { return mc_chat_type_from_string (s); }
static int context_from_string (const char *s) { return mc_context_type_from_string (s); }

/* Endpoints; called with the lock held */

Reply
mc_fake_handle_get_chats (McFakeMarket *self,
                          Request      *req)
{
  McFakeChatFilter filter = { 0 };
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GArray) contexts = NULL;
  g_autoptr(GArray) order_ids = NULL;
  JsonArray *array;
  Reply error;
  gint64 limit;
  guint64 after;
  gboolean more;
  JsonObject *result;
  JsonArray *chats_array;
  JsonNode *node;

  if (!mc_fake_query_get_int (req, "limit", 1, 20, FALSE, 10, &limit, &error) ||
      !mc_fake_decode_page_token (self, req, 'k', &after, &error) ||
      (body = mc_fake_request_json (req, &error)) == NULL ||
      !mc_fake_member_get_enum_mask (body, "statuses", status_from_string, NULL, &filter.statuses, &error) ||
      !mc_fake_member_get_enum_mask (body, "types", type_from_string, NULL, &filter.types, &error) ||
      !mc_fake_member_get_enum_mask (body, "contextTypes", context_from_string, NULL, &filter.context_types, &error))
    return error;

  if (!mc_fake_member_get_array (body, "contexts", &array, &error))
    return error;
  if (array != NULL)
    {
      contexts = g_array_new (FALSE, FALSE, sizeof (McFakeContextRef));
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *path = g_strdup_printf ("contexts[%u]", i);
          McFakeContextRef ref;

          if (!mc_fake_parse_context_ref (json_array_get_element (array, i), path, &ref, &error))
            return error;
          for (guint j = 0; j < contexts->len; j++)
            {
              McFakeContextRef *other = &g_array_index (contexts, McFakeContextRef, j);

              if (other->type == ref.type && other->id == ref.id)
                return mc_fake_reply_error (400, "contexts must not repeat items");
            }
          g_array_append_val (contexts, ref);
        }
      filter.contexts = contexts;
    }

  if (!mc_fake_member_get_array (body, "orderIds", &array, &error))
    return error;
  if (array != NULL)
    {
      order_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          gint64 id;

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_INT64)
            return mc_fake_reply_error (400, "orderIds[%u] must be an integer", i);
          id = json_node_get_int (element);
          for (guint j = 0; j < order_ids->len; j++)
            if (g_array_index (order_ids, gint64, j) == id)
              return mc_fake_reply_error (400, "orderIds must not repeat items");
          g_array_append_val (order_ids, id);
        }
      filter.order_ids = order_ids;
    }

  chats = mc_fake_data_list_chats (self->data, req->business, &filter, after, limit, &more);

  result = json_object_new ();
  chats_array = json_array_new ();
  for (guint i = 0; i < chats->len; i++)
    json_array_add_element (chats_array, mc_fake_data_chat_to_json (self->data, g_ptr_array_index (chats, i)));
  json_object_set_array_member (result, "chats", chats_array);
  if (more)
    {
      McFakeChat *last = g_ptr_array_index (chats, chats->len - 1);
      mc_fake_add_paging (result, mc_fake_encode_page_token (self, 'k', last->key));
    }
  else
    mc_fake_add_paging (result, NULL);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, result);
  return mc_fake_reply_ok (node);
}

/* The chat named by ?chatId=, which must belong to the request's business. */
McFakeChat *
mc_fake_request_chat (McFakeMarket *self,
                      Request      *req,
                      Reply        *error)
{
  gint64 chat_id;
  McFakeChat *chat;

  if (!mc_fake_query_get_int (req, "chatId", 1, G_MAXINT64, TRUE, 0, &chat_id, error))
    return NULL;

  chat = mc_fake_data_find_chat (self->data, chat_id);
  if (chat == NULL || chat->business != (guint) req->business)
    {
      *error = mc_fake_reply_error (404, "Chat %" G_GINT64_FORMAT " not found", chat_id);
      return NULL;
    }

  return chat;
}

Reply
mc_fake_handle_get_chat (McFakeMarket *self,
                         Request      *req)
{
  Reply error;
  McFakeChat *chat = mc_fake_request_chat (self, req, &error);

  if (chat == NULL)
    return error;

  return mc_fake_reply_ok (mc_fake_data_chat_to_json (self->data, chat));
}

Reply
mc_fake_handle_create_chat (McFakeMarket *self,
                            Request      *req)
{
  g_autoptr(JsonObject) body = NULL;
  McFakeContextRef ref = { 0 };
  JsonNode *context;
  JsonObject *result;
  JsonNode *node;
  McFakeChat *chat;
  Reply error;
  gint64 order_id;

  if ((body = mc_fake_request_json (req, &error)) == NULL ||
      !mc_fake_member_get_int (body, "orderId", "orderId", 1, &order_id, &error))
    return error;

  context = json_object_get_member (body, "context");
  if (context != NULL && !JSON_NODE_HOLDS_NULL (context))
    {
      if (!mc_fake_parse_context_ref (context, "context", &ref, &error))
        return error;
    }
  else if (order_id != 0)
    ref = (McFakeContextRef) { MC_CONTEXT_TYPE_ORDER, order_id };
  else
    return mc_fake_reply_error (400, "context is required");

  chat = mc_fake_data_find_chat_by_context (self->data, req->business, ref.type, ref.id);
  if (chat == NULL)
    {
      for (guint b = 0; b < MC_FAKE_N_BUSINESSES; b++)
        if (b != (guint) req->business &&
            mc_fake_data_find_chat_by_context (self->data, b, ref.type, ref.id) != NULL)
          return mc_fake_reply_error (404, "%s %" G_GINT64_FORMAT " not found",
                                      ref.type == MC_CONTEXT_TYPE_ORDER ? "Order" : "Return", ref.id);
      chat = mc_fake_data_add_chat (self->data, req->business, ref.type, ref.id);
    }

  result = json_object_new ();
  json_object_set_int_member (result, "chatId", chat->id);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, result);
  return mc_fake_reply_ok (node);
}
