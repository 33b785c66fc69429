/* mc-chat-row.c: one chat in the chat list: who, about what, and how its
 * reply clock stands (the words and colour come from
 * mc_ui_format_reply_clock_short()).
 *
 * A list view rebinds up to 200 rows in a frame when the seller jumps
 * through a long list, so the row is one widget: it keeps a PangoLayout
 * per text, rebuilt only when its text, font or width changes, places
 * them itself (all rows have the same height, from the fonts alone) and
 * draws the badges as rounded rectangles.  Only the avatar is a child.
 * The colours are libadwaita's named colours, looked up in the row's
 * style, so dark mode and high contrast follow; the sizes are those of
 * the former template (margins 8/6, avatar 40, spacing 12/6/3, .caption
 * 9 pt, .badge "smaller" with 1×6 px padding and a 9 px radius,
 * .dim-label 55 %).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "mc-avatar.h"
#include "mc-chat-row.h"
#include "mc-ui.h"
#include "mc-ui-util.h"

#define MARGIN_Y        8
#define MARGIN_X        6
#define AVATAR_SIZE     40
#define AVATAR_SPACING  12
#define LINE_SPACING    3
#define ITEM_SPACING    6
#define BADGE_PAD_X     6
#define BADGE_PAD_Y     1
#define BADGE_RADIUS    9
#define BADGE_MIN_TEXT  10
#define ICON_SIZE       16
#define MIN_TEXT_WIDTH  48
#define DIM_ALPHA       0.55
#define CLOCK_ALPHA     0.7

typedef enum
{
  FONT_NORMAL,
  FONT_BOLD,
  FONT_CAPTION,
  FONT_CAPTION_BOLD,
  FONT_SMALL,
  FONT_SMALL_BOLD,
  N_FONTS
} Font;

typedef struct
{
  char            *text;    /* NULL: not shown */
  PangoLayout     *layout;  /* made when first needed */
  Font             font;
  int              width;   /* natural, in pixels; -1 unknown */
  int              height;
  int              limit;   /* the layout's width in Pango units, or -1 */
  graphene_rect_t  bounds;  /* of the text, where it was last placed */
} Part;

typedef struct
{
  GdkRGBA fg, dim, clock, warning, error, accent_bg, accent_fg, badge_bg, dispute_bg;
} Colors;

struct _McChatRow
{
  GtkWidget       parent_instance;

  McChat         *chat;
  gulong          notify_id;
  McChatStore    *clocks;
  McChatRowFlags  flags;        /* as set by mc_chat_row_set_flags() */
  McChatRowFlags  chat_flags;   /* as the chat says (pinned, marked unread, muted) */
  guint           unread_count;
  const char     *clock_style;

  McAvatar       *avatar;
  Part            parts[MC_CHAT_ROW_N_PARTS];
  /* Where the status ends in the details, in bytes and (-1: not known
   * yet) in pixels: only what follows it may be cut. */
  int             status_end;
  int             status_width;
  graphene_rect_t pin_bounds;
  graphene_rect_t muted_bounds;
  graphene_rect_t marked_bounds;  /* the dot of a chat marked unread */

  int             font_height[N_FONTS];   /* 0: unknown */
  gboolean        colors_valid;
  Colors          colors;
  GtkIconPaintable *pin_icon;
  GtkIconPaintable *muted_icon;

  char           *accessible_label;
};

G_DEFINE_FINAL_TYPE (McChatRow, mc_chat_row, GTK_TYPE_WIDGET)

#define SHOWN_FLAGS(self) ((self)->flags | (self)->chat_flags)

enum {
  PROP_0,
  PROP_CHAT,
  PROP_CLOCKS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Shared by every row: attribute lists are never changed once made. */
static PangoAttrList *font_attrs[N_FONTS];

static void
ensure_font_attrs (void)
{
  if (font_attrs[0] != NULL)
    return;

  for (guint i = 0; i < N_FONTS; i++)
    {
      font_attrs[i] = pango_attr_list_new ();
      /* .caption is 9 pt in libadwaita, .badge "smaller". */
      if (i == FONT_CAPTION || i == FONT_CAPTION_BOLD)
        pango_attr_list_insert (font_attrs[i], pango_attr_size_new (9 * PANGO_SCALE));
      if (i == FONT_SMALL || i == FONT_SMALL_BOLD)
        pango_attr_list_insert (font_attrs[i], pango_attr_scale_new (PANGO_SCALE_SMALL));
      if (i == FONT_BOLD || i == FONT_CAPTION_BOLD || i == FONT_SMALL_BOLD)
        pango_attr_list_insert (font_attrs[i], pango_attr_weight_new (PANGO_WEIGHT_BOLD));
    }
}

/* The texts that give way (with an ellipsis) when the row is narrow. */
static gboolean
part_ellipsizes (McChatRowPart part)
{
  return part == MC_CHAT_ROW_PART_NAME || part == MC_CHAT_ROW_PART_DETAILS ||
         part == MC_CHAT_ROW_PART_PREVIEW || part == MC_CHAT_ROW_PART_CONTEXT;
}

GtkWidget *
mc_chat_row_new (void)
{
  return g_object_new (MC_TYPE_CHAT_ROW, NULL);
}

static PangoLayout *
part_get_layout (McChatRow     *self,
                 McChatRowPart  which)
{
  Part *part = &self->parts[which];

  if (part->layout == NULL)
    {
      part->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), part->text);
      pango_layout_set_attributes (part->layout, font_attrs[part->font]);
      pango_layout_set_single_paragraph_mode (part->layout, TRUE);
      if (part_ellipsizes (which))
        pango_layout_set_ellipsize (part->layout, PANGO_ELLIPSIZE_END);
      part->limit = -1;
      part->width = -1;
    }

  return part->layout;
}

static void
part_set_text (McChatRow     *self,
               McChatRowPart  which,
               const char    *text)
{
  Part *part = &self->parts[which];

  if (g_strcmp0 (part->text, text) == 0)
    return;

  g_free (part->text);
  part->text = g_strdup (text);
  if (part->layout != NULL && text != NULL)
    pango_layout_set_text (part->layout, text, -1);
  part->width = -1;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
part_set_font (McChatRow     *self,
               McChatRowPart  which,
               Font           font)
{
  Part *part = &self->parts[which];

  if (part->font == font)
    return;

  part->font = font;
  if (part->layout != NULL)
    pango_layout_set_attributes (part->layout, font_attrs[font]);
  part->width = -1;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* The natural size of a shown part's text. */
static void
part_get_size (McChatRow     *self,
               McChatRowPart  which,
               int           *width,
               int           *height)
{
  Part *part = &self->parts[which];

  if (part->width < 0)
    {
      PangoLayout *layout = part_get_layout (self, which);

      if (part->limit != -1)
        {
          pango_layout_set_width (layout, -1);
          part->limit = -1;
        }
      pango_layout_get_pixel_size (layout, &part->width, &part->height);
    }

  *width = part->width;
  if (height != NULL)
    *height = part->height;
}

/* At most @width pixels wide (ellipsized if it needs more). A text that
 * may be ellipsized is laid out once, at the width it gets. */
static int
part_fit (McChatRow     *self,
          McChatRowPart  which,
          int            width)
{
  Part *part = &self->parts[which];
  int natural;

  width = MAX (width, 0);
  if (part_ellipsizes (which))
    {
      PangoLayout *layout = part_get_layout (self, which);

      if (part->limit != width * PANGO_SCALE)
        {
          pango_layout_set_width (layout, width * PANGO_SCALE);
          part->limit = width * PANGO_SCALE;
          part->width = -1;
        }
      if (part->width < 0)
        pango_layout_get_pixel_size (layout, &part->width, &part->height);

      return MIN (part->width, width);
    }

  part_get_size (self, which, &natural, NULL);
  return MIN (natural, width);
}

static void
ensure_font_heights (McChatRow *self)
{
  PangoLayout *layout;

  if (self->font_height[0] != 0)
    return;

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "Ag");
  for (guint i = 0; i < N_FONTS; i++)
    {
      pango_layout_set_attributes (layout, font_attrs[i]);
      pango_layout_get_pixel_size (layout, NULL, &self->font_height[i]);
      self->font_height[i] = MAX (self->font_height[i], 1);
    }
  g_object_unref (layout);
}

static void
lookup_color (GtkStyleContext *context,
              const char      *name,
              const GdkRGBA   *fallback,
              GdkRGBA         *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (context, name, color))
    *color = *fallback;
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            double         alpha)
{
  GdkRGBA result = *color;

  result.alpha *= alpha;
  return result;
}

static const Colors *
get_colors (McChatRow *self)
{
  static const GdkRGBA red = { 0.75, 0.11, 0.16, 1 };
  static const GdkRGBA orange = { 0.61, 0.43, 0, 1 };
  static const GdkRGBA blue = { 0.21, 0.52, 0.89, 1 };
  static const GdkRGBA white = { 1, 1, 1, 1 };
  GtkStyleContext *context;
  Colors *c = &self->colors;

  if (self->colors_valid)
    return c;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gtk_style_context_get_color (context, &c->fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  lookup_color (context, "warning_color", &orange, &c->warning);
  lookup_color (context, "error_color", &red, &c->error);
  lookup_color (context, "accent_bg_color", &blue, &c->accent_bg);
  lookup_color (context, "accent_fg_color", &white, &c->accent_fg);
  /* As style.css has them for .dim-label, .waiting, .badge and
   * .badge.dispute. */
  c->dim = with_alpha (&c->fg, DIM_ALPHA);
  c->clock = with_alpha (&c->fg, CLOCK_ALPHA);
  c->badge_bg = with_alpha (&c->fg, 0.1);
  c->dispute_bg = with_alpha (&c->error, 0.15);
  self->colors_valid = TRUE;

  return c;
}

static const GdkRGBA *
part_color (McChatRow     *self,
            McChatRowPart  which)
{
  const Colors *c = get_colors (self);

  switch (which)
    {
    case MC_CHAT_ROW_PART_NAME:
    case MC_CHAT_ROW_PART_CONTEXT:
      return &c->fg;
    case MC_CHAT_ROW_PART_DISPUTE:
      return &c->error;
    case MC_CHAT_ROW_PART_UNREAD:
      return &c->accent_fg;
    case MC_CHAT_ROW_PART_CLOCK:
      if (g_strcmp0 (self->clock_style, "error") == 0)
        return &c->error;
      if (g_strcmp0 (self->clock_style, "warning") == 0)
        return &c->warning;
      return &c->clock;
    case MC_CHAT_ROW_PART_TIME:
    case MC_CHAT_ROW_PART_DETAILS:
    case MC_CHAT_ROW_PART_PREVIEW:
    case MC_CHAT_ROW_N_PARTS:
    default:
      return &c->dim;
    }
}

static int
badge_height (McChatRow *self)
{
  return self->font_height[FONT_SMALL_BOLD] + 2 * BADGE_PAD_Y;
}

/* Every row is as high as the fonts make it, whatever it shows, so the
 * list's height estimate holds and a rebind never resizes the list. */
static void
line_heights (McChatRow *self,
              int        heights[3])
{
  ensure_font_heights (self);
  heights[0] = MAX (MAX (self->font_height[FONT_NORMAL], self->font_height[FONT_BOLD]),
                    MAX (self->font_height[FONT_CAPTION], ICON_SIZE));
  heights[1] = MAX (badge_height (self), self->font_height[FONT_CAPTION]);
  heights[2] = MAX (MAX (self->font_height[FONT_NORMAL], badge_height (self)),
                    self->font_height[FONT_CAPTION_BOLD]);
}

static void
mc_chat_row_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  McChatRow *self = MC_CHAT_ROW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* The texts ellipsize: the row never asks the list to be wider. */
      *minimum = *natural = 2 * MARGIN_X + AVATAR_SIZE + AVATAR_SPACING + MIN_TEXT_WIDTH;
    }
  else
    {
      int heights[3];

      line_heights (self, heights);
      *minimum = *natural = 2 * MARGIN_Y + MAX (AVATAR_SIZE, heights[0] + heights[1] + heights[2] +
                                                               2 * LINE_SPACING);
    }
}

static gboolean
part_shown (McChatRow     *self,
            McChatRowPart  which)
{
  return self->parts[which].text != NULL;
}

/* Places a part's text at @x (from the start edge) in a line starting at
 * @y, @line_height high, at most @width wide; returns its width. */
static int
place_part (McChatRow     *self,
            McChatRowPart  which,
            int            x,
            int            y,
            int            line_height,
            int            width,
            int            padding_x)
{
  Part *part = &self->parts[which];
  int row_width = gtk_widget_get_width (GTK_WIDGET (self));
  int text_width = part_fit (self, which, width - 2 * padding_x);
  int box_width = text_width + 2 * padding_x;

  if (which == MC_CHAT_ROW_PART_UNREAD)
    box_width = MAX (box_width, BADGE_MIN_TEXT + 2 * padding_x);
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    x = row_width - x - box_width;
  part->bounds = GRAPHENE_RECT_INIT (x + (box_width - text_width) / 2,
                                     y + (line_height - part->height) / 2,
                                     text_width, part->height);

  return box_width;
}

static void
place_icon (McChatRow       *self,
            graphene_rect_t *bounds,
            int              x,
            int              y,
            int              line_height)
{
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    x = gtk_widget_get_width (GTK_WIDGET (self)) - x - ICON_SIZE;
  *bounds = GRAPHENE_RECT_INIT (x, y + (line_height - ICON_SIZE) / 2, ICON_SIZE, ICON_SIZE);
}

/* The width of the status at the start of the details. */
static int
get_status_width (McChatRow *self)
{
  if (self->status_width < 0)
    {
      PangoLayout *layout = pango_layout_new (pango_layout_get_context (part_get_layout (self, MC_CHAT_ROW_PART_DETAILS)));

      pango_layout_set_attributes (layout, font_attrs[self->parts[MC_CHAT_ROW_PART_DETAILS].font]);
      pango_layout_set_text (layout, self->parts[MC_CHAT_ROW_PART_DETAILS].text, self->status_end);
      pango_layout_get_pixel_size (layout, &self->status_width, NULL);
      g_object_unref (layout);
    }

  return self->status_width;
}

/* The badges from @x, then the details; the context badge gets at most
 * @context_room pixels. */
static void
place_second_line (McChatRow *self,
                   int        x,
                   int        y,
                   int        height,
                   int        end,
                   int        context_room)
{
  if (part_shown (self, MC_CHAT_ROW_PART_CONTEXT))
    x += place_part (self, MC_CHAT_ROW_PART_CONTEXT, x, y, height, MIN (context_room, end - x), BADGE_PAD_X) +
         ITEM_SPACING;
  if (part_shown (self, MC_CHAT_ROW_PART_DISPUTE))
    x += place_part (self, MC_CHAT_ROW_PART_DISPUTE, x, y, height, end - x, BADGE_PAD_X) + ITEM_SPACING;
  if (part_shown (self, MC_CHAT_ROW_PART_DETAILS))
    place_part (self, MC_CHAT_ROW_PART_DETAILS, x, y, height, end - x, 0);
}

static void
mc_chat_row_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  McChatRow *self = MC_CHAT_ROW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int start = MARGIN_X + AVATAR_SIZE + AVATAR_SPACING;
  int end = width - MARGIN_X;
  int heights[3];
  int y = MARGIN_Y;
  int right, w;

  gtk_widget_allocate (GTK_WIDGET (self->avatar), AVATAR_SIZE, AVATAR_SIZE, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (rtl ? width - MARGIN_X - AVATAR_SIZE
                                                                                : MARGIN_X,
                                                                            MARGIN_Y)));
  for (guint i = 0; i < MC_CHAT_ROW_N_PARTS; i++)
    graphene_rect_init (&self->parts[i].bounds, 0, 0, 0, 0);
  graphene_rect_init (&self->pin_bounds, 0, 0, 0, 0);
  graphene_rect_init (&self->muted_bounds, 0, 0, 0, 0);
  graphene_rect_init (&self->marked_bounds, 0, 0, 0, 0);
  if (self->chat == NULL)
    return;

  line_heights (self, heights);

  /* Name, then the icons and the time at the end. */
  right = end;
  if (part_shown (self, MC_CHAT_ROW_PART_TIME))
    {
      part_get_size (self, MC_CHAT_ROW_PART_TIME, &w, NULL);
      right -= place_part (self, MC_CHAT_ROW_PART_TIME, right - w, y, heights[0], w, 0) + ITEM_SPACING;
    }
  if (SHOWN_FLAGS (self) & MC_CHAT_ROW_MUTED)
    {
      right -= ICON_SIZE;
      place_icon (self, &self->muted_bounds, right, y, heights[0]);
      right -= ITEM_SPACING;
    }
  if (SHOWN_FLAGS (self) & MC_CHAT_ROW_PINNED)
    {
      right -= ICON_SIZE;
      place_icon (self, &self->pin_bounds, right, y, heights[0]);
      right -= ITEM_SPACING;
    }
  place_part (self, MC_CHAT_ROW_PART_NAME, start, y, heights[0], right + ITEM_SPACING - start - ITEM_SPACING, 0);
  y += heights[0] + LINE_SPACING;

  /* The badges, then the status, which only ever loses its number: in a
   * narrow row the context badge gives way first. */
  place_second_line (self, start, y, heights[1], end, end - start);
  if (part_shown (self, MC_CHAT_ROW_PART_DETAILS) && part_shown (self, MC_CHAT_ROW_PART_CONTEXT) &&
      pango_layout_is_ellipsized (self->parts[MC_CHAT_ROW_PART_DETAILS].layout))
    {
      int missing = get_status_width (self) - (int) self->parts[MC_CHAT_ROW_PART_DETAILS].bounds.size.width;

      if (missing > 0)
        place_second_line (self, start, y, heights[1], end,
                           MAX (self->parts[MC_CHAT_ROW_PART_CONTEXT].bounds.size.width - missing, BADGE_MIN_TEXT) +
                           2 * BADGE_PAD_X);
    }
  y += heights[1] + LINE_SPACING;

  /* The preview, then the reply clock and the unread count at the end. */
  right = end;
  if (part_shown (self, MC_CHAT_ROW_PART_UNREAD))
    {
      part_get_size (self, MC_CHAT_ROW_PART_UNREAD, &w, NULL);
      w = MAX (w, BADGE_MIN_TEXT) + 2 * BADGE_PAD_X;
      right -= place_part (self, MC_CHAT_ROW_PART_UNREAD, right - w, y, heights[2], w, BADGE_PAD_X) + ITEM_SPACING;
    }
  else if (SHOWN_FLAGS (self) & MC_CHAT_ROW_MARKED_UNREAD)
    {
      /* Marked unread with nothing new: an accent dot where the count
       * would be. */
      right -= BADGE_MIN_TEXT;
      place_icon (self, &self->marked_bounds, right - (ICON_SIZE - BADGE_MIN_TEXT) / 2, y, heights[2]);
      graphene_rect_inset (&self->marked_bounds, (ICON_SIZE - BADGE_MIN_TEXT) / 2.0, (ICON_SIZE - BADGE_MIN_TEXT) / 2.0);
      right -= ITEM_SPACING;
    }
  if (part_shown (self, MC_CHAT_ROW_PART_CLOCK))
    {
      part_get_size (self, MC_CHAT_ROW_PART_CLOCK, &w, NULL);
      w = MIN (w, right - start);
      right -= place_part (self, MC_CHAT_ROW_PART_CLOCK, right - w, y, heights[2], w, 0) + ITEM_SPACING;
    }
  if (part_shown (self, MC_CHAT_ROW_PART_PREVIEW))
    place_part (self, MC_CHAT_ROW_PART_PREVIEW, start, y, heights[2], right + ITEM_SPACING - start - ITEM_SPACING, 0);
}

/* A border as wide as half the rectangle fills it: renderers draw that
 * directly, where a round clip may take an offscreen pass (in GTK 4.8's
 * GL renderer, a good part of a row's drawing). */
static void
fill_rounded_rect (GtkSnapshot          *snapshot,
                   const GskRoundedRect *rect,
                   const GdkRGBA        *color)
{
  float half_height = rect->bounds.size.height / 2;
  float half_width = rect->bounds.size.width / 2;

  gtk_snapshot_append_border (snapshot, rect,
                              (float[4]) { half_height, half_width, half_height, half_width },
                              (GdkRGBA[4]) { *color, *color, *color, *color });
}

static void
append_badge (GtkSnapshot           *snapshot,
              const graphene_rect_t *text,
              int                    min_width,
              const GdkRGBA         *color)
{
  GskRoundedRect rect;
  float width = MAX (text->size.width, min_width) + 2 * BADGE_PAD_X;
  float height = text->size.height + 2 * BADGE_PAD_Y;
  float radius = MIN (BADGE_RADIUS, height / 2);

  gsk_rounded_rect_init_from_rect (&rect,
                                   &GRAPHENE_RECT_INIT (text->origin.x + text->size.width / 2 - width / 2,
                                                        text->origin.y - BADGE_PAD_Y, width, height),
                                   radius);
  fill_rounded_rect (snapshot, &rect, color);
}

static void
snapshot_icon (McChatRow             *self,
               GtkSnapshot           *snapshot,
               GtkIconPaintable     **icon,
               const char            *name,
               const graphene_rect_t *bounds)
{
  const Colors *c = get_colors (self);
  GdkRGBA colors[4];

  if (*icon == NULL)
    *icon = gtk_icon_theme_lookup_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self))),
                                        name, NULL, ICON_SIZE,
                                        gtk_widget_get_scale_factor (GTK_WIDGET (self)),
                                        gtk_widget_get_direction (GTK_WIDGET (self)), 0);

  colors[0] = c->dim;
  colors[1] = c->error;
  colors[2] = c->warning;
  colors[3] = c->accent_bg;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &bounds->origin);
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (*icon), snapshot,
                                            ICON_SIZE, ICON_SIZE, colors, G_N_ELEMENTS (colors));
  gtk_snapshot_restore (snapshot);
}

static void
mc_chat_row_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  McChatRow *self = MC_CHAT_ROW (widget);
  const Colors *c = get_colors (self);

  gtk_widget_snapshot_child (widget, GTK_WIDGET (self->avatar), snapshot);
  if (self->chat == NULL)
    return;

  if (part_shown (self, MC_CHAT_ROW_PART_CONTEXT))
    append_badge (snapshot, &self->parts[MC_CHAT_ROW_PART_CONTEXT].bounds, 0, &c->badge_bg);
  if (part_shown (self, MC_CHAT_ROW_PART_DISPUTE))
    append_badge (snapshot, &self->parts[MC_CHAT_ROW_PART_DISPUTE].bounds, 0, &c->dispute_bg);
  if (part_shown (self, MC_CHAT_ROW_PART_UNREAD))
    append_badge (snapshot, &self->parts[MC_CHAT_ROW_PART_UNREAD].bounds, BADGE_MIN_TEXT, &c->accent_bg);
  else if (self->marked_bounds.size.width > 0)
    {
      GskRoundedRect dot;

      gsk_rounded_rect_init_from_rect (&dot, &self->marked_bounds, BADGE_MIN_TEXT / 2.0);
      fill_rounded_rect (snapshot, &dot, &c->accent_bg);
    }

  for (McChatRowPart p = 0; p < MC_CHAT_ROW_N_PARTS; p++)
    {
      Part *part = &self->parts[p];

      if (part->text == NULL || part->layout == NULL || part->bounds.size.width <= 0)
        continue;

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &part->bounds.origin);
      gtk_snapshot_append_layout (snapshot, part->layout, part_color (self, p));
      gtk_snapshot_restore (snapshot);
    }

  if (SHOWN_FLAGS (self) & MC_CHAT_ROW_PINNED)
    snapshot_icon (self, snapshot, &self->pin_icon, "view-pin-symbolic", &self->pin_bounds);
  if (SHOWN_FLAGS (self) & MC_CHAT_ROW_MUTED)
    snapshot_icon (self, snapshot, &self->muted_icon, "notifications-disabled-symbolic", &self->muted_bounds);
}

static gboolean
mc_chat_row_query_tooltip (GtkWidget  *widget,
                           int         x,
                           int         y,
                           gboolean    keyboard_tooltip,
                           GtkTooltip *tooltip)
{
  McChatRow *self = MC_CHAT_ROW (widget);
  const graphene_rect_t *clock = &self->parts[MC_CHAT_ROW_PART_CLOCK].bounds;

  if (part_shown (self, MC_CHAT_ROW_PART_CLOCK) &&
      graphene_rect_contains_point (clock, &GRAPHENE_POINT_INIT (x, y)))
    {
      gtk_tooltip_set_text (tooltip, mc_reply_clock_get_explanation ());
      gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { clock->origin.x, clock->origin.y,
                                                           clock->size.width, clock->size.height });
      return TRUE;
    }

  if ((SHOWN_FLAGS (self) & MC_CHAT_ROW_MUTED) &&
      graphene_rect_contains_point (&self->muted_bounds, &GRAPHENE_POINT_INIT (x, y)))
    {
      const graphene_rect_t *icon = &self->muted_bounds;

      gtk_tooltip_set_text (tooltip, _("Notifications muted"));
      gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { icon->origin.x, icon->origin.y,
                                                           icon->size.width, icon->size.height });
      return TRUE;
    }

  return FALSE;
}

/* The texts' layouts and the icons, made again when next drawn. */
static void
forget_layouts (McChatRow *self)
{
  for (guint i = 0; i < MC_CHAT_ROW_N_PARTS; i++)
    {
      g_clear_object (&self->parts[i].layout);
      self->parts[i].width = -1;
    }
  self->status_width = -1;
  g_clear_object (&self->pin_icon);
  g_clear_object (&self->muted_icon);
}

static void
mc_chat_row_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  McChatRow *self = MC_CHAT_ROW (widget);

  GTK_WIDGET_CLASS (mc_chat_row_parent_class)->css_changed (widget, change);

  /* The theme, dark mode or the font may have changed. */
  self->colors_valid = FALSE;
  memset (self->font_height, 0, sizeof self->font_height);
  forget_layouts (self);
  gtk_widget_queue_resize (widget);
}

static void
mc_chat_row_direction_changed (GtkWidget        *widget,
                               GtkTextDirection  previous)
{
  McChatRow *self = MC_CHAT_ROW (widget);

  forget_layouts (self);
  gtk_widget_queue_allocate (widget);
}

static const char *
customer_name (McChat *chat)
{
  const char *name = mc_chat_get_customer_name (chat);

  return name != NULL && *name != '\0' ? name : _("Customer");
}

/* Everything the row shows, in words, for a screen reader. */
static void
mc_chat_row_update_accessible (McChatRow *self)
{
  GString *label;

  if (self->chat == NULL)
    return;

  label = g_string_new (self->parts[MC_CHAT_ROW_PART_NAME].text);
  if (SHOWN_FLAGS (self) & MC_CHAT_ROW_PINNED)
    /* Translators: said by a screen reader for a pinned chat. */
    g_string_append_printf (label, ", %s", _("pinned"));
  for (McChatRowPart p = MC_CHAT_ROW_PART_CONTEXT; p <= MC_CHAT_ROW_PART_DETAILS; p++)
    if (self->parts[p].text != NULL && *self->parts[p].text != '\0')
      g_string_append_printf (label, ", %s", self->parts[p].text);
  if (self->parts[MC_CHAT_ROW_PART_CLOCK].text != NULL)
    g_string_append_printf (label, ", %s", self->parts[MC_CHAT_ROW_PART_CLOCK].text);
  if (self->unread_count > 0)
    {
      g_string_append (label, ", ");
      /* Translators: said by a screen reader for a chat with unread messages. */
      g_string_append_printf (label, ngettext ("%u unread message", "%u unread messages", self->unread_count),
                              self->unread_count);
    }
  else if (SHOWN_FLAGS (self) & MC_CHAT_ROW_MARKED_UNREAD)
    /* Translators: said by a screen reader for a chat the seller marked unread. */
    g_string_append_printf (label, ", %s", _("marked unread"));
  if (SHOWN_FLAGS (self) & MC_CHAT_ROW_MUTED)
    /* Translators: read after a chat or store whose notifications the seller muted */
    g_string_append_printf (label, ", %s", _("notifications muted"));

  if (g_strcmp0 (self->accessible_label, label->str) != 0)
    {
      g_free (self->accessible_label);
      self->accessible_label = g_string_free (label, FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, self->accessible_label,
                                      -1);
    }
  else
    g_string_free (label, TRUE);
}

/* The reply clock, counted from the first customer message not answered
 * yet: a follow-up does not make a customer look freshly arrived. */
static void
mc_chat_row_show_clock (McChatRow *self,
                        gint64     now)
{
  g_autofree char *text = NULL;
  const char *style = NULL;
  McReplyClock clock;

  if (self->clocks != NULL)
    mc_chat_store_get_reply_clock (self->clocks, self->chat, now, &clock);
  else
    mc_reply_clock_compute (&clock, mc_chat_needs_reply (self->chat) ? mc_chat_get_waiting_since (self->chat) : 0,
                            MC_REPLY_TARGET_DEFAULT, NULL, now);

  text = mc_ui_format_reply_clock_short (&clock, mc_chat_get_waiting_since (self->chat), now, &style);
  part_set_text (self, MC_CHAT_ROW_PART_CLOCK, text);
  part_set_font (self, MC_CHAT_ROW_PART_CLOCK, style != NULL ? FONT_CAPTION_BOLD : FONT_CAPTION);
  if (g_strcmp0 (self->clock_style, style) != 0)
    {
      self->clock_style = style;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
update_times (McChatRow *self,
              gint64     now)
{
  g_autofree char *time = NULL;

  time = mc_ui_format_relative_time (mc_chat_get_updated_at (self->chat), now);
  part_set_text (self, MC_CHAT_ROW_PART_TIME, time);
  mc_chat_row_show_clock (self, now);
}

void
mc_chat_row_update_times (McChatRow *self,
                          gint64     now)
{
  g_return_if_fail (MC_IS_CHAT_ROW (self));

  if (self->chat == NULL)
    return;

  update_times (self, now);
  mc_chat_row_update_accessible (self);
}

static void
update_name_font (McChatRow *self)
{
  part_set_font (self, MC_CHAT_ROW_PART_NAME,
                 self->unread_count > 0 || (SHOWN_FLAGS (self) & MC_CHAT_ROW_MARKED_UNREAD) ? FONT_BOLD : FONT_NORMAL);
}

static void
mc_chat_row_update (McChatRow *self)
{
  McChatContext *context;
  McContextType context_type = MC_CONTEXT_TYPE_UNKNOWN;
  gint64 order_id = 0, return_id = 0;
  g_autofree char *details = NULL;
  char number[32] = "";
  char unread[16];
  const char *name;
  const char *status;
  const char *preview;
  McChatRowFlags chat_flags;
  gboolean dispute;

  if (self->chat == NULL)
    return;

  context = mc_chat_get_context (self->chat);
  if (context != NULL)
    {
      context_type = mc_chat_context_get_context_type (context);
      order_id = mc_chat_context_get_order_id (context);
      return_id = mc_chat_context_get_return_id (context);
    }

  name = customer_name (self->chat);
  mc_avatar_set_text (self->avatar, name);
  part_set_text (self, MC_CHAT_ROW_PART_NAME, name);

  part_set_text (self, MC_CHAT_ROW_PART_CONTEXT, mc_ui_context_to_string (context_type));
  dispute = mc_chat_get_chat_type (self->chat) == MC_CHAT_TYPE_ARBITRAGE ||
            mc_chat_get_status (self->chat) == MC_CHAT_STATUS_WAITING_FOR_ARBITER;
  part_set_text (self, MC_CHAT_ROW_PART_DISPUTE, dispute ? _("Dispute") : NULL);

  if (context_type == MC_CONTEXT_TYPE_RETURN && return_id > 0)
    g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, return_id);
  else if (order_id > 0)
    g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, order_id);

  /* The status first: in a narrow row only the number may be cut, never
   * the status ("Waiti…" beside two badges in disputes). */
  status = mc_ui_chat_status_to_string (mc_chat_get_status (self->chat));
  if (*number != '\0')
    /* Translators: the chat's status, then an order or return number,
     * e.g. "Finished · No. 12345". */
    details = g_strdup_printf (_("%s · No. %s"), status, number);
  if (g_strcmp0 (self->parts[MC_CHAT_ROW_PART_DETAILS].text, details != NULL ? details : status) != 0)
    {
      const char *at;

      part_set_text (self, MC_CHAT_ROW_PART_DETAILS, details != NULL ? details : status);
      at = strstr (self->parts[MC_CHAT_ROW_PART_DETAILS].text, status);
      self->status_end = at != NULL ? (int) (at - self->parts[MC_CHAT_ROW_PART_DETAILS].text + strlen (status)) : 0;
      self->status_width = -1;
    }

  preview = mc_chat_get_last_message_preview (self->chat);
  part_set_text (self, MC_CHAT_ROW_PART_PREVIEW, preview != NULL && *preview != '\0' ? preview : NULL);

  chat_flags = (mc_chat_get_pinned (self->chat) ? MC_CHAT_ROW_PINNED : 0) |
               (mc_chat_get_marked_unread (self->chat) ? MC_CHAT_ROW_MARKED_UNREAD : 0) |
               (mc_chat_get_muted (self->chat) ? MC_CHAT_ROW_MUTED : 0);
  if (chat_flags != self->chat_flags)
    {
      self->chat_flags = chat_flags;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
    }
  self->unread_count = mc_chat_get_unread_count (self->chat);
  g_snprintf (unread, sizeof unread, "%u", self->unread_count);
  part_set_text (self, MC_CHAT_ROW_PART_UNREAD, self->unread_count > 0 ? unread : NULL);
  update_name_font (self);

  update_times (self, self->clocks != NULL ? mc_chat_store_get_now (self->clocks) : g_get_real_time ());
  mc_chat_row_update_accessible (self);
}

static void
on_chat_notify (McChatRow  *self,
                GParamSpec *pspec,
                McChat     *chat)
{
  mc_chat_row_update (self);
}

McChat *
mc_chat_row_get_chat (McChatRow *self)
{
  g_return_val_if_fail (MC_IS_CHAT_ROW (self), NULL);

  return self->chat;
}

void
mc_chat_row_set_chat (McChatRow *self,
                      McChat    *chat)
{
  g_return_if_fail (MC_IS_CHAT_ROW (self));
  g_return_if_fail (chat == NULL || MC_IS_CHAT (chat));

  if (self->chat == chat)
    return;

  if (self->chat != NULL)
    g_clear_signal_handler (&self->notify_id, self->chat);

  g_set_object (&self->chat, chat);

  if (chat != NULL)
    {
      self->notify_id = g_signal_connect_object (chat, "notify",
                                                 G_CALLBACK (on_chat_notify), self,
                                                 G_CONNECT_SWAPPED);
      mc_chat_row_update (self);
    }
  gtk_widget_queue_allocate (GTK_WIDGET (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHAT]);
}

McChatStore *
mc_chat_row_get_clocks (McChatRow *self)
{
  g_return_val_if_fail (MC_IS_CHAT_ROW (self), NULL);

  return self->clocks;
}

void
mc_chat_row_set_clocks (McChatRow   *self,
                        McChatStore *clocks)
{
  g_return_if_fail (MC_IS_CHAT_ROW (self));
  g_return_if_fail (clocks == NULL || MC_IS_CHAT_STORE (clocks));

  if (!g_set_object (&self->clocks, clocks))
    return;

  if (self->chat != NULL)
    mc_chat_row_update_times (self, clocks != NULL ? mc_chat_store_get_now (clocks) : g_get_real_time ());
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCKS]);
}

McChatRowFlags
mc_chat_row_get_flags (McChatRow *self)
{
  g_return_val_if_fail (MC_IS_CHAT_ROW (self), MC_CHAT_ROW_FLAGS_NONE);

  return self->flags;
}

void
mc_chat_row_set_flags (McChatRow      *self,
                       McChatRowFlags  flags)
{
  g_return_if_fail (MC_IS_CHAT_ROW (self));

  if (self->flags == flags)
    return;

  self->flags = flags;
  update_name_font (self);
  mc_chat_row_update_accessible (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

McChatRowFlags
mc_chat_row_get_shown_flags (McChatRow *self)
{
  g_return_val_if_fail (MC_IS_CHAT_ROW (self), MC_CHAT_ROW_FLAGS_NONE);

  return self->chat != NULL ? SHOWN_FLAGS (self) : MC_CHAT_ROW_FLAGS_NONE;
}

const char *
mc_chat_row_get_text (McChatRow     *self,
                      McChatRowPart  part)
{
  g_return_val_if_fail (MC_IS_CHAT_ROW (self), NULL);
  g_return_val_if_fail (part < MC_CHAT_ROW_N_PARTS, NULL);

  return self->chat != NULL ? self->parts[part].text : NULL;
}

const char *
mc_chat_row_get_clock_style (McChatRow *self)
{
  g_return_val_if_fail (MC_IS_CHAT_ROW (self), NULL);

  return part_shown (self, MC_CHAT_ROW_PART_CLOCK) ? self->clock_style : NULL;
}

void
mc_chat_row_get_part_color (McChatRow     *self,
                            McChatRowPart  part,
                            GdkRGBA       *color)
{
  g_return_if_fail (MC_IS_CHAT_ROW (self));
  g_return_if_fail (part < MC_CHAT_ROW_N_PARTS);
  g_return_if_fail (color != NULL);

  *color = *part_color (self, part);
}

gboolean
mc_chat_row_get_part_bounds (McChatRow       *self,
                             McChatRowPart    part,
                             graphene_rect_t *bounds)
{
  g_return_val_if_fail (MC_IS_CHAT_ROW (self), FALSE);
  g_return_val_if_fail (part < MC_CHAT_ROW_N_PARTS, FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  *bounds = self->parts[part].bounds;
  return part_shown (self, part) && bounds->size.height > 0;
}

PangoLayout *
mc_chat_row_create_part_layout (McChatRow     *self,
                                McChatRowPart  part,
                                const char    *text)
{
  PangoLayout *layout;

  g_return_val_if_fail (MC_IS_CHAT_ROW (self), NULL);
  g_return_val_if_fail (part < MC_CHAT_ROW_N_PARTS, NULL);

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  pango_layout_set_attributes (layout, font_attrs[self->parts[part].font]);
  return layout;
}

static void
mc_chat_row_dispose (GObject *object)
{
  McChatRow *self = MC_CHAT_ROW (object);

  if (self->chat != NULL)
    g_clear_signal_handler (&self->notify_id, self->chat);
  g_clear_object (&self->chat);
  g_clear_object (&self->clocks);
  g_clear_pointer ((GtkWidget **) &self->avatar, gtk_widget_unparent);

  G_OBJECT_CLASS (mc_chat_row_parent_class)->dispose (object);
}

static void
mc_chat_row_finalize (GObject *object)
{
  McChatRow *self = MC_CHAT_ROW (object);

  for (guint i = 0; i < MC_CHAT_ROW_N_PARTS; i++)
    {
      g_free (self->parts[i].text);
      g_clear_object (&self->parts[i].layout);
    }
  g_clear_object (&self->pin_icon);
  g_clear_object (&self->muted_icon);
  g_free (self->accessible_label);

  G_OBJECT_CLASS (mc_chat_row_parent_class)->finalize (object);
}

static void
mc_chat_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  McChatRow *self = MC_CHAT_ROW (object);

  switch (prop_id)
    {
    case PROP_CHAT:
      g_value_set_object (value, self->chat);
      break;

    case PROP_CLOCKS:
      g_value_set_object (value, self->clocks);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_chat_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  McChatRow *self = MC_CHAT_ROW (object);

  switch (prop_id)
    {
    case PROP_CHAT:
      mc_chat_row_set_chat (self, g_value_get_object (value));
      break;

    case PROP_CLOCKS:
      mc_chat_row_set_clocks (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_chat_row_class_init (McChatRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_chat_row_dispose;
  object_class->finalize = mc_chat_row_finalize;
  object_class->get_property = mc_chat_row_get_property;
  object_class->set_property = mc_chat_row_set_property;

  widget_class->measure = mc_chat_row_measure;
  widget_class->size_allocate = mc_chat_row_size_allocate;
  widget_class->snapshot = mc_chat_row_snapshot;
  widget_class->query_tooltip = mc_chat_row_query_tooltip;
  widget_class->css_changed = mc_chat_row_css_changed;
  widget_class->direction_changed = mc_chat_row_direction_changed;

  properties[PROP_CHAT] =
    g_param_spec_object ("chat", NULL, NULL,
                         MC_TYPE_CHAT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOCKS] =
    g_param_spec_object ("clocks", NULL, NULL,
                         MC_TYPE_CHAT_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  ensure_font_attrs ();
  gtk_widget_class_set_css_name (widget_class, "chatrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mc_chat_row_init (McChatRow *self)
{
  self->avatar = MC_AVATAR (mc_avatar_new (AVATAR_SIZE));
  gtk_widget_set_parent (GTK_WIDGET (self->avatar), GTK_WIDGET (self));
  for (guint i = 0; i < MC_CHAT_ROW_N_PARTS; i++)
    {
      self->parts[i].width = -1;
      self->parts[i].limit = -1;
    }
  self->status_width = -1;
  self->parts[MC_CHAT_ROW_PART_TIME].font = FONT_CAPTION;
  self->parts[MC_CHAT_ROW_PART_CONTEXT].font = FONT_SMALL;
  self->parts[MC_CHAT_ROW_PART_DISPUTE].font = FONT_SMALL_BOLD;
  self->parts[MC_CHAT_ROW_PART_DETAILS].font = FONT_CAPTION;
  self->parts[MC_CHAT_ROW_PART_CLOCK].font = FONT_CAPTION;
  self->parts[MC_CHAT_ROW_PART_UNREAD].font = FONT_SMALL_BOLD;
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

static void
append_chat_item (GMenu      *menu,
                  const char *label,
                  const char *action,
                  gint64      chat_id)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_int64 (chat_id));
  g_menu_append_item (menu, item);
}

void
mc_chat_row_append_marks (GMenu  *menu,
                          McChat *chat)
{
  gint64 chat_id;

  g_return_if_fail (G_IS_MENU (menu));
  g_return_if_fail (MC_IS_CHAT (chat));

  chat_id = mc_chat_get_chat_id (chat);
  if (mc_chat_get_shows_unread (chat))
    append_chat_item (menu, _("Mark as _Read"), "win.mark-chat-read", chat_id);
  else
    append_chat_item (menu, _("Mark as _Unread"), "win.mark-chat-unread", chat_id);

  if (mc_chat_get_pinned (chat))
    append_chat_item (menu, _("Un_pin"), "win.unpin-chat", chat_id);
  else
    append_chat_item (menu, _("_Pin"), "win.pin-chat", chat_id);
}
