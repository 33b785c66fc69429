/* test-sync.c: McCabinet and McSyncEngine against the fake Market
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "mc-cabinet-private.h"
#include "mc-chat-store.h"
#include "mc-fake-market.h"
#include "mc-sync-engine.h"

#define SEED 7

/* A network monitor the test switches by hand. */

#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

struct _TestMonitor
{
  GObject  parent_instance;
  gboolean available;
};

enum {
  MON_PROP_0,
  MON_PROP_AVAILABLE,
  MON_PROP_METERED,
  MON_PROP_CONNECTIVITY,
};

static gboolean
test_monitor_init_sync (GInitable     *initable,
                        GCancellable  *cancellable,
                        GError       **error)
{
  return TRUE;
}

static void
test_monitor_initable_init (GInitableIface *iface)
{
  iface->init = test_monitor_init_sync;
}

static void
test_monitor_iface_init (GNetworkMonitorInterface *iface)
{
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMonitor, test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, test_monitor_initable_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, test_monitor_iface_init))

static void
test_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TestMonitor *self = TEST_MONITOR (object);

  switch (prop_id)
    {
    case MON_PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case MON_PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case MON_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_monitor_get_property;
  g_object_class_override_property (object_class, MON_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, MON_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, MON_PROP_CONNECTIVITY, "connectivity");
}

static void
test_monitor_init (TestMonitor *self)
{
  self->available = TRUE;
}

static void
test_monitor_set_available (TestMonitor *self,
                            gboolean     available)
{
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
}

/* Fixture */

typedef struct
{
  McFakeMarket *market;
  gint64        business_id;
  McCabinet    *cabinet;
  McCache      *cache;
  McChatStore  *store;
  TestMonitor  *monitor;
  McSyncEngine *engine;
  GArray       *new_chats;     /* gint64 */
  GArray       *new_messages;  /* gint64 */
  GPtrArray    *outbox_failed; /* char* */
  GAsyncResult *result;
} Fixture;

static gboolean
on_timeout (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the loop until @cond holds or @msec pass; returns @cond's last value. */
static gboolean
wait_for (Fixture   *f,
          gboolean (*cond) (Fixture *f),
          guint      msec)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (msec, on_timeout, &expired);

  while (!cond (f) && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (!expired)
    g_source_remove (id);

  return cond (f);
}

static gboolean
never (Fixture *f)
{
  return FALSE;
}

static void
spin (Fixture *f,
      guint    msec)
{
  wait_for (f, never, msec);
}

static gboolean
have_result (Fixture *f)
{
  return f->result != NULL;
}

static void
on_result (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *f = user_data;

  f->result = g_object_ref (result);
}

static GAsyncResult *
take_result (Fixture *f)
{
  g_assert_true (wait_for (f, have_result, 20000));
  return g_steal_pointer (&f->result);
}

static gboolean
initial_done (Fixture *f)
{
  return mc_cache_get_sync_state_int (f->cache, "last-sweep", 0) != 0 &&
         !mc_sync_engine_get_syncing (f->engine);
}

static gboolean
idle (Fixture *f)
{
  return !mc_sync_engine_get_syncing (f->engine);
}

static void
on_new_chat (McSyncEngine *engine,
             McChat       *chat,
             Fixture      *f)
{
  gint64 id = mc_chat_get_chat_id (chat);

  g_array_append_val (f->new_chats, id);
}

static void
on_new_message (McSyncEngine *engine,
                McChat       *chat,
                McMessage    *message,
                Fixture      *f)
{
  gint64 id = mc_message_get_message_id (message);

  g_assert_true (mc_message_get_sender (message) == MC_SENDER_CUSTOMER ||
                 mc_message_get_sender (message) == MC_SENDER_MARKET ||
                 mc_message_get_sender (message) == MC_SENDER_SUPPORT);
  g_assert_cmpint (mc_message_get_chat_id (message), ==, mc_chat_get_chat_id (chat));
  g_array_append_val (f->new_messages, id);
}

static void
on_outbox_failed (McSyncEngine *engine,
                  McChat       *chat,
                  const char   *text,
                  Fixture      *f)
{
  g_ptr_array_add (f->outbox_failed, g_strdup (text));
}

static guint
count_id (GArray *ids,
          gint64  id)
{
  guint n = 0;

  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      n++;

  return n;
}

static void
remove_cache_files (gint64 business_id)
{
  g_autofree char *path = mc_cache_dup_default_path (business_id);
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static McCabinet *
connect_cabinet (Fixture     *f,
                 McFakeToken  which,
                 const char  *label)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  McCabinet *cabinet;

  mc_cabinet_connect_async (mc_fake_market_get_url (f->market),
                            which == MC_FAKE_TOKEN_OAUTH ? MC_AUTH_KIND_OAUTH : MC_AUTH_KIND_API_KEY,
                            label, mc_fake_market_get_token (f->market, which),
                            NULL, on_result, f);
  result = take_result (f);
  cabinet = mc_cabinet_connect_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cabinet);

  return cabinet;
}

/* Polling every second would be far over the budget's pace: all tests but
 * the governor's own plan with hundredfold budgets. */
static void
fixture_setup_full (Fixture     *f,
                    guint        n_chats,
                    McFakeToken  token,
                    double       budget_scale)
{
  g_autoptr(GError) error = NULL;

  f->market = mc_fake_market_new (SEED, n_chats);
  /* The Market grants what the engine plans with: its Remaining headers
   * steer the governor too. */
  mc_fake_market_set_budget_scale (f->market, budget_scale);
  mc_fake_market_start (f->market, 0, &error);
  g_assert_no_error (error);
  f->business_id = mc_fake_market_get_business_id (f->market, 1);

  f->cabinet = connect_cabinet (f, token, "Main");
  mc_api_client_set_backoff_scale (mc_cabinet_get_client (f->cabinet), 0.01);
  remove_cache_files (f->business_id);
  g_assert_true (mc_cabinet_open_cache (f->cabinet, &error));
  g_assert_no_error (error);
  f->cache = g_object_ref (mc_cabinet_get_cache (f->cabinet));

  f->store = mc_chat_store_new ();
  g_assert_true (mc_chat_store_add_cache (f->store, f->cache, &error));
  g_assert_no_error (error);

  f->monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  f->engine = g_object_new (MC_TYPE_SYNC_ENGINE,
                            "store", f->store,
                            "network-monitor", f->monitor,
                            "test-mode", TRUE,
                            "budget-scale", budget_scale,
                            "poll-interval", 1,
                            NULL);
  g_assert_cmpuint (mc_sync_engine_get_poll_interval (f->engine), ==, 1);

  f->new_chats = g_array_new (FALSE, FALSE, sizeof (gint64));
  f->new_messages = g_array_new (FALSE, FALSE, sizeof (gint64));
  f->outbox_failed = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->engine, "new-chat", G_CALLBACK (on_new_chat), f);
  g_signal_connect (f->engine, "new-message", G_CALLBACK (on_new_message), f);
  g_signal_connect (f->engine, "outbox-failed", G_CALLBACK (on_outbox_failed), f);

  mc_sync_engine_add_cabinet (f->engine, f->cabinet);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  fixture_setup_full (f, 0, MC_FAKE_TOKEN_CABINET_1, 100.0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  mc_sync_engine_stop (f->engine);
  g_assert_finalize_object (f->engine);
  g_object_unref (f->monitor);
  g_object_unref (f->store);
  mc_cache_delete (f->cache, NULL);
  g_object_unref (f->cache);
  g_object_unref (f->cabinet);
  mc_fake_market_stop (f->market);
  g_object_unref (f->market);
  g_array_unref (f->new_chats);
  g_array_unref (f->new_messages);
  g_ptr_array_unref (f->outbox_failed);
}

static void
start_and_settle (Fixture *f)
{
  mc_sync_engine_start (f->engine);
  g_assert_true (wait_for (f, initial_done, 20000));
}

/* Polls once more and waits for it, and for what it started, to end. */
static void
poll_now (Fixture *f)
{
  mc_sync_engine_refresh (f->engine);
  g_assert_true (wait_for (f, idle, 20000));
}

static gint64
chat_with_status (Fixture    *f,
                  const char *status)
{
  gint64 chat_id = mc_fake_market_find_chat (f->market, f->business_id, status);

  g_assert_cmpint (chat_id, >, 0);
  g_assert_nonnull (mc_chat_store_lookup (f->store, chat_id));

  return chat_id;
}

/* Tests */

static void
test_first_sync_is_silent (Fixture       *f,
                           gconstpointer  data)
{
  guint n_chats = mc_fake_market_get_chat_count (f->market, f->business_id);
  guint held = 0;

  start_and_settle (f);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->store)); i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (G_LIST_MODEL (f->store), i);

      if (mc_chat_get_business_id (chat) == f->business_id)
        held++;
    }

  g_assert_cmpuint (held, ==, n_chats);
  g_assert_cmpuint (f->new_chats->len, ==, 0);
  g_assert_cmpuint (f->new_messages->len, ==, 0);

  /* History came for the chats that wait for an answer. */
  g_assert_cmpint (mc_chat_store_get_last_message_id (f->store, chat_with_status (f, "WAITING_FOR_PARTNER")), >, 0);

  poll_now (f);
  g_assert_cmpuint (f->new_chats->len, ==, 0);
  g_assert_cmpuint (f->new_messages->len, ==, 0);
}

static gboolean
has_new_chat (Fixture *f)
{
  return f->new_chats->len > 0;
}

static void
test_new_chat (Fixture       *f,
               gconstpointer  data)
{
  gint64 chat_id;

  start_and_settle (f);

  chat_id = mc_fake_market_customer_opens_chat (f->market, f->business_id, "Здравствуйте, есть вопрос");
  /* Within one interval (1 s), with room for a slow machine. */
  g_assert_true (wait_for (f, has_new_chat, 2500));
  g_assert_cmpuint (count_id (f->new_chats, chat_id), ==, 1);

  spin (f, 2200);
  g_assert_cmpuint (f->new_chats->len, ==, 1);
  /* Its first message is the chat itself, not a second event. */
  g_assert_cmpuint (f->new_messages->len, ==, 0);
  g_assert_cmpint (mc_chat_store_get_last_message_id (f->store, chat_id), >, 0);
}

static gboolean
has_new_message (Fixture *f)
{
  return f->new_messages->len > 0;
}

static void
test_new_message_once (Fixture       *f,
                       gconstpointer  data)
{
  gint64 chat_id, message_id;

  start_and_settle (f);

  chat_id = chat_with_status (f, "WAITING_FOR_CUSTOMER");
  message_id = mc_fake_market_customer_writes (f->market, chat_id, "А когда доставка?", 0);
  g_assert_true (wait_for (f, has_new_message, 2500));
  g_assert_cmpuint (count_id (f->new_messages, message_id), ==, 1);

  /* Fetched again from every side: still one event. */
  mc_sync_engine_sync_chat (f->engine, chat_id);
  poll_now (f);
  spin (f, 1500);
  g_assert_cmpuint (f->new_messages->len, ==, 1);
  g_assert_cmpuint (mc_chat_get_unread_count (mc_chat_store_lookup (f->store, chat_id)), >=, 1);
}

static gboolean
late_message_seen (Fixture *f)
{
  return f->new_messages->len > 0;
}

static void
test_late_message (Fixture       *f,
                   gconstpointer  data)
{
  gint64 chat_id, message_id, last_before;
  g_autoptr(McMessageStore) messages = NULL;
  McMessage *message;

  start_and_settle (f);

  chat_id = chat_with_status (f, "WAITING_FOR_PARTNER");
  last_before = mc_chat_store_get_last_message_id (f->store, chat_id);
  g_assert_cmpint (last_before, >, 0);

  /* Held by moderation for two days: an old date, a new id. */
  message_id = mc_fake_market_customer_writes (f->market, chat_id, "Это сообщение задержала модерация",
                                               g_get_real_time () - 2 * G_TIME_SPAN_DAY);
  g_assert_cmpint (message_id, >, last_before);

  /* The periodic re-check (every 10th poll) finds it even if updatedAt did
   * not move. */
  g_assert_true (wait_for (f, late_message_seen, 15000));
  g_assert_cmpuint (count_id (f->new_messages, message_id), ==, 1);

  messages = mc_chat_store_get_messages (f->store, chat_id);
  message = mc_message_store_lookup (messages, message_id);
  g_assert_nonnull (message);
  g_assert_cmpint (mc_message_get_created_at (message), <, g_get_real_time () - G_TIME_SPAN_DAY);
}

static gint64
outbox_add (Fixture       *f,
            gint64         chat_id,
            const char    *text,
            McOutboxState  state)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  mc_cache_outbox_add_async (f->cache, chat_id, text, NULL, NULL, on_result, f);
  result = take_result (f);
  id = mc_cache_outbox_add_finish (f->cache, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  mc_cache_outbox_set_state (f->cache, id, state);

  return id;
}

/* What another client (the request that got through before a crash or a
 * lost answer) put on the server. */
static void
send_behind_the_engine (Fixture    *f,
                        gint64      chat_id,
                        const char *text)
{
  g_autoptr(McApiClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  client = mc_api_client_new (mc_fake_market_get_url (f->market), MC_AUTH_KIND_API_KEY,
                              mc_fake_market_get_token (f->market, MC_FAKE_TOKEN_CABINET_1), &error);
  g_assert_no_error (error);
  mc_api_client_send_message_async (client, f->business_id, chat_id, text, NULL, on_result, f);
  result = take_result (f);
  g_assert_true (mc_api_client_send_message_finish (client, result, &error));
  g_assert_no_error (error);
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

static GPtrArray *
list_outbox (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = mc_cache_list_outbox (f->cache, &error);

  g_assert_no_error (error);

  return entries;
}

static gboolean
outbox_settled (Fixture *f)
{
  g_autoptr(GPtrArray) entries = list_outbox (f);

  for (guint i = 0; i < entries->len; i++)
    if (((McOutboxEntry *) g_ptr_array_index (entries, i))->state != MC_OUTBOX_STATE_FAILED)
      return FALSE;

  return f->outbox_failed->len >= 1;
}

/* The bubble of the newest pending or failed send of @chat_id, or NULL. */
static McMessage *
last_bubble (Fixture *f,
             gint64   chat_id)
{
  g_autoptr(McMessageStore) messages = mc_chat_store_get_messages (f->store, chat_id);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (messages));
  g_autoptr(McMessage) last = n > 0 ? g_list_model_get_item (G_LIST_MODEL (messages), n - 1) : NULL;

  if (last == NULL || mc_message_get_message_id (last) != 0)
    return NULL;

  return g_steal_pointer (&last);
}

static gboolean
holds_partner_text (Fixture    *f,
                    gint64      chat_id,
                    const char *text)
{
  g_autoptr(McMessageStore) messages = mc_chat_store_get_messages (f->store, chat_id);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (messages)); i++)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (G_LIST_MODEL (messages), i);

      if (mc_message_get_message_id (message) != 0 &&
          mc_message_get_sender (message) == MC_SENDER_PARTNER &&
          g_strcmp0 (mc_message_get_text (message), text) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
resumed_and_confirmed (Fixture *f)
{
  gint64 chat_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (f->engine), "test-chat"));
  const char *text = g_object_get_data (G_OBJECT (f->engine), "test-text");

  return holds_partner_text (f, chat_id, text) && last_bubble (f, chat_id) == NULL;
}

static void
test_outbox_reconcile (Fixture       *f,
                       gconstpointer  data)
{
  gint64 sent_chat = mc_fake_market_find_chat (f->market, f->business_id, "WAITING_FOR_PARTNER");
  gint64 lost_chat = mc_fake_market_find_chat (f->market, f->business_id, "NEW");
  gint64 queued_chat = mc_fake_market_find_chat (f->market, f->business_id, "WAITING_FOR_CUSTOMER");
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(McMessage) lost = NULL;
  gint64 sent_id, lost_id;

  /* A crash while three sends were in flight: one reached the Market, one
   * did not, one was never handed to the network. */
  sent_id = outbox_add (f, sent_chat, "Отправили вчера, трек в личном кабинете", MC_OUTBOX_STATE_SENDING);
  lost_id = outbox_add (f, lost_chat, "Это сообщение потерялось", MC_OUTBOX_STATE_SENDING);
  outbox_add (f, queued_chat, "Это сообщение ушло после перезапуска", MC_OUTBOX_STATE_QUEUED);
  send_behind_the_engine (f, sent_chat, "Отправили вчера, трек в личном кабинете");

  start_and_settle (f);
  g_assert_true (wait_for (f, outbox_settled, 30000));
  g_object_set_data (G_OBJECT (f->engine), "test-chat", GSIZE_TO_POINTER (queued_chat));
  g_object_set_data (G_OBJECT (f->engine), "test-text", (gpointer) "Это сообщение ушло после перезапуска");
  g_assert_true (wait_for (f, resumed_and_confirmed, 30000));

  entries = list_outbox (f);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpint (((McOutboxEntry *) g_ptr_array_index (entries, 0))->id, ==, lost_id);
  g_assert_cmpint (((McOutboxEntry *) g_ptr_array_index (entries, 0))->state, ==, MC_OUTBOX_STATE_FAILED);
  g_assert_cmpint (((McOutboxEntry *) g_ptr_array_index (entries, 0))->id, !=, sent_id);

  g_assert_cmpuint (f->outbox_failed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->outbox_failed, 0), ==, "Это сообщение потерялось");

  /* The lost one shows as a failed bubble, to retry or edit. */
  lost = last_bubble (f, lost_chat);
  g_assert_nonnull (lost);
  g_assert_cmpstr (mc_message_get_text (lost), ==, "Это сообщение потерялось");
  g_assert_cmpint (mc_message_get_state (lost), ==, MC_MESSAGE_STATE_FAILED);
  g_assert_null (last_bubble (f, sent_chat));

  /* Nothing was sent again; the queued one went out once. */
  g_assert_cmpuint (count_sent (f, sent_chat, "Отправили вчера, трек в личном кабинете"), ==, 1);
  g_assert_cmpuint (count_sent (f, lost_chat, "Это сообщение потерялось"), ==, 0);
  g_assert_cmpuint (count_sent (f, queued_chat, "Это сообщение ушло после перезапуска"), ==, 1);
}

static gboolean
bubble_settled (Fixture *f)
{
  gint64 chat_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (f->engine), "test-chat"));
  g_autoptr(McMessage) bubble = last_bubble (f, chat_id);

  return bubble == NULL || mc_message_get_state (bubble) != MC_MESSAGE_STATE_PENDING;
}

/* The Market cannot be reached (the network itself is up): the send stays
 * pending, is not sent again, and once the Market answers, history is
 * checked and the bubble fails with Retry, within a few polls. */
static void
test_send_unreachable_settles (Fixture       *f,
                               gconstpointer  data)
{
  const char *text = "Ответ, пока Маркет недоступен";
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McMessage) bubble = NULL;
  gint64 chat_id;

  start_and_settle (f);
  chat_id = chat_with_status (f, "WAITING_FOR_PARTNER");
  g_object_set_data (G_OBJECT (f->engine), "test-chat", GSIZE_TO_POINTER (chat_id));
  mc_fake_market_inject_fault (f->market, NULL, MC_FAKE_FAULT_DROP, 0, 100000);

  mc_sync_engine_send_message_async (f->engine, chat_id, text, NULL, on_result, f);
  result = take_result (f);
  g_assert_false (mc_sync_engine_send_message_finish (f->engine, result, &error));

  /* Unknown fate: pending, and a second copy would be asked about. */
  spin (f, 2500);
  bubble = last_bubble (f, chat_id);
  g_assert_nonnull (bubble);
  g_assert_cmpint (mc_message_get_state (bubble), ==, MC_MESSAGE_STATE_PENDING);
  g_assert_nonnull (mc_message_get_error (bubble));
  g_assert_true (mc_sync_engine_has_pending_text (f->engine, chat_id, text));
  g_clear_object (&bubble);

  mc_fake_market_clear_faults (f->market);
  g_assert_true (wait_for (f, bubble_settled, 10000));
  bubble = last_bubble (f, chat_id);
  g_assert_nonnull (bubble);
  g_assert_cmpint (mc_message_get_state (bubble), ==, MC_MESSAGE_STATE_FAILED);
  g_assert_cmpuint (count_sent (f, chat_id, text), ==, 0);
  entries = list_outbox (f);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpint (((McOutboxEntry *) g_ptr_array_index (entries, 0))->state, ==, MC_OUTBOX_STATE_FAILED);
}

/* The same, but the send had reached the Market: confirmed, not failed. */
static void
test_send_unreachable_was_sent (Fixture       *f,
                                gconstpointer  data)
{
  const char *text = "Этот ответ дошёл, но ответ Маркета потерялся";
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gint64 chat_id;

  start_and_settle (f);
  chat_id = chat_with_status (f, "WAITING_FOR_PARTNER");
  g_object_set_data (G_OBJECT (f->engine), "test-chat", GSIZE_TO_POINTER (chat_id));
  send_behind_the_engine (f, chat_id, text);
  mc_fake_market_inject_fault (f->market, NULL, MC_FAKE_FAULT_DROP, 0, 100000);

  mc_sync_engine_send_message_async (f->engine, chat_id, text, NULL, on_result, f);
  result = take_result (f);
  g_assert_false (mc_sync_engine_send_message_finish (f->engine, result, &error));

  mc_fake_market_clear_faults (f->market);
  g_assert_true (wait_for (f, bubble_settled, 10000));
  g_assert_null (last_bubble (f, chat_id));
  g_assert_true (holds_partner_text (f, chat_id, text));
  g_assert_cmpuint (count_sent (f, chat_id, text), ==, 1);
  entries = list_outbox (f);
  g_assert_cmpuint (entries->len, ==, 0);
}

/* A 5xx whose message arrived anyway, in the form the Market keeps
 * (trimmed, LF line ends): history decides, and it is sent. */
static void
test_send_server_error_was_sent (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gint64 chat_id;

  start_and_settle (f);
  chat_id = chat_with_status (f, "WAITING_FOR_PARTNER");
  send_behind_the_engine (f, chat_id, "Добрый день!\nЗаказ передан в доставку.");
  mc_fake_market_inject_fault (f->market, "/chats/message", MC_FAKE_FAULT_STATUS, 500, 1);

  mc_sync_engine_send_message_async (f->engine, chat_id, "  Добрый день!\r\nЗаказ передан в доставку.\n",
                                     NULL, on_result, f);
  result = take_result (f);
  g_assert_true (mc_sync_engine_send_message_finish (f->engine, result, &error));
  g_assert_no_error (error);

  g_assert_null (last_bubble (f, chat_id));
  entries = list_outbox (f);
  g_assert_cmpuint (entries->len, ==, 0);
}

/* A 200 whose body says "status": "ERROR" with errors[]: the seller reads
 * the Market's own message on the failed bubble. */
static void
test_send_ok_status_error_body (Fixture       *f,
                                gconstpointer  data)
{
  const char *text = "Ответ, который Маркет отклонит с кодом 200";
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McMessage) bubble = NULL;
  gint64 chat_id;

  start_and_settle (f);
  chat_id = chat_with_status (f, "WAITING_FOR_PARTNER");
  mc_fake_market_inject_fault (f->market, "/chats/message", MC_FAKE_FAULT_STATUS, 200, 1);

  mc_sync_engine_send_message_async (f->engine, chat_id, text, NULL, on_result, f);
  result = take_result (f);
  g_assert_false (mc_sync_engine_send_message_finish (f->engine, result, &error));
  g_assert_nonnull (strstr (error->message, "Injected fault: HTTP 200"));

  bubble = last_bubble (f, chat_id);
  g_assert_nonnull (bubble);
  g_assert_cmpint (mc_message_get_state (bubble), ==, MC_MESSAGE_STATE_FAILED);
  g_assert_nonnull (strstr (mc_message_get_error (bubble), "Injected fault: HTTP 200"));
  g_assert_cmpuint (count_sent (f, chat_id, text), ==, 0);
}

/* A file the Market refused stays a failed attachment bubble (Retry sends
 * the same file, Remove forgets it), never a path in a text. */
static void
test_send_file_failure (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) again = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) retry = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McMessage) bubble = NULL;
  g_autoptr(McAttachment) attachment = NULL;
  g_autofree char *name = NULL;
  g_auto(GStrv) sent = NULL;
  gint64 chat_id;

  file = g_file_new_tmp ("mc-test-XXXXXX.pdf", &stream, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_replace_contents (file, "%PDF-1.4\n", 9, NULL, FALSE, 0, NULL, NULL, &error));
  name = g_file_get_basename (file);

  start_and_settle (f);
  chat_id = chat_with_status (f, "WAITING_FOR_PARTNER");
  mc_fake_market_inject_fault (f->market, "/chats/file", MC_FAKE_FAULT_STATUS, 400, 1);

  mc_sync_engine_send_file_async (f->engine, chat_id, file, NULL, on_result, f);
  result = take_result (f);
  g_assert_false (mc_sync_engine_send_file_finish (f->engine, result, &error));
  g_clear_error (&error);

  bubble = last_bubble (f, chat_id);
  g_assert_nonnull (bubble);
  g_assert_cmpint (mc_message_get_state (bubble), ==, MC_MESSAGE_STATE_FAILED);
  g_assert_null (mc_message_get_text (bubble));
  attachment = g_list_model_get_item (mc_message_get_attachments (bubble), 0);
  g_assert_cmpstr (mc_attachment_get_name (attachment), ==, name);
  again = mc_sync_engine_dup_pending_file (f->engine, bubble);
  g_assert_nonnull (again);
  g_assert_true (g_file_equal (again, file));

  /* Retry: the same file goes out once, the failed bubble is replaced. */
  mc_sync_engine_send_file_async (f->engine, chat_id, again, NULL, on_result, f);
  retry = take_result (f);
  g_assert_true (mc_sync_engine_send_file_finish (f->engine, retry, &error));
  g_assert_no_error (error);
  sent = mc_fake_market_dup_sent (f->market, chat_id);
  g_assert_cmpuint (g_strv_length (sent), ==, 1);
  g_assert_cmpstr (sent[0], ==, name);
  g_clear_object (&bubble);
  bubble = last_bubble (f, chat_id);
  g_assert_true (bubble == NULL || mc_message_get_state (bubble) != MC_MESSAGE_STATE_FAILED);
  entries = list_outbox (f);
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);
  g_clear_object (&bubble);

  /* Refused again, then removed: bubble and outbox entry go. */
  mc_fake_market_inject_fault (f->market, "/chats/file", MC_FAKE_FAULT_STATUS, 400, 1);
  g_clear_object (&result);
  mc_sync_engine_send_file_async (f->engine, chat_id, file, NULL, on_result, f);
  result = take_result (f);
  g_assert_false (mc_sync_engine_send_file_finish (f->engine, result, &error));
  bubble = last_bubble (f, chat_id);
  g_assert_nonnull (bubble);
  mc_sync_engine_discard_failed (f->engine, bubble);
  g_clear_object (&bubble);
  g_assert_null (last_bubble (f, chat_id));
  entries = list_outbox (f);
  g_assert_cmpuint (entries->len, ==, 0);

  g_file_delete (file, NULL, NULL);
}

/* A read answered 200 with "status": "ERROR", errors[] and no result: the
 * error carries the Market's message, not a missing JSON member. */
static void
test_read_ok_status_error_body (Fixture       *f,
                                gconstpointer  data)
{
  McApiClient *client = mc_cabinet_get_client (f->cabinet);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mc_fake_market_inject_fault (f->market, "/chats/new", MC_FAKE_FAULT_STATUS, 200, 1);
  mc_api_client_create_chat_async (client, f->business_id, MC_CONTEXT_TYPE_ORDER, 555000111,
                                   NULL, on_result, f);
  result = take_result (f);
  g_assert_cmpint (mc_api_client_create_chat_finish (client, result, &error), ==, 0);
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "Injected fault: HTTP 200"));
}

static gboolean
offline_send_confirmed (Fixture *f)
{
  gint64 chat_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (f->engine), "test-chat"));

  return last_bubble (f, chat_id) == NULL;
}

/* Sent without a network: nothing is attempted, the bubble waits, and the
 * message goes out once when the network is back. */
static void
test_send_offline_queued (Fixture       *f,
                          gconstpointer  data)
{
  const char *text = "Ответ, написанный без сети";
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McMessage) bubble = NULL;
  gint64 chat_id;

  start_and_settle (f);
  chat_id = chat_with_status (f, "WAITING_FOR_PARTNER");
  g_object_set_data (G_OBJECT (f->engine), "test-chat", GSIZE_TO_POINTER (chat_id));
  test_monitor_set_available (f->monitor, FALSE);
  g_assert_true (wait_for (f, idle, 5000));
  mc_fake_market_reset_counters (f->market);

  mc_sync_engine_send_message_async (f->engine, chat_id, text, NULL, on_result, f);
  result = take_result (f);
  g_assert_false (mc_sync_engine_send_message_finish (f->engine, result, &error));
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_NETWORK);
  g_assert_cmpuint (mc_fake_market_get_request_count (f->market, "sendMessageToChat"), ==, 0);
  bubble = last_bubble (f, chat_id);
  g_assert_nonnull (bubble);
  g_assert_cmpint (mc_message_get_state (bubble), ==, MC_MESSAGE_STATE_PENDING);
  entries = list_outbox (f);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpint (((McOutboxEntry *) g_ptr_array_index (entries, 0))->state, ==, MC_OUTBOX_STATE_QUEUED);
  g_clear_pointer (&entries, g_ptr_array_unref);

  test_monitor_set_available (f->monitor, TRUE);
  g_assert_true (wait_for (f, offline_send_confirmed, 10000));
  g_assert_cmpuint (count_sent (f, chat_id, text), ==, 1);
  g_assert_true (holds_partner_text (f, chat_id, text));
  entries = list_outbox (f);
  g_assert_cmpuint (entries->len, ==, 0);
}

static void
test_texts_match (void)
{
  g_assert_true (mc_sync_engine_texts_match ("a\r\nb", "a\nb"));
  g_assert_true (mc_sync_engine_texts_match (" \tПривет\r", "Привет"));
  g_assert_true (mc_sync_engine_texts_match ("x\ry", "x\ny"));
  g_assert_false (mc_sync_engine_texts_match ("a b", "ab"));
  g_assert_false (mc_sync_engine_texts_match ("a\n\nb", "a\nb"));
  g_assert_false (mc_sync_engine_texts_match ("a", NULL));
}

static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  gint64 chat_id;

  start_and_settle (f);
  g_assert_true (mc_sync_engine_get_online (f->engine));

  test_monitor_set_available (f->monitor, FALSE);
  g_assert_false (mc_sync_engine_get_online (f->engine));
  g_assert_true (wait_for (f, idle, 5000));
  mc_fake_market_reset_counters (f->market);

  chat_id = mc_fake_market_customer_opens_chat (f->market, f->business_id, "Вы тут?");
  spin (f, 2500);
  g_assert_cmpuint (mc_fake_market_get_request_count (f->market, "getChats"), ==, 0);
  g_assert_cmpuint (f->new_chats->len, ==, 0);

  /* Back online: an immediate catch-up, not the next tick. */
  test_monitor_set_available (f->monitor, TRUE);
  g_assert_true (mc_sync_engine_get_online (f->engine));
  g_assert_cmpuint (mc_fake_market_get_request_count (f->market, "getChats") +
                    (mc_sync_engine_get_syncing (f->engine) ? 1 : 0), >, 0);
  g_assert_true (wait_for (f, has_new_chat, 900));
  g_assert_cmpuint (count_id (f->new_chats, chat_id), ==, 1);
}

static gboolean
paused (Fixture *f)
{
  return mc_sync_engine_get_paused_until (f->engine) != 0;
}

static void
test_rate_limit_pause (Fixture       *f,
                       gconstpointer  data)
{
  guint asked;

  start_and_settle (f);
  mc_fake_market_reset_counters (f->market);

  mc_fake_market_inject_fault (f->market, "/chats", MC_FAKE_FAULT_STATUS, 420, 1);
  g_assert_true (wait_for (f, paused, 3000));
  g_assert_cmpint (mc_sync_engine_get_paused_until (f->engine), >, g_get_real_time ());
  g_assert_cmpint (mc_sync_engine_get_paused_until (f->engine), ==,
                   mc_api_client_get_paused_until (mc_cabinet_get_client (f->cabinet), MC_API_METHOD_GET_CHATS));

  /* Three ticks go by without asking the paused method. */
  g_assert_true (wait_for (f, idle, 5000));
  asked = mc_fake_market_get_request_count (f->market, "getChats");
  spin (f, 3200);
  mc_sync_engine_refresh (f->engine);
  spin (f, 200);
  g_assert_cmpuint (mc_fake_market_get_request_count (f->market, "getChats"), ==, asked);
}

static void
test_governor_backlog (Fixture       *f,
                       gconstpointer  data)
{
  double budget_chats = mc_api_method_get_hourly_budget (MC_API_METHOD_GET_CHATS) * 0.10;
  double budget_history = mc_api_method_get_hourly_budget (MC_API_METHOD_GET_CHAT_HISTORY) * 0.10;
  guint backlog = 0, sweep_requests, pages, history = 0;
  double interval, sweep_interval, chats_per_hour, history_per_hour;
  const guint polls = 20;

  start_and_settle (f);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->store)); i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (G_LIST_MODEL (f->store), i);

      if (mc_chat_get_business_id (chat) == f->business_id && mc_chat_needs_reply (chat))
        backlog++;
    }
  g_test_message ("needs-reply backlog: %u chats", backlog);
  g_assert_cmpuint (backlog, >=, 280);

  /* A sweep after the first (which also runs partitions to be quick),
   * with the one poll that starts beside it; then polls back to back, as
   * many as ever run between two re-checks. */
  mc_sync_engine_stop (f->engine);
  g_assert_true (wait_for (f, idle, 20000));
  mc_fake_market_reset_counters (f->market);
  mc_sync_engine_start (f->engine);
  g_assert_true (wait_for (f, idle, 20000));
  sweep_requests = mc_fake_market_get_request_count (f->market, "getChats");
  mc_fake_market_reset_counters (f->market);
  for (guint i = 0; i < polls; i++)
    poll_now (f);
  pages = mc_fake_market_get_request_count (f->market, "getChats") / polls;
  history = mc_fake_market_get_request_count (f->market, "getChatHistory");

  interval = mc_sync_engine_get_effective_interval (f->engine);
  sweep_interval = mc_sync_engine_get_sweep_interval (f->engine);
  g_assert_cmpfloat (interval, >, 1);
  g_assert_cmpuint (pages, >=, backlog / 20);

  chats_per_hour = pages * 3600.0 / interval + sweep_requests * 3600.0 / sweep_interval;
  history_per_hour = (double) history / polls * 3600.0 / interval;
  g_test_message ("every %.0f s (sweep every %.0f s): getChats %.0f/h of %.0f, getChatHistory %.0f/h of %.0f",
                  interval, sweep_interval, chats_per_hour, budget_chats, history_per_hour, budget_history);
  g_assert_cmpfloat (chats_per_hour, <=, budget_chats);
  g_assert_cmpfloat (history_per_hour, <=, budget_history);
}

static void
fixture_setup_backlog (Fixture       *f,
                       gconstpointer  data)
{
  /* About 1,070 chats in the first cabinet, 28% of them waiting. */
  fixture_setup_full (f, 1600, MC_FAKE_TOKEN_CABINET_1, 1.0);
}

static void
test_send_success (Fixture       *f,
                   gconstpointer  data)
{
  const char *text = "Здравствуйте! Заказ уже в пути.";
  g_autoptr(McMessageStore) messages = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gboolean confirmed = FALSE;
  gint64 chat_id;

  start_and_settle (f);
  chat_id = chat_with_status (f, "WAITING_FOR_PARTNER");
  messages = mc_chat_store_get_messages (f->store, chat_id);

  mc_sync_engine_send_message_async (f->engine, chat_id, text, NULL, on_result, f);
  /* Shown at once, before the Market answers. */
  {
    guint n = g_list_model_get_n_items (G_LIST_MODEL (messages));
    g_autoptr(McMessage) last = g_list_model_get_item (G_LIST_MODEL (messages), n - 1);

    g_assert_cmpint (mc_message_get_message_id (last), ==, 0);
    g_assert_cmpint (mc_message_get_state (last), ==, MC_MESSAGE_STATE_PENDING);
    g_assert_cmpstr (mc_message_get_text (last), ==, text);
  }
  /* Answered at once, locally: out of Needs Reply before the Market says so. */
  g_assert_false (mc_chat_needs_reply (mc_chat_store_lookup (f->store, chat_id)));

  result = take_result (f);
  g_assert_true (mc_sync_engine_send_message_finish (f->engine, result, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (count_sent (f, chat_id, text), ==, 1);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (messages)); i++)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (G_LIST_MODEL (messages), i);

      g_assert_cmpint (mc_message_get_message_id (message), !=, 0);
      if (g_strcmp0 (mc_message_get_text (message), text) == 0)
        {
          g_assert_cmpint (mc_message_get_sender (message), ==, MC_SENDER_PARTNER);
          confirmed = TRUE;
        }
    }
  g_assert_true (confirmed);

  entries = list_outbox (f);
  g_assert_cmpuint (entries->len, ==, 0);

  /* The next poll agrees. */
  poll_now (f);
  g_assert_false (mc_chat_needs_reply (mc_chat_store_lookup (f->store, chat_id)));
}

static void
test_send_timeout_was_sent (Fixture       *f,
                            gconstpointer  data)
{
  const char *text = "Проверим и вернёмся с ответом";
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gint64 chat_id;

  start_and_settle (f);
  chat_id = chat_with_status (f, "WAITING_FOR_PARTNER");
  mc_api_client_set_timeout (mc_cabinet_get_client (f->cabinet), 1);

  /* The Market got the message but its answer never came back. */
  send_behind_the_engine (f, chat_id, text);
  mc_fake_market_inject_fault (f->market, "/chats/message", MC_FAKE_FAULT_HANG, 0, 1);
  mc_fake_market_reset_counters (f->market);

  mc_sync_engine_send_message_async (f->engine, chat_id, text, NULL, on_result, f);
  result = take_result (f);
  g_assert_true (mc_sync_engine_send_message_finish (f->engine, result, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (mc_fake_market_get_request_count (f->market, "sendMessageToChat"), <=, 1);
  g_assert_cmpuint (count_sent (f, chat_id, text), ==, 1);
  entries = list_outbox (f);
  g_assert_cmpuint (entries->len, ==, 0);
}

static void
test_send_timeout_not_sent (Fixture       *f,
                            gconstpointer  data)
{
  const char *text = "Этот ответ не дойдёт";
  g_autoptr(McMessageStore) messages = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McMessage) last = NULL;
  gint64 chat_id;

  start_and_settle (f);
  chat_id = chat_with_status (f, "WAITING_FOR_PARTNER");
  messages = mc_chat_store_get_messages (f->store, chat_id);
  mc_api_client_set_timeout (mc_cabinet_get_client (f->cabinet), 1);
  mc_fake_market_inject_fault (f->market, "/chats/message", MC_FAKE_FAULT_HANG, 0, 1);

  mc_sync_engine_send_message_async (f->engine, chat_id, text, NULL, on_result, f);
  result = take_result (f);
  g_assert_false (mc_sync_engine_send_message_finish (f->engine, result, &error));
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_TIMEOUT);

  g_assert_cmpuint (count_sent (f, chat_id, text), ==, 0);
  last = g_list_model_get_item (G_LIST_MODEL (messages), g_list_model_get_n_items (G_LIST_MODEL (messages)) - 1);
  g_assert_cmpint (mc_message_get_state (last), ==, MC_MESSAGE_STATE_FAILED);
  entries = list_outbox (f);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpint (((McOutboxEntry *) g_ptr_array_index (entries, 0))->state, ==, MC_OUTBOX_STATE_FAILED);
}

static void
test_send_failure (Fixture       *f,
                   gconstpointer  data)
{
  const char *text = "Сообщение, которое Маркет отклонит";
  g_autoptr(McMessageStore) messages = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) retry = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McMessage) last = NULL;
  gint64 chat_id;

  start_and_settle (f);
  chat_id = chat_with_status (f, "WAITING_FOR_PARTNER");
  messages = mc_chat_store_get_messages (f->store, chat_id);
  mc_fake_market_inject_fault (f->market, "/chats/message", MC_FAKE_FAULT_STATUS, 400, 1);

  mc_sync_engine_send_message_async (f->engine, chat_id, text, NULL, on_result, f);
  result = take_result (f);
  g_assert_false (mc_sync_engine_send_message_finish (f->engine, result, &error));
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_INVALID_REQUEST);

  last = g_list_model_get_item (G_LIST_MODEL (messages), g_list_model_get_n_items (G_LIST_MODEL (messages)) - 1);
  g_assert_cmpint (mc_message_get_message_id (last), ==, 0);
  g_assert_cmpint (mc_message_get_state (last), ==, MC_MESSAGE_STATE_FAILED);
  g_assert_nonnull (mc_message_get_error (last));
  g_assert_cmpuint (count_sent (f, chat_id, text), ==, 0);

  entries = list_outbox (f);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpint (((McOutboxEntry *) g_ptr_array_index (entries, 0))->state, ==, MC_OUTBOX_STATE_FAILED);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Retry: the failed attempt is replaced, and the message goes out once. */
  g_clear_error (&error);
  mc_sync_engine_send_message_async (f->engine, chat_id, text, NULL, on_result, f);
  retry = take_result (f);
  g_assert_true (mc_sync_engine_send_message_finish (f->engine, retry, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_sent (f, chat_id, text), ==, 1);
  entries = list_outbox (f);
  g_assert_cmpuint (entries->len, ==, 0);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (messages)); i++)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (G_LIST_MODEL (messages), i);

      g_assert_cmpint (mc_message_get_state (message), !=, MC_MESSAGE_STATE_FAILED);
    }
}

/* The seller takes a failed text back to edit it: the bubble and its
 * outbox entry go, so the next start does not offer it again. */
static void
test_send_failure_discarded (Fixture       *f,
                             gconstpointer  data)
{
  const char *text = "Текст, который продавец заберёт на правку";
  g_autoptr(McMessageStore) messages = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McMessage) failed = NULL;
  guint n_before;
  gint64 chat_id;

  start_and_settle (f);
  chat_id = chat_with_status (f, "WAITING_FOR_PARTNER");
  messages = mc_chat_store_get_messages (f->store, chat_id);
  n_before = g_list_model_get_n_items (G_LIST_MODEL (messages));
  mc_fake_market_inject_fault (f->market, "/chats/message", MC_FAKE_FAULT_STATUS, 400, 1);

  mc_sync_engine_send_message_async (f->engine, chat_id, text, NULL, on_result, f);
  result = take_result (f);
  g_assert_false (mc_sync_engine_send_message_finish (f->engine, result, &error));

  failed = g_list_model_get_item (G_LIST_MODEL (messages), g_list_model_get_n_items (G_LIST_MODEL (messages)) - 1);
  g_assert_cmpint (mc_message_get_state (failed), ==, MC_MESSAGE_STATE_FAILED);
  entries = list_outbox (f);
  g_assert_cmpuint (entries->len, ==, 1);
  g_clear_pointer (&entries, g_ptr_array_unref);

  mc_sync_engine_discard_failed (f->engine, failed);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (messages)), ==, n_before);
  entries = list_outbox (f);
  g_assert_cmpuint (entries->len, ==, 0);
  g_assert_cmpuint (count_sent (f, chat_id, text), ==, 0);
}

static void
test_send_refused_before_request (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 chat_id;

  start_and_settle (f);
  mc_fake_market_reset_counters (f->market);

  chat_id = chat_with_status (f, "FINISHED");
  mc_sync_engine_send_message_async (f->engine, chat_id, "Спасибо за заказ", NULL, on_result, f);
  result = take_result (f);
  g_assert_false (mc_sync_engine_send_message_finish (f->engine, result, &error));
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_FORBIDDEN);
  g_assert_cmpuint (mc_fake_market_get_request_count (f->market, "sendMessageToChat"), ==, 0);
}

static void
fixture_setup_read_only (Fixture       *f,
                         gconstpointer  data)
{
  fixture_setup_full (f, 0, MC_FAKE_TOKEN_READ_ONLY, 100.0);
}

static void
test_read_only_cabinet (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 chat_id;

  g_assert_false (mc_cabinet_get_can_send (f->cabinet));
  g_assert_true (g_strv_contains (mc_cabinet_get_scopes (f->cabinet), "ALL_METHODS_READ_ONLY"));

  /* Its chats still sync. */
  start_and_settle (f);
  mc_fake_market_reset_counters (f->market);
  chat_id = chat_with_status (f, "WAITING_FOR_PARTNER");

  mc_sync_engine_send_message_async (f->engine, chat_id, "Ответ", NULL, on_result, f);
  result = take_result (f);
  g_assert_false (mc_sync_engine_send_message_finish (f->engine, result, &error));
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_FORBIDDEN);
  g_assert_cmpuint (mc_fake_market_get_request_count (f->market, "sendMessageToChat"), ==, 0);
}

static void
test_cabinet (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(McCabinet) offline = NULL;
  g_autoptr(McCabinet) unknown = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *registry = NULL;
  g_autofree char *data_dir = NULL;
  GStatBuf buf;
  g_autofree char *contents = NULL;
  const char *label = "Магазин [главный]";
  GListModel *campaigns;

  g_assert_cmpint (mc_cabinet_get_business_id (f->cabinet), ==, f->business_id);
  g_assert_nonnull (mc_cabinet_get_business_name (f->cabinet));
  g_assert_true (mc_cabinet_get_can_send (f->cabinet));
  campaigns = mc_cabinet_get_campaigns (f->cabinet);
  g_assert_cmpuint (g_list_model_get_n_items (campaigns), ==, 2);
  for (guint i = 0; i < g_list_model_get_n_items (campaigns); i++)
    {
      g_autoptr(McCampaign) campaign = g_list_model_get_item (campaigns, i);

      g_assert_cmpint (mc_campaign_get_business_id (campaign), ==, f->business_id);
    }

  /* Offline start-up finds the business without the network, and the
   * file holds no token. */
  g_object_unref (f->cabinet);
  f->cabinet = connect_cabinet (f, MC_FAKE_TOKEN_CABINET_1, label);
  g_assert_true (mc_cabinet_remember (f->cabinet, &error));
  g_assert_no_error (error);

  data_dir = mc_cache_dup_data_dir ();
  registry = g_build_filename (data_dir, "cabinets.ini", NULL);
  g_assert_true (g_file_get_contents (registry, &contents, NULL, NULL));
  g_assert_null (strstr (contents, mc_fake_market_get_token (f->market, MC_FAKE_TOKEN_CABINET_1)));
  /* Readable by the seller only. */
  g_assert_cmpint (g_stat (registry, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);

  offline = mc_cabinet_new_offline (mc_fake_market_get_url (f->market), MC_AUTH_KIND_API_KEY, label,
                                    mc_fake_market_get_token (f->market, MC_FAKE_TOKEN_CABINET_1), &error);
  g_assert_no_error (error);
  g_assert_cmpint (mc_cabinet_get_business_id (offline), ==, f->business_id);
  g_assert_cmpstr (mc_cabinet_get_business_name (offline), ==, mc_cabinet_get_business_name (f->cabinet));
  g_assert_true (mc_cabinet_get_can_send (offline));

  g_assert_true (mc_cabinet_forget (label, &error));
  g_assert_no_error (error);
  unknown = mc_cabinet_new_offline (mc_fake_market_get_url (f->market), MC_AUTH_KIND_API_KEY, label,
                                    mc_fake_market_get_token (f->market, MC_FAKE_TOKEN_CABINET_1), &error);
  g_assert_no_error (error);
  g_assert_cmpint (mc_cabinet_get_business_id (unknown), ==, 0);
  g_assert_false (mc_cabinet_open_cache (unknown, &error));
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* Refresh fills in what the file did not know. */
  mc_cabinet_refresh_async (unknown, NULL, on_result, f);
  {
    g_autoptr(GAsyncResult) result = take_result (f);

    g_assert_true (mc_cabinet_refresh_finish (unknown, result, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (mc_cabinet_get_business_id (unknown), ==, f->business_id);
  g_assert_cmpuint (g_list_model_get_n_items (mc_cabinet_get_campaigns (unknown)), ==, 2);
}

static void
assert_same_campaigns (GListModel *expected,
                       GListModel *actual)
{
  g_assert_cmpuint (g_list_model_get_n_items (actual), ==, g_list_model_get_n_items (expected));
  for (guint i = 0; i < g_list_model_get_n_items (expected); i++)
    {
      g_autoptr(McCampaign) e = g_list_model_get_item (expected, i);
      g_autoptr(McCampaign) a = g_list_model_get_item (actual, i);

      g_assert_cmpint (mc_campaign_get_id (a), ==, mc_campaign_get_id (e));
      g_assert_cmpstr (mc_campaign_get_domain (a), ==, mc_campaign_get_domain (e));
      g_assert_cmpint (mc_campaign_get_business_id (a), ==, mc_campaign_get_business_id (e));
      g_assert_cmpstr (mc_campaign_get_business_name (a), ==, mc_campaign_get_business_name (e));
      g_assert_cmpint (mc_campaign_get_placement_type (a), ==, mc_campaign_get_placement_type (e));
      g_assert_cmpint (mc_campaign_get_api_availability (a), ==, mc_campaign_get_api_availability (e));
    }
}

static GListModel *
load_saved_campaigns (McCache *cache)
{
  g_autoptr(GPtrArray) campaigns = NULL;
  g_autoptr(GError) error = NULL;
  GListStore *model = g_list_store_new (MC_TYPE_CAMPAIGN);

  campaigns = mc_cache_load_campaigns (cache, &error);
  g_assert_no_error (error);
  g_list_store_splice (model, 0, 0, campaigns->pdata, campaigns->len);
  return G_LIST_MODEL (model);
}

/* The stores fetched on connect are saved with the cache, so a cabinet of
 * the cabinets file shows them before it has a key or network; a refresh
 * saves them anew. */
static void
test_cabinet_stores_offline (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(McCabinet) remembered = NULL;
  g_autoptr(GListModel) saved = NULL;
  g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GListModel *fetched = mc_cabinet_get_campaigns (f->cabinet);
  guint asked;

  g_assert_cmpuint (g_list_model_get_n_items (fetched), ==, 2);
  g_assert_true (mc_cache_flush (f->cache, &error));
  g_assert_no_error (error);
  saved = load_saved_campaigns (f->cache);
  assert_same_campaigns (fetched, saved);
  g_clear_object (&saved);

  g_assert_true (mc_cabinet_remember (f->cabinet, &error));
  g_assert_no_error (error);
  asked = mc_fake_market_get_request_count (f->market, "getCampaigns");

  remembered = mc_cabinet_new_remembered ("Main");
  g_assert_nonnull (remembered);
  g_assert_cmpuint (g_list_model_get_n_items (mc_cabinet_get_campaigns (remembered)), ==, 0);
  g_assert_true (mc_cabinet_open_cache (remembered, &error));
  g_assert_no_error (error);
  g_assert_null (mc_cabinet_get_client (remembered));
  assert_same_campaigns (fetched, mc_cabinet_get_campaigns (remembered));
  g_assert_cmpuint (mc_fake_market_get_request_count (f->market, "getCampaigns"), ==, asked);

  /* A store the Market no longer lists goes at the next refresh. */
  g_ptr_array_add (stale, mc_campaign_new (999, "closed.example", f->business_id, "Old",
                                           MC_PLACEMENT_TYPE_FBS, MC_API_AVAILABILITY_AVAILABLE));
  mc_cache_save_campaigns_async (mc_cabinet_get_cache (remembered), stale, NULL, NULL, NULL);
  g_assert_true (mc_cabinet_set_token (remembered, mc_fake_market_get_url (f->market),
                                       MC_AUTH_KIND_API_KEY,
                                       mc_fake_market_get_token (f->market, MC_FAKE_TOKEN_CABINET_1),
                                       &error));
  g_assert_no_error (error);
  mc_cabinet_refresh_async (remembered, NULL, on_result, f);
  {
    g_autoptr(GAsyncResult) result = take_result (f);

    g_assert_true (mc_cabinet_refresh_finish (remembered, result, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (mc_fake_market_get_request_count (f->market, "getCampaigns"), ==, asked + 1);
  saved = load_saved_campaigns (mc_cabinet_get_cache (remembered));
  assert_same_campaigns (fetched, saved);

  mc_cache_close (mc_cabinet_get_cache (remembered));
  g_assert_true (mc_cabinet_forget ("Main", &error));
  g_assert_no_error (error);
}

static void
test_load_older (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(McMessageStore) messages = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 chat_id;

  start_and_settle (f);

  /* Never fetched (not waiting for an answer): opening it loads all. */
  chat_id = chat_with_status (f, "FINISHED");
  g_assert_cmpint (mc_chat_store_get_last_message_id (f->store, chat_id), ==, 0);
  messages = mc_chat_store_get_messages (f->store, chat_id);
  g_assert_true (mc_message_store_get_has_older (messages));

  mc_sync_engine_load_older_async (f->engine, chat_id, NULL, on_result, f);
  result = take_result (f);
  g_assert_true (mc_sync_engine_load_older_finish (f->engine, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (messages)), >, 0);
  g_assert_false (mc_message_store_get_has_older (messages));
  g_assert_cmpuint (f->new_messages->len, ==, 0);
}

static guint
count_business_chats (Fixture *f)
{
  guint held = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->store)); i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (G_LIST_MODEL (f->store), i);

      held += mc_chat_get_business_id (chat) == f->business_id;
    }

  return held;
}

static gboolean
holds_every_chat (Fixture *f)
{
  return count_business_chats (f) == mc_fake_market_get_chat_count (f->market, f->business_id);
}

/* A page that keeps failing: its walk waits, twice as long each time, and
 * then goes on from that page; the first sweep does not start over from
 * page 1 at every tick. */
static void
test_failing_page_backs_off (Fixture       *f,
                             gconstpointer  data)
{
  guint asked, started;

  /* Only the engine's own back-off, not the client's quick retries. */
  mc_api_client_set_max_retries (mc_cabinet_get_client (f->cabinet), 0);
  mc_fake_market_inject_fault (f->market, "/chats?page_token", MC_FAKE_FAULT_STATUS, 500, 100000);
  mc_sync_engine_start (f->engine);
  spin (f, 10000);
  asked = mc_fake_market_get_request_count (f->market, "getChats");
  started = mc_fake_market_get_first_page_count (f->market, "getChats");
  g_test_message ("getChats in 10 s with every later page failing: %u, %u of them first pages", asked, started);
  /* 19 walks start once; each with more pages retries its page after 1,
   * 2, 4 and 8 s, and polls back off the same way.  Starting over at
   * every tick asks a first page again each second, and a poll too. */
  g_assert_cmpuint (started, <, 30);
  g_assert_cmpuint (asked, <, 100);
  g_assert_false (initial_done (f));

  /* After that first burst the retries thin out: a walk started over at
   * every tick keeps asking about once a second. */
  mc_fake_market_reset_counters (f->market);
  spin (f, 20000);
  asked = mc_fake_market_get_request_count (f->market, "getChats");
  started = mc_fake_market_get_first_page_count (f->market, "getChats");
  g_test_message ("getChats in the next 20 s: %u, %u of them first pages", asked, started);
  g_assert_cmpuint (asked, <, 20);

  mc_fake_market_clear_faults (f->market);
  mc_fake_market_reset_counters (f->market);
  g_assert_true (wait_for (f, initial_done, 20000));
  g_assert_true (holds_every_chat (f));
}

/* The Market adds statuses and context types; the sweep sees them all. */
static void
test_unknown_values_swept (Fixture       *f,
                           gconstpointer  data)
{
  gint64 finished = mc_fake_market_find_chat (f->market, f->business_id, "FINISHED");
  gint64 waiting = mc_fake_market_find_chat (f->market, f->business_id, "WAITING_FOR_CUSTOMER");
  gint64 partner = mc_fake_market_find_chat (f->market, f->business_id, "WAITING_FOR_PARTNER");
  McChat *chat;

  mc_fake_market_set_unknown_values (f->market, finished, TRUE, FALSE);
  mc_fake_market_set_unknown_values (f->market, waiting, FALSE, TRUE);
  mc_fake_market_set_unknown_values (f->market, partner, TRUE, TRUE);

  start_and_settle (f);
  g_assert_true (holds_every_chat (f));

  chat = mc_chat_store_lookup (f->store, finished);
  g_assert_nonnull (chat);
  g_assert_cmpint (mc_chat_get_status (chat), ==, MC_CHAT_STATUS_UNKNOWN);
  chat = mc_chat_store_lookup (f->store, waiting);
  g_assert_nonnull (chat);
  g_assert_cmpint (mc_chat_context_get_context_type (mc_chat_get_context (chat)), ==, MC_CONTEXT_TYPE_UNKNOWN);
  g_assert_nonnull (mc_chat_store_lookup (f->store, partner));
}

/* A page of broken chats is skipped; the walk goes on to the end. */
static void
test_malformed_page (Fixture       *f,
                     gconstpointer  data)
{
  guint pages = (mc_fake_market_get_chat_count (f->market, f->business_id) + 19) / 20;

  start_and_settle (f);

  /* A later sweep is one walk over every page. */
  mc_sync_engine_stop (f->engine);
  g_assert_true (wait_for (f, idle, 20000));
  mc_fake_market_inject_fault (f->market, "/chats?page_token", MC_FAKE_FAULT_MALFORMED_ITEMS, 0, 100000);
  mc_fake_market_reset_counters (f->market);
  mc_sync_engine_start (f->engine);
  g_assert_true (wait_for (f, idle, 20000));
  g_assert_cmpuint (mc_fake_market_get_request_count (f->market, "getChats"), >=, pages + 1);
}

/* Pages that repeat under new tokens for ever end at the first page that
 * brings nothing new. */
static void
test_endless_walk (Fixture       *f,
                   gconstpointer  data)
{
  mc_fake_market_inject_fault (f->market, "/chats?", MC_FAKE_FAULT_ENDLESS, 0, 1000000);
  mc_sync_engine_start (f->engine);
  spin (f, 3000);
  g_assert_cmpuint (mc_fake_market_get_request_count (f->market, "getChats"), <, 100);
}

/* The Market's budget is small and shared: the first sweep stops short
 * of what polls need instead of running into a 420, and polls go on. */
static void
test_sweep_keeps_poll_share (Fixture       *f,
                             gconstpointer  data)
{
  McApiClient *client = mc_cabinet_get_client (f->cabinet);

  mc_sync_engine_start (f->engine);
  spin (f, 5000);
  g_assert_cmpuint (mc_fake_market_get_refused_count (f->market, f->business_id), ==, 0);
  g_assert_cmpint (mc_api_client_get_paused_until (client, MC_API_METHOD_GET_CHATS), ==, 0);
  g_assert_cmpint (mc_api_client_get_remaining (client, MC_API_METHOD_GET_CHATS), >, 0);
}

static void
fixture_setup_small_budget (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GDateTime) hour = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC + 3600);
  g_autofree char *until = g_date_time_format (hour, "%a, %d %b %Y %H:%M:%S GMT");

  /* About 1,070 chats, 54 pages, against 100 getChats an hour. */
  fixture_setup_full (f, 1600, MC_FAKE_TOKEN_CABINET_1, 1.0);
  mc_fake_market_set_budget_scale (f->market, 0.02);
  mc_fake_market_set_until_header (f->market, until);
}

/* Another copy of the app spends the shared budget: this one polls less
 * often at once, by the Market's count rather than its own. */
static void
test_governor_follows_market (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McApiClient) other = NULL;
  guint before;

  start_and_settle (f);
  poll_now (f);
  before = mc_sync_engine_get_effective_interval (f->engine);

  other = mc_api_client_new (mc_fake_market_get_url (f->market), MC_AUTH_KIND_API_KEY,
                             mc_fake_market_get_token (f->market, MC_FAKE_TOKEN_CABINET_1), &error);
  g_assert_no_error (error);
  for (guint i = 0; mc_api_client_get_remaining (mc_cabinet_get_client (f->cabinet), MC_API_METHOD_GET_CHATS) > 30; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(McChatPage) page = NULL;

      mc_api_client_get_chats_async (other, f->business_id, NULL, NULL, 1, NULL, on_result, f);
      result = take_result (f);
      page = mc_api_client_get_chats_finish (other, result, &error);
      g_assert_no_error (error);
      if (i % 100 == 0 || mc_api_client_get_remaining (other, MC_API_METHOD_GET_CHATS) < 40)
        poll_now (f);
    }

  g_test_message ("polling every %u s, then every %u s", before, mc_sync_engine_get_effective_interval (f->engine));
  g_assert_cmpuint (mc_sync_engine_get_effective_interval (f->engine), >=, 4 * before);
  g_assert_cmpuint (mc_fake_market_get_refused_count (f->market, f->business_id), ==, 0);
}

static void
fixture_setup_shared_budget (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GDateTime) hour = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC + 3600);
  g_autofree char *until = g_date_time_format (hour, "%a, %d %b %Y %H:%M:%S GMT");

  fixture_setup_full (f, 0, MC_FAKE_TOKEN_CABINET_1, 1.0);
  /* getChats: 2,000 an hour for the key. */
  mc_fake_market_set_budget_scale (f->market, 0.4);
  mc_fake_market_set_until_header (f->market, until);
}

/* An arbiter's decision in a dispute is polled for, on its own cadence,
 * and announced like a customer's message. */
static void
test_dispute_decision (Fixture       *f,
                       gconstpointer  data)
{
  gint64 chat_id, message_id;

  start_and_settle (f);
  chat_id = chat_with_status (f, "WAITING_FOR_ARBITER");
  message_id = mc_fake_market_market_writes (f->market, chat_id, "MARKET",
                                             "Спор решён в пользу покупателя.");
  g_assert_cmpint (message_id, >, 0);

  /* Within a few polls, far sooner than the next sweep. */
  g_assert_true (wait_for (f, has_new_message, 8000));
  g_assert_cmpuint (count_id (f->new_messages, message_id), ==, 1);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 ia = mc_message_get_message_id (*(McMessage **) a);
  gint64 ib = mc_message_get_message_id (*(McMessage **) b);

  return (ia > ib) - (ia < ib);
}

/* The server pages history in an order of its own (the fake Market,
 * newest first): loading older history walks every page, and keeps every
 * older message once, in messageId order. */
static void
test_load_older_any_order (Fixture       *f,
                           gconstpointer  data)
{
  McApiClient *client = mc_cabinet_get_client (f->cabinet);
  g_autoptr(McMessageStore) messages = NULL;
  g_autoptr(McHistoryPage) all = NULL;
  g_autoptr(GPtrArray) newest = g_ptr_array_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 chat_id;
  gint64 last = 0;

  start_and_settle (f);
  mc_sync_engine_stop (f->engine);
  g_assert_true (wait_for (f, idle, 20000));

  /* More than two pages of 50. */
  chat_id = chat_with_status (f, "FINISHED");
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *text = g_strdup_printf ("Вопрос № %u", i);

      mc_fake_market_customer_writes (f->market, chat_id, text, 0);
    }

  mc_api_client_get_all_history_async (client, f->business_id, chat_id, 0, NULL, on_result, f);
  all = mc_api_client_get_all_history_finish (client, take_result (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->messages->len, >, 120);

  /* The store holds only the newest ten. */
  g_ptr_array_sort (all->messages, compare_ids);
  for (guint i = all->messages->len - 10; i < all->messages->len; i++)
    g_ptr_array_add (newest, g_ptr_array_index (all->messages, i));
  mc_chat_store_merge_messages (f->store, chat_id, newest);
  messages = mc_chat_store_get_messages (f->store, chat_id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (messages)), ==, 10);
  g_assert_true (mc_message_store_get_has_older (messages));

  mc_sync_engine_load_older_async (f->engine, chat_id, NULL, on_result, f);
  result = take_result (f);
  g_assert_true (mc_sync_engine_load_older_finish (f->engine, result, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (messages)), ==, all->messages->len);
  g_assert_false (mc_message_store_get_has_older (messages));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (messages)); i++)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (G_LIST_MODEL (messages), i);

      g_assert_cmpint (mc_message_get_message_id (message), >, last);
      last = mc_message_get_message_id (message);
    }
}

static void
fixture_setup_larger (Fixture       *f,
                      gconstpointer  data)
{
  /* About 400 chats in the first cabinet: 20 pages. */
  fixture_setup_full (f, 600, MC_FAKE_TOKEN_CABINET_1, 100.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/sync/cabinet", test_cabinet);
  ADD ("/sync/cabinet-stores-offline", test_cabinet_stores_offline);
  ADD ("/sync/first-sync-is-silent", test_first_sync_is_silent);
  ADD ("/sync/new-chat", test_new_chat);
  ADD ("/sync/new-message-once", test_new_message_once);
  ADD ("/sync/late-message", test_late_message);
  ADD ("/sync/outbox-reconcile", test_outbox_reconcile);
  ADD ("/sync/offline", test_offline);
  ADD ("/sync/rate-limit-pause", test_rate_limit_pause);
  ADD ("/sync/send/success", test_send_success);
  ADD ("/sync/send/timeout-was-sent", test_send_timeout_was_sent);
  ADD ("/sync/send/timeout-not-sent", test_send_timeout_not_sent);
  ADD ("/sync/send/failure", test_send_failure);
  ADD ("/sync/send/failure-discarded", test_send_failure_discarded);
  ADD ("/sync/send/refused-before-request", test_send_refused_before_request);
  ADD ("/sync/send/unreachable-settles", test_send_unreachable_settles);
  ADD ("/sync/send/unreachable-was-sent", test_send_unreachable_was_sent);
  ADD ("/sync/send/server-error-was-sent", test_send_server_error_was_sent);
  ADD ("/sync/send/ok-status-error-body", test_send_ok_status_error_body);
  ADD ("/sync/send/file-failure", test_send_file_failure);
  ADD ("/sync/read-ok-status-error-body", test_read_ok_status_error_body);
  ADD ("/sync/send/offline-queued", test_send_offline_queued);
  g_test_add_func ("/sync/send/texts-match", test_texts_match);
  ADD ("/sync/load-older", test_load_older);
  g_test_add ("/sync/read-only-cabinet", Fixture, NULL, fixture_setup_read_only,
              test_read_only_cabinet, fixture_teardown);
  g_test_add ("/sync/governor-backlog", Fixture, NULL, fixture_setup_backlog,
              test_governor_backlog, fixture_teardown);
  g_test_add ("/sync/walks/failing-page-backs-off", Fixture, NULL, fixture_setup_larger,
              test_failing_page_backs_off, fixture_teardown);
  ADD ("/sync/walks/unknown-values", test_unknown_values_swept);
  ADD ("/sync/walks/malformed-page", test_malformed_page);
  ADD ("/sync/walks/endless", test_endless_walk);
  ADD ("/sync/dispute-decision", test_dispute_decision);
  ADD ("/sync/load-older-any-order", test_load_older_any_order);
  g_test_add ("/sync/walks/keeps-poll-share", Fixture, NULL, fixture_setup_small_budget,
              test_sweep_keeps_poll_share, fixture_teardown);
  g_test_add ("/sync/governor-follows-market", Fixture, NULL, fixture_setup_shared_budget,
              test_governor_follows_market, fixture_teardown);

#undef ADD

  return g_test_run ();
}
