/* bench-sync.c: how fast a sweep of 10,000 chats runs against the fake
 * Market with 20 ms latency, what idle polling costs per hour against
 * each method's budget at default settings, and what two copies of the
 * app on one cabinet (one key, one budget) spend in a simulated hour.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-cabinet-private.h"
#include "mc-chat-store.h"
#include "mc-fake-market.h"
#include "mc-sync-engine.h"

#define SEED          11
/* Two thirds of the generated chats go to the first cabinet. */
#define N_CHATS       15000
#define LATENCY_MS    20
#define BACKLOG       40
#define IDLE_POLLS    20
#define SENDS_PER_KEY 900
/* The simulated hour: this many times shorter than a real one. */
#define SPEEDUP       30

typedef struct
{
  McFakeMarket *market;
  gint64        business_id;
  guint         expected;
  GAsyncResult *result;
  guint         pending;
} Bench;

static void
on_result (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Bench *b = user_data;

  b->result = g_object_ref (result);
}

static GAsyncResult *
take_result (Bench *b)
{
  while (b->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return g_steal_pointer (&b->result);
}

static guint
count_waiting (McChatStore *store,
               gint64       business_id,
               GArray      *ids)
{
  GListModel *model = G_LIST_MODEL (store);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (model, i);
      gint64 id = mc_chat_get_chat_id (chat);

      if (mc_chat_get_business_id (chat) != business_id || !mc_chat_needs_reply (chat))
        continue;

      n++;
      if (ids != NULL)
        g_array_append_val (ids, id);
    }

  return n;
}

static McCabinet *
connect_cabinet (Bench *b)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  McCabinet *cabinet;

  mc_cabinet_connect_async (mc_fake_market_get_url (b->market), MC_AUTH_KIND_API_KEY, "Bench",
                            mc_fake_market_get_token (b->market, MC_FAKE_TOKEN_CABINET_1),
                            NULL, on_result, b);
  result = take_result (b);
  cabinet = mc_cabinet_connect_finish (result, &error);
  if (cabinet == NULL)
    g_error ("Could not connect: %s", error->message);

  return cabinet;
}

/* Runs until the store (of this one cabinet) holds every chat; returns when. */
static gint64
wait_swept (Bench       *b,
            McChatStore *store)
{
  while (g_list_model_get_n_items (G_LIST_MODEL (store)) < b->expected)
    g_main_context_iteration (NULL, TRUE);

  return g_get_monotonic_time ();
}

static void
wait_idle (McSyncEngine *engine)
{
  while (mc_sync_engine_get_syncing (engine))
    g_main_context_iteration (NULL, TRUE);
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Bench *b = user_data;
  g_autoptr(GError) error = NULL;

  if (!mc_api_client_send_message_finish (MC_API_CLIENT (object), result, &error))
    g_error ("Could not answer a chat: %s", error->message);
  b->pending--;
}

/* Answers all but BACKLOG of the waiting chats, so that idle polling
 * meets the backlog the figure is about.  Each key keeps to its own hourly
 * budget, so the answers are spread over a few. */
static void
answer_backlog (Bench       *b,
                McChatStore *store)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(McApiClient) client = NULL;

  count_waiting (store, b->business_id, ids);
  mc_fake_market_set_budget_scale (b->market, 100.0);

  for (guint i = BACKLOG; i < ids->len; i++)
    {
      if ((i - BACKLOG) % SENDS_PER_KEY == 0)
        {
          g_autoptr(GError) error = NULL;

          while (b->pending > 0)
            g_main_context_iteration (NULL, TRUE);
          g_clear_object (&client);
          client = mc_api_client_new (mc_fake_market_get_url (b->market), MC_AUTH_KIND_API_KEY,
                                      mc_fake_market_get_token (b->market, MC_FAKE_TOKEN_CABINET_1),
                                      &error);
          g_assert_no_error (error);
        }

      b->pending++;
      mc_api_client_send_message_async (client, b->business_id, g_array_index (ids, gint64, i),
                                        "Здравствуйте! Уже отвечаем.", NULL, on_sent, b);
    }

  while (b->pending > 0)
    g_main_context_iteration (NULL, TRUE);

  mc_fake_market_set_budget_scale (b->market, 1.0);
}

static void
bench_sweep (Bench *b)
{
  g_autoptr(McChatStore) store = mc_chat_store_new ();
  g_autoptr(McCabinet) cabinet = connect_cabinet (b);
  g_autoptr(McSyncEngine) engine = mc_sync_engine_new (store);
  gint64 start, swept_at;
  guint pages;
  double wall, ratio;

  mc_fake_market_set_latency (b->market, LATENCY_MS);
  mc_fake_market_reset_counters (b->market);
  mc_sync_engine_add_cabinet (engine, cabinet);

  start = g_get_monotonic_time ();
  mc_sync_engine_start (engine);
  swept_at = wait_swept (b, store);
  /* The sweep's own pages; the backfill of waiting chats is not timed. */
  pages = mc_fake_market_get_request_count (b->market, "getChats");
  mc_sync_engine_remove_cabinet (engine, cabinet);
  wall = (swept_at - start) / (double) G_USEC_PER_SEC;
  ratio = wall / (pages * LATENCY_MS / 1000.0);

  g_print ("# sweep of %u chats: %u requests in %.2f s, peak %u in flight\n",
           b->expected, pages, wall, mc_fake_market_get_peak_in_flight (b->market, b->business_id));
  g_print ("figure sync_sweep_ratio %.3f ratio (target <= 0.35)\n", ratio);

  mc_fake_market_set_latency (b->market, 0);
  answer_backlog (b, store);
}

static void
bench_idle (Bench *b)
{
  static const struct {
    McApiMethod method;
    const char *operation;
  } methods[] = {
    { MC_API_METHOD_GET_CHATS, "getChats" },
    { MC_API_METHOD_GET_CHAT_HISTORY, "getChatHistory" },
    { MC_API_METHOD_GET_CHAT, "getChat" },
    { MC_API_METHOD_GET_CHAT_MESSAGE, "getChatMessage" },
    { MC_API_METHOD_GET_CAMPAIGNS, "getCampaigns" },
  };
  g_autoptr(McChatStore) store = mc_chat_store_new ();
  g_autoptr(McCabinet) cabinet = connect_cabinet (b);
  g_autoptr(McSyncEngine) engine = mc_sync_engine_new (store);
  guint backlog, sweep_requests;
  guint counts[G_N_ELEMENTS (methods)];
  double interval, sweep_interval;

  mc_fake_market_reset_counters (b->market);
  mc_sync_engine_add_cabinet (engine, cabinet);
  mc_sync_engine_start (engine);
  wait_swept (b, store);
  wait_idle (engine);

  /* Later sweeps are one walk; the first also runs partitions to be
   * quick.  A restart sweeps again, with the one poll beside it. */
  mc_sync_engine_stop (engine);
  mc_fake_market_reset_counters (b->market);
  mc_sync_engine_start (engine);
  wait_idle (engine);
  sweep_requests = mc_fake_market_get_request_count (b->market, "getChats");

  backlog = count_waiting (store, b->business_id, NULL);

  /* Enough polls back to back to include the periodic re-check. */
  mc_fake_market_reset_counters (b->market);
  for (guint i = 0; i < IDLE_POLLS; i++)
    {
      mc_sync_engine_refresh (engine);
      wait_idle (engine);
    }

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    counts[i] = mc_fake_market_get_request_count (b->market, methods[i].operation);

  interval = mc_sync_engine_get_effective_interval (engine);
  sweep_interval = mc_sync_engine_get_sweep_interval (engine);
  /* The sweep's count includes the poll beside it. */
  sweep_requests -= MIN (sweep_requests, counts[0] / IDLE_POLLS);

  g_print ("# idle: %u chats, %u need a reply; poll every %.0f s (set: %u s), sweep every %.0f s (%u requests)\n",
           b->expected, backlog, interval, mc_sync_engine_get_poll_interval (engine),
           sweep_interval, sweep_requests);

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      double per_hour = (double) counts[i] / IDLE_POLLS * 3600.0 / interval;
      double share;

      if (methods[i].method == MC_API_METHOD_GET_CHATS)
        per_hour += sweep_requests * 3600.0 / sweep_interval;
      else if (methods[i].method != MC_API_METHOD_GET_CHAT_HISTORY && counts[i] == 0)
        continue;

      share = 100.0 * per_hour / mc_api_method_get_hourly_budget (methods[i].method);
      g_print ("# %s: %.0f requests per hour of %u\n", methods[i].operation, per_hour,
               mc_api_method_get_hourly_budget (methods[i].method));
      g_print ("figure idle_share_%s %.2f %% (target <= 10)\n", methods[i].operation, share);
    }
}

static gboolean
on_hour_over (gpointer user_data)
{
  gboolean *over = user_data;

  *over = TRUE;
  return G_SOURCE_REMOVE;
}

/* Two copies of the app, at default settings and with the hour SPEEDUP
 * times shorter (polls every 30 s / SPEEDUP, the fake Market counting
 * its budgets in windows of 3600 s / SPEEDUP), share one key: neither may
 * cause a 420, and each must stay within its idle share. */
static void
bench_two_copies (void)
{
  g_autoptr(McFakeMarket) market = mc_fake_market_new (SEED, 0);
  g_autoptr(GError) error = NULL;
  McSyncEngine *engines[2];
  McChatStore *stores[2];
  McCabinet *cabinets[2];
  Bench b = { 0 };
  gboolean over = FALSE;
  gint64 business_id;
  guint refused;

  mc_fake_market_set_hour_length (market, 3600 / SPEEDUP);
  if (!mc_fake_market_start (market, 0, &error))
    g_error ("Could not start the fake Market: %s", error->message);
  business_id = mc_fake_market_get_business_id (market, 1);
  b.market = market;

  for (guint i = 0; i < 2; i++)
    {
      stores[i] = mc_chat_store_new ();
      cabinets[i] = connect_cabinet (&b);
      engines[i] = g_object_new (MC_TYPE_SYNC_ENGINE,
                                 "store", stores[i],
                                 "test-mode", TRUE,
                                 "budget-scale", (double) SPEEDUP,
                                 "poll-interval", 30 / SPEEDUP,
                                 NULL);
      mc_sync_engine_add_cabinet (engines[i], cabinets[i]);
    }

  mc_fake_market_reset_counters (market);
  for (guint i = 0; i < 2; i++)
    mc_sync_engine_start (engines[i]);
  g_timeout_add_seconds (3600 / SPEEDUP, on_hour_over, &over);
  while (!over)
    g_main_context_iteration (NULL, TRUE);

  refused = mc_fake_market_get_refused_count (market, business_id);
  g_print ("# two copies, one key, %u chats, a simulated hour of %u s: %u getChats, %u getChatHistory in all\n",
           mc_fake_market_get_chat_count (market, business_id), 3600 / SPEEDUP,
           mc_fake_market_get_request_count (market, "getChats"),
           mc_fake_market_get_request_count (market, "getChatHistory"));
  g_print ("figure two_copies_420s %u count (target 0)\n", refused);

  for (guint i = 0; i < 2; i++)
    {
      McApiClient *client = mc_cabinet_get_client (cabinets[i]);
      double chats = 100.0 * mc_api_client_get_request_count (client, MC_API_METHOD_GET_CHATS) /
                     mc_api_method_get_hourly_budget (MC_API_METHOD_GET_CHATS);
      double history = 100.0 * mc_api_client_get_request_count (client, MC_API_METHOD_GET_CHAT_HISTORY) /
                       mc_api_method_get_hourly_budget (MC_API_METHOD_GET_CHAT_HISTORY);

      g_print ("# copy %u: polled every %u s (of a simulated hour), first sweep included\n",
               i + 1, mc_sync_engine_get_effective_interval (engines[i]));
      g_print ("figure two_copies_share_getChats_copy%u %.2f %% (target <= %u)\n",
               i + 1, chats, mc_sync_engine_get_budget_percent (engines[i]));
      g_print ("figure two_copies_share_getChatHistory_copy%u %.2f %% (target <= %u)\n",
               i + 1, history, mc_sync_engine_get_budget_percent (engines[i]));
    }

  for (guint i = 0; i < 2; i++)
    {
      mc_sync_engine_stop (engines[i]);
      g_object_unref (engines[i]);
      g_object_unref (cabinets[i]);
      g_object_unref (stores[i]);
    }
  mc_fake_market_stop (market);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  Bench b = { 0 };

  b.market = mc_fake_market_new (SEED, N_CHATS);
  if (!mc_fake_market_start (b.market, 0, &error))
    g_error ("Could not start the fake Market: %s", error->message);
  b.business_id = mc_fake_market_get_business_id (b.market, 1);
  b.expected = mc_fake_market_get_chat_count (b.market, b.business_id);

  bench_sweep (&b);
  bench_idle (&b);

  mc_fake_market_stop (b.market);
  g_object_unref (b.market);

  bench_two_copies ();

  return 0;
}
