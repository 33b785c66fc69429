/* mc-return.h: a return or an unredeemed order (getReturn), as the order
 * card shows it beside a RETURN chat.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-order-enums.h"
#include "mc-order-item.h"

G_BEGIN_DECLS

#define MC_TYPE_RETURN (mc_return_get_type ())
G_DECLARE_FINAL_TYPE (McReturn, mc_return, MC, RETURN, GObject)

/* Properties (read-only): "return-id", "order-id" (gint64), "status"
 * (McReturnStatus: the refund status). */
McReturn       *mc_return_new                  (gint64       return_id,
                                                gint64       order_id);
gint64          mc_return_get_return_id        (McReturn    *self);
gint64          mc_return_get_order_id         (McReturn    *self);

McReturnStatus  mc_return_get_status           (McReturn    *self);
const char     *mc_return_get_status_string    (McReturn    *self);
void            mc_return_set_status_string    (McReturn    *self,
                                                const char  *status);
McReturnType    mc_return_get_return_type      (McReturn    *self);
const char     *mc_return_get_return_type_string (McReturn  *self);
void            mc_return_set_return_type_string (McReturn  *self,
                                                const char  *type);
/* Unix usec, UTC; 0 when not known. */
gint64          mc_return_get_created_at       (McReturn    *self);
void            mc_return_set_created_at       (McReturn    *self,
                                                gint64       usec);
/* McOrderItem array (names NULL: a return names SKUs only), never NULL. */
GPtrArray      *mc_return_get_items            (McReturn    *self);
void            mc_return_add_item             (McReturn    *self,
                                                McOrderItem *item);
/* The refund; < 0 when not known. */
double          mc_return_get_amount           (McReturn    *self);
const char     *mc_return_get_currency         (McReturn    *self);
void            mc_return_set_amount           (McReturn    *self,
                                                double       amount,
                                                const char  *currency);

GVariant       *mc_return_to_variant           (McReturn    *self);
McReturn       *mc_return_new_from_variant     (GVariant    *variant);

G_END_DECLS
