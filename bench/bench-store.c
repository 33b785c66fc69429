/* bench-store.c: 100,000 chats through the cache and the store: start-up
 * load, a 1,000-chat merge, memory per chat, view refilters and the longest
 * time a cache write call holds its caller.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <malloc.h>
#include <unistd.h>

#include "mc-cache.h"
#include "mc-chat-store.h"
#include "mc-chat-view.h"

#define N_CHATS 100000
#define N_MERGE 1000
#define N_ROUNDS 7
#define BUSINESS_ID 10

static const char *names[] = {
  "Анна Петрова", "Борис Смирнов", "Вера Иванова", "Глеб Кузнецов",
  "Дарья Соколова", "Егор Попов", "Жанна Лебедева", "Захар Козлов",
  "Ирина Новикова", "Кирилл Морозов", "Лидия Волкова", "Максим Зайцев",
};

static const McChatStatus statuses[] = {
  MC_CHAT_STATUS_NEW, MC_CHAT_STATUS_WAITING_FOR_PARTNER,
  MC_CHAT_STATUS_WAITING_FOR_CUSTOMER, MC_CHAT_STATUS_WAITING_FOR_CUSTOMER,
  MC_CHAT_STATUS_FINISHED, MC_CHAT_STATUS_FINISHED, MC_CHAT_STATUS_FINISHED,
  MC_CHAT_STATUS_WAITING_FOR_ARBITER,
};

static McChat *
make_chat (GRand  *rand,
           gint64  chat_id)
{
  McChat *chat = mc_chat_new (chat_id, BUSINESS_ID);
  gboolean direct = g_rand_int_range (rand, 0, 10) == 0;
  g_autoptr(McChatContext) context = mc_chat_context_new (direct ? MC_CONTEXT_TYPE_DIRECT
                                                                 : MC_CONTEXT_TYPE_ORDER);
  g_autoptr(McCustomer) customer = mc_customer_new (names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))],
                                                    NULL);
  gint64 now = 1752000000000000;

  mc_chat_set_chat_type (chat, g_rand_int_range (rand, 0, 50) == 0 ? MC_CHAT_TYPE_ARBITRAGE
                                                                    : MC_CHAT_TYPE_CHAT);
  mc_chat_set_status (chat, statuses[g_rand_int_range (rand, 0, G_N_ELEMENTS (statuses))]);
  mc_chat_set_created_at (chat, now - g_rand_int_range (rand, 0, 1000000) * G_USEC_PER_SEC);
  mc_chat_set_updated_at (chat, now - g_rand_int_range (rand, 0, 100000) * G_USEC_PER_SEC);
  if (!direct)
    {
      mc_chat_context_set_campaign_id (context, 100 + g_rand_int_range (rand, 0, 5));
      mc_chat_context_set_order_id (context, 40000000 + chat_id);
    }
  mc_chat_context_set_customer (context, customer);
  mc_chat_set_context (chat, context);
  return chat;
}

/* Resident memory.  mallinfo2() would be exact but sees only the main
 * arena, and the cache builds the chats on its writer thread, in another;
 * after malloc_trim() the RSS delta of start-up is close to what it keeps. */
static gsize
resident_bytes (void)
{
  g_autofree char *statm = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    return 0;
  fields = g_strsplit (statm, " ", 3);
  if (g_strv_length (fields) < 2)
    return 0;
  return g_ascii_strtoull (fields[1], NULL, 10) * sysconf (_SC_PAGESIZE);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return (da > db) - (da < db);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

/* Writes the chats the way sync would: in batches of a getChats sweep. */
static void
write_chats (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (2024);
  g_autoptr(McCache) cache = mc_cache_open_path (path, BUSINESS_ID, &error);
  g_autoptr(GPtrArray) chats = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  for (gint64 id = 1; id <= N_CHATS; id++)
    g_ptr_array_add (chats, make_chat (rand, id));
  for (guint i = 0; i < chats->len; i += 1000)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new ();

      for (guint j = i; j < i + 1000 && j < chats->len; j++)
        g_ptr_array_add (batch, g_ptr_array_index (chats, j));
      mc_cache_save_chats_async (cache, batch, NULL, NULL, NULL);
    }
  g_assert_true (mc_cache_flush (cache, &error));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(McCache) cache = NULL;
  g_autoptr(McChatStore) store = NULL;
  g_autoptr(McChatView) view = NULL;
  double merges[N_ROUNDS];
  double refilters[N_ROUNDS], searches[N_ROUNDS], narrows[N_ROUNDS];
  double load_ms;
  gsize heap_before, heap_loaded, heap_index_before, heap_index_after;
  gint64 start;

  if (argc == 3 && g_str_equal (argv[1], "--write"))
    {
      write_chats (argv[2]);
      return 0;
    }

  dir = g_dir_make_tmp ("mc-bench-store-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.sqlite", NULL);

  /* Written by a child process, so that the memory measured below starts
   * from a heap that never held the generated chats. */
  {
    const char *child_argv[] = { argv[0], "--write", path, NULL };
    int status;

    g_assert_true (g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_DEFAULT,
                                 NULL, NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  /* Start-up: open, load into the store, build the default view. */
  malloc_trim (0);
  heap_before = resident_bytes ();
  start = g_get_monotonic_time ();
  cache = mc_cache_open_path (path, BUSINESS_ID, &error);
  g_assert_no_error (error);
  store = mc_chat_store_new ();
  g_assert_true (mc_chat_store_add_cache (store, cache, &error));
  g_assert_no_error (error);
  view = mc_chat_view_new (store);
  load_ms = ms_since (start);
  heap_loaded = resident_bytes ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, N_CHATS);

  /* The store's own share: its array, hash and entries plus one view,
   * over chats that already exist. */
  {
    g_autoptr(McChatStore) second = mc_chat_store_new ();
    g_autoptr(McChatView) second_view = NULL;
    g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < N_CHATS; i++)
      g_ptr_array_add (all, g_list_model_get_item (G_LIST_MODEL (store), i));
    malloc_trim (0);
    heap_index_before = resident_bytes ();
    mc_chat_store_merge (second, all);
    second_view = mc_chat_view_new (second);
    heap_index_after = resident_bytes ();
  }

  /* 1,000 changed chats merged into the 100,000, view kept up to date. */
  for (guint round = 0; round < N_ROUNDS; round++)
    {
      g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < N_MERGE; i++)
        {
          gint64 id = g_rand_int_range (rand, 1, N_CHATS + 1);
          McChat *chat = make_chat (rand, id);

          mc_chat_set_updated_at (chat, mc_chat_get_updated_at (mc_chat_store_lookup (store, id)) + 1);
          g_ptr_array_add (changed, chat);
        }
      start = g_get_monotonic_time ();
      mc_chat_store_merge (store, changed);
      merges[round] = ms_since (start);
    }
  qsort (merges, N_ROUNDS, sizeof (double), compare_doubles);

  /* The machine is shared, so each figure below is a median of rounds. */
  for (guint round = 0; round < N_ROUNDS; round++)
    {
      mc_chat_view_set_search_text (view, NULL);
      mc_chat_view_set_mode (view, round % 2 ? MC_CHAT_VIEW_MODE_FINISHED : MC_CHAT_VIEW_MODE_NEEDS_REPLY);
      start = g_get_monotonic_time ();
      mc_chat_view_set_mode (view, MC_CHAT_VIEW_MODE_ALL);
      refilters[round] = ms_since (start);

      start = g_get_monotonic_time ();
      mc_chat_view_set_search_text (view, "ан");
      searches[round] = ms_since (start);

      start = g_get_monotonic_time ();
      mc_chat_view_set_search_text (view, "анна");
      narrows[round] = ms_since (start);
    }
  qsort (refilters, N_ROUNDS, sizeof (double), compare_doubles);
  qsort (searches, N_ROUNDS, sizeof (double), compare_doubles);
  qsort (narrows, N_ROUNDS, sizeof (double), compare_doubles);

  for (guint i = 0; i < 100; i++)
    mc_cache_set_draft (cache, i, "Здравствуйте! Ваш заказ уже в пути.");
  g_assert_true (mc_cache_flush (cache, &error));

  g_print ("figure store_load_100k %.0f ms (target <= 400)\n", load_ms);
  g_print ("figure store_merge_1k %.2f ms (target <= 5)\n", merges[N_ROUNDS / 2]);
  g_print ("# store_merge_1k: fastest %.2f ms, slowest %.2f ms over %d rounds\n",
           merges[0], merges[N_ROUNDS - 1], N_ROUNDS);
  /* Everything start-up added: chats with their contexts and customers,
   * the store's indexes, the view and SQLite's page cache. */
  g_print ("figure store_bytes_per_chat %zu bytes (target <= 512)\n",
           (heap_loaded - heap_before) / N_CHATS);
  g_print ("figure store_index_bytes_per_chat %zu bytes (store array, hash, entries and one view)\n",
           (heap_index_after - heap_index_before) / N_CHATS);
  g_print ("figure view_refilter_100k %.1f ms (target <= 50)\n", refilters[N_ROUNDS / 2]);
  g_print ("figure view_search_100k %.1f ms (target <= 50)\n", searches[N_ROUNDS / 2]);
  g_print ("figure view_search_narrow_100k %.1f ms (one more character typed)\n", narrows[N_ROUNDS / 2]);
  g_print ("figure cache_write_block_max %.3f ms\n", mc_cache_get_max_write_block (cache) / 1000.0);

  g_clear_object (&view);
  g_clear_object (&store);
  g_clear_object (&cache);
  remove_tree (dir);
  return 0;
}
