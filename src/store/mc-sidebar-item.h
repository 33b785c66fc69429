/* mc-sidebar-item.h: one sidebar row: all stores of a cabinet, one store, or
 * the chats of a cabinet without a store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "mc-campaign.h"
#include "mc-store-enums.h"
#include "mc-store-enum-types.h"

G_BEGIN_DECLS

#define MC_TYPE_SIDEBAR_ITEM (mc_sidebar_item_get_type ())
G_DECLARE_FINAL_TYPE (McSidebarItem, mc_sidebar_item, MC, SIDEBAR_ITEM, GObject)

/* Properties: "kind" (McSidebarItemKind), "business-id" (gint64), "campaign"
 * (McCampaign, only for CABINET_STORE) — all construct-only; "title",
 * "subtitle" (strings: for ALL_STORES "All stores" and the cabinet's name,
 * for a store its name and placement type in words, for NO_STORE "No store"
 * and the cabinet's name), "needs-reply-count", "unread-count",
 * "overdue-count" (guint: chats past the seller's reply target, this app's
 * own measure; kept up to date by McSidebarModel). */
McSidebarItem     *mc_sidebar_item_new                   (McSidebarItemKind  kind,
                                                      gint64           business_id,
                                                      McCampaign      *campaign,
                                                      const char      *business_name);
McSidebarItemKind  mc_sidebar_item_get_kind              (McSidebarItem     *self);
gint64           mc_sidebar_item_get_business_id       (McSidebarItem     *self);
McCampaign      *mc_sidebar_item_get_campaign          (McSidebarItem     *self);
/* The campaign's id, 0 unless CABINET_STORE. */
gint64           mc_sidebar_item_get_campaign_id       (McSidebarItem     *self);
const char      *mc_sidebar_item_get_title             (McSidebarItem     *self);
const char      *mc_sidebar_item_get_subtitle          (McSidebarItem     *self);
guint            mc_sidebar_item_get_needs_reply_count (McSidebarItem     *self);
void             mc_sidebar_item_set_needs_reply_count (McSidebarItem     *self,
                                                      guint            count);
guint            mc_sidebar_item_get_unread_count      (McSidebarItem     *self);
void             mc_sidebar_item_set_unread_count      (McSidebarItem     *self,
                                                      guint            count);
guint            mc_sidebar_item_get_overdue_count     (McSidebarItem     *self);
void             mc_sidebar_item_set_overdue_count     (McSidebarItem     *self,
                                                      guint            count);

G_END_DECLS
