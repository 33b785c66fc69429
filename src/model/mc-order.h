/* mc-order.h: an order as the order card shows it, from getBusinessOrders
 * or getOrder.
 *
 * Every enum is kept twice: as the enum, UNKNOWN for a value this version
 * does not know, and as the API's own spelling, so nothing the Market says
 * is lost.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-enums.h"
#include "mc-order-enums.h"
#include "mc-order-item.h"

G_BEGIN_DECLS

#define MC_TYPE_ORDER (mc_order_get_type ())
G_DECLARE_FINAL_TYPE (McOrder, mc_order, MC, ORDER, GObject)

/* Properties (read-only): "order-id", "campaign-id" (gint64), "status"
 * (McOrderStatus), "substatus" (McOrderSubstatus).  The setters are for
 * parsers and the cache, before the order is shown. */
McOrder             *mc_order_new                     (gint64       order_id);
gint64               mc_order_get_order_id            (McOrder     *self);
gint64               mc_order_get_campaign_id         (McOrder     *self);
void                 mc_order_set_campaign_id         (McOrder     *self,
                                                       gint64       campaign_id);

/* The API's spelling; NULL when absent. */
McOrderStatus        mc_order_get_status              (McOrder     *self);
const char          *mc_order_get_status_string       (McOrder     *self);
void                 mc_order_set_status_string       (McOrder     *self,
                                                       const char  *status);
McOrderSubstatus     mc_order_get_substatus           (McOrder     *self);
const char          *mc_order_get_substatus_string    (McOrder     *self);
void                 mc_order_set_substatus_string    (McOrder     *self,
                                                       const char  *substatus);
/* The store's placement (programType; getOrder does not say it). */
McPlacementType      mc_order_get_placement           (McOrder     *self);
const char          *mc_order_get_placement_string    (McOrder     *self);
void                 mc_order_set_placement_string    (McOrder     *self,
                                                       const char  *placement);

/* Unix usec, UTC; 0 when not known. */
gint64               mc_order_get_created_at          (McOrder     *self);
void                 mc_order_set_created_at          (McOrder     *self,
                                                       gint64       usec);

McOrderDeliveryType  mc_order_get_delivery_type       (McOrder     *self);
const char          *mc_order_get_delivery_type_string (McOrder    *self);
void                 mc_order_set_delivery_type_string (McOrder    *self,
                                                       const char  *type);
/* "YYYY-MM-DD" dates and "HH:MM" times as the Market names them; each
 * NULL when absent.  A missing @to_date means the same day as @from_date. */
void                 mc_order_set_delivery_dates      (McOrder     *self,
                                                       const char  *from_date,
                                                       const char  *to_date,
                                                       const char  *from_time,
                                                       const char  *to_time);
const char          *mc_order_get_delivery_from_date  (McOrder     *self);
const char          *mc_order_get_delivery_to_date    (McOrder     *self);
const char          *mc_order_get_delivery_from_time  (McOrder     *self);
const char          *mc_order_get_delivery_to_time    (McOrder     *self);
/* "12.12.2026", "12.12.2026 – 14.12.2026" or "12.12.2026, 10:00 – 14:00";
 * NULL without a date. */
char                *mc_order_dup_delivery_text       (McOrder     *self);

const char          *mc_order_get_delivery_service    (McOrder     *self);
void                 mc_order_set_delivery_service    (McOrder     *self,
                                                       const char  *name);

/* McOrderItem array, never NULL. */
GPtrArray           *mc_order_get_items               (McOrder     *self);
/* Takes @item. */
void                 mc_order_add_item                (McOrder     *self,
                                                       McOrderItem *item);
/* The sum of the items' counts. */
gint64               mc_order_get_item_count          (McOrder     *self);

/* What the customer pays; @total < 0 when not known.  @currency is the
 * API's CurrencyType ("RUR"). */
double               mc_order_get_total               (McOrder     *self);
const char          *mc_order_get_currency            (McOrder     *self);
void                 mc_order_set_total               (McOrder     *self,
                                                       double       total,
                                                       const char  *currency);
/* "1 234,50 ₽"-style in the current locale; NULL when not known. */
char                *mc_order_dup_total_text          (McOrder     *self);

McOrderPaymentType   mc_order_get_payment_type        (McOrder     *self);
const char          *mc_order_get_payment_type_string (McOrder     *self);
void                 mc_order_set_payment_type_string (McOrder     *self,
                                                       const char  *type);
McOrderPaymentMethod mc_order_get_payment_method      (McOrder     *self);
const char          *mc_order_get_payment_method_string (McOrder   *self);
void                 mc_order_set_payment_method_string (McOrder   *self,
                                                       const char  *method);

/* Everything above as a GVariant "a{sv}", for the cache, and back; NULL
 * (with nothing logged) when @variant does not hold an order. */
GVariant            *mc_order_to_variant              (McOrder     *self);
McOrder             *mc_order_new_from_variant        (GVariant    *variant);

/* "%.2f" money in the current locale with the currency's sign ("₽" for
 * RUR, else its code), whole amounts without decimals. */
char                *mc_format_money                  (double       amount,
                                                       const char  *currency);

G_END_DECLS
