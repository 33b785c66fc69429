/* mc-customer.c: the customer a chat is with, as far as the Market tells.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-customer.h"

struct _McCustomer
{
  GObject  parent_instance;

  char    *name;
  char    *public_id;
};

G_DEFINE_FINAL_TYPE (McCustomer, mc_customer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_PUBLIC_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mc_customer_finalize (GObject *object)
{
  McCustomer *self = (McCustomer *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->public_id, g_free);

  G_OBJECT_CLASS (mc_customer_parent_class)->finalize (object);
}

static void
mc_customer_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  McCustomer *self = MC_CUSTOMER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_PUBLIC_ID:
      g_value_set_string (value, self->public_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_customer_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  McCustomer *self = MC_CUSTOMER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      mc_customer_set_name (self, g_value_get_string (value));
      break;

    case PROP_PUBLIC_ID:
      mc_customer_set_public_id (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_customer_class_init (McCustomerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mc_customer_finalize;
  object_class->get_property = mc_customer_get_property;
  object_class->set_property = mc_customer_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PUBLIC_ID] =
    g_param_spec_string ("public-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mc_customer_init (McCustomer *self)
{
}

McCustomer *
mc_customer_new (const char *name,
                 const char *public_id)
{
  McCustomer *self = g_object_new (MC_TYPE_CUSTOMER, NULL);

  /* Set directly: nobody can be listening to a new object, and a chat list
   * creates a great many of these. */
  self->name = g_strdup (name);
  self->public_id = g_strdup (public_id);

  return self;
}

const char *
mc_customer_get_name (McCustomer *self)
{
  g_return_val_if_fail (MC_IS_CUSTOMER (self), NULL);

  return self->name;
}

void
mc_customer_set_name (McCustomer *self,
                      const char *name)
{
  g_return_if_fail (MC_IS_CUSTOMER (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
mc_customer_get_public_id (McCustomer *self)
{
  g_return_val_if_fail (MC_IS_CUSTOMER (self), NULL);

  return self->public_id;
}

void
mc_customer_set_public_id (McCustomer *self,
                           const char *public_id)
{
  g_return_if_fail (MC_IS_CUSTOMER (self));

  if (g_strcmp0 (self->public_id, public_id) == 0)
    return;

  g_free (self->public_id);
  self->public_id = g_strdup (public_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLIC_ID]);
}

void
mc_customer_update_from (McCustomer *self,
                         McCustomer *other)
{
  g_return_if_fail (MC_IS_CUSTOMER (self));
  g_return_if_fail (MC_IS_CUSTOMER (other));

  g_object_freeze_notify (G_OBJECT (self));
  mc_customer_set_name (self, other->name);
  mc_customer_set_public_id (self, other->public_id);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
mc_customer_equal (McCustomer *a,
                   McCustomer *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->public_id, b->public_id) == 0;
}
