/* test-bad-input.c: what a seller may paste, attach or run into, through
 * the layers below the UI: a 100,000-character text, emoji and
 * right-to-left scripts, files holding NUL bytes, a file that vanishes
 * before it is sent, attachment names that climb out of a folder, a store
 * with no name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mc-api-client.h"
#include "mc-api-parse.h"
#include "mc-cabinet-private.h"
#include "mc-cache.h"
#include "mc-chat-store.h"
#include "mc-fake-market.h"
#include "mc-sidebar-model.h"
#include "mc-sync-engine.h"
#include "mc-ui-util.h"
#include "mc-test-util.h"

#define SEED      23
#define LONG_CHARS 100000

/* Arabic and Hebrew inside Russian, with emoji that take several code
 * points (a skin tone, a flag, a ZWJ family) and a combining accent. */
static const char mixed_text[] =
  "Здравствуйте! مرحبا بك في متجرنا — שלום, תודה על ההזמנה. "
  "Ваш заказ 👍🏽 готов 🇷🇺 👨‍👩‍👧 café ✔︎";

typedef struct
{
  McFakeMarket *market;
  char         *dir;
  gint64        business_id;
  gint64        chat_id;
  McCabinet    *cabinet;
  McCache      *cache;
  McChatStore  *store;
  McSyncEngine *engine;
} Fixture;

/* Helpers */

static gboolean
engine_ready (gpointer data)
{
  Fixture *fixture = data;
  gboolean syncing;

  g_object_get (fixture->engine, "syncing", &syncing, NULL);
  return !syncing && mc_chat_store_lookup (fixture->store, fixture->chat_id) != NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("mc-input-XXXXXX", &error);
  g_assert_no_error (error);

  fixture->market = mc_fake_market_new (SEED, 20);
  mc_fake_market_set_latency (fixture->market, 0);
  mc_test_start_market (fixture->market);
  fixture->business_id = mc_fake_market_get_business_id (fixture->market, 1);
  fixture->chat_id = mc_fake_market_find_chat (fixture->market, fixture->business_id, "WAITING_FOR_PARTNER");
  if (fixture->chat_id == 0)
    fixture->chat_id = mc_fake_market_find_chat (fixture->market, fixture->business_id, "NEW");
  g_assert_cmpint (fixture->chat_id, >, 0);

  mc_cabinet_connect_async (mc_fake_market_get_url (fixture->market), MC_AUTH_KIND_API_KEY, "Input",
                            mc_fake_market_get_token (fixture->market, MC_FAKE_TOKEN_CABINET_1),
                            NULL, mc_test_store_result, &result);
  fixture->cabinet = mc_cabinet_connect_finish (mc_test_wait_result (&result), &error);
  g_assert_no_error (error);
  mc_api_client_set_backoff_scale (mc_cabinet_get_client (fixture->cabinet), 0.01);

  path = g_build_filename (fixture->dir, "cache.sqlite", NULL);
  g_assert_true (mc_cabinet_open_cache_path (fixture->cabinet, path, &error));
  g_assert_no_error (error);
  fixture->cache = g_object_ref (mc_cabinet_get_cache (fixture->cabinet));

  fixture->store = mc_chat_store_new ();
  g_assert_true (mc_chat_store_add_cache (fixture->store, fixture->cache, &error));
  g_assert_no_error (error);
  fixture->engine = mc_sync_engine_new (fixture->store);
  mc_sync_engine_add_cabinet (fixture->engine, fixture->cabinet);
  mc_sync_engine_start (fixture->engine);
  g_assert_true (mc_test_wait_until (engine_ready, fixture, MC_TEST_WAIT_MSEC));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  mc_sync_engine_stop (fixture->engine);
  g_assert_finalize_object (fixture->engine);
  g_assert_finalize_object (fixture->store);
  g_clear_object (&fixture->cabinet);
  g_assert_true (mc_cache_delete (fixture->cache, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->cache);

  mc_test_stop_market (fixture->market);
  g_assert_no_errno (g_rmdir (fixture->dir));
  g_free (fixture->dir);
}

static McApiClient *
client_of (Fixture *fixture)
{
  return mc_cabinet_get_client (fixture->cabinet);
}

static void
assert_explained (const GError *error,
                  const char   *must_hold)
{
  g_autofree char *text = mc_api_error_describe (error);

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpuint (g_utf8_strlen (text, -1), >, 10);
  if (must_hold != NULL)
    g_assert_nonnull (strstr (text, must_hold));
}

/* The history of @chat_id as the Market holds it now. */
static McHistoryPage *
fetch_history (Fixture *fixture,
               gint64   chat_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  McHistoryPage *page;

  mc_api_client_get_all_history_async (client_of (fixture), fixture->business_id, chat_id, 0,
                                       NULL, mc_test_store_result, &result);
  page = mc_api_client_get_all_history_finish (client_of (fixture), mc_test_wait_result (&result), &error);
  g_assert_no_error (error);

  return page;
}

static McAttachment *
find_attachment (McHistoryPage *page,
                 const char    *name)
{
  for (guint i = page->messages->len; i > 0; i--)
    {
      GListModel *attachments = mc_message_get_attachments (g_ptr_array_index (page->messages, i - 1));

      for (guint j = 0; j < g_list_model_get_n_items (attachments); j++)
        {
          g_autoptr(McAttachment) attachment = g_list_model_get_item (attachments, j);

          if (g_strcmp0 (mc_attachment_get_name (attachment), name) == 0)
            return g_steal_pointer (&attachment);
        }
    }

  return NULL;
}

/* A 100,000-character paste: refused before anything goes out, kept as
 * the draft, and quick to store. */
static void
test_long_text (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GString) text = g_string_sized_new (LONG_CHARS * 2);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint sent_before = mc_fake_market_get_request_count (fixture->market, "sendMessageToChat");
  gint64 start;

  for (guint i = 0; i < LONG_CHARS; i++)
    g_string_append (text, i % 7 == 0 ? "я" : i % 7 == 1 ? " " : "a");
  g_assert_cmpuint (g_utf8_strlen (text->str, -1), ==, LONG_CHARS);

  start = g_get_monotonic_time ();
  mc_cache_set_draft (fixture->cache, fixture->chat_id, text->str);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_assert_cmpstr (mc_cache_get_draft (fixture->cache, fixture->chat_id), ==, text->str);

  mc_api_client_send_message_async (client_of (fixture), fixture->business_id, fixture->chat_id,
                                    text->str, NULL, mc_test_store_result, &result);
  g_assert_false (mc_api_client_send_message_finish (client_of (fixture), mc_test_wait_result (&result), &error));
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_TOO_LARGE);
  assert_explained (error, "4");
  g_clear_error (&error);
  g_clear_object (&result);

  mc_sync_engine_send_message_async (fixture->engine, fixture->chat_id, text->str, NULL, mc_test_store_result, &result);
  g_assert_false (mc_sync_engine_send_message_finish (fixture->engine, mc_test_wait_result (&result), &error));
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_TOO_LARGE);
  assert_explained (error, NULL);

  g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, "sendMessageToChat"), ==, sent_before);
  g_assert_cmpstr (mc_cache_get_draft (fixture->cache, fixture->chat_id), ==, text->str);
}

typedef struct
{
  McCache    *cache;
  gint64      chat_id;
  const char *text;
} CachedText;

static gboolean
cache_holds_text (gpointer data)
{
  CachedText *wanted = data;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;

  messages = mc_cache_load_messages (wanted->cache, wanted->chat_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < messages->len; i++)
    {
      McMessage *message = g_ptr_array_index (messages, i);

      if (mc_message_get_message_id (message) > 0 &&
          g_strcmp0 (mc_message_get_text (message), wanted->text) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Emoji and right-to-left scripts arrive byte for byte, come back in
 * history, and survive the cache and a draft across a restart. */
static void
test_emoji_rtl (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McCache) reopened = NULL;
  g_auto(GStrv) sent = NULL;
  g_autofree char *path = g_strdup (mc_cache_get_path (fixture->cache));
  CachedText wanted = { fixture->cache, fixture->chat_id, mixed_text };
  guint n;

  g_assert_true (g_utf8_validate (mixed_text, -1, NULL));

  mc_sync_engine_send_message_async (fixture->engine, fixture->chat_id, mixed_text, NULL, mc_test_store_result, &result);
  g_assert_true (mc_sync_engine_send_message_finish (fixture->engine, mc_test_wait_result (&result), &error));
  g_assert_no_error (error);

  sent = mc_fake_market_dup_sent (fixture->market, fixture->chat_id);
  n = g_strv_length (sent);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpmem (sent[n - 1], strlen (sent[n - 1]), mixed_text, strlen (mixed_text));

  /* The engine confirms the send from history and caches the message. */
  mc_sync_engine_sync_chat (fixture->engine, fixture->chat_id);
  g_assert_true (mc_test_wait_until (cache_holds_text, &wanted, MC_TEST_WAIT_MSEC));

  mc_cache_set_draft (fixture->cache, fixture->chat_id, mixed_text);
  g_assert_true (mc_cache_flush (fixture->cache, &error));
  g_assert_no_error (error);

  reopened = mc_cache_open_path (path, fixture->business_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mc_cache_get_draft (reopened, fixture->chat_id), ==, mixed_text);
  wanted.cache = reopened;
  g_assert_true (cache_holds_text (&wanted));
  mc_cache_close (reopened);
}

/* A binary file full of NUL bytes goes up whole and comes back whole. */
static void
test_nul_file (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "scan-0001.bin", NULL);
  g_autoptr(GByteArray) contents = g_byte_array_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McHistoryPage) page = NULL;
  g_autoptr(McAttachment) attachment = NULL;
  g_autoptr(GBytes) downloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);

  /* Runs of NULs between random bytes, and a NUL first and last. */
  for (guint i = 0; i < 70000; i++)
    {
      guint8 byte = (i % 1000) < 300 || i == 69999 ? 0 : (guint8) g_rand_int_range (rand, 0, 256);

      g_byte_array_append (contents, &byte, 1);
    }
  g_assert_true (g_file_set_contents (path, (const char *) contents->data, contents->len, &error));
  g_assert_no_error (error);

  mc_api_client_send_file_async (client_of (fixture), fixture->business_id, fixture->chat_id, file,
                                 NULL, mc_test_store_result, &result);
  g_assert_true (mc_api_client_send_file_finish (client_of (fixture), mc_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  page = fetch_history (fixture, fixture->chat_id);
  attachment = find_attachment (page, "scan-0001.bin");
  g_assert_nonnull (attachment);
  g_assert_cmpint (mc_attachment_get_size (attachment), ==, contents->len);

  mc_api_client_download_async (client_of (fixture), mc_attachment_get_url (attachment), 0,
                                NULL, mc_test_store_result, &result);
  downloaded = mc_api_client_download_finish (client_of (fixture), mc_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (downloaded, NULL), g_bytes_get_size (downloaded),
                   contents->data, contents->len);

  g_assert_no_errno (g_remove (path));
}

/* The seller chose a file, and it was gone by the time of sending. */
static void
test_vanished_file (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "invoice.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sent_before = mc_fake_market_dup_sent (fixture->market, fixture->chat_id);
  g_auto(GStrv) sent_after = NULL;
  guint requests = mc_fake_market_get_request_count (fixture->market, "sendFileToChat");
  static const char draft[] = "Отправляю счёт";

  g_assert_true (g_file_set_contents (path, "%PDF-1.4\n", -1, &error));
  mc_cache_set_draft (fixture->cache, fixture->chat_id, draft);
  g_assert_no_errno (g_remove (path));

  mc_api_client_send_file_async (client_of (fixture), fixture->business_id, fixture->chat_id, file,
                                 NULL, mc_test_store_result, &result);
  g_assert_false (mc_api_client_send_file_finish (client_of (fixture), mc_test_wait_result (&result), &error));
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT);
  assert_explained (error, "invoice.pdf");
  g_clear_error (&error);
  g_clear_object (&result);

  mc_sync_engine_send_file_async (fixture->engine, fixture->chat_id, file, NULL, mc_test_store_result, &result);
  g_assert_false (mc_sync_engine_send_file_finish (fixture->engine, mc_test_wait_result (&result), &error));
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT);
  assert_explained (error, "invoice.pdf");

  sent_after = mc_fake_market_dup_sent (fixture->market, fixture->chat_id);
  g_assert_cmpuint (g_strv_length (sent_after), ==, g_strv_length (sent_before));
  g_assert_cmpuint (mc_fake_market_get_request_count (fixture->market, "sendFileToChat"), ==, requests);
  g_assert_cmpstr (mc_cache_get_draft (fixture->cache, fixture->chat_id), ==, draft);
}

static void
assert_safe_name (const char *name)
{
  g_autofree char *safe = mc_ui_sanitize_filename (name);

  g_assert_nonnull (safe);
  g_assert_cmpstr (safe, !=, "");
  g_assert_null (strchr (safe, '/'));
  g_assert_null (strchr (safe, '\\'));
  g_assert_false (g_str_has_prefix (safe, "."));
  g_assert_true (g_utf8_validate (safe, -1, NULL));
}

static const char * const hostile_names[] = {
  "../../.bashrc",
  "..",
  "docs/../../etc/passwd",
  "C:\\Users\\seller\\счёт.pdf",
  "/etc/shadow",
};

/* A name that climbs out of a folder, sent as a multipart file name:
 * nothing breaks, and whatever name the Market keeps is cut down to a
 * safe base name where a file is created. */
static void
test_hostile_upload (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(McHistoryPage) page = NULL;
  guint n_before;
  guint n_after = 0;

  page = fetch_history (fixture, fixture->chat_id);
  n_before = page->messages->len;
  g_clear_pointer (&page, mc_history_page_free);

  for (guint i = 0; i < G_N_ELEMENTS (hostile_names); i++)
    {
      g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
      g_autoptr(GBytes) body = g_bytes_new_static ("hello", 5);
      g_autoptr(GBytes) answer = NULL;
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *url = g_strdup_printf ("%s/v2/businesses/%" G_GINT64_FORMAT "/chats/file/send?chatId=%" G_GINT64_FORMAT,
                                              mc_fake_market_get_url (fixture->market),
                                              fixture->business_id, fixture->chat_id);

      g_autoptr(SoupMessageHeaders) part = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
      g_autofree char *disposition = NULL;

      /* RFC 7578: the name as is in filename="…", as the app sends it. */
      disposition = g_strdup_printf ("form-data; name=\"file\"; filename=\"%s\"", hostile_names[i]);
      soup_message_headers_replace (part, "Content-Disposition", disposition);
      soup_message_headers_replace (part, "Content-Type", "application/octet-stream");
      soup_multipart_append_part (multipart, part, body);
      msg = soup_message_new_from_multipart (url, multipart);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Api-Key",
                                    mc_fake_market_get_token (fixture->market, MC_FAKE_TOKEN_CABINET_1));
      answer = soup_session_send_and_read (session, msg, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
    }

  page = fetch_history (fixture, fixture->chat_id);
  g_assert_cmpuint (page->messages->len, ==, n_before + G_N_ELEMENTS (hostile_names));
  for (guint i = 0; i < page->messages->len; i++)
    {
      GListModel *attachments = mc_message_get_attachments (g_ptr_array_index (page->messages, i));

      for (guint j = 0; j < g_list_model_get_n_items (attachments); j++)
        {
          g_autoptr(McAttachment) attachment = g_list_model_get_item (attachments, j);

          assert_safe_name (mc_attachment_get_name (attachment));
          n_after++;
        }
    }
  g_assert_cmpuint (n_after, >=, G_N_ELEMENTS (hostile_names));
}

/* The same names as the Market may send them in a message's payload: the
 * parser keeps them as data, byte for byte. */
static void
test_hostile_payload (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(McMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  GListModel *attachments;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "OK");
  json_builder_set_member_name (builder, "result");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "messageId");
  json_builder_add_int_value (builder, 501);
  json_builder_set_member_name (builder, "createdAt");
  json_builder_add_string_value (builder, "2025-03-01T10:00:00+03:00");
  json_builder_set_member_name (builder, "sender");
  json_builder_add_string_value (builder, "CUSTOMER");
  json_builder_set_member_name (builder, "payload");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (hostile_names); i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, hostile_names[i]);
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, "https://market.example/files/1");
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, 5);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);

  message = mc_api_parse_message (json, strlen (json), 9, &error);
  g_assert_no_error (error);
  attachments = mc_message_get_attachments (message);
  g_assert_cmpuint (g_list_model_get_n_items (attachments), ==, G_N_ELEMENTS (hostile_names));
  for (guint i = 0; i < G_N_ELEMENTS (hostile_names); i++)
    {
      g_autoptr(McAttachment) attachment = g_list_model_get_item (attachments, i);

      g_assert_cmpstr (mc_attachment_get_name (attachment), ==, hostile_names[i]);
      assert_safe_name (mc_attachment_get_name (attachment));
    }
}

/* A store without a name still gets one in the sidebar. */
static void
test_nameless_store (void)
{
  g_autoptr(McCampaign) campaign = mc_campaign_new (2107, "", 77, "",
                                                    MC_PLACEMENT_TYPE_FBS, MC_API_AVAILABILITY_AVAILABLE);
  g_autoptr(McCampaign) null_name = mc_campaign_new (2108, NULL, 77, NULL,
                                                     MC_PLACEMENT_TYPE_DBS, MC_API_AVAILABILITY_AVAILABLE);
  g_autoptr(McChatStore) chats = mc_chat_store_new ();
  g_autoptr(McSidebarModel) stores = mc_sidebar_model_new (chats);
  g_autoptr(GPtrArray) campaigns = g_ptr_array_new ();
  g_autofree char *name = mc_campaign_dup_display_name (campaign);
  g_autofree char *other = mc_campaign_dup_display_name (null_name);
  guint n;

  g_assert_cmpstr (name, ==, "Store 2107");
  g_assert_cmpstr (other, ==, "Store 2108");

  g_ptr_array_add (campaigns, campaign);
  g_ptr_array_add (campaigns, null_name);
  mc_sidebar_model_set_campaigns (stores, 77, "", campaigns);

  n = g_list_model_get_n_items (G_LIST_MODEL (stores));
  g_assert_cmpuint (n, >=, 2);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(McSidebarItem) item = g_list_model_get_item (G_LIST_MODEL (stores), i);
      const char *title = mc_sidebar_item_get_title (item);

      g_assert_nonnull (title);
      g_assert_cmpstr (title, !=, "");
    }
  g_assert_cmpstr (mc_sidebar_item_get_title (mc_sidebar_model_find_campaign (stores, 2107)), ==, "Store 2107");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/input/long-text", Fixture, NULL, fixture_set_up, test_long_text, fixture_tear_down);
  g_test_add ("/input/emoji-rtl", Fixture, NULL, fixture_set_up, test_emoji_rtl, fixture_tear_down);
  g_test_add ("/input/nul-file", Fixture, NULL, fixture_set_up, test_nul_file, fixture_tear_down);
  g_test_add ("/input/vanished-file", Fixture, NULL, fixture_set_up, test_vanished_file, fixture_tear_down);
  g_test_add ("/input/hostile-upload", Fixture, NULL, fixture_set_up, test_hostile_upload, fixture_tear_down);
  g_test_add_func ("/input/hostile-payload", test_hostile_payload);
  g_test_add_func ("/input/nameless-store", test_nameless_store);

  return g_test_run ();
}
