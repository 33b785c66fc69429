/* mc-sidebar-model.h: the sidebar, a GListModel of McSidebarItem grouped by
 * cabinet: "All stores", each store, then "No store".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mc-chat-store.h"
#include "mc-sidebar-item.h"

G_BEGIN_DECLS

#define MC_TYPE_SIDEBAR_MODEL (mc_sidebar_model_get_type ())
G_DECLARE_FINAL_TYPE (McSidebarModel, mc_sidebar_model, MC, SIDEBAR_MODEL, GObject)

/* Counts follow the chats of @chats: a store counts chats with its
 * context.campaignId, "No store" chats of the cabinet without one, and
 * "All stores" every chat of its cabinet.  Cabinets keep the order in which
 * they were first set; stores are sorted by name. */
McSidebarModel *mc_sidebar_model_new             (McChatStore  *chats);
/* Replaces the stores of one cabinet (adds the cabinet if new). */
void         mc_sidebar_model_set_campaigns   (McSidebarModel  *self,
                                            gint64        business_id,
                                            const char   *business_name,
                                            GPtrArray    *campaigns);
void         mc_sidebar_model_remove_business (McSidebarModel  *self,
                                            gint64        business_id);
/* The item for a campaign id (CABINET_STORE), or NULL; transfer none. */
McSidebarItem *mc_sidebar_model_find_campaign   (McSidebarModel  *self,
                                            gint64        campaign_id);

G_END_DECLS
