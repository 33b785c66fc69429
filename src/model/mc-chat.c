/* mc-chat.c: one chat of a business, with what the Market says about it and
 * the little the app keeps locally (unread count, last message preview).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-chat.h"
#include "mc-enum-types.h"

/* Fields are ordered so the struct packs without holes: a list of 100,000
 * chats pays for every byte. */
struct _McChat
{
  GObject        parent_instance;

  gint64         chat_id;
  gint64         business_id;
  gint64         created_at;
  gint64         updated_at;
  gint64         waiting_since;
  McChatContext *context;
  char          *last_message_preview;
  guint          unread_count;
  guint8         type;
  guint8         status;
  /* Local: the history is known and holds no customer message. */
  guint8         no_customer_message;
  /* Local: the seller muted its notifications. */
  guint8         muted;
  /* Local: the seller's own marks, kept on this computer only. */
  guint8         pinned;
  guint8         marked_unread;
};

G_DEFINE_FINAL_TYPE (McChat, mc_chat, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CHAT_ID,
  PROP_BUSINESS_ID,
  PROP_CHAT_TYPE,
  PROP_STATUS,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_CONTEXT,
  PROP_UNREAD_COUNT,
  PROP_LAST_MESSAGE_PREVIEW,
  PROP_NO_CUSTOMER_MESSAGE,
  PROP_WAITING_SINCE,
  PROP_MUTED,
  PROP_PINNED,
  PROP_MARKED_UNREAD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mc_chat_dispose (GObject *object)
{
  McChat *self = (McChat *)object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (mc_chat_parent_class)->dispose (object);
}

static void
mc_chat_finalize (GObject *object)
{
  McChat *self = (McChat *)object;

  g_clear_pointer (&self->last_message_preview, g_free);

  G_OBJECT_CLASS (mc_chat_parent_class)->finalize (object);
}

static void
mc_chat_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  McChat *self = MC_CHAT (object);

  switch (prop_id)
    {
    case PROP_CHAT_ID:
      g_value_set_int64 (value, self->chat_id);
      break;

    case PROP_BUSINESS_ID:
      g_value_set_int64 (value, self->business_id);
      break;

    case PROP_CHAT_TYPE:
      g_value_set_enum (value, self->type);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;

    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_UNREAD_COUNT:
      g_value_set_uint (value, self->unread_count);
      break;

    case PROP_LAST_MESSAGE_PREVIEW:
      g_value_set_string (value, self->last_message_preview);
      break;

    case PROP_NO_CUSTOMER_MESSAGE:
      g_value_set_boolean (value, self->no_customer_message);
      break;

    case PROP_PINNED:
      g_value_set_boolean (value, self->pinned);
      break;

    case PROP_MARKED_UNREAD:
      g_value_set_boolean (value, self->marked_unread);
      break;

    case PROP_WAITING_SINCE:
      g_value_set_int64 (value, mc_chat_get_waiting_since (self));
      break;

    case PROP_MUTED:
      g_value_set_boolean (value, self->muted);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_chat_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  McChat *self = MC_CHAT (object);

  switch (prop_id)
    {
    case PROP_CHAT_TYPE:
      mc_chat_set_chat_type (self, g_value_get_enum (value));
      break;

    case PROP_STATUS:
      mc_chat_set_status (self, g_value_get_enum (value));
      break;

    case PROP_CREATED_AT:
      mc_chat_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      mc_chat_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_CONTEXT:
      mc_chat_set_context (self, g_value_get_object (value));
      break;

    case PROP_UNREAD_COUNT:
      mc_chat_set_unread_count (self, g_value_get_uint (value));
      break;

    case PROP_LAST_MESSAGE_PREVIEW:
      mc_chat_set_last_message_preview (self, g_value_get_string (value));
      break;

    case PROP_NO_CUSTOMER_MESSAGE:
      mc_chat_set_no_customer_message (self, g_value_get_boolean (value));
      break;

    case PROP_PINNED:
      mc_chat_set_pinned (self, g_value_get_boolean (value));
      break;

    case PROP_MARKED_UNREAD:
      mc_chat_set_marked_unread (self, g_value_get_boolean (value));
      break;

    case PROP_WAITING_SINCE:
      mc_chat_set_waiting_since (self, g_value_get_int64 (value));
      break;

    case PROP_MUTED:
      mc_chat_set_muted (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_chat_class_init (McChatClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mc_chat_dispose;
  object_class->finalize = mc_chat_finalize;
  object_class->get_property = mc_chat_get_property;
  object_class->set_property = mc_chat_set_property;

  /* The identity is set by mc_chat_new() and never changes; it is not a
   * construct property because those make every g_object_new() slower. */
  properties[PROP_CHAT_ID] =
    g_param_spec_int64 ("chat-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BUSINESS_ID] =
    g_param_spec_int64 ("business-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CHAT_TYPE] =
    g_param_spec_enum ("chat-type", NULL, NULL,
                       MC_TYPE_CHAT_TYPE,
                       MC_CHAT_TYPE_UNKNOWN,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       MC_TYPE_CHAT_STATUS,
                       MC_CHAT_STATUS_UNKNOWN,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         MC_TYPE_CHAT_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_UNREAD_COUNT] =
    g_param_spec_uint ("unread-count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_MESSAGE_PREVIEW] =
    g_param_spec_string ("last-message-preview", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NO_CUSTOMER_MESSAGE] =
    g_param_spec_boolean ("no-customer-message", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_WAITING_SINCE] =
    g_param_spec_int64 ("waiting-since", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PINNED] =
    g_param_spec_boolean ("pinned", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MARKED_UNREAD] =
    g_param_spec_boolean ("marked-unread", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MUTED] =
    g_param_spec_boolean ("muted", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mc_chat_init (McChat *self)
{
}

McChat *
mc_chat_new (gint64 chat_id,
             gint64 business_id)
{
  return mc_chat_new_full (chat_id, business_id,
                           MC_CHAT_TYPE_UNKNOWN, MC_CHAT_STATUS_UNKNOWN,
                           0, 0, NULL);
}

McChat *
mc_chat_new_full (gint64         chat_id,
                  gint64         business_id,
                  McChatType     type,
                  McChatStatus   status,
                  gint64         created_at,
                  gint64         updated_at,
                  McChatContext *context)
{
  McChat *self;

  g_return_val_if_fail (chat_id >= 0, NULL);
  g_return_val_if_fail (business_id >= 0, NULL);
  g_return_val_if_fail (!context || MC_IS_CHAT_CONTEXT (context), NULL);

  self = g_object_new (MC_TYPE_CHAT, NULL);
  self->chat_id = chat_id;
  self->business_id = business_id;
  self->type = type;
  self->status = status;
  self->created_at = created_at;
  self->updated_at = updated_at;
  self->context = context ? g_object_ref (context) : NULL;

  return self;
}

gint64
mc_chat_get_chat_id (McChat *self)
{
  g_return_val_if_fail (MC_IS_CHAT (self), 0);

  return self->chat_id;
}

gint64
mc_chat_get_business_id (McChat *self)
{
  g_return_val_if_fail (MC_IS_CHAT (self), 0);

  return self->business_id;
}

McChatType
mc_chat_get_chat_type (McChat *self)
{
  g_return_val_if_fail (MC_IS_CHAT (self), MC_CHAT_TYPE_UNKNOWN);

  return self->type;
}

void
mc_chat_set_chat_type (McChat     *self,
                       McChatType  type)
{
  g_return_if_fail (MC_IS_CHAT (self));

  if (self->type == type)
    return;

  self->type = type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHAT_TYPE]);
}

McChatStatus
mc_chat_get_status (McChat *self)
{
  g_return_val_if_fail (MC_IS_CHAT (self), MC_CHAT_STATUS_UNKNOWN);

  return self->status;
}

void
mc_chat_set_status (McChat       *self,
                    McChatStatus  status)
{
  g_return_if_fail (MC_IS_CHAT (self));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

gint64
mc_chat_get_created_at (McChat *self)
{
  g_return_val_if_fail (MC_IS_CHAT (self), 0);

  return self->created_at;
}

void
mc_chat_set_created_at (McChat *self,
                        gint64  created_at)
{
  g_return_if_fail (MC_IS_CHAT (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gint64
mc_chat_get_updated_at (McChat *self)
{
  g_return_val_if_fail (MC_IS_CHAT (self), 0);

  return self->updated_at;
}

void
mc_chat_set_updated_at (McChat *self,
                        gint64  updated_at)
{
  g_return_if_fail (MC_IS_CHAT (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

McChatContext *
mc_chat_get_context (McChat *self)
{
  g_return_val_if_fail (MC_IS_CHAT (self), NULL);

  return self->context;
}

void
mc_chat_set_context (McChat        *self,
                     McChatContext *context)
{
  g_return_if_fail (MC_IS_CHAT (self));
  g_return_if_fail (!context || MC_IS_CHAT_CONTEXT (context));

  if (g_set_object (&self->context, context))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

guint
mc_chat_get_unread_count (McChat *self)
{
  g_return_val_if_fail (MC_IS_CHAT (self), 0);

  return self->unread_count;
}

void
mc_chat_set_unread_count (McChat *self,
                          guint   unread_count)
{
  g_return_if_fail (MC_IS_CHAT (self));

  if (self->unread_count == unread_count)
    return;

  self->unread_count = unread_count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREAD_COUNT]);
}

const char *
mc_chat_get_last_message_preview (McChat *self)
{
  g_return_val_if_fail (MC_IS_CHAT (self), NULL);

  return self->last_message_preview;
}

void
mc_chat_set_last_message_preview (McChat     *self,
                                  const char *preview)
{
  g_return_if_fail (MC_IS_CHAT (self));

  if (g_strcmp0 (self->last_message_preview, preview) == 0)
    return;

  g_free (self->last_message_preview);
  self->last_message_preview = g_strdup (preview);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_MESSAGE_PREVIEW]);
}

gint64
mc_chat_get_waiting_since (McChat *self)
{
  g_return_val_if_fail (MC_IS_CHAT (self), 0);

  /* Until history tells, the last message is the best guess there is. */
  return self->waiting_since != 0 ? self->waiting_since : self->updated_at;
}

gint64
mc_chat_get_first_unanswered (McChat *self)
{
  g_return_val_if_fail (MC_IS_CHAT (self), 0);

  return self->waiting_since;
}

void
mc_chat_set_waiting_since (McChat *self,
                           gint64  waiting_since)
{
  g_return_if_fail (MC_IS_CHAT (self));

  if (self->waiting_since == waiting_since)
    return;

  self->waiting_since = waiting_since;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING_SINCE]);
}

gboolean
mc_chat_get_muted (McChat *self)
{
  g_return_val_if_fail (MC_IS_CHAT (self), FALSE);

  return self->muted;
}

void
mc_chat_set_muted (McChat   *self,
                   gboolean  muted)
{
  g_return_if_fail (MC_IS_CHAT (self));

  muted = !!muted;
  if (self->muted == muted)
    return;

  self->muted = muted;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUTED]);
}

gint64
mc_chat_get_campaign_id (McChat *self)
{
  g_return_val_if_fail (MC_IS_CHAT (self), 0);

  return self->context ? mc_chat_context_get_campaign_id (self->context) : 0;
}

const char *
mc_chat_get_customer_name (McChat *self)
{
  McCustomer *customer;

  g_return_val_if_fail (MC_IS_CHAT (self), NULL);

  if (self->context == NULL)
    return NULL;

  customer = mc_chat_context_get_customer (self->context);

  return customer ? mc_customer_get_name (customer) : NULL;
}

gboolean
mc_chat_needs_reply (McChat *self)
{
  g_return_val_if_fail (MC_IS_CHAT (self), FALSE);

  /* A chat the seller opened (by order number) is NEW until someone
   * writes, yet no customer waits in it. */
  return mc_chat_status_needs_reply (self->status) && !self->no_customer_message;
}

gboolean
mc_chat_get_no_customer_message (McChat *self)
{
  g_return_val_if_fail (MC_IS_CHAT (self), FALSE);

  return self->no_customer_message;
}

void
mc_chat_set_no_customer_message (McChat   *self,
                                 gboolean  none)
{
  g_return_if_fail (MC_IS_CHAT (self));

  none = !!none;
  if (self->no_customer_message == none)
    return;

  self->no_customer_message = none;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NO_CUSTOMER_MESSAGE]);
}

gboolean
mc_chat_get_pinned (McChat *self)
{
  g_return_val_if_fail (MC_IS_CHAT (self), FALSE);

  return self->pinned;
}

void
mc_chat_set_pinned (McChat   *self,
                    gboolean  pinned)
{
  g_return_if_fail (MC_IS_CHAT (self));

  pinned = !!pinned;
  if (self->pinned == pinned)
    return;

  self->pinned = pinned;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PINNED]);
}

gboolean
mc_chat_get_marked_unread (McChat *self)
{
  g_return_val_if_fail (MC_IS_CHAT (self), FALSE);

  return self->marked_unread;
}

void
mc_chat_set_marked_unread (McChat   *self,
                           gboolean  marked)
{
  g_return_if_fail (MC_IS_CHAT (self));

  marked = !!marked;
  if (self->marked_unread == marked)
    return;

  self->marked_unread = marked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARKED_UNREAD]);
}

gboolean
mc_chat_get_shows_unread (McChat *self)
{
  g_return_val_if_fail (MC_IS_CHAT (self), FALSE);

  return self->unread_count > 0 || self->marked_unread;
}

gboolean
mc_chat_update_from (McChat *self,
                     McChat *other)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (MC_IS_CHAT (self), FALSE);
  g_return_val_if_fail (MC_IS_CHAT (other), FALSE);
  g_return_val_if_fail (self->chat_id == other->chat_id, FALSE);

  if (self == other)
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));

  if (self->type != other->type)
    {
      mc_chat_set_chat_type (self, other->type);
      changed = TRUE;
    }

  if (self->status != other->status)
    {
      mc_chat_set_status (self, other->status);
      changed = TRUE;
    }

  if (self->created_at != other->created_at)
    {
      mc_chat_set_created_at (self, other->created_at);
      changed = TRUE;
    }

  if (self->updated_at != other->updated_at)
    {
      mc_chat_set_updated_at (self, other->updated_at);
      changed = TRUE;
    }

  /* The context is updated in place so that bindings on it stay valid. */
  if (!mc_chat_context_equal (self->context, other->context))
    {
      changed = TRUE;

      if (other->context == NULL)
        {
          mc_chat_set_context (self, NULL);
        }
      else if (self->context == NULL)
        {
          g_autoptr(McChatContext) copy = mc_chat_context_new (MC_CONTEXT_TYPE_UNKNOWN);

          mc_chat_context_update_from (copy, other->context);
          mc_chat_set_context (self, copy);
        }
      else
        {
          mc_chat_context_update_from (self->context, other->context);
        }
    }

  g_object_thaw_notify (G_OBJECT (self));

  return changed;
}
