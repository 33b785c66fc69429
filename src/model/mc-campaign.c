/* mc-campaign.c: a store (the API calls it a campaign) and the business
 * (cabinet) it belongs to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-campaign.h"
#include "mc-enum-types.h"

struct _McCampaign
{
  GObject            parent_instance;

  gint64             id;
  gint64             business_id;
  char              *domain;
  char              *business_name;
  McPlacementType    placement_type;
  McApiAvailability  api_availability;
};

G_DEFINE_FINAL_TYPE (McCampaign, mc_campaign, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DOMAIN,
  PROP_BUSINESS_ID,
  PROP_BUSINESS_NAME,
  PROP_PLACEMENT_TYPE,
  PROP_API_AVAILABILITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mc_campaign_finalize (GObject *object)
{
  McCampaign *self = (McCampaign *)object;

  g_clear_pointer (&self->domain, g_free);
  g_clear_pointer (&self->business_name, g_free);

  G_OBJECT_CLASS (mc_campaign_parent_class)->finalize (object);
}

static void
mc_campaign_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  McCampaign *self = MC_CAMPAIGN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_DOMAIN:
      g_value_set_string (value, self->domain);
      break;

    case PROP_BUSINESS_ID:
      g_value_set_int64 (value, self->business_id);
      break;

    case PROP_BUSINESS_NAME:
      g_value_set_string (value, self->business_name);
      break;

    case PROP_PLACEMENT_TYPE:
      g_value_set_enum (value, self->placement_type);
      break;

    case PROP_API_AVAILABILITY:
      g_value_set_enum (value, self->api_availability);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_campaign_class_init (McCampaignClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mc_campaign_finalize;
  object_class->get_property = mc_campaign_get_property;

  /* Read-only: a store is replaced as a whole when the list is fetched
   * again, so nothing ever changes one in place. */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DOMAIN] =
    g_param_spec_string ("domain", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BUSINESS_ID] =
    g_param_spec_int64 ("business-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BUSINESS_NAME] =
    g_param_spec_string ("business-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PLACEMENT_TYPE] =
    g_param_spec_enum ("placement-type", NULL, NULL,
                       MC_TYPE_PLACEMENT_TYPE,
                       MC_PLACEMENT_TYPE_UNKNOWN,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_API_AVAILABILITY] =
    g_param_spec_enum ("api-availability", NULL, NULL,
                       MC_TYPE_API_AVAILABILITY,
                       MC_API_AVAILABILITY_UNKNOWN,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mc_campaign_init (McCampaign *self)
{
}

McCampaign *
mc_campaign_new (gint64             id,
                 const char        *domain,
                 gint64             business_id,
                 const char        *business_name,
                 McPlacementType    placement_type,
                 McApiAvailability  availability)
{
  McCampaign *self;

  g_return_val_if_fail (id >= 0, NULL);
  g_return_val_if_fail (business_id >= 0, NULL);

  self = g_object_new (MC_TYPE_CAMPAIGN, NULL);
  self->id = id;
  self->domain = g_strdup (domain);
  self->business_id = business_id;
  self->business_name = g_strdup (business_name);
  self->placement_type = placement_type;
  self->api_availability = availability;

  return self;
}

gint64
mc_campaign_get_id (McCampaign *self)
{
  g_return_val_if_fail (MC_IS_CAMPAIGN (self), 0);

  return self->id;
}

const char *
mc_campaign_get_domain (McCampaign *self)
{
  g_return_val_if_fail (MC_IS_CAMPAIGN (self), NULL);

  return self->domain;
}

gint64
mc_campaign_get_business_id (McCampaign *self)
{
  g_return_val_if_fail (MC_IS_CAMPAIGN (self), 0);

  return self->business_id;
}

const char *
mc_campaign_get_business_name (McCampaign *self)
{
  g_return_val_if_fail (MC_IS_CAMPAIGN (self), NULL);

  return self->business_name;
}

McPlacementType
mc_campaign_get_placement_type (McCampaign *self)
{
  g_return_val_if_fail (MC_IS_CAMPAIGN (self), MC_PLACEMENT_TYPE_UNKNOWN);

  return self->placement_type;
}

McApiAvailability
mc_campaign_get_api_availability (McCampaign *self)
{
  g_return_val_if_fail (MC_IS_CAMPAIGN (self), MC_API_AVAILABILITY_UNKNOWN);

  return self->api_availability;
}

char *
mc_campaign_dup_display_name (McCampaign *self)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (MC_IS_CAMPAIGN (self), NULL);

  if (self->domain != NULL && self->domain[0] != '\0')
    return g_strdup (self->domain);

  id = g_strdup_printf ("%" G_GINT64_FORMAT, self->id);

  /* Translators: the name of a store that has none; %s is its number. */
  return g_strdup_printf (_("Store %s"), id);
}
