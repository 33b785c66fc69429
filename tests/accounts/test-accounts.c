/* test-accounts.c: the welcome page, the key form, the Add Cabinet dialog
 * and the cabinets in Preferences, driven like a seller would, against an
 * in-process fake Market and libsecret's file backend.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "mc-add-cabinet-dialog.h"
#include "mc-api-error.h"
#include "mc-cabinet-private.h"
#include "mc-cabinet-row.h"
#include "mc-chat-list.h"
#include "mc-fake-market.h"
#include "mc-key-form.h"
#include "mc-preferences-window.h"
#include "mc-session.h"
#include "mc-status-banner.h"
#include "mc-sidebar-model.h"
#include "mc-token-store.h"
#include "mc-welcome-page.h"
#include "mc-window.h"

#define WAIT_SECONDS 30

static char *test_dir;
static GString *log_text;
static GMutex log_mutex;

typedef struct
{
  McFakeMarket *market;
  McSession    *session;
  GtkWindow    *window;
} Fixture;

static gboolean
keep_ticking (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main loop until @cond holds; fails after WAIT_SECONDS. */
#define WAIT_UNTIL(cond) \
  G_STMT_START { \
    gint64 deadline_ = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC; \
    guint tick_ = g_timeout_add (20, keep_ticking, NULL); \
    while (!(cond)) \
      { \
        if (g_get_monotonic_time () > deadline_) \
          g_error ("Timed out waiting for %s", #cond); \
        g_main_context_iteration (NULL, TRUE); \
      } \
    g_source_remove (tick_); \
  } G_STMT_END

static void
iterate_for (guint msec)
{
  gint64 end = g_get_monotonic_time () + msec * 1000;

  WAIT_UNTIL (g_get_monotonic_time () >= end);
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static gpointer
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

static const char *
label_text (gpointer label)
{
  return gtk_label_get_text (GTK_LABEL (label));
}

/* Every message, also debug ones, so a test can show no key is ever
 * logged; only warnings and worse reach the output. */
static GLogWriterOutput
record_log (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  g_mutex_lock (&log_mutex);
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
      {
        g_string_append (log_text, fields[i].value);
        g_string_append_c (log_text, '\n');
      }
  g_mutex_unlock (&log_mutex);

  if (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO | G_LOG_LEVEL_MESSAGE))
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (level, fields, n_fields, user_data);
}

static gboolean
log_contains (const char *text)
{
  gboolean found;

  g_mutex_lock (&log_mutex);
  found = strstr (log_text->str, text) != NULL;
  g_mutex_unlock (&log_mutex);

  return found;
}

/* TRUE when some file under @path holds @text in the clear. */
static gboolean
files_contain (const char *path,
               const char *text)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_autofree char *contents = NULL;
      gsize length;

      return g_file_get_contents (path, &contents, &length, NULL) &&
             g_strstr_len (contents, length, text) != NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child_path = g_build_filename (path, name, NULL);

      if (files_contain (child_path, text))
        return TRUE;
    }

  return FALSE;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child_path = g_build_filename (path, name, NULL);

        remove_tree (child_path);
      }

  g_remove (path);
}

static McStoredToken *
lookup_token (Fixture    *f,
              const char *label)
{
  g_autoptr(McTokenStore) store = mc_token_store_new_for_url (mc_fake_market_get_url (f->market));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  McStoredToken *stored;

  mc_token_store_lookup_async (store, label, NULL, on_done, &result);
  WAIT_UNTIL (result != NULL);
  stored = mc_token_store_lookup_finish (store, result, &error);
  g_assert_no_error (error);

  return stored;
}

static McCabinet *
add_cabinet (Fixture     *f,
             McFakeToken  which,
             const char  *label)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  McCabinet *cabinet;

  mc_session_add_cabinet_async (f->session, MC_AUTH_KIND_API_KEY, label,
                                mc_fake_market_get_token (f->market, which),
                                NULL, on_done, &result);
  WAIT_UNTIL (result != NULL);
  cabinet = mc_session_add_cabinet_finish (f->session, result, &error);
  g_assert_no_error (error);

  return cabinet;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->market = mc_fake_market_new (11, 12);
  g_assert_true (mc_fake_market_start (f->market, 0, &error));
  g_assert_no_error (error);

  f->session = mc_session_new (mc_fake_market_get_url (f->market));
  mc_session_load (f->session);
  /* An empty keyring: every test leaves it as it found it. */
  WAIT_UNTIL (mc_session_get_state (f->session) != MC_SESSION_STATE_LOADING);
  g_assert_cmpint (mc_session_get_state (f->session), ==, MC_SESSION_STATE_WELCOME);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 360, 720);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *cabinets = mc_session_get_cabinets (f->session);

  gtk_window_destroy (f->window);

  while (g_list_model_get_n_items (cabinets) > 0)
    {
      g_autoptr(McCabinet) cabinet = g_list_model_get_item (cabinets, 0);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      mc_session_remove_cabinet_async (f->session, cabinet, NULL, on_done, &result);
      WAIT_UNTIL (result != NULL);
      g_assert_true (mc_session_remove_cabinet_finish (f->session, result, &error));
      g_assert_no_error (error);
    }

  g_clear_object (&f->session);
  mc_fake_market_stop (f->market);
  g_clear_object (&f->market);
}

static McKeyForm *
show_welcome_page (Fixture *f)
{
  GtkWidget *page = mc_welcome_page_new (f->session);

  gtk_window_set_child (f->window, page);
  gtk_window_present (f->window);

  return child (page, MC_TYPE_WELCOME_PAGE, "key_form");
}

static void
test_welcome_good_key (Fixture       *f,
                       gconstpointer  data)
{
  McKeyForm *form = show_welcome_page (f);
  GtkWidget *page = gtk_window_get_child (f->window);
  GtkWidget *key_row = child (form, MC_TYPE_KEY_FORM, "key_row");
  GtkWidget *name_row = child (form, MC_TYPE_KEY_FORM, "name_row");
  const char *token = mc_fake_market_get_token (f->market, MC_FAKE_TOKEN_CABINET_1);
  g_autoptr(McCabinet) cabinet = NULL;
  g_autoptr(McStoredToken) stored = NULL;
  g_autofree char *padded = g_strdup_printf ("  %s\n", token);
  GListModel *campaigns;
  guint n;

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (form)));
  g_assert_false (gtk_widget_get_visible (child (page, MC_TYPE_WELCOME_PAGE, "try_again_button")));
  g_assert_cmpstr (adw_status_page_get_title (child (page, MC_TYPE_WELCOME_PAGE, "status_page")),
                   ==, "Welcome to Market Chats");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "My cabinet");

  /* Pasted with blanks around it, and sent with Enter. */
  gtk_editable_set_text (GTK_EDITABLE (key_row), padded);
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (key_row)), "activate");

  g_assert_true (mc_key_form_get_busy (form));
  g_assert_false (gtk_widget_is_sensitive (key_row));
  g_assert_false (gtk_widget_is_sensitive (child (form, MC_TYPE_KEY_FORM, "connect_button")));
  g_assert_false (gtk_widget_is_sensitive (child (page, MC_TYPE_WELCOME_PAGE, "demo_button")));
  g_assert_true (gtk_widget_get_visible (child (form, MC_TYPE_KEY_FORM, "cancel_button")));
  g_assert_true (gtk_widget_get_visible (child (form, MC_TYPE_KEY_FORM, "spinner")));

  WAIT_UNTIL (!mc_key_form_get_busy (form));

  g_assert_false (gtk_widget_get_visible (child (form, MC_TYPE_KEY_FORM, "error_label")));
  g_assert_cmpint (mc_session_get_state (f->session), ==, MC_SESSION_STATE_READY);
  g_assert_cmpuint (g_list_model_get_n_items (mc_session_get_cabinets (f->session)), ==, 1);
  cabinet = g_list_model_get_item (mc_session_get_cabinets (f->session), 0);
  g_assert_cmpstr (mc_cabinet_get_label (cabinet), ==, "My cabinet");
  g_assert_true (mc_cabinet_get_can_send (cabinet));
  g_assert_false (gtk_widget_get_visible (child (form, MC_TYPE_KEY_FORM, "note_label")));

  /* The entry is emptied, and the next name offered is a free one. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key_row)), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Cabinet 2");
  g_assert_true (gtk_widget_is_sensitive (key_row));

  /* The cabinet's stores are in the sidebar. */
  campaigns = mc_cabinet_get_campaigns (cabinet);
  n = g_list_model_get_n_items (campaigns);
  g_assert_cmpuint (n, ==, 2);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(McCampaign) campaign = g_list_model_get_item (campaigns, i);

      g_assert_nonnull (mc_sidebar_model_find_campaign (mc_session_get_stores (f->session),
                                                     mc_campaign_get_id (campaign)));
    }

  /* The key is in the keyring, trimmed, and nowhere else. */
  stored = lookup_token (f, "My cabinet");
  g_assert_nonnull (stored);
  g_assert_cmpstr (mc_stored_token_get_token (stored), ==, token);
  g_assert_false (log_contains (token));
  g_assert_false (files_contain (g_get_user_data_dir (), token));
  g_assert_false (files_contain (g_get_user_config_dir (), token));
  g_assert_false (files_contain (g_get_user_cache_dir (), token));
  g_assert_null (strstr (gtk_window_get_title (f->window) != NULL
                         ? gtk_window_get_title (f->window) : "", token));
}

static void
test_welcome_wrong_key (Fixture       *f,
                        gconstpointer  data)
{
  McKeyForm *form = show_welcome_page (f);
  GtkWidget *key_row = child (form, MC_TYPE_KEY_FORM, "key_row");
  GtkWidget *error_label = child (form, MC_TYPE_KEY_FORM, "error_label");
  GtkWidget *connect_button = child (form, MC_TYPE_KEY_FORM, "connect_button");
  const char *typed = "ACMA:not-a-real-key";
  gint64 start;

  /* Nothing typed: said at once, nothing sent. */
  g_signal_emit_by_name (connect_button, "clicked");
  g_assert_false (mc_key_form_get_busy (form));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (label_text (error_label), ==, "Paste the API key from your seller cabinet.");
  g_assert_cmpuint (mc_fake_market_get_request_count (f->market, "getAuthTokenInfo")
                    + mc_fake_market_get_request_count (f->market, "getCampaigns"), ==, 0);

  /* A key the Market does not know: its own message, the text kept. */
  gtk_editable_set_text (GTK_EDITABLE (key_row), typed);
  g_signal_emit_by_name (connect_button, "clicked");
  g_assert_false (gtk_widget_get_visible (error_label));
  WAIT_UNTIL (!mc_key_form_get_busy (form));

  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (label_text (error_label), "The token is not valid"));
  /* A wrong key is not one without access: say it is not accepted. */
  g_assert_true (g_str_has_prefix (label_text (error_label),
                                   "The Market does not accept this API key. Check that it was copied whole"));
  g_assert_null (strstr (label_text (error_label), "no access"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key_row)), ==, typed);
  g_assert_true (gtk_widget_is_sensitive (key_row));
  g_assert_cmpint (mc_session_get_state (f->session), ==, MC_SESSION_STATE_WELCOME);
  g_assert_cmpuint (g_list_model_get_n_items (mc_session_get_cabinets (f->session)), ==, 0);
  g_assert_false (log_contains (typed));

  /* Over the limit: the Market's 420, said as such. */
  gtk_editable_set_text (GTK_EDITABLE (key_row),
                         mc_fake_market_get_token (f->market, MC_FAKE_TOKEN_CABINET_1));
  mc_fake_market_inject_fault (f->market, "/v2/auth/token", MC_FAKE_FAULT_STATUS, 420, 1);
  g_signal_emit_by_name (connect_button, "clicked");
  WAIT_UNTIL (!mc_key_form_get_busy (form));
  g_assert_nonnull (strstr (label_text (error_label), "request limit"));
  g_assert_cmpuint (g_list_model_get_n_items (mc_session_get_cabinets (f->session)), ==, 0);

  /* No network: said after one quick retry, not the sync's back-off. */
  mc_fake_market_stop (f->market);
  start = g_get_monotonic_time ();
  g_signal_emit_by_name (connect_button, "clicked");
  WAIT_UNTIL (!mc_key_form_get_busy (form));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  g_assert_nonnull (strstr (label_text (error_label), "No connection"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key_row)), ==,
                   mc_fake_market_get_token (f->market, MC_FAKE_TOKEN_CABINET_1));
  g_assert_cmpint (mc_session_get_state (f->session), ==, MC_SESSION_STATE_WELCOME);
}

/* The whole of @widget is inside @window's visible area, not scrolled
 * away below it. */
static gboolean
in_view (GtkWidget *widget,
         GtkWindow *window)
{
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds))
    return FALSE;

  return bounds.origin.y >= 0 && bounds.size.height > 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (GTK_WIDGET (window));
}

/* A key pasted with a space inside: said in a seller's words, with what to
 * do, before anything is sent; the demo stays in view beside the error. */
static void
test_welcome_key_with_space (Fixture       *f,
                             gconstpointer  data)
{
  McKeyForm *form = show_welcome_page (f);
  GtkWidget *page = gtk_window_get_child (f->window);
  GtkWidget *key_row = child (form, MC_TYPE_KEY_FORM, "key_row");
  GtkWidget *error_label = child (form, MC_TYPE_KEY_FORM, "error_label");
  GtkWidget *demo_button = child (page, MC_TYPE_WELCOME_PAGE, "demo_button");
  g_autofree char *split = g_strdup_printf ("%.10s %s",
                                            mc_fake_market_get_token (f->market, MC_FAKE_TOKEN_CABINET_1),
                                            mc_fake_market_get_token (f->market, MC_FAKE_TOKEN_CABINET_1) + 10);

  gtk_editable_set_text (GTK_EDITABLE (key_row), split);
  g_signal_emit_by_name (child (form, MC_TYPE_KEY_FORM, "connect_button"), "clicked");
  g_assert_false (mc_key_form_get_busy (form));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (label_text (error_label), ==,
                   "An API key has no spaces, but this one has a space or a line break inside. "
                   "Copy the key again from your seller cabinet, in one piece, and paste it here.");
  g_assert_cmpuint (mc_fake_market_get_request_count (f->market, "getAuthTokenInfo")
                    + mc_fake_market_get_request_count (f->market, "getCampaigns"), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key_row)), ==, split);

  iterate_for (200);
  g_assert_true (in_view (demo_button, f->window));
  g_assert_true (in_view (error_label, f->window));
  g_assert_true (in_view (child (form, MC_TYPE_KEY_FORM, "connect_button"), f->window));

  /* The same for the longest error, a key the Market refuses. */
  gtk_editable_set_text (GTK_EDITABLE (key_row), "ACMA:not-a-real-key");
  g_signal_emit_by_name (child (form, MC_TYPE_KEY_FORM, "connect_button"), "clicked");
  WAIT_UNTIL (!mc_key_form_get_busy (form));
  iterate_for (200);
  g_assert_true (in_view (demo_button, f->window));
  g_assert_true (in_view (error_label, f->window));
}

static void
test_welcome_read_only (Fixture       *f,
                        gconstpointer  data)
{
  McKeyForm *form = show_welcome_page (f);
  GtkWidget *key_row = child (form, MC_TYPE_KEY_FORM, "key_row");
  GtkWidget *note_label = child (form, MC_TYPE_KEY_FORM, "note_label");
  g_autoptr(McCabinet) cabinet = NULL;

  gtk_editable_set_text (GTK_EDITABLE (key_row),
                         mc_fake_market_get_token (f->market, MC_FAKE_TOKEN_READ_ONLY));
  g_signal_emit_by_name (child (form, MC_TYPE_KEY_FORM, "connect_button"), "clicked");
  WAIT_UNTIL (!mc_key_form_get_busy (form));

  g_assert_false (gtk_widget_get_visible (child (form, MC_TYPE_KEY_FORM, "error_label")));
  g_assert_cmpint (mc_session_get_state (f->session), ==, MC_SESSION_STATE_READY);
  cabinet = g_list_model_get_item (mc_session_get_cabinets (f->session), 0);
  g_assert_nonnull (cabinet);
  g_assert_false (mc_cabinet_get_can_send (cabinet));
  g_assert_false (mc_session_get_can_send (f->session));
  g_assert_true (gtk_widget_get_visible (note_label));
  g_assert_cmpstr (label_text (note_label), ==,
                   "This key can only read chats: replying is disabled. Make a key with "
                   "the “Customer communication” scope to answer customers.");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key_row)), ==, "");
}

static void
test_welcome_cancel (Fixture       *f,
                     gconstpointer  data)
{
  McKeyForm *form = show_welcome_page (f);
  GtkWidget *key_row = child (form, MC_TYPE_KEY_FORM, "key_row");
  const char *token = mc_fake_market_get_token (f->market, MC_FAKE_TOKEN_CABINET_1);

  mc_fake_market_set_latency (f->market, 500);
  gtk_editable_set_text (GTK_EDITABLE (key_row), token);
  g_signal_emit_by_name (child (form, MC_TYPE_KEY_FORM, "connect_button"), "clicked");
  g_assert_true (mc_key_form_get_busy (form));

  g_signal_emit_by_name (child (form, MC_TYPE_KEY_FORM, "cancel_button"), "clicked");
  g_assert_false (mc_key_form_get_busy (form));
  g_assert_true (gtk_widget_is_sensitive (key_row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key_row)), ==, token);

  /* Past the Market's answer: the check stays cancelled, and silent. */
  iterate_for (1500);
  g_assert_false (gtk_widget_get_visible (child (form, MC_TYPE_KEY_FORM, "error_label")));
  g_assert_cmpuint (g_list_model_get_n_items (mc_session_get_cabinets (f->session)), ==, 0);
  g_assert_cmpint (mc_session_get_state (f->session), ==, MC_SESSION_STATE_WELCOME);
}

static void
test_welcome_demo (Fixture       *f,
                   gconstpointer  data)
{
  McKeyForm *form = show_welcome_page (f);
  GtkWidget *page = gtk_window_get_child (f->window);
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  GtkWindow *prefs;
  GtkListBoxRow *row;

  g_assert_nonnull (form);
  g_signal_emit_by_name (child (page, MC_TYPE_WELCOME_PAGE, "demo_button"), "clicked");
  g_assert_true (mc_session_get_demo (f->session));
  WAIT_UNTIL (g_list_model_get_n_items (mc_session_get_cabinets (f->session)) == 2);
  g_assert_cmpint (mc_session_get_state (f->session), ==, MC_SESSION_STATE_READY);
  g_assert_false (gtk_widget_get_visible (child (page, MC_TYPE_WELCOME_PAGE, "demo_error_label")));

  /* Preferences tags the demo's cabinets, and cannot add a real one. */
  prefs = mc_preferences_window_new (settings, f->session);
  gtk_window_present (prefs);
  row = gtk_list_box_get_row_at_index (child (prefs, MC_TYPE_PREFERENCES_WINDOW, "cabinets_list"), 0);
  g_assert_true (MC_IS_CABINET_ROW (row));
  g_assert_true (gtk_widget_get_visible (child (row, MC_TYPE_CABINET_ROW, "demo_label")));
  g_assert_false (gtk_widget_get_sensitive (child (prefs, MC_TYPE_PREFERENCES_WINDOW,
                                                   "add_cabinet_button")));
  gtk_window_destroy (prefs);
}

static void
test_keyring_error_page (void)
{
  g_autoptr(McSession) session = mc_session_new ("http://example.com");
  g_autofree char *expected = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *page;

  mc_session_load (session);
  g_assert_cmpint (mc_session_get_state (session), ==, MC_SESSION_STATE_KEYRING_ERROR);
  expected = mc_api_error_describe (mc_session_get_error (session));

  page = mc_welcome_page_new (session);
  gtk_window_set_child (window, page);
  gtk_window_present (window);

  g_assert_false (gtk_widget_get_visible (child (page, MC_TYPE_WELCOME_PAGE, "key_form")));
  g_assert_true (gtk_widget_get_visible (child (page, MC_TYPE_WELCOME_PAGE, "try_again_button")));
  g_assert_true (gtk_widget_get_visible (child (page, MC_TYPE_WELCOME_PAGE, "demo_button")));
  g_assert_cmpstr (adw_status_page_get_description (child (page, MC_TYPE_WELCOME_PAGE, "status_page")),
                   ==, expected);

  /* Trying again asks again, and stops at the same place. */
  g_signal_emit_by_name (child (page, MC_TYPE_WELCOME_PAGE, "try_again_button"), "clicked");
  g_assert_cmpint (mc_session_get_state (session), ==, MC_SESSION_STATE_KEYRING_ERROR);
  g_assert_true (gtk_widget_get_visible (child (page, MC_TYPE_WELCOME_PAGE, "try_again_button")));

  gtk_window_destroy (window);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static void
test_preferences_remove (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(McCabinet) cabinet = add_cabinet (f, MC_FAKE_TOKEN_CABINET_2, "Sport shop");
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autoptr(McStoredToken) stored = NULL;
  GtkWindow *prefs = mc_preferences_window_new (settings, f->session);
  GtkListBox *list = child (prefs, MC_TYPE_PREFERENCES_WINDOW, "cabinets_list");
  AdwMessageDialog *dialog;
  GtkListBoxRow *row;
  const char *subtitle;

  gtk_window_present (prefs);

  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_true (MC_IS_CABINET_ROW (row));
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Sport shop");
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_nonnull (strstr (subtitle, mc_cabinet_get_business_name (cabinet)));
  g_assert_nonnull (strstr (subtitle, "1 store"));
  g_assert_nonnull (strstr (subtitle, "Customer communication"));
  g_assert_false (gtk_widget_get_visible (child (row, MC_TYPE_CABINET_ROW, "demo_label")));
  g_assert_true (gtk_widget_get_sensitive (child (prefs, MC_TYPE_PREFERENCES_WINDOW,
                                                  "add_cabinet_button")));

  /* Cancel keeps it. */
  g_signal_emit_by_name (child (row, MC_TYPE_CABINET_ROW, "remove_button"), "clicked");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“Sport shop”"));
  adw_message_dialog_response (dialog, "cancel");
  iterate_for (100);
  g_assert_cmpuint (g_list_model_get_n_items (mc_session_get_cabinets (f->session)), ==, 1);

  /* Remove deletes it, and its key. */
  g_signal_emit_by_name (child (row, MC_TYPE_CABINET_ROW, "remove_button"), "clicked");
  WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL);
  adw_message_dialog_response (dialog, "remove");
  WAIT_UNTIL (g_list_model_get_n_items (mc_session_get_cabinets (f->session)) == 0);

  g_assert_cmpint (mc_session_get_state (f->session), ==, MC_SESSION_STATE_WELCOME);
  g_assert_null (gtk_list_box_get_row_at_index (list, 0));
  stored = lookup_token (f, "Sport shop");
  g_assert_null (stored);

  gtk_window_destroy (prefs);
}

static void
test_scopes_in_words (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(McCabinet) full = add_cabinet (f, MC_FAKE_TOKEN_CABINET_1, "Home");
  g_autoptr(McCabinet) communication = add_cabinet (f, MC_FAKE_TOKEN_CABINET_2, "Sport");
  g_autofree char *words = mc_cabinet_row_describe_scopes (full);

  g_assert_cmpstr (words, ==, "Full access");
  g_clear_pointer (&words, g_free);
  words = mc_cabinet_row_describe_scopes (communication);
  g_assert_cmpstr (words, ==, "Customer communication");
}

static void
test_add_cabinet_dialog (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(McCabinet) first = add_cabinet (f, MC_FAKE_TOKEN_CABINET_1, "My cabinet");
  GtkWindow *dialog;
  McKeyForm *form;

  gtk_window_present (f->window);
  dialog = mc_add_cabinet_dialog_new (f->session, f->window);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (dialog);

  g_assert_true (gtk_window_get_modal (dialog));
  g_assert_true (gtk_window_get_transient_for (dialog) == f->window);
  form = child (dialog, MC_TYPE_ADD_CABINET_DIALOG, "key_form");
  g_assert_cmpstr (gtk_editable_get_text (child (form, MC_TYPE_KEY_FORM, "name_row")), ==, "Cabinet 2");

  gtk_editable_set_text (child (form, MC_TYPE_KEY_FORM, "key_row"),
                         mc_fake_market_get_token (f->market, MC_FAKE_TOKEN_CABINET_2));
  g_signal_emit_by_name (child (form, MC_TYPE_KEY_FORM, "connect_button"), "clicked");

  WAIT_UNTIL (dialog == NULL);
  g_assert_cmpuint (g_list_model_get_n_items (mc_session_get_cabinets (f->session)), ==, 2);
}

/* Closing the dialog while the key is checked gives the check up: no
 * cabinet appears once the Market answers. */
static void
test_add_cabinet_dialog_closed (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(McCabinet) first = add_cabinet (f, MC_FAKE_TOKEN_CABINET_1, "My cabinet");
  GtkWindow *dialog;
  McKeyForm *form;

  gtk_window_present (f->window);
  dialog = mc_add_cabinet_dialog_new (f->session, f->window);
  gtk_window_present (dialog);
  form = child (dialog, MC_TYPE_ADD_CABINET_DIALOG, "key_form");

  mc_fake_market_set_latency (f->market, 500);
  gtk_editable_set_text (child (form, MC_TYPE_KEY_FORM, "key_row"),
                         mc_fake_market_get_token (f->market, MC_FAKE_TOKEN_CABINET_2));
  g_signal_emit_by_name (child (form, MC_TYPE_KEY_FORM, "connect_button"), "clicked");
  g_assert_true (mc_key_form_get_busy (form));
  gtk_window_close (dialog);

  /* Past the token check and the stores, each 500 ms away. */
  iterate_for (2500);
  mc_fake_market_set_latency (f->market, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mc_session_get_cabinets (f->session)), ==, 1);
}

static gboolean
banner_says (McWindow   *window,
             const char *words)
{
  GtkWidget *banner = child (window, MC_TYPE_WINDOW, "status_banner");
  GtkRevealer *revealer = child (banner, MC_TYPE_STATUS_BANNER, "banner_revealer");
  GtkLabel *label = child (banner, MC_TYPE_STATUS_BANNER, "banner_label");

  return gtk_revealer_get_reveal_child (revealer) &&
         strstr (gtk_label_get_label (label), words) != NULL;
}

static const char *
chats_page (McWindow *window)
{
  return gtk_stack_get_visible_child_name (child (child (window, MC_TYPE_WINDOW, "chat_list"), MC_TYPE_CHAT_LIST, "chats_stack"));
}

/* A key in the keyring, nothing saved yet, and the Market out of reach: the
 * window says so within seconds, never "all caught up", and recovers once
 * the Market answers. */
static void
test_unreachable_at_start (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(McCabinet) cabinet = add_cabinet (f, MC_FAKE_TOKEN_CABINET_1, "Unreachable");
  g_autofree char *cache_path = g_strdup (mc_cache_get_path (mc_cabinet_get_cache (cabinet)));
  g_autoptr(GError) error = NULL;
  AdwStatusPage *error_page;
  McWindow *window;
  gint64 started;

  /* A fresh home: the key stays, the saved chats and business go. */
  g_clear_object (&cabinet);
  g_clear_object (&f->session);
  g_assert_true (mc_cabinet_forget ("Unreachable", &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_unlink (cache_path), ==, 0);

  mc_fake_market_inject_fault (f->market, NULL, MC_FAKE_FAULT_DROP, 0, 100000);
  f->session = mc_session_new (mc_fake_market_get_url (f->market));
  mc_session_load (f->session);
  WAIT_UNTIL (mc_session_get_state (f->session) == MC_SESSION_STATE_READY);

  window = mc_window_new (NULL, f->session, NULL);
  gtk_window_present (GTK_WINDOW (window));
  error_page = child (child (window, MC_TYPE_WINDOW, "chat_list"), MC_TYPE_CHAT_LIST, "error_page");
  started = g_get_monotonic_time ();
  WAIT_UNTIL (banner_says (window, "cannot be reached"));
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
  g_assert_true (banner_says (window, "not been checked"));
  g_assert_cmpstr (chats_page (window), ==, "error");
  g_assert_cmpstr (adw_status_page_get_title (error_page), ==, "The Market Cannot Be Reached");
  g_assert_false (mc_session_get_checked (f->session));

  /* However long it stays out of reach. */
  iterate_for (1500);
  g_assert_cmpstr (chats_page (window), ==, "error");

  /* The Market is back and the seller asks again. */
  mc_fake_market_clear_faults (f->market);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL);
  WAIT_UNTIL (mc_session_get_checked (f->session));
  g_assert_true (mc_session_get_reachable (f->session));
  g_assert_cmpint (mc_session_get_last_check (f->session), >, 0);
  g_assert_false (gtk_revealer_get_reveal_child (child (child (window, MC_TYPE_WINDOW, "status_banner"),
                                                        MC_TYPE_STATUS_BANNER, "banner_revealer")));
  g_assert_cmpstr (chats_page (window), !=, "error");

  /* Then goes away again: the saved chats stay, with the time they were
   * last checked, within seconds of the next request. */
  mc_fake_market_inject_fault (f->market, NULL, MC_FAKE_FAULT_STATUS, 503, 100000);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL);
  started = g_get_monotonic_time ();
  WAIT_UNTIL (banner_says (window, "cannot be reached"));
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
  g_assert_true (banner_says (window, "last checked"));
  g_assert_cmpstr (chats_page (window), !=, "error");
  mc_fake_market_clear_faults (f->market);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keyring = NULL;
  g_autofree char *data_home = NULL;
  int ret;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  /* A keyring file and data folder of this run only, set before anything
   * reads them. */
  test_dir = g_dir_make_tmp ("mc-test-accounts-XXXXXX", NULL);
  g_assert_nonnull (test_dir);
  keyring = g_build_filename (test_dir, "keyring", NULL);
  data_home = g_build_filename (test_dir, "data", NULL);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);

  log_text = g_string_new (NULL);
  g_log_set_writer_func (record_log, NULL, NULL);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/accounts/welcome/good-key", Fixture, NULL,
              fixture_set_up, test_welcome_good_key, fixture_tear_down);
  g_test_add ("/accounts/welcome/wrong-key", Fixture, NULL,
              fixture_set_up, test_welcome_wrong_key, fixture_tear_down);
  g_test_add ("/accounts/welcome/key-with-space", Fixture, NULL,
              fixture_set_up, test_welcome_key_with_space, fixture_tear_down);
  g_test_add ("/accounts/welcome/read-only", Fixture, NULL,
              fixture_set_up, test_welcome_read_only, fixture_tear_down);
  g_test_add ("/accounts/welcome/cancel", Fixture, NULL,
              fixture_set_up, test_welcome_cancel, fixture_tear_down);
  g_test_add ("/accounts/welcome/demo", Fixture, NULL,
              fixture_set_up, test_welcome_demo, fixture_tear_down);
  g_test_add_func ("/accounts/welcome/keyring-error", test_keyring_error_page);
  g_test_add ("/accounts/dialog/add", Fixture, NULL,
              fixture_set_up, test_add_cabinet_dialog, fixture_tear_down);
  g_test_add ("/accounts/dialog/closed-while-checking", Fixture, NULL,
              fixture_set_up, test_add_cabinet_dialog_closed, fixture_tear_down);
  g_test_add ("/accounts/preferences/remove", Fixture, NULL,
              fixture_set_up, test_preferences_remove, fixture_tear_down);
  g_test_add ("/accounts/window/unreachable-at-start", Fixture, NULL,
              fixture_set_up, test_unreachable_at_start, fixture_tear_down);
  g_test_add ("/accounts/preferences/scopes", Fixture, NULL,
              fixture_set_up, test_scopes_in_words, fixture_tear_down);

  ret = g_test_run ();

  remove_tree (test_dir);
  g_clear_pointer (&test_dir, g_free);
  g_string_free (log_text, TRUE);

  return ret;
}
