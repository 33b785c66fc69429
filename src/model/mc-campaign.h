/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-enums.h"

G_BEGIN_DECLS

#define MC_TYPE_CAMPAIGN (mc_campaign_get_type ())
G_DECLARE_FINAL_TYPE (McCampaign, mc_campaign, MC, CAMPAIGN, GObject)

/* A store.  Properties: "id" (gint64), "domain" (string, the store's name as
 * the Market shows it), "business-id" (gint64), "business-name" (string),
 * "placement-type" (McPlacementType), "api-availability" (McApiAvailability). */
McCampaign       *mc_campaign_new                  (gint64             id,
                                                    const char        *domain,
                                                    gint64             business_id,
                                                    const char        *business_name,
                                                    McPlacementType    placement_type,
                                                    McApiAvailability  availability);
gint64            mc_campaign_get_id               (McCampaign        *self);
const char       *mc_campaign_get_domain           (McCampaign        *self);
gint64            mc_campaign_get_business_id      (McCampaign        *self);
const char       *mc_campaign_get_business_name    (McCampaign        *self);
McPlacementType   mc_campaign_get_placement_type   (McCampaign        *self);
McApiAvailability mc_campaign_get_api_availability (McCampaign        *self);
/* The domain, or a translated "Store %id" when the store has no name. */
char             *mc_campaign_dup_display_name     (McCampaign        *self);

G_END_DECLS
