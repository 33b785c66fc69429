/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-customer.h"
#include "mc-enums.h"

G_BEGIN_DECLS

#define MC_TYPE_CHAT_CONTEXT (mc_chat_context_get_type ())
G_DECLARE_FINAL_TYPE (McChatContext, mc_chat_context, MC, CHAT_CONTEXT, GObject)

/* Properties: "type" (McContextType), "campaign-id", "order-id", "return-id"
 * (gint64, 0 when absent), "customer" (McCustomer, nullable). */
McChatContext *mc_chat_context_new              (McContextType  type);
McContextType  mc_chat_context_get_context_type (McChatContext *self);
void           mc_chat_context_set_context_type (McChatContext *self,
                                                 McContextType  type);
gint64         mc_chat_context_get_campaign_id  (McChatContext *self);
void           mc_chat_context_set_campaign_id  (McChatContext *self,
                                                 gint64         campaign_id);
gint64         mc_chat_context_get_order_id     (McChatContext *self);
void           mc_chat_context_set_order_id     (McChatContext *self,
                                                 gint64         order_id);
gint64         mc_chat_context_get_return_id    (McChatContext *self);
void           mc_chat_context_set_return_id    (McChatContext *self,
                                                 gint64         return_id);
McCustomer    *mc_chat_context_get_customer     (McChatContext *self);
void           mc_chat_context_set_customer     (McChatContext *self,
                                                 McCustomer    *customer);
void           mc_chat_context_update_from      (McChatContext *self,
                                                 McChatContext *other);

/* All values at once, without notifications, for parsers that build many;
 * @customer (nullable) is referenced, not copied. */
McChatContext *mc_chat_context_new_full         (McContextType  type,
                                                 gint64         campaign_id,
                                                 gint64         order_id,
                                                 gint64         return_id,
                                                 McCustomer    *customer);
/* TRUE when both hold the same values, customer included (NULL-safe). */
gboolean       mc_chat_context_equal            (McChatContext *a,
                                                 McChatContext *b);

G_END_DECLS
