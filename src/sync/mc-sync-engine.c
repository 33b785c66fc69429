/* mc-sync-engine.c: the polling plan, the budget governor and the outbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

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

static void resume_entry     (Cab *cab, const McOutboxEntry *entry);
static void release_bubbles  (McSyncEngine *self);
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
      g_error_matches (error, MC_API_ERROR, MC_API_ERROR_CANCELLED) ||
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

/* Confirming sends.  A send that went out (or may have) waits here until a
 * PARTNER message with its text shows up in history. */

typedef struct
{
  guint64         serial;
  gint64          business_id;
  gint64          chat_id;
  gint64          outbox_id;  /* removed from @cache once confirmed; 0 = none */
  McCache        *cache;
  char           *text;       /* or the file's name */
  gboolean        is_file;
  gint64          not_before; /* created_at minus the clock skew */
  McMessageStore *messages;
  McMessage      *pending;    /* nullable: an outbox entry from an earlier run */
} Unconfirmed;

static void
unconfirmed_free (gpointer data)
{
  Unconfirmed *u = data;

  g_free (u->text);
  g_clear_object (&u->cache);
  g_clear_object (&u->messages);
  g_clear_object (&u->pending);
  g_free (u);
}

/* What the Market keeps of a text: it trims it and turns CR LF and CR
 * into LF, so a send is recognised by that, not byte for byte. */
static char *
normalize_text (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *start, *end;

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          g_string_append_c (out, '\n');
          if (p[1] == '\n')
            p++;
        }
      else
        g_string_append_c (out, *p);
    }

  start = out->str;
  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = out->str + out->len;
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);

      if (prev == NULL || !g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  return g_strndup (start, end - start);
}

gboolean
mc_sync_engine_texts_match (const char *a,
                            const char *b)
{
  g_autofree char *na = NULL;
  g_autofree char *nb = NULL;

  if (a == NULL || b == NULL)
    return a == b;

  na = normalize_text (a);
  nb = normalize_text (b);

  return strcmp (na, nb) == 0;
}

static gboolean
message_matches (McMessage   *message,
                 Unconfirmed *u)
{
  if (mc_message_get_sender (message) != MC_SENDER_PARTNER ||
      mc_message_get_created_at (message) < u->not_before)
    return FALSE;

  if (!u->is_file)
    return mc_sync_engine_texts_match (mc_message_get_text (message), u->text);

  {
    GListModel *attachments = mc_message_get_attachments (message);
    guint n = g_list_model_get_n_items (attachments);

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(McAttachment) attachment = g_list_model_get_item (attachments, i);

        if (g_strcmp0 (mc_attachment_get_name (attachment), u->text) == 0)
          return TRUE;
      }
  }

  return FALSE;
}

/* Newest first, so the send matches its own message and not an older one
 * with the same words. */
static McMessage *
find_confirmation (McSyncEngine *self,
                   Unconfirmed  *u)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (u->messages));

  for (guint i = n; i > 0; i--)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (G_LIST_MODEL (u->messages), i - 1);
      gint64 id = mc_message_get_message_id (message);

      if (id == 0)
        continue;
      if (mc_message_get_created_at (message) < u->not_before)
        break;
      if (!g_hash_table_contains (self->claimed_ids, &id) && message_matches (message, u))
        return g_steal_pointer (&message);
    }

  return NULL;
}

void
mc_sync_confirm_sends (McSyncEngine *self,
                       gint64        chat_id)
{
  for (guint i = 0; i < self->unconfirmed->len;)
    {
      Unconfirmed *u = g_ptr_array_index (self->unconfirmed, i);
      g_autoptr(McMessage) confirmed = NULL;
      gint64 id;

      if (u->chat_id != chat_id || (confirmed = find_confirmation (self, u)) == NULL)
        {
          i++;
          continue;
        }

      id = mc_message_get_message_id (confirmed);
      g_hash_table_add (self->claimed_ids, g_memdup2 (&id, sizeof id));
      if (u->pending != NULL)
        mc_message_store_confirm_pending (u->messages, u->pending, confirmed);
      if (u->outbox_id != 0 && u->cache != NULL)
        mc_cache_outbox_remove (u->cache, u->outbox_id);
      g_ptr_array_remove_index (self->unconfirmed, i);
    }

  release_bubbles (self);
}

static Unconfirmed *
unconfirmed_add (McSyncEngine *self,
                 Cab          *cab,
                 gint64        chat_id,
                 const char   *text,
                 gboolean      is_file,
                 gint64        created_at,
                 McMessage    *pending)
{
  Unconfirmed *u = g_new0 (Unconfirmed, 1);
  McCache *cache = mc_cabinet_get_cache (cab->cabinet);

  u->serial = ++self->next_serial;
  u->business_id = cab_business_id (cab);
  u->chat_id = chat_id;
  u->cache = cache ? g_object_ref (cache) : NULL;
  u->text = g_strdup (text);
  u->is_file = is_file;
  u->not_before = created_at - CLOCK_SKEW_USEC;
  u->messages = mc_chat_store_get_messages (self->store, chat_id);
  u->pending = pending ? g_object_ref (pending) : NULL;
  g_ptr_array_add (self->unconfirmed, u);

  return u;
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

/* The outbox */

static void
emit_outbox_failed (McSyncEngine *self,
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

static Unconfirmed *
find_unconfirmed (McSyncEngine *self,
                  guint64       serial)
{
  for (guint i = 0; i < self->unconfirmed->len; i++)
    {
      Unconfirmed *u = g_ptr_array_index (self->unconfirmed, i);

      if (u->serial == serial)
        return u;
    }

  return NULL;
}

static Unconfirmed *
find_unconfirmed_outbox (McSyncEngine *self,
                         gint64        outbox_id)
{
  for (guint i = 0; i < self->unconfirmed->len; i++)
    {
      Unconfirmed *u = g_ptr_array_index (self->unconfirmed, i);

      if (u->outbox_id == outbox_id)
        return u;
    }

  return NULL;
}

/* A pending bubble knows its outbox entry, and a file's bubble its file,
 * so an earlier run's entries are shown once and a failed file can be
 * sent again. */
static gint64
bubble_get_outbox_id (McMessage *message)
{
  gint64 *id = g_object_get_data (G_OBJECT (message), "mc-outbox-id");

  return id != NULL ? *id : 0;
}

static void
bubble_set_outbox_id (McMessage *message,
                      gint64     outbox_id)
{
  g_object_set_data_full (G_OBJECT (message), "mc-outbox-id",
                          g_memdup2 (&outbox_id, sizeof outbox_id), g_free);
}

static void
bubble_set_file (McMessage  *message,
                 const char *path)
{
  g_object_set_data_full (G_OBJECT (message), "mc-file-path", g_strdup (path), g_free);
}

static void
keep_bubbles (McSyncEngine   *self,
              McMessageStore *messages)
{
  gint64 chat_id = mc_message_store_get_chat_id (messages);

  if (!g_hash_table_contains (self->bubble_stores, &chat_id))
    g_hash_table_insert (self->bubble_stores, g_memdup2 (&chat_id, sizeof chat_id),
                         g_object_ref (messages));
}

static gboolean
has_no_bubbles (gpointer key,
                gpointer value,
                gpointer user_data)
{
  GListModel *model = value;
  guint n = g_list_model_get_n_items (model);
  g_autoptr(McMessage) last = n > 0 ? g_list_model_get_item (model, n - 1) : NULL;

  return last == NULL || mc_message_get_message_id (last) != 0;
}

static void
release_bubbles (McSyncEngine *self)
{
  g_hash_table_foreach_remove (self->bubble_stores, has_no_bubbles, NULL);
}

static const char *
bubble_get_file_name (McMessage *message)
{
  GListModel *attachments = mc_message_get_attachments (message);
  g_autoptr(McAttachment) attachment = NULL;

  if (attachments == NULL || g_list_model_get_n_items (attachments) == 0)
    return NULL;

  attachment = g_list_model_get_item (attachments, 0);
  /* The model holds it: the name outlives this reference. */
  return mc_attachment_get_name (attachment);
}

/* The bubble of @entry, made when an earlier run left the entry behind. */
static McMessage *
outbox_bubble (McSyncEngine        *self,
               const McOutboxEntry *entry)
{
  g_autoptr(McMessageStore) messages = mc_chat_store_get_messages (self->store, entry->chat_id);
  GListModel *model = G_LIST_MODEL (messages);
  McMessage *bubble;

  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (model, i - 1);

      if (mc_message_get_message_id (message) != 0)
        break;
      if (bubble_get_outbox_id (message) == entry->id)
        return g_steal_pointer (&message);
    }

  bubble = mc_message_new (0, entry->chat_id);
  mc_message_set_sender (bubble, MC_SENDER_PARTNER);
  mc_message_set_created_at (bubble, entry->created_at);
  mc_message_set_text (bubble, entry->text);
  if (entry->file_path != NULL)
    {
      g_autofree char *name = g_path_get_basename (entry->file_path);
      g_autoptr(McAttachment) attachment = mc_attachment_new (name, NULL, 0);

      mc_message_add_attachment (bubble, attachment);
      bubble_set_file (bubble, entry->file_path);
    }
  bubble_set_outbox_id (bubble, entry->id);
  mc_message_store_add_pending (messages, bubble);
  keep_bubbles (self, messages);

  return bubble;
}

typedef struct
{
  Cab           *cab;
  McOutboxEntry *entry;
  guint64        serial;
} Reconcile;

static void
reconcile_free (Reconcile *rec)
{
  cab_unref (rec->cab);
  mc_outbox_entry_free (rec->entry);
  g_free (rec);
}

/* History came for a send of an earlier run (or one the network ate): if
 * it did not confirm the entry, the entry never reached the Market. */
static void
on_reconcile_history (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  McSyncEngine *self = MC_SYNC_ENGINE (object);
  Reconcile *rec = user_data;
  Cab *cab = rec->cab;
  g_autoptr(GError) error = NULL;
  Unconfirmed *u;
  McCache *cache;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_debug ("Outbox entry %" G_GINT64_FORMAT " stays unsettled: %s", rec->entry->id, error->message);
      if (cab_alive (cab))
        cab->unsettled = TRUE;
      reconcile_free (rec);
      return;
    }

  u = find_unconfirmed (self, rec->serial);
  cache = mc_cabinet_get_cache (cab->cabinet);
  if (u != NULL && cache != NULL)
    {
      g_debug ("Outbox entry %" G_GINT64_FORMAT " was not sent", rec->entry->id);
      if (u->pending != NULL)
        {
          mc_message_set_state (u->pending, MC_MESSAGE_STATE_FAILED);
          mc_message_set_error (u->pending, _("The message did not reach the Market"));
        }
      g_ptr_array_remove (self->unconfirmed, u);
      mc_cache_outbox_set_state (cache, rec->entry->id, MC_OUTBOX_STATE_FAILED);
      emit_outbox_failed (self, cab, rec->entry->chat_id,
                          rec->entry->text != NULL ? rec->entry->text : rec->entry->file_path);
    }

  reconcile_free (rec);
}

static void
reconcile_entry (Cab                 *cab,
                 const McOutboxEntry *entry)
{
  McSyncEngine *self = cab->engine;
  g_autofree char *name = NULL;
  g_autoptr(GTask) task = NULL;
  Reconcile *rec;
  Unconfirmed *u;

  u = find_unconfirmed_outbox (self, entry->id);
  if (u == NULL)
    {
      g_autoptr(McMessage) bubble = outbox_bubble (self, entry);

      if (entry->file_path != NULL)
        name = g_path_get_basename (entry->file_path);
      u = unconfirmed_add (self, cab, entry->chat_id,
                           entry->text != NULL ? entry->text : name,
                           entry->file_path != NULL, entry->created_at, bubble);
      u->outbox_id = entry->id;
    }

  rec = g_new0 (Reconcile, 1);
  rec->cab = cab_ref (cab);
  rec->entry = mc_outbox_entry_copy (entry);
  rec->serial = u->serial;

  task = g_task_new (self, NULL, on_reconcile_history, rec);
  g_task_set_source_tag (task, reconcile_entry);
  mc_sync_history_request (cab, entry->chat_id, 0, task, TRUE);
}

void
mc_sync_reconcile_outbox (Cab      *cab,
                          gboolean  at_start)
{
  McSyncEngine *self = cab->engine;
  McCache *cache = mc_cabinet_get_cache (cab->cabinet);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  if (cache == NULL || !cab_alive (cab))
    return;

  entries = mc_cache_list_outbox (cache, &error);
  if (entries == NULL)
    {
      mc_sync_report_error (cab, error);
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      McOutboxEntry *entry = g_ptr_array_index (entries, i);
      const char *what = entry->text != NULL ? entry->text : entry->file_path;

      switch (entry->state)
        {
        case MC_OUTBOX_STATE_QUEUED:
          /* Never handed to the network: it goes out now, as the seller
           * asked before the app stopped or while it was offline.  (Other
           * QUEUED entries are sends about to be handed over.) */
          if ((at_start || g_hash_table_remove (self->held, &entry->id)) &&
              !g_hash_table_contains (self->sending, &entry->id))
            resume_entry (cab, entry);
          break;

        case MC_OUTBOX_STATE_FAILED:
          if (at_start)
            {
              g_autoptr(McMessage) bubble = outbox_bubble (self, entry);

              /* A bubble with Retry and Edit, never text put back into
               * the composer, where it could be sent twice. */
              mc_message_set_state (bubble, MC_MESSAGE_STATE_FAILED);
              if (mc_message_get_error (bubble) == NULL)
                mc_message_set_error (bubble, _("The message did not reach the Market"));
              emit_outbox_failed (self, cab, entry->chat_id, what);
            }
          break;

        case MC_OUTBOX_STATE_SENDING:
          if (!g_hash_table_contains (self->sending, &entry->id))
            reconcile_entry (cab, entry);
          break;

        default:
          break;
        }
    }
}

/* Sending */

typedef struct
{
  Cab            *cab;
  gint64          chat_id;
  char           *text;
  GFile          *file;
  char           *file_name;
  goffset         file_size;
  McMessageStore *messages;
  McMessage      *pending;
  gint64          outbox_id;
  guint64         serial;
  GError         *send_error;
} SendOp;

static void
send_op_free (gpointer data)
{
  SendOp *op = data;

  g_clear_pointer (&op->cab, cab_unref);
  g_free (op->text);
  g_clear_object (&op->file);
  g_free (op->file_name);
  g_clear_object (&op->messages);
  g_clear_object (&op->pending);
  g_clear_error (&op->send_error);
  g_free (op);
}

static McCache *
send_cache (SendOp *op)
{
  return mc_cabinet_get_cache (op->cab->cabinet);
}

static void
send_forget_outbox (McSyncEngine *self,
                    SendOp       *op)
{
  g_hash_table_remove (self->sending, &op->outbox_id);
}

/* Refused by the Market (or before it): the pending message says why. */
static void
send_fail (GTask  *task,
           GError *error)
{
  McSyncEngine *self = g_task_get_source_object (task);
  SendOp *op = g_task_get_task_data (task);
  g_autofree char *description = mc_api_error_describe (error);

  mc_message_set_state (op->pending, MC_MESSAGE_STATE_FAILED);
  mc_message_set_error (op->pending, description);

  if (op->outbox_id != 0 && send_cache (op) != NULL)
    mc_cache_outbox_set_state (send_cache (op), op->outbox_id, MC_OUTBOX_STATE_FAILED);
  send_forget_outbox (self, op);

  g_task_return_error (task, error);
}

static void
on_confirm_history (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* The message went out; a history that failed only delays the
   * confirmation until the next fetch of this chat. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_debug ("Could not confirm a sent message yet: %s", error->message);

  g_task_return_boolean (task, TRUE);
}

static void
on_timeout_history (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McSyncEngine *self = g_task_get_source_object (task);
  SendOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  Unconfirmed *u;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Its fate is unknown: the entry stays SENDING, and the bubble
       * pending, until the Market answers again and its history settles
       * it; nothing is retried meanwhile. */
      if (op->outbox_id == 0 || !cab_alive (op->cab))
        {
          u = find_unconfirmed (self, op->serial);
          if (u != NULL)
            g_ptr_array_remove (self->unconfirmed, u);
          send_fail (task, g_steal_pointer (&op->send_error));
          return;
        }

      op->cab->unsettled = TRUE;
      mc_message_set_error (op->pending,
                            _("The Market cannot be reached: whether the message arrived is "
                              "checked as soon as it answers again"));
      send_forget_outbox (self, op);
      g_task_return_error (task, g_steal_pointer (&op->send_error));
      return;
    }

  u = find_unconfirmed (self, op->serial);
  if (u == NULL)
    {
      g_debug ("A send that timed out had reached the Market");
      send_forget_outbox (self, op);
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_ptr_array_remove (self->unconfirmed, u);
  send_fail (task, g_steal_pointer (&op->send_error));
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McSyncEngine *self = g_task_get_source_object (task);
  SendOp *op = g_task_get_task_data (task);
  g_autoptr(GTask) history = NULL;
  GError *error = NULL;
  gboolean ok;
  Unconfirmed *u;

  if (op->file != NULL)
    ok = mc_api_client_send_file_finish (MC_API_CLIENT (object), result, &error);
  else
    ok = mc_api_client_send_message_finish (MC_API_CLIENT (object), result, &error);

  /* Only a refusal before the request left is certain; after any other
   * error (a 5xx, a lost answer, even a refusal) history decides. */
  if (!ok && (g_error_matches (error, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT) ||
              g_error_matches (error, MC_API_ERROR, MC_API_ERROR_TOO_LARGE)))
    {
      send_fail (task, error);
      return;
    }

  if (!cab_alive (op->cab))
    {
      if (error != NULL)
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, TRUE);
      return;
    }

  u = unconfirmed_add (self, op->cab, op->chat_id, op->file != NULL ? op->file_name : op->text,
                       op->file != NULL, mc_message_get_created_at (op->pending), op->pending);
  op->serial = u->serial;

  if (ok)
    {
      if (op->outbox_id != 0 && send_cache (op) != NULL)
        mc_cache_outbox_remove (send_cache (op), op->outbox_id);
      send_forget_outbox (self, op);
      history = g_task_new (self, NULL, on_confirm_history, g_object_ref (task));
    }
  else
    {
      /* The request may have reached the Market: look before anything is
       * sent again. */
      u->outbox_id = op->outbox_id;
      op->send_error = error;
      history = g_task_new (self, NULL, on_timeout_history, g_object_ref (task));
    }

  g_task_set_source_tag (history, on_sent);
  mc_sync_history_request (op->cab, op->chat_id, 0, history, TRUE);
}

static void
send_go (GTask *task)
{
  SendOp *op = g_task_get_task_data (task);
  McApiClient *client = cab_client (op->cab);

  if (op->file != NULL)
    mc_api_client_send_file_async (client, cab_business_id (op->cab), op->chat_id, op->file,
                                   g_task_get_cancellable (task), on_sent, g_object_ref (task));
  else
    mc_api_client_send_message_async (client, cab_business_id (op->cab), op->chat_id, op->text,
                                      g_task_get_cancellable (task), on_sent, g_object_ref (task));
}

static void
on_outbox_added (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McSyncEngine *self = g_task_get_source_object (task);
  SendOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->outbox_id = mc_cache_outbox_add_finish (MC_CACHE (object), result, &error);
  if (op->outbox_id == 0)
    {
      send_fail (task, error);
      return;
    }

  bubble_set_outbox_id (op->pending, op->outbox_id);

  /* No network: nothing can go out, so nothing needs checking later.  It
   * waits QUEUED and is sent as soon as the network is back. */
  if (!self->online && cab_alive (op->cab))
    {
      g_hash_table_add (self->held, g_memdup2 (&op->outbox_id, sizeof op->outbox_id));
      op->cab->unsettled = TRUE;
      mc_message_set_error (op->pending, _("No network: the message is sent as soon as it is back"));
      g_task_return_new_error (task, MC_API_ERROR, MC_API_ERROR_NETWORK,
                               _("No network: the message is sent as soon as it is back"));
      return;
    }

  g_hash_table_add (self->sending, g_memdup2 (&op->outbox_id, sizeof op->outbox_id));
  mc_cache_outbox_set_state (MC_CACHE (object), op->outbox_id, MC_OUTBOX_STATE_SENDING);
  send_go (task);
}

/* Sends an entry an earlier run recorded but never handed to the network. */
static void
resume_entry (Cab                 *cab,
              const McOutboxEntry *entry)
{
  McSyncEngine *self = cab->engine;
  g_autoptr(GTask) task = g_task_new (self, NULL, NULL, NULL);
  SendOp *op = g_new0 (SendOp, 1);

  g_task_set_source_tag (task, resume_entry);
  op->cab = cab_ref (cab);
  op->chat_id = entry->chat_id;
  op->text = g_strdup (entry->text);
  if (entry->file_path != NULL)
    {
      op->file = g_file_new_for_path (entry->file_path);
      op->file_name = g_path_get_basename (entry->file_path);
    }
  op->messages = mc_chat_store_get_messages (self->store, entry->chat_id);
  op->pending = outbox_bubble (self, entry);
  mc_message_set_error (op->pending, NULL);
  op->outbox_id = entry->id;
  g_task_set_task_data (task, op, send_op_free);

  g_hash_table_add (self->sending, g_memdup2 (&op->outbox_id, sizeof op->outbox_id));
  mc_cache_outbox_set_state (mc_cabinet_get_cache (cab->cabinet), op->outbox_id,
                             MC_OUTBOX_STATE_SENDING);
  send_go (task);
}

/* Forgets the failed attempts at sending @what (a text, or a file's name)
 * to @chat_id: their bubbles in @messages and their outbox entries, so an
 * attempt the seller retried or took back to edit is not offered again. */
static void
forget_failed_attempts (McMessageStore *messages,
                        McCache        *cache,
                        gint64          chat_id,
                        const char     *what,
                        gboolean        is_file)
{
  GListModel *model = G_LIST_MODEL (messages);

  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (model, i - 1);

      if (mc_message_get_message_id (message) != 0)
        break;
      if (mc_message_get_state (message) != MC_MESSAGE_STATE_FAILED)
        continue;
      if (is_file ? g_strcmp0 (bubble_get_file_name (message), what) == 0
                  : g_strcmp0 (mc_message_get_text (message), what) == 0)
        mc_message_store_remove_pending (messages, message);
    }

  if (cache != NULL)
    {
      g_autoptr(GPtrArray) entries = mc_cache_list_outbox (cache, NULL);

      for (guint i = 0; entries != NULL && i < entries->len; i++)
        {
          McOutboxEntry *entry = g_ptr_array_index (entries, i);
          g_autofree char *name = NULL;

          if (entry->chat_id != chat_id || entry->state != MC_OUTBOX_STATE_FAILED)
            continue;
          if (entry->file_path != NULL)
            name = g_path_get_basename (entry->file_path);
          if (g_strcmp0 (entry->text != NULL ? entry->text : name, what) == 0)
            mc_cache_outbox_remove (cache, entry->id);
        }
    }
}

/* A retry replaces the failed attempt the composer showed. */
static void
drop_failed_attempts (McSyncEngine *self,
                      SendOp       *op)
{
  forget_failed_attempts (op->messages, send_cache (op), op->chat_id,
                          op->file != NULL ? op->file_name : op->text,
                          op->file != NULL);
}

static void
send_begin (GTask *task)
{
  McSyncEngine *self = g_task_get_source_object (task);
  SendOp *op = g_task_get_task_data (task);
  McCache *cache = send_cache (op);
  g_autofree char *path = NULL;

  op->messages = mc_chat_store_get_messages (self->store, op->chat_id);
  drop_failed_attempts (self, op);

  op->pending = mc_message_new (0, op->chat_id);
  mc_message_set_sender (op->pending, MC_SENDER_PARTNER);
  mc_message_set_created_at (op->pending, g_get_real_time ());
  mc_message_set_text (op->pending, op->text);
  if (op->file != NULL)
    {
      g_autoptr(McAttachment) attachment = mc_attachment_new (op->file_name, NULL, op->file_size);

      g_autofree char *file_path = g_file_get_path (op->file);

      mc_message_add_attachment (op->pending, attachment);
      bubble_set_file (op->pending, file_path);
    }
  mc_message_store_add_pending (op->messages, op->pending);
  keep_bubbles (self, op->messages);
  mc_chat_store_mark_answered (self->store, op->chat_id);

  if (cache == NULL)
    {
      send_go (task);
      return;
    }

  if (op->file != NULL)
    path = g_file_get_path (op->file);

  mc_cache_outbox_add_async (cache, op->chat_id, op->text, path, NULL,
                             on_outbox_added, g_object_ref (task));
}

/* Checks that hold before anything is recorded or sent. */
static gboolean
send_check (McSyncEngine  *self,
            gint64         chat_id,
            Cab          **out_cab,
            GError       **error)
{
  McChat *chat = mc_chat_store_lookup (self->store, chat_id);
  Cab *cab = mc_sync_find_cab_for_chat (self, chat_id);

  if (chat == NULL || cab == NULL)
    {
      g_set_error (error, MC_API_ERROR, MC_API_ERROR_NOT_FOUND,
                   _("This chat is not known to any of your cabinets"));
      return FALSE;
    }

  if (mc_chat_get_status (chat) == MC_CHAT_STATUS_FINISHED)
    {
      g_set_error (error, MC_API_ERROR, MC_API_ERROR_FORBIDDEN,
                   _("This chat is finished: the customer can no longer be answered in it"));
      return FALSE;
    }

  if (!mc_cabinet_get_can_send (cab->cabinet))
    {
      g_set_error (error, MC_API_ERROR, MC_API_ERROR_FORBIDDEN,
                   _("The key of cabinet “%s” may only read: answering needs a key with the “Communication with customers” access"),
                   mc_cabinet_get_label (cab->cabinet));
      return FALSE;
    }

  *out_cab = cab;

  return TRUE;
}

void
mc_sync_engine_send_message_async (McSyncEngine        *self,
                                   gint64               chat_id,
                                   const char          *text,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  SendOp *op;
  Cab *cab;

  g_return_if_fail (MC_IS_SYNC_ENGINE (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mc_sync_engine_send_message_async);
  g_task_set_check_cancellable (task, FALSE);

  if (!send_check (self, chat_id, &cab, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!g_utf8_validate (text, -1, NULL) || *text == '\0')
    {
      g_task_return_new_error (task, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
                               _("The message is empty"));
      return;
    }

  if (g_utf8_strlen (text, -1) > MC_API_MAX_MESSAGE_CHARS)
    {
      g_task_return_new_error (task, MC_API_ERROR, MC_API_ERROR_TOO_LARGE,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "The message is longer than %d character",
                                            "The message is longer than %d characters",
                                            MC_API_MAX_MESSAGE_CHARS),
                               MC_API_MAX_MESSAGE_CHARS);
      return;
    }

  op = g_new0 (SendOp, 1);
  op->cab = cab_ref (cab);
  op->chat_id = chat_id;
  op->text = g_strdup (text);
  g_task_set_task_data (task, op, send_op_free);

  send_begin (task);
}

gboolean
mc_sync_engine_send_message_finish (McSyncEngine  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_file_info (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendOp *op = g_task_get_task_data (task);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (info == NULL)
    {
      g_task_return_new_error (task, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
                               _("Could not read the file: %s"), error->message);
      return;
    }

  if (g_file_info_get_size (info) > MC_API_MAX_FILE_SIZE)
    {
      g_task_return_new_error (task, MC_API_ERROR, MC_API_ERROR_TOO_LARGE,
                               _("The file “%s” is larger than 5 MB"), op->file_name);
      return;
    }

  op->file_size = g_file_info_get_size (info);
  send_begin (task);
}

void
mc_sync_engine_send_file_async (McSyncEngine        *self,
                                gint64               chat_id,
                                GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  SendOp *op;
  Cab *cab;

  g_return_if_fail (MC_IS_SYNC_ENGINE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mc_sync_engine_send_file_async);
  g_task_set_check_cancellable (task, FALSE);

  if (!send_check (self, chat_id, &cab, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  op = g_new0 (SendOp, 1);
  op->cab = cab_ref (cab);
  op->chat_id = chat_id;
  op->file = g_object_ref (file);
  op->file_name = g_file_get_basename (file);
  g_task_set_task_data (task, op, send_op_free);

  g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, cancellable, on_file_info, g_object_ref (task));
}

gboolean
mc_sync_engine_send_file_finish (McSyncEngine  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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

      for (guint j = self->unconfirmed->len; j > 0; j--)
        if (((Unconfirmed *) g_ptr_array_index (self->unconfirmed, j - 1))->business_id == cab_business_id (cab))
          g_ptr_array_remove_index (self->unconfirmed, j - 1);

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

void
mc_sync_engine_discard_failed (McSyncEngine *self,
                               McMessage    *message)
{
  g_autoptr(McMessageStore) messages = NULL;
  gint64 chat_id;
  Cab *cab;

  g_return_if_fail (MC_IS_SYNC_ENGINE (self));
  g_return_if_fail (MC_IS_MESSAGE (message));
  g_return_if_fail (mc_message_get_state (message) == MC_MESSAGE_STATE_FAILED);

  chat_id = mc_message_get_chat_id (message);
  cab = mc_sync_find_cab_for_chat (self, chat_id);
  messages = mc_chat_store_get_messages (self->store, chat_id);
  if (bubble_get_file_name (message) != NULL)
    forget_failed_attempts (messages,
                            cab != NULL ? mc_cabinet_get_cache (cab->cabinet) : NULL,
                            chat_id, bubble_get_file_name (message), TRUE);
  else
    forget_failed_attempts (messages,
                            cab != NULL ? mc_cabinet_get_cache (cab->cabinet) : NULL,
                            chat_id, mc_message_get_text (message), FALSE);
  release_bubbles (self);
}

GFile *
mc_sync_engine_dup_pending_file (McSyncEngine *self,
                                 McMessage    *message)
{
  const char *path;

  g_return_val_if_fail (MC_IS_SYNC_ENGINE (self), NULL);
  g_return_val_if_fail (MC_IS_MESSAGE (message), NULL);

  path = g_object_get_data (G_OBJECT (message), "mc-file-path");

  return path != NULL && mc_message_get_message_id (message) == 0 ? g_file_new_for_path (path) : NULL;
}

gboolean
mc_sync_engine_has_pending_text (McSyncEngine *self,
                                 gint64        chat_id,
                                 const char   *text)
{
  g_autoptr(McMessageStore) messages = NULL;
  GListModel *model;

  g_return_val_if_fail (MC_IS_SYNC_ENGINE (self), FALSE);

  messages = mc_chat_store_get_messages (self->store, chat_id);
  model = G_LIST_MODEL (messages);
  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (model, i - 1);

      if (mc_message_get_message_id (message) != 0)
        break;
      if (mc_message_get_state (message) == MC_MESSAGE_STATE_PENDING &&
          mc_sync_engine_texts_match (mc_message_get_text (message), text))
        return TRUE;
    }

  return FALSE;
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

  g_ptr_array_set_size (self->unconfirmed, 0);
  g_clear_object (&self->monitor);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mc_sync_engine_parent_class)->dispose (object);
}

static void
mc_sync_engine_finalize (GObject *object)
{
  McSyncEngine *self = MC_SYNC_ENGINE (object);

  g_ptr_array_unref (self->cabs);
  g_ptr_array_unref (self->unconfirmed);
  g_hash_table_unref (self->announced_chats);
  g_hash_table_unref (self->announced_messages);
  g_hash_table_unref (self->claimed_ids);
  g_hash_table_unref (self->sending);
  g_hash_table_unref (self->bubble_stores);
  g_hash_table_unref (self->held);

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
  self->unconfirmed = g_ptr_array_new_with_free_func (unconfirmed_free);
  self->announced_chats = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->announced_messages = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->claimed_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->sending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->bubble_stores = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->held = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->poll_interval = DEFAULT_POLL_INTERVAL;
  self->budget_percent = DEFAULT_BUDGET_PERCENT;
  self->budget_scale = 1.0;
  self->effective_interval = DEFAULT_POLL_INTERVAL;
  self->sweep_interval = (guint) MIN_SWEEP_INTERVAL;
  self->online = TRUE;
}
