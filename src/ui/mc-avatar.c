/* mc-avatar.c: a round avatar with a person's initials.
 *
 * AdwAvatar lays its initials out twice whenever its text changes, to fit
 * the font to them, and reads /dev/urandom when it is created; a list view
 * creates and rebinds up to 200 rows at a time, which made the avatar the
 * costliest part of a chat row.  This one uses a font size fixed by its
 * size, and lays the initials out only when they are drawn.  It draws its
 * circle itself, in the colours of libadwaita 1.2's avatars, as one flat
 * colour (the middle of their gradient): a gradient under a round clip,
 * and a style class changed with every rebind, cost a list view about
 * two milliseconds of each frame while it scrolled.  For the same reason
 * it does not hide its overflow: libadwaita's stylesheet rounds
 * "avatar", which would put every avatar under a round clip; initials
 * too wide for the circle are cut by a rectangle instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-avatar.h"

#define DEFAULT_SIZE 32
/* libadwaita 1.2's avatar colours (src/stylesheet/widgets/_avatar.scss):
 * the initials, and the top and bottom of the background's gradient. */
static const struct
{
  guint32 fg, top, bottom;
} palette[] = {
  { 0xcfe1f5, 0x83b6ec, 0x337fdc }, /* blue */
  { 0xcaeaf2, 0x7ad9f1, 0x0f9ac8 }, /* cyan */
  { 0xcef8d8, 0x8de6b1, 0x29ae74 }, /* green */
  { 0xe6f9d7, 0xb5e98a, 0x6ab85b }, /* lime */
  { 0xf9f4e1, 0xf8e359, 0xd29d09 }, /* yellow */
  { 0xffead1, 0xffcb62, 0xd68400 }, /* gold */
  { 0xffe5c5, 0xffa95a, 0xed5b00 }, /* orange */
  { 0xf8d2ce, 0xf78773, 0xe62d42 }, /* raspberry */
  { 0xfac7de, 0xe973ab, 0xe33b6a }, /* magenta */
  { 0xe7c2e8, 0xcb78d4, 0x9945b5 }, /* purple */
  { 0xd5d2f5, 0x9e91e8, 0x7a59ca }, /* violet */
  { 0xf2eade, 0xe3cf9c, 0xb08952 }, /* beige */
  { 0xe5d6ca, 0xbe916d, 0x785336 }, /* brown */
  { 0xd8d7d3, 0xc0bfbc, 0x6e6d71 }, /* gray */
};
#define N_COLORS G_N_ELEMENTS (palette)
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
  if (self->color == color)
    return;

  self->color = color;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
rgba_from_hex (GdkRGBA *rgba,
               guint32  hex)
{
  rgba->red = ((hex >> 16) & 0xff) / 255.f;
  rgba->green = ((hex >> 8) & 0xff) / 255.f;
  rgba->blue = (hex & 0xff) / 255.f;
  rgba->alpha = 1.f;
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
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  float side = MIN (width, height);
  GdkRGBA top, bottom, background, foreground;
  GskRoundedRect circle;
  int text_width, text_height;
  gboolean clipped;
  guint color = CLAMP (self->color, 1, N_COLORS) - 1;

  if (self->initials == NULL || side <= 0)
    return;

  rgba_from_hex (&top, palette[color].top);
  rgba_from_hex (&bottom, palette[color].bottom);
  rgba_from_hex (&foreground, palette[color].fg);
  background = (GdkRGBA) { (top.red + bottom.red) / 2, (top.green + bottom.green) / 2,
                           (top.blue + bottom.blue) / 2, 1.f };
  gsk_rounded_rect_init_from_rect (&circle,
                                   &GRAPHENE_RECT_INIT ((width - side) / 2, (height - side) / 2, side, side),
                                   side / 2);
  /* A border as wide as the radius fills the circle: renderers draw it
   * directly, where a round clip may take an offscreen pass. */
  gtk_snapshot_append_border (snapshot, &circle,
                              (float[4]) { side / 2, side / 2, side / 2, side / 2 },
                              (GdkRGBA[4]) { background, background, background, background });

  if (self->layout == NULL)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_attr_list_insert (attrs, pango_attr_size_new_absolute (self->size * FONT_SCALE * PANGO_SCALE));
      self->layout = gtk_widget_create_pango_layout (widget, self->initials);
      pango_layout_set_attributes (self->layout, attrs);
      pango_attr_list_unref (attrs);
    }

  pango_layout_get_pixel_size (self->layout, &text_width, &text_height);
  clipped = text_width > side || text_height > side;
  if (clipped)
    gtk_snapshot_push_clip (snapshot, &circle.bounds);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((width - text_width) / 2.f,
                                                          (height - text_height) / 2.f));
  gtk_snapshot_append_layout (snapshot, self->layout, &foreground);
  gtk_snapshot_restore (snapshot);
  if (clipped)
    gtk_snapshot_pop (snapshot);
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
}
