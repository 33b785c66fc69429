/* mc-api-client-history.c: the messages of a chat: getChatHistory, one
 * page or every page without repeats, and getChatMessage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-api-client-private.h"
#include "mc-api-parse.h"

#define MAX_HISTORY_PAGES  1000
#define HISTORY_PAGE_LIMIT 100

/* getChatHistory */

static void
complete_history (McApiRequest *req,
                  const char   *data,
                  gsize         length)
{
  g_autoptr(GTask) task = mc_api_request_finish (req);
  g_autoptr(McHistoryPage) page = g_new0 (McHistoryPage, 1);
  GError *error = NULL;

  page->rejected = g_ptr_array_new_with_free_func (g_free);

  if (!mc_api_parse_history (data, length, req->chat_id, &page->context, &page->messages,
                             &page->next_page_token, page->rejected, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&page), (GDestroyNotify) mc_history_page_free);
}

void
mc_api_client_get_history_async (McApiClient         *self,
                                 gint64               business_id,
                                 gint64               chat_id,
                                 gint64               message_id_from,
                                 const char          *page_token,
                                 guint                limit,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GString) query = NULL;
  McApiRequest *req;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (mc_api_report_invalid_ids (self, business_id, chat_id, mc_api_client_get_history_async, callback, user_data))
    return;

  query = g_string_new (NULL);
  mc_api_append_paging (query, page_token, limit);

  req = mc_api_request_new_for_endpoint (self, MC_API_METHOD_GET_CHAT_HISTORY, business_id, chat_id,
                                         query->str, complete_history, mc_api_client_get_history_async,
                                         cancellable, callback, user_data);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  if (message_id_from > 0)
    {
      json_builder_set_member_name (builder, "messageIdFrom");
      json_builder_add_int_value (builder, message_id_from);
    }
  json_builder_end_object (builder);
  mc_api_request_set_json_body (req, builder);

  mc_api_request_submit (req);
}

McHistoryPage *
mc_api_client_get_history_finish (McApiClient   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return mc_api_client_finish_pointer (self, result, error);
}

static void
on_history_page (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  McApiClient *self = MC_API_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(McHistoryPage) page = NULL;
  McApiWalk *walk = g_task_get_task_data (task);
  GError *error = NULL;
  McHistoryPage *all;
  gboolean repeated;
  guint before;

  page = g_task_propagate_pointer (G_TASK (result), &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (walk->context == NULL && page->context != NULL)
    walk->context = g_object_ref (page->context);

  before = walk->items->len;
  for (guint i = 0; i < page->messages->len; i++)
    {
      McMessage *message = g_ptr_array_index (page->messages, i);

      mc_api_walk_add (walk, mc_message_get_message_id (message), message);
    }

  for (guint i = 0; i < page->rejected->len; i++)
    g_ptr_array_add (walk->rejected, g_strdup (g_ptr_array_index (page->rejected, i)));

  /* A history that gives the same messages under new page tokens would
   * never end: a page with nothing new is its end. */
  repeated = page->messages->len > 0 && walk->items->len == before;
  if (repeated)
    g_message ("getChatHistory of chat %" G_GINT64_FORMAT " stopped after %u pages: "
               "the server repeated messages under a new page token", walk->chat_id,
               mc_api_pager_get_pages (&walk->pager) + 1);

  if (!repeated &&
      mc_api_walk_continue (walk, page->next_page_token, page->messages->len, page->rejected->len))
    {
      mc_api_client_get_history_async (self, walk->business_id, walk->chat_id,
                                       walk->message_id_from, page->next_page_token,
                                       HISTORY_PAGE_LIMIT, g_task_get_cancellable (task),
                                       on_history_page, g_object_ref (task));
      return;
    }

  all = g_new0 (McHistoryPage, 1);
  all->context = g_steal_pointer (&walk->context);
  all->messages = g_steal_pointer (&walk->items);
  all->rejected = g_steal_pointer (&walk->rejected);
  g_task_return_pointer (task, all, (GDestroyNotify) mc_history_page_free);
}

void
mc_api_client_get_all_history_async (McApiClient         *self,
                                     gint64               business_id,
                                     gint64               chat_id,
                                     gint64               message_id_from,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  McApiWalk *walk;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = mc_api_walk_task_new (self, MAX_HISTORY_PAGES, mc_api_client_get_all_history_async,
                               cancellable, callback, user_data);

  if (!mc_api_check_ids (task, business_id, chat_id))
    return;

  walk = g_task_get_task_data (task);
  walk->business_id = business_id;
  walk->chat_id = chat_id;
  walk->message_id_from = message_id_from;

  mc_api_client_get_history_async (self, business_id, chat_id, message_id_from, NULL,
                                   HISTORY_PAGE_LIMIT, cancellable,
                                   on_history_page, g_object_ref (task));
}

McHistoryPage *
mc_api_client_get_all_history_finish (McApiClient   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return mc_api_client_finish_pointer (self, result, error);
}

/* getChatMessage */

static void
complete_message (McApiRequest *req,
                  const char   *data,
                  gsize         length)
{
  GError *error = NULL;
  McMessage *message = mc_api_parse_message (data, length, req->chat_id, &error);

  mc_api_request_return_object (req, message, error);
}

void
mc_api_client_get_message_async (McApiClient         *self,
                                 gint64               business_id,
                                 gint64               chat_id,
                                 gint64               message_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *query = NULL;
  McApiRequest *req;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (mc_api_report_invalid_ids (self, business_id, MIN (chat_id, message_id),
                                 mc_api_client_get_message_async, callback, user_data))
    return;

  query = g_strdup_printf ("messageId=%" G_GINT64_FORMAT, message_id);
  req = mc_api_request_new_for_endpoint (self, MC_API_METHOD_GET_CHAT_MESSAGE, business_id, chat_id,
                                         query, complete_message, mc_api_client_get_message_async,
                                         cancellable, callback, user_data);
  mc_api_request_submit (req);
}

McMessage *
mc_api_client_get_message_finish (McApiClient   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return mc_api_client_finish_pointer (self, result, error);
}
