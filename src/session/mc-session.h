/* mc-session.h: everything the app knows at run time: the cabinets from the
 * keyring (or the demo), one store of all their chats, the sidebar, the
 * sync engine.  The window and the application both use one session.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mc-auth-kind.h"
#include "mc-chat.h"
#include "mc-enums.h"
#include "mc-response-stats.h"
#include "mc-types.h"

G_BEGIN_DECLS

typedef enum
{
  MC_SESSION_STATE_LOADING,     /* looking up tokens in the keyring, nothing cached */
  MC_SESSION_STATE_WELCOME,     /* no cabinet stored: first start */
  MC_SESSION_STATE_READY,       /* at least one cabinet, or the cached chats of
                                 * the cabinets file while the keyring is asked
                                 * (see "keyring-pending"), or after it failed
                                 * (see "error": read-only then) */
  MC_SESSION_STATE_KEYRING_ERROR, /* the keyring could not be reached and nothing
                                   * is cached; see "error" */
} McSessionState;

#define MC_TYPE_SESSION_STATE (mc_session_state_get_type ())
GType mc_session_state_get_type (void);

#define MC_TYPE_SESSION (mc_session_get_type ())
G_DECLARE_FINAL_TYPE (McSession, mc_session, MC, SESSION, GObject)

/* Properties: "state" (McSessionState), "error" (GError boxed, nullable:
 * why the keyring failed, or why the base URL is not allowed: then it is set
 * from construction on and load() stops at KEYRING_ERROR without sending
 * any token), "demo" (gboolean), "base-url" (string),
 * "cabinets" (GListModel of McCabinet), "chats" (McChatStore), "stores"
 * (McSidebarModel), "sync" (McSyncEngine), "can-send" (TRUE when any cabinet
 * may answer), "keyring-pending" (TRUE while load() waits for the keyring),
 * "reachable" (FALSE while the network is down or a cabinet's last request
 * found the Market out of reach), "checked" (TRUE once a sync ran to its
 * end with the Market answering: before that an empty list proves
 * nothing), "last-check" (gint64 usec: when the Market last answered in
 * this run, 0 before), "syncing" (a sync is under way), "paused-until"
 * (gint64 usec: the latest 420 pause of any method, 0 when none),
 * "paused-method" (string: what that method does, for the seller, e.g.
 * "reading chats"), "sync-error" (GError boxed: the last error of a sync),
 * "auth-error" (string: a sentence for the seller when the Market refused
 * a cabinet's key; cleared when the cabinets change). */
McSession    *mc_session_new              (const char    *base_url);
/* Shows the cached chats and stores of the cabinets in the cabinets file
 * at once (READY before returning when there are any), then looks the
 * tokens up in the keyring: each key goes to its cabinet, a cabinet without
 * one leaves the view (its cache file stays), and syncing starts from an
 * idle of low priority, after the first frame.  Sets "state". */
void          mc_session_load             (McSession     *self);
/* Starts the fake Market in-process and a demo cabinet whose token never
 * touches the keyring. */
gboolean      mc_session_start_demo       (McSession     *self,
                                           GError       **error);
/* Checks a key (see mc_cabinet_connect_async()), stores it in the keyring,
 * opens its cache and starts syncing it.  Returns the cabinet. */
void          mc_session_add_cabinet_async  (McSession           *self,
                                             McAuthKind           kind,
                                             const char          *label,
                                             const char          *token,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
McCabinet    *mc_session_add_cabinet_finish (McSession           *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* Forgets the key in the keyring and deletes the cabinet's cache. */
void          mc_session_remove_cabinet_async  (McSession           *self,
                                                McCabinet           *cabinet,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean      mc_session_remove_cabinet_finish (McSession           *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* Starts a chat about an order or a return (@context_type, @number) in
 * the cabinet of @business_id (createChat), fetches it when the store does
 * not know it yet and merges it into "chats".  Returns the chat id, or 0
 * with @error.  createChat takes no store: when the chat belongs to
 * another store than @campaign_id (the one the seller picked), @notice
 * gets a sentence saying so (NULL otherwise). */
void           mc_session_start_chat_async  (McSession           *self,
                                             gint64               business_id,
                                             gint64               campaign_id,
                                             McContextType        context_type,
                                             gint64               number,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gint64         mc_session_start_chat_finish (McSession           *self,
                                             GAsyncResult        *result,
                                             char               **notice,
                                             GError             **error);

/* The response statistics of the last @days days of the cabinet
 * @business_id, of its store @campaign_id or of all its stores
 * (MC_RESPONSE_STATS_ALL_STORES; 0: its chats without a store), measured
 * by this app from the saved history against a reply target of
 * @target_minutes.  Computed off the main thread. */
void             mc_session_compute_stats_async  (McSession           *self,
                                                  gint64               business_id,
                                                  gint64               campaign_id,
                                                  guint                days,
                                                  guint                target_minutes,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
McResponseStats *mc_session_compute_stats_finish (McSession           *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

McSessionState mc_session_get_state       (McSession     *self);
const GError  *mc_session_get_error       (McSession     *self);
gboolean       mc_session_get_demo        (McSession     *self);
const char    *mc_session_get_base_url    (McSession     *self);
GListModel    *mc_session_get_cabinets    (McSession     *self);
McChatStore   *mc_session_get_chats       (McSession     *self);
McSidebarModel   *mc_session_get_stores      (McSession     *self);
/* The sync engine, for the application and tests; widgets use the
 * session's own properties and signals (tests/layering checks it). */
McSyncEngine  *mc_session_get_sync        (McSession     *self);
gboolean       mc_session_get_can_send    (McSession     *self);
gboolean       mc_session_get_keyring_pending (McSession *self);
gboolean       mc_session_get_reachable   (McSession     *self);
gboolean       mc_session_get_checked     (McSession     *self);
gint64         mc_session_get_last_check  (McSession     *self);
gboolean       mc_session_get_syncing     (McSession     *self);
gint64         mc_session_get_paused_until (McSession    *self);
const char    *mc_session_get_paused_method (McSession   *self);
const GError  *mc_session_get_sync_error  (McSession     *self);
const char    *mc_session_get_auth_error  (McSession     *self);
/* The network as the system sees it, and the sync engine's pace: how often
 * the seller asked chats to be checked and how often they are. */
gboolean       mc_session_get_online      (McSession     *self);
guint          mc_session_get_poll_interval (McSession   *self);
guint          mc_session_get_effective_interval (McSession *self);
/* The seller asked to check now: cabinets whose first refresh failed are
 * asked again, and the sync engine polls. */
void           mc_session_refresh         (McSession     *self);
McCabinet     *mc_session_get_cabinet_for_chat (McSession *self,
                                                gint64     chat_id);
/* The seller's reply templates (McTemplate), every cabinet's in one
 * list: a McTemplateStore, opened on the first call (the demo's are its
 * own).  NULL when they cannot be opened; see
 * mc_session_get_templates_error(). */
McTemplateStore *mc_session_get_templates       (McSession *self);
const GError    *mc_session_get_templates_error (McSession *self);

/* The fake Market of the demo (NULL outside the demo), for tests. */
GObject       *mc_session_get_fake_market (McSession     *self);

/* The seller's marks on a chat, kept on this computer: pinned to the top
 * of its views; marked unread until it is opened (or marked read) again.
 * Marking read also counts every message held as seen. */
void           mc_session_set_chat_pinned (McSession     *self,
                                           gint64         chat_id,
                                           gboolean       pinned);
void           mc_session_set_chat_unread (McSession     *self,
                                           gint64         chat_id,
                                           gboolean       unread);

/* The timeline of @chat (a chat of this session's store): the same object
 * for as long as anyone holds it, a new one after. */
McChatTimeline *mc_session_get_timeline   (McSession     *self,
                                           McChat        *chat);

G_END_DECLS
