/* test-window.c: the main window on the demo: chats, a conversation,
 * sending, the contact warning, refusals, filters and folding.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mc-api-error.h"
#include "mc-cache.h"
#include "mc-chat-list.h"
#include "mc-chat-row.h"
#include "mc-chat-view.h"
#include "mc-composer.h"
#include "mc-conversation.h"
#include "mc-fake-market.h"
#include "mc-message-row.h"
#include "mc-new-chat-dialog.h"
#include "mc-sidebar-model.h"
#include "mc-status-banner.h"
#include "mc-store-row.h"
#include "mc-sync-engine.h"
#include "mc-window.h"
#include "ui-test-util.h"

#define WAIT_MSEC 15000

typedef struct
{
  McSession    *session;
  McFakeMarket *market;
  GSettings    *settings;
  McWindow     *window;
} Fixture;

static gpointer
template_child (Fixture    *fixture,
                GType       type,
                GtkWidget  *widget,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (widget, type, name);

  g_assert_nonnull (child);

  return child;
}

static GtkWidget *
chat_list (Fixture *fixture)
{
  return template_child (fixture, MC_TYPE_WINDOW, GTK_WIDGET (fixture->window), "chat_list");
}

static GListModel *
chat_list_model (Fixture *fixture)
{
  GtkListView *list = template_child (fixture, MC_TYPE_CHAT_LIST, chat_list (fixture), "chats_list");

  return G_LIST_MODEL (gtk_list_view_get_model (list));
}

static McConversation *
conversation (Fixture *fixture)
{
  return template_child (fixture, MC_TYPE_WINDOW, GTK_WIDGET (fixture->window), "conversation");
}

static McComposer *
composer (Fixture *fixture)
{
  return mc_conversation_get_composer (conversation (fixture));
}

static gboolean
has_chats (gpointer data)
{
  return g_list_model_get_n_items (chat_list_model (data)) > 0;
}

static gboolean
has_chats_in (gpointer data)
{
  GtkWidget *chat_list = GTK_WIDGET (gtk_widget_get_template_child (data, MC_TYPE_WINDOW, "chat_list"));
  GtkListView *list = GTK_LIST_VIEW (gtk_widget_get_template_child (chat_list, MC_TYPE_CHAT_LIST, "chats_list"));

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))) > 0;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  int width = GPOINTER_TO_INT (user_data);

  fixture->session = ui_test_new_demo_session ();
  fixture->market = MC_FAKE_MARKET (mc_session_get_fake_market (fixture->session));
  fixture->settings = g_settings_new (BASE_ID);
  g_settings_set_int (fixture->settings, "window-width", width > 0 ? width : 1100);
  g_settings_set_int (fixture->settings, "window-height", 720);
  g_settings_set_string (fixture->settings, "last-selected-store", "");

  fixture->window = mc_window_new (NULL, fixture->session, fixture->settings);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (ui_test_wait_until (has_chats, fixture, WAIT_MSEC));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->settings);
  ui_test_destroy_and_check (GTK_WINDOW (g_steal_pointer (&fixture->window)),
                             g_steal_pointer (&fixture->session));
}

/* A chat the seller may answer, opened in the window. */
static McChat *
open_first_chat (Fixture *fixture)
{
  g_autoptr(McChat) chat = g_list_model_get_item (chat_list_model (fixture), 0);

  g_assert_true (mc_chat_needs_reply (chat));
  mc_window_open_chat (fixture->window, mc_chat_get_chat_id (chat));
  g_assert_cmpint (mc_window_get_open_chat_id (fixture->window), ==, mc_chat_get_chat_id (chat));

  return g_steal_pointer (&chat);
}

static gboolean
has_messages (gpointer data)
{
  GListModel *messages = mc_conversation_get_messages (conversation (data));

  return messages != NULL && g_list_model_get_n_items (messages) > 0;
}

static guint
count_sent (Fixture *fixture,
            gint64   chat_id)
{
  g_auto(GStrv) sent = mc_fake_market_dup_sent (fixture->market, chat_id);

  return sent != NULL ? g_strv_length (sent) : 0;
}

static McMessageRow *
find_row (GtkWidget *widget,
          McMessage *message)
{
  if (MC_IS_MESSAGE_ROW (widget) && mc_message_row_get_message (MC_MESSAGE_ROW (widget)) == message)
    return MC_MESSAGE_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      McMessageRow *row = find_row (child, message);

      if (row != NULL)
        return row;
    }

  return NULL;
}

/* The chats of the cabinet of the sidebar's first row, "All stores":
 * what that row lists in "All". */
static guint
count_first_cabinet_chats (Fixture *fixture)
{
  g_autoptr(McSidebarItem) item = g_list_model_get_item (G_LIST_MODEL (mc_session_get_stores (fixture->session)), 0);
  GListModel *chats = G_LIST_MODEL (mc_session_get_chats (fixture->session));
  guint n = 0;

  g_assert_cmpint (mc_sidebar_item_get_kind (item), ==, MC_SIDEBAR_ITEM_KIND_ALL_STORES);
  for (guint i = 0; i < g_list_model_get_n_items (chats); i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (chats, i);

      n += mc_chat_get_business_id (chat) == mc_sidebar_item_get_business_id (item);
    }

  return n;
}

/* The demo's first sync done, and more chats than the first frame's
 * screenful of 30 (the demo's cabinets hold about 55 and 95). */
static gboolean
first_cabinet_loaded (gpointer data)
{
  Fixture *fixture = data;

  return !mc_sync_engine_get_syncing (mc_session_get_sync (fixture->session)) &&
         count_first_cabinet_chats (fixture) > 30;
}

/* "All" lists more than "Needs reply" once the first cabinet holds a chat
 * that needs none: the demo's first sweep may not have brought one yet. */
static gboolean
first_cabinet_has_answered_chat (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(McSidebarItem) item = g_list_model_get_item (G_LIST_MODEL (mc_session_get_stores (fixture->session)), 0);
  GListModel *chats = G_LIST_MODEL (mc_session_get_chats (fixture->session));

  for (guint i = 0; i < g_list_model_get_n_items (chats); i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (chats, i);

      if (mc_chat_get_business_id (chat) == mc_sidebar_item_get_business_id (item) &&
          !mc_chat_needs_reply (chat))
        return TRUE;
    }

  return FALSE;
}

static gboolean
lists_every_chat (gpointer data)
{
  Fixture *fixture = data;

  return g_list_model_get_n_items (chat_list_model (fixture)) == count_first_cabinet_chats (fixture);
}

static void
test_opens_with_chats (Fixture       *fixture,
                       gconstpointer  user_data)
{
  GtkDropDown *mode = template_child (fixture, MC_TYPE_CHAT_LIST, chat_list (fixture), "mode_dropdown");
  GtkStack *stack = template_child (fixture, MC_TYPE_CHAT_LIST, chat_list (fixture), "chats_stack");
  GtkListBox *sidebar = template_child (fixture, MC_TYPE_WINDOW, GTK_WIDGET (fixture->window), "sidebar_list");
  GtkRevealer *demo = template_child (fixture, MC_TYPE_WINDOW, GTK_WIDGET (fixture->window), "demo_revealer");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  g_assert_nonnull (gtk_list_box_get_selected_row (sidebar));
  g_assert_true (gtk_revealer_get_reveal_child (demo));
  g_assert_cmpint (mc_window_get_open_chat_id (fixture->window), ==, 0);

  /* The first frame shows a screenful of chats, the list all of them
   * right after it. */
  gtk_list_box_select_row (sidebar, gtk_list_box_get_row_at_index (sidebar, 0));
  gtk_drop_down_set_selected (mode, mc_chat_list_mode_position (MC_CHAT_VIEW_MODE_ALL));
  g_assert_true (ui_test_wait_until (first_cabinet_loaded, fixture, WAIT_MSEC));
  g_assert_true (ui_test_wait_until (lists_every_chat, fixture, WAIT_MSEC));
}

/* Checks the day separator of every message row under @widget; returns
 * how many rows were checked. */
static guint
check_day_labels (GtkWidget  *widget,
                  GListModel *messages)
{
  guint checked = 0;

  if (MC_IS_MESSAGE_ROW (widget) && mc_message_row_get_message (MC_MESSAGE_ROW (widget)) != NULL)
    {
      McMessage *message = mc_message_row_get_message (MC_MESSAGE_ROW (widget));
      gboolean opens_day = TRUE;

      for (guint i = 0; i < g_list_model_get_n_items (messages); i++)
        {
          g_autoptr(McMessage) item = g_list_model_get_item (messages, i);

          if (item == message && i > 0)
            {
              g_autoptr(McMessage) previous = g_list_model_get_item (messages, i - 1);
              g_autoptr(GDateTime) a = g_date_time_new_from_unix_local (mc_message_get_created_at (previous) / G_USEC_PER_SEC);
              g_autoptr(GDateTime) b = g_date_time_new_from_unix_local (mc_message_get_created_at (message) / G_USEC_PER_SEC);

              opens_day = g_date_time_get_day_of_year (a) != g_date_time_get_day_of_year (b) ||
                          g_date_time_get_year (a) != g_date_time_get_year (b);
            }
        }

      g_assert_true ((mc_message_row_get_day_label (MC_MESSAGE_ROW (widget)) != NULL) == opens_day);
      return 1;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    checked += check_day_labels (child, messages);

  return checked;
}

static void
test_select_shows_messages (Fixture       *fixture,
                            gconstpointer  user_data)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (chat_list_model (fixture));
  g_autoptr(McChat) chat = g_list_model_get_item (chat_list_model (fixture), 1);
  GListModel *messages;
  gint64 previous = G_MININT64;

  /* What a click does. */
  gtk_single_selection_set_selected (selection, 1);
  g_assert_cmpint (mc_window_get_open_chat_id (fixture->window), ==, mc_chat_get_chat_id (chat));
  g_assert_true (ui_test_wait_until (has_messages, fixture, WAIT_MSEC));

  messages = mc_conversation_get_messages (conversation (fixture));
  for (guint i = 0; i < g_list_model_get_n_items (messages); i++)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (messages, i);

      g_assert_cmpint (mc_message_get_chat_id (message), ==, mc_chat_get_chat_id (chat));
      g_assert_cmpint (mc_message_get_created_at (message), >=, previous);
      previous = mc_message_get_created_at (message);
    }

  g_assert_cmpstr (mc_conversation_get_title (conversation (fixture)), ==,
                   mc_chat_get_customer_name (chat));

  /* Each shown message that opens a day carries the separator, and only
   * those. */
  ui_test_run_for (300);
  g_assert_cmpuint (check_day_labels (GTK_WIDGET (conversation (fixture)), messages), >, 0);
  /* Opening marks it read. */
  g_assert_cmpuint (mc_chat_get_unread_count (chat), ==, 0);
}

typedef struct
{
  Fixture *fixture;
  gint64   chat_id;
  guint    count;
} SentWait;

static gboolean
sent_reached (gpointer data)
{
  SentWait *wait = data;

  return count_sent (wait->fixture, wait->chat_id) >= wait->count;
}

static gboolean
holds_text (GListModel *messages,
            const char *text)
{
  for (guint i = 0; i < g_list_model_get_n_items (messages); i++)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (messages, i);

      if (g_strcmp0 (mc_message_get_text (message), text) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_send (Fixture       *fixture,
           gconstpointer  user_data)
{
  const char *text = "Здравствуйте! Заказ <b>собран</b> & передан в доставку.";
  g_autoptr(McChat) chat = open_first_chat (fixture);
  gint64 chat_id = mc_chat_get_chat_id (chat);
  SentWait wait = { fixture, chat_id, 1 };
  g_auto(GStrv) sent = NULL;
  g_autofree char *left = NULL;

  g_assert_cmpuint (count_sent (fixture, chat_id), ==, 0);
  mc_composer_set_text (composer (fixture), text);
  mc_composer_send (composer (fixture));

  /* Shown at once, before the Market answers. */
  g_assert_true (holds_text (mc_conversation_get_messages (conversation (fixture)), text));
  left = mc_composer_dup_text (composer (fixture));
  g_assert_cmpstr (left, ==, "");

  g_assert_true (ui_test_wait_until (sent_reached, &wait, WAIT_MSEC));
  ui_test_run_for (1000);

  sent = mc_fake_market_dup_sent (fixture->market, chat_id);
  g_assert_cmpuint (g_strv_length (sent), ==, 1);
  g_assert_cmpstr (sent[0], ==, text);
  g_assert_true (holds_text (mc_conversation_get_messages (conversation (fixture)), text));
}

static gboolean
warning_gone (gpointer data)
{
  return mc_composer_get_warning_dialog (data) == NULL;
}

/* What a click on one of the dialog's buttons does. */
static void
respond (GtkWindow  *dialog,
         const char *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (dialog);
}

static void
check_warning (Fixture    *fixture,
               gint64      chat_id,
               const char *text)
{
  GtkWindow *dialog;
  g_autofree char *kept = NULL;

  mc_composer_set_text (composer (fixture), text);
  mc_composer_send (composer (fixture));

  dialog = mc_composer_get_warning_dialog (composer (fixture));
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "edit");
  g_assert_cmpstr (adw_message_dialog_get_close_response (ADW_MESSAGE_DIALOG (dialog)), ==, "edit");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);

  respond (dialog, "edit");
  g_assert_true (ui_test_wait_until (warning_gone, composer (fixture), WAIT_MSEC));

  kept = mc_composer_dup_text (composer (fixture));
  g_assert_cmpstr (kept, ==, text);
  ui_test_run_for (500);
  g_assert_cmpuint (count_sent (fixture, chat_id), ==, 0);
}

static void
test_contact_warning (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(McChat) chat = open_first_chat (fixture);
  gint64 chat_id = mc_chat_get_chat_id (chat);
  SentWait wait = { fixture, chat_id, 1 };
  GtkWindow *dialog;

  check_warning (fixture, chat_id, "Позвоните: +7 999 123-45-67");
  check_warning (fixture, chat_id, "Подробнее на https://example.com");

  /* "Send anyway" is the seller's call. */
  mc_composer_send (composer (fixture));
  dialog = mc_composer_get_warning_dialog (composer (fixture));
  g_assert_nonnull (dialog);
  respond (dialog, "send");
  g_assert_true (ui_test_wait_until (sent_reached, &wait, WAIT_MSEC));
  ui_test_run_for (500);
  g_assert_cmpuint (count_sent (fixture, chat_id), ==, 1);
}

static void
on_send_file (McComposer *composer,
              GFile      *file,
              guint      *count)
{
  (*count)++;
}

static GFile *
make_file (const char *name,
           gsize       size)
{
  g_autofree char *dir = g_dir_make_tmp ("mc-ui-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *contents = g_malloc0 (size);

  g_assert_true (g_file_set_contents (path, contents, size, NULL));

  return g_file_new_for_path (path);
}

static void
delete_file (GFile *file)
{
  g_autoptr(GFile) dir = g_file_get_parent (file);

  g_file_delete (file, NULL, NULL);
  g_file_delete (dir, NULL, NULL);
}

static void
test_attachment_limits (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(McChat) chat = open_first_chat (fixture);
  g_autoptr(GFile) big = make_file ("big.pdf", 5 * 1024 * 1024 + 1);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/market-chats/photo.jpg");
  g_autoptr(GError) error = NULL;
  guint emitted = 0;

  g_signal_connect (composer (fixture), "send-file", G_CALLBACK (on_send_file), &emitted);

  g_assert_false (mc_composer_attach_file (composer (fixture), big, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "5 MB"));
  g_clear_error (&error);

  g_assert_false (mc_composer_attach_file (composer (fixture), missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  ui_test_run_for (300);
  g_assert_cmpuint (emitted, ==, 0);
  g_assert_cmpuint (count_sent (fixture, mc_chat_get_chat_id (chat)), ==, 0);

  /* A file within the limit goes out, once. */
  {
    g_autoptr(GFile) small = make_file ("photo.jpg", 2048);
    SentWait wait = { fixture, mc_chat_get_chat_id (chat), 1 };
    g_auto(GStrv) sent = NULL;

    g_assert_true (mc_composer_attach_file (composer (fixture), small, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (emitted, ==, 1);
    g_assert_true (ui_test_wait_until (sent_reached, &wait, WAIT_MSEC));
    sent = mc_fake_market_dup_sent (fixture->market, mc_chat_get_chat_id (chat));
    g_assert_cmpuint (g_strv_length (sent), ==, 1);
    g_assert_cmpstr (sent[0], ==, "photo.jpg");
    delete_file (small);
  }

  g_signal_handlers_disconnect_by_func (composer (fixture), on_send_file, &emitted);
  delete_file (big);
}

static McMessage *
find_failed (GListModel *messages)
{
  for (guint i = 0; i < g_list_model_get_n_items (messages); i++)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (messages, i);

      if (mc_message_get_state (message) == MC_MESSAGE_STATE_FAILED)
        return message;
    }

  return NULL;
}

static gboolean
has_failed (gpointer data)
{
  return find_failed (mc_conversation_get_messages (conversation (data))) != NULL;
}

static void
test_send_failure_keeps_text (Fixture       *fixture,
                              gconstpointer  user_data)
{
  const char *text = "Проверим и ответим сегодня";
  g_autoptr(McChat) chat = open_first_chat (fixture);
  gint64 chat_id = mc_chat_get_chat_id (chat);
  McMessage *failed;
  McMessageRow *row;
  g_autofree char *restored = NULL;

  mc_fake_market_inject_fault (fixture->market, "/chats/message", MC_FAKE_FAULT_STATUS, 500, 1);
  mc_composer_set_text (composer (fixture), text);
  mc_composer_send (composer (fixture));

  g_assert_true (ui_test_wait_until (has_failed, fixture, WAIT_MSEC));
  failed = find_failed (mc_conversation_get_messages (conversation (fixture)));
  g_assert_cmpstr (mc_message_get_text (failed), ==, text);
  g_assert_nonnull (mc_message_get_error (failed));
  g_assert_cmpuint (count_sent (fixture, chat_id), ==, 0);

  /* "Edit" puts it back; nothing typed is lost. */
  ui_test_run_for (300);
  row = find_row (GTK_WIDGET (conversation (fixture)), failed);
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "edit");
  restored = mc_composer_dup_text (composer (fixture));
  g_assert_cmpstr (restored, ==, text);
  g_assert_null (find_failed (mc_conversation_get_messages (conversation (fixture))));
}

static void
test_filter_and_search (Fixture       *fixture,
                        gconstpointer  user_data)
{
  GtkDropDown *mode = template_child (fixture, MC_TYPE_CHAT_LIST, chat_list (fixture), "mode_dropdown");
  GtkListBox *sidebar = template_child (fixture, MC_TYPE_WINDOW, GTK_WIDGET (fixture->window), "sidebar_list");
  GtkEditable *search = template_child (fixture, MC_TYPE_CHAT_LIST, chat_list (fixture), "search_entry");
  GListModel *model = chat_list_model (fixture);
  g_autoptr(McChat) first = NULL;
  g_autofree char *name = NULL;
  guint needs_reply, all;

  gtk_list_box_select_row (sidebar, gtk_list_box_get_row_at_index (sidebar, 0));
  g_assert_true (ui_test_wait_until (first_cabinet_has_answered_chat, fixture, WAIT_MSEC));
  needs_reply = g_list_model_get_n_items (model);
  for (guint i = 0; i < needs_reply; i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (model, i);

      g_assert_true (mc_chat_needs_reply (chat));
    }

  gtk_drop_down_set_selected (mode, mc_chat_list_mode_position (MC_CHAT_VIEW_MODE_ALL));
  all = g_list_model_get_n_items (model);
  g_assert_cmpuint (all, >, needs_reply);

  gtk_drop_down_set_selected (mode, mc_chat_list_mode_position (MC_CHAT_VIEW_MODE_FINISHED));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (model, i);

      g_assert_cmpint (mc_chat_get_status (chat), ==, MC_CHAT_STATUS_FINISHED);
    }

  gtk_drop_down_set_selected (mode, mc_chat_list_mode_position (MC_CHAT_VIEW_MODE_ALL));
  first = g_list_model_get_item (model, 0);
  name = g_strdup (mc_chat_get_customer_name (first));
  gtk_editable_set_text (search, name);
  g_signal_emit_by_name (search, "search-changed");

  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), <, all);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (model, i);

      g_assert_cmpstr (mc_chat_get_customer_name (chat), ==, name);
    }

  gtk_editable_set_text (search, "no such customer 0000");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (fixture, MC_TYPE_CHAT_LIST,
                                                                     chat_list (fixture),
                                                                     "chats_stack")), ==, "empty");
}

static gboolean
is_folded (gpointer data)
{
  Fixture *fixture = data;
  AdwLeaflet *leaflet = template_child (fixture, MC_TYPE_WINDOW, GTK_WIDGET (fixture->window), "leaflet");

  return adw_leaflet_get_folded (leaflet);
}

static void
test_narrow_folds (Fixture       *fixture,
                   gconstpointer  user_data)
{
  AdwLeaflet *leaflet = template_child (fixture, MC_TYPE_WINDOW, GTK_WIDGET (fixture->window), "leaflet");
  GtkWidget *chats_pane = template_child (fixture, MC_TYPE_WINDOW, GTK_WIDGET (fixture->window), "chats_pane");
  GtkWidget *conversation_pane = template_child (fixture, MC_TYPE_WINDOW, GTK_WIDGET (fixture->window),
                                                 "conversation_pane");
  g_autoptr(McChat) chat = NULL;

  g_assert_true (ui_test_wait_until (is_folded, fixture, WAIT_MSEC));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == chats_pane);

  chat = open_first_chat (fixture);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == conversation_pane);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == chats_pane);
}

static void
test_draft_kept (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const char *text = "Черновик ответа";
  g_autoptr(McChat) first = open_first_chat (fixture);
  g_autoptr(McChat) second = g_list_model_get_item (chat_list_model (fixture), 1);
  McCache *cache = mc_chat_store_get_cache (mc_session_get_chats (fixture->session),
                                            mc_chat_get_business_id (first));
  g_autofree char *other = NULL;
  g_autofree char *back = NULL;

  mc_composer_set_text (composer (fixture), text);
  /* Switching chats saves at once, without waiting for the pause. */
  mc_window_open_chat (fixture->window, mc_chat_get_chat_id (second));
  g_assert_cmpstr (mc_cache_get_draft (cache, mc_chat_get_chat_id (first)), ==, text);
  other = mc_composer_dup_text (composer (fixture));
  g_assert_cmpstr (other, ==, "");

  mc_window_open_chat (fixture->window, mc_chat_get_chat_id (first));
  back = mc_composer_dup_text (composer (fixture));
  g_assert_cmpstr (back, ==, text);
  g_assert_cmpuint (count_sent (fixture, mc_chat_get_chat_id (first)), ==, 0);
}

static void
test_finished_chat_read_only (Fixture       *fixture,
                              gconstpointer  user_data)
{
  GtkDropDown *mode = template_child (fixture, MC_TYPE_CHAT_LIST, chat_list (fixture), "mode_dropdown");
  g_autoptr(McChat) chat = NULL;
  g_autofree char *left = NULL;

  gtk_drop_down_set_selected (mode, mc_chat_list_mode_position (MC_CHAT_VIEW_MODE_FINISHED));
  /* The fixture waits for the chats that need a reply, which the demo's
   * first poll brings; finished ones come with its sweep, later. */
  g_assert_true (ui_test_wait_until (has_chats, fixture, WAIT_MSEC));
  chat = g_list_model_get_item (chat_list_model (fixture), 0);
  g_assert_cmpint (mc_chat_get_status (chat), ==, MC_CHAT_STATUS_FINISHED);
  mc_window_open_chat (fixture->window, mc_chat_get_chat_id (chat));

  g_assert_nonnull (mc_composer_get_disabled_reason (composer (fixture)));
  mc_composer_set_text (composer (fixture), "Ответ в закрытый чат");
  mc_composer_send (composer (fixture));
  left = mc_composer_dup_text (composer (fixture));
  g_assert_cmpstr (left, ==, "Ответ в закрытый чат");
  ui_test_run_for (300);
  g_assert_cmpuint (count_sent (fixture, mc_chat_get_chat_id (chat)), ==, 0);
}

static gboolean
banner_shown (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *banner = template_child (fixture, MC_TYPE_WINDOW, GTK_WIDGET (fixture->window), "status_banner");
  GtkRevealer *revealer = template_child (fixture, MC_TYPE_STATUS_BANNER, banner, "banner_revealer");

  return gtk_revealer_get_reveal_child (revealer);
}

static void
test_auth_banner (Fixture       *fixture,
                  gconstpointer  user_data)
{
  GtkWidget *banner = template_child (fixture, MC_TYPE_WINDOW, GTK_WIDGET (fixture->window), "status_banner");
  GtkLabel *label = template_child (fixture, MC_TYPE_STATUS_BANNER, banner, "banner_label");
  GtkButton *button = template_child (fixture, MC_TYPE_STATUS_BANNER, banner, "banner_button");

  g_assert_false (banner_shown (fixture));
  mc_fake_market_inject_fault (fixture->market, "/chats", MC_FAKE_FAULT_STATUS, 401, 1000);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);

  g_assert_true (ui_test_wait_until (banner_shown, fixture, WAIT_MSEC));
  g_assert_nonnull (strstr (gtk_label_get_label (label), "refused"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "app.preferences");
  mc_fake_market_clear_faults (fixture->market);
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  user_data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkSearchBar *search_bar = template_child (fixture, MC_TYPE_CHAT_LIST, chat_list (fixture), "search_bar");
  g_autoptr(McChat) first = g_list_model_get_item (chat_list_model (fixture), 0);
  g_autoptr(McChat) second = g_list_model_get_item (chat_list_model (fixture), 1);

  gtk_widget_activate_action (window, "win.next-chat", NULL);
  g_assert_cmpint (mc_window_get_open_chat_id (fixture->window), ==, mc_chat_get_chat_id (first));
  gtk_widget_activate_action (window, "win.next-chat", NULL);
  g_assert_cmpint (mc_window_get_open_chat_id (fixture->window), ==, mc_chat_get_chat_id (second));
  gtk_widget_activate_action (window, "win.previous-chat", NULL);
  g_assert_cmpint (mc_window_get_open_chat_id (fixture->window), ==, mc_chat_get_chat_id (first));

  /* From the list (in the conversation, Ctrl+F searches the messages). */
  gtk_widget_grab_focus (mc_chat_list_get_list_view (MC_CHAT_LIST (chat_list (fixture))));
  gtk_widget_activate_action (window, "win.search", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (search_bar));
  gtk_widget_activate_action (window, "win.back", NULL);
  g_assert_false (gtk_search_bar_get_search_mode (search_bar));
}

typedef struct
{
  Fixture *fixture;
  gint64   chat_id;
} OpenWait;

static gboolean
chat_opened (gpointer data)
{
  OpenWait *wait = data;

  gint64 open = mc_window_get_open_chat_id (wait->fixture->window);

  /* A negative id waits for any chat but that one. */
  if (wait->chat_id < 0)
    return open != 0 && open != -wait->chat_id;

  return open == wait->chat_id;
}

static GtkWindow *
start_new_chat (Fixture    *fixture,
                const char *number)
{
  GtkWindow *dialog = mc_new_chat_dialog_new (fixture->session, GTK_WINDOW (fixture->window));
  GtkEditable *entry = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                    MC_TYPE_NEW_CHAT_DIALOG,
                                                                    "number_entry"));

  gtk_window_present (dialog);
  gtk_editable_set_text (entry, number);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "new-chat.start", NULL);

  return dialog;
}

static void
test_new_chat (Fixture       *fixture,
               gconstpointer  user_data)
{
  GListModel *chats = G_LIST_MODEL (mc_session_get_chats (fixture->session));
  McSidebarModel *stores = mc_session_get_stores (fixture->session);
  g_autoptr(McChat) existing = NULL;
  g_autofree char *number = NULL;
  GtkWindow *dialog;
  GtkDropDown *dropdown;
  GtkLabel *error_label;
  McSidebarItem *item;
  OpenWait wait = { fixture, 0 };
  McChat *created;

  /* Letters are refused inline, nothing is asked. */
  dialog = start_new_chat (fixture, "12a");
  error_label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (dialog), MC_TYPE_NEW_CHAT_DIALOG, "error_label"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpint (mc_window_get_open_chat_id (fixture->window), ==, 0);

  /* An order that has a chat opens that chat. */
  dropdown = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (dialog), MC_TYPE_NEW_CHAT_DIALOG, "store_dropdown"));
  item = gtk_drop_down_get_selected_item (dropdown);
  g_assert_nonnull (item);
  for (guint i = 0; existing == NULL && i < g_list_model_get_n_items (chats); i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (chats, i);
      McChatContext *context = mc_chat_get_context (chat);

      if (context != NULL && mc_chat_context_get_context_type (context) == MC_CONTEXT_TYPE_ORDER &&
          mc_chat_get_campaign_id (chat) == mc_sidebar_item_get_campaign_id (item))
        existing = g_steal_pointer (&chat);
    }
  g_assert_nonnull (existing);
  g_assert_nonnull (mc_sidebar_model_find_campaign (stores, mc_sidebar_item_get_campaign_id (item)));

  number = g_strdup_printf ("%" G_GINT64_FORMAT, mc_chat_context_get_order_id (mc_chat_get_context (existing)));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                      MC_TYPE_NEW_CHAT_DIALOG,
                                                                      "number_entry")), number);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "new-chat.start", NULL);
  wait.chat_id = mc_chat_get_chat_id (existing);
  g_assert_true (ui_test_wait_until (chat_opened, &wait, WAIT_MSEC));

  /* A new order number starts a new chat, shown at once. */
  start_new_chat (fixture, "987654321");
  wait.chat_id = -mc_chat_get_chat_id (existing);
  g_assert_true (ui_test_wait_until (chat_opened, &wait, WAIT_MSEC));
  created = mc_chat_store_lookup (mc_session_get_chats (fixture->session),
                                  mc_window_get_open_chat_id (fixture->window));
  g_assert_cmpint (mc_chat_context_get_order_id (mc_chat_get_context (created)), ==, 987654321);
}

/* Closing the dialog while createChat is under way gives up the chat: it
 * must not open in the window a moment later. */
static void
test_new_chat_closed (Fixture       *fixture,
                      gconstpointer  user_data)
{
  GtkWindow *dialog;

  g_assert_cmpint (mc_window_get_open_chat_id (fixture->window), ==, 0);
  mc_fake_market_set_latency (fixture->market, 800);
  dialog = start_new_chat (fixture, "987654322");
  ui_test_run_for (100);
  gtk_window_close (dialog);
  /* createChat, then getChat, each 800 ms away. */
  ui_test_run_for (2500);
  mc_fake_market_set_latency (fixture->market, 0);
  g_assert_cmpint (mc_window_get_open_chat_id (fixture->window), ==, 0);
}

static gboolean
toast_says (GtkWidget  *widget,
            const char *part,
            gboolean    in_toast)
{
  in_toast = in_toast || g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget");
  if (in_toast && GTK_IS_LABEL (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), part) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (toast_says (child, part, in_toast))
      return TRUE;

  return FALSE;
}

/* The number of an order of another store of the same cabinet than the one
 * picked: the chat opens where the Market filed it, and a toast says so. */
static void
test_new_chat_other_store (Fixture       *fixture,
                           gconstpointer  user_data)
{
  GListModel *chats = G_LIST_MODEL (mc_session_get_chats (fixture->session));
  GtkWindow *dialog = mc_new_chat_dialog_new (fixture->session, GTK_WINDOW (fixture->window));
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                        MC_TYPE_NEW_CHAT_DIALOG,
                                                                        "store_dropdown"));
  GListModel *stores = gtk_drop_down_get_model (dropdown);
  g_autoptr(McChat) other = NULL;
  g_autofree char *number = NULL;
  OpenWait wait = { fixture, 0 };
  guint picked = 0;

  for (guint i = 0; other == NULL && i < g_list_model_get_n_items (stores); i++)
    {
      g_autoptr(McSidebarItem) item = g_list_model_get_item (stores, i);

      for (guint j = 0; other == NULL && j < g_list_model_get_n_items (chats); j++)
        {
          g_autoptr(McChat) chat = g_list_model_get_item (chats, j);
          McChatContext *context = mc_chat_get_context (chat);

          if (context != NULL && mc_chat_context_get_context_type (context) == MC_CONTEXT_TYPE_ORDER &&
              mc_chat_get_business_id (chat) == mc_sidebar_item_get_business_id (item) &&
              mc_chat_get_campaign_id (chat) != mc_sidebar_item_get_campaign_id (item))
            {
              other = g_steal_pointer (&chat);
              picked = i;
            }
        }
    }
  g_assert_nonnull (other);

  gtk_window_present (dialog);
  gtk_drop_down_set_selected (dropdown, picked);
  number = g_strdup_printf ("%" G_GINT64_FORMAT, mc_chat_context_get_order_id (mc_chat_get_context (other)));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                      MC_TYPE_NEW_CHAT_DIALOG,
                                                                      "number_entry")), number);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "new-chat.start", NULL);
  wait.chat_id = mc_chat_get_chat_id (other);
  g_assert_true (ui_test_wait_until (chat_opened, &wait, WAIT_MSEC));
  ui_test_run_for (300);
  g_assert_true (toast_says (GTK_WIDGET (fixture->window), "belongs to the store", FALSE));
}

/* The row of the first store (not "All stores") of the cabinet of the
 * last row, which is the second cabinet's. */
static GtkListBoxRow *
second_cabinet_store_row (GtkListBox *sidebar,
                          McSession  *session)
{
  GListModel *stores = G_LIST_MODEL (mc_session_get_stores (session));
  guint n = g_list_model_get_n_items (stores);
  g_autoptr(McSidebarItem) last = g_list_model_get_item (stores, n - 1);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(McSidebarItem) item = g_list_model_get_item (stores, i);

      if (mc_sidebar_item_get_business_id (item) == mc_sidebar_item_get_business_id (last) &&
          mc_sidebar_item_get_kind (item) == MC_SIDEBAR_ITEM_KIND_CABINET_STORE)
        return gtk_list_box_get_row_at_index (sidebar, i);
    }

  g_assert_not_reached ();
}

static McSidebarItem *
selected_store (GtkListBox *sidebar)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (sidebar);

  g_assert_nonnull (row);
  return mc_store_row_get_item (MC_STORE_ROW (row));
}

/* Tab walks through the window, never through the stores: the selected
 * store and the saved choice stay as they are. */
static void
test_tab_keeps_store (Fixture       *fixture,
                      gconstpointer  user_data)
{
  GtkListBox *sidebar = template_child (fixture, MC_TYPE_WINDOW, GTK_WIDGET (fixture->window), "sidebar_list");
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (sidebar, 1);
  McSidebarItem *item = mc_store_row_get_item (MC_STORE_ROW (row));
  g_autofree char *saved = NULL;

  gtk_list_box_select_row (sidebar, row);
  saved = g_settings_get_string (fixture->settings, "last-selected-store");
  g_assert_cmpstr (saved, !=, "");
  gtk_widget_grab_focus (GTK_WIDGET (row));

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *now = NULL;

      gtk_widget_child_focus (GTK_WIDGET (fixture->window),
                              i < 3 ? GTK_DIR_TAB_FORWARD : GTK_DIR_TAB_BACKWARD);
      ui_test_run_for (50);
      g_assert_true (selected_store (sidebar) == item);
      now = g_settings_get_string (fixture->settings, "last-selected-store");
      g_assert_cmpstr (now, ==, saved);
    }

  /* Focus did leave the stores. */
  gtk_widget_grab_focus (GTK_WIDGET (row));
  gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD);
  g_assert_false (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                          GTK_WIDGET (sidebar)));
}

static gboolean
store_selected (gpointer data)
{
  gpointer *wait = data;
  GtkListBox *sidebar = wait[0];
  GtkListBoxRow *row = gtk_list_box_get_selected_row (sidebar);
  McSidebarItem *item;

  if (row == NULL)
    return FALSE;
  item = mc_store_row_get_item (MC_STORE_ROW (row));
  return mc_sidebar_item_get_business_id (item) == (gint64) GPOINTER_TO_SIZE (wait[1]) &&
         mc_sidebar_item_get_kind (item) == MC_SIDEBAR_ITEM_KIND_CABINET_STORE;
}

/* A store of the second cabinet, selected, is selected again at the next
 * start, though its cabinet comes in after the first; closing the window
 * does not rewrite the choice. */
static void
test_store_restored (Fixture       *fixture,
                     gconstpointer  user_data)
{
  GtkListBox *sidebar = template_child (fixture, MC_TYPE_WINDOW, GTK_WIDGET (fixture->window), "sidebar_list");
  GtkListBoxRow *row = second_cabinet_store_row (sidebar, fixture->session);
  McSidebarItem *item = mc_store_row_get_item (MC_STORE_ROW (row));
  gint64 business_id = mc_sidebar_item_get_business_id (item);
  gint64 campaign_id = mc_sidebar_item_get_campaign_id (item);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *after = NULL;
  gpointer wait[2];
  McSession *session;
  McWindow *window;

  gtk_list_box_select_row (sidebar, row);
  saved = g_settings_get_string (fixture->settings, "last-selected-store");

  ui_test_destroy_and_check (GTK_WINDOW (g_steal_pointer (&fixture->window)),
                             g_steal_pointer (&fixture->session));
  after = g_settings_get_string (fixture->settings, "last-selected-store");
  g_assert_cmpstr (after, ==, saved);

  /* A new start: the window comes up before the cabinets. */
  session = mc_session_new (NULL);
  g_assert_true (mc_session_start_demo (session, &error));
  g_assert_no_error (error);
  window = mc_window_new (NULL, session, fixture->settings);
  gtk_window_present (GTK_WINDOW (window));
  sidebar = template_child (fixture, MC_TYPE_WINDOW, GTK_WIDGET (window), "sidebar_list");
  wait[0] = sidebar;
  wait[1] = GSIZE_TO_POINTER (business_id);
  g_assert_true (ui_test_wait_until (store_selected, wait, WAIT_MSEC));
  g_assert_cmpint (mc_sidebar_item_get_campaign_id (selected_store (sidebar)), ==, campaign_id);
  /* And it stays once everything is in. */
  g_assert_true (ui_test_wait_until (has_chats_in, window, WAIT_MSEC));
  ui_test_run_for (500);
  g_assert_cmpint (mc_sidebar_item_get_campaign_id (selected_store (sidebar)), ==, campaign_id);

  fixture->session = session;
  fixture->window = window;
}

static GtkAdjustment *
chats_vadjustment (Fixture *fixture)
{
  GtkScrolledWindow *scrolled = template_child (fixture, MC_TYPE_CHAT_LIST, chat_list (fixture), "chats_scrolled");

  return gtk_scrolled_window_get_vadjustment (scrolled);
}

static gboolean
scrolled_down (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *list = template_child (fixture, MC_TYPE_CHAT_LIST, chat_list (fixture), "chats_list");
  guint n_items = g_list_model_get_n_items (chat_list_model (fixture));

  /* Again and again: the list may still be growing to its full length.
   * As the seller's keys do it, not by setting the adjustment, which GTK
   * 4.8 cannot follow into rows it has not laid out yet. */
  if (n_items > 0)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", n_items - 1);
  return gtk_adjustment_get_value (chats_vadjustment (fixture)) > 0;
}

static gboolean
scrolled_to_top (gpointer data)
{
  return gtk_adjustment_get_value (data) == 0;
}

/* Every view opens at its top, stays there when a chat that waited longer
 * comes in above, and shows the open chat highlighted. */
static void
test_view_at_top (Fixture       *fixture,
                  gconstpointer  user_data)
{
  GtkDropDown *mode = template_child (fixture, MC_TYPE_CHAT_LIST, chat_list (fixture), "mode_dropdown");
  GtkListBox *sidebar = template_child (fixture, MC_TYPE_WINDOW, GTK_WIDGET (fixture->window), "sidebar_list");
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (chat_list_model (fixture));
  GtkAdjustment *adjustment = chats_vadjustment (fixture);
  McSidebarItem *all_stores;
  g_autoptr(McChat) open = NULL;
  g_autoptr(McChatContext) context = NULL;
  g_autoptr(McChat) older = NULL;
  g_autoptr(GPtrArray) merged = NULL;
  g_autoptr(McChat) first = NULL;

  gtk_list_box_select_row (sidebar, gtk_list_box_get_row_at_index (sidebar, 0));
  all_stores = selected_store (sidebar);
  g_assert_cmpint (mc_sidebar_item_get_kind (all_stores), ==, MC_SIDEBAR_ITEM_KIND_ALL_STORES);
  open = open_first_chat (fixture);

  gtk_drop_down_set_selected (mode, mc_chat_list_mode_position (MC_CHAT_VIEW_MODE_ALL));
  ui_test_run_for (300);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == open);
  g_assert_true (ui_test_wait_until (scrolled_down, fixture, WAIT_MSEC));

  gtk_drop_down_set_selected (mode, mc_chat_list_mode_position (MC_CHAT_VIEW_MODE_NEEDS_REPLY));
  g_assert_true (ui_test_wait_until (scrolled_to_top, adjustment, 5000));
  g_assert_true (gtk_single_selection_get_selected_item (selection) == open);

  /* A customer who has waited longer than anyone shown comes in. */
  context = mc_chat_context_new (MC_CONTEXT_TYPE_DIRECT);
  older = mc_chat_new_full (G_MAXINT32, mc_sidebar_item_get_business_id (all_stores),
                            MC_CHAT_TYPE_CHAT, MC_CHAT_STATUS_NEW,
                            G_USEC_PER_SEC, G_USEC_PER_SEC, context);
  merged = g_ptr_array_new ();
  g_ptr_array_add (merged, older);
  mc_chat_store_merge (mc_session_get_chats (fixture->session), merged);
  ui_test_run_for (300);
  first = g_list_model_get_item (G_LIST_MODEL (selection), 0);
  g_assert_true (first == mc_chat_store_lookup (mc_session_get_chats (fixture->session), G_MAXINT32));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
}

/* A search looks through every chat of the store, not only the view's, and
 * the view's choice looks off meanwhile. */
static void
test_search_all_chats (Fixture       *fixture,
                       gconstpointer  user_data)
{
  GtkDropDown *mode = template_child (fixture, MC_TYPE_CHAT_LIST, chat_list (fixture), "mode_dropdown");
  GtkEditable *search = template_child (fixture, MC_TYPE_CHAT_LIST, chat_list (fixture), "search_entry");
  GListModel *model = chat_list_model (fixture);
  g_autoptr(McChat) finished = NULL;
  gboolean found = FALSE;

  gtk_drop_down_set_selected (mode, mc_chat_list_mode_position (MC_CHAT_VIEW_MODE_FINISHED));
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  finished = g_list_model_get_item (model, 0);
  gtk_drop_down_set_selected (mode, mc_chat_list_mode_position (MC_CHAT_VIEW_MODE_NEEDS_REPLY));

  gtk_editable_set_text (search, mc_chat_get_customer_name (finished));
  g_signal_emit_by_name (search, "search-changed");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (mode)));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (model, i);

      found = found || chat == finished;
    }
  g_assert_true (found);

  gtk_editable_set_text (search, "");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (mode)));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (model, i);

      g_assert_true (mc_chat_needs_reply (chat));
    }
}

/* The list takes the height the header, the view and the search leave in
 * its pane, wide and folded, rather than its own few rows. */
static void
test_list_fills_pane (Fixture       *fixture,
                      gconstpointer  user_data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *chats = template_child (fixture, MC_TYPE_WINDOW, window, "chats_pane");
  GtkWidget *scrolled = template_child (fixture, MC_TYPE_CHAT_LIST, chat_list (fixture), "chats_scrolled");
  GtkWidget *mode = template_child (fixture, MC_TYPE_CHAT_LIST, chat_list (fixture), "mode_dropdown");
  graphene_point_t top, bottom;

  ui_test_run_for (300);
  g_assert_true (gtk_widget_get_mapped (scrolled));
  g_assert_true (gtk_widget_compute_point (mode, chats, &GRAPHENE_POINT_INIT (0, 0), &top));
  g_assert_true (gtk_widget_compute_point (scrolled, chats,
                                           &GRAPHENE_POINT_INIT (0, gtk_widget_get_height (scrolled)),
                                           &bottom));
  g_assert_cmpfloat (top.y, <, 150);
  g_assert_cmpfloat (bottom.y, ==, gtk_widget_get_height (chats));
}

/* The chats keep their width whatever the store or the chat shown. */
static gboolean
is_laid_out (gpointer data)
{
  return gtk_widget_get_width (data) > 0;
}

static void
test_pane_widths_stable (Fixture       *fixture,
                         gconstpointer  user_data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkListBox *sidebar = template_child (fixture, MC_TYPE_WINDOW, window, "sidebar_list");
  GtkWidget *chats = template_child (fixture, MC_TYPE_WINDOW, window, "chats_pane");
  GtkDropDown *mode = template_child (fixture, MC_TYPE_CHAT_LIST, chat_list (fixture), "mode_dropdown");
  GListModel *stores = G_LIST_MODEL (mc_session_get_stores (fixture->session));
  GListModel *model = chat_list_model (fixture);
  int width;

  g_assert_true (ui_test_wait_until (is_laid_out, chats, 5000));
  ui_test_run_for (300);
  width = gtk_widget_get_width (chats);

  for (guint i = 0; i < g_list_model_get_n_items (stores); i++)
    {
      gtk_list_box_select_row (sidebar, gtk_list_box_get_row_at_index (sidebar, i));
      for (guint m = MC_CHAT_VIEW_MODE_NEEDS_REPLY; m <= MC_CHAT_VIEW_MODE_OVERDUE; m++)
        {
          gtk_drop_down_set_selected (mode, mc_chat_list_mode_position (m));
          if (g_list_model_get_n_items (model) > 0)
            {
              g_autoptr(McChat) chat = g_list_model_get_item (model, 0);

              mc_window_open_chat (fixture->window, mc_chat_get_chat_id (chat));
            }
          ui_test_run_for (100);
          g_assert_cmpint (gtk_widget_get_width (chats), ==, width);
        }
    }
}

static void
collect_chat_rows (GtkWidget *widget,
                   GPtrArray *rows)
{
  if (MC_IS_CHAT_ROW (widget))
    {
      g_ptr_array_add (rows, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_chat_rows (child, rows);
}

typedef struct
{
  gint64 now;
} FakeClock;

static gint64
fake_now (gpointer data)
{
  return ((FakeClock *) data)->now;
}

/* The bound row showing @chat, or NULL. */
static McChatRow *
row_of (GtkWidget *list,
        McChat    *chat)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_chat_rows (list, rows);
  for (guint i = 0; i < rows->len; i++)
    if (mc_chat_row_get_chat (g_ptr_array_index (rows, i)) == chat)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static const char *
row_clock (McChatRow *row)
{
  return mc_chat_row_get_text (row, MC_CHAT_ROW_PART_CLOCK);
}

/* The rows and the conversation's header show the reply clock as the
 * seller's target and the (fake) time say, in words and colour; the
 * Overdue view and the sidebar follow. */
static void
test_reply_clock (Fixture       *fixture,
                  gconstpointer  user_data)
{
  GtkWidget *list = template_child (fixture, MC_TYPE_CHAT_LIST, chat_list (fixture), "chats_list");
  GtkDropDown *mode = template_child (fixture, MC_TYPE_CHAT_LIST, chat_list (fixture), "mode_dropdown");
  GtkLabel *header = template_child (fixture, MC_TYPE_CONVERSATION, GTK_WIDGET (conversation (fixture)),
                                     "clock_label");
  McChatStore *store = mc_session_get_chats (fixture->session);
  g_autoptr(McSidebarItem) all_stores = g_list_model_get_item (G_LIST_MODEL (mc_session_get_stores (fixture->session)), 0);
  g_autoptr(McChat) chat = NULL;
  g_autoptr(McWorkingHours) hours = NULL;
  g_autoptr(GVariantBuilder) builder = NULL;
  g_autofree char *business = NULL;
  FakeClock clock;
  McChatRow *row;
  gint64 since;

  ui_test_run_for (300);
  chat = g_list_model_get_item (chat_list_model (fixture), 0);
  g_assert_true (mc_chat_needs_reply (chat));
  since = mc_chat_get_waiting_since (chat);
  row = row_of (list, chat);
  g_assert_nonnull (row);

  clock.now = since + 30 * G_TIME_SPAN_MINUTE;
  mc_chat_store_set_now_func (store, fake_now, &clock, NULL);
  g_assert_cmpstr (row_clock (row), ==, "Waiting 30 min");
  g_assert_null (mc_chat_row_get_clock_style (row));

  clock.now = since + 50 * G_TIME_SPAN_MINUTE;
  mc_chat_store_update_clocks (store);
  g_assert_cmpstr (row_clock (row), ==, "Due in 10 min");
  g_assert_cmpstr (mc_chat_row_get_clock_style (row), ==, "warning");

  clock.now = since + 100 * G_TIME_SPAN_MINUTE;
  mc_chat_store_update_clocks (store);
  g_assert_cmpstr (row_clock (row), ==, "Overdue by 40 min");
  g_assert_cmpstr (mc_chat_row_get_clock_style (row), ==, "error");
  g_assert_cmpuint (mc_sidebar_item_get_overdue_count (all_stores), >, 0);

  /* The header says it in full, and what it measures. */
  mc_window_open_chat (fixture->window, mc_chat_get_chat_id (chat));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (header)));
  g_assert_cmpstr (gtk_label_get_label (header), ==, "overdue by 40 minutes");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (header)), ==, mc_reply_clock_get_explanation ());

  /* The Overdue view, second in the drop-down, holds it. */
  gtk_drop_down_set_selected (mode, 1);
  g_assert_cmpint (mc_chat_list_position_mode (1), ==, MC_CHAT_VIEW_MODE_OVERDUE);
  g_assert_true (mc_chat_list_has_chat (MC_CHAT_LIST (chat_list (fixture)), mc_chat_get_chat_id (chat)));

  /* A longer target: the rows, the header and the view follow at once. */
  g_settings_set_uint (fixture->settings, "reply-target-minutes", 120);
  g_assert_cmpint (mc_chat_store_get_reply_target (store), ==, 120 * G_TIME_SPAN_MINUTE);
  g_assert_cmpstr (gtk_label_get_label (header), ==, "reply due in 20 minutes");
  g_assert_false (mc_chat_list_has_chat (MC_CHAT_LIST (chat_list (fixture)), mc_chat_get_chat_id (chat)));
  gtk_drop_down_set_selected (mode, mc_chat_list_mode_position (MC_CHAT_VIEW_MODE_NEEDS_REPLY));
  ui_test_run_for (300);
  row = row_of (list, chat);
  g_assert_nonnull (row);
  g_assert_cmpstr (row_clock (row), ==, "Waiting 1 h 40 min");

  /* Working hours from the setting reach the cabinet's chats. */
  business = g_strdup_printf ("%" G_GINT64_FORMAT, mc_chat_get_business_id (chat));
  builder = g_variant_builder_new (G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (builder, "{ss}", business, "1111100 09:00-18:00 UTC");
  g_settings_set_value (fixture->settings, "working-hours", g_variant_builder_end (builder));
  hours = mc_chat_store_get_working_hours (store, mc_chat_get_business_id (chat));
  g_assert_nonnull (hours);
  mc_working_hours_ref (hours);
  g_assert_cmpuint (mc_working_hours_get_start_minute (hours), ==, 9 * 60);
  g_assert_cmpuint (mc_working_hours_get_days (hours), ==, MC_WEEKDAYS_WORKWEEK);

  g_settings_reset (fixture->settings, "working-hours");
  g_assert_null (mc_chat_store_get_working_hours (store, mc_chat_get_business_id (chat)));
  g_settings_reset (fixture->settings, "reply-target-minutes");
  mc_chat_store_set_now_func (store, NULL, NULL, NULL);
}

/* The chat row inside the list's row that holds the focus, or NULL. */
static McChat *
focused_chat (Fixture   *fixture,
              GtkWidget *list)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_chat_rows (list, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = gtk_widget_get_parent (g_ptr_array_index (rows, i));

      if (focus != NULL && (focus == row || gtk_widget_is_ancestor (focus, row)))
        return mc_chat_row_get_chat (g_ptr_array_index (rows, i));
    }

  return NULL;
}

/* Rows that look highlighted: selected, or with the focus in them. */
static guint
count_marked_rows (GtkWidget *list)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  guint marked = 0;

  collect_chat_rows (list, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      McChatRow *chat_row = g_ptr_array_index (rows, i);
      GtkStateFlags flags = gtk_widget_get_state_flags (gtk_widget_get_parent (GTK_WIDGET (chat_row)));

      if (!gtk_widget_get_mapped (GTK_WIDGET (chat_row)) || mc_chat_row_get_chat (chat_row) == NULL)
        continue;
      if ((flags & (GTK_STATE_FLAG_SELECTED | GTK_STATE_FLAG_FOCUS_WITHIN)) != 0)
        marked++;
    }

  return marked;
}

/* Whether the focus is on the selected row, or on the top row when none
 * is selected (the demo's customers may reorder the view meanwhile). */
static gboolean
focus_on_selected (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *list = template_child (fixture, MC_TYPE_CHAT_LIST, chat_list (fixture), "chats_list");
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (chat_list_model (fixture));
  g_autoptr(McChat) first = g_list_model_get_item (G_LIST_MODEL (selection), 0);
  McChat *selected = gtk_single_selection_get_selected_item (selection);

  return focused_chat (fixture, list) == (selected != NULL ? selected : first);
}

/* After a view switch the keyboard is on the open chat's row (on the top
 * row when the view does not hold it), not on the row that held the focus
 * in the old view and now shows another chat: only one row looks
 * highlighted and the arrow keys go on from the open chat. */
static void
test_view_focus_follows_selection (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  GtkWidget *list = template_child (fixture, MC_TYPE_CHAT_LIST, chat_list (fixture), "chats_list");
  GtkDropDown *mode = template_child (fixture, MC_TYPE_CHAT_LIST, chat_list (fixture), "mode_dropdown");
  GtkListBox *sidebar = template_child (fixture, MC_TYPE_WINDOW, GTK_WIDGET (fixture->window), "sidebar_list");
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (chat_list_model (fixture));
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(McChat) clicked = NULL;
  GtkWidget *clicked_row = NULL;
  static const McChatViewMode modes[] = {
    MC_CHAT_VIEW_MODE_NEEDS_REPLY, MC_CHAT_VIEW_MODE_WAITING_FOR_CUSTOMER, MC_CHAT_VIEW_MODE_ALL,
  };

  gtk_list_box_select_row (sidebar, gtk_list_box_get_row_at_index (sidebar, 0));
  gtk_drop_down_set_selected (mode, mc_chat_list_mode_position (MC_CHAT_VIEW_MODE_ALL));
  /* The first sweep done: chats it brings in later, newer than the one
   * clicked, would push it out of sight in All. */
  g_assert_true (ui_test_wait_until (first_cabinet_loaded, fixture, WAIT_MSEC));
  ui_test_run_for (300);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), >, 4);

  /* A click on the third row: it takes the focus and is selected. */
  clicked = g_list_model_get_item (G_LIST_MODEL (selection), 2);
  collect_chat_rows (list, rows);
  for (guint i = 0; i < rows->len; i++)
    if (mc_chat_row_get_chat (g_ptr_array_index (rows, i)) == clicked)
      clicked_row = gtk_widget_get_parent (g_ptr_array_index (rows, i));
  g_assert_nonnull (clicked_row);
  g_assert_true (gtk_widget_grab_focus (clicked_row));
  gtk_widget_activate_action (list, "list.select-item", "(ubb)", 2, FALSE, FALSE);
  g_assert_cmpint (mc_window_get_open_chat_id (fixture->window), ==, mc_chat_get_chat_id (clicked));
  g_assert_true (focused_chat (fixture, list) == clicked);

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      gtk_drop_down_set_selected (mode, mc_chat_list_mode_position (modes[i]));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), >, 0);

      /* The focus stayed in the list through the switch, and comes back
       * to the same row. */
      g_assert_true (ui_test_wait_until (focus_on_selected, fixture, WAIT_MSEC));
      g_assert_cmpuint (count_marked_rows (list), ==, 1);
      gtk_widget_grab_focus (GTK_WIDGET (mode));
      g_assert_true (gtk_widget_grab_focus (list));
      g_assert_true (focus_on_selected (fixture));
      g_assert_cmpuint (count_marked_rows (list), ==, 1);
    }
}

/* In the narrow list of disputes, with two badges, the status is shown
 * whole; only the number may be cut. */
static void
test_dispute_status_whole (Fixture       *fixture,
                           gconstpointer  user_data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkListBox *sidebar = template_child (fixture, MC_TYPE_WINDOW, window, "sidebar_list");
  GtkDropDown *mode = template_child (fixture, MC_TYPE_CHAT_LIST, chat_list (fixture), "mode_dropdown");
  GtkWidget *list = template_child (fixture, MC_TYPE_CHAT_LIST, chat_list (fixture), "chats_list");
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  guint checked = 0;

  gtk_list_box_select_row (sidebar, gtk_list_box_get_row_at_index (sidebar, 0));
  gtk_drop_down_set_selected (mode, mc_chat_list_mode_position (MC_CHAT_VIEW_MODE_DISPUTES));
  ui_test_run_for (300);
  /* On a busy machine rows may be mapped a frame before they are laid out. */
  for (guint tries = 0; tries < 50; tries++)
    {
      gboolean laid_out = TRUE;

      g_ptr_array_set_size (rows, 0);
      collect_chat_rows (list, rows);
      for (guint i = 0; i < rows->len; i++)
        {
          GtkWidget *row = g_ptr_array_index (rows, i);
          graphene_rect_t details;

          if (gtk_widget_get_mapped (row) &&
              !mc_chat_row_get_part_bounds (MC_CHAT_ROW (row), MC_CHAT_ROW_PART_DETAILS, &details))
            laid_out = FALSE;
        }
      if (laid_out && rows->len > 0)
        break;
      ui_test_run_for (100);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      McChatRow *row = g_ptr_array_index (rows, i);
      const char *text = mc_chat_row_get_text (row, MC_CHAT_ROW_PART_DETAILS);
      g_autofree char *status = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      graphene_rect_t details;
      int width;

      if (!gtk_widget_get_mapped (GTK_WIDGET (row)) || text == NULL || strstr (text, " · ") == NULL)
        continue;
      status = g_strndup (text, strstr (text, " · ") - text);
      layout = mc_chat_row_create_part_layout (row, MC_CHAT_ROW_PART_DETAILS, status);
      pango_layout_get_pixel_size (layout, &width, NULL);
      g_assert_cmpstr (status, !=, "");
      g_assert_null (strstr (status, "No."));
      g_assert_true (mc_chat_row_get_part_bounds (row, MC_CHAT_ROW_PART_DETAILS, &details));
      g_assert_cmpfloat (width, <=, details.size.width);
      checked++;
    }

  g_assert_cmpuint (checked, >, 0);
}

static gboolean
holds_toast (GtkWidget *widget)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget"))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (holds_toast (child))
      return TRUE;

  return FALSE;
}

/* Side by side, a toast shows over the conversation, not over the chats. */
static void
test_toast_beside_list (Fixture       *fixture,
                        gconstpointer  user_data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *chats = template_child (fixture, MC_TYPE_WINDOW, window, "chats_pane");
  GtkWidget *conversation_pane = template_child (fixture, MC_TYPE_WINDOW, window, "conversation_pane");

  g_assert_false (holds_toast (window));
  gtk_widget_activate_action (window, "win.toast", "s", "Could not save the file");
  ui_test_run_for (300);
  g_assert_true (holds_toast (conversation_pane));
  g_assert_false (holds_toast (chats));
}

static GtkWidget *
inner_button (gpointer outer)
{
  for (GtkWidget *child = gtk_widget_get_first_child (outer);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      return child;

  g_assert_not_reached ();
}

/* What takes the focus in the view drop-down and the main menu button has
 * a name. */
static void
test_accessible_names (Fixture       *fixture,
                       gconstpointer  user_data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);

  gtk_test_accessible_assert_property (inner_button (template_child (fixture, MC_TYPE_CHAT_LIST, chat_list (fixture), "mode_dropdown")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Which chats to show");
  gtk_test_accessible_assert_property (inner_button (template_child (fixture, MC_TYPE_WINDOW, window, "menu_button")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Main menu");
}

static void
add_test (const char *path,
          void (*func) (Fixture *, gconstpointer),
          int         width)
{
  g_test_add (path, Fixture, GINT_TO_POINTER (width), fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  add_test ("/ui/window/opens-with-chats", test_opens_with_chats, 0);
  add_test ("/ui/window/select-shows-messages", test_select_shows_messages, 0);
  add_test ("/ui/window/send", test_send, 0);
  add_test ("/ui/window/contact-warning", test_contact_warning, 0);
  add_test ("/ui/window/attachment-limits", test_attachment_limits, 0);
  add_test ("/ui/window/send-failure-keeps-text", test_send_failure_keeps_text, 0);
  add_test ("/ui/window/filter-and-search", test_filter_and_search, 0);
  add_test ("/ui/window/narrow-folds", test_narrow_folds, 360);
  add_test ("/ui/window/draft-kept", test_draft_kept, 0);
  add_test ("/ui/window/finished-chat-read-only", test_finished_chat_read_only, 0);
  add_test ("/ui/window/auth-banner", test_auth_banner, 0);
  add_test ("/ui/window/keyboard", test_keyboard, 0);
  add_test ("/ui/window/new-chat", test_new_chat, 0);
  add_test ("/ui/window/new-chat-closed", test_new_chat_closed, 0);
  add_test ("/ui/window/new-chat-other-store", test_new_chat_other_store, 0);
  add_test ("/ui/window/tab-keeps-store", test_tab_keeps_store, 0);
  add_test ("/ui/window/store-restored", test_store_restored, 0);
  add_test ("/ui/window/view-at-top", test_view_at_top, 0);
  add_test ("/ui/window/view-focus-follows-selection", test_view_focus_follows_selection, 0);
  add_test ("/ui/window/search-all-chats", test_search_all_chats, 0);
  add_test ("/ui/window/accessible-names", test_accessible_names, 0);
  add_test ("/ui/window/pane-widths-stable", test_pane_widths_stable, 0);
  add_test ("/ui/window/list-fills-pane", test_list_fills_pane, 0);
  add_test ("/ui/window/reply-clock", test_reply_clock, 0);
  add_test ("/ui/window/list-fills-pane-narrow", test_list_fills_pane, 360);
  add_test ("/ui/window/dispute-status-whole", test_dispute_status_whole, 0);
  add_test ("/ui/window/toast-beside-list", test_toast_beside_list, 0);

  return g_test_run ();
}
