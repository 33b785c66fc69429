/* mc-api-parse-orders.h: orders and returns of the Partner API -> models,
 * as strict as mc-api-parse.h: a wrong shape fails with
 * MC_API_ERROR_PROTOCOL and the JSON path, unknown enum values are kept as
 * spelled, unknown fields are ignored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-order.h"
#include "mc-return.h"

G_BEGIN_DECLS

/* POST /v1/businesses/{businessId}/orders (GetBusinessOrdersResponse, not
 * wrapped in "result") -> McOrder array; a broken order is skipped and
 * filed in @rejected (may be NULL). */
gboolean  mc_api_parse_business_orders (const char  *data,
                                        gsize        length,
                                        GPtrArray  **out_orders,
                                        char       **out_next_page_token,
                                        GPtrArray   *rejected,
                                        GError     **error);

/* GET /v2/campaigns/{campaignId}/orders/{orderId} (GetOrderResponse:
 * {"order": OrderDTO}) -> McOrder; OrderDTO names no store, so its
 * campaign id is @campaign_id. */
McOrder  *mc_api_parse_order           (const char  *data,
                                        gsize        length,
                                        gint64       campaign_id,
                                        GError     **error);

/* GET .../orders/{orderId}/returns/{returnId} (GetReturnResponse) -> McReturn. */
McReturn *mc_api_parse_return          (const char  *data,
                                        gsize        length,
                                        GError     **error);

G_END_DECLS
