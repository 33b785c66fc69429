/* mc-template.c: a reply template of the seller's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-template.h"

struct _McTemplate
{
  GObject  parent_instance;

  gint64   id;
  gint64   business_id;
  gint64   campaign_id;
  char    *title;
  char    *text;
  char    *keyword;
};

G_DEFINE_FINAL_TYPE (McTemplate, mc_template, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_BUSINESS_ID,
  PROP_CAMPAIGN_ID,
  PROP_TITLE,
  PROP_TEXT,
  PROP_KEYWORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mc_template_finalize (GObject *object)
{
  McTemplate *self = (McTemplate *) object;

  g_free (self->title);
  g_free (self->text);
  g_free (self->keyword);

  G_OBJECT_CLASS (mc_template_parent_class)->finalize (object);
}

static void
mc_template_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  McTemplate *self = MC_TEMPLATE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_BUSINESS_ID:
      g_value_set_int64 (value, self->business_id);
      break;

    case PROP_CAMPAIGN_ID:
      g_value_set_int64 (value, self->campaign_id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_KEYWORD:
      g_value_set_string (value, self->keyword);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_template_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  McTemplate *self = MC_TEMPLATE (object);

  switch (prop_id)
    {
    case PROP_ID:
      mc_template_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_BUSINESS_ID:
      mc_template_set_business_id (self, g_value_get_int64 (value));
      break;

    case PROP_CAMPAIGN_ID:
      mc_template_set_campaign_id (self, g_value_get_int64 (value));
      break;

    case PROP_TITLE:
      mc_template_set_title (self, g_value_get_string (value));
      break;

    case PROP_TEXT:
      mc_template_set_text (self, g_value_get_string (value));
      break;

    case PROP_KEYWORD:
      mc_template_set_keyword (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_template_class_init (McTemplateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mc_template_finalize;
  object_class->get_property = mc_template_get_property;
  object_class->set_property = mc_template_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_BUSINESS_ID] = g_param_spec_int64 ("business-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CAMPAIGN_ID] = g_param_spec_int64 ("campaign-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", flags);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, "", flags);
  properties[PROP_KEYWORD] = g_param_spec_string ("keyword", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mc_template_init (McTemplate *self)
{
  self->title = g_strdup ("");
  self->text = g_strdup ("");
}

McTemplate *
mc_template_new (const char *title,
                 const char *text)
{
  return g_object_new (MC_TYPE_TEMPLATE, "title", title, "text", text, NULL);
}

McTemplate *
mc_template_copy (McTemplate *self)
{
  g_return_val_if_fail (MC_IS_TEMPLATE (self), NULL);

  return g_object_new (MC_TYPE_TEMPLATE,
                       "id", self->id,
                       "business-id", self->business_id,
                       "campaign-id", self->campaign_id,
                       "title", self->title,
                       "text", self->text,
                       "keyword", self->keyword,
                       NULL);
}

static void
set_int (McTemplate *self,
         gint64     *field,
         gint64      value,
         guint       prop)
{
  value = MAX (value, 0);
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* NULL is "" for the title and the text, which always exist. */
static void
set_string (McTemplate  *self,
            char       **field,
            const char  *value,
            gboolean     nullable,
            guint        prop)
{
  if (value == NULL && !nullable)
    value = "";
  if (value != NULL && *value == '\0' && nullable)
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

gint64
mc_template_get_id (McTemplate *self)
{
  g_return_val_if_fail (MC_IS_TEMPLATE (self), 0);
  return self->id;
}

void
mc_template_set_id (McTemplate *self,
                    gint64      id)
{
  g_return_if_fail (MC_IS_TEMPLATE (self));
  set_int (self, &self->id, id, PROP_ID);
}

gint64
mc_template_get_business_id (McTemplate *self)
{
  g_return_val_if_fail (MC_IS_TEMPLATE (self), 0);
  return self->business_id;
}

void
mc_template_set_business_id (McTemplate *self,
                             gint64      business_id)
{
  g_return_if_fail (MC_IS_TEMPLATE (self));
  set_int (self, &self->business_id, business_id, PROP_BUSINESS_ID);
}

gint64
mc_template_get_campaign_id (McTemplate *self)
{
  g_return_val_if_fail (MC_IS_TEMPLATE (self), 0);
  return self->campaign_id;
}

void
mc_template_set_campaign_id (McTemplate *self,
                             gint64      campaign_id)
{
  g_return_if_fail (MC_IS_TEMPLATE (self));
  set_int (self, &self->campaign_id, campaign_id, PROP_CAMPAIGN_ID);
}

const char *
mc_template_get_title (McTemplate *self)
{
  g_return_val_if_fail (MC_IS_TEMPLATE (self), NULL);
  return self->title;
}

void
mc_template_set_title (McTemplate *self,
                       const char *title)
{
  g_return_if_fail (MC_IS_TEMPLATE (self));
  set_string (self, &self->title, title, FALSE, PROP_TITLE);
}

const char *
mc_template_get_text (McTemplate *self)
{
  g_return_val_if_fail (MC_IS_TEMPLATE (self), NULL);
  return self->text;
}

void
mc_template_set_text (McTemplate *self,
                      const char *text)
{
  g_return_if_fail (MC_IS_TEMPLATE (self));
  set_string (self, &self->text, text, FALSE, PROP_TEXT);
}

const char *
mc_template_get_keyword (McTemplate *self)
{
  g_return_val_if_fail (MC_IS_TEMPLATE (self), NULL);
  return self->keyword;
}

void
mc_template_set_keyword (McTemplate *self,
                         const char *keyword)
{
  g_return_if_fail (MC_IS_TEMPLATE (self));
  set_string (self, &self->keyword, keyword, TRUE, PROP_KEYWORD);
}

gboolean
mc_template_applies_to (McTemplate *self,
                        gint64      business_id,
                        gint64      campaign_id)
{
  g_return_val_if_fail (MC_IS_TEMPLATE (self), FALSE);

  if (self->business_id != 0 && self->business_id != business_id)
    return FALSE;

  return self->campaign_id == 0 || self->campaign_id == campaign_id;
}
