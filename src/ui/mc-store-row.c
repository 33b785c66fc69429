/* mc-store-row.c: a sidebar row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-store-row.h"
#include "mc-ui.h"

struct _McStoreRow
{
  GtkListBoxRow  parent_instance;

  McSidebarItem   *item;
  gboolean       muted;

  GtkLabel      *title_label;
  GtkLabel      *subtitle_label;
  GtkLabel      *needs_reply_badge;
  GtkImage      *muted_icon;
  GtkWidget     *overdue_badge;
  GtkLabel      *overdue_label;
};

G_DEFINE_FINAL_TYPE (McStoreRow, mc_store_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
mc_store_row_new (McSidebarItem *item)
{
  g_return_val_if_fail (MC_IS_SIDEBAR_ITEM (item), NULL);

  return g_object_new (MC_TYPE_STORE_ROW,
                       "item", item,
                       NULL);
}

McSidebarItem *
mc_store_row_get_item (McStoreRow *self)
{
  g_return_val_if_fail (MC_IS_STORE_ROW (self), NULL);

  return self->item;
}

static void
mc_store_row_update (McStoreRow *self)
{
  guint needs_reply = mc_sidebar_item_get_needs_reply_count (self->item);
  guint unread = mc_sidebar_item_get_unread_count (self->item);
  guint overdue = mc_sidebar_item_get_overdue_count (self->item);
  g_autofree char *overdue_text = g_strdup_printf ("%u", overdue);
  g_autofree char *overdue_chats = NULL;
  const char *title = mc_sidebar_item_get_title (self->item);
  const char *subtitle = mc_sidebar_item_get_subtitle (self->item);
  g_autofree char *needs_reply_text = g_strdup_printf ("%u", needs_reply);
  g_autofree char *counts = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *replies = NULL;
  g_autofree char *unread_chats = NULL;

  gtk_label_set_label (self->title_label, title);
  /* "All stores" and "No store" are under the cabinet's header already. */
  if (mc_sidebar_item_get_kind (self->item) != MC_SIDEBAR_ITEM_KIND_CABINET_STORE)
    subtitle = NULL;
  if (subtitle != NULL && *subtitle == '\0')
    subtitle = NULL;
  gtk_label_set_label (self->subtitle_label, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL);

  /* One badge with one meaning: two numbers side by side, usually equal,
   * read as a glitch.  The unread count is in the tooltip. */
  gtk_label_set_label (self->needs_reply_badge, needs_reply_text);
  gtk_widget_set_visible (GTK_WIDGET (self->needs_reply_badge), needs_reply > 0);
  /* Overdue ones get their own badge, with an alarm clock so that it does
   * not rest on its colour. */
  gtk_label_set_label (self->overdue_label, overdue_text);
  gtk_widget_set_visible (self->overdue_badge, overdue > 0);

  /* Translators: how many chats of a store in the sidebar wait for the
   * seller's answer; shown on hover and read by screen readers. */
  replies = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u chat needs a reply",
                                          "%u chats need a reply", needs_reply),
                             needs_reply);
  /* Translators: read after the count of chats that need a reply
   * ("23 chats need a reply, 23 unread"). */
  unread_chats = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unread",
                                               "%u unread", unread),
                                  unread);
  /* Translators: the two counts of a sidebar row, "23 chats need a reply,
   * 23 unread". */
  if (overdue > 0)
    {
      /* Translators: read after the count of chats that need a reply
       * ("23 chats need a reply, 2 past your reply target, 23 unread");
       * the target is the seller's own, measured by this app. */
      overdue_chats = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u past your reply target",
                                                    "%u past your reply target", overdue),
                                       overdue);
      /* Translators: the three counts of a sidebar row, "23 chats need a
       * reply, 2 past your reply target, 23 unread". */
      counts = g_strdup_printf (_("%s, %s, %s"), replies, overdue_chats, unread_chats);
    }
  else
    counts = g_strdup_printf (_("%s, %s"), replies, unread_chats);
  if (self->muted)
    {
      char *muted = g_strdup_printf ("%s, %s", counts,
                                     /* Translators: read after a chat or store whose notifications the seller muted */
                                     _("notifications muted"));

      g_free (counts);
      counts = muted;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->muted_icon), self->muted);

  /* Long names are cut in the sidebar: hovering tells the whole name and
   * the placement type. */
  if (subtitle != NULL)
    tooltip = g_strdup_printf ("%s\n%s\n%s", title, subtitle, counts);
  else
    tooltip = g_strdup_printf ("%s\n%s", title, counts);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);

  if (subtitle != NULL)
    accessible = g_strdup_printf ("%s, %s, %s", title, subtitle, counts);
  else
    accessible = g_strdup_printf ("%s, %s", title, counts);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

gboolean
mc_store_row_get_muted (McStoreRow *self)
{
  g_return_val_if_fail (MC_IS_STORE_ROW (self), FALSE);

  return self->muted;
}

void
mc_store_row_set_muted (McStoreRow *self,
                        gboolean    muted)
{
  g_return_if_fail (MC_IS_STORE_ROW (self));

  muted = !!muted;
  if (self->muted == muted)
    return;

  self->muted = muted;
  mc_store_row_update (self);
}

const char *
mc_store_row_get_badge_text (McStoreRow *self)
{
  g_return_val_if_fail (MC_IS_STORE_ROW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->needs_reply_badge)))
    return NULL;

  return gtk_label_get_label (self->needs_reply_badge);
}

const char *
mc_store_row_get_overdue_text (McStoreRow *self)
{
  g_return_val_if_fail (MC_IS_STORE_ROW (self), NULL);

  if (!gtk_widget_get_visible (self->overdue_badge))
    return NULL;

  return gtk_label_get_label (self->overdue_label);
}

static void
mc_store_row_constructed (GObject *object)
{
  McStoreRow *self = MC_STORE_ROW (object);

  G_OBJECT_CLASS (mc_store_row_parent_class)->constructed (object);

  g_signal_connect_object (self->item, "notify", G_CALLBACK (mc_store_row_update), self,
                           G_CONNECT_SWAPPED);
  mc_store_row_update (self);
}

static void
mc_store_row_dispose (GObject *object)
{
  McStoreRow *self = MC_STORE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_STORE_ROW);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (mc_store_row_parent_class)->dispose (object);
}

static void
mc_store_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  McStoreRow *self = MC_STORE_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_store_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  McStoreRow *self = MC_STORE_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      self->item = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_store_row_class_init (McStoreRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mc_store_row_constructed;
  object_class->dispose = mc_store_row_dispose;
  object_class->get_property = mc_store_row_get_property;
  object_class->set_property = mc_store_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         MC_TYPE_SIDEBAR_ITEM,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/mc-store-row.ui");
  gtk_widget_class_bind_template_child (widget_class, McStoreRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, McStoreRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, McStoreRow, needs_reply_badge);
  gtk_widget_class_bind_template_child (widget_class, McStoreRow, muted_icon);
  gtk_widget_class_bind_template_child (widget_class, McStoreRow, overdue_badge);
  gtk_widget_class_bind_template_child (widget_class, McStoreRow, overdue_label);
}

static void
mc_store_row_init (McStoreRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
