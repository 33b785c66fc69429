/* mc-message-store.c: a sorted array of messages with an index by id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mc-message-store.h"

struct _McMessageStore
{
  GObject     parent_instance;

  gint64      chat_id;
  /* Confirmed messages sorted, then the pending ones in the order added. */
  GPtrArray  *items;
  guint       n_confirmed;
  GHashTable *by_id;  /* gint64 * (owned) -> McMessage * (borrowed) */
  gboolean    has_older;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McMessageStore, mc_message_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_CHAT_ID,
  PROP_HAS_OLDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
mc_message_store_get_item_type (GListModel *model)
{
  return MC_TYPE_MESSAGE;
}

static guint
mc_message_store_get_n_items (GListModel *model)
{
  return MC_MESSAGE_STORE (model)->items->len;
}

static gpointer
mc_message_store_get_item (GListModel *model,
                           guint       position)
{
  McMessageStore *self = MC_MESSAGE_STORE (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = mc_message_store_get_item_type;
  iface->get_n_items = mc_message_store_get_n_items;
  iface->get_item = mc_message_store_get_item;
}

static void
mc_message_store_finalize (GObject *object)
{
  McMessageStore *self = (McMessageStore *) object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (mc_message_store_parent_class)->finalize (object);
}

static void
mc_message_store_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  McMessageStore *self = MC_MESSAGE_STORE (object);

  switch (prop_id)
    {
    case PROP_CHAT_ID:
      g_value_set_int64 (value, self->chat_id);
      break;
    case PROP_HAS_OLDER:
      g_value_set_boolean (value, self->has_older);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_message_store_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  McMessageStore *self = MC_MESSAGE_STORE (object);

  switch (prop_id)
    {
    case PROP_CHAT_ID:
      self->chat_id = g_value_get_int64 (value);
      break;
    case PROP_HAS_OLDER:
      mc_message_store_set_has_older (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_message_store_class_init (McMessageStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mc_message_store_finalize;
  object_class->get_property = mc_message_store_get_property;
  object_class->set_property = mc_message_store_set_property;

  properties[PROP_CHAT_ID] =
    g_param_spec_int64 ("chat-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_OLDER] =
    g_param_spec_boolean ("has-older", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mc_message_store_init (McMessageStore *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->has_older = TRUE;
}

McMessageStore *
mc_message_store_new (gint64 chat_id)
{
  return g_object_new (MC_TYPE_MESSAGE_STORE, "chat-id", chat_id, NULL);
}

gint64
mc_message_store_get_chat_id (McMessageStore *self)
{
  g_return_val_if_fail (MC_IS_MESSAGE_STORE (self), 0);
  return self->chat_id;
}

gboolean
mc_message_store_get_has_older (McMessageStore *self)
{
  g_return_val_if_fail (MC_IS_MESSAGE_STORE (self), FALSE);
  return self->has_older;
}

void
mc_message_store_set_has_older (McMessageStore *self,
                                gboolean        has_older)
{
  g_return_if_fail (MC_IS_MESSAGE_STORE (self));

  has_older = !!has_older;
  if (self->has_older == has_older)
    return;
  self->has_older = has_older;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_OLDER]);
}

static int
compare_messages (McMessage *a,
                  McMessage *b)
{
  gint64 ta = mc_message_get_created_at (a);
  gint64 tb = mc_message_get_created_at (b);
  gint64 ia, ib;

  if (ta != tb)
    return ta < tb ? -1 : 1;
  ia = mc_message_get_message_id (a);
  ib = mc_message_get_message_id (b);
  return (ia > ib) - (ia < ib);
}

static int
compare_message_ptrs (gconstpointer a,
                      gconstpointer b)
{
  return compare_messages (*(McMessage **) a, *(McMessage **) b);
}

/* First index among the confirmed messages that sorts after @message. */
static guint
upper_bound (McMessageStore *self,
             McMessage      *message)
{
  guint lo = 0, hi = self->n_confirmed;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_messages (g_ptr_array_index (self->items, mid), message) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

guint
mc_message_store_merge (McMessageStore *self,
                        GPtrArray      *messages)
{
  g_autoptr(GPtrArray) fresh = NULL;
  guint i;

  g_return_val_if_fail (MC_IS_MESSAGE_STORE (self), 0);
  g_return_val_if_fail (messages != NULL, 0);

  fresh = g_ptr_array_new ();
  for (i = 0; i < messages->len; i++)
    {
      McMessage *message = g_ptr_array_index (messages, i);
      gint64 id = mc_message_get_message_id (message);

      if (id == 0 || g_hash_table_contains (self->by_id, &id))
        continue;
      g_hash_table_insert (self->by_id, g_memdup2 (&id, sizeof id), message);
      g_ptr_array_add (fresh, message);
    }
  g_ptr_array_sort (fresh, compare_message_ptrs);

  /* Consecutive new messages that land at the same place go in as one run:
   * one items-changed each, and the usual cases (newer messages at the
   * end, an older page at the start) are a single run. */
  i = 0;
  while (i < fresh->len)
    {
      guint position = upper_bound (self, g_ptr_array_index (fresh, i));
      guint end = i + 1;

      while (end < fresh->len &&
             (position == self->n_confirmed ||
              compare_messages (g_ptr_array_index (fresh, end),
                                g_ptr_array_index (self->items, position)) < 0))
        end++;

      for (guint k = i; k < end; k++)
        g_ptr_array_insert (self->items, position + (k - i),
                            g_object_ref (g_ptr_array_index (fresh, k)));
      self->n_confirmed += end - i;
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, end - i);
      i = end;
    }

  return fresh->len;
}

guint
mc_message_store_merge_older (McMessageStore *self,
                              GPtrArray      *messages,
                              gboolean        has_older)
{
  guint added;

  g_return_val_if_fail (MC_IS_MESSAGE_STORE (self), 0);

  added = mc_message_store_merge (self, messages);
  mc_message_store_set_has_older (self, has_older);
  return added;
}

McMessage *
mc_message_store_lookup (McMessageStore *self,
                         gint64          message_id)
{
  g_return_val_if_fail (MC_IS_MESSAGE_STORE (self), NULL);
  return g_hash_table_lookup (self->by_id, &message_id);
}

gint64
mc_message_store_get_last_message_id (McMessageStore *self)
{
  gint64 last = 0;

  g_return_val_if_fail (MC_IS_MESSAGE_STORE (self), 0);

  /* Late messages may sort before older ids, so scan rather than peek. */
  for (guint i = 0; i < self->n_confirmed; i++)
    last = MAX (last, mc_message_get_message_id (g_ptr_array_index (self->items, i)));
  return last;
}

gint64
mc_message_store_get_first_message_id (McMessageStore *self)
{
  gint64 first = 0;

  g_return_val_if_fail (MC_IS_MESSAGE_STORE (self), 0);

  for (guint i = 0; i < self->n_confirmed; i++)
    {
      gint64 id = mc_message_get_message_id (g_ptr_array_index (self->items, i));

      if (first == 0 || id < first)
        first = id;
    }
  return first;
}

void
mc_message_store_add_pending (McMessageStore *self,
                              McMessage      *message)
{
  g_return_if_fail (MC_IS_MESSAGE_STORE (self));
  g_return_if_fail (MC_IS_MESSAGE (message));
  g_return_if_fail (mc_message_get_message_id (message) == 0);

  if (mc_message_get_state (message) == MC_MESSAGE_STATE_SENT)
    mc_message_set_state (message, MC_MESSAGE_STATE_PENDING);
  g_ptr_array_add (self->items, g_object_ref (message));
  g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);
}

void
mc_message_store_remove_pending (McMessageStore *self,
                                 McMessage      *pending)
{
  g_return_if_fail (MC_IS_MESSAGE_STORE (self));

  for (guint i = self->n_confirmed; i < self->items->len; i++)
    {
      if (g_ptr_array_index (self->items, i) == pending)
        {
          g_ptr_array_remove_index (self->items, i);
          g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 0);
          return;
        }
    }
}

void
mc_message_store_confirm_pending (McMessageStore *self,
                                  McMessage      *pending,
                                  McMessage      *confirmed)
{
  g_autoptr(GPtrArray) one = NULL;

  g_return_if_fail (MC_IS_MESSAGE_STORE (self));
  g_return_if_fail (MC_IS_MESSAGE (confirmed));

  mc_message_store_remove_pending (self, pending);
  one = g_ptr_array_new ();
  g_ptr_array_add (one, confirmed);
  mc_message_store_merge (self, one);
}
