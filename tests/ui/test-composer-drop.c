/* test-composer-drop.c: files dropped on the composer are listed, with
 * hidden characters shown, and sent only after one confirmation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "mc-composer.h"
#include "ui-test-util.h"

static void
on_send_file (McComposer *composer,
              GFile      *file,
              guint      *n_sent)
{
  (*n_sent)++;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
drop (GtkWidget *composer,
      GSList    *files)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (composer);
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean handled = FALSE;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        g_signal_emit_by_name (controller, "drop", &value, 1.0, 1.0, &handled);
    }

  return handled;
}

static void
test_drop_asks_once (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mc-drop-XXXXXX", &error);
  g_autofree char *first_path = g_build_filename (dir, "photo.jpg", NULL);
  g_autofree char *second_path = g_build_filename (dir, "Invoice_\xe2\x80\xae" "fdp.desktop", NULL);
  g_autoptr(GFile) first = g_file_new_for_path (first_path);
  g_autoptr(GFile) second = g_file_new_for_path (second_path);
  GSList *files = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *window;
  GtkWidget *composer;
  guint n_sent = 0;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (first_path, "jpeg", -1, NULL));
  g_assert_true (g_file_set_contents (second_path, "[Desktop Entry]", -1, NULL));
  files = g_slist_append (files, first);
  files = g_slist_append (files, second);

  window = gtk_window_new ();
  composer = mc_composer_new ();
  gtk_window_set_child (GTK_WINDOW (window), composer);
  g_signal_connect (composer, "send-file", G_CALLBACK (on_send_file), &n_sent);
  gtk_window_present (GTK_WINDOW (window));

  /* Nothing goes before the seller says so; the list names both, the
   * override made visible. */
  g_assert_true (drop (composer, files));
  g_assert_true (ui_test_wait_until (dialog_shown, NULL, 5000));
  dialog = find_message_dialog ();
  g_assert_cmpuint (n_sent, ==, 0);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "2 Files"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "photo.jpg"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Invoice_[U+202E]fdp.desktop"));
  adw_message_dialog_response (dialog, "cancel");
  ui_test_run_for (100);
  g_assert_cmpuint (n_sent, ==, 0);

  /* Yes once: both are sent. */
  g_assert_true (drop (composer, files));
  g_assert_true (ui_test_wait_until (dialog_shown, NULL, 5000));
  adw_message_dialog_response (find_message_dialog (), "send");
  ui_test_run_for (100);
  g_assert_cmpuint (n_sent, ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
  g_slist_free (files);
  g_unlink (first_path);
  g_unlink (second_path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/composer-drop/asks-once", test_drop_asks_once);

  return g_test_run ();
}
