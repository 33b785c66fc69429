/* test-widgets.c: rows, the welcome page and the key form on their own,
 * as a new seller meets them: what they show, say on hover and tell a
 * screen reader.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mc-chat-row.h"
#include "mc-message-row.h"
#include "mc-store-row.h"
#include "mc-ui.h"
#include "mc-window.h"
#include "ui-test-util.h"

static void
assert_accessible_label (GtkWidget  *widget,
                         const char *expected)
{
  g_autofree char *mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                  expected);

  if (mismatch != NULL)
    g_error ("accessible label is “%s”, not “%s”", mismatch, expected);
}

/* One badge, the chats that need a reply; the unread count, the whole
 * name and the placement type on hover and for a screen reader. */
static void
test_store_row (void)
{
  const char *name = "Уютный дом — склад Маркета в Софьино, самый длинный";
  g_autoptr(McCampaign) campaign = mc_campaign_new (7, name, 3, "Уютный дом",
                                                    MC_PLACEMENT_TYPE_FBY,
                                                    MC_API_AVAILABILITY_AVAILABLE);
  g_autoptr(McSidebarItem) store = mc_sidebar_item_new (MC_SIDEBAR_ITEM_KIND_CABINET_STORE, 3, campaign, "Уютный дом");
  g_autoptr(McSidebarItem) all = mc_sidebar_item_new (MC_SIDEBAR_ITEM_KIND_ALL_STORES, 3, NULL, "Уютный дом");
  GtkWidget *store_row;
  GtkWidget *all_row;
  g_autofree char *store_label = NULL;
  const char *tooltip;

  mc_sidebar_item_set_needs_reply_count (store, 23);
  mc_sidebar_item_set_unread_count (store, 5);
  store_row = g_object_ref_sink (mc_store_row_new (store));

  g_assert_cmpstr (mc_store_row_get_badge_text (MC_STORE_ROW (store_row)), ==, "23");
  tooltip = gtk_widget_get_tooltip_text (store_row);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, mc_sidebar_item_get_title (store)));
  g_assert_nonnull (strstr (tooltip, "FBY, Market warehouse"));
  g_assert_nonnull (strstr (tooltip, "23 chats need a reply, 5 unread"));
  store_label = g_strdup_printf ("%s, FBY, Market warehouse, 23 chats need a reply, 5 unread",
                                 mc_sidebar_item_get_title (store));
  assert_accessible_label (store_row, store_label);

  /* The count follows the store, and no badge when nothing waits. */
  mc_sidebar_item_set_needs_reply_count (store, 1);
  mc_sidebar_item_set_unread_count (store, 1);
  g_assert_cmpstr (mc_store_row_get_badge_text (MC_STORE_ROW (store_row)), ==, "1");
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (store_row), "1 chat needs a reply, 1 unread"));
  mc_sidebar_item_set_needs_reply_count (store, 0);
  g_assert_null (mc_store_row_get_badge_text (MC_STORE_ROW (store_row)));

  all_row = g_object_ref_sink (mc_store_row_new (all));
  assert_accessible_label (all_row, "All stores, 0 chats need a reply, 0 unread");
  g_assert_null (mc_store_row_get_badge_text (MC_STORE_ROW (all_row)));

  g_assert_finalize_object (store_row);
  g_assert_finalize_object (all_row);
}

static GtkWidget *
find_child_of_type (GtkWidget *widget,
                    GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_visible (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (child))
        continue;
      found = find_child_of_type (child, type);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_get_visible (child) && shows_label (child, text))
        return TRUE;
    }

  return FALSE;
}

static gboolean is_mapped (gpointer data);

static void
on_open_in_cabinet (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  gint64 *opened = user_data;

  *opened = g_variant_get_int64 (parameter);
}

/* A message with neither text nor files (the API's stickers) says what it
 * is and offers the seller cabinet, at that chat. */
static void
test_sticker_message (void)
{
  g_autoptr(McMessage) sticker = mc_message_new (11, 4242);
  g_autoptr(McMessage) text = mc_message_new (12, 4242);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *row = g_object_ref_sink (mc_message_row_new ());
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("open-in-cabinet", G_VARIANT_TYPE_INT64);
  gint64 opened = 0;
  GLogLevelFlags fatal;
  GtkWidget *button;
  GVariant *target;

  /* A row in a window before its message: GTK warns about an action
   * without its target as soon as the button is rooted. */
  g_signal_connect (action, "activate", G_CALLBACK (on_open_in_cabinet), &opened);
  g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (action));
  gtk_widget_insert_action_group (GTK_WIDGET (window), "win", G_ACTION_GROUP (actions));
  fatal = g_log_set_fatal_mask ("Gtk", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);
  gtk_window_set_child (window, row);
  gtk_window_present (window);
  g_assert_true (ui_test_wait_until (is_mapped, row, 5000));

  mc_message_set_sender (sticker, MC_SENDER_CUSTOMER);
  mc_message_row_set_message (MC_MESSAGE_ROW (row), sticker);
  g_assert_true (shows_label (row, "A sticker or other content that only the seller cabinet shows"));
  g_assert_false (shows_label (row, "cannot show"));
  button = find_child_of_type (row, GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Open in Seller Cabinet");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.open-in-cabinet");
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
  g_assert_nonnull (target);
  g_assert_cmpint (g_variant_get_int64 (target), ==, 4242);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpint (opened, ==, 4242);

  /* A message with text has neither the words nor the button. */
  mc_message_set_sender (text, MC_SENDER_CUSTOMER);
  mc_message_set_text (text, "Здравствуйте");
  mc_message_row_set_message (MC_MESSAGE_ROW (row), text);
  g_assert_false (shows_label (row, "seller cabinet"));
  g_assert_null (find_child_of_type (row, GTK_TYPE_BUTTON));
  ui_test_run_for (100);
  g_log_set_fatal_mask ("Gtk", fatal);

  gtk_window_destroy (window);
  g_assert_finalize_object (row);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
is_280_wide (gpointer data)
{
  return gtk_widget_get_width (data) >= 280;
}

/* Screen readers said "_Cancel Cancel": a button's accessible name is its
 * label without the mnemonic mark, in our rows and in message dialogs, and
 * it follows the label when it changes. */
static void
test_mnemonic_names (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  g_autoptr(McMessage) failed = mc_message_new (0, 4242);
  GtkWidget *row = mc_message_row_new ();
  GtkWidget *dialog;
  GtkWidget *button;

  mc_message_set_sender (failed, MC_SENDER_PARTNER);
  mc_message_set_text (failed, "Добрый день");
  mc_message_set_state (failed, MC_MESSAGE_STATE_FAILED);
  mc_message_row_set_message (MC_MESSAGE_ROW (row), failed);
  gtk_window_set_child (window, row);
  gtk_window_present (window);
  g_assert_true (ui_test_wait_until (is_mapped, row, 5000));

  assert_accessible_label (find_button (row, "_Retry"), "Retry");
  button = find_button (row, "_Edit");
  assert_accessible_label (button, "Edit");
  gtk_button_set_label (GTK_BUTTON (button), "_Change");
  assert_accessible_label (button, "Change");

  dialog = adw_message_dialog_new (window, "Send anyway?", NULL);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", "_Cancel",
                                    "send", "_Send Anyway",
                                    NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (ui_test_wait_until (is_mapped, dialog, 5000));
  assert_accessible_label (find_button (dialog, "_Cancel"), "Cancel");
  assert_accessible_label (find_button (dialog, "_Send Anyway"), "Send Anyway");

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (window);
}

static GtkEventControllerKey *
key_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        return GTK_EVENT_CONTROLLER_KEY (controller);
    }

  return NULL;
}

static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (key_controller (widget), "key-pressed", keyval, 0, 0, &handled);

  return handled;
}

static gboolean
is_folded (gpointer data)
{
  return adw_leaflet_get_folded (data);
}

/* Long store names: the store list beside the chats can be widened, with
 * the keyboard too, is remembered, and never so wide that the window
 * cannot fold to a phone's 360 px. */
static void
test_sidebar_width (void)
{
  McSession *session = ui_test_new_demo_session ();
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  McWindow *window;
  GtkWidget *handle;
  GtkWidget *pane;
  AdwLeaflet *leaflet;
  int width;
  int minimum;

  g_settings_reset (settings, "sidebar-width");
  g_settings_set_int (settings, "window-width", 1280);
  g_settings_set_boolean (settings, "window-maximized", FALSE);
  window = mc_window_new (NULL, session, settings);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_wait_until (is_mapped, window, 5000));

  handle = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), MC_TYPE_WINDOW, "sidebar_handle"));
  pane = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), MC_TYPE_WINDOW, "sidebar_pane"));
  leaflet = ADW_LEAFLET (gtk_widget_get_template_child (GTK_WIDGET (window), MC_TYPE_WINDOW, "leaflet"));
  g_assert_true (gtk_widget_get_focusable (handle));
  assert_accessible_label (handle, "Store list width");

  gtk_widget_get_size_request (pane, &width, NULL);
  g_assert_cmpint (width, ==, 240);
  g_assert_true (press_key (handle, GDK_KEY_Right));
  g_assert_true (press_key (handle, GDK_KEY_Right));
  gtk_widget_get_size_request (pane, &width, NULL);
  g_assert_cmpint (width, ==, 280);
  g_assert_cmpint (g_settings_get_int (settings, "sidebar-width"), ==, 280);
  /* Laid out within a few frames, later on a busy machine. */
  g_assert_true (ui_test_wait_until (is_280_wide, pane, 5000));
  g_assert_false (adw_leaflet_get_folded (leaflet));

  for (guint i = 0; i < 20; i++)
    press_key (handle, GDK_KEY_Right);
  gtk_widget_get_size_request (pane, &width, NULL);
  g_assert_cmpint (width, ==, 360);
  g_assert_true (press_key (handle, GDK_KEY_Left));
  gtk_widget_get_size_request (pane, &width, NULL);
  g_assert_cmpint (width, ==, 340);
  g_assert_false (press_key (handle, GDK_KEY_a));

  /* As wide as it goes, the window still folds at 360 px. */
  for (guint i = 0; i < 5; i++)
    press_key (handle, GDK_KEY_Right);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  g_assert_true (ui_test_wait_until (is_folded, leaflet, 5000));
  gtk_widget_measure (GTK_WIDGET (leaflet), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  g_settings_reset (settings, "sidebar-width");
  ui_test_destroy_and_check (GTK_WINDOW (window), session);
}

static McChat *
make_row_chat (gint64        id,
               const char   *name,
               McChatStatus  status,
               gint64        waited,
               guint         unread)
{
  g_autoptr(McCustomer) customer = mc_customer_new (name, NULL);
  g_autoptr(McChatContext) context = mc_chat_context_new_full (MC_CONTEXT_TYPE_ORDER, 100, 40000000 + id, 0, customer);
  gint64 now = g_get_real_time ();
  McChat *chat = mc_chat_new_full (id, 7, MC_CHAT_TYPE_CHAT, status, now - G_TIME_SPAN_DAY, now - 5 * G_TIME_SPAN_MINUTE,
                                   context);

  if (waited > 0)
    mc_chat_set_waiting_since (chat, now - waited);
  mc_chat_set_unread_count (chat, unread);
  mc_chat_set_last_message_preview (chat, "Здравствуйте! Подскажите, пожалуйста, когда приедет мой заказ и можно ли его перенести на выходные?");

  return chat;
}

static gboolean
colors_equal (const GdkRGBA *a,
              const GdkRGBA *b)
{
  return G_APPROX_VALUE (a->red, b->red, 0.002) && G_APPROX_VALUE (a->green, b->green, 0.002) &&
         G_APPROX_VALUE (a->blue, b->blue, 0.002) && G_APPROX_VALUE (a->alpha, b->alpha, 0.002);
}

static void
assert_clock_color (McChatRow  *row,
                    const char *named)
{
  GdkRGBA expected, color;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (row)), named, &expected));
  G_GNUC_END_IGNORE_DEPRECATIONS
  mc_chat_row_get_part_color (row, MC_CHAT_ROW_PART_CLOCK, &color);
  g_assert_true (colors_equal (&color, &expected));
}

/* Each part of a chat row fits a 360 px window: the texts give way with an
 * ellipsis, nothing is drawn past the row's end. */
static void
assert_row_fits (McChatRow *row)
{
  int width = gtk_widget_get_width (GTK_WIDGET (row));

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (width, <=, 360);
  for (McChatRowPart part = 0; part < MC_CHAT_ROW_N_PARTS; part++)
    {
      graphene_rect_t bounds;

      if (!mc_chat_row_get_part_bounds (row, part, &bounds))
        {
          g_assert_null (mc_chat_row_get_text (row, part));
          continue;
        }
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, width);
    }
}

static gboolean
row_laid_out (gpointer data)
{
  graphene_rect_t bounds;

  return mc_chat_row_get_part_bounds (data, MC_CHAT_ROW_PART_NAME, &bounds);
}

/* The chat rows say who, about what, and how the reply clock stands, in
 * words and in libadwaita's colours (which dark mode changes), with the
 * pin, unread and muted marks other parts of the window set; a screen
 * reader hears all of it in one label; a narrow row ellipsizes. */
/* How many nodes of @type the tree under @node holds. */
static guint
count_nodes (GskRenderNode     *node,
             GskRenderNodeType  type)
{
  guint count = gsk_render_node_get_node_type (node) == type;

  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        count += count_nodes (gsk_container_node_get_child (node, i), type);
      break;
    case GSK_TRANSFORM_NODE:
      count += count_nodes (gsk_transform_node_get_child (node), type);
      break;
    case GSK_CLIP_NODE:
      count += count_nodes (gsk_clip_node_get_child (node), type);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      count += count_nodes (gsk_rounded_clip_node_get_child (node), type);
      break;
    case GSK_OPACITY_NODE:
      count += count_nodes (gsk_opacity_node_get_child (node), type);
      break;
    default:
      break;
    }

  return count;
}

static void
test_chat_row (void)
{
  g_autoptr(McChat) calm = make_row_chat (1, "Анна Константиновна Петрова-Водкина", MC_CHAT_STATUS_NEW,
                                          30 * G_TIME_SPAN_MINUTE, 2);
  g_autoptr(McChat) due = make_row_chat (2, "Иван П.", MC_CHAT_STATUS_WAITING_FOR_PARTNER, 50 * G_TIME_SPAN_MINUTE, 1);
  g_autoptr(McChat) overdue = make_row_chat (3, "Мария С.", MC_CHAT_STATUS_NEW, 100 * G_TIME_SPAN_MINUTE, 0);
  g_autoptr(McChat) done = make_row_chat (4, "Олег Д.", MC_CHAT_STATUS_FINISHED, 0, 0);
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  McChatRow *rows[4];
  McChat *chats[] = { calm, due, overdue, done };
  GdkRGBA light, dark, color;
  int natural;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      rows[i] = MC_CHAT_ROW (mc_chat_row_new ());
      mc_chat_row_set_chat (rows[i], chats[i]);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (rows[i]));
    }
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, -1);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_wait_until (row_laid_out, rows[3], 5000));

  /* The row draws its avatar and badges without round clips, which cost
   * the renderer a pass of their own for every row while a list scrolls. */
  {
    g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (rows[0]));
    GtkSnapshot *snapshot = gtk_snapshot_new ();
    g_autoptr(GskRenderNode) node = NULL;

    gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (GTK_WIDGET (rows[0])),
                            gtk_widget_get_height (GTK_WIDGET (rows[0])));
    node = gtk_snapshot_free_to_node (snapshot);
    g_assert_nonnull (node);
    g_assert_cmpuint (count_nodes (node, GSK_TEXT_NODE), >=, 5);
    g_assert_cmpuint (count_nodes (node, GSK_ROUNDED_CLIP_NODE), ==, 0);
  }

  /* Calm: the wait in the row's own dim colour, not a warning's. */
  g_assert_cmpstr (mc_chat_row_get_text (rows[0], MC_CHAT_ROW_PART_NAME), ==, "Анна Константиновна Петрова-Водкина");
  g_assert_cmpstr (mc_chat_row_get_text (rows[0], MC_CHAT_ROW_PART_CONTEXT), ==, "Order");
  g_assert_cmpstr (mc_chat_row_get_text (rows[0], MC_CHAT_ROW_PART_DETAILS), ==, "New · No. 40000001");
  g_assert_cmpstr (mc_chat_row_get_text (rows[0], MC_CHAT_ROW_PART_TIME), ==, "5 min ago");
  g_assert_cmpstr (mc_chat_row_get_text (rows[0], MC_CHAT_ROW_PART_CLOCK), ==, "Waiting 30 min");
  g_assert_cmpstr (mc_chat_row_get_text (rows[0], MC_CHAT_ROW_PART_UNREAD), ==, "2");
  g_assert_null (mc_chat_row_get_text (rows[0], MC_CHAT_ROW_PART_DISPUTE));
  g_assert_null (mc_chat_row_get_clock_style (rows[0]));
  mc_chat_row_get_part_color (rows[0], MC_CHAT_ROW_PART_CLOCK, &color);
  g_assert_cmpfloat (color.alpha, <, 1);
  assert_accessible_label (GTK_WIDGET (rows[0]),
                           "Анна Константиновна Петрова-Водкина, Order, New · No. 40000001, Waiting 30 min, 2 unread messages");

  /* Due soon and overdue: the words, and warning and error colours. */
  g_assert_cmpstr (mc_chat_row_get_text (rows[1], MC_CHAT_ROW_PART_CLOCK), ==, "Due in 10 min");
  g_assert_cmpstr (mc_chat_row_get_clock_style (rows[1]), ==, "warning");
  assert_clock_color (rows[1], "warning_color");
  assert_accessible_label (GTK_WIDGET (rows[1]),
                           "Иван П., Order, Waiting for your reply · No. 40000002, Due in 10 min, 1 unread message");
  g_assert_cmpstr (mc_chat_row_get_text (rows[2], MC_CHAT_ROW_PART_CLOCK), ==, "Overdue by 40 min");
  g_assert_cmpstr (mc_chat_row_get_clock_style (rows[2]), ==, "error");
  assert_clock_color (rows[2], "error_color");
  g_assert_null (mc_chat_row_get_text (rows[2], MC_CHAT_ROW_PART_UNREAD));
  assert_accessible_label (GTK_WIDGET (rows[2]), "Мария С., Order, New · No. 40000003, Overdue by 40 min");

  /* No wait: no clock at all. */
  g_assert_null (mc_chat_row_get_text (rows[3], MC_CHAT_ROW_PART_CLOCK));
  g_assert_null (mc_chat_row_get_clock_style (rows[3]));
  assert_accessible_label (GTK_WIDGET (rows[3]), "Олег Д., Order, Finished · No. 40000004");

  /* The marks other parts of the window set, in words as well. */
  mc_chat_row_set_flags (rows[3], MC_CHAT_ROW_PINNED | MC_CHAT_ROW_MARKED_UNREAD | MC_CHAT_ROW_MUTED);
  g_assert_cmpuint (mc_chat_row_get_flags (rows[3]), ==, MC_CHAT_ROW_PINNED | MC_CHAT_ROW_MARKED_UNREAD | MC_CHAT_ROW_MUTED);
  assert_accessible_label (GTK_WIDGET (rows[3]), "Олег Д., pinned, Order, Finished · No. 40000004, marked unread, notifications muted");
  mc_chat_row_set_flags (rows[0], MC_CHAT_ROW_PINNED | MC_CHAT_ROW_MUTED);
  assert_accessible_label (GTK_WIDGET (rows[0]),
                           "Анна Константиновна Петрова-Водкина, pinned, Order, New · No. 40000001, Waiting 30 min, 2 unread messages, notifications muted");
  mc_chat_row_set_flags (rows[3], MC_CHAT_ROW_FLAGS_NONE);
  assert_accessible_label (GTK_WIDGET (rows[3]), "Олег Д., Order, Finished · No. 40000004");
  {
    const char *name = mc_chat_row_get_text (rows[3], MC_CHAT_ROW_PART_NAME);
    g_autoptr(PangoLayout) plain = mc_chat_row_create_part_layout (rows[3], MC_CHAT_ROW_PART_NAME, name);
    g_autoptr(PangoLayout) bold = NULL;
    int plain_width, bold_width;

    /* Marked unread: the name in bold, as with unread messages. */
    mc_chat_row_set_flags (rows[3], MC_CHAT_ROW_MARKED_UNREAD);
    bold = mc_chat_row_create_part_layout (rows[3], MC_CHAT_ROW_PART_NAME, name);
    pango_layout_get_pixel_size (plain, &plain_width, NULL);
    pango_layout_get_pixel_size (bold, &bold_width, NULL);
    g_assert_cmpint (bold_width, >, plain_width);
  }
  ui_test_run_for (100);

  /* 360 px: the long name and the preview are cut, nothing overflows,
   * and no row asks for more width than that. */
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gtk_widget_measure (GTK_WIDGET (rows[i]), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      g_assert_cmpint (natural, <=, 360);
      assert_row_fits (rows[i]);
    }
  g_assert_cmpint (gtk_widget_get_width (window), ==, 360);
  {
    g_autoptr(PangoLayout) full = mc_chat_row_create_part_layout (rows[0], MC_CHAT_ROW_PART_NAME,
                                                                 mc_chat_row_get_text (rows[0], MC_CHAT_ROW_PART_NAME));
    graphene_rect_t bounds;
    int full_width;

    pango_layout_get_pixel_size (full, &full_width, NULL);
    g_assert_true (mc_chat_row_get_part_bounds (rows[0], MC_CHAT_ROW_PART_NAME, &bounds));
    g_assert_cmpfloat (bounds.size.width, <, full_width);
    g_assert_true (mc_chat_row_get_part_bounds (rows[0], MC_CHAT_ROW_PART_PREVIEW, &bounds));
    g_assert_cmpfloat (bounds.size.width, <, 360 - 58);
  }

  /* Dark mode: the clock follows libadwaita's dark warning colour. */
  mc_chat_row_get_part_color (rows[1], MC_CHAT_ROW_PART_CLOCK, &light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  ui_test_run_for (200);
  assert_clock_color (rows[1], "warning_color");
  mc_chat_row_get_part_color (rows[1], MC_CHAT_ROW_PART_CLOCK, &dark);
  g_assert_false (colors_equal (&light, &dark));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_run_for (50);
}

static void
count_dismissed (AdwToast *toast,
                 guint    *count)
{
  (*count)++;
}

/* A toast dismissed while it still slides in, as a chat's toast is when
 * its chat opens at once: libadwaita 1.2 would free it twice (with
 * MALLOC_PERTURB_, as meson sets it, the app crashed).  Dismissed through
 * mc_ui_toast_dismiss() it goes a little later, once, and what was
 * already gone is left alone. */
static void
test_toast_dismiss (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  guint dismissed_a = 0;
  guint dismissed_b = 0;

  adw_toast_overlay_set_child (overlay, gtk_label_new ("Conversation"));
  gtk_window_set_child (window, GTK_WIDGET (overlay));
  gtk_window_present (window);
  ui_test_run_for (300);

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(AdwToast) a = g_object_ref (adw_toast_new ("First"));
      g_autoptr(AdwToast) b = g_object_ref (adw_toast_new ("Second"));

      dismissed_a = dismissed_b = 0;
      g_signal_connect (a, "dismissed", G_CALLBACK (count_dismissed), &dismissed_a);
      g_signal_connect (b, "dismissed", G_CALLBACK (count_dismissed), &dismissed_b);

      adw_toast_overlay_add_toast (overlay, mc_ui_toast_watch (a));
      ui_test_run_for (50);
      /* Still sliding in: not yet. */
      mc_ui_toast_dismiss (a);
      g_assert_cmpuint (dismissed_a, ==, 0);
      ui_test_run_for (1200);
      g_assert_cmpuint (dismissed_a, ==, 1);

      /* The replacing slide is the longest: b starts it as a goes. */
      a = (g_object_unref (a), g_object_ref (adw_toast_new ("Third")));
      dismissed_a = 0;
      g_signal_connect (a, "dismissed", G_CALLBACK (count_dismissed), &dismissed_a);
      adw_toast_overlay_add_toast (overlay, mc_ui_toast_watch (a));
      ui_test_run_for (1000);
      adw_toast_overlay_add_toast (overlay, mc_ui_toast_watch (b));
      ui_test_run_for (1000);
      /* Long on screen, nothing else moving: at once. */
      mc_ui_toast_dismiss (a);
      g_assert_cmpuint (dismissed_a, ==, 1);
      ui_test_run_for (50);
      mc_ui_toast_dismiss (b);
      mc_ui_toast_dismiss (b);
      g_assert_cmpuint (dismissed_b, ==, 0);
      ui_test_run_for (1500);
      g_assert_cmpuint (dismissed_b, ==, 1);

      /* Gone already: nothing more happens. */
      mc_ui_toast_dismiss (b);
      ui_test_run_for (1000);
      g_assert_cmpuint (dismissed_b, ==, 1);
    }

  gtk_window_destroy (window);
}

/* Under Xvfb, Mesa draws OpenGL in software: the app's windows draw with
 * cairo there, where GTK 4.8 would pick its OpenGL renderer. */
static void
test_renderer (void)
{
  GtkWidget *window;

  if (g_getenv ("GSK_RENDERER") != NULL || gtk_get_minor_version () >= 14)
    {
      g_test_skip ("GTK picks the renderer here");
      return;
    }

  mc_ui_choose_renderer (gdk_display_get_default ());
  window = gtk_window_new ();
  gtk_widget_realize (window);
  g_assert_cmpstr (G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))), ==, "GskCairoRenderer");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/widgets/store-row", test_store_row);
  g_test_add_func ("/ui/widgets/sticker-message", test_sticker_message);
  g_test_add_func ("/ui/widgets/mnemonic-names", test_mnemonic_names);
  g_test_add_func ("/ui/widgets/sidebar-width", test_sidebar_width);
  g_test_add_func ("/ui/widgets/chat-row", test_chat_row);
  g_test_add_func ("/ui/widgets/toast-dismiss", test_toast_dismiss);
  /* Last: the windows made after it draw with the renderer it picks. */
  g_test_add_func ("/ui/widgets/renderer", test_renderer);

  return g_test_run ();
}
