/* mc-message.c: one message of a chat, from the Market or written here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "mc-enum-types.h"
#include "mc-message.h"

struct _McMessage
{
  GObject         parent_instance;

  gint64          message_id;
  gint64          chat_id;
  gint64          created_at;
  char           *text;
  char           *error;
  /* NULL until the first attachment: most messages have none. */
  GListStore     *attachments;
  McSender        sender;
  McMessageState  state;
  /* Local: a seller's message this app did not send. */
  gboolean        from_elsewhere;
};

G_DEFINE_FINAL_TYPE (McMessage, mc_message, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MESSAGE_ID,
  PROP_CHAT_ID,
  PROP_CREATED_AT,
  PROP_SENDER,
  PROP_TEXT,
  PROP_ATTACHMENTS,
  PROP_STATE,
  PROP_ERROR,
  PROP_FROM_ELSEWHERE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Shared by every message without attachments; nothing ever adds to it
 * because the getter hands it out as a read-only GListModel. */
static GListModel *
get_empty_attachments (void)
{
  static GListModel *empty;

  if (g_once_init_enter (&empty))
    g_once_init_leave (&empty, G_LIST_MODEL (g_list_store_new (MC_TYPE_ATTACHMENT)));

  return empty;
}

static void
mc_message_dispose (GObject *object)
{
  McMessage *self = (McMessage *)object;

  g_clear_object (&self->attachments);

  G_OBJECT_CLASS (mc_message_parent_class)->dispose (object);
}

static void
mc_message_finalize (GObject *object)
{
  McMessage *self = (McMessage *)object;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (mc_message_parent_class)->finalize (object);
}

static void
mc_message_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  McMessage *self = MC_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_MESSAGE_ID:
      g_value_set_int64 (value, self->message_id);
      break;

    case PROP_CHAT_ID:
      g_value_set_int64 (value, self->chat_id);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_SENDER:
      g_value_set_enum (value, self->sender);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_ATTACHMENTS:
      g_value_set_object (value, mc_message_get_attachments (self));
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    case PROP_FROM_ELSEWHERE:
      g_value_set_boolean (value, self->from_elsewhere);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_message_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  McMessage *self = MC_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_MESSAGE_ID:
      mc_message_set_message_id (self, g_value_get_int64 (value));
      break;

    case PROP_CREATED_AT:
      mc_message_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_SENDER:
      mc_message_set_sender (self, g_value_get_enum (value));
      break;

    case PROP_TEXT:
      mc_message_set_text (self, g_value_get_string (value));
      break;

    case PROP_STATE:
      mc_message_set_state (self, g_value_get_enum (value));
      break;

    case PROP_ERROR:
      mc_message_set_error (self, g_value_get_string (value));
      break;

    case PROP_FROM_ELSEWHERE:
      mc_message_set_from_elsewhere (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_message_class_init (McMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mc_message_dispose;
  object_class->finalize = mc_message_finalize;
  object_class->get_property = mc_message_get_property;
  object_class->set_property = mc_message_set_property;

  properties[PROP_MESSAGE_ID] =
    g_param_spec_int64 ("message-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Set once by mc_message_new(): a message never moves between chats. */
  properties[PROP_CHAT_ID] =
    g_param_spec_int64 ("chat-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SENDER] =
    g_param_spec_enum ("sender", NULL, NULL,
                       MC_TYPE_SENDER,
                       MC_SENDER_UNKNOWN,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ATTACHMENTS] =
    g_param_spec_object ("attachments", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       MC_TYPE_MESSAGE_STATE,
                       MC_MESSAGE_STATE_SENT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FROM_ELSEWHERE] =
    g_param_spec_boolean ("from-elsewhere", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mc_message_init (McMessage *self)
{
  self->state = MC_MESSAGE_STATE_SENT;
}

McMessage *
mc_message_new (gint64 message_id,
                gint64 chat_id)
{
  McMessage *self;

  g_return_val_if_fail (message_id >= 0, NULL);
  g_return_val_if_fail (chat_id >= 0, NULL);

  self = g_object_new (MC_TYPE_MESSAGE, NULL);
  self->message_id = message_id;
  self->chat_id = chat_id;

  return self;
}

gint64
mc_message_get_message_id (McMessage *self)
{
  g_return_val_if_fail (MC_IS_MESSAGE (self), 0);

  return self->message_id;
}

void
mc_message_set_message_id (McMessage *self,
                           gint64     message_id)
{
  g_return_if_fail (MC_IS_MESSAGE (self));
  g_return_if_fail (message_id >= 0);

  if (self->message_id == message_id)
    return;

  self->message_id = message_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE_ID]);
}

gint64
mc_message_get_chat_id (McMessage *self)
{
  g_return_val_if_fail (MC_IS_MESSAGE (self), 0);

  return self->chat_id;
}

gint64
mc_message_get_created_at (McMessage *self)
{
  g_return_val_if_fail (MC_IS_MESSAGE (self), 0);

  return self->created_at;
}

void
mc_message_set_created_at (McMessage *self,
                           gint64     created_at)
{
  g_return_if_fail (MC_IS_MESSAGE (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

McSender
mc_message_get_sender (McMessage *self)
{
  g_return_val_if_fail (MC_IS_MESSAGE (self), MC_SENDER_UNKNOWN);

  return self->sender;
}

void
mc_message_set_sender (McMessage *self,
                       McSender   sender)
{
  g_return_if_fail (MC_IS_MESSAGE (self));

  if (self->sender == sender)
    return;

  self->sender = sender;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENDER]);
}

const char *
mc_message_get_text (McMessage *self)
{
  g_return_val_if_fail (MC_IS_MESSAGE (self), NULL);

  return self->text;
}

void
mc_message_set_text (McMessage  *self,
                     const char *text)
{
  g_return_if_fail (MC_IS_MESSAGE (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

GListModel *
mc_message_get_attachments (McMessage *self)
{
  g_return_val_if_fail (MC_IS_MESSAGE (self), NULL);

  if (self->attachments == NULL)
    return get_empty_attachments ();

  return G_LIST_MODEL (self->attachments);
}

void
mc_message_add_attachment (McMessage    *self,
                           McAttachment *attachment)
{
  gboolean created = FALSE;

  g_return_if_fail (MC_IS_MESSAGE (self));
  g_return_if_fail (MC_IS_ATTACHMENT (attachment));

  if (self->attachments == NULL)
    {
      self->attachments = g_list_store_new (MC_TYPE_ATTACHMENT);
      created = TRUE;
    }

  g_list_store_append (self->attachments, attachment);

  /* Watchers of the shared empty model would never see this item. */
  if (created)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTACHMENTS]);
}

McMessageState
mc_message_get_state (McMessage *self)
{
  g_return_val_if_fail (MC_IS_MESSAGE (self), MC_MESSAGE_STATE_SENT);

  return self->state;
}

void
mc_message_set_state (McMessage      *self,
                      McMessageState  state)
{
  g_return_if_fail (MC_IS_MESSAGE (self));

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

const char *
mc_message_get_error (McMessage *self)
{
  g_return_val_if_fail (MC_IS_MESSAGE (self), NULL);

  return self->error;
}

void
mc_message_set_error (McMessage  *self,
                      const char *error)
{
  g_return_if_fail (MC_IS_MESSAGE (self));

  if (g_strcmp0 (self->error, error) == 0)
    return;

  g_free (self->error);
  self->error = g_strdup (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

gboolean
mc_message_get_from_elsewhere (McMessage *self)
{
  g_return_val_if_fail (MC_IS_MESSAGE (self), FALSE);

  return self->from_elsewhere;
}

void
mc_message_set_from_elsewhere (McMessage *self,
                               gboolean   from_elsewhere)
{
  g_return_if_fail (MC_IS_MESSAGE (self));

  from_elsewhere = !!from_elsewhere;
  if (self->from_elsewhere == from_elsewhere)
    return;

  self->from_elsewhere = from_elsewhere;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM_ELSEWHERE]);
}
