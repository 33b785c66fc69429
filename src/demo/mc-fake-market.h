/* mc-fake-market.h: a spec-faithful fake Partner API on loopback.
 *
 * The server runs on a thread of its own with its own GMainContext, so a
 * caller may block, run its own loop, or be the UI thread.  All public
 * functions are thread-safe.  The order in which it returns chats and
 * messages is its own choice and must not be relied on, as with the real API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  MC_FAKE_TOKEN_CABINET_1,     /* full access to business 1 (stores FBS, FBY) */
  MC_FAKE_TOKEN_CABINET_2,     /* full access (COMMUNICATION) to business 2 (store DBS) */
  MC_FAKE_TOKEN_READ_ONLY,     /* ALL_METHODS_READ_ONLY on business 1 */
  MC_FAKE_TOKEN_OAUTH,         /* a Bearer token for business 1 */
  MC_FAKE_TOKEN_ORDERS_2,      /* COMMUNICATION and INVENTORY_AND_ORDER_PROCESSING_READ_ONLY on business 2 */
} McFakeToken;

typedef enum
{
  MC_FAKE_FAULT_NONE,
  MC_FAKE_FAULT_STATUS,        /* answer with the given HTTP status and the error wrapper */
  MC_FAKE_FAULT_STATUS_NO_HEADERS, /* a 420 without X-RateLimit-* headers */
  MC_FAKE_FAULT_MALFORMED_JSON,
  MC_FAKE_FAULT_TRUNCATED,
  MC_FAKE_FAULT_HTML,
  MC_FAKE_FAULT_HANG,          /* never answer (until the client times out) */
  MC_FAKE_FAULT_DROP,          /* close the connection without an answer */
  MC_FAKE_FAULT_TRICKLE,       /* a 200 whose body comes a byte a second, then the connection closes */
  MC_FAKE_FAULT_ENDLESS,       /* the first page's answer again, under a fresh nextPageToken */
  MC_FAKE_FAULT_MALFORMED_ITEMS, /* a normal page whose every chat or message has a string id */
} McFakeFault;

#define MC_TYPE_FAKE_MARKET (mc_fake_market_get_type ())
G_DECLARE_FINAL_TYPE (McFakeMarket, mc_fake_market, MC, FAKE_MARKET, GObject)

/* Deterministic data from @seed: 2 cabinets, 3 stores, @n_chats chats
 * (0 = the default of about 150). */
McFakeMarket *mc_fake_market_new               (guint64       seed,
                                                guint         n_chats);
/* The same, with the generated chats dated up to @now_usec instead of the
 * current minute: two markets from one seed and one time are identical. */
McFakeMarket *mc_fake_market_new_at            (guint64       seed,
                                                guint         n_chats,
                                                gint64        now_usec);
/* Listens on 127.0.0.1:@port (0 = any free port). */
gboolean      mc_fake_market_start             (McFakeMarket *self,
                                                guint         port,
                                                GError      **error);
void          mc_fake_market_stop              (McFakeMarket *self);
/* "http://127.0.0.1:PORT" */
const char   *mc_fake_market_get_url           (McFakeMarket *self);
const char   *mc_fake_market_get_token         (McFakeMarket *self,
                                                McFakeToken   which);
gint64        mc_fake_market_get_business_id   (McFakeMarket *self,
                                                guint         cabinet); /* 1 or 2 */

/* Behaviour knobs. */
void          mc_fake_market_set_latency       (McFakeMarket *self,
                                                guint         msec);
/* Budgets are counted in windows of @seconds (default 3600, clock hours)
 * ending at X-RateLimit-Resource-Until: a simulated hour. */
void          mc_fake_market_set_hour_length   (McFakeMarket *self,
                                                guint         seconds);
/* Multiplies every hourly budget (default 1.0). */
void          mc_fake_market_set_budget_scale  (McFakeMarket *self,
                                                double        scale);
/* The simulated customer: every @min_sec..@max_sec a customer writes, and
 * now and then opens a new chat.  0, 0 stops it. */
void          mc_fake_market_set_life          (McFakeMarket *self,
                                                guint         min_sec,
                                                guint         max_sec);
/* The next @count answers to paths containing @path_part (NULL = any) get
 * @fault (@status for MC_FAKE_FAULT_STATUS*).  "PATH?NAME" matches paths
 * that end with PATH and carry the query parameter NAME ("/chats?" alone:
 * getChats, whatever the query). */
void          mc_fake_market_inject_fault      (McFakeMarket *self,
                                                const char   *path_part,
                                                McFakeFault   fault,
                                                guint         status,
                                                guint         count);
void          mc_fake_market_clear_faults      (McFakeMarket *self);

/* Acting as a customer or the Market, for tests and the demo. */
/* Appends a CUSTOMER message to @chat_id (status -> WAITING_FOR_PARTNER,
 * updatedAt moves).  @created_at 0 = now; a past time simulates a message
 * held by moderation.  Returns the new message id. */
gint64        mc_fake_market_customer_writes   (McFakeMarket *self,
                                                gint64        chat_id,
                                                const char   *text,
                                                gint64        created_at_usec);
/* A message from "MARKET" or "SUPPORT" (an arbiter's decision); the
 * status stays.  Returns the new message id. */
gint64        mc_fake_market_market_writes     (McFakeMarket *self,
                                                gint64        chat_id,
                                                const char   *sender,
                                                const char   *text);
/* A seller's reply written elsewhere (the web cabinet, another operator):
 * a PARTNER message that no sendMessageToChat brought (status ->
 * WAITING_FOR_CUSTOMER, updatedAt moves).  Returns the new message id. */
gint64        mc_fake_market_partner_writes_elsewhere (McFakeMarket *self,
                                                       gint64        chat_id,
                                                       const char   *text);
/* A new chat with one customer message; returns its id. */
gint64        mc_fake_market_customer_opens_chat (McFakeMarket *self,
                                                  gint64        business_id,
                                                  const char   *text);

/* What the server saw, for tests. */
guint         mc_fake_market_get_peak_in_flight (McFakeMarket *self,
                                                 gint64        business_id);
/* Requests by operationId ("getChats", "sendMessageToChat", ...). */
guint         mc_fake_market_get_request_count  (McFakeMarket *self,
                                                 const char   *operation);
/* The same, of requests without a page token: walks started. */
guint         mc_fake_market_get_first_page_count (McFakeMarket *self,
                                                   const char   *operation);
void          mc_fake_market_reset_counters     (McFakeMarket *self);
/* PARTNER messages received by sendMessageToChat / sendFileToChat for
 * @chat_id, oldest first; texts (file names for files). */
GStrv         mc_fake_market_dup_sent           (McFakeMarket *self,
                                                 gint64        chat_id);
/* Any chat id of @business_id with @status (0 if none), for tests. */
gint64        mc_fake_market_find_chat          (McFakeMarket *self,
                                                 gint64        business_id,
                                                 const char   *status);
guint         mc_fake_market_get_chat_count     (McFakeMarket *self,
                                                 gint64        business_id);
/* 420s answered because @business_id's hourly budget was spent. */
guint         mc_fake_market_get_refused_count  (McFakeMarket *self,
                                                 gint64        business_id);
/* X-RateLimit-Resource-Until as written, instead of the end of the hour
 * (NULL: back to that). */
void          mc_fake_market_set_until_header   (McFakeMarket *self,
                                                 const char   *until);
/* Whether getOrder (deprecated, shutdown 2027-04-12) answers 410 Gone,
 * as it will once the Market switches it off (default FALSE). */
void          mc_fake_market_set_get_order_gone (McFakeMarket *self,
                                                 gboolean      gone);
/* The order of an ORDER or RETURN chat of the fake data (0 if none),
 * its store, and the expected number of items, for tests. */
gint64        mc_fake_market_find_order         (McFakeMarket *self,
                                                 gint64        business_id,
                                                 const char   *placement,
                                                 const char   *delivery_type,
                                                 gint64       *campaign_id);
/* Gives @chat_id a status and/or a context type the app does not know. */
void          mc_fake_market_set_unknown_values (McFakeMarket *self,
                                                 gint64        chat_id,
                                                 gboolean      status,
                                                 gboolean      context_type);

G_END_DECLS
