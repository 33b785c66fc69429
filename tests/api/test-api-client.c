/* test-api-client.c: McApiClient against the fake Market and tiny servers.
 *
 * The fake Market runs on a thread of its own; the tiny SoupServers here run
 * on the test's main context and answer what the fake never would (repeated
 * page tokens, unknown enum values, broken objects, redirects, a 420 that
 * ends in two seconds).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "mc-api-client.h"
#include "mc-api-parse.h"
#include "mc-fake-market.h"
#include "mc-test-util.h"

#define SEED 42

/* Every token a test hands to a client; none may reach a log line. */
static GPtrArray *secret_tokens;
static gboolean   token_logged;
static guint      api_lines;

static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      g_autofree char *value = NULL;

      if (fields[i].length < 0)
        value = g_strdup (fields[i].value);
      else
        value = g_strndup (fields[i].value, fields[i].length);

      for (guint j = 0; j < secret_tokens->len; j++)
        if (strstr (value, g_ptr_array_index (secret_tokens, j)) != NULL)
          token_logged = TRUE;

      if (g_str_equal (fields[i].key, "GLIB_DOMAIN") && g_str_equal (value, "mc-api"))
        api_lines++;
    }

  /* Debug lines are only checked, not shown, to keep the TAP output short. */
  if ((level & G_LOG_LEVEL_DEBUG) != 0)
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (level, fields, n_fields, user_data);
}

/* Helpers */

typedef struct
{
  McFakeMarket *market;
  McApiClient  *client;
  gint64        business_id;
} Fixture;

static McApiClient *
new_client (const char  *url,
            McAuthKind   kind,
            const char  *token)
{
  g_autoptr(GError) error = NULL;
  McApiClient *client;

  g_ptr_array_add (secret_tokens, g_strdup (token));
  client = mc_api_client_new (url, kind, token, &error);
  g_assert_no_error (error);
  g_assert_nonnull (client);
  mc_api_client_set_backoff_scale (client, 0.01);

  return client;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  guint n_chats = GPOINTER_TO_UINT (data);

  fixture->market = mc_test_start_market (mc_fake_market_new (SEED, n_chats));

  fixture->business_id = mc_fake_market_get_business_id (fixture->market, 1);
  fixture->client = new_client (mc_fake_market_get_url (fixture->market),
                                MC_AUTH_KIND_API_KEY,
                                mc_fake_market_get_token (fixture->market, MC_FAKE_TOKEN_CABINET_1));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->client);
  mc_test_stop_market (fixture->market);
}

static GPtrArray *
get_all_chats (McApiClient         *client,
               gint64               business_id,
               const McChatFilter  *filter,
               GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mc_api_client_get_all_chats_async (client, business_id, filter, NULL, mc_test_store_result, &result);

  return mc_api_client_get_all_chats_finish (client, mc_test_wait_for (&result), error);
}

static McChat *
get_chat (McApiClient  *client,
          gint64        business_id,
          gint64        chat_id,
          GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mc_api_client_get_chat_async (client, business_id, chat_id, NULL, mc_test_store_result, &result);

  return mc_api_client_get_chat_finish (client, mc_test_wait_for (&result), error);
}

static gboolean
send_message (McApiClient  *client,
              gint64        business_id,
              gint64        chat_id,
              const char   *text,
              GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mc_api_client_send_message_async (client, business_id, chat_id, text, NULL, mc_test_store_result, &result);

  return mc_api_client_send_message_finish (client, mc_test_wait_for (&result), error);
}

static gboolean
send_file (McApiClient  *client,
           gint64        business_id,
           gint64        chat_id,
           GFile        *file,
           GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mc_api_client_send_file_async (client, business_id, chat_id, file, NULL, mc_test_store_result, &result);

  return mc_api_client_send_file_finish (client, mc_test_wait_for (&result), error);
}

static gboolean
strv_contains (GStrv       strv,
               const char *value)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, value);
}

static gint64
any_chat (Fixture *fixture)
{
  gint64 chat_id = mc_fake_market_find_chat (fixture->market, fixture->business_id, "NEW");

  if (chat_id == 0)
    chat_id = mc_fake_market_find_chat (fixture->market, fixture->business_id, "WAITING_FOR_PARTNER");
  if (chat_id == 0)
    chat_id = mc_fake_market_find_chat (fixture->market, fixture->business_id, "WAITING_FOR_CUSTOMER");
  g_assert_cmpint (chat_id, >, 0);

  return chat_id;
}

/* A tiny server on the main context */

typedef struct
{
  SoupServer *server;
  char       *url;
  guint       hits;
  guint       hits_with_auth;
  gint64      until;
} Tiny;

static const char *
tiny_chats_page (const char *path)
{
  if (g_str_has_suffix (path, "/repeat/v2/businesses/1/chats"))
    return "{\"status\":\"OK\",\"result\":{\"chats\":[{\"chatId\":7,\"type\":\"CHAT\","
           "\"status\":\"NEW\",\"createdAt\":\"2024-01-01T10:00:00+03:00\","
           "\"updatedAt\":\"2024-01-01T10:00:00+03:00\",\"context\":{\"type\":\"DIRECT\"}}],"
           "\"paging\":{\"nextPageToken\":\"same-token\"}}}";

  return "{\"status\":\"OK\",\"result\":{\"chats\":["
         "{\"chatId\":1,\"type\":\"CHAT\",\"status\":\"SOMETHING_NEWER\","
         "\"createdAt\":\"2024-01-01T10:00:00+03:00\",\"updatedAt\":\"2024-01-01T10:00:00+03:00\","
         "\"context\":{\"type\":\"ORDER\",\"orderId\":11,\"campaignId\":5}},"
         "{\"chatId\":2,\"type\":\"CHAT\",\"status\":\"NEW\","
         "\"createdAt\":\"2024-01-01T10:00:00+03:00\",\"updatedAt\":\"2024-01-01T10:00:00+03:00\","
         "\"context\":\"broken\"},"
         "{\"chatId\":3,\"type\":\"ARBITRAGE\",\"status\":\"FINISHED\","
         "\"createdAt\":\"2024-01-01T10:00:00+03:00\",\"updatedAt\":\"2024-01-02T10:00:00Z\","
         "\"context\":{\"type\":\"DIRECT\"}}],"
         "\"paging\":{}}}";
}

static void
tiny_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Tiny *tiny = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  tiny->hits++;
  if (soup_message_headers_get_one (request_headers, "Api-Key") != NULL ||
      soup_message_headers_get_one (request_headers, "Authorization") != NULL)
    tiny->hits_with_auth++;

  if (g_str_has_suffix (path, "/chats"))
    {
      const char *body = tiny_chats_page (path);

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        body, strlen (body));
    }
  else if (g_str_has_suffix (path, "/chat"))
    {
      g_autoptr(GDateTime) until = g_date_time_new_from_unix_utc (tiny->until / G_USEC_PER_SEC);
      g_autofree char *until_text = soup_date_time_to_string (until, SOUP_DATE_HTTP);
      const char *body = "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"LIMIT_EXCEEDED\","
                         "\"message\":\"Hit rate limit of 1000 requests per 1 hour\"}]}";

      soup_message_headers_replace (headers, "X-RateLimit-Resource-Limit", "1000");
      soup_message_headers_replace (headers, "X-RateLimit-Resource-Remaining", "0");
      soup_message_headers_replace (headers, "X-RateLimit-Resource-Until", until_text);
      soup_server_message_set_status (msg, 420, "Enhance Your Calm");
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        body, strlen (body));
    }
  else if (g_str_has_suffix (path, "/redirect"))
    {
      g_autofree char *location = g_strdup_printf ("http://localhost:%s/file",
                                                   strrchr (tiny->url, ':') + 1);

      soup_server_message_set_redirect (msg, 302, location);
    }
  else if (g_str_has_suffix (path, "/file"))
    {
      static const char file[] = "attachment bytes";

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/octet-stream", SOUP_MEMORY_STATIC,
                                        file, sizeof file - 1);
    }
  else
    {
      soup_server_message_set_status (msg, 404, NULL);
    }
}

static Tiny *
tiny_new (void)
{
  g_autoptr(GError) error = NULL;
  Tiny *tiny = g_new0 (Tiny, 1);
  GSList *uris;

  tiny->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (tiny->server, NULL, tiny_handler, tiny, NULL);
  soup_server_listen_local (tiny->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (tiny->server);
  g_assert_nonnull (uris);
  tiny->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return tiny;
}

static void
tiny_free (Tiny *tiny)
{
  soup_server_disconnect (tiny->server);
  g_assert_finalize_object (tiny->server);
  g_free (tiny->url);
  g_free (tiny);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Tiny, tiny_free)

/* Tests */

static void
test_url_policy (void)
{
  static const char *allowed[] = {
    MC_API_DEFAULT_URL,
    "https://example.com/api",
    "http://127.0.0.1:8080",
    "http://127.1.2.3",
    "http://localhost:3000",
    "http://[::1]:8080",
  };
  static const char *refused[] = {
    "http://example.com",
    "http://10.0.0.1",
    "ftp://127.0.0.1",
    "not a url",
    "",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(McApiClient) client = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_assert_true (mc_api_url_is_allowed (allowed[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (mc_api_url_is_allowed (refused[i], &error));
      g_assert_error (error, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT);
      g_clear_error (&error);
    }

  client = mc_api_client_new ("http://example.com", MC_AUTH_KIND_API_KEY, "secret", &error);
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT);
  g_assert_null (client);
  g_clear_error (&error);

  client = mc_api_client_new ("http://127.0.0.1:1/", MC_AUTH_KIND_API_KEY, "secret", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mc_api_client_get_base_url (client), ==, "http://127.0.0.1:1");
}

static void
test_methods (void)
{
  g_assert_cmpuint (mc_api_method_get_hourly_budget (MC_API_METHOD_GET_CHATS), ==, 5000);
  g_assert_cmpuint (mc_api_method_get_hourly_budget (MC_API_METHOD_GET_CHAT_HISTORY), ==, 10000);
  g_assert_cmpuint (mc_api_method_get_hourly_budget (MC_API_METHOD_AUTH_TOKEN), ==, 100);
  g_assert_cmpuint (mc_api_method_get_hourly_budget (MC_API_METHOD_SEND_MESSAGE), ==, 1000);
  g_assert_cmpuint (mc_api_method_get_hourly_budget (MC_API_METHOD_DOWNLOAD), ==, 0);
  g_assert_cmpstr (mc_api_method_get_name (MC_API_METHOD_GET_CHATS), ==, "getChats");
  g_assert_cmpstr (mc_api_method_get_name (MC_API_METHOD_SEND_FILE), ==, "sendFileToChat");

  for (guint i = 0; i < MC_API_N_METHODS; i++)
    g_assert_nonnull (mc_api_method_get_display_name (i));
  g_assert_cmpstr (mc_api_method_get_display_name (MC_API_METHOD_SEND_MESSAGE), ==, "sending messages");
}

static void
test_campaigns (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) campaigns = NULL;
  g_autoptr(GError) error = NULL;

  mc_api_client_get_campaigns_async (fixture->client, NULL, mc_test_store_result, &result);
  campaigns = mc_api_client_get_campaigns_finish (fixture->client, mc_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (campaigns->len, ==, 2);

  for (guint i = 0; i < campaigns->len; i++)
    g_assert_cmpint (mc_campaign_get_business_id (g_ptr_array_index (campaigns, i)), ==,
                     fixture->business_id);

  g_assert_cmpuint (mc_api_client_get_request_count (fixture->client, MC_API_METHOD_GET_CAMPAIGNS), ==, 1);
  g_assert_cmpuint (mc_api_client_get_used_in_hour (fixture->client, MC_API_METHOD_GET_CAMPAIGNS), ==, 1);
  g_assert_cmpint (mc_api_client_get_remaining (fixture->client, MC_API_METHOD_GET_CAMPAIGNS), >=, 0);
}

static void
test_oauth (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(McApiClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) campaigns = NULL;
  g_autoptr(GError) error = NULL;

  client = new_client (mc_fake_market_get_url (fixture->market), MC_AUTH_KIND_OAUTH,
                       mc_fake_market_get_token (fixture->market, MC_FAKE_TOKEN_OAUTH));
  mc_api_client_get_campaigns_async (client, NULL, mc_test_store_result, &result);
  campaigns = mc_api_client_get_campaigns_finish (client, mc_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (campaigns->len, >, 0);
  g_clear_object (&result);
  g_clear_pointer (&campaigns, g_ptr_array_unref);

  /* The Bearer token must not pass as an Api-Key. */
  g_clear_object (&client);
  client = new_client (mc_fake_market_get_url (fixture->market), MC_AUTH_KIND_API_KEY,
                       mc_fake_market_get_token (fixture->market, MC_FAKE_TOKEN_OAUTH));
  mc_api_client_get_campaigns_async (client, NULL, mc_test_store_result, &result);
  campaigns = mc_api_client_get_campaigns_finish (client, mc_test_wait_for (&result), &error);
  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, MC_API_ERROR, MC_API_ERROR_UNAUTHORIZED) ||
                 g_error_matches (error, MC_API_ERROR, MC_API_ERROR_FORBIDDEN));
  g_assert_null (campaigns);
}

static void
test_check_token (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(McApiClient) read_only = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McTokenInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  mc_api_client_check_token_async (fixture->client, NULL, mc_test_store_result, &result);
  info = mc_api_client_check_token_finish (fixture->client, mc_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (info->name);
  g_assert_true (mc_token_info_can_send (info));
  g_assert_true (mc_token_info_can_read (info));
  g_clear_pointer (&info, mc_token_info_free);
  g_clear_object (&result);

  read_only = new_client (mc_fake_market_get_url (fixture->market), MC_AUTH_KIND_API_KEY,
                          mc_fake_market_get_token (fixture->market, MC_FAKE_TOKEN_READ_ONLY));
  mc_api_client_check_token_async (read_only, NULL, mc_test_store_result, &result);
  info = mc_api_client_check_token_finish (read_only, mc_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_false (mc_token_info_can_send (info));
  g_assert_true (mc_token_info_can_read (info));
}

static void
test_chats_paging (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GError) error = NULL;
  guint expected = mc_fake_market_get_chat_count (fixture->market, fixture->business_id);

  g_assert_cmpuint (expected, >, 100);

  chats = get_all_chats (fixture->client, fixture->business_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chats->len, ==, expected);

  for (guint i = 0; i < chats->len; i++)
    {
      McChat *chat = g_ptr_array_index (chats, i);
      gint64 id = mc_chat_get_chat_id (chat);

      g_assert_cmpint (mc_chat_get_business_id (chat), ==, fixture->business_id);
      g_assert_false (g_hash_table_contains (ids, &id));
      g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
    }

  /* Pages of 20: one request per page. */
  g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, "getChats"), ==,
                    (expected + 19) / 20);
}

static void
test_chats_filter (Fixture       *fixture,
                   gconstpointer  data)
{
  static const McChatStatus statuses[] = { MC_CHAT_STATUS_NEW, MC_CHAT_STATUS_WAITING_FOR_PARTNER };
  McChatFilter filter = { .statuses = statuses, .n_statuses = G_N_ELEMENTS (statuses) };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McChatPage) page = NULL;
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GError) error = NULL;

  mc_api_client_get_chats_async (fixture->client, fixture->business_id, NULL, NULL, 5,
                                 NULL, mc_test_store_result, &result);
  page = mc_api_client_get_chats_finish (fixture->client, mc_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->chats->len, ==, 5);
  g_assert_nonnull (page->next_page_token);
  g_assert_cmpuint (page->rejected->len, ==, 0);

  chats = get_all_chats (fixture->client, fixture->business_id, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chats->len, >, 0);
  g_assert_cmpuint (chats->len, <, mc_fake_market_get_chat_count (fixture->market, fixture->business_id));

  for (guint i = 0; i < chats->len; i++)
    g_assert_true (mc_chat_needs_reply (g_ptr_array_index (chats, i)));
}

static void
test_chat_and_history (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McHistoryPage) history = NULL;
  g_autoptr(McHistoryPage) later = NULL;
  g_autoptr(McMessage) message = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(McChat) chat = NULL;
  g_autoptr(GError) error = NULL;
  gint64 chat_id = any_chat (fixture);
  gint64 newest = 0;
  gint64 new_id;

  chat = get_chat (fixture->client, fixture->business_id, chat_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mc_chat_get_chat_id (chat), ==, chat_id);
  g_assert_nonnull (mc_chat_get_context (chat));

  mc_api_client_get_all_history_async (fixture->client, fixture->business_id, chat_id, 0,
                                       NULL, mc_test_store_result, &result);
  history = mc_api_client_get_all_history_finish (fixture->client, mc_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->messages->len, >, 0);
  g_assert_null (history->next_page_token);
  g_clear_object (&result);

  for (guint i = 0; i < history->messages->len; i++)
    {
      McMessage *m = g_ptr_array_index (history->messages, i);
      gint64 id = mc_message_get_message_id (m);

      g_assert_cmpint (mc_message_get_chat_id (m), ==, chat_id);
      g_assert_false (g_hash_table_contains (ids, &id));
      g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
      newest = MAX (newest, id);
    }

  mc_api_client_get_message_async (fixture->client, fixture->business_id, chat_id, newest,
                                   NULL, mc_test_store_result, &result);
  message = mc_api_client_get_message_finish (fixture->client, mc_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (mc_message_get_message_id (message), ==, newest);
  g_clear_object (&result);

  /* From the last known id: that message (the API includes it) and the new one. */
  new_id = mc_fake_market_customer_writes (fixture->market, chat_id, "Где мой заказ?", 0);
  mc_api_client_get_all_history_async (fixture->client, fixture->business_id, chat_id, newest,
                                       NULL, mc_test_store_result, &result);
  later = mc_api_client_get_all_history_finish (fixture->client, mc_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (later->messages->len, >=, 1);
  g_assert_cmpuint (later->messages->len, <=, 2);

  g_hash_table_remove_all (ids);
  for (guint i = 0; i < later->messages->len; i++)
    {
      gint64 id = mc_message_get_message_id (g_ptr_array_index (later->messages, i));

      g_assert_cmpint (id, >=, newest);
      g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
    }
  g_assert_true (g_hash_table_contains (ids, &new_id));
}

static void
test_send_message (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) sent = NULL;
  gint64 chat_id = any_chat (fixture);
  guint before;

  g_assert_true (send_message (fixture->client, fixture->business_id, chat_id,
                               "Здравствуйте! Заказ уже в пути.", &error));
  g_assert_no_error (error);
  sent = mc_fake_market_dup_sent (fixture->market, chat_id);
  g_assert_true (strv_contains (sent, "Здравствуйте! Заказ уже в пути."));

  /* 4,096 characters is allowed even though it is 8,192 bytes. */
  for (guint i = 0; i < MC_API_MAX_MESSAGE_CHARS; i++)
    g_string_append (text, "я");
  g_assert_true (send_message (fixture->client, fixture->business_id, chat_id, text->str, &error));
  g_assert_no_error (error);

  before = mc_fake_market_get_request_count (fixture->market, "sendMessageToChat");

  g_string_append (text, "я");
  g_assert_false (send_message (fixture->client, fixture->business_id, chat_id, text->str, &error));
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_assert_false (send_message (fixture->client, fixture->business_id, chat_id, " \n\t ", &error));
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_false (send_message (fixture->client, fixture->business_id, chat_id, "bad \xff utf-8", &error));
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, "sendMessageToChat"), ==, before);
  g_assert_cmpuint (mc_api_client_get_request_count (fixture->client, MC_API_METHOD_SEND_MESSAGE), ==, 2);
}

static void
test_send_file (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mc-api-XXXXXX", &error);
  g_autofree char *small_path = g_build_filename (dir, "накладная.txt", NULL);
  g_autofree char *big_path = g_build_filename (dir, "big.bin", NULL);
  g_autoptr(GFile) small = g_file_new_for_path (small_path);
  g_autoptr(GFile) big = g_file_new_for_path (big_path);
  g_autofree char *big_data = g_malloc0 (6 * 1024 * 1024);
  g_auto(GStrv) sent = NULL;
  gint64 chat_id = any_chat (fixture);
  guint before;

  g_assert_no_error (error);
  g_file_set_contents (small_path, "Счёт на оплату\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (big_path, big_data, 6 * 1024 * 1024, &error);
  g_assert_no_error (error);

  g_assert_true (send_file (fixture->client, fixture->business_id, chat_id, small, &error));
  g_assert_no_error (error);
  sent = mc_fake_market_dup_sent (fixture->market, chat_id);
  g_assert_true (strv_contains (sent, "накладная.txt"));

  /* RFC 7578: the UTF-8 name itself, with only the quote percent-encoded. */
  {
    g_autofree char *quoted_path = g_build_filename (dir, "счёт \"май\".txt", NULL);
    g_autoptr(GFile) quoted = g_file_new_for_path (quoted_path);
    g_auto(GStrv) again = NULL;

    g_file_set_contents (quoted_path, "Счёт\n", -1, &error);
    g_assert_no_error (error);
    g_assert_true (send_file (fixture->client, fixture->business_id, chat_id, quoted, &error));
    g_assert_no_error (error);
    again = mc_fake_market_dup_sent (fixture->market, chat_id);
    g_assert_true (strv_contains (again, "счёт \"май\".txt"));
    g_unlink (quoted_path);
  }

  before = mc_fake_market_get_request_count (fixture->market, "sendFileToChat");

  g_assert_false (send_file (fixture->client, fixture->business_id, chat_id, big, &error));
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_unlink (small_path);
  g_assert_false (send_file (fixture->client, fixture->business_id, chat_id, small, &error));
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "накладная.txt"));
  g_clear_error (&error);

  g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, "sendFileToChat"), ==, before);

  g_unlink (big_path);
  g_rmdir (dir);
}

static void
test_create_chat (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  McChat *order_chat = NULL;
  gint64 chat_id;

  chats = get_all_chats (fixture->client, fixture->business_id, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < chats->len && order_chat == NULL; i++)
    {
      McChatContext *context = mc_chat_get_context (g_ptr_array_index (chats, i));

      if (mc_chat_context_get_context_type (context) == MC_CONTEXT_TYPE_ORDER &&
          mc_chat_context_get_order_id (context) > 0)
        order_chat = g_ptr_array_index (chats, i);
    }
  g_assert_nonnull (order_chat);

  mc_api_client_create_chat_async (fixture->client, fixture->business_id, MC_CONTEXT_TYPE_ORDER,
                                   mc_chat_context_get_order_id (mc_chat_get_context (order_chat)),
                                   NULL, mc_test_store_result, &result);
  chat_id = mc_api_client_create_chat_finish (fixture->client, mc_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (chat_id, ==, mc_chat_get_chat_id (order_chat));
  g_clear_object (&result);

  mc_api_client_create_chat_async (fixture->client, fixture->business_id, MC_CONTEXT_TYPE_DIRECT,
                                   1, NULL, mc_test_store_result, &result);
  chat_id = mc_api_client_create_chat_finish (fixture->client, mc_test_wait_for (&result), &error);
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT);
  g_assert_cmpint (chat_id, ==, 0);
}

static void
test_error_statuses (Fixture       *fixture,
                     gconstpointer  data)
{
  static const struct {
    guint status;
    gint  code;
  } cases[] = {
    { 400, MC_API_ERROR_INVALID_REQUEST },
    { 401, MC_API_ERROR_UNAUTHORIZED },
    { 403, MC_API_ERROR_FORBIDDEN },
    { 404, MC_API_ERROR_NOT_FOUND },
    { 500, MC_API_ERROR_SERVER },
  };
  gint64 chat_id = any_chat (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(McChat) chat = NULL;
      g_autoptr(GError) error = NULL;
      guint64 before = mc_api_client_get_request_count (fixture->client, MC_API_METHOD_GET_CHAT);
      guint64 sent;

      /* Enough faults for every retry of a 5xx. */
      mc_fake_market_inject_fault (fixture->market, "/chat", MC_FAKE_FAULT_STATUS, cases[i].status, 4);
      chat = get_chat (fixture->client, fixture->business_id, chat_id, &error);
      g_assert_null (chat);
      g_assert_error (error, MC_API_ERROR, cases[i].code);
      g_test_message ("%u: %s", cases[i].status, error->message);
      /* The API's own code and message, not an HTTP phrase. */
      g_assert_false (g_str_has_prefix (error->message, "HTTP"));
      g_assert_nonnull (strchr (error->message, ':'));

      sent = mc_api_client_get_request_count (fixture->client, MC_API_METHOD_GET_CHAT) - before;
      g_assert_cmpuint (sent, ==, cases[i].status >= 500 ? 4 : 1);
      mc_fake_market_clear_faults (fixture->market);
    }
}

static void
test_bad_bodies (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(McChat) chat = NULL;
  g_autoptr(GError) error = NULL;
  gint64 chat_id = any_chat (fixture);

  mc_fake_market_inject_fault (fixture->market, "/chat", MC_FAKE_FAULT_MALFORMED_JSON, 0, 1);
  chat = get_chat (fixture->client, fixture->business_id, chat_id, &error);
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_PROTOCOL);
  g_assert_null (chat);
  g_clear_error (&error);

  /* A body cut short is either unparsable or a broken transfer; never a chat. */
  mc_fake_market_inject_fault (fixture->market, "/chat", MC_FAKE_FAULT_TRUNCATED, 0, 4);
  chat = get_chat (fixture->client, fixture->business_id, chat_id, &error);
  g_assert_null (chat);
  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, MC_API_ERROR, MC_API_ERROR_PROTOCOL) ||
                 g_error_matches (error, MC_API_ERROR, MC_API_ERROR_NETWORK));
  g_clear_error (&error);
  mc_fake_market_clear_faults (fixture->market);

  mc_fake_market_inject_fault (fixture->market, "/chat", MC_FAKE_FAULT_HTML, 502, 4);
  chat = get_chat (fixture->client, fixture->business_id, chat_id, &error);
  g_assert_null (chat);
  g_assert_nonnull (error);
  g_test_message ("HTML: %s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "HTTP "));
  g_assert_null (strchr (error->message, '<'));
  g_clear_error (&error);
  mc_fake_market_clear_faults (fixture->market);

  chat = get_chat (fixture->client, fixture->business_id, chat_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (chat);
}

static void
test_hang_and_drop (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McChat) chat = NULL;
  g_autoptr(GError) error = NULL;
  gint64 chat_id = any_chat (fixture);
  gint64 new_chat;

  mc_api_client_set_timeout (fixture->client, 1);

  /* A send is never retried: one hang, one TIMEOUT. */
  mc_fake_market_inject_fault (fixture->market, "/chats/new", MC_FAKE_FAULT_HANG, 0, 1);
  mc_api_client_create_chat_async (fixture->client, fixture->business_id, MC_CONTEXT_TYPE_ORDER,
                                   12345, NULL, mc_test_store_result, &result);
  new_chat = mc_api_client_create_chat_finish (fixture->client, mc_test_wait_for (&result), &error);
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_TIMEOUT);
  g_assert_cmpint (new_chat, ==, 0);
  g_assert_cmpuint (mc_api_client_get_request_count (fixture->client, MC_API_METHOD_CREATE_CHAT), ==, 1);
  g_clear_error (&error);

  /* A read retries past one hang. */
  mc_fake_market_inject_fault (fixture->market, "/chat", MC_FAKE_FAULT_HANG, 0, 1);
  chat = get_chat (fixture->client, fixture->business_id, chat_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (chat);
  g_assert_cmpuint (mc_api_client_get_request_count (fixture->client, MC_API_METHOD_GET_CHAT), ==, 2);
  g_clear_object (&chat);

  /* Dropped every time: NETWORK after three retries. */
  mc_fake_market_inject_fault (fixture->market, "/chat", MC_FAKE_FAULT_DROP, 0, 10);
  chat = get_chat (fixture->client, fixture->business_id, chat_id, &error);
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_NETWORK);
  g_assert_null (chat);
  g_assert_cmpuint (mc_api_client_get_request_count (fixture->client, MC_API_METHOD_GET_CHAT), ==, 6);
  g_clear_error (&error);

  /* Asked for one retry: two tries. */
  mc_api_client_set_max_retries (fixture->client, 1);
  chat = get_chat (fixture->client, fixture->business_id, chat_id, &error);
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_NETWORK);
  g_assert_null (chat);
  g_assert_cmpuint (mc_api_client_get_request_count (fixture->client, MC_API_METHOD_GET_CHAT), ==, 8);
  mc_api_client_set_max_retries (fixture->client, MC_API_CLIENT_DEFAULT_RETRIES);
  mc_fake_market_clear_faults (fixture->market);
}

static gboolean
cancel_later (gpointer user_data)
{
  g_cancellable_cancel (user_data);

  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *queued[6] = { NULL, };
  McChat *chat;
  gint64 chat_id = any_chat (fixture);
  gint64 start;

  /* Queued behind four slow ones: cancelled before it is ever sent. */
  mc_fake_market_set_latency (fixture->market, 300);
  for (guint i = 0; i < G_N_ELEMENTS (queued); i++)
    mc_api_client_get_chat_async (fixture->client, fixture->business_id, chat_id,
                                  i < 4 ? NULL : cancellable, mc_test_store_result, &queued[i]);
  g_cancellable_cancel (cancellable);

  for (guint i = 0; i < G_N_ELEMENTS (queued); i++)
    {
      chat = mc_api_client_get_chat_finish (fixture->client, mc_test_wait_for (&queued[i]), &error);
      if (i < 4)
        {
          g_assert_no_error (error);
          g_object_unref (chat);
        }
      else
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          g_clear_error (&error);
        }
      g_object_unref (queued[i]);
    }

  g_assert_cmpuint (mc_api_client_get_request_count (fixture->client, MC_API_METHOD_GET_CHAT), ==, 4);
  mc_fake_market_set_latency (fixture->market, 0);

  /* Mid-request (last: the fake server holds a hung request until it stops). */
  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  mc_fake_market_inject_fault (fixture->market, "/chat", MC_FAKE_FAULT_HANG, 0, 1);
  start = g_get_monotonic_time ();
  mc_api_client_get_chat_async (fixture->client, fixture->business_id, chat_id, cancellable,
                                mc_test_store_result, &result);
  g_timeout_add (100, cancel_later, cancellable);
  chat = mc_api_client_get_chat_finish (fixture->client, mc_test_wait_for (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (chat);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  mc_fake_market_clear_faults (fixture->market);
}

static void
test_storm (Fixture       *fixture,
            gconstpointer  data)
{
  GAsyncResult *results[50] = { NULL, };
  gint64 chat_id = any_chat (fixture);
  guint peak;

  mc_fake_market_set_latency (fixture->market, 20);
  mc_fake_market_reset_counters (fixture->market);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    mc_api_client_get_chat_async (fixture->client, fixture->business_id, chat_id, NULL,
                                  mc_test_store_result, &results[i]);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(McChat) chat = NULL;

      chat = mc_api_client_get_chat_finish (fixture->client, mc_test_wait_for (&results[i]), &error);
      g_assert_no_error (error);
      g_assert_cmpint (mc_chat_get_chat_id (chat), ==, chat_id);
      g_object_unref (results[i]);
    }

  peak = mc_fake_market_get_peak_in_flight (fixture->market, fixture->business_id);
  g_test_message ("peak in flight: %u", peak);
  g_assert_cmpuint (peak, <=, MC_API_MAX_IN_FLIGHT);
  g_assert_cmpuint (peak, >=, 2);
  g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, "getChat"), ==, 50);
}

static void
on_paused_changed (McApiClient *client,
                   guint       *count)
{
  (*count)++;
}

static void
test_rate_limited (void)
{
  g_autoptr(Tiny) tiny = tiny_new ();
  g_autoptr(McApiClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  McChat *chat;
  guint changes = 0;
  gint64 paused_until;

  client = new_client (tiny->url, MC_AUTH_KIND_API_KEY, "tiny-secret-420");
  g_signal_connect (client, "paused-changed", G_CALLBACK (on_paused_changed), &changes);
  tiny->until = g_get_real_time () + 2 * G_USEC_PER_SEC;

  mc_api_client_get_chat_async (client, 1, 1, NULL, mc_test_store_result, &result);
  chat = mc_api_client_get_chat_finish (client, mc_test_wait_for (&result), &error);
  g_assert_null (chat);
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "LIMIT_EXCEEDED"));
  g_assert_nonnull (strstr (error->message, "paused until"));
  g_clear_error (&error);
  g_clear_object (&result);

  /* 420 is never retried; the method pauses until -Until. */
  g_assert_cmpuint (tiny->hits, ==, 1);
  g_assert_cmpuint (changes, ==, 1);
  paused_until = mc_api_client_get_paused_until (client, MC_API_METHOD_GET_CHAT);
  g_assert_cmpint (paused_until, >, g_get_real_time ());
  g_assert_cmpint (paused_until, <=, tiny->until + G_USEC_PER_SEC);
  g_assert_cmpint (mc_api_client_get_paused_until (client, MC_API_METHOD_GET_CHATS), ==, 0);
  g_assert_cmpint (mc_api_client_get_remaining (client, MC_API_METHOD_GET_CHAT), ==, 0);

  /* Paused: fails fast, nothing sent. */
  mc_api_client_get_chat_async (client, 1, 1, NULL, mc_test_store_result, &result);
  chat = mc_api_client_get_chat_finish (client, mc_test_wait_for (&result), &error);
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_RATE_LIMITED);
  g_assert_null (chat);
  g_assert_cmpuint (tiny->hits, ==, 1);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Other methods go on. */
  {
    g_autoptr(McChatPage) page = NULL;

    mc_api_client_get_chats_async (client, 1, NULL, NULL, 0, NULL, mc_test_store_result, &result);
    page = mc_api_client_get_chats_finish (client, mc_test_wait_for (&result), &error);
    g_assert_no_error (error);
    g_clear_object (&result);
  }

  while (changes < 2)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (mc_api_client_get_paused_until (client, MC_API_METHOD_GET_CHAT), ==, 0);
  g_assert_cmpint (g_get_real_time (), >=, paused_until - G_USEC_PER_SEC);

  /* Resumed: sent again (and paused again by this server). */
  tiny->until = g_get_real_time () + 2 * G_USEC_PER_SEC;
  mc_api_client_get_chat_async (client, 1, 1, NULL, mc_test_store_result, &result);
  chat = mc_api_client_get_chat_finish (client, mc_test_wait_for (&result), &error);
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (tiny->hits, ==, 3);
}

static void
test_local_budget (Fixture       *fixture,
                   gconstpointer  data)
{
  guint budget = mc_api_method_get_hourly_budget (MC_API_METHOD_AUTH_TOKEN);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  McTokenInfo *info;
  guint before;

  for (guint i = 0; i < budget; i++)
    {
      mc_api_client_check_token_async (fixture->client, NULL, mc_test_store_result, &result);
      info = mc_api_client_check_token_finish (fixture->client, mc_test_wait_for (&result), &error);
      g_assert_no_error (error);
      mc_token_info_free (info);
      g_clear_object (&result);
    }

  g_assert_cmpuint (mc_api_client_get_used_in_hour (fixture->client, MC_API_METHOD_AUTH_TOKEN), ==, budget);
  before = mc_fake_market_get_request_count (fixture->market, "getAuthTokenInfo");

  mc_api_client_check_token_async (fixture->client, NULL, mc_test_store_result, &result);
  info = mc_api_client_check_token_finish (fixture->client, mc_test_wait_for (&result), &error);
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_RATE_LIMITED);
  g_assert_null (info);
  g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, "getAuthTokenInfo"), ==, before);
  g_assert_cmpint (mc_api_client_get_paused_until (fixture->client, MC_API_METHOD_AUTH_TOKEN), >,
                   g_get_real_time ());
  g_assert_cmpuint (mc_api_client_get_request_count (fixture->client, MC_API_METHOD_AUTH_TOKEN), ==, budget);
}

static void
test_repeated_token (void)
{
  g_autoptr(Tiny) tiny = tiny_new ();
  g_autofree char *url = g_strconcat (tiny->url, "/repeat", NULL);
  g_autoptr(McApiClient) client = new_client (url, MC_AUTH_KIND_API_KEY, "tiny-secret-repeat");
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GError) error = NULL;

  chats = get_all_chats (client, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chats->len, ==, 1);
  g_assert_cmpuint (tiny->hits, ==, 2);
}

static void
test_liberal_parsing (void)
{
  g_autoptr(Tiny) tiny = tiny_new ();
  g_autoptr(McApiClient) client = new_client (tiny->url, MC_AUTH_KIND_API_KEY, "tiny-secret-parse");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McChatPage) page = NULL;
  g_autoptr(GError) error = NULL;
  McChat *unknown;

  mc_api_client_get_chats_async (client, 1, NULL, NULL, 0, NULL, mc_test_store_result, &result);
  page = mc_api_client_get_chats_finish (client, mc_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->chats->len, ==, 2);
  g_assert_cmpuint (page->rejected->len, ==, 1);
  g_assert_null (page->next_page_token);

  unknown = g_ptr_array_index (page->chats, 0);
  g_assert_cmpint (mc_chat_get_chat_id (unknown), ==, 1);
  g_assert_cmpint (mc_chat_get_status (unknown), ==, MC_CHAT_STATUS_UNKNOWN);
  g_assert_cmpint (mc_chat_get_campaign_id (unknown), ==, 5);
  g_assert_cmpint (mc_chat_get_chat_id (g_ptr_array_index (page->chats, 1)), ==, 3);
}

static void
test_download (void)
{
  g_autoptr(Tiny) tiny = tiny_new ();
  g_autoptr(McApiClient) client = new_client (tiny->url, MC_AUTH_KIND_API_KEY, "tiny-secret-download");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file_url = g_strconcat (tiny->url, "/file", NULL);
  g_autofree char *redirect_url = g_strconcat (tiny->url, "/redirect", NULL);
  GBytes *bytes;

  mc_api_client_download_async (client, file_url, 1024, NULL, mc_test_store_result, &result);
  bytes = mc_api_client_download_finish (client, mc_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "attachment bytes", 16);
  g_assert_cmpuint (tiny->hits_with_auth, ==, 1);
  g_bytes_unref (bytes);
  g_clear_object (&result);

  mc_api_client_download_async (client, file_url, 8, NULL, mc_test_store_result, &result);
  bytes = mc_api_client_download_finish (client, mc_test_wait_for (&result), &error);
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_TOO_LARGE);
  g_assert_null (bytes);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Followed to another origin (localhost), without the token. */
  tiny->hits = tiny->hits_with_auth = 0;
  mc_api_client_download_async (client, redirect_url, 1024, NULL, mc_test_store_result, &result);
  bytes = mc_api_client_download_finish (client, mc_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 16);
  g_assert_cmpuint (tiny->hits, ==, 2);
  g_assert_cmpuint (tiny->hits_with_auth, ==, 1);
  g_bytes_unref (bytes);
  g_clear_object (&result);

  mc_api_client_download_async (client, "http://example.com/file", 1024, NULL, mc_test_store_result, &result);
  bytes = mc_api_client_download_finish (client, mc_test_wait_for (&result), &error);
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT);
  g_assert_null (bytes);
}

/* An attachment URL is whatever the server answered; another port on the
 * same computer is another party and must not see either kind of token. */
static void
test_download_other_origin (void)
{
  g_autoptr(Tiny) api = tiny_new ();
  g_autoptr(Tiny) other = tiny_new ();
  g_autofree char *other_file = g_strconcat (other->url, "/file", NULL);
  g_autofree char *api_file = g_strconcat (api->url, "/file", NULL);
  McAuthKind kinds[] = { MC_AUTH_KIND_API_KEY, MC_AUTH_KIND_OAUTH };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(McApiClient) client = new_client (api->url, kinds[i], "tiny-secret-origin");
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;

      api->hits = api->hits_with_auth = 0;
      other->hits = other->hits_with_auth = 0;

      mc_api_client_download_async (client, other_file, 1024, NULL, mc_test_store_result, &result);
      bytes = mc_api_client_download_finish (client, mc_test_wait_for (&result), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (bytes), ==, 16);
      g_assert_cmpuint (other->hits, ==, 1);
      g_assert_cmpuint (other->hits_with_auth, ==, 0);
      g_clear_pointer (&bytes, g_bytes_unref);
      g_clear_object (&result);

      /* The API's own origin still gets it. */
      mc_api_client_download_async (client, api_file, 1024, NULL, mc_test_store_result, &result);
      bytes = mc_api_client_download_finish (client, mc_test_wait_for (&result), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (api->hits, ==, 1);
      g_assert_cmpuint (api->hits_with_auth, ==, 1);
      g_clear_object (&result);
    }
}

/* kB of this process's memory locked against swapping, -1 if unknown. */
static gint64
locked_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmLck:")) == NULL)
    return -1;

  return g_ascii_strtoll (line + strlen ("VmLck:"), NULL, 10);
}

static gboolean
may_lock_a_page (void)
{
  g_autofree char *limits = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/limits", &limits, NULL, NULL) ||
      (line = strstr (limits, "Max locked memory")) == NULL)
    return FALSE;

  line += strlen ("Max locked memory");
  while (*line == ' ')
    line++;

  return g_str_has_prefix (line, "unlimited") || g_ascii_strtoll (line, NULL, 10) >= 65536;
}

/* The key lives in locked pages for the life of the client, so it is
 * never written to swap. */
static void
test_token_locked (void)
{
  McApiClient *client;
  gint64 before = locked_kb ();

#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("AddressSanitizer makes mlock() do nothing");
  return;
#endif

  if (before < 0 || !may_lock_a_page ())
    {
      g_test_skip ("This system does not let the test lock memory");
      return;
    }

  client = new_client ("https://api.example.com", MC_AUTH_KIND_API_KEY, "locked-secret-key");
  g_assert_cmpint (locked_kb (), >, before);
  g_assert_finalize_object (client);
  g_assert_cmpint (locked_kb (), ==, before);
}

static void
test_token_not_logged (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(McChat) chat = NULL;
  g_autoptr(GError) error = NULL;
  gint64 chat_id = any_chat (fixture);

  g_log_set_debug_enabled (TRUE);
  token_logged = FALSE;
  api_lines = 0;

  chats = get_all_chats (fixture->client, fixture->business_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (send_message (fixture->client, fixture->business_id, chat_id, "Добрый день", &error));
  g_assert_no_error (error);

  mc_fake_market_inject_fault (fixture->market, "/chat", MC_FAKE_FAULT_STATUS, 500, 1);
  chat = get_chat (fixture->client, fixture->business_id, chat_id, &error);
  g_assert_no_error (error);
  mc_fake_market_clear_faults (fixture->market);

  g_clear_object (&fixture->client);
  fixture->client = new_client (mc_fake_market_get_url (fixture->market), MC_AUTH_KIND_OAUTH,
                                mc_fake_market_get_token (fixture->market, MC_FAKE_TOKEN_OAUTH));
  g_clear_pointer (&chats, g_ptr_array_unref);
  chats = get_all_chats (fixture->client, fixture->business_id, NULL, &error);
  g_assert_no_error (error);

  g_log_set_debug_enabled (FALSE);
  /* The client did log (a request line each, and the retry), just not the token. */
  g_assert_cmpuint (api_lines, >, 10);
  g_assert_false (token_logged);
}

static void
test_dispose_cancels (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  McChat *chat;

  mc_fake_market_inject_fault (fixture->market, "/chat", MC_FAKE_FAULT_HANG, 0, 1);
  mc_api_client_get_chat_async (fixture->client, fixture->business_id, any_chat (fixture),
                                NULL, mc_test_store_result, &result);
  mc_test_iterate_for (50);
  g_object_run_dispose (G_OBJECT (fixture->client));
  chat = mc_api_client_get_chat_finish (fixture->client, mc_test_wait_for (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (chat);
  mc_fake_market_clear_faults (fixture->market);
}

/* A server that trickles its answer a byte a second never lets libsoup's
 * timeout fire; the request's own deadline ends it. */
static void
test_deadline (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(McChat) chat = NULL;
  g_autoptr(GError) error = NULL;
  gint64 chat_id = any_chat (fixture);
  gint64 start;

  mc_api_client_set_timeout (fixture->client, 5);
  mc_api_client_set_deadline (fixture->client, 2);
  mc_api_client_set_max_retries (fixture->client, 0);
  mc_fake_market_inject_fault (fixture->market, "/chat?", MC_FAKE_FAULT_TRICKLE, 0, 1);

  start = g_get_monotonic_time ();
  chat = get_chat (fixture->client, fixture->business_id, chat_id, &error);
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_TIMEOUT);
  g_assert_null (chat);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* The slot is free again. */
  chat = get_chat (fixture->client, fixture->business_id, chat_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (chat);
}

static gint64
parse_http_date (const char *text)
{
  g_autoptr(GDateTime) date = mc_api_parse_http_date (text);

  return date != NULL ? g_date_time_to_unix (date) : -1;
}

static void
test_until_zones (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) soon = g_date_time_add_minutes (now, 10);
  g_autoptr(GDateTime) msk_zone = NULL;
  g_autoptr(GTimeZone) msk = g_time_zone_new_offset (3 * 3600);
  g_autoptr(GError) error = NULL;
  g_autoptr(McChat) chat = NULL;
  g_autofree char *until = NULL;
  gint64 chat_id = any_chat (fixture);
  gint64 paused, expected = 1796403600; /* 2026-12-04T17:00:00Z */

  g_assert_cmpint (parse_http_date ("Fri, 04 Dec 2026 17:00:00 GMT"), ==, expected);
  g_assert_cmpint (parse_http_date ("Fri, 04 Dec 2026 20:00:00 MSK"), ==, expected);
  g_assert_cmpint (parse_http_date ("Fri, 04 Dec 2026 20:00:00 +0300"), ==, expected);
  g_assert_cmpint (parse_http_date ("Fri, 04 Dec 2026 20:00 +0300"), ==, expected);
  g_assert_cmpint (parse_http_date ("4 Dec 2026 12:00:00 EST"), ==, expected);
  g_assert_cmpint (parse_http_date ("Fri, 04 Dec 2026 09:00:00 PST"), ==, expected);
  g_assert_cmpint (parse_http_date ("2026-12-04T20:00:00+03:00"), ==, expected);
  g_assert_cmpint (parse_http_date ("Fri, 04 Dec 2026 20:00:00 XYZ"), ==, -1);
  g_assert_cmpint (parse_http_date ("tomorrow"), ==, -1);

  /* A 420 until ten minutes from now, written in Moscow time. */
  msk_zone = g_date_time_to_timezone (soon, msk);
  until = g_date_time_format (msk_zone, "%a, %d %b %Y %H:%M:%S MSK");
  mc_fake_market_set_until_header (fixture->market, until);
  mc_fake_market_inject_fault (fixture->market, "/chat?", MC_FAKE_FAULT_STATUS, 420, 1);
  chat = get_chat (fixture->client, fixture->business_id, chat_id, &error);
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_RATE_LIMITED);
  g_clear_error (&error);
  paused = mc_api_client_get_paused_until (fixture->client, MC_API_METHOD_GET_CHAT) / G_USEC_PER_SEC;
  g_assert_cmpint (ABS (paused - g_date_time_to_unix (soon)), <=, 2);

  /* The year 9999 pauses for an hour, not for ever. */
  mc_fake_market_set_until_header (fixture->market, "Fri, 31 Dec 9999 23:59:59 GMT");
  mc_fake_market_inject_fault (fixture->market, "/chats?", MC_FAKE_FAULT_STATUS, 420, 1);
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(McChatPage) page = NULL;

    mc_api_client_get_chats_async (fixture->client, fixture->business_id, NULL, NULL, 20, NULL,
                                   mc_test_store_result, &result);
    page = mc_api_client_get_chats_finish (fixture->client, mc_test_wait_for (&result), &error);
    g_assert_error (error, MC_API_ERROR, MC_API_ERROR_RATE_LIMITED);
  }
  paused = mc_api_client_get_paused_until (fixture->client, MC_API_METHOD_GET_CHATS);
  g_assert_cmpint (paused, >, g_get_real_time () + 3500 * (gint64) G_USEC_PER_SEC);
  g_assert_cmpint (paused, <=, g_get_real_time () + 3600 * (gint64) G_USEC_PER_SEC);
  mc_fake_market_set_until_header (fixture->market, NULL);
}

/* The same messages under ever new page tokens: the walk stops at the
 * first page that brings nothing new. */
static void
test_endless_history (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McHistoryPage) page = NULL;
  g_autoptr(GError) error = NULL;
  gint64 chat_id = any_chat (fixture);

  mc_fake_market_inject_fault (fixture->market, "/chats/history?", MC_FAKE_FAULT_ENDLESS, 0, 100000);
  mc_api_client_get_all_history_async (fixture->client, fixture->business_id, chat_id, 0, NULL,
                                       mc_test_store_result, &result);
  page = mc_api_client_get_all_history_finish (fixture->client, mc_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_cmpuint (page->messages->len, >, 0);
  g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, "getChatHistory"), <=, 3);
  mc_fake_market_clear_faults (fixture->market);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  secret_tokens = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (log_writer, NULL, NULL);

#define ADD(name, n_chats, func) \
  g_test_add ("/api/client/" name, Fixture, GUINT_TO_POINTER (n_chats), \
              fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/api/client/url-policy", test_url_policy);
  g_test_add_func ("/api/client/methods", test_methods);
  ADD ("campaigns", 0, test_campaigns);
  ADD ("oauth", 0, test_oauth);
  ADD ("check-token", 0, test_check_token);
  ADD ("chats-paging", 300, test_chats_paging);
  ADD ("chats-filter", 0, test_chats_filter);
  ADD ("chat-and-history", 0, test_chat_and_history);
  ADD ("send-message", 0, test_send_message);
  ADD ("send-file", 0, test_send_file);
  ADD ("create-chat", 0, test_create_chat);
  ADD ("error-statuses", 0, test_error_statuses);
  ADD ("bad-bodies", 0, test_bad_bodies);
  ADD ("hang-and-drop", 0, test_hang_and_drop);
  ADD ("cancel", 0, test_cancel);
  ADD ("storm", 0, test_storm);
  ADD ("local-budget", 0, test_local_budget);
  ADD ("token-not-logged", 0, test_token_not_logged);
  ADD ("dispose-cancels", 0, test_dispose_cancels);
  ADD ("deadline", 0, test_deadline);
  ADD ("until-zones", 0, test_until_zones);
  ADD ("endless-history", 0, test_endless_history);
  g_test_add_func ("/api/client/rate-limited", test_rate_limited);
  g_test_add_func ("/api/client/repeated-token", test_repeated_token);
  g_test_add_func ("/api/client/liberal-parsing", test_liberal_parsing);
  g_test_add_func ("/api/client/download", test_download);
  g_test_add_func ("/api/client/download-other-origin", test_download_other_origin);
  g_test_add_func ("/api/client/token-locked", test_token_locked);

#undef ADD

  return g_test_run ();
}
