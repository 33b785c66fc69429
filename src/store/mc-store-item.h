/* mc-store-item.h: one sidebar row: all stores of a cabinet, one store, or
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

#define MC_TYPE_STORE_ITEM (mc_store_item_get_type ())
G_DECLARE_FINAL_TYPE (McStoreItem, mc_store_item, MC, STORE_ITEM, GObject)

/* Properties: "kind" (McStoreItemKind), "business-id" (gint64), "campaign"
 * (McCampaign, only for CABINET_STORE) — all construct-only; "title",
 * "subtitle" (strings: for ALL_STORES "All stores" and the cabinet's name,
 * for a store its name and placement type in words, for NO_STORE "No store"
 * and the cabinet's name), "needs-reply-count", "unread-count" (guint,
 * kept up to date by McStoreList). */
McStoreItem     *mc_store_item_new                   (McStoreItemKind  kind,
                                                      gint64           business_id,
                                                      McCampaign      *campaign,
                                                      const char      *business_name);
McStoreItemKind  mc_store_item_get_kind              (McStoreItem     *self);
gint64           mc_store_item_get_business_id       (McStoreItem     *self);
McCampaign      *mc_store_item_get_campaign          (McStoreItem     *self);
/* The campaign's id, 0 unless CABINET_STORE. */
gint64           mc_store_item_get_campaign_id       (McStoreItem     *self);
const char      *mc_store_item_get_title             (McStoreItem     *self);
const char      *mc_store_item_get_subtitle          (McStoreItem     *self);
guint            mc_store_item_get_needs_reply_count (McStoreItem     *self);
void             mc_store_item_set_needs_reply_count (McStoreItem     *self,
                                                      guint            count);
guint            mc_store_item_get_unread_count      (McStoreItem     *self);
void             mc_store_item_set_unread_count      (McStoreItem     *self,
                                                      guint            count);

G_END_DECLS
