/* mc-cache-chats.c: the chats of the cabinet and its stores (campaigns),
 * as the Market last listed them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mc-cache-private.h"

static gboolean
load_chats_job (McCache   *self,
                sqlite3   *db,
                gpointer   data,
                gpointer  *result,
                GError   **error)
{
  g_autoptr(GPtrArray) chats = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = mc_cache_query (self, error,
                         "SELECT chat_id, chat_type, status, created_at, updated_at,"
                         " context_type, campaign_id, order_id, return_id,"
                         " customer_name, customer_public_id, unread_count,"
                         " last_message_preview FROM chats", "");
  if (stmt == NULL)
    return FALSE;

  chats = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McChat *chat = mc_chat_new (sqlite3_column_int64 (stmt, 0), self->business_id);
      g_autoptr(McChatContext) context = NULL;
      const char *name = (const char *) sqlite3_column_text (stmt, 9);
      const char *public_id = (const char *) sqlite3_column_text (stmt, 10);

      mc_chat_set_chat_type (chat, mc_chat_type_from_string ((const char *) sqlite3_column_text (stmt, 1)));
      mc_chat_set_status (chat, mc_chat_status_from_string ((const char *) sqlite3_column_text (stmt, 2)));
      mc_chat_set_created_at (chat, sqlite3_column_int64 (stmt, 3));
      mc_chat_set_updated_at (chat, sqlite3_column_int64 (stmt, 4));

      context = mc_chat_context_new (mc_context_type_from_string ((const char *) sqlite3_column_text (stmt, 5)));
      mc_chat_context_set_campaign_id (context, sqlite3_column_int64 (stmt, 6));
      mc_chat_context_set_order_id (context, sqlite3_column_int64 (stmt, 7));
      mc_chat_context_set_return_id (context, sqlite3_column_int64 (stmt, 8));
      if (name != NULL || public_id != NULL)
        {
          g_autoptr(McCustomer) customer = mc_customer_new (name, public_id);

          mc_chat_context_set_customer (context, customer);
        }
      mc_chat_set_context (chat, context);

      mc_chat_set_unread_count (chat, sqlite3_column_int (stmt, 11));
      mc_chat_set_last_message_preview (chat, (const char *) sqlite3_column_text (stmt, 12));
      g_ptr_array_add (chats, chat);
    }
  if (!mc_cache_query_end (stmt, rc, "SELECT FROM chats", error))
    return FALSE;

  *result = g_steal_pointer (&chats);
  return TRUE;
}

GPtrArray *
mc_cache_load_chats (McCache  *self,
                     GError  **error)
{
  g_return_val_if_fail (MC_IS_CACHE (self), NULL);
  return mc_cache_run_sync (self, load_chats_job, NULL, error);
}

static gboolean
load_campaigns_job (McCache   *self,
                    sqlite3   *db,
                    gpointer   data,
                    gpointer  *result,
                    GError   **error)
{
  g_autoptr(GPtrArray) campaigns = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt = mc_cache_query (self, error,
                         "SELECT campaign_id, domain, business_id, business_name,"
                         " placement_type, api_availability FROM campaigns"
                         " ORDER BY position, campaign_id", "");
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (campaigns,
                     mc_campaign_new (sqlite3_column_int64 (stmt, 0),
                                      (const char *) sqlite3_column_text (stmt, 1),
                                      sqlite3_column_int64 (stmt, 2),
                                      (const char *) sqlite3_column_text (stmt, 3),
                                      mc_placement_type_from_string ((const char *) sqlite3_column_text (stmt, 4)),
                                      mc_api_availability_from_string ((const char *) sqlite3_column_text (stmt, 5))));
  if (!mc_cache_query_end (stmt, rc, "SELECT FROM campaigns", error))
    return FALSE;

  *result = g_steal_pointer (&campaigns);
  return TRUE;
}

GPtrArray *
mc_cache_load_campaigns (McCache  *self,
                         GError  **error)
{
  g_return_val_if_fail (MC_IS_CACHE (self), NULL);
  return mc_cache_run_sync (self, load_campaigns_job, NULL, error);
}

typedef struct
{
  gint64  chat_id;
  gint64  created_at;
  gint64  updated_at;
  gint64  campaign_id;
  gint64  order_id;
  gint64  return_id;
  char   *customer_name;
  char   *customer_public_id;
  char   *preview;
  guint   unread_count;
  guint8  chat_type;
  guint8  status;
  guint8  context_type;
} ChatRow;

static void
chat_row_clear (gpointer data)
{
  ChatRow *row = data;

  g_free (row->customer_name);
  g_free (row->customer_public_id);
  g_free (row->preview);
}

static gboolean
save_chats_job (McCache   *self,
                sqlite3   *db,
                gpointer   data,
                gpointer  *result,
                GError   **error)
{
  GArray *rows = data;
  sqlite3_stmt *stmt;

  stmt = mc_cache_statement (self, error,
                             "INSERT OR REPLACE INTO chats (chat_id, chat_type, status,"
                             " created_at, updated_at, context_type, campaign_id, order_id,"
                             " return_id, customer_name, customer_public_id, unread_count,"
                             " last_message_preview)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      ChatRow *row = &g_array_index (rows, ChatRow, i);

      if (!mc_cache_summary_note_campaign (self, row->chat_id, row->campaign_id, error) ||
          !mc_cache_step (stmt, error, "xssxxsxxxssis",
                          row->chat_id,
                          mc_chat_type_to_string (row->chat_type),
                          mc_chat_status_to_string (row->status),
                          row->created_at,
                          row->updated_at,
                          mc_context_type_to_string (row->context_type),
                          row->campaign_id,
                          row->order_id,
                          row->return_id,
                          row->customer_name,
                          row->customer_public_id,
                          (int) row->unread_count,
                          row->preview))
        return FALSE;
    }

  return TRUE;
}

void
mc_cache_save_chats_async (McCache             *self,
                           GPtrArray           *chats,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  gint64 started = g_get_monotonic_time ();
  GArray *rows;

  g_return_if_fail (MC_IS_CACHE (self));
  g_return_if_fail (chats != NULL);

  rows = g_array_sized_new (FALSE, TRUE, sizeof (ChatRow), chats->len);
  g_array_set_clear_func (rows, chat_row_clear);
  for (guint i = 0; i < chats->len; i++)
    {
      McChat *chat = g_ptr_array_index (chats, i);
      McChatContext *context = mc_chat_get_context (chat);
      McCustomer *customer = context != NULL ? mc_chat_context_get_customer (context) : NULL;
      ChatRow row = { 0 };

      row.chat_id = mc_chat_get_chat_id (chat);
      row.chat_type = mc_chat_get_chat_type (chat);
      row.status = mc_chat_get_status (chat);
      row.created_at = mc_chat_get_created_at (chat);
      row.updated_at = mc_chat_get_updated_at (chat);
      if (context != NULL)
        {
          row.context_type = mc_chat_context_get_context_type (context);
          row.campaign_id = mc_chat_context_get_campaign_id (context);
          row.order_id = mc_chat_context_get_order_id (context);
          row.return_id = mc_chat_context_get_return_id (context);
        }
      if (customer != NULL)
        {
          row.customer_name = g_strdup (mc_customer_get_name (customer));
          row.customer_public_id = g_strdup (mc_customer_get_public_id (customer));
        }
      row.unread_count = mc_chat_get_unread_count (chat);
      row.preview = g_strdup (mc_chat_get_last_message_preview (chat));
      g_array_append_val (rows, row);
    }

  mc_cache_queue_job (self, save_chats_job, rows, (GDestroyNotify) g_array_unref, NULL,
                      mc_cache_save_chats_async, cancellable, callback, user_data);
  mc_cache_note_block (self, started);
}

gboolean
mc_cache_save_chats_finish (McCache       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return mc_cache_finish_boolean (self, result, error);
}

typedef struct
{
  gint64             campaign_id;
  gint64             business_id;
  char              *domain;
  char              *business_name;
  McPlacementType    placement_type;
  McApiAvailability  availability;
} CampaignRow;

static void
campaign_row_clear (gpointer data)
{
  CampaignRow *row = data;

  g_free (row->domain);
  g_free (row->business_name);
}

static gboolean
save_campaigns_job (McCache   *self,
                    sqlite3   *db,
                    gpointer   data,
                    gpointer  *result,
                    GError   **error)
{
  GArray *rows = data;
  sqlite3_stmt *stmt;

  if (!mc_cache_run (self, error, "DELETE FROM campaigns", ""))
    return FALSE;

  stmt = mc_cache_statement (self, error,
                             "INSERT OR REPLACE INTO campaigns (campaign_id, position, domain,"
                             " business_id, business_name, placement_type, api_availability)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      CampaignRow *row = &g_array_index (rows, CampaignRow, i);

      if (!mc_cache_step (stmt, error, "xisxsss",
                          row->campaign_id,
                          (int) i,
                          row->domain,
                          row->business_id,
                          row->business_name,
                          mc_placement_type_to_string (row->placement_type),
                          mc_api_availability_to_string (row->availability)))
        return FALSE;
    }

  return TRUE;
}

void
mc_cache_save_campaigns_async (McCache             *self,
                               GPtrArray           *campaigns,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  gint64 started = g_get_monotonic_time ();
  GArray *rows;

  g_return_if_fail (MC_IS_CACHE (self));
  g_return_if_fail (campaigns != NULL);

  rows = g_array_sized_new (FALSE, TRUE, sizeof (CampaignRow), campaigns->len);
  g_array_set_clear_func (rows, campaign_row_clear);
  for (guint i = 0; i < campaigns->len; i++)
    {
      McCampaign *campaign = g_ptr_array_index (campaigns, i);
      CampaignRow row;

      row.campaign_id = mc_campaign_get_id (campaign);
      row.business_id = mc_campaign_get_business_id (campaign);
      row.domain = g_strdup (mc_campaign_get_domain (campaign));
      row.business_name = g_strdup (mc_campaign_get_business_name (campaign));
      row.placement_type = mc_campaign_get_placement_type (campaign);
      row.availability = mc_campaign_get_api_availability (campaign);
      g_array_append_val (rows, row);
    }

  mc_cache_queue_job (self, save_campaigns_job, rows, (GDestroyNotify) g_array_unref, NULL,
                      mc_cache_save_campaigns_async, cancellable, callback, user_data);
  mc_cache_note_block (self, started);
}

gboolean
mc_cache_save_campaigns_finish (McCache       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return mc_cache_finish_boolean (self, result, error);
}
