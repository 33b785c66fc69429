/* test-store.c: merge semantics, views, read state, the sidebar and the
 * message store.  Every list model under test is shadowed by an array
 * built only from its items-changed signals, so a wrong signal shows up
 * as a shadow that differs from the model.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "mc-cache.h"
#include "mc-chat-store.h"
#include "mc-chat-view.h"
#include "mc-message-store.h"
#include "mc-sidebar-model.h"
#include "mc-test-util.h"

static char *tmp_dir;

/* Shadows */

typedef struct
{
  GListModel *model;
  GPtrArray  *items;
  guint       signals;
} Shadow;

static void
shadow_items_changed (GListModel *model,
                      guint       position,
                      guint       removed,
                      guint       added,
                      Shadow     *shadow)
{
  g_assert_cmpuint (position + removed, <=, shadow->items->len);
  g_ptr_array_remove_range (shadow->items, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, position + i);

      g_assert_nonnull (item);
      g_ptr_array_insert (shadow->items, position + i, item);
    }
  /* The model must already read as the shadow does. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, shadow->items->len);
  shadow->signals++;
}

static Shadow *
shadow_new (gpointer model)
{
  Shadow *shadow = g_new0 (Shadow, 1);
  guint n = g_list_model_get_n_items (model);

  shadow->model = model;
  shadow->items = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_ptr_array_add (shadow->items, item);
    }
  g_signal_connect (model, "items-changed", G_CALLBACK (shadow_items_changed), shadow);
  return shadow;
}

static void
shadow_check (Shadow *shadow)
{
  guint n = g_list_model_get_n_items (shadow->model);

  g_assert_cmpuint (n, ==, shadow->items->len);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (shadow->model, i);

      g_assert_true (item == g_ptr_array_index (shadow->items, i));
    }
}

static void
shadow_free (Shadow *shadow)
{
  g_signal_handlers_disconnect_by_data (shadow->model, shadow);
  g_ptr_array_unref (shadow->items);
  g_free (shadow);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Shadow, shadow_free)

/* Data */

static McChat *
make_chat (gint64        chat_id,
           gint64        business_id,
           McChatStatus  status,
           gint64        updated_at,
           gint64        campaign_id,
           const char   *name,
           gint64        order_id)
{
  McChat *chat = mc_chat_new (chat_id, business_id);
  g_autoptr(McChatContext) context = mc_chat_context_new (order_id != 0 ? MC_CONTEXT_TYPE_ORDER
                                                                        : MC_CONTEXT_TYPE_DIRECT);

  mc_chat_set_chat_type (chat, MC_CHAT_TYPE_CHAT);
  mc_chat_set_status (chat, status);
  mc_chat_set_created_at (chat, 1);
  mc_chat_set_updated_at (chat, updated_at);
  mc_chat_context_set_campaign_id (context, campaign_id);
  mc_chat_context_set_order_id (context, order_id);
  if (name != NULL)
    {
      g_autoptr(McCustomer) customer = mc_customer_new (name, NULL);

      mc_chat_context_set_customer (context, customer);
    }
  mc_chat_set_context (chat, context);
  return chat;
}

static McChat *
copy_chat (McChat *chat)
{
  McChatContext *context = mc_chat_get_context (chat);

  return make_chat (mc_chat_get_chat_id (chat), mc_chat_get_business_id (chat),
                    mc_chat_get_status (chat), mc_chat_get_updated_at (chat),
                    mc_chat_context_get_campaign_id (context),
                    mc_chat_get_customer_name (chat),
                    mc_chat_context_get_order_id (context));
}

static GPtrArray *
chats_of (McChat *first,
          ...)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (McChat *chat = first; chat != NULL; chat = va_arg (args, McChat *))
    g_ptr_array_add (array, chat);
  va_end (args);
  return array;
}

static McMessage *
make_message (gint64      chat_id,
              gint64      message_id,
              gint64      created_at,
              McSender    sender,
              const char *text)
{
  McMessage *message = mc_message_new (message_id, chat_id);

  mc_message_set_created_at (message, created_at);
  mc_message_set_sender (message, sender);
  mc_message_set_text (message, text);
  return message;
}

static GPtrArray *
messages_of (McMessage *first,
             ...)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (McMessage *message = first; message != NULL; message = va_arg (args, McMessage *))
    g_ptr_array_add (array, message);
  va_end (args);
  return array;
}

static gint64
chat_id_at (gpointer model,
            guint    position)
{
  g_autoptr(McChat) chat = g_list_model_get_item (model, position);

  return mc_chat_get_chat_id (chat);
}

static void
assert_ids (gpointer      model,
            const gint64 *ids,
            guint         n_ids)
{
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_ids);
  for (guint i = 0; i < n_ids; i++)
    g_assert_cmpint (chat_id_at (model, i), ==, ids[i]);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              GHashTable *counts)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, pspec->name));

  g_hash_table_insert (counts, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

static void
count_signal (guint *counter)
{
  (*counter)++;
}

/* Tests */

static void
test_merge (void)
{
  g_autoptr(McChatStore) store = mc_chat_store_new ();
  g_autoptr(Shadow) shadow = shadow_new (store);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GHashTable) notified = g_hash_table_new (g_str_hash, g_str_equal);
  McChat *original;
  McChat *update;

  first = chats_of (make_chat (1, 10, MC_CHAT_STATUS_NEW, 100, 5, "Анна", 111),
                    make_chat (2, 10, MC_CHAT_STATUS_NEW, 200, 5, "Борис", 222),
                    make_chat (3, 10, MC_CHAT_STATUS_FINISHED, 300, 0, NULL, 0),
                    NULL);
  mc_chat_store_merge (store, first);
  g_assert_cmpuint (shadow->signals, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  shadow_check (shadow);

  /* The same chats again change nothing and signal nothing. */
  again = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < first->len; i++)
    g_ptr_array_add (again, copy_chat (g_ptr_array_index (first, i)));
  mc_chat_store_merge (store, again);
  g_assert_cmpuint (shadow->signals, ==, 1);

  /* An update is applied in place, notifying only what changed. */
  original = mc_chat_store_lookup (store, 2);
  g_assert_true (original == g_ptr_array_index (first, 1));
  g_signal_connect (original, "notify", G_CALLBACK (count_notify), notified);
  update = make_chat (2, 10, MC_CHAT_STATUS_WAITING_FOR_CUSTOMER, 200, 5, "Борис", 222);
  second = chats_of (update,
                     make_chat (4, 10, MC_CHAT_STATUS_NEW, 50, 5, "Вера", 444),
                     make_chat (5, 11, MC_CHAT_STATUS_NEW, 60, 0, "Глеб", 0),
                     make_chat (4, 10, MC_CHAT_STATUS_NEW, 50, 5, "Вера", 444),
                     NULL);
  mc_chat_store_merge (store, second);
  g_signal_handlers_disconnect_by_data (original, notified);

  g_assert_true (mc_chat_store_lookup (store, 2) == original);
  g_assert_cmpint (mc_chat_get_status (original), ==, MC_CHAT_STATUS_WAITING_FOR_CUSTOMER);
  g_assert_cmpuint (g_hash_table_size (notified), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (notified, "status")), ==, 1);

  /* Two new chats (one given twice) arrive in one signal. */
  g_assert_cmpuint (shadow->signals, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 5);
  shadow_check (shadow);
  g_assert_null (mc_chat_store_lookup (store, 99));
  g_assert_cmpint (mc_chat_get_chat_id (mc_chat_store_lookup (store, 5)), ==, 5);
}

static GPtrArray *
sample_store_chats (void)
{
  McChat *arbitrage;

  arbitrage = make_chat (6, 10, MC_CHAT_STATUS_WAITING_FOR_PARTNER, 600, 5, "Дарья", 666);
  mc_chat_set_chat_type (arbitrage, MC_CHAT_TYPE_ARBITRAGE);
  return chats_of (make_chat (1, 10, MC_CHAT_STATUS_NEW, 300, 5, "Анна Петрова", 12345),
                    make_chat (2, 10, MC_CHAT_STATUS_WAITING_FOR_PARTNER, 100, 7, "Борис", 22222),
                    make_chat (3, 10, MC_CHAT_STATUS_WAITING_FOR_CUSTOMER, 500, 5, "Анастасия", 33333),
                    make_chat (4, 10, MC_CHAT_STATUS_WAITING_FOR_ARBITER, 400, 0, "Вера", 0),
                    make_chat (5, 10, MC_CHAT_STATUS_FINISHED, 200, 7, "Глеб", 55555),
                    arbitrage,
                    make_chat (7, 20, MC_CHAT_STATUS_NEW, 50, 8, "Олег", 77777),
                    make_chat (8, 10, MC_CHAT_STATUS_NEW, 300, 0, "Zoe", 0),
                    NULL);
}

static McChatStore *
sample_store (void)
{
  McChatStore *store = mc_chat_store_new ();
  g_autoptr(GPtrArray) chats = sample_store_chats ();

  mc_chat_store_merge (store, chats);
  return store;
}

static void
test_view_modes (void)
{
  g_autoptr(McChatStore) store = sample_store ();
  g_autoptr(McChatView) view = mc_chat_view_new (store);
  const gint64 needs_reply[] = { 7, 2, 1, 8, 6 };
  const gint64 all[] = { 6, 3, 4, 8, 1, 5, 2, 7 };
  const gint64 waiting[] = { 3 };
  const gint64 disputes[] = { 6, 4 };
  const gint64 finished[] = { 5 };

  g_assert_cmpint (mc_chat_view_get_mode (view), ==, MC_CHAT_VIEW_MODE_NEEDS_REPLY);
  /* Oldest waiting first; equal times fall back to the chat id. */
  assert_ids (view, needs_reply, G_N_ELEMENTS (needs_reply));

  mc_chat_view_set_mode (view, MC_CHAT_VIEW_MODE_ALL);
  assert_ids (view, all, G_N_ELEMENTS (all));
  mc_chat_view_set_mode (view, MC_CHAT_VIEW_MODE_WAITING_FOR_CUSTOMER);
  assert_ids (view, waiting, G_N_ELEMENTS (waiting));
  mc_chat_view_set_mode (view, MC_CHAT_VIEW_MODE_DISPUTES);
  assert_ids (view, disputes, G_N_ELEMENTS (disputes));
  mc_chat_view_set_mode (view, MC_CHAT_VIEW_MODE_FINISHED);
  assert_ids (view, finished, G_N_ELEMENTS (finished));
}

static void
test_view_filters (void)
{
  g_autoptr(McChatStore) store = sample_store ();
  g_autoptr(McChatView) view = mc_chat_view_new (store);
  g_autoptr(Shadow) shadow = shadow_new (view);
  g_autoptr(McCampaign) campaign = mc_campaign_new (5, "Shop", 10, "Cabinet",
                                                    MC_PLACEMENT_TYPE_FBS,
                                                    MC_API_AVAILABILITY_AVAILABLE);
  g_autoptr(McSidebarItem) store_item = mc_sidebar_item_new (MC_SIDEBAR_ITEM_KIND_CABINET_STORE, 10, campaign, "Cabinet");
  g_autoptr(McSidebarItem) no_store = mc_sidebar_item_new (MC_SIDEBAR_ITEM_KIND_NO_STORE, 10, NULL, "Cabinet");
  g_autoptr(McSidebarItem) all_stores = mc_sidebar_item_new (MC_SIDEBAR_ITEM_KIND_ALL_STORES, 20, NULL, "Other");
  const gint64 business[] = { 6, 3, 4, 8, 1, 5, 2 };
  const gint64 one[] = { 6, 3, 1 };
  const gint64 none[] = { 4, 8 };
  const gint64 other[] = { 7 };
  const gint64 by_name[] = { 3, 1 };
  const gint64 by_order[] = { 1 };
  const gint64 by_order_part[] = { 5, 2 };
  guint signals;

  mc_chat_view_set_mode (view, MC_CHAT_VIEW_MODE_ALL);
  mc_chat_view_set_business_id (view, 10);
  assert_ids (view, business, G_N_ELEMENTS (business));

  signals = shadow->signals;
  mc_chat_view_set_store_item (view, store_item);
  g_assert_cmpuint (shadow->signals, ==, signals + 1);
  g_assert_cmpint (mc_chat_view_get_campaign_filter (view), ==, MC_CAMPAIGN_FILTER_ONE);
  assert_ids (view, one, G_N_ELEMENTS (one));

  mc_chat_view_set_store_item (view, no_store);
  assert_ids (view, none, G_N_ELEMENTS (none));

  mc_chat_view_set_store_item (view, all_stores);
  assert_ids (view, other, G_N_ELEMENTS (other));

  mc_chat_view_set_business_id (view, 0);
  mc_chat_view_set_campaign_filter (view, MC_CAMPAIGN_FILTER_ALL);

  /* Case-insensitive over the customer's name, Cyrillic included. */
  mc_chat_view_set_search_text (view, "  АН ");
  assert_ids (view, by_name, G_N_ELEMENTS (by_name));
  /* Typing on narrows what is shown; deleting widens it again. */
  mc_chat_view_set_search_text (view, "Анас");
  assert_ids (view, by_name, 1);
  mc_chat_view_set_search_text (view, "ан");
  assert_ids (view, by_name, G_N_ELEMENTS (by_name));
  shadow_check (shadow);
  mc_chat_view_set_search_text (view, "12345");
  assert_ids (view, by_order, G_N_ELEMENTS (by_order));
  mc_chat_view_set_search_text (view, "555");
  assert_ids (view, by_order_part + 0, 1);
  mc_chat_view_set_search_text (view, "22");
  assert_ids (view, by_order_part + 1, 1);
  mc_chat_view_set_search_text (view, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view)), ==, 8);
  shadow_check (shadow);
}

/* A search finds every chat of the store whatever the view shows, newest
 * first; clearing it gives the view back. */
static void
test_view_search_all (void)
{
  g_autoptr(McChatStore) store = sample_store ();
  g_autoptr(McChatView) view = mc_chat_view_new (store);
  g_autoptr(Shadow) shadow = shadow_new (view);
  const gint64 needs_reply[] = { 7, 2, 1, 8, 6 };
  const gint64 by_name[] = { 3, 1 };
  const gint64 finished[] = { 5 };

  assert_ids (view, needs_reply, G_N_ELEMENTS (needs_reply));
  mc_chat_view_set_search_text (view, "ан");
  assert_ids (view, by_name, G_N_ELEMENTS (by_name));
  mc_chat_view_set_search_text (view, "Глеб");
  assert_ids (view, finished, G_N_ELEMENTS (finished));
  g_assert_cmpint (mc_chat_view_get_mode (view), ==, MC_CHAT_VIEW_MODE_NEEDS_REPLY);
  shadow_check (shadow);

  mc_chat_view_set_mode (view, MC_CHAT_VIEW_MODE_DISPUTES);
  assert_ids (view, finished, G_N_ELEMENTS (finished));
  mc_chat_view_set_mode (view, MC_CHAT_VIEW_MODE_NEEDS_REPLY);
  mc_chat_view_set_search_text (view, NULL);
  assert_ids (view, needs_reply, G_N_ELEMENTS (needs_reply));
  shadow_check (shadow);
}

static void
merge_one (McChatStore *store,
           McChat      *chat)
{
  g_autoptr(GPtrArray) chats = chats_of (chat, NULL);

  mc_chat_store_merge (store, chats);
}

static void
test_view_incremental (void)
{
  g_autoptr(McChatStore) store = sample_store ();
  g_autoptr(McChatView) needs_reply = mc_chat_view_new (store);
  g_autoptr(McChatView) all = mc_chat_view_new (store);
  g_autoptr(Shadow) shadow = shadow_new (needs_reply);
  g_autoptr(Shadow) all_shadow = NULL;
  const gint64 before[] = { 7, 2, 1, 8, 6 };
  const gint64 left[] = { 7, 1, 8, 6 };
  const gint64 back[] = { 7, 1, 8, 6, 2 };
  const gint64 all_after[] = { 2, 6, 3, 4, 8, 1, 5, 7 };

  mc_chat_view_set_mode (all, MC_CHAT_VIEW_MODE_ALL);
  all_shadow = shadow_new (all);
  assert_ids (needs_reply, before, G_N_ELEMENTS (before));

  /* The seller answered chat 2: it leaves "needs reply" with one signal. */
  merge_one (store, make_chat (2, 10, MC_CHAT_STATUS_WAITING_FOR_CUSTOMER, 100, 7, "Борис", 22222));
  g_assert_cmpuint (shadow->signals, ==, 1);
  assert_ids (needs_reply, left, G_N_ELEMENTS (left));
  shadow_check (shadow);
  /* Its position in "all" did not change: nothing to say there. */
  g_assert_cmpuint (all_shadow->signals, ==, 0);

  /* The customer wrote again: back in, now the newest waiting. */
  merge_one (store, make_chat (2, 10, MC_CHAT_STATUS_WAITING_FOR_PARTNER, 900, 7, "Борис", 22222));
  g_assert_cmpuint (shadow->signals, ==, 2);
  assert_ids (needs_reply, back, G_N_ELEMENTS (back));
  shadow_check (shadow);
  /* In "all" it moves to the top: one removal, one insertion. */
  g_assert_cmpuint (all_shadow->signals, ==, 2);
  assert_ids (all, all_after, G_N_ELEMENTS (all_after));
  shadow_check (all_shadow);

  /* A change that moves nothing signals nothing. */
  merge_one (store, make_chat (1, 10, MC_CHAT_STATUS_NEW, 300, 5, "Анна Сидорова", 12345));
  g_assert_cmpuint (shadow->signals, ==, 2);
  g_assert_cmpuint (all_shadow->signals, ==, 2);
}

static void
test_view_random (void)
{
  g_autoptr(McChatStore) store = mc_chat_store_new ();
  McChatView *views[3];
  Shadow *shadows[3];
  GRand *rand = g_rand_new_with_seed (42);
  const McChatStatus statuses[] = { MC_CHAT_STATUS_NEW, MC_CHAT_STATUS_WAITING_FOR_PARTNER,
                                    MC_CHAT_STATUS_WAITING_FOR_CUSTOMER, MC_CHAT_STATUS_FINISHED };

  for (guint v = 0; v < 3; v++)
    {
      views[v] = mc_chat_view_new (store);
      shadows[v] = shadow_new (views[v]);
    }
  mc_chat_view_set_mode (views[1], MC_CHAT_VIEW_MODE_ALL);
  mc_chat_view_set_mode (views[2], MC_CHAT_VIEW_MODE_FINISHED);
  mc_chat_view_set_campaign_filter (views[2], MC_CAMPAIGN_FILTER_ONE);
  mc_chat_view_set_campaign_id (views[2], 1);

  for (guint round = 0; round < 60; round++)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
      guint n = g_rand_int_range (rand, 1, 30);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (batch, make_chat (g_rand_int_range (rand, 1, 300), 10,
                                           statuses[g_rand_int_range (rand, 0, 4)],
                                           g_rand_int_range (rand, 0, 50),
                                           g_rand_int_range (rand, 0, 3), "x", 0));
      mc_chat_store_merge (store, batch);

      for (guint v = 0; v < 3; v++)
        {
          g_autoptr(McChatView) fresh = mc_chat_view_new (store);
          guint len = g_list_model_get_n_items (G_LIST_MODEL (views[v]));

          g_object_set (fresh,
                        "mode", mc_chat_view_get_mode (views[v]),
                        "campaign-filter", mc_chat_view_get_campaign_filter (views[v]),
                        "campaign-id", mc_chat_view_get_campaign_id (views[v]),
                        NULL);
          shadow_check (shadows[v]);
          g_assert_cmpuint (len, ==, g_list_model_get_n_items (G_LIST_MODEL (fresh)));
          for (guint i = 0; i < len; i++)
            g_assert_cmpint (chat_id_at (views[v], i), ==, chat_id_at (fresh, i));
        }
    }

  for (guint v = 0; v < 3; v++)
    {
      shadow_free (shadows[v]);
      g_assert_finalize_object (views[v]);
    }
  g_rand_free (rand);
}

static McCache *
open_cache (const char *name,
            gint64      business_id)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  McCache *cache = mc_cache_open_path (path, business_id, &error);

  g_assert_no_error (error);
  return cache;
}

static void
test_read_state (void)
{
  g_autoptr(McCache) cache = open_cache ("read.sqlite", 10);
  g_autoptr(McChatStore) store = mc_chat_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) m1 = NULL;
  g_autoptr(GPtrArray) m2 = NULL;
  g_autoptr(GPtrArray) m3 = NULL;
  guint unread_signals = 0;
  McChat *chat;

  g_assert_true (mc_chat_store_add_cache (store, cache, &error));
  g_assert_no_error (error);
  g_assert_true (mc_chat_store_get_cache (store, 10) == cache);
  merge_one (store, make_chat (1, 10, MC_CHAT_STATUS_NEW, 100, 5, "Анна", 1));
  chat = mc_chat_store_lookup (store, 1);
  g_signal_connect_swapped (store, "unread-changed", G_CALLBACK (count_signal), &unread_signals);

  m1 = messages_of (make_message (1, 1, 10, MC_SENDER_CUSTOMER, "Здравствуйте"),
                    make_message (1, 2, 20, MC_SENDER_CUSTOMER, "Где заказ?"),
                    NULL);
  mc_chat_store_merge_messages (store, 1, m1);
  g_assert_cmpuint (mc_chat_get_unread_count (chat), ==, 2);
  g_assert_cmpuint (unread_signals, ==, 1);
  g_assert_cmpstr (mc_chat_get_last_message_preview (chat), ==, "Где заказ?");
  g_assert_cmpint (mc_chat_store_get_last_message_id (store, 1), ==, 2);

  /* The same page again (messageIdFrom is inclusive) counts nothing twice. */
  mc_chat_store_merge_messages (store, 1, m1);
  g_assert_cmpuint (mc_chat_get_unread_count (chat), ==, 2);

  /* The seller answered from another device: everything before is read. */
  m2 = messages_of (make_message (1, 3, 30, MC_SENDER_PARTNER, "Уже в пути"),
                    make_message (1, 4, 40, MC_SENDER_CUSTOMER, "Спасибо"),
                    make_message (1, 5, 50, MC_SENDER_CUSTOMER, "А когда?"),
                    NULL);
  mc_chat_store_merge_messages (store, 1, m2);
  g_assert_cmpuint (mc_chat_get_unread_count (chat), ==, 2);
  g_assert_cmpint (mc_chat_store_get_read_marker (store, 1), ==, 3);

  mc_chat_store_mark_read (store, 1, 4);
  g_assert_cmpuint (mc_chat_get_unread_count (chat), ==, 1);
  g_assert_cmpuint (unread_signals, ==, 2);
  /* Marking an older message read changes nothing. */
  mc_chat_store_mark_read (store, 1, 2);
  g_assert_cmpint (mc_chat_store_get_read_marker (store, 1), ==, 4);

  /* A restart keeps the count. */
  g_signal_handlers_disconnect_by_data (store, &unread_signals);
  g_clear_object (&store);
  g_clear_object (&cache);
  cache = open_cache ("read.sqlite", 10);
  store = mc_chat_store_new ();
  g_assert_true (mc_chat_store_add_cache (store, cache, &error));
  g_assert_no_error (error);
  chat = mc_chat_store_lookup (store, 1);
  g_assert_nonnull (chat);
  g_assert_cmpuint (mc_chat_get_unread_count (chat), ==, 1);
  g_assert_cmpstr (mc_chat_get_last_message_preview (chat), ==, "А когда?");
  g_assert_cmpint (mc_chat_store_get_read_marker (store, 1), ==, 4);
  g_assert_cmpint (mc_chat_store_get_last_message_id (store, 1), ==, 5);

  m3 = messages_of (make_message (1, 6, 60, MC_SENDER_MARKET, "Служебное"), NULL);
  mc_chat_store_merge_messages (store, 1, m3);
  g_assert_cmpuint (mc_chat_get_unread_count (chat), ==, 1);
  mc_chat_store_mark_read (store, 1, 6);
  g_assert_cmpuint (mc_chat_get_unread_count (chat), ==, 0);
}

/* Pins sort first in every view, incrementally as in a rebuild; pins and
 * "mark as unread" are kept in the cache and survive a restart; opening
 * (marking read) clears the mark. */
static void
test_marks (void)
{
  g_autoptr(McCache) cache = open_cache ("marks.sqlite", 10);
  g_autoptr(McChatStore) store = mc_chat_store_new ();
  g_autoptr(McChatView) needs_reply = NULL;
  g_autoptr(McChatView) all = NULL;
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 needs_reply_pinned[] = { 8, 7, 2, 1, 6 };
  const gint64 all_pinned[] = { 8, 5, 6, 3, 4, 1, 2, 7 };
  /* The cache is business 10's: chat 7 (business 20) is not in it. */
  const gint64 restarted_pinned[] = { 8, 5, 6, 3, 4, 1, 2 };
  const gint64 restarted_one_pin[] = { 5, 6, 3, 4, 8, 1, 2 };
  const gint64 restarted_unpinned[] = { 6, 3, 4, 8, 1, 5, 2 };
  guint unread_signals = 0;

  g_assert_true (mc_chat_store_add_cache (store, cache, &error));
  g_assert_no_error (error);
  chats = sample_store_chats ();
  mc_chat_store_merge (store, chats);
  needs_reply = mc_chat_view_new (store);
  all = mc_chat_view_new (store);
  mc_chat_view_set_mode (all, MC_CHAT_VIEW_MODE_ALL);

  mc_chat_store_set_pinned (store, 8, TRUE);
  mc_chat_store_set_pinned (store, 5, TRUE);
  g_assert_true (mc_chat_get_pinned (mc_chat_store_lookup (store, 8)));
  /* Pinned first, then the view's own order: oldest waiting, newest. */
  assert_ids (needs_reply, needs_reply_pinned, G_N_ELEMENTS (needs_reply_pinned));
  assert_ids (all, all_pinned, G_N_ELEMENTS (all_pinned));

  g_signal_connect_swapped (store, "unread-changed", G_CALLBACK (count_signal), &unread_signals);
  mc_chat_store_set_marked_unread (store, 3, TRUE);
  g_assert_cmpuint (unread_signals, ==, 1);
  g_assert_true (mc_chat_get_shows_unread (mc_chat_store_lookup (store, 3)));
  g_assert_cmpuint (mc_chat_get_unread_count (mc_chat_store_lookup (store, 3)), ==, 0);
  mc_chat_store_set_marked_unread (store, 3, TRUE);
  g_assert_cmpuint (unread_signals, ==, 1);
  g_signal_handlers_disconnect_by_data (store, &unread_signals);

  /* A restart keeps both, and the views sort the same. */
  g_clear_object (&needs_reply);
  g_clear_object (&all);
  g_clear_object (&store);
  g_clear_object (&cache);
  cache = open_cache ("marks.sqlite", 10);
  store = mc_chat_store_new ();
  g_assert_true (mc_chat_store_add_cache (store, cache, &error));
  g_assert_no_error (error);
  g_assert_true (mc_chat_get_pinned (mc_chat_store_lookup (store, 8)));
  g_assert_true (mc_chat_get_pinned (mc_chat_store_lookup (store, 5)));
  g_assert_false (mc_chat_get_pinned (mc_chat_store_lookup (store, 3)));
  g_assert_true (mc_chat_get_marked_unread (mc_chat_store_lookup (store, 3)));
  g_assert_false (mc_chat_get_marked_unread (mc_chat_store_lookup (store, 8)));
  all = mc_chat_view_new (store);
  mc_chat_view_set_mode (all, MC_CHAT_VIEW_MODE_ALL);
  assert_ids (all, restarted_pinned, G_N_ELEMENTS (restarted_pinned));

  /* Unpinned, the chat goes back to its place; the mark goes when read. */
  mc_chat_store_set_pinned (store, 8, FALSE);
  mc_chat_store_set_marked_unread (store, 3, FALSE);
  assert_ids (all, restarted_one_pin, G_N_ELEMENTS (restarted_one_pin));
  mc_chat_store_set_pinned (store, 5, FALSE);
  assert_ids (all, restarted_unpinned, G_N_ELEMENTS (restarted_unpinned));

  g_clear_object (&all);
  g_clear_object (&store);
  g_clear_object (&cache);
  cache = open_cache ("marks.sqlite", 10);
  store = mc_chat_store_new ();
  g_assert_true (mc_chat_store_add_cache (store, cache, &error));
  g_assert_no_error (error);
  g_assert_false (mc_chat_get_pinned (mc_chat_store_lookup (store, 8)));
  g_assert_false (mc_chat_get_marked_unread (mc_chat_store_lookup (store, 3)));
}

/* The wait runs from the first customer message not answered yet: a
 * follow-up neither restarts it nor moves the chat in Needs Reply, a
 * restart keeps it, and a reply ends it. */
static void
test_waiting_since (void)
{
  g_autoptr(McCache) cache = open_cache ("waiting.sqlite", 10);
  g_autoptr(McChatStore) store = mc_chat_store_new ();
  g_autoptr(McChatView) view = NULL;
  g_autoptr(Shadow) shadow = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) m1 = NULL;
  g_autoptr(GPtrArray) m2 = NULL;
  g_autoptr(GPtrArray) m3 = NULL;
  g_autoptr(GPtrArray) m4 = NULL;
  const gint64 fresh_first[] = { 1, 2 };
  const gint64 oldest_first[] = { 2, 1 };
  McChat *chat;

  g_assert_true (mc_chat_store_add_cache (store, cache, &error));
  g_assert_no_error (error);
  view = mc_chat_view_new (store);
  shadow = shadow_new (view);
  merge_one (store, make_chat (1, 10, MC_CHAT_STATUS_NEW, 1000, 5, "Анна", 1));
  merge_one (store, make_chat (2, 10, MC_CHAT_STATUS_WAITING_FOR_PARTNER, 2000, 5, "Наталья", 2));
  /* Without history the last message is all there is to go by. */
  assert_ids (view, fresh_first, G_N_ELEMENTS (fresh_first));
  chat = mc_chat_store_lookup (store, 2);
  g_assert_cmpint (mc_chat_get_waiting_since (chat), ==, 2000);

  m1 = messages_of (make_message (1, 1, 1000, MC_SENDER_CUSTOMER, "Здравствуйте"), NULL);
  mc_chat_store_merge_messages (store, 1, m1);
  m2 = messages_of (make_message (2, 11, 100, MC_SENDER_PARTNER, "Добрый день"),
                    make_message (2, 12, 500, MC_SENDER_CUSTOMER, "Где заказ?"),
                    make_message (2, 13, 2000, MC_SENDER_CUSTOMER, "Ау"),
                    NULL);
  mc_chat_store_merge_messages (store, 2, m2);
  g_assert_cmpint (mc_chat_get_waiting_since (chat), ==, 500);
  assert_ids (view, oldest_first, G_N_ELEMENTS (oldest_first));
  shadow_check (shadow);

  /* The customer writes again: the chat's updatedAt moves, the wait not. */
  merge_one (store, make_chat (2, 10, MC_CHAT_STATUS_WAITING_FOR_PARTNER, 3000, 5, "Наталья", 2));
  m3 = messages_of (make_message (2, 14, 3000, MC_SENDER_CUSTOMER, "Ответьте!"), NULL);
  mc_chat_store_merge_messages (store, 2, m3);
  g_assert_cmpint (mc_chat_get_waiting_since (chat), ==, 500);
  assert_ids (view, oldest_first, G_N_ELEMENTS (oldest_first));
  shadow_check (shadow);

  /* A restart keeps the wait, from the saved history. */
  g_clear_pointer (&shadow, shadow_free);
  g_clear_object (&view);
  g_clear_object (&store);
  g_clear_object (&cache);
  cache = open_cache ("waiting.sqlite", 10);
  store = mc_chat_store_new ();
  g_assert_true (mc_chat_store_add_cache (store, cache, &error));
  g_assert_no_error (error);
  view = mc_chat_view_new (store);
  shadow = shadow_new (view);
  chat = mc_chat_store_lookup (store, 2);
  g_assert_cmpint (mc_chat_get_updated_at (chat), ==, 3000);
  g_assert_cmpint (mc_chat_get_waiting_since (chat), ==, 500);
  assert_ids (view, oldest_first, G_N_ELEMENTS (oldest_first));

  /* The seller answers: the wait is over, whatever the status says yet. */
  m4 = messages_of (make_message (2, 15, 3100, MC_SENDER_PARTNER, "Уже в пути"), NULL);
  mc_chat_store_merge_messages (store, 2, m4);
  g_assert_cmpint (mc_chat_get_first_unanswered (chat), ==, 0);
  assert_ids (view, fresh_first, G_N_ELEMENTS (fresh_first));
  shadow_check (shadow);

  /* Answered elsewhere, then a new question: a new wait. */
  merge_one (store, make_chat (1, 10, MC_CHAT_STATUS_WAITING_FOR_CUSTOMER, 4000, 5, "Анна", 1));
  chat = mc_chat_store_lookup (store, 1);
  g_assert_cmpint (mc_chat_get_first_unanswered (chat), ==, 0);
  merge_one (store, make_chat (1, 10, MC_CHAT_STATUS_WAITING_FOR_PARTNER, 5000, 5, "Анна", 1));
  g_assert_cmpint (mc_chat_get_waiting_since (chat), ==, 5000);
  shadow_check (shadow);
}

static void
test_sidebar (void)
{
  g_autoptr(McChatStore) store = sample_store ();
  g_autoptr(McSidebarModel) list = mc_sidebar_model_new (store);
  g_autoptr(Shadow) shadow = shadow_new (list);
  g_autoptr(GPtrArray) campaigns = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) other = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(McSidebarItem) all_stores = NULL;
  g_autoptr(McSidebarItem) no_store = NULL;
  McSidebarItem *shop5, *shop7;

  g_ptr_array_add (campaigns, mc_campaign_new (7, "Zeta", 10, "Cabinet", MC_PLACEMENT_TYPE_FBY,
                                               MC_API_AVAILABILITY_AVAILABLE));
  g_ptr_array_add (campaigns, mc_campaign_new (5, "Alpha", 10, "Cabinet", MC_PLACEMENT_TYPE_FBS,
                                               MC_API_AVAILABILITY_AVAILABLE));
  mc_sidebar_model_set_campaigns (list, 10, "Cabinet", campaigns);
  g_ptr_array_add (other, mc_campaign_new (8, "Other shop", 20, "Second", MC_PLACEMENT_TYPE_DBS,
                                           MC_API_AVAILABILITY_AVAILABLE));
  mc_sidebar_model_set_campaigns (list, 20, "Second", other);

  /* All stores, Alpha, Zeta, No store; then the second cabinet. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 7);
  shadow_check (shadow);
  all_stores = g_list_model_get_item (G_LIST_MODEL (list), 0);
  no_store = g_list_model_get_item (G_LIST_MODEL (list), 3);
  g_assert_cmpint (mc_sidebar_item_get_kind (all_stores), ==, MC_SIDEBAR_ITEM_KIND_ALL_STORES);
  g_assert_cmpstr (mc_sidebar_item_get_title (all_stores), ==, "All stores");
  g_assert_cmpstr (mc_sidebar_item_get_subtitle (all_stores), ==, "Cabinet");
  g_assert_cmpint (mc_sidebar_item_get_kind (no_store), ==, MC_SIDEBAR_ITEM_KIND_NO_STORE);
  shop5 = mc_sidebar_model_find_campaign (list, 5);
  shop7 = mc_sidebar_model_find_campaign (list, 7);
  g_assert_cmpstr (mc_sidebar_item_get_title (shop5), ==, "Alpha");
  g_assert_cmpstr (mc_sidebar_item_get_subtitle (shop5), ==, "FBS, own warehouse");

  /* Needs reply: 1, 2, 6, 8 in cabinet 10 (7 is in cabinet 20). */
  g_assert_cmpuint (mc_sidebar_item_get_needs_reply_count (all_stores), ==, 4);
  g_assert_cmpuint (mc_sidebar_item_get_needs_reply_count (shop5), ==, 2);
  g_assert_cmpuint (mc_sidebar_item_get_needs_reply_count (shop7), ==, 1);
  g_assert_cmpuint (mc_sidebar_item_get_needs_reply_count (no_store), ==, 1);
  g_assert_cmpuint (mc_sidebar_item_get_needs_reply_count (mc_sidebar_model_find_campaign (list, 8)), ==, 1);

  merge_one (store, make_chat (2, 10, MC_CHAT_STATUS_FINISHED, 100, 7, "Борис", 22222));
  g_assert_cmpuint (mc_sidebar_item_get_needs_reply_count (all_stores), ==, 3);
  g_assert_cmpuint (mc_sidebar_item_get_needs_reply_count (shop7), ==, 0);

  messages = messages_of (make_message (8, 1, 10, MC_SENDER_CUSTOMER, "?"), NULL);
  mc_chat_store_merge_messages (store, 8, messages);
  g_assert_cmpuint (mc_sidebar_item_get_unread_count (no_store), ==, 1);
  g_assert_cmpuint (mc_sidebar_item_get_unread_count (all_stores), ==, 1);
  g_assert_cmpuint (mc_sidebar_item_get_unread_count (shop5), ==, 0);
  mc_chat_store_mark_read (store, 8, 1);
  g_assert_cmpuint (mc_sidebar_item_get_unread_count (no_store), ==, 0);

  /* A chat the seller marked unread counts as one, as in a messenger. */
  mc_chat_store_set_marked_unread (store, 8, TRUE);
  g_assert_cmpuint (mc_sidebar_item_get_unread_count (no_store), ==, 1);
  g_assert_cmpuint (mc_sidebar_item_get_unread_count (all_stores), ==, 1);
  g_assert_cmpuint (mc_sidebar_item_get_unread_count (shop5), ==, 0);
  mc_chat_store_set_marked_unread (store, 8, FALSE);
  g_assert_cmpuint (mc_sidebar_item_get_unread_count (no_store), ==, 0);

  /* The same stores again (new objects, as a refresh or the cache give)
   * change no row, so a selected row stays selected; a renamed store
   * changes its row only. */
  {
    g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(McSidebarItem) first = NULL;
    guint signals = shadow->signals;

    g_ptr_array_add (again, mc_campaign_new (5, "Alpha", 10, "Cabinet", MC_PLACEMENT_TYPE_FBS,
                                             MC_API_AVAILABILITY_AVAILABLE));
    g_ptr_array_add (again, mc_campaign_new (7, "Zeta", 10, "Cabinet", MC_PLACEMENT_TYPE_FBY,
                                             MC_API_AVAILABILITY_AVAILABLE));
    mc_sidebar_model_set_campaigns (list, 10, "Cabinet", again);
    g_assert_cmpuint (shadow->signals, ==, signals);
    g_assert_true (mc_sidebar_model_find_campaign (list, 5) == shop5);
    g_assert_true (mc_sidebar_model_find_campaign (list, 7) == shop7);
    shadow_check (shadow);

    g_ptr_array_remove_index (again, 1);
    g_ptr_array_add (again, mc_campaign_new (7, "Beta", 10, "Cabinet", MC_PLACEMENT_TYPE_FBY,
                                             MC_API_AVAILABILITY_AVAILABLE));
    mc_sidebar_model_set_campaigns (list, 10, "Cabinet", again);
    g_assert_cmpuint (shadow->signals, ==, signals + 1);
    first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_true (first == all_stores);
    g_assert_true (mc_sidebar_model_find_campaign (list, 5) == shop5);
    g_assert_cmpstr (mc_sidebar_item_get_title (mc_sidebar_model_find_campaign (list, 7)), ==, "Beta");
    g_assert_cmpuint (mc_sidebar_item_get_needs_reply_count (mc_sidebar_model_find_campaign (list, 7)), ==, 0);
    shadow_check (shadow);

    /* A new cabinet name changes the rows that show it. */
    mc_sidebar_model_set_campaigns (list, 10, "Renamed", again);
    g_clear_object (&first);
    first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpstr (mc_sidebar_item_get_subtitle (first), ==, "Renamed");
    shadow_check (shadow);
  }

  /* Replacing a cabinet's stores keeps the other cabinet in place. */
  g_ptr_array_remove_index (campaigns, 0);
  mc_sidebar_model_set_campaigns (list, 10, "Cabinet", campaigns);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 6);
  g_assert_null (mc_sidebar_model_find_campaign (list, 7));
  shadow_check (shadow);

  mc_sidebar_model_remove_business (list, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  shadow_check (shadow);
}

static void
test_remove_business (void)
{
  g_autoptr(McChatStore) store = sample_store ();
  g_autoptr(McChatView) view = mc_chat_view_new (store);
  g_autoptr(Shadow) shadow = shadow_new (view);
  g_autoptr(Shadow) store_shadow = shadow_new (store);

  mc_chat_view_set_mode (view, MC_CHAT_VIEW_MODE_ALL);
  mc_chat_store_remove_business (store, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view)), ==, 1);
  g_assert_null (mc_chat_store_lookup (store, 1));
  g_assert_cmpint (chat_id_at (view, 0), ==, 7);
  shadow_check (shadow);
  shadow_check (store_shadow);
}

static void
test_message_store (void)
{
  g_autoptr(McMessageStore) store = mc_message_store_new (1);
  g_autoptr(Shadow) shadow = shadow_new (store);
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) newer = NULL;
  g_autoptr(GPtrArray) older = NULL;
  g_autoptr(McMessage) pending = mc_message_new (0, 1);
  g_autoptr(McMessage) failed = mc_message_new (0, 1);
  g_autoptr(McMessage) confirmed = NULL;
  g_autoptr(McMessage) last = NULL;

  /* Server order is not trusted; a late message with an old time sorts by
   * time, and equal times by id. */
  page = messages_of (make_message (1, 12, 300, MC_SENDER_CUSTOMER, "c"),
                      make_message (1, 10, 100, MC_SENDER_CUSTOMER, "a"),
                      make_message (1, 13, 200, MC_SENDER_PARTNER, "b2"),
                      make_message (1, 11, 200, MC_SENDER_PARTNER, "b1"),
                      make_message (1, 10, 100, MC_SENDER_CUSTOMER, "a again"),
                      NULL);
  g_assert_cmpuint (mc_message_store_merge (store, page), ==, 4);
  g_assert_cmpuint (shadow->signals, ==, 1);
  g_assert_cmpint (mc_message_store_get_last_message_id (store), ==, 13);
  g_assert_cmpint (mc_message_store_get_first_message_id (store), ==, 10);
  {
    const gint64 ids[] = { 10, 11, 13, 12 };

    for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
      {
        g_autoptr(McMessage) message = g_list_model_get_item (G_LIST_MODEL (store), i);

        g_assert_cmpint (mc_message_get_message_id (message), ==, ids[i]);
      }
  }
  g_assert_cmpstr (mc_message_get_text (mc_message_store_lookup (store, 10)), ==, "a");

  /* Pending messages stay last, even when newer ones arrive. */
  mc_message_set_text (pending, "Отправляю");
  mc_message_store_add_pending (store, pending);
  g_assert_cmpint (mc_message_get_state (pending), ==, MC_MESSAGE_STATE_PENDING);
  mc_message_set_state (failed, MC_MESSAGE_STATE_FAILED);
  mc_message_store_add_pending (store, failed);
  g_assert_cmpint (mc_message_get_state (failed), ==, MC_MESSAGE_STATE_FAILED);

  newer = messages_of (make_message (1, 14, 400, MC_SENDER_CUSTOMER, "d"),
                       make_message (1, 15, 500, MC_SENDER_CUSTOMER, "e"),
                       NULL);
  g_assert_cmpuint (mc_message_store_merge (store, newer), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 8);
  last = g_list_model_get_item (G_LIST_MODEL (store), 7);
  g_assert_true (last == failed);
  shadow_check (shadow);

  confirmed = make_message (1, 16, 600, MC_SENDER_PARTNER, "Отправляю");
  mc_message_store_confirm_pending (store, pending, confirmed);
  g_assert_true (mc_message_store_lookup (store, 16) == confirmed);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 8);
  mc_message_store_remove_pending (store, failed);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 7);
  shadow_check (shadow);

  /* An older page goes in front with one signal. */
  g_assert_true (mc_message_store_get_has_older (store));
  shadow->signals = 0;
  older = messages_of (make_message (1, 8, 20, MC_SENDER_CUSTOMER, "old 2"),
                       make_message (1, 7, 10, MC_SENDER_CUSTOMER, "old 1"),
                       make_message (1, 10, 100, MC_SENDER_CUSTOMER, "a"),
                       NULL);
  g_assert_cmpuint (mc_message_store_merge_older (store, older, FALSE), ==, 2);
  g_assert_cmpuint (shadow->signals, ==, 1);
  g_assert_false (mc_message_store_get_has_older (store));
  g_assert_cmpint (mc_message_store_get_first_message_id (store), ==, 7);
  shadow_check (shadow);
}

static void
test_chat_messages (void)
{
  g_autoptr(McCache) cache = open_cache ("messages.sqlite", 10);
  g_autoptr(McChatStore) store = mc_chat_store_new ();
  g_autoptr(McMessageStore) messages = NULL;
  g_autoptr(McMessageStore) again = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_chat_store_add_cache (store, cache, &error));
  merge_one (store, make_chat (1, 10, MC_CHAT_STATUS_NEW, 100, 5, "Анна", 1));
  first = messages_of (make_message (1, 1, 10, MC_SENDER_CUSTOMER, "one"), NULL);
  mc_chat_store_merge_messages (store, 1, first);

  /* Loaded from the cache the first time... */
  messages = mc_chat_store_get_messages (store, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (messages)), ==, 1);
  again = mc_chat_store_get_messages (store, 1);
  g_assert_true (again == messages);

  /* ...then kept up to date while held. */
  second = messages_of (make_message (1, 2, 20, MC_SENDER_CUSTOMER, "two"), NULL);
  mc_chat_store_merge_messages (store, 1, second);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (messages)), ==, 2);

  g_clear_object (&again);
  g_assert_finalize_object (g_steal_pointer (&messages));
  messages = mc_chat_store_get_messages (store, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (messages)), ==, 2);
}

static gboolean
shown_from_elsewhere (McMessageStore *messages,
                      gint64          message_id)
{
  McMessage *message = mc_message_store_lookup (messages, message_id);

  g_assert_nonnull (message);
  return mc_message_get_from_elsewhere (message);
}

/* A reply noted as sent from elsewhere keeps its label in the history
 * loaded after a restart, also once the Market gave it again. */
static void
test_from_elsewhere_restart (void)
{
  g_autoptr(McCache) cache = open_cache ("elsewhere.sqlite", 10);
  g_autoptr(McChatStore) store = mc_chat_store_new ();
  g_autoptr(McMessageStore) messages = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_chat_store_add_cache (store, cache, &error));
  g_assert_no_error (error);
  merge_one (store, make_chat (1, 10, MC_CHAT_STATUS_NEW, 100, 5, "Анна", 1));
  first = messages_of (make_message (1, 1, 10, MC_SENDER_CUSTOMER, "Где заказ?"),
                       make_message (1, 2, 20, MC_SENDER_PARTNER, "Из кабинета"),
                       make_message (1, 3, 30, MC_SENDER_PARTNER, "Из приложения"),
                       NULL);
  mc_chat_store_merge_messages (store, 1, first);
  messages = mc_chat_store_get_messages (store, 1);
  mc_chat_store_note_replied_elsewhere (store, 1, g_ptr_array_index (first, 1));
  g_assert_true (shown_from_elsewhere (messages, 2));
  g_assert_false (shown_from_elsewhere (messages, 3));

  /* A restart: the history comes from the cache alone. */
  g_clear_object (&messages);
  g_clear_object (&store);
  g_clear_object (&cache);
  cache = open_cache ("elsewhere.sqlite", 10);
  store = mc_chat_store_new ();
  g_assert_true (mc_chat_store_add_cache (store, cache, &error));
  g_assert_no_error (error);
  messages = mc_chat_store_get_messages (store, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (messages)), ==, 3);
  g_assert_true (shown_from_elsewhere (messages, 2));
  g_assert_false (shown_from_elsewhere (messages, 1));
  g_assert_false (shown_from_elsewhere (messages, 3));

  /* The Market gives the same messages again, unflagged: the label stays,
   * in memory and in the cache. */
  again = messages_of (make_message (1, 2, 20, MC_SENDER_PARTNER, "Из кабинета"),
                       make_message (1, 3, 30, MC_SENDER_PARTNER, "Из приложения"),
                       NULL);
  mc_chat_store_merge_messages (store, 1, again);
  g_assert_true (shown_from_elsewhere (messages, 2));
  g_assert_finalize_object (g_steal_pointer (&messages));
  messages = mc_chat_store_get_messages (store, 1);
  g_assert_true (shown_from_elsewhere (messages, 2));
  g_assert_false (shown_from_elsewhere (messages, 3));
}

/* Mute and the other notification marks survive a restart, per cabinet. */
static void
test_notify_state (void)
{
  g_autoptr(McCache) cache = open_cache ("notify.sqlite", 10);
  g_autoptr(McChatStore) store = mc_chat_store_new ();
  g_autoptr(GHashTable) marks = NULL;
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  g_assert_true (mc_chat_store_add_cache (store, cache, &error));
  g_assert_no_error (error);
  merge_one (store, make_chat (1, 10, MC_CHAT_STATUS_NEW, 100, 5, "Анна", 1));
  merge_one (store, make_chat (2, 10, MC_CHAT_STATUS_NEW, 100, 6, "Борис", 1));

  g_signal_connect_swapped (mc_chat_store_lookup (store, 2), "notify::muted",
                            G_CALLBACK (count_signal), &notified);
  g_assert_false (mc_chat_store_get_muted (store, 2));
  mc_chat_store_set_muted (store, 2, TRUE);
  g_assert_true (mc_chat_store_get_muted (store, 2));
  g_assert_true (mc_chat_get_muted (mc_chat_store_lookup (store, 2)));
  g_assert_false (mc_chat_store_get_muted (store, 1));
  g_assert_cmpuint (notified, ==, 1);
  /* An unknown chat has no cache to keep anything in. */
  mc_chat_store_set_muted (store, 99, TRUE);
  g_assert_false (mc_chat_store_get_muted (store, 99));

  mc_chat_store_set_mark (store, 1, "remind", 123456789);
  mc_chat_store_set_mark (store, 2, "remind", 5);
  mc_chat_store_set_mark (store, 2, "remind", 0);
  mc_chat_store_set_mark (store, 2, "overdue", 42);
  g_assert_cmpint (mc_chat_store_get_mark (store, 1, "remind"), ==, 123456789);
  g_assert_cmpint (mc_chat_store_get_mark (store, 2, "remind"), ==, 0);

  g_signal_handlers_disconnect_by_data (mc_chat_store_lookup (store, 2), &notified);
  g_clear_object (&store);
  g_clear_object (&cache);
  cache = open_cache ("notify.sqlite", 10);
  store = mc_chat_store_new ();
  g_assert_true (mc_chat_store_add_cache (store, cache, &error));
  g_assert_no_error (error);

  g_assert_true (mc_chat_get_muted (mc_chat_store_lookup (store, 2)));
  g_assert_false (mc_chat_get_muted (mc_chat_store_lookup (store, 1)));
  g_assert_cmpint (mc_chat_store_get_mark (store, 1, "remind"), ==, 123456789);
  g_assert_cmpint (mc_chat_store_get_mark (store, 2, "overdue"), ==, 42);
  marks = mc_chat_store_list_marks (store, 10, "remind");
  g_assert_cmpuint (g_hash_table_size (marks), ==, 1);
  g_clear_pointer (&marks, g_hash_table_unref);
  marks = mc_chat_store_list_marks (store, 11, "remind");
  g_assert_cmpuint (g_hash_table_size (marks), ==, 0);

  mc_chat_store_set_muted (store, 2, FALSE);
  g_clear_object (&store);
  g_clear_object (&cache);
  cache = open_cache ("notify.sqlite", 10);
  store = mc_chat_store_new ();
  g_assert_true (mc_chat_store_add_cache (store, cache, &error));
  g_assert_false (mc_chat_get_muted (mc_chat_store_lookup (store, 2)));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  tmp_dir = g_dir_make_tmp ("mc-store-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/merge", test_merge);
  g_test_add_func ("/store/view/modes", test_view_modes);
  g_test_add_func ("/store/view/filters", test_view_filters);
  g_test_add_func ("/store/view/search-all", test_view_search_all);
  g_test_add_func ("/store/view/incremental", test_view_incremental);
  g_test_add_func ("/store/view/random", test_view_random);
  g_test_add_func ("/store/read-state", test_read_state);
  g_test_add_func ("/store/marks", test_marks);
  g_test_add_func ("/store/waiting-since", test_waiting_since);
  g_test_add_func ("/store/notify-state", test_notify_state);
  g_test_add_func ("/store/sidebar", test_sidebar);
  g_test_add_func ("/store/remove-business", test_remove_business);
  g_test_add_func ("/store/message-store", test_message_store);
  g_test_add_func ("/store/chat-messages", test_chat_messages);
  g_test_add_func ("/store/from-elsewhere-restart", test_from_elsewhere_restart);

  ret = g_test_run ();
  mc_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
