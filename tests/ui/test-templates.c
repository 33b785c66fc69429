/* test-templates.c: reply templates on the demo: their own database
 * through the session, the composer's list by keyboard, keywords, the
 * variables left to fill, and the Preferences page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "mc-cabinet.h"
#include "mc-cache.h"
#include "mc-campaign.h"
#include "mc-chat-list.h"
#include "mc-composer.h"
#include "mc-conversation.h"
#include "mc-preferences-window.h"
#include "mc-template-dialog.h"
#include "mc-template-picker.h"
#include "mc-template-store.h"
#include "mc-templates-page.h"
#include "mc-window.h"
#include "ui-test-util.h"

#define WAIT_MSEC 15000

typedef struct
{
  McSession *session;
  GSettings *settings;
  McWindow  *window;
  McChat    *chat;
  guint      n_sent;
  char      *sent;
} Fixture;

static gpointer
template_child (GType       type,
                GtkWidget  *widget,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (widget, type, name);

  g_assert_nonnull (child);

  return child;
}

static GListModel *
chat_list_model (Fixture *fixture)
{
  GtkListView *list = template_child (MC_TYPE_CHAT_LIST,
                                      template_child (MC_TYPE_WINDOW, GTK_WIDGET (fixture->window),
                                                      "chat_list"),
                                      "chats_list");

  return G_LIST_MODEL (gtk_list_view_get_model (list));
}

static McComposer *
composer (Fixture *fixture)
{
  McConversation *conversation = template_child (MC_TYPE_WINDOW, GTK_WIDGET (fixture->window),
                                                 "conversation");

  return mc_conversation_get_composer (conversation);
}

static GtkTextView *
text_view (Fixture *fixture)
{
  return template_child (MC_TYPE_COMPOSER, GTK_WIDGET (composer (fixture)), "text_view");
}

static GtkTextBuffer *
buffer (Fixture *fixture)
{
  return gtk_text_view_get_buffer (text_view (fixture));
}

static char *
composer_text (Fixture *fixture)
{
  return mc_composer_dup_text (composer (fixture));
}

static McTemplatePicker *
picker (Fixture *fixture)
{
  return MC_TEMPLATE_PICKER (mc_composer_get_template_picker (composer (fixture)));
}

static McTemplateStore *
templates (Fixture *fixture)
{
  McTemplateStore *store = mc_session_get_templates (fixture->session);

  g_assert_nonnull (store);

  return store;
}

static gboolean
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      /* The app's own keys are caught before the widget's. */
      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (controller)) == GTK_PHASE_CAPTURE)
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
          if (handled)
            return TRUE;
        }
    }

  return FALSE;
}

static gboolean
has_chats (gpointer data)
{
  return g_list_model_get_n_items (chat_list_model (data)) > 0;
}

static gboolean
picker_shown (gpointer data)
{
  return gtk_widget_get_visible (GTK_WIDGET (picker (data)));
}

static gboolean
picker_hidden (gpointer data)
{
  return !picker_shown (data);
}

static void
on_send_text (McComposer *composer,
              const char *text,
              Fixture    *fixture)
{
  fixture->n_sent++;
  g_free (fixture->sent);
  fixture->sent = g_strdup (text);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->session = ui_test_new_demo_session ();
  fixture->settings = g_settings_new (BASE_ID);
  g_settings_set_int (fixture->settings, "window-width", 1100);
  g_settings_set_int (fixture->settings, "window-height", 720);
  g_settings_set_string (fixture->settings, "last-selected-store", "");

  fixture->window = mc_window_new (NULL, fixture->session, fixture->settings);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (ui_test_wait_until (has_chats, fixture, WAIT_MSEC));

  /* A chat with a customer's name and a store, that may be answered. */
  for (guint i = 0; i < g_list_model_get_n_items (chat_list_model (fixture)); i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (chat_list_model (fixture), i);
      const char *name = mc_chat_get_customer_name (chat);

      if (name != NULL && *name != '\0' && mc_chat_get_campaign_id (chat) != 0)
        {
          fixture->chat = g_steal_pointer (&chat);
          break;
        }
    }
  g_assert_nonnull (fixture->chat);

  mc_window_open_chat (fixture->window, mc_chat_get_chat_id (fixture->chat));
  g_assert_nonnull (mc_composer_get_timeline (composer (fixture)));
  mc_composer_set_text (composer (fixture), NULL);
  g_signal_connect (composer (fixture), "send-text", G_CALLBACK (on_send_text), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_signal_handlers_disconnect_by_data (composer (fixture), fixture);
  mc_composer_set_text (composer (fixture), NULL);
  g_clear_object (&fixture->chat);
  g_clear_object (&fixture->settings);
  g_clear_pointer (&fixture->sent, g_free);
  ui_test_destroy_and_check (GTK_WINDOW (g_steal_pointer (&fixture->window)),
                             g_steal_pointer (&fixture->session));
}

static McTemplate *
add_template (Fixture    *fixture,
              const char *title,
              const char *text,
              const char *keyword,
              gint64      business_id,
              gint64      campaign_id)
{
  McTemplate *template = mc_template_new (title, text);
  g_autoptr(GError) error = NULL;

  mc_template_set_keyword (template, keyword);
  mc_template_set_business_id (template, business_id);
  mc_template_set_campaign_id (template, campaign_id);
  g_assert_true (mc_template_store_add (templates (fixture), template, &error));
  g_assert_no_error (error);
  g_object_unref (template);

  return template;
}

static gboolean
shown_has_title (McTemplatePicker *picker,
                 const char       *title)
{
  GListModel *shown = mc_template_picker_get_shown (picker);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(McTemplate) template = g_list_model_get_item (shown, i);

      if (g_str_equal (mc_template_get_title (template), title))
        return TRUE;
    }

  return FALSE;
}

/* All cabinets' templates are one database of the session's, the demo's
 * apart from the seller's; the starters come with it. */
static void
test_session_database (Fixture       *fixture,
                       gconstpointer  user_data)
{
  McTemplateStore *store = templates (fixture);
  g_autofree char *data_dir = mc_cache_dup_data_dir ();
  g_autofree char *seller_file = g_build_filename (data_dir, "templates.sqlite", NULL);
  g_autoptr(McSession) other = NULL;
  g_autofree char *other_dir = NULL;
  g_autofree char *other_file = NULL;
  McTemplateStore *other_store;

  g_assert_true (mc_session_get_templates (fixture->session) == store);
  g_assert_null (mc_session_get_templates_error (fixture->session));
  g_assert_true (G_IS_LIST_MODEL (store));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 4);
  g_assert_false (g_file_test (seller_file, G_FILE_TEST_EXISTS));

  /* A session that is no demo keeps them beside the cabinets' caches. */
  other = mc_session_new ("http://127.0.0.1:9/");
  other_store = mc_session_get_templates (other);
  g_assert_nonnull (other_store);
  other_dir = mc_cache_dup_data_dir ();
  other_file = g_build_filename (other_dir, "templates.sqlite", NULL);
  g_assert_true (g_file_test (other_file, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other_store)), ==, 4);
  g_clear_object (&other);
  g_unlink (other_file);
}

/* "/" in the empty field opens the list; typing filters it, the arrows
 * choose and Enter puts the filled template in place of the "/". */
static void
test_picker_slash (Fixture       *fixture,
                   gconstpointer  user_data)
{
  McTemplatePicker *list = picker (fixture);
  GtkWidget *entry = GTK_WIDGET (mc_template_picker_get_search_entry (list));
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  McTemplate *selected;

  gtk_text_buffer_insert_at_cursor (buffer (fixture), "/", -1);
  g_assert_true (ui_test_wait_until (picker_shown, fixture, WAIT_MSEC));
  g_assert_cmpuint (g_list_model_get_n_items (mc_template_picker_get_shown (list)), ==, 4);
  g_assert_true (mc_template_picker_get_selected (list) ==
                 g_list_model_get_item (mc_template_picker_get_shown (list), 0));
  g_object_unref (mc_template_picker_get_selected (list));

  /* By keyword, title or text, whatever the case. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "THANK");
  g_assert_cmpuint (g_list_model_get_n_items (mc_template_picker_get_shown (list)), ==, 2);
  gtk_editable_set_text (GTK_EDITABLE (entry), "where");
  g_assert_cmpuint (g_list_model_get_n_items (mc_template_picker_get_shown (list)), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (entry), "nothing like it");
  g_assert_cmpuint (g_list_model_get_n_items (mc_template_picker_get_shown (list)), ==, 0);
  g_assert_null (mc_template_picker_get_selected (list));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");

  g_assert_true (press_key (entry, GDK_KEY_Down, 0));
  g_assert_true (press_key (entry, GDK_KEY_Down, 0));
  g_assert_true (press_key (entry, GDK_KEY_Down, 0));
  g_assert_true (press_key (entry, GDK_KEY_Up, 0));
  selected = mc_template_picker_get_selected (list);
  g_assert_cmpstr (mc_template_get_title (selected), ==, "Return steps");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Thanks");
  selected = mc_template_picker_get_selected (list);
  g_assert_cmpstr (mc_template_get_title (selected), ==, "Thanks");

  g_signal_emit_by_name (entry, "activate");
  g_assert_true (ui_test_wait_until (picker_hidden, fixture, WAIT_MSEC));

  text = composer_text (fixture);
  expected = g_strdup_printf ("Thank you for your order, %s! We are glad to help.",
                              mc_chat_get_customer_name (fixture->chat));
  g_assert_cmpstr (text, ==, expected);
  g_assert_false (mc_composer_get_has_gaps (composer (fixture)));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (text_view (fixture))));

  /* Not in a field that holds text already: the "/" is just typed. */
  gtk_text_buffer_insert_at_cursor (buffer (fixture), "/", -1);
  ui_test_run_for (50);
  g_assert_false (picker_shown (fixture));
}

/* Ctrl+T opens the list wherever the cursor is; Escape closes it and
 * leaves the text as it was; a click inserts too.  Templates of another
 * cabinet or store are not offered. */
static void
test_picker_ctrl_t (Fixture       *fixture,
                    gconstpointer  user_data)
{
  McTemplatePicker *list = picker (fixture);
  GtkWidget *entry = GTK_WIDGET (mc_template_picker_get_search_entry (list));
  gint64 business_id = mc_chat_get_business_id (fixture->chat);
  gint64 campaign_id = mc_chat_get_campaign_id (fixture->chat);
  GtkListBox *list_box = template_child (MC_TYPE_TEMPLATE_PICKER, GTK_WIDGET (list), "list_box");
  g_autofree char *text = NULL;

  add_template (fixture, "Other cabinet", "Not here", NULL, business_id + 1, 0);
  add_template (fixture, "Other store", "Not here", NULL, business_id, campaign_id + 1);
  add_template (fixture, "This store", "Shop {store} here", NULL, business_id, campaign_id);

  mc_composer_set_text (composer (fixture), "Hello. ");
  g_assert_true (press_key (GTK_WIDGET (text_view (fixture)), GDK_KEY_t, GDK_CONTROL_MASK));
  g_assert_true (ui_test_wait_until (picker_shown, fixture, WAIT_MSEC));
  g_assert_true (gtk_widget_has_focus (entry) || gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (entry)), entry));
  g_assert_cmpuint (g_list_model_get_n_items (mc_template_picker_get_shown (list)), ==, 5);
  g_assert_false (shown_has_title (list, "Other cabinet"));
  g_assert_false (shown_has_title (list, "Other store"));
  g_assert_true (shown_has_title (list, "This store"));

  g_signal_emit_by_name (entry, "stop-search");
  g_assert_true (ui_test_wait_until (picker_hidden, fixture, WAIT_MSEC));
  text = composer_text (fixture);
  g_assert_cmpstr (text, ==, "Hello. ");
  g_clear_pointer (&text, g_free);

  /* The same key in the Russian layout. */
  g_assert_true (press_key (GTK_WIDGET (text_view (fixture)), GDK_KEY_Cyrillic_ie, GDK_CONTROL_MASK));
  g_assert_true (ui_test_wait_until (picker_shown, fixture, WAIT_MSEC));
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_true (ui_test_wait_until (picker_hidden, fixture, WAIT_MSEC));

  /* The mouse: the row is activated. */
  gtk_widget_activate_action (GTK_WIDGET (composer (fixture)), "composer.templates", NULL);
  g_assert_true (ui_test_wait_until (picker_shown, fixture, WAIT_MSEC));
  gtk_editable_set_text (GTK_EDITABLE (entry), "this store");
  g_signal_emit_by_name (list_box, "row-activated", gtk_list_box_get_row_at_index (list_box, 0));
  g_assert_true (ui_test_wait_until (picker_hidden, fixture, WAIT_MSEC));
  text = composer_text (fixture);
  g_assert_true (g_str_has_prefix (text, "Hello. Shop "));
  g_assert_true (g_str_has_suffix (text, " here"));
  g_assert_null (strchr (text, '{'));
}

/* A keyword and Tab: the template takes the keyword's place; any other
 * word leaves Tab to move the focus. */
static void
test_keyword_tab (Fixture       *fixture,
                  gconstpointer  user_data)
{
  GtkWidget *view = GTK_WIDGET (text_view (fixture));
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  mc_composer_set_text (composer (fixture), "Well, hi");
  g_assert_true (press_key (view, GDK_KEY_Tab, 0));
  text = composer_text (fixture);
  expected = g_strdup_printf ("Well, Hello, %s! Thank you for writing. Let me look into it.",
                              mc_chat_get_customer_name (fixture->chat));
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);

  mc_composer_set_text (composer (fixture), "hello");
  g_assert_false (press_key (view, GDK_KEY_Tab, 0));
  text = composer_text (fixture);
  g_assert_cmpstr (text, ==, "hello");
}

static gboolean
has_gap_tag_at (Fixture *fixture,
                int      offset)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer (fixture)),
                                               "template-gap");
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer (fixture), &iter, offset);
  return gtk_text_iter_has_tag (&iter, tag);
}

/* A variable with neither value nor fallback is highlighted and selected
 * for the seller, and the composer will not send it in braces. */
static void
test_gaps_refuse_send (Fixture       *fixture,
                       gconstpointer  user_data)
{
  McTemplate *template = add_template (fixture, "Sale", "Дарим скидку {sale} на заказ {customer|}!",
                                       "sale", 0, 0);
  GtkWidget *gaps_label = template_child (MC_TYPE_COMPOSER, GTK_WIDGET (composer (fixture)), "gaps_label");
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autofree char *selected = NULL;

  mc_composer_insert_template (composer (fixture), template);
  text = composer_text (fixture);
  g_assert_true (g_str_has_prefix (text, "Дарим скидку {sale} на заказ "));
  g_assert_true (mc_composer_get_has_gaps (composer (fixture)));
  g_assert_true (gtk_widget_get_visible (gaps_label));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gaps_label)), ==, "Fill in the highlighted parts");
  g_assert_false (has_gap_tag_at (fixture, 12));
  g_assert_true (has_gap_tag_at (fixture, 13));
  g_assert_true (has_gap_tag_at (fixture, 18));
  g_assert_false (has_gap_tag_at (fixture, 19));
  /* Selected, for the seller to type over. */
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer (fixture), &start, &end));
  selected = gtk_text_buffer_get_text (buffer (fixture), &start, &end, FALSE);
  g_assert_cmpstr (selected, ==, "{sale}");

  mc_composer_send (composer (fixture));
  g_assert_cmpuint (fixture->n_sent, ==, 0);
  text = (g_free (text), composer_text (fixture));
  g_assert_true (g_str_has_prefix (text, "Дарим скидку {sale}"));

  /* Typed over: nothing is left to fill, and it goes. */
  gtk_text_buffer_delete (buffer (fixture), &start, &end);
  gtk_text_buffer_insert (buffer (fixture), &start, "10%", -1);
  g_assert_false (mc_composer_get_has_gaps (composer (fixture)));
  g_assert_false (gtk_widget_get_visible (gaps_label));
  g_assert_false (has_gap_tag_at (fixture, 13));
  mc_composer_send (composer (fixture));
  g_assert_cmpuint (fixture->n_sent, ==, 1);
  g_assert_true (g_str_has_prefix (fixture->sent, "Дарим скидку 10% на заказ "));

  /* A variable typed by hand is no less raw. */
  mc_composer_set_text (composer (fixture), "Ваш заказ {order|}");
  g_assert_true (mc_composer_get_has_gaps (composer (fixture)));
  mc_composer_send (composer (fixture));
  g_assert_cmpuint (fixture->n_sent, ==, 1);

  /* Inserted where a variable ends, the next one is offered to fill. */
  mc_composer_set_text (composer (fixture), "Заказ {ord");
  mc_composer_insert_template (composer (fixture),
                               add_template (fixture, "Tail", "er} и {sale}", NULL, 0, 0));
  text = (g_free (text), composer_text (fixture));
  g_assert_cmpstr (text, ==, "Заказ {order} и {sale}");
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer (fixture), &start, &end));
  selected = (g_free (selected), gtk_text_buffer_get_text (buffer (fixture), &start, &end, FALSE));
  g_assert_cmpstr (selected, ==, "{sale}");
}

static gboolean
order_ready (gpointer data)
{
  Fixture *fixture = data;

  return mc_chat_timeline_get_order (mc_composer_get_timeline (composer (fixture))) != NULL;
}

/* Once the order card came, its status fills {status}. */
static void
test_order_values (Fixture       *fixture,
                   gconstpointer  user_data)
{
  McChatContext *context = NULL;
  g_autoptr(McTemplate) status = mc_template_new ("Status", "{order}: {status}");
  g_autofree char *text = NULL;
  g_autofree char *expected_prefix = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (chat_list_model (fixture)) && context == NULL; i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (chat_list_model (fixture), i);
      McChatContext *candidate = mc_chat_get_context (chat);

      if (candidate != NULL && mc_chat_context_get_context_type (candidate) == MC_CONTEXT_TYPE_ORDER &&
          mc_chat_context_get_order_id (candidate) > 0)
        {
          context = candidate;
          mc_window_open_chat (fixture->window, mc_chat_get_chat_id (chat));
        }
    }
  g_assert_nonnull (context);

  g_assert_true (ui_test_wait_until (order_ready, fixture, WAIT_MSEC));
  mc_composer_insert_template (composer (fixture), status);
  text = composer_text (fixture);
  expected_prefix = g_strdup_printf ("%" G_GINT64_FORMAT ": ", mc_chat_context_get_order_id (context));
  g_assert_true (g_str_has_prefix (text, expected_prefix));
  g_assert_false (mc_composer_get_has_gaps (composer (fixture)));
  g_assert_cmpuint (strlen (text), >, strlen (expected_prefix));
}

static gboolean
warning_shown (gpointer data)
{
  return mc_composer_get_warning_dialog (composer (data)) != NULL;
}

/* An inserted template meets the same checks as typed text: the contact
 * warning and the Market's length limit. */
static void
test_inserted_checked (Fixture       *fixture,
                       gconstpointer  user_data)
{
  McTemplate *link = add_template (fixture, "Link", "Все детали на https://example.com/shop", NULL, 0, 0);
  g_autoptr(GString) long_text = g_string_new (NULL);
  McTemplate *too_long;

  mc_composer_insert_template (composer (fixture), link);
  mc_composer_send (composer (fixture));
  g_assert_true (ui_test_wait_until (warning_shown, fixture, WAIT_MSEC));
  g_assert_cmpuint (fixture->n_sent, ==, 0);
  gtk_window_destroy (mc_composer_get_warning_dialog (composer (fixture)));
  g_assert_null (mc_composer_get_warning_dialog (composer (fixture)));

  while (g_utf8_strlen (long_text->str, -1) <= MC_CHAT_TIMELINE_MAX_TEXT_CHARS)
    g_string_append (long_text, "Спасибо. ");
  too_long = add_template (fixture, "Long", long_text->str, NULL, 0, 0);
  mc_composer_set_text (composer (fixture), NULL);
  mc_composer_insert_template (composer (fixture), too_long);
  g_assert_false (gtk_widget_get_sensitive (template_child (MC_TYPE_COMPOSER, GTK_WIDGET (composer (fixture)),
                                                            "send_button")));
  mc_composer_send (composer (fixture));
  g_assert_cmpuint (fixture->n_sent, ==, 0);
  g_assert_null (mc_composer_get_warning_dialog (composer (fixture)));
}

static McTemplatesPage *
find_page (GtkWidget *widget)
{
  if (MC_IS_TEMPLATES_PAGE (widget))
    return MC_TEMPLATES_PAGE (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      McTemplatesPage *page = find_page (child);

      if (page != NULL)
        return page;
    }

  return NULL;
}

static guint
count_rows (McTemplatesPage *page)
{
  GtkListBox *list_box = template_child (MC_TYPE_TEMPLATES_PAGE, GTK_WIDGET (page), "list_box");
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list_box, n) != NULL)
    n++;

  return n;
}

static const char *
row_title (McTemplatesPage *page,
           guint            index)
{
  GtkListBox *list_box = template_child (MC_TYPE_TEMPLATES_PAGE, GTK_WIDGET (page), "list_box");

  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list_box, index)));
}

static McTemplate *
template_at (Fixture *fixture,
             guint    index)
{
  McTemplate *template = g_list_model_get_item (G_LIST_MODEL (templates (fixture)), index);

  g_object_unref (template);

  return template;
}

static gboolean
window_gone (gpointer data)
{
  return *(GtkWindow **) data == NULL;
}

static GtkWindow *
open_preferences (Fixture          *fixture,
                  McTemplatesPage **page)
{
  GtkWindow *window = mc_preferences_window_new (fixture->settings, fixture->session);

  gtk_window_present (window);
  *page = find_page (GTK_WIDGET (window));
  g_assert_nonnull (*page);

  return window;
}

/* Add, edit and delete (and undo) through the page and its dialog. */
static void
test_preferences (Fixture       *fixture,
                  gconstpointer  user_data)
{
  McTemplatesPage *page;
  GtkWindow *window = open_preferences (fixture, &page);
  GtkWindow *dialog;
  g_autoptr(GError) error = NULL;
  McTemplate *added, *edited;
  GtkTextView *text;
  g_autoptr(McCabinet) cabinet = g_list_model_get_item (mc_session_get_cabinets (fixture->session), 0);
  g_autoptr(McCampaign) campaign = g_list_model_get_item (mc_cabinet_get_campaigns (cabinet), 0);

  g_assert_cmpuint (count_rows (page), ==, 4);
  g_assert_cmpstr (row_title (page, 0), ==, "Greeting");

  /* Add: for the first cabinet's first store, with a keyword. */
  dialog = mc_templates_page_add (page);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  text = template_child (MC_TYPE_TEMPLATE_DIALOG, GTK_WIDGET (dialog), "text_view");
  gtk_editable_set_text (template_child (MC_TYPE_TEMPLATE_DIALOG, GTK_WIDGET (dialog), "title_row"),
                         "Скоро");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (text), "Заказ {order} скоро приедет.", -1);
  adw_combo_row_set_selected (template_child (MC_TYPE_TEMPLATE_DIALOG, GTK_WIDGET (dialog), "cabinet_row"), 1);
  adw_combo_row_set_selected (template_child (MC_TYPE_TEMPLATE_DIALOG, GTK_WIDGET (dialog), "store_row"), 1);
  gtk_editable_set_text (template_child (MC_TYPE_TEMPLATE_DIALOG, GTK_WIDGET (dialog), "keyword_row"),
                         "скоро приедет");
  g_assert_false (mc_template_dialog_save (MC_TEMPLATE_DIALOG (dialog), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpuint (count_rows (page), ==, 4);

  gtk_editable_set_text (template_child (MC_TYPE_TEMPLATE_DIALOG, GTK_WIDGET (dialog), "keyword_row"),
                         "soon");
  g_assert_true (mc_template_dialog_save (MC_TEMPLATE_DIALOG (dialog), &error));
  g_assert_no_error (error);
  g_assert_true (ui_test_wait_until (window_gone, &dialog, WAIT_MSEC));
  g_assert_cmpuint (count_rows (page), ==, 5);
  g_assert_cmpstr (row_title (page, 4), ==, "Скоро");
  added = template_at (fixture, 4);
  g_assert_cmpstr (mc_template_get_text (added), ==, "Заказ {order} скоро приедет.");
  g_assert_cmpstr (mc_template_get_keyword (added), ==, "soon");
  g_assert_cmpint (mc_template_get_business_id (added), ==, mc_cabinet_get_business_id (cabinet));
  g_assert_cmpint (mc_template_get_campaign_id (added), ==, mc_campaign_get_id (campaign));

  /* Edit: the dialog shows it, and the row follows. */
  dialog = mc_templates_page_edit (page, template_at (fixture, 0));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_cmpstr (gtk_editable_get_text (template_child (MC_TYPE_TEMPLATE_DIALOG, GTK_WIDGET (dialog),
                                                          "keyword_row")), ==, "hi");
  g_assert_cmpuint (adw_combo_row_get_selected (template_child (MC_TYPE_TEMPLATE_DIALOG, GTK_WIDGET (dialog),
                                                                "cabinet_row")), ==, 0);
  gtk_editable_set_text (template_child (MC_TYPE_TEMPLATE_DIALOG, GTK_WIDGET (dialog), "title_row"),
                         "Привет");
  g_assert_true (mc_template_dialog_save (MC_TEMPLATE_DIALOG (dialog), &error));
  g_assert_true (ui_test_wait_until (window_gone, &dialog, WAIT_MSEC));
  edited = template_at (fixture, 0);
  g_assert_cmpstr (mc_template_get_title (edited), ==, "Привет");
  g_assert_cmpstr (row_title (page, 0), ==, "Привет");
  g_assert_cmpuint (count_rows (page), ==, 5);

  /* Delete, then undo from the toast. */
  mc_templates_page_delete (page, edited);
  g_assert_cmpuint (count_rows (page), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (templates (fixture))), ==, 4);
  g_assert_cmpstr (mc_templates_page_get_last_toast (page), ==, "Template “Привет” deleted");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "templates.undo-delete", NULL));
  g_assert_cmpuint (count_rows (page), ==, 5);
  g_assert_cmpstr (row_title (page, 4), ==, "Привет");
  g_assert_cmpstr (mc_template_get_keyword (template_at (fixture, 4)), ==, "hi");

  gtk_window_destroy (window);
}

/* Export, delete everything, import: the same templates come back, and
 * the seller is told how many; a file of something else adds none. */
static void
test_json_round_trip (Fixture       *fixture,
                      gconstpointer  user_data)
{
  McTemplatesPage *page;
  GtkWindow *window = open_preferences (fixture, &page);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mc-templates-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "templates.json", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "other.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 campaign_id = mc_chat_get_campaign_id (fixture->chat);

  add_template (fixture, "Магазин", "Это {store|наш магазин}", "shop",
                mc_chat_get_business_id (fixture->chat), campaign_id);
  before = mc_template_store_export_json (templates (fixture));

  g_assert_true (mc_templates_page_export_to_file (page, file, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mc_templates_page_get_last_toast (page), ==, "5 templates exported");

  while (g_list_model_get_n_items (G_LIST_MODEL (templates (fixture))) > 0)
    g_assert_true (mc_template_store_remove (templates (fixture), template_at (fixture, 0), NULL));
  g_assert_cmpuint (count_rows (page), ==, 0);

  g_assert_cmpint (mc_templates_page_import_file (page, file, &error), ==, 5);
  g_assert_no_error (error);
  g_assert_cmpstr (mc_templates_page_get_last_toast (page), ==, "5 templates added");
  g_assert_cmpuint (count_rows (page), ==, 5);
  after = mc_template_store_export_json (templates (fixture));
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (mc_template_get_campaign_id (template_at (fixture, 4)), ==, campaign_id);

  g_assert_true (g_file_set_contents (bad_path, "{\"chats\": []}", -1, NULL));
  g_assert_cmpint (mc_templates_page_import_file (page, bad, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_true (g_str_has_prefix (mc_templates_page_get_last_toast (page),
                                   "The templates could not be imported: "));
  g_assert_cmpuint (count_rows (page), ==, 5);

  g_unlink (path);
  g_unlink (bad_path);
  g_rmdir (dir);
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/ui/templates/session-database", Fixture, NULL,
              fixture_set_up, test_session_database, fixture_tear_down);
  g_test_add ("/ui/templates/picker-slash", Fixture, NULL,
              fixture_set_up, test_picker_slash, fixture_tear_down);
  g_test_add ("/ui/templates/picker-ctrl-t", Fixture, NULL,
              fixture_set_up, test_picker_ctrl_t, fixture_tear_down);
  g_test_add ("/ui/templates/keyword-tab", Fixture, NULL,
              fixture_set_up, test_keyword_tab, fixture_tear_down);
  g_test_add ("/ui/templates/gaps-refuse-send", Fixture, NULL,
              fixture_set_up, test_gaps_refuse_send, fixture_tear_down);
  g_test_add ("/ui/templates/inserted-checked", Fixture, NULL,
              fixture_set_up, test_inserted_checked, fixture_tear_down);
  g_test_add ("/ui/templates/order-values", Fixture, NULL,
              fixture_set_up, test_order_values, fixture_tear_down);
  g_test_add ("/ui/templates/preferences", Fixture, NULL,
              fixture_set_up, test_preferences, fixture_tear_down);
  g_test_add ("/ui/templates/json-round-trip", Fixture, NULL,
              fixture_set_up, test_json_round_trip, fixture_tear_down);

  return g_test_run ();
}
