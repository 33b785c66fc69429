/* mc-session.c: the cabinets of the seller (from the keyring, or the demo)
 * wired to one chat store, one sidebar and one sync engine.  The session's
 * other files: mc-session-cabinets.c (adding, refreshing and removing
 * cabinets), mc-session-load.c (start-up from the cabinets file and the
 * keyring), mc-session-demo.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-chat-timeline-private.h"
#include "mc-session-private.h"

G_DEFINE_ENUM_TYPE (McSessionState, mc_session_state,
  G_DEFINE_ENUM_VALUE (MC_SESSION_STATE_LOADING, "loading"),
  G_DEFINE_ENUM_VALUE (MC_SESSION_STATE_WELCOME, "welcome"),
  G_DEFINE_ENUM_VALUE (MC_SESSION_STATE_READY, "ready"),
  G_DEFINE_ENUM_VALUE (MC_SESSION_STATE_KEYRING_ERROR, "keyring-error"))

G_DEFINE_FINAL_TYPE (McSession, mc_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_ERROR,
  PROP_DEMO,
  PROP_BASE_URL,
  PROP_CABINETS,
  PROP_CHATS,
  PROP_STORES,
  PROP_SYNC,
  PROP_CAN_SEND,
  PROP_KEYRING_PENDING,
  PROP_REACHABLE,
  PROP_CHECKED,
  PROP_LAST_CHECK,
  PROP_SYNCING,
  PROP_PAUSED_UNTIL,
  PROP_PAUSED_METHOD,
  PROP_SYNC_ERROR,
  PROP_AUTH_ERROR,
  PROP_ONLINE,
  PROP_POLL_INTERVAL,
  PROP_EFFECTIVE_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OUTBOX_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
mc_session_set_state (McSession      *self,
                      McSessionState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* Takes @error (NULL clears it). */
void
mc_session_take_error (McSession *self,
                       GError    *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

void
mc_session_update_can_send (McSession *self)
{
  GListModel *model = G_LIST_MODEL (self->cabinets);
  guint n = g_list_model_get_n_items (model);
  gboolean can_send = FALSE;

  for (guint i = 0; i < n && !can_send; i++)
    {
      g_autoptr(McCabinet) cabinet = g_list_model_get_item (model, i);

      can_send = mc_cabinet_get_can_send (cabinet);
    }

  if (self->can_send == can_send)
    return;

  self->can_send = can_send;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SEND]);
}

/* Reachability: the network monitor, and every client's own word from its
 * last request, so that an unreachable Market shows within seconds of the
 * first failed attempt rather than after the retries. */
void
mc_session_update_reachable (McSession *self)
{
  GListModel *model = G_LIST_MODEL (self->cabinets);
  guint n = g_list_model_get_n_items (model);
  gboolean reachable = mc_sync_engine_get_online (self->sync);
  gint64 last_check = self->last_check;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(McCabinet) cabinet = g_list_model_get_item (model, i);
      McApiClient *client = mc_cabinet_get_client (cabinet);

      if (client == NULL)
        continue;
      reachable = reachable && mc_api_client_get_reachable (client);
      last_check = MAX (last_check, mc_api_client_get_last_answer (client));
    }

  g_object_freeze_notify (G_OBJECT (self));
  if (self->last_check != last_check)
    {
      self->last_check = last_check;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_CHECK]);
    }
  if (self->reachable != reachable)
    {
      self->reachable = reachable;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REACHABLE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* A sync that ran to its end with the Market answering: only from then on
 * may an empty Needs Reply mean that nothing waits. */
static void
on_sync_syncing_changed (McSession    *self,
                         GParamSpec   *pspec,
                         McSyncEngine *sync)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
  mc_session_update_reachable (self);
  if (self->checked || mc_sync_engine_get_syncing (sync) ||
      !self->reachable || self->last_check == 0)
    return;

  self->checked = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED]);
}

/* The method whose 420 pause ends last, for the banner to name. */
static void
on_sync_paused_until_changed (McSession    *self,
                              GParamSpec   *pspec,
                              McSyncEngine *sync)
{
  GListModel *model = G_LIST_MODEL (self->cabinets);
  guint n = g_list_model_get_n_items (model);
  const char *method_name = NULL;
  gint64 latest = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(McCabinet) cabinet = g_list_model_get_item (model, i);
      McApiClient *client = mc_cabinet_get_client (cabinet);

      if (client == NULL)
        continue;

      for (McApiMethod method = 0; method < MC_API_N_METHODS; method++)
        {
          gint64 until = mc_api_client_get_paused_until (client, method);

          if (until > latest)
            {
              latest = until;
              method_name = mc_api_method_get_display_name (method);
            }
        }
    }

  self->paused_method = method_name;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED_UNTIL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED_METHOD]);
}

/* The engine's pace, for the banner to judge whether messages arrive late. */
static void
on_sync_pace_changed (McSession    *self,
                      GParamSpec   *pspec,
                      McSyncEngine *sync)
{
  if (g_strcmp0 (pspec->name, "poll-interval") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLL_INTERVAL]);
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EFFECTIVE_INTERVAL]);
}

static void
on_sync_outbox_failed (McSession    *self,
                       McChat       *chat,
                       const char   *text,
                       McSyncEngine *sync)
{
  g_signal_emit (self, signals[OUTBOX_FAILED], 0, chat, text);
}

static void
on_sync_error (McSession    *self,
               McCabinet    *cabinet,
               GError       *error,
               McSyncEngine *sync)
{
  g_clear_error (&self->sync_error);
  self->sync_error = g_error_copy (error);

  if (mc_error_is_key_refused (error))
    {
      g_autofree char *text = mc_error_describe (error);

      g_free (self->auth_error);
      /* Translators: %s is the cabinet's name, then the API's own words. */
      self->auth_error = g_strdup_printf (_("The key of cabinet “%s” was refused: %s"),
                                          cabinet != NULL ? mc_cabinet_get_label (cabinet) : "",
                                          text);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTH_ERROR]);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_ERROR]);
}

/* A replaced or removed key gets a fresh chance. */
static void
on_cabinets_changed (McSession *self)
{
  if (self->auth_error == NULL)
    return;

  g_clear_pointer (&self->auth_error, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTH_ERROR]);
}

static void
on_sync_online_changed (McSession    *self,
                        GParamSpec   *pspec,
                        McSyncEngine *sync)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
  mc_session_update_reachable (self);
  if (mc_sync_engine_get_online (sync))
    mc_session_retry_unrefreshed (self);
}

void
mc_session_set_keyring_pending (McSession *self,
                                gboolean   pending)
{
  if (self->keyring_pending == pending)
    return;

  self->keyring_pending = pending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYRING_PENDING]);
}

void
mc_session_notify_demo (McSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

McSession *
mc_session_new (const char *base_url)
{
  return g_object_new (MC_TYPE_SESSION,
                       "base-url", base_url,
                       NULL);
}

McSessionState
mc_session_get_state (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), MC_SESSION_STATE_LOADING);

  return self->state;
}

const GError *
mc_session_get_error (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return self->error;
}

gboolean
mc_session_get_demo (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), FALSE);

  return self->demo;
}

const char *
mc_session_get_base_url (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return self->base_url;
}

GListModel *
mc_session_get_cabinets (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return G_LIST_MODEL (self->cabinets);
}

McChatStore *
mc_session_get_chats (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return self->chats;
}

McSidebarModel *
mc_session_get_stores (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return self->stores;
}

McSyncEngine *
mc_session_get_sync (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return self->sync;
}

gboolean
mc_session_get_can_send (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), FALSE);

  return self->can_send;
}

gboolean
mc_session_get_keyring_pending (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), FALSE);

  return self->keyring_pending;
}

gboolean
mc_session_get_reachable (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), FALSE);

  return self->reachable;
}

gboolean
mc_session_get_checked (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), FALSE);

  return self->checked;
}

gint64
mc_session_get_last_check (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), 0);

  return self->last_check;
}

gboolean
mc_session_get_syncing (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), FALSE);

  return self->sync != NULL && mc_sync_engine_get_syncing (self->sync);
}

gint64
mc_session_get_paused_until (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), 0);

  return self->sync != NULL ? mc_sync_engine_get_paused_until (self->sync) : 0;
}

const char *
mc_session_get_paused_method (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return self->paused_method;
}

const GError *
mc_session_get_sync_error (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return self->sync_error;
}

const char *
mc_session_get_auth_error (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return self->auth_error;
}

gboolean
mc_session_get_online (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), TRUE);

  return mc_sync_engine_get_online (self->sync);
}

guint
mc_session_get_poll_interval (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), 0);

  return mc_sync_engine_get_poll_interval (self->sync);
}

guint
mc_session_get_effective_interval (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), 0);

  return mc_sync_engine_get_effective_interval (self->sync);
}

void
mc_session_refresh (McSession *self)
{
  g_return_if_fail (MC_IS_SESSION (self));

  mc_session_retry_unrefreshed (self);
  mc_sync_engine_refresh (self->sync);
}

static void
mc_session_constructed (GObject *object)
{
  McSession *self = MC_SESSION (object);
  g_autofree char *origin = NULL;
  GError *error = NULL;

  G_OBJECT_CLASS (mc_session_parent_class)->constructed (object);

  if (self->base_url == NULL)
    self->base_url = g_strdup (MC_API_DEFAULT_URL);

  if (!mc_api_url_is_allowed (self->base_url, &error))
    {
      self->error = error;
      return;
    }

  /* Keys, the cabinets file and the caches belong to the origin they were
   * added for: another --api-url neither gets the Market's keys nor
   * writes its answers over the seller's history. */
  origin = mc_token_store_dup_origin_of_url (self->base_url);
  g_clear_object (&self->token_store);
  self->token_store = mc_token_store_new_for_origin (origin);
  mc_cache_set_api_origin (g_strcmp0 (origin, MC_TOKEN_STORE_DEFAULT_ORIGIN) != 0 ? origin : NULL);
}

static void
mc_session_dispose (GObject *object)
{
  McSession *self = MC_SESSION (object);
  guint n;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->start_sync_id, g_source_remove);
  g_clear_handle_id (&self->retry_refresh_id, g_source_remove);

  if (self->remembered != NULL)
    for (guint i = 0; i < self->remembered->len; i++)
      mc_cache_close (mc_cabinet_get_cache (g_ptr_array_index (self->remembered, i)));

  if (self->sync != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sync, self);
      mc_sync_engine_stop (self->sync);
    }

  if (self->cabinets != NULL)
    {
      n = g_list_model_get_n_items (G_LIST_MODEL (self->cabinets));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(McCabinet) cabinet = g_list_model_get_item (G_LIST_MODEL (self->cabinets), i);
          McCache *cache = mc_cabinet_get_cache (cabinet);

          g_signal_handlers_disconnect_by_data (cabinet, self);
          /* Every queued write lands before the files can go. */
          if (cache != NULL)
            mc_cache_close (cache);
        }
    }

  g_clear_object (&self->sync);
  g_clear_object (&self->stores);
  g_clear_object (&self->chats);
  g_clear_object (&self->cabinets);
  g_clear_pointer (&self->unrefreshed, g_ptr_array_unref);
  g_clear_pointer (&self->remembered, g_ptr_array_unref);
  g_clear_pointer (&self->pending_refresh, g_ptr_array_unref);

  if (self->fake_market != NULL)
    mc_fake_market_stop (self->fake_market);
  g_clear_object (&self->fake_market);

  mc_session_close_templates (self);
  if (self->demo_dir != NULL)
    mc_session_delete_demo_dir (self->demo_dir);
  g_clear_pointer (&self->demo_dir, g_free);

  G_OBJECT_CLASS (mc_session_parent_class)->dispose (object);
}

static void
mc_session_finalize (GObject *object)
{
  McSession *self = MC_SESSION (object);

  g_clear_object (&self->token_store);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  g_clear_error (&self->sync_error);
  g_clear_pointer (&self->auth_error, g_free);
  g_clear_pointer (&self->base_url, g_free);

  G_OBJECT_CLASS (mc_session_parent_class)->finalize (object);
}

static void
mc_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  McSession *self = MC_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;

    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_CABINETS:
      g_value_set_object (value, self->cabinets);
      break;

    case PROP_CHATS:
      g_value_set_object (value, self->chats);
      break;

    case PROP_STORES:
      g_value_set_object (value, self->stores);
      break;

    case PROP_SYNC:
      g_value_set_object (value, self->sync);
      break;

    case PROP_CAN_SEND:
      g_value_set_boolean (value, self->can_send);
      break;

    case PROP_REACHABLE:
      g_value_set_boolean (value, self->reachable);
      break;

    case PROP_CHECKED:
      g_value_set_boolean (value, self->checked);
      break;

    case PROP_LAST_CHECK:
      g_value_set_int64 (value, self->last_check);
      break;

    case PROP_KEYRING_PENDING:
      g_value_set_boolean (value, self->keyring_pending);
      break;

    case PROP_SYNCING:
      g_value_set_boolean (value, mc_session_get_syncing (self));
      break;

    case PROP_PAUSED_UNTIL:
      g_value_set_int64 (value, mc_session_get_paused_until (self));
      break;

    case PROP_PAUSED_METHOD:
      g_value_set_string (value, self->paused_method);
      break;

    case PROP_SYNC_ERROR:
      g_value_set_boxed (value, self->sync_error);
      break;

    case PROP_AUTH_ERROR:
      g_value_set_string (value, self->auth_error);
      break;

    case PROP_ONLINE:
      g_value_set_boolean (value, mc_sync_engine_get_online (self->sync));
      break;

    case PROP_POLL_INTERVAL:
      g_value_set_uint (value, mc_sync_engine_get_poll_interval (self->sync));
      break;

    case PROP_EFFECTIVE_INTERVAL:
      g_value_set_uint (value, mc_sync_engine_get_effective_interval (self->sync));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  McSession *self = MC_SESSION (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_free (self->base_url);
      self->base_url = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_session_class_init (McSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mc_session_constructed;
  object_class->dispose = mc_session_dispose;
  object_class->finalize = mc_session_finalize;
  object_class->get_property = mc_session_get_property;
  object_class->set_property = mc_session_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       MC_TYPE_SESSION_STATE,
                       MC_SESSION_STATE_LOADING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CABINETS] =
    g_param_spec_object ("cabinets", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_CHATS] =
    g_param_spec_object ("chats", NULL, NULL,
                         MC_TYPE_CHAT_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_STORES] =
    g_param_spec_object ("stores", NULL, NULL,
                         MC_TYPE_SIDEBAR_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_SYNC] =
    g_param_spec_object ("sync", NULL, NULL,
                         MC_TYPE_SYNC_ENGINE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_CAN_SEND] =
    g_param_spec_boolean ("can-send", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_KEYRING_PENDING] =
    g_param_spec_boolean ("keyring-pending", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_REACHABLE] =
    g_param_spec_boolean ("reachable", NULL, NULL,
                          TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CHECKED] =
    g_param_spec_boolean ("checked", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LAST_CHECK] =
    g_param_spec_int64 ("last-check", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SYNCING] =
    g_param_spec_boolean ("syncing", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PAUSED_UNTIL] =
    g_param_spec_int64 ("paused-until", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PAUSED_METHOD] =
    g_param_spec_string ("paused-method", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SYNC_ERROR] =
    g_param_spec_boxed ("sync-error", NULL, NULL,
                        G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_AUTH_ERROR] =
    g_param_spec_string ("auth-error", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL,
                          TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_POLL_INTERVAL] =
    g_param_spec_uint ("poll-interval", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_EFFECTIVE_INTERVAL] =
    g_param_spec_uint ("effective-interval", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A send the outbox gave up on: the chat and the text. */
  signals[OUTBOX_FAILED] =
    g_signal_new ("outbox-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, MC_TYPE_CHAT, G_TYPE_STRING);
}

static void
mc_session_init (McSession *self)
{
  self->state = MC_SESSION_STATE_LOADING;
  self->cancellable = g_cancellable_new ();
  self->cabinets = g_list_store_new (MC_TYPE_CABINET);
  self->chats = mc_chat_store_new ();
  self->stores = mc_sidebar_model_new (self->chats);
  self->sync = mc_sync_engine_new (self->chats);
  self->token_store = mc_token_store_new ();
  self->unrefreshed = g_ptr_array_new_with_free_func (g_object_unref);
  self->remembered = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending_refresh = g_ptr_array_new_with_free_func (g_object_unref);

  g_signal_connect_object (self->sync, "notify::online",
                           G_CALLBACK (on_sync_online_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::syncing",
                           G_CALLBACK (on_sync_syncing_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::paused-until",
                           G_CALLBACK (on_sync_paused_until_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::poll-interval",
                           G_CALLBACK (on_sync_pace_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::effective-interval",
                           G_CALLBACK (on_sync_pace_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "outbox-failed",
                           G_CALLBACK (on_sync_outbox_failed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "error",
                           G_CALLBACK (on_sync_error), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cabinets, "items-changed",
                           G_CALLBACK (on_cabinets_changed), self,
                           G_CONNECT_SWAPPED);
  self->reachable = mc_sync_engine_get_online (self->sync);
}

McChatTimeline *
mc_session_get_timeline (McSession *self,
                         McChat    *chat)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);
  g_return_val_if_fail (MC_IS_CHAT (chat), NULL);

  return mc_chat_timeline_lookup (self, chat);
}
