/* test-cache.c: round trips through the SQLite cache, its migration, its
 * recovery from a corrupt file, restarts and concurrent writers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <utime.h>

#include "mc-cache.h"
#include "mc-test-util.h"

static char *tmp_dir;
static guint unreadable_warnings;

/* g_test_expect_message() does not see structured logging, so the one
 * warning a test provokes is caught here. */
static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 &&
          (level & G_LOG_LEVEL_WARNING) != 0 &&
          strstr (fields[i].value, "is unreadable") != NULL)
        {
          unreadable_warnings++;
          return G_LOG_WRITER_HANDLED;
        }
    }
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static char *
fresh_path (const char *name)
{
  static guint counter;
  g_autofree char *file = g_strdup_printf ("%s-%u.sqlite", name, counter++);

  return g_build_filename (tmp_dir, file, NULL);
}

static McCache *
open_cache (const char *path)
{
  g_autoptr(GError) error = NULL;
  McCache *cache = mc_cache_open_path (path, 7, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cache);
  return cache;
}

static void
flush (McCache *cache)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_cache_flush (cache, &error));
  g_assert_no_error (error);
}

static McChat *
make_chat (gint64        chat_id,
           McChatStatus  status,
           const char   *name)
{
  McChat *chat = mc_chat_new (chat_id, 7);
  g_autoptr(McChatContext) context = mc_chat_context_new (MC_CONTEXT_TYPE_ORDER);

  mc_chat_set_chat_type (chat, MC_CHAT_TYPE_ARBITRAGE);
  mc_chat_set_status (chat, status);
  mc_chat_set_created_at (chat, 1000 + chat_id);
  mc_chat_set_updated_at (chat, 2000 + chat_id);
  mc_chat_context_set_campaign_id (context, 55);
  mc_chat_context_set_order_id (context, 900 + chat_id);
  mc_chat_context_set_return_id (context, 800 + chat_id);
  if (name != NULL)
    {
      g_autoptr(McCustomer) customer = mc_customer_new (name, "pub-1");

      mc_chat_context_set_customer (context, customer);
    }
  mc_chat_set_context (chat, context);
  mc_chat_set_unread_count (chat, 3);
  mc_chat_set_last_message_preview (chat, "Здравствуйте");
  return chat;
}

static McMessage *
make_message (gint64      chat_id,
              gint64      message_id,
              McSender    sender,
              const char *text)
{
  McMessage *message = mc_message_new (message_id, chat_id);

  mc_message_set_created_at (message, 5000 + message_id);
  mc_message_set_sender (message, sender);
  mc_message_set_text (message, text);
  return message;
}

static void
test_default_path (void)
{
  g_autofree char *expected = g_build_filename (tmp_dir, "data", "market-chats", "42.sqlite", NULL);
  g_autofree char *path = mc_cache_dup_default_path (42);
  g_autoptr(GError) error = NULL;
  g_autoptr(McCache) cache = NULL;

  g_assert_cmpstr (path, ==, expected);

  cache = mc_cache_open (42, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mc_cache_get_business_id (cache), ==, 42);
  g_assert_cmpint (mc_cache_get_schema_version (cache), ==, MC_CACHE_SCHEMA_VERSION);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
}

static void
test_chats_round_trip (void)
{
  g_autofree char *path = fresh_path ("chats");
  g_autoptr(McCache) cache = open_cache (path);
  g_autoptr(GPtrArray) chats = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McChat) direct = mc_chat_new (3, 7);
  g_autoptr(McChatContext) direct_context = mc_chat_context_new (MC_CONTEXT_TYPE_DIRECT);

  g_ptr_array_add (chats, make_chat (1, MC_CHAT_STATUS_WAITING_FOR_PARTNER, "Анна"));
  g_ptr_array_add (chats, make_chat (2, MC_CHAT_STATUS_FINISHED, NULL));
  mc_chat_set_status (direct, MC_CHAT_STATUS_NEW);
  mc_chat_set_context (direct, direct_context);
  g_ptr_array_add (chats, g_object_ref (direct));

  mc_cache_save_chats_async (cache, chats, NULL, mc_test_store_result, &result);
  g_assert_true (mc_cache_save_chats_finish (cache, mc_test_wait_for (&result), &error));
  g_assert_no_error (error);

  /* A later save of the same chat replaces it. */
  mc_chat_set_status (g_ptr_array_index (chats, 1), MC_CHAT_STATUS_WAITING_FOR_CUSTOMER);
  mc_cache_save_chats_async (cache, chats, NULL, NULL, NULL);
  /* The first save's task holds a reference on the cache: dropped too,
   * the last unref below closes the cache after the queued save, rather
   * than leaving the save racing the reopen. */
  g_clear_object (&result);
  g_clear_object (&cache);

  cache = open_cache (path);
  loaded = mc_cache_load_chats (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 3);

  for (guint i = 0; i < loaded->len; i++)
    {
      McChat *chat = g_ptr_array_index (loaded, i);
      McChat *orig = NULL;
      McChatContext *a, *b;

      for (guint j = 0; j < chats->len; j++)
        if (mc_chat_get_chat_id (g_ptr_array_index (chats, j)) == mc_chat_get_chat_id (chat))
          orig = g_ptr_array_index (chats, j);
      g_assert_nonnull (orig);

      g_assert_cmpint (mc_chat_get_business_id (chat), ==, 7);
      g_assert_cmpint (mc_chat_get_chat_type (chat), ==, mc_chat_get_chat_type (orig));
      g_assert_cmpint (mc_chat_get_status (chat), ==, mc_chat_get_status (orig));
      g_assert_cmpint (mc_chat_get_created_at (chat), ==, mc_chat_get_created_at (orig));
      g_assert_cmpint (mc_chat_get_updated_at (chat), ==, mc_chat_get_updated_at (orig));
      g_assert_cmpuint (mc_chat_get_unread_count (chat), ==, mc_chat_get_unread_count (orig));
      g_assert_cmpstr (mc_chat_get_last_message_preview (chat), ==, mc_chat_get_last_message_preview (orig));
      a = mc_chat_get_context (chat);
      b = mc_chat_get_context (orig);
      g_assert_cmpint (mc_chat_context_get_context_type (a), ==, mc_chat_context_get_context_type (b));
      g_assert_cmpint (mc_chat_context_get_campaign_id (a), ==, mc_chat_context_get_campaign_id (b));
      g_assert_cmpint (mc_chat_context_get_order_id (a), ==, mc_chat_context_get_order_id (b));
      g_assert_cmpint (mc_chat_context_get_return_id (a), ==, mc_chat_context_get_return_id (b));
      g_assert_cmpstr (mc_chat_get_customer_name (chat), ==, mc_chat_get_customer_name (orig));
      if (mc_chat_context_get_customer (b) != NULL)
        g_assert_cmpstr (mc_customer_get_public_id (mc_chat_context_get_customer (a)), ==,
                         mc_customer_get_public_id (mc_chat_context_get_customer (b)));
      else
        g_assert_null (mc_chat_context_get_customer (a));
    }
}

static void
test_messages_round_trip (void)
{
  g_autofree char *path = fresh_path ("messages");
  g_autoptr(McCache) cache = open_cache (path);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McAttachment) photo = mc_attachment_new ("photo.jpg", "https://example.com/p.jpg", 12345);
  g_autoptr(McAttachment) doc = mc_attachment_new ("doc.pdf", "https://example.com/d.pdf", 99);
  McMessage *with_files;
  GListModel *attachments;
  g_autoptr(McAttachment) first = NULL;

  g_ptr_array_add (messages, make_message (10, 3, MC_SENDER_PARTNER, "Ответ"));
  g_ptr_array_add (messages, make_message (10, 1, MC_SENDER_CUSTOMER, "Вопрос"));
  with_files = make_message (10, 2, MC_SENDER_CUSTOMER, NULL);
  mc_message_add_attachment (with_files, photo);
  mc_message_add_attachment (with_files, doc);
  g_ptr_array_add (messages, with_files);
  g_ptr_array_add (messages, make_message (10, 0, MC_SENDER_PARTNER, "pending, not saved"));
  g_ptr_array_add (messages, make_message (11, 1, MC_SENDER_MARKET, "other chat"));

  mc_cache_save_messages_async (cache, messages, NULL, mc_test_store_result, &result);
  g_assert_true (mc_cache_save_messages_finish (cache, mc_test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&cache);

  cache = open_cache (path);
  loaded = mc_cache_load_messages (cache, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 3);
  for (guint i = 0; i < loaded->len; i++)
    {
      McMessage *message = g_ptr_array_index (loaded, i);

      g_assert_cmpint (mc_message_get_message_id (message), ==, i + 1);
      g_assert_cmpint (mc_message_get_chat_id (message), ==, 10);
      g_assert_cmpint (mc_message_get_created_at (message), ==, 5001 + i);
    }
  g_assert_cmpint (mc_message_get_sender (g_ptr_array_index (loaded, 0)), ==, MC_SENDER_CUSTOMER);
  g_assert_cmpstr (mc_message_get_text (g_ptr_array_index (loaded, 0)), ==, "Вопрос");
  g_assert_null (mc_message_get_text (g_ptr_array_index (loaded, 1)));
  g_assert_cmpint (mc_message_get_sender (g_ptr_array_index (loaded, 2)), ==, MC_SENDER_PARTNER);

  attachments = mc_message_get_attachments (g_ptr_array_index (loaded, 1));
  g_assert_cmpuint (g_list_model_get_n_items (attachments), ==, 2);
  first = g_list_model_get_item (attachments, 0);
  g_assert_cmpstr (mc_attachment_get_name (first), ==, "photo.jpg");
  g_assert_cmpstr (mc_attachment_get_url (first), ==, "https://example.com/p.jpg");
  g_assert_cmpint (mc_attachment_get_size (first), ==, 12345);
  g_assert_cmpuint (g_list_model_get_n_items (mc_message_get_attachments (g_ptr_array_index (loaded, 0))), ==, 0);

  g_clear_pointer (&loaded, g_ptr_array_unref);
  g_clear_object (&result);
  mc_cache_load_messages_async (cache, 11, NULL, mc_test_store_result, &result);
  loaded = mc_cache_load_messages_finish (cache, mc_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 1);
  g_assert_cmpint (mc_message_get_sender (g_ptr_array_index (loaded, 0)), ==, MC_SENDER_MARKET);
}

static void
test_read_state (void)
{
  g_autofree char *path = fresh_path ("read");
  g_autoptr(McCache) cache = open_cache (path);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) states = NULL;
  g_autoptr(GHashTable) unread = NULL;
  g_autoptr(GError) error = NULL;
  gint64 chat_id = 20;
  GArray *ids;

  for (gint64 id = 1; id <= 5; id++)
    g_ptr_array_add (messages, make_message (20, id, id == 2 ? MC_SENDER_PARTNER : MC_SENDER_CUSTOMER, "x"));
  mc_cache_save_messages_async (cache, messages, NULL, NULL, NULL);
  mc_cache_save_chat_state_async (cache, 20, 3, 5, NULL, NULL, NULL);
  mc_cache_save_chat_state_async (cache, 21, 0, 9, NULL, NULL, NULL);
  g_clear_object (&cache);

  cache = open_cache (path);
  states = mc_cache_load_chat_states (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (states->len, ==, 2);
  for (guint i = 0; i < states->len; i++)
    {
      McCacheChatState *state = &g_array_index (states, McCacheChatState, i);

      if (state->chat_id == 20)
        {
          g_assert_cmpint (state->read_marker, ==, 3);
          g_assert_cmpint (state->last_message_id, ==, 5);
        }
      else
        {
          g_assert_cmpint (state->chat_id, ==, 21);
          g_assert_cmpint (state->read_marker, ==, 0);
          g_assert_cmpint (state->last_message_id, ==, 9);
        }
    }

  unread = mc_cache_load_unread_ids (cache, &error);
  g_assert_no_error (error);
  ids = g_hash_table_lookup (unread, &chat_id);
  g_assert_nonnull (ids);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 4);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, 5);
}

static void
test_drafts (void)
{
  g_autofree char *path = fresh_path ("drafts");
  g_autoptr(McCache) cache = open_cache (path);

  g_assert_null (mc_cache_get_draft (cache, 1));
  for (int i = 0; i < 200; i++)
    {
      g_autofree char *text = g_strdup_printf ("typing %d", i);

      mc_cache_set_draft (cache, 1, text);
      g_assert_cmpstr (mc_cache_get_draft (cache, 1), ==, text);
    }
  mc_cache_set_draft (cache, 2, "gone soon");
  mc_cache_set_draft (cache, 2, "");
  g_assert_null (mc_cache_get_draft (cache, 2));
  mc_cache_set_draft (cache, 3, "Добрый день");
  mc_cache_set_draft (cache, 3, NULL);
  mc_cache_set_draft (cache, 4, "Добрый день");
  g_assert_cmpint (mc_cache_get_max_write_block (cache), >, 0);

  /* A simulated restart: nothing waits for the writes before closing. */
  g_clear_object (&cache);
  cache = open_cache (path);
  g_assert_cmpstr (mc_cache_get_draft (cache, 1), ==, "typing 199");
  g_assert_null (mc_cache_get_draft (cache, 2));
  g_assert_null (mc_cache_get_draft (cache, 3));
  g_assert_cmpstr (mc_cache_get_draft (cache, 4), ==, "Добрый день");
}

static void
test_outbox (void)
{
  g_autofree char *path = fresh_path ("outbox");
  g_autoptr(McCache) cache = open_cache (path);
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GAsyncResult) third = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McOutboxEntry) copy = NULL;
  gint64 id1, id2, id3;
  gint64 before = g_get_real_time ();
  McOutboxEntry *entry;

  mc_cache_outbox_add_async (cache, 10, "Здравствуйте!", NULL, NULL, mc_test_store_result, &first);
  mc_cache_outbox_add_async (cache, 10, NULL, "/tmp/photo.jpg", NULL, mc_test_store_result, &second);
  mc_cache_outbox_add_async (cache, 11, "sent fine", NULL, NULL, mc_test_store_result, &third);
  id1 = mc_cache_outbox_add_finish (cache, mc_test_wait_for (&first), &error);
  g_assert_no_error (error);
  id2 = mc_cache_outbox_add_finish (cache, mc_test_wait_for (&second), &error);
  g_assert_no_error (error);
  id3 = mc_cache_outbox_add_finish (cache, mc_test_wait_for (&third), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id1, >, 0);
  g_assert_cmpint (id2, >, id1);
  g_assert_cmpint (id3, >, id2);

  mc_cache_outbox_set_state (cache, id2, MC_OUTBOX_STATE_SENDING);
  mc_cache_outbox_remove (cache, id3);
  /* As in the chats round trip: the held results' tasks keep the cache
   * open, and with it the two queued writes racing the reopen. */
  g_clear_object (&first);
  g_clear_object (&second);
  g_clear_object (&third);
  g_clear_object (&cache);

  cache = open_cache (path);
  entries = mc_cache_list_outbox (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);

  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpint (entry->id, ==, id1);
  g_assert_cmpint (entry->chat_id, ==, 10);
  g_assert_cmpstr (entry->text, ==, "Здравствуйте!");
  g_assert_null (entry->file_path);
  g_assert_cmpint (entry->state, ==, MC_OUTBOX_STATE_QUEUED);
  g_assert_cmpint (entry->created_at, >=, before);

  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpint (entry->id, ==, id2);
  g_assert_null (entry->text);
  g_assert_cmpstr (entry->file_path, ==, "/tmp/photo.jpg");
  g_assert_cmpint (entry->state, ==, MC_OUTBOX_STATE_SENDING);

  copy = mc_outbox_entry_copy (entry);
  g_assert_cmpstr (copy->file_path, ==, entry->file_path);
  g_assert_true (copy->file_path != entry->file_path);
}

static void
test_sync_state (void)
{
  g_autofree char *path = fresh_path ("sync");
  g_autoptr(McCache) cache = open_cache (path);
  g_autofree char *token = NULL;

  g_assert_cmpint (mc_cache_get_sync_state_int (cache, "last-sweep", -1), ==, -1);
  mc_cache_set_sync_state_int (cache, "last-sweep", 1752000000000000);
  mc_cache_set_sync_state (cache, "page-token", "abc");
  mc_cache_set_sync_state (cache, "gone", "x");
  mc_cache_set_sync_state (cache, "gone", NULL);
  g_assert_cmpint (mc_cache_get_sync_state_int (cache, "last-sweep", -1), ==, 1752000000000000);
  g_clear_object (&cache);

  cache = open_cache (path);
  g_assert_cmpint (mc_cache_get_sync_state_int (cache, "last-sweep", -1), ==, 1752000000000000);
  token = mc_cache_dup_sync_state (cache, "page-token");
  g_assert_cmpstr (token, ==, "abc");
  g_assert_null (mc_cache_dup_sync_state (cache, "gone"));
  g_assert_cmpint (mc_cache_get_sync_state_int (cache, "page-token", 5), ==, 5);
}

/* Version 1 as an older release wrote it, without its user_version. */
static const char *schema_v1 =
  "CREATE TABLE chats (chat_id INTEGER PRIMARY KEY, chat_type TEXT, status TEXT,"
  " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, context_type TEXT,"
  " campaign_id INTEGER NOT NULL DEFAULT 0, order_id INTEGER NOT NULL DEFAULT 0,"
  " return_id INTEGER NOT NULL DEFAULT 0, customer_name TEXT, customer_public_id TEXT,"
  " unread_count INTEGER NOT NULL DEFAULT 0, last_message_preview TEXT);"
  "CREATE TABLE messages (chat_id INTEGER NOT NULL, message_id INTEGER NOT NULL,"
  " created_at INTEGER NOT NULL, sender TEXT, text TEXT,"
  " PRIMARY KEY (chat_id, message_id)) WITHOUT ROWID;"
  "CREATE TABLE read_markers (chat_id INTEGER PRIMARY KEY, message_id INTEGER NOT NULL);"
  "CREATE TABLE chat_sync (chat_id INTEGER PRIMARY KEY, last_message_id INTEGER NOT NULL);"
  "CREATE TABLE drafts (chat_id INTEGER PRIMARY KEY, text TEXT NOT NULL, updated_at INTEGER NOT NULL);"
  "CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, chat_id INTEGER NOT NULL,"
  " text TEXT, file_path TEXT, created_at INTEGER NOT NULL, state INTEGER NOT NULL);"
  "CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT);";

static int
read_user_version (const char *path)
{
  sqlite3_stmt *stmt;
  sqlite3 *db;
  int version;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return version;
}

static void
test_migration_from_v1 (void)
{
  g_autofree char *path = fresh_path ("v1");
  g_autoptr(McCache) cache = NULL;
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(McAttachment) file = mc_attachment_new ("a.png", "https://example.com/a.png", 1);
  g_autoptr(GError) error = NULL;
  McMessage *message;
  sqlite3 *db;

  /* No attachments table. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, schema_v1, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO chats VALUES (5, 'CHAT', 'NEW', 1, 2, 'ORDER', 3, 4, 0, 'Ivan', NULL, 1, 'hi');"
    "INSERT INTO messages VALUES (5, 1, 10, 'CUSTOMER', 'hi');"
    "INSERT INTO drafts VALUES (5, 'old draft', 1);"
    "PRAGMA user_version = 1;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  cache = open_cache (path);
  g_assert_cmpint (mc_cache_get_schema_version (cache), ==, MC_CACHE_SCHEMA_VERSION);

  chats = mc_cache_load_chats (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chats->len, ==, 1);
  g_assert_cmpstr (mc_chat_get_customer_name (g_ptr_array_index (chats, 0)), ==, "Ivan");
  g_assert_cmpint (mc_chat_get_status (g_ptr_array_index (chats, 0)), ==, MC_CHAT_STATUS_NEW);
  g_assert_cmpstr (mc_cache_get_draft (cache, 5), ==, "old draft");

  /* The table version 2 adds works. */
  message = make_message (5, 2, MC_SENDER_CUSTOMER, NULL);
  mc_message_add_attachment (message, file);
  g_ptr_array_add (more, message);
  mc_cache_save_messages_async (cache, more, NULL, NULL, NULL);
  messages = mc_cache_load_messages (cache, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (mc_message_get_attachments (g_ptr_array_index (messages, 1))), ==, 1);
  g_clear_object (&cache);

  g_assert_cmpint (read_user_version (path), ==, MC_CACHE_SCHEMA_VERSION);
}

static void
assert_campaign (McCampaign        *campaign,
                 gint64             id,
                 const char        *domain,
                 gint64             business_id,
                 const char        *business_name,
                 McPlacementType    placement_type,
                 McApiAvailability  availability)
{
  g_assert_cmpint (mc_campaign_get_id (campaign), ==, id);
  g_assert_cmpstr (mc_campaign_get_domain (campaign), ==, domain);
  g_assert_cmpint (mc_campaign_get_business_id (campaign), ==, business_id);
  g_assert_cmpstr (mc_campaign_get_business_name (campaign), ==, business_name);
  g_assert_cmpint (mc_campaign_get_placement_type (campaign), ==, placement_type);
  g_assert_cmpint (mc_campaign_get_api_availability (campaign), ==, availability);
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GError **error = user_data;

  g_assert_true (mc_cache_save_campaigns_finish (MC_CACHE (object), result, error));
}

static void
test_campaigns_round_trip (void)
{
  g_autofree char *path = fresh_path ("campaigns");
  g_autoptr(McCache) cache = open_cache (path);
  g_autoptr(GPtrArray) campaigns = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;

  loaded = mc_cache_load_campaigns (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 0);
  g_clear_pointer (&loaded, g_ptr_array_unref);

  /* Saved order, not id order; a store without a name; every enum value
   * that is not the first. */
  g_ptr_array_add (campaigns, mc_campaign_new (31, "магазин.рф", 7, "ООО «Ромашка»",
                                               MC_PLACEMENT_TYPE_DBS,
                                               MC_API_AVAILABILITY_MANUALLY_DISABLED));
  g_ptr_array_add (campaigns, mc_campaign_new (12, NULL, 7, "ООО «Ромашка»",
                                               MC_PLACEMENT_TYPE_LAAS,
                                               MC_API_AVAILABILITY_DISABLED_BY_NO_PLACEMENT_TYPE));
  g_ptr_array_add (campaigns, mc_campaign_new (20, "shop.example", 7, NULL,
                                               MC_PLACEMENT_TYPE_UNKNOWN,
                                               MC_API_AVAILABILITY_AVAILABLE));
  mc_cache_save_campaigns_async (cache, campaigns, NULL, NULL, NULL);
  g_clear_object (&cache);

  cache = open_cache (path);
  loaded = mc_cache_load_campaigns (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 3);
  assert_campaign (g_ptr_array_index (loaded, 0), 31, "магазин.рф", 7, "ООО «Ромашка»",
                   MC_PLACEMENT_TYPE_DBS, MC_API_AVAILABILITY_MANUALLY_DISABLED);
  assert_campaign (g_ptr_array_index (loaded, 1), 12, NULL, 7, "ООО «Ромашка»",
                   MC_PLACEMENT_TYPE_LAAS, MC_API_AVAILABILITY_DISABLED_BY_NO_PLACEMENT_TYPE);
  assert_campaign (g_ptr_array_index (loaded, 2), 20, "shop.example", 7, NULL,
                   MC_PLACEMENT_TYPE_UNKNOWN, MC_API_AVAILABILITY_AVAILABLE);
  g_clear_pointer (&loaded, g_ptr_array_unref);

  /* A later list replaces the saved one: a closed store goes. */
  g_ptr_array_remove_index (campaigns, 0);
  g_ptr_array_add (campaigns, mc_campaign_new (40, "new.example", 7, "ООО «Ромашка»",
                                               MC_PLACEMENT_TYPE_FBY,
                                               MC_API_AVAILABILITY_DISABLED_BY_INACTIVITY));
  mc_cache_save_campaigns_async (cache, campaigns, NULL, on_saved, &error);
  loaded = mc_cache_load_campaigns (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 3);
  assert_campaign (g_ptr_array_index (loaded, 0), 12, NULL, 7, "ООО «Ромашка»",
                   MC_PLACEMENT_TYPE_LAAS, MC_API_AVAILABILITY_DISABLED_BY_NO_PLACEMENT_TYPE);
  assert_campaign (g_ptr_array_index (loaded, 2), 40, "new.example", 7, "ООО «Ромашка»",
                   MC_PLACEMENT_TYPE_FBY, MC_API_AVAILABILITY_DISABLED_BY_INACTIVITY);
  g_clear_pointer (&loaded, g_ptr_array_unref);

  /* The callback runs in the main context once the rows are committed. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_no_error (error);

  g_ptr_array_set_size (campaigns, 0);
  mc_cache_save_campaigns_async (cache, campaigns, NULL, NULL, NULL);
  loaded = mc_cache_load_campaigns (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 0);
}

static void
test_migration_from_v2 (void)
{
  g_autofree char *path = fresh_path ("v2");
  g_autoptr(McCache) cache = NULL;
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) campaigns = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  /* Version 2 as the release before stores were kept wrote it. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, schema_v1, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "CREATE TABLE attachments (chat_id INTEGER NOT NULL, message_id INTEGER NOT NULL,"
    " position INTEGER NOT NULL, name TEXT NOT NULL, url TEXT NOT NULL,"
    " size INTEGER NOT NULL, PRIMARY KEY (chat_id, message_id, position)) WITHOUT ROWID;"
    "INSERT INTO chats VALUES (5, 'CHAT', 'NEW', 1, 2, 'ORDER', 31, 4, 0, 'Ivan', NULL, 1, 'hi');"
    "INSERT INTO messages VALUES (5, 1, 10, 'CUSTOMER', 'hi');"
    "INSERT INTO attachments VALUES (5, 1, 0, 'a.png', 'https://example.com/a.png', 9);"
    "INSERT INTO drafts VALUES (5, 'old draft', 1);"
    "INSERT INTO sync_state VALUES ('last-sweep', '77');"
    "PRAGMA user_version = 2;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  cache = open_cache (path);
  g_assert_cmpint (mc_cache_get_schema_version (cache), ==, MC_CACHE_SCHEMA_VERSION);

  /* What version 2 held is all there. */
  chats = mc_cache_load_chats (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chats->len, ==, 1);
  g_assert_cmpstr (mc_chat_get_customer_name (g_ptr_array_index (chats, 0)), ==, "Ivan");
  messages = mc_cache_load_messages (cache, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mc_message_get_attachments (g_ptr_array_index (messages, 0))), ==, 1);
  g_assert_cmpstr (mc_cache_get_draft (cache, 5), ==, "old draft");
  g_assert_cmpint (mc_cache_get_sync_state_int (cache, "last-sweep", -1), ==, 77);

  /* No stores until a refresh lists them, then the new table keeps them. */
  loaded = mc_cache_load_campaigns (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 0);
  g_clear_pointer (&loaded, g_ptr_array_unref);

  g_ptr_array_add (campaigns, mc_campaign_new (31, "shop.example", 7, "Romashka",
                                               MC_PLACEMENT_TYPE_FBS,
                                               MC_API_AVAILABILITY_AVAILABLE));
  mc_cache_save_campaigns_async (cache, campaigns, NULL, NULL, NULL);
  g_clear_object (&cache);

  g_assert_cmpint (read_user_version (path), ==, MC_CACHE_SCHEMA_VERSION);

  cache = open_cache (path);
  loaded = mc_cache_load_campaigns (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 1);
  assert_campaign (g_ptr_array_index (loaded, 0), 31, "shop.example", 7, "Romashka",
                   MC_PLACEMENT_TYPE_FBS, MC_API_AVAILABILITY_AVAILABLE);
}

static void
save_and_wait (McCache   *cache,
               GPtrArray *messages)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mc_cache_save_messages_async (cache, messages, NULL, mc_test_store_result, &result);
  g_assert_true (mc_cache_save_messages_finish (cache, mc_test_wait_for (&result), &error));
  g_assert_no_error (error);
}

/* Whether message @message_id of @chat_id loads as sent from elsewhere;
 * it must be there. */
static gboolean
loads_from_elsewhere (McCache *cache,
                      gint64   chat_id,
                      gint64   message_id)
{
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;

  loaded = mc_cache_load_messages (cache, chat_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < loaded->len; i++)
    {
      McMessage *message = g_ptr_array_index (loaded, i);

      if (mc_message_get_message_id (message) == message_id)
        return mc_message_get_from_elsewhere (message);
    }
  g_assert_not_reached ();
}

static void
test_from_elsewhere_kept (void)
{
  g_autofree char *path = fresh_path ("elsewhere");
  g_autoptr(McCache) cache = open_cache (path);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) refetched = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (messages, make_message (10, 1, MC_SENDER_CUSTOMER, "Вопрос"));
  g_ptr_array_add (messages, make_message (10, 2, MC_SENDER_PARTNER, "from the web cabinet"));
  g_ptr_array_add (messages, make_message (10, 3, MC_SENDER_PARTNER, "from this app"));
  g_ptr_array_add (messages, make_message (11, 2, MC_SENDER_PARTNER, "same id, other chat"));
  save_and_wait (cache, messages);
  mc_cache_save_message_from_elsewhere (cache, 10, 2);
  /* Marked before the message itself is saved: kept all the same. */
  mc_cache_save_message_from_elsewhere (cache, 10, 4);
  /* Twice is once. */
  mc_cache_save_message_from_elsewhere (cache, 10, 2);
  flush (cache);
  g_clear_object (&cache);

  cache = open_cache (path);
  g_assert_true (loads_from_elsewhere (cache, 10, 2));
  g_assert_false (loads_from_elsewhere (cache, 10, 1));
  g_assert_false (loads_from_elsewhere (cache, 10, 3));
  g_assert_false (loads_from_elsewhere (cache, 11, 2));

  /* The API gives the messages again, unflagged: the mark stays. */
  g_ptr_array_add (refetched, make_message (10, 2, MC_SENDER_PARTNER, "from the web cabinet"));
  g_ptr_array_add (refetched, make_message (10, 4, MC_SENDER_PARTNER, "later"));
  save_and_wait (cache, refetched);
  g_assert_true (loads_from_elsewhere (cache, 10, 2));
  g_assert_true (loads_from_elsewhere (cache, 10, 4));
  g_clear_object (&cache);

  cache = open_cache (path);
  g_assert_true (loads_from_elsewhere (cache, 10, 2));
  g_assert_true (loads_from_elsewhere (cache, 10, 4));
  g_assert_false (loads_from_elsewhere (cache, 10, 3));
}

static void
test_migration_from_v7 (void)
{
  g_autofree char *path = fresh_path ("v7");
  g_autoptr(McCache) cache = open_cache (path);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_ptr_array_add (messages, make_message (10, 1, MC_SENDER_CUSTOMER, "Вопрос"));
  g_ptr_array_add (messages, make_message (10, 2, MC_SENDER_PARTNER, "Ответ"));
  save_and_wait (cache, messages);
  mc_cache_save_chat_marks (cache, 10, TRUE, FALSE);
  g_clear_object (&cache);

  /* Back to what version 7 held: no table of marks from elsewhere. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE messages_from_elsewhere; PRAGMA user_version = 7;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (read_user_version (path), ==, 7);

  cache = open_cache (path);
  g_assert_cmpint (mc_cache_get_schema_version (cache), ==, MC_CACHE_SCHEMA_VERSION);
  g_assert_cmpint (MC_CACHE_SCHEMA_VERSION, ==, 8);

  /* What version 7 held is all there, none of it from elsewhere. */
  {
    g_autoptr(GArray) marks = mc_cache_load_chat_marks (cache, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (marks->len, ==, 1);
    g_assert_true (g_array_index (marks, McCacheChatMarks, 0).pinned);
  }
  g_assert_false (loads_from_elsewhere (cache, 10, 1));
  g_assert_false (loads_from_elsewhere (cache, 10, 2));

  /* The new table works. */
  mc_cache_save_message_from_elsewhere (cache, 10, 2);
  g_clear_object (&cache);
  g_assert_cmpint (read_user_version (path), ==, 8);

  cache = open_cache (path);
  g_assert_true (loads_from_elsewhere (cache, 10, 2));
  g_assert_false (loads_from_elsewhere (cache, 10, 1));
}

static void
test_corrupt_file (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "corrupt", NULL);
  g_autofree char *path = g_build_filename (dir, "7.sqlite", NULL);
  g_autoptr(McCache) cache = NULL;
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *garbage = NULL;
  const char *name;
  gboolean moved = FALSE;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  garbage = g_strnfill (8192, 'Z');
  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));

  cache = open_cache (path);
  g_assert_cmpuint (unreadable_warnings, ==, 1);

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      if (g_str_has_prefix (name, "7.sqlite.corrupt-"))
        {
          g_autofree char *aside = g_build_filename (dir, name, NULL);
          g_autofree char *contents = NULL;

          g_assert_true (g_file_get_contents (aside, &contents, NULL, NULL));
          g_assert_cmpstr (contents, ==, garbage);
          moved = TRUE;
        }
    }
  g_assert_true (moved);

  chats = mc_cache_load_chats (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chats->len, ==, 0);

  g_ptr_array_add (saved, make_chat (1, MC_CHAT_STATUS_NEW, "Olga"));
  mc_cache_save_chats_async (cache, saved, NULL, NULL, NULL);
  g_clear_pointer (&chats, g_ptr_array_unref);
  chats = mc_cache_load_chats (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chats->len, ==, 1);
}

static gboolean
has_corrupt_sibling (const char *dir,
                     const char *base)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strconcat (base, ".corrupt-", NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, prefix))
      return TRUE;

  return FALSE;
}

static gint64
count_chats (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 n;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM chats", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* A cache with one chat, closed again. */
static void
make_cache_with_a_chat (const char *path)
{
  g_autoptr(McCache) cache = open_cache (path);
  g_autoptr(GPtrArray) chats = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (chats, make_chat (1, MC_CHAT_STATUS_NEW, "Olga"));
  mc_cache_save_chats_async (cache, chats, NULL, NULL, NULL);
  flush (cache);
  mc_cache_close (cache);
}

/* Another program holding the lock is not damage: the file is tried again,
 * then reported, and stays where it is with all it holds. */
static void
test_busy_file (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "busy", NULL);
  g_autofree char *path = g_build_filename (dir, "7.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(McCache) cache = NULL;
  sqlite3 *holder;
  guint warnings = unreadable_warnings;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  make_cache_with_a_chat (path);

  g_assert_cmpint (sqlite3_open (path, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  cache = mc_cache_open_path (path, 7, &error);
  g_assert_error (error, MC_CACHE_ERROR, MC_CACHE_ERROR_BUSY);
  g_assert_null (cache);
  g_assert_cmpuint (unreadable_warnings, ==, warnings);
  g_assert_false (has_corrupt_sibling (dir, "7.sqlite"));

  sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (holder);
  g_assert_cmpint (count_chats (path), ==, 1);
  g_clear_error (&error);
  cache = open_cache (path);
}

/* After a downgrade the newer file is refused in words and kept intact. */
static void
test_newer_schema (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "newer", NULL);
  g_autofree char *path = g_build_filename (dir, "7.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(McCache) cache = NULL;
  sqlite3 *db;
  guint warnings = unreadable_warnings;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  make_cache_with_a_chat (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  cache = mc_cache_open_path (path, 7, &error);
  g_assert_error (error, MC_CACHE_ERROR, MC_CACHE_ERROR_NEWER);
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_assert_null (cache);
  g_assert_cmpuint (unreadable_warnings, ==, warnings);
  g_assert_false (has_corrupt_sibling (dir, "7.sqlite"));
  g_assert_cmpint (read_user_version (path), ==, 99);
  g_assert_cmpint (count_chats (path), ==, 1);
}

/* A valid header over damaged pages opens, and quick_check finds it. */
static void
test_damaged_pages (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "damaged", NULL);
  g_autofree char *path = g_build_filename (dir, "7.sqlite", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McCache) cache = NULL;
  sqlite3 *db;
  gsize length;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  make_cache_with_a_chat (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  /* Everything after the first page (the header and the schema table)
   * overwritten. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4096);
  memset (contents + 4096, 0x5a, length - 4096);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  cache = mc_cache_open_path (path, 7, &error);
  g_assert_no_error (error);
  g_assert_true (has_corrupt_sibling (dir, "7.sqlite"));
}

static void
test_file_modes (void)
{
  g_autofree char *path = fresh_path ("modes");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(McCache) cache = NULL;
  GStatBuf buf;

  /* An older version left it readable by everyone. */
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  cache = open_cache (path);
  mc_cache_set_draft (cache, 1, "x");
  flush (cache);

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (wal, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
}

static void
test_data_dir_per_app_id (void)
{
  g_autofree char *release = mc_cache_dup_data_dir_name ("io.github.marketchats.MarketChats");
  g_autofree char *devel = mc_cache_dup_data_dir_name ("io.github.marketchats.MarketChats.Devel");
  g_autofree char *own = mc_cache_dup_data_dir_name (BASE_ID);
  g_autofree char *dir = mc_cache_dup_data_dir ();
  g_autofree char *base = g_path_get_basename (dir);

  g_assert_cmpstr (release, ==, "market-chats");
  g_assert_cmpstr (devel, ==, "market-chats-devel");
  g_assert_cmpstr (base, ==, own);
}

static void
test_attachments_dir (void)
{
  g_autofree char *first = mc_cache_dup_attachments_dir (7, 100);
  g_autofree char *second = mc_cache_dup_attachments_dir (7, 101);
  g_autofree char *other = mc_cache_dup_attachments_dir (8, 100);
  g_autofree char *old_file = g_build_filename (first, "old.jpg", NULL);
  g_autofree char *new_file = g_build_filename (second, "photo.jpg", NULL);
  g_autofree char *kept = g_build_filename (other, "photo.jpg", NULL);
  g_autofree char *path = fresh_path ("attachments");
  g_autofree char *root = NULL;
  g_autoptr(McCache) cache = NULL;
  g_autoptr(GError) error = NULL;
  gint64 month_ago = g_get_real_time () - G_USEC_PER_SEC * G_GINT64_CONSTANT (86400) * 31;
  struct utimbuf times = { month_ago / G_USEC_PER_SEC, month_ago / G_USEC_PER_SEC };

  /* Same-named files of two chats or cabinets never meet, and live in the
   * cache folder, not with the seller's data. */
  g_assert_cmpstr (first, !=, second);
  g_assert_cmpstr (first, !=, other);
  g_assert_true (g_str_has_prefix (first, g_get_user_cache_dir ()));

  g_assert_cmpint (g_mkdir_with_parents (first, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (second, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (other, 0700), ==, 0);
  g_assert_true (g_file_set_contents (old_file, "old", -1, NULL));
  g_assert_true (g_file_set_contents (new_file, "new", -1, NULL));
  g_assert_true (g_file_set_contents (kept, "kept", -1, NULL));
  g_assert_cmpint (g_utime (old_file, &times), ==, 0);

  /* Old ones expire, with the chat folder they leave empty. */
  root = mc_cache_dup_attachments_root ();
  g_assert_true (g_str_has_prefix (first, root));
  g_assert_cmpuint (mc_cache_expire_attachments (root, G_USEC_PER_SEC * G_GINT64_CONSTANT (86400) * 30), ==, 1);
  g_assert_false (g_file_test (old_file, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (first, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (new_file, G_FILE_TEST_EXISTS));

  /* Deleting a cabinet's cache takes its files along, not another's. */
  cache = mc_cache_open_path (path, 7, &error);
  g_assert_no_error (error);
  g_assert_true (mc_cache_delete (cache, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (new_file, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (kept, G_FILE_TEST_EXISTS));
}

static void
test_delete (void)
{
  g_autofree char *path = fresh_path ("delete");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(McCache) cache = open_cache (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) chats = NULL;

  mc_cache_set_draft (cache, 1, "x");
  flush (cache);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_assert_true (mc_cache_delete (cache, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));

  chats = mc_cache_load_chats (cache, &error);
  g_assert_error (error, MC_CACHE_ERROR, MC_CACHE_ERROR_CLOSED);
  g_assert_null (chats);
}

/* The connection keeps its statements prepared; they must all go before
 * it closes, or SQLite refuses to close it, and the file stays open with
 * its -wal and -shm beside it until the process ends. */
static void
test_close_releases_file (void)
{
  g_autofree char *path = fresh_path ("close");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(McCache) cache = open_cache (path);
  g_autoptr(GPtrArray) chats = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (chats, make_chat (1, MC_CHAT_STATUS_NEW, "Olga"));
  mc_cache_save_chats_async (cache, chats, NULL, NULL, NULL);
  mc_cache_set_draft (cache, 1, "x");
  loaded = mc_cache_load_chats (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 1);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  mc_cache_close (cache);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));

  /* And what it wrote is there for the next open. */
  g_clear_object (&cache);
  g_clear_pointer (&loaded, g_ptr_array_unref);
  cache = open_cache (path);
  loaded = mc_cache_load_chats (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 1);
  g_assert_cmpstr (mc_cache_get_draft (cache, 1), ==, "x");
}

#define N_WRITERS 10
#define ROWS_PER_WRITER 300

typedef struct
{
  McCache *cache;
  gint64   writer;
} WriterData;

static gpointer
writer_thread (gpointer user_data)
{
  WriterData *data = user_data;

  for (gint64 i = 0; i < ROWS_PER_WRITER; i += 10)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

      for (gint64 k = i; k < i + 10; k++)
        g_ptr_array_add (batch, make_message (99, data->writer * 100000 + k + 1,
                                              MC_SENDER_CUSTOMER, "concurrent"));
      mc_cache_save_messages_async (data->cache, batch, NULL, NULL, NULL);
      mc_cache_set_draft (data->cache, data->writer, "draft");
    }
  return NULL;
}

static void
test_concurrent_writers (void)
{
  g_autofree char *path = fresh_path ("concurrent");
  g_autoptr(McCache) cache = open_cache (path);
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;
  WriterData data[N_WRITERS];
  GThread *threads[N_WRITERS];

  for (guint i = 0; i < N_WRITERS; i++)
    {
      data[i].cache = cache;
      data[i].writer = i + 1;
      threads[i] = g_thread_new ("writer", writer_thread, &data[i]);
    }
  for (guint i = 0; i < N_WRITERS; i++)
    g_thread_join (threads[i]);

  g_clear_object (&cache);
  cache = open_cache (path);
  messages = mc_cache_load_messages (cache, 99, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, N_WRITERS * ROWS_PER_WRITER);
  for (guint i = 0; i < N_WRITERS; i++)
    g_assert_cmpstr (mc_cache_get_draft (cache, i + 1), ==, "draft");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  int ret;

  tmp_dir = g_dir_make_tmp ("mc-cache-XXXXXX", &error);
  g_assert_no_error (error);
  data_home = g_build_filename (tmp_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (log_writer, NULL, NULL);

  g_test_add_func ("/cache/default-path", test_default_path);
  g_test_add_func ("/cache/chats-round-trip", test_chats_round_trip);
  g_test_add_func ("/cache/messages-round-trip", test_messages_round_trip);
  g_test_add_func ("/cache/read-state", test_read_state);
  g_test_add_func ("/cache/drafts", test_drafts);
  g_test_add_func ("/cache/outbox", test_outbox);
  g_test_add_func ("/cache/sync-state", test_sync_state);
  g_test_add_func ("/cache/migration-from-v1", test_migration_from_v1);
  g_test_add_func ("/cache/campaigns-round-trip", test_campaigns_round_trip);
  g_test_add_func ("/cache/migration-from-v2", test_migration_from_v2);
  g_test_add_func ("/cache/from-elsewhere-kept", test_from_elsewhere_kept);
  g_test_add_func ("/cache/migration-from-v7", test_migration_from_v7);
  g_test_add_func ("/cache/corrupt-file", test_corrupt_file);
  g_test_add_func ("/cache/busy-file", test_busy_file);
  g_test_add_func ("/cache/newer-schema", test_newer_schema);
  g_test_add_func ("/cache/damaged-pages", test_damaged_pages);
  g_test_add_func ("/cache/file-modes", test_file_modes);
  g_test_add_func ("/cache/data-dir-per-app-id", test_data_dir_per_app_id);
  g_test_add_func ("/cache/attachments-dir", test_attachments_dir);
  g_test_add_func ("/cache/delete", test_delete);
  g_test_add_func ("/cache/close-releases-file", test_close_releases_file);
  g_test_add_func ("/cache/concurrent-writers", test_concurrent_writers);

  ret = g_test_run ();

  mc_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
