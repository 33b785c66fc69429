/* mc-fake-market-private.h: what the files of the fake Market share.
 *
 * McFakeMarket is one class spread over several files: the HTTP helpers,
 * the endpoints by family, the routing with its faults, and the simulated
 * customer.  Nothing outside src/demo/ includes this header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mc-enums.h"
#include "mc-fake-data.h"
#include "mc-fake-market.h"

G_BEGIN_DECLS

#define MAX_IN_FLIGHT   4
#define N_TOKENS        5

typedef enum
{
  OP_GET_CAMPAIGNS,
  OP_AUTH_TOKEN,
  OP_GET_CHATS,
  OP_GET_CHAT,
  OP_GET_HISTORY,
  OP_GET_MESSAGE,
  OP_SEND_MESSAGE,
  OP_SEND_FILE,
  OP_CREATE_CHAT,
  OP_GET_BUSINESS_ORDERS,
  OP_GET_ORDER,
  OP_GET_RETURN,
  N_OPS,
  OP_DOWNLOAD = N_OPS,
  OP_UNKNOWN,
} Op;

static const struct
{
  const char *name;
  guint       budget;
} ops[N_OPS] = {
  [OP_GET_CAMPAIGNS] = { "getCampaigns", 1000 },
  [OP_AUTH_TOKEN] = { "getAuthTokenInfo", 100 },
  [OP_GET_CHATS] = { "getChats", 5000 },
  [OP_GET_CHAT] = { "getChat", 1000 },
  [OP_GET_HISTORY] = { "getChatHistory", 10000 },
  [OP_GET_MESSAGE] = { "getChatMessage", 1000 },
  [OP_SEND_MESSAGE] = { "sendMessageToChat", 1000 },
  [OP_SEND_FILE] = { "sendFileToChat", 1000 },
  [OP_CREATE_CHAT] = { "createChat", 1000 },
  [OP_GET_BUSINESS_ORDERS] = { "getBusinessOrders", 10000 },
  [OP_GET_ORDER] = { "getOrder", 10000 },
  [OP_GET_RETURN] = { "getReturn", 7000 },
};

static const struct
{
  guint       business;
  gboolean    oauth;
  gboolean    read_only;
  const char *name;
  const char *scope;  /* space-separated */
} token_specs[N_TOKENS] = {
  [MC_FAKE_TOKEN_CABINET_1] = { 0, FALSE, FALSE, "Чаты — Уютный дом", "ALL_METHODS" },
  [MC_FAKE_TOKEN_CABINET_2] = { 1, FALSE, FALSE, "Чаты — СпортЛайн", "COMMUNICATION" },
  [MC_FAKE_TOKEN_READ_ONLY] = { 0, FALSE, TRUE, "Только чтение", "ALL_METHODS_READ_ONLY" },
  [MC_FAKE_TOKEN_OAUTH] = { 0, TRUE, FALSE, NULL, NULL },
  [MC_FAKE_TOKEN_ORDERS_2] = { 1, FALSE, FALSE, "Чаты и заказы — СпортЛайн",
                               "COMMUNICATION INVENTORY_AND_ORDER_PROCESSING_READ_ONLY" },
};

typedef struct
{
  char        *path_part;
  McFakeFault  fault;
  guint        status;
  guint        count;
} Fault;

typedef struct
{
  gint64 hour;
  guint  used;
} Budget;

typedef struct
{
  McFakeMarket      *self;      /* outlives every request: stop() drains them */
  SoupServerMessage *msg;       /* NULL once finished or disconnected */
  char              *path;
  GHashTable        *query;
  Op                 op;
  int                token;     /* McFakeToken, or -1 */
  int                business;  /* index, or -1 */
  gboolean           in_flight;
  GSource           *delay;
  gboolean           ignore_page_token;
} Request;

typedef struct
{
  GIOStream *stream;
  guint      sent;
} Trickle;

typedef struct
{
  guint     status;
  JsonNode *body;
} Reply;

struct _McFakeMarket
{
  GObject       parent_instance;

  GMutex        mutex;
  GCond         cond;
  McFakeData   *data;
  guint64       seed;
  char         *tokens[N_TOKENS];

  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  guint         port;
  gboolean      ready;
  GError       *start_error;
  char         *url;

  guint         latency;
  double        budget_scale;
  guint         life_min;
  guint         life_max;
  GSource      *life;         /* server thread only */
  GQueue        faults;

  guint         in_flight[MC_FAKE_N_BUSINESSES];
  guint         peak[MC_FAKE_N_BUSINESSES];
  Budget        budgets[MC_FAKE_N_BUSINESSES][N_OPS];
  guint         counts[N_OPS];
  guint         refused[MC_FAKE_N_BUSINESSES];
  guint         first_pages[N_OPS];
  guint         endless_serial;
  GPtrArray    *trickles;     /* Trickle, server thread only */
  GSource      *trickle_source;
  char         *until_header;
  gboolean      get_order_gone;
  guint         hour_length;
  GHashTable   *sent;         /* gint64* chat id -> GPtrArray of char* */
  GPtrArray    *hung;         /* Request, server thread only */
  GPtrArray    *delayed;      /* Request, server thread only */
  GPtrArray    *draining;     /* Request answered by stop(), server thread only */
};

/* The server thread pushes its context as its thread-default one, which
 * acquires it, and holds it until it ends: owning the context is what tells
 * that thread from the test's or the application's own.  The fields marked
 * "server thread only" are touched without the lock on this ground. */
#define mc_fake_assert_server_thread(self) \
  g_assert (g_main_context_is_owner ((self)->context))

/* HTTP helpers; the budget ones need the lock */

Reply G_GNUC_PRINTF (2, 3)
mc_fake_reply_error (guint       status,
                     const char *format,
                     ...);

Reply
mc_fake_reply_ok (JsonNode *result);

void
mc_fake_set_json_response (SoupServerMessage *msg,
                           guint              status,
                           JsonNode          *body);

guint
mc_fake_budget_limit (McFakeMarket *self,
                      Op            op);

Budget *
mc_fake_budget_get (McFakeMarket *self,
                    int           business,
                    Op            op);

void
mc_fake_set_limit_headers (McFakeMarket      *self,
                           SoupServerMessage *msg,
                           int                business,
                           Op                 op);

gboolean
mc_fake_query_get_int (Request    *req,
                       const char *name,
                       gint64      min,
                       gint64      max,
                       gboolean    required,
                       gint64      fallback,
                       gint64     *value,
                       Reply      *error);

GBytes *
mc_fake_request_body (Request *req);

JsonObject *
mc_fake_request_json (Request *req,
                      Reply   *error);

gboolean
mc_fake_member_get_int (JsonObject *object,
                        const char *member,
                        const char *path,
                        gint64      min,
                        gint64     *value,
                        Reply      *error);

gboolean
mc_fake_member_get_array (JsonObject  *object,
                          const char  *member,
                          JsonArray  **array,
                          Reply       *error);

gboolean
mc_fake_member_get_enum_mask (JsonObject  *object,
                              const char  *member,
                              int        (*from_string) (const char *),
                              gboolean   (*allowed) (int),
                              guint       *mask,
                              Reply       *error);

gboolean
mc_fake_parse_context_ref (JsonNode         *node,
                           const char       *path,
                           McFakeContextRef *ref,
                           Reply            *error);

char *
mc_fake_encode_page_token (McFakeMarket *self,
                           char          kind,
                           guint64       value);

gboolean
mc_fake_decode_page_token (McFakeMarket *self,
                           Request      *req,
                           char          kind,
                           guint64      *value,
                           Reply        *error);

void
mc_fake_add_paging (JsonObject *result,
                    char       *next_token);

gboolean
mc_fake_part_file (SoupMultipart  *multipart,
                   char          **out_name,
                   char          **out_type,
                   GBytes        **out_file,
                   Reply          *error);

/* Endpoints, called with the lock held */

Reply
mc_fake_handle_campaigns (McFakeMarket *self,
                          Request      *req);

Reply
mc_fake_handle_auth_token (McFakeMarket *self,
                           Request      *req);

McFakeChat *
mc_fake_request_chat (McFakeMarket *self,
                      Request      *req,
                      Reply        *error);

Reply
mc_fake_handle_get_chats (McFakeMarket *self,
                          Request      *req);

Reply
mc_fake_handle_get_chat (McFakeMarket *self,
                         Request      *req);

Reply
mc_fake_handle_create_chat (McFakeMarket *self,
                            Request      *req);

Reply
mc_fake_handle_history (McFakeMarket *self,
                        Request      *req);

Reply
mc_fake_handle_get_message (McFakeMarket *self,
                            Request      *req);

Reply
mc_fake_handle_send_message (McFakeMarket *self,
                             Request      *req);

Reply
mc_fake_handle_send_file (McFakeMarket *self,
                          Request      *req);

/* Orders and returns (mc-fake-market-orders.c) */

/* The operation of an order or return path, OP_UNKNOWN for any other;
 * *@expected_method is set for a known path. */
Op
mc_fake_orders_route (const char  *path,
                      const char **expected_method);

/* Whether @req's token may call its order operation, with the business
 * the path names; the lock is not held.  FALSE with the refusal in @reply. */
gboolean
mc_fake_orders_check_access (McFakeMarket *self,
                             Request      *req,
                             Reply        *reply);

Reply
mc_fake_handle_business_orders (McFakeMarket *self,
                                Request      *req);

Reply
mc_fake_handle_get_order (McFakeMarket *self,
                          Request      *req);

Reply
mc_fake_handle_get_return (McFakeMarket *self,
                           Request      *req);

/* Routing and faults, on the server thread */

void
mc_fake_request_unref (Request *req);

void
mc_fake_answer_now (SoupServerMessage *msg,
                    Reply              reply);

void
mc_fake_trickle_free (gpointer data);

void
mc_fake_handle_request (SoupServer        *server,
                        SoupServerMessage *msg,
                        const char        *path,
                        GHashTable        *query,
                        gpointer           user_data);

/* The simulated customer, on the server thread */

void
mc_fake_life_schedule (McFakeMarket *self);

G_END_DECLS
