/* mc-api-client-chats.c: the seller's chats: getChats, one page or
 * every page, getChat, and createChat about an order or a return.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-api-client-private.h"
#include "mc-api-parse.h"

#define MAX_CHAT_PAGES     10000
#define CHATS_PAGE_LIMIT   20

/* getChats */

static void
add_unique_string (GPtrArray  *strings,
                   const char *value)
{
  if (value == NULL)
    return;

  for (guint i = 0; i < strings->len; i++)
    if (g_str_equal (g_ptr_array_index (strings, i), value))
      return;

  g_ptr_array_add (strings, (gpointer) value);
}

/* The spec wants each filter absent or with at least one unique item. */
static void
add_string_array (JsonBuilder *builder,
                  const char  *name,
                  GPtrArray   *strings)
{
  if (strings->len == 0)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

static JsonBuilder *
build_chats_body (const McChatFilter *filter)
{
  JsonBuilder *builder = json_builder_new ();
  g_autoptr(GPtrArray) statuses = g_ptr_array_new ();
  g_autoptr(GPtrArray) types = g_ptr_array_new ();
  g_autoptr(GPtrArray) context_types = g_ptr_array_new ();

  if (filter != NULL)
    {
      for (guint i = 0; i < filter->n_statuses; i++)
        add_unique_string (statuses, mc_chat_status_to_string (filter->statuses[i]));
      for (guint i = 0; i < filter->n_types; i++)
        add_unique_string (types, mc_chat_type_to_string (filter->types[i]));
      for (guint i = 0; i < filter->n_context_types; i++)
        add_unique_string (context_types, mc_context_type_to_string (filter->context_types[i]));
    }

  json_builder_begin_object (builder);
  add_string_array (builder, "statuses", statuses);
  add_string_array (builder, "types", types);
  add_string_array (builder, "contextTypes", context_types);
  json_builder_end_object (builder);

  return builder;
}

static void
complete_chats (McApiRequest *req,
                const char   *data,
                gsize         length)
{
  g_autoptr(GTask) task = mc_api_request_finish (req);
  g_autoptr(McChatPage) page = g_new0 (McChatPage, 1);
  GError *error = NULL;

  page->rejected = g_ptr_array_new_with_free_func (g_free);

  if (!mc_api_parse_chats (data, length, req->business_id, &page->chats,
                           &page->next_page_token, page->rejected, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&page), (GDestroyNotify) mc_chat_page_free);
}

static void
get_chats_with_body_async (McApiClient         *self,
                           gint64               business_id,
                           GBytes              *body,
                           const char          *page_token,
                           guint                limit,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GString) query = g_string_new (NULL);
  McApiRequest *req;

  mc_api_append_paging (query, page_token, limit);
  req = mc_api_request_new_for_endpoint (self, MC_API_METHOD_GET_CHATS, business_id, 0, query->str,
                                         complete_chats, mc_api_client_get_chats_async,
                                         cancellable, callback, user_data);
  mc_api_request_set_body (req, "application/json", g_bytes_ref (body));
  mc_api_request_submit (req);
}

static GBytes *
chats_body_bytes (const McChatFilter *filter)
{
  g_autoptr(JsonBuilder) builder = build_chats_body (filter);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize length = 0;
  char *text;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);

  return g_bytes_new_take (text, length);
}

void
mc_api_client_get_chats_async (McApiClient         *self,
                               gint64               business_id,
                               const McChatFilter  *filter,
                               const char          *page_token,
                               guint                limit,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (mc_api_report_invalid_ids (self, business_id, 1, mc_api_client_get_chats_async, callback, user_data))
    return;

  body = chats_body_bytes (filter);
  get_chats_with_body_async (self, business_id, body, page_token, limit,
                             cancellable, callback, user_data);
}

McChatPage *
mc_api_client_get_chats_finish (McApiClient   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return mc_api_client_finish_pointer (self, result, error);
}

static void
on_chats_page (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  McApiClient *self = MC_API_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(McChatPage) page = NULL;
  McApiWalk *walk = g_task_get_task_data (task);
  GError *error = NULL;

  page = g_task_propagate_pointer (G_TASK (result), &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < page->chats->len; i++)
    {
      McChat *chat = g_ptr_array_index (page->chats, i);

      mc_api_walk_add (walk, mc_chat_get_chat_id (chat), chat);
    }

  for (guint i = 0; i < page->rejected->len; i++)
    g_debug ("getChats skipped %s", (char *) g_ptr_array_index (page->rejected, i));

  if (mc_api_walk_continue (walk, page->next_page_token, page->chats->len, page->rejected->len))
    get_chats_with_body_async (self, walk->business_id, walk->body, page->next_page_token,
                               CHATS_PAGE_LIMIT, g_task_get_cancellable (task),
                               on_chats_page, g_object_ref (task));
  else
    g_task_return_pointer (task, g_ptr_array_ref (walk->items),
                           (GDestroyNotify) g_ptr_array_unref);
}

void
mc_api_client_get_all_chats_async (McApiClient         *self,
                                   gint64               business_id,
                                   const McChatFilter  *filter,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  McApiWalk *walk;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = mc_api_walk_task_new (self, MAX_CHAT_PAGES, mc_api_client_get_all_chats_async,
                               cancellable, callback, user_data);

  if (!mc_api_check_ids (task, business_id, 1))
    return;

  walk = g_task_get_task_data (task);
  walk->business_id = business_id;
  walk->body = chats_body_bytes (filter);

  get_chats_with_body_async (self, business_id, walk->body, NULL, CHATS_PAGE_LIMIT,
                             cancellable, on_chats_page, g_object_ref (task));
}

GPtrArray *
mc_api_client_get_all_chats_finish (McApiClient   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return mc_api_client_finish_pointer (self, result, error);
}

/* getChat */

static void
complete_chat (McApiRequest *req,
               const char   *data,
               gsize         length)
{
  GError *error = NULL;
  McChat *chat = mc_api_parse_chat (data, length, req->business_id, &error);

  mc_api_request_return_object (req, chat, error);
}

void
mc_api_client_get_chat_async (McApiClient         *self,
                              gint64               business_id,
                              gint64               chat_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  McApiRequest *req;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (mc_api_report_invalid_ids (self, business_id, chat_id, mc_api_client_get_chat_async, callback, user_data))
    return;

  req = mc_api_request_new_for_endpoint (self, MC_API_METHOD_GET_CHAT, business_id, chat_id, NULL,
                                         complete_chat, mc_api_client_get_chat_async,
                                         cancellable, callback, user_data);
  mc_api_request_submit (req);
}

McChat *
mc_api_client_get_chat_finish (McApiClient   *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return mc_api_client_finish_pointer (self, result, error);
}

/* createChat */

static void
complete_new_chat (McApiRequest *req,
                   const char   *data,
                   gsize         length)
{
  g_autoptr(GTask) task = mc_api_request_finish (req);
  GError *error = NULL;
  gint64 chat_id = 0;

  if (!mc_api_parse_new_chat (data, length, &chat_id, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_memdup2 (&chat_id, sizeof chat_id), g_free);
}

void
mc_api_client_create_chat_async (McApiClient         *self,
                                 gint64               business_id,
                                 McContextType        context_type,
                                 gint64               context_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = NULL;
  McApiRequest *req;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (mc_api_report_invalid_ids (self, business_id, 1, mc_api_client_create_chat_async, callback, user_data))
    return;

  if ((context_type != MC_CONTEXT_TYPE_ORDER && context_type != MC_CONTEXT_TYPE_RETURN) ||
      context_id < 1)
    {
      g_task_report_new_error (self, callback, user_data, mc_api_client_create_chat_async,
                               MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
                               _("A chat can only be started about an order or a return"));
      return;
    }

  req = mc_api_request_new_for_endpoint (self, MC_API_METHOD_CREATE_CHAT, business_id, 0, NULL,
                                         complete_new_chat, mc_api_client_create_chat_async,
                                         cancellable, callback, user_data);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "context");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, mc_context_type_to_string (context_type));
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, context_id);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  mc_api_request_set_json_body (req, builder);

  mc_api_request_submit (req);
}

gint64
mc_api_client_create_chat_finish (McApiClient   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_autofree gint64 *chat_id = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  chat_id = g_task_propagate_pointer (G_TASK (result), error);

  return chat_id != NULL ? *chat_id : 0;
}
