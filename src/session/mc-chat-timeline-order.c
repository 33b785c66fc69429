/* mc-chat-timeline-order.c: the order card of an opened chat: the kept
 * copy at once, a fetch when it is missing or stale, and a refresh at most
 * every 10 minutes while the chat is open.
 *
 * Every request goes through the cabinet's own client, so the order card
 * shares the hourly budgets and the four-in-flight limit with the sync
 * engine; after a 420 the kept copy stays and the fetch is tried again
 * when the method's pause ends.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-api-client.h"
#include "mc-cabinet-private.h"
#include "mc-chat-store.h"
#include "mc-chat-timeline-private.h"
#include "mc-error.h"

/* How long an order or return kept in the cache counts as current. */
#define ORDER_FRESH_MINUTES 10
#define ORDER_FRESH_USEC ((gint64) ORDER_FRESH_MINUTES * 60 * G_USEC_PER_SEC)
/* A 420 without a pause the client knows of waits this long. */
#define RATE_LIMIT_RETRY_SEC 60

G_DEFINE_ENUM_TYPE (McOrderState, mc_order_state,
  G_DEFINE_ENUM_VALUE (MC_ORDER_STATE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (MC_ORDER_STATE_LOADING, "loading"),
  G_DEFINE_ENUM_VALUE (MC_ORDER_STATE_READY, "ready"),
  G_DEFINE_ENUM_VALUE (MC_ORDER_STATE_NO_SCOPE, "no-scope"),
  G_DEFINE_ENUM_VALUE (MC_ORDER_STATE_ERROR, "error"))

static McChatTimelineClock order_clock;

void
mc_chat_timeline_set_clock (McChatTimelineClock clock)
{
  order_clock = clock;
}

static gint64
order_now (void)
{
  return order_clock != NULL ? order_clock () : g_get_real_time ();
}

static void order_fetch (McChatTimeline *self);

static void
set_order_state (McChatTimeline *self,
                 McOrderState    state,
                 const char     *message)
{
  if (self->order_state != state)
    {
      self->order_state = state;
      g_object_notify (G_OBJECT (self), "order-state");
    }

  if (g_strcmp0 (self->order_message, message) != 0)
    {
      g_free (self->order_message);
      self->order_message = g_strdup (message);
      g_object_notify (G_OBJECT (self), "order-message");
    }
}

static void
set_order (McChatTimeline *self,
           McOrder        *order)
{
  if (g_set_object (&self->order, order))
    g_object_notify (G_OBJECT (self), "order");
}

static void
set_return (McChatTimeline *self,
            McReturn       *ret)
{
  if (g_set_object (&self->ret, ret))
    g_object_notify (G_OBJECT (self), "return");
}

static McCabinet *
order_cabinet (McChatTimeline *self)
{
  g_autoptr(McSession) session = mc_chat_timeline_dup_session (self);

  if (session == NULL)
    return NULL;

  return mc_session_get_cabinet_for_chat (session, self->chat_id);
}

/* The cabinet's cache, known before its key is (offline start-up). */
static McCache *
order_cache (McChatTimeline *self)
{
  g_autoptr(McSession) session = mc_chat_timeline_dup_session (self);

  if (session == NULL)
    return NULL;

  return mc_chat_store_get_cache (mc_session_get_chats (session),
                                  mc_chat_get_business_id (self->chat));
}

static gboolean
returns_allowed (McChatTimeline *self)
{
  McCabinet *cabinet = order_cabinet (self);

  return cabinet != NULL && mc_api_scopes_allow_returns (mc_cabinet_get_scopes (cabinet));
}

/* What a ready card lacks that the seller can change: a return chat's
 * return, with a key that may read orders but not returns. */
static const char *
ready_message (McChatTimeline *self)
{
  if (self->return_id != 0 && self->ret == NULL && !returns_allowed (self) &&
      order_cabinet (self) != NULL)
    return _("Add the order-processing (read-only) scope to this key to see the return");

  return NULL;
}

static gboolean
order_is_fresh (McChatTimeline *self,
                gint64          now)
{
  if (!mc_cache_is_fresh (self->order_fetched_at, now, ORDER_FRESH_MINUTES))
    return FALSE;

  /* A key that may not read returns is not asked again and again. */
  return self->return_id == 0 ||
         mc_cache_is_fresh (self->return_fetched_at, now, ORDER_FRESH_MINUTES) ||
         !returns_allowed (self);
}

static gboolean
on_order_timeout (gpointer user_data)
{
  McChatTimeline *self = user_data;

  self->order_timeout_id = 0;
  mc_chat_timeline_order_tick (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_order (McChatTimeline *self,
                guint           seconds)
{
  g_clear_handle_id (&self->order_timeout_id, g_source_remove);
  self->order_timeout_id = g_timeout_add_seconds (MAX (seconds, 1), on_order_timeout, self);
}

/* The next refresh: when the copy held turns stale. */
static void
schedule_refresh (McChatTimeline *self)
{
  gint64 fetched = self->order_fetched_at;
  gint64 left;

  if (self->return_id != 0 && self->return_fetched_at > 0)
    fetched = MIN (fetched, self->return_fetched_at);

  left = fetched + ORDER_FRESH_USEC - order_now ();
  left = CLAMP (left, 0, ORDER_FRESH_USEC);
  schedule_order (self, (guint) (left / G_USEC_PER_SEC) + 1);
}

void
mc_chat_timeline_order_tick (McChatTimeline *self)
{
  g_return_if_fail (MC_IS_CHAT_TIMELINE (self));

  if (self->order_id == 0 || self->order_cancellable != NULL)
    return;

  if (order_is_fresh (self, order_now ()))
    schedule_refresh (self);
  else
    order_fetch (self);
}

/* Keeps what is held and says why nothing new came. */
static void
order_failed (McChatTimeline *self,
              McApiMethod     method,
              const GError   *error)
{
  McCabinet *cabinet = order_cabinet (self);

  if (g_error_matches (error, MC_API_ERROR, MC_API_ERROR_ORDERS_NOT_ALLOWED))
    {
      /* What the key may no longer read is not shown as if it were current. */
      set_order (self, NULL);
      set_return (self, NULL);
      set_order_state (self, MC_ORDER_STATE_NO_SCOPE,
                       _("Add the order-processing (read-only) scope to this key to see orders"));
      schedule_order (self, ORDER_FRESH_MINUTES * 60);
      return;
    }

  if (self->order != NULL)
    set_order_state (self, MC_ORDER_STATE_READY, ready_message (self));
  else
    {
      g_autofree char *message = mc_error_describe (error);

      set_order_state (self, MC_ORDER_STATE_ERROR, message);
    }

  if (g_error_matches (error, MC_API_ERROR, MC_API_ERROR_RATE_LIMITED))
    {
      gint64 until = cabinet != NULL
        ? mc_api_client_get_paused_until (mc_cabinet_get_client (cabinet), method) : 0;
      gint64 wait = until > 0 ? (until - g_get_real_time ()) / G_USEC_PER_SEC + 1 : RATE_LIMIT_RETRY_SEC;

      g_debug ("Order %" G_GINT64_FORMAT ": rate limited, again in %" G_GINT64_FORMAT " s",
               self->order_id, wait);
      schedule_order (self, (guint) CLAMP (wait, 1, 3600));
    }
  else
    schedule_order (self, ORDER_FRESH_MINUTES * 60);
}

typedef struct
{
  GWeakRef  timeline;
  gint64    order_id;
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  g_weak_ref_clear (&data->timeline);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchData, fetch_data_free)

static FetchData *
fetch_data_new (McChatTimeline *self)
{
  FetchData *data = g_new0 (FetchData, 1);

  g_weak_ref_init (&data->timeline, self);
  data->order_id = self->order_id;

  return data;
}

/* The timeline the answer is for, if it still wants it. */
static McChatTimeline *
fetch_data_dup_timeline (FetchData    *data,
                         const GError *error)
{
  McChatTimeline *self;

  if (mc_error_is_cancelled (error))
    return NULL;

  self = g_weak_ref_get (&data->timeline);
  if (self != NULL && self->order_id != data->order_id)
    g_clear_object (&self);

  return self;
}

static void
order_done (McChatTimeline *self)
{
  g_clear_object (&self->order_cancellable);
  set_order_state (self, MC_ORDER_STATE_READY, ready_message (self));
  schedule_refresh (self);
}

static void
on_return_fetched (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(FetchData) data = user_data;
  g_autoptr(McChatTimeline) self = NULL;
  g_autoptr(McReturn) ret = NULL;
  g_autoptr(GError) error = NULL;
  McCache *cache;

  ret = mc_api_client_get_return_finish (MC_API_CLIENT (object), result, &error);
  self = fetch_data_dup_timeline (data, error);
  if (self == NULL)
    return;

  if (ret == NULL)
    {
      g_clear_object (&self->order_cancellable);
      /* The order is shown all the same: a key may read orders but not
       * returns. */
      if (g_error_matches (error, MC_API_ERROR, MC_API_ERROR_ORDERS_NOT_ALLOWED))
        order_done (self);
      else
        order_failed (self, MC_API_METHOD_GET_RETURN, error);
      return;
    }

  self->return_fetched_at = order_now ();
  cache = order_cache (self);
  if (cache != NULL)
    mc_cache_save_return (cache, ret, self->return_fetched_at);
  set_return (self, ret);
  order_done (self);
}

static void
on_order_fetched (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FetchData) data = user_data;
  g_autoptr(McChatTimeline) self = NULL;
  g_autoptr(McOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  McCabinet *cabinet;
  McCache *cache;

  order = mc_api_client_get_order_finish (MC_API_CLIENT (object), result, &error);
  self = fetch_data_dup_timeline (data, error);
  if (self == NULL)
    return;

  cabinet = order_cabinet (self);
  if (order == NULL)
    {
      McOrderAccess access = cabinet != NULL
        ? mc_api_order_access_for_scopes (mc_cabinet_get_scopes (cabinet))
        : MC_ORDER_ACCESS_BUSINESS_ORDERS;

      g_clear_object (&self->order_cancellable);
      order_failed (self,
                    access == MC_ORDER_ACCESS_GET_ORDER ? MC_API_METHOD_GET_ORDER
                                                        : MC_API_METHOD_GET_BUSINESS_ORDERS,
                    error);
      return;
    }

  self->order_fetched_at = order_now ();
  cache = order_cache (self);
  if (cache != NULL)
    mc_cache_save_order (cache, order, self->order_fetched_at);
  set_order (self, order);

  if (self->return_id == 0 || cabinet == NULL ||
      mc_cache_is_fresh (self->return_fetched_at, order_now (), ORDER_FRESH_MINUTES))
    {
      order_done (self);
      return;
    }

  mc_api_client_get_return_async (mc_cabinet_get_client (cabinet),
                                  mc_chat_get_business_id (self->chat),
                                  mc_order_get_campaign_id (order) > 0
                                    ? mc_order_get_campaign_id (order)
                                    : mc_chat_get_campaign_id (self->chat),
                                  self->order_id, self->return_id,
                                  mc_cabinet_get_scopes (cabinet),
                                  self->order_cancellable,
                                  on_return_fetched, fetch_data_new (self));
}

static void
order_fetch (McChatTimeline *self)
{
  McCabinet *cabinet = order_cabinet (self);
  McApiClient *client = cabinet != NULL ? mc_cabinet_get_client (cabinet) : NULL;

  if (self->order_cancellable != NULL)
    return;

  g_clear_handle_id (&self->order_timeout_id, g_source_remove);

  if (client == NULL)
    {
      /* Without its key nothing can be asked; the cabinet's arrival
       * tries again (see mc_chat_timeline_order_start()). */
      if (self->order == NULL)
        set_order_state (self, MC_ORDER_STATE_ERROR,
                         _("The order cannot be fetched without the key of this chat’s cabinet"));
      return;
    }

  if (self->order == NULL)
    set_order_state (self, MC_ORDER_STATE_LOADING, NULL);

  self->order_cancellable = g_cancellable_new ();
  mc_api_client_get_order_async (client,
                                 mc_chat_get_business_id (self->chat),
                                 mc_chat_get_campaign_id (self->chat),
                                 self->order_id,
                                 mc_cabinet_get_scopes (cabinet),
                                 self->order_cancellable,
                                 on_order_fetched, fetch_data_new (self));
}

static void
order_cancel (McChatTimeline *self)
{
  g_clear_handle_id (&self->order_timeout_id, g_source_remove);
  if (self->order_cancellable != NULL)
    g_cancellable_cancel (self->order_cancellable);
  g_clear_object (&self->order_cancellable);
}

/* The chat's context names its order, perhaps only once its history came. */
static void
on_order_context (McChatTimeline *self)
{
  McChatContext *context = mc_chat_get_context (self->chat);
  McContextType type = context != NULL ? mc_chat_context_get_context_type (context) : MC_CONTEXT_TYPE_UNKNOWN;
  gint64 order_id = 0;
  gint64 return_id = 0;
  g_autoptr(McOrder) order = NULL;
  g_autoptr(McReturn) ret = NULL;
  McCache *cache;

  if (type == MC_CONTEXT_TYPE_ORDER || type == MC_CONTEXT_TYPE_RETURN)
    order_id = mc_chat_context_get_order_id (context);
  if (type == MC_CONTEXT_TYPE_RETURN && order_id > 0)
    return_id = mc_chat_context_get_return_id (context);

  if (order_id == self->order_id && return_id == self->return_id)
    return;

  order_cancel (self);
  self->order_id = MAX (order_id, 0);
  self->return_id = MAX (return_id, 0);
  self->order_fetched_at = 0;
  self->return_fetched_at = 0;

  cache = self->order_id != 0 ? order_cache (self) : NULL;
  if (cache != NULL)
    {
      order = mc_cache_load_order (cache, self->order_id, &self->order_fetched_at, NULL);
      if (self->return_id != 0)
        ret = mc_cache_load_return (cache, self->return_id, &self->return_fetched_at, NULL);
    }
  if (order == NULL)
    self->order_fetched_at = 0;
  if (ret == NULL)
    self->return_fetched_at = 0;

  set_order (self, order);
  set_return (self, ret);

  if (self->order_id == 0)
    {
      set_order_state (self, MC_ORDER_STATE_NONE, NULL);
      return;
    }

  if (order != NULL)
    set_order_state (self, MC_ORDER_STATE_READY, ready_message (self));
  else
    set_order_state (self, MC_ORDER_STATE_LOADING, NULL);
  mc_chat_timeline_order_tick (self);
}

/* A cabinet whose key came after the chat was opened: now it can ask. */
static void
on_order_cabinets (McChatTimeline *self)
{
  if (self->order_id != 0 && self->order == NULL && self->order_cancellable == NULL &&
      order_cabinet (self) != NULL)
    order_fetch (self);
}

void
mc_chat_timeline_order_start (McChatTimeline *self)
{
  g_autoptr(McSession) session = mc_chat_timeline_dup_session (self);

  g_signal_connect_object (self->chat, "notify::context",
                           G_CALLBACK (on_order_context), self, G_CONNECT_SWAPPED);
  if (session != NULL)
    g_signal_connect_object (mc_session_get_cabinets (session), "items-changed",
                             G_CALLBACK (on_order_cabinets), self, G_CONNECT_SWAPPED);
  on_order_context (self);
}

void
mc_chat_timeline_order_stop (McChatTimeline *self)
{
  order_cancel (self);
}

void
mc_chat_timeline_order_finalize (McChatTimeline *self)
{
  g_clear_object (&self->order);
  g_clear_object (&self->ret);
  g_free (self->order_message);
}

McOrder *
mc_chat_timeline_get_order (McChatTimeline *self)
{
  g_return_val_if_fail (MC_IS_CHAT_TIMELINE (self), NULL);

  return self->order;
}

McReturn *
mc_chat_timeline_get_return (McChatTimeline *self)
{
  g_return_val_if_fail (MC_IS_CHAT_TIMELINE (self), NULL);

  return self->ret;
}

McOrderState
mc_chat_timeline_get_order_state (McChatTimeline *self)
{
  g_return_val_if_fail (MC_IS_CHAT_TIMELINE (self), MC_ORDER_STATE_NONE);

  return self->order_state;
}

const char *
mc_chat_timeline_get_order_message (McChatTimeline *self)
{
  g_return_val_if_fail (MC_IS_CHAT_TIMELINE (self), NULL);

  return self->order_message;
}
