/* mc-window.c: the main window: stores, chats and a conversation side by
 * side, folding to one pane at a time on narrow screens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-cabinet.h"
#include "mc-chat-store.h"
#include "mc-store-row.h"
#include "mc-ui.h"
#include "mc-welcome-page.h"
#include "mc-window-private.h"


G_DEFINE_FINAL_TYPE (McWindow, mc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SETTINGS,
  PROP_ORDER_PANEL_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

McWindow *
mc_window_new (GtkApplication *application,
               McSession      *session,
               GSettings      *settings)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (MC_IS_SESSION (session), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (MC_TYPE_WINDOW,
                       "application", application,
                       "session", session,
                       "settings", settings,
                       NULL);
}

McSession *
mc_window_get_session (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);

  return self->session;
}

static void
mc_window_save_state (McWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static void
mc_window_restore_state (McWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

/* The store list can be widened, for long store names, up to the width
 * at which the window folds: beyond it the window could not be made as
 * narrow as a phone (360 px). */
#define SIDEBAR_MIN_WIDTH 240
#define SIDEBAR_MAX_WIDTH 360
#define SIDEBAR_KEY_STEP 20

static void
mc_window_set_sidebar_width (McWindow *self,
                             int       width)
{
  gtk_widget_set_size_request (self->sidebar_pane,
                               CLAMP (width, SIDEBAR_MIN_WIDTH, SIDEBAR_MAX_WIDTH), -1);
}

static void
on_sidebar_drag_begin (McWindow       *self,
                       double          x,
                       double          y,
                       GtkGestureDrag *gesture)
{
  gtk_widget_get_size_request (self->sidebar_pane, &self->drag_start_width, NULL);
}

static void
on_sidebar_drag_update (McWindow       *self,
                        double          x,
                        double          y,
                        GtkGestureDrag *gesture)
{
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    x = -x;

  mc_window_set_sidebar_width (self, self->drag_start_width + (int) x);
}

static gboolean
on_sidebar_handle_key (McWindow              *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  int width;
  int step;

  if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
    step = SIDEBAR_KEY_STEP;
  else if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
    step = -SIDEBAR_KEY_STEP;
  else
    return GDK_EVENT_PROPAGATE;

  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    step = -step;

  gtk_widget_get_size_request (self->sidebar_pane, &width, NULL);
  mc_window_set_sidebar_width (self, width + step);

  return GDK_EVENT_STOP;
}

static void
mc_window_setup_sidebar_handle (McWindow *self)
{
  g_autoptr(GdkCursor) cursor = gdk_cursor_new_from_name ("col-resize", NULL);
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_set_cursor (self->sidebar_handle, cursor);

  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (on_sidebar_drag_begin), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (on_sidebar_drag_update), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->sidebar_handle, GTK_EVENT_CONTROLLER (drag));

  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_sidebar_handle_key), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->sidebar_handle, keys);
}

static void
on_outbox_failed (McWindow   *self,
                  McChat     *chat,
                  const char *text,
                  McSession  *session)
{
  /* The failed bubble in its chat offers Retry and Edit: the text is not
   * put back into a composer, where it could be sent a second time. */
  mc_ui_toast (GTK_WIDGET (self), _("A message was not sent: it waits in its chat with Retry and Edit"));
}

/* The session's state chooses the top-level page. */

static void
on_session_state (McWindow   *self,
                  GParamSpec *pspec,
                  McSession  *session)
{
  switch (mc_session_get_state (session))
    {
    case MC_SESSION_STATE_LOADING:
      gtk_stack_set_visible_child_name (self->main_stack, "loading");
      break;

    case MC_SESSION_STATE_WELCOME:
    case MC_SESSION_STATE_KEYRING_ERROR:
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
      break;

    case MC_SESSION_STATE_READY:
    default:
      gtk_stack_set_visible_child_name (self->main_stack, "main");
      break;
    }

  gtk_revealer_set_reveal_child (self->demo_revealer, mc_session_get_demo (session));
}

/* Sidebar. */

static GtkWidget *
create_store_row (gpointer item,
                  gpointer user_data)
{
  return mc_store_row_new (item);
}

static void
update_sidebar_header (GtkListBoxRow *row,
                       GtkListBoxRow *before,
                       gpointer       user_data)
{
  McSidebarItem *item = mc_store_row_get_item (MC_STORE_ROW (row));
  GtkWidget *header = gtk_list_box_row_get_header (row);
  const char *cabinet;

  if (mc_sidebar_item_get_kind (item) != MC_SIDEBAR_ITEM_KIND_ALL_STORES)
    {
      if (header != NULL)
        gtk_list_box_row_set_header (row, NULL);
      return;
    }

  /* "All stores" opens each cabinet; its subtitle is the cabinet's name. */
  cabinet = mc_sidebar_item_get_subtitle (item);
  if (header != NULL && g_strcmp0 (gtk_label_get_label (GTK_LABEL (header)), cabinet) == 0)
    return;

  header = gtk_label_new (cabinet);
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_label_set_ellipsize (GTK_LABEL (header), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (header, "sidebar-header");
  gtk_widget_add_css_class (header, "heading");
  gtk_list_box_row_set_header (row, header);
}

static char *
store_item_key (McSidebarItem *item)
{
  return g_strdup_printf ("%d:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                          mc_sidebar_item_get_kind (item),
                          mc_sidebar_item_get_business_id (item),
                          mc_sidebar_item_get_campaign_id (item));
}

static void
mc_window_select_store_row (McWindow *self,
                            guint     index)
{
  self->selecting_store = TRUE;
  gtk_list_box_select_row (self->sidebar_list, gtk_list_box_get_row_at_index (self->sidebar_list, index));
  self->selecting_store = FALSE;
}

/* The saved store, as soon as its cabinet is in (a second cabinet may come
 * after the first has filled the sidebar); until then the first row. */
static void
mc_window_select_default_store (McWindow *self)
{
  GListModel *stores = G_LIST_MODEL (mc_session_get_stores (self->session));
  g_autofree char *wanted = self->settings != NULL
    ? g_settings_get_string (self->settings, "last-selected-store") : NULL;
  gboolean selected = gtk_list_box_get_selected_row (self->sidebar_list) != NULL;

  if ((selected && self->store_chosen) || g_list_model_get_n_items (stores) == 0)
    return;

  for (guint i = 0; wanted != NULL && *wanted != '\0' && i < g_list_model_get_n_items (stores); i++)
    {
      g_autoptr(McSidebarItem) item = g_list_model_get_item (stores, i);
      g_autofree char *key = store_item_key (item);

      if (g_str_equal (key, wanted))
        {
          self->store_chosen = TRUE;
          mc_window_select_store_row (self, i);
          return;
        }
    }

  if (!selected)
    mc_window_select_store_row (self, 0);
}

static void
on_sidebar_row_selected (McWindow      *self,
                         GtkListBoxRow *row,
                         GtkListBox    *list)
{
  McSidebarItem *item;
  g_autofree char *key = NULL;

  if (row == NULL)
    {
      /* The selected store went away; show another rather than nothing. */
      if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
        mc_window_select_default_store (self);
      return;
    }

  item = mc_store_row_get_item (MC_STORE_ROW (row));
  mc_chat_list_set_store_item (self->chat_list, item);

  if (mc_sidebar_item_get_kind (item) == MC_SIDEBAR_ITEM_KIND_CABINET_STORE)
    adw_window_title_set_subtitle (self->chats_title, mc_sidebar_item_get_title (item));
  else
    adw_window_title_set_subtitle (self->chats_title, mc_sidebar_item_get_subtitle (item));

  /* Only the seller's own choice is kept: not a stand-in while the saved
   * store's cabinet loads, nor what is left as the window closes. */
  if (self->selecting_store)
    return;
  self->store_chosen = TRUE;
  key = store_item_key (item);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-selected-store", key);
}

static void
on_sidebar_row_activated (McWindow      *self,
                          GtkListBoxRow *row,
                          GtkListBox    *list)
{
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->chats_pane));
}

static void
on_stores_changed (McWindow   *self,
                   guint       position,
                   guint       removed,
                   guint       added,
                   GListModel *stores)
{
  mc_window_select_default_store (self);
}

void
mc_window_focus_composer (McWindow *self)
{
  McComposer *composer = mc_conversation_get_composer (self->conversation);

  /* Ready to answer; and a selectable message label that got the focus
   * instead would select all its text. */
  if (mc_composer_get_disabled_reason (composer) == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (composer));
}

void
mc_window_update_chat_menu (McWindow *self)
{
  McChat *chat = mc_conversation_get_chat (self->conversation);

  g_menu_remove_all (self->chat_menu_state);
  if (chat != NULL)
    mc_chat_row_append_marks (self->chat_menu_state, chat);
}

static void
on_marks_chat_notify (McWindow   *self,
                      GParamSpec *pspec,
                      McChat     *chat)
{
  if (g_str_equal (pspec->name, "pinned") || g_str_equal (pspec->name, "marked-unread") ||
      g_str_equal (pspec->name, "unread-count"))
    mc_window_update_chat_menu (self);
}

static void
follow_marks_chat (McWindow *self,
                   McChat   *chat)
{
  if (self->marks_chat == chat)
    return;

  if (self->marks_chat != NULL)
    g_signal_handlers_disconnect_by_func (self->marks_chat, on_marks_chat_notify, self);
  g_set_object (&self->marks_chat, chat);
  if (chat != NULL)
    g_signal_connect_object (chat, "notify", G_CALLBACK (on_marks_chat_notify), self,
                             G_CONNECT_SWAPPED);
}

void
mc_window_show_chat (McWindow *self,
                     McChat   *chat)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  g_autoptr(GtkWidget) kept = focus != NULL ? g_object_ref (focus) : NULL;

  mc_conversation_set_chat (self->conversation, chat);
  gtk_widget_set_visible (self->chat_menu_button, chat != NULL);
  follow_marks_chat (self, chat);
  mc_window_update_chat_menu (self);
  /* The leaflet moves the focus into the pane it shows. */
  adw_leaflet_set_visible_child (self->leaflet, self->conversation_pane);

  /* Selecting a chat leaves the focus in the list, so arrow keys walk it;
   * folded, the list is gone and the composer is where the seller goes on. */
  if (adw_leaflet_get_folded (self->leaflet))
    mc_window_focus_composer (self);
  else if (kept != NULL && gtk_widget_get_mapped (kept) &&
           (kept == mc_chat_list_get_list_view (self->chat_list) ||
            gtk_widget_is_ancestor (kept, mc_chat_list_get_list_view (self->chat_list))))
    gtk_widget_grab_focus (kept);
}

static void
on_chat_selected (McWindow   *self,
                  McChat     *chat,
                  McChatList *list)
{
  mc_window_show_chat (self, chat);
}

static void
on_chat_activated (McWindow   *self,
                   McChat     *chat,
                   McChatList *list)
{
  mc_window_show_chat (self, chat);
  mc_window_focus_composer (self);
}

static void
on_leaflet_folded (McWindow   *self,
                   GParamSpec *pspec,
                   AdwLeaflet *leaflet)
{
  /* Side by side the chats keep one width, so that neither a long store
   * name nor a wide chat moves the panes; alone they take the window. */
  adw_clamp_set_maximum_size (self->chats_pane, adw_leaflet_get_folded (leaflet) ? G_MAXINT : 340);

  /* The order card: beside the conversation, or under the header when
   * there is no room beside it. */
  mc_order_panel_set_compact (self->order_panel, adw_leaflet_get_folded (leaflet));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->conversation_body),
                                  adw_leaflet_get_folded (leaflet) ? GTK_ORIENTATION_VERTICAL
                                                                   : GTK_ORIENTATION_HORIZONTAL);
  if (adw_leaflet_get_folded (leaflet))
    gtk_box_reorder_child_after (self->conversation_body, GTK_WIDGET (self->order_panel), NULL);
  else
    gtk_box_reorder_child_after (self->conversation_body, GTK_WIDGET (self->order_panel),
                                 GTK_WIDGET (self->conversation_toasts));

  /* Folding with nothing open shows the chats rather than an empty page. */
  if (adw_leaflet_get_folded (leaflet) &&
      adw_leaflet_get_visible_child (leaflet) == self->conversation_pane &&
      mc_conversation_get_chat (self->conversation) == NULL)
    adw_leaflet_set_visible_child (leaflet, GTK_WIDGET (self->chats_pane));
}

static void
mc_window_select_all_stores (McWindow *self,
                             gint64    business_id)
{
  GListModel *stores = G_LIST_MODEL (mc_session_get_stores (self->session));

  for (guint i = 0; i < g_list_model_get_n_items (stores); i++)
    {
      g_autoptr(McSidebarItem) item = g_list_model_get_item (stores, i);

      if (mc_sidebar_item_get_kind (item) == MC_SIDEBAR_ITEM_KIND_ALL_STORES &&
          mc_sidebar_item_get_business_id (item) == business_id)
        {
          gtk_list_box_select_row (self->sidebar_list,
                                   gtk_list_box_get_row_at_index (self->sidebar_list, i));
          return;
        }
    }
}

void
mc_window_open_chat (McWindow *self,
                     gint64    chat_id)
{
  McChat *chat;

  g_return_if_fail (MC_IS_WINDOW (self));

  chat = mc_chat_store_lookup (mc_session_get_chats (self->session), chat_id);
  if (chat == NULL)
    {
      g_debug ("Chat %" G_GINT64_FORMAT " is not known (yet)", chat_id);
      return;
    }

  if (!mc_chat_list_has_chat (self->chat_list, chat_id))
    mc_window_select_all_stores (self, mc_chat_get_business_id (chat));
  mc_chat_list_select_chat (self->chat_list, chat_id);

  mc_window_show_chat (self, chat);
  mc_window_focus_composer (self);
}

gint64
mc_window_get_open_chat_id (McWindow *self)
{
  McChat *chat;

  g_return_val_if_fail (MC_IS_WINDOW (self), 0);

  chat = mc_conversation_get_chat (self->conversation);

  return chat != NULL ? mc_chat_get_chat_id (chat) : 0;
}

static gboolean
mc_window_close_request (GtkWindow *window)
{
  McWindow *self = MC_WINDOW (window);

  mc_composer_save_draft (mc_conversation_get_composer (self->conversation));
  mc_window_save_state (self);

  return GTK_WINDOW_CLASS (mc_window_parent_class)->close_request (window);
}

/* The chats' reply clocks follow the seller's target and each cabinet's
 * working hours ("working-hours": business id in decimal -> hours as
 * mc_working_hours_to_string() writes them; a cabinet not there, or
 * hours that do not parse, count every minute). */
static void
apply_reply_clock_settings (McWindow *self)
{
  McChatStore *chats = mc_session_get_chats (self->session);
  g_autoptr(GVariant) table = g_settings_get_value (self->settings, "working-hours");
  GListModel *cabinets = mc_session_get_cabinets (self->session);
  guint n = g_list_model_get_n_items (cabinets);

  mc_chat_store_set_reply_target (chats, (gint64) g_settings_get_uint (self->settings, "reply-target-minutes") *
                                         G_TIME_SPAN_MINUTE);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(McCabinet) cabinet = g_list_model_get_item (cabinets, i);
      gint64 business_id = mc_cabinet_get_business_id (cabinet);
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, business_id);
      const char *text = NULL;
      g_autoptr(McWorkingHours) hours = NULL;

      if (g_variant_lookup (table, key, "&s", &text))
        hours = mc_working_hours_new_from_string (text);
      mc_chat_store_set_working_hours (chats, business_id, hours);
    }
}

static void
mc_window_constructed (GObject *object)
{
  McWindow *self = MC_WINDOW (object);
  GListModel *stores;

  G_OBJECT_CLASS (mc_window_parent_class)->constructed (object);

  g_return_if_fail (MC_IS_SESSION (self->session));

  if (self->settings != NULL)
    {
      mc_window_restore_state (self);
      g_settings_bind (self->settings, "sidebar-width", self->sidebar_pane, "width-request",
                       G_SETTINGS_BIND_DEFAULT);
      g_signal_connect_object (self->settings, "changed::reply-target-minutes",
                               G_CALLBACK (apply_reply_clock_settings), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::working-hours",
                               G_CALLBACK (apply_reply_clock_settings), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mc_session_get_cabinets (self->session), "items-changed",
                               G_CALLBACK (apply_reply_clock_settings), self, G_CONNECT_SWAPPED);
      apply_reply_clock_settings (self);
      g_settings_bind (self->settings, "order-panel-visible", self, "order-panel-visible",
                       G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_NO_SENSITIVITY);
    }

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  gtk_stack_add_named (self->main_stack, mc_welcome_page_new (self->session), "welcome");
  mc_conversation_set_session (self->conversation, self->session);
  mc_status_banner_set_session (self->status_banner, self->session);

  mc_chat_list_set_session (self->chat_list, self->session);

  stores = G_LIST_MODEL (mc_session_get_stores (self->session));
  gtk_list_box_bind_model (self->sidebar_list, stores, create_store_row, NULL, NULL);
  gtk_list_box_set_header_func (self->sidebar_list, update_sidebar_header, NULL, NULL);
  g_signal_connect_object (stores, "items-changed", G_CALLBACK (on_stores_changed), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  mc_window_select_default_store (self);

  g_signal_connect_object (self->session, "notify::state", G_CALLBACK (on_session_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::demo", G_CALLBACK (on_session_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::error", G_CALLBACK (on_session_state), self,
                           G_CONNECT_SWAPPED);
  on_session_state (self, NULL, self->session);

  g_signal_connect_object (self->session, "outbox-failed",
                           G_CALLBACK (on_outbox_failed), self, G_CONNECT_SWAPPED);

  mc_window_setup_notify (self);

  /* On a narrow screen the chats come first: they are what a seller opens
   * the app for. */
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->chats_pane));
}

static void
mc_window_dispose (GObject *object)
{
  McWindow *self = MC_WINDOW (object);

  if (self->sidebar_list != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->sidebar_list, on_sidebar_row_selected, self);
      gtk_list_box_bind_model (self->sidebar_list, NULL, NULL, NULL, NULL);
    }

  mc_window_dispose_notify (self);
  follow_marks_chat (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_WINDOW);

  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mc_window_parent_class)->dispose (object);
}

static void
mc_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  McWindow *self = MC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_ORDER_PANEL_VISIBLE:
      g_value_set_boolean (value, self->order_panel_visible);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  McWindow *self = MC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_ORDER_PANEL_VISIBLE:
      if (self->order_panel_visible != g_value_get_boolean (value))
        {
          self->order_panel_visible = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Tab leaves the stores instead of walking them: GtkListBox moves its
 * selection with its focus, so a Tab through the sidebar would pick
 * another store (and save it).  The arrow keys still walk the stores. */
static gboolean
mc_window_focus (GtkWidget        *widget,
                 GtkDirectionType  direction)
{
  McWindow *self = MC_WINDOW (widget);
  GtkWidget *list = GTK_WIDGET (self->sidebar_list);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (widget));
  gboolean moved;

  if ((direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD) ||
      focus == NULL || !gtk_widget_is_ancestor (focus, list))
    return GTK_WIDGET_CLASS (mc_window_parent_class)->focus (widget, direction);

  gtk_widget_set_can_focus (list, FALSE);
  moved = GTK_WIDGET_CLASS (mc_window_parent_class)->focus (widget, direction);
  gtk_widget_set_can_focus (list, TRUE);

  return moved;
}

static void
mc_window_class_init (McWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = mc_window_constructed;
  object_class->dispose = mc_window_dispose;
  object_class->get_property = mc_window_get_property;
  object_class->set_property = mc_window_set_property;

  widget_class->focus = mc_window_focus;

  window_class->close_request = mc_window_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORDER_PANEL_VISIBLE] =
    g_param_spec_boolean ("order-panel-visible", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MC_TYPE_CONVERSATION);
  g_type_ensure (MC_TYPE_STATUS_BANNER);
  g_type_ensure (MC_TYPE_CHAT_LIST);
  g_type_ensure (MC_TYPE_ORDER_PANEL);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/mc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, McWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, McWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, McWindow, conversation_toasts);
  gtk_widget_class_bind_template_child (widget_class, McWindow, chat_menu_button);
  gtk_widget_class_bind_template_child (widget_class, McWindow, chat_menu_state);
  gtk_widget_class_bind_template_child (widget_class, McWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, McWindow, sidebar_pane);
  gtk_widget_class_bind_template_child (widget_class, McWindow, sidebar_handle);
  gtk_widget_class_bind_template_child (widget_class, McWindow, demo_revealer);
  gtk_widget_class_bind_template_child (widget_class, McWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, McWindow, chats_pane);
  gtk_widget_class_bind_template_child (widget_class, McWindow, chats_title);
  gtk_widget_class_bind_template_child (widget_class, McWindow, status_banner);
  gtk_widget_class_bind_template_child (widget_class, McWindow, chat_list);
  gtk_widget_class_bind_template_child (widget_class, McWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, McWindow, conversation_pane);
  gtk_widget_class_bind_template_child (widget_class, McWindow, conversation);
  gtk_widget_class_bind_template_child (widget_class, McWindow, conversation_body);
  gtk_widget_class_bind_template_child (widget_class, McWindow, order_panel);
  gtk_widget_class_bind_template_child (widget_class, McWindow, order_button);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_chat_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_chat_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded);

  mc_window_class_install_actions (widget_class);
}

static void
on_order_panel_has_order (McWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.order-panel",
                                 mc_order_panel_get_has_order (self->order_panel));
}

static void
mc_window_init (McWindow *self)
{
  self->order_panel_visible = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->order_panel, "notify::has-order",
                           G_CALLBACK (on_order_panel_has_order), self, G_CONNECT_SWAPPED);
  on_order_panel_has_order (self);
  mc_window_setup_sidebar_handle (self);
  mc_ui_label_inner_button (GTK_WIDGET (self->menu_button), _("Main menu"));
}
