/* mc-session-private.h: what the files of McSession share: its fields and
 * the steps that the cabinets, the load and the demo parts call in one
 * another.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-cabinet-private.h"
#include "mc-chat-store.h"
#include "mc-error.h"
#include "mc-fake-market.h"
#include "mc-session.h"
#include "mc-sidebar-model.h"
#include "mc-sync-engine.h"
#include "mc-template-store.h"
#include "mc-token-store.h"

G_BEGIN_DECLS

struct _McSession
{
  GObject         parent_instance;

  char           *base_url;
  GError         *error;
  McSessionState  state;
  gboolean        demo;
  gboolean        can_send;
  gboolean        sync_started;
  /* mc_session_load() asked the keyring and has no answer yet. */
  gboolean        keyring_pending;

  /* Cabinets of the cabinets file whose cached chats are shown while the
   * keyring is asked for their keys: not in "cabinets" (they have no
   * client) until their key comes. */
  GPtrArray      *remembered;
  /* Cabinets from the keyring to refresh once the start-up frame is out. */
  GPtrArray      *pending_refresh;
  guint           start_sync_id;

  GListStore     *cabinets;
  McChatStore    *chats;
  McSidebarModel    *stores;
  McSyncEngine   *sync;
  McTokenStore   *token_store;

  /* Everything the session started; cancelled at dispose.  The callbacks
   * of that work hold no reference on the session: they return at once
   * when cancelled. */
  GCancellable   *cancellable;
  /* The running mc_session_load(), replaced by the next one. */
  GCancellable   *load_cancellable;

  /* Cabinets whose refresh failed (offline start): retried when the sync
   * engine is back online. */
  GPtrArray      *unrefreshed;
  guint           retry_refresh_id;

  /* See "reachable", "checked" and "last-check". */
  gboolean        reachable;
  gboolean        checked;
  gint64          last_check;

  /* See "paused-method", "sync-error" and "auth-error". */
  const char     *paused_method;
  GError         *sync_error;
  char           *auth_error;

  McFakeMarket   *fake_market;
  /* Caches of the demo live here, never next to the seller's own. */
  char           *demo_dir;
  guint           demo_pending;
  guint           demo_next;

  /* See mc-session-templates.c. */
  McCache         *templates_cache;
  McTemplateStore *templates;
  GError          *templates_error;
};


/* mc-session.c */
void       mc_session_set_state           (McSession      *self,
                                           McSessionState  state);
/* Takes @error (NULL clears it). */
void       mc_session_take_error          (McSession      *self,
                                           GError         *error);
void       mc_session_set_keyring_pending (McSession      *self,
                                           gboolean        pending);
void       mc_session_update_can_send     (McSession      *self);
void       mc_session_update_reachable    (McSession      *self);
/* mc-session-demo.c: deletes the demo's cache folder and its files. */
void       mc_session_delete_demo_dir     (const char     *path);
/* "demo" and "base-url" changed: mc_session_start_demo() ran. */
void       mc_session_notify_demo         (McSession      *self);

/* mc-session-templates.c */
void       mc_session_close_templates     (McSession      *self);

/* mc-session-cabinets.c */
gboolean   mc_session_find_cabinet        (McSession      *self,
                                           McCabinet      *cabinet,
                                           guint          *position);
McCabinet *mc_session_find_replaced       (McSession      *self,
                                           const char     *label,
                                           gint64          business_id);
McCabinet *mc_session_find_remembered     (McSession      *self,
                                           const char     *label,
                                           gint64          business_id);
void       mc_session_report_cache_error  (McSession      *self,
                                           McCabinet      *cabinet,
                                           const GError   *error);
void       mc_session_attach_cabinet      (McSession      *self,
                                           McCabinet      *cabinet);
void       mc_session_start_sync          (McSession      *self);
void       mc_session_add_to_list         (McSession      *self,
                                           McCabinet      *cabinet);
void       mc_session_detach_cabinet      (McSession      *self,
                                           McCabinet      *cabinet,
                                           gboolean        delete_cache);
void       mc_session_refresh_cabinet     (McSession      *self,
                                           McCabinet      *cabinet);
void       mc_session_retry_unrefreshed   (McSession      *self);
void       mc_session_forget_label        (const char     *label);

G_END_DECLS
