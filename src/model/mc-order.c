/* mc-order.c: an order as the order card shows it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "mc-enum-types.h"
#include "mc-order.h"

struct _McOrder
{
  GObject    parent_instance;

  gint64     order_id;
  gint64     campaign_id;
  char      *status;
  char      *substatus;
  char      *placement;
  gint64     created_at;
  char      *delivery_type;
  char      *from_date;
  char      *to_date;
  char      *from_time;
  char      *to_time;
  char      *delivery_service;
  GPtrArray *items;
  double     total;
  char      *currency;
  char      *payment_type;
  char      *payment_method;
};

G_DEFINE_FINAL_TYPE (McOrder, mc_order, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ORDER_ID,
  PROP_CAMPAIGN_ID,
  PROP_STATUS,
  PROP_SUBSTATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mc_order_finalize (GObject *object)
{
  McOrder *self = (McOrder *) object;

  g_free (self->status);
  g_free (self->substatus);
  g_free (self->placement);
  g_free (self->delivery_type);
  g_free (self->from_date);
  g_free (self->to_date);
  g_free (self->from_time);
  g_free (self->to_time);
  g_free (self->delivery_service);
  g_ptr_array_unref (self->items);
  g_free (self->currency);
  g_free (self->payment_type);
  g_free (self->payment_method);

  G_OBJECT_CLASS (mc_order_parent_class)->finalize (object);
}

static void
mc_order_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  McOrder *self = MC_ORDER (object);

  switch (prop_id)
    {
    case PROP_ORDER_ID:
      g_value_set_int64 (value, self->order_id);
      break;

    case PROP_CAMPAIGN_ID:
      g_value_set_int64 (value, self->campaign_id);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, mc_order_get_status (self));
      break;

    case PROP_SUBSTATUS:
      g_value_set_enum (value, mc_order_get_substatus (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_order_class_init (McOrderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mc_order_finalize;
  object_class->get_property = mc_order_get_property;

  properties[PROP_ORDER_ID] =
    g_param_spec_int64 ("order-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAMPAIGN_ID] =
    g_param_spec_int64 ("campaign-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, MC_TYPE_ORDER_STATUS, MC_ORDER_STATUS_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBSTATUS] =
    g_param_spec_enum ("substatus", NULL, NULL, MC_TYPE_ORDER_SUBSTATUS, MC_ORDER_SUBSTATUS_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mc_order_init (McOrder *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_order_item_free);
  self->total = -1;
}

McOrder *
mc_order_new (gint64 order_id)
{
  McOrder *self = g_object_new (MC_TYPE_ORDER, NULL);

  self->order_id = order_id;

  return self;
}

/* Replaces *@field; TRUE when it changed.  "" is NULL. */
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
mc_order_get_order_id (McOrder *self)
{
  g_return_val_if_fail (MC_IS_ORDER (self), 0);
  return self->order_id;
}

gint64
mc_order_get_campaign_id (McOrder *self)
{
  g_return_val_if_fail (MC_IS_ORDER (self), 0);
  return self->campaign_id;
}

void
mc_order_set_campaign_id (McOrder *self,
                          gint64   campaign_id)
{
  g_return_if_fail (MC_IS_ORDER (self));

  if (self->campaign_id == campaign_id)
    return;
  self->campaign_id = campaign_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN_ID]);
}

McOrderStatus
mc_order_get_status (McOrder *self)
{
  g_return_val_if_fail (MC_IS_ORDER (self), MC_ORDER_STATUS_UNKNOWN);
  return mc_order_status_from_string (self->status);
}

const char *
mc_order_get_status_string (McOrder *self)
{
  g_return_val_if_fail (MC_IS_ORDER (self), NULL);
  return self->status;
}

void
mc_order_set_status_string (McOrder    *self,
                            const char *status)
{
  g_return_if_fail (MC_IS_ORDER (self));

  if (set_string (&self->status, status))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

McOrderSubstatus
mc_order_get_substatus (McOrder *self)
{
  g_return_val_if_fail (MC_IS_ORDER (self), MC_ORDER_SUBSTATUS_UNKNOWN);
  return mc_order_substatus_from_string (self->substatus);
}

const char *
mc_order_get_substatus_string (McOrder *self)
{
  g_return_val_if_fail (MC_IS_ORDER (self), NULL);
  return self->substatus;
}

void
mc_order_set_substatus_string (McOrder    *self,
                               const char *substatus)
{
  g_return_if_fail (MC_IS_ORDER (self));

  if (set_string (&self->substatus, substatus))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBSTATUS]);
}

McPlacementType
mc_order_get_placement (McOrder *self)
{
  g_return_val_if_fail (MC_IS_ORDER (self), MC_PLACEMENT_TYPE_UNKNOWN);
  return mc_placement_type_from_string (self->placement);
}

const char *
mc_order_get_placement_string (McOrder *self)
{
  g_return_val_if_fail (MC_IS_ORDER (self), NULL);
  return self->placement;
}

void
mc_order_set_placement_string (McOrder    *self,
                               const char *placement)
{
  g_return_if_fail (MC_IS_ORDER (self));
  set_string (&self->placement, placement);
}

gint64
mc_order_get_created_at (McOrder *self)
{
  g_return_val_if_fail (MC_IS_ORDER (self), 0);
  return self->created_at;
}

void
mc_order_set_created_at (McOrder *self,
                         gint64   usec)
{
  g_return_if_fail (MC_IS_ORDER (self));
  self->created_at = usec;
}

McOrderDeliveryType
mc_order_get_delivery_type (McOrder *self)
{
  g_return_val_if_fail (MC_IS_ORDER (self), MC_ORDER_DELIVERY_TYPE_UNKNOWN);
  return mc_order_delivery_type_from_string (self->delivery_type);
}

const char *
mc_order_get_delivery_type_string (McOrder *self)
{
  g_return_val_if_fail (MC_IS_ORDER (self), NULL);
  return self->delivery_type;
}

void
mc_order_set_delivery_type_string (McOrder    *self,
                                   const char *type)
{
  g_return_if_fail (MC_IS_ORDER (self));
  set_string (&self->delivery_type, type);
}

void
mc_order_set_delivery_dates (McOrder    *self,
                             const char *from_date,
                             const char *to_date,
                             const char *from_time,
                             const char *to_time)
{
  g_return_if_fail (MC_IS_ORDER (self));

  set_string (&self->from_date, from_date);
  set_string (&self->to_date, to_date);
  set_string (&self->from_time, from_time);
  set_string (&self->to_time, to_time);
}

const char *
mc_order_get_delivery_from_date (McOrder *self)
{
  g_return_val_if_fail (MC_IS_ORDER (self), NULL);
  return self->from_date;
}

const char *
mc_order_get_delivery_to_date (McOrder *self)
{
  g_return_val_if_fail (MC_IS_ORDER (self), NULL);
  return self->to_date;
}

const char *
mc_order_get_delivery_from_time (McOrder *self)
{
  g_return_val_if_fail (MC_IS_ORDER (self), NULL);
  return self->from_time;
}

const char *
mc_order_get_delivery_to_time (McOrder *self)
{
  g_return_val_if_fail (MC_IS_ORDER (self), NULL);
  return self->to_time;
}

/* "YYYY-MM-DD" -> "DD.MM.YYYY", the way Russian sellers and customers
 * write dates; anything else is shown as it came. */
static char *
format_day (const char *date)
{
  int year, month, day;
  char end;

  if (sscanf (date, "%4d-%2d-%2d%c", &year, &month, &day, &end) == 3)
    return g_strdup_printf ("%02d.%02d.%04d", day, month, year);

  return g_strdup (date);
}

char *
mc_order_dup_delivery_text (McOrder *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (MC_IS_ORDER (self), NULL);

  if (self->from_date == NULL)
    return NULL;

  from = format_day (self->from_date);
  if (self->to_date != NULL && g_strcmp0 (self->to_date, self->from_date) != 0)
    {
      to = format_day (self->to_date);
      /* Translators: a delivery interval of days, "12.12.2026 – 14.12.2026" */
      return g_strdup_printf (_("%s – %s"), from, to);
    }

  if (self->from_time != NULL && self->to_time != NULL)
    /* Translators: a delivery day and hours, "12.12.2026, 10:00 – 14:00" */
    return g_strdup_printf (_("%s, %s – %s"), from, self->from_time, self->to_time);

  return g_steal_pointer (&from);
}

const char *
mc_order_get_delivery_service (McOrder *self)
{
  g_return_val_if_fail (MC_IS_ORDER (self), NULL);
  return self->delivery_service;
}

void
mc_order_set_delivery_service (McOrder    *self,
                               const char *name)
{
  g_return_if_fail (MC_IS_ORDER (self));
  set_string (&self->delivery_service, name);
}

GPtrArray *
mc_order_get_items (McOrder *self)
{
  g_return_val_if_fail (MC_IS_ORDER (self), NULL);
  return self->items;
}

void
mc_order_add_item (McOrder     *self,
                   McOrderItem *item)
{
  g_return_if_fail (MC_IS_ORDER (self));
  g_return_if_fail (item != NULL);

  g_ptr_array_add (self->items, item);
}

gint64
mc_order_get_item_count (McOrder *self)
{
  gint64 count = 0;

  g_return_val_if_fail (MC_IS_ORDER (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    count += ((McOrderItem *) g_ptr_array_index (self->items, i))->count;

  return count;
}

double
mc_order_get_total (McOrder *self)
{
  g_return_val_if_fail (MC_IS_ORDER (self), -1);
  return self->total;
}

const char *
mc_order_get_currency (McOrder *self)
{
  g_return_val_if_fail (MC_IS_ORDER (self), NULL);
  return self->currency;
}

void
mc_order_set_total (McOrder    *self,
                    double      total,
                    const char *currency)
{
  g_return_if_fail (MC_IS_ORDER (self));

  self->total = isfinite (total) ? total : -1;
  set_string (&self->currency, currency);
}

char *
mc_format_money (double      amount,
                 const char *currency)
{
  const char *sign;
  double whole;

  if (currency == NULL || g_str_equal (currency, "RUR") || g_str_equal (currency, "RUB"))
    sign = "₽";
  else
    sign = currency;

  if (modf (amount, &whole) == 0.0)
    /* Translators: an amount of money and its currency sign, "1250 ₽" */
    return g_strdup_printf (_("%.0f %s"), amount, sign);

  return g_strdup_printf (_("%.2f %s"), amount, sign);
}

char *
mc_order_dup_total_text (McOrder *self)
{
  g_return_val_if_fail (MC_IS_ORDER (self), NULL);

  if (self->total < 0)
    return NULL;

  return mc_format_money (self->total, self->currency);
}

McOrderPaymentType
mc_order_get_payment_type (McOrder *self)
{
  g_return_val_if_fail (MC_IS_ORDER (self), MC_ORDER_PAYMENT_TYPE_UNKNOWN);
  return mc_order_payment_type_from_string (self->payment_type);
}

const char *
mc_order_get_payment_type_string (McOrder *self)
{
  g_return_val_if_fail (MC_IS_ORDER (self), NULL);
  return self->payment_type;
}

void
mc_order_set_payment_type_string (McOrder    *self,
                                  const char *type)
{
  g_return_if_fail (MC_IS_ORDER (self));
  set_string (&self->payment_type, type);
}

McOrderPaymentMethod
mc_order_get_payment_method (McOrder *self)
{
  g_return_val_if_fail (MC_IS_ORDER (self), MC_ORDER_PAYMENT_METHOD_UNKNOWN);
  return mc_order_payment_method_from_string (self->payment_method);
}

const char *
mc_order_get_payment_method_string (McOrder *self)
{
  g_return_val_if_fail (MC_IS_ORDER (self), NULL);
  return self->payment_method;
}

void
mc_order_set_payment_method_string (McOrder    *self,
                                    const char *method)
{
  g_return_if_fail (MC_IS_ORDER (self));
  set_string (&self->payment_method, method);
}

/* Serialization */

static void
add_string (GVariantBuilder *builder,
            const char      *key,
            const char      *value)
{
  if (value != NULL)
    g_variant_builder_add (builder, "{sv}", key, g_variant_new_string (value));
}

GVariant *
mc_order_to_variant (McOrder *self)
{
  GVariantBuilder builder;

  g_return_val_if_fail (MC_IS_ORDER (self), NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "order-id", g_variant_new_int64 (self->order_id));
  g_variant_builder_add (&builder, "{sv}", "campaign-id", g_variant_new_int64 (self->campaign_id));
  add_string (&builder, "status", self->status);
  add_string (&builder, "substatus", self->substatus);
  add_string (&builder, "placement", self->placement);
  g_variant_builder_add (&builder, "{sv}", "created-at", g_variant_new_int64 (self->created_at));
  add_string (&builder, "delivery-type", self->delivery_type);
  add_string (&builder, "from-date", self->from_date);
  add_string (&builder, "to-date", self->to_date);
  add_string (&builder, "from-time", self->from_time);
  add_string (&builder, "to-time", self->to_time);
  add_string (&builder, "delivery-service", self->delivery_service);
  g_variant_builder_add (&builder, "{sv}", "items", mc_order_items_to_variant (self->items));
  g_variant_builder_add (&builder, "{sv}", "total", g_variant_new_double (self->total));
  add_string (&builder, "currency", self->currency);
  add_string (&builder, "payment-type", self->payment_type);
  add_string (&builder, "payment-method", self->payment_method);

  return g_variant_builder_end (&builder);
}

McOrder *
mc_order_new_from_variant (GVariant *variant)
{
  g_autoptr(GVariantDict) dict = NULL;
  g_autoptr(GVariant) items = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(McOrder) self = NULL;
  const char *from = NULL, *to = NULL, *from_time = NULL, *to_time = NULL;
  const char *value;
  const char *currency = NULL;
  gint64 order_id;
  double total = -1;

  if (variant == NULL || !g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT))
    return NULL;

  dict = g_variant_dict_new (variant);
  if (!g_variant_dict_lookup (dict, "order-id", "x", &order_id) || order_id < 1)
    return NULL;

  self = mc_order_new (order_id);
  g_variant_dict_lookup (dict, "campaign-id", "x", &self->campaign_id);
  g_variant_dict_lookup (dict, "created-at", "x", &self->created_at);

#define LOOKUP_STRING(key, field) \
  if (g_variant_dict_lookup (dict, key, "&s", &value)) \
    set_string (&self->field, value)
  LOOKUP_STRING ("status", status);
  LOOKUP_STRING ("substatus", substatus);
  LOOKUP_STRING ("placement", placement);
  LOOKUP_STRING ("delivery-type", delivery_type);
  LOOKUP_STRING ("delivery-service", delivery_service);
  LOOKUP_STRING ("payment-type", payment_type);
  LOOKUP_STRING ("payment-method", payment_method);
#undef LOOKUP_STRING

  g_variant_dict_lookup (dict, "from-date", "&s", &from);
  g_variant_dict_lookup (dict, "to-date", "&s", &to);
  g_variant_dict_lookup (dict, "from-time", "&s", &from_time);
  g_variant_dict_lookup (dict, "to-time", "&s", &to_time);
  mc_order_set_delivery_dates (self, from, to, from_time, to_time);

  g_variant_dict_lookup (dict, "total", "d", &total);
  g_variant_dict_lookup (dict, "currency", "&s", &currency);
  mc_order_set_total (self, total, currency);

  items = g_variant_dict_lookup_value (dict, "items", G_VARIANT_TYPE ("a(ssxd)"));
  parsed = mc_order_items_from_variant (items);
  if (parsed != NULL)
    {
      g_ptr_array_unref (self->items);
      self->items = g_steal_pointer (&parsed);
    }

  return g_steal_pointer (&self);
}
