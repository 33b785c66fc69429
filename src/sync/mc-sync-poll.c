/* mc-sync-poll.c: the getChats walks of McSyncEngine: needs-reply polls,
 * dispute rounds and sweeps (partitions beside one unfiltered walk), with
 * their resume, back-off and caps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mc-sync-engine-private.h"

#define RECHECK_AGE_USEC        (G_USEC_PER_SEC * G_GINT64_CONSTANT (86400))
/* A cabinet smaller than this many pages is swept in one walk: splitting it
 * would cost more requests than it saves time. */
#define SPLIT_SWEEP_PAGES       12

static const McChatStatus sweep_statuses[] = {
  MC_CHAT_STATUS_NEW,
  MC_CHAT_STATUS_WAITING_FOR_PARTNER,
  MC_CHAT_STATUS_WAITING_FOR_CUSTOMER,
  MC_CHAT_STATUS_WAITING_FOR_ARBITER,
  MC_CHAT_STATUS_WAITING_FOR_MARKET,
  MC_CHAT_STATUS_FINISHED,
};

static const McContextType sweep_contexts[] = {
  MC_CONTEXT_TYPE_ORDER,
  MC_CONTEXT_TYPE_RETURN,
  MC_CONTEXT_TYPE_DIRECT,
};

/* Before a cabinet's first sweep nothing tells which walks are long.
 * Chats pile up FINISHED and most are about orders, so a typical share of
 * each status and context type orders the walks until real counts exist. */
static const double status_shares[] = { 0.10, 0.18, 0.22, 0.04, 0.05, 0.45 };
static const double context_shares[] = { 0.55, 0.15, 0.30 };
#define PRIOR_PAGES 1000
G_STATIC_ASSERT (G_N_ELEMENTS (status_shares) == G_N_ELEMENTS (sweep_statuses));
G_STATIC_ASSERT (G_N_ELEMENTS (context_shares) == G_N_ELEMENTS (sweep_contexts));

static const McChatStatus needs_reply_statuses[] = {
  MC_CHAT_STATUS_NEW,
  MC_CHAT_STATUS_WAITING_FOR_PARTNER,
};

static const McChatStatus dispute_statuses[] = {
  MC_CHAT_STATUS_WAITING_FOR_ARBITER,
  MC_CHAT_STATUS_WAITING_FOR_MARKET,
};

#define N_CELLS (G_N_ELEMENTS (sweep_statuses) * G_N_ELEMENTS (sweep_contexts))
G_STATIC_ASSERT (N_CELLS == MC_SYNC_SWEEP_WALKS);

static void sweep_pump (Sweep *sweep);

/* Chats from getChats */

static void
process_chats (Cab       *cab,
               GPtrArray *chats)
{
  McSyncEngine *self = cab->engine;
  g_autoptr(GArray) before = g_array_sized_new (FALSE, FALSE, sizeof (gint64), chats->len);

  /* What the store held before the merge: the merge updates in place. */
  for (guint i = 0; i < chats->len; i++)
    {
      McChat *known = mc_chat_store_lookup (self->store, mc_chat_get_chat_id (g_ptr_array_index (chats, i)));
      gint64 updated_at = known != NULL ? mc_chat_get_updated_at (known) : -1;

      g_array_append_val (before, updated_at);
    }

  mc_chat_store_merge (self->store, chats);

  for (guint i = 0; i < chats->len; i++)
    {
      gint64 chat_id = mc_chat_get_chat_id (g_ptr_array_index (chats, i));
      gint64 old_updated_at = g_array_index (before, gint64, i);
      McChat *chat = mc_chat_store_lookup (self->store, chat_id);

      if (chat == NULL)
        continue;

      if (old_updated_at < 0)
        {
          if (!cab->initial && !g_hash_table_contains (self->announced_chats, &chat_id))
            {
              g_hash_table_add (self->announced_chats, g_memdup2 (&chat_id, sizeof chat_id));
              mc_sync_emit_new_chat (self, chat);
            }

          /* The first sync fetches history only for chats that wait for
           * an answer; the rest come when the seller opens them. */
          if (!cab->initial || mc_chat_needs_reply (chat))
            mc_sync_history_request (cab, chat_id, 0, NULL, FALSE);
        }
      else if (mc_chat_get_updated_at (chat) != old_updated_at)
        {
          cab->changed_this_poll++;
          mc_sync_history_request (cab, chat_id, old_updated_at, NULL, FALSE);
        }
    }
}

/* A walk through the pages of one getChats filter. */

typedef struct
{
  Cab           *cab;
  Sweep         *sweep;       /* NULL for a poll */
  McChatStatus   statuses[G_N_ELEMENTS (sweep_statuses)];
  guint          n_statuses;
  McContextType  context;
  gboolean       has_context;
  McChatType     type;
  gboolean       has_type;
  McApiPager     pager;       /* chat ids this walk brought, its page tokens */
  guint          estimate;    /* pages the cabinet's chats suggest */
  gboolean       remainder;   /* unfiltered: whatever the status or type */
  gboolean       running;
  gboolean       done;
  guint          failures;
  gint64         retry_at;    /* monotonic; 0 = now */
  GPtrArray     *needs_reply; /* poll only: McChat */
} Walk;

struct _Sweep
{
  Cab       *cab;
  GPtrArray *walks;     /* Walk */
  guint      running;
  gboolean   failed;
  gint64     started;
  GSource   *wait;      /* until a walk may go on */
  gboolean   starved;   /* waits for budget the polls need */
};

static void
walk_free (gpointer data)
{
  Walk *walk = data;

  mc_api_pager_clear (&walk->pager);
  g_clear_pointer (&walk->needs_reply, g_ptr_array_unref);
  g_free (walk);
}

static Walk *
walk_new (Cab *cab)
{
  Walk *walk = g_new0 (Walk, 1);

  walk->cab = cab;
  mc_api_pager_init (&walk->pager, mc_sync_plan_walk_max_pages (cab->known_chats),
                     MC_API_PAGER_STOP_ON_REPEATS);

  return walk;
}

static guint
walk_pages (Walk *walk)
{
  return mc_api_pager_get_pages (&walk->pager);
}

static gint64
backoff_usec (McSyncEngine *self,
              guint         failures)
{
  return mc_sync_plan_backoff_usec (self->effective_interval, failures);
}

static void
walk_filter (Walk         *walk,
             McChatFilter *filter)
{
  memset (filter, 0, sizeof *filter);
  filter->statuses = walk->statuses;
  filter->n_statuses = walk->n_statuses;
  if (walk->has_type)
    {
      filter->types = &walk->type;
      filter->n_types = 1;
    }
  if (walk->has_context)
    {
      filter->context_types = &walk->context;
      filter->n_context_types = 1;
    }
}

/* TRUE when the walk has another page to fetch. */
static gboolean
walk_advance (Walk       *walk,
              McChatPage *page)
{
  gint64 business_id = cab_business_id (walk->cab);
  McApiPagerStep step;

  for (guint i = 0; i < page->chats->len; i++)
    mc_api_pager_see (&walk->pager, mc_chat_get_chat_id (g_ptr_array_index (page->chats, i)));

  step = mc_api_pager_advance (&walk->pager, page->next_page_token,
                               page->chats->len, page->rejected->len);

  /* Broken items are skipped, never the rest of the walk. */
  if (page->rejected->len > 0)
    g_message ("getChats of business %" G_GINT64_FORMAT " page %u: refused %u chats, first %s",
               business_id, walk_pages (walk), page->rejected->len,
               (const char *) g_ptr_array_index (page->rejected, 0));

  switch (step)
    {
    case MC_API_PAGER_NEXT:
      return TRUE;

    case MC_API_PAGER_REPEATED_ITEMS:
      g_message ("getChats of business %" G_GINT64_FORMAT " stopped after %u pages: "
                 "the server repeated chats under a new page token",
                 business_id, walk_pages (walk));
      return FALSE;

    case MC_API_PAGER_MAX_PAGES:
      g_message ("getChats of business %" G_GINT64_FORMAT " stopped after %u pages: "
                 "more than the %u chats known could fill", business_id, walk_pages (walk),
                 walk->cab->known_chats);
      return FALSE;

    case MC_API_PAGER_END:
    case MC_API_PAGER_REPEATED_TOKEN:
    default:
      return FALSE;
    }
}

/* Polls: chats that need a reply, every page. */

static void poll_finish (Cab *cab, Walk *walk, gboolean ok);

static void
on_poll_page (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Walk *walk = user_data;
  g_autoptr(Cab) cab = walk->cab;
  g_autoptr(McChatPage) page = NULL;
  g_autoptr(GError) error = NULL;
  McChatFilter filter;

  page = mc_api_client_get_chats_finish (MC_API_CLIENT (object), result, &error);
  if (page == NULL || !cab_alive (cab))
    {
      if (error != NULL)
        mc_sync_report_error (cab, error);
      if (error != NULL && cab_alive (cab))
        {
          cab->poll_failures++;
          cab->poll_retry_at = g_get_monotonic_time () + backoff_usec (cab->engine, cab->poll_failures);
        }
      poll_finish (cab, walk, FALSE);
      return;
    }

  process_chats (cab, page->chats);
  for (guint i = 0; i < page->chats->len; i++)
    g_ptr_array_add (walk->needs_reply, g_object_ref (g_ptr_array_index (page->chats, i)));

  if (!walk_advance (walk, page))
    {
      poll_finish (cab, walk, TRUE);
      return;
    }

  walk_filter (walk, &filter);
  mc_api_client_get_chats_async (cab_client (cab), cab_business_id (cab), &filter,
                                 mc_api_pager_get_token (&walk->pager), CHATS_PAGE_LIMIT,
                                 cab->cancellable, on_poll_page, walk);
  cab_ref (cab);
}

static void
poll_finish (Cab      *cab,
             Walk     *walk,
             gboolean  ok)
{
  McSyncEngine *self = cab->engine;
  gboolean recheck;

  cab->polling = FALSE;

  if (ok && self != NULL)
    {
      gint64 recent = g_get_real_time () - RECHECK_AGE_USEC;

      cab->poll_failures = 0;
      cab->poll_retry_at = 0;

      cab->poll_pages = MAX (walk_pages (walk), 1);
      cab->changed_per_poll = 0.8 * cab->changed_per_poll + 0.2 * cab->changed_this_poll;
      g_array_set_size (cab->recheck_ids, 0);
      for (guint i = 0; i < walk->needs_reply->len; i++)
        {
          McChat *chat = g_ptr_array_index (walk->needs_reply, i);
          gint64 chat_id = mc_chat_get_chat_id (chat);

          if (mc_chat_get_updated_at (chat) >= recent)
            g_array_append_val (cab->recheck_ids, chat_id);
        }

      /* Messages held by moderation may arrive with an old date that does
       * not move updatedAt: now and then ask the recent chats anyway. */
      recheck = !cab->initial && ++cab->polls % MAX (cab->recheck_every, 1) == 0;
      for (guint i = 0; recheck && i < cab->recheck_ids->len; i++)
        mc_sync_history_request (cab, g_array_index (cab->recheck_ids, gint64, i), 0, NULL, FALSE);

      mc_sync_governor_update (self);

      /* The Market answers again: sends it left unsettled get their check. */
      if (mc_outbox_take_unsettled (cab->outbox))
        mc_sync_reconcile_outbox (cab, FALSE);
    }

  if (self != NULL)
    mc_sync_busy_pop (self);

  walk_free (walk);
}

static gboolean sweep_waiting (Sweep *sweep);
static void     poll_disputes (Cab *cab);

static guint
dispute_every (Cab *cab)
{
  return mc_sync_plan_dispute_every (cab->poll_pages, cab->dispute_cost);
}

void
mc_sync_poll_cabinet (Cab *cab)
{
  McSyncEngine *self = cab->engine;
  McChatFilter filter;
  Walk *walk;

  if (!cab_alive (cab) || !self->online || cab->polling || cab_business_id (cab) == 0)
    return;

  /* The first sweep covers these chats too, unless it waits out a
   * failure. */
  if (cab->initial && cab->sweep != NULL && !sweep_waiting (cab->sweep))
    return;

  /* A poll that failed waits, longer each time, rather than ask again at
   * every tick. */
  if (g_get_monotonic_time () < cab->poll_retry_at)
    return;

  /* Asking during a 420 pause would only prolong it. */
  if (mc_sync_method_paused (cab, MC_API_METHOD_GET_CHATS))
    {
      cab->chats_paused = TRUE;
      return;
    }

  cab->polling = TRUE;
  cab->changed_this_poll = 0;
  mc_sync_busy_push (self);

  walk = walk_new (cab);
  memcpy (walk->statuses, needs_reply_statuses, sizeof needs_reply_statuses);
  walk->n_statuses = G_N_ELEMENTS (needs_reply_statuses);
  walk->needs_reply = g_ptr_array_new_with_free_func (g_object_unref);

  walk_filter (walk, &filter);
  mc_api_client_get_chats_async (cab_client (cab), cab_business_id (cab), &filter,
                                 NULL, CHATS_PAGE_LIMIT, cab->cancellable,
                                 on_poll_page, walk);
  cab_ref (cab);

  if (!cab->initial && cab->polls % dispute_every (cab) == 0)
    poll_disputes (cab);
}

/* Disputes: chats an arbiter or the Market decides; what they write there
 * is news the seller needs, at a slower cadence than the customers. */

static void
on_dispute_page (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Walk *walk = user_data;
  g_autoptr(Cab) cab = walk->cab;
  g_autoptr(McChatPage) page = NULL;
  g_autoptr(GError) error = NULL;
  McChatFilter filter;

  page = mc_api_client_get_chats_finish (MC_API_CLIENT (object), result, &error);
  if (page != NULL && cab_alive (cab))
    {
      process_chats (cab, page->chats);
      if (walk_advance (walk, page))
        {
          walk_filter (walk, &filter);
          mc_api_client_get_chats_async (cab_client (cab), cab_business_id (cab), &filter,
                                         mc_api_pager_get_token (&walk->pager), CHATS_PAGE_LIMIT,
                                         cab->cancellable, on_dispute_page, walk);
          cab_ref (cab);
          return;
        }
    }
  else if (error != NULL)
    mc_sync_report_error (cab, error);

  cab->dispute_pages += MAX (walk_pages (walk), 1);
  if (--cab->dispute_polling == 0)
    {
      cab->dispute_cost = cab->dispute_pages;
      if (cab->engine != NULL)
        mc_sync_busy_pop (cab->engine);
    }
  walk_free (walk);
}

static void
poll_disputes (Cab *cab)
{
  McChatFilter filter;

  if (cab->dispute_polling || mc_sync_method_paused (cab, MC_API_METHOD_GET_CHATS))
    return;

  mc_sync_busy_push (cab->engine);
  cab->dispute_pages = 0;
  for (guint i = 0; i < 2; i++)
    {
      Walk *walk = walk_new (cab);

      if (i == 0)
        {
          memcpy (walk->statuses, dispute_statuses, sizeof dispute_statuses);
          walk->n_statuses = G_N_ELEMENTS (dispute_statuses);
        }
      else
        {
          /* An arbitrage waiting for the customer is still a dispute. */
          walk->statuses[0] = MC_CHAT_STATUS_WAITING_FOR_CUSTOMER;
          walk->n_statuses = 1;
          walk->type = MC_CHAT_TYPE_ARBITRAGE;
          walk->has_type = TRUE;
        }

      cab->dispute_polling++;
      walk_filter (walk, &filter);
      mc_api_client_get_chats_async (cab_client (cab), cab_business_id (cab), &filter,
                                     NULL, CHATS_PAGE_LIMIT, cab->cancellable,
                                     on_dispute_page, walk);
      cab_ref (cab);
    }
}

/* Sweeps: every chat, split into independent walks (status x context type)
 * that run side by side.  The engine keeps at most MC_API_MAX_IN_FLIGHT of
 * its pages in flight and picks which walk goes next: the one with the most
 * pages left by the cabinet's known chats (or typical shares before the
 * first sweep), then walks not started yet (an empty one costs one
 * request), then the one with the most pages done (a long walk is likely to
 * stay long).  So the longest walk is never starved behind short ones and
 * the sweep ends near pages x latency / 4. */

static void
sweep_finish (Sweep *sweep)
{
  Cab *cab = sweep->cab;
  McSyncEngine *self = cab->engine;
  guint pages = 0;

  /* Later sweeps are one unfiltered walk: plan for what that costs. */
  for (guint i = 0; i < sweep->walks->len; i++)
    {
      Walk *walk = g_ptr_array_index (sweep->walks, i);

      if (walk->remainder)
        {
          pages = walk_pages (walk);
          break;
        }
      pages += walk_pages (walk);
    }

  if (sweep->wait != NULL)
    {
      g_source_destroy (sweep->wait);
      g_clear_pointer (&sweep->wait, g_source_unref);
    }
  cab->sweep = NULL;

  if (!sweep->failed && cab_alive (cab))
    {
      McCache *cache = mc_cabinet_get_cache (cab->cabinet);

      cab->sweep_pages = MAX (pages, 1);
      cab->last_sweep = sweep->started;
      if (cache != NULL)
        mc_cache_set_sync_state_int (cache, "last-sweep", g_get_real_time ());

      if (cab->initial)
        {
          cab->initial = FALSE;
          /* The needs-reply chats are known now: start the poll cycle. */
          mc_sync_poll_cabinet (cab);
        }
    }

  g_ptr_array_unref (sweep->walks);
  g_free (sweep);

  if (self != NULL)
    {
      mc_sync_governor_update (self);
      mc_sync_busy_pop (self);
    }

  mc_sync_history_pump (cab);
  cab_unref (cab);
}

static void
on_sweep_page (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Walk *walk = user_data;
  Sweep *sweep = walk->sweep;
  Cab *cab = walk->cab;
  g_autoptr(McChatPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = mc_api_client_get_chats_finish (MC_API_CLIENT (object), result, &error);
  walk->running = FALSE;
  sweep->running--;

  if (!cab_alive (cab))
    {
      sweep->failed = TRUE;
      walk->done = TRUE;
    }
  else if (page == NULL)
    {
      /* The walk keeps its place and waits, longer with each failure in
       * a row, while the others go on: starting over from the first page
       * at every tick would spend the hour's budget on one bad page. */
      walk->failures++;
      walk->retry_at = g_get_monotonic_time () + backoff_usec (cab->engine, walk->failures);
      if (walk->failures == 1 && error != NULL)
        mc_sync_report_error (cab, error);
      g_debug ("A getChats walk of business %" G_GINT64_FORMAT " failed %u times at page %u; "
               "waiting %" G_GINT64_FORMAT " s", cab_business_id (cab), walk->failures, walk_pages (walk) + 1,
               backoff_usec (cab->engine, walk->failures) / G_USEC_PER_SEC);
    }
  else
    {
      walk->failures = 0;
      walk->retry_at = 0;
      process_chats (cab, page->chats);
      walk->done = !walk_advance (walk, page);

      /* The unfiltered walk has seen every chat: the partitions that
       * only made the first sweep quicker have nothing left to bring. */
      if (walk->remainder && walk->done)
        for (guint i = 0; i < sweep->walks->len; i++)
          ((Walk *) g_ptr_array_index (sweep->walks, i))->done = TRUE;
    }

  sweep_pump (sweep);
}

static gboolean
sweep_waiting (Sweep *sweep)
{
  if (sweep->starved)
    return TRUE;

  for (guint i = 0; i < sweep->walks->len; i++)
    {
      Walk *walk = g_ptr_array_index (sweep->walks, i);

      if (!walk->done && walk->failures > 0)
        return TRUE;
    }

  return FALSE;
}

/* Whether a sweep may spend one more getChats now, keeping back what
 * the polls need. */
static gboolean
sweep_may_spend (Cab *cab)
{
  McSyncPlanInput input;

  mc_sync_cab_plan_input (cab, FALSE, &input);

  return mc_sync_plan_sweep_may_spend (&input, cab->local_interval);
}

static gboolean
on_sweep_wait_done (gpointer user_data)
{
  Sweep *sweep = user_data;

  g_clear_pointer (&sweep->wait, g_source_unref);
  sweep_pump (sweep);

  return G_SOURCE_REMOVE;
}

static void
sweep_wait (Sweep  *sweep,
            gint64  until)
{
  gint64 delay = MAX (until - g_get_monotonic_time (), 0) / 1000 + 1;

  if (sweep->wait != NULL)
    {
      g_source_destroy (sweep->wait);
      g_source_unref (sweep->wait);
    }

  sweep->wait = g_timeout_source_new ((guint) MIN (delay, G_MAXUINT));
  g_source_set_static_name (sweep->wait, "[mc-sync] sweep wait");
  g_source_set_callback (sweep->wait, on_sweep_wait_done, sweep, NULL);
  g_source_attach (sweep->wait, NULL);
}

static Walk *
sweep_pick (Sweep *sweep)
{
  gint64 now = g_get_monotonic_time ();
  Walk *best = NULL;

  for (guint i = 0; i < sweep->walks->len; i++)
    {
      Walk *walk = g_ptr_array_index (sweep->walks, i);
      guint left, best_left;

      if (walk->running || walk->done || walk->retry_at > now)
        continue;
      /* The one walk that covers every chat goes whenever it can. */
      if (walk->remainder)
        return walk;
      if (best == NULL)
        {
          best = walk;
          continue;
        }

      left = walk->estimate > walk_pages (walk) ? walk->estimate - walk_pages (walk) : 0;
      best_left = best->estimate > walk_pages (best) ? best->estimate - walk_pages (best) : 0;
      if (left != best_left)
        {
          if (left > best_left)
            best = walk;
          continue;
        }
      if ((walk_pages (walk) == 0) != (walk_pages (best) == 0))
        {
          if (walk_pages (walk) == 0)
            best = walk;
          continue;
        }
      if (walk_pages (walk) > walk_pages (best))
        best = walk;
    }

  return best;
}

static void
sweep_pump (Sweep *sweep)
{
  Cab *cab = sweep->cab;
  gint64 next = G_MAXINT64;
  gboolean left = FALSE;
  Walk *walk;

  if (sweep->failed || !cab_alive (cab))
    {
      if (sweep->running == 0)
        sweep_finish (sweep);
      return;
    }

  while (sweep->running < MC_API_MAX_IN_FLIGHT && (walk = sweep_pick (sweep)) != NULL)
    {
      McChatFilter filter;

      sweep->starved = !sweep_may_spend (cab);
      if (sweep->starved)
        {
          g_debug ("Sweep of business %" G_GINT64_FORMAT " waits: polls need what is left of the budget",
                   cab_business_id (cab));
          sweep_wait (sweep, g_get_monotonic_time () + MAX (cab->interval, 1.0) * G_USEC_PER_SEC);
          return;
        }

      walk->running = TRUE;
      sweep->running++;
      walk_filter (walk, &filter);
      mc_api_client_get_chats_async (cab_client (cab), cab_business_id (cab), &filter,
                                     mc_api_pager_get_token (&walk->pager), CHATS_PAGE_LIMIT,
                                     cab->cancellable, on_sweep_page, walk);
    }

  for (guint i = 0; i < sweep->walks->len; i++)
    {
      walk = g_ptr_array_index (sweep->walks, i);
      if (!walk->done && !walk->running)
        {
          left = TRUE;
          next = MIN (next, walk->retry_at);
        }
    }

  /* Walks in back-off: the sweep goes on when the first may. */
  if (left && sweep->running == 0)
    sweep_wait (sweep, next);
  else if (sweep->running == 0)
    sweep_finish (sweep);
}

static guint
cell_of (McChatStatus  status,
         McContextType context)
{
  guint s, c;

  for (s = 0; s < G_N_ELEMENTS (sweep_statuses); s++)
    if (sweep_statuses[s] == status)
      break;
  for (c = 0; c < G_N_ELEMENTS (sweep_contexts); c++)
    if (sweep_contexts[c] == context)
      break;

  if (s == G_N_ELEMENTS (sweep_statuses) || c == G_N_ELEMENTS (sweep_contexts))
    return N_CELLS;

  return s * G_N_ELEMENTS (sweep_contexts) + c;
}

void
mc_sync_sweep_cabinet (Cab *cab)
{
  McSyncEngine *self = cab->engine;
  GListModel *chats = G_LIST_MODEL (self->store);
  guint counts[N_CELLS + 1] = { 0 };
  guint n = g_list_model_get_n_items (chats);
  guint known = 0;
  Sweep *sweep;

  if (!cab_alive (cab) || !self->online || cab->sweep != NULL || cab_business_id (cab) == 0 ||
      mc_sync_method_paused (cab, MC_API_METHOD_GET_CHATS))
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (chats, i);
      McChatContext *context = mc_chat_get_context (chat);

      if (mc_chat_get_business_id (chat) != cab_business_id (cab))
        continue;

      known++;
      counts[cell_of (mc_chat_get_status (chat),
                      context != NULL ? mc_chat_context_get_context_type (context) : MC_CONTEXT_TYPE_UNKNOWN)]++;
    }

  sweep = g_new0 (Sweep, 1);
  sweep->cab = cab_ref (cab);
  sweep->walks = g_ptr_array_new_with_free_func (walk_free);
  sweep->started = g_get_monotonic_time ();
  cab->sweep = sweep;
  cab->known_chats = known;
  mc_sync_busy_push (self);

  /* One unfiltered walk sees every chat whatever its status and context
   * type, the ones the app does not know yet too.  The first sweep of a
   * large cabinet, which the seller waits for, also runs partitions
   * beside it: the same pages four at a time instead of one by one. */
  {
    Walk *walk = walk_new (cab);

    walk->sweep = sweep;
    walk->remainder = TRUE;
    g_ptr_array_add (sweep->walks, walk);
  }

  if ((known == 0 || known >= SPLIT_SWEEP_PAGES * CHATS_PAGE_LIMIT) && cab->last_sweep == 0)
    {
      for (guint s = 0; s < G_N_ELEMENTS (sweep_statuses); s++)
        for (guint c = 0; c < G_N_ELEMENTS (sweep_contexts); c++)
          {
            Walk *walk = walk_new (cab);

            walk->sweep = sweep;
            walk->statuses[0] = sweep_statuses[s];
            walk->n_statuses = 1;
            walk->context = sweep_contexts[c];
            walk->has_context = TRUE;
            if (known > 0)
              walk->estimate = (counts[cell_of (sweep_statuses[s], sweep_contexts[c])] + CHATS_PAGE_LIMIT - 1) / CHATS_PAGE_LIMIT;
            else
              walk->estimate = (guint) (status_shares[s] * context_shares[c] * PRIOR_PAGES);
            g_ptr_array_add (sweep->walks, walk);
          }
    }

  g_debug ("Sweep of business %" G_GINT64_FORMAT ": %u walks, %u chats known",
           cab_business_id (cab), sweep->walks->len, known);
  sweep_pump (sweep);
}

/* A sweep that waits out a back-off ends now, not when its timer fires. */
void
mc_sync_sweep_cut_wait (Cab *cab)
{
  if (cab->sweep != NULL && cab->sweep->wait != NULL)
    {
      g_source_destroy (cab->sweep->wait);
      g_clear_pointer (&cab->sweep->wait, g_source_unref);
      sweep_pump (cab->sweep);
    }
}
