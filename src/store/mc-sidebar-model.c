/* mc-sidebar-model.c: the sidebar rows of every cabinet, flattened, with
 * counts recomputed from the chat store in one pass whenever chats or
 * unread counts change (about a millisecond for 100,000 chats, cheaper
 * than tracking what each chat counted before).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mc-chat-store-private.h"
#include "mc-sidebar-model.h"

typedef struct
{
  gint64     business_id;
  GPtrArray *items;  /* McSidebarItem: all stores, each store, no store */
} Cabinet;

struct _McSidebarModel
{
  GObject      parent_instance;

  McChatStore *chats;
  GPtrArray   *cabinets;   /* Cabinet * */
  GHashTable  *campaigns;  /* gint64 * campaign id -> McSidebarItem * (borrowed) */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McSidebarModel, mc_sidebar_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
cabinet_free (gpointer data)
{
  Cabinet *cabinet = data;

  g_ptr_array_unref (cabinet->items);
  g_free (cabinet);
}

static GType
mc_sidebar_model_get_item_type (GListModel *model)
{
  return MC_TYPE_SIDEBAR_ITEM;
}

static guint
mc_sidebar_model_get_n_items (GListModel *model)
{
  McSidebarModel *self = MC_SIDEBAR_MODEL (model);
  guint n = 0;

  for (guint i = 0; i < self->cabinets->len; i++)
    n += ((Cabinet *) g_ptr_array_index (self->cabinets, i))->items->len;
  return n;
}

static gpointer
mc_sidebar_model_get_item (GListModel *model,
                        guint       position)
{
  McSidebarModel *self = MC_SIDEBAR_MODEL (model);

  for (guint i = 0; i < self->cabinets->len; i++)
    {
      Cabinet *cabinet = g_ptr_array_index (self->cabinets, i);

      if (position < cabinet->items->len)
        return g_object_ref (g_ptr_array_index (cabinet->items, position));
      position -= cabinet->items->len;
    }
  return NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = mc_sidebar_model_get_item_type;
  iface->get_n_items = mc_sidebar_model_get_n_items;
  iface->get_item = mc_sidebar_model_get_item;
}

typedef struct
{
  guint needs_reply;
  guint unread;
  guint overdue;
} Counts;

static void
add_counts (GHashTable *table,
            gpointer    item,
            gboolean    needs_reply,
            guint       unread,
            gboolean    overdue)
{
  Counts *counts = g_hash_table_lookup (table, item);

  if (counts == NULL)
    {
      counts = g_new0 (Counts, 1);
      g_hash_table_insert (table, item, counts);
    }
  counts->needs_reply += needs_reply ? 1 : 0;
  counts->unread += unread > 0 ? 1 : 0;
  counts->overdue += overdue ? 1 : 0;
}

static void
recount (McSidebarModel *self)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GHashTable) by_business = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->chats));
  gint64 now = mc_chat_store_get_now (self->chats);

  for (guint i = 0; i < self->cabinets->len; i++)
    {
      Cabinet *cabinet = g_ptr_array_index (self->cabinets, i);

      g_hash_table_insert (by_business, &cabinet->business_id, cabinet);
    }

  for (guint i = 0; i < n; i++)
    {
      McChat *chat = mc_chat_store_peek_item (self->chats, i);
      gint64 business_id = mc_chat_get_business_id (chat);
      gint64 campaign_id = mc_chat_get_campaign_id (chat);
      Cabinet *cabinet = g_hash_table_lookup (by_business, &business_id);
      gboolean needs_reply, overdue;
      guint unread;

      if (cabinet == NULL)
        continue;

      needs_reply = mc_chat_needs_reply (chat);
      overdue = needs_reply && mc_chat_store_is_overdue (self->chats, chat, now);
      /* A chat marked unread counts as one, as in a messenger. */
      unread = mc_chat_get_unread_count (chat) + (mc_chat_get_marked_unread (chat) ? 1 : 0);
      add_counts (counts, g_ptr_array_index (cabinet->items, 0), needs_reply, unread, overdue);
      if (campaign_id == 0)
        add_counts (counts, g_ptr_array_index (cabinet->items, cabinet->items->len - 1),
                    needs_reply, unread, overdue);
      else
        {
          McSidebarItem *item = g_hash_table_lookup (self->campaigns, &campaign_id);

          if (item != NULL)
            add_counts (counts, item, needs_reply, unread, overdue);
        }
    }

  for (guint i = 0; i < self->cabinets->len; i++)
    {
      Cabinet *cabinet = g_ptr_array_index (self->cabinets, i);

      for (guint j = 0; j < cabinet->items->len; j++)
        {
          McSidebarItem *item = g_ptr_array_index (cabinet->items, j);
          Counts *c = g_hash_table_lookup (counts, item);

          mc_sidebar_item_set_needs_reply_count (item, c != NULL ? c->needs_reply : 0);
          mc_sidebar_item_set_unread_count (item, c != NULL ? c->unread : 0);
          mc_sidebar_item_set_overdue_count (item, c != NULL ? c->overdue : 0);
        }
    }
}

static void
on_chats_changed (McSidebarModel *self)
{
  recount (self);
}

static void
on_chats_items_changed (McSidebarModel *self,
                        guint        position,
                        guint        removed,
                        guint        added)
{
  /* Added chats are counted on "chats-updated", which follows. */
  if (removed > 0)
    recount (self);
}

static void
mc_sidebar_model_dispose (GObject *object)
{
  McSidebarModel *self = (McSidebarModel *) object;

  if (self->chats != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chats, self);
      g_clear_object (&self->chats);
    }

  G_OBJECT_CLASS (mc_sidebar_model_parent_class)->dispose (object);
}

static void
mc_sidebar_model_finalize (GObject *object)
{
  McSidebarModel *self = (McSidebarModel *) object;

  g_clear_pointer (&self->campaigns, g_hash_table_unref);
  g_clear_pointer (&self->cabinets, g_ptr_array_unref);

  G_OBJECT_CLASS (mc_sidebar_model_parent_class)->finalize (object);
}

static void
mc_sidebar_model_class_init (McSidebarModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mc_sidebar_model_dispose;
  object_class->finalize = mc_sidebar_model_finalize;
}

static void
mc_sidebar_model_init (McSidebarModel *self)
{
  self->cabinets = g_ptr_array_new_with_free_func (cabinet_free);
  self->campaigns = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

McSidebarModel *
mc_sidebar_model_new (McChatStore *chats)
{
  McSidebarModel *self;

  g_return_val_if_fail (MC_IS_CHAT_STORE (chats), NULL);

  self = g_object_new (MC_TYPE_SIDEBAR_MODEL, NULL);
  self->chats = g_object_ref (chats);
  g_signal_connect_swapped (chats, "chats-updated", G_CALLBACK (on_chats_changed), self);
  g_signal_connect_swapped (chats, "unread-changed", G_CALLBACK (on_chats_changed), self);
  /* A wait that started earlier, or time passing, changes what is overdue. */
  g_signal_connect_swapped (chats, "waiting-changed", G_CALLBACK (on_chats_changed), self);
  g_signal_connect_swapped (chats, "clocks-changed", G_CALLBACK (on_chats_changed), self);
  g_signal_connect_swapped (chats, "items-changed", G_CALLBACK (on_chats_items_changed), self);
  return self;
}

static guint
find_cabinet (McSidebarModel *self,
              gint64       business_id,
              guint       *position)
{
  guint offset = 0;

  for (guint i = 0; i < self->cabinets->len; i++)
    {
      Cabinet *cabinet = g_ptr_array_index (self->cabinets, i);

      if (cabinet->business_id == business_id)
        {
          *position = offset;
          return i;
        }
      offset += cabinet->items->len;
    }

  *position = offset;
  return G_MAXUINT;
}

static void
forget_campaigns (McSidebarModel *self,
                  Cabinet     *cabinet)
{
  for (guint i = 0; i < cabinet->items->len; i++)
    {
      gint64 campaign_id = mc_sidebar_item_get_campaign_id (g_ptr_array_index (cabinet->items, i));

      if (campaign_id != 0)
        g_hash_table_remove (self->campaigns, &campaign_id);
    }
}

static int
compare_store_items (gconstpointer a,
                     gconstpointer b)
{
  McSidebarItem *ia = *(McSidebarItem **) a;
  McSidebarItem *ib = *(McSidebarItem **) b;

  return g_utf8_collate (mc_sidebar_item_get_title (ia), mc_sidebar_item_get_title (ib));
}

/* Whether @old shows what @fresh would, so that the row (and the window's
 * selection of it) can stay. */
static gboolean
same_item (McSidebarItem *old,
           McSidebarItem *fresh)
{
  McCampaign *a = mc_sidebar_item_get_campaign (old);
  McCampaign *b = mc_sidebar_item_get_campaign (fresh);

  if (mc_sidebar_item_get_kind (old) != mc_sidebar_item_get_kind (fresh) ||
      g_strcmp0 (mc_sidebar_item_get_title (old), mc_sidebar_item_get_title (fresh)) != 0 ||
      g_strcmp0 (mc_sidebar_item_get_subtitle (old), mc_sidebar_item_get_subtitle (fresh)) != 0)
    return FALSE;
  if (a == NULL || b == NULL)
    return a == b;

  return mc_campaign_get_id (a) == mc_campaign_get_id (b) &&
         g_strcmp0 (mc_campaign_get_domain (a), mc_campaign_get_domain (b)) == 0 &&
         mc_campaign_get_business_id (a) == mc_campaign_get_business_id (b) &&
         g_strcmp0 (mc_campaign_get_business_name (a), mc_campaign_get_business_name (b)) == 0 &&
         mc_campaign_get_placement_type (a) == mc_campaign_get_placement_type (b) &&
         mc_campaign_get_api_availability (a) == mc_campaign_get_api_availability (b);
}

/* Takes @fresh; returns the item of @old at the same place of the cabinet
 * instead when it shows the same. */
static McSidebarItem *
reuse_item (GPtrArray   *old,
            McSidebarItem *fresh)
{
  for (guint i = 0; old != NULL && i < old->len; i++)
    {
      McSidebarItem *item = g_ptr_array_index (old, i);

      if (mc_sidebar_item_get_kind (item) == mc_sidebar_item_get_kind (fresh) &&
          mc_sidebar_item_get_campaign_id (item) == mc_sidebar_item_get_campaign_id (fresh))
        {
          if (!same_item (item, fresh))
            break;
          g_object_unref (fresh);
          return g_object_ref (item);
        }
    }

  return fresh;
}

void
mc_sidebar_model_set_campaigns (McSidebarModel *self,
                             gint64       business_id,
                             const char  *business_name,
                             GPtrArray   *campaigns)
{
  g_autoptr(GPtrArray) stores = NULL;
  g_autoptr(GPtrArray) old = NULL;
  Cabinet *cabinet;
  guint index, position, old_len, new_len, prefix = 0, suffix = 0;

  g_return_if_fail (MC_IS_SIDEBAR_MODEL (self));
  g_return_if_fail (campaigns != NULL);

  index = find_cabinet (self, business_id, &position);
  if (index == G_MAXUINT)
    {
      cabinet = g_new0 (Cabinet, 1);
      cabinet->business_id = business_id;
      cabinet->items = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (self->cabinets, cabinet);
    }
  else
    {
      cabinet = g_ptr_array_index (self->cabinets, index);
      forget_campaigns (self, cabinet);
      old = g_steal_pointer (&cabinet->items);
      cabinet->items = g_ptr_array_new_with_free_func (g_object_unref);
    }

  stores = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < campaigns->len; i++)
    g_ptr_array_add (stores, mc_sidebar_item_new (MC_SIDEBAR_ITEM_KIND_CABINET_STORE, business_id,
                                                g_ptr_array_index (campaigns, i), business_name));
  g_ptr_array_sort (stores, compare_store_items);

  g_ptr_array_add (cabinet->items,
                   reuse_item (old, mc_sidebar_item_new (MC_SIDEBAR_ITEM_KIND_ALL_STORES,
                                                       business_id, NULL, business_name)));
  for (guint i = 0; i < stores->len; i++)
    {
      McSidebarItem *item = reuse_item (old, g_object_ref (g_ptr_array_index (stores, i)));
      gint64 campaign_id = mc_sidebar_item_get_campaign_id (item);

      g_ptr_array_add (cabinet->items, item);
      g_hash_table_insert (self->campaigns, g_memdup2 (&campaign_id, sizeof campaign_id), item);
    }
  g_ptr_array_add (cabinet->items,
                   reuse_item (old, mc_sidebar_item_new (MC_SIDEBAR_ITEM_KIND_NO_STORE,
                                                       business_id, NULL, business_name)));

  recount (self);

  /* The same stores set again (the keyring's key reaching a cabinet shown
   * from its cache, or a refresh) change no row: a row removed and added
   * back would lose the window's selection. */
  old_len = old != NULL ? old->len : 0;
  new_len = cabinet->items->len;
  while (prefix < MIN (old_len, new_len) &&
         g_ptr_array_index (old, prefix) == g_ptr_array_index (cabinet->items, prefix))
    prefix++;
  while (suffix < MIN (old_len, new_len) - prefix &&
         g_ptr_array_index (old, old_len - 1 - suffix) == g_ptr_array_index (cabinet->items, new_len - 1 - suffix))
    suffix++;
  if (old_len - prefix - suffix > 0 || new_len - prefix - suffix > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position + prefix,
                                old_len - prefix - suffix, new_len - prefix - suffix);
}

void
mc_sidebar_model_remove_business (McSidebarModel *self,
                               gint64       business_id)
{
  Cabinet *cabinet;
  guint index, position, removed;

  g_return_if_fail (MC_IS_SIDEBAR_MODEL (self));

  index = find_cabinet (self, business_id, &position);
  if (index == G_MAXUINT)
    return;

  cabinet = g_ptr_array_index (self->cabinets, index);
  removed = cabinet->items->len;
  forget_campaigns (self, cabinet);
  g_ptr_array_remove_index (self->cabinets, index);
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, 0);
}

McSidebarItem *
mc_sidebar_model_find_campaign (McSidebarModel *self,
                             gint64       campaign_id)
{
  g_return_val_if_fail (MC_IS_SIDEBAR_MODEL (self), NULL);
  return g_hash_table_lookup (self->campaigns, &campaign_id);
}
