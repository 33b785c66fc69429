/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mc-sidebar-item.h"

G_BEGIN_DECLS

#define MC_TYPE_STORE_ROW (mc_store_row_get_type ())
G_DECLARE_FINAL_TYPE (McStoreRow, mc_store_row, MC, STORE_ROW, GtkListBoxRow)

/* A sidebar row: a store (name, placement type), "All stores" or "No
 * store", with one badge counting the chats that need a reply and, beside
 * it, one counting those past the seller's reply target; the unread
 * count, the whole name and the placement type are in the tooltip and the
 * accessible label.  Property "item" (McSidebarItem, construct-only). */
GtkWidget   *mc_store_row_new            (McSidebarItem *item);
McSidebarItem *mc_store_row_get_item       (McStoreRow  *self);
/* The badge's text, or NULL when no badge shows. */
const char  *mc_store_row_get_badge_text (McStoreRow  *self);
/* A muted store shows an icon and says so in its accessible label. */
gboolean     mc_store_row_get_muted      (McStoreRow  *self);
void         mc_store_row_set_muted      (McStoreRow  *self,
                                          gboolean     muted);
/* The overdue badge's text, or NULL when it does not show. */
const char  *mc_store_row_get_overdue_text (McStoreRow *self);

G_END_DECLS
