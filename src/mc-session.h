/* mc-session.h: everything the app knows at run time: the cabinets from the
 * keyring (or the demo), one store of all their chats, the sidebar, the
 * sync engine.  The window and the application both use one session.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mc-cabinet.h"
#include "mc-chat-timeline.h"
#include "mc-chat-store.h"
#include "mc-store-list.h"
#include "mc-sync-engine.h"

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
GType mc_session_state_get_type (void) G_GNUC_CONST;

#define MC_TYPE_SESSION (mc_session_get_type ())
G_DECLARE_FINAL_TYPE (McSession, mc_session, MC, SESSION, GObject)

/* Properties: "state" (McSessionState), "error" (GError boxed, nullable:
 * why the keyring failed, or why the base URL is not allowed: then it is set
 * from construction on and load() stops at KEYRING_ERROR without sending
 * any token), "demo" (gboolean), "base-url" (string),
 * "cabinets" (GListModel of McCabinet), "chats" (McChatStore), "stores"
 * (McStoreList), "sync" (McSyncEngine), "can-send" (TRUE when any cabinet
 * may answer), "keyring-pending" (TRUE while load() waits for the keyring),
 * "reachable" (FALSE while the network is down or a cabinet's last request
 * found the Market out of reach), "checked" (TRUE once a sync ran to its
 * end with the Market answering: before that an empty list proves
 * nothing), "last-check" (gint64 usec: when the Market last answered in
 * this run, 0 before). */
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

McSessionState mc_session_get_state       (McSession     *self);
const GError  *mc_session_get_error       (McSession     *self);
gboolean       mc_session_get_demo        (McSession     *self);
const char    *mc_session_get_base_url    (McSession     *self);
GListModel    *mc_session_get_cabinets    (McSession     *self);
McChatStore   *mc_session_get_chats       (McSession     *self);
McStoreList   *mc_session_get_stores      (McSession     *self);
McSyncEngine  *mc_session_get_sync        (McSession     *self);
gboolean       mc_session_get_can_send    (McSession     *self);
gboolean       mc_session_get_keyring_pending (McSession *self);
gboolean       mc_session_get_reachable   (McSession     *self);
gboolean       mc_session_get_checked     (McSession     *self);
gint64         mc_session_get_last_check  (McSession     *self);
/* The seller asked to check now: cabinets whose first refresh failed are
 * asked again, and the sync engine polls. */
void           mc_session_refresh         (McSession     *self);
McCabinet     *mc_session_get_cabinet_for_chat (McSession *self,
                                                gint64     chat_id);
/* The fake Market of the demo (NULL outside the demo), for tests. */
GObject       *mc_session_get_fake_market (McSession     *self);

/* The timeline of @chat (a chat of this session's store): the same object
 * for as long as anyone holds it, a new one after. */
McChatTimeline *mc_session_get_timeline   (McSession     *self,
                                           McChat        *chat);

G_END_DECLS
