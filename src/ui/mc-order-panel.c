/* mc-order-panel.c: the order card beside a chat with an order.
 *
 * It only reads the timeline's "order", "return", "order-state" and
 * "order-message": what is fetched, when, and what is kept is the
 * timeline's business.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-order-panel.h"
#include "mc-ui-util.h"
#include "mc-ui.h"

/* The section under the header leaves room for the conversation. */
#define COMPACT_MAX_HEIGHT 220
/* At the side it takes a fixed width: the conversation gets the rest,
 * and the window folds only a little earlier than without the card. */
#define SIDE_WIDTH 240
#define MAX_WIDTH_CHARS 28

struct _McOrderPanel
{
  GtkWidget       parent_instance;

  McChatTimeline *timeline;
  GSignalGroup   *timeline_signals;
  gboolean        revealed;
  gboolean        compact;

  GtkRevealer       *revealer;
  GtkBox            *outer_box;
  GtkWidget         *side_separator;
  GtkWidget         *bottom_separator;
  GtkScrolledWindow *scrolled_window;
  GtkStack          *stack;
  GtkSpinner        *spinner;
  GtkLabel          *message_title;
  GtkLabel          *message_label;
  GtkLabel          *note_label;
  GtkLabel          *order_number_label;
  GtkLabel          *status_label;
  GtkLabel          *substatus_label;
  GtkBox            *facts_box;
  GtkBox            *items_box;
  GtkWidget         *total_box;
  GtkLabel          *total_label;
  GtkWidget         *return_box;
  GtkLabel          *return_number_label;
  GtkLabel          *return_status_label;
  GtkBox            *return_facts_box;
  GtkBox            *return_items_box;
};

G_DEFINE_FINAL_TYPE (McOrderPanel, mc_order_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TIMELINE,
  PROP_REVEALED,
  PROP_COMPACT,
  PROP_HAS_ORDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
mc_order_panel_cabinet_uri (gint64 business_id,
                            gint64 order_id)
{
  g_return_val_if_fail (business_id > 0, NULL);
  g_return_val_if_fail (order_id > 0, NULL);

  /* As for chats (mc_ui_seller_cabinet_chat_uri()): the Market's own site,
   * also when the API is a test server. */
  return g_strdup_printf ("https://partner.market.yandex.ru/business/%" G_GINT64_FORMAT
                          "/orders/%" G_GINT64_FORMAT,
                          business_id, order_id);
}

GtkWidget *
mc_order_panel_new (void)
{
  return g_object_new (MC_TYPE_ORDER_PANEL, NULL);
}

static McOrder *
get_order (McOrderPanel *self)
{
  return self->timeline != NULL ? mc_chat_timeline_get_order (self->timeline) : NULL;
}

static McReturn *
get_return (McOrderPanel *self)
{
  return self->timeline != NULL ? mc_chat_timeline_get_return (self->timeline) : NULL;
}

gboolean
mc_order_panel_get_has_order (McOrderPanel *self)
{
  g_return_val_if_fail (MC_IS_ORDER_PANEL (self), FALSE);

  return self->timeline != NULL &&
         mc_chat_timeline_get_order_state (self->timeline) != MC_ORDER_STATE_NONE;
}

/* Words, or the API's own spelling when this version has none. */
static const char *
words_or (const char *words,
          const char *api)
{
  return words != NULL ? words : api;
}

static void
add_fact (GtkBox     *box,
          const char *caption,
          const char *value)
{
  GtkWidget *fact;
  GtkWidget *label;

  if (value == NULL || *value == '\0')
    return;

  fact = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  label = gtk_label_new (caption);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), MAX_WIDTH_CHARS);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (fact), label);

  /* The Market's words, plain text. */
  label = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), MAX_WIDTH_CHARS);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (fact), label);

  gtk_box_append (box, fact);
}

/* A return names its items by SKU only: the order has their names. */
static const char *
find_name (GPtrArray  *named,
           const char *sku)
{
  for (guint i = 0; named != NULL && sku != NULL && i < named->len; i++)
    {
      McOrderItem *item = g_ptr_array_index (named, i);

      if (g_strcmp0 (item->sku, sku) == 0)
        return item->name;
    }

  return NULL;
}

static void
add_items (GtkBox     *box,
           GPtrArray  *items,
           GPtrArray  *named,
           const char *currency)
{
  for (guint i = 0; i < items->len; i++)
    {
      McOrderItem *item = g_ptr_array_index (items, i);
      const char *name = item->name != NULL ? item->name : find_name (named, item->sku);
      g_autofree char *price = item->price >= 0 ? mc_format_money (item->price, currency) : NULL;
      g_autofree char *detail = NULL;
      g_autofree char *count = NULL;

      /* Translators: the count of an item in an order, e.g. "2 ×" before
       * its price, or alone. */
      count = g_strdup_printf (_("%d ×"), (int) MIN (item->count, G_MAXINT));
      if (price != NULL)
        detail = g_strdup_printf ("%s %s", count, price);
      else
        detail = g_strdup (count);

      add_fact (box, detail, name != NULL ? name : item->sku);
      if (name != NULL && item->sku != NULL)
        {
          g_autofree char *sku = g_strdup_printf (_("SKU: %s"), item->sku);
          GtkWidget *fact = gtk_widget_get_last_child (GTK_WIDGET (box));
          GtkWidget *label = gtk_label_new (sku);

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
          gtk_label_set_max_width_chars (GTK_LABEL (label), MAX_WIDTH_CHARS);
          gtk_label_set_selectable (GTK_LABEL (label), TRUE);
          gtk_widget_add_css_class (label, "caption");
          gtk_box_append (GTK_BOX (fact), label);
        }
    }
}

static char *
format_time (gint64 usec)
{
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;

  if (usec <= 0)
    return NULL;

  day = mc_ui_format_day (usec, g_get_real_time ());
  time = mc_ui_format_time_of_day (usec);

  /* Translators: a day and a time of day, e.g. "5 March, 14:05". */
  return g_strdup_printf (_("%s, %s"), day, time);
}

static void
show_order (McOrderPanel *self,
            McOrder      *order)
{
  g_autofree char *number = mc_ui_format_context (MC_CONTEXT_TYPE_ORDER,
                                                  mc_order_get_order_id (order), 0);
  g_autofree char *created = format_time (mc_order_get_created_at (order));
  g_autofree char *delivery_date = mc_order_dup_delivery_text (order);
  g_autofree char *total = mc_order_dup_total_text (order);
  g_autofree char *payment = NULL;
  const char *substatus;
  const char *payment_type;
  const char *payment_method;

  gtk_label_set_label (self->order_number_label, number);
  gtk_label_set_label (self->status_label, mc_order_status_get_words (mc_order_get_status (order)));
  substatus = words_or (mc_order_substatus_get_words (mc_order_get_substatus (order)),
                        mc_order_get_substatus_string (order));
  gtk_label_set_label (self->substatus_label, substatus != NULL ? substatus : "");
  gtk_widget_set_visible (GTK_WIDGET (self->substatus_label), substatus != NULL);

  mc_ui_unparent_children (GTK_WIDGET (self->facts_box));
  add_fact (self->facts_box, _("Created"), created);
  add_fact (self->facts_box, _("Delivery"),
            words_or (mc_order_delivery_type_get_words (mc_order_get_delivery_type (order)),
                      mc_order_get_delivery_type_string (order)));
  add_fact (self->facts_box, _("Delivery Date"), delivery_date);
  add_fact (self->facts_box, _("Delivery Service"), mc_order_get_delivery_service (order));

  payment_type = words_or (mc_order_payment_type_get_words (mc_order_get_payment_type (order)),
                           mc_order_get_payment_type_string (order));
  payment_method = words_or (mc_order_payment_method_get_words (mc_order_get_payment_method (order)),
                             mc_order_get_payment_method_string (order));
  if (payment_type != NULL && payment_method != NULL)
    /* Translators: the payment type and method, e.g. "Prepaid, SBP". */
    payment = g_strdup_printf (_("%s, %s"), payment_type, payment_method);
  else
    payment = g_strdup (payment_type != NULL ? payment_type : payment_method);
  add_fact (self->facts_box, _("Payment"), payment);

  mc_ui_unparent_children (GTK_WIDGET (self->items_box));
  add_items (self->items_box, mc_order_get_items (order), NULL, mc_order_get_currency (order));

  gtk_label_set_label (self->total_label, total != NULL ? total : "");
  gtk_widget_set_visible (self->total_box, total != NULL);
}

static void
show_return (McOrderPanel *self,
             McReturn     *ret,
             McOrder      *order)
{
  g_autofree char *number = NULL;
  g_autofree char *created = NULL;
  g_autofree char *amount = NULL;

  gtk_widget_set_visible (self->return_box, ret != NULL);
  if (ret == NULL)
    return;

  number = mc_ui_format_context (MC_CONTEXT_TYPE_RETURN, 0, mc_return_get_return_id (ret));
  created = format_time (mc_return_get_created_at (ret));
  if (mc_return_get_amount (ret) >= 0)
    amount = mc_format_money (mc_return_get_amount (ret), mc_return_get_currency (ret));

  gtk_label_set_label (self->return_number_label, number);
  gtk_label_set_label (self->return_status_label,
                       mc_return_status_get_words (mc_return_get_status (ret)));

  mc_ui_unparent_children (GTK_WIDGET (self->return_facts_box));
  add_fact (self->return_facts_box, _("Type"),
            words_or (mc_return_type_get_words (mc_return_get_return_type (ret)),
                      mc_return_get_return_type_string (ret)));
  add_fact (self->return_facts_box, _("Created"), created);
  add_fact (self->return_facts_box, _("Refund"), amount);

  mc_ui_unparent_children (GTK_WIDGET (self->return_items_box));
  add_items (self->return_items_box, mc_return_get_items (ret), mc_order_get_items (order),
             mc_return_get_currency (ret));
}

static void
update_reveal (McOrderPanel *self)
{
  gtk_revealer_set_reveal_child (self->revealer,
                                 self->revealed && mc_order_panel_get_has_order (self));
}

static void
update (McOrderPanel *self)
{
  McOrder *order = get_order (self);
  McOrderState state = self->timeline != NULL
    ? mc_chat_timeline_get_order_state (self->timeline) : MC_ORDER_STATE_NONE;
  const char *message = self->timeline != NULL
    ? mc_chat_timeline_get_order_message (self->timeline) : NULL;

  gtk_spinner_set_spinning (self->spinner, order == NULL && state == MC_ORDER_STATE_LOADING);

  if (order != NULL)
    {
      show_order (self, order);
      show_return (self, get_return (self), order);
      gtk_label_set_label (self->note_label, message != NULL ? message : "");
      gtk_widget_set_visible (GTK_WIDGET (self->note_label), message != NULL);
      gtk_stack_set_visible_child_name (self->stack, "order");
    }
  else if (state == MC_ORDER_STATE_NO_SCOPE || state == MC_ORDER_STATE_ERROR)
    {
      gtk_label_set_label (self->message_title,
                           state == MC_ORDER_STATE_NO_SCOPE ? _("No Access to Orders")
                                                            : _("Could Not Load the Order"));
      gtk_label_set_label (self->message_label, message != NULL ? message : "");
      gtk_stack_set_visible_child_name (self->stack, "message");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "loading");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "order-panel.copy-order", order != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "order-panel.open-in-cabinet", order != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "order-panel.copy-return",
                                 order != NULL && get_return (self) != NULL);
}

static void
on_order_state (McOrderPanel *self)
{
  update (self);
  update_reveal (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ORDER]);
}

McChatTimeline *
mc_order_panel_get_timeline (McOrderPanel *self)
{
  g_return_val_if_fail (MC_IS_ORDER_PANEL (self), NULL);

  return self->timeline;
}

void
mc_order_panel_set_timeline (McOrderPanel   *self,
                             McChatTimeline *timeline)
{
  g_return_if_fail (MC_IS_ORDER_PANEL (self));
  g_return_if_fail (timeline == NULL || MC_IS_CHAT_TIMELINE (timeline));

  if (!g_set_object (&self->timeline, timeline))
    return;

  g_signal_group_set_target (self->timeline_signals, timeline);
  on_order_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE]);
}

gboolean
mc_order_panel_get_revealed (McOrderPanel *self)
{
  g_return_val_if_fail (MC_IS_ORDER_PANEL (self), FALSE);

  return self->revealed;
}

void
mc_order_panel_set_revealed (McOrderPanel *self,
                             gboolean      revealed)
{
  g_return_if_fail (MC_IS_ORDER_PANEL (self));

  revealed = !!revealed;
  if (self->revealed == revealed)
    return;

  self->revealed = revealed;
  update_reveal (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}

gboolean
mc_order_panel_get_compact (McOrderPanel *self)
{
  g_return_val_if_fail (MC_IS_ORDER_PANEL (self), FALSE);

  return self->compact;
}

void
mc_order_panel_set_compact (McOrderPanel *self,
                            gboolean      compact)
{
  g_return_if_fail (MC_IS_ORDER_PANEL (self));

  compact = !!compact;
  if (self->compact == compact)
    return;

  self->compact = compact;

  /* Under the header it takes a slice of the height and the full width;
   * at the side, the full height and the width it needs. */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->outer_box),
                                  compact ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_visible (self->side_separator, !compact);
  gtk_widget_set_visible (self->bottom_separator, compact);
  gtk_revealer_set_transition_type (self->revealer,
                                    compact ? GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN
                                            : GTK_REVEALER_TRANSITION_TYPE_SLIDE_LEFT);
  gtk_scrolled_window_set_propagate_natural_height (self->scrolled_window, compact);
  gtk_scrolled_window_set_max_content_height (self->scrolled_window,
                                              compact ? COMPACT_MAX_HEIGHT : -1);
  gtk_widget_set_vexpand (GTK_WIDGET (self->scrolled_window), !compact);
  gtk_widget_set_size_request (GTK_WIDGET (self->scrolled_window), compact ? -1 : SIDE_WIDTH, -1);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPACT]);
}

gboolean
mc_order_panel_get_shown (McOrderPanel *self)
{
  g_return_val_if_fail (MC_IS_ORDER_PANEL (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

char *
mc_order_panel_dup_text (McOrderPanel *self)
{
  GString *text;

  g_return_val_if_fail (MC_IS_ORDER_PANEL (self), NULL);

  text = g_string_new (NULL);
  collect_text (gtk_stack_get_visible_child (self->stack), text);

  return g_string_free (text, FALSE);
}

static void
copy_number (McOrderPanel *self,
             gint64        number)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, number);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  mc_ui_toast (GTK_WIDGET (self), _("Copied"));
}

static void
copy_order_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  McOrderPanel *self = MC_ORDER_PANEL (widget);
  McOrder *order = get_order (self);

  if (order != NULL)
    copy_number (self, mc_order_get_order_id (order));
}

static void
copy_return_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  McOrderPanel *self = MC_ORDER_PANEL (widget);
  McReturn *ret = get_return (self);

  if (ret != NULL)
    copy_number (self, mc_return_get_return_id (ret));
}

static void
open_in_cabinet_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  McOrderPanel *self = MC_ORDER_PANEL (widget);
  McOrder *order = get_order (self);
  g_autofree char *uri = NULL;
  GtkRoot *root;

  if (order == NULL)
    return;

  uri = mc_order_panel_cabinet_uri (mc_chat_get_business_id (mc_chat_timeline_get_chat (self->timeline)),
                                    mc_order_get_order_id (order));
  root = gtk_widget_get_root (widget);
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
mc_order_panel_dispose (GObject *object)
{
  McOrderPanel *self = MC_ORDER_PANEL (object);

  if (self->timeline_signals != NULL)
    g_signal_group_set_target (self->timeline_signals, NULL);
  g_clear_object (&self->timeline);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_ORDER_PANEL);

  G_OBJECT_CLASS (mc_order_panel_parent_class)->dispose (object);
}

static void
mc_order_panel_finalize (GObject *object)
{
  McOrderPanel *self = MC_ORDER_PANEL (object);

  g_clear_object (&self->timeline_signals);

  G_OBJECT_CLASS (mc_order_panel_parent_class)->finalize (object);
}

static void
mc_order_panel_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  McOrderPanel *self = MC_ORDER_PANEL (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;

    case PROP_REVEALED:
      g_value_set_boolean (value, self->revealed);
      break;

    case PROP_COMPACT:
      g_value_set_boolean (value, self->compact);
      break;

    case PROP_HAS_ORDER:
      g_value_set_boolean (value, mc_order_panel_get_has_order (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_order_panel_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  McOrderPanel *self = MC_ORDER_PANEL (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      mc_order_panel_set_timeline (self, g_value_get_object (value));
      break;

    case PROP_REVEALED:
      mc_order_panel_set_revealed (self, g_value_get_boolean (value));
      break;

    case PROP_COMPACT:
      mc_order_panel_set_compact (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_order_panel_class_init (McOrderPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_order_panel_dispose;
  object_class->finalize = mc_order_panel_finalize;
  object_class->get_property = mc_order_panel_get_property;
  object_class->set_property = mc_order_panel_set_property;

  properties[PROP_TIMELINE] =
    g_param_spec_object ("timeline", NULL, NULL,
                         MC_TYPE_CHAT_TIMELINE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_ORDER] =
    g_param_spec_boolean ("has-order", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marketchats/MarketChats/ui/mc-order-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, McOrderPanel, revealer);
  gtk_widget_class_bind_template_child (widget_class, McOrderPanel, outer_box);
  gtk_widget_class_bind_template_child (widget_class, McOrderPanel, side_separator);
  gtk_widget_class_bind_template_child (widget_class, McOrderPanel, bottom_separator);
  gtk_widget_class_bind_template_child (widget_class, McOrderPanel, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, McOrderPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, McOrderPanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, McOrderPanel, message_title);
  gtk_widget_class_bind_template_child (widget_class, McOrderPanel, message_label);
  gtk_widget_class_bind_template_child (widget_class, McOrderPanel, note_label);
  gtk_widget_class_bind_template_child (widget_class, McOrderPanel, order_number_label);
  gtk_widget_class_bind_template_child (widget_class, McOrderPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, McOrderPanel, substatus_label);
  gtk_widget_class_bind_template_child (widget_class, McOrderPanel, facts_box);
  gtk_widget_class_bind_template_child (widget_class, McOrderPanel, items_box);
  gtk_widget_class_bind_template_child (widget_class, McOrderPanel, total_box);
  gtk_widget_class_bind_template_child (widget_class, McOrderPanel, total_label);
  gtk_widget_class_bind_template_child (widget_class, McOrderPanel, return_box);
  gtk_widget_class_bind_template_child (widget_class, McOrderPanel, return_number_label);
  gtk_widget_class_bind_template_child (widget_class, McOrderPanel, return_status_label);
  gtk_widget_class_bind_template_child (widget_class, McOrderPanel, return_facts_box);
  gtk_widget_class_bind_template_child (widget_class, McOrderPanel, return_items_box);

  gtk_widget_class_install_action (widget_class, "order-panel.copy-order", NULL, copy_order_action);
  gtk_widget_class_install_action (widget_class, "order-panel.copy-return", NULL, copy_return_action);
  gtk_widget_class_install_action (widget_class, "order-panel.open-in-cabinet", NULL,
                                   open_in_cabinet_action);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mc_order_panel_init (McOrderPanel *self)
{
  self->timeline_signals = g_signal_group_new (MC_TYPE_CHAT_TIMELINE);
  g_signal_group_connect_object (self->timeline_signals, "notify::order",
                                 G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->timeline_signals, "notify::return",
                                 G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->timeline_signals, "notify::order-message",
                                 G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->timeline_signals, "notify::order-state",
                                 G_CALLBACK (on_order_state), self, G_CONNECT_SWAPPED);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Order"),
                                  -1);
  update (self);
}
