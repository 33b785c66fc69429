/* mc-statistics-window.h: the seller's response statistics, as measured by
 * this app, for a cabinet or a store over the last 7 or 30 days, with
 * their export as CSV.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mc-response-stats.h"
#include "mc-session.h"

G_BEGIN_DECLS

#define MC_TYPE_STATISTICS_WINDOW (mc_statistics_window_get_type ())
G_DECLARE_FINAL_TYPE (McStatisticsWindow, mc_statistics_window, MC, STATISTICS_WINDOW, AdwWindow)

/* Properties: "session" (McSession), "settings" (GSettings: its
 * "reply-target-minutes" is the target), both construct-only.  Computes
 * the statistics of the first cabinet's stores over 7 days at once. */
GtkWindow *mc_statistics_window_new          (McSession           *session,
                                              GSettings           *settings,
                                              GtkWindow           *parent);
/* Shows @stats of the scope called @scope_name (what the computation
 * does when it ends; tests call it with a fixture). */
void       mc_statistics_window_show_stats   (McStatisticsWindow  *self,
                                              const McResponseStats *stats,
                                              const char          *scope_name);
/* The statistics shown, or NULL while there are none. */
const McResponseStats *mc_statistics_window_get_stats (McStatisticsWindow *self);
/* Writes the statistics shown to @file as CSV (mc_response_stats_to_csv(),
 * times in the local time zone); what the export button does once the
 * seller picked a file.  Fails with G_IO_ERROR_NOT_FOUND when none are
 * shown. */
void       mc_statistics_window_export_async  (McStatisticsWindow  *self,
                                               GFile               *file,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean   mc_statistics_window_export_finish (McStatisticsWindow  *self,
                                               GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
