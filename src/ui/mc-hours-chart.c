/* mc-hours-chart.c: the busiest hours of the statistics as a bar chart,
 * drawn with GtkSnapshot in the widget's own colour, so that it follows
 * the dark style and high contrast.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mc-hours-chart.h"

#define N_HOURS 24
#define LABEL_EVERY 3
#define BAR_GAP 2.0f
#define LABEL_GAP 4.0f
/* Hours counting at least this share of the busiest are named with it. */
#define BUSY_SHARE 0.8

struct _McHoursChart
{
  GtkWidget  parent_instance;

  guint      counts[N_HOURS];
  char      *summary;
};

G_DEFINE_FINAL_TYPE (McHoursChart, mc_hours_chart, GTK_TYPE_WIDGET)

static guint
max_count (McHoursChart *self)
{
  guint max = 0;

  for (guint hour = 0; hour < N_HOURS; hour++)
    max = MAX (max, self->counts[hour]);
  return max;
}

static void
mc_hours_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  McHoursChart *self = MC_HOURS_CHART (widget);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  float slot = width / N_HOURS;
  guint max = max_count (self);
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, "00");
  GdkRGBA color, faint;
  int label_height;
  float chart_height;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  faint = color;
  faint.alpha *= 0.15f;
  pango_layout_get_pixel_size (layout, NULL, &label_height);
  chart_height = MAX (height - label_height - LABEL_GAP, 1.0f);

  for (guint hour = 0; hour < N_HOURS; hour++)
    {
      float bar_height = max > 0 ? chart_height * self->counts[hour] / max : 0.0f;
      GdkRGBA bar = color;

      /* A faint line marks every hour, so an empty one still shows. */
      gtk_snapshot_append_color (snapshot, &faint,
                                 &GRAPHENE_RECT_INIT (hour * slot + BAR_GAP / 2, chart_height - 1,
                                                      slot - BAR_GAP, 1));
      if (bar_height > 0)
        {
          /* The busiest hours stand out by height; the shade only helps. */
          bar.alpha *= self->counts[hour] >= BUSY_SHARE * max ? 0.9f : 0.55f;
          gtk_snapshot_append_color (snapshot, &bar,
                                     &GRAPHENE_RECT_INIT (hour * slot + BAR_GAP / 2,
                                                          chart_height - bar_height,
                                                          slot - BAR_GAP, bar_height));
        }

      if (hour % LABEL_EVERY == 0)
        {
          g_autofree char *text = g_strdup_printf ("%02u", hour);
          int label_width;

          pango_layout_set_text (layout, text, -1);
          pango_layout_get_pixel_size (layout, &label_width, NULL);
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot,
                                  &GRAPHENE_POINT_INIT (MAX (hour * slot + (slot - label_width) / 2, 0),
                                                        chart_height + LABEL_GAP));
          gtk_snapshot_append_layout (snapshot, layout, &color);
          gtk_snapshot_restore (snapshot);
        }
    }

  g_object_unref (layout);
}

static void
mc_hours_chart_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = N_HOURS * 10;
      *natural = N_HOURS * 20;
    }
  else
    {
      *minimum = 80;
      *natural = 140;
    }
}

static void
mc_hours_chart_finalize (GObject *object)
{
  McHoursChart *self = MC_HOURS_CHART (object);

  g_free (self->summary);

  G_OBJECT_CLASS (mc_hours_chart_parent_class)->finalize (object);
}

static void
mc_hours_chart_class_init (McHoursChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mc_hours_chart_finalize;
  widget_class->snapshot = mc_hours_chart_snapshot;
  widget_class->measure = mc_hours_chart_measure;

  gtk_widget_class_set_css_name (widget_class, "hours-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
update_summary (McHoursChart *self)
{
  g_autoptr(GString) hours = g_string_new (NULL);
  guint max = max_count (self);

  g_clear_pointer (&self->summary, g_free);
  if (max == 0)
    self->summary = g_strdup (_("No customer messages in this period"));
  else
    {
      for (guint hour = 0; hour < N_HOURS; hour++)
        {
          if (self->counts[hour] < BUSY_SHARE * max)
            continue;
          if (hours->len > 0)
            /* Translators: between two hours of the day in a list. */
            g_string_append (hours, _(", "));
          g_string_append_printf (hours, "%02u:00–%02u:00", hour, (hour + 1) % N_HOURS);
        }
      /* Translators: the hours of the day in which customers wrote the
       * most, e.g. "Busiest hours: 10:00–11:00, 14:00–15:00". */
      self->summary = g_strdup_printf (_("Busiest hours: %s"), hours->str);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Customer messages by hour of the day"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary,
                                  -1);
}

static void
mc_hours_chart_init (McHoursChart *self)
{
  update_summary (self);
}

GtkWidget *
mc_hours_chart_new (void)
{
  return g_object_new (MC_TYPE_HOURS_CHART, NULL);
}

void
mc_hours_chart_set_counts (McHoursChart *self,
                           const guint  *counts)
{
  g_return_if_fail (MC_IS_HOURS_CHART (self));
  g_return_if_fail (counts != NULL);

  memcpy (self->counts, counts, sizeof self->counts);
  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
mc_hours_chart_get_summary (McHoursChart *self)
{
  g_return_val_if_fail (MC_IS_HOURS_CHART (self), NULL);
  return self->summary;
}
