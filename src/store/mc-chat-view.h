/* mc-chat-view.h: the chats of one sidebar item, filtered by view mode and
 * search text and sorted, as a GListModel of McChat over a McChatStore.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mc-chat-store.h"
#include "mc-store-enums.h"
#include "mc-store-enum-types.h"
#include "mc-sidebar-item.h"

G_BEGIN_DECLS

#define MC_TYPE_CHAT_VIEW (mc_chat_view_get_type ())
G_DECLARE_FINAL_TYPE (McChatView, mc_chat_view, MC, CHAT_VIEW, GObject)

/* Properties: "store" (McChatStore, construct-only), "business-id" (gint64,
 * 0 = all cabinets), "campaign-filter" (McCampaignFilter), "campaign-id"
 * (gint64, used with MC_CAMPAIGN_FILTER_ONE), "mode" (McChatViewMode),
 * "search-text" (string: case-insensitive match on the customer's name and
 * the order or return number; while set, the mode does not filter: a search
 * covers every chat of the business and store, sorted as in ALL).
 *
 * NEEDS_REPLY and OVERDUE sort by waiting-since ascending (oldest waiting
 * first; OVERDUE follows the store's reply clock and "clocks-changed"); the
 * other modes by updated-at descending; pinned chats ("pinned") come
 * before the others in every mode.  Merges into the store update the view
 * incrementally: only chats that entered, left or moved are signalled. */
McChatView      *mc_chat_view_new                 (McChatStore      *store);
McChatStore     *mc_chat_view_get_store           (McChatView       *self);
gint64           mc_chat_view_get_business_id     (McChatView       *self);
void             mc_chat_view_set_business_id     (McChatView       *self,
                                                   gint64            business_id);
McCampaignFilter mc_chat_view_get_campaign_filter (McChatView       *self);
void             mc_chat_view_set_campaign_filter (McChatView       *self,
                                                   McCampaignFilter  filter);
gint64           mc_chat_view_get_campaign_id     (McChatView       *self);
void             mc_chat_view_set_campaign_id     (McChatView       *self,
                                                   gint64            campaign_id);
McChatViewMode   mc_chat_view_get_mode            (McChatView       *self);
void             mc_chat_view_set_mode            (McChatView       *self,
                                                   McChatViewMode    mode);
const char      *mc_chat_view_get_search_text     (McChatView       *self);
/* Whether the search text holds more than blanks (the mode is then off). */
gboolean         mc_chat_view_get_searching       (McChatView       *self);
void             mc_chat_view_set_search_text     (McChatView       *self,
                                                   const char       *search_text);
/* Sets business id, campaign filter and campaign id from a sidebar item at
 * once, recomputing the view a single time. */
void             mc_chat_view_set_store_item      (McChatView       *self,
                                                   McSidebarItem      *item);

G_END_DECLS
