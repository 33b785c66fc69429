/* mc-order-item.c: one line of an order or a return.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-order-item.h"

G_DEFINE_BOXED_TYPE (McOrderItem, mc_order_item, mc_order_item_copy, mc_order_item_free)

McOrderItem *
mc_order_item_new (const char *name,
                   const char *sku,
                   gint64      count,
                   double      price)
{
  McOrderItem *item = g_new0 (McOrderItem, 1);

  item->name = g_strdup (name);
  item->sku = g_strdup (sku);
  item->count = count;
  item->price = price;

  return item;
}

McOrderItem *
mc_order_item_copy (const McOrderItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);

  return mc_order_item_new (item->name, item->sku, item->count, item->price);
}

void
mc_order_item_free (McOrderItem *item)
{
  if (item == NULL)
    return;

  g_free (item->name);
  g_free (item->sku);
  g_free (item);
}

GVariant *
mc_order_items_to_variant (GPtrArray *items)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ssxd)"));
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      McOrderItem *item = g_ptr_array_index (items, i);

      g_variant_builder_add (&builder, "(ssxd)", item->name != NULL ? item->name : "",
                             item->sku != NULL ? item->sku : "", item->count, item->price);
    }

  return g_variant_builder_end (&builder);
}

GPtrArray *
mc_order_items_from_variant (GVariant *variant)
{
  g_autoptr(GPtrArray) items = NULL;
  GVariantIter iter;
  const char *name;
  const char *sku;
  gint64 count;
  double price;

  if (variant == NULL || !g_variant_is_of_type (variant, G_VARIANT_TYPE ("a(ssxd)")))
    return NULL;

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_order_item_free);
  g_variant_iter_init (&iter, variant);
  while (g_variant_iter_next (&iter, "(&s&sxd)", &name, &sku, &count, &price))
    g_ptr_array_add (items, mc_order_item_new (*name != '\0' ? name : NULL,
                                               *sku != '\0' ? sku : NULL, count, price));

  return g_steal_pointer (&items);
}
