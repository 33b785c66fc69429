/* mc-chat-list.c: the chats of the selected stores: the view and search
 * that filter them, the list, and the pages for no chats, loading and
 * errors.  Scrolling, focus and the rows built after the first frame are
 * in mc-chat-list-rows.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-chat-list.h"
#include "mc-chat-list-private.h"
#include "mc-chat-row.h"
#include "mc-chat-view.h"
#include "mc-error.h"
#include "mc-ui-util.h"
#include "mc-ui.h"

#define CLOCK_SECONDS 60

G_DEFINE_FINAL_TYPE (McChatList, mc_chat_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_OPEN_CHAT,
  PROP_SEARCH_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHAT_SELECTED,
  CHAT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
mc_chat_list_new (void)
{
  return g_object_new (MC_TYPE_CHAT_LIST, NULL);
}

McSession *
mc_chat_list_get_session (McChatList *self)
{
  g_return_val_if_fail (MC_IS_CHAT_LIST (self), NULL);

  return self->session;
}

GtkWidget *
mc_chat_list_get_list_view (McChatList *self)
{
  g_return_val_if_fail (MC_IS_CHAT_LIST (self), NULL);

  return GTK_WIDGET (self->chats_list);
}

/* Before the first sync that ran to its end an empty view proves nothing:
 * it says that the Market was not heard yet, or cannot be reached, never
 * "all caught up".  Returns whether it showed a page. */
static gboolean
mc_chat_list_show_unchecked (McChatList *self,
                             gboolean    syncing)
{
  g_autofree char *checked = NULL;

  if (mc_session_get_checked (self->session) ||
      mc_session_get_state (self->session) != MC_SESSION_STATE_READY ||
      mc_session_get_error (self->session) != NULL)
    return FALSE;

  if (!mc_session_get_reachable (self->session))
    {
      checked = mc_ui_format_last_check (mc_session_get_last_check (self->session),
                                         g_get_real_time ());
      adw_status_page_set_title (self->error_page, _("The Market Cannot Be Reached"));
      adw_status_page_set_description (self->error_page, checked);
      gtk_stack_set_visible_child_name (self->chats_stack, "error");
    }
  else if (self->sync_error != NULL)
    {
      adw_status_page_set_title (self->error_page, _("Could Not Load Chats"));
      mc_ui_status_page_set_plain_description (self->error_page, self->sync_error);
      gtk_stack_set_visible_child_name (self->chats_stack, "error");
    }
  else if (syncing)
    gtk_stack_set_visible_child_name (self->chats_stack, "loading");
  else
    {
      /* Not a spinner while nothing runs: its frames would keep the
       * low-priority start of the sync waiting. */
      adw_status_page_set_icon_name (self->empty_page, "network-transmit-receive-symbolic");
      adw_status_page_set_title (self->empty_page, _("Checking for Chats"));
      adw_status_page_set_description (self->empty_page,
                                       _("They appear here once the Market has answered"));
      gtk_stack_set_visible_child_name (self->chats_stack, "empty");
    }

  return TRUE;
}

/* The chats pane: list, empty, loading or error. */

static void
mc_chat_list_update_chats_page (McChatList *self)
{
  McChatStore *store = mc_session_get_chats (self->session);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean store_empty = g_list_model_get_n_items (G_LIST_MODEL (store)) == 0;
  gboolean syncing = mc_session_get_syncing (self->session);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->view)) > 0)
    {
      gtk_stack_set_visible_child_name (self->chats_stack, "list");
      return;
    }

  /* A search that finds nothing says so whatever the sync. */
  if ((search == NULL || *search == '\0') &&
      mc_chat_list_show_unchecked (self, syncing))
    return;

  if (store_empty && self->sync_error != NULL)
    {
      adw_status_page_set_title (self->error_page, _("Could Not Load Chats"));
      mc_ui_status_page_set_plain_description (self->error_page, self->sync_error);
      gtk_stack_set_visible_child_name (self->chats_stack, "error");
      return;
    }

  if (store_empty && syncing)
    {
      gtk_stack_set_visible_child_name (self->chats_stack, "loading");
      return;
    }

  if (search != NULL && *search != '\0')
    {
      adw_status_page_set_icon_name (self->empty_page, "system-search-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Matching Chats"));
      adw_status_page_set_description (self->empty_page,
                                       _("Search by the customer’s name or the order or return number"));
    }
  else
    {
      const char *title;
      const char *description = NULL;
      const char *icon = "io.github.marketchats.MarketChats-symbolic";

      switch (mc_chat_view_get_mode (self->view))
        {
        case MC_CHAT_VIEW_MODE_NEEDS_REPLY:
          icon = "emblem-ok-symbolic";
          title = _("All Caught Up");
          description = _("No chats need a reply");
          break;

        case MC_CHAT_VIEW_MODE_OVERDUE:
          icon = "emblem-ok-symbolic";
          title = _("Nothing Overdue");
          description = _("No customer has waited longer than your reply target, as this app measures it");
          break;

        case MC_CHAT_VIEW_MODE_WAITING_FOR_CUSTOMER:
          title = _("No Chats Waiting for Customers");
          break;

        case MC_CHAT_VIEW_MODE_DISPUTES:
          title = _("No Disputes");
          break;

        case MC_CHAT_VIEW_MODE_FINISHED:
          title = _("No Finished Chats");
          break;

        case MC_CHAT_VIEW_MODE_ALL:
        default:
          title = _("No Chats");
          description = _("Chats with customers appear here");
          break;
        }

      adw_status_page_set_icon_name (self->empty_page, icon);
      adw_status_page_set_title (self->empty_page, title);
      adw_status_page_set_description (self->empty_page, description);
    }

  gtk_stack_set_visible_child_name (self->chats_stack, "empty");
}

static void
on_sync_notify (McChatList *self)
{
  mc_chat_list_update_chats_page (self);
}

static void
on_sync_error (McChatList *self,
               GParamSpec *pspec,
               McSession  *session)
{
  const GError *error = mc_session_get_sync_error (session);

  if (error == NULL)
    return;
  g_free (self->sync_error);
  self->sync_error = mc_error_describe (error);

  mc_chat_list_update_chats_page (self);
}

static void
on_cabinets_changed (McChatList *self)
{
  /* A replaced key gets a fresh chance. */
  g_clear_pointer (&self->sync_error, g_free);
}

/* Chat list. */


static void
on_chat_factory_setup (McChatList               *self,
                       GtkListItem              *item,
                       GtkSignalListItemFactory *factory)
{
  gtk_list_item_set_child (item, mc_chat_row_new ());
}

static void
on_chat_factory_bind (McChatList               *self,
                      GtkListItem              *item,
                      GtkSignalListItemFactory *factory)
{
  McChatRow *row = MC_CHAT_ROW (gtk_list_item_get_child (item));

  mc_chat_row_set_clocks (row, mc_session_get_chats (self->session));
  mc_chat_row_set_chat (row, gtk_list_item_get_item (item));
  g_ptr_array_add (self->bound_rows, row);
}

static void
on_chat_factory_unbind (McChatList               *self,
                        GtkListItem              *item,
                        GtkSignalListItemFactory *factory)
{
  McChatRow *row = MC_CHAT_ROW (gtk_list_item_get_child (item));

  g_ptr_array_remove_fast (self->bound_rows, row);
  mc_chat_row_set_chat (row, NULL);
}

static void
update_rows (McChatList *self)
{
  gint64 now = self->session != NULL ? mc_chat_store_get_now (mc_session_get_chats (self->session))
                                     : g_get_real_time ();

  /* Only rows that are bound, which is about what is on screen. */
  for (guint i = 0; i < self->bound_rows->len; i++)
    mc_chat_row_update_times (g_ptr_array_index (self->bound_rows, i), now);
}

/* One timer for every row: their minutes and reply clocks age together. */
static gboolean
on_clock (gpointer user_data)
{
  McChatList *self = user_data;

  update_rows (self);
  /* "Last checked 5 min ago" ages too. */
  if (self->session != NULL && !mc_session_get_reachable (self->session))
    mc_chat_list_update_chats_page (self);

  return G_SOURCE_CONTINUE;
}

static void
on_chat_selected (McChatList         *self,
                  GParamSpec         *pspec,
                  GtkSingleSelection *selection)
{
  McChat *chat = gtk_single_selection_get_selected_item (selection);

  /* A chat leaving the view (answered, so no longer "needs reply") drops
   * the selection; the conversation stays. */
  if (self->selecting || chat == NULL)
    return;

  g_signal_emit (self, signals[CHAT_SELECTED], 0, chat);
}

static void
on_chat_activated (McChatList  *self,
                   guint        position,
                   GtkListView *list)
{
  g_autoptr(McChat) chat = g_list_model_get_item (G_LIST_MODEL (self->view), position);

  if (chat != NULL)
    g_signal_emit (self, signals[CHAT_ACTIVATED], 0, chat);
}

static void
on_chats_scrolled (McChatList    *self,
                   GtkAdjustment *adjustment)
{
  self->list_at_top = gtk_adjustment_get_value (adjustment) <= 0;
}

static void
on_view_changed (McChatList *self,
                 guint       position,
                 guint       removed,
                 guint       added,
                 GListModel *view)
{
  /* The list view keeps its first row in place, so chats coming in above
   * it would push the most urgent ones out of sight. */
  if (position == 0 && added > 0 && self->list_at_top)
    mc_chat_list_scroll_chats_to_top (self);
  mc_chat_list_update_chats_page (self);
}

static void
on_mode_selected (McChatList  *self,
                  GParamSpec  *pspec,
                  GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->view == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  mc_chat_view_set_mode (self->view, mc_chat_list_position_mode (selected));
  mc_chat_list_view_switched (self);
  mc_chat_list_update_chats_page (self);
}

static void
on_search_changed (McChatList     *self,
                   GtkSearchEntry *entry)
{
  if (self->view == NULL)
    return;

  mc_chat_view_set_search_text (self->view, gtk_editable_get_text (GTK_EDITABLE (entry)));
  /* A search covers every chat of the selected stores: the view's choice
   * does not apply meanwhile, and looks so. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->mode_dropdown),
                            !mc_chat_view_get_searching (self->view));
  mc_chat_list_view_switched (self);
  mc_chat_list_update_chats_page (self);
}

static void
on_stop_search (McChatList     *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

void
mc_chat_list_set_store_item (McChatList  *self,
                             McSidebarItem *item)
{
  g_return_if_fail (MC_IS_CHAT_LIST (self));
  g_return_if_fail (MC_IS_SIDEBAR_ITEM (item));
  g_return_if_fail (self->view != NULL);

  mc_chat_view_set_store_item (self->view, item);
  mc_chat_list_view_switched (self);
}

gboolean
mc_chat_list_has_chat (McChatList *self,
                       gint64      chat_id)
{
  g_return_val_if_fail (MC_IS_CHAT_LIST (self), FALSE);

  return self->view != NULL && mc_chat_list_find_chat_position (self, chat_id) != GTK_INVALID_LIST_POSITION;
}

void
mc_chat_list_select_chat (McChatList *self,
                          gint64      chat_id)
{
  guint position;

  g_return_if_fail (MC_IS_CHAT_LIST (self));

  if (self->view == NULL)
    return;

  position = mc_chat_list_find_chat_position (self, chat_id);

  /* Filtered out by the view mode or the search: show all chats. */
  if (position == GTK_INVALID_LIST_POSITION)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      mc_chat_view_set_search_text (self->view, NULL);
      gtk_drop_down_set_selected (self->mode_dropdown, mc_chat_list_mode_position (MC_CHAT_VIEW_MODE_ALL));
      position = mc_chat_list_find_chat_position (self, chat_id);
    }

  if (position != GTK_INVALID_LIST_POSITION)
    mc_chat_list_select_position (self, position);
}

void
mc_chat_list_start_search (McChatList *self)
{
  g_return_if_fail (MC_IS_CHAT_LIST (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

gboolean
mc_chat_list_stop_search (McChatList *self)
{
  g_return_val_if_fail (MC_IS_CHAT_LIST (self), FALSE);

  if (!gtk_search_bar_get_search_mode (self->search_bar))
    return FALSE;

  on_stop_search (self, self->search_entry);

  return TRUE;
}

void
mc_chat_list_refresh (McChatList *self)
{
  g_return_if_fail (MC_IS_CHAT_LIST (self));
  g_return_if_fail (self->session != NULL);

  g_clear_pointer (&self->sync_error, g_free);
  mc_session_refresh (self->session);
  mc_chat_list_update_chats_page (self);
}

void
mc_chat_list_set_session (McChatList *self,
                          McSession  *session)
{
  g_return_if_fail (MC_IS_CHAT_LIST (self));
  g_return_if_fail (MC_IS_SESSION (session));
  /* The view, its rows and the pages all belong to one session. */
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);

  self->view = mc_chat_view_new (mc_session_get_chats (session));
  mc_chat_view_set_mode (self->view, MC_CHAT_VIEW_MODE_NEEDS_REPLY);
  g_signal_connect_object (self->view, "items-changed", G_CALLBACK (on_view_changed), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  self->chat_slice = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->view)),
                                               0, FIRST_FRAME_ROWS);
  self->chat_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->chat_slice)));
  gtk_single_selection_set_autoselect (self->chat_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->chat_selection, TRUE);
  gtk_single_selection_set_selected (self->chat_selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->chat_selection, "notify::selected-item",
                           G_CALLBACK (on_chat_selected), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->chats_list, GTK_SELECTION_MODEL (self->chat_selection));
  self->list_at_top = TRUE;
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->chats_scrolled), "value-changed",
                           G_CALLBACK (on_chats_scrolled), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (session, "notify::reachable", G_CALLBACK (on_sync_notify), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::checked", G_CALLBACK (on_sync_notify), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (mc_session_get_cabinets (session), "items-changed",
                           G_CALLBACK (on_cabinets_changed), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (session, "notify::online", G_CALLBACK (on_sync_notify), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::syncing", G_CALLBACK (on_sync_notify), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::paused-until", G_CALLBACK (on_sync_notify), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::sync-error", G_CALLBACK (on_sync_error), self,
                           G_CONNECT_SWAPPED);

  /* A new target or hours, or a chat turning overdue: the rows show it
   * now, not at the next minute. */
  g_signal_connect_object (mc_session_get_chats (session), "clocks-changed",
                           G_CALLBACK (update_rows), self, G_CONNECT_SWAPPED);

  mc_chat_list_update_chats_page (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/* The view drop-down lists Overdue right after Needs Reply; the modes
 * themselves keep their values. */
static const McChatViewMode mode_positions[] = {
  MC_CHAT_VIEW_MODE_NEEDS_REPLY,
  MC_CHAT_VIEW_MODE_OVERDUE,
  MC_CHAT_VIEW_MODE_ALL,
  MC_CHAT_VIEW_MODE_WAITING_FOR_CUSTOMER,
  MC_CHAT_VIEW_MODE_DISPUTES,
  MC_CHAT_VIEW_MODE_FINISHED,
};

guint
mc_chat_list_mode_position (McChatViewMode mode)
{
  for (guint i = 0; i < G_N_ELEMENTS (mode_positions); i++)
    if (mode_positions[i] == mode)
      return i;
  g_return_val_if_reached (0);
}

McChatViewMode
mc_chat_list_position_mode (guint position)
{
  g_return_val_if_fail (position < G_N_ELEMENTS (mode_positions), MC_CHAT_VIEW_MODE_NEEDS_REPLY);

  return mode_positions[position];
}

/* The first frame is the window's, painted from its realize on, whether
 * or not the list is mapped yet (the window may open on its loading
 * page): the rest of the rows wait for that frame, not for the list's. */
static void
on_root_realize (McChatList *self,
                 GtkWidget  *root)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (root), "after-paint",
                           G_CALLBACK (mc_chat_list_on_first_frame), self, G_CONNECT_SWAPPED);
}

static void
mc_chat_list_root (GtkWidget *widget)
{
  McChatList *self = MC_CHAT_LIST (widget);
  GtkWidget *root;

  GTK_WIDGET_CLASS (mc_chat_list_parent_class)->root (widget);

  root = GTK_WIDGET (gtk_widget_get_root (widget));
  if (gtk_widget_get_realized (root))
    on_root_realize (self, root);
  else
    g_signal_connect_object (root, "realize", G_CALLBACK (on_root_realize), self,
                             G_CONNECT_SWAPPED);
}

static void
mc_chat_list_unroot (GtkWidget *widget)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (root);

  g_signal_handlers_disconnect_by_func (root, on_root_realize, widget);
  if (clock != NULL)
    g_signal_handlers_disconnect_by_func (clock, mc_chat_list_on_first_frame, widget);

  GTK_WIDGET_CLASS (mc_chat_list_parent_class)->unroot (widget);
}

static void
mc_chat_list_dispose (GObject *object)
{
  McChatList *self = MC_CHAT_LIST (object);

  g_clear_handle_id (&self->clock_id, g_source_remove);
  g_clear_handle_id (&self->all_rows_id, g_source_remove);

  if (self->chats_list != NULL)
    gtk_list_view_set_model (self->chats_list, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_CHAT_LIST);
  mc_ui_unparent_children (GTK_WIDGET (self));

  g_clear_object (&self->chat_selection);
  g_clear_object (&self->chat_slice);
  g_clear_object (&self->view);
  g_clear_object (&self->open_chat);
  g_clear_object (&self->session);
  g_clear_pointer (&self->sync_error, g_free);

  G_OBJECT_CLASS (mc_chat_list_parent_class)->dispose (object);
}

static void
mc_chat_list_finalize (GObject *object)
{
  McChatList *self = MC_CHAT_LIST (object);

  g_ptr_array_unref (self->bound_rows);

  G_OBJECT_CLASS (mc_chat_list_parent_class)->finalize (object);
}

static void
mc_chat_list_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  McChatList *self = MC_CHAT_LIST (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_OPEN_CHAT:
      g_value_set_object (value, self->open_chat);
      break;

    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, gtk_search_bar_get_search_mode (self->search_bar));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_chat_list_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  McChatList *self = MC_CHAT_LIST (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      if (g_value_get_object (value) != NULL)
        mc_chat_list_set_session (self, g_value_get_object (value));
      break;

    case PROP_OPEN_CHAT:
      /* Only read when the view changes: the conversation shows it. */
      if (g_set_object (&self->open_chat, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_SEARCH_MODE:
      gtk_search_bar_set_search_mode (self->search_bar, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_search_mode_changed (McChatList *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

static void
mc_chat_list_class_init (McChatListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_chat_list_dispose;
  object_class->finalize = mc_chat_list_finalize;
  object_class->get_property = mc_chat_list_get_property;
  object_class->set_property = mc_chat_list_set_property;

  widget_class->root = mc_chat_list_root;
  widget_class->unroot = mc_chat_list_unroot;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPEN_CHAT] =
    g_param_spec_object ("open-chat", NULL, NULL,
                         MC_TYPE_CHAT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHAT_SELECTED] =
    g_signal_new ("chat-selected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MC_TYPE_CHAT);
  signals[CHAT_ACTIVATED] =
    g_signal_new ("chat-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MC_TYPE_CHAT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/mc-chat-list.ui");
  gtk_widget_class_bind_template_child (widget_class, McChatList, search_bar);
  gtk_widget_class_bind_template_child (widget_class, McChatList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, McChatList, mode_dropdown);
  gtk_widget_class_bind_template_child (widget_class, McChatList, chats_stack);
  gtk_widget_class_bind_template_child (widget_class, McChatList, chats_scrolled);
  gtk_widget_class_bind_template_child (widget_class, McChatList, chats_list);
  gtk_widget_class_bind_template_child (widget_class, McChatList, empty_page);
  gtk_widget_class_bind_template_child (widget_class, McChatList, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_chat_factory_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_chat_factory_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_chat_factory_unbind);
  gtk_widget_class_bind_template_callback (widget_class, on_chat_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
}

static void
mc_chat_list_init (McChatList *self)
{
  self->bound_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  mc_ui_label_inner_button (GTK_WIDGET (self->mode_dropdown), _("Which chats to show"));
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (on_search_mode_changed), self, G_CONNECT_SWAPPED);

  self->clock_id = g_timeout_add_seconds (CLOCK_SECONDS, on_clock, self);
  mc_chat_list_menu_init (self);
}
