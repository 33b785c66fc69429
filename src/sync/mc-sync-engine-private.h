/* mc-sync-engine-private.h: what the files of McSyncEngine share: the
 * engine's and each cabinet's state, and the steps one file starts in
 * another (polls and sweeps, history, each cabinet's outbox).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-api-pager.h"
#include "mc-cabinet-private.h"
#include "mc-outbox.h"
#include "mc-sync-engine.h"
#include "mc-sync-plan.h"

G_BEGIN_DECLS

#define MIN_POLL_INTERVAL       10
#define MAX_POLL_INTERVAL       3600
#define DEFAULT_POLL_INTERVAL   30
#define DEFAULT_BUDGET_PERCENT  10
#define MIN_SWEEP_INTERVAL      MC_SYNC_MIN_SWEEP_INTERVAL
#define RECHECK_EVERY           MC_SYNC_RECHECK_EVERY
#define CHATS_PAGE_LIMIT        MC_SYNC_CHATS_PAGE_LIMIT
#define MAX_WALK_PAGES          MC_SYNC_MAX_WALK_PAGES
#define HISTORY_CONCURRENCY     2

typedef struct _Cab Cab;
typedef struct _Sweep Sweep;

struct _McSyncEngine
{
  GObject          parent_instance;

  McChatStore     *store;
  GNetworkMonitor *monitor;
  gulong           network_changed_id;
  gboolean         trust_monitor;
  gboolean         test_mode;
  double           budget_scale;

  GPtrArray       *cabs;          /* Cab, owned */
  GHashTable      *announced_chats;    /* gint64 chat ids given in "new-chat" */
  GHashTable      *announced_messages; /* gint64 message ids given in "new-message" */

  guint            poll_interval;
  guint            budget_percent;
  guint            effective_interval;
  guint            sweep_interval;
  gboolean         online;
  gboolean         running;
  guint            busy;
  gint64           paused_until;
  guint            timer_id;
};

/* Per cabinet state.  Async steps hold a reference; "engine" is cleared
 * when the cabinet is removed or the engine goes away. */
struct _Cab
{
  McSyncEngine *engine;
  McCabinet    *cabinet;
  GCancellable *cancellable;
  gulong        paused_id;
  McOutbox     *outbox;
  gulong        outbox_failed_id;

  /* Nothing counts as new until the first sweep of a cabinet finishes. */
  gboolean      initial;
  gboolean      polling;
  Sweep        *sweep;
  gint64        last_sweep;       /* monotonic, 0 = never in this run */
  gboolean      chats_paused;

  guint         poll_pages;
  guint         sweep_pages;
  guint         known_chats;      /* at the last sweep's start */
  guint         poll_failures;
  gint64        poll_retry_at;    /* monotonic; 0 = now */
  guint         dispute_polling;  /* walks running */
  guint         dispute_pages;    /* of the round running */
  guint         dispute_cost;     /* pages of the last round done */
  guint         polls;
  guint         recheck_every;
  GArray       *recheck_ids;      /* gint64 */
  double        changed_per_poll; /* moving average of history fetches */
  guint         changed_this_poll;
  double        interval;         /* what the governor asks for, seconds */
  double        local_interval;   /* the same by this app's plan alone */
  double        sweep_interval;

  GHashTable   *history;          /* chat id -> HistoryJob */
  GQueue        history_queue;    /* HistoryJob waiting for a slot */
  guint         history_running;
};

static inline Cab *
cab_ref (Cab *cab)
{
  return g_atomic_rc_box_acquire (cab);
}

static inline void
cab_clear (Cab *cab)
{
  g_clear_object (&cab->cabinet);
  g_clear_object (&cab->cancellable);
  g_clear_object (&cab->outbox);
  g_clear_pointer (&cab->recheck_ids, g_array_unref);
  g_clear_pointer (&cab->history, g_hash_table_unref);
  g_queue_clear (&cab->history_queue);
}

static inline void
cab_unref (Cab *cab)
{
  g_atomic_rc_box_release_full (cab, (GDestroyNotify) cab_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Cab, cab_unref)

static inline gint64
cab_business_id (Cab *cab)
{
  return mc_cabinet_get_business_id (cab->cabinet);
}

static inline McApiClient *
cab_client (Cab *cab)
{
  return mc_cabinet_get_client (cab->cabinet);
}

static inline gboolean
cab_alive (Cab *cab)
{
  return cab->engine != NULL && !g_cancellable_is_cancelled (cab->cancellable);
}

/* mc-sync-engine.c */
void         mc_sync_busy_push               (McSyncEngine        *self);
void         mc_sync_busy_pop                (McSyncEngine        *self);
void         mc_sync_report_error            (Cab                 *cab,
                                              const GError        *error);
gboolean     mc_sync_method_paused           (Cab                 *cab,
                                              McApiMethod          method);
void         mc_sync_emit_new_chat           (McSyncEngine        *self,
                                              McChat              *chat);
void         mc_sync_emit_new_message        (McSyncEngine        *self,
                                              McChat              *chat,
                                              McMessage           *message);
void         mc_sync_emit_outbox_failed      (McSyncEngine        *self,
                                              Cab                 *cab,
                                              gint64               chat_id,
                                              const char          *text);
Cab         *mc_sync_find_cab_for_chat       (McSyncEngine        *self,
                                              gint64               chat_id);
void         mc_sync_cab_plan_input          (Cab                 *cab,
                                              gboolean             count_chats,
                                              McSyncPlanInput     *input);
void         mc_sync_governor_update         (McSyncEngine        *self);

/* mc-sync-outbox.c */
void         mc_sync_cab_open_outbox         (Cab                 *cab);
void         mc_sync_cab_close_outbox        (Cab                 *cab);
void         mc_sync_reconcile_outbox        (Cab                 *cab,
                                              gboolean             at_start);

/* mc-sync-history.c */
void         mc_sync_history_request         (Cab                 *cab,
                                              gint64               chat_id,
                                              gint64               threshold,
                                              GTask               *waiter,
                                              gboolean             urgent);
void         mc_sync_history_pump            (Cab                 *cab);
void         mc_sync_history_job_free        (gpointer             data);
void         mc_sync_history_abort           (Cab                 *cab);

/* mc-sync-poll.c */
void         mc_sync_poll_cabinet            (Cab                 *cab);
void         mc_sync_sweep_cabinet           (Cab                 *cab);
void         mc_sync_sweep_cut_wait          (Cab                 *cab);

G_END_DECLS
