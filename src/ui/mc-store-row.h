/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mc-store-item.h"

G_BEGIN_DECLS

#define MC_TYPE_STORE_ROW (mc_store_row_get_type ())
G_DECLARE_FINAL_TYPE (McStoreRow, mc_store_row, MC, STORE_ROW, GtkListBoxRow)

/* A sidebar row: a store (name, placement type), "All stores" or "No
 * store", with how many chats need a reply and how many messages are
 * unread.  Property "item" (McStoreItem, construct-only). */
GtkWidget   *mc_store_row_new      (McStoreItem *item);
McStoreItem *mc_store_row_get_item (McStoreRow  *self);

G_END_DECLS
