/* mc-chat-row.c: one chat in the chat list: who, about what, and how its
 * reply clock stands (the words and colour come from
 * mc_ui_format_reply_clock_short()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "mc-avatar.h"
#include "mc-chat-row.h"
#include "mc-ui.h"
#include "mc-ui-util.h"

struct _McChatRow
{
  GtkWidget  parent_instance;

  McChat    *chat;
  gulong     notify_id;
  McChatStore *clocks;

  McAvatar  *avatar;
  GtkLabel  *name_label;
  GtkImage  *pin_icon;
  GtkLabel  *time_label;
  GtkImage  *muted_icon;
  GtkLabel  *context_badge;
  GtkLabel  *dispute_badge;
  GtkLabel  *details_label;
  GtkLabel  *preview_label;
  GtkLabel  *waiting_label;
  GtkLabel  *unread_badge;
};

G_DEFINE_FINAL_TYPE (McChatRow, mc_chat_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHAT,
  PROP_CLOCKS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
mc_chat_row_new (void)
{
  return g_object_new (MC_TYPE_CHAT_ROW, NULL);
}

static const char *
customer_name (McChat *chat)
{
  const char *name = mc_chat_get_customer_name (chat);

  return name != NULL && *name != '\0' ? name : _("Customer");
}

/* The reply clock, counted from the first customer message not answered
 * yet: a follow-up does not make a customer look freshly arrived. */
static void
mc_chat_row_show_clock (McChatRow *self,
                        gint64     now)
{
  McReplyClock clock;

  if (self->clocks != NULL)
    mc_chat_store_get_reply_clock (self->clocks, self->chat, now, &clock);
  else
    mc_reply_clock_compute (&clock, mc_chat_needs_reply (self->chat) ? mc_chat_get_waiting_since (self->chat) : 0,
                            MC_REPLY_TARGET_DEFAULT, NULL, now);

  mc_ui_label_show_reply_clock (self->waiting_label, &clock,
                                mc_chat_get_waiting_since (self->chat), now);
}

void
mc_chat_row_update_times (McChatRow *self,
                          gint64     now)
{
  g_autofree char *time = NULL;

  g_return_if_fail (MC_IS_CHAT_ROW (self));

  if (self->chat == NULL)
    return;

  time = mc_ui_format_relative_time (mc_chat_get_updated_at (self->chat), now);
  gtk_label_set_label (self->time_label, time);

  mc_chat_row_show_clock (self, now);
}

static void
mc_chat_row_update (McChatRow *self)
{
  McChatContext *context;
  McContextType context_type = MC_CONTEXT_TYPE_UNKNOWN;
  gint64 order_id = 0, return_id = 0;
  g_autofree char *number = NULL;
  g_autofree char *details = NULL;
  g_autofree char *unread = NULL;
  g_autofree char *accessible = NULL;
  const char *name;
  const char *preview;
  guint unread_count;
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
  gtk_label_set_label (self->name_label, name);

  gtk_label_set_label (self->context_badge, mc_ui_context_to_string (context_type));
  dispute = mc_chat_get_chat_type (self->chat) == MC_CHAT_TYPE_ARBITRAGE ||
            mc_chat_get_status (self->chat) == MC_CHAT_STATUS_WAITING_FOR_ARBITER;
  gtk_widget_set_visible (GTK_WIDGET (self->dispute_badge), dispute);

  if (context_type == MC_CONTEXT_TYPE_RETURN && return_id > 0)
    number = g_strdup_printf ("%" G_GINT64_FORMAT, return_id);
  else if (order_id > 0)
    number = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);

  /* The status first: in a narrow row only the number may be cut, never
   * the status ("Waiti…" beside two badges in disputes). */
  if (number != NULL)
    /* Translators: the chat's status, then an order or return number,
     * e.g. "Finished · No. 12345". */
    details = g_strdup_printf (_("%s · No. %s"),
                               mc_ui_chat_status_to_string (mc_chat_get_status (self->chat)), number);
  else
    details = g_strdup (mc_ui_chat_status_to_string (mc_chat_get_status (self->chat)));
  gtk_label_set_label (self->details_label, details);

  preview = mc_chat_get_last_message_preview (self->chat);
  gtk_label_set_label (self->preview_label, preview != NULL ? preview : "");
  gtk_widget_set_visible (GTK_WIDGET (self->preview_label), preview != NULL && *preview != '\0');

  unread_count = mc_chat_get_unread_count (self->chat);
  /* Marked unread with nothing new: a badge without a number. */
  unread = unread_count > 0 ? g_strdup_printf ("%u", unread_count) : g_strdup ("");
  gtk_label_set_label (self->unread_badge, unread);
  gtk_widget_set_visible (GTK_WIDGET (self->unread_badge), mc_chat_get_shows_unread (self->chat));
  if (mc_chat_get_shows_unread (self->chat))
    gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "unread");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_label), "unread");
  gtk_widget_set_visible (GTK_WIDGET (self->pin_icon), mc_chat_get_pinned (self->chat));

  gtk_widget_set_visible (GTK_WIDGET (self->muted_icon), mc_chat_get_muted (self->chat));

  if (unread_count > 0)
    /* Translators: what a screen reader says for a chat: name, details, unread count. */
    accessible = g_strdup_printf (ngettext ("%s, %s, %u unread message",
                                            "%s, %s, %u unread messages", unread_count),
                                  name, details, unread_count);
  else if (mc_chat_get_marked_unread (self->chat))
    /* Translators: what a screen reader says for a chat the seller marked
     * unread: name, details. */
    accessible = g_strdup_printf (_("%s, %s, marked unread"), name, details);
  else
    accessible = g_strdup_printf ("%s, %s", name, details);
  if (mc_chat_get_pinned (self->chat))
    {
      g_autofree char *plain = g_steal_pointer (&accessible);

      /* Translators: a screen reader's description of a chat, then that it is pinned. */
      accessible = g_strdup_printf (_("%s, pinned"), plain);
    }
  if (mc_chat_get_muted (self->chat))
    {
      g_autofree char *plain = g_steal_pointer (&accessible);

      /* Translators: read after a chat or store whose notifications the seller muted */
      accessible = g_strdup_printf ("%s, %s", plain, _("notifications muted"));
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  mc_chat_row_update_times (self, self->clocks != NULL ? mc_chat_store_get_now (self->clocks)
                                                     : g_get_real_time ());
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

static void
mc_chat_row_dispose (GObject *object)
{
  McChatRow *self = MC_CHAT_ROW (object);

  if (self->chat != NULL)
    g_clear_signal_handler (&self->notify_id, self->chat);
  g_clear_object (&self->chat);
  g_clear_object (&self->clocks);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_CHAT_ROW);
  mc_ui_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (mc_chat_row_parent_class)->dispose (object);
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
  object_class->get_property = mc_chat_row_get_property;
  object_class->set_property = mc_chat_row_set_property;

  properties[PROP_CHAT] =
    g_param_spec_object ("chat", NULL, NULL,
                         MC_TYPE_CHAT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOCKS] =
    g_param_spec_object ("clocks", NULL, NULL,
                         MC_TYPE_CHAT_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MC_TYPE_AVATAR);
  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/mc-chat-row.ui");
  gtk_widget_class_bind_template_child (widget_class, McChatRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, McChatRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, McChatRow, pin_icon);
  gtk_widget_class_bind_template_child (widget_class, McChatRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, McChatRow, muted_icon);
  gtk_widget_class_bind_template_child (widget_class, McChatRow, context_badge);
  gtk_widget_class_bind_template_child (widget_class, McChatRow, dispute_badge);
  gtk_widget_class_bind_template_child (widget_class, McChatRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, McChatRow, preview_label);
  gtk_widget_class_bind_template_child (widget_class, McChatRow, waiting_label);
  gtk_widget_class_bind_template_child (widget_class, McChatRow, unread_badge);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mc_chat_row_init (McChatRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
