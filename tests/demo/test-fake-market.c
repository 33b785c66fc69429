/* test-fake-market.c: the fake Partner API against the spec's rules.
 *
 * The server runs on its own thread, so the test thread uses a plain
 * synchronous SoupSession.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mc-fake-market.h"
#include "mc-test-util.h"

/* 2026-07-01T12:00:00Z, so that generated data does not depend on the clock. */
#define FIXED_NOW (G_GINT64_CONSTANT (1782907200) * G_USEC_PER_SEC)

typedef struct
{
  McFakeMarket *market;
  SoupSession  *session;
  gint64        b1;
  gint64        b2;
} Fixture;

typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;
  JsonNode           *json;
  GError             *error;
} Response;

static void
response_free (Response *response)
{
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->json, json_node_unref);
  g_clear_error (&response->error);
  g_free (response);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->market = mc_test_start_market (mc_fake_market_new_at (42, 0, FIXED_NOW));
  f->session = soup_session_new_with_options ("max-conns-per-host", 16, NULL);
  f->b1 = mc_fake_market_get_business_id (f->market, 1);
  f->b2 = mc_fake_market_get_business_id (f->market, 2);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->session);
  mc_test_stop_market (f->market);
}

static SoupMessage *
build_message (Fixture    *f,
               const char *method,
               const char *path,
               const char *header,
               const char *value)
{
  g_autofree char *url = g_strconcat (mc_fake_market_get_url (f->market), path, NULL);
  SoupMessage *msg = soup_message_new (method, url);

  g_assert_nonnull (msg);
  if (header != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), header, value);

  return msg;
}

static Response *
send_message (SoupSession *session,
              SoupMessage *msg)
{
  Response *response = g_new0 (Response, 1);
  const char *type;

  response->body = soup_session_send_and_read (session, msg, NULL, &response->error);
  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));

  type = soup_message_headers_get_content_type (response->headers, NULL);
  if (response->body != NULL && g_strcmp0 (type, "application/json") == 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize size;
      const char *data = g_bytes_get_data (response->body, &size);

      if (json_parser_load_from_data (parser, data, size, NULL))
        response->json = json_node_ref (json_parser_get_root (parser));
    }

  return response;
}

/* A request with an arbitrary auth header and body. */
static Response *
call_full (Fixture    *f,
           const char *method,
           const char *path,
           const char *header,
           const char *value,
           const char *content_type,
           const char *body)
{
  g_autoptr(SoupMessage) msg = build_message (f, method, path, header, value);

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }

  return send_message (f->session, msg);
}

static Response *
call_as (Fixture     *f,
         McFakeToken  token,
         const char  *method,
         const char  *path,
         const char  *json)
{
  const char *value = mc_fake_market_get_token (f->market, token);

  if (token == MC_FAKE_TOKEN_OAUTH)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", value, NULL);
      return call_full (f, method, path, "Authorization", bearer, "application/json", json);
    }

  return call_full (f, method, path, "Api-Key", value, "application/json", json);
}

static Response *
call (Fixture    *f,
      const char *method,
      const char *path,
      const char *json)
{
  return call_as (f, MC_FAKE_TOKEN_CABINET_1, method, path, json);
}

static char *
bpath (gint64      business,
       const char *rest)
{
  return g_strdup_printf ("/v2/businesses/%" G_GINT64_FORMAT "%s", business, rest);
}

static JsonObject *
ok_result (Response *response)
{
  JsonObject *root;

  g_assert_no_error (response->error);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_nonnull (response->json);
  root = json_node_get_object (response->json);
  g_assert_cmpstr (json_object_get_string_member (root, "status"), ==, "OK");
  g_assert_true (json_object_has_member (root, "result"));

  return json_object_get_object_member (root, "result");
}

static void
assert_error (Response   *response,
              guint       status,
              const char *code)
{
  JsonObject *root, *error;
  JsonArray *errors;

  g_assert_no_error (response->error);
  g_assert_cmpuint (response->status, ==, status);
  g_assert_nonnull (response->json);
  root = json_node_get_object (response->json);
  g_assert_cmpstr (json_object_get_string_member (root, "status"), ==, "ERROR");
  errors = json_object_get_array_member (root, "errors");
  g_assert_cmpuint (json_array_get_length (errors), >=, 1);
  error = json_array_get_object_element (errors, 0);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  g_assert_cmpstr (json_object_get_string_member_with_default (error, "message", ""), !=, "");
}

static void
assert_bad_request (Fixture    *f,
                    const char *method,
                    const char *path,
                    const char *json)
{
  g_autoptr(Response) response = call (f, method, path, json);

  assert_error (response, 400, "BAD_REQUEST");
}

static const char *
body_text (Response *response,
           gsize    *size)
{
  return g_bytes_get_data (response->body, size);
}

/* Every chat of @business matching @filter, walking pages of @limit. */
static GPtrArray *
walk_chats (Fixture    *f,
            gint64      business,
            const char *filter,
            guint       limit,
            guint      *n_pages)
{
  GPtrArray *chats = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *token = NULL;
  guint pages = 0;

  do
    {
      g_autofree char *escaped = token ? g_uri_escape_string (token, NULL, TRUE) : NULL;
      g_autofree char *rest = escaped ? g_strdup_printf ("/chats?limit=%u&pageToken=%s", limit, escaped)
                                      : g_strdup_printf ("/chats?limit=%u", limit);
      g_autofree char *path = bpath (business, rest);
      g_autoptr(Response) response = call_as (f, business == f->b1 ? MC_FAKE_TOKEN_CABINET_1
                                                                    : MC_FAKE_TOKEN_CABINET_2,
                                              "POST", path, filter);
      JsonObject *result = ok_result (response);
      JsonArray *array = json_object_get_array_member (result, "chats");
      JsonObject *paging = json_object_get_object_member (result, "paging");

      g_assert_cmpuint (json_array_get_length (array), <=, limit);
      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (chats, json_object_ref (json_array_get_object_element (array, i)));

      g_clear_pointer (&token, g_free);
      if (paging != NULL && json_object_has_member (paging, "nextPageToken"))
        {
          token = g_strdup (json_object_get_string_member (paging, "nextPageToken"));
          g_assert_cmpuint (json_array_get_length (array), ==, limit);
        }
      pages++;
      g_assert_cmpuint (pages, <, 10000);
    }
  while (token != NULL);

  if (n_pages != NULL)
    *n_pages = pages;
  return chats;
}

static GPtrArray *
walk_history (Fixture    *f,
              gint64      chat_id,
              const char *body,
              guint       limit)
{
  GPtrArray *messages = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *token = NULL;

  do
    {
      g_autofree char *escaped = token ? g_uri_escape_string (token, NULL, TRUE) : NULL;
      g_autofree char *rest = g_strdup_printf ("/chats/history?chatId=%" G_GINT64_FORMAT "&limit=%u%s%s",
                                               chat_id, limit, escaped ? "&page_token=" : "",
                                               escaped ? escaped : "");
      g_autofree char *path = bpath (f->b1, rest);
      g_autoptr(Response) response = call (f, "POST", path, body);
      JsonObject *result = ok_result (response);
      JsonArray *array = json_object_get_array_member (result, "messages");
      JsonObject *paging = json_object_get_object_member (result, "paging");

      g_assert_true (json_object_has_member (result, "context"));
      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (messages, json_object_ref (json_array_get_object_element (array, i)));

      g_clear_pointer (&token, g_free);
      if (paging != NULL && json_object_has_member (paging, "nextPageToken"))
        token = g_strdup (json_object_get_string_member (paging, "nextPageToken"));
    }
  while (token != NULL);

  return messages;
}

static JsonObject *
get_chat (Fixture *f,
          gint64   chat_id)
{
  g_autofree char *rest = g_strdup_printf ("/chat?chatId=%" G_GINT64_FORMAT, chat_id);
  g_autofree char *path = bpath (f->b1, rest);
  g_autoptr(Response) response = call (f, "GET", path, NULL);

  return json_object_ref (ok_result (response));
}

/* Tests */

static void
test_campaigns (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Response) all = call (f, "GET", "/v2/campaigns", NULL);
  g_autoptr(Response) first = call (f, "GET", "/v2/campaigns?limit=1", NULL);
  g_autoptr(Response) second = NULL;
  g_autoptr(Response) other = call_as (f, MC_FAKE_TOKEN_CABINET_2, "GET", "/v2/campaigns", NULL);
  g_autoptr(Response) oauth = call_as (f, MC_FAKE_TOKEN_OAUTH, "GET", "/v2/campaigns", NULL);
  g_autofree char *next = NULL;
  g_autofree char *path = NULL;
  JsonObject *root, *campaign;
  JsonArray *campaigns;

  g_assert_cmpuint (all->status, ==, 200);
  root = json_node_get_object (all->json);
  /* Not wrapped in status/result, unlike the chat methods. */
  g_assert_false (json_object_has_member (root, "status"));
  campaigns = json_object_get_array_member (root, "campaigns");
  g_assert_cmpuint (json_array_get_length (campaigns), ==, 2);
  campaign = json_array_get_object_element (campaigns, 0);
  g_assert_cmpint (json_object_get_int_member (campaign, "id"), >=, 1);
  g_assert_cmpstr (json_object_get_string_member (campaign, "domain"), !=, "");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (campaign, "business"), "id"), ==, f->b1);
  g_assert_cmpstr (json_object_get_string_member (campaign, "placementType"), ==, "FBS");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (campaigns, 1), "placementType"), ==, "FBY");
  g_assert_cmpstr (json_object_get_string_member (campaign, "apiAvailability"), ==, "AVAILABLE");

  root = json_node_get_object (first->json);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "campaigns")), ==, 1);
  next = g_uri_escape_string (json_object_get_string_member (json_object_get_object_member (root, "paging"), "nextPageToken"), NULL, TRUE);
  path = g_strdup_printf ("/v2/campaigns?limit=1&page_token=%s", next);
  second = call (f, "GET", path, NULL);
  root = json_node_get_object (second->json);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (root, "campaigns"), 0), "placementType"), ==, "FBY");
  g_assert_false (json_object_has_member (json_object_get_object_member (root, "paging"), "nextPageToken"));

  root = json_node_get_object (other->json);
  campaigns = json_object_get_array_member (root, "campaigns");
  g_assert_cmpuint (json_array_get_length (campaigns), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (campaigns, 0), "placementType"), ==, "DBS");

  g_assert_cmpuint (oauth->status, ==, 200);

  assert_bad_request (f, "GET", "/v2/campaigns?limit=0", NULL);
  assert_bad_request (f, "GET", "/v2/campaigns?limit=101", NULL);
  assert_bad_request (f, "GET", "/v2/campaigns?limit=ten", NULL);
  assert_bad_request (f, "GET", "/v2/campaigns?pageToken=bm9wZQ==", NULL);
}

static void
test_auth_token (Fixture       *f,
                 gconstpointer  data)
{
  static const struct { McFakeToken token; const char *scope; } cases[] = {
    { MC_FAKE_TOKEN_CABINET_1, "ALL_METHODS" },
    { MC_FAKE_TOKEN_CABINET_2, "COMMUNICATION" },
    { MC_FAKE_TOKEN_READ_ONLY, "ALL_METHODS_READ_ONLY" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Response) response = call_as (f, cases[i].token, "POST", "/v2/auth/token", NULL);
      JsonObject *api_key = json_object_get_object_member (ok_result (response), "apiKey");
      JsonArray *scopes = json_object_get_array_member (api_key, "authScopes");

      g_assert_cmpstr (json_object_get_string_member (api_key, "name"), !=, "");
      g_assert_cmpuint (json_array_get_length (scopes), ==, 1);
      g_assert_cmpstr (json_array_get_string_element (scopes, 0), ==, cases[i].scope);
    }

  {
    g_autoptr(Response) response = call_as (f, MC_FAKE_TOKEN_OAUTH, "POST", "/v2/auth/token", NULL);
    assert_error (response, 403, "FORBIDDEN");
  }
  {
    g_autoptr(Response) response = call (f, "GET", "/v2/auth/token", NULL);
    g_assert_cmpuint (response->status, ==, 405);
  }
}

static void
test_auth (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *chats1 = bpath (f->b1, "/chats");
  g_autofree char *chats2 = bpath (f->b2, "/chats");
  gint64 chat_id = mc_fake_market_find_chat (f->market, f->b1, "WAITING_FOR_PARTNER");
  g_autofree char *rest = g_strdup_printf ("/chats/message?chatId=%" G_GINT64_FORMAT, chat_id);
  g_autofree char *send = bpath (f->b1, rest);
  g_autofree char *create = bpath (f->b1, "/chats/new");
  g_autofree char *bearer = g_strconcat ("Bearer ", mc_fake_market_get_token (f->market, MC_FAKE_TOKEN_CABINET_1), NULL);

  {
    g_autoptr(Response) r = call_full (f, "POST", chats1, NULL, NULL, "application/json", "{}");
    assert_error (r, 401, "UNAUTHORIZED");
  }
  {
    g_autoptr(Response) r = call_full (f, "GET", "/v2/campaigns", NULL, NULL, NULL, NULL);
    assert_error (r, 401, "UNAUTHORIZED");
  }
  {
    g_autoptr(Response) r = call_full (f, "POST", chats1, "Api-Key", "ACMA:unknown:token", "application/json", "{}");
    assert_error (r, 403, "FORBIDDEN");
  }
  {
    /* An Api-Key token is not an OAuth token. */
    g_autoptr(Response) r = call_full (f, "POST", chats1, "Authorization", bearer, "application/json", "{}");
    assert_error (r, 403, "FORBIDDEN");
  }
  {
    g_autoptr(Response) r = call (f, "POST", chats2, "{}");
    assert_error (r, 403, "FORBIDDEN");
  }
  {
    g_autoptr(Response) r = call_as (f, MC_FAKE_TOKEN_CABINET_2, "POST", chats1, "{}");
    assert_error (r, 403, "FORBIDDEN");
  }
  {
    g_autoptr(Response) r = call_as (f, MC_FAKE_TOKEN_CABINET_2, "POST", chats2, "{}");
    ok_result (r);
  }
  {
    g_autoptr(Response) r = call_as (f, MC_FAKE_TOKEN_OAUTH, "POST", chats1, "{}");
    ok_result (r);
  }
  {
    g_autoptr(Response) r = call_as (f, MC_FAKE_TOKEN_READ_ONLY, "POST", chats1, "{}");
    ok_result (r);
  }
  {
    g_autoptr(Response) r = call_as (f, MC_FAKE_TOKEN_READ_ONLY, "POST", send, "{\"message\": \"Здравствуйте\"}");
    assert_error (r, 403, "FORBIDDEN");
  }
  {
    g_autoptr(Response) r = call_as (f, MC_FAKE_TOKEN_READ_ONLY, "POST", create, "{\"context\": {\"type\": \"ORDER\", \"id\": 5}}");
    assert_error (r, 403, "FORBIDDEN");
  }
  {
    g_auto(GStrv) sent = mc_fake_market_dup_sent (f->market, chat_id);
    g_assert_cmpuint (g_strv_length (sent), ==, 0);
  }
  {
    g_autoptr(Response) r = call (f, "POST", "/v2/businesses/abc/chats", "{}");
    assert_error (r, 400, "BAD_REQUEST");
  }
  {
    g_autoptr(Response) r = call (f, "POST", "/v2/nothing", "{}");
    assert_error (r, 404, "NOT_FOUND");
  }
  {
    g_autoptr(Response) r = call (f, "GET", chats1, NULL);
    g_assert_cmpuint (r->status, ==, 405);
  }
}

static void
test_chats_paging (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *path = bpath (f->b1, "/chats");
  g_autofree char *page_path = bpath (f->b1, "/chats?limit=20");
  guint pages;

  chats = walk_chats (f, f->b1, "{}", 7, &pages);
  g_assert_cmpuint (chats->len, ==, mc_fake_market_get_chat_count (f->market, f->b1));
  g_assert_cmpuint (pages, ==, (chats->len + 6) / 7);
  for (guint i = 0; i < chats->len; i++)
    {
      JsonObject *chat = g_ptr_array_index (chats, i);
      gint64 *id = g_new (gint64, 1);

      *id = json_object_get_int_member (chat, "chatId");
      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, id);
    }
  g_assert_cmpuint (mc_fake_market_get_chat_count (f->market, f->b1) +
                    mc_fake_market_get_chat_count (f->market, f->b2), ==, 150);

  /* Pages are stable: the same walk gives the same chats in the same order. */
  again = walk_chats (f, f->b1, "{}", 7, NULL);
  g_assert_cmpuint (again->len, ==, chats->len);
  for (guint i = 0; i < chats->len; i++)
    g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (chats, i), "chatId"), ==,
                     json_object_get_int_member (g_ptr_array_index (again, i), "chatId"));

  {
    g_autoptr(Response) r = call (f, "POST", path, "{}");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ok_result (r), "chats")), ==, 10);
  }
  {
    g_autoptr(Response) r = call (f, "POST", page_path, "{}");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ok_result (r), "chats")), ==, 20);
  }

  for (guint i = 0; i < 4; i++)
    {
      static const char * const bad[] = { "/chats?limit=0", "/chats?limit=21", "/chats?limit=x", "/chats?pageToken=garbage" };
      g_autofree char *bad_path = bpath (f->b1, bad[i]);

      assert_bad_request (f, "POST", bad_path, "{}");
    }
}

static void
test_chats_filters (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const statuses[] = {
    "NEW", "WAITING_FOR_CUSTOMER", "WAITING_FOR_PARTNER", "WAITING_FOR_ARBITER",
    "WAITING_FOR_MARKET", "FINISHED",
  };
  g_autofree char *path = bpath (f->b1, "/chats");
  g_autoptr(GPtrArray) all = walk_chats (f, f->b1, "{}", 20, NULL);
  g_autoptr(GPtrArray) all2 = walk_chats (f, f->b2, "{}", 20, NULL);
  gboolean direct_with = FALSE, direct_without = FALSE, arbitrage = FALSE, ret = FALSE;
  gint64 order_id = 0, return_id = 0;
  guint total = 0;

  g_ptr_array_extend_and_steal (all, g_steal_pointer (&all2));
  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *chat = g_ptr_array_index (all, i);
      JsonObject *context = json_object_get_object_member (chat, "context");
      const char *type = json_object_get_string_member (context, "type");
      JsonObject *customer = json_object_get_object_member (context, "customer");

      g_assert_cmpstr (json_object_get_string_member (customer, "name"), !=, "");
      g_assert_cmpstr (json_object_get_string_member (customer, "publicId"), !=, "");
      g_assert_true (g_str_has_suffix (json_object_get_string_member (chat, "createdAt"), "+03:00"));
      g_assert_cmpstr (json_object_get_string_member (chat, "createdAt"), <=,
                       json_object_get_string_member (chat, "updatedAt"));

      if (g_str_equal (type, "DIRECT"))
        {
          if (json_object_has_member (context, "campaignId"))
            direct_with = TRUE;
          else
            direct_without = TRUE;
          g_assert_false (json_object_has_member (context, "orderId"));
        }
      else
        g_assert_true (json_object_has_member (context, "campaignId"));
      if (g_str_equal (type, "RETURN"))
        {
          ret = TRUE;
          g_assert_true (json_object_has_member (context, "returnId"));
          if (return_id == 0 && json_object_get_int_member (chat, "chatId") != 0 &&
              i < mc_fake_market_get_chat_count (f->market, f->b1))
            return_id = json_object_get_int_member (context, "returnId");
        }
      if (g_str_equal (type, "ORDER") && order_id == 0 &&
          i < mc_fake_market_get_chat_count (f->market, f->b1))
        order_id = json_object_get_int_member (context, "orderId");
      if (g_str_equal (json_object_get_string_member (chat, "type"), "ARBITRAGE"))
        arbitrage = TRUE;
    }
  g_assert_true (direct_with);
  g_assert_true (direct_without);
  g_assert_true (arbitrage);
  g_assert_true (ret);

  for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
    {
      g_autofree char *filter = g_strdup_printf ("{\"statuses\": [\"%s\"]}", statuses[s]);
      g_autoptr(GPtrArray) some = walk_chats (f, f->b1, filter, 20, NULL);
      g_autoptr(GPtrArray) some2 = walk_chats (f, f->b2, filter, 20, NULL);

      g_assert_cmpuint (some->len + some2->len, >, 0);
      for (guint i = 0; i < some->len; i++)
        g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (some, i), "status"), ==, statuses[s]);
      total += some->len;
    }
  g_assert_cmpuint (total, ==, mc_fake_market_get_chat_count (f->market, f->b1));

  {
    g_autoptr(GPtrArray) two = walk_chats (f, f->b1, "{\"statuses\": [\"NEW\", \"WAITING_FOR_PARTNER\"], \"types\": [\"CHAT\"], \"contextTypes\": [\"ORDER\", \"DIRECT\"]}", 5, NULL);

    g_assert_cmpuint (two->len, >, 0);
    for (guint i = 0; i < two->len; i++)
      {
        JsonObject *chat = g_ptr_array_index (two, i);
        const char *status = json_object_get_string_member (chat, "status");
        const char *type = json_object_get_string_member (json_object_get_object_member (chat, "context"), "type");

        g_assert_true (g_str_equal (status, "NEW") || g_str_equal (status, "WAITING_FOR_PARTNER"));
        g_assert_true (g_str_equal (type, "ORDER") || g_str_equal (type, "DIRECT"));
        g_assert_cmpstr (json_object_get_string_member (chat, "type"), ==, "CHAT");
      }
  }
  {
    g_autofree char *filter = g_strdup_printf ("{\"contexts\": [{\"type\": \"ORDER\", \"id\": %" G_GINT64_FORMAT "}]}", order_id);
    g_autoptr(GPtrArray) one = walk_chats (f, f->b1, filter, 10, NULL);

    g_assert_cmpuint (one->len, ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (g_ptr_array_index (one, 0), "context"), "orderId"), ==, order_id);
  }
  {
    g_autofree char *filter = g_strdup_printf ("{\"orderIds\": [%" G_GINT64_FORMAT ", 1]}", order_id);
    g_autoptr(GPtrArray) one = walk_chats (f, f->b1, filter, 10, NULL);

    g_assert_cmpuint (one->len, ==, 1);
  }
  {
    g_autoptr(GPtrArray) arb = walk_chats (f, f->b1, "{\"types\": [\"ARBITRAGE\"], \"statuses\": null}", 10, NULL);

    for (guint i = 0; i < arb->len; i++)
      g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (arb, i), "type"), ==, "ARBITRAGE");
  }

  assert_bad_request (f, "POST", path, "{\"statuses\": []}");
  assert_bad_request (f, "POST", path, "{\"types\": []}");
  assert_bad_request (f, "POST", path, "{\"contextTypes\": []}");
  assert_bad_request (f, "POST", path, "{\"contexts\": []}");
  assert_bad_request (f, "POST", path, "{\"orderIds\": []}");
  assert_bad_request (f, "POST", path, "{\"statuses\": [\"NEW\", \"NEW\"]}");
  assert_bad_request (f, "POST", path, "{\"orderIds\": [5, 5]}");
  assert_bad_request (f, "POST", path, "{\"contexts\": [{\"type\": \"ORDER\", \"id\": 5}, {\"type\": \"ORDER\", \"id\": 5}]}");
  assert_bad_request (f, "POST", path, "{\"statuses\": [\"OPEN\"]}");
  assert_bad_request (f, "POST", path, "{\"types\": [\"CHAT\", 1]}");
  assert_bad_request (f, "POST", path, "{\"statuses\": \"NEW\"}");
  assert_bad_request (f, "POST", path, "{\"contexts\": [{\"type\": \"DIRECT\", \"id\": 5}]}");
  assert_bad_request (f, "POST", path, "{\"contexts\": [{\"type\": \"ORDER\", \"id\": 0}]}");
  assert_bad_request (f, "POST", path, "{\"contexts\": [{\"type\": \"ORDER\"}]}");
  assert_bad_request (f, "POST", path, "{\"statuses\": [\"NEW\"]");
  assert_bad_request (f, "POST", path, "[]");
  assert_bad_request (f, "POST", path, NULL);
  {
    g_autoptr(Response) r = call_full (f, "POST", path, "Api-Key",
                                       mc_fake_market_get_token (f->market, MC_FAKE_TOKEN_CABINET_1),
                                       "text/plain", "{}");
    assert_error (r, 400, "BAD_REQUEST");
  }
}

static void
test_get_chat (Fixture       *f,
               gconstpointer  data)
{
  gint64 id = mc_fake_market_find_chat (f->market, f->b1, "NEW");
  gint64 other = mc_fake_market_find_chat (f->market, f->b2, "NEW");
  g_autoptr(JsonObject) chat = get_chat (f, id);
  g_autofree char *rest = g_strdup_printf ("/chat?chatId=%" G_GINT64_FORMAT, other);
  g_autofree char *other_path = bpath (f->b1, rest);
  g_autofree char *missing = bpath (f->b1, "/chat");
  g_autofree char *zero = bpath (f->b1, "/chat?chatId=0");
  g_autofree char *word = bpath (f->b1, "/chat?chatId=one");
  g_autofree char *unknown = bpath (f->b1, "/chat?chatId=999999999999");

  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (json_object_get_int_member (chat, "chatId"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (chat, "status"), ==, "NEW");
  g_assert_true (json_object_has_member (chat, "context"));
  g_assert_true (json_object_has_member (chat, "createdAt"));
  g_assert_true (json_object_has_member (chat, "updatedAt"));

  assert_bad_request (f, "GET", missing, NULL);
  assert_bad_request (f, "GET", zero, NULL);
  assert_bad_request (f, "GET", word, NULL);
  {
    g_autoptr(Response) r = call (f, "GET", unknown, NULL);
    assert_error (r, 404, "NOT_FOUND");
  }
  {
    g_autoptr(Response) r = call (f, "GET", other_path, NULL);
    assert_error (r, 404, "NOT_FOUND");
  }
}

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) chats = walk_chats (f, f->b1, "{}", 20, NULL);
  gboolean senders[5] = { FALSE, };
  gboolean sticker = FALSE, attachment_only = FALSE, pdf = FALSE, photo = FALSE, long_chat = FALSE;
  gint64 some_chat = 0;

  for (guint c = 0; c < chats->len; c++)
    {
      JsonObject *chat = g_ptr_array_index (chats, c);
      gint64 chat_id = json_object_get_int_member (chat, "chatId");
      g_autoptr(GPtrArray) messages = walk_history (f, chat_id, "{}", 100);
      g_autoptr(GPtrArray) paged = NULL;
      const char *status = json_object_get_string_member (chat, "status");
      JsonObject *newest = NULL;

      if (messages->len > 50)
        long_chat = TRUE;
      for (guint i = 0; i < messages->len; i++)
        {
          JsonObject *message = g_ptr_array_index (messages, i);
          const char *sender = json_object_get_string_member (message, "sender");
          gboolean has_text = json_object_has_member (message, "message");
          gboolean has_payload = json_object_has_member (message, "payload");

          if (newest == NULL || json_object_get_int_member (message, "messageId") > json_object_get_int_member (newest, "messageId"))
            newest = message;

          if (g_str_equal (sender, "PARTNER")) senders[1] = TRUE;
          if (g_str_equal (sender, "CUSTOMER")) senders[2] = TRUE;
          if (g_str_equal (sender, "MARKET")) senders[3] = TRUE;
          if (g_str_equal (sender, "SUPPORT")) senders[4] = TRUE;
          if (!has_text && !has_payload)
            sticker = TRUE;
          if (!has_text && has_payload)
            attachment_only = TRUE;
          if (has_payload)
            {
              JsonArray *payload = json_object_get_array_member (message, "payload");

              for (guint p = 0; p < json_array_get_length (payload); p++)
                {
                  JsonObject *file = json_array_get_object_element (payload, p);
                  const char *name = json_object_get_string_member (file, "name");

                  g_assert_true (g_str_has_prefix (json_object_get_string_member (file, "url"),
                                                   mc_fake_market_get_url (f->market)));
                  g_assert_cmpint (json_object_get_int_member (file, "size"), >, 1000);
                  if (g_str_has_suffix (name, ".pdf"))
                    pdf = TRUE;
                  if (g_str_has_suffix (name, ".png"))
                    photo = TRUE;
                }
            }
        }

      /* The last message agrees with the status. */
      if (g_str_equal (status, "WAITING_FOR_PARTNER") || g_str_equal (status, "NEW"))
        g_assert_cmpstr (json_object_get_string_member (newest, "sender"), ==, "CUSTOMER");
      if (g_str_equal (status, "WAITING_FOR_CUSTOMER"))
        g_assert_cmpstr (json_object_get_string_member (newest, "sender"), ==, "PARTNER");
      if (newest != NULL)
        g_assert_cmpstr (json_object_get_string_member (newest, "createdAt"), ==,
                         json_object_get_string_member (chat, "updatedAt"));

      if (messages->len >= 5 && some_chat == 0)
        {
          some_chat = chat_id;

          /* Small pages give the same set, each message once. */
          paged = walk_history (f, chat_id, "{}", 2);
          g_assert_cmpuint (paged->len, ==, messages->len);
          for (guint i = 0; i < paged->len; i++)
            for (guint j = i + 1; j < paged->len; j++)
              g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (paged, i), "messageId"), !=,
                               json_object_get_int_member (g_ptr_array_index (paged, j), "messageId"));

          {
            gint64 from = json_object_get_int_member (newest, "messageId") - 2;
            g_autofree char *body = g_strdup_printf ("{\"messageIdFrom\": %" G_GINT64_FORMAT "}", from);
            g_autoptr(GPtrArray) recent = walk_history (f, chat_id, body, 100);

            g_assert_cmpuint (recent->len, ==, 3);
            for (guint i = 0; i < recent->len; i++)
              g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (recent, i), "messageId"), >=, from);
          }
        }
    }

  g_assert_true (senders[1] && senders[2] && senders[3]);
  g_assert_true (sticker);
  g_assert_true (attachment_only);
  g_assert_true (pdf);
  g_assert_true (photo);
  g_assert_true (long_chat);
  g_assert_cmpint (some_chat, >, 0);

  {
    /* SUPPORT writes in disputes, which both cabinets have. */
    gint64 arbiter = mc_fake_market_find_chat (f->market, f->b1, "WAITING_FOR_ARBITER");
    g_autoptr(GPtrArray) messages = walk_history (f, arbiter, "{}", 100);
    gboolean support = FALSE;

    for (guint i = 0; i < messages->len; i++)
      support |= g_str_equal (json_object_get_string_member (g_ptr_array_index (messages, i), "sender"), "SUPPORT");
    g_assert_true (support);
  }

  {
    g_autofree char *rest = g_strdup_printf ("/chats/history?chatId=%" G_GINT64_FORMAT, some_chat);
    g_autofree char *path = bpath (f->b1, rest);
    g_autofree char *limit0 = g_strconcat (path, "&limit=0", NULL);
    g_autofree char *limit101 = g_strconcat (path, "&limit=101", NULL);
    g_autofree char *no_chat = bpath (f->b1, "/chats/history");
    g_autofree char *unknown = bpath (f->b1, "/chats/history?chatId=123");

    assert_bad_request (f, "POST", limit0, "{}");
    assert_bad_request (f, "POST", limit101, "{}");
    assert_bad_request (f, "POST", path, "{\"messageIdFrom\": 0}");
    assert_bad_request (f, "POST", path, "{\"messageIdFrom\": \"5\"}");
    assert_bad_request (f, "POST", path, "{\"messageIdFrom\": 1.5}");
    assert_bad_request (f, "POST", no_chat, "{}");
    {
      g_autoptr(Response) r = call (f, "POST", unknown, "{}");
      assert_error (r, 404, "NOT_FOUND");
    }
    {
      g_autoptr(Response) r = call (f, "POST", path, "{}");
      JsonObject *result = ok_result (r);
      JsonObject *context = json_object_get_object_member (result, "context");

      g_assert_nonnull (json_object_get_string_member (context, "type"));
    }
  }
}

static void
test_get_message (Fixture       *f,
                  gconstpointer  data)
{
  gint64 chat_id = mc_fake_market_find_chat (f->market, f->b1, "WAITING_FOR_CUSTOMER");
  g_autoptr(GPtrArray) messages = walk_history (f, chat_id, "{}", 100);
  JsonObject *first = g_ptr_array_index (messages, 0);
  gint64 message_id = json_object_get_int_member (first, "messageId");
  g_autofree char *rest = g_strdup_printf ("/chats/message?chatId=%" G_GINT64_FORMAT "&messageId=%" G_GINT64_FORMAT,
                                           chat_id, message_id);
  g_autofree char *path = bpath (f->b1, rest);
  g_autofree char *rest_missing = g_strdup_printf ("/chats/message?chatId=%" G_GINT64_FORMAT, chat_id);
  g_autofree char *missing = bpath (f->b1, rest_missing);
  g_autofree char *unknown = g_strconcat (missing, "&messageId=1", NULL);
  g_autofree char *zero = g_strconcat (missing, "&messageId=0", NULL);
  g_autoptr(Response) r = call (f, "GET", path, NULL);
  JsonObject *message = ok_result (r);

  g_assert_cmpint (json_object_get_int_member (message, "messageId"), ==, message_id);
  g_assert_cmpstr (json_object_get_string_member (message, "sender"), ==,
                   json_object_get_string_member (first, "sender"));
  g_assert_cmpstr (json_object_get_string_member (message, "createdAt"), ==,
                   json_object_get_string_member (first, "createdAt"));

  assert_bad_request (f, "GET", missing, NULL);
  assert_bad_request (f, "GET", zero, NULL);
  {
    g_autoptr(Response) nf = call (f, "GET", unknown, NULL);
    assert_error (nf, 404, "NOT_FOUND");
  }
}

static void
test_send (Fixture       *f,
           gconstpointer  data)
{
  gint64 chat_id = mc_fake_market_find_chat (f->market, f->b1, "WAITING_FOR_PARTNER");
  gint64 finished = mc_fake_market_find_chat (f->market, f->b1, "FINISHED");
  g_autofree char *rest = g_strdup_printf ("/chats/message?chatId=%" G_GINT64_FORMAT, chat_id);
  g_autofree char *path = bpath (f->b1, rest);
  g_autofree char *rest_finished = g_strdup_printf ("/chats/message?chatId=%" G_GINT64_FORMAT, finished);
  g_autofree char *finished_path = bpath (f->b1, rest_finished);
  g_autofree char *no_chat = bpath (f->b1, "/chats/message");
  g_autoptr(JsonObject) before = get_chat (f, chat_id);
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(GPtrArray) history_before = walk_history (f, chat_id, "{}", 100);
  g_autoptr(GPtrArray) history_after = NULL;
  g_auto(GStrv) sent = NULL;
  GString *longest = g_string_new (NULL);
  g_autofree char *longest_body = NULL;
  g_autofree char *too_long_body = NULL;
  gint64 max_before = 0, customer_id, moderated_id;
  JsonObject *newest = NULL;

  for (guint i = 0; i < history_before->len; i++)
    max_before = MAX (max_before, json_object_get_int_member (g_ptr_array_index (history_before, i), "messageId"));

  {
    g_autoptr(Response) r = call (f, "POST", path, "{\"message\": \"Здравствуйте! Отправили заказ сегодня.\"}");
    JsonObject *root;

    g_assert_cmpuint (r->status, ==, 200);
    root = json_node_get_object (r->json);
    g_assert_cmpstr (json_object_get_string_member (root, "status"), ==, "OK");
    g_assert_false (json_object_has_member (root, "result"));
  }

  after = get_chat (f, chat_id);
  g_assert_cmpstr (json_object_get_string_member (after, "status"), ==, "WAITING_FOR_CUSTOMER");
  g_assert_cmpstr (json_object_get_string_member (after, "updatedAt"), >,
                   json_object_get_string_member (before, "updatedAt"));

  history_after = walk_history (f, chat_id, "{}", 100);
  g_assert_cmpuint (history_after->len, ==, history_before->len + 1);
  for (guint i = 0; i < history_after->len; i++)
    if (newest == NULL || json_object_get_int_member (g_ptr_array_index (history_after, i), "messageId") >
                          json_object_get_int_member (newest, "messageId"))
      newest = g_ptr_array_index (history_after, i);
  g_assert_cmpint (json_object_get_int_member (newest, "messageId"), >, max_before);
  g_assert_cmpstr (json_object_get_string_member (newest, "sender"), ==, "PARTNER");
  g_assert_cmpstr (json_object_get_string_member (newest, "message"), ==, "Здравствуйте! Отправили заказ сегодня.");
  g_assert_cmpstr (json_object_get_string_member (newest, "createdAt"), ==,
                   json_object_get_string_member (after, "updatedAt"));

  sent = mc_fake_market_dup_sent (f->market, chat_id);
  g_assert_cmpuint (g_strv_length (sent), ==, 1);
  g_assert_cmpstr (sent[0], ==, "Здравствуйте! Отправили заказ сегодня.");
  g_assert_cmpuint (mc_fake_market_get_request_count (f->market, "sendMessageToChat"), ==, 1);

  /* 4,096 characters, not bytes. */
  for (guint i = 0; i < 4096; i++)
    g_string_append (longest, "ж");
  longest_body = g_strdup_printf ("{\"message\": \"%s\"}", longest->str);
  g_string_append (longest, "ж");
  too_long_body = g_strdup_printf ("{\"message\": \"%s\"}", longest->str);
  g_string_free (longest, TRUE);
  {
    g_autoptr(Response) r = call (f, "POST", path, longest_body);
    g_assert_cmpuint (r->status, ==, 200);
  }
  assert_bad_request (f, "POST", path, too_long_body);
  assert_bad_request (f, "POST", path, "{\"message\": \"\"}");
  assert_bad_request (f, "POST", path, "{}");
  assert_bad_request (f, "POST", path, "{\"message\": 5}");
  assert_bad_request (f, "POST", path, "{\"message\": \"a\"");
  assert_bad_request (f, "POST", no_chat, "{\"message\": \"a\"}");
  assert_bad_request (f, "POST", finished_path, "{\"message\": \"Добрый день\"}");

  customer_id = mc_fake_market_customer_writes (f->market, chat_id, "Спасибо!", 0);
  g_assert_cmpint (customer_id, >, json_object_get_int_member (newest, "messageId"));
  {
    g_autoptr(JsonObject) chat = get_chat (f, chat_id);
    g_assert_cmpstr (json_object_get_string_member (chat, "status"), ==, "WAITING_FOR_PARTNER");
  }

  /* Held by moderation: an old createdAt, a new id, and updatedAt moves. */
  moderated_id = mc_fake_market_customer_writes (f->market, chat_id, "Старое сообщение", FIXED_NOW - G_TIME_SPAN_HOUR);
  g_assert_cmpint (moderated_id, >, customer_id);
  {
    g_autofree char *mrest = g_strdup_printf ("/chats/message?chatId=%" G_GINT64_FORMAT "&messageId=%" G_GINT64_FORMAT,
                                              chat_id, moderated_id);
    g_autofree char *mpath = bpath (f->b1, mrest);
    g_autoptr(Response) r = call (f, "GET", mpath, NULL);
    g_autofree char *expected = NULL;
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (FIXED_NOW / G_USEC_PER_SEC - 3600);
    g_autoptr(GTimeZone) msk = g_time_zone_new_offset (3 * 3600);
    g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, msk);

    expected = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
    g_assert_cmpstr (json_object_get_string_member (ok_result (r), "createdAt"), ==, expected);
  }

  g_assert_cmpint (mc_fake_market_customer_writes (f->market, 1, "нет такого чата", 0), ==, 0);

  {
    gint64 opened = mc_fake_market_customer_opens_chat (f->market, f->b2, "Здравствуйте!");
    g_assert_cmpint (opened, >, 0);
    g_assert_cmpuint (mc_fake_market_get_chat_count (f->market, f->b2), ==, 1 + (150 - mc_fake_market_get_chat_count (f->market, f->b1)));
  }
}

static GBytes *
pattern_bytes (gsize size)
{
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) (i * 7);
  return g_bytes_new_take (data, size);
}

/* A multipart/form-data body with @file in the part @part, named as
 * RFC 7578 wants (filename="…" in UTF-8); libsoup's own form file would
 * use filename*= for a name that is not ASCII. */
static GBytes *
multipart_body (const char  *part,
                const char  *name,
                const char  *content_type,
                GBytes      *file,
                char       **out_type)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  g_autoptr(SoupMessageHeaders) part_headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  g_autofree char *disposition = g_strdup_printf ("form-data; name=\"%s\"; filename=\"%s\"", part, name);
  GBytes *body = NULL;

  soup_message_headers_replace (part_headers, "Content-Disposition", disposition);
  soup_message_headers_replace (part_headers, "Content-Type", content_type);
  soup_multipart_append_part (multipart, part_headers, file);
  soup_multipart_to_message (multipart, headers, &body);
  *out_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));

  return body;
}

static Response *
send_file (Fixture    *f,
           const char *path,
           const char *content_type,
           GBytes     *body)
{
  g_autoptr(SoupMessage) msg = build_message (f, "POST", path, "Api-Key",
                                              mc_fake_market_get_token (f->market, MC_FAKE_TOKEN_CABINET_1));

  soup_message_set_request_body_from_bytes (msg, content_type, body);
  return send_message (f->session, msg);
}

static void
test_file (Fixture       *f,
           gconstpointer  data)
{
  gint64 chat_id = mc_fake_market_find_chat (f->market, f->b1, "WAITING_FOR_PARTNER");
  g_autofree char *rest = g_strdup_printf ("/chats/file/send?chatId=%" G_GINT64_FORMAT, chat_id);
  g_autofree char *path = bpath (f->b1, rest);
  g_autoptr(GBytes) file = pattern_bytes (20000);
  g_autoptr(GPtrArray) history = NULL;
  g_auto(GStrv) sent = NULL;
  const char *url = NULL;

  {
    g_autofree char *type = NULL;
    g_autoptr(GBytes) body = multipart_body ("file", "Счёт №15.pdf", "application/pdf", file, &type);
    g_autoptr(Response) r = send_file (f, path, type, body);

    g_assert_no_error (r->error);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (r->json), "status"), ==, "OK");
    g_assert_false (json_object_has_member (json_node_get_object (r->json), "result"));
  }

  sent = mc_fake_market_dup_sent (f->market, chat_id);
  g_assert_cmpstrv (sent, ((const char * const[]) { "Счёт №15.pdf", NULL }));
  {
    g_autoptr(JsonObject) chat = get_chat (f, chat_id);
    g_assert_cmpstr (json_object_get_string_member (chat, "status"), ==, "WAITING_FOR_CUSTOMER");
  }

  history = walk_history (f, chat_id, "{}", 100);
  for (guint i = 0; i < history->len; i++)
    {
      JsonObject *message = g_ptr_array_index (history, i);
      JsonObject *payload;

      if (!json_object_has_member (message, "payload") ||
          !g_str_equal (json_object_get_string_member (message, "sender"), "PARTNER"))
        continue;

      payload = json_array_get_object_element (json_object_get_array_member (message, "payload"), 0);
      if (g_str_equal (json_object_get_string_member (payload, "name"), "Счёт №15.pdf"))
        {
          g_assert_cmpint (json_object_get_int_member (payload, "size"), ==, 20000);
          g_assert_false (json_object_has_member (message, "message"));
          url = json_object_get_string_member (payload, "url");
        }
    }
  g_assert_nonnull (url);

  {
    g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
    g_autoptr(Response) r = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (msg), "Api-Key",
                                  mc_fake_market_get_token (f->market, MC_FAKE_TOKEN_CABINET_1));
    r = send_message (f->session, msg);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_true (g_bytes_equal (r->body, file));
    g_assert_cmpstr (soup_message_headers_get_content_type (r->headers, NULL), ==, "application/pdf");
  }
  {
    g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
    g_autoptr(Response) r = send_message (f->session, msg);

    assert_error (r, 401, "UNAUTHORIZED");
  }

  {
    g_autoptr(GBytes) big = pattern_bytes (5 * 1024 * 1024 + 1);
    g_autofree char *type = NULL;
    g_autoptr(GBytes) body = multipart_body ("file", "big.png", "image/png", big, &type);
    g_autoptr(Response) r = send_file (f, path, type, body);

    assert_error (r, 400, "BAD_REQUEST");
  }
  {
    g_autoptr(GBytes) exact = pattern_bytes (5 * 1024 * 1024);
    g_autofree char *type = NULL;
    g_autoptr(GBytes) body = multipart_body ("file", "exact.png", "image/png", exact, &type);
    g_autoptr(Response) r = send_file (f, path, type, body);

    g_assert_cmpuint (r->status, ==, 200);
  }
  {
    /* RFC 7578 section 4.2 forbids the RFC 5987 form in form data. */
    g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
    g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
    g_autoptr(GBytes) body = NULL;
    g_autoptr(Response) r = NULL;

    soup_multipart_append_form_file (multipart, "file", "Счёт.pdf", "application/pdf", file);
    soup_multipart_to_message (multipart, headers, &body);
    r = send_file (f, path, soup_message_headers_get_one (headers, "Content-Type"), body);
    assert_error (r, 400, "BAD_REQUEST");
  }
  {
    g_autofree char *type = NULL;
    g_autoptr(GBytes) body = multipart_body ("document", "a.pdf", "application/pdf", file, &type);
    g_autoptr(Response) r = send_file (f, path, type, body);

    assert_error (r, 400, "BAD_REQUEST");
  }
  {
    g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
    g_autoptr(Response) r = send_file (f, path, "application/json", body);

    assert_error (r, 400, "BAD_REQUEST");
  }
  {
    g_auto(GStrv) after = mc_fake_market_dup_sent (f->market, chat_id);
    g_assert_cmpuint (g_strv_length (after), ==, 2);
  }
}

static void
test_download (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) chats = walk_chats (f, f->b1, "{}", 20, NULL);
  guint checked_png = 0, checked_pdf = 0;

  for (guint c = 0; c < chats->len && (checked_png == 0 || checked_pdf == 0); c++)
    {
      gint64 chat_id = json_object_get_int_member (g_ptr_array_index (chats, c), "chatId");
      g_autoptr(GPtrArray) messages = walk_history (f, chat_id, "{}", 100);

      for (guint i = 0; i < messages->len; i++)
        {
          JsonObject *message = g_ptr_array_index (messages, i);
          JsonObject *file;
          const char *url, *name;
          gint64 size;

          if (!json_object_has_member (message, "payload"))
            continue;
          file = json_array_get_object_element (json_object_get_array_member (message, "payload"), 0);
          url = json_object_get_string_member (file, "url");
          name = json_object_get_string_member (file, "name");
          size = json_object_get_int_member (file, "size");

          {
            g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
            g_autoptr(Response) r = NULL;
            gsize length;
            const char *bytes;

            soup_message_headers_replace (soup_message_get_request_headers (msg), "Api-Key",
                                          mc_fake_market_get_token (f->market, MC_FAKE_TOKEN_CABINET_1));
            r = send_message (f->session, msg);
            g_assert_cmpuint (r->status, ==, 200);
            bytes = body_text (r, &length);
            g_assert_cmpuint (length, ==, size);
            if (g_str_has_suffix (name, ".png"))
              {
                g_assert_true (memcmp (bytes, "\x89PNG\r\n\x1a\n", 8) == 0);
                g_assert_true (memcmp (bytes + length - 8, "IEND", 4) == 0);
                checked_png++;
              }
            else
              {
                g_assert_true (memcmp (bytes, "%PDF-1.4", 8) == 0);
                g_assert_true (memcmp (bytes + length - 6, "%%EOF\n", 6) == 0);
                checked_pdf++;
              }
          }
          {
            g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
            g_autoptr(Response) r = NULL;

            soup_message_headers_replace (soup_message_get_request_headers (msg), "Api-Key",
                                          mc_fake_market_get_token (f->market, MC_FAKE_TOKEN_CABINET_2));
            r = send_message (f->session, msg);
            assert_error (r, 404, "NOT_FOUND");
          }
          {
            g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
            g_autoptr(Response) r = send_message (f->session, msg);

            assert_error (r, 401, "UNAUTHORIZED");
          }
        }
    }

  g_assert_cmpuint (checked_png, >, 0);
  g_assert_cmpuint (checked_pdf, >, 0);
}

static void
test_create_chat (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = bpath (f->b1, "/chats/new");
  g_autofree char *path2 = bpath (f->b2, "/chats/new");
  g_autoptr(GPtrArray) chats = walk_chats (f, f->b1, "{\"contextTypes\": [\"ORDER\"]}", 20, NULL);
  JsonObject *existing = g_ptr_array_index (chats, 0);
  gint64 order_id = json_object_get_int_member (json_object_get_object_member (existing, "context"), "orderId");
  guint count = mc_fake_market_get_chat_count (f->market, f->b1);
  gint64 created;

  {
    g_autofree char *body = g_strdup_printf ("{\"context\": {\"type\": \"ORDER\", \"id\": %" G_GINT64_FORMAT "}}", order_id);
    g_autoptr(Response) r = call (f, "POST", path, body);

    g_assert_cmpint (json_object_get_int_member (ok_result (r), "chatId"), ==,
                     json_object_get_int_member (existing, "chatId"));
    g_assert_cmpuint (mc_fake_market_get_chat_count (f->market, f->b1), ==, count);
  }
  {
    /* Another cabinet's order is not this cabinet's to talk about. */
    g_autofree char *body = g_strdup_printf ("{\"context\": {\"type\": \"ORDER\", \"id\": %" G_GINT64_FORMAT "}}", order_id);
    g_autoptr(Response) r = call_as (f, MC_FAKE_TOKEN_CABINET_2, "POST", path2, body);

    assert_error (r, 404, "NOT_FOUND");
  }
  {
    g_autoptr(Response) r = call (f, "POST", path, "{\"context\": {\"type\": \"ORDER\", \"id\": 12345}}");
    g_autoptr(Response) again = call (f, "POST", path, "{\"context\": {\"type\": \"ORDER\", \"id\": 12345}}");
    g_autoptr(GPtrArray) found = walk_chats (f, f->b1, "{\"orderIds\": [12345]}", 10, NULL);
    g_autoptr(JsonObject) chat = NULL;

    created = json_object_get_int_member (ok_result (r), "chatId");
    g_assert_cmpint (json_object_get_int_member (ok_result (again), "chatId"), ==, created);
    g_assert_cmpuint (mc_fake_market_get_chat_count (f->market, f->b1), ==, count + 1);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (found, 0), "chatId"), ==, created);
    chat = get_chat (f, created);
    g_assert_cmpstr (json_object_get_string_member (chat, "status"), ==, "NEW");
    {
      g_autoptr(GPtrArray) history = walk_history (f, created, "{}", 10);
      g_assert_cmpuint (history->len, ==, 0);
    }
  }
  {
    g_autoptr(Response) r = call (f, "POST", path, "{\"context\": {\"type\": \"RETURN\", \"id\": 777}}");
    g_assert_cmpint (json_object_get_int_member (ok_result (r), "chatId"), >, created);
  }
  {
    g_autoptr(Response) r = call (f, "POST", path, "{\"orderId\": 12345}");
    g_assert_cmpint (json_object_get_int_member (ok_result (r), "chatId"), ==, created);
  }

  assert_bad_request (f, "POST", path, "{}");
  assert_bad_request (f, "POST", path, "{\"context\": {\"type\": \"DIRECT\", \"id\": 5}}");
  assert_bad_request (f, "POST", path, "{\"context\": {\"type\": \"ORDER\", \"id\": 0}}");
  assert_bad_request (f, "POST", path, "{\"context\": {\"type\": \"ORDER\", \"id\": \"5\"}}");
  assert_bad_request (f, "POST", path, "{\"context\": 5}");
  assert_bad_request (f, "POST", path, "not json");
}

static gint64
header_int (Response   *response,
            const char *name)
{
  const char *value = soup_message_headers_get_one (response->headers, name);

  g_assert_nonnull (value);
  return g_ascii_strtoll (value, NULL, 10);
}

static void
assert_until (Response *response)
{
  const char *until = soup_message_headers_get_one (response->headers, "X-RateLimit-Resource-Until");
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_assert_nonnull (until);
  g_assert_true (g_str_has_suffix (until, " GMT"));
  date = soup_date_time_new_from_http_string (until);
  g_assert_nonnull (date);
  g_assert_cmpint (g_date_time_compare (date, now), >, 0);
  g_assert_cmpint (g_date_time_difference (date, now), <=, G_TIME_SPAN_HOUR);
}

static void
test_limits (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = bpath (f->b1, "/chats");
  g_autofree char *bad = bpath (f->b1, "/chats?limit=0");
  gint64 chat_id = mc_fake_market_find_chat (f->market, f->b1, "NEW");
  g_autofree char *rest = g_strdup_printf ("/chat?chatId=%" G_GINT64_FORMAT, chat_id);
  g_autofree char *chat_path = bpath (f->b1, rest);

  {
    g_autoptr(Response) r = call (f, "POST", path, "{}");
    g_autoptr(Response) r2 = call (f, "POST", bad, "{}");
    g_autoptr(Response) r3 = call (f, "POST", path, "{}");
    g_autoptr(Response) c = call (f, "GET", "/v2/campaigns", NULL);
    g_autoptr(Response) t = call (f, "POST", "/v2/auth/token", NULL);

    g_assert_cmpint (header_int (r, "X-RateLimit-Resource-Limit"), ==, 5000);
    g_assert_cmpint (header_int (r, "X-RateLimit-Resource-Remaining"), ==, 4999);
    /* A 4xx counts against the budget too. */
    g_assert_cmpuint (r2->status, ==, 400);
    g_assert_cmpint (header_int (r2, "X-RateLimit-Resource-Remaining"), ==, 4998);
    g_assert_cmpint (header_int (r3, "X-RateLimit-Resource-Remaining"), ==, 4997);
    assert_until (r);
    assert_until (r2);
    g_assert_cmpint (header_int (c, "X-RateLimit-Resource-Limit"), ==, 1000);
    g_assert_cmpint (header_int (t, "X-RateLimit-Resource-Limit"), ==, 100);
    assert_until (c);
  }

  mc_fake_market_reset_counters (f->market);
  mc_fake_market_set_budget_scale (f->market, 0.002);   /* getChats: 10, getChat: 2 */

  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(Response) r = call (f, "POST", path, "{}");

      g_assert_cmpuint (r->status, ==, 200);
      g_assert_cmpint (header_int (r, "X-RateLimit-Resource-Limit"), ==, 10);
      g_assert_cmpint (header_int (r, "X-RateLimit-Resource-Remaining"), ==, 9 - i);
    }
  {
    g_autoptr(Response) r = call (f, "POST", path, "{}");

    assert_error (r, 420, "LIMIT_EXCEEDED");
    g_assert_cmpint (header_int (r, "X-RateLimit-Resource-Remaining"), ==, 0);
    assert_until (r);
  }
  {
    /* Budgets are per method. */
    g_autoptr(Response) r = call (f, "GET", chat_path, NULL);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpint (header_int (r, "X-RateLimit-Resource-Limit"), ==, 2);
  }
  {
    /* ... and per cabinet. */
    g_autofree char *path2 = bpath (f->b2, "/chats");
    g_autoptr(Response) r = call_as (f, MC_FAKE_TOKEN_CABINET_2, "POST", path2, "{}");
    g_assert_cmpuint (r->status, ==, 200);
  }
  g_assert_cmpuint (mc_fake_market_get_request_count (f->market, "getChats"), ==, 12);
  g_assert_cmpuint (mc_fake_market_get_request_count (f->market, "getChat"), ==, 1);
}

typedef struct
{
  guint done;
  guint ok;
  guint limited;
} Concurrent;

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Concurrent *state = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);

  g_assert_nonnull (body);
  if (soup_message_get_status (msg) == 200)
    state->ok++;
  else if (soup_message_get_status (msg) == 420)
    {
      g_assert_nonnull (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                      "X-RateLimit-Resource-Until"));
      g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "\"ERROR\""));
      state->limited++;
    }
  state->done++;
}

static void
test_in_flight (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = bpath (f->b1, "/chats");
  Concurrent state = { 0 };
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_cmpuint (mc_fake_market_get_peak_in_flight (f->market, f->b1), ==, 0);
  mc_fake_market_set_latency (f->market, 400);

  for (guint i = 0; i < 5; i++)
    {
      SoupMessage *msg = build_message (f, "POST", path, "Api-Key",
                                        mc_fake_market_get_token (f->market, MC_FAKE_TOKEN_CABINET_1));
      g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);

      soup_message_set_request_body_from_bytes (msg, "application/json", body);
      g_ptr_array_add (messages, msg);
      soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, on_sent, &state);
    }

  while (state.done < 5)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (state.ok, ==, 4);
  g_assert_cmpuint (state.limited, ==, 1);
  g_assert_cmpuint (mc_fake_market_get_peak_in_flight (f->market, f->b1), ==, 4);
  g_assert_cmpuint (mc_fake_market_get_peak_in_flight (f->market, f->b2), ==, 0);

  /* Once answered, requests are no longer in flight. */
  mc_fake_market_set_latency (f->market, 0);
  mc_fake_market_reset_counters (f->market);
  {
    g_autoptr(Response) r = call (f, "POST", path, "{}");
    g_assert_cmpuint (r->status, ==, 200);
  }
  g_assert_cmpuint (mc_fake_market_get_peak_in_flight (f->market, f->b1), ==, 1);
  g_assert_cmpuint (mc_fake_market_get_request_count (f->market, "getChats"), ==, 1);
}

static void
test_faults (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = bpath (f->b1, "/chats");
  gint64 chat_id = mc_fake_market_find_chat (f->market, f->b1, "NEW");
  g_autofree char *rest = g_strdup_printf ("/chats/history?chatId=%" G_GINT64_FORMAT, chat_id);
  g_autofree char *history = bpath (f->b1, rest);
  gint64 remaining;

  {
    g_autoptr(Response) r = call (f, "POST", path, "{}");
    remaining = header_int (r, "X-RateLimit-Resource-Remaining");
  }

  mc_fake_market_inject_fault (f->market, "/chats", MC_FAKE_FAULT_STATUS, 500, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(Response) r = call (f, "POST", path, "{}");

      assert_error (r, 500, "INTERNAL_ERROR");
      /* 5xx answers do not count. */
      g_assert_cmpint (header_int (r, "X-RateLimit-Resource-Remaining"), ==, remaining);
    }
  {
    g_autoptr(Response) r = call (f, "POST", path, "{}");
    ok_result (r);
  }

  mc_fake_market_inject_fault (f->market, NULL, MC_FAKE_FAULT_STATUS_NO_HEADERS, 420, 1);
  {
    g_autoptr(Response) r = call (f, "POST", path, "{}");

    assert_error (r, 420, "LIMIT_EXCEEDED");
    g_assert_null (soup_message_headers_get_one (r->headers, "X-RateLimit-Resource-Until"));
  }

  mc_fake_market_inject_fault (f->market, "/chats", MC_FAKE_FAULT_MALFORMED_JSON, 0, 1);
  {
    g_autoptr(Response) r = call (f, "POST", path, "{}");

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_nonnull (r->body);
    g_assert_null (r->json);
  }

  mc_fake_market_inject_fault (f->market, "/chats", MC_FAKE_FAULT_HTML, 503, 1);
  {
    g_autoptr(Response) r = call (f, "POST", path, "{}");
    gsize size;
    const char *text;

    g_assert_cmpuint (r->status, ==, 503);
    g_assert_cmpstr (soup_message_headers_get_content_type (r->headers, NULL), ==, "text/html");
    text = body_text (r, &size);
    g_assert_nonnull (g_strstr_len (text, size, "<html>"));
  }

  /* A fault for another path leaves this one alone. */
  mc_fake_market_inject_fault (f->market, "/history", MC_FAKE_FAULT_STATUS, 503, 1);
  {
    g_autoptr(Response) r = call (f, "POST", path, "{}");
    g_autoptr(Response) h = call (f, "POST", history, "{}");
    g_autoptr(Response) h2 = call (f, "POST", history, "{}");

    ok_result (r);
    g_assert_cmpuint (h->status, ==, 503);
    ok_result (h2);
  }

  mc_fake_market_inject_fault (f->market, "/chats", MC_FAKE_FAULT_TRUNCATED, 0, 1);
  {
    g_autoptr(Response) r = call (f, "POST", path, "{}");
    /* libsoup may hand over the short body without an error. */
    if (r->error == NULL)
      {
        g_assert_null (r->json);
        g_assert_cmpint (soup_message_headers_get_content_length (r->headers), >,
                         g_bytes_get_size (r->body));
      }
  }

  mc_fake_market_inject_fault (f->market, "/chats", MC_FAKE_FAULT_DROP, 0, 1);
  {
    g_autoptr(Response) r = call (f, "POST", path, "{}");
    g_assert_nonnull (r->error);
  }

  /* The same with latency, when the message was paused first. */
  mc_fake_market_set_latency (f->market, 50);
  mc_fake_market_inject_fault (f->market, "/chats", MC_FAKE_FAULT_DROP, 0, 1);
  {
    g_autoptr(Response) r = call (f, "POST", path, "{}");
    g_assert_nonnull (r->error);
  }
  mc_fake_market_inject_fault (f->market, "/chats", MC_FAKE_FAULT_STATUS, 502, 1);
  {
    g_autoptr(Response) r = call (f, "POST", path, "{}");
    assert_error (r, 502, "INTERNAL_ERROR");
  }
  mc_fake_market_set_latency (f->market, 0);

  mc_fake_market_inject_fault (f->market, "/chats", MC_FAKE_FAULT_HANG, 0, 1);
  {
    g_autoptr(SoupSession) impatient = soup_session_new_with_options ("timeout", 1, NULL);
    g_autoptr(SoupMessage) msg = build_message (f, "POST", path, "Api-Key",
                                                mc_fake_market_get_token (f->market, MC_FAKE_TOKEN_CABINET_1));
    g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
    g_autoptr(Response) r = NULL;

    soup_message_set_request_body_from_bytes (msg, "application/json", body);
    r = send_message (impatient, msg);
    g_assert_error (r->error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  }

  mc_fake_market_inject_fault (f->market, NULL, MC_FAKE_FAULT_STATUS, 500, 10);
  mc_fake_market_clear_faults (f->market);
  {
    g_autoptr(Response) r = call (f, "POST", path, "{}");
    ok_result (r);
  }

  /* A request left hanging is released when the server stops. */
  mc_fake_market_inject_fault (f->market, "/chats", MC_FAKE_FAULT_HANG, 0, 1);
  {
    g_autoptr(SoupMessage) msg = build_message (f, "POST", path, "Api-Key",
                                                mc_fake_market_get_token (f->market, MC_FAKE_TOKEN_CABINET_1));
    g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
    Concurrent state = { 0 };

    soup_message_set_request_body_from_bytes (msg, "application/json", body);
    soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, on_sent, &state);
    while (mc_fake_market_get_request_count (f->market, "getChats") < 15)
      g_main_context_iteration (NULL, FALSE);
    g_usleep (50000);
    mc_fake_market_stop (f->market);
    while (state.done < 1)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 503);
  }
}

static void
test_determinism (void)
{
  g_autoptr(McFakeMarket) a = mc_fake_market_new_at (7, 0, FIXED_NOW);
  g_autoptr(McFakeMarket) b = mc_fake_market_new_at (7, 0, FIXED_NOW);
  g_autoptr(McFakeMarket) c = mc_fake_market_new_at (8, 0, FIXED_NOW);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GError) error = NULL;
  McFakeMarket *markets[] = { a, b, c };
  char *bodies[3][2] = { { NULL, } };

  for (guint m = 0; m < 3; m++)
    {
      g_autofree char *token = NULL;

      g_assert_true (mc_fake_market_start (markets[m], 0, &error));
      g_assert_no_error (error);

      for (guint page = 0; page < 2; page++)
        {
          g_autofree char *url = NULL;
          g_autoptr(SoupMessage) msg = NULL;
          g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
          g_autoptr(GBytes) answer = NULL;
          g_autoptr(JsonParser) parser = json_parser_new ();
          JsonObject *paging;

          if (token == NULL)
            url = g_strdup_printf ("%s/v2/businesses/%" G_GINT64_FORMAT "/chats?limit=20",
                                   mc_fake_market_get_url (markets[m]),
                                   mc_fake_market_get_business_id (markets[m], 1));
          else
            url = g_strdup_printf ("%s/v2/businesses/%" G_GINT64_FORMAT "/chats?limit=20&pageToken=%s",
                                   mc_fake_market_get_url (markets[m]),
                                   mc_fake_market_get_business_id (markets[m], 1), token);
          msg = soup_message_new ("POST", url);
          soup_message_headers_replace (soup_message_get_request_headers (msg), "Api-Key",
                                        mc_fake_market_get_token (markets[m], MC_FAKE_TOKEN_CABINET_1));
          soup_message_set_request_body_from_bytes (msg, "application/json", body);
          answer = soup_session_send_and_read (session, msg, NULL, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
          bodies[m][page] = g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));

          g_assert_true (json_parser_load_from_data (parser, bodies[m][page], -1, NULL));
          paging = json_object_get_object_member (json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "result"), "paging");
          g_free (token);
          token = g_uri_escape_string (json_object_get_string_member (paging, "nextPageToken"), NULL, TRUE);
        }
    }

  g_assert_cmpstr (bodies[0][0], ==, bodies[1][0]);
  g_assert_cmpstr (bodies[0][1], ==, bodies[1][1]);
  g_assert_cmpstr (bodies[0][0], !=, bodies[2][0]);
  g_assert_cmpstr (mc_fake_market_get_token (a, MC_FAKE_TOKEN_CABINET_1), ==,
                   mc_fake_market_get_token (b, MC_FAKE_TOKEN_CABINET_1));
  g_assert_cmpint (mc_fake_market_get_business_id (a, 2), ==, mc_fake_market_get_business_id (b, 2));
  g_assert_cmpint (mc_fake_market_get_business_id (a, 1), !=, mc_fake_market_get_business_id (c, 1));

  for (guint m = 0; m < 3; m++)
    {
      mc_fake_market_stop (markets[m]);
      g_free (bodies[m][0]);
      g_free (bodies[m][1]);
    }
}

/* A snapshot of chat id -> updatedAt of both cabinets. */
static GHashTable *
snapshot (Fixture *f)
{
  GHashTable *table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  gint64 businesses[] = { f->b1, f->b2 };

  for (guint b = 0; b < 2; b++)
    {
      g_autoptr(GPtrArray) chats = walk_chats (f, businesses[b], "{}", 20, NULL);

      for (guint i = 0; i < chats->len; i++)
        {
          JsonObject *chat = g_ptr_array_index (chats, i);

          g_hash_table_insert (table, g_memdup2 (&(gint64) { json_object_get_int_member (chat, "chatId") }, sizeof (gint64)),
                               g_strdup (json_object_get_string_member (chat, "updatedAt")));
        }
    }

  return table;
}

static void
test_life (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GHashTable) before = snapshot (f);
  g_autoptr(GHashTable) after = NULL;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gboolean changed = FALSE;

  mc_fake_market_set_life (f->market, 1, 1);

  while (!changed && g_get_monotonic_time () < deadline)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_usleep (G_USEC_PER_SEC / 4);
      g_clear_pointer (&after, g_hash_table_unref);
      after = snapshot (f);

      changed = g_hash_table_size (after) != g_hash_table_size (before);
      g_hash_table_iter_init (&iter, after);
      while (!changed && g_hash_table_iter_next (&iter, &key, &value))
        changed = g_strcmp0 (g_hash_table_lookup (before, key), value) != 0;
    }

  mc_fake_market_set_life (f->market, 0, 0);
  g_assert_true (changed);
}

static void
test_large (void)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(McFakeMarket) market = mc_fake_market_new_at (3, 100000, FIXED_NOW);
  gint64 elapsed = g_get_monotonic_time () - start;
  gint64 b1 = mc_fake_market_get_business_id (market, 1);
  gint64 b2 = mc_fake_market_get_business_id (market, 2);

  g_test_message ("100,000 chats generated in %" G_GINT64_FORMAT " ms", elapsed / 1000);
  g_assert_cmpuint (mc_fake_market_get_chat_count (market, b1) + mc_fake_market_get_chat_count (market, b2), ==, 100000);
  g_assert_cmpuint (mc_fake_market_get_chat_count (market, b1), >, mc_fake_market_get_chat_count (market, b2));
  g_assert_cmpint (mc_fake_market_find_chat (market, b2, "WAITING_FOR_ARBITER"), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/demo/campaigns", test_campaigns);
  ADD ("/demo/auth-token", test_auth_token);
  ADD ("/demo/auth", test_auth);
  ADD ("/demo/chats/paging", test_chats_paging);
  ADD ("/demo/chats/filters", test_chats_filters);
  ADD ("/demo/chat", test_get_chat);
  ADD ("/demo/history", test_history);
  ADD ("/demo/message", test_get_message);
  ADD ("/demo/send", test_send);
  ADD ("/demo/file", test_file);
  ADD ("/demo/download", test_download);
  ADD ("/demo/create-chat", test_create_chat);
  ADD ("/demo/limits", test_limits);
  ADD ("/demo/in-flight", test_in_flight);
  ADD ("/demo/faults", test_faults);
  ADD ("/demo/life", test_life);
#undef ADD
  g_test_add_func ("/demo/determinism", test_determinism);
  g_test_add_func ("/demo/large", test_large);

  return g_test_run ();
}
