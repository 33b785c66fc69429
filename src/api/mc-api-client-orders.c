/* mc-api-client-orders.c: the order card's reads: getBusinessOrders, the
 * deprecated getOrder for keys that may use nothing else, getReturn, and
 * the choice between them by the key's scopes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-api-client-private.h"
#include "mc-api-parse-orders.h"

static gboolean
has_scope (const char * const *scopes,
           const char * const *wanted)
{
  for (guint i = 0; wanted[i] != NULL; i++)
    if (g_strv_contains (scopes, wanted[i]))
      return TRUE;

  return FALSE;
}

/* The x-auth-scopes of getReturn in the spec. */
static const char * const return_scopes[] = {
  "ALL_METHODS",
  "ALL_METHODS_READ_ONLY",
  "INVENTORY_AND_ORDER_PROCESSING",
  "INVENTORY_AND_ORDER_PROCESSING_READ_ONLY",
  NULL
};

/* The x-auth-scopes of getBusinessOrders. */
static const char * const business_orders_scopes[] = {
  "ALL_METHODS",
  "ALL_METHODS_READ_ONLY",
  "INVENTORY_AND_ORDER_PROCESSING",
  "INVENTORY_AND_ORDER_PROCESSING_READ_ONLY",
  "FINANCE_AND_ACCOUNTING",
  NULL
};

McOrderAccess
mc_api_order_access_for_scopes (const char * const *scopes)
{
  if (scopes == NULL || has_scope (scopes, business_orders_scopes))
    return MC_ORDER_ACCESS_BUSINESS_ORDERS;

  /* getOrder goes away on 2027-04-12: only a key that may read orders no
   * other way uses it. */
  if (g_strv_contains (scopes, "COMMUNICATION"))
    return MC_ORDER_ACCESS_GET_ORDER;

  return MC_ORDER_ACCESS_NONE;
}

gboolean
mc_api_scopes_allow_returns (const char * const *scopes)
{
  return scopes == NULL || has_scope (scopes, return_scopes);
}

static GError *
orders_not_allowed (const GError *cause)
{
  if (cause != NULL)
    return g_error_new_literal (MC_API_ERROR, MC_API_ERROR_ORDERS_NOT_ALLOWED, cause->message);

  return g_error_new_literal (MC_API_ERROR, MC_API_ERROR_ORDERS_NOT_ALLOWED,
                              _("The key may not read orders"));
}

static gboolean
report_invalid_id (McApiClient         *self,
                   gint64               id,
                   gpointer             source_tag,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  if (id >= 1)
    return FALSE;

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_return_new_error (task, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
                           _("Invalid business, store, order or return id"));
  return TRUE;
}

/* getBusinessOrders */

static void
complete_business_orders (McApiRequest *req,
                          const char   *data,
                          gsize         length)
{
  g_autoptr(GTask) task = mc_api_request_finish (req);
  g_autoptr(GPtrArray) rejected = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *orders = NULL;
  GError *error = NULL;

  if (!mc_api_parse_business_orders (data, length, &orders, NULL, rejected, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < rejected->len; i++)
    g_debug ("getBusinessOrders skipped %s", (char *) g_ptr_array_index (rejected, i));

  g_task_return_pointer (task, orders, (GDestroyNotify) g_ptr_array_unref);
}

void
mc_api_client_get_business_orders_async (McApiClient         *self,
                                         gint64               business_id,
                                         const gint64        *order_ids,
                                         guint                n_order_ids,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = NULL;
  gint64 smallest = G_MAXINT64;
  McApiRequest *req;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (order_ids != NULL || n_order_ids == 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  /* The spec wants 1..50 unique ids; none would list every order of 30 days. */
  for (guint i = 0; i < n_order_ids; i++)
    smallest = MIN (smallest, order_ids[i]);
  if (n_order_ids == 0 || n_order_ids > MC_API_MAX_ORDER_IDS)
    smallest = 0;
  if (report_invalid_id (self, MIN (business_id, smallest), mc_api_client_get_business_orders_async,
                         callback, user_data))
    return;

  req = mc_api_request_new_for_ids (self, MC_API_METHOD_GET_BUSINESS_ORDERS, business_id, 0, 0, 0,
                                    NULL, complete_business_orders,
                                    mc_api_client_get_business_orders_async,
                                    cancellable, callback, user_data);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "orderIds");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_order_ids; i++)
    {
      gboolean repeated = FALSE;

      for (guint j = 0; j < i && !repeated; j++)
        repeated = order_ids[j] == order_ids[i];
      if (!repeated)
        json_builder_add_int_value (builder, order_ids[i]);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  mc_api_request_set_json_body (req, builder);

  mc_api_request_submit (req);
}

GPtrArray *
mc_api_client_get_business_orders_finish (McApiClient   *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return mc_api_client_finish_pointer (self, result, error);
}

/* getOrder */

static void
complete_legacy_order (McApiRequest *req,
                       const char   *data,
                       gsize         length)
{
  GError *error = NULL;
  McOrder *order = mc_api_parse_order (data, length, req->campaign_id, &error);

  mc_api_request_return_object (req, order, error);
}

void
mc_api_client_get_legacy_order_async (McApiClient         *self,
                                      gint64               business_id,
                                      gint64               campaign_id,
                                      gint64               order_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  McApiRequest *req;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (report_invalid_id (self, MIN (MIN (business_id, campaign_id), order_id),
                         mc_api_client_get_legacy_order_async, callback, user_data))
    return;

  req = mc_api_request_new_for_ids (self, MC_API_METHOD_GET_ORDER, business_id, campaign_id, order_id, 0,
                                    NULL, complete_legacy_order, mc_api_client_get_legacy_order_async,
                                    cancellable, callback, user_data);
  mc_api_request_submit (req);
}

McOrder *
mc_api_client_get_legacy_order_finish (McApiClient   *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return mc_api_client_finish_pointer (self, result, error);
}

/* One order by whichever endpoint the key may use */

static void
on_business_orders (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) orders = NULL;
  gint64 order_id = *(gint64 *) g_task_get_task_data (task);
  GError *error = NULL;

  orders = mc_api_client_get_business_orders_finish (MC_API_CLIENT (object), result, &error);
  if (orders == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < orders->len; i++)
    {
      McOrder *order = g_ptr_array_index (orders, i);

      if (mc_order_get_order_id (order) == order_id)
        {
          g_task_return_pointer (task, g_object_ref (order), g_object_unref);
          return;
        }
    }

  g_task_return_new_error (task, MC_API_ERROR, MC_API_ERROR_NOT_FOUND,
                           _("The Market does not know order %lld"), (long long) order_id);
}

static void
on_legacy_order (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  McOrder *order;

  order = mc_api_client_get_legacy_order_finish (MC_API_CLIENT (object), result, &error);
  if (order != NULL)
    {
      g_task_return_pointer (task, order, g_object_unref);
      return;
    }

  /* A key with COMMUNICATION only reads orders through getOrder while it
   * lasts; a refusal, or the endpoint gone, means it needs the scope. */
  if (g_error_matches (error, MC_API_ERROR, MC_API_ERROR_FORBIDDEN) ||
      g_error_matches (error, MC_API_ERROR, MC_API_ERROR_NOT_FOUND) ||
      g_error_matches (error, MC_API_ERROR, MC_API_ERROR_GONE))
    {
      g_task_return_error (task, orders_not_allowed (error));
      g_error_free (error);
      return;
    }

  g_task_return_error (task, error);
}

void
mc_api_client_get_order_async (McApiClient         *self,
                               gint64               business_id,
                               gint64               campaign_id,
                               gint64               order_id,
                               const char * const  *scopes,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mc_api_client_get_order_async);
  g_task_set_task_data (task, g_memdup2 (&order_id, sizeof order_id), g_free);

  switch (mc_api_order_access_for_scopes (scopes))
    {
    case MC_ORDER_ACCESS_BUSINESS_ORDERS:
      mc_api_client_get_business_orders_async (self, business_id, &order_id, 1, cancellable,
                                               on_business_orders, g_steal_pointer (&task));
      break;

    case MC_ORDER_ACCESS_GET_ORDER:
      mc_api_client_get_legacy_order_async (self, business_id, campaign_id, order_id, cancellable,
                                            on_legacy_order, g_steal_pointer (&task));
      break;

    case MC_ORDER_ACCESS_NONE:
    default:
      g_task_return_error (task, orders_not_allowed (NULL));
      break;
    }
}

McOrder *
mc_api_client_get_order_finish (McApiClient   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return mc_api_client_finish_pointer (self, result, error);
}

/* getReturn */

static void
complete_return (McApiRequest *req,
                 const char   *data,
                 gsize         length)
{
  GError *error = NULL;
  McReturn *ret = mc_api_parse_return (data, length, &error);

  mc_api_request_return_object (req, ret, error);
}

void
mc_api_client_get_return_async (McApiClient         *self,
                                gint64               business_id,
                                gint64               campaign_id,
                                gint64               order_id,
                                gint64               return_id,
                                const char * const  *scopes,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  McApiRequest *req;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (report_invalid_id (self, MIN (MIN (business_id, campaign_id), MIN (order_id, return_id)),
                         mc_api_client_get_return_async, callback, user_data))
    return;

  if (!mc_api_scopes_allow_returns (scopes))
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, mc_api_client_get_return_async);
      g_task_return_error (task, orders_not_allowed (NULL));
      return;
    }

  req = mc_api_request_new_for_ids (self, MC_API_METHOD_GET_RETURN, business_id, campaign_id, order_id,
                                    return_id, NULL, complete_return, mc_api_client_get_return_async,
                                    cancellable, callback, user_data);
  mc_api_request_submit (req);
}

McReturn *
mc_api_client_get_return_finish (McApiClient   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return mc_api_client_finish_pointer (self, result, error);
}
