/* mc-store-list.h: the sidebar, a GListModel of McStoreItem grouped by
 * cabinet: "All stores", each store, then "No store".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mc-chat-store.h"
#include "mc-store-item.h"

G_BEGIN_DECLS

#define MC_TYPE_STORE_LIST (mc_store_list_get_type ())
G_DECLARE_FINAL_TYPE (McStoreList, mc_store_list, MC, STORE_LIST, GObject)

/* Counts follow the chats of @chats: a store counts chats with its
 * context.campaignId, "No store" chats of the cabinet without one, and
 * "All stores" every chat of its cabinet.  Cabinets keep the order in which
 * they were first set; stores are sorted by name. */
McStoreList *mc_store_list_new             (McChatStore  *chats);
/* Replaces the stores of one cabinet (adds the cabinet if new). */
void         mc_store_list_set_campaigns   (McStoreList  *self,
                                            gint64        business_id,
                                            const char   *business_name,
                                            GPtrArray    *campaigns);
void         mc_store_list_remove_business (McStoreList  *self,
                                            gint64        business_id);
/* The item for a campaign id (CABINET_STORE), or NULL; transfer none. */
McStoreItem *mc_store_list_find_campaign   (McStoreList  *self,
                                            gint64        campaign_id);

G_END_DECLS
