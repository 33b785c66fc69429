/* test-plain-text.c: what a server or a customer wrote is shown as words,
 * never as Pango markup: an API error with a link and an ampersand in the
 * window's error page, in a toast and on the welcome page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mc-api-error.h"
#include "mc-attachment-row.h"
#include "mc-ui.h"
#include "mc-ui-util.h"
#include "mc-welcome-page.h"
#include "mc-window.h"
#include "ui-test-util.h"

#define HOSTILE "Key expired, <a href=\"https://evil.example/\">click here</a> & renew"

/* A descendant label of @widget showing @needle as it reads on screen. */
static gboolean
shows_literally (GtkWidget  *widget,
                 const char *needle)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_literally (child, needle))
      return TRUE;

  return FALSE;
}

static gboolean
window_shows_hostile (gpointer data)
{
  return shows_literally (GTK_WIDGET (data), HOSTILE);
}

static void
test_window_error_and_toast (void)
{
  McSession *session = mc_session_new (NULL);
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autoptr(GError) error = g_error_new_literal (MC_API_ERROR, MC_API_ERROR_UNAUTHORIZED, HOSTILE);
  McWindow *window;

  /* No cabinet loaded: the chats pane can only show the error page. */
  window = mc_window_new (NULL, session, settings);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_emit_by_name (mc_session_get_sync (session), "error", NULL, error);
  g_assert_true (ui_test_wait_until (window_shows_hostile, window, 5000));
  ui_test_destroy_and_check (GTK_WINDOW (window), NULL);

  window = mc_window_new (NULL, session, settings);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toast", "s", HOSTILE);
  g_assert_true (ui_test_wait_until (window_shows_hostile, window, 5000));
  ui_test_destroy_and_check (GTK_WINDOW (window), session);
}

static void
test_welcome_error (void)
{
  /* An address the app refuses: its text comes back in the error. */
  McSession *session = mc_session_new ("ftp://evil.example/" HOSTILE);
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_child (GTK_WINDOW (window), mc_welcome_page_new (session));
  mc_session_load (session);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_wait_until (window_shows_hostile, window, 5000));
  ui_test_destroy_and_check (GTK_WINDOW (window), session);
}

/* A file name is shown as it is, with what would reorder or hide parts of
 * it made visible. */
static void
test_attachment_names (void)
{
  static const struct { const char *name; const char *shown; } cases[] = {
    { "Invoice_\xe2\x80\xae" "fdp.desktop", "Invoice_[U+202E]fdp.desktop" },
    { "<a href=\"https://evil.example/\">x</a> & y.pdf", "<a href=\"https://evil.example/\">x</a> & y.pdf" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(McAttachment) attachment = mc_attachment_new (cases[i].name, "https://example.com/f", 10);
      GtkWidget *window = gtk_window_new ();

      gtk_window_set_child (GTK_WINDOW (window), mc_attachment_row_new (attachment));
      gtk_window_present (GTK_WINDOW (window));
      g_assert_true (shows_literally (window, cases[i].shown));
      g_assert_false (shows_literally (window, "\xe2\x80\xae"));
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

/* A launcher named to look like a PDF: the question names it with its
 * hidden characters shown and says what it really is; Cancel is what
 * Enter and Escape do.  A real PDF is opened without a question. */
static void
test_risky_file_dialog (void)
{
  static const char launcher[] = "[Desktop Entry]\nType=Application\nName=Invoice\nExec=sh -c true\n";
  static const char pdf[] = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
  const char *name = "Invoice_\xe2\x80\xae" "fdp.desktop";
  g_autofree char *type = g_content_type_guess ("Invoice_fdp.desktop", (const guchar *) launcher,
                                                sizeof launcher - 1, NULL);
  g_autofree char *pdf_type = g_content_type_guess ("Invoice.pdf", (const guchar *) pdf,
                                                    sizeof pdf - 1, NULL);
  g_autofree char *description = g_content_type_get_description (type);
  AdwMessageDialog *dialog;
  const char *body;

  g_assert_true (mc_ui_content_may_run_code (type, name));
  g_assert_false (mc_ui_content_may_run_code (pdf_type, "Invoice.pdf"));

  dialog = ADW_MESSAGE_DIALOG (mc_ui_risky_file_dialog_new (NULL, name, type));
  body = adw_message_dialog_get_body (dialog);
  g_assert_false (adw_message_dialog_get_body_use_markup (dialog));
  g_assert_nonnull (strstr (body, "Invoice_[U+202E]fdp.desktop"));
  g_assert_null (strstr (body, "\xe2\x80\xae"));
  g_assert_nonnull (strstr (body, description));
  g_assert_nonnull (strstr (body, type));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  g_assert_true (adw_message_dialog_has_response (dialog, "open"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "open"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/plain-text/window-error-and-toast", test_window_error_and_toast);
  g_test_add_func ("/ui/plain-text/welcome-error", test_welcome_error);
  g_test_add_func ("/ui/plain-text/attachment-names", test_attachment_names);
  g_test_add_func ("/ui/plain-text/risky-file-dialog", test_risky_file_dialog);

  return g_test_run ();
}
