/* mc-api-client-private.h: what the files of McApiClient share.
 *
 * mc-api-client.c holds the object, mc-api-request.c the request engine
 * every call goes through, mc-api-limits.c its budgets, pauses and rate
 * headers, and mc-api-client-{accounts,chats,history,send}.c
 * the endpoints by family.  Nothing outside src/api/ includes this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mc-api-client.h"
#include "mc-api-pager.h"
#include "mc-rate-window.h"

G_BEGIN_DECLS

#define HOUR_USEC          (G_USEC_PER_SEC * G_GINT64_CONSTANT (3600))
#define NO_BUSINESS        0

typedef struct
{
  McRateWindow *window;
  gint64        paused_until; /* real time, usec */
  GSource      *resume_source;
  gint          remaining;
  gint          limit;
  gint64        limit_until;  /* real time, usec; 0 = unknown */
  guint64       request_count;
} McMethodState;

typedef struct
{
  gint64 business_id;
  guint  in_flight;
  GQueue waiting; /* McApiRequest* */
} McPool;

struct _McApiClient
{
  GObject        parent_instance;

  SoupSession   *session;
  GMainContext  *context;
  GCancellable  *cancellable;
  char          *base_url;
  McAuthKind     auth_kind;
  char          *token;
  double         backoff_scale;
  guint          max_retries;
  gboolean       unreachable;
  gint64         last_answer;
  guint          deadline;
  GHashTable    *pools; /* gint64* -> McPool* */
  McMethodState  methods[MC_API_N_METHODS];
};

enum {
  MC_API_CLIENT_PAUSED_CHANGED,
  MC_API_CLIENT_LIMITS_CHANGED,
  MC_API_CLIENT_REACHABILITY_CHANGED,
  MC_API_CLIENT_N_SIGNALS
};

extern guint mc_api_client_signals[MC_API_CLIENT_N_SIGNALS];

typedef enum
{
  REQUEST_NEW,
  REQUEST_QUEUED,
  REQUEST_SENDING,
  REQUEST_BACKOFF,
  REQUEST_DONE,
} McApiRequestState;

typedef struct _McApiRequest McApiRequest;

/* Turns a 2xx body into the task's value. */
typedef void (*McApiRequestComplete) (McApiRequest *req,
                                      const char   *data,
                                      gsize         length);

struct _McApiRequest
{
  McApiClient          *client;          /* unowned: the task holds it */
  GTask                *task;            /* unowned: owns this request */
  McApiMethod           method;
  gint64                business_id;
  gint64                chat_id;
  gint64                campaign_id;     /* orders and returns */
  const char           *http_method;
  GUri                 *uri;
  GBytes               *body;
  char                 *content_type;
  gboolean              retryable;
  guint                 retries;
  guint                 redirects;
  gboolean              with_auth;
  gsize                 max_size;
  McApiRequestComplete  complete;
  McApiRequestState     state;

  GCancellable         *cancellable;     /* ours, cancelled by the caller's or the client's */
  GCancellable         *caller_cancellable;
  GCancellable         *client_cancellable;
  gulong                caller_handler;
  gulong                client_handler;
  GSource              *cancel_source;
  GSource              *backoff_source;
  GCancellable         *attempt;         /* this attempt's, cancelled by ours or the deadline */
  gulong                attempt_handler;
  GSource              *deadline_source;
  gboolean              timed_out;

  SoupMessage          *msg;
  GInputStream         *stream;
  GByteArray           *buffer;
  guint                 status;
};

/* mc-api-request.c */
McApiRequest *mc_api_request_new           (McApiClient          *self,
                                            McApiMethod           method,
                                            gint64                business_id,
                                            const char           *http_method,
                                            GUri                 *uri,
                                            McApiRequestComplete  complete,
                                            gpointer              source_tag,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
void          mc_api_request_set_body      (McApiRequest         *req,
                                            const char           *content_type,
                                            GBytes               *body);
void          mc_api_request_set_json_body (McApiRequest         *req,
                                            JsonBuilder          *builder);
void          mc_api_request_submit        (McApiRequest         *req);
GTask        *mc_api_request_finish        (McApiRequest         *req);
void          mc_api_request_return_error  (McApiRequest         *req,
                                            GError               *error);
/* Finishes @req with @object (a GObject, taken), or with @error when
 * @object is NULL: what a parser of one object gives back. */
void          mc_api_request_return_object (McApiRequest         *req,
                                            gpointer              object,
                                            GError               *error);
GUri         *mc_api_client_build_uri      (McApiClient          *self,
                                            const char           *path,
                                            const char           *query);
gboolean      mc_api_same_origin           (GUri                 *a,
                                            GUri                 *b);
void          mc_api_pool_free             (gpointer              data);

/* mc-api-limits.c */
gboolean      mc_api_client_method_is_paused (McApiClient        *self,
                                              McApiMethod         method);
GError       *mc_api_client_paused_error   (McApiClient          *self,
                                            McApiMethod           method,
                                            const char           *api_message);
/* Fails every queued request of @method at once: a UI must not sit behind a
 * pause that may last an hour. */
void          mc_api_client_pause_method   (McApiClient          *self,
                                            McApiMethod           method,
                                            gint64                until);
void          mc_api_client_note_rate_headers (McApiClient        *self,
                                               McApiMethod         method,
                                               SoupMessageHeaders *headers,
                                               gint64             *out_until);
/* FALSE, with @req's method paused until a slot frees, when its hourly
 * budget is spent. */
gboolean      mc_api_client_check_budget   (McApiClient          *self,
                                            McApiRequest         *req);

/* mc-api-client.c: what the endpoints share */
gpointer      mc_api_client_finish_pointer (McApiClient          *self,
                                            GAsyncResult         *result,
                                            GError              **error);
gboolean      mc_api_client_finish_boolean (McApiClient          *self,
                                            GAsyncResult         *result,
                                            GError              **error);
gboolean      mc_api_check_ids             (GTask                *task,
                                            gint64                business_id,
                                            gint64                chat_id);
gboolean      mc_api_report_invalid_ids    (McApiClient          *self,
                                            gint64                business_id,
                                            gint64                chat_id,
                                            gpointer              source_tag,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
/* A request to @method's endpoint for @business_id (or NO_BUSINESS), with
 * chatId=@chat_id when it is positive, then @query, in the query string. */
McApiRequest *mc_api_request_new_for_endpoint (McApiClient          *self,
                                               McApiMethod           method,
                                               gint64                business_id,
                                               gint64                chat_id,
                                               const char           *query,
                                               McApiRequestComplete  complete,
                                               gpointer              source_tag,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
/* A request to @method's endpoint outside /v2/businesses/ (orders,
 * returns), its path filled with the ids it names; counted in
 * @business_id's pool. */
McApiRequest *mc_api_request_new_for_ids  (McApiClient          *self,
                                           McApiMethod           method,
                                           gint64                business_id,
                                           gint64                campaign_id,
                                           gint64                order_id,
                                           gint64                return_id,
                                           const char           *query,
                                           McApiRequestComplete  complete,
                                           gpointer              source_tag,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
void          mc_api_append_paging         (GString              *query,
                                            const char           *page_token,
                                            guint                 limit);

/* The state of a walk through every page of a listing. */
typedef struct
{
  GPtrArray  *items;
  McApiPager  pager;
  /* chats and history */
  gint64      business_id;
  gint64      chat_id;
  gint64      message_id_from;
  GBytes     *body;
  McChatContext *context;
  GPtrArray  *rejected;
} McApiWalk;

void          mc_api_walk_free             (gpointer              data);
McApiWalk    *mc_api_walk_new              (guint                 max_pages);
void          mc_api_walk_add              (McApiWalk            *walk,
                                            gint64                id,
                                            gpointer              item);
gboolean      mc_api_walk_continue         (McApiWalk            *walk,
                                            const char           *next_token,
                                            guint                 n_items,
                                            guint                 n_rejected);
GTask        *mc_api_walk_task_new         (McApiClient          *self,
                                            guint                 max_pages,
                                            gpointer              source_tag,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);

G_END_DECLS
