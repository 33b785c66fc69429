/* mc-chat-view.c: a filtered, sorted array of borrowed chats over a
 * McChatStore.  A change of filter rebuilds it; a merge into the store is
 * applied as a diff, so only chats that entered, left or moved are
 * signalled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mc-chat-store-private.h"
#include "mc-chat-view.h"

/* Past this share of the store changed at once, rebuilding is cheaper. */
#define REBUILD_DIVISOR 4

struct _McChatView
{
  GObject           parent_instance;

  McChatStore      *store;
  gulong            items_changed_id;
  gulong            chats_updated_id;
  gulong            waiting_changed_id;
  gulong            clocks_changed_id;

  gint64            business_id;
  McCampaignFilter  campaign_filter;
  gint64            campaign_id;
  McChatViewMode    mode;
  char             *search_text;
  char             *search_folded;  /* NULL when not searching */

  GPtrArray        *items;          /* McChat *, borrowed from the store */

  /* While a diff is being signalled the model reads as
   * next[0 .. split_next) followed by items[split_items ..]. */
  GPtrArray        *next;
  guint             split_next;
  guint             split_items;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McChatView, mc_chat_view, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSINESS_ID,
  PROP_CAMPAIGN_FILTER,
  PROP_CAMPAIGN_ID,
  PROP_MODE,
  PROP_SEARCH_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
mc_chat_view_get_item_type (GListModel *model)
{
  return MC_TYPE_CHAT;
}

static guint
mc_chat_view_get_n_items (GListModel *model)
{
  McChatView *self = MC_CHAT_VIEW (model);

  if (self->next != NULL)
    return self->split_next + (self->items->len - self->split_items);
  return self->items->len;
}

static gpointer
mc_chat_view_get_item (GListModel *model,
                       guint       position)
{
  McChatView *self = MC_CHAT_VIEW (model);

  if (self->next != NULL)
    {
      if (position < self->split_next)
        return g_object_ref (g_ptr_array_index (self->next, position));
      position = position - self->split_next + self->split_items;
    }

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = mc_chat_view_get_item_type;
  iface->get_n_items = mc_chat_view_get_n_items;
  iface->get_item = mc_chat_view_get_item;
}

/* Filtering and sorting */

/* A search covers every chat of the store, whatever the view: a customer
 * looked up by name must not hide behind "Needs reply".  Found chats come
 * newest first, as in All. */
static McChatViewMode
effective_mode (McChatView *self)
{
  return self->search_folded != NULL ? MC_CHAT_VIEW_MODE_ALL : self->mode;
}

/* Needs Reply and Overdue put the customer who has waited longest first. */
static gboolean
sorts_by_wait (McChatView *self)
{
  McChatViewMode mode = effective_mode (self);

  return mode == MC_CHAT_VIEW_MODE_NEEDS_REPLY || mode == MC_CHAT_VIEW_MODE_OVERDUE;
}

static gboolean
matches_mode (McChatView *self,
              McChat     *chat)
{
  McChatStatus status = mc_chat_get_status (chat);

  switch (effective_mode (self))
    {
    case MC_CHAT_VIEW_MODE_NEEDS_REPLY:
      return mc_chat_needs_reply (chat);
    case MC_CHAT_VIEW_MODE_OVERDUE:
      return mc_chat_needs_reply (chat) &&
             mc_chat_store_is_overdue (self->store, chat, mc_chat_store_get_now (self->store));
    case MC_CHAT_VIEW_MODE_WAITING_FOR_CUSTOMER:
      return status == MC_CHAT_STATUS_WAITING_FOR_CUSTOMER;
    case MC_CHAT_VIEW_MODE_DISPUTES:
      return mc_chat_get_chat_type (chat) == MC_CHAT_TYPE_ARBITRAGE ||
             status == MC_CHAT_STATUS_WAITING_FOR_ARBITER;
    case MC_CHAT_VIEW_MODE_FINISHED:
      return status == MC_CHAT_STATUS_FINISHED;
    case MC_CHAT_VIEW_MODE_ALL:
    default:
      return TRUE;
    }
}

static gboolean
number_matches (gint64      number,
                const char *needle)
{
  char digits[24];

  if (number == 0)
    return FALSE;
  g_snprintf (digits, sizeof digits, "%" G_GINT64_FORMAT, number);
  return strstr (digits, needle) != NULL;
}

static gboolean
matches_search (McChatView *self,
                McChat     *chat)
{
  McChatContext *context;

  if (self->search_folded == NULL)
    return TRUE;

  context = mc_chat_get_context (chat);
  if (context != NULL &&
      (number_matches (mc_chat_context_get_order_id (context), self->search_folded) ||
       number_matches (mc_chat_context_get_return_id (context), self->search_folded)))
    return TRUE;

  return strstr (mc_chat_store_peek_folded_name (self->store, chat), self->search_folded) != NULL;
}

static gboolean
matches (McChatView *self,
         McChat     *chat)
{
  if (self->business_id != 0 && mc_chat_get_business_id (chat) != self->business_id)
    return FALSE;

  switch (self->campaign_filter)
    {
    case MC_CAMPAIGN_FILTER_ONE:
      if (mc_chat_get_campaign_id (chat) != self->campaign_id)
        return FALSE;
      break;
    case MC_CAMPAIGN_FILTER_NONE:
      if (mc_chat_get_campaign_id (chat) != 0)
        return FALSE;
      break;
    case MC_CAMPAIGN_FILTER_ALL:
    default:
      break;
    }

  return matches_mode (self, chat) && matches_search (self, chat);
}

/* Sort keys are copied out so that sorting 100,000 chats compares plain
 * integers instead of calling getters.  Needs Reply sorts by how long the
 * customer has waited, the other views by the last activity. */
typedef struct
{
  gint64  updated_at;
  gint64  chat_id;
  McChat *chat;
  gboolean pinned;
} SortKey;

/* Pinned chats come first in every view, whichever way it sorts. */
static int
compare_pins (const SortKey *ka,
              const SortKey *kb)
{
  return (kb->pinned != 0) - (ka->pinned != 0);
}

static int
compare_keys_ascending (const void *a,
                        const void *b)
{
  const SortKey *ka = a, *kb = b;

  if (ka->pinned != kb->pinned)
    return compare_pins (ka, kb);
  if (ka->updated_at != kb->updated_at)
    return ka->updated_at < kb->updated_at ? -1 : 1;
  return (ka->chat_id > kb->chat_id) - (ka->chat_id < kb->chat_id);
}

static int
compare_keys_descending (const void *a,
                         const void *b)
{
  const SortKey *ka = a, *kb = b;

  if (ka->pinned != kb->pinned)
    return compare_pins (ka, kb);
  return compare_keys_ascending (b, a);
}

static SortKey
key_of (McChatView *self,
        McChat     *chat)
{
  SortKey key = { sorts_by_wait (self) ? mc_chat_get_waiting_since (chat)
                                       : mc_chat_get_updated_at (chat),
                  mc_chat_get_chat_id (chat), chat, mc_chat_get_pinned (chat) };

  return key;
}

static int
compare_chats (McChatView *self,
               McChat     *a,
               McChat     *b)
{
  SortKey ka = key_of (self, a), kb = key_of (self, b);

  if (sorts_by_wait (self))
    return compare_keys_ascending (&ka, &kb);
  return compare_keys_descending (&ka, &kb);
}

static void
sort_chats (McChatView *self,
            GPtrArray  *chats)
{
  g_autofree SortKey *keys = g_new (SortKey, MAX (chats->len, 1));

  for (guint i = 0; i < chats->len; i++)
    keys[i] = key_of (self, g_ptr_array_index (chats, i));
  qsort (keys, chats->len, sizeof (SortKey),
         sorts_by_wait (self) ? compare_keys_ascending : compare_keys_descending);
  for (guint i = 0; i < chats->len; i++)
    chats->pdata[i] = keys[i].chat;
}

static void
rebuild (McChatView *self)
{
  GListModel *store = G_LIST_MODEL (self->store);
  guint n = g_list_model_get_n_items (store);
  g_autoptr(GPtrArray) items = g_ptr_array_sized_new (n);
  guint old_len = self->items->len;

  for (guint i = 0; i < n; i++)
    {
      McChat *chat = mc_chat_store_peek_item (self->store, i);

      if (matches (self, chat))
        g_ptr_array_add (items, chat);
    }
  sort_chats (self, items);

  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&items);

  if (old_len > 0 || self->items->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->items->len);
}

/* Keeps only the shown chats that still match; they stay in order. */
static void
narrow (McChatView *self)
{
  guint old_len = self->items->len, kept = 0;

  if (self->store == NULL || self->chats_updated_id == 0)
    return;

  for (guint i = 0; i < old_len; i++)
    {
      McChat *chat = self->items->pdata[i];

      if (matches_search (self, chat))
        self->items->pdata[kept++] = chat;
    }
  g_ptr_array_set_size (self->items, kept);

  if (kept != old_len)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, kept);
}

/* Signals the change from self->items to @next one run at a time: a run of
 * changed chats leaving and entering at the same place is one
 * items-changed.  Unchanged chats keep their relative order in both
 * arrays, so walking both at once pairs them up. */
static void
apply_diff (McChatView *self,
            GPtrArray  *next,
            GHashTable *changed)
{
  GPtrArray *items = self->items;
  guint i = 0, j = 0;

  self->next = next;
  while (i < items->len || j < next->len)
    {
      guint removed = 0, added = 0, position = j;

      while (i < items->len || j < next->len)
        {
          if (i < items->len && j < next->len && items->pdata[i] == next->pdata[j])
            break;
          if (i < items->len && g_hash_table_contains (changed, items->pdata[i]))
            {
              removed++;
              i++;
            }
          else
            {
              added++;
              j++;
            }
        }

      if (removed > 0 || added > 0)
        {
          self->split_next = j;
          self->split_items = i;
          g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
        }

      if (i < items->len && j < next->len)
        {
          i++;
          j++;
        }
    }
  self->next = NULL;

  self->items = g_ptr_array_ref (next);
  g_ptr_array_unref (items);
}

static void
on_chats_updated (McChatView  *self,
                  GPtrArray   *updated,
                  McChatStore *store)
{
  g_autoptr(GHashTable) changed = NULL;
  g_autoptr(GPtrArray) entering = NULL;
  g_autoptr(GPtrArray) next = NULL;
  guint i = 0, j = 0;

  if (updated->len > g_list_model_get_n_items (G_LIST_MODEL (store)) / REBUILD_DIVISOR)
    {
      rebuild (self);
      return;
    }

  changed = g_hash_table_new (NULL, NULL);
  entering = g_ptr_array_new ();
  for (guint k = 0; k < updated->len; k++)
    {
      McChat *chat = g_ptr_array_index (updated, k);

      if (!g_hash_table_add (changed, chat))
        continue;
      if (matches (self, chat))
        g_ptr_array_add (entering, chat);
    }
  sort_chats (self, entering);

  /* Merge the unchanged chats, already sorted, with the entering ones. */
  next = g_ptr_array_sized_new (self->items->len + entering->len);
  while (i < self->items->len || j < entering->len)
    {
      McChat *kept = NULL;

      while (i < self->items->len)
        {
          McChat *chat = self->items->pdata[i];

          if (!g_hash_table_contains (changed, chat))
            {
              kept = chat;
              break;
            }
          i++;
        }

      if (kept != NULL &&
          (j >= entering->len || compare_chats (self, kept, entering->pdata[j]) < 0))
        {
          g_ptr_array_add (next, kept);
          i++;
        }
      else if (j < entering->len)
        g_ptr_array_add (next, entering->pdata[j++]);
    }

  apply_diff (self, next, changed);
}

static void
on_waiting_changed (McChatView  *self,
                    GPtrArray   *changed,
                    McChatStore *store)
{
  /* Only Needs Reply and Overdue sort by the wait; a chat's place
   * elsewhere stands. */
  if (sorts_by_wait (self))
    on_chats_updated (self, changed, store);
}

static void
on_clocks_changed (McChatView  *self,
                   McChatStore *store)
{
  g_autoptr(GHashTable) shown = NULL;
  g_autoptr(GPtrArray) moved = NULL;
  guint n;

  /* Time passing (or a new target) moves chats in or out of Overdue:
   * only those are signalled, the rest of the list stays still. */
  if (effective_mode (self) != MC_CHAT_VIEW_MODE_OVERDUE)
    return;

  shown = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < self->items->len; i++)
    g_hash_table_add (shown, self->items->pdata[i]);

  moved = g_ptr_array_new ();
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  for (guint i = 0; i < n; i++)
    {
      McChat *chat = mc_chat_store_peek_item (store, i);

      if (g_hash_table_contains (shown, chat) != matches (self, chat))
        g_ptr_array_add (moved, chat);
    }
  if (moved->len > 0)
    on_chats_updated (self, moved, store);
}

static void
on_store_items_changed (McChatView  *self,
                        guint        position,
                        guint        removed,
                        guint        added,
                        GListModel  *store)
{
  /* Insertions arrive through "chats-updated"; only removals (a cabinet
   * going away) need a look here. */
  if (removed > 0)
    rebuild (self);
}

/* GObject */

static void
mc_chat_view_constructed (GObject *object)
{
  McChatView *self = (McChatView *) object;

  G_OBJECT_CLASS (mc_chat_view_parent_class)->constructed (object);

  g_return_if_fail (MC_IS_CHAT_STORE (self->store));

  self->items_changed_id =
    g_signal_connect_object (self->store, "items-changed",
                             G_CALLBACK (on_store_items_changed), self, G_CONNECT_SWAPPED);
  self->chats_updated_id =
    g_signal_connect_object (self->store, "chats-updated",
                             G_CALLBACK (on_chats_updated), self, G_CONNECT_SWAPPED);
  self->waiting_changed_id =
    g_signal_connect_object (self->store, "waiting-changed",
                             G_CALLBACK (on_waiting_changed), self, G_CONNECT_SWAPPED);
  self->clocks_changed_id =
    g_signal_connect_object (self->store, "clocks-changed",
                             G_CALLBACK (on_clocks_changed), self, G_CONNECT_SWAPPED);
  rebuild (self);
}

static void
mc_chat_view_dispose (GObject *object)
{
  McChatView *self = (McChatView *) object;

  if (self->store != NULL)
    {
      g_clear_signal_handler (&self->items_changed_id, self->store);
      g_clear_signal_handler (&self->chats_updated_id, self->store);
      g_clear_signal_handler (&self->waiting_changed_id, self->store);
      g_clear_signal_handler (&self->clocks_changed_id, self->store);
      g_ptr_array_set_size (self->items, 0);
      g_clear_object (&self->store);
    }

  G_OBJECT_CLASS (mc_chat_view_parent_class)->dispose (object);
}

static void
mc_chat_view_finalize (GObject *object)
{
  McChatView *self = (McChatView *) object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->search_folded, g_free);

  G_OBJECT_CLASS (mc_chat_view_parent_class)->finalize (object);
}

static void
mc_chat_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  McChatView *self = MC_CHAT_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_BUSINESS_ID:
      g_value_set_int64 (value, self->business_id);
      break;
    case PROP_CAMPAIGN_FILTER:
      g_value_set_enum (value, self->campaign_filter);
      break;
    case PROP_CAMPAIGN_ID:
      g_value_set_int64 (value, self->campaign_id);
      break;
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, self->search_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_chat_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  McChatView *self = MC_CHAT_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_BUSINESS_ID:
      mc_chat_view_set_business_id (self, g_value_get_int64 (value));
      break;
    case PROP_CAMPAIGN_FILTER:
      mc_chat_view_set_campaign_filter (self, g_value_get_enum (value));
      break;
    case PROP_CAMPAIGN_ID:
      mc_chat_view_set_campaign_id (self, g_value_get_int64 (value));
      break;
    case PROP_MODE:
      mc_chat_view_set_mode (self, g_value_get_enum (value));
      break;
    case PROP_SEARCH_TEXT:
      mc_chat_view_set_search_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_chat_view_class_init (McChatViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mc_chat_view_constructed;
  object_class->dispose = mc_chat_view_dispose;
  object_class->finalize = mc_chat_view_finalize;
  object_class->get_property = mc_chat_view_get_property;
  object_class->set_property = mc_chat_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         MC_TYPE_CHAT_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSINESS_ID] =
    g_param_spec_int64 ("business-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAMPAIGN_FILTER] =
    g_param_spec_enum ("campaign-filter", NULL, NULL,
                       MC_TYPE_CAMPAIGN_FILTER, MC_CAMPAIGN_FILTER_ALL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAMPAIGN_ID] =
    g_param_spec_int64 ("campaign-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL,
                       MC_TYPE_CHAT_VIEW_MODE, MC_CHAT_VIEW_MODE_NEEDS_REPLY,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mc_chat_view_init (McChatView *self)
{
  self->items = g_ptr_array_new ();
  self->mode = MC_CHAT_VIEW_MODE_NEEDS_REPLY;
}

McChatView *
mc_chat_view_new (McChatStore *store)
{
  g_return_val_if_fail (MC_IS_CHAT_STORE (store), NULL);

  return g_object_new (MC_TYPE_CHAT_VIEW, "store", store, NULL);
}

McChatStore *
mc_chat_view_get_store (McChatView *self)
{
  g_return_val_if_fail (MC_IS_CHAT_VIEW (self), NULL);
  return self->store;
}

/* Property changes before construction has finished only record values;
 * constructed() builds the view once. */
static void
refilter (McChatView *self)
{
  if (self->store != NULL && self->chats_updated_id != 0)
    rebuild (self);
}

gint64
mc_chat_view_get_business_id (McChatView *self)
{
  g_return_val_if_fail (MC_IS_CHAT_VIEW (self), 0);
  return self->business_id;
}

void
mc_chat_view_set_business_id (McChatView *self,
                              gint64      business_id)
{
  g_return_if_fail (MC_IS_CHAT_VIEW (self));

  if (self->business_id == business_id)
    return;
  self->business_id = business_id;
  refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSINESS_ID]);
}

McCampaignFilter
mc_chat_view_get_campaign_filter (McChatView *self)
{
  g_return_val_if_fail (MC_IS_CHAT_VIEW (self), MC_CAMPAIGN_FILTER_ALL);
  return self->campaign_filter;
}

void
mc_chat_view_set_campaign_filter (McChatView       *self,
                                  McCampaignFilter  filter)
{
  g_return_if_fail (MC_IS_CHAT_VIEW (self));

  if (self->campaign_filter == filter)
    return;
  self->campaign_filter = filter;
  refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN_FILTER]);
}

gint64
mc_chat_view_get_campaign_id (McChatView *self)
{
  g_return_val_if_fail (MC_IS_CHAT_VIEW (self), 0);
  return self->campaign_id;
}

void
mc_chat_view_set_campaign_id (McChatView *self,
                              gint64      campaign_id)
{
  g_return_if_fail (MC_IS_CHAT_VIEW (self));

  if (self->campaign_id == campaign_id)
    return;
  self->campaign_id = campaign_id;
  if (self->campaign_filter == MC_CAMPAIGN_FILTER_ONE)
    refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN_ID]);
}

McChatViewMode
mc_chat_view_get_mode (McChatView *self)
{
  g_return_val_if_fail (MC_IS_CHAT_VIEW (self), MC_CHAT_VIEW_MODE_NEEDS_REPLY);
  return self->mode;
}

void
mc_chat_view_set_mode (McChatView     *self,
                       McChatViewMode  mode)
{
  g_return_if_fail (MC_IS_CHAT_VIEW (self));

  if (self->mode == mode)
    return;
  self->mode = mode;
  refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

const char *
mc_chat_view_get_search_text (McChatView *self)
{
  g_return_val_if_fail (MC_IS_CHAT_VIEW (self), NULL);
  return self->search_text;
}

gboolean
mc_chat_view_get_searching (McChatView *self)
{
  g_return_val_if_fail (MC_IS_CHAT_VIEW (self), FALSE);

  return self->search_folded != NULL;
}

void
mc_chat_view_set_search_text (McChatView *self,
                              const char *search_text)
{
  g_autofree char *stripped = NULL;
  g_autofree char *previous = NULL;

  g_return_if_fail (MC_IS_CHAT_VIEW (self));

  if (g_strcmp0 (self->search_text, search_text) == 0)
    return;

  g_free (self->search_text);
  self->search_text = g_strdup (search_text);

  stripped = g_strstrip (g_strdup (search_text != NULL ? search_text : ""));
  previous = g_steal_pointer (&self->search_folded);
  if (*stripped != '\0')
    self->search_folded = g_utf8_casefold (stripped, -1);

  /* Typing one more character only narrows the view: filter what is shown
   * instead of the whole store. */
  if (previous != NULL && self->search_folded != NULL &&
      strstr (self->search_folded, previous) != NULL)
    narrow (self);
  else if (g_strcmp0 (previous, self->search_folded) != 0)
    refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

void
mc_chat_view_set_store_item (McChatView  *self,
                             McSidebarItem *item)
{
  McCampaignFilter filter;
  gint64 business_id, campaign_id;

  g_return_if_fail (MC_IS_CHAT_VIEW (self));
  g_return_if_fail (MC_IS_SIDEBAR_ITEM (item));

  business_id = mc_sidebar_item_get_business_id (item);
  campaign_id = mc_sidebar_item_get_campaign_id (item);
  switch (mc_sidebar_item_get_kind (item))
    {
    case MC_SIDEBAR_ITEM_KIND_CABINET_STORE:
      filter = MC_CAMPAIGN_FILTER_ONE;
      break;
    case MC_SIDEBAR_ITEM_KIND_NO_STORE:
      filter = MC_CAMPAIGN_FILTER_NONE;
      break;
    case MC_SIDEBAR_ITEM_KIND_ALL_STORES:
    default:
      filter = MC_CAMPAIGN_FILTER_ALL;
      break;
    }

  if (business_id == self->business_id && filter == self->campaign_filter &&
      campaign_id == self->campaign_id)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (business_id != self->business_id)
    {
      self->business_id = business_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSINESS_ID]);
    }
  if (filter != self->campaign_filter)
    {
      self->campaign_filter = filter;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN_FILTER]);
    }
  if (campaign_id != self->campaign_id)
    {
      self->campaign_id = campaign_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN_ID]);
    }
  refilter (self);
  g_object_thaw_notify (G_OBJECT (self));
}
