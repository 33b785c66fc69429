/* mc-fake-market.c: the fake Partner API server.
 *
 * Requests are handled on the server's own thread.  The data, the counters
 * and the knobs live behind one mutex, which the public functions take too.
 *
 * This file holds the object, its thread and its knobs; the HTTP helpers,
 * the endpoints by family, the routing with its faults and the simulated
 * customer are in the other mc-fake-market-*.c, sharing
 * mc-fake-market-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mc-enums.h"
#include "mc-fake-data.h"
#include "mc-fake-market-private.h"

#define DEFAULT_CHATS   150

G_DEFINE_FINAL_TYPE (McFakeMarket, mc_fake_market, G_TYPE_OBJECT)

/* Thread */

/* Lets the answers given by stop() reach their clients before the
 * connections close, for at most half a second. */
static void
drain (McFakeMarket *self)
{
  gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  while (g_get_monotonic_time () < deadline)
    {
      gboolean pending = FALSE;

      for (guint i = 0; i < self->draining->len && !pending; i++)
        pending = ((Request *) g_ptr_array_index (self->draining, i))->msg != NULL;
      if (!pending)
        break;

      if (!g_main_context_iteration (self->context, FALSE))
        g_usleep (1000);
    }

  g_ptr_array_set_size (self->draining, 0);
}

static gpointer
server_thread (gpointer user_data)
{
  McFakeMarket *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupServer) server = NULL;
  char *url = NULL;

  g_main_context_push_thread_default (self->context);

  server = soup_server_new ("server-header", "market-chats-fake ", NULL);
  soup_server_add_handler (server, NULL, mc_fake_handle_request, self, NULL);

  if (soup_server_listen_local (server, self->port, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      GSList *uris = soup_server_get_uris (server);
      GUri *uri = uris->data;

      url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uri));
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
    }

  g_mutex_lock (&self->mutex);
  self->ready = TRUE;
  self->url = url;
  if (url != NULL)
    mc_fake_data_set_base_url (self->data, url);
  self->start_error = g_steal_pointer (&error);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);

  if (url != NULL)
    {
      mc_fake_life_schedule (self);
      g_main_loop_run (self->loop);
    }

  drain (self);
  soup_server_disconnect (server);
  for (guint i = 0; i < 100 && g_main_context_iteration (self->context, FALSE); i++)
    ;

  g_clear_object (&server);
  while (g_main_context_iteration (self->context, FALSE))
    ;

  g_main_context_pop_thread_default (self->context);

  return NULL;
}

static void
release_with_503 (Request *req)
{
  if (req->msg != NULL)
    {
      SoupServerMessage *msg = req->msg;

      mc_fake_answer_now (msg, mc_fake_reply_error (503, "The server is shutting down"));
      soup_server_message_unpause (msg);
    }
}

static gboolean
stop_in_thread (gpointer user_data)
{
  McFakeMarket *self = user_data;

  mc_fake_assert_server_thread (self);
  if (self->life != NULL)
    {
      g_source_destroy (self->life);
      g_clear_pointer (&self->life, g_source_unref);
    }

  for (guint i = 0; i < self->delayed->len; i++)
    {
      Request *req = g_ptr_array_index (self->delayed, i);

      g_source_destroy (req->delay);
      release_with_503 (req);
    }
  g_ptr_array_extend_and_steal (self->draining, g_steal_pointer (&self->delayed));
  self->delayed = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_fake_request_unref);

  g_ptr_array_set_size (self->trickles, 0);
  if (self->trickle_source != NULL)
    {
      g_source_destroy (self->trickle_source);
      g_clear_pointer (&self->trickle_source, g_source_unref);
    }

  for (guint i = 0; i < self->hung->len; i++)
    release_with_503 (g_ptr_array_index (self->hung, i));
  g_ptr_array_extend_and_steal (self->draining, g_steal_pointer (&self->hung));
  self->hung = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_fake_request_unref);

  g_main_loop_quit (self->loop);

  return G_SOURCE_REMOVE;
}

/* GObject */

static void
mc_fake_market_dispose (GObject *object)
{
  McFakeMarket *self = MC_FAKE_MARKET (object);

  mc_fake_market_stop (self);

  G_OBJECT_CLASS (mc_fake_market_parent_class)->dispose (object);
}

static void
fault_free (gpointer data)
{
  Fault *fault = data;

  g_free (fault->path_part);
  g_free (fault);
}

static void
mc_fake_market_finalize (GObject *object)
{
  McFakeMarket *self = MC_FAKE_MARKET (object);

  g_queue_clear_full (&self->faults, fault_free);
  g_hash_table_unref (self->sent);
  g_ptr_array_unref (self->hung);
  g_ptr_array_unref (self->trickles);
  g_free (self->until_header);
  g_ptr_array_unref (self->delayed);
  g_ptr_array_unref (self->draining);
  mc_fake_data_free (self->data);
  for (guint i = 0; i < N_TOKENS; i++)
    g_free (self->tokens[i]);
  g_free (self->url);
  g_clear_error (&self->start_error);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (mc_fake_market_parent_class)->finalize (object);
}

static void
mc_fake_market_class_init (McFakeMarketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mc_fake_market_dispose;
  object_class->finalize = mc_fake_market_finalize;
}

static void
mc_fake_market_init (McFakeMarket *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  g_queue_init (&self->faults);
  self->budget_scale = 1.0;
  self->hour_length = 3600;
  self->sent = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                      (GDestroyNotify) g_ptr_array_unref);
  self->hung = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_fake_request_unref);
  self->trickles = g_ptr_array_new_with_free_func (mc_fake_trickle_free);
  self->delayed = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_fake_request_unref);
  self->draining = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_fake_request_unref);
}

static char *
make_token (guint64     seed,
            McFakeToken which)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  guint64 state = mc_fake_mix64 (seed ^ (G_GUINT64_CONSTANT (0xA5A5) + which));
  GString *str = g_string_new (token_specs[which].oauth ? "y0_" : "ACMA:");
  guint length = token_specs[which].oauth ? 56 : 40;

  for (guint i = 0; i < length; i++)
    {
      state = mc_fake_mix64 (state + i + 1);
      g_string_append_c (str, alphabet[state % (sizeof alphabet - 1)]);
    }
  if (!token_specs[which].oauth)
    g_string_append_printf (str, ":%08x", (guint32) (state >> 32));

  return g_string_free (str, FALSE);
}

/* Public API */

McFakeMarket *
mc_fake_market_new (guint64 seed,
                    guint   n_chats)
{
  /* Whole minutes, so that two markets made together generate alike. */
  gint64 now = g_get_real_time () / (60 * G_USEC_PER_SEC) * (60 * G_USEC_PER_SEC);

  return mc_fake_market_new_at (seed, n_chats, now);
}

McFakeMarket *
mc_fake_market_new_at (guint64 seed,
                       guint   n_chats,
                       gint64  now_usec)
{
  McFakeMarket *self = g_object_new (MC_TYPE_FAKE_MARKET, NULL);

  self->seed = seed;
  self->data = mc_fake_data_new (seed, n_chats != 0 ? n_chats : DEFAULT_CHATS, now_usec);
  for (guint i = 0; i < N_TOKENS; i++)
    self->tokens[i] = make_token (seed, i);

  return self;
}

gboolean
mc_fake_market_start (McFakeMarket  *self,
                      guint          port,
                      GError       **error)
{
  g_return_val_if_fail (MC_IS_FAKE_MARKET (self), FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);

  self->port = port;
  self->ready = FALSE;
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("mc-fake-market", server_thread, self);

  g_mutex_lock (&self->mutex);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);

  if (self->start_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->start_error));
      g_thread_join (g_steal_pointer (&self->thread));
      g_clear_pointer (&self->loop, g_main_loop_unref);
      g_clear_pointer (&self->context, g_main_context_unref);
      return FALSE;
    }

  return TRUE;
}

void
mc_fake_market_stop (McFakeMarket *self)
{
  g_return_if_fail (MC_IS_FAKE_MARKET (self));

  if (self->thread == NULL)
    return;

  /* The last reference may be dropped on the server thread (set_life()
   * lends it one), and a thread cannot join itself. */
  g_assert (!g_main_context_is_owner (self->context));
  g_main_context_invoke (self->context, stop_in_thread, self);
  g_thread_join (g_steal_pointer (&self->thread));
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
}

const char *
mc_fake_market_get_url (McFakeMarket *self)
{
  g_return_val_if_fail (MC_IS_FAKE_MARKET (self), NULL);
  return self->url;
}

const char *
mc_fake_market_get_token (McFakeMarket *self,
                          McFakeToken   which)
{
  g_return_val_if_fail (MC_IS_FAKE_MARKET (self), NULL);
  g_return_val_if_fail ((guint) which < N_TOKENS, NULL);
  return self->tokens[which];
}

gint64
mc_fake_market_get_business_id (McFakeMarket *self,
                                guint         cabinet)
{
  g_return_val_if_fail (MC_IS_FAKE_MARKET (self), 0);
  g_return_val_if_fail (cabinet >= 1 && cabinet <= MC_FAKE_N_BUSINESSES, 0);
  return mc_fake_data_get_business (self->data, cabinet - 1)->id;
}

void
mc_fake_market_set_latency (McFakeMarket *self,
                            guint         msec)
{
  g_return_if_fail (MC_IS_FAKE_MARKET (self));

  g_mutex_lock (&self->mutex);
  self->latency = msec;
  g_mutex_unlock (&self->mutex);
}

void
mc_fake_market_set_budget_scale (McFakeMarket *self,
                                 double        scale)
{
  g_return_if_fail (MC_IS_FAKE_MARKET (self));
  g_return_if_fail (scale > 0);

  g_mutex_lock (&self->mutex);
  self->budget_scale = scale;
  g_mutex_unlock (&self->mutex);
}

void
mc_fake_market_inject_fault (McFakeMarket *self,
                             const char   *path_part,
                             McFakeFault   fault,
                             guint         status,
                             guint         count)
{
  Fault *f;

  g_return_if_fail (MC_IS_FAKE_MARKET (self));

  if (count == 0 || fault == MC_FAKE_FAULT_NONE)
    return;

  f = g_new0 (Fault, 1);
  f->path_part = g_strdup (path_part);
  f->fault = fault;
  f->status = status;
  f->count = count;

  g_mutex_lock (&self->mutex);
  g_queue_push_tail (&self->faults, f);
  g_mutex_unlock (&self->mutex);
}

void
mc_fake_market_clear_faults (McFakeMarket *self)
{
  g_return_if_fail (MC_IS_FAKE_MARKET (self));

  g_mutex_lock (&self->mutex);
  g_queue_clear_full (&self->faults, fault_free);
  g_mutex_unlock (&self->mutex);
}

guint
mc_fake_market_get_peak_in_flight (McFakeMarket *self,
                                   gint64        business_id)
{
  int business;
  guint peak = 0;

  g_return_val_if_fail (MC_IS_FAKE_MARKET (self), 0);

  g_mutex_lock (&self->mutex);
  business = mc_fake_data_find_business (self->data, business_id);
  if (business >= 0)
    peak = self->peak[business];
  g_mutex_unlock (&self->mutex);

  return peak;
}

guint
mc_fake_market_get_request_count (McFakeMarket *self,
                                  const char   *operation)
{
  guint count = 0;

  g_return_val_if_fail (MC_IS_FAKE_MARKET (self), 0);

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < N_OPS; i++)
    if (g_strcmp0 (ops[i].name, operation) == 0)
      count = self->counts[i];
  g_mutex_unlock (&self->mutex);

  return count;
}

guint
mc_fake_market_get_first_page_count (McFakeMarket *self,
                                     const char   *operation)
{
  guint count = 0;

  g_return_val_if_fail (MC_IS_FAKE_MARKET (self), 0);

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < N_OPS; i++)
    if (g_strcmp0 (ops[i].name, operation) == 0)
      count = self->first_pages[i];
  g_mutex_unlock (&self->mutex);

  return count;
}

void
mc_fake_market_reset_counters (McFakeMarket *self)
{
  g_return_if_fail (MC_IS_FAKE_MARKET (self));

  g_mutex_lock (&self->mutex);
  memset (self->counts, 0, sizeof self->counts);
  memset (self->first_pages, 0, sizeof self->first_pages);
  memset (self->budgets, 0, sizeof self->budgets);
  for (guint b = 0; b < MC_FAKE_N_BUSINESSES; b++)
    self->peak[b] = self->in_flight[b];
  g_mutex_unlock (&self->mutex);
}

GStrv
mc_fake_market_dup_sent (McFakeMarket *self,
                         gint64        chat_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GPtrArray *sent;

  g_return_val_if_fail (MC_IS_FAKE_MARKET (self), NULL);

  g_mutex_lock (&self->mutex);
  sent = g_hash_table_lookup (self->sent, &chat_id);
  for (guint i = 0; sent != NULL && i < sent->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (sent, i));
  g_mutex_unlock (&self->mutex);

  return g_strv_builder_end (builder);
}

gint64
mc_fake_market_find_chat (McFakeMarket *self,
                          gint64        business_id,
                          const char   *status)
{
  McFakeChat *chat = NULL;
  McChatStatus wanted = mc_chat_status_from_string (status);
  int business;

  g_return_val_if_fail (MC_IS_FAKE_MARKET (self), 0);

  g_mutex_lock (&self->mutex);
  business = mc_fake_data_find_business (self->data, business_id);
  if (business >= 0 && wanted != MC_CHAT_STATUS_UNKNOWN)
    chat = mc_fake_data_find_chat_by_status (self->data, business, wanted);
  g_mutex_unlock (&self->mutex);

  return chat != NULL ? chat->id : 0;
}

guint
mc_fake_market_get_chat_count (McFakeMarket *self,
                               gint64        business_id)
{
  int business;
  guint count = 0;

  g_return_val_if_fail (MC_IS_FAKE_MARKET (self), 0);

  g_mutex_lock (&self->mutex);
  business = mc_fake_data_find_business (self->data, business_id);
  if (business >= 0)
    count = mc_fake_data_get_chat_count (self->data, business);
  g_mutex_unlock (&self->mutex);

  return count;
}

guint
mc_fake_market_get_refused_count (McFakeMarket *self,
                                  gint64        business_id)
{
  guint count = 0;
  int business;

  g_return_val_if_fail (MC_IS_FAKE_MARKET (self), 0);

  g_mutex_lock (&self->mutex);
  business = mc_fake_data_find_business (self->data, business_id);
  if (business >= 0)
    count = self->refused[business];
  g_mutex_unlock (&self->mutex);

  return count;
}

void
mc_fake_market_set_unknown_values (McFakeMarket *self,
                                   gint64        chat_id,
                                   gboolean      status,
                                   gboolean      context_type)
{
  McFakeChat *chat;

  g_return_if_fail (MC_IS_FAKE_MARKET (self));

  g_mutex_lock (&self->mutex);
  chat = mc_fake_data_find_chat (self->data, chat_id);
  if (chat != NULL && status)
    chat->status = MC_CHAT_STATUS_UNKNOWN;
  if (chat != NULL && context_type)
    chat->context_type = MC_CONTEXT_TYPE_UNKNOWN;
  g_mutex_unlock (&self->mutex);
}

void
mc_fake_market_set_until_header (McFakeMarket *self,
                                 const char   *until)
{
  g_return_if_fail (MC_IS_FAKE_MARKET (self));

  g_mutex_lock (&self->mutex);
  g_free (self->until_header);
  self->until_header = g_strdup (until);
  g_mutex_unlock (&self->mutex);
}

void
mc_fake_market_set_hour_length (McFakeMarket *self,
                                guint         seconds)
{
  g_return_if_fail (MC_IS_FAKE_MARKET (self));
  g_return_if_fail (seconds > 0);

  g_mutex_lock (&self->mutex);
  self->hour_length = seconds;
  memset (self->budgets, 0, sizeof self->budgets);
  g_mutex_unlock (&self->mutex);
}
