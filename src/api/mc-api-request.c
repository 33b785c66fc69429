/* mc-api-request.c: the request engine of McApiClient.
 *
 * Every call becomes an McApiRequest owned by its GTask.  A request waits in
 * the FIFO queue of its business (calls without a business share one pool)
 * until fewer than MC_API_MAX_IN_FLIGHT of that pool are running, is checked
 * against its method's pause and hourly budget, and is sent.  The answer is
 * read into memory with a size cap, the rate-limit headers are noted, and the
 * status decides the error; reads go back to the queue after a back-off when
 * the failure may be transient.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-api-client-private.h"
#include "mc-api-parse.h"

#define DEFAULT_PAUSE_USEC (G_USEC_PER_SEC * G_GINT64_CONSTANT (60))
#define MAX_RESPONSE_SIZE  (32 * 1024 * 1024)
#define READ_CHUNK         (64 * 1024)
#define MAX_REDIRECTS      5

static void pool_pump (McApiClient *self,
                       McPool      *pool);

/* Wiped through a volatile pointer so the compiler cannot drop the stores
 * to memory it is about to free. */
static void
clear_secret (char *secret)
{
  volatile char *p = secret;

  if (secret == NULL)
    return;

  while (*p != '\0')
    *p++ = '\0';
}

/* Pools */

static McPool *
get_pool (McApiClient *self,
          gint64       business_id)
{
  McPool *pool = g_hash_table_lookup (self->pools, &business_id);

  if (pool == NULL)
    {
      pool = g_new0 (McPool, 1);
      pool->business_id = business_id;
      g_queue_init (&pool->waiting);
      g_hash_table_insert (self->pools, &pool->business_id, pool);
    }

  return pool;
}

void
mc_api_pool_free (gpointer data)
{
  McPool *pool = data;

  g_warn_if_fail (g_queue_is_empty (&pool->waiting));
  g_queue_clear (&pool->waiting);
  g_free (pool);
}

/* Requests */

static void
request_free (gpointer data)
{
  McApiRequest *req = data;

  if (req->caller_handler != 0)
    g_cancellable_disconnect (req->caller_cancellable, req->caller_handler);
  if (req->client_handler != 0)
    g_cancellable_disconnect (req->client_cancellable, req->client_handler);
  if (req->cancel_source != NULL)
    g_source_destroy (req->cancel_source);
  if (req->backoff_source != NULL)
    g_source_destroy (req->backoff_source);
  if (req->deadline_source != NULL)
    g_source_destroy (req->deadline_source);
  if (req->attempt_handler != 0)
    g_cancellable_disconnect (req->cancellable, req->attempt_handler);

  g_clear_pointer (&req->deadline_source, g_source_unref);
  g_clear_object (&req->attempt);
  g_clear_pointer (&req->cancel_source, g_source_unref);
  g_clear_pointer (&req->backoff_source, g_source_unref);
  g_clear_object (&req->caller_cancellable);
  g_clear_object (&req->client_cancellable);
  g_clear_object (&req->cancellable);
  g_clear_object (&req->msg);
  g_clear_object (&req->stream);
  g_clear_pointer (&req->buffer, g_byte_array_unref);
  g_clear_pointer (&req->uri, g_uri_unref);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_clear_pointer (&req->content_type, g_free);
  g_free (req);
}

static void
on_linked_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/* The request's task holds the only reference the machinery keeps; it is
 * dropped when the request returns. */
McApiRequest *
mc_api_request_new (McApiClient          *self,
                    McApiMethod           method,
                    gint64                business_id,
                    const char           *http_method,
                    GUri                 *uri,
                    McApiRequestComplete  complete,
                    gpointer              source_tag,
                    GCancellable         *cancellable,
                    GAsyncReadyCallback   callback,
                    gpointer              user_data)
{
  McApiRequest *req = g_new0 (McApiRequest, 1);

  req->client = self;
  req->method = method;
  req->business_id = business_id;
  req->http_method = http_method;
  req->uri = uri;
  req->complete = complete;
  req->max_size = MAX_RESPONSE_SIZE;
  req->retryable = g_strcmp0 (http_method, "GET") == 0;
  req->cancellable = g_cancellable_new ();
  req->with_auth = TRUE;

  req->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (req->task, source_tag);
  g_task_set_name (req->task, mc_api_method_get_name (method));
  /* We answer a cancellation ourselves, as G_IO_ERROR_CANCELLED. */
  g_task_set_check_cancellable (req->task, FALSE);
  g_task_set_task_data (req->task, req, request_free);

  if (cancellable != NULL)
    {
      req->caller_cancellable = g_object_ref (cancellable);
      req->caller_handler = g_cancellable_connect (cancellable,
                                                   G_CALLBACK (on_linked_cancelled),
                                                   g_object_ref (req->cancellable),
                                                   g_object_unref);
    }

  /* The task may outlive the client it names, so keep what we disconnect from. */
  req->client_cancellable = g_object_ref (self->cancellable);
  req->client_handler = g_cancellable_connect (self->cancellable,
                                               G_CALLBACK (on_linked_cancelled),
                                               g_object_ref (req->cancellable),
                                               g_object_unref);

  return req;
}

GUri *
mc_api_client_build_uri (McApiClient *self,
                         const char  *path,
                         const char  *query)
{
  g_autofree char *text = g_strconcat (self->base_url, path,
                                       query != NULL && *query != '\0' ? "?" : "",
                                       query != NULL ? query : "",
                                       NULL);

  return g_uri_parse (text, G_URI_FLAGS_ENCODED, NULL);
}

void
mc_api_request_set_body (McApiRequest *req,
                         const char   *content_type,
                         GBytes       *body)
{
  g_clear_pointer (&req->body, g_bytes_unref);
  g_free (req->content_type);
  req->body = body;
  req->content_type = g_strdup (content_type);
}

void
mc_api_request_set_json_body (McApiRequest *req,
                              JsonBuilder  *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize length = 0;
  char *text;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  mc_api_request_set_body (req, "application/json", g_bytes_new_take (text, length));
}

/* Detaches the request from the machinery before its task returns. */
GTask *
mc_api_request_finish (McApiRequest *req)
{
  req->state = REQUEST_DONE;

  if (req->cancel_source != NULL)
    g_source_destroy (req->cancel_source);
  if (req->backoff_source != NULL)
    g_source_destroy (req->backoff_source);

  return req->task;
}

void
mc_api_request_return_error (McApiRequest *req,
                             GError       *error)
{
  g_autoptr(GTask) task = mc_api_request_finish (req);

  g_task_return_error (task, error);
}

void
mc_api_request_return_object (McApiRequest *req,
                              gpointer      object,
                              GError       *error)
{
  g_autoptr(GTask) task = mc_api_request_finish (req);

  if (object == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, object, g_object_unref);
}

static void
request_return_cancelled (McApiRequest *req)
{
  mc_api_request_return_error (req, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                         _("Cancelled")));
}

static gboolean
on_request_cancelled (GCancellable *cancellable,
                      gpointer      user_data)
{
  McApiRequest *req = user_data;

  switch (req->state)
    {
    case REQUEST_QUEUED:
      {
        McPool *pool = get_pool (req->client, req->business_id);

        g_queue_remove (&pool->waiting, req);
        request_return_cancelled (req);
      }
      break;

    case REQUEST_BACKOFF:
      request_return_cancelled (req);
      break;

    case REQUEST_NEW:
    case REQUEST_SENDING:
    case REQUEST_DONE:
    default:
      /* libsoup or GIO answer with G_IO_ERROR_CANCELLED themselves. */
      break;
    }

  return G_SOURCE_REMOVE;
}

void
mc_api_request_submit (McApiRequest *req)
{
  McApiClient *self = req->client;
  McPool *pool;

  if (g_cancellable_is_cancelled (req->cancellable))
    {
      request_return_cancelled (req);
      return;
    }

  if (mc_api_client_method_is_paused (self, req->method))
    {
      mc_api_request_return_error (req, mc_api_client_paused_error (self, req->method, NULL));
      return;
    }

  if (req->cancel_source == NULL)
    {
      req->cancel_source = g_cancellable_source_new (req->cancellable);
      g_source_set_static_name (req->cancel_source, "[mc-api] cancel");
      g_source_set_callback (req->cancel_source, G_SOURCE_FUNC (on_request_cancelled), req, NULL);
      g_source_attach (req->cancel_source, g_task_get_context (req->task));
    }

  pool = get_pool (self, req->business_id);
  req->state = REQUEST_QUEUED;
  g_queue_push_tail (&pool->waiting, req);
  pool_pump (self, pool);
}

static GError *
error_from_transport (const GError *error);

/* The deadline cancels the attempt; the caller did not. */
static GError *
request_transport_error (McApiRequest *req,
                         const GError *error)
{
  if (req->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_cancellable_is_cancelled (req->cancellable))
    return g_error_new_literal (MC_API_ERROR, MC_API_ERROR_TIMEOUT,
                                _("The Market did not finish its answer in time"));

  return error_from_transport (error);
}

static GError *
error_from_transport (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (MC_API_ERROR, MC_API_ERROR_TIMEOUT,
                        _("The Market did not answer in time: %s"), error->message);

  if (error->domain == MC_API_ERROR)
    return g_error_copy (error);

  return g_error_new (MC_API_ERROR, MC_API_ERROR_NETWORK,
                      _("Could not reach the Market: %s"), error->message);
}

static GError *
error_from_status (McApiRequest *req,
                   const char   *data,
                   gsize         length)
{
  g_autofree char *api_message = mc_api_parse_error_body (data, length);
  g_autofree char *fallback = NULL;
  const char *message;
  McApiErrorCode code;
  guint status = req->status;

  if (api_message == NULL)
    {
      const char *reason = req->msg != NULL ? soup_message_get_reason_phrase (req->msg) : NULL;

      if (reason == NULL || *reason == '\0' || strlen (reason) > 80)
        reason = soup_status_get_phrase (status);

      fallback = g_strdup_printf (_("HTTP %u %s"), status, reason != NULL ? reason : "");
      g_strchomp (fallback);
    }

  message = api_message != NULL ? api_message : fallback;

  switch (status)
    {
    case 400: code = MC_API_ERROR_INVALID_REQUEST; break;
    case 401: code = MC_API_ERROR_UNAUTHORIZED; break;
    case 403: code = MC_API_ERROR_FORBIDDEN; break;
    case 404: code = MC_API_ERROR_NOT_FOUND; break;
    case 410: code = MC_API_ERROR_GONE; break;
    case 420: return mc_api_client_paused_error (req->client, req->method, message);
    default:
      code = status >= 500 && status < 600 ? MC_API_ERROR_SERVER : MC_API_ERROR_PROTOCOL;
      break;
    }

  return g_error_new_literal (MC_API_ERROR, code, message);
}

static gboolean
on_backoff_done (gpointer user_data)
{
  McApiRequest *req = user_data;

  g_clear_pointer (&req->backoff_source, g_source_unref);
  req->state = REQUEST_NEW;
  mc_api_request_submit (req);

  return G_SOURCE_REMOVE;
}

static gboolean
request_maybe_retry (McApiRequest *req,
                     const GError *error)
{
  double delay_ms;

  if (!req->retryable || req->retries >= req->client->max_retries ||
      g_cancellable_is_cancelled (req->cancellable) ||
      !(g_error_matches (error, MC_API_ERROR, MC_API_ERROR_SERVER) ||
        g_error_matches (error, MC_API_ERROR, MC_API_ERROR_NETWORK) ||
        g_error_matches (error, MC_API_ERROR, MC_API_ERROR_TIMEOUT)))
    return FALSE;

  /* Jitter keeps many clients that failed together from retrying together. */
  delay_ms = 1000.0 * req->client->backoff_scale * (1 << req->retries) *
             g_random_double_range (0.5, 1.5);
  req->retries++;

  g_debug ("%s retry %u in %.0f ms: %s", mc_api_method_get_name (req->method),
           req->retries, delay_ms, error->message);

  req->state = REQUEST_BACKOFF;
  req->backoff_source = g_timeout_source_new ((guint) CLAMP (delay_ms, 0, G_MAXUINT));
  g_source_set_static_name (req->backoff_source, "[mc-api] back-off");
  g_source_set_callback (req->backoff_source, on_backoff_done, req, NULL);
  g_source_attach (req->backoff_source, g_task_get_context (req->task));

  return TRUE;
}

/* Gives the request's slot back; the caller pumps the pool afterwards so
 * that a task returning here cannot re-enter a half-updated pool. */
static McPool *
request_release (McApiRequest *req)
{
  McPool *pool = get_pool (req->client, req->business_id);

  g_assert (pool->in_flight > 0);
  pool->in_flight--;
  if (req->deadline_source != NULL)
    g_source_destroy (req->deadline_source);
  g_clear_pointer (&req->deadline_source, g_source_unref);
  if (req->attempt_handler != 0)
    g_cancellable_disconnect (req->cancellable, req->attempt_handler);
  req->attempt_handler = 0;
  g_clear_object (&req->attempt);
  g_clear_object (&req->msg);
  g_clear_object (&req->stream);
  g_clear_pointer (&req->buffer, g_byte_array_unref);

  return pool;
}

/* Told at each attempt, before any retry, so that the seller learns within
 * seconds that the Market is out of reach, not after the back-off. */
static void
note_reachable (McApiClient *self,
                gboolean     reachable)
{
  if (reachable)
    self->last_answer = g_get_real_time ();
  if (self->unreachable != !reachable)
    {
      self->unreachable = !reachable;
      g_signal_emit (self, mc_api_client_signals[MC_API_CLIENT_REACHABILITY_CHANGED], 0);
    }
}

static void
request_failed (McApiRequest *req,
                GError       *error)
{
  g_autoptr(McApiClient) self = g_object_ref (req->client);
  McPool *pool = request_release (req);

  if (g_error_matches (error, MC_API_ERROR, MC_API_ERROR_NETWORK) ||
      g_error_matches (error, MC_API_ERROR, MC_API_ERROR_TIMEOUT) ||
      g_error_matches (error, MC_API_ERROR, MC_API_ERROR_SERVER))
    note_reachable (self, FALSE);

  if (!request_maybe_retry (req, error))
    mc_api_request_return_error (req, g_steal_pointer (&error));
  g_clear_error (&error);

  pool_pump (self, pool);
}

/* Attachments may live behind a redirect; the API itself never redirects. */
static void
request_redirect (McApiRequest *req,
                  const char   *location)
{
  g_autoptr(McApiClient) self = g_object_ref (req->client);
  g_autoptr(GUri) target = NULL;
  g_autofree char *text = NULL;
  GError *error = NULL;
  McPool *pool = request_release (req);

  if (location != NULL)
    target = g_uri_parse_relative (req->uri, location, G_URI_FLAGS_ENCODED, NULL);
  if (target != NULL)
    text = g_uri_to_string (target);

  if (text == NULL || req->redirects >= MAX_REDIRECTS)
    error = g_error_new_literal (MC_API_ERROR, MC_API_ERROR_PROTOCOL,
                                 _("The download was redirected too often or to nowhere"));
  else
    mc_api_url_is_allowed (text, &error);

  if (error != NULL)
    {
      mc_api_request_return_error (req, error);
      pool_pump (self, pool);
      return;
    }

  if (!mc_api_same_origin (target, req->uri))
    req->with_auth = FALSE;

  req->redirects++;
  g_uri_unref (req->uri);
  req->uri = g_steal_pointer (&target);
  req->state = REQUEST_NEW;
  mc_api_request_submit (req);
  pool_pump (self, pool);
}

static void
request_got_response (McApiRequest *req)
{
  g_autoptr(McApiClient) self = g_object_ref (req->client);
  g_autoptr(GByteArray) buffer = g_steal_pointer (&req->buffer);
  SoupMessageHeaders *headers = soup_message_get_response_headers (req->msg);
  McMethodState *state = &self->methods[req->method];
  const char *data = (const char *) buffer->data;
  gsize length = buffer->len;
  gint64 until = 0;
  GError *error;
  McPool *pool;

  mc_api_client_note_rate_headers (self, req->method, headers, &until);

  /* A 5xx is the Market failing to answer; request_failed() says so. */
  if (req->status < 500)
    note_reachable (self, TRUE);

  if (SOUP_STATUS_IS_SUCCESSFUL (req->status))
    {
      g_autoptr(GTask) task = NULL;

      pool = request_release (req);

      /* The server says the next request would be refused: stop before it. */
      if (state->remaining == 0 && until > g_get_real_time ())
        mc_api_client_pause_method (self, req->method, until);

      /* Completing returns the task; keep it alive until it has. */
      task = g_object_ref (req->task);
      req->complete (req, data, length);
      pool_pump (self, pool);
      return;
    }

  if (SOUP_STATUS_IS_REDIRECTION (req->status) && req->method == MC_API_METHOD_DOWNLOAD)
    {
      request_redirect (req, soup_message_headers_get_one (headers, "Location"));
      return;
    }

  if (req->status == 420)
    {
      if (until <= g_get_real_time ())
        until = g_get_real_time () + DEFAULT_PAUSE_USEC;
      mc_api_client_pause_method (self, req->method, until);
    }
  else if (req->status >= 500 && req->status < 600 && state->window != NULL)
    {
      /* The Market does not count answers it failed to give. */
      mc_rate_window_remove_last (state->window);
    }

  error = error_from_status (req, data, length);
  request_failed (req, error);
}

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  McApiRequest *req = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes == NULL)
    {
      request_failed (req, request_transport_error (req, error));
      return;
    }

  if (g_bytes_get_size (bytes) == 0)
    {
      SoupMessageHeaders *headers = soup_message_get_response_headers (req->msg);

      /* libsoup takes a close before Content-Length for the end of the
       * body; a download cut short must not be saved as the file. */
      if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
          (goffset) req->buffer->len < soup_message_headers_get_content_length (headers))
        {
          request_failed (req, g_error_new_literal (MC_API_ERROR, MC_API_ERROR_NETWORK,
                                                    _("The connection to the Market broke off before the answer was complete")));
          return;
        }

      request_got_response (req);
      return;
    }

  if (req->buffer->len + g_bytes_get_size (bytes) > req->max_size)
    {
      g_autofree char *size = g_format_size (req->max_size);

      request_failed (req, g_error_new (MC_API_ERROR, MC_API_ERROR_TOO_LARGE,
                                        _("The answer is larger than %s"), size));
      return;
    }

  g_byte_array_append (req->buffer, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_input_stream_read_bytes_async (req->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   req->attempt, on_read, req);
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  McApiRequest *req = user_data;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;

  req->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (req->stream == NULL)
    {
      request_failed (req, request_transport_error (req, error));
      return;
    }

  req->status = soup_message_get_status (req->msg);
  headers = soup_message_get_response_headers (req->msg);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > (goffset) req->max_size &&
      SOUP_STATUS_IS_SUCCESSFUL (req->status))
    {
      g_autofree char *size = g_format_size (req->max_size);

      request_failed (req, g_error_new (MC_API_ERROR, MC_API_ERROR_TOO_LARGE,
                                        _("The answer is larger than %s"), size));
      return;
    }

  req->buffer = g_byte_array_new ();
  g_input_stream_read_bytes_async (req->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   req->attempt, on_read, req);
}

static guint
request_deadline (McApiClient  *self,
                  McApiRequest *req)
{
  if (req->method == MC_API_METHOD_SEND_FILE || req->method == MC_API_METHOD_DOWNLOAD)
    return self->deadline * 10;

  return self->deadline;
}

static gboolean
on_deadline (gpointer user_data)
{
  McApiRequest *req = user_data;

  g_debug ("%s gave up after %u s", mc_api_method_get_name (req->method),
           request_deadline (req->client, req));
  req->timed_out = TRUE;
  g_clear_pointer (&req->deadline_source, g_source_unref);
  g_cancellable_cancel (req->attempt);

  return G_SOURCE_REMOVE;
}

static void
request_start (McApiClient  *self,
               McPool       *pool,
               McApiRequest *req)
{
  McMethodState *state = &self->methods[req->method];
  SoupMessageHeaders *headers;

  req->state = REQUEST_SENDING;
  pool->in_flight++;
  state->request_count++;
  if (state->window != NULL)
    mc_rate_window_add (state->window, g_get_monotonic_time ());

  /* Only the method and the path: queries and headers stay out of logs. */
  g_debug ("%s %s %s", mc_api_method_get_name (req->method), req->http_method,
           g_uri_get_path (req->uri));

  req->msg = soup_message_new_from_uri (req->http_method, req->uri);
  headers = soup_message_get_request_headers (req->msg);

  /* Redirects are followed by hand, so the token never goes to another host. */
  soup_message_add_flags (req->msg, SOUP_MESSAGE_NO_REDIRECT);

  if (req->with_auth && self->auth_kind == MC_AUTH_KIND_OAUTH)
    {
      g_autofree char *value = g_strconcat ("Bearer ", self->token, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
      clear_secret (value);
    }
  else if (req->with_auth)
    {
      soup_message_headers_replace (headers, "Api-Key", self->token);
    }

  if (req->method != MC_API_METHOD_DOWNLOAD)
    soup_message_headers_replace (headers, "Accept", "application/json");

  if (req->body != NULL)
    soup_message_set_request_body_from_bytes (req->msg, req->content_type, req->body);

  /* libsoup's timeout is for a silent connection; a server that trickles
   * a byte now and then must not hold one of the business's slots. */
  req->timed_out = FALSE;
  req->attempt = g_cancellable_new ();
  req->attempt_handler = g_cancellable_connect (req->cancellable, G_CALLBACK (on_linked_cancelled),
                                                g_object_ref (req->attempt), g_object_unref);
  req->deadline_source = g_timeout_source_new_seconds (request_deadline (self, req));
  g_source_set_static_name (req->deadline_source, "[mc-api] deadline");
  g_source_set_callback (req->deadline_source, on_deadline, req, NULL);
  g_source_attach (req->deadline_source, g_task_get_context (req->task));

  soup_session_send_async (self->session, req->msg, G_PRIORITY_DEFAULT,
                           req->attempt, on_sent, req);
}

static void
pool_pump (McApiClient *self,
           McPool      *pool)
{
  while (pool->in_flight < MC_API_MAX_IN_FLIGHT && !g_queue_is_empty (&pool->waiting))
    {
      McApiRequest *req = g_queue_pop_head (&pool->waiting);

      req->state = REQUEST_NEW;

      if (g_cancellable_is_cancelled (req->cancellable))
        request_return_cancelled (req);
      else if (mc_api_client_method_is_paused (self, req->method) ||
               !mc_api_client_check_budget (self, req))
        mc_api_request_return_error (req, mc_api_client_paused_error (self, req->method, NULL));
      else
        request_start (self, pool, req);
    }
}
