/* mc-api-client.c: the Partner API over libsoup.
 *
 * Every call becomes an McRequest owned by its GTask.  A request waits in the
 * FIFO queue of its business (calls without a business share one pool) until
 * fewer than MC_API_MAX_IN_FLIGHT of that pool are running, is checked
 * against its method's pause and hourly budget, and is sent.  The answer is
 * read into memory with a size cap, the rate-limit headers are noted, and the
 * status decides the error; reads go back to the queue after a back-off when
 * the failure may be transient.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mc-api-client.h"
#include "mc-api-parse.h"
#include "mc-rate-window.h"
#include "mc-secure-memory.h"

#define HOUR_USEC          (G_USEC_PER_SEC * G_GINT64_CONSTANT (3600))
#define DEFAULT_PAUSE_USEC (G_USEC_PER_SEC * G_GINT64_CONSTANT (60))
#define DEFAULT_TIMEOUT    30
#define IDLE_TIMEOUT       30
#define MAX_RESPONSE_SIZE  (32 * 1024 * 1024)
#define READ_CHUNK         (64 * 1024)
#define MAX_CHAT_PAGES     10000
#define MAX_HISTORY_PAGES  1000
#define MAX_CAMPAIGN_PAGES 1000
#define CHATS_PAGE_LIMIT   20
#define HISTORY_PAGE_LIMIT 100
#define CAMPAIGNS_PAGE_LIMIT 100
#define NO_BUSINESS        0
#define MAX_REDIRECTS      5
/* A -Until further away than this is taken for a server's mistake. */
#define MAX_PAUSE_USEC     HOUR_USEC

typedef struct
{
  McRateWindow *window;
  gint64        paused_until; /* real time, usec */
  GSource      *resume_source;
  gint          remaining;
  gint          limit;
  gint64        limit_until;  /* real time, usec; 0 = unknown */
  guint64       request_count;
} McMethodState;

typedef struct
{
  gint64 business_id;
  guint  in_flight;
  GQueue waiting; /* McRequest* */
} McPool;

struct _McApiClient
{
  GObject        parent_instance;

  SoupSession   *session;
  GMainContext  *context;
  GCancellable  *cancellable;
  char          *base_url;
  McAuthKind     auth_kind;
  char          *token;
  double         backoff_scale;
  guint          max_retries;
  gboolean       unreachable;
  gint64         last_answer;
  guint          deadline;
  GHashTable    *pools; /* gint64* -> McPool* */
  McMethodState  methods[MC_API_N_METHODS];
};

G_DEFINE_FINAL_TYPE (McApiClient, mc_api_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  N_PROPS
};

enum {
  PAUSED_CHANGED,
  LIMITS_CHANGED,
  REACHABILITY_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef enum
{
  REQUEST_NEW,
  REQUEST_QUEUED,
  REQUEST_SENDING,
  REQUEST_BACKOFF,
  REQUEST_DONE,
} RequestState;

typedef struct _McRequest McRequest;

/* Turns a 2xx body into the task's value. */
typedef void (*RequestComplete) (McRequest  *req,
                                 const char *data,
                                 gsize       length);

struct _McRequest
{
  McApiClient     *client;          /* unowned: the task holds it */
  GTask           *task;            /* unowned: owns this request */
  McApiMethod      method;
  gint64           business_id;
  gint64           chat_id;
  const char      *http_method;
  GUri            *uri;
  GBytes          *body;
  char            *content_type;
  gboolean         retryable;
  guint            retries;
  guint            redirects;
  gboolean         with_auth;
  gsize            max_size;
  RequestComplete  complete;
  RequestState     state;

  GCancellable    *cancellable;     /* ours, cancelled by the caller's or the client's */
  GCancellable    *caller_cancellable;
  GCancellable    *client_cancellable;
  gulong           caller_handler;
  gulong           client_handler;
  GSource         *cancel_source;
  GSource         *backoff_source;
  GCancellable    *attempt;         /* this attempt's, cancelled by ours or the deadline */
  gulong           attempt_handler;
  GSource         *deadline_source;
  gboolean         timed_out;

  SoupMessage     *msg;
  GInputStream    *stream;
  GByteArray      *buffer;
  guint            status;
};

static void request_submit (McRequest *req);
static void pool_pump      (McApiClient *self,
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

guint
mc_api_method_get_hourly_budget (McApiMethod method)
{
  switch (method)
    {
    case MC_API_METHOD_GET_CAMPAIGNS:    return 1000;
    case MC_API_METHOD_AUTH_TOKEN:       return 100;
    case MC_API_METHOD_GET_CHATS:        return 5000;
    case MC_API_METHOD_GET_CHAT:         return 1000;
    case MC_API_METHOD_GET_CHAT_HISTORY: return 10000;
    case MC_API_METHOD_GET_CHAT_MESSAGE: return 1000;
    case MC_API_METHOD_SEND_MESSAGE:     return 1000;
    case MC_API_METHOD_SEND_FILE:        return 1000;
    case MC_API_METHOD_CREATE_CHAT:      return 1000;
    case MC_API_METHOD_DOWNLOAD:
    case MC_API_N_METHODS:
    default:
      return 0;
    }
}

const char *
mc_api_method_get_name (McApiMethod method)
{
  switch (method)
    {
    case MC_API_METHOD_GET_CAMPAIGNS:    return "getCampaigns";
    case MC_API_METHOD_AUTH_TOKEN:       return "getAuthTokenInfo";
    case MC_API_METHOD_GET_CHATS:        return "getChats";
    case MC_API_METHOD_GET_CHAT:         return "getChat";
    case MC_API_METHOD_GET_CHAT_HISTORY: return "getChatHistory";
    case MC_API_METHOD_GET_CHAT_MESSAGE: return "getChatMessage";
    case MC_API_METHOD_SEND_MESSAGE:     return "sendMessageToChat";
    case MC_API_METHOD_SEND_FILE:        return "sendFileToChat";
    case MC_API_METHOD_CREATE_CHAT:      return "createChat";
    case MC_API_METHOD_DOWNLOAD:         return "download";
    case MC_API_N_METHODS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
mc_api_method_get_display_name (McApiMethod method)
{
  switch (method)
    {
    case MC_API_METHOD_GET_CAMPAIGNS:    return _("reading stores");
    case MC_API_METHOD_AUTH_TOKEN:       return _("checking the token");
    case MC_API_METHOD_GET_CHATS:        return _("reading chats");
    case MC_API_METHOD_GET_CHAT:         return _("reading a chat");
    case MC_API_METHOD_GET_CHAT_HISTORY: return _("reading messages");
    case MC_API_METHOD_GET_CHAT_MESSAGE: return _("reading a message");
    case MC_API_METHOD_SEND_MESSAGE:     return _("sending messages");
    case MC_API_METHOD_SEND_FILE:        return _("sending files");
    case MC_API_METHOD_CREATE_CHAT:      return _("starting chats");
    case MC_API_METHOD_DOWNLOAD:         return _("downloading files");
    case MC_API_N_METHODS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

gboolean
mc_api_url_is_allowed (const char  *url,
                       GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
                           _("No address given"));
      return FALSE;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (host == NULL || *host == '\0')
    {
      g_set_error (error, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
                   _("“%s” is not a web address"), url);
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (host))
    return TRUE;

  g_set_error (error, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
               _("“%s” is not allowed: only https addresses, or http on this computer"),
               url);

  return FALSE;
}

void
mc_chat_page_free (McChatPage *page)
{
  if (page == NULL)
    return;

  g_clear_pointer (&page->chats, g_ptr_array_unref);
  g_clear_pointer (&page->next_page_token, g_free);
  g_clear_pointer (&page->rejected, g_ptr_array_unref);
  g_free (page);
}

void
mc_history_page_free (McHistoryPage *page)
{
  if (page == NULL)
    return;

  g_clear_object (&page->context);
  g_clear_pointer (&page->messages, g_ptr_array_unref);
  g_clear_pointer (&page->next_page_token, g_free);
  g_clear_pointer (&page->rejected, g_ptr_array_unref);
  g_free (page);
}

void
mc_token_info_free (McTokenInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->name);
  g_strfreev (info->scopes);
  g_free (info);
}

gboolean
mc_token_info_can_send (McTokenInfo *info)
{
  g_return_val_if_fail (info != NULL, FALSE);

  return info->scopes != NULL &&
         (g_strv_contains ((const char * const *) info->scopes, "ALL_METHODS") ||
          g_strv_contains ((const char * const *) info->scopes, "COMMUNICATION"));
}

gboolean
mc_token_info_can_read (McTokenInfo *info)
{
  g_return_val_if_fail (info != NULL, FALSE);

  return mc_token_info_can_send (info) ||
         (info->scopes != NULL &&
          g_strv_contains ((const char * const *) info->scopes, "ALL_METHODS_READ_ONLY"));
}

/* Pools and pauses */

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

static void
pool_free (gpointer data)
{
  McPool *pool = data;

  g_warn_if_fail (g_queue_is_empty (&pool->waiting));
  g_queue_clear (&pool->waiting);
  g_free (pool);
}

static gboolean
method_is_paused (McApiClient *self,
                  McApiMethod  method)
{
  return self->methods[method].paused_until > g_get_real_time ();
}

static char *
format_clock (gint64 real_usec)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (real_usec / G_USEC_PER_SEC);

  if (local == NULL)
    return g_strdup ("--:--");

  return g_date_time_format (local, "%H:%M");
}

static GError *
paused_error (McApiClient *self,
              McApiMethod  method,
              const char  *api_message)
{
  g_autofree char *clock = format_clock (self->methods[method].paused_until);

  if (api_message != NULL)
    return g_error_new (MC_API_ERROR, MC_API_ERROR_RATE_LIMITED,
                        /* Translators: the first %s is the Market's own error, the second a time such as 14:05 */
                        _("%s (paused until %s)"), api_message, clock);

  return g_error_new (MC_API_ERROR, MC_API_ERROR_RATE_LIMITED,
                      /* Translators: the first %s is e.g. "reading chats", the second a time such as 14:05 */
                      _("The Market’s hourly limit for %s is used up; paused until %s"),
                      mc_api_method_get_display_name (method), clock);
}

static void request_return_error (McRequest *req,
                                  GError    *error);

static gboolean
on_resume (gpointer user_data)
{
  McApiClient *self = user_data;
  gint64 now = g_get_real_time ();
  gboolean resumed = FALSE;

  for (guint i = 0; i < MC_API_N_METHODS; i++)
    {
      McMethodState *state = &self->methods[i];

      if (state->resume_source == NULL || state->paused_until > now)
        continue;

      g_debug ("%s resumes", mc_api_method_get_name (i));
      state->paused_until = 0;
      g_source_destroy (state->resume_source);
      g_clear_pointer (&state->resume_source, g_source_unref);
      resumed = TRUE;
    }

  if (resumed)
    g_signal_emit (self, signals[PAUSED_CHANGED], 0);

  return G_SOURCE_REMOVE;
}

/* Fails every queued request of @method at once: a UI must not sit behind a
 * pause that may last an hour. */
static void
pause_method (McApiClient *self,
              McApiMethod  method,
              gint64       until)
{
  McMethodState *state = &self->methods[method];
  g_autoptr(GPtrArray) failed = g_ptr_array_new ();
  GHashTableIter iter;
  McPool *pool;
  gint64 delay_ms;

  if (state->paused_until >= until)
    return;

  state->paused_until = until;
  g_debug ("%s paused for %" G_GINT64_FORMAT " s", mc_api_method_get_name (method),
           (until - g_get_real_time ()) / G_USEC_PER_SEC);

  if (state->resume_source != NULL)
    {
      g_source_destroy (state->resume_source);
      g_clear_pointer (&state->resume_source, g_source_unref);
    }

  delay_ms = MAX (0, (until - g_get_real_time ()) / 1000) + 1;
  state->resume_source = g_timeout_source_new ((guint) MIN (delay_ms, G_MAXUINT));
  g_source_set_static_name (state->resume_source, "[mc-api] resume");
  g_source_set_callback (state->resume_source, on_resume, self, NULL);
  g_source_attach (state->resume_source, self->context);

  g_hash_table_iter_init (&iter, self->pools);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &pool))
    {
      for (GList *l = pool->waiting.head; l != NULL;)
        {
          GList *next = l->next;
          McRequest *req = l->data;

          if (req->method == method)
            {
              g_queue_delete_link (&pool->waiting, l);
              req->state = REQUEST_NEW;
              g_ptr_array_add (failed, req);
            }

          l = next;
        }
    }

  g_signal_emit (self, signals[PAUSED_CHANGED], 0);

  for (guint i = 0; i < failed->len; i++)
    request_return_error (g_ptr_array_index (failed, i), paused_error (self, method, NULL));
}

/* Requests */

static void
request_free (gpointer data)
{
  McRequest *req = data;

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
static McRequest *
request_new (McApiClient         *self,
             McApiMethod          method,
             gint64               business_id,
             const char          *http_method,
             GUri                *uri,
             RequestComplete      complete,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  McRequest *req = g_new0 (McRequest, 1);

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
  /* We answer a cancellation with MC_API_ERROR_CANCELLED ourselves. */
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

static GUri *
build_uri (McApiClient *self,
           const char  *path,
           const char  *query)
{
  g_autofree char *text = g_strconcat (self->base_url, path,
                                       query != NULL && *query != '\0' ? "?" : "",
                                       query != NULL ? query : "",
                                       NULL);

  return g_uri_parse (text, G_URI_FLAGS_ENCODED, NULL);
}

static void
request_set_body (McRequest  *req,
                  const char *content_type,
                  GBytes     *body)
{
  g_clear_pointer (&req->body, g_bytes_unref);
  g_free (req->content_type);
  req->body = body;
  req->content_type = g_strdup (content_type);
}

static void
request_set_json_body (McRequest   *req,
                       JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize length = 0;
  char *text;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  request_set_body (req, "application/json", g_bytes_new_take (text, length));
}

/* Detaches the request from the machinery before its task returns. */
static GTask *
request_finish (McRequest *req)
{
  req->state = REQUEST_DONE;

  if (req->cancel_source != NULL)
    g_source_destroy (req->cancel_source);
  if (req->backoff_source != NULL)
    g_source_destroy (req->backoff_source);

  return req->task;
}

static void
request_return_error (McRequest *req,
                      GError    *error)
{
  g_autoptr(GTask) task = request_finish (req);

  g_task_return_error (task, error);
}

static void
request_return_cancelled (McRequest *req)
{
  request_return_error (req, g_error_new_literal (MC_API_ERROR, MC_API_ERROR_CANCELLED,
                                                  _("Cancelled")));
}

static gboolean
on_request_cancelled (GCancellable *cancellable,
                      gpointer      user_data)
{
  McRequest *req = user_data;

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

static void
request_submit (McRequest *req)
{
  McApiClient *self = req->client;
  McPool *pool;

  if (g_cancellable_is_cancelled (req->cancellable))
    {
      request_return_cancelled (req);
      return;
    }

  if (method_is_paused (self, req->method))
    {
      request_return_error (req, paused_error (self, req->method, NULL));
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
request_transport_error (McRequest    *req,
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
    return g_error_new_literal (MC_API_ERROR, MC_API_ERROR_CANCELLED, _("Cancelled"));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (MC_API_ERROR, MC_API_ERROR_TIMEOUT,
                        _("The Market did not answer in time: %s"), error->message);

  if (error->domain == MC_API_ERROR)
    return g_error_copy (error);

  return g_error_new (MC_API_ERROR, MC_API_ERROR_NETWORK,
                      _("Could not reach the Market: %s"), error->message);
}

static GError *
error_from_status (McRequest  *req,
                   const char *data,
                   gsize       length)
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
    case 420: return paused_error (req->client, req->method, message);
    default:
      code = status >= 500 && status < 600 ? MC_API_ERROR_SERVER : MC_API_ERROR_PROTOCOL;
      break;
    }

  return g_error_new_literal (MC_API_ERROR, code, message);
}

static gboolean
on_backoff_done (gpointer user_data)
{
  McRequest *req = user_data;

  g_clear_pointer (&req->backoff_source, g_source_unref);
  req->state = REQUEST_NEW;
  request_submit (req);

  return G_SOURCE_REMOVE;
}

static gboolean
request_maybe_retry (McRequest    *req,
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
request_release (McRequest *req)
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
      g_signal_emit (self, signals[REACHABILITY_CHANGED], 0);
    }
}

static void
request_failed (McRequest *req,
                GError    *error)
{
  g_autoptr(McApiClient) self = g_object_ref (req->client);
  McPool *pool = request_release (req);

  if (g_error_matches (error, MC_API_ERROR, MC_API_ERROR_NETWORK) ||
      g_error_matches (error, MC_API_ERROR, MC_API_ERROR_TIMEOUT) ||
      g_error_matches (error, MC_API_ERROR, MC_API_ERROR_SERVER))
    note_reachable (self, FALSE);

  if (!request_maybe_retry (req, error))
    request_return_error (req, g_steal_pointer (&error));
  g_clear_error (&error);

  pool_pump (self, pool);
}

static void
note_rate_headers (McApiClient        *self,
                   McApiMethod         method,
                   SoupMessageHeaders *headers,
                   gint64             *out_until)
{
  McMethodState *state = &self->methods[method];
  const char *remaining = soup_message_headers_get_one (headers, "X-RateLimit-Resource-Remaining");
  const char *limit = soup_message_headers_get_one (headers, "X-RateLimit-Resource-Limit");
  const char *until = soup_message_headers_get_one (headers, "X-RateLimit-Resource-Until");
  guint64 value;

  *out_until = 0;

  if (until != NULL)
    {
      g_autoptr(GDateTime) date = mc_api_parse_http_date (until);
      gint64 now = g_get_real_time ();

      if (date == NULL)
        g_message ("%s: could not read X-RateLimit-Resource-Until “%s”",
                   mc_api_method_get_name (method), until);
      else if (g_date_time_to_unix (date) > (now + MAX_PAUSE_USEC) / G_USEC_PER_SEC)
        {
          /* A year 9999 must not stop the app for good: the hour is the
           * longest window the Market counts in. */
          g_message ("%s: the Market named %s as the end of its limit, more than an hour away; "
                     "taking an hour instead", mc_api_method_get_name (method), until);
          *out_until = now + MAX_PAUSE_USEC;
        }
      else
        *out_until = g_date_time_to_unix (date) * G_USEC_PER_SEC;

      if (*out_until != 0)
        state->limit_until = *out_until;
    }

  if (limit != NULL && g_ascii_string_to_unsigned (limit, 10, 0, G_MAXINT, &value, NULL))
    state->limit = (gint) value;

  if (remaining != NULL &&
      g_ascii_string_to_unsigned (remaining, 10, 0, G_MAXINT, &value, NULL) &&
      state->remaining != (gint) value)
    {
      state->remaining = (gint) value;
      g_signal_emit (self, signals[LIMITS_CHANGED], 0);
    }
}

static int
uri_get_effective_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port > 0)
    return port;

  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

/* "https://host" and "https://host:443" are one origin; anything else that
 * differs in scheme, host or port is another party. */
static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         uri_get_effective_port (a) == uri_get_effective_port (b);
}

/* Attachments may live behind a redirect; the API itself never redirects. */
static void
request_redirect (McRequest  *req,
                  const char *location)
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
      request_return_error (req, error);
      pool_pump (self, pool);
      return;
    }

  if (!same_origin (target, req->uri))
    req->with_auth = FALSE;

  req->redirects++;
  g_uri_unref (req->uri);
  req->uri = g_steal_pointer (&target);
  req->state = REQUEST_NEW;
  request_submit (req);
  pool_pump (self, pool);
}

static void
request_got_response (McRequest *req)
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

  note_rate_headers (self, req->method, headers, &until);

  /* A 5xx is the Market failing to answer; request_failed() says so. */
  if (req->status < 500)
    note_reachable (self, TRUE);

  if (SOUP_STATUS_IS_SUCCESSFUL (req->status))
    {
      g_autoptr(GTask) task = NULL;

      pool = request_release (req);

      /* The server says the next request would be refused: stop before it. */
      if (state->remaining == 0 && until > g_get_real_time ())
        pause_method (self, req->method, until);

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
      pause_method (self, req->method, until);
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
  McRequest *req = user_data;
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
  McRequest *req = user_data;
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
request_deadline (McApiClient *self,
                  McRequest   *req)
{
  if (req->method == MC_API_METHOD_SEND_FILE || req->method == MC_API_METHOD_DOWNLOAD)
    return self->deadline * 10;

  return self->deadline;
}

static gboolean
on_deadline (gpointer user_data)
{
  McRequest *req = user_data;

  g_debug ("%s gave up after %u s", mc_api_method_get_name (req->method),
           request_deadline (req->client, req));
  req->timed_out = TRUE;
  g_clear_pointer (&req->deadline_source, g_source_unref);
  g_cancellable_cancel (req->attempt);

  return G_SOURCE_REMOVE;
}

static void
request_start (McApiClient *self,
               McPool      *pool,
               McRequest   *req)
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

static gboolean
request_check_budget (McApiClient *self,
                      McRequest   *req)
{
  McMethodState *state = &self->methods[req->method];
  guint budget = mc_api_method_get_hourly_budget (req->method);
  gint64 now = g_get_monotonic_time ();
  gint64 next_free;

  if (state->window == NULL || mc_rate_window_count (state->window, now) < budget)
    return TRUE;

  next_free = mc_rate_window_next_free (state->window, now);
  pause_method (self, req->method, g_get_real_time () + MAX (next_free - now, G_USEC_PER_SEC));

  return FALSE;
}

static void
pool_pump (McApiClient *self,
           McPool      *pool)
{
  while (pool->in_flight < MC_API_MAX_IN_FLIGHT && !g_queue_is_empty (&pool->waiting))
    {
      McRequest *req = g_queue_pop_head (&pool->waiting);

      req->state = REQUEST_NEW;

      if (g_cancellable_is_cancelled (req->cancellable))
        request_return_cancelled (req);
      else if (method_is_paused (self, req->method) || !request_check_budget (self, req))
        request_return_error (req, paused_error (self, req->method, NULL));
      else
        request_start (self, pool, req);
    }
}

static gboolean
check_ids (GTask  *task,
           gint64  business_id,
           gint64  chat_id)
{
  if (business_id >= 1 && chat_id >= 1)
    return TRUE;

  g_task_return_new_error (task, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
                           _("Invalid business or chat id"));
  return FALSE;
}

static gboolean
report_invalid_ids (McApiClient         *self,
                    gint64               business_id,
                    gint64               chat_id,
                    gpointer             source_tag,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  if (business_id >= 1 && chat_id >= 1)
    return FALSE;

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  check_ids (task, business_id, chat_id);

  return TRUE;
}

static char *
business_path (gint64      business_id,
               const char *tail)
{
  return g_strdup_printf ("/v2/businesses/%" G_GINT64_FORMAT "%s", business_id, tail);
}

static void
append_paging (GString    *query,
               const char *page_token,
               guint       limit)
{
  if (page_token != NULL && *page_token != '\0')
    {
      g_autofree char *escaped = g_uri_escape_string (page_token, NULL, FALSE);

      g_string_append_printf (query, "%spage_token=%s", query->len > 0 ? "&" : "", escaped);
    }

  if (limit > 0)
    g_string_append_printf (query, "%slimit=%u", query->len > 0 ? "&" : "", limit);
}

/* GObject */

static void
mc_api_client_dispose (GObject *object)
{
  McApiClient *self = MC_API_CLIENT (object);

  g_cancellable_cancel (self->cancellable);

  for (guint i = 0; i < MC_API_N_METHODS; i++)
    {
      if (self->methods[i].resume_source != NULL)
        g_source_destroy (self->methods[i].resume_source);
      g_clear_pointer (&self->methods[i].resume_source, g_source_unref);
    }

  G_OBJECT_CLASS (mc_api_client_parent_class)->dispose (object);
}

static void
mc_api_client_finalize (GObject *object)
{
  McApiClient *self = MC_API_CLIENT (object);

  g_clear_pointer (&self->token, mc_secure_free);

  for (guint i = 0; i < MC_API_N_METHODS; i++)
    g_clear_pointer (&self->methods[i].window, mc_rate_window_free);

  g_clear_pointer (&self->pools, g_hash_table_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->base_url, g_free);

  G_OBJECT_CLASS (mc_api_client_parent_class)->finalize (object);
}

static void
mc_api_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  McApiClient *self = MC_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_api_client_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  McApiClient *self = MC_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      {
        const char *url = g_value_get_string (value);
        gsize length = url != NULL ? strlen (url) : 0;

        /* Paths start with a slash, so a trailing one would double it. */
        while (length > 0 && url[length - 1] == '/')
          length--;

        g_free (self->base_url);
        self->base_url = url != NULL ? g_strndup (url, length) : g_strdup (MC_API_DEFAULT_URL);
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_api_client_class_init (McApiClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mc_api_client_dispose;
  object_class->finalize = mc_api_client_finalize;
  object_class->get_property = mc_api_client_get_property;
  object_class->set_property = mc_api_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         MC_API_DEFAULT_URL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PAUSED_CHANGED] =
    g_signal_new ("paused-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  signals[REACHABILITY_CHANGED] =
    g_signal_new ("reachability-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  signals[LIMITS_CHANGED] =
    g_signal_new ("limits-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
mc_api_client_init (McApiClient *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->cancellable = g_cancellable_new ();
  self->backoff_scale = 1.0;
  self->max_retries = MC_API_CLIENT_DEFAULT_RETRIES;
  self->deadline = MC_API_CLIENT_DEFAULT_DEADLINE;
  self->pools = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, pool_free);

  /* Our own queue keeps four per business; libsoup must not cut below that
   * when several businesses share the one host. */
  self->session = soup_session_new_with_options ("max-conns", 64,
                                                 "max-conns-per-host", 32,
                                                 "timeout", DEFAULT_TIMEOUT,
                                                 "idle-timeout", IDLE_TIMEOUT,
                                                 "user-agent", "MarketChats/" VERSION " (" BASE_ID ")",
                                                 NULL);

  for (guint i = 0; i < MC_API_N_METHODS; i++)
    {
      self->methods[i].remaining = -1;
      self->methods[i].limit = -1;
      if (mc_api_method_get_hourly_budget (i) > 0)
        self->methods[i].window = mc_rate_window_new (HOUR_USEC);
    }
}

McApiClient *
mc_api_client_new (const char  *base_url,
                   McAuthKind   kind,
                   const char  *token,
                   GError     **error)
{
  McApiClient *self;

  g_return_val_if_fail (kind == MC_AUTH_KIND_API_KEY || kind == MC_AUTH_KIND_OAUTH, NULL);

  if (base_url == NULL)
    base_url = MC_API_DEFAULT_URL;

  if (!mc_api_url_is_allowed (base_url, error))
    return NULL;

  if (token == NULL || *token == '\0')
    {
      g_set_error_literal (error, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
                           _("No token given"));
      return NULL;
    }

  for (const char *p = token; *p != '\0'; p++)
    {
      if (g_ascii_iscntrl (*p) || *p == ' ')
        {
          g_set_error_literal (error, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
                               _("The token contains spaces or control characters"));
          return NULL;
        }
    }

  self = g_object_new (MC_TYPE_API_CLIENT, "base-url", base_url, NULL);
  self->auth_kind = kind;
  /* Locked and wiped for the life of the client: never swapped to disk
   * nor left behind in freed memory. */
  self->token = mc_secure_strdup (token);

  return self;
}

const char *
mc_api_client_get_base_url (McApiClient *self)
{
  g_return_val_if_fail (MC_IS_API_CLIENT (self), NULL);

  return self->base_url;
}

void
mc_api_client_set_timeout (McApiClient *self,
                           guint        seconds)
{
  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (seconds > 0);

  soup_session_set_timeout (self->session, seconds);
}

void
mc_api_client_set_backoff_scale (McApiClient *self,
                                 double       scale)
{
  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (scale >= 0.0);

  self->backoff_scale = scale;
}

void
mc_api_client_set_deadline (McApiClient *self,
                            guint        seconds)
{
  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (seconds > 0);

  self->deadline = seconds;
}

void
mc_api_client_set_max_retries (McApiClient *self,
                               guint        max_retries)
{
  g_return_if_fail (MC_IS_API_CLIENT (self));

  self->max_retries = max_retries;
}

gboolean
mc_api_client_get_reachable (McApiClient *self)
{
  g_return_val_if_fail (MC_IS_API_CLIENT (self), FALSE);

  return !self->unreachable;
}

gint64
mc_api_client_get_last_answer (McApiClient *self)
{
  g_return_val_if_fail (MC_IS_API_CLIENT (self), 0);

  return self->last_answer;
}

gint64
mc_api_client_get_paused_until (McApiClient *self,
                                McApiMethod  method)
{
  g_return_val_if_fail (MC_IS_API_CLIENT (self), 0);
  g_return_val_if_fail (method < MC_API_N_METHODS, 0);

  return method_is_paused (self, method) ? self->methods[method].paused_until : 0;
}

guint
mc_api_client_get_used_in_hour (McApiClient *self,
                                McApiMethod  method)
{
  g_return_val_if_fail (MC_IS_API_CLIENT (self), 0);
  g_return_val_if_fail (method < MC_API_N_METHODS, 0);

  if (self->methods[method].window == NULL)
    return 0;

  return mc_rate_window_count (self->methods[method].window, g_get_monotonic_time ());
}

gint
mc_api_client_get_remaining (McApiClient *self,
                             McApiMethod  method)
{
  g_return_val_if_fail (MC_IS_API_CLIENT (self), -1);
  g_return_val_if_fail (method < MC_API_N_METHODS, -1);

  return self->methods[method].remaining;
}

gint
mc_api_client_get_limit (McApiClient *self,
                         McApiMethod  method)
{
  g_return_val_if_fail (MC_IS_API_CLIENT (self), -1);
  g_return_val_if_fail (method < MC_API_N_METHODS, -1);

  return self->methods[method].limit;
}

gint64
mc_api_client_get_limit_until (McApiClient *self,
                               McApiMethod  method)
{
  g_return_val_if_fail (MC_IS_API_CLIENT (self), 0);
  g_return_val_if_fail (method < MC_API_N_METHODS, 0);

  return self->methods[method].limit_until;
}

guint64
mc_api_client_get_request_count (McApiClient *self,
                                 McApiMethod  method)
{
  g_return_val_if_fail (MC_IS_API_CLIENT (self), 0);
  g_return_val_if_fail (method < MC_API_N_METHODS, 0);

  return self->methods[method].request_count;
}

/* Every _finish() of this class is one of these two. */
static gpointer
finish_pointer (McApiClient   *self,
                GAsyncResult  *result,
                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
finish_boolean (McApiClient   *self,
                GAsyncResult  *result,
                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* getCampaigns: every page, one request per page */

typedef struct
{
  GPtrArray *campaigns;
  char      *next_page_token;
} CampaignPage;

static void
campaign_page_free (gpointer data)
{
  CampaignPage *page = data;

  g_clear_pointer (&page->campaigns, g_ptr_array_unref);
  g_free (page->next_page_token);
  g_free (page);
}

static void
complete_campaigns (McRequest  *req,
                    const char *data,
                    gsize       length)
{
  g_autoptr(GTask) task = request_finish (req);
  g_autoptr(GPtrArray) rejected = g_ptr_array_new_with_free_func (g_free);
  CampaignPage *page = g_new0 (CampaignPage, 1);
  GError *error = NULL;

  if (!mc_api_parse_campaigns (data, length, &page->campaigns, &page->next_page_token,
                               rejected, &error))
    {
      campaign_page_free (page);
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < rejected->len; i++)
    g_debug ("getCampaigns skipped %s", (char *) g_ptr_array_index (rejected, i));

  g_task_return_pointer (task, page, campaign_page_free);
}

static void
get_campaigns_page_async (McApiClient         *self,
                          const char          *page_token,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GString) query = g_string_new (NULL);
  McRequest *req;

  append_paging (query, page_token, CAMPAIGNS_PAGE_LIMIT);
  req = request_new (self, MC_API_METHOD_GET_CAMPAIGNS, NO_BUSINESS, "GET",
                     build_uri (self, "/v2/campaigns", query->str),
                     complete_campaigns, get_campaigns_page_async,
                     cancellable, callback, user_data);
  request_submit (req);
}

typedef struct
{
  GPtrArray  *items;
  GHashTable *seen_ids;    /* gint64* */
  GHashTable *seen_tokens; /* char* */
  guint       pages;
  /* chats and history */
  gint64      business_id;
  gint64      chat_id;
  gint64      message_id_from;
  GBytes     *body;
  McChatContext *context;
  GPtrArray  *rejected;
} Walk;

static void
walk_free (gpointer data)
{
  Walk *walk = data;

  g_clear_pointer (&walk->items, g_ptr_array_unref);
  g_clear_pointer (&walk->seen_ids, g_hash_table_unref);
  g_clear_pointer (&walk->seen_tokens, g_hash_table_unref);
  g_clear_pointer (&walk->body, g_bytes_unref);
  g_clear_pointer (&walk->rejected, g_ptr_array_unref);
  g_clear_object (&walk->context);
  g_free (walk);
}

static Walk *
walk_new (void)
{
  Walk *walk = g_new0 (Walk, 1);

  walk->items = g_ptr_array_new_with_free_func (g_object_unref);
  walk->seen_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  walk->seen_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  walk->rejected = g_ptr_array_new_with_free_func (g_free);

  return walk;
}

static void
walk_add (Walk     *walk,
          gint64    id,
          gpointer  item)
{
  if (g_hash_table_contains (walk->seen_ids, &id))
    return;

  g_hash_table_add (walk->seen_ids, g_memdup2 (&id, sizeof id));
  g_ptr_array_add (walk->items, g_object_ref (item));
}

/* TRUE when the walk must go on to @next_token. */
static gboolean
walk_continue (Walk       *walk,
               const char *next_token,
               guint       page_items,
               guint       max_pages)
{
  walk->pages++;

  if (next_token == NULL || *next_token == '\0' || page_items == 0)
    return FALSE;

  if (g_hash_table_contains (walk->seen_tokens, next_token))
    {
      g_debug ("The server repeated a page token after %u pages", walk->pages);
      return FALSE;
    }

  if (walk->pages >= max_pages)
    {
      g_debug ("Stopped after %u pages", walk->pages);
      return FALSE;
    }

  g_hash_table_add (walk->seen_tokens, g_strdup (next_token));

  return TRUE;
}

/* A walk returns what its pages returned: each page's request carries
 * the cancellable and fails as cancelled by itself. */
static GTask *
walk_task_new (McApiClient         *self,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, walk_new (), walk_free);

  return task;
}

static void
on_campaigns_page (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  McApiClient *self = MC_API_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  Walk *walk = g_task_get_task_data (task);
  CampaignPage *page;
  GError *error = NULL;

  page = g_task_propagate_pointer (G_TASK (result), &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < page->campaigns->len; i++)
    {
      McCampaign *campaign = g_ptr_array_index (page->campaigns, i);

      walk_add (walk, mc_campaign_get_id (campaign), campaign);
    }

  if (walk_continue (walk, page->next_page_token, page->campaigns->len, MAX_CAMPAIGN_PAGES))
    {
      get_campaigns_page_async (self, page->next_page_token, g_task_get_cancellable (task),
                                on_campaigns_page, g_object_ref (task));
    }
  else
    {
      g_task_return_pointer (task, g_ptr_array_ref (walk->items),
                             (GDestroyNotify) g_ptr_array_unref);
    }

  campaign_page_free (page);
}

void
mc_api_client_get_campaigns_async (McApiClient         *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = walk_task_new (self, mc_api_client_get_campaigns_async, cancellable, callback, user_data);

  get_campaigns_page_async (self, NULL, cancellable, on_campaigns_page, g_object_ref (task));
}

GPtrArray *
mc_api_client_get_campaigns_finish (McApiClient   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return finish_pointer (self, result, error);
}

/* POST /v2/auth/token */

static void
complete_token (McRequest  *req,
                const char *data,
                gsize       length)
{
  g_autoptr(GTask) task = request_finish (req);
  g_autoptr(McTokenInfo) info = g_new0 (McTokenInfo, 1);
  GError *error = NULL;

  if (!mc_api_parse_token_info (data, length, &info->name, &info->scopes, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&info), (GDestroyNotify) mc_token_info_free);
}

void
mc_api_client_check_token_async (McApiClient         *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  McRequest *req;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  req = request_new (self, MC_API_METHOD_AUTH_TOKEN, NO_BUSINESS, "POST",
                     build_uri (self, "/v2/auth/token", NULL),
                     complete_token, mc_api_client_check_token_async,
                     cancellable, callback, user_data);
  /* A POST only by the spec's choice: it reads and changes nothing. */
  req->retryable = TRUE;
  request_submit (req);
}

McTokenInfo *
mc_api_client_check_token_finish (McApiClient   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_pointer (self, result, error);
}

/* getChats */

static void
add_unique_string (GPtrArray  *strings,
                   const char *value)
{
  if (value == NULL)
    return;

  for (guint i = 0; i < strings->len; i++)
    if (g_str_equal (g_ptr_array_index (strings, i), value))
      return;

  g_ptr_array_add (strings, (gpointer) value);
}

/* The spec wants each filter absent or with at least one unique item. */
static void
add_string_array (JsonBuilder *builder,
                  const char  *name,
                  GPtrArray   *strings)
{
  if (strings->len == 0)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

static JsonBuilder *
build_chats_body (const McChatFilter *filter)
{
  JsonBuilder *builder = json_builder_new ();
  g_autoptr(GPtrArray) statuses = g_ptr_array_new ();
  g_autoptr(GPtrArray) types = g_ptr_array_new ();
  g_autoptr(GPtrArray) context_types = g_ptr_array_new ();

  if (filter != NULL)
    {
      for (guint i = 0; i < filter->n_statuses; i++)
        add_unique_string (statuses, mc_chat_status_to_string (filter->statuses[i]));
      for (guint i = 0; i < filter->n_types; i++)
        add_unique_string (types, mc_chat_type_to_string (filter->types[i]));
      for (guint i = 0; i < filter->n_context_types; i++)
        add_unique_string (context_types, mc_context_type_to_string (filter->context_types[i]));
    }

  json_builder_begin_object (builder);
  add_string_array (builder, "statuses", statuses);
  add_string_array (builder, "types", types);
  add_string_array (builder, "contextTypes", context_types);
  json_builder_end_object (builder);

  return builder;
}

static void
complete_chats (McRequest  *req,
                const char *data,
                gsize       length)
{
  g_autoptr(GTask) task = request_finish (req);
  g_autoptr(McChatPage) page = g_new0 (McChatPage, 1);
  GError *error = NULL;

  page->rejected = g_ptr_array_new_with_free_func (g_free);

  if (!mc_api_parse_chats (data, length, req->business_id, &page->chats,
                           &page->next_page_token, page->rejected, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&page), (GDestroyNotify) mc_chat_page_free);
}

static void
get_chats_with_body_async (McApiClient         *self,
                           gint64               business_id,
                           GBytes              *body,
                           const char          *page_token,
                           guint                limit,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autofree char *path = business_path (business_id, "/chats");
  McRequest *req;

  append_paging (query, page_token, limit);
  req = request_new (self, MC_API_METHOD_GET_CHATS, business_id, "POST",
                     build_uri (self, path, query->str),
                     complete_chats, mc_api_client_get_chats_async,
                     cancellable, callback, user_data);
  /* A POST only to carry the filter: reading it twice does no harm. */
  req->retryable = TRUE;
  request_set_body (req, "application/json", g_bytes_ref (body));
  request_submit (req);
}

static GBytes *
chats_body_bytes (const McChatFilter *filter)
{
  g_autoptr(JsonBuilder) builder = build_chats_body (filter);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize length = 0;
  char *text;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);

  return g_bytes_new_take (text, length);
}

void
mc_api_client_get_chats_async (McApiClient         *self,
                               gint64               business_id,
                               const McChatFilter  *filter,
                               const char          *page_token,
                               guint                limit,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (report_invalid_ids (self, business_id, 1, mc_api_client_get_chats_async, callback, user_data))
    return;

  body = chats_body_bytes (filter);
  get_chats_with_body_async (self, business_id, body, page_token, limit,
                             cancellable, callback, user_data);
}

McChatPage *
mc_api_client_get_chats_finish (McApiClient   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return finish_pointer (self, result, error);
}

static void
on_chats_page (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  McApiClient *self = MC_API_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(McChatPage) page = NULL;
  Walk *walk = g_task_get_task_data (task);
  GError *error = NULL;

  page = g_task_propagate_pointer (G_TASK (result), &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < page->chats->len; i++)
    {
      McChat *chat = g_ptr_array_index (page->chats, i);

      walk_add (walk, mc_chat_get_chat_id (chat), chat);
    }

  for (guint i = 0; i < page->rejected->len; i++)
    g_debug ("getChats skipped %s", (char *) g_ptr_array_index (page->rejected, i));

  if (walk_continue (walk, page->next_page_token, page->chats->len + page->rejected->len,
                     MAX_CHAT_PAGES))
    get_chats_with_body_async (self, walk->business_id, walk->body, page->next_page_token,
                               CHATS_PAGE_LIMIT, g_task_get_cancellable (task),
                               on_chats_page, g_object_ref (task));
  else
    g_task_return_pointer (task, g_ptr_array_ref (walk->items),
                           (GDestroyNotify) g_ptr_array_unref);
}

void
mc_api_client_get_all_chats_async (McApiClient         *self,
                                   gint64               business_id,
                                   const McChatFilter  *filter,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Walk *walk;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = walk_task_new (self, mc_api_client_get_all_chats_async, cancellable, callback, user_data);

  if (!check_ids (task, business_id, 1))
    return;

  walk = g_task_get_task_data (task);
  walk->business_id = business_id;
  walk->body = chats_body_bytes (filter);

  get_chats_with_body_async (self, business_id, walk->body, NULL, CHATS_PAGE_LIMIT,
                             cancellable, on_chats_page, g_object_ref (task));
}

GPtrArray *
mc_api_client_get_all_chats_finish (McApiClient   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return finish_pointer (self, result, error);
}

/* getChat */

static void
complete_chat (McRequest  *req,
               const char *data,
               gsize       length)
{
  g_autoptr(GTask) task = request_finish (req);
  GError *error = NULL;
  McChat *chat;

  chat = mc_api_parse_chat (data, length, req->business_id, &error);
  if (chat == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, chat, g_object_unref);
}

void
mc_api_client_get_chat_async (McApiClient         *self,
                              gint64               business_id,
                              gint64               chat_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;
  McRequest *req;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (report_invalid_ids (self, business_id, chat_id, mc_api_client_get_chat_async, callback, user_data))
    return;

  path = business_path (business_id, "/chat");
  query = g_strdup_printf ("chatId=%" G_GINT64_FORMAT, chat_id);
  req = request_new (self, MC_API_METHOD_GET_CHAT, business_id, "GET",
                     build_uri (self, path, query),
                     complete_chat, mc_api_client_get_chat_async,
                     cancellable, callback, user_data);
  req->chat_id = chat_id;
  request_submit (req);
}

McChat *
mc_api_client_get_chat_finish (McApiClient   *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return finish_pointer (self, result, error);
}

/* getChatHistory */

static void
complete_history (McRequest  *req,
                  const char *data,
                  gsize       length)
{
  g_autoptr(GTask) task = request_finish (req);
  g_autoptr(McHistoryPage) page = g_new0 (McHistoryPage, 1);
  GError *error = NULL;

  page->rejected = g_ptr_array_new_with_free_func (g_free);

  if (!mc_api_parse_history (data, length, req->chat_id, &page->context, &page->messages,
                             &page->next_page_token, page->rejected, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&page), (GDestroyNotify) mc_history_page_free);
}

void
mc_api_client_get_history_async (McApiClient         *self,
                                 gint64               business_id,
                                 gint64               chat_id,
                                 gint64               message_id_from,
                                 const char          *page_token,
                                 guint                limit,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GString) query = NULL;
  g_autofree char *path = NULL;
  McRequest *req;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (report_invalid_ids (self, business_id, chat_id, mc_api_client_get_history_async, callback, user_data))
    return;

  path = business_path (business_id, "/chats/history");
  query = g_string_new (NULL);
  g_string_append_printf (query, "chatId=%" G_GINT64_FORMAT, chat_id);
  append_paging (query, page_token, limit);

  req = request_new (self, MC_API_METHOD_GET_CHAT_HISTORY, business_id, "POST",
                     build_uri (self, path, query->str),
                     complete_history, mc_api_client_get_history_async,
                     cancellable, callback, user_data);
  req->chat_id = chat_id;
  /* A POST only to carry messageIdFrom: reading it twice does no harm. */
  req->retryable = TRUE;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  if (message_id_from > 0)
    {
      json_builder_set_member_name (builder, "messageIdFrom");
      json_builder_add_int_value (builder, message_id_from);
    }
  json_builder_end_object (builder);
  request_set_json_body (req, builder);

  request_submit (req);
}

McHistoryPage *
mc_api_client_get_history_finish (McApiClient   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_pointer (self, result, error);
}

static void
on_history_page (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  McApiClient *self = MC_API_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(McHistoryPage) page = NULL;
  Walk *walk = g_task_get_task_data (task);
  GError *error = NULL;
  McHistoryPage *all;
  gboolean repeated;
  guint before;

  page = g_task_propagate_pointer (G_TASK (result), &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (walk->context == NULL && page->context != NULL)
    walk->context = g_object_ref (page->context);

  before = walk->items->len;
  for (guint i = 0; i < page->messages->len; i++)
    {
      McMessage *message = g_ptr_array_index (page->messages, i);

      walk_add (walk, mc_message_get_message_id (message), message);
    }

  for (guint i = 0; i < page->rejected->len; i++)
    g_ptr_array_add (walk->rejected, g_strdup (g_ptr_array_index (page->rejected, i)));

  /* A history that gives the same messages under new page tokens would
   * never end: a page with nothing new is its end. */
  repeated = page->messages->len > 0 && walk->items->len == before;
  if (repeated)
    g_message ("getChatHistory of chat %" G_GINT64_FORMAT " stopped after %u pages: "
               "the server repeated messages under a new page token", walk->chat_id, walk->pages + 1);

  if (!repeated &&
      walk_continue (walk, page->next_page_token, page->messages->len + page->rejected->len,
                     MAX_HISTORY_PAGES))
    {
      mc_api_client_get_history_async (self, walk->business_id, walk->chat_id,
                                       walk->message_id_from, page->next_page_token,
                                       HISTORY_PAGE_LIMIT, g_task_get_cancellable (task),
                                       on_history_page, g_object_ref (task));
      return;
    }

  all = g_new0 (McHistoryPage, 1);
  all->context = g_steal_pointer (&walk->context);
  all->messages = g_steal_pointer (&walk->items);
  all->rejected = g_steal_pointer (&walk->rejected);
  g_task_return_pointer (task, all, (GDestroyNotify) mc_history_page_free);
}

void
mc_api_client_get_all_history_async (McApiClient         *self,
                                     gint64               business_id,
                                     gint64               chat_id,
                                     gint64               message_id_from,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Walk *walk;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = walk_task_new (self, mc_api_client_get_all_history_async, cancellable, callback, user_data);

  if (!check_ids (task, business_id, chat_id))
    return;

  walk = g_task_get_task_data (task);
  walk->business_id = business_id;
  walk->chat_id = chat_id;
  walk->message_id_from = message_id_from;

  mc_api_client_get_history_async (self, business_id, chat_id, message_id_from, NULL,
                                   HISTORY_PAGE_LIMIT, cancellable,
                                   on_history_page, g_object_ref (task));
}

McHistoryPage *
mc_api_client_get_all_history_finish (McApiClient   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return finish_pointer (self, result, error);
}

/* getChatMessage */

static void
complete_message (McRequest  *req,
                  const char *data,
                  gsize       length)
{
  g_autoptr(GTask) task = request_finish (req);
  GError *error = NULL;
  McMessage *message;

  message = mc_api_parse_message (data, length, req->chat_id, &error);
  if (message == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, message, g_object_unref);
}

void
mc_api_client_get_message_async (McApiClient         *self,
                                 gint64               business_id,
                                 gint64               chat_id,
                                 gint64               message_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;
  McRequest *req;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (report_invalid_ids (self, business_id, MIN (chat_id, message_id),
                          mc_api_client_get_message_async, callback, user_data))
    return;

  path = business_path (business_id, "/chats/message");
  query = g_strdup_printf ("chatId=%" G_GINT64_FORMAT "&messageId=%" G_GINT64_FORMAT,
                           chat_id, message_id);
  req = request_new (self, MC_API_METHOD_GET_CHAT_MESSAGE, business_id, "GET",
                     build_uri (self, path, query),
                     complete_message, mc_api_client_get_message_async,
                     cancellable, callback, user_data);
  req->chat_id = chat_id;
  request_submit (req);
}

McMessage *
mc_api_client_get_message_finish (McApiClient   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_pointer (self, result, error);
}

/* sendMessageToChat and sendFileToChat */

static void
complete_status_ok (McRequest  *req,
                    const char *data,
                    gsize       length)
{
  g_autoptr(GTask) task = request_finish (req);
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
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;
  GError *error = NULL;
  McRequest *req;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (report_invalid_ids (self, business_id, chat_id, mc_api_client_send_message_async, callback, user_data))
    return;

  if (!check_message_text (text, &error))
    {
      g_task_report_error (self, callback, user_data, mc_api_client_send_message_async, error);
      return;
    }

  path = business_path (business_id, "/chats/message");
  query = g_strdup_printf ("chatId=%" G_GINT64_FORMAT, chat_id);
  req = request_new (self, MC_API_METHOD_SEND_MESSAGE, business_id, "POST",
                     build_uri (self, path, query),
                     complete_status_ok, mc_api_client_send_message_async,
                     cancellable, callback, user_data);
  req->chat_id = chat_id;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  request_set_json_body (req, builder);

  request_submit (req);
}

gboolean
mc_api_client_send_message_finish (McApiClient   *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return finish_boolean (self, result, error);
}

typedef struct
{
  McRequest *req;
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
    return g_error_new_literal (MC_API_ERROR, MC_API_ERROR_CANCELLED, _("Cancelled"));

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
  McRequest *req = send->req;
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
      request_return_error (req, error_from_file (error, send->name));
      file_send_free (send);
      return;
    }

  length = g_bytes_get_size (bytes);
  if (length > MC_API_MAX_FILE_SIZE)
    {
      request_return_error (req, file_too_large (send->name, length));
      file_send_free (send);
      return;
    }

  if (length == 0)
    {
      request_return_error (req, g_error_new (MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
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
  request_set_body (req, soup_message_headers_get_one (headers, "Content-Type"), body);

  file_send_free (send);
  request_submit (req);
}

static void
on_file_info (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  FileSend *send = user_data;
  McRequest *req = send->req;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (info == NULL)
    {
      request_return_error (req, error_from_file (error, send->name));
      file_send_free (send);
      return;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      request_return_error (req, g_error_new (MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
                                              _("“%s” is not a file"), send->name));
      file_send_free (send);
      return;
    }

  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ) &&
      !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ))
    {
      request_return_error (req, g_error_new (MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
                                              _("The file “%s” cannot be read"), send->name));
      file_send_free (send);
      return;
    }

  if (g_file_info_get_size (info) > MC_API_MAX_FILE_SIZE)
    {
      request_return_error (req, file_too_large (send->name, g_file_info_get_size (info)));
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
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;
  FileSend *send;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (report_invalid_ids (self, business_id, chat_id, mc_api_client_send_file_async, callback, user_data))
    return;

  path = business_path (business_id, "/chats/file/send");
  query = g_strdup_printf ("chatId=%" G_GINT64_FORMAT, chat_id);

  send = g_new0 (FileSend, 1);
  send->file = g_object_ref (file);
  send->name = g_file_get_basename (file);
  if (send->name == NULL)
    send->name = g_file_get_uri (file);
  send->req = request_new (self, MC_API_METHOD_SEND_FILE, business_id, "POST",
                           build_uri (self, path, query),
                           complete_status_ok, mc_api_client_send_file_async,
                           cancellable, callback, user_data);
  send->req->chat_id = chat_id;

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
  return finish_boolean (self, result, error);
}

/* createChat */

static void
complete_new_chat (McRequest  *req,
                   const char *data,
                   gsize       length)
{
  g_autoptr(GTask) task = request_finish (req);
  GError *error = NULL;
  gint64 chat_id = 0;

  if (!mc_api_parse_new_chat (data, length, &chat_id, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_memdup2 (&chat_id, sizeof chat_id), g_free);
}

void
mc_api_client_create_chat_async (McApiClient         *self,
                                 gint64               business_id,
                                 McContextType        context_type,
                                 gint64               context_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *path = NULL;
  McRequest *req;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (report_invalid_ids (self, business_id, 1, mc_api_client_create_chat_async, callback, user_data))
    return;

  if ((context_type != MC_CONTEXT_TYPE_ORDER && context_type != MC_CONTEXT_TYPE_RETURN) ||
      context_id < 1)
    {
      g_task_report_new_error (self, callback, user_data, mc_api_client_create_chat_async,
                               MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
                               _("A chat can only be started about an order or a return"));
      return;
    }

  path = business_path (business_id, "/chats/new");
  req = request_new (self, MC_API_METHOD_CREATE_CHAT, business_id, "POST",
                     build_uri (self, path, NULL),
                     complete_new_chat, mc_api_client_create_chat_async,
                     cancellable, callback, user_data);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "context");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, mc_context_type_to_string (context_type));
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, context_id);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  request_set_json_body (req, builder);

  request_submit (req);
}

gint64
mc_api_client_create_chat_finish (McApiClient   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_autofree gint64 *chat_id = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  chat_id = g_task_propagate_pointer (G_TASK (result), error);

  return chat_id != NULL ? *chat_id : 0;
}

/* Attachments */

static void
complete_download (McRequest  *req,
                   const char *data,
                   gsize       length)
{
  g_autoptr(GTask) task = request_finish (req);

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
  McRequest *req;

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

  req = request_new (self, MC_API_METHOD_DOWNLOAD, NO_BUSINESS, "GET", uri,
                     complete_download, mc_api_client_download_async,
                     cancellable, callback, user_data);
  req->max_size = max_size > 0 ? max_size : MC_API_MAX_FILE_SIZE;

  /* An attachment URL comes from the server's answer and may name any host:
   * the key goes only where the API itself lives. */
  api = g_uri_parse (self->base_url, G_URI_FLAGS_ENCODED, NULL);
  req->with_auth = api != NULL && same_origin (api, uri);
  request_submit (req);
}

GBytes *
mc_api_client_download_finish (McApiClient   *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return finish_pointer (self, result, error);
}
