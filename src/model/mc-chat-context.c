/* mc-chat-context.c: what a chat is about (an order, a return, or the
 * customer's own question) and with whom.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-chat-context.h"
#include "mc-enum-types.h"

struct _McChatContext
{
  GObject        parent_instance;

  McContextType  type;
  gint64         campaign_id;
  gint64         order_id;
  gint64         return_id;
  McCustomer    *customer;
};

G_DEFINE_FINAL_TYPE (McChatContext, mc_chat_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TYPE,
  PROP_CAMPAIGN_ID,
  PROP_ORDER_ID,
  PROP_RETURN_ID,
  PROP_CUSTOMER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mc_chat_context_dispose (GObject *object)
{
  McChatContext *self = (McChatContext *)object;

  g_clear_object (&self->customer);

  G_OBJECT_CLASS (mc_chat_context_parent_class)->dispose (object);
}

static void
mc_chat_context_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  McChatContext *self = MC_CHAT_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_TYPE:
      g_value_set_enum (value, self->type);
      break;

    case PROP_CAMPAIGN_ID:
      g_value_set_int64 (value, self->campaign_id);
      break;

    case PROP_ORDER_ID:
      g_value_set_int64 (value, self->order_id);
      break;

    case PROP_RETURN_ID:
      g_value_set_int64 (value, self->return_id);
      break;

    case PROP_CUSTOMER:
      g_value_set_object (value, self->customer);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_chat_context_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  McChatContext *self = MC_CHAT_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_TYPE:
      mc_chat_context_set_context_type (self, g_value_get_enum (value));
      break;

    case PROP_CAMPAIGN_ID:
      mc_chat_context_set_campaign_id (self, g_value_get_int64 (value));
      break;

    case PROP_ORDER_ID:
      mc_chat_context_set_order_id (self, g_value_get_int64 (value));
      break;

    case PROP_RETURN_ID:
      mc_chat_context_set_return_id (self, g_value_get_int64 (value));
      break;

    case PROP_CUSTOMER:
      mc_chat_context_set_customer (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_chat_context_class_init (McChatContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mc_chat_context_dispose;
  object_class->get_property = mc_chat_context_get_property;
  object_class->set_property = mc_chat_context_set_property;

  properties[PROP_TYPE] =
    g_param_spec_enum ("type", NULL, NULL,
                       MC_TYPE_CONTEXT_TYPE,
                       MC_CONTEXT_TYPE_UNKNOWN,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CAMPAIGN_ID] =
    g_param_spec_int64 ("campaign-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ORDER_ID] =
    g_param_spec_int64 ("order-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RETURN_ID] =
    g_param_spec_int64 ("return-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL,
                         MC_TYPE_CUSTOMER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mc_chat_context_init (McChatContext *self)
{
}

McChatContext *
mc_chat_context_new (McContextType type)
{
  return mc_chat_context_new_full (type, 0, 0, 0, NULL);
}

McChatContext *
mc_chat_context_new_full (McContextType  type,
                          gint64         campaign_id,
                          gint64         order_id,
                          gint64         return_id,
                          McCustomer    *customer)
{
  McChatContext *self;

  g_return_val_if_fail (!customer || MC_IS_CUSTOMER (customer), NULL);

  self = g_object_new (MC_TYPE_CHAT_CONTEXT, NULL);

  /* Set directly: a new object has no listeners to notify, and parsing a
   * chat list creates one of these per chat. */
  self->type = type;
  self->campaign_id = MAX (campaign_id, 0);
  self->order_id = MAX (order_id, 0);
  self->return_id = MAX (return_id, 0);
  self->customer = customer ? g_object_ref (customer) : NULL;

  return self;
}

McContextType
mc_chat_context_get_context_type (McChatContext *self)
{
  g_return_val_if_fail (MC_IS_CHAT_CONTEXT (self), MC_CONTEXT_TYPE_UNKNOWN);

  return self->type;
}

void
mc_chat_context_set_context_type (McChatContext *self,
                                  McContextType  type)
{
  g_return_if_fail (MC_IS_CHAT_CONTEXT (self));

  if (self->type == type)
    return;

  self->type = type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TYPE]);
}

static void
set_id (McChatContext *self,
        gint64        *field,
        gint64         value,
        guint          prop_id)
{
  g_return_if_fail (value >= 0);

  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

gint64
mc_chat_context_get_campaign_id (McChatContext *self)
{
  g_return_val_if_fail (MC_IS_CHAT_CONTEXT (self), 0);

  return self->campaign_id;
}

void
mc_chat_context_set_campaign_id (McChatContext *self,
                                 gint64         campaign_id)
{
  g_return_if_fail (MC_IS_CHAT_CONTEXT (self));

  set_id (self, &self->campaign_id, campaign_id, PROP_CAMPAIGN_ID);
}

gint64
mc_chat_context_get_order_id (McChatContext *self)
{
  g_return_val_if_fail (MC_IS_CHAT_CONTEXT (self), 0);

  return self->order_id;
}

void
mc_chat_context_set_order_id (McChatContext *self,
                              gint64         order_id)
{
  g_return_if_fail (MC_IS_CHAT_CONTEXT (self));

  set_id (self, &self->order_id, order_id, PROP_ORDER_ID);
}

gint64
mc_chat_context_get_return_id (McChatContext *self)
{
  g_return_val_if_fail (MC_IS_CHAT_CONTEXT (self), 0);

  return self->return_id;
}

void
mc_chat_context_set_return_id (McChatContext *self,
                               gint64         return_id)
{
  g_return_if_fail (MC_IS_CHAT_CONTEXT (self));

  set_id (self, &self->return_id, return_id, PROP_RETURN_ID);
}

McCustomer *
mc_chat_context_get_customer (McChatContext *self)
{
  g_return_val_if_fail (MC_IS_CHAT_CONTEXT (self), NULL);

  return self->customer;
}

void
mc_chat_context_set_customer (McChatContext *self,
                              McCustomer    *customer)
{
  g_return_if_fail (MC_IS_CHAT_CONTEXT (self));
  g_return_if_fail (!customer || MC_IS_CUSTOMER (customer));

  if (g_set_object (&self->customer, customer))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);
}

void
mc_chat_context_update_from (McChatContext *self,
                             McChatContext *other)
{
  g_return_if_fail (MC_IS_CHAT_CONTEXT (self));
  g_return_if_fail (MC_IS_CHAT_CONTEXT (other));

  g_object_freeze_notify (G_OBJECT (self));

  mc_chat_context_set_context_type (self, other->type);
  mc_chat_context_set_campaign_id (self, other->campaign_id);
  mc_chat_context_set_order_id (self, other->order_id);
  mc_chat_context_set_return_id (self, other->return_id);

  /* The customer is updated in place so that whoever watches its name keeps
   * watching the right object; a copy avoids sharing one between chats. */
  if (other->customer == NULL)
    {
      mc_chat_context_set_customer (self, NULL);
    }
  else if (self->customer == NULL)
    {
      g_autoptr(McCustomer) copy = mc_customer_new (mc_customer_get_name (other->customer),
                                                    mc_customer_get_public_id (other->customer));
      mc_chat_context_set_customer (self, copy);
    }
  else
    {
      mc_customer_update_from (self->customer, other->customer);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
mc_chat_context_equal (McChatContext *a,
                       McChatContext *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return a->type == b->type &&
         a->campaign_id == b->campaign_id &&
         a->order_id == b->order_id &&
         a->return_id == b->return_id &&
         mc_customer_equal (a->customer, b->customer);
}
