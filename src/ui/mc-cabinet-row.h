/* mc-cabinet-row.h: one cabinet in Preferences, with its Remove button.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mc-cabinet.h"

G_BEGIN_DECLS

#define MC_TYPE_CABINET_ROW (mc_cabinet_row_get_type ())
G_DECLARE_FINAL_TYPE (McCabinetRow, mc_cabinet_row, MC, CABINET_ROW, AdwActionRow)

/* Properties: "cabinet" (McCabinet, construct-only).  Signals:
 * "remove-requested": Remove was clicked; the owner confirms and removes. */
GtkWidget  *mc_cabinet_row_new              (McCabinet    *cabinet);
McCabinet  *mc_cabinet_row_get_cabinet      (McCabinetRow *self);
/* What a key may do, in words: "Full access", "Customer communication",
 * "Read only", joined when there are several. */
char       *mc_cabinet_row_describe_scopes  (McCabinet    *cabinet);

G_END_DECLS
