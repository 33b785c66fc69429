/* mc-hours-chart.h: 24 bars, one per hour of the day, of how many
 * customer messages each hour holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MC_TYPE_HOURS_CHART (mc_hours_chart_get_type ())
G_DECLARE_FINAL_TYPE (McHoursChart, mc_hours_chart, MC, HOURS_CHART, GtkWidget)

GtkWidget  *mc_hours_chart_new          (void);
/* Shows @counts (24 of them); the accessible description names the
 * busiest hours, as mc_hours_chart_get_summary() says them. */
void        mc_hours_chart_set_counts   (McHoursChart *self,
                                         const guint  *counts);
/* "Busiest: 10:00–11:00, 14:00–15:00", or "No customer messages". */
const char *mc_hours_chart_get_summary  (McHoursChart *self);

G_END_DECLS
