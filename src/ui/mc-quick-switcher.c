/* mc-quick-switcher.c: Ctrl+K: any chat of any cabinet, by the customer's
 * name or the order or return number, from the keyboard.
 *
 * The matching is McChatView's, over every cabinet: it narrows what it
 * found while the seller types on, and the list shows a slice of it, so
 * 100,000 chats cost no more rows than 50.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-cabinet.h"
#include "mc-chat-view.h"
#include "mc-quick-switcher.h"
#include "mc-sidebar-model.h"
#include "mc-ui.h"
#include "mc-ui-util.h"

/* Rows one Page Up or Page Down moves the choice by. */
#define PAGE_ROWS 8

struct _McQuickSwitcher
{
  AdwWindow           parent_instance;

  McSession          *session;
  McChatView         *view;
  GtkSliceListModel  *slice;
  GtkSingleSelection *selection;

  GtkSearchEntry     *search_entry;
  GtkLabel           *count_label;
  GtkStack           *stack;
  GtkListView        *results_list;
  AdwStatusPage      *empty_page;
};

G_DEFINE_FINAL_TYPE (McQuickSwitcher, mc_quick_switcher, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWindow *
mc_quick_switcher_new (McSession *session,
                       GtkWindow *parent)
{
  int width = parent != NULL ? gtk_widget_get_width (GTK_WIDGET (parent)) : 0;

  g_return_val_if_fail (MC_IS_SESSION (session), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  /* No wider than a phone-narrow window it opens over. */
  return g_object_new (MC_TYPE_QUICK_SWITCHER,
                       "session", session,
                       "transient-for", parent,
                       "default-width", width > 0 ? MIN (width, 480) : 480,
                       NULL);
}

GListModel *
mc_quick_switcher_get_results (McQuickSwitcher *self)
{
  g_return_val_if_fail (MC_IS_QUICK_SWITCHER (self), NULL);

  return G_LIST_MODEL (self->selection);
}

guint
mc_quick_switcher_get_n_matches (McQuickSwitcher *self)
{
  g_return_val_if_fail (MC_IS_QUICK_SWITCHER (self), 0);

  return self->view != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->view)) : 0;
}

static const char *
cabinet_label (McQuickSwitcher *self,
               gint64           business_id)
{
  GListModel *cabinets = mc_session_get_cabinets (self->session);

  for (guint i = 0; i < g_list_model_get_n_items (cabinets); i++)
    {
      g_autoptr(McCabinet) cabinet = g_list_model_get_item (cabinets, i);

      if (mc_cabinet_get_business_id (cabinet) == business_id)
        return mc_cabinet_get_label (cabinet);
    }

  return NULL;
}

/* "Order 123 · Store · Cabinet" */
static char *
format_where (McQuickSwitcher *self,
              McChat          *chat)
{
  McChatContext *context = mc_chat_get_context (chat);
  GString *where = g_string_new (NULL);
  gint64 campaign_id = mc_chat_get_campaign_id (chat);
  const char *cabinet = cabinet_label (self, mc_chat_get_business_id (chat));

  if (context != NULL)
    {
      g_autofree char *what = mc_ui_format_context (mc_chat_context_get_context_type (context),
                                                    mc_chat_context_get_order_id (context),
                                                    mc_chat_context_get_return_id (context));

      g_string_append (where, what);
    }

  if (campaign_id != 0)
    {
      McSidebarItem *store = mc_sidebar_model_find_campaign (mc_session_get_stores (self->session),
                                                             campaign_id);

      if (store != NULL)
        g_string_append_printf (where, "%s%s", where->len > 0 ? " · " : "",
                                mc_sidebar_item_get_title (store));
    }

  if (cabinet != NULL && *cabinet != '\0')
    g_string_append_printf (where, "%s%s", where->len > 0 ? " · " : "", cabinet);

  return g_string_free (where, FALSE);
}

/* "Needs reply · waiting 2 h 5 min" */
static char *
format_state (McChat *chat)
{
  const char *status = mc_ui_chat_status_to_string (mc_chat_get_status (chat));
  g_autofree char *waiting = NULL;

  if (!mc_chat_needs_reply (chat))
    return g_strdup (status);

  waiting = mc_ui_format_waiting (mc_chat_get_waiting_since (chat), g_get_real_time ());

  return g_strdup_printf ("%s · %s", status, waiting);
}

static GtkWidget *
new_line (GtkWidget  *box,
          const char *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  gtk_box_append (GTK_BOX (box), label);

  return label;
}

static void
on_factory_setup (McQuickSwitcher          *self,
                  GtkListItem              *item,
                  GtkSignalListItemFactory *factory)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *state;

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  new_line (box, "heading");
  new_line (box, "caption");
  state = new_line (box, "caption");
  gtk_widget_add_css_class (state, "dim-label");
  gtk_list_item_set_child (item, box);
}

static void
on_factory_bind (McQuickSwitcher          *self,
                 GtkListItem              *item,
                 GtkSignalListItemFactory *factory)
{
  McChat *chat = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name_label = gtk_widget_get_first_child (box);
  GtkWidget *where_label = gtk_widget_get_next_sibling (name_label);
  GtkWidget *state_label = gtk_widget_get_next_sibling (where_label);
  const char *name = mc_chat_get_customer_name (chat);
  g_autofree char *where = format_where (self, chat);
  g_autofree char *state = format_state (chat);
  g_autofree char *spoken = NULL;

  if (name == NULL || *name == '\0')
    name = _("Customer");

  /* Server text, shown as it is. */
  gtk_label_set_text (GTK_LABEL (name_label), name);
  gtk_label_set_text (GTK_LABEL (where_label), where);
  gtk_label_set_text (GTK_LABEL (state_label), state);

  spoken = g_strdup_printf ("%s, %s, %s", name, where, state);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

static void
mc_quick_switcher_update (McQuickSwitcher *self)
{
  guint n_matches = mc_quick_switcher_get_n_matches (self);
  gboolean searching = mc_chat_view_get_searching (self->view);
  g_autofree char *count = NULL;

  if (n_matches == 0)
    {
      if (searching)
        {
          adw_status_page_set_title (self->empty_page, _("No Matching Chats"));
          adw_status_page_set_description (self->empty_page,
                                           _("Search by the customer’s name or the order or return number"));
        }
      else
        {
          adw_status_page_set_title (self->empty_page, _("No chats need a reply"));
          adw_status_page_set_description (self->empty_page,
                                           _("Type a customer’s name or an order or return number"));
        }
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), FALSE);
      return;
    }

  if (!searching)
    count = g_strdup (_("Chats that need a reply, in every cabinet, oldest waiting first"));
  else if (n_matches > MC_QUICK_SWITCHER_MAX_RESULTS)
    count = g_strdup_printf (ngettext ("The first %u of %u chat: type more to narrow the search",
                                       "The first %u of %u chats: type more to narrow the search",
                                       n_matches),
                             MC_QUICK_SWITCHER_MAX_RESULTS, n_matches);
  else
    count = g_strdup_printf (ngettext ("%u chat found", "%u chats found", n_matches), n_matches);

  gtk_label_set_label (self->count_label, count);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "results");
}

static void
on_view_changed (McQuickSwitcher *self,
                 guint            position,
                 guint            removed,
                 guint            added,
                 GListModel      *view)
{
  mc_quick_switcher_update (self);
}

static void
mc_quick_switcher_choose (McQuickSwitcher *self,
                          guint            position)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  if (n_items == 0)
    return;

  position = MIN (position, n_items - 1);
  gtk_single_selection_set_selected (self->selection, position);
  /* The focus stays in the entry, so the list only scrolls. */
  gtk_widget_activate_action (GTK_WIDGET (self->results_list), "list.scroll-to-item", "u", position);
}

static void
on_search_changed (McQuickSwitcher *self,
                   GtkSearchEntry  *entry)
{
  mc_chat_view_set_search_text (self->view, gtk_editable_get_text (GTK_EDITABLE (entry)));
  mc_quick_switcher_update (self);
  mc_quick_switcher_choose (self, 0);
}

static void
mc_quick_switcher_open (McQuickSwitcher *self,
                        guint            position)
{
  g_autoptr(McChat) chat = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (chat == NULL)
    return;

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.open-chat", "x", mc_chat_get_chat_id (chat));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_entry_activate (McQuickSwitcher *self,
                   GtkSearchEntry  *entry)
{
  mc_quick_switcher_open (self, gtk_single_selection_get_selected (self->selection));
}

static void
on_result_activated (McQuickSwitcher *self,
                     guint            position,
                     GtkListView     *list)
{
  mc_quick_switcher_open (self, position);
}

static void
on_stop_search (McQuickSwitcher *self,
                GtkSearchEntry  *entry)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The entry keeps the focus while the arrows choose a chat: typing on
 * narrows the list at any time. */
static gboolean
on_key_pressed (McQuickSwitcher       *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  guint selected = gtk_single_selection_get_selected (self->selection);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return GDK_EVENT_PROPAGATE;

  if (selected == GTK_INVALID_LIST_POSITION)
    selected = 0;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      mc_quick_switcher_choose (self, selected > 0 ? selected - 1 : 0);
      return GDK_EVENT_STOP;

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      mc_quick_switcher_choose (self, selected + 1);
      return GDK_EVENT_STOP;

    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      mc_quick_switcher_choose (self, selected > PAGE_ROWS ? selected - PAGE_ROWS : 0);
      return GDK_EVENT_STOP;

    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      mc_quick_switcher_choose (self, selected + PAGE_ROWS);
      return GDK_EVENT_STOP;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (n_items == 0)
        return GDK_EVENT_PROPAGATE;
      mc_quick_switcher_open (self, selected);
      return GDK_EVENT_STOP;

    case GDK_KEY_Escape:
      gtk_window_destroy (GTK_WINDOW (self));
      return GDK_EVENT_STOP;

    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static void
mc_quick_switcher_constructed (GObject *object)
{
  McQuickSwitcher *self = MC_QUICK_SWITCHER (object);

  G_OBJECT_CLASS (mc_quick_switcher_parent_class)->constructed (object);

  g_return_if_fail (MC_IS_SESSION (self->session));

  /* Every cabinet and store; with nothing typed, what needs a reply. */
  self->view = g_object_new (MC_TYPE_CHAT_VIEW,
                             "store", mc_session_get_chats (self->session),
                             "business-id", (gint64) 0,
                             "campaign-filter", MC_CAMPAIGN_FILTER_ALL,
                             "mode", MC_CHAT_VIEW_MODE_NEEDS_REPLY,
                             NULL);
  self->slice = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->view)),
                                          0, MC_QUICK_SWITCHER_MAX_RESULTS);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->slice)));
  gtk_list_view_set_model (self->results_list, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->view, "items-changed", G_CALLBACK (on_view_changed), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  mc_quick_switcher_update (self);
}

static void
mc_quick_switcher_dispose (GObject *object)
{
  McQuickSwitcher *self = MC_QUICK_SWITCHER (object);

  if (self->results_list != NULL)
    gtk_list_view_set_model (self->results_list, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_QUICK_SWITCHER);

  g_clear_object (&self->selection);
  g_clear_object (&self->slice);
  g_clear_object (&self->view);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mc_quick_switcher_parent_class)->dispose (object);
}

static void
mc_quick_switcher_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  McQuickSwitcher *self = MC_QUICK_SWITCHER (object);

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
mc_quick_switcher_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  McQuickSwitcher *self = MC_QUICK_SWITCHER (object);

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
mc_quick_switcher_class_init (McQuickSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mc_quick_switcher_constructed;
  object_class->dispose = mc_quick_switcher_dispose;
  object_class->get_property = mc_quick_switcher_get_property;
  object_class->set_property = mc_quick_switcher_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/mc-quick-switcher.ui");
  gtk_widget_class_bind_template_child (widget_class, McQuickSwitcher, search_entry);
  gtk_widget_class_bind_template_child (widget_class, McQuickSwitcher, count_label);
  gtk_widget_class_bind_template_child (widget_class, McQuickSwitcher, stack);
  gtk_widget_class_bind_template_child (widget_class, McQuickSwitcher, results_list);
  gtk_widget_class_bind_template_child (widget_class, McQuickSwitcher, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_result_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
}

static void
mc_quick_switcher_init (McQuickSwitcher *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
