/* mc-chat-timeline.c: one opened chat, and the policy of sending in it.
 *
 * The widgets that show a chat only read this object and call its verbs:
 * what happens to a text that did not go out, when a draft is written and
 * whether the chat may be answered are decided here, once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mc-api-client.h"
#include "mc-cabinet-private.h"
#include "mc-cache.h"
#include "mc-chat-store.h"
#include "mc-sync-engine.h"
#include "mc-chat-timeline.h"
#include "mc-chat-timeline-private.h"
#include "mc-session.h"

/* A draft is written once the seller pauses, not at every key. */
#define DRAFT_DELAY_MSEC 500
/* Attachments the customer sent may be larger than what a seller may send. */
#define MAX_DOWNLOAD_SIZE (64 * 1024 * 1024)
#define REGISTRY_KEY "mc-chat-timelines"

G_STATIC_ASSERT (MC_CHAT_TIMELINE_MAX_TEXT_CHARS == MC_API_MAX_MESSAGE_CHARS);
G_STATIC_ASSERT (MC_CHAT_TIMELINE_MAX_FILE_SIZE == MC_API_MAX_FILE_SIZE);

G_DEFINE_FINAL_TYPE (McChatTimeline, mc_chat_timeline, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CHAT,
  PROP_MESSAGES,
  PROP_DRAFT,
  PROP_CAN_SEND,
  PROP_READ_ONLY_REASON,
  PROP_LOADING_OLDER,
  PROP_HAS_OLDER,
  PROP_REPLIED_ELSEWHERE,
  PROP_ORDER,
  PROP_RETURN,
  PROP_ORDER_STATE,
  PROP_ORDER_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

McSession *
mc_chat_timeline_dup_session (McChatTimeline *self)
{
  return g_weak_ref_get (&self->session);
}

static gboolean
text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* Known once the cabinet's cache is open, which may be after the chat. */
static McCache *
get_cache (McChatTimeline *self)
{
  g_autoptr(McSession) session = NULL;

  if (self->cache != NULL)
    return self->cache;

  session = mc_chat_timeline_dup_session (self);
  if (session != NULL)
    g_set_object (&self->cache, mc_chat_store_get_cache (mc_session_get_chats (session),
                                                         mc_chat_get_business_id (self->chat)));

  return self->cache;
}

/* Draft */

static void
write_draft (McChatTimeline *self)
{
  McCache *cache;

  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);

  cache = get_cache (self);
  if (cache != NULL)
    mc_cache_set_draft (cache, self->chat_id, text_is_blank (self->draft) ? NULL : self->draft);
}

static gboolean
on_draft_timeout (gpointer user_data)
{
  McChatTimeline *self = user_data;

  self->draft_timeout_id = 0;
  write_draft (self);

  return G_SOURCE_REMOVE;
}

const char *
mc_chat_timeline_get_draft (McChatTimeline *self)
{
  g_return_val_if_fail (MC_IS_CHAT_TIMELINE (self), NULL);

  return self->draft;
}

void
mc_chat_timeline_set_draft (McChatTimeline *self,
                            const char     *draft)
{
  g_return_if_fail (MC_IS_CHAT_TIMELINE (self));

  if (g_strcmp0 (self->draft, draft) == 0)
    return;

  g_free (self->draft);
  self->draft = g_strdup (draft);

  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  self->draft_timeout_id = g_timeout_add (DRAFT_DELAY_MSEC, on_draft_timeout, self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT]);

  /* The draft the notice was about is gone (sent or cleared). */
  if (text_is_blank (draft))
    mc_chat_timeline_dismiss_replied_elsewhere (self);
}

gboolean
mc_chat_timeline_get_replied_elsewhere (McChatTimeline *self)
{
  g_return_val_if_fail (MC_IS_CHAT_TIMELINE (self), FALSE);

  return self->replied_elsewhere;
}

void
mc_chat_timeline_dismiss_replied_elsewhere (McChatTimeline *self)
{
  g_return_if_fail (MC_IS_CHAT_TIMELINE (self));

  if (!self->replied_elsewhere)
    return;

  self->replied_elsewhere = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLIED_ELSEWHERE]);
}

static void
on_replied_elsewhere (McChatTimeline *self,
                      gint64          chat_id,
                      McMessage      *message,
                      McChatStore    *store)
{
  /* Whatever is in the composer now was started before that reply came:
   * two operators must not both answer. */
  if (chat_id != self->chat_id || text_is_blank (self->draft) || self->replied_elsewhere)
    return;

  self->replied_elsewhere = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLIED_ELSEWHERE]);
}

void
mc_chat_timeline_save_draft (McChatTimeline *self)
{
  g_return_if_fail (MC_IS_CHAT_TIMELINE (self));

  if (self->draft_timeout_id != 0)
    write_draft (self);
}

/* Puts @text in front of what is being written, and writes it at once:
 * it is the only copy left. */
void
mc_chat_timeline_give_back (McChatTimeline *self,
                            const char     *text)
{
  g_autofree char *joined = NULL;

  if (text_is_blank (text))
    return;

  if (text_is_blank (self->draft))
    joined = g_strdup (text);
  else
    joined = g_strconcat (text, "\n", self->draft, NULL);

  mc_chat_timeline_set_draft (self, joined);
  write_draft (self);
}

/* Whether the chat may be answered */

static void
update_read_only_reason (McChatTimeline *self)
{
  g_autoptr(McSession) session = mc_chat_timeline_dup_session (self);
  McCabinet *cabinet = NULL;
  const char *reason = NULL;
  gboolean could_send = self->read_only_reason == NULL;

  if (session != NULL)
    cabinet = mc_session_get_cabinet_for_chat (session, self->chat_id);

  if (cabinet == NULL && session != NULL && mc_session_get_keyring_pending (session))
    reason = _("Waiting for the keyring to give the cabinet’s key…");
  else if (cabinet == NULL)
    reason = _("The key of this chat’s cabinet is not available: these are the saved chats. "
               "Unlock the keyring, or add the key again in Preferences, to answer.");
  else if (!mc_cabinet_get_can_send (cabinet))
    reason = _("The key of this cabinet may only read chats. To answer, add a key with the "
               "“Communication with customers” access in Preferences.");
  else if (mc_chat_get_status (self->chat) == MC_CHAT_STATUS_FINISHED)
    reason = _("This chat is finished: the customer can no longer be answered in it.");

  if (g_strcmp0 (reason, self->read_only_reason) == 0)
    return;

  g_free (self->read_only_reason);
  self->read_only_reason = g_strdup (reason);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY_REASON]);
  if (could_send != (reason == NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SEND]);
}

gboolean
mc_chat_timeline_get_can_send (McChatTimeline *self)
{
  g_return_val_if_fail (MC_IS_CHAT_TIMELINE (self), FALSE);

  return self->read_only_reason == NULL;
}

const char *
mc_chat_timeline_get_read_only_reason (McChatTimeline *self)
{
  g_return_val_if_fail (MC_IS_CHAT_TIMELINE (self), NULL);

  return self->read_only_reason;
}

gboolean
mc_chat_timeline_return_no_session (GTask *task)
{
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("This chat is not known to any of your cabinets"));
  return FALSE;
}

/* History */

void
mc_chat_timeline_refresh (McChatTimeline *self)
{
  g_autoptr(McSession) session = NULL;

  g_return_if_fail (MC_IS_CHAT_TIMELINE (self));

  session = mc_chat_timeline_dup_session (self);
  if (session != NULL)
    mc_sync_engine_sync_chat (mc_session_get_sync (session), self->chat_id);
}

static void
set_loading_older (McChatTimeline *self,
                   gboolean        loading)
{
  if (self->loading_older == loading)
    return;

  self->loading_older = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING_OLDER]);
}

static void
on_older_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McChatTimeline *self = g_task_get_source_object (task);
  GError *error = NULL;

  set_loading_older (self, FALSE);

  if (mc_sync_engine_load_older_finish (MC_SYNC_ENGINE (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
mc_chat_timeline_load_older_async (McChatTimeline      *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(McSession) session = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MC_IS_CHAT_TIMELINE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mc_chat_timeline_load_older_async);

  if (self->loading_older || !mc_message_store_get_has_older (self->messages))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  session = mc_chat_timeline_dup_session (self);
  if (session == NULL)
    {
      mc_chat_timeline_return_no_session (task);
      return;
    }

  set_loading_older (self, TRUE);
  mc_sync_engine_load_older_async (mc_session_get_sync (session), self->chat_id, cancellable,
                                   on_older_loaded, g_steal_pointer (&task));
}

gboolean
mc_chat_timeline_load_older_finish (McChatTimeline  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
mc_chat_timeline_get_loading_older (McChatTimeline *self)
{
  g_return_val_if_fail (MC_IS_CHAT_TIMELINE (self), FALSE);

  return self->loading_older;
}

gboolean
mc_chat_timeline_get_has_older (McChatTimeline *self)
{
  g_return_val_if_fail (MC_IS_CHAT_TIMELINE (self), FALSE);

  return mc_message_store_get_has_older (self->messages);
}

void
mc_chat_timeline_mark_read (McChatTimeline *self)
{
  g_autoptr(McSession) session = NULL;
  gint64 last_id;

  g_return_if_fail (MC_IS_CHAT_TIMELINE (self));

  session = mc_chat_timeline_dup_session (self);
  if (session == NULL)
    return;

  last_id = mc_message_store_get_last_message_id (self->messages);
  if (last_id != 0)
    mc_chat_store_mark_read (mc_session_get_chats (session), self->chat_id, last_id);
  /* Seen: a mark the seller set to come back to it has done its job. */
  mc_chat_store_set_marked_unread (mc_session_get_chats (session), self->chat_id, FALSE);
}

gint64
mc_chat_timeline_get_first_unread_id (McChatTimeline *self)
{
  g_autoptr(McSession) session = NULL;
  GListModel *messages;
  gint64 marker, first = 0;
  guint n;

  g_return_val_if_fail (MC_IS_CHAT_TIMELINE (self), 0);

  session = mc_chat_timeline_dup_session (self);
  if (session == NULL || mc_chat_get_unread_count (self->chat) == 0)
    return 0;

  marker = mc_chat_store_get_read_marker (mc_session_get_chats (session), self->chat_id);
  messages = G_LIST_MODEL (self->messages);
  n = g_list_model_get_n_items (messages);
  /* From the newest back to the marker: only the tail is unread. */
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (messages, i - 1);
      gint64 id = mc_message_get_message_id (message);

      if (id == 0)
        continue;
      if (id <= marker)
        break;
      if (mc_message_get_sender (message) == MC_SENDER_CUSTOMER)
        first = id;
    }

  return first;
}

/* Attachments */

static void
on_downloaded (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GBytes *bytes;

  bytes = mc_api_client_download_finish (MC_API_CLIENT (object), result, &error);
  if (bytes != NULL)
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
  else
    g_task_return_error (task, error);
}

void
mc_chat_timeline_download_async (McChatTimeline      *self,
                                 McAttachment        *attachment,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(McSession) session = NULL;
  g_autoptr(GTask) task = NULL;
  McCabinet *cabinet = NULL;

  g_return_if_fail (MC_IS_CHAT_TIMELINE (self));
  g_return_if_fail (MC_IS_ATTACHMENT (attachment));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mc_chat_timeline_download_async);

  session = mc_chat_timeline_dup_session (self);
  if (session != NULL)
    cabinet = mc_session_get_cabinet_for_chat (session, self->chat_id);

  if (cabinet == NULL || mc_attachment_get_url (attachment) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("This file cannot be downloaded"));
      return;
    }

  /* The client fetches only https or loopback URLs, with the cabinet's key. */
  mc_api_client_download_async (mc_cabinet_get_client (cabinet),
                                mc_attachment_get_url (attachment),
                                MAX_DOWNLOAD_SIZE,
                                cancellable,
                                on_downloaded, g_steal_pointer (&task));
}

GBytes *
mc_chat_timeline_download_finish (McChatTimeline  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
mc_chat_timeline_dup_attachments_dir (McChatTimeline  *self,
                                      GError         **error)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (MC_IS_CHAT_TIMELINE (self), NULL);

  /* Per cabinet and chat: two customers' "photo.jpg" stay apart, and the
   * files go when the cabinet is removed. */
  dir = mc_cache_dup_attachments_dir (mc_chat_get_business_id (self->chat), self->chat_id);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           _("Could not create a folder for downloaded files"));
      return NULL;
    }

  return g_steal_pointer (&dir);
}

/* The object */

McChat *
mc_chat_timeline_get_chat (McChatTimeline *self)
{
  g_return_val_if_fail (MC_IS_CHAT_TIMELINE (self), NULL);

  return self->chat;
}

gint64
mc_chat_timeline_get_chat_id (McChatTimeline *self)
{
  g_return_val_if_fail (MC_IS_CHAT_TIMELINE (self), 0);

  return self->chat_id;
}

GListModel *
mc_chat_timeline_get_messages (McChatTimeline *self)
{
  g_return_val_if_fail (MC_IS_CHAT_TIMELINE (self), NULL);

  return G_LIST_MODEL (self->messages);
}

static void
on_has_older (McChatTimeline *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_OLDER]);
}

static void
unregister (McChatTimeline *self)
{
  g_autoptr(McSession) session = mc_chat_timeline_dup_session (self);
  GHashTable *registry = session != NULL ? g_object_get_data (G_OBJECT (session), REGISTRY_KEY) : NULL;

  if (registry != NULL && g_hash_table_lookup (registry, &self->chat_id) == self)
    g_hash_table_remove (registry, &self->chat_id);
}

McChatTimeline *
mc_chat_timeline_lookup (McSession *session,
                         McChat    *chat)
{
  GHashTable *registry;
  McChatTimeline *self;
  gint64 chat_id;
  McCache *cache;

  g_return_val_if_fail (MC_IS_SESSION (session), NULL);
  g_return_val_if_fail (MC_IS_CHAT (chat), NULL);

  chat_id = mc_chat_get_chat_id (chat);
  registry = g_object_get_data (G_OBJECT (session), REGISTRY_KEY);
  if (registry == NULL)
    {
      /* Values are not referenced: a timeline lives while the UI holds it. */
      registry = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_object_set_data_full (G_OBJECT (session), REGISTRY_KEY, registry,
                              (GDestroyNotify) g_hash_table_unref);
    }

  self = g_hash_table_lookup (registry, &chat_id);
  if (self != NULL)
    return g_object_ref (self);

  self = g_object_new (MC_TYPE_CHAT_TIMELINE, "chat", chat, NULL);
  g_weak_ref_set (&self->session, session);
  self->messages = mc_chat_store_get_messages (mc_session_get_chats (session), chat_id);
  g_signal_connect_object (self->messages, "notify::has-older", G_CALLBACK (on_has_older), self,
                           G_CONNECT_SWAPPED);

  cache = get_cache (self);
  self->draft = cache != NULL ? g_strdup (mc_cache_get_draft (cache, chat_id)) : NULL;

  /* A cabinet gets its key, or loses it, and a chat finishes, while it is
   * shown. */
  g_signal_connect_object (session, "notify::keyring-pending",
                           G_CALLBACK (update_read_only_reason), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (mc_session_get_cabinets (session), "items-changed",
                           G_CALLBACK (update_read_only_reason), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (chat, "notify::status",
                           G_CALLBACK (update_read_only_reason), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (mc_session_get_chats (session), "replied-elsewhere",
                           G_CALLBACK (on_replied_elsewhere), self, G_CONNECT_SWAPPED);
  update_read_only_reason (self);
  mc_chat_timeline_order_start (self);

  g_hash_table_insert (registry, g_memdup2 (&chat_id, sizeof chat_id), self);

  return self;
}

static void
mc_chat_timeline_dispose (GObject *object)
{
  McChatTimeline *self = MC_CHAT_TIMELINE (object);

  /* Nothing typed is lost when the last view of the chat goes. */
  if (self->draft_timeout_id != 0)
    write_draft (self);
  mc_chat_timeline_order_stop (self);
  unregister (self);

  G_OBJECT_CLASS (mc_chat_timeline_parent_class)->dispose (object);
}

static void
mc_chat_timeline_finalize (GObject *object)
{
  McChatTimeline *self = MC_CHAT_TIMELINE (object);

  g_weak_ref_clear (&self->session);
  g_clear_object (&self->chat);
  g_clear_object (&self->messages);
  g_clear_object (&self->cache);
  g_free (self->draft);
  g_free (self->read_only_reason);
  mc_chat_timeline_order_finalize (self);

  G_OBJECT_CLASS (mc_chat_timeline_parent_class)->finalize (object);
}

static void
mc_chat_timeline_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  McChatTimeline *self = MC_CHAT_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_CHAT:
      g_value_set_object (value, self->chat);
      break;

    case PROP_MESSAGES:
      g_value_set_object (value, self->messages);
      break;

    case PROP_DRAFT:
      g_value_set_string (value, self->draft);
      break;

    case PROP_CAN_SEND:
      g_value_set_boolean (value, mc_chat_timeline_get_can_send (self));
      break;

    case PROP_READ_ONLY_REASON:
      g_value_set_string (value, self->read_only_reason);
      break;

    case PROP_LOADING_OLDER:
      g_value_set_boolean (value, self->loading_older);
      break;

    case PROP_HAS_OLDER:
      g_value_set_boolean (value, mc_chat_timeline_get_has_older (self));
      break;

    case PROP_REPLIED_ELSEWHERE:
      g_value_set_boolean (value, self->replied_elsewhere);
      break;

    case PROP_ORDER:
      g_value_set_object (value, self->order);
      break;

    case PROP_RETURN:
      g_value_set_object (value, self->ret);
      break;

    case PROP_ORDER_STATE:
      g_value_set_enum (value, self->order_state);
      break;

    case PROP_ORDER_MESSAGE:
      g_value_set_string (value, self->order_message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_chat_timeline_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  McChatTimeline *self = MC_CHAT_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_CHAT:
      self->chat = g_value_dup_object (value);
      self->chat_id = mc_chat_get_chat_id (self->chat);
      break;

    case PROP_DRAFT:
      mc_chat_timeline_set_draft (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_chat_timeline_class_init (McChatTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mc_chat_timeline_dispose;
  object_class->finalize = mc_chat_timeline_finalize;
  object_class->get_property = mc_chat_timeline_get_property;
  object_class->set_property = mc_chat_timeline_set_property;

  properties[PROP_CHAT] =
    g_param_spec_object ("chat", NULL, NULL,
                         MC_TYPE_CHAT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGES] =
    g_param_spec_object ("messages", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DRAFT] =
    g_param_spec_string ("draft", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_SEND] =
    g_param_spec_boolean ("can-send", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY_REASON] =
    g_param_spec_string ("read-only-reason", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING_OLDER] =
    g_param_spec_boolean ("loading-older", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_OLDER] =
    g_param_spec_boolean ("has-older", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPLIED_ELSEWHERE] =
    g_param_spec_boolean ("replied-elsewhere", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORDER] =
    g_param_spec_object ("order", NULL, NULL,
                         MC_TYPE_ORDER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RETURN] =
    g_param_spec_object ("return", NULL, NULL,
                         MC_TYPE_RETURN,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORDER_STATE] =
    g_param_spec_enum ("order-state", NULL, NULL,
                       MC_TYPE_ORDER_STATE, MC_ORDER_STATE_NONE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORDER_MESSAGE] =
    g_param_spec_string ("order-message", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mc_chat_timeline_init (McChatTimeline *self)
{
  g_weak_ref_init (&self->session, NULL);
}
