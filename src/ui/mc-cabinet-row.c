/* mc-cabinet-row.c: one cabinet in Preferences, with its Remove button.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-cabinet-row.h"
#include "mc-ui.h"

struct _McCabinetRow
{
  AdwActionRow  parent_instance;

  McCabinet    *cabinet;

  GtkLabel     *demo_label;
  GtkButton    *remove_button;
};

G_DEFINE_FINAL_TYPE (McCabinetRow, mc_cabinet_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_CABINET,
  N_PROPS
};

enum {
  REMOVE_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The scopes of POST /v2/auth/token that matter for chats, as the seller's
 * cabinet names them. */
static const struct {
  const char *scope;
  const char *words;
} scope_words[] = {
  { "ALL_METHODS", N_("Full access") },
  { "COMMUNICATION", N_("Customer communication") },
  { "ALL_METHODS_READ_ONLY", N_("Read only") },
};

GtkWidget *
mc_cabinet_row_new (McCabinet *cabinet)
{
  g_return_val_if_fail (MC_IS_CABINET (cabinet), NULL);

  return g_object_new (MC_TYPE_CABINET_ROW,
                       "cabinet", cabinet,
                       NULL);
}

McCabinet *
mc_cabinet_row_get_cabinet (McCabinetRow *self)
{
  g_return_val_if_fail (MC_IS_CABINET_ROW (self), NULL);

  return self->cabinet;
}

char *
mc_cabinet_row_describe_scopes (McCabinet *cabinet)
{
  const char * const *scopes = mc_cabinet_get_scopes (cabinet);
  g_autoptr(GPtrArray) words = g_ptr_array_new ();

  g_return_val_if_fail (MC_IS_CABINET (cabinet), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (scope_words); i++)
    if (scopes != NULL && g_strv_contains (scopes, scope_words[i].scope))
      g_ptr_array_add (words, (gpointer) _(scope_words[i].words));

  /* An OAuth token names no scopes: it may do what its cabinet allows. */
  if (words->len == 0)
    g_ptr_array_add (words, (gpointer) (mc_cabinet_get_can_send (cabinet)
                                        ? _("Can answer customers")
                                        : _("Read only")));

  g_ptr_array_add (words, NULL);

  /* Translators: the separator between the permissions of a key. */
  return g_strjoinv (_(", "), (char **) words->pdata);
}

static void
mc_cabinet_row_update (McCabinetRow *self)
{
  const char *label = mc_cabinet_get_label (self->cabinet);
  const char *business = mc_cabinet_get_business_name (self->cabinet);
  GListModel *campaigns = mc_cabinet_get_campaigns (self->cabinet);
  guint n_stores = campaigns != NULL ? g_list_model_get_n_items (campaigns) : 0;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;
  g_autofree char *remove_label = NULL;

  if (business != NULL && *business != '\0' && g_strcmp0 (business, label) != 0)
    g_ptr_array_add (parts, g_strdup (business));
  if (n_stores > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u store", "%u stores", n_stores),
                                             n_stores));
  g_ptr_array_add (parts, mc_cabinet_row_describe_scopes (self->cabinet));
  g_ptr_array_add (parts, NULL);

  /* Translators: the separator between the business, its stores and the
   * key's permissions under a cabinet's name. */
  subtitle = g_strjoinv (_(" · "), (char **) parts->pdata);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->demo_label), mc_cabinet_get_demo (self->cabinet));

  remove_label = g_strdup_printf (_("Remove cabinet “%s”"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
}

static void
on_remove_clicked (McCabinetRow *self)
{
  g_signal_emit (self, signals[REMOVE_REQUESTED], 0);
}

static void
mc_cabinet_row_constructed (GObject *object)
{
  McCabinetRow *self = MC_CABINET_ROW (object);
  static const char *watched[] = {
    "notify::label", "notify::business-name", "notify::campaigns",
    "notify::scopes", "notify::can-send", "notify::demo",
  };

  G_OBJECT_CLASS (mc_cabinet_row_parent_class)->constructed (object);

  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    g_signal_connect_object (self->cabinet, watched[i],
                             G_CALLBACK (mc_cabinet_row_update), self,
                             G_CONNECT_SWAPPED);
  mc_cabinet_row_update (self);
}

static void
mc_cabinet_row_dispose (GObject *object)
{
  McCabinetRow *self = MC_CABINET_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_CABINET_ROW);
  g_clear_object (&self->cabinet);

  G_OBJECT_CLASS (mc_cabinet_row_parent_class)->dispose (object);
}

static void
mc_cabinet_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  McCabinetRow *self = MC_CABINET_ROW (object);

  switch (prop_id)
    {
    case PROP_CABINET:
      g_value_set_object (value, self->cabinet);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_cabinet_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  McCabinetRow *self = MC_CABINET_ROW (object);

  switch (prop_id)
    {
    case PROP_CABINET:
      self->cabinet = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_cabinet_row_class_init (McCabinetRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mc_cabinet_row_constructed;
  object_class->dispose = mc_cabinet_row_dispose;
  object_class->get_property = mc_cabinet_row_get_property;
  object_class->set_property = mc_cabinet_row_set_property;

  properties[PROP_CABINET] =
    g_param_spec_object ("cabinet", NULL, NULL,
                         MC_TYPE_CABINET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[REMOVE_REQUESTED] =
    g_signal_new ("remove-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/mc-cabinet-row.ui");
  gtk_widget_class_bind_template_child (widget_class, McCabinetRow, demo_label);
  gtk_widget_class_bind_template_child (widget_class, McCabinetRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
}

static void
mc_cabinet_row_init (McCabinetRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
