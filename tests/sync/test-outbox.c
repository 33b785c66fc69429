/* test-outbox.c: McOutbox on its own, against the fake Market: a send is
 * recorded, sent, confirmed by history and reconciled after a restart,
 * and never sent twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "mc-fake-market.h"
#include "mc-outbox.h"
#include "mc-test-util.h"

#define SEED 23

typedef struct
{
  McFakeMarket *market;
  gint64        business_id;
  McApiClient  *client;
  char         *dir;
  char         *cache_path;
  McCache      *cache;
  McChatStore  *store;
  McOutbox     *outbox;
  GPtrArray    *open_chats;      /* McMessageStore */
  GPtrArray    *failed;          /* char*, from "failed" */
  guint         history_fetches;
  GAsyncResult *result;
} Fixture;

/* The owner's part: the chat's history merged into the store, then the
 * outbox told, as McSyncEngine does after every fetch. */
typedef struct
{
  Fixture *f;
  GTask   *waiter;
  gint64   chat_id;
} HistoryCall;

static void
on_history (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  HistoryCall *call = user_data;
  g_autoptr(McHistoryPage) page = NULL;
  GError *error = NULL;

  page = mc_api_client_get_all_history_finish (MC_API_CLIENT (object), result, &error);
  if (page != NULL)
    {
      mc_chat_store_merge_messages (call->f->store, call->chat_id, page->messages);
      mc_outbox_confirm (MC_OUTBOX (g_task_get_source_object (call->waiter)), call->chat_id);
      g_task_return_boolean (call->waiter, TRUE);
    }
  else
    g_task_return_error (call->waiter, error);

  g_object_unref (call->waiter);
  g_free (call);
}

static void
fetch_history (McOutbox *outbox,
               gint64    chat_id,
               GTask    *waiter,
               gpointer  user_data)
{
  Fixture *f = user_data;
  HistoryCall *call = g_new0 (HistoryCall, 1);

  f->history_fetches++;
  call->f = f;
  call->waiter = g_object_ref (waiter);
  call->chat_id = chat_id;
  mc_api_client_get_all_history_async (f->client, f->business_id, chat_id, 0, NULL,
                                       on_history, call);
}

static void
on_failed (McOutbox   *outbox,
           gint64      chat_id,
           const char *text,
           Fixture    *f)
{
  g_ptr_array_add (f->failed, g_strdup (text));
}

/* A run of the app: a chat store and an outbox over the cache. */
static void
start_run (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->cache = mc_cache_open_path (f->cache_path, f->business_id, &error);
  g_assert_no_error (error);
  f->store = mc_chat_store_new ();
  f->open_chats = g_ptr_array_new_with_free_func (g_object_unref);
  f->outbox = mc_outbox_new (f->store, f->client, f->cache, f->business_id);
  mc_outbox_set_history_func (f->outbox, fetch_history, f, NULL);
  g_signal_connect (f->outbox, "failed", G_CALLBACK (on_failed), f);
}

static void
stop_run (Fixture *f)
{
  mc_outbox_close (f->outbox);
  g_assert_finalize_object (f->outbox);
  f->outbox = NULL;
  g_clear_pointer (&f->open_chats, g_ptr_array_unref);
  g_assert_finalize_object (f->store);
  f->store = NULL;
  mc_cache_close (f->cache);
  g_assert_finalize_object (f->cache);
  f->cache = NULL;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->market = mc_test_start_market (mc_fake_market_new (SEED, 0));
  f->business_id = mc_fake_market_get_business_id (f->market, 1);
  f->client = mc_api_client_new (mc_fake_market_get_url (f->market), MC_AUTH_KIND_API_KEY,
                                 mc_fake_market_get_token (f->market, MC_FAKE_TOKEN_CABINET_1),
                                 &error);
  g_assert_no_error (error);
  mc_api_client_set_backoff_scale (f->client, 0.01);
  f->dir = g_dir_make_tmp ("mc-test-outbox-XXXXXX", &error);
  g_assert_no_error (error);
  f->cache_path = g_build_filename (f->dir, "cache.sqlite", NULL);
  f->failed = g_ptr_array_new_with_free_func (g_free);
  start_run (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  stop_run (f);
  g_assert_finalize_object (f->client);
  mc_test_stop_market (f->market);
  mc_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->cache_path);
  g_ptr_array_unref (f->failed);
}

static GAsyncResult *
take_result (Fixture *f)
{
  mc_test_wait_result (&f->result);
  return g_steal_pointer (&f->result);
}

/* The seller has the chat open: its messages stay in the store. */
static void
open_chat (Fixture *f,
           gint64   chat_id)
{
  g_ptr_array_add (f->open_chats, mc_chat_store_get_messages (f->store, chat_id));
}

static gint64
find_chat (Fixture    *f,
           const char *status)
{
  gint64 chat_id = mc_fake_market_find_chat (f->market, f->business_id, status);

  g_assert_cmpint (chat_id, >, 0);
  open_chat (f, chat_id);
  return chat_id;
}

static gint64
waiting_chat (Fixture *f)
{
  return find_chat (f, "WAITING_FOR_PARTNER");
}

static gboolean
send_text (Fixture     *f,
           gint64       chat_id,
           const char  *text,
           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mc_outbox_send_message_async (f->outbox, chat_id, text, NULL, mc_test_store_result, &f->result);
  result = take_result (f);
  return mc_outbox_send_message_finish (f->outbox, result, error);
}

static guint
count_sent (Fixture    *f,
            gint64      chat_id,
            const char *text)
{
  g_auto(GStrv) sent = mc_fake_market_dup_sent (f->market, chat_id);
  guint n = 0;

  for (guint i = 0; sent != NULL && sent[i] != NULL; i++)
    if (g_strcmp0 (sent[i], text) == 0)
      n++;

  return n;
}

/* What another client (a request that got through before a crash or a
 * lost answer) put on the server. */
static void
send_behind_the_outbox (Fixture    *f,
                        gint64      chat_id,
                        const char *text)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mc_api_client_send_message_async (f->client, f->business_id, chat_id, text, NULL,
                                    mc_test_store_result, &f->result);
  result = take_result (f);
  g_assert_true (mc_api_client_send_message_finish (f->client, result, &error));
  g_assert_no_error (error);
}

static GPtrArray *
list_outbox (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = mc_cache_list_outbox (f->cache, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

static McOutboxEntry *
find_entry (GPtrArray  *entries,
            const char *text)
{
  for (guint i = 0; i < entries->len; i++)
    {
      McOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->text, text) == 0)
        return entry;
    }

  return NULL;
}

static gint64
add_entry (Fixture       *f,
           gint64         chat_id,
           const char    *text,
           McOutboxState  state)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  mc_cache_outbox_add_async (f->cache, chat_id, text, NULL, NULL, mc_test_store_result, &f->result);
  result = take_result (f);
  id = mc_cache_outbox_add_finish (f->cache, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  mc_cache_outbox_set_state (f->cache, id, state);

  return id;
}

/* The newest bubble or message of @chat_id with @text. */
static McMessage *
find_message (Fixture    *f,
              gint64      chat_id,
              const char *text)
{
  g_autoptr(McMessageStore) messages = mc_chat_store_get_messages (f->store, chat_id);
  GListModel *model = G_LIST_MODEL (messages);

  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (model, i - 1);

      if (g_strcmp0 (mc_message_get_text (message), text) == 0)
        return g_steal_pointer (&message);
    }

  return NULL;
}

static guint
count_bubbles (Fixture *f,
               gint64   chat_id)
{
  g_autoptr(McMessageStore) messages = mc_chat_store_get_messages (f->store, chat_id);
  GListModel *model = G_LIST_MODEL (messages);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (model, i);

      if (mc_message_get_message_id (message) == 0)
        n++;
    }

  return n;
}

typedef struct
{
  Fixture    *f;
  gint64      chat_id;
  const char *text;
} Sent;

/* Sent once, its bubble replaced by the Market's message, its entry gone. */
static gboolean
reached_sent (gpointer data)
{
  Sent *s = data;
  g_autoptr(GPtrArray) entries = list_outbox (s->f);
  g_autoptr(McMessage) message = find_message (s->f, s->chat_id, s->text);

  return count_sent (s->f, s->chat_id, s->text) == 1 &&
         entries->len == 0 &&
         message != NULL && mc_message_get_message_id (message) != 0 &&
         count_bubbles (s->f, s->chat_id) == 0;
}

static void
assert_reached_sent (Fixture    *f,
                     gint64      chat_id,
                     const char *text)
{
  Sent s = { f, chat_id, text };

  g_assert_true (mc_test_wait_until (reached_sent, &s, MC_TEST_WAIT_MSEC));
  /* And nothing goes out again afterwards. */
  mc_test_iterate_for (300);
  g_assert_cmpuint (count_sent (f, chat_id, text), ==, 1);
}

/* Tests */

/* Recorded without a network, the send waits QUEUED in the cache; the
 * next run, from a reopened cache, sends it. */
static void
test_record_survives_reopen (Fixture       *f,
                             gconstpointer  data)
{
  const char *text = "Заказ собран, завтра передадим в доставку";
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gint64 chat_id = waiting_chat (f);
  McOutboxEntry *entry;

  mc_outbox_set_online (f->outbox, FALSE);
  g_assert_false (send_text (f, chat_id, text, &error));
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_NETWORK);
  g_clear_error (&error);
  g_assert_true (mc_outbox_take_unsettled (f->outbox));
  g_assert_cmpuint (count_sent (f, chat_id, text), ==, 0);

  stop_run (f);
  start_run (f);
  open_chat (f, chat_id);

  entries = list_outbox (f);
  entry = find_entry (entries, text);
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->chat_id, ==, chat_id);
  g_assert_cmpint (entry->state, ==, MC_OUTBOX_STATE_QUEUED);

  g_assert_true (mc_outbox_reconcile (f->outbox, TRUE, &error));
  g_assert_no_error (error);
  assert_reached_sent (f, chat_id, text);
  g_assert_cmpuint (f->failed->len, ==, 0);
}

/* Held for want of a network, it goes out once the network is back and
 * the owner reconciles, not on its own before. */
static void
test_held_offline_goes_when_online (Fixture       *f,
                                    gconstpointer  data)
{
  const char *text = "Ответим, как только появится связь";
  g_autoptr(GError) error = NULL;
  gint64 chat_id = waiting_chat (f);

  mc_outbox_set_online (f->outbox, FALSE);
  g_assert_false (send_text (f, chat_id, text, &error));
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_NETWORK);
  g_clear_error (&error);

  mc_test_iterate_for (300);
  g_assert_cmpuint (count_sent (f, chat_id, text), ==, 0);

  mc_outbox_set_online (f->outbox, TRUE);
  g_assert_true (mc_outbox_reconcile (f->outbox, FALSE, &error));
  g_assert_no_error (error);
  assert_reached_sent (f, chat_id, text);
}

/* A 503 that history shows did not deliver: the attempt fails with a
 * Retry, and the retry replaces it and reaches the Market once. */
static void
test_transient_failure_retried (Fixture       *f,
                                gconstpointer  data)
{
  const char *text = "Уточните, пожалуйста, номер заказа";
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(McMessage) bubble = NULL;
  g_autoptr(GError) error = NULL;
  gint64 chat_id = waiting_chat (f);

  mc_fake_market_inject_fault (f->market, "/chats/message", MC_FAKE_FAULT_STATUS, 503, 1);
  g_assert_false (send_text (f, chat_id, text, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (count_sent (f, chat_id, text), ==, 0);

  bubble = find_message (f, chat_id, text);
  g_assert_nonnull (bubble);
  g_assert_cmpint (mc_message_get_state (bubble), ==, MC_MESSAGE_STATE_FAILED);
  entries = list_outbox (f);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpint (((McOutboxEntry *) g_ptr_array_index (entries, 0))->state, ==,
                   MC_OUTBOX_STATE_FAILED);

  g_assert_true (send_text (f, chat_id, text, &error));
  g_assert_no_error (error);
  assert_reached_sent (f, chat_id, text);
}

/* The Market took the message but its answer never came: history shows
 * it, so the outbox confirms it instead of sending it again. */
static void
test_timeout_confirmed_from_history (Fixture       *f,
                                     gconstpointer  data)
{
  const char *text = "Проверим и вернёмся с ответом";
  g_autoptr(GError) error = NULL;
  gint64 chat_id = waiting_chat (f);

  mc_api_client_set_timeout (f->client, 1);
  send_behind_the_outbox (f, chat_id, text);
  mc_fake_market_inject_fault (f->market, "/chats/message", MC_FAKE_FAULT_HANG, 0, 1);
  mc_fake_market_reset_counters (f->market);

  g_assert_true (send_text (f, chat_id, text, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->history_fetches, ==, 1);
  g_assert_cmpuint (mc_fake_market_get_request_count (f->market, "sendMessageToChat"), ==, 1);
  assert_reached_sent (f, chat_id, text);
  g_assert_cmpuint (mc_fake_market_get_request_count (f->market, "sendMessageToChat"), ==, 1);
}

/* Refused for good: the bubble and the entry end FAILED with the reason,
 * and nothing is sent again. */
static void
test_permanent_failure (Fixture       *f,
                        gconstpointer  data)
{
  const char *text = "Этот ответ Маркет не примет";
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(McMessage) bubble = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *too_long = g_strnfill (MC_API_MAX_MESSAGE_CHARS + 1, 'a');
  gint64 chat_id = waiting_chat (f);

  mc_fake_market_inject_fault (f->market, "/chats/message", MC_FAKE_FAULT_STATUS, 400, 1);
  g_assert_false (send_text (f, chat_id, text, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  bubble = find_message (f, chat_id, text);
  g_assert_nonnull (bubble);
  g_assert_cmpint (mc_message_get_state (bubble), ==, MC_MESSAGE_STATE_FAILED);
  g_assert_nonnull (mc_message_get_error (bubble));
  entries = list_outbox (f);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpint (((McOutboxEntry *) g_ptr_array_index (entries, 0))->state, ==,
                   MC_OUTBOX_STATE_FAILED);
  g_clear_pointer (&entries, g_ptr_array_unref);

  mc_test_iterate_for (300);
  g_assert_cmpuint (count_sent (f, chat_id, text), ==, 0);

  /* Refused before it is recorded. */
  g_assert_false (send_text (f, chat_id, too_long, &error));
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_TOO_LARGE);
  entries = list_outbox (f);
  g_assert_cmpuint (entries->len, ==, 1);
}

static gboolean
reconciled (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GPtrArray) entries = list_outbox (f);

  return entries->len == 2 && f->failed->len == 2;
}

/* A run that stopped with sends in flight: the next one asks history
 * instead of sending again; what it does not show failed. */
static void
test_reconcile_after_restart (Fixture       *f,
                              gconstpointer  data)
{
  const char *arrived = "Отправили вчера, трек в личном кабинете";
  const char *lost = "Это сообщение потерялось";
  const char *refused = "Это сообщение уже не прошло";
  gint64 arrived_chat = waiting_chat (f);
  gint64 lost_chat = find_chat (f, "NEW");
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(McMessage) bubble = NULL;
  g_autoptr(GError) error = NULL;
  McOutboxEntry *entry;

  add_entry (f, arrived_chat, arrived, MC_OUTBOX_STATE_SENDING);
  add_entry (f, lost_chat, lost, MC_OUTBOX_STATE_SENDING);
  add_entry (f, lost_chat, refused, MC_OUTBOX_STATE_FAILED);
  send_behind_the_outbox (f, arrived_chat, arrived);
  stop_run (f);

  start_run (f);
  open_chat (f, arrived_chat);
  open_chat (f, lost_chat);
  mc_fake_market_reset_counters (f->market);
  g_assert_true (mc_outbox_reconcile (f->outbox, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (mc_test_wait_until (reconciled, f, MC_TEST_WAIT_MSEC));

  entries = list_outbox (f);
  g_assert_null (find_entry (entries, arrived));
  entry = find_entry (entries, lost);
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->state, ==, MC_OUTBOX_STATE_FAILED);
  entry = find_entry (entries, refused);
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->state, ==, MC_OUTBOX_STATE_FAILED);

  g_assert_true (g_ptr_array_find_with_equal_func (f->failed, lost, g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (f->failed, refused, g_str_equal, NULL));
  bubble = find_message (f, lost_chat, lost);
  g_assert_nonnull (bubble);
  g_assert_cmpint (mc_message_get_state (bubble), ==, MC_MESSAGE_STATE_FAILED);
  g_clear_object (&bubble);
  bubble = find_message (f, arrived_chat, arrived);
  g_assert_nonnull (bubble);
  g_assert_cmpint (mc_message_get_message_id (bubble), !=, 0);

  g_assert_cmpuint (mc_fake_market_get_request_count (f->market, "sendMessageToChat"), ==, 0);
  g_assert_cmpuint (count_sent (f, arrived_chat, arrived), ==, 1);
  g_assert_cmpuint (count_sent (f, lost_chat, lost), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/outbox/record-survives-reopen", test_record_survives_reopen);
  ADD ("/outbox/held-offline-goes-when-online", test_held_offline_goes_when_online);
  ADD ("/outbox/transient-failure-retried", test_transient_failure_retried);
  ADD ("/outbox/timeout-confirmed-from-history", test_timeout_confirmed_from_history);
  ADD ("/outbox/permanent-failure", test_permanent_failure);
  ADD ("/outbox/reconcile-after-restart", test_reconcile_after_restart);

  return g_test_run ();
}
