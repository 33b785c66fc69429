/* test-conversation.c: the conversation on the demo: where the newest
 * message is, and what a send leaves in the composer and the chat list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "mc-chat-list.h"
#include "mc-chat-store.h"
#include "mc-composer.h"
#include "mc-conversation.h"
#include "mc-fake-market.h"
#include "mc-message-row.h"
#include "mc-new-chat-dialog.h"
#include "mc-sync-engine.h"
#include "mc-window.h"
#include "ui-test-util.h"

#define WAIT_MSEC 15000
/* Reads the client retries with back-off before giving up on a Market
 * that does not answer. */
#define OFFLINE_WAIT_MSEC 45000

typedef struct
{
  McSession    *session;
  McFakeMarket *market;
  GSettings    *settings;
  McWindow     *window;
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

static gpointer
chats_list (Fixture *fixture)
{
  return template_child (MC_TYPE_CHAT_LIST,
                         template_child (MC_TYPE_WINDOW, GTK_WIDGET (fixture->window), "chat_list"),
                         "chats_list");
}

static GListModel *
chat_list_model (Fixture *fixture)
{
  GtkListView *list = chats_list (fixture);

  return G_LIST_MODEL (gtk_list_view_get_model (list));
}

static McConversation *
conversation (Fixture *fixture)
{
  return template_child (MC_TYPE_WINDOW, GTK_WIDGET (fixture->window), "conversation");
}

static McComposer *
composer (Fixture *fixture)
{
  return mc_conversation_get_composer (conversation (fixture));
}

static GtkAdjustment *
vadjustment (Fixture *fixture)
{
  GtkScrolledWindow *scrolled = template_child (MC_TYPE_CONVERSATION, GTK_WIDGET (conversation (fixture)),
                                                "scrolled_window");

  return gtk_scrolled_window_get_vadjustment (scrolled);
}

static gboolean
has_chats (gpointer data)
{
  return g_list_model_get_n_items (chat_list_model (data)) > 0;
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

static McMessage *
last_message (Fixture *fixture)
{
  GListModel *messages = mc_conversation_get_messages (conversation (fixture));
  guint n = messages != NULL ? g_list_model_get_n_items (messages) : 0;

  return n > 0 ? g_list_model_get_item (messages, n - 1) : NULL;
}

/* Whether the bubble of the newest message is on screen, wholly inside the
 * messages' viewport. */
static gboolean
newest_in_view (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *scrolled = template_child (MC_TYPE_CONVERSATION, GTK_WIDGET (conversation (fixture)),
                                        "scrolled_window");
  g_autoptr(McMessage) last = last_message (fixture);
  McMessageRow *row;
  graphene_rect_t bounds;

  if (last == NULL || (row = find_row (scrolled, last)) == NULL ||
      !gtk_widget_get_mapped (GTK_WIDGET (row)) ||
      !gtk_widget_compute_bounds (GTK_WIDGET (row), scrolled, &bounds))
    return FALSE;

  return bounds.size.height > 0 && bounds.origin.y >= -1 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled) + 1;
}

typedef struct
{
  Fixture *fixture;
  guint    count;
} CountWait;

static gboolean
has_messages (gpointer data)
{
  CountWait *wait = data;
  GListModel *messages = mc_conversation_get_messages (conversation (wait->fixture));

  return messages != NULL && g_list_model_get_n_items (messages) >= wait->count;
}

/* Stays in view over a second of layout, not only for one frame.  A row
 * measured or a message arriving between two checks may push it down
 * until the next frame pins the view again; on a slow machine (a sanitizer
 * build, other jobs) that frame can come late, so each check allows it
 * half a second. */
static void
assert_newest_stays_in_view (Fixture *fixture)
{
  g_assert_true (ui_test_wait_until (newest_in_view, fixture, WAIT_MSEC));
  for (guint i = 0; i < 10; i++)
    {
      ui_test_run_for (100);
      g_assert_true (ui_test_wait_until (newest_in_view, fixture, 500));
    }
}

typedef struct
{
  Fixture *fixture;
  gint64   chat_id;
  gint64   message_id;
} IdWait;

static gboolean
has_message_id (gpointer data)
{
  IdWait *wait = data;

  return mc_chat_store_get_last_message_id (mc_session_get_chats (wait->fixture->session),
                                            wait->chat_id) >= wait->message_id;
}

static gint64
open_long_chat (Fixture *fixture)
{
  g_autoptr(McChat) chat = g_list_model_get_item (chat_list_model (fixture), 0);
  gint64 chat_id = mc_chat_get_chat_id (chat);
  CountWait wait = { fixture, 60 };
  IdWait synced = { fixture, chat_id, 0 };

  /* A customer who asks a lot: far more than a screenful. */
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *text = g_strdup_printf ("Вопрос %u: а если заказать ещё один такой же, "
                                               "доставка будет в тот же день или позже?", i + 1);

      synced.message_id = mc_fake_market_customer_writes (fixture->market, chat_id, text, 0);
    }

  /* Read elsewhere first: a chat with unread messages opens at the first
   * of them (test-messenger.c), this one at its newest. */
  {
    g_autoptr(McChatTimeline) timeline = mc_session_get_timeline (fixture->session, chat);

    mc_chat_timeline_refresh (timeline);
    g_assert_true (ui_test_wait_until (has_message_id, &synced, WAIT_MSEC));
  }
  mc_session_set_chat_unread (fixture->session, chat_id, FALSE);

  mc_window_open_chat (fixture->window, chat_id);
  g_assert_true (ui_test_wait_until (has_messages, &wait, WAIT_MSEC));

  return chat_id;
}

static gboolean
button_visible (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *button = template_child (MC_TYPE_CONVERSATION, GTK_WIDGET (conversation (fixture)),
                                      "new_messages_button");

  return gtk_widget_get_mapped (button);
}

static void
test_newest_in_view (Fixture       *fixture,
                     gconstpointer  user_data)
{
  GtkWidget *button = template_child (MC_TYPE_CONVERSATION, GTK_WIDGET (conversation (fixture)),
                                      "new_messages_button");
  GtkAdjustment *adj;
  gint64 chat_id = open_long_chat (fixture);
  CountWait wait = { fixture, 0 };
  double value;

  /* Opens at the newest message, and stays there as rows are measured. */
  assert_newest_stays_in_view (fixture);
  g_assert_false (gtk_widget_get_mapped (button));

  /* At the bottom, a new message scrolls into view. */
  wait.count = g_list_model_get_n_items (mc_conversation_get_messages (conversation (fixture))) + 1;
  mc_fake_market_customer_writes (fixture->market, chat_id, "И ещё: можно ли оплатить при получении?", 0);
  mc_sync_engine_refresh (mc_session_get_sync (fixture->session));
  g_assert_true (ui_test_wait_until (has_messages, &wait, WAIT_MSEC));
  assert_newest_stays_in_view (fixture);
  g_assert_false (gtk_widget_get_mapped (button));

  /* So does one the seller sends. */
  mc_composer_set_text (composer (fixture), "Да, можно оплатить при получении.");
  mc_composer_send (composer (fixture));
  assert_newest_stays_in_view (fixture);

  /* Scrolled up to read: a new message leaves the position alone and
   * offers a way down. */
  adj = vadjustment (fixture);
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) / 3);
  ui_test_run_for (500);
  value = gtk_adjustment_get_value (adj);
  g_assert_false (newest_in_view (fixture));

  wait.count = g_list_model_get_n_items (mc_conversation_get_messages (conversation (fixture))) + 1;
  mc_fake_market_customer_writes (fixture->market, chat_id, "Ответьте, пожалуйста", 0);
  mc_sync_engine_refresh (mc_session_get_sync (fixture->session));
  g_assert_true (ui_test_wait_until (has_messages, &wait, WAIT_MSEC));
  g_assert_true (ui_test_wait_until (button_visible, fixture, WAIT_MSEC));
  ui_test_run_for (500);
  g_assert_cmpfloat (fabs (gtk_adjustment_get_value (adj) - value), <, 2);
  g_assert_false (newest_in_view (fixture));
  g_assert_nonnull (gtk_button_get_label (GTK_BUTTON (button)));

  /* The button takes the seller down, and goes. */
  g_signal_emit_by_name (button, "clicked");
  assert_newest_stays_in_view (fixture);
  g_assert_false (gtk_widget_get_mapped (button));
}

/* Re-opening a chat shows its newest message again. */
static void
test_reopen_in_view (Fixture       *fixture,
                     gconstpointer  user_data)
{
  gint64 chat_id = open_long_chat (fixture);
  g_autoptr(McChat) other = g_list_model_get_item (chat_list_model (fixture), 1);

  assert_newest_stays_in_view (fixture);
  mc_window_open_chat (fixture->window, mc_chat_get_chat_id (other));
  ui_test_run_for (500);
  mc_window_open_chat (fixture->window, chat_id);
  assert_newest_stays_in_view (fixture);
}

/* The newest pending or failed bubble: a customer's message may arrive
 * after it. */
static McMessage *
last_bubble (Fixture *fixture)
{
  GListModel *messages = mc_conversation_get_messages (conversation (fixture));

  for (guint i = messages != NULL ? g_list_model_get_n_items (messages) : 0; i > 0; i--)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (messages, i - 1);

      if (mc_message_get_message_id (message) == 0)
        return g_steal_pointer (&message);
    }

  return NULL;
}

static gboolean
bubble_unsettled (gpointer data)
{
  g_autoptr(McMessage) bubble = last_bubble (data);

  return bubble != NULL && mc_message_get_state (bubble) == MC_MESSAGE_STATE_PENDING &&
         mc_message_get_error (bubble) != NULL;
}

static gboolean
bubble_failed (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(McMessage) bubble = last_bubble (fixture);

  /* Polls are far apart in the demo: ask for one, as a tick would. */
  mc_sync_engine_refresh (mc_session_get_sync (fixture->session));
  return bubble != NULL && mc_message_get_state (bubble) == MC_MESSAGE_STATE_FAILED;
}

static guint
count_sent (Fixture    *fixture,
            gint64      chat_id,
            const char *text)
{
  g_auto(GStrv) sent = mc_fake_market_dup_sent (fixture->market, chat_id);
  guint n = 0;

  for (guint i = 0; sent != NULL && sent[i] != NULL; i++)
    n += g_strcmp0 (sent[i], text) == 0;

  return n;
}

typedef struct
{
  Fixture    *fixture;
  gint64      chat_id;
  const char *text;
} SentWait;

static gboolean
was_sent (gpointer data)
{
  SentWait *wait = data;

  return count_sent (wait->fixture, wait->chat_id, wait->text) > 0 && last_bubble (wait->fixture) == NULL;
}

static guint
count_bubbles (Fixture *fixture)
{
  GListModel *messages = mc_conversation_get_messages (conversation (fixture));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (messages); i++)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (messages, i);

      n += mc_message_get_message_id (message) == 0;
    }

  return n;
}

/* The Market cannot be reached: the composer is cleared once the text is
 * queued and never refilled; a second identical send asks first; once the
 * Market answers, history is checked and the bubble offers Retry. */
static void
test_offline_send (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const char *text = "Заказ передан в доставку, ждите СМС";
  g_autoptr(McChat) chat = g_list_model_get_item (chat_list_model (fixture), 0);
  gint64 chat_id = mc_chat_get_chat_id (chat);
  SentWait sent = { fixture, chat_id, text };
  g_autoptr(McMessage) failed = NULL;
  g_autofree char *left = NULL;
  GtkWindow *dialog;
  McMessageRow *row;

  mc_window_open_chat (fixture->window, chat_id);
  ui_test_run_for (300);
  mc_fake_market_inject_fault (fixture->market, NULL, MC_FAKE_FAULT_DROP, 0, 100000);

  mc_composer_set_text (composer (fixture), text);
  mc_composer_send (composer (fixture));
  left = mc_composer_dup_text (composer (fixture));
  g_assert_cmpstr (left, ==, "");
  g_clear_pointer (&left, g_free);

  g_assert_true (ui_test_wait_until (bubble_unsettled, fixture, OFFLINE_WAIT_MSEC));
  ui_test_run_for (500);
  left = mc_composer_dup_text (composer (fixture));
  g_assert_cmpstr (left, ==, "");
  g_clear_pointer (&left, g_free);

  /* The same words again: asked first, and Cancel sends nothing. */
  mc_composer_set_text (composer (fixture), text);
  mc_composer_send (composer (fixture));
  dialog = mc_conversation_get_duplicate_dialog (conversation (fixture));
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "cancel");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (dialog);
  ui_test_run_for (300);
  g_assert_null (mc_conversation_get_duplicate_dialog (conversation (fixture)));
  g_assert_cmpuint (count_bubbles (fixture), ==, 1);

  /* The Market answers again: a final state, with Retry. */
  mc_fake_market_clear_faults (fixture->market);
  g_assert_true (ui_test_wait_until (bubble_failed, fixture, OFFLINE_WAIT_MSEC));
  g_assert_cmpuint (count_sent (fixture, chat_id, text), ==, 0);
  left = mc_composer_dup_text (composer (fixture));
  g_assert_cmpstr (left, ==, "");

  failed = last_bubble (fixture);
  ui_test_run_for (300);
  row = find_row (GTK_WIDGET (conversation (fixture)), failed);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (mc_message_row_get_retry_button (row))));
  g_signal_emit_by_name (mc_message_row_get_retry_button (row), "clicked");
  g_assert_true (ui_test_wait_until (was_sent, &sent, WAIT_MSEC));
  g_assert_cmpuint (count_sent (fixture, chat_id, text), ==, 1);
}

static gboolean
lookup_store (GtkDropDown     *dropdown,
              McPlacementType  placement,
              guint           *position)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(McSidebarItem) item = g_list_model_get_item (model, i);

      if (mc_campaign_get_placement_type (mc_sidebar_item_get_campaign (item)) == placement)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

static guint
find_store (GtkDropDown     *dropdown,
            McPlacementType  placement)
{
  guint position;

  if (!lookup_store (dropdown, placement, &position))
    g_assert_not_reached ();

  return position;
}

/* The demo's cabinets connect one after the other: the DBS store belongs
 * to the second. */
static gboolean
has_fbs_and_dbs (gpointer data)
{
  guint position;

  return lookup_store (data, MC_PLACEMENT_TYPE_FBS, &position) &&
         lookup_store (data, MC_PLACEMENT_TYPE_DBS, &position);
}

static gboolean
chat_opened (gpointer data)
{
  return mc_window_get_open_chat_id (((Fixture *) data)->window) != 0;
}

static gboolean
created_chat_settled (gpointer data)
{
  Fixture *fixture = data;
  McChat *chat = mc_chat_store_lookup (mc_session_get_chats (fixture->session),
                                       mc_window_get_open_chat_id (fixture->window));
  GtkWidget *page = template_child (MC_TYPE_CONVERSATION, GTK_WIDGET (conversation (fixture)),
                                    "first_message_page");

  return chat != NULL && mc_chat_get_no_customer_message (chat) && gtk_widget_get_mapped (page);
}

/* The dialog asks for the number first, offers return chats only where the
 * Market allows them, and a chat it starts does not wait for a reply: its
 * pane invites the first message. */
static void
test_new_chat (Fixture       *fixture,
               gconstpointer  user_data)
{
  GtkWindow *dialog = mc_new_chat_dialog_new (fixture->session, GTK_WINDOW (fixture->window));
  GtkWidget *entry = template_child (MC_TYPE_NEW_CHAT_DIALOG, GTK_WIDGET (dialog), "number_entry");
  GtkDropDown *dropdown = template_child (MC_TYPE_NEW_CHAT_DIALOG, GTK_WIDGET (dialog), "store_dropdown");
  GtkWidget *returns = template_child (MC_TYPE_NEW_CHAT_DIALOG, GTK_WIDGET (dialog), "return_toggle");
  GtkToggleButton *orders = template_child (MC_TYPE_NEW_CHAT_DIALOG, GTK_WIDGET (dialog), "order_toggle");
  GtkWidget *note = template_child (MC_TYPE_NEW_CHAT_DIALOG, GTK_WIDGET (dialog), "return_note");
  GtkWidget *focus;
  McChat *chat;

  gtk_window_present (dialog);
  ui_test_run_for (300);
  focus = gtk_root_get_focus (GTK_ROOT (dialog));
  g_assert_nonnull (focus);
  g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));

  g_assert_true (ui_test_wait_until (has_fbs_and_dbs, dropdown, WAIT_MSEC));
  gtk_drop_down_set_selected (dropdown, find_store (dropdown, MC_PLACEMENT_TYPE_FBS));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (returns), TRUE);
  gtk_drop_down_set_selected (dropdown, find_store (dropdown, MC_PLACEMENT_TYPE_DBS));
  g_assert_false (gtk_widget_get_sensitive (returns));
  g_assert_true (gtk_toggle_button_get_active (orders));
  g_assert_true (gtk_widget_get_visible (note));

  gtk_drop_down_set_selected (dropdown, find_store (dropdown, MC_PLACEMENT_TYPE_FBS));
  g_assert_true (gtk_widget_get_sensitive (returns));
  g_assert_false (gtk_widget_get_visible (note));

  gtk_editable_set_text (GTK_EDITABLE (entry), "987650001");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "new-chat.start", NULL);
  g_assert_true (ui_test_wait_until (chat_opened, fixture, WAIT_MSEC));
  g_assert_true (ui_test_wait_until (created_chat_settled, fixture, WAIT_MSEC));

  chat = mc_chat_store_lookup (mc_session_get_chats (fixture->session),
                               mc_window_get_open_chat_id (fixture->window));
  g_assert_cmpint (mc_chat_context_get_order_id (mc_chat_get_context (chat)), ==, 987650001);
  g_assert_false (mc_chat_needs_reply (chat));
}

static gboolean
has_some_messages (gpointer data)
{
  GListModel *messages = mc_conversation_get_messages (conversation (data));

  return messages != NULL && g_list_model_get_n_items (messages) > 0;
}

static GtkLabel *
first_text_label (GtkWidget *widget)
{
  if (MC_IS_MESSAGE_ROW (widget) && mc_message_row_get_message (MC_MESSAGE_ROW (widget)) != NULL &&
      mc_message_get_text (mc_message_row_get_message (MC_MESSAGE_ROW (widget))) != NULL)
    return template_child (MC_TYPE_MESSAGE_ROW, widget, "text_label");

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = first_text_label (child);

      if (label != NULL)
        return label;
    }

  return NULL;
}

static gboolean
any_text_selected (GtkWidget *widget)
{
  int start, end;

  if (GTK_IS_LABEL (widget) && gtk_label_get_selection_bounds (GTK_LABEL (widget), &start, &end))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (any_text_selected (child))
      return TRUE;

  return FALSE;
}

/* Choosing a chat, as a click or an arrow key does, leaves the focus in
 * the list; a chat opened while the focus was in the messages shows no
 * text selected. */
static void
test_focus_stays (Fixture       *fixture,
                  gconstpointer  user_data)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (chat_list_model (fixture));
  GtkWidget *list = chats_list (fixture);
  GtkWidget *text_view = template_child (MC_TYPE_COMPOSER, GTK_WIDGET (composer (fixture)), "text_view");
  GtkWidget *focus;
  GtkLabel *label;
  GtkWidget *before;

  gtk_widget_grab_focus (list);
  ui_test_run_for (100);
  before = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (before);
  gtk_single_selection_set_selected (selection, 1);
  g_assert_true (ui_test_wait_until (has_some_messages, fixture, WAIT_MSEC));
  ui_test_run_for (300);
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (focus == before);
  g_assert_false (focus == text_view || gtk_widget_is_ancestor (focus, text_view));

  /* The seller clicks into a message, then picks another chat. */
  label = first_text_label (GTK_WIDGET (conversation (fixture)));
  g_assert_nonnull (label);
  gtk_widget_grab_focus (GTK_WIDGET (label));
  gtk_label_select_region (label, 0, 0);
  gtk_single_selection_set_selected (selection, 2);
  g_assert_true (ui_test_wait_until (has_some_messages, fixture, WAIT_MSEC));
  ui_test_run_for (500);
  g_assert_false (any_text_selected (GTK_WIDGET (conversation (fixture))));
}

/* "Save As" starts in Downloads, not in the folder the app started in. */
static void
test_save_as_downloads (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const char *downloads = g_get_user_special_dir (G_USER_DIRECTORY_DOWNLOAD);
  g_autoptr(GFile) expected = g_file_new_for_path (downloads != NULL ? downloads : g_get_home_dir ());
  g_autoptr(McAttachment) attachment = mc_attachment_new ("накладная.pdf", "https://example.invalid/f", 10);
  g_autoptr(GFile) folder = NULL;
  GtkFileChooser *chooser;
  McMessageRow *row;

  g_autoptr(McChat) chat = g_list_model_get_item (chat_list_model (fixture), 0);
  g_autoptr(McMessage) last = NULL;

  mc_window_open_chat (fixture->window, mc_chat_get_chat_id (chat));
  g_assert_true (ui_test_wait_until (has_some_messages, fixture, WAIT_MSEC));
  ui_test_run_for (300);
  last = last_message (fixture);
  row = find_row (GTK_WIDGET (conversation (fixture)), last);
  g_assert_nonnull (row);

  g_signal_emit_by_name (row, "save-attachment", attachment);
  chooser = mc_conversation_get_save_chooser (conversation (fixture));
  g_assert_nonnull (chooser);
  ui_test_run_for (500);
  folder = gtk_file_chooser_get_current_folder (chooser);
  g_assert_nonnull (folder);
  g_assert_true (g_file_equal (folder, expected));

  gtk_native_dialog_hide (GTK_NATIVE_DIALOG (chooser));
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_CANCEL);
  g_assert_null (mc_conversation_get_save_chooser (conversation (fixture)));
}

/* A long paste, then clearing it: the composer grows up to its cap,
 * shrinks back, and GTK has nothing to warn about (warnings are fatal). */
typedef struct
{
  GtkTextBuffer *buffer;
  const char    *text;
  guint          step;
} FrameEdit;

/* Changes the composer's text from the frame clock's update phase: a key
 * press or a paste arrives there, within a frame and before its layout
 * (GTK's test helpers change it between frames). */
static gboolean
edit_in_frame (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  FrameEdit *edit = user_data;
  GtkTextIter start, end;

  switch (edit->step++)
    {
    case 0:
      gtk_text_buffer_get_end_iter (edit->buffer, &end);
      gtk_text_buffer_insert (edit->buffer, &end, edit->text, -1);
      return G_SOURCE_CONTINUE;
    case 10:
      gtk_text_buffer_get_bounds (edit->buffer, &start, &end);
      gtk_text_buffer_select_range (edit->buffer, &start, &end);
      return G_SOURCE_CONTINUE;
    case 20:
      gtk_text_buffer_get_bounds (edit->buffer, &start, &end);
      gtk_text_buffer_delete (edit->buffer, &start, &end);
      return G_SOURCE_CONTINUE;
    case 40:
      return G_SOURCE_REMOVE;
    default:
      return G_SOURCE_CONTINUE;
    }
}

static void
test_long_paste (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *field = GTK_WIDGET (composer (fixture));
  GtkWidget *text_view = template_child (MC_TYPE_COMPOSER, field, "text_view");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  GtkAdjustment *adjustment;
  int empty_height, full_height;

  /* A long chat, pinned to its bottom while the composer changes height. */
  open_long_chat (fixture);
  ui_test_run_for (500);
  empty_height = gtk_widget_get_height (field);

  while (text->len < 8000)
    g_string_append (text, "Здравствуйте! Ваш заказ собран. ");
  gtk_text_buffer_set_text (buffer, text->str, -1);
  ui_test_run_for (500);
  full_height = gtk_widget_get_height (field);
  g_assert_cmpint (full_height, >, empty_height);
  g_assert_cmpint (full_height, <=, empty_height + 200);

  gtk_text_buffer_set_text (buffer, "", -1);
  ui_test_run_for (500);
  g_assert_cmpint (gtk_widget_get_height (field), ==, empty_height);

  /* Through the clipboard, as a seller pastes, then select all and delete. */
  g_string_truncate (text, 4000);
  while (!g_utf8_validate (text->str, -1, NULL))
    g_string_truncate (text, text->len - 1);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (text_view), text->str);
  gtk_widget_grab_focus (text_view);
  g_signal_emit_by_name (text_view, "paste-clipboard");
  ui_test_run_for (800);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), >, 1000);
  /* The end of the paste fills the field to its bottom: no blank band
   * below the last line, which a stale page size leaves. */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (text_view));
  g_assert_cmpfloat (gtk_adjustment_get_page_size (adjustment), ==, gtk_widget_get_height (text_view));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment) + gtk_widget_get_height (text_view), <=,
                     gtk_adjustment_get_upper (adjustment));
  g_signal_emit_by_name (text_view, "select-all", TRUE);
  /* The selection is drawn before the key that deletes it. */
  ui_test_run_for (300);
  g_signal_emit_by_name (text_view, "delete-from-cursor", GTK_DELETE_CHARS, 1);
  ui_test_run_for (800);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 0);
  g_assert_cmpint (gtk_widget_get_height (field), ==, empty_height);

  /* Pasted and cleared within frames, as keys do: GTK 4.8 drew the
   * field's scrollbar without an allocation ("Trying to snapshot GtkGizmo
   * … without a current allocation", fatal here). */
  {
    FrameEdit edit = { buffer, text->str, 0 };

    gtk_widget_add_tick_callback (text_view, edit_in_frame, &edit, NULL);
    ui_test_run_for (1500);
    g_assert_cmpuint (edit.step, >, 40);
    g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 0);
  }

  /* The same by typing a short text after the long one. */
  gtk_text_buffer_set_text (buffer, text->str, -1);
  ui_test_run_for (300);
  gtk_text_buffer_set_text (buffer, "Спасибо", -1);
  ui_test_run_for (500);
  g_assert_cmpint (gtk_widget_get_height (field), ==, empty_height);
  assert_newest_stays_in_view (fixture);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/ui/conversation/newest-in-view", Fixture, NULL,
              fixture_set_up, test_newest_in_view, fixture_tear_down);
  g_test_add ("/ui/conversation/reopen-in-view", Fixture, NULL,
              fixture_set_up, test_reopen_in_view, fixture_tear_down);

  g_test_add ("/ui/conversation/offline-send", Fixture, NULL,
              fixture_set_up, test_offline_send, fixture_tear_down);

  g_test_add ("/ui/conversation/new-chat", Fixture, NULL,
              fixture_set_up, test_new_chat, fixture_tear_down);

  g_test_add ("/ui/conversation/focus-stays", Fixture, NULL,
              fixture_set_up, test_focus_stays, fixture_tear_down);
  g_test_add ("/ui/conversation/save-as-downloads", Fixture, NULL,
              fixture_set_up, test_save_as_downloads, fixture_tear_down);

  g_test_add ("/ui/conversation/long-paste", Fixture, NULL,
              fixture_set_up, test_long_paste, fixture_tear_down);
  /* Folded, the composer wraps the paste into far more lines. */
  g_test_add ("/ui/conversation/long-paste-narrow", Fixture, GINT_TO_POINTER (360),
              fixture_set_up, test_long_paste, fixture_tear_down);

  return g_test_run ();
}
