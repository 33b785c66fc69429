/* mc-avatar.c: a round avatar with a person's initials.
 *
 * AdwAvatar lays its initials out twice whenever its text changes, to fit
 * the font to them, and reads /dev/urandom when it is created; a list view
 * creates and rebinds up to 200 rows at a time, which made the avatar the
 * costliest part of a chat row.  This one looks the same (it is an
 * "avatar" node, so libadwaita's colours apply), uses a font size fixed by
 * its size, and lays the initials out only when they are drawn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-avatar.h"

#define DEFAULT_SIZE 32
/* libadwaita's stylesheet has avatar.color1 to avatar.color14. */
#define N_COLORS 14
/* Initials this high (in pixels, of the avatar's size) look like
 * AdwAvatar's for two capital letters. */
#define FONT_SCALE 0.36

struct _McAvatar
{
  GtkWidget    parent_instance;

  char        *text;
  char        *initials;
  int          size;
  guint        color;
  PangoLayout *layout;
};

G_DEFINE_FINAL_TYPE (McAvatar, mc_avatar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
mc_avatar_new (int size)
{
  return g_object_new (MC_TYPE_AVATAR, "size", size, NULL);
}

/* The first letter of the first and of the last word, as AdwAvatar does. */
static char *
extract_initials (const char *text)
{
  g_autofree char *upper = NULL;
  g_autofree char *normalized = NULL;
  GString *initials;
  const char *last;

  if (text == NULL)
    return NULL;

  upper = g_utf8_strup (text, -1);
  normalized = g_utf8_normalize (g_strstrip (upper), -1, G_NORMALIZE_DEFAULT_COMPOSE);
  if (normalized == NULL || *normalized == '\0')
    return NULL;

  initials = g_string_new (NULL);
  g_string_append_unichar (initials, g_utf8_get_char (normalized));
  last = g_utf8_strrchr (normalized, -1, ' ');
  if (last != NULL && *(last = g_utf8_next_char (last)) != '\0')
    g_string_append_unichar (initials, g_utf8_get_char (last));

  return g_string_free (initials, FALSE);
}

static void
mc_avatar_set_color (McAvatar *self,
                     guint     color)
{
  char name[16];

  if (self->color == color)
    return;

  if (self->color != 0)
    {
      g_snprintf (name, sizeof name, "color%u", self->color);
      gtk_widget_remove_css_class (GTK_WIDGET (self), name);
    }

  self->color = color;
  g_snprintf (name, sizeof name, "color%u", color);
  gtk_widget_add_css_class (GTK_WIDGET (self), name);
}

const char *
mc_avatar_get_text (McAvatar *self)
{
  g_return_val_if_fail (MC_IS_AVATAR (self), NULL);

  return self->text;
}

void
mc_avatar_set_text (McAvatar   *self,
                    const char *text)
{
  g_return_if_fail (MC_IS_AVATAR (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);

  g_free (self->initials);
  self->initials = extract_initials (text);
  g_clear_object (&self->layout);

  /* The same person gets the same colour everywhere, as with AdwAvatar. */
  mc_avatar_set_color (self, text != NULL && *text != '\0' ? g_str_hash (text) % N_COLORS + 1 : N_COLORS);

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

int
mc_avatar_get_size (McAvatar *self)
{
  g_return_val_if_fail (MC_IS_AVATAR (self), 0);

  return self->size;
}

void
mc_avatar_set_size (McAvatar *self,
                    int       size)
{
  g_return_if_fail (MC_IS_AVATAR (self));
  g_return_if_fail (size >= 1);

  if (self->size == size)
    return;

  self->size = size;
  g_clear_object (&self->layout);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZE]);
}

static void
mc_avatar_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  McAvatar *self = MC_AVATAR (widget);

  *minimum = *natural = self->size;
}

static void
mc_avatar_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  McAvatar *self = MC_AVATAR (widget);
  int width, height;

  if (self->initials == NULL)
    return;

  if (self->layout == NULL)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_attr_list_insert (attrs, pango_attr_size_new_absolute (self->size * FONT_SCALE * PANGO_SCALE));
      self->layout = gtk_widget_create_pango_layout (widget, self->initials);
      pango_layout_set_attributes (self->layout, attrs);
      pango_attr_list_unref (attrs);
    }

  pango_layout_get_pixel_size (self->layout, &width, &height);
  gtk_snapshot_render_layout (snapshot, gtk_widget_get_style_context (widget),
                              (gtk_widget_get_width (widget) - width) / 2.0,
                              (gtk_widget_get_height (widget) - height) / 2.0,
                              self->layout);
}

static void
mc_avatar_css_changed (GtkWidget         *widget,
                       GtkCssStyleChange *change)
{
  McAvatar *self = MC_AVATAR (widget);

  GTK_WIDGET_CLASS (mc_avatar_parent_class)->css_changed (widget, change);

  /* The font family or scale may have changed with the theme. */
  g_clear_object (&self->layout);
}

static void
mc_avatar_finalize (GObject *object)
{
  McAvatar *self = MC_AVATAR (object);

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->initials, g_free);
  g_clear_object (&self->layout);

  G_OBJECT_CLASS (mc_avatar_parent_class)->finalize (object);
}

static void
mc_avatar_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  McAvatar *self = MC_AVATAR (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_SIZE:
      g_value_set_int (value, self->size);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_avatar_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  McAvatar *self = MC_AVATAR (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      mc_avatar_set_text (self, g_value_get_string (value));
      break;

    case PROP_SIZE:
      mc_avatar_set_size (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_avatar_class_init (McAvatarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mc_avatar_finalize;
  object_class->get_property = mc_avatar_get_property;
  object_class->set_property = mc_avatar_set_property;

  widget_class->measure = mc_avatar_measure;
  widget_class->snapshot = mc_avatar_snapshot;
  widget_class->css_changed = mc_avatar_css_changed;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIZE] =
    g_param_spec_int ("size", NULL, NULL,
                      1, G_MAXINT, DEFAULT_SIZE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "avatar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mc_avatar_init (McAvatar *self)
{
  self->size = DEFAULT_SIZE;
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}
