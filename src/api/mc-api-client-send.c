/* mc-api-client-send.c: what the seller sends and fetches:
 * sendMessageToChat, sendFileToChat as form data, and attachment downloads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-api-client-private.h"
#include "mc-api-parse.h"

/* sendMessageToChat and sendFileToChat */

static void
complete_status_ok (McApiRequest *req,
                    const char   *data,
                    gsize         length)
{
  g_autoptr(GTask) task = mc_api_request_finish (req);
  GError *error = NULL;

  if (!mc_api_parse_status_ok (data, length, &error))
    {
      g_autofree char *api_message = mc_api_parse_error_body (data, length);

      /* A 2xx saying "status": "ERROR" with errors[]: the seller reads
       * the Market's own words, not "an answer the app does not
       * understand"; history then decides whether the message arrived. */
      if (api_message != NULL)
        {
          g_clear_error (&error);
          error = g_error_new_literal (MC_API_ERROR, MC_API_ERROR_INVALID_REQUEST, api_message);
        }
      g_task_return_error (task, error);
    }
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
check_message_text (const char  *text,
                    GError     **error)
{
  glong n_chars;
  gboolean blank = TRUE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
                           _("The message is not valid text"));
      return FALSE;
    }

  for (const char *p = text; *p != '\0' && blank; p = g_utf8_next_char (p))
    blank = g_unichar_isspace (g_utf8_get_char (p));

  if (blank)
    {
      g_set_error_literal (error, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
                           _("The message is empty"));
      return FALSE;
    }

  n_chars = g_utf8_strlen (text, -1);
  if (n_chars > MC_API_MAX_MESSAGE_CHARS)
    {
      g_set_error (error, MC_API_ERROR, MC_API_ERROR_TOO_LARGE,
                   ngettext ("The message is %ld character long; the Market accepts at most %d",
                             "The message is %ld characters long; the Market accepts at most %d",
                             n_chars),
                   n_chars, MC_API_MAX_MESSAGE_CHARS);
      return FALSE;
    }

  return TRUE;
}

void
mc_api_client_send_message_async (McApiClient         *self,
                                  gint64               business_id,
                                  gint64               chat_id,
                                  const char          *text,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = NULL;
  GError *error = NULL;
  McApiRequest *req;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (mc_api_report_invalid_ids (self, business_id, chat_id, mc_api_client_send_message_async, callback, user_data))
    return;

  if (!check_message_text (text, &error))
    {
      g_task_report_error (self, callback, user_data, mc_api_client_send_message_async, error);
      return;
    }

  req = mc_api_request_new_for_endpoint (self, MC_API_METHOD_SEND_MESSAGE, business_id, chat_id, NULL,
                                         complete_status_ok, mc_api_client_send_message_async,
                                         cancellable, callback, user_data);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  mc_api_request_set_json_body (req, builder);

  mc_api_request_submit (req);
}

gboolean
mc_api_client_send_message_finish (McApiClient   *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return mc_api_client_finish_boolean (self, result, error);
}

typedef struct
{
  McApiRequest *req;
  GFile     *file;
  char      *name;
} FileSend;

static void
file_send_free (FileSend *send)
{
  g_clear_object (&send->file);
  g_free (send->name);
  g_free (send);
}

static GError *
error_from_file (const GError *error,
                 const char   *name)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return g_error_new (MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
                        _("The file “%s” no longer exists"), name);

  return g_error_new (MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
                      _("The file “%s” cannot be read: %s"), name, error->message);
}

static GError *
file_too_large (const char *name,
                goffset     size)
{
  g_autofree char *actual = g_format_size (size);
  g_autofree char *limit = g_format_size (MC_API_MAX_FILE_SIZE);

  return g_error_new (MC_API_ERROR, MC_API_ERROR_TOO_LARGE,
                      /* Translators: "The file “photo.jpg” is 6.2 MB; the Market accepts at most 5.2 MB" */
                      _("The file “%s” is %s; the Market accepts at most %s"),
                      name, actual, limit);
}

/* RFC 7578 section 4.2: the UTF-8 name as is, percent-encoding only what
 * would end the quoted string or the header line. */
static char *
form_file_disposition (const char *name)
{
  GString *value = g_string_new ("form-data; name=\"file\"; filename=\"");

  for (const char *p = name; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c < 0x20 || c == 0x7f)
        g_string_append_printf (value, "%%%02X", c);
      else
        g_string_append_c (value, (char) c);
    }
  g_string_append_c (value, '"');

  return g_string_free (value, FALSE);
}

static void
on_file_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  FileSend *send = user_data;
  McApiRequest *req = send->req;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMultipart) multipart = NULL;
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *mime_type = NULL;
  GBytes *body = NULL;
  gboolean uncertain;
  gsize length;

  bytes = g_file_load_bytes_finish (G_FILE (object), result, NULL, &error);
  if (bytes == NULL)
    {
      mc_api_request_return_error (req, error_from_file (error, send->name));
      file_send_free (send);
      return;
    }

  length = g_bytes_get_size (bytes);
  if (length > MC_API_MAX_FILE_SIZE)
    {
      mc_api_request_return_error (req, file_too_large (send->name, length));
      file_send_free (send);
      return;
    }

  if (length == 0)
    {
      mc_api_request_return_error (req, g_error_new (MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
                                                     _("The file “%s” is empty"), send->name));
      file_send_free (send);
      return;
    }

  content_type = g_content_type_guess (send->name, g_bytes_get_data (bytes, NULL),
                                       MIN (length, 4096), &uncertain);
  mime_type = content_type != NULL ? g_content_type_get_mime_type (content_type) : NULL;
  if (mime_type == NULL)
    mime_type = g_strdup ("application/octet-stream");

  multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  {
    g_autoptr(SoupMessageHeaders) part = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
    g_autofree char *disposition = form_file_disposition (send->name);

    /* libsoup would write a non-ASCII name as filename*=UTF-8''…, which
     * RFC 7578 forbids in form data and servers ignore. */
    soup_message_headers_replace (part, "Content-Disposition", disposition);
    soup_message_headers_replace (part, "Content-Type", mime_type);
    soup_multipart_append_part (multipart, part, bytes);
  }
  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_multipart_to_message (multipart, headers, &body);
  mc_api_request_set_body (req, soup_message_headers_get_one (headers, "Content-Type"), body);

  file_send_free (send);
  mc_api_request_submit (req);
}

static void
on_file_info (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  FileSend *send = user_data;
  McApiRequest *req = send->req;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (info == NULL)
    {
      mc_api_request_return_error (req, error_from_file (error, send->name));
      file_send_free (send);
      return;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      mc_api_request_return_error (req, g_error_new (MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
                                                     _("“%s” is not a file"), send->name));
      file_send_free (send);
      return;
    }

  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ) &&
      !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ))
    {
      mc_api_request_return_error (req, g_error_new (MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
                                                     _("The file “%s” cannot be read"), send->name));
      file_send_free (send);
      return;
    }

  if (g_file_info_get_size (info) > MC_API_MAX_FILE_SIZE)
    {
      mc_api_request_return_error (req, file_too_large (send->name, g_file_info_get_size (info)));
      file_send_free (send);
      return;
    }

  g_file_load_bytes_async (send->file, req->cancellable, on_file_loaded, send);
}

void
mc_api_client_send_file_async (McApiClient         *self,
                               gint64               business_id,
                               gint64               chat_id,
                               GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  FileSend *send;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (mc_api_report_invalid_ids (self, business_id, chat_id, mc_api_client_send_file_async, callback, user_data))
    return;

  send = g_new0 (FileSend, 1);
  send->file = g_object_ref (file);
  send->name = g_file_get_basename (file);
  if (send->name == NULL)
    send->name = g_file_get_uri (file);
  send->req = mc_api_request_new_for_endpoint (self, MC_API_METHOD_SEND_FILE, business_id, chat_id,
                                               NULL, complete_status_ok, mc_api_client_send_file_async,
                                               cancellable, callback, user_data);

  g_file_query_info_async (file,
                           G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                           G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                           G_FILE_ATTRIBUTE_ACCESS_CAN_READ,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT,
                           send->req->cancellable, on_file_info, send);
}

gboolean
mc_api_client_send_file_finish (McApiClient   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return mc_api_client_finish_boolean (self, result, error);
}

/* Attachments */

static void
complete_download (McApiRequest *req,
                   const char   *data,
                   gsize         length)
{
  g_autoptr(GTask) task = mc_api_request_finish (req);

  g_task_return_pointer (task, g_bytes_new (data, length), (GDestroyNotify) g_bytes_unref);
}

void
mc_api_client_download_async (McApiClient         *self,
                              const char          *url,
                              gsize                max_size,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GUri) api = NULL;
  GError *error = NULL;
  GUri *uri;
  McApiRequest *req;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (!mc_api_url_is_allowed (url, &error))
    {
      g_task_report_error (self, callback, user_data, mc_api_client_download_async, error);
      return;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, &error);
  if (uri == NULL)
    {
      g_task_report_new_error (self, callback, user_data, mc_api_client_download_async,
                               MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
                               "%s", error->message);
      g_error_free (error);
      return;
    }

  req = mc_api_request_new (self, MC_API_METHOD_DOWNLOAD, NO_BUSINESS, "GET", uri,
                            complete_download, mc_api_client_download_async,
                            cancellable, callback, user_data);
  req->max_size = max_size > 0 ? max_size : MC_API_MAX_FILE_SIZE;

  /* An attachment URL comes from the server's answer and may name any host:
   * the key goes only where the API itself lives. */
  api = g_uri_parse (self->base_url, G_URI_FLAGS_ENCODED, NULL);
  req->with_auth = api != NULL && mc_api_same_origin (api, uri);
  mc_api_request_submit (req);
}

GBytes *
mc_api_client_download_finish (McApiClient   *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return mc_api_client_finish_pointer (self, result, error);
}
