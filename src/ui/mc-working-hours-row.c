/* mc-working-hours-row.c: a cabinet's working hours in Preferences, as
 * the string of mc_working_hours_to_string().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "mc-ui.h"
#include "mc-working-hours.h"
#include "mc-working-hours-row.h"

#define DEFAULT_START (9 * 60)
#define DEFAULT_END   (18 * 60)

struct _McWorkingHoursRow
{
  AdwExpanderRow   parent_instance;

  gint64           business_id;
  char            *hours;
  GPtrArray       *zones;        /* char *: "local" or a zone identifier */
  GtkToggleButton *days[7];
  gboolean         showing;

  GtkStringList   *zone_list;
  GtkSwitch       *limit_switch;
  GtkWidget       *days_row;
  GtkBox          *days_box;
  GtkWidget       *start_row;
  GtkSpinButton   *start_spin;
  GtkWidget       *end_row;
  GtkSpinButton   *end_spin;
  AdwComboRow     *zone_row;
};

G_DEFINE_FINAL_TYPE (McWorkingHoursRow, mc_working_hours_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_BUSINESS_ID,
  PROP_HOURS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where the seller's cabinets are: Russia's zones west to east, then UTC. */
static const char *const known_zones[] = {
  "local",
  "Europe/Kaliningrad", "Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg",
  "Asia/Omsk", "Asia/Novosibirsk", "Asia/Krasnoyarsk", "Asia/Irkutsk",
  "Asia/Yakutsk", "Asia/Vladivostok", "Asia/Magadan", "Asia/Kamchatka",
  "UTC",
};

static const char *
day_short_name (guint day)
{
  switch (day)
    {
    /* Translators: short names of the days of the week, Monday first. */
    case 0: return C_("weekday", "Mon");
    case 1: return C_("weekday", "Tue");
    case 2: return C_("weekday", "Wed");
    case 3: return C_("weekday", "Thu");
    case 4: return C_("weekday", "Fri");
    case 5: return C_("weekday", "Sat");
    default: return C_("weekday", "Sun");
    }
}

static const char *
day_name (guint day)
{
  switch (day)
    {
    case 0: return _("Monday");
    case 1: return _("Tuesday");
    case 2: return _("Wednesday");
    case 3: return _("Thursday");
    case 4: return _("Friday");
    case 5: return _("Saturday");
    default: return _("Sunday");
    }
}

static char *
format_minute (guint minute)
{
  return g_strdup_printf ("%02u:%02u", minute / 60, minute % 60);
}

static gboolean
on_time_output (GtkSpinButton *spin,
                gpointer       user_data)
{
  g_autofree char *text = format_minute ((guint) gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin)));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* "9", "9:30", "09:30" */
static int
on_time_input (GtkSpinButton *spin,
               double        *value,
               gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  unsigned hours = 0, minutes = 0;
  int n = sscanf (text, "%u:%u", &hours, &minutes);

  if (n < 1 || hours > 24 || minutes > 59 || (hours == 24 && minutes > 0))
    return GTK_INPUT_ERROR;
  *value = hours * 60 + minutes;
  return TRUE;
}

static char *
describe (McWorkingHours *hours)
{
  g_autoptr(GString) days = g_string_new (NULL);
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  GTimeZone *zone;
  McWeekdays mask;
  g_autofree char *text = NULL;

  if (hours == NULL || mc_working_hours_is_always (hours))
    return g_strdup (_("Every minute counts"));

  mask = mc_working_hours_get_days (hours);
  if (mask == MC_WEEKDAYS_ALL)
    g_string_append (days, _("Every day"));
  else
    for (guint i = 0; i < 7; i++)
      if (mask & (1 << i))
        g_string_append_printf (days, "%s%s", days->len > 0 ? " " : "", day_short_name (i));

  start = format_minute (mc_working_hours_get_start_minute (hours));
  end = format_minute (mc_working_hours_get_end_minute (hours));
  zone = mc_working_hours_get_time_zone (hours);
  text = mc_working_hours_to_string (hours);
  /* Translators: a cabinet's working hours: days, start–end, time zone,
   * e.g. "Mon Tue Wed Thu Fri, 09:00–18:00, Europe/Moscow". */
  return g_strdup_printf (_("%s, %s–%s, %s"), days->str, start, end,
                          g_str_has_suffix (text, " local") ? _("this computer’s time zone")
                                                            : g_time_zone_get_identifier (zone));
}

static guint
zone_position (McWorkingHoursRow *self,
               const char        *zone)
{
  for (guint i = 0; i < self->zones->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->zones, i), zone) == 0)
      return i;

  /* A zone set elsewhere stays pickable. */
  g_ptr_array_add (self->zones, g_strdup (zone));
  gtk_string_list_append (self->zone_list, zone);
  return self->zones->len - 1;
}

static void
update_sensitivity (McWorkingHoursRow *self)
{
  gboolean limited = gtk_switch_get_active (self->limit_switch);

  gtk_widget_set_sensitive (self->days_row, limited);
  gtk_widget_set_sensitive (self->start_row, limited);
  gtk_widget_set_sensitive (self->end_row, limited);
  gtk_widget_set_sensitive (GTK_WIDGET (self->zone_row), limited);
}

void
mc_working_hours_row_set_hours (McWorkingHoursRow *self,
                                const char        *text)
{
  g_autoptr(McWorkingHours) hours = NULL;
  g_autofree char *summary = NULL;
  gboolean limited;
  McWeekdays days = MC_WEEKDAYS_WORKWEEK;
  guint start = DEFAULT_START, end = DEFAULT_END;
  const char *zone = "local";
  g_autofree char *canonical = NULL;

  g_return_if_fail (MC_IS_WORKING_HOURS_ROW (self));

  hours = text != NULL ? mc_working_hours_new_from_string (text) : NULL;
  if (hours == NULL)
    hours = mc_working_hours_new_always ();
  limited = !mc_working_hours_is_always (hours);
  canonical = mc_working_hours_to_string (hours);

  if (limited)
    {
      days = mc_working_hours_get_days (hours);
      start = mc_working_hours_get_start_minute (hours);
      end = mc_working_hours_get_end_minute (hours);
      zone = strrchr (canonical, ' ') + 1;
    }

  self->showing = TRUE;
  gtk_switch_set_active (self->limit_switch, limited);
  for (guint i = 0; i < 7; i++)
    gtk_toggle_button_set_active (self->days[i], (days & (1 << i)) != 0);
  gtk_spin_button_set_value (self->start_spin, start);
  gtk_spin_button_set_value (self->end_spin, end);
  adw_combo_row_set_selected (self->zone_row, zone_position (self, zone));
  self->showing = FALSE;

  g_free (self->hours);
  self->hours = g_steal_pointer (&canonical);
  summary = describe (hours);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), summary);
  update_sensitivity (self);
}

/* The hours as the controls show them; NULL while no day is picked. */
static McWorkingHours *
read_controls (McWorkingHoursRow *self)
{
  McWeekdays days = 0;
  guint selected, end;
  const char *zone_id;
  g_autoptr(GTimeZone) zone = NULL;

  if (!gtk_switch_get_active (self->limit_switch))
    return mc_working_hours_new_always ();

  for (guint i = 0; i < 7; i++)
    if (gtk_toggle_button_get_active (self->days[i]))
      days |= 1 << i;
  if (days == 0)
    return NULL;

  selected = adw_combo_row_get_selected (self->zone_row);
  zone_id = selected < self->zones->len ? g_ptr_array_index (self->zones, selected) : "local";
  if (!g_str_equal (zone_id, "local"))
    zone = g_time_zone_new_identifier (zone_id);

  end = (guint) gtk_spin_button_get_value (self->end_spin);
  /* 00:00 as an end is midnight at the end of the day. */
  return mc_working_hours_new (days, (guint) gtk_spin_button_get_value (self->start_spin),
                               end == 0 ? 24 * 60 : end, zone);
}

static void
on_changed (McWorkingHoursRow *self)
{
  g_autoptr(McWorkingHours) hours = NULL;
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;

  update_sensitivity (self);
  if (self->showing)
    return;

  hours = read_controls (self);
  if (hours == NULL)
    {
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), _("Pick at least one day"));
      return;
    }

  summary = describe (hours);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), summary);
  text = mc_working_hours_to_string (hours);
  if (g_strcmp0 (text, self->hours) == 0)
    return;
  g_free (self->hours);
  self->hours = g_steal_pointer (&text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOURS]);
}

GtkWidget *
mc_working_hours_row_new (gint64      business_id,
                          const char *title,
                          const char *hours)
{
  McWorkingHoursRow *self = g_object_new (MC_TYPE_WORKING_HOURS_ROW,
                                          "business-id", business_id,
                                          "title", title,
                                          NULL);

  mc_working_hours_row_set_hours (self, hours);
  return GTK_WIDGET (self);
}

gint64
mc_working_hours_row_get_business_id (McWorkingHoursRow *self)
{
  g_return_val_if_fail (MC_IS_WORKING_HOURS_ROW (self), 0);

  return self->business_id;
}

const char *
mc_working_hours_row_get_hours (McWorkingHoursRow *self)
{
  g_return_val_if_fail (MC_IS_WORKING_HOURS_ROW (self), NULL);

  return self->hours;
}

static void
mc_working_hours_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MC_TYPE_WORKING_HOURS_ROW);

  G_OBJECT_CLASS (mc_working_hours_row_parent_class)->dispose (object);
}

static void
mc_working_hours_row_finalize (GObject *object)
{
  McWorkingHoursRow *self = MC_WORKING_HOURS_ROW (object);

  g_free (self->hours);
  g_ptr_array_unref (self->zones);

  G_OBJECT_CLASS (mc_working_hours_row_parent_class)->finalize (object);
}

static void
mc_working_hours_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  McWorkingHoursRow *self = MC_WORKING_HOURS_ROW (object);

  switch (prop_id)
    {
    case PROP_BUSINESS_ID:
      g_value_set_int64 (value, self->business_id);
      break;

    case PROP_HOURS:
      g_value_set_string (value, self->hours);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_working_hours_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  McWorkingHoursRow *self = MC_WORKING_HOURS_ROW (object);

  switch (prop_id)
    {
    case PROP_BUSINESS_ID:
      self->business_id = g_value_get_int64 (value);
      break;

    case PROP_HOURS:
      mc_working_hours_row_set_hours (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_working_hours_row_class_init (McWorkingHoursRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_working_hours_row_dispose;
  object_class->finalize = mc_working_hours_row_finalize;
  object_class->get_property = mc_working_hours_row_get_property;
  object_class->set_property = mc_working_hours_row_set_property;

  properties[PROP_BUSINESS_ID] =
    g_param_spec_int64 ("business-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOURS] =
    g_param_spec_string ("hours", NULL, NULL,
                         "always",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/mc-working-hours-row.ui");
  gtk_widget_class_bind_template_child (widget_class, McWorkingHoursRow, zone_list);
  gtk_widget_class_bind_template_child (widget_class, McWorkingHoursRow, limit_switch);
  gtk_widget_class_bind_template_child (widget_class, McWorkingHoursRow, days_row);
  gtk_widget_class_bind_template_child (widget_class, McWorkingHoursRow, days_box);
  gtk_widget_class_bind_template_child (widget_class, McWorkingHoursRow, start_row);
  gtk_widget_class_bind_template_child (widget_class, McWorkingHoursRow, start_spin);
  gtk_widget_class_bind_template_child (widget_class, McWorkingHoursRow, end_row);
  gtk_widget_class_bind_template_child (widget_class, McWorkingHoursRow, end_spin);
  gtk_widget_class_bind_template_child (widget_class, McWorkingHoursRow, zone_row);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_time_input);
  gtk_widget_class_bind_template_callback (widget_class, on_time_output);
}

static void
mc_working_hours_row_init (McWorkingHoursRow *self)
{
  self->hours = g_strdup ("always");
  self->zones = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (known_zones); i++)
    {
      g_ptr_array_add (self->zones, g_strdup (known_zones[i]));
      gtk_string_list_append (self->zone_list,
                              i == 0 ? _("This computer’s time zone") : known_zones[i]);
    }

  /* Seven toggles, one per day: built here rather than spelled out seven
   * times in the template. */
  for (guint i = 0; i < 7; i++)
    {
      GtkWidget *toggle = gtk_toggle_button_new_with_label (day_short_name (i));

      gtk_widget_set_tooltip_text (toggle, day_name (i));
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, day_name (i),
                                      -1);
      g_signal_connect_object (toggle, "toggled", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
      gtk_box_append (self->days_box, toggle);
      self->days[i] = GTK_TOGGLE_BUTTON (toggle);
    }
}
