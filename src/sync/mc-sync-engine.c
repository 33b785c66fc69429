/* mc-sync-engine.c: McSyncEngine: cabinets, ticks, the budget governor
 * (see mc-sync-plan.c), network and pauses; polls and sweeps are in
 * mc-sync-poll.c, history in mc-sync-history.c, sends in each cabinet's
 * McOutbox (mc-outbox.c), reached through mc-sync-outbox.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mc-sync-engine-private.h"

G_DEFINE_FINAL_TYPE (McSyncEngine, mc_sync_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_NETWORK_MONITOR,
  PROP_TEST_MODE,
  PROP_BUDGET_SCALE,
  PROP_POLL_INTERVAL,
  PROP_BUDGET_PERCENT,
  PROP_EFFECTIVE_INTERVAL,
  PROP_SWEEP_INTERVAL,
  PROP_ONLINE,
  PROP_SYNCING,
  PROP_PAUSED_UNTIL,
  N_PROPS
};

enum {
  NEW_CHAT,
  NEW_MESSAGE,
  OUTBOX_FAILED,
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_tick    (McSyncEngine *self);

gboolean
mc_sync_method_paused (Cab         *cab,
                       McApiMethod  method)
{
  return mc_api_client_get_paused_until (cab_client (cab), method) > g_get_real_time ();
}

void
mc_sync_emit_new_chat (McSyncEngine *self,
                       McChat       *chat)
{
  g_signal_emit (self, signals[NEW_CHAT], 0, chat);
}

void
mc_sync_emit_new_message (McSyncEngine *self,
                          McChat       *chat,
                          McMessage    *message)
{
  g_signal_emit (self, signals[NEW_MESSAGE], 0, chat, message);
}

void
mc_sync_emit_outbox_failed (McSyncEngine *self,
                            Cab          *cab,
                            gint64        chat_id,
                            const char   *text)
{
  McChat *chat = mc_chat_store_lookup (self->store, chat_id);
  g_autoptr(McChat) bare = NULL;

  if (chat == NULL)
    chat = bare = mc_chat_new (chat_id, cab_business_id (cab));

  g_signal_emit (self, signals[OUTBOX_FAILED], 0, chat, text);
}

/* Busy counting, for "syncing" */

void
mc_sync_busy_push (McSyncEngine *self)
{
  if (self->busy++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
}

void
mc_sync_busy_pop (McSyncEngine *self)
{
  g_return_if_fail (self->busy > 0);

  if (--self->busy == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
}

void
mc_sync_report_error (Cab          *cab,
                      const GError *error)
{
  if (!cab_alive (cab) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_debug ("Sync of business %" G_GINT64_FORMAT " failed: %s", cab_business_id (cab), error->message);
  g_signal_emit (cab->engine, signals[ERROR], 0, cab->cabinet, error);
}

static Cab *
find_cab_for_business (McSyncEngine *self,
                       gint64        business_id)
{
  for (guint i = 0; i < self->cabs->len; i++)
    {
      Cab *cab = g_ptr_array_index (self->cabs, i);

      if (cab_business_id (cab) == business_id)
        return cab;
    }

  return NULL;
}

Cab *
mc_sync_find_cab_for_chat (McSyncEngine *self,
                           gint64        chat_id)
{
  McChat *chat = mc_chat_store_lookup (self->store, chat_id);

  if (chat == NULL)
    return NULL;

  return find_cab_for_business (self, mc_chat_get_business_id (chat));
}

/* The governor: plans each cabinet's requests per hour from what its last
 * poll and sweep cost (see mc-sync-plan.c). */

static void
plan_budget (McApiClient      *client,
             McApiMethod       method,
             McSyncPlanBudget *budget)
{
  budget->limit = client != NULL ? mc_api_client_get_limit (client, method) : -1;
  budget->documented = mc_api_method_get_hourly_budget (method);
  budget->remaining = client != NULL ? mc_api_client_get_remaining (client, method) : -1;
  budget->until = client != NULL ? mc_api_client_get_limit_until (client, method) : 0;
  budget->used_in_hour = client != NULL ? mc_api_client_get_used_in_hour (client, method) : 0;
}

/* @count_chats: count the cabinet's stored chats, which only the plan
 * before a first sweep needs. */
void
mc_sync_cab_plan_input (Cab             *cab,
                        gboolean         count_chats,
                        McSyncPlanInput *input)
{
  McSyncEngine *self = cab->engine;
  McApiClient *client = cab_client (cab);

  memset (input, 0, sizeof *input);
  input->now = g_get_real_time ();
  input->poll_interval = self->poll_interval;
  input->budget_percent = self->budget_percent;
  input->budget_scale = self->budget_scale;
  plan_budget (client, MC_API_METHOD_GET_CHATS, &input->chats);
  plan_budget (client, MC_API_METHOD_GET_CHAT_HISTORY, &input->history);
  input->poll_pages = cab->poll_pages;
  input->dispute_cost = cab->dispute_cost;
  input->sweep_pages = cab->sweep_pages;
  input->n_recheck = cab->recheck_ids->len;
  input->changed_per_poll = cab->changed_per_poll;

  if (count_chats)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(McChat) chat = g_list_model_get_item (G_LIST_MODEL (self->store), i);

          if (mc_chat_get_business_id (chat) == cab_business_id (cab))
            input->known_chats++;
        }
    }
}

static void
governor_cab (Cab *cab)
{
  McSyncPlanInput input;
  McSyncPlan plan;

  mc_sync_cab_plan_input (cab, cab->sweep_pages == 0, &input);
  mc_sync_plan_cabinet (&input, &plan);

  cab->interval = plan.interval;
  cab->local_interval = plan.local_interval;
  cab->recheck_every = plan.recheck_every;
  cab->sweep_interval = plan.sweep_interval;
}

void
mc_sync_governor_update (McSyncEngine *self)
{
  double interval = self->poll_interval;
  double sweep_interval = MIN_SWEEP_INTERVAL;
  guint effective, sweep;

  for (guint i = 0; i < self->cabs->len; i++)
    {
      Cab *cab = g_ptr_array_index (self->cabs, i);

      governor_cab (cab);
      interval = MAX (interval, cab->interval);
      sweep_interval = MAX (sweep_interval, cab->sweep_interval);
    }

  effective = mc_sync_plan_interval_seconds (interval);
  sweep = mc_sync_plan_interval_seconds (sweep_interval);

  if (self->sweep_interval != sweep)
    {
      self->sweep_interval = sweep;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SWEEP_INTERVAL]);
    }

  if (self->effective_interval != effective)
    {
      g_debug ("Polling every %u s", effective);
      self->effective_interval = effective;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EFFECTIVE_INTERVAL]);
      if (self->timer_id != 0)
        schedule_tick (self);
    }
}

/* Ticks */

static void
tick_cab (Cab      *cab,
          gboolean  at_start)
{
  gint64 now = g_get_monotonic_time ();

  if (at_start || cab->last_sweep == 0 ||
      now - cab->last_sweep >= (gint64) (cab->sweep_interval * G_USEC_PER_SEC))
    mc_sync_sweep_cabinet (cab);

  mc_sync_poll_cabinet (cab);
}

static gboolean
on_tick (gpointer user_data)
{
  McSyncEngine *self = user_data;

  for (guint i = 0; i < self->cabs->len; i++)
    tick_cab (g_ptr_array_index (self->cabs, i), FALSE);

  return G_SOURCE_CONTINUE;
}

static void
schedule_tick (McSyncEngine *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);

  if (!self->running)
    return;

  self->timer_id = g_timeout_add_full (G_PRIORITY_DEFAULT, self->effective_interval * 1000,
                                       on_tick, self, NULL);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->timer_id),
                            "[mc-sync] tick");
}

static void
start_cab (Cab *cab)
{
  mc_sync_reconcile_outbox (cab, TRUE);
  tick_cab (cab, TRUE);
}

/* Network and pauses */

static void
set_online (McSyncEngine *self,
            gboolean      online)
{
  online = !!online;
  if (self->online == online)
    return;

  self->online = online;
  g_debug ("Network %s", online ? "available" : "gone");
  for (guint i = 0; i < self->cabs->len; i++)
    mc_outbox_set_online (((Cab *) g_ptr_array_index (self->cabs, i))->outbox, online);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);

  if (online && self->running)
    {
      /* Catch up at once, and settle sends whose answer the outage ate. */
      for (guint i = 0; i < self->cabs->len; i++)
        mc_sync_reconcile_outbox (g_ptr_array_index (self->cabs, i), FALSE);
      mc_sync_engine_refresh (self);
    }
}

static void
on_network_changed (GNetworkMonitor *monitor,
                    gboolean         available,
                    McSyncEngine    *self)
{
  /* Under Flatpak the portal's first answer may come late and be wrong
   * until then: believe the monitor only once it has spoken. */
  self->trust_monitor = TRUE;
  set_online (self, g_network_monitor_get_network_available (monitor));
}

static void
update_paused_until (McSyncEngine *self)
{
  gint64 until = 0;

  for (guint i = 0; i < self->cabs->len; i++)
    {
      Cab *cab = g_ptr_array_index (self->cabs, i);

      for (guint m = 0; m < MC_API_N_METHODS; m++)
        until = MAX (until, mc_api_client_get_paused_until (cab_client (cab), m));
    }

  if (until <= g_get_real_time ())
    until = 0;

  if (self->paused_until != until)
    {
      self->paused_until = until;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED_UNTIL]);
    }
}

static void
on_paused_changed (McApiClient *client,
                   Cab         *cab)
{
  McSyncEngine *self = cab->engine;

  if (self == NULL)
    return;

  update_paused_until (self);
  mc_sync_history_pump (cab);

  /* A pause that ended leaves a gap to catch up on. */
  if (cab->chats_paused && !mc_sync_method_paused (cab, MC_API_METHOD_GET_CHATS))
    {
      cab->chats_paused = FALSE;
      if (self->running)
        mc_sync_poll_cabinet (cab);
    }
  else if (mc_sync_method_paused (cab, MC_API_METHOD_GET_CHATS))
    cab->chats_paused = TRUE;
}

/* Cabinets, starting and stopping */

void
mc_sync_engine_add_cabinet (McSyncEngine *self,
                            McCabinet    *cabinet)
{
  McCache *cache;
  Cab *cab;

  g_return_if_fail (MC_IS_SYNC_ENGINE (self));
  g_return_if_fail (MC_IS_CABINET (cabinet));

  for (guint i = 0; i < self->cabs->len; i++)
    if (((Cab *) g_ptr_array_index (self->cabs, i))->cabinet == cabinet)
      return;

  cab = g_atomic_rc_box_new0 (Cab);
  cab->engine = self;
  cab->cabinet = g_object_ref (cabinet);
  cab->cancellable = g_cancellable_new ();
  cab->recheck_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  cab->recheck_every = RECHECK_EVERY;
  cab->history = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, mc_sync_history_job_free);
  g_queue_init (&cab->history_queue);

  /* A cabinet whose cache never finished a sweep is new to the seller:
   * what it already holds is not news. */
  cache = mc_cabinet_get_cache (cabinet);
  cab->initial = cache == NULL || mc_cache_get_sync_state_int (cache, "last-sweep", 0) == 0;

  cab->paused_id = g_signal_connect (mc_cabinet_get_client (cabinet), "paused-changed",
                                     G_CALLBACK (on_paused_changed), cab);
  mc_sync_cab_open_outbox (cab);
  g_ptr_array_add (self->cabs, cab);

  mc_sync_governor_update (self);
  update_paused_until (self);

  if (self->running)
    start_cab (cab);
}

static void
cab_detach (Cab *cab)
{
  g_cancellable_cancel (cab->cancellable);
  g_clear_signal_handler (&cab->paused_id, mc_cabinet_get_client (cab->cabinet));

  mc_sync_sweep_cut_wait (cab);

  mc_sync_history_abort (cab);
  mc_sync_cab_close_outbox (cab);

  cab->engine = NULL;
}

void
mc_sync_engine_remove_cabinet (McSyncEngine *self,
                               McCabinet    *cabinet)
{
  g_return_if_fail (MC_IS_SYNC_ENGINE (self));
  g_return_if_fail (MC_IS_CABINET (cabinet));

  for (guint i = 0; i < self->cabs->len; i++)
    {
      Cab *cab = g_ptr_array_index (self->cabs, i);

      if (cab->cabinet != cabinet)
        continue;

      cab_detach (cab);
      g_ptr_array_remove_index (self->cabs, i);
      break;
    }

  mc_sync_governor_update (self);
  update_paused_until (self);
}

void
mc_sync_engine_start (McSyncEngine *self)
{
  g_return_if_fail (MC_IS_SYNC_ENGINE (self));

  if (self->running)
    return;

  self->running = TRUE;
  for (guint i = 0; i < self->cabs->len; i++)
    start_cab (g_ptr_array_index (self->cabs, i));

  schedule_tick (self);
}

void
mc_sync_engine_stop (McSyncEngine *self)
{
  g_return_if_fail (MC_IS_SYNC_ENGINE (self));

  self->running = FALSE;
  g_clear_handle_id (&self->timer_id, g_source_remove);
}

void
mc_sync_engine_refresh (McSyncEngine *self)
{
  g_return_if_fail (MC_IS_SYNC_ENGINE (self));

  if (!self->running)
    return;

  /* Asked for (or back online): a poll in back-off tries again now. */
  for (guint i = 0; i < self->cabs->len; i++)
    ((Cab *) g_ptr_array_index (self->cabs, i))->poll_retry_at = 0;

  for (guint i = 0; i < self->cabs->len; i++)
    tick_cab (g_ptr_array_index (self->cabs, i), FALSE);

  /* The next tick is a full interval away again. */
  schedule_tick (self);
}

McCabinet *
mc_sync_engine_get_cabinet_for_chat (McSyncEngine *self,
                                     gint64        chat_id)
{
  Cab *cab;

  g_return_val_if_fail (MC_IS_SYNC_ENGINE (self), NULL);

  cab = mc_sync_find_cab_for_chat (self, chat_id);

  return cab != NULL ? cab->cabinet : NULL;
}

/* GObject */

McSyncEngine *
mc_sync_engine_new (McChatStore *store)
{
  g_return_val_if_fail (MC_IS_CHAT_STORE (store), NULL);

  return g_object_new (MC_TYPE_SYNC_ENGINE, "store", store, NULL);
}

guint
mc_sync_engine_get_poll_interval (McSyncEngine *self)
{
  g_return_val_if_fail (MC_IS_SYNC_ENGINE (self), 0);

  return self->poll_interval;
}

void
mc_sync_engine_set_poll_interval (McSyncEngine *self,
                                  guint         seconds)
{
  g_return_if_fail (MC_IS_SYNC_ENGINE (self));

  seconds = CLAMP (seconds, self->test_mode ? 1 : MIN_POLL_INTERVAL, MAX_POLL_INTERVAL);
  if (self->poll_interval == seconds)
    return;

  self->poll_interval = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLL_INTERVAL]);
  mc_sync_governor_update (self);
}

guint
mc_sync_engine_get_budget_percent (McSyncEngine *self)
{
  g_return_val_if_fail (MC_IS_SYNC_ENGINE (self), 0);

  return self->budget_percent;
}

void
mc_sync_engine_set_budget_percent (McSyncEngine *self,
                                   guint         percent)
{
  g_return_if_fail (MC_IS_SYNC_ENGINE (self));

  percent = CLAMP (percent, 1, 50);
  if (self->budget_percent == percent)
    return;

  self->budget_percent = percent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUDGET_PERCENT]);
  mc_sync_governor_update (self);
}

guint
mc_sync_engine_get_effective_interval (McSyncEngine *self)
{
  g_return_val_if_fail (MC_IS_SYNC_ENGINE (self), 0);

  return self->effective_interval;
}

guint
mc_sync_engine_get_sweep_interval (McSyncEngine *self)
{
  g_return_val_if_fail (MC_IS_SYNC_ENGINE (self), 0);

  return self->sweep_interval;
}

gboolean
mc_sync_engine_get_online (McSyncEngine *self)
{
  g_return_val_if_fail (MC_IS_SYNC_ENGINE (self), FALSE);

  return self->online;
}

gboolean
mc_sync_engine_get_syncing (McSyncEngine *self)
{
  g_return_val_if_fail (MC_IS_SYNC_ENGINE (self), FALSE);

  return self->busy > 0;
}

gint64
mc_sync_engine_get_paused_until (McSyncEngine *self)
{
  g_return_val_if_fail (MC_IS_SYNC_ENGINE (self), 0);

  return self->paused_until;
}

static void
mc_sync_engine_constructed (GObject *object)
{
  McSyncEngine *self = MC_SYNC_ENGINE (object);

  G_OBJECT_CLASS (mc_sync_engine_parent_class)->constructed (object);

  if (self->monitor == NULL)
    {
      self->monitor = g_object_ref (g_network_monitor_get_default ());
      self->trust_monitor = !g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
    }
  else
    self->trust_monitor = TRUE;

  self->online = self->trust_monitor ? g_network_monitor_get_network_available (self->monitor) : TRUE;
  self->network_changed_id = g_signal_connect (self->monitor, "network-changed",
                                               G_CALLBACK (on_network_changed), self);
  mc_sync_governor_update (self);
}

static void
mc_sync_engine_dispose (GObject *object)
{
  McSyncEngine *self = MC_SYNC_ENGINE (object);

  mc_sync_engine_stop (self);
  g_clear_signal_handler (&self->network_changed_id, self->monitor);

  while (self->cabs->len > 0)
    {
      cab_detach (g_ptr_array_index (self->cabs, self->cabs->len - 1));
      g_ptr_array_remove_index (self->cabs, self->cabs->len - 1);
    }

  g_clear_object (&self->monitor);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mc_sync_engine_parent_class)->dispose (object);
}

static void
mc_sync_engine_finalize (GObject *object)
{
  McSyncEngine *self = MC_SYNC_ENGINE (object);

  g_ptr_array_unref (self->cabs);
  g_hash_table_unref (self->announced_chats);
  g_hash_table_unref (self->announced_messages);

  G_OBJECT_CLASS (mc_sync_engine_parent_class)->finalize (object);
}

static void
mc_sync_engine_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  McSyncEngine *self = MC_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_NETWORK_MONITOR:
      g_value_set_object (value, self->monitor);
      break;

    case PROP_TEST_MODE:
      g_value_set_boolean (value, self->test_mode);
      break;

    case PROP_BUDGET_SCALE:
      g_value_set_double (value, self->budget_scale);
      break;

    case PROP_POLL_INTERVAL:
      g_value_set_uint (value, self->poll_interval);
      break;

    case PROP_BUDGET_PERCENT:
      g_value_set_uint (value, self->budget_percent);
      break;

    case PROP_EFFECTIVE_INTERVAL:
      g_value_set_uint (value, self->effective_interval);
      break;

    case PROP_SWEEP_INTERVAL:
      g_value_set_uint (value, self->sweep_interval);
      break;

    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;

    case PROP_SYNCING:
      g_value_set_boolean (value, self->busy > 0);
      break;

    case PROP_PAUSED_UNTIL:
      g_value_set_int64 (value, self->paused_until);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_sync_engine_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  McSyncEngine *self = MC_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_NETWORK_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;

    case PROP_TEST_MODE:
      self->test_mode = g_value_get_boolean (value);
      break;

    case PROP_BUDGET_SCALE:
      self->budget_scale = g_value_get_double (value);
      break;

    case PROP_POLL_INTERVAL:
      mc_sync_engine_set_poll_interval (self, g_value_get_uint (value));
      break;

    case PROP_BUDGET_PERCENT:
      mc_sync_engine_set_budget_percent (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_sync_engine_class_init (McSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mc_sync_engine_constructed;
  object_class->dispose = mc_sync_engine_dispose;
  object_class->finalize = mc_sync_engine_finalize;
  object_class->get_property = mc_sync_engine_get_property;
  object_class->set_property = mc_sync_engine_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MC_TYPE_CHAT_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NETWORK_MONITOR] =
    g_param_spec_object ("network-monitor", NULL, NULL, G_TYPE_NETWORK_MONITOR,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* Lets tests poll every second; the settings keep sellers at 10 s or more. */
  properties[PROP_TEST_MODE] =
    g_param_spec_boolean ("test-mode", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                           G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* Multiplies the hourly budgets the governor plans with, the documented
   * ones and the Limit the Market states, as if the hour were that many
   * times shorter (Remaining is counted to -Until whatever its length):
   * for tests and benchmarks. */
  properties[PROP_BUDGET_SCALE] =
    g_param_spec_double ("budget-scale", NULL, NULL, 0.01, 1000.0, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_POLL_INTERVAL] =
    g_param_spec_uint ("poll-interval", NULL, NULL, 1, MAX_POLL_INTERVAL, DEFAULT_POLL_INTERVAL,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUDGET_PERCENT] =
    g_param_spec_uint ("budget-percent", NULL, NULL, 1, 50, DEFAULT_BUDGET_PERCENT,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_EFFECTIVE_INTERVAL] =
    g_param_spec_uint ("effective-interval", NULL, NULL, 0, G_MAXUINT, DEFAULT_POLL_INTERVAL,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SWEEP_INTERVAL] =
    g_param_spec_uint ("sweep-interval", NULL, NULL, 0, G_MAXUINT, (guint) MIN_SWEEP_INTERVAL,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SYNCING] =
    g_param_spec_boolean ("syncing", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PAUSED_UNTIL] =
    g_param_spec_int64 ("paused-until", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[NEW_CHAT] =
    g_signal_new ("new-chat",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MC_TYPE_CHAT);
  signals[NEW_MESSAGE] =
    g_signal_new ("new-message",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, MC_TYPE_CHAT, MC_TYPE_MESSAGE);
  signals[OUTBOX_FAILED] =
    g_signal_new ("outbox-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, MC_TYPE_CHAT, G_TYPE_STRING);
  signals[ERROR] =
    g_signal_new ("error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, MC_TYPE_CABINET, G_TYPE_ERROR);
}

static void
mc_sync_engine_init (McSyncEngine *self)
{
  self->cabs = g_ptr_array_new_with_free_func ((GDestroyNotify) cab_unref);
  self->announced_chats = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->announced_messages = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->poll_interval = DEFAULT_POLL_INTERVAL;
  self->budget_percent = DEFAULT_BUDGET_PERCENT;
  self->budget_scale = 1.0;
  self->effective_interval = DEFAULT_POLL_INTERVAL;
  self->sweep_interval = (guint) MIN_SWEEP_INTERVAL;
  self->online = TRUE;
}
