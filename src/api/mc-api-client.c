/* mc-api-client.c: the Partner API over libsoup.
 *
 * The object, its settings and its counters, and what the API's addresses
 * and methods are.  Requests go through mc-api-request.c; the endpoints are
 * in mc-api-client-{accounts,chats,history,send}.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "mc-api-client-private.h"
#include "mc-secure-memory.h"

#define DEFAULT_TIMEOUT    30
#define IDLE_TIMEOUT       30

G_DEFINE_FINAL_TYPE (McApiClient, mc_api_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
guint mc_api_client_signals[MC_API_CLIENT_N_SIGNALS];

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
    case MC_API_METHOD_GET_BUSINESS_ORDERS: return 10000;
    case MC_API_METHOD_GET_ORDER:        return 10000;
    case MC_API_METHOD_GET_RETURN:       return 7000;
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
    case MC_API_METHOD_GET_BUSINESS_ORDERS: return "getBusinessOrders";
    case MC_API_METHOD_GET_ORDER:        return "getOrder";
    case MC_API_METHOD_GET_RETURN:       return "getReturn";
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
    case MC_API_METHOD_GET_BUSINESS_ORDERS:
    case MC_API_METHOD_GET_ORDER:        return _("reading orders");
    case MC_API_METHOD_GET_RETURN:       return _("reading returns");
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
gboolean
mc_api_same_origin (GUri *a,
                    GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         uri_get_effective_port (a) == uri_get_effective_port (b);
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

gboolean
mc_api_check_ids (GTask  *task,
                  gint64  business_id,
                  gint64  chat_id)
{
  if (business_id >= 1 && chat_id >= 1)
    return TRUE;

  g_task_return_new_error (task, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
                           _("Invalid business or chat id"));
  return FALSE;
}

gboolean
mc_api_report_invalid_ids (McApiClient         *self,
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
  mc_api_check_ids (task, business_id, chat_id);

  return TRUE;
}

/* The endpoints differ in their verb, their path and whether an attempt
 * may be repeated; DOWNLOAD goes to whatever URL an answer named. */
static const struct
{
  const char *http_method;
  const char *path; /* under /v2/businesses/{businessId} for calls with a business */
  gboolean    retryable;
  /* Not under /v2/businesses/: the whole path, whose {businessId},
   * {campaignId}, {orderId} and {returnId} mc_api_request_new_for_ids()
   * fills in. */
  const char *template;
} endpoints[MC_API_N_METHODS] = {
  [MC_API_METHOD_GET_CAMPAIGNS]    = { "GET",  "/v2/campaigns",    TRUE },
  /* A POST only by the spec's choice: it reads and changes nothing. */
  [MC_API_METHOD_AUTH_TOKEN]       = { "POST", "/v2/auth/token",   TRUE },
  /* A POST only to carry the filter: reading it twice does no harm. */
  [MC_API_METHOD_GET_CHATS]        = { "POST", "/chats",           TRUE },
  [MC_API_METHOD_GET_CHAT]         = { "GET",  "/chat",            TRUE },
  /* A POST only to carry messageIdFrom: reading it twice does no harm. */
  [MC_API_METHOD_GET_CHAT_HISTORY] = { "POST", "/chats/history",   TRUE },
  [MC_API_METHOD_GET_CHAT_MESSAGE] = { "GET",  "/chats/message",   TRUE },
  /* A send repeated after a lost answer could reach the customer twice. */
  [MC_API_METHOD_SEND_MESSAGE]     = { "POST", "/chats/message",   FALSE },
  [MC_API_METHOD_SEND_FILE]        = { "POST", "/chats/file/send", FALSE },
  [MC_API_METHOD_CREATE_CHAT]      = { "POST", "/chats/new",       FALSE },
  /* A POST only to carry the filter: reading it twice does no harm. */
  [MC_API_METHOD_GET_BUSINESS_ORDERS] = { "POST", NULL, TRUE, "/v1/businesses/{businessId}/orders" },
  /* Deprecated (shutdown 2027-04-12), for keys that may use nothing else. */
  [MC_API_METHOD_GET_ORDER]        = { "GET", NULL, TRUE, "/v2/campaigns/{campaignId}/orders/{orderId}" },
  [MC_API_METHOD_GET_RETURN]       = { "GET", NULL, TRUE,
                                       "/v2/campaigns/{campaignId}/orders/{orderId}/returns/{returnId}" },
};

McApiRequest *
mc_api_request_new_for_endpoint (McApiClient          *self,
                                 McApiMethod           method,
                                 gint64                business_id,
                                 gint64                chat_id,
                                 const char           *query,
                                 McApiRequestComplete  complete,
                                 gpointer              source_tag,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data)
{
  g_autoptr(GString) full_query = g_string_new (NULL);
  g_autofree char *path = NULL;
  McApiRequest *req;

  g_assert (method < MC_API_N_METHODS && endpoints[method].path != NULL);

  if (business_id != NO_BUSINESS)
    path = g_strdup_printf ("/v2/businesses/%" G_GINT64_FORMAT "%s",
                            business_id, endpoints[method].path);
  else
    path = g_strdup (endpoints[method].path);

  if (chat_id > 0)
    g_string_append_printf (full_query, "chatId=%" G_GINT64_FORMAT, chat_id);
  if (query != NULL && *query != '\0')
    g_string_append_printf (full_query, "%s%s", full_query->len > 0 ? "&" : "", query);

  req = mc_api_request_new (self, method, business_id, endpoints[method].http_method,
                            mc_api_client_build_uri (self, path, full_query->str),
                            complete, source_tag, cancellable, callback, user_data);
  req->chat_id = chat_id;
  req->retryable = endpoints[method].retryable;

  return req;
}

McApiRequest *
mc_api_request_new_for_ids (McApiClient          *self,
                            McApiMethod           method,
                            gint64                business_id,
                            gint64                campaign_id,
                            gint64                order_id,
                            gint64                return_id,
                            const char           *query,
                            McApiRequestComplete  complete,
                            gpointer              source_tag,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data)
{
  const struct { const char *name; gint64 value; } ids[] = {
    { "{businessId}", business_id },
    { "{campaignId}", campaign_id },
    { "{orderId}", order_id },
    { "{returnId}", return_id },
  };
  g_autoptr(GString) path = NULL;
  McApiRequest *req;

  g_assert (method < MC_API_N_METHODS && endpoints[method].template != NULL);

  path = g_string_new (endpoints[method].template);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, ids[i].value);

      g_string_replace (path, ids[i].name, value, 0);
    }

  /* The pool is the business's whatever the path names: the Market counts
   * parallel requests per businessId. */
  req = mc_api_request_new (self, method, business_id, endpoints[method].http_method,
                            mc_api_client_build_uri (self, path->str, query),
                            complete, source_tag, cancellable, callback, user_data);
  req->retryable = endpoints[method].retryable;
  req->campaign_id = campaign_id;

  return req;
}

void
mc_api_append_paging (GString    *query,
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

  mc_api_client_signals[MC_API_CLIENT_PAUSED_CHANGED] =
    g_signal_new ("paused-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  mc_api_client_signals[MC_API_CLIENT_REACHABILITY_CHANGED] =
    g_signal_new ("reachability-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  mc_api_client_signals[MC_API_CLIENT_LIMITS_CHANGED] =
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
  self->pools = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, mc_api_pool_free);

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

  return mc_api_client_method_is_paused (self, method) ? self->methods[method].paused_until : 0;
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
gpointer
mc_api_client_finish_pointer (McApiClient   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
mc_api_client_finish_boolean (McApiClient   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
mc_api_walk_free (gpointer data)
{
  McApiWalk *walk = data;

  g_clear_pointer (&walk->items, g_ptr_array_unref);
  mc_api_pager_clear (&walk->pager);
  g_clear_pointer (&walk->body, g_bytes_unref);
  g_clear_pointer (&walk->rejected, g_ptr_array_unref);
  g_clear_object (&walk->context);
  g_free (walk);
}

McApiWalk *
mc_api_walk_new (guint max_pages)
{
  McApiWalk *walk = g_new0 (McApiWalk, 1);

  walk->items = g_ptr_array_new_with_free_func (g_object_unref);
  mc_api_pager_init (&walk->pager, max_pages, MC_API_PAGER_FLAGS_NONE);
  walk->rejected = g_ptr_array_new_with_free_func (g_free);

  return walk;
}

void
mc_api_walk_add (McApiWalk *walk,
                 gint64     id,
                 gpointer   item)
{
  if (mc_api_pager_see (&walk->pager, id))
    g_ptr_array_add (walk->items, g_object_ref (item));
}

/* TRUE when the walk must go on to @next_token. */
gboolean
mc_api_walk_continue (McApiWalk  *walk,
                      const char *next_token,
                      guint       n_items,
                      guint       n_rejected)
{
  switch (mc_api_pager_advance (&walk->pager, next_token, n_items, n_rejected))
    {
    case MC_API_PAGER_NEXT:
      return TRUE;

    case MC_API_PAGER_REPEATED_TOKEN:
      g_debug ("The server repeated a page token after %u pages",
               mc_api_pager_get_pages (&walk->pager));
      return FALSE;

    case MC_API_PAGER_MAX_PAGES:
      g_debug ("Stopped after %u pages", mc_api_pager_get_pages (&walk->pager));
      return FALSE;

    case MC_API_PAGER_END:
    case MC_API_PAGER_REPEATED_ITEMS:
    default:
      return FALSE;
    }
}

/* A walk returns what its pages returned: each page's request carries
 * the cancellable and fails as cancelled by itself. */
GTask *
mc_api_walk_task_new (McApiClient         *self,
                      guint                max_pages,
                      gpointer             source_tag,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, mc_api_walk_new (max_pages), mc_api_walk_free);

  return task;
}
