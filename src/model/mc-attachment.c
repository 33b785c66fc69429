/* mc-attachment.c: a file attached to a message; the app downloads it only
 * when the seller asks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-attachment.h"

struct _McAttachment
{
  GObject  parent_instance;

  char    *name;
  char    *url;
  gint64   size;
};

G_DEFINE_FINAL_TYPE (McAttachment, mc_attachment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_URL,
  PROP_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mc_attachment_finalize (GObject *object)
{
  McAttachment *self = (McAttachment *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->url, g_free);

  G_OBJECT_CLASS (mc_attachment_parent_class)->finalize (object);
}

static void
mc_attachment_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  McAttachment *self = MC_ATTACHMENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_SIZE:
      g_value_set_int64 (value, self->size);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_attachment_class_init (McAttachmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mc_attachment_finalize;
  object_class->get_property = mc_attachment_get_property;

  /* Read-only: an attachment is what the Market sent, set once by
   * mc_attachment_new(). */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SIZE] =
    g_param_spec_int64 ("size", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mc_attachment_init (McAttachment *self)
{
}

McAttachment *
mc_attachment_new (const char *name,
                   const char *url,
                   gint64      size)
{
  McAttachment *self;

  g_return_val_if_fail (size >= 0, NULL);

  self = g_object_new (MC_TYPE_ATTACHMENT, NULL);
  self->name = g_strdup (name);
  self->url = g_strdup (url);
  self->size = size;

  return self;
}

const char *
mc_attachment_get_name (McAttachment *self)
{
  g_return_val_if_fail (MC_IS_ATTACHMENT (self), NULL);

  return self->name;
}

const char *
mc_attachment_get_url (McAttachment *self)
{
  g_return_val_if_fail (MC_IS_ATTACHMENT (self), NULL);

  return self->url;
}

gint64
mc_attachment_get_size (McAttachment *self)
{
  g_return_val_if_fail (MC_IS_ATTACHMENT (self), 0);

  return self->size;
}
