/* mc-session-stats.c: the response statistics of a cabinet or one of its
 * stores, computed by the cabinet's cache on its own thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mc-cache-stats.h"
#include "mc-session-private.h"

static McCabinet *
find_cabinet (McSession *self,
              gint64     business_id)
{
  GListModel *cabinets = G_LIST_MODEL (self->cabinets);

  for (guint i = 0; i < g_list_model_get_n_items (cabinets); i++)
    {
      g_autoptr(McCabinet) cabinet = g_list_model_get_item (cabinets, i);

      if (mc_cabinet_get_business_id (cabinet) == business_id)
        return cabinet;
    }
  /* Cabinets waiting for their key still show their saved chats. */
  for (guint i = 0; self->remembered != NULL && i < self->remembered->len; i++)
    {
      McCabinet *cabinet = g_ptr_array_index (self->remembered, i);

      if (mc_cabinet_get_business_id (cabinet) == business_id)
        return cabinet;
    }
  return NULL;
}

static void
on_stats_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  McResponseStats *stats = mc_cache_load_response_stats_finish (MC_CACHE (source), result, &error);

  if (stats == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, stats, (GDestroyNotify) mc_response_stats_free);
}

void
mc_session_compute_stats_async (McSession           *self,
                                gint64               business_id,
                                gint64               campaign_id,
                                guint                days,
                                guint                target_minutes,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  McCabinet *cabinet;
  McCache *cache;

  g_return_if_fail (MC_IS_SESSION (self));
  g_return_if_fail (days > 0);
  g_return_if_fail (target_minutes > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mc_session_compute_stats_async);

  cabinet = find_cabinet (self, business_id);
  cache = cabinet != NULL ? mc_cabinet_get_cache (cabinet) : NULL;
  if (cache == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The chats of this cabinet are not saved on this computer yet"));
      return;
    }

  /* The cache computes on its writer thread, after the writes before it;
   * reply times count the cabinet's working hours, as its reply clocks do
   * (the hours are immutable, so that thread may read them). */
  mc_cache_load_response_stats_async (cache, campaign_id, days, g_get_real_time (),
                                      (gint64) target_minutes * G_TIME_SPAN_MINUTE,
                                      mc_chat_store_get_working_hours (mc_session_get_chats (self), business_id),
                                      cancellable, on_stats_loaded, g_steal_pointer (&task));
}

McResponseStats *
mc_session_compute_stats_finish (McSession     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
