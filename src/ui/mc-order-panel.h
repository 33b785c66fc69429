/* mc-order-panel.h: the order card beside a chat with an order: the
 * order's number, status, delivery, items, total and payment, and for a
 * return its number, status and items.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mc-chat-timeline.h"

G_BEGIN_DECLS

#define MC_TYPE_ORDER_PANEL (mc_order_panel_get_type ())
G_DECLARE_FINAL_TYPE (McOrderPanel, mc_order_panel, MC, ORDER_PANEL, GtkWidget)

/* Properties:
 *  "timeline" (McChatTimeline, nullable): the chat whose order it shows.
 *  "revealed" (gboolean): the seller wants the card shown; it shows only
 *    when the chat has an order ("has-order").
 *  "compact" (gboolean): a section under the header (narrow window), not
 *    a panel at the side.
 *  "has-order" (gboolean, read-only): the chat has an order card, which
 *    may still be loading or say why it cannot be read. */
GtkWidget      *mc_order_panel_new            (void);
McChatTimeline *mc_order_panel_get_timeline   (McOrderPanel   *self);
void            mc_order_panel_set_timeline   (McOrderPanel   *self,
                                               McChatTimeline *timeline);
gboolean        mc_order_panel_get_revealed   (McOrderPanel   *self);
void            mc_order_panel_set_revealed   (McOrderPanel   *self,
                                               gboolean        revealed);
gboolean        mc_order_panel_get_compact    (McOrderPanel   *self);
void            mc_order_panel_set_compact    (McOrderPanel   *self,
                                               gboolean        compact);
gboolean        mc_order_panel_get_has_order  (McOrderPanel   *self);
/* Whether the card is on screen (for tests). */
gboolean        mc_order_panel_get_shown      (McOrderPanel   *self);
/* Every text the card shows now, one a line (for tests). */
char           *mc_order_panel_dup_text       (McOrderPanel   *self);

/* The page of the seller cabinet (in the browser) that shows order
 * @order_id of cabinet @business_id. */
char           *mc_order_panel_cabinet_uri    (gint64          business_id,
                                               gint64          order_id);

G_END_DECLS
