/* mc-sidebar-item.c: a sidebar row's data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mc-sidebar-item.h"

struct _McSidebarItem
{
  GObject          parent_instance;

  McSidebarItemKind  kind;
  gint64           business_id;
  McCampaign      *campaign;
  char            *business_name;
  char            *title;
  char            *subtitle;
  guint            needs_reply_count;
  guint            unread_count;
  guint            overdue_count;
};

G_DEFINE_FINAL_TYPE (McSidebarItem, mc_sidebar_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_BUSINESS_ID,
  PROP_CAMPAIGN,
  PROP_BUSINESS_NAME,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_NEEDS_REPLY_COUNT,
  PROP_UNREAD_COUNT,
  PROP_OVERDUE_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
placement_in_words (McPlacementType type)
{
  switch (type)
    {
    case MC_PLACEMENT_TYPE_FBS:
      return _("FBS, own warehouse");
    case MC_PLACEMENT_TYPE_FBY:
      return _("FBY, Market warehouse");
    case MC_PLACEMENT_TYPE_DBS:
      return _("DBS, own delivery");
    case MC_PLACEMENT_TYPE_LAAS:
      return _("Logistics as a service");
    case MC_PLACEMENT_TYPE_UNKNOWN:
    default:
      return _("Store");
    }
}

static void
mc_sidebar_item_constructed (GObject *object)
{
  McSidebarItem *self = (McSidebarItem *) object;

  G_OBJECT_CLASS (mc_sidebar_item_parent_class)->constructed (object);

  switch (self->kind)
    {
    case MC_SIDEBAR_ITEM_KIND_CABINET_STORE:
      if (self->campaign != NULL)
        {
          self->title = mc_campaign_dup_display_name (self->campaign);
          self->subtitle = g_strdup (placement_in_words (mc_campaign_get_placement_type (self->campaign)));
        }
      break;
    case MC_SIDEBAR_ITEM_KIND_NO_STORE:
      self->title = g_strdup (_("No store"));
      self->subtitle = g_strdup (self->business_name);
      break;
    case MC_SIDEBAR_ITEM_KIND_ALL_STORES:
    default:
      self->title = g_strdup (_("All stores"));
      self->subtitle = g_strdup (self->business_name);
      break;
    }
}

static void
mc_sidebar_item_finalize (GObject *object)
{
  McSidebarItem *self = (McSidebarItem *) object;

  g_clear_object (&self->campaign);
  g_clear_pointer (&self->business_name, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);

  G_OBJECT_CLASS (mc_sidebar_item_parent_class)->finalize (object);
}

static void
mc_sidebar_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  McSidebarItem *self = MC_SIDEBAR_ITEM (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_BUSINESS_ID:
      g_value_set_int64 (value, self->business_id);
      break;
    case PROP_CAMPAIGN:
      g_value_set_object (value, self->campaign);
      break;
    case PROP_BUSINESS_NAME:
      g_value_set_string (value, self->business_name);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_NEEDS_REPLY_COUNT:
      g_value_set_uint (value, self->needs_reply_count);
      break;
    case PROP_UNREAD_COUNT:
      g_value_set_uint (value, self->unread_count);
      break;
    case PROP_OVERDUE_COUNT:
      g_value_set_uint (value, self->overdue_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_sidebar_item_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  McSidebarItem *self = MC_SIDEBAR_ITEM (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_BUSINESS_ID:
      self->business_id = g_value_get_int64 (value);
      break;
    case PROP_CAMPAIGN:
      self->campaign = g_value_dup_object (value);
      break;
    case PROP_BUSINESS_NAME:
      self->business_name = g_value_dup_string (value);
      break;
    case PROP_NEEDS_REPLY_COUNT:
      mc_sidebar_item_set_needs_reply_count (self, g_value_get_uint (value));
      break;
    case PROP_UNREAD_COUNT:
      mc_sidebar_item_set_unread_count (self, g_value_get_uint (value));
      break;
    case PROP_OVERDUE_COUNT:
      mc_sidebar_item_set_overdue_count (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_sidebar_item_class_init (McSidebarItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mc_sidebar_item_constructed;
  object_class->finalize = mc_sidebar_item_finalize;
  object_class->get_property = mc_sidebar_item_get_property;
  object_class->set_property = mc_sidebar_item_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       MC_TYPE_SIDEBAR_ITEM_KIND, MC_SIDEBAR_ITEM_KIND_ALL_STORES,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSINESS_ID] =
    g_param_spec_int64 ("business-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL,
                         MC_TYPE_CAMPAIGN,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSINESS_NAME] =
    g_param_spec_string ("business-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEEDS_REPLY_COUNT] =
    g_param_spec_uint ("needs-reply-count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNREAD_COUNT] =
    g_param_spec_uint ("unread-count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OVERDUE_COUNT] =
    g_param_spec_uint ("overdue-count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mc_sidebar_item_init (McSidebarItem *self)
{
}

McSidebarItem *
mc_sidebar_item_new (McSidebarItemKind  kind,
                   gint64           business_id,
                   McCampaign      *campaign,
                   const char      *business_name)
{
  g_return_val_if_fail ((kind == MC_SIDEBAR_ITEM_KIND_CABINET_STORE) == (campaign != NULL), NULL);

  return g_object_new (MC_TYPE_SIDEBAR_ITEM,
                       "kind", kind,
                       "business-id", business_id,
                       "campaign", campaign,
                       "business-name", business_name,
                       NULL);
}

McSidebarItemKind
mc_sidebar_item_get_kind (McSidebarItem *self)
{
  g_return_val_if_fail (MC_IS_SIDEBAR_ITEM (self), MC_SIDEBAR_ITEM_KIND_ALL_STORES);
  return self->kind;
}

gint64
mc_sidebar_item_get_business_id (McSidebarItem *self)
{
  g_return_val_if_fail (MC_IS_SIDEBAR_ITEM (self), 0);
  return self->business_id;
}

McCampaign *
mc_sidebar_item_get_campaign (McSidebarItem *self)
{
  g_return_val_if_fail (MC_IS_SIDEBAR_ITEM (self), NULL);
  return self->campaign;
}

gint64
mc_sidebar_item_get_campaign_id (McSidebarItem *self)
{
  g_return_val_if_fail (MC_IS_SIDEBAR_ITEM (self), 0);
  return self->campaign != NULL ? mc_campaign_get_id (self->campaign) : 0;
}

const char *
mc_sidebar_item_get_title (McSidebarItem *self)
{
  g_return_val_if_fail (MC_IS_SIDEBAR_ITEM (self), NULL);
  return self->title;
}

const char *
mc_sidebar_item_get_subtitle (McSidebarItem *self)
{
  g_return_val_if_fail (MC_IS_SIDEBAR_ITEM (self), NULL);
  return self->subtitle;
}

guint
mc_sidebar_item_get_needs_reply_count (McSidebarItem *self)
{
  g_return_val_if_fail (MC_IS_SIDEBAR_ITEM (self), 0);
  return self->needs_reply_count;
}

void
mc_sidebar_item_set_needs_reply_count (McSidebarItem *self,
                                     guint        count)
{
  g_return_if_fail (MC_IS_SIDEBAR_ITEM (self));

  if (self->needs_reply_count == count)
    return;
  self->needs_reply_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_REPLY_COUNT]);
}

guint
mc_sidebar_item_get_unread_count (McSidebarItem *self)
{
  g_return_val_if_fail (MC_IS_SIDEBAR_ITEM (self), 0);
  return self->unread_count;
}

void
mc_sidebar_item_set_unread_count (McSidebarItem *self,
                                guint        count)
{
  g_return_if_fail (MC_IS_SIDEBAR_ITEM (self));

  if (self->unread_count == count)
    return;
  self->unread_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREAD_COUNT]);
}

guint
mc_sidebar_item_get_overdue_count (McSidebarItem *self)
{
  g_return_val_if_fail (MC_IS_SIDEBAR_ITEM (self), 0);
  return self->overdue_count;
}

void
mc_sidebar_item_set_overdue_count (McSidebarItem *self,
                                   guint          count)
{
  g_return_if_fail (MC_IS_SIDEBAR_ITEM (self));

  if (self->overdue_count == count)
    return;
  self->overdue_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERDUE_COUNT]);
}
