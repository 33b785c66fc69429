/* mc-conversation-files.c: attachments of a conversation, opened from a
 * private folder or saved where the seller chooses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-error.h"
#include "mc-conversation-private.h"
#include "mc-ui.h"
#include "mc-ui-util.h"

typedef struct
{
  McConversation *self;
  McChatTimeline *timeline;
  McAttachment   *attachment;
  GFile          *target;
  gboolean        open;
  GBytes         *bytes;   /* held while the seller is asked */
} Download;

static void
download_free (Download *download)
{
  g_clear_object (&download->self);
  g_clear_object (&download->timeline);
  g_clear_object (&download->attachment);
  g_clear_object (&download->target);
  g_clear_pointer (&download->bytes, g_bytes_unref);
  g_free (download);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Download, download_free)

static void
on_file_written (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Download) download = user_data;
  McConversation *self = download->self;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not save the file: %s"), error->message);

      mc_ui_toast (GTK_WIDGET (self), text);
      return;
    }

  if (download->open)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      g_autofree char *uri = g_file_get_uri (download->target);

      gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (download->target);
      g_autofree char *text = g_strdup_printf (_("Saved “%s”"), name);

      mc_ui_toast (GTK_WIDGET (self), text);
    }
}

static void
download_write (Download *download)
{
  g_file_replace_contents_bytes_async (download->target, download->bytes, NULL, FALSE,
                                       download->open ? G_FILE_CREATE_PRIVATE : G_FILE_CREATE_NONE,
                                       download->self->cancellable,
                                       on_file_written, download);
}

static void
on_risky_open_response (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  Download *download = user_data;

  if (g_strcmp0 (response, "open") == 0)
    download_write (download);
  else
    download_free (download);
}

/* A launcher, a script or an archive runs or unpacks code when the desktop
 * opens it: the seller decides, told what the file really is (its content,
 * not the name a customer chose). */
static gboolean
download_confirm_risky (Download *download)
{
  McConversation *self = download->self;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *basename = g_file_get_basename (download->target);
  g_autofree char *type = NULL;
  GtkWidget *dialog;
  gsize size;
  gconstpointer data = g_bytes_get_data (download->bytes, &size);

  type = g_content_type_guess (basename, data, size, NULL);
  if (!mc_ui_content_may_run_code (type, mc_attachment_get_name (download->attachment)) &&
      !mc_ui_content_may_run_code (type, basename))
    return FALSE;

  dialog = mc_ui_risky_file_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       mc_attachment_get_name (download->attachment), type);
  g_signal_connect (dialog, "response", G_CALLBACK (on_risky_open_response), download);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static void
on_downloaded (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Download) download = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = mc_chat_timeline_download_finish (MC_CHAT_TIMELINE (object), result, &error);
  if (bytes == NULL)
    {
      g_autofree char *text = mc_conversation_describe_error (error);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !mc_error_is_cancelled (error))
        mc_ui_toast (GTK_WIDGET (download->self), text);
      return;
    }

  download->bytes = g_steal_pointer (&bytes);
  if (download->open && download_confirm_risky (download))
    {
      download = NULL;
      return;
    }

  download_write (g_steal_pointer (&download));
}

static void
mc_conversation_download (McConversation *self,
                          McAttachment   *attachment,
                          GFile          *target,
                          gboolean        open)
{
  Download *download;

  if (self->timeline == NULL)
    return;

  download = g_new0 (Download, 1);
  download->self = g_object_ref (self);
  download->timeline = g_object_ref (self->timeline);
  download->attachment = g_object_ref (attachment);
  download->target = g_object_ref (target);
  download->open = open;

  mc_chat_timeline_download_async (self->timeline, attachment, self->cancellable,
                                   on_downloaded, download);
}

void
mc_conversation_open_attachment (McConversation *self,
                                 McAttachment   *attachment)
{
  g_autofree char *name = mc_ui_sanitize_filename (mc_attachment_get_name (attachment));
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) error = NULL;

  if (self->timeline == NULL)
    return;

  dir = mc_chat_timeline_dup_attachments_dir (self->timeline, &error);
  if (dir == NULL)
    {
      mc_ui_toast (GTK_WIDGET (self), error->message);
      return;
    }

  path = g_build_filename (dir, name, NULL);
  target = g_file_new_for_path (path);
  mc_conversation_download (self, attachment, target, TRUE);
}

typedef struct
{
  McConversation *self;
  McAttachment   *attachment;
} SaveAs;

static void
on_save_chooser_response (GtkFileChooserNative *chooser,
                          int                   response,
                          gpointer              user_data)
{
  SaveAs *save = user_data;
  McConversation *self = save->self;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        mc_conversation_download (self, save->attachment, file, FALSE);
    }

  if (self->save_chooser == chooser)
    g_clear_object (&self->save_chooser);
  g_object_unref (save->attachment);
  g_object_unref (save->self);
  g_free (save);
}

void
mc_conversation_save_attachment (McConversation *self,
                                 McAttachment   *attachment)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *name = mc_ui_sanitize_filename (mc_attachment_get_name (attachment));
  const char *downloads = g_get_user_special_dir (G_USER_DIRECTORY_DOWNLOAD);
  g_autoptr(GFile) folder = NULL;
  SaveAs *save;

  if (self->save_chooser != NULL)
    return;

  self->save_chooser = gtk_file_chooser_native_new (_("Save File"),
                                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->save_chooser), TRUE);
  /* Where saved files are looked for, not the folder the app started in. */
  folder = g_file_new_for_path (downloads != NULL ? downloads : g_get_home_dir ());
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->save_chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->save_chooser), name);

  save = g_new0 (SaveAs, 1);
  save->self = g_object_ref (self);
  save->attachment = g_object_ref (attachment);
  g_signal_connect (self->save_chooser, "response", G_CALLBACK (on_save_chooser_response), save);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->save_chooser));
}
