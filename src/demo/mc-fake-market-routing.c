/* mc-fake-market-routing.c: from a request to its answer.
 *
 * Runs on the server thread: finds the operation and the token, refuses
 * what the Market refuses before any endpoint runs (a foreign business, a
 * read-only token, a fifth request in flight, a spent hourly budget),
 * applies the injected faults and the latency, then dispatches.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mc-fake-market-private.h"

/* Requests */

static void
request_release (Request *req)
{
  McFakeMarket *self = req->self;

  if (!req->in_flight)
    return;

  g_mutex_lock (&self->mutex);
  self->in_flight[req->business]--;
  g_mutex_unlock (&self->mutex);
  req->in_flight = FALSE;
}

static void
request_finalize (Request *req)
{
  request_release (req);
  g_free (req->path);
  g_clear_pointer (&req->query, g_hash_table_unref);
}

static Request *
request_ref (Request *req)
{
  return g_rc_box_acquire (req);
}

void
mc_fake_request_unref (Request *req)
{
  g_rc_box_release_full (req, (GDestroyNotify) request_finalize);
}

static void
request_closure_notify (gpointer  data,
                        GClosure *closure)
{
  mc_fake_request_unref (data);
}

static void
on_message_done (SoupServerMessage *msg,
                 Request           *req)
{
  req->msg = NULL;
  request_release (req);
}

/* Routing */

/* Splits "/v2/businesses/ID/rest"; FALSE when @path is not under it. */
static gboolean
split_business_path (const char  *path,
                     char       **id,
                     const char **rest)
{
  const char *prefix = "/v2/businesses/";
  const char *slash;

  if (!g_str_has_prefix (path, prefix))
    return FALSE;
  path += strlen (prefix);
  slash = strchr (path, '/');
  if (slash == NULL)
    return FALSE;
  *id = g_strndup (path, slash - path);
  *rest = slash;
  return TRUE;
}

static Op
route (const char  *method,
       const char  *path,
       const char **expected_method)
{
  static const struct { const char *method; const char *rest; Op op; } business_routes[] = {
    { "POST", "/chats", OP_GET_CHATS },
    { "GET", "/chat", OP_GET_CHAT },
    { "POST", "/chats/history", OP_GET_HISTORY },
    { "GET", "/chats/message", OP_GET_MESSAGE },
    { "POST", "/chats/message", OP_SEND_MESSAGE },
    { "POST", "/chats/file/send", OP_SEND_FILE },
    { "POST", "/chats/new", OP_CREATE_CHAT },
  };
  g_autofree char *id = NULL;
  const char *rest;
  Op found = OP_UNKNOWN;

  *expected_method = NULL;

  if (g_str_equal (path, "/v2/campaigns"))
    {
      *expected_method = "GET";
      return OP_GET_CAMPAIGNS;
    }
  if (g_str_equal (path, "/v2/auth/token"))
    {
      *expected_method = "POST";
      return OP_AUTH_TOKEN;
    }
  if (g_str_has_prefix (path, "/files/"))
    {
      *expected_method = "GET";
      return OP_DOWNLOAD;
    }
  found = mc_fake_orders_route (path, expected_method);
  if (*expected_method != NULL)
    return found;
  if (!split_business_path (path, &id, &rest))
    return OP_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (business_routes); i++)
    if (g_str_equal (rest, business_routes[i].rest))
      {
        found = business_routes[i].op;
        *expected_method = business_routes[i].method;
        if (g_str_equal (method, business_routes[i].method))
          return found;
      }

  return found;
}

static Reply
dispatch (McFakeMarket *self,
          Request      *req)
{
  switch (req->op)
    {
    case OP_GET_CAMPAIGNS: return mc_fake_handle_campaigns (self, req);
    case OP_AUTH_TOKEN: return mc_fake_handle_auth_token (self, req);
    case OP_GET_CHATS: return mc_fake_handle_get_chats (self, req);
    case OP_GET_CHAT: return mc_fake_handle_get_chat (self, req);
    case OP_GET_HISTORY: return mc_fake_handle_history (self, req);
    case OP_GET_MESSAGE: return mc_fake_handle_get_message (self, req);
    case OP_SEND_MESSAGE: return mc_fake_handle_send_message (self, req);
    case OP_SEND_FILE: return mc_fake_handle_send_file (self, req);
    case OP_CREATE_CHAT: return mc_fake_handle_create_chat (self, req);
    case OP_GET_BUSINESS_ORDERS: return mc_fake_handle_business_orders (self, req);
    case OP_GET_ORDER: return mc_fake_handle_get_order (self, req);
    case OP_GET_RETURN: return mc_fake_handle_get_return (self, req);
    case N_OPS:
    case OP_UNKNOWN:
    default:
      return mc_fake_reply_error (404, "Not found");
    }
}

/* Which token the request carries: -1 with @status 401 or 403 otherwise. */
static int
authenticate (McFakeMarket      *self,
              SoupServerMessage *msg,
              guint             *status)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *api_key = soup_message_headers_get_one (headers, "Api-Key");
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *bearer = NULL;

  if (authorization != NULL && g_ascii_strncasecmp (authorization, "Bearer ", 7) == 0)
    bearer = authorization + 7;

  if (api_key == NULL && bearer == NULL)
    {
      *status = 401;
      return -1;
    }

  for (int i = 0; i < N_TOKENS; i++)
    {
      const char *given = token_specs[i].oauth ? bearer : api_key;

      if (given != NULL && g_str_equal (given, self->tokens[i]))
        return i;
    }

  *status = 403;
  return -1;
}

static void
send_raw_and_close (SoupServerMessage *msg,
                    const char        *data,
                    gsize              length)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream == NULL)
    return;
  if (length > 0)
    g_output_stream_write_all (g_io_stream_get_output_stream (stream), data, length, NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

/* Takes the next matching fault; the lock is held. */
static gboolean
fault_matches (const Fault *fault,
               Request     *req)
{
  const char *question;

  if (fault->path_part == NULL)
    return TRUE;

  question = strchr (fault->path_part, '?');
  if (question == NULL)
    return strstr (req->path, fault->path_part) != NULL;

  {
    g_autofree char *suffix = g_strndup (fault->path_part, question - fault->path_part);

    return g_str_has_suffix (req->path, suffix) &&
           (question[1] == '\0' ||
            (req->query != NULL && g_hash_table_contains (req->query, question + 1)));
  }
}

static gboolean
take_fault (McFakeMarket *self,
            Request      *req,
            Fault        *out)
{
  for (GList *l = self->faults.head; l != NULL; l = l->next)
    {
      Fault *fault = l->data;

      if (!fault_matches (fault, req))
        continue;

      *out = *fault;
      out->path_part = NULL;
      if (--fault->count == 0)
        {
          g_free (fault->path_part);
          g_free (fault);
          g_queue_delete_link (&self->faults, l);
        }
      return TRUE;
    }

  return FALSE;
}

static gboolean on_trickle (gpointer user_data);

static void
answer_fault (McFakeMarket *self,
              Request      *req,
              const Fault  *fault)
{
  SoupServerMessage *msg = req->msg;

  switch (fault->fault)
    {
    case MC_FAKE_FAULT_STATUS:
    case MC_FAKE_FAULT_STATUS_NO_HEADERS:
      {
        guint status = fault->status != 0 ? fault->status : 420;
        Reply reply = mc_fake_reply_error (status, "Injected fault: HTTP %u", status);

        g_mutex_lock (&self->mutex);
        if (fault->fault == MC_FAKE_FAULT_STATUS && req->op < N_OPS)
          {
            if (status < 500)
              mc_fake_budget_get (self, req->business, req->op)->used++;
            mc_fake_set_limit_headers (self, msg, req->business, req->op);
          }
        g_mutex_unlock (&self->mutex);

        mc_fake_set_json_response (msg, status, reply.body);
        json_node_unref (reply.body);
      }
      break;

    case MC_FAKE_FAULT_MALFORMED_JSON:
      {
        static const char broken[] = "{\n  \"status\" : \"OK\",\n  \"result\" : {\n    \"chats\" : [\n      { \"chatId\" : 1,";

        soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
        soup_server_message_set_response (msg, "application/json;charset=utf-8",
                                          SOUP_MEMORY_STATIC, broken, strlen (broken));
      }
      break;

    case MC_FAKE_FAULT_TRUNCATED:
      {
        static const char body[] = "{\n  \"status\" : \"OK\",\n  \"result\" : {\n    \"chats\" : [";
        g_autofree char *raw = g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                                                "Content-Type: application/json;charset=utf-8\r\n"
                                                "Content-Length: %zu\r\n"
                                                "Connection: close\r\n\r\n%s",
                                                strlen (body) + 200, body);

        send_raw_and_close (msg, raw, strlen (raw));
        req->msg = NULL;
        request_release (req);
      }
      break;

    case MC_FAKE_FAULT_HTML:
      {
        guint status = fault->status != 0 ? fault->status : 502;
        const char *phrase = soup_status_get_phrase (status);
        g_autofree char *html = g_strdup_printf ("<html>\r\n<head><title>%u %s</title></head>\r\n"
                                                 "<body>\r\n<center><h1>%u %s</h1></center>\r\n"
                                                 "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
                                                 status, phrase, status, phrase);
        gsize length = strlen (html);

        soup_server_message_set_status (msg, status, NULL);
        soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_TAKE,
                                          g_steal_pointer (&html), length);
      }
      break;

    case MC_FAKE_FAULT_HANG:
      /* Paused until the client gives up or the server stops.  A paused
       * message never hears its client hang up, so it stops counting as in
       * flight now: otherwise four timeouts would block the business until
       * the server stops, which the Market does not do. */
      if (req->delay == NULL)
        soup_server_message_pause (msg);
      request_release (req);
      g_ptr_array_add (self->hung, request_ref (req));
      req->delay = NULL;
      return;

    case MC_FAKE_FAULT_DROP:
      send_raw_and_close (msg, NULL, 0);
      req->msg = NULL;
      request_release (req);
      break;

    case MC_FAKE_FAULT_TRICKLE:
      {
        static const char head[] = "HTTP/1.1 200 OK\r\n"
                                   "Content-Type: application/json;charset=utf-8\r\n"
                                   "Content-Length: 1000\r\n\r\n";
        g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
        Trickle *trickle;

        req->msg = NULL;
        request_release (req);
        if (stream == NULL)
          break;

        g_output_stream_write_all (g_io_stream_get_output_stream (stream), head, strlen (head),
                                   NULL, NULL, NULL);
        trickle = g_new0 (Trickle, 1);
        trickle->stream = g_steal_pointer (&stream);
        g_ptr_array_add (self->trickles, trickle);
        if (self->trickle_source == NULL)
          {
            self->trickle_source = g_timeout_source_new_seconds (1);
            g_source_set_callback (self->trickle_source, on_trickle, self, NULL);
            g_source_attach (self->trickle_source, self->context);
          }
      }
      break;

    case MC_FAKE_FAULT_NONE:
    default:
      break;
    }

  if (req->delay != NULL && req->msg != NULL)
    soup_server_message_unpause (msg);
}

static void
answer_download (McFakeMarket *self,
                 Request      *req)
{
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *content_type = NULL;
  const char *rest = req->path + strlen ("/files/");
  McFakeFile *file = NULL;
  gint64 id;
  g_autofree char *id_str = g_strndup (rest, strcspn (rest, "/"));

  g_mutex_lock (&self->mutex);
  if (g_ascii_string_to_signed (id_str, 10, 1, G_MAXINT64, &id, NULL))
    file = mc_fake_data_find_file (self->data, id);
  if (file != NULL && file->business == (guint) req->business)
    {
      contents = mc_fake_file_get_contents (file);
      content_type = g_strdup (file->content_type);
    }
  g_mutex_unlock (&self->mutex);

  if (contents == NULL)
    {
      Reply reply = mc_fake_reply_error (404, "File not found");

      mc_fake_set_json_response (req->msg, reply.status, reply.body);
      json_node_unref (reply.body);
      return;
    }

  soup_server_message_set_status (req->msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (req->msg, content_type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (contents, NULL),
                                    g_bytes_get_size (contents));
}

/* ENDLESS: the same page under a token never seen; MALFORMED_ITEMS: every
 * item of the page refused by any reader that checks types. */
static void
bend_reply (McFakeMarket *self,
            Reply        *reply,
            McFakeFault   fault)
{
  JsonObject *result;

  if (!JSON_NODE_HOLDS_OBJECT (reply->body) ||
      (result = json_object_get_object_member (json_node_get_object (reply->body), "result")) == NULL)
    return;

  if (fault == MC_FAKE_FAULT_ENDLESS)
    {
      JsonObject *paging = json_object_get_object_member (result, "paging");
      g_autofree char *token = g_strdup_printf ("endless-%u", ++self->endless_serial);

      if (paging != NULL)
        json_object_set_string_member (paging, "nextPageToken", token);
      return;
    }

  for (guint a = 0; a < 2; a++)
    {
      const char *list = a == 0 ? "chats" : "messages";
      const char *id = a == 0 ? "chatId" : "messageId";
      JsonArray *array = json_object_has_member (result, list) ? json_object_get_array_member (result, list) : NULL;

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        json_object_set_string_member (json_array_get_object_element (array, i), id, "broken");
    }
}

void
mc_fake_trickle_free (gpointer data)
{
  Trickle *trickle = data;

  g_io_stream_close (trickle->stream, NULL, NULL);
  g_object_unref (trickle->stream);
  g_free (trickle);
}

#define TRICKLE_BYTES 30

static gboolean
on_trickle (gpointer user_data)
{
  McFakeMarket *self = user_data;

  mc_fake_assert_server_thread (self);
  for (guint i = 0; i < self->trickles->len;)
    {
      Trickle *trickle = g_ptr_array_index (self->trickles, i);

      if (trickle->sent++ >= TRICKLE_BYTES ||
          !g_output_stream_write_all (g_io_stream_get_output_stream (trickle->stream), " ", 1,
                                      NULL, NULL, NULL))
        g_ptr_array_remove_index (self->trickles, i);
      else
        i++;
    }

  if (self->trickles->len > 0)
    return G_SOURCE_CONTINUE;

  g_clear_pointer (&self->trickle_source, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
request_process (Request *req)
{
  McFakeMarket *self = req->self;
  gboolean delayed = req->delay != NULL;
  Fault fault;
  gboolean has_fault;
  Reply reply;

  if (req->msg == NULL)
    return;

  g_mutex_lock (&self->mutex);
  has_fault = take_fault (self, req, &fault);
  g_mutex_unlock (&self->mutex);

  /* These answer normally and then bend the answer. */
  if (has_fault && fault.fault == MC_FAKE_FAULT_ENDLESS)
    req->ignore_page_token = TRUE;
  if (!has_fault)
    fault.fault = MC_FAKE_FAULT_NONE;
  else if (fault.fault == MC_FAKE_FAULT_ENDLESS || fault.fault == MC_FAKE_FAULT_MALFORMED_ITEMS)
    has_fault = FALSE;

  if (has_fault)
    {
      answer_fault (self, req, &fault);
      return;
    }

  if (req->op == OP_DOWNLOAD)
    answer_download (self, req);
  else
    {
      Budget *budget;

      g_mutex_lock (&self->mutex);
      budget = mc_fake_budget_get (self, req->business, req->op);
      if (budget->used >= mc_fake_budget_limit (self, req->op))
        {
          reply = mc_fake_reply_error (420, "Hourly limit of %s exceeded", ops[req->op].name);
          self->refused[req->business]++;
        }
      else
        {
          reply = dispatch (self, req);
          if (reply.status < 500)
            budget->used++;
          if (reply.status == SOUP_STATUS_OK && fault.fault != MC_FAKE_FAULT_NONE)
            bend_reply (self, &reply, fault.fault);
        }
      mc_fake_set_limit_headers (self, req->msg, req->business, req->op);
      g_mutex_unlock (&self->mutex);

      mc_fake_set_json_response (req->msg, reply.status, reply.body);
      json_node_unref (reply.body);
    }

  if (delayed)
    soup_server_message_unpause (req->msg);
}

static gboolean
on_delay_done (gpointer user_data)
{
  Request *req = user_data;

  mc_fake_assert_server_thread (req->self);
  g_ptr_array_remove (req->self->delayed, req);
  request_process (req);
  req->delay = NULL;

  return G_SOURCE_REMOVE;
}

void
mc_fake_answer_now (SoupServerMessage *msg,
                    Reply              reply)
{
  mc_fake_set_json_response (msg, reply.status, reply.body);
  json_node_unref (reply.body);
}

/* An answer before the request is in flight, counted like any other. */
static void
answer_counted (McFakeMarket      *self,
                SoupServerMessage *msg,
                int                business,
                Op                 op,
                Reply              reply)
{
  g_mutex_lock (&self->mutex);
  if (reply.status != 420)
    mc_fake_budget_get (self, business, op)->used++;
  mc_fake_set_limit_headers (self, msg, business, op);
  g_mutex_unlock (&self->mutex);

  mc_fake_answer_now (msg, reply);
}

void
mc_fake_handle_request (SoupServer        *server,
                        SoupServerMessage *msg,
                        const char        *path,
                        GHashTable        *query,
                        gpointer           user_data)
{
  McFakeMarket *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *expected_method;
  Request *req;
  guint status = 0;
  int token;
  Op op;

  mc_fake_assert_server_thread (self);
  op = route (method, path, &expected_method);
  if (op == OP_UNKNOWN && expected_method == NULL)
    {
      mc_fake_answer_now (msg, mc_fake_reply_error (404, "No such method: %s", path));
      return;
    }
  if (!g_str_equal (method, expected_method))
    {
      mc_fake_answer_now (msg, mc_fake_reply_error (405, "%s expects %s", path, expected_method));
      return;
    }

  g_mutex_lock (&self->mutex);
  if (op < N_OPS)
    self->counts[op]++;
  if (op < N_OPS && (query == NULL || (!g_hash_table_contains (query, "pageToken") &&
                                       !g_hash_table_contains (query, "page_token"))))
    self->first_pages[op]++;
  g_mutex_unlock (&self->mutex);

  token = authenticate (self, msg, &status);
  if (token < 0)
    {
      mc_fake_answer_now (msg, mc_fake_reply_error (status, status == 401 ? "Authorization is required"
                                                                          : "The token is not valid"));
      return;
    }

  req = g_rc_box_new0 (Request);
  req->self = self;
  req->msg = msg;
  req->path = g_strdup (path);
  req->query = query != NULL ? g_hash_table_ref (query) : NULL;
  req->op = op;
  req->token = token;
  req->business = token_specs[token].business;

  if (op == OP_GET_BUSINESS_ORDERS || op == OP_GET_ORDER || op == OP_GET_RETURN)
    {
      Reply refusal;

      if (!mc_fake_orders_check_access (self, req, &refusal))
        {
          answer_counted (self, msg, req->business, op, refusal);
          mc_fake_request_unref (req);
          return;
        }
    }
  else if (op != OP_GET_CAMPAIGNS && op != OP_AUTH_TOKEN && op != OP_DOWNLOAD)
    {
      g_autofree char *id_str = NULL;
      const char *rest;
      gint64 business_id;
      int business;

      split_business_path (path, &id_str, &rest);
      if (!g_ascii_string_to_signed (id_str, 10, 1, G_MAXINT64, &business_id, NULL))
        {
          answer_counted (self, msg, req->business, op,
                          mc_fake_reply_error (400, "businessId must be a positive integer"));
          mc_fake_request_unref (req);
          return;
        }

      g_mutex_lock (&self->mutex);
      business = mc_fake_data_find_business (self->data, business_id);
      g_mutex_unlock (&self->mutex);
      if (business != req->business)
        {
          answer_counted (self, msg, req->business, op,
                          mc_fake_reply_error (403, "The token has no access to business %" G_GINT64_FORMAT,
                                               business_id));
          mc_fake_request_unref (req);
          return;
        }

      if ((op == OP_SEND_MESSAGE || op == OP_SEND_FILE || op == OP_CREATE_CHAT) &&
          token_specs[token].read_only)
        {
          answer_counted (self, msg, req->business, op, mc_fake_reply_error (403, "The token is read-only"));
          mc_fake_request_unref (req);
          return;
        }
    }

  if (op != OP_DOWNLOAD)
    {
      gboolean too_many;

      g_mutex_lock (&self->mutex);
      too_many = self->in_flight[req->business] >= MAX_IN_FLIGHT;
      if (!too_many)
        {
          self->in_flight[req->business]++;
          self->peak[req->business] = MAX (self->peak[req->business], self->in_flight[req->business]);
          req->in_flight = TRUE;
        }
      else
        {
          mc_fake_set_limit_headers (self, msg, req->business, op);
        }
      g_mutex_unlock (&self->mutex);

      if (too_many)
        {
          mc_fake_answer_now (msg, mc_fake_reply_error (420, "More than %d parallel requests for business %" G_GINT64_FORMAT,
                                                        MAX_IN_FLIGHT,
                                                        mc_fake_data_get_business (self->data, req->business)->id));
          mc_fake_request_unref (req);
          return;
        }
    }

  g_signal_connect_data (msg, "finished", G_CALLBACK (on_message_done),
                         request_ref (req), request_closure_notify, 0);
  g_signal_connect_data (msg, "disconnected", G_CALLBACK (on_message_done),
                         request_ref (req), request_closure_notify, 0);

  g_mutex_lock (&self->mutex);
  if (self->latency > 0)
    {
      req->delay = g_timeout_source_new (self->latency);
      g_source_set_callback (req->delay, on_delay_done, request_ref (req), (GDestroyNotify) mc_fake_request_unref);
      g_source_attach (req->delay, self->context);
      g_source_unref (req->delay);
      g_ptr_array_add (self->delayed, request_ref (req));
    }
  g_mutex_unlock (&self->mutex);

  if (req->delay != NULL)
    soup_server_message_pause (msg);
  else
    request_process (req);

  mc_fake_request_unref (req);
}
