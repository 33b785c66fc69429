/* mc-session-chats.c: starting a chat about an order or a return, and
 * the seller's own marks on chats.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-session-private.h"

typedef struct
{
  McCabinet *cabinet;
  gint64     campaign_id;  /* the store picked */
  gint64     number;
  gint64     chat_id;
  char      *notice;
} StartChat;

static void
start_chat_free (StartChat *start)
{
  g_clear_object (&start->cabinet);
  g_free (start->notice);
  g_free (start);
}

static McCabinet *
find_cabinet_with_client (McSession *self,
                          gint64     business_id)
{
  GListModel *model = G_LIST_MODEL (self->cabinets);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(McCabinet) cabinet = g_list_model_get_item (model, i);

      if (mc_cabinet_get_business_id (cabinet) == business_id &&
          mc_cabinet_get_client (cabinet) != NULL)
        return cabinet;
    }

  return NULL;
}

static void
start_chat_return (GTask *task)
{
  McSession *self = g_task_get_source_object (task);
  StartChat *start = g_task_get_task_data (task);
  McChat *chat = mc_chat_store_lookup (self->chats, start->chat_id);
  gint64 campaign_id = chat != NULL ? mc_chat_get_campaign_id (chat) : 0;
  McSidebarItem *item = campaign_id != 0
                      ? mc_sidebar_model_find_campaign (self->stores, campaign_id)
                      : NULL;

  /* createChat takes no store: the Market files the chat under the
   * order's own store, which may not be the one picked. */
  if (item != NULL && campaign_id != start->campaign_id)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, start->number);

      /* Translators: the first %s is an order or return number, the
       * second a store's name. */
      start->notice = g_strdup_printf (_("Number %s belongs to the store “%s”: the chat is there"),
                                       number, mc_sidebar_item_get_title (item));
    }

  g_task_return_int (task, start->chat_id);
}

static void
start_chat_fetched_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McSession *self = g_task_get_source_object (task);
  g_autoptr(McChat) chat = NULL;
  g_autoptr(GError) error = NULL;

  chat = mc_api_client_get_chat_finish (MC_API_CLIENT (object), result, &error);
  if (mc_error_is_cancelled (error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A chat the sync has not seen yet shows now, not at the next poll; one
   * that could not be fetched comes with the next poll. */
  if (chat != NULL)
    {
      g_autoptr(GPtrArray) chats = g_ptr_array_new_with_free_func (g_object_unref);

      /* Just created and never written in (nothing moved updatedAt): no
       * customer waits here.  Its history, fetched on opening, confirms. */
      if (mc_chat_get_updated_at (chat) == mc_chat_get_created_at (chat))
        mc_chat_set_no_customer_message (chat, TRUE);

      g_ptr_array_add (chats, g_steal_pointer (&chat));
      mc_chat_store_merge (self->chats, chats);
    }

  start_chat_return (task);
}

static void
start_chat_created_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McSession *self = g_task_get_source_object (task);
  StartChat *start = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  start->chat_id = mc_api_client_create_chat_finish (MC_API_CLIENT (object), result, &error);
  if (start->chat_id <= 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (mc_chat_store_lookup (self->chats, start->chat_id) != NULL)
    {
      start_chat_return (task);
      return;
    }

  mc_api_client_get_chat_async (MC_API_CLIENT (object),
                                mc_cabinet_get_business_id (start->cabinet),
                                start->chat_id,
                                g_task_get_cancellable (task),
                                start_chat_fetched_cb,
                                g_object_ref (task));
}

void
mc_session_start_chat_async (McSession           *self,
                             gint64               business_id,
                             gint64               campaign_id,
                             McContextType        context_type,
                             gint64               number,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  StartChat *start;
  McCabinet *cabinet;

  g_return_if_fail (MC_IS_SESSION (self));
  g_return_if_fail (number > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mc_session_start_chat_async);

  cabinet = find_cabinet_with_client (self, business_id);
  if (cabinet == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The cabinet of this store is not connected."));
      return;
    }

  start = g_new0 (StartChat, 1);
  start->cabinet = g_object_ref (cabinet);
  start->campaign_id = campaign_id;
  start->number = number;
  g_task_set_task_data (task, start, (GDestroyNotify) start_chat_free);

  mc_api_client_create_chat_async (mc_cabinet_get_client (cabinet),
                                   business_id, context_type, number,
                                   cancellable,
                                   start_chat_created_cb,
                                   g_steal_pointer (&task));
}

gint64
mc_session_start_chat_finish (McSession     *self,
                              GAsyncResult  *result,
                              char         **notice,
                              GError       **error)
{
  StartChat *start;
  gint64 chat_id;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  chat_id = g_task_propagate_int (G_TASK (result), error);
  start = g_task_get_task_data (G_TASK (result));
  if (notice != NULL)
    *notice = chat_id > 0 && start != NULL ? g_strdup (start->notice) : NULL;

  return chat_id;
}

McCabinet *
mc_session_get_cabinet_for_chat (McSession *self,
                                 gint64     chat_id)
{
  GListModel *model;
  McChat *chat;
  guint n;

  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  chat = mc_chat_store_lookup (self->chats, chat_id);
  if (chat == NULL)
    return NULL;

  model = G_LIST_MODEL (self->cabinets);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(McCabinet) cabinet = g_list_model_get_item (model, i);

      if (mc_cabinet_get_business_id (cabinet) == mc_chat_get_business_id (chat))
        return cabinet;
    }

  return NULL;
}

void
mc_session_set_chat_pinned (McSession *self,
                            gint64     chat_id,
                            gboolean   pinned)
{
  g_return_if_fail (MC_IS_SESSION (self));

  mc_chat_store_set_pinned (self->chats, chat_id, pinned);
}

void
mc_session_set_chat_unread (McSession *self,
                            gint64     chat_id,
                            gboolean   unread)
{
  gint64 last_id;

  g_return_if_fail (MC_IS_SESSION (self));

  mc_chat_store_set_marked_unread (self->chats, chat_id, unread);
  if (unread)
    return;

  last_id = mc_chat_store_get_last_message_id (self->chats, chat_id);
  if (last_id != 0)
    mc_chat_store_mark_read (self->chats, chat_id, last_id);
}
