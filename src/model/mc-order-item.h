/* mc-order-item.h: one line of an order or a return: a product, how many,
 * and at what price.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct
{
  char   *name;   /* offerName; NULL in a return, which names only the SKU */
  char   *sku;    /* the seller's SKU (offerId, shopSku) */
  gint64  count;
  double  price;  /* per unit, as the customer paid it; < 0 when not known */
} McOrderItem;

#define MC_TYPE_ORDER_ITEM (mc_order_item_get_type ())
GType        mc_order_item_get_type (void) G_GNUC_CONST;
McOrderItem *mc_order_item_new      (const char        *name,
                                     const char        *sku,
                                     gint64             count,
                                     double             price);
McOrderItem *mc_order_item_copy     (const McOrderItem *item);
void         mc_order_item_free     (McOrderItem       *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McOrderItem, mc_order_item_free)

/* Items in GVariant "a(ssxd)" (NULL name as ""), for the cache. */
GVariant    *mc_order_items_to_variant   (GPtrArray *items);
/* NULL when @variant is not "a(ssxd)". */
GPtrArray   *mc_order_items_from_variant (GVariant  *variant);

G_END_DECLS
