/* mc-working-hours-row.h: a cabinet's working hours in Preferences.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MC_TYPE_WORKING_HOURS_ROW (mc_working_hours_row_get_type ())
G_DECLARE_FINAL_TYPE (McWorkingHoursRow, mc_working_hours_row, MC, WORKING_HOURS_ROW, AdwExpanderRow)

/* An expander row titled with the cabinet's name: a switch for counting
 * working hours only (off: every minute counts), the days of the week,
 * the start and end of the shift, and the time zone.  Property "hours"
 * (string, as mc_working_hours_to_string() writes it, "always" when off)
 * changes as the seller edits; "business-id" (gint64, construct-only). */
GtkWidget  *mc_working_hours_row_new             (gint64              business_id,
                                                  const char         *title,
                                                  const char         *hours);
gint64      mc_working_hours_row_get_business_id (McWorkingHoursRow  *self);
const char *mc_working_hours_row_get_hours       (McWorkingHoursRow  *self);
/* Shows @hours (NULL or unreadable: "always") without notifying. */
void        mc_working_hours_row_set_hours       (McWorkingHoursRow  *self,
                                                  const char         *hours);

G_END_DECLS
