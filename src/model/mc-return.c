/* mc-return.c: a return or an unredeemed order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "mc-enum-types.h"
#include "mc-return.h"

struct _McReturn
{
  GObject    parent_instance;

  gint64     return_id;
  gint64     order_id;
  char      *status;
  char      *return_type;
  gint64     created_at;
  GPtrArray *items;
  double     amount;
  char      *currency;
};

G_DEFINE_FINAL_TYPE (McReturn, mc_return, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RETURN_ID,
  PROP_ORDER_ID,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mc_return_finalize (GObject *object)
{
  McReturn *self = (McReturn *) object;

  g_free (self->status);
  g_free (self->return_type);
  g_ptr_array_unref (self->items);
  g_free (self->currency);

  G_OBJECT_CLASS (mc_return_parent_class)->finalize (object);
}

static void
mc_return_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  McReturn *self = MC_RETURN (object);

  switch (prop_id)
    {
    case PROP_RETURN_ID:
      g_value_set_int64 (value, self->return_id);
      break;

    case PROP_ORDER_ID:
      g_value_set_int64 (value, self->order_id);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, mc_return_get_status (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_return_class_init (McReturnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mc_return_finalize;
  object_class->get_property = mc_return_get_property;

  properties[PROP_RETURN_ID] =
    g_param_spec_int64 ("return-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORDER_ID] =
    g_param_spec_int64 ("order-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, MC_TYPE_RETURN_STATUS, MC_RETURN_STATUS_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mc_return_init (McReturn *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_order_item_free);
  self->amount = -1;
}

McReturn *
mc_return_new (gint64 return_id,
               gint64 order_id)
{
  McReturn *self = g_object_new (MC_TYPE_RETURN, NULL);

  self->return_id = return_id;
  self->order_id = order_id;

  return self;
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

gint64
mc_return_get_return_id (McReturn *self)
{
  g_return_val_if_fail (MC_IS_RETURN (self), 0);
  return self->return_id;
}

gint64
mc_return_get_order_id (McReturn *self)
{
  g_return_val_if_fail (MC_IS_RETURN (self), 0);
  return self->order_id;
}

McReturnStatus
mc_return_get_status (McReturn *self)
{
  g_return_val_if_fail (MC_IS_RETURN (self), MC_RETURN_STATUS_UNKNOWN);
  return mc_return_status_from_string (self->status);
}

const char *
mc_return_get_status_string (McReturn *self)
{
  g_return_val_if_fail (MC_IS_RETURN (self), NULL);
  return self->status;
}

void
mc_return_set_status_string (McReturn   *self,
                             const char *status)
{
  g_return_if_fail (MC_IS_RETURN (self));

  if (set_string (&self->status, status))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

McReturnType
mc_return_get_return_type (McReturn *self)
{
  g_return_val_if_fail (MC_IS_RETURN (self), MC_RETURN_TYPE_UNKNOWN);
  return mc_return_type_from_string (self->return_type);
}

const char *
mc_return_get_return_type_string (McReturn *self)
{
  g_return_val_if_fail (MC_IS_RETURN (self), NULL);
  return self->return_type;
}

void
mc_return_set_return_type_string (McReturn   *self,
                                  const char *type)
{
  g_return_if_fail (MC_IS_RETURN (self));
  set_string (&self->return_type, type);
}

gint64
mc_return_get_created_at (McReturn *self)
{
  g_return_val_if_fail (MC_IS_RETURN (self), 0);
  return self->created_at;
}

void
mc_return_set_created_at (McReturn *self,
                          gint64    usec)
{
  g_return_if_fail (MC_IS_RETURN (self));
  self->created_at = usec;
}

GPtrArray *
mc_return_get_items (McReturn *self)
{
  g_return_val_if_fail (MC_IS_RETURN (self), NULL);
  return self->items;
}

void
mc_return_add_item (McReturn    *self,
                    McOrderItem *item)
{
  g_return_if_fail (MC_IS_RETURN (self));
  g_return_if_fail (item != NULL);

  g_ptr_array_add (self->items, item);
}

double
mc_return_get_amount (McReturn *self)
{
  g_return_val_if_fail (MC_IS_RETURN (self), -1);
  return self->amount;
}

const char *
mc_return_get_currency (McReturn *self)
{
  g_return_val_if_fail (MC_IS_RETURN (self), NULL);
  return self->currency;
}

void
mc_return_set_amount (McReturn   *self,
                      double      amount,
                      const char *currency)
{
  g_return_if_fail (MC_IS_RETURN (self));

  self->amount = isfinite (amount) ? amount : -1;
  set_string (&self->currency, currency);
}

GVariant *
mc_return_to_variant (McReturn *self)
{
  GVariantBuilder builder;

  g_return_val_if_fail (MC_IS_RETURN (self), NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "return-id", g_variant_new_int64 (self->return_id));
  g_variant_builder_add (&builder, "{sv}", "order-id", g_variant_new_int64 (self->order_id));
  if (self->status != NULL)
    g_variant_builder_add (&builder, "{sv}", "status", g_variant_new_string (self->status));
  if (self->return_type != NULL)
    g_variant_builder_add (&builder, "{sv}", "return-type", g_variant_new_string (self->return_type));
  g_variant_builder_add (&builder, "{sv}", "created-at", g_variant_new_int64 (self->created_at));
  g_variant_builder_add (&builder, "{sv}", "items", mc_order_items_to_variant (self->items));
  g_variant_builder_add (&builder, "{sv}", "amount", g_variant_new_double (self->amount));
  if (self->currency != NULL)
    g_variant_builder_add (&builder, "{sv}", "currency", g_variant_new_string (self->currency));

  return g_variant_builder_end (&builder);
}

McReturn *
mc_return_new_from_variant (GVariant *variant)
{
  g_autoptr(GVariantDict) dict = NULL;
  g_autoptr(GVariant) items = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(McReturn) self = NULL;
  const char *value;
  const char *currency = NULL;
  gint64 return_id, order_id = 0;
  double amount = -1;

  if (variant == NULL || !g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT))
    return NULL;

  dict = g_variant_dict_new (variant);
  if (!g_variant_dict_lookup (dict, "return-id", "x", &return_id) || return_id < 1)
    return NULL;
  g_variant_dict_lookup (dict, "order-id", "x", &order_id);

  self = mc_return_new (return_id, order_id);
  g_variant_dict_lookup (dict, "created-at", "x", &self->created_at);
  if (g_variant_dict_lookup (dict, "status", "&s", &value))
    set_string (&self->status, value);
  if (g_variant_dict_lookup (dict, "return-type", "&s", &value))
    set_string (&self->return_type, value);
  g_variant_dict_lookup (dict, "amount", "d", &amount);
  g_variant_dict_lookup (dict, "currency", "&s", &currency);
  mc_return_set_amount (self, amount, currency);

  items = g_variant_dict_lookup_value (dict, "items", G_VARIANT_TYPE ("a(ssxd)"));
  parsed = mc_order_items_from_variant (items);
  if (parsed != NULL)
    {
      g_ptr_array_unref (self->items);
      self->items = g_steal_pointer (&parsed);
    }

  return g_steal_pointer (&self);
}
