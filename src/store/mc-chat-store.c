/* mc-chat-store.c: chats in an array (the list order) plus a hash set of
 * the same entries keyed by chat id; the entry also carries the read state
 * the chat's unread count is computed from.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mc-chat-store-private.h"

/* Long enough for a row of the chat list; the conversation shows the rest. */
#define PREVIEW_CHARS 120

typedef struct
{
  gint64  chat_id;          /* first, so &entry is a key for g_int64_hash */
  McChat *chat;
  gint64  read_marker;
  gint64  last_message_id;
  GArray *unread_ids;       /* gint64, ascending; NULL when none */
  char   *folded_name;      /* NULL until searched, no_name when none */
  /* When the reply target is reached for the wait that started at
   * due_since, under the clock settings of due_generation. */
  gint64  due_at;
  gint64  due_since;
  guint   due_generation;
} Entry;

static char no_name[] = "";

static void
forget_folded_name (Entry *entry)
{
  if (entry->folded_name != no_name)
    g_free (entry->folded_name);
  entry->folded_name = NULL;
}

struct _McChatStore
{
  GObject     parent_instance;

  GPtrArray  *entries;
  GHashTable *by_id;           /* set of Entry * */
  GHashTable *caches;          /* gint64 * business id -> McCache * */
  GHashTable *message_stores;  /* gint64 * chat id -> McMessageStore * (weak) */

  /* The reply clock (see mc_chat_store_set_reply_target()). */
  gint64      reply_target;
  GHashTable *working_hours;   /* gint64 * business id -> McWorkingHours * */
  guint       clock_generation;
  McNowFunc   now_func;
  gpointer    now_data;
  GDestroyNotify now_destroy;
  guint       clock_idle_id;
  guint       clock_timeout_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McChatStore, mc_chat_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  CHATS_UPDATED,
  UNREAD_CHANGED,
  WAITING_CHANGED,
  REPLIED_ELSEWHERE,
  CLOCKS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  forget_folded_name (entry);
  g_clear_object (&entry->chat);
  g_clear_pointer (&entry->unread_ids, g_array_unref);
  g_free (entry);
}

static GType
mc_chat_store_get_item_type (GListModel *model)
{
  return MC_TYPE_CHAT;
}

static guint
mc_chat_store_get_n_items (GListModel *model)
{
  return MC_CHAT_STORE (model)->entries->len;
}

static gpointer
mc_chat_store_get_item (GListModel *model,
                        guint       position)
{
  McChatStore *self = MC_CHAT_STORE (model);
  Entry *entry;

  if (position >= self->entries->len)
    return NULL;
  entry = g_ptr_array_index (self->entries, position);
  return g_object_ref (entry->chat);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = mc_chat_store_get_item_type;
  iface->get_n_items = mc_chat_store_get_n_items;
  iface->get_item = mc_chat_store_get_item;
}

McChat *
mc_chat_store_peek_item (McChatStore *self,
                         guint        position)
{
  return ((Entry *) g_ptr_array_index (self->entries, position))->chat;
}

const char *
mc_chat_store_peek_folded_name (McChatStore *self,
                                McChat      *chat)
{
  gint64 chat_id = mc_chat_get_chat_id (chat);
  Entry *entry = g_hash_table_lookup (self->by_id, &chat_id);
  const char *name;

  if (entry == NULL)
    return no_name;

  if (entry->folded_name == NULL)
    {
      name = mc_chat_get_customer_name (chat);
      entry->folded_name = name != NULL ? g_utf8_casefold (name, -1) : no_name;
    }
  return entry->folded_name;
}

static void
message_store_gone (gpointer  data,
                    GObject  *where_the_object_was)
{
  McChatStore *self = data;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->message_stores);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (value == (gpointer) where_the_object_was)
        {
          g_hash_table_iter_remove (&iter);
          break;
        }
    }
}

static void
mc_chat_store_dispose (GObject *object)
{
  McChatStore *self = (McChatStore *) object;
  GHashTableIter iter;
  gpointer value;

  if (self->message_stores != NULL)
    {
      g_hash_table_iter_init (&iter, self->message_stores);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_object_weak_unref (value, message_store_gone, self);
      g_hash_table_remove_all (self->message_stores);
    }

  g_clear_handle_id (&self->clock_idle_id, g_source_remove);
  g_clear_handle_id (&self->clock_timeout_id, g_source_remove);

  G_OBJECT_CLASS (mc_chat_store_parent_class)->dispose (object);
}

static void
mc_chat_store_finalize (GObject *object)
{
  McChatStore *self = (McChatStore *) object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->caches, g_hash_table_unref);
  g_clear_pointer (&self->message_stores, g_hash_table_unref);
  g_clear_pointer (&self->working_hours, g_hash_table_unref);
  if (self->now_destroy != NULL)
    self->now_destroy (self->now_data);

  G_OBJECT_CLASS (mc_chat_store_parent_class)->finalize (object);
}

static void
mc_chat_store_class_init (McChatStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mc_chat_store_dispose;
  object_class->finalize = mc_chat_store_finalize;

  signals[CHATS_UPDATED] =
    g_signal_new ("chats-updated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
  signals[UNREAD_CHANGED] =
    g_signal_new ("unread-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[WAITING_CHANGED] =
    g_signal_new ("waiting-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
  signals[REPLIED_ELSEWHERE] =
    g_signal_new ("replied-elsewhere",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, MC_TYPE_MESSAGE);
  signals[CLOCKS_CHANGED] =
    g_signal_new ("clocks-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void queue_clock_schedule (McChatStore *self);

static void
mc_chat_store_init (McChatStore *self)
{
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->caches = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->message_stores = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->working_hours = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                               (GDestroyNotify) mc_working_hours_unref);
  self->reply_target = MC_REPLY_TARGET_DEFAULT;

  /* Whatever changes which chats wait, or since when, moves the next
   * instant a chat becomes overdue. */
  g_signal_connect (self, "chats-updated", G_CALLBACK (queue_clock_schedule), NULL);
  g_signal_connect (self, "waiting-changed", G_CALLBACK (queue_clock_schedule), NULL);
  g_signal_connect (self, "items-changed", G_CALLBACK (queue_clock_schedule), NULL);
}

McChatStore *
mc_chat_store_new (void)
{
  return g_object_new (MC_TYPE_CHAT_STORE, NULL);
}

static Entry *
lookup_entry (McChatStore *self,
              gint64       chat_id)
{
  return g_hash_table_lookup (self->by_id, &chat_id);
}

McChat *
mc_chat_store_lookup (McChatStore *self,
                      gint64       chat_id)
{
  Entry *entry;

  g_return_val_if_fail (MC_IS_CHAT_STORE (self), NULL);

  entry = lookup_entry (self, chat_id);
  return entry != NULL ? entry->chat : NULL;
}

McCache *
mc_chat_store_get_cache (McChatStore *self,
                         gint64       business_id)
{
  g_return_val_if_fail (MC_IS_CHAT_STORE (self), NULL);
  return g_hash_table_lookup (self->caches, &business_id);
}

/* Saves @chats, grouped by cabinet, to the caches that hold them. */
static void
persist_chats (McChatStore *self,
               GPtrArray   *chats)
{
  g_autoptr(GHashTable) groups = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (self->caches) == 0)
    return;

  groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                  (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < chats->len; i++)
    {
      McChat *chat = g_ptr_array_index (chats, i);
      gint64 business_id = mc_chat_get_business_id (chat);
      McCache *cache = g_hash_table_lookup (self->caches, &business_id);
      GPtrArray *group;

      if (cache == NULL)
        continue;
      group = g_hash_table_lookup (groups, cache);
      if (group == NULL)
        {
          group = g_ptr_array_new ();
          /* The cache's own id outlives the table, so it serves as key. */
          g_hash_table_insert (groups, cache, group);
        }
      g_ptr_array_add (group, chat);
    }

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, &key, &value))
    mc_cache_save_chats_async (key, value, NULL, NULL, NULL);
}

static void
merge_chats (McChatStore *self,
             GPtrArray   *chats,
             gboolean     persist)
{
  g_autoptr(GPtrArray) updated = g_ptr_array_new ();
  guint old_len = self->entries->len;

  for (guint i = 0; i < chats->len; i++)
    {
      McChat *chat = g_ptr_array_index (chats, i);
      Entry *entry = lookup_entry (self, mc_chat_get_chat_id (chat));

      if (entry != NULL)
        {
          gboolean waited = mc_chat_needs_reply (entry->chat);

          if (mc_chat_update_from (entry->chat, chat))
            {
              forget_folded_name (entry);
              /* Answered elsewhere (or closed): the next customer message
               * starts a new wait, whatever history has not told yet. */
              if (waited && !mc_chat_needs_reply (entry->chat))
                mc_chat_set_waiting_since (entry->chat, 0);
              g_ptr_array_add (updated, entry->chat);
            }
          continue;
        }

      entry = g_new0 (Entry, 1);
      entry->chat_id = mc_chat_get_chat_id (chat);
      entry->chat = g_object_ref (chat);
      g_ptr_array_add (self->entries, entry);
      g_hash_table_add (self->by_id, entry);
      g_ptr_array_add (updated, chat);
    }

  if (persist && updated->len > 0)
    persist_chats (self, updated);

  if (self->entries->len > old_len)
    g_list_model_items_changed (G_LIST_MODEL (self), old_len, 0, self->entries->len - old_len);
  if (updated->len > 0)
    g_signal_emit (self, signals[CHATS_UPDATED], 0, updated);
}

void
mc_chat_store_merge (McChatStore *self,
                     GPtrArray   *chats)
{
  g_return_if_fail (MC_IS_CHAT_STORE (self));
  g_return_if_fail (chats != NULL);

  merge_chats (self, chats, TRUE);
}

gboolean
mc_chat_store_add_cache (McChatStore  *self,
                         McCache      *cache,
                         GError      **error)
{
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GArray) states = NULL;
  g_autoptr(GHashTable) unread = NULL;
  g_autoptr(GArray) waiting = NULL;
  g_autoptr(GPtrArray) resorted = NULL;
  g_autoptr(GPtrArray) marked = NULL;
  g_autoptr(GArray) marks = NULL;
  gint64 business_id;
  GHashTableIter iter;
  gpointer key, value;
  gboolean unread_changed = FALSE;

  g_return_val_if_fail (MC_IS_CHAT_STORE (self), FALSE);
  g_return_val_if_fail (MC_IS_CACHE (cache), FALSE);

  if (!(chats = mc_cache_load_chats (cache, error)) ||
      !(states = mc_cache_load_chat_states (cache, error)) ||
      !(unread = mc_cache_load_unread_ids (cache, error)) ||
      !(waiting = mc_cache_load_waiting_since (cache, error)) ||
      !(marks = mc_cache_load_chat_marks (cache, error)))
    return FALSE;

  business_id = mc_cache_get_business_id (cache);
  g_hash_table_insert (self->caches, g_memdup2 (&business_id, sizeof business_id),
                       g_object_ref (cache));

  /* The unread ids below are the truth; the count saved with the chat row
   * may predate its read marker. */
  for (guint i = 0; i < chats->len; i++)
    mc_chat_set_unread_count (g_ptr_array_index (chats, i), 0);
  merge_chats (self, chats, FALSE);
  mc_chat_store_apply_muted (self, cache);

  for (guint i = 0; i < waiting->len; i++)
    {
      McCacheWaiting *row = &g_array_index (waiting, McCacheWaiting, i);
      Entry *entry = lookup_entry (self, row->chat_id);

      if (entry == NULL || mc_chat_get_first_unanswered (entry->chat) == row->since)
        continue;
      mc_chat_set_waiting_since (entry->chat, row->since);
      if (resorted == NULL)
        resorted = g_ptr_array_new ();
      g_ptr_array_add (resorted, entry->chat);
    }
  if (resorted != NULL)
    g_signal_emit (self, signals[WAITING_CHANGED], 0, resorted);

  for (guint i = 0; i < marks->len; i++)
    {
      McCacheChatMarks *row = &g_array_index (marks, McCacheChatMarks, i);
      Entry *entry = lookup_entry (self, row->chat_id);

      if (entry == NULL)
        continue;
      mc_chat_set_marked_unread (entry->chat, row->marked_unread);
      unread_changed |= row->marked_unread;
      if (row->pinned)
        {
          mc_chat_set_pinned (entry->chat, TRUE);
          if (marked == NULL)
            marked = g_ptr_array_new ();
          g_ptr_array_add (marked, entry->chat);
        }
    }
  /* Pinned chats move to the top of the views that show them. */
  if (marked != NULL)
    g_signal_emit (self, signals[CHATS_UPDATED], 0, marked);

  for (guint i = 0; i < states->len; i++)
    {
      McCacheChatState *state = &g_array_index (states, McCacheChatState, i);
      Entry *entry = lookup_entry (self, state->chat_id);

      if (entry == NULL)
        continue;
      entry->read_marker = state->read_marker;
      entry->last_message_id = state->last_message_id;
    }

  g_hash_table_iter_init (&iter, unread);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Entry *entry = lookup_entry (self, *(gint64 *) key);

      if (entry == NULL)
        continue;
      g_clear_pointer (&entry->unread_ids, g_array_unref);
      entry->unread_ids = g_array_ref (value);
      mc_chat_set_unread_count (entry->chat, entry->unread_ids->len);
      unread_changed = TRUE;
    }

  if (unread_changed)
    g_signal_emit (self, signals[UNREAD_CHANGED], 0);

  return TRUE;
}

void
mc_chat_store_remove_business (McChatStore *self,
                               gint64       business_id)
{
  g_autoptr(GPtrArray) removed = NULL;
  guint old_len, first = G_MAXUINT, kept = 0;

  g_return_if_fail (MC_IS_CHAT_STORE (self));

  g_hash_table_remove (self->caches, &business_id);

  /* Removed entries stay alive until after items-changed, so views that
   * still point at them while they catch up never see freed chats. */
  removed = g_ptr_array_new_with_free_func (entry_free);
  old_len = self->entries->len;
  for (guint i = 0; i < old_len; i++)
    {
      Entry *entry = self->entries->pdata[i];

      if (mc_chat_get_business_id (entry->chat) == business_id)
        {
          if (first == G_MAXUINT)
            first = kept;
          g_hash_table_remove (self->by_id, entry);
          g_ptr_array_add (removed, entry);
        }
      else
        self->entries->pdata[kept++] = entry;
    }

  if (removed->len == 0)
    return;

  /* Shrink without freeing: the entries moved or went to @removed. */
  g_ptr_array_set_free_func (self->entries, NULL);
  g_ptr_array_set_size (self->entries, kept);
  g_ptr_array_set_free_func (self->entries, entry_free);

  g_list_model_items_changed (G_LIST_MODEL (self), first, old_len - first, kept - first);
  g_signal_emit (self, signals[UNREAD_CHANGED], 0);
}

static char *
preview_of (McMessage *message)
{
  const char *text = mc_message_get_text (message);
  GListModel *attachments = mc_message_get_attachments (message);

  if (text != NULL && *text != '\0')
    {
      g_autofree char *line = g_strdup (text);

      g_strdelimit (line, "\r\n\t", ' ');
      if (g_utf8_strlen (line, -1) > PREVIEW_CHARS)
        return g_utf8_substring (line, 0, PREVIEW_CHARS);
      return g_steal_pointer (&line);
    }

  if (g_list_model_get_n_items (attachments) > 0)
    {
      g_autoptr(McAttachment) attachment = g_list_model_get_item (attachments, 0);

      return g_strdup (mc_attachment_get_name (attachment));
    }

  return NULL;
}

static int
compare_message_ids (gconstpointer a,
                     gconstpointer b)
{
  gint64 ia = mc_message_get_message_id (*(McMessage **) a);
  gint64 ib = mc_message_get_message_id (*(McMessage **) b);

  return (ia > ib) - (ia < ib);
}

/* Drops unread ids up to @marker; TRUE if the count changed. */
static gboolean
advance_read_marker (Entry  *entry,
                     gint64  marker)
{
  guint n = 0;

  if (marker <= entry->read_marker)
    return FALSE;
  entry->read_marker = marker;

  if (entry->unread_ids == NULL)
    return FALSE;
  while (n < entry->unread_ids->len && g_array_index (entry->unread_ids, gint64, n) <= marker)
    n++;
  if (n == 0)
    return FALSE;
  g_array_remove_range (entry->unread_ids, 0, n);
  if (entry->unread_ids->len == 0)
    g_clear_pointer (&entry->unread_ids, g_array_unref);
  return TRUE;
}

static void
persist_entry (McChatStore *self,
               Entry       *entry,
               gboolean     chat_row_too)
{
  gint64 business_id = mc_chat_get_business_id (entry->chat);
  McCache *cache = g_hash_table_lookup (self->caches, &business_id);

  if (cache == NULL)
    return;

  mc_cache_save_chat_state_async (cache, entry->chat_id, entry->read_marker,
                                  entry->last_message_id, NULL, NULL, NULL);
  if (chat_row_too)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new ();

      g_ptr_array_add (one, entry->chat);
      mc_cache_save_chats_async (cache, one, NULL, NULL, NULL);
    }
}

void
mc_chat_store_merge_messages (McChatStore *self,
                              gint64       chat_id,
                              GPtrArray   *messages)
{
  g_autoptr(GPtrArray) sorted = NULL;
  McMessageStore *live;
  McMessage *newest = NULL;
  McCache *cache;
  Entry *entry;
  gint64 business_id;
  gboolean unread_changed = FALSE;
  gint64 old_last;
  gint64 waiting_since;
  guint old_unread;

  g_return_if_fail (MC_IS_CHAT_STORE (self));
  g_return_if_fail (messages != NULL);

  live = g_hash_table_lookup (self->message_stores, &chat_id);
  if (live != NULL)
    mc_message_store_merge (live, messages);

  entry = lookup_entry (self, chat_id);
  if (entry == NULL)
    return;

  business_id = mc_chat_get_business_id (entry->chat);
  /* A copy keeps the free function, but must not own the messages. */
  sorted = g_ptr_array_copy (messages, NULL, NULL);
  g_ptr_array_set_free_func (sorted, NULL);
  g_ptr_array_sort (sorted, compare_message_ids);

  old_last = entry->last_message_id;
  old_unread = entry->unread_ids != NULL ? entry->unread_ids->len : 0;

  /* A first fetch holds the whole history: without a customer message,
   * no one waits for a reply.  The first one that arrives ends that. */
  {
    gboolean from_customer = FALSE;
    gboolean was_none = mc_chat_get_no_customer_message (entry->chat);

    for (guint i = 0; i < sorted->len && !from_customer; i++)
      from_customer = mc_message_get_sender (g_ptr_array_index (sorted, i)) == MC_SENDER_CUSTOMER;

    if (from_customer)
      mc_chat_set_no_customer_message (entry->chat, FALSE);
    else if (old_last == 0)
      mc_chat_set_no_customer_message (entry->chat, TRUE);

    if (was_none != mc_chat_get_no_customer_message (entry->chat))
      {
        g_autoptr(GPtrArray) one = g_ptr_array_new ();

        g_ptr_array_add (one, entry->chat);
        g_signal_emit (self, signals[CHATS_UPDATED], 0, one);
      }
  }

  waiting_since = mc_chat_get_first_unanswered (entry->chat);
  for (guint i = 0; i < sorted->len; i++)
    {
      McMessage *message = g_ptr_array_index (sorted, i);
      gint64 id = mc_message_get_message_id (message);

      /* Ids only grow, so anything at or below the newest known id was
       * already counted (or is an older page of history). */
      if (id <= entry->last_message_id)
        continue;
      entry->last_message_id = id;
      newest = message;

      switch (mc_message_get_sender (message))
        {
        case MC_SENDER_CUSTOMER:
          /* A follow-up does not restart the wait: the first unanswered
           * message does. */
          if (waiting_since == 0)
            waiting_since = mc_message_get_created_at (message);
          if (id > entry->read_marker)
            {
              if (entry->unread_ids == NULL)
                entry->unread_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
              g_array_append_val (entry->unread_ids, id);
            }
          break;
        case MC_SENDER_PARTNER:
          advance_read_marker (entry, id);
          waiting_since = 0;
          break;
        case MC_SENDER_UNKNOWN:
        case MC_SENDER_MARKET:
        case MC_SENDER_SUPPORT:
        default:
          break;
        }
    }

  if (newest != NULL)
    {
      g_autofree char *preview = preview_of (newest);
      guint unread = entry->unread_ids != NULL ? entry->unread_ids->len : 0;

      mc_chat_set_last_message_preview (entry->chat, preview);
      mc_chat_set_unread_count (entry->chat, unread);
      unread_changed = unread != old_unread;
    }

  cache = g_hash_table_lookup (self->caches, &business_id);
  if (cache != NULL)
    mc_cache_save_messages_async (cache, messages, NULL, NULL, NULL);
  if (entry->last_message_id != old_last)
    persist_entry (self, entry, TRUE);

  if (unread_changed)
    g_signal_emit (self, signals[UNREAD_CHANGED], 0);

  if (waiting_since != mc_chat_get_first_unanswered (entry->chat))
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new ();

      mc_chat_set_waiting_since (entry->chat, waiting_since);
      g_ptr_array_add (one, entry->chat);
      g_signal_emit (self, signals[WAITING_CHANGED], 0, one);
    }
}

void
mc_chat_store_mark_read (McChatStore *self,
                         gint64       chat_id,
                         gint64       last_message_id)
{
  Entry *entry;
  gboolean changed;

  g_return_if_fail (MC_IS_CHAT_STORE (self));

  entry = lookup_entry (self, chat_id);
  if (entry == NULL || last_message_id <= entry->read_marker)
    return;

  changed = advance_read_marker (entry, last_message_id);
  if (changed)
    mc_chat_set_unread_count (entry->chat, entry->unread_ids != NULL ? entry->unread_ids->len : 0);
  persist_entry (self, entry, changed);

  if (changed)
    g_signal_emit (self, signals[UNREAD_CHANGED], 0);
}

void
mc_chat_store_mark_answered (McChatStore *self,
                             gint64       chat_id)
{
  g_autoptr(GPtrArray) one = NULL;
  Entry *entry;

  g_return_if_fail (MC_IS_CHAT_STORE (self));

  entry = lookup_entry (self, chat_id);
  if (entry == NULL || !mc_chat_needs_reply (entry->chat))
    return;

  mc_chat_set_status (entry->chat, MC_CHAT_STATUS_WAITING_FOR_CUSTOMER);
  mc_chat_set_waiting_since (entry->chat, 0);
  one = g_ptr_array_new ();
  g_ptr_array_add (one, entry->chat);
  persist_chats (self, one);
  g_signal_emit (self, signals[CHATS_UPDATED], 0, one);
}

gint64
mc_chat_store_get_read_marker (McChatStore *self,
                               gint64       chat_id)
{
  Entry *entry;

  g_return_val_if_fail (MC_IS_CHAT_STORE (self), 0);

  entry = lookup_entry (self, chat_id);
  return entry != NULL ? entry->read_marker : 0;
}

gint64
mc_chat_store_get_last_message_id (McChatStore *self,
                                   gint64       chat_id)
{
  Entry *entry;

  g_return_val_if_fail (MC_IS_CHAT_STORE (self), 0);

  entry = lookup_entry (self, chat_id);
  return entry != NULL ? entry->last_message_id : 0;
}

McMessageStore *
mc_chat_store_get_messages (McChatStore *self,
                            gint64       chat_id)
{
  McMessageStore *store;
  Entry *entry;

  g_return_val_if_fail (MC_IS_CHAT_STORE (self), NULL);

  store = g_hash_table_lookup (self->message_stores, &chat_id);
  if (store != NULL)
    return g_object_ref (store);

  store = mc_message_store_new (chat_id);
  entry = lookup_entry (self, chat_id);
  if (entry != NULL)
    {
      gint64 business_id = mc_chat_get_business_id (entry->chat);
      McCache *cache = g_hash_table_lookup (self->caches, &business_id);
      g_autoptr(GPtrArray) messages = NULL;
      g_autoptr(GError) error = NULL;

      if (cache != NULL && !(messages = mc_cache_load_messages (cache, chat_id, &error)))
        g_warning ("Could not load the messages of chat %" G_GINT64_FORMAT ": %s",
                   chat_id, error->message);
      if (messages != NULL)
        mc_message_store_merge (store, messages);
    }

  g_hash_table_insert (self->message_stores, g_memdup2 (&chat_id, sizeof chat_id), store);
  g_object_weak_ref (G_OBJECT (store), message_store_gone, self);
  return store;
}

/* Marks the seller sets on this computer */

static void
persist_marks (McChatStore *self,
               Entry       *entry)
{
  gint64 business_id = mc_chat_get_business_id (entry->chat);
  McCache *cache = g_hash_table_lookup (self->caches, &business_id);

  if (cache != NULL)
    mc_cache_save_chat_marks (cache, entry->chat_id, mc_chat_get_pinned (entry->chat),
                              mc_chat_get_marked_unread (entry->chat));
}

void
mc_chat_store_set_pinned (McChatStore *self,
                          gint64       chat_id,
                          gboolean     pinned)
{
  g_autoptr(GPtrArray) one = NULL;
  Entry *entry;

  g_return_if_fail (MC_IS_CHAT_STORE (self));

  entry = lookup_entry (self, chat_id);
  if (entry == NULL || mc_chat_get_pinned (entry->chat) == !!pinned)
    return;

  mc_chat_set_pinned (entry->chat, pinned);
  persist_marks (self, entry);
  /* The views move it to (or from) their top. */
  one = g_ptr_array_new ();
  g_ptr_array_add (one, entry->chat);
  g_signal_emit (self, signals[CHATS_UPDATED], 0, one);
}

void
mc_chat_store_set_marked_unread (McChatStore *self,
                                 gint64       chat_id,
                                 gboolean     marked)
{
  Entry *entry;

  g_return_if_fail (MC_IS_CHAT_STORE (self));

  entry = lookup_entry (self, chat_id);
  if (entry == NULL || mc_chat_get_marked_unread (entry->chat) == !!marked)
    return;

  mc_chat_set_marked_unread (entry->chat, marked);
  persist_marks (self, entry);
  g_signal_emit (self, signals[UNREAD_CHANGED], 0);
}

void
mc_chat_store_note_replied_elsewhere (McChatStore *self,
                                      gint64       chat_id,
                                      McMessage   *message)
{
  McMessageStore *live;
  Entry *entry;

  g_return_if_fail (MC_IS_CHAT_STORE (self));
  g_return_if_fail (MC_IS_MESSAGE (message));

  mc_message_set_from_elsewhere (message, TRUE);
  /* The store's copy of the message is what a bubble shows. */
  live = g_hash_table_lookup (self->message_stores, &chat_id);
  if (live != NULL)
    {
      McMessage *shown = mc_message_store_lookup (live, mc_message_get_message_id (message));

      if (shown != NULL)
        mc_message_set_from_elsewhere (shown, TRUE);
    }

  entry = lookup_entry (self, chat_id);
  /* Kept, so that the label is still there after a restart. */
  if (entry != NULL && mc_message_get_message_id (message) != 0)
    {
      gint64 business_id = mc_chat_get_business_id (entry->chat);
      McCache *cache = g_hash_table_lookup (self->caches, &business_id);

      if (cache != NULL)
        mc_cache_save_message_from_elsewhere (cache, chat_id, mc_message_get_message_id (message));
    }

  /* Unless the customer wrote again after it, that reply answered them. */
  if (entry != NULL && mc_chat_get_first_unanswered (entry->chat) == 0)
    mc_chat_store_mark_answered (self, chat_id);
  g_signal_emit (self, signals[REPLIED_ELSEWHERE], 0, chat_id, message);
}

/* The reply clock */

static gint64
real_now (gpointer user_data)
{
  return g_get_real_time ();
}

gint64
mc_chat_store_get_now (McChatStore *self)
{
  g_return_val_if_fail (MC_IS_CHAT_STORE (self), 0);

  return self->now_func != NULL ? self->now_func (self->now_data) : real_now (NULL);
}

void
mc_chat_store_set_now_func (McChatStore    *self,
                            McNowFunc       func,
                            gpointer        user_data,
                            GDestroyNotify  destroy)
{
  g_return_if_fail (MC_IS_CHAT_STORE (self));

  if (self->now_destroy != NULL)
    self->now_destroy (self->now_data);
  self->now_func = func;
  self->now_data = user_data;
  self->now_destroy = destroy;
  mc_chat_store_update_clocks (self);
}

static void
clocks_changed (McChatStore *self)
{
  self->clock_generation++;
  mc_chat_store_update_clocks (self);
}

gint64
mc_chat_store_get_reply_target (McChatStore *self)
{
  g_return_val_if_fail (MC_IS_CHAT_STORE (self), MC_REPLY_TARGET_DEFAULT);

  return self->reply_target;
}

void
mc_chat_store_set_reply_target (McChatStore *self,
                                gint64       target)
{
  g_return_if_fail (MC_IS_CHAT_STORE (self));
  g_return_if_fail (target > 0);

  if (self->reply_target == target)
    return;
  self->reply_target = target;
  clocks_changed (self);
}

McWorkingHours *
mc_chat_store_get_working_hours (McChatStore *self,
                                 gint64       business_id)
{
  McWorkingHours *hours;

  g_return_val_if_fail (MC_IS_CHAT_STORE (self), NULL);

  hours = g_hash_table_lookup (self->working_hours, &business_id);
  return hours != NULL && !mc_working_hours_is_always (hours) ? hours : NULL;
}

static gboolean
same_hours (McWorkingHours *a,
            McWorkingHours *b)
{
  g_autofree char *sa = NULL;
  g_autofree char *sb = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  sa = mc_working_hours_to_string (a);
  sb = mc_working_hours_to_string (b);
  return g_strcmp0 (sa, sb) == 0;
}

void
mc_chat_store_set_working_hours (McChatStore    *self,
                                 gint64          business_id,
                                 McWorkingHours *hours)
{
  g_return_if_fail (MC_IS_CHAT_STORE (self));

  if (hours != NULL && mc_working_hours_is_always (hours))
    hours = NULL;
  if (same_hours (mc_chat_store_get_working_hours (self, business_id), hours))
    return;

  if (hours == NULL)
    g_hash_table_remove (self->working_hours, &business_id);
  else
    g_hash_table_insert (self->working_hours, g_memdup2 (&business_id, sizeof business_id),
                         mc_working_hours_ref (hours));
  clocks_changed (self);
}

static gint64
waiting_since_of (McChat *chat)
{
  return mc_chat_needs_reply (chat) ? mc_chat_get_waiting_since (chat) : 0;
}

/* When @entry's customer is due a reply; G_MAXINT64 when nobody waits. */
static gint64
entry_due_at (McChatStore *self,
              Entry       *entry)
{
  gint64 since = waiting_since_of (entry->chat);

  if (since <= 0)
    return G_MAXINT64;

  if (entry->due_since != since || entry->due_generation != self->clock_generation ||
      entry->due_at == 0)
    {
      gint64 business_id = mc_chat_get_business_id (entry->chat);
      McWorkingHours *hours = mc_chat_store_get_working_hours (self, business_id);

      entry->due_at = hours != NULL ? mc_working_hours_reach (hours, since, self->reply_target)
                                    : since + self->reply_target;
      entry->due_since = since;
      entry->due_generation = self->clock_generation;
    }
  return entry->due_at;
}

void
mc_chat_store_get_reply_clock (McChatStore  *self,
                               McChat       *chat,
                               gint64        now,
                               McReplyClock *clock)
{
  g_return_if_fail (MC_IS_CHAT_STORE (self));
  g_return_if_fail (MC_IS_CHAT (chat));
  g_return_if_fail (clock != NULL);

  mc_reply_clock_compute (clock, waiting_since_of (chat), self->reply_target,
                          mc_chat_store_get_working_hours (self, mc_chat_get_business_id (chat)),
                          now);
}

gboolean
mc_chat_store_is_overdue (McChatStore *self,
                          McChat      *chat,
                          gint64       now)
{
  Entry *entry;

  g_return_val_if_fail (MC_IS_CHAT_STORE (self), FALSE);
  g_return_val_if_fail (MC_IS_CHAT (chat), FALSE);

  entry = lookup_entry (self, mc_chat_get_chat_id (chat));
  return entry != NULL && now >= entry_due_at (self, entry);
}

gint64
mc_chat_store_get_next_clock_change (McChatStore *self)
{
  gint64 now, next = G_MAXINT64;

  g_return_val_if_fail (MC_IS_CHAT_STORE (self), G_MAXINT64);

  now = mc_chat_store_get_now (self);
  for (guint i = 0; i < self->entries->len; i++)
    {
      gint64 due_at = entry_due_at (self, self->entries->pdata[i]);

      if (due_at > now && due_at < next)
        next = due_at;
    }
  return next;
}

static gboolean
on_clock_timeout (gpointer data)
{
  McChatStore *self = data;

  self->clock_timeout_id = 0;
  mc_chat_store_update_clocks (self);

  return G_SOURCE_REMOVE;
}

/* One timeout for the whole store, at the next instant a chat becomes
 * overdue: no polling while nothing changes. */
static void
schedule_clock (McChatStore *self)
{
  gint64 next = mc_chat_store_get_next_clock_change (self);
  gint64 delay;

  g_clear_handle_id (&self->clock_timeout_id, g_source_remove);
  if (next == G_MAXINT64)
    return;

  /* A day at most: a clock set forward or a fake now is caught up with. */
  delay = MIN (next - mc_chat_store_get_now (self), G_TIME_SPAN_DAY);
  self->clock_timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT,
                                               (guint) (delay / 1000 + 1),
                                               on_clock_timeout, self, NULL);
  g_source_set_name_by_id (self->clock_timeout_id, "[mc] reply clock");
}

static gboolean
on_clock_idle (gpointer data)
{
  McChatStore *self = data;

  self->clock_idle_id = 0;
  schedule_clock (self);

  return G_SOURCE_REMOVE;
}

/* Merges come in bursts: the next change is looked for once after them. */
static void
queue_clock_schedule (McChatStore *self)
{
  if (self->clock_idle_id == 0)
    self->clock_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_clock_idle, self, NULL);
}

void
mc_chat_store_update_clocks (McChatStore *self)
{
  g_return_if_fail (MC_IS_CHAT_STORE (self));

  g_signal_emit (self, signals[CLOCKS_CHANGED], 0);
  schedule_clock (self);
}
