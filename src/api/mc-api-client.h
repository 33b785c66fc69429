/* mc-api-client.h: the Partner API over libsoup.
 *
 * Every request is counted against its method's hourly budget, at most four
 * run at once per business (the rest wait in order), and after a 420 the
 * method pauses until X-RateLimit-Resource-Until.  Reads retry 5xx, network
 * errors and timeouts with back-off; sends never retry by themselves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mc-api-error.h"
#include "mc-auth-kind.h"
#include "mc-campaign.h"
#include "mc-chat.h"
#include "mc-message.h"
#include "mc-order.h"
#include "mc-return.h"

G_BEGIN_DECLS

#define MC_API_DEFAULT_URL "https://api.partner.market.yandex.ru"
#define MC_API_MAX_MESSAGE_CHARS 4096
#define MC_API_MAX_FILE_SIZE (5 * 1024 * 1024)
#define MC_API_MAX_IN_FLIGHT 4

typedef enum
{
  MC_API_METHOD_GET_CAMPAIGNS,
  MC_API_METHOD_AUTH_TOKEN,
  MC_API_METHOD_GET_CHATS,
  MC_API_METHOD_GET_CHAT,
  MC_API_METHOD_GET_CHAT_HISTORY,
  MC_API_METHOD_GET_CHAT_MESSAGE,
  MC_API_METHOD_SEND_MESSAGE,
  MC_API_METHOD_SEND_FILE,
  MC_API_METHOD_CREATE_CHAT,
  MC_API_METHOD_DOWNLOAD,
  MC_API_METHOD_GET_BUSINESS_ORDERS,
  MC_API_METHOD_GET_ORDER,
  MC_API_METHOD_GET_RETURN,
  MC_API_N_METHODS,
} McApiMethod;

/* The spec's hourly budget of @method (0 for DOWNLOAD: not budgeted). */
guint       mc_api_method_get_hourly_budget (McApiMethod method);
/* The spec's operationId, e.g. "getChats". */
const char *mc_api_method_get_name          (McApiMethod method);
/* A translated name for the seller, e.g. "reading chats". */
const char *mc_api_method_get_display_name  (McApiMethod method);

/* TRUE when @url is https, or http on 127.0.0.0/8, ::1 or localhost. */
gboolean    mc_api_url_is_allowed           (const char  *url,
                                             GError     **error);

/* Filters of getChats; NULL or 0-length arrays mean "absent". */
typedef struct
{
  const McChatStatus  *statuses;
  guint                n_statuses;
  const McChatType    *types;
  guint                n_types;
  const McContextType *context_types;
  guint                n_context_types;
} McChatFilter;

typedef struct
{
  GPtrArray *chats;           /* McChat */
  char      *next_page_token; /* NULL on the last page */
  GPtrArray *rejected;        /* char*: objects the parser skipped */
} McChatPage;

void        mc_chat_page_free  (McChatPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McChatPage, mc_chat_page_free)

typedef struct
{
  McChatContext *context;        /* nullable */
  GPtrArray     *messages;       /* McMessage */
  char          *next_page_token;
  GPtrArray     *rejected;
} McHistoryPage;

void        mc_history_page_free (McHistoryPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McHistoryPage, mc_history_page_free)

typedef struct
{
  char  *name;
  GStrv  scopes;
} McTokenInfo;

void        mc_token_info_free      (McTokenInfo *info);
/* ALL_METHODS or COMMUNICATION. */
gboolean    mc_token_info_can_send  (McTokenInfo *info);
/* can_send, or ALL_METHODS_READ_ONLY. */
gboolean    mc_token_info_can_read  (McTokenInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McTokenInfo, mc_token_info_free)

#define MC_TYPE_API_CLIENT (mc_api_client_get_type ())
G_DECLARE_FINAL_TYPE (McApiClient, mc_api_client, MC, API_CLIENT, GObject)

/* Fails (MC_API_ERROR_INVALID_INPUT) when @base_url is not allowed.  The
 * token is copied and never logged. */
McApiClient *mc_api_client_new (const char  *base_url,
                                McAuthKind   kind,
                                const char  *token,
                                GError     **error);

const char  *mc_api_client_get_base_url (McApiClient *self);
/* Seconds of network silence before a request times out (default 30); it
 * applies to connections opened afterwards. */
void         mc_api_client_set_timeout  (McApiClient *self,
                                         guint        seconds);
/* Scales retry back-off delays (default 1.0; tests use 0.01). */
void         mc_api_client_set_backoff_scale (McApiClient *self,
                                              double       scale);
/* How often a read that failed on the network, a timeout or a 5xx is tried
 * again, with back-off of about 1, 2, 4... seconds. */
#define MC_API_CLIENT_DEFAULT_RETRIES 3
void         mc_api_client_set_max_retries   (McApiClient *self,
                                              guint        max_retries);
/* Every attempt of a request ends after @seconds however the server
 * trickles its answer (default MC_API_CLIENT_DEFAULT_DEADLINE; file sends
 * and downloads get ten times as long). */
#define MC_API_CLIENT_DEFAULT_DEADLINE 60
void         mc_api_client_set_deadline      (McApiClient *self,
                                              guint        seconds);

/* Whether the Market answers: FALSE from a request that failed on the
 * network, timed out or got a 5xx, until the next answer; TRUE before any
 * request.  "reachability-changed" (no arguments) is emitted when it flips.
 * The last answer's time (usec, 0 before any) is when this client last
 * heard the Market. */
gboolean     mc_api_client_get_reachable      (McApiClient *self);
gint64       mc_api_client_get_last_answer    (McApiClient *self);

/* Budget and pauses.  "paused-changed" (no arguments) is emitted when a
 * method pauses or resumes; "limits-changed" when a Remaining header moved. */
gint64       mc_api_client_get_paused_until   (McApiClient *self,
                                               McApiMethod  method); /* usec, 0 if not paused */
/* Requests counted in the last hour, by this client. */
guint        mc_api_client_get_used_in_hour   (McApiClient *self,
                                               McApiMethod  method);
/* The last X-RateLimit-Resource-Remaining seen, or -1. */
gint         mc_api_client_get_remaining      (McApiClient *self,
                                               McApiMethod  method);
/* The last X-RateLimit-Resource-Limit seen, or -1, and the end of the
 * window that X-RateLimit-Resource-Until named (real time, usec), or 0. */
gint         mc_api_client_get_limit          (McApiClient *self,
                                               McApiMethod  method);
gint64       mc_api_client_get_limit_until    (McApiClient *self,
                                               McApiMethod  method);
/* Total requests sent since creation, per method (for benchmarks). */
guint64      mc_api_client_get_request_count  (McApiClient *self,
                                               McApiMethod  method);

void         mc_api_client_get_campaigns_async   (McApiClient          *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GPtrArray   *mc_api_client_get_campaigns_finish  (McApiClient          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

void         mc_api_client_check_token_async     (McApiClient          *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
McTokenInfo *mc_api_client_check_token_finish    (McApiClient          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* One page; @limit 1..20 (0 = server default). */
void         mc_api_client_get_chats_async       (McApiClient          *self,
                                                  gint64                business_id,
                                                  const McChatFilter   *filter,
                                                  const char           *page_token,
                                                  guint                 limit,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
McChatPage  *mc_api_client_get_chats_finish      (McApiClient          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Every page (limit 20), stopping on a repeated token, an empty page, or
 * after a cap of pages.  Returns McChat array. */
void         mc_api_client_get_all_chats_async   (McApiClient          *self,
                                                  gint64                business_id,
                                                  const McChatFilter   *filter,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GPtrArray   *mc_api_client_get_all_chats_finish  (McApiClient          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

void         mc_api_client_get_chat_async        (McApiClient          *self,
                                                  gint64                business_id,
                                                  gint64                chat_id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
McChat      *mc_api_client_get_chat_finish       (McApiClient          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* One page; @message_id_from 0 = from the start; @limit 1..100 (0 = default). */
void         mc_api_client_get_history_async     (McApiClient          *self,
                                                  gint64                business_id,
                                                  gint64                chat_id,
                                                  gint64                message_id_from,
                                                  const char           *page_token,
                                                  guint                 limit,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
McHistoryPage *mc_api_client_get_history_finish  (McApiClient          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Every page from @message_id_from, deduplicated by message id. */
void         mc_api_client_get_all_history_async (McApiClient          *self,
                                                  gint64                business_id,
                                                  gint64                chat_id,
                                                  gint64                message_id_from,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
McHistoryPage *mc_api_client_get_all_history_finish (McApiClient       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

void         mc_api_client_get_message_async     (McApiClient          *self,
                                                  gint64                business_id,
                                                  gint64                chat_id,
                                                  gint64                message_id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
McMessage   *mc_api_client_get_message_finish    (McApiClient          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* 1..4096 characters, checked before anything is sent (TOO_LARGE / INVALID_INPUT). */
void         mc_api_client_send_message_async    (McApiClient          *self,
                                                  gint64                business_id,
                                                  gint64                chat_id,
                                                  const char           *text,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean     mc_api_client_send_message_finish   (McApiClient          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* At most 5 MB and readable, checked before sending; MIME type guessed. */
void         mc_api_client_send_file_async       (McApiClient          *self,
                                                  gint64                business_id,
                                                  gint64                chat_id,
                                                  GFile                *file,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean     mc_api_client_send_file_finish      (McApiClient          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* @context_type ORDER or RETURN.  Returns the chat id (an existing one if any). */
void         mc_api_client_create_chat_async     (McApiClient          *self,
                                                  gint64                business_id,
                                                  McContextType         context_type,
                                                  gint64                context_id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gint64       mc_api_client_create_chat_finish    (McApiClient          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Downloads an attachment URL with this client's auth (https or loopback
 * only) into memory, at most @max_size bytes (0 = MC_API_MAX_FILE_SIZE).
 * Redirects are followed, without the token when they leave the origin. */
void         mc_api_client_download_async        (McApiClient          *self,
                                                  const char           *url,
                                                  gsize                 max_size,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GBytes      *mc_api_client_download_finish       (McApiClient          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Orders and returns for the order card.
 *
 * Which endpoint reads an order depends on the key's scopes (from
 * mc_api_client_check_token_finish(); NULL when not known, as for OAuth
 * tokens, which may use everything the cabinet may):
 * getBusinessOrders for ALL_METHODS, ALL_METHODS_READ_ONLY,
 * INVENTORY_AND_ORDER_PROCESSING (and its read-only form) and
 * FINANCE_AND_ACCOUNTING; the deprecated getOrder only for a key that has
 * COMMUNICATION and none of those; nothing for any other key. */
typedef enum
{
  MC_ORDER_ACCESS_NONE,
  MC_ORDER_ACCESS_BUSINESS_ORDERS,
  MC_ORDER_ACCESS_GET_ORDER,
} McOrderAccess;

McOrderAccess mc_api_order_access_for_scopes  (const char * const *scopes);
/* getReturn: the scopes of getBusinessOrders but FINANCE_AND_ACCOUNTING. */
gboolean      mc_api_scopes_allow_returns     (const char * const *scopes);

/* One order of @business_id's store @campaign_id by the endpoint @scopes
 * allow.  Fails with MC_API_ERROR_ORDERS_NOT_ALLOWED, without a request,
 * when the key may read no orders, and when getOrder answers 403, 404 or
 * 410 (the endpoint is shut down): the seller then needs the
 * order-processing scope.  MC_API_ERROR_NOT_FOUND when getBusinessOrders
 * does not know the order. */
void          mc_api_client_get_order_async   (McApiClient          *self,
                                               gint64                business_id,
                                               gint64                campaign_id,
                                               gint64                order_id,
                                               const char * const   *scopes,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
McOrder      *mc_api_client_get_order_finish  (McApiClient          *self,
                                               GAsyncResult         *result,
                                               GError              **error);

/* A return of an order; MC_API_ERROR_ORDERS_NOT_ALLOWED without a request
 * when the scopes do not allow getReturn. */
void          mc_api_client_get_return_async  (McApiClient          *self,
                                               gint64                business_id,
                                               gint64                campaign_id,
                                               gint64                order_id,
                                               gint64                return_id,
                                               const char * const   *scopes,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
McReturn     *mc_api_client_get_return_finish (McApiClient          *self,
                                               GAsyncResult         *result,
                                               GError              **error);

/* The endpoints themselves.  getBusinessOrders filtered by 1..50 order
 * ids, one page: McOrder array, in the Market's order. */
#define MC_API_MAX_ORDER_IDS 50
void          mc_api_client_get_business_orders_async  (McApiClient          *self,
                                                        gint64                business_id,
                                                        const gint64         *order_ids,
                                                        guint                 n_order_ids,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray    *mc_api_client_get_business_orders_finish (McApiClient          *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
/* getOrder as it answers, errors untranslated (see mc_api_client_get_order_async()). */
void          mc_api_client_get_legacy_order_async     (McApiClient          *self,
                                                        gint64                business_id,
                                                        gint64                campaign_id,
                                                        gint64                order_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
McOrder      *mc_api_client_get_legacy_order_finish    (McApiClient          *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS
