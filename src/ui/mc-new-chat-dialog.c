/* mc-new-chat-dialog.c: start a chat about an order or a return.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-cabinet.h"
#include "mc-error.h"
#include "mc-new-chat-dialog.h"
#include "mc-sidebar-item.h"
#include "mc-ui.h"

struct _McNewChatDialog
{
  AdwWindow        parent_instance;

  McSession       *session;
  GCancellable    *cancellable;
  gboolean         busy;

  GtkDropDown     *store_dropdown;
  GtkToggleButton *order_toggle;
  GtkToggleButton *return_toggle;
  GtkLabel        *return_note;
  GtkEntry        *number_entry;
  GtkLabel        *error_label;
  GtkSpinner      *spinner;
};

G_DEFINE_FINAL_TYPE (McNewChatDialog, mc_new_chat_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWindow *
mc_new_chat_dialog_new (McSession *session,
                        GtkWindow *parent)
{
  g_return_val_if_fail (MC_IS_SESSION (session), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (MC_TYPE_NEW_CHAT_DIALOG,
                       "session", session,
                       "transient-for", parent,
                       NULL);
}

static gint64
parse_number (McNewChatDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->number_entry));
  guint64 number = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &number, NULL))
    return 0;

  return (gint64) number;
}

static void
mc_new_chat_dialog_update (McNewChatDialog *self)
{
  gboolean ready = !self->busy && parse_number (self) > 0 &&
                   gtk_drop_down_get_selected_item (self->store_dropdown) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "new-chat.start", ready);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
}

static void
mc_new_chat_dialog_show_error (McNewChatDialog *self,
                               const char      *text)
{
  gtk_label_set_label (self->error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

static void
on_number_changed (McNewChatDialog *self,
                   GtkEntry        *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  gboolean digits = TRUE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      digits = FALSE;

  mc_new_chat_dialog_show_error (self, digits ? NULL : _("The number may only hold digits."));
  mc_new_chat_dialog_update (self);
}

static gboolean
has_cabinet (McNewChatDialog *self,
             gint64           business_id)
{
  GListModel *cabinets = mc_session_get_cabinets (self->session);

  for (guint i = 0; i < g_list_model_get_n_items (cabinets); i++)
    {
      g_autoptr(McCabinet) cabinet = g_list_model_get_item (cabinets, i);

      if (mc_cabinet_get_business_id (cabinet) == business_id)
        return TRUE;
    }

  return FALSE;
}

static void
on_chat_started (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(McNewChatDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;
  GtkWindow *parent;
  gint64 chat_id;

  chat_id = mc_session_start_chat_finish (MC_SESSION (object), result, &notice, &error);
  if (mc_error_is_cancelled (error))
    return;

  if (chat_id <= 0)
    {
      g_autofree char *text = mc_error_describe (error);

      self->busy = FALSE;
      mc_new_chat_dialog_show_error (self, text);
      mc_new_chat_dialog_update (self);
      return;
    }

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (parent), "win.open-chat", "x", chat_id);
      if (notice != NULL)
        mc_ui_toast (GTK_WIDGET (parent), notice);
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
mc_new_chat_dialog_start (McNewChatDialog *self)
{
  McSidebarItem *item = gtk_drop_down_get_selected_item (self->store_dropdown);
  gint64 number = parse_number (self);

  if (self->busy || item == NULL || number <= 0)
    return;

  if (!has_cabinet (self, mc_sidebar_item_get_business_id (item)))
    {
      mc_new_chat_dialog_show_error (self, _("The cabinet of this store is not connected."));
      return;
    }

  self->busy = TRUE;
  mc_new_chat_dialog_show_error (self, NULL);
  mc_new_chat_dialog_update (self);

  mc_session_start_chat_async (self->session,
                               mc_sidebar_item_get_business_id (item),
                               mc_sidebar_item_get_campaign_id (item),
                               gtk_toggle_button_get_active (self->order_toggle)
                               ? MC_CONTEXT_TYPE_ORDER : MC_CONTEXT_TYPE_RETURN,
                               number, self->cancellable,
                               on_chat_started, g_object_ref (self));
}

static void
on_number_activate (McNewChatDialog *self,
                    GtkEntry        *entry)
{
  mc_new_chat_dialog_start (self);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  mc_new_chat_dialog_start (MC_NEW_CHAT_DIALOG (widget));
}

/* createChat: "returns are available only for FBY, FBS and Express stores"
 * (Express stores report FBS). */
static gboolean
allows_return_chats (McSidebarItem *item)
{
  McCampaign *campaign = item != NULL ? mc_sidebar_item_get_campaign (item) : NULL;
  McPlacementType placement = campaign != NULL ? mc_campaign_get_placement_type (campaign)
                                               : MC_PLACEMENT_TYPE_UNKNOWN;

  return placement == MC_PLACEMENT_TYPE_FBS || placement == MC_PLACEMENT_TYPE_FBY;
}

static void
on_store_selected (McNewChatDialog *self)
{
  gboolean returns = allows_return_chats (gtk_drop_down_get_selected_item (self->store_dropdown));

  if (!returns)
    gtk_toggle_button_set_active (self->order_toggle, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->return_toggle), returns);
  gtk_widget_set_visible (GTK_WIDGET (self->return_note), !returns);
  mc_new_chat_dialog_update (self);
}

static gboolean
is_store (gpointer item,
          gpointer user_data)
{
  return mc_sidebar_item_get_kind (item) == MC_SIDEBAR_ITEM_KIND_CABINET_STORE;
}

static void
mc_new_chat_dialog_constructed (GObject *object)
{
  McNewChatDialog *self = MC_NEW_CHAT_DIALOG (object);
  GtkFilterListModel *stores;
  GtkExpression *expression;

  G_OBJECT_CLASS (mc_new_chat_dialog_parent_class)->constructed (object);

  stores = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (mc_session_get_stores (self->session))),
                                      GTK_FILTER (gtk_custom_filter_new (is_store, NULL, NULL)));
  expression = gtk_property_expression_new (MC_TYPE_SIDEBAR_ITEM, NULL, "title");
  gtk_drop_down_set_expression (self->store_dropdown, expression);
  gtk_drop_down_set_model (self->store_dropdown, G_LIST_MODEL (stores));
  gtk_expression_unref (expression);
  g_object_unref (stores);
  g_signal_connect_object (self->store_dropdown, "notify::selected-item",
                           G_CALLBACK (on_store_selected), self, G_CONNECT_SWAPPED);
  on_store_selected (self);

  /* The number is what the seller came to type. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->number_entry));
}

/* The work under way holds a reference on the dialog, so dispose comes
 * only after it ends: closing must give it up at once, or the chat would
 * open after the seller gave up on it. */
static void
mc_new_chat_dialog_cancel (McNewChatDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->busy = FALSE;
  mc_new_chat_dialog_update (self);
}

static gboolean
mc_new_chat_dialog_close_request (GtkWindow *window)
{
  mc_new_chat_dialog_cancel (MC_NEW_CHAT_DIALOG (window));

  return GTK_WINDOW_CLASS (mc_new_chat_dialog_parent_class)->close_request (window);
}

static void
mc_new_chat_dialog_unroot (GtkWidget *widget)
{
  mc_new_chat_dialog_cancel (MC_NEW_CHAT_DIALOG (widget));

  GTK_WIDGET_CLASS (mc_new_chat_dialog_parent_class)->unroot (widget);
}

static void
mc_new_chat_dialog_dispose (GObject *object)
{
  McNewChatDialog *self = MC_NEW_CHAT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_NEW_CHAT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mc_new_chat_dialog_parent_class)->dispose (object);
}

static void
mc_new_chat_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  McNewChatDialog *self = MC_NEW_CHAT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_new_chat_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  McNewChatDialog *self = MC_NEW_CHAT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_new_chat_dialog_class_init (McNewChatDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = mc_new_chat_dialog_constructed;
  object_class->dispose = mc_new_chat_dialog_dispose;
  object_class->get_property = mc_new_chat_dialog_get_property;
  object_class->set_property = mc_new_chat_dialog_set_property;
  widget_class->unroot = mc_new_chat_dialog_unroot;
  window_class->close_request = mc_new_chat_dialog_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/mc-new-chat-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, McNewChatDialog, store_dropdown);
  gtk_widget_class_bind_template_child (widget_class, McNewChatDialog, order_toggle);
  gtk_widget_class_bind_template_child (widget_class, McNewChatDialog, return_toggle);
  gtk_widget_class_bind_template_child (widget_class, McNewChatDialog, return_note);
  gtk_widget_class_bind_template_child (widget_class, McNewChatDialog, number_entry);
  gtk_widget_class_bind_template_child (widget_class, McNewChatDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, McNewChatDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_number_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_number_activate);

  gtk_widget_class_install_action (widget_class, "new-chat.start", NULL, start_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mc_new_chat_dialog_init (McNewChatDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
