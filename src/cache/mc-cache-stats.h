/* mc-cache-stats.h: response statistics of a cabinet or one of its
 * stores, computed from the cached chats and messages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-cache.h"
#include "mc-response-stats.h"
#include "mc-working-hours.h"

G_BEGIN_DECLS

/* The statistics of the last @days days before @now for the store
 * @campaign_id (MC_RESPONSE_STATS_ALL_STORES for all, 0 for the chats
 * without a store), reply times counted in @hours (NULL: always) against
 * @target.  Runs on the cache's writer thread after the writes queued
 * before it, like every load.  Reads the summaries the writes keep
 * (schema v6): a chat whose row is not saved yet counts as without a
 * store until it is. */
void             mc_cache_load_response_stats_async  (McCache             *self,
                                                      gint64               campaign_id,
                                                      guint                days,
                                                      gint64               now,
                                                      gint64               target,
                                                      McWorkingHours      *hours,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
McResponseStats *mc_cache_load_response_stats_finish (McCache             *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
/* The same, waiting for the result (tests, benchmarks). */
McResponseStats *mc_cache_load_response_stats        (McCache             *self,
                                                      gint64               campaign_id,
                                                      guint                days,
                                                      gint64               now,
                                                      gint64               target,
                                                      McWorkingHours      *hours,
                                                      GError             **error);

G_END_DECLS
