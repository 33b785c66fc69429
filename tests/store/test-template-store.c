/* test-template-store.c: reply templates as the UI lists them: starters on
 * first use only, changes kept, keyword look-up, JSON export and import.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-cache.h"
#include "mc-template-store.h"
#include "mc-test-util.h"

static char *tmp_dir;

static McCache *
open_cache (const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  McCache *cache = mc_cache_open_path (path, 0, &error);

  g_assert_no_error (error);
  return cache;
}

static McTemplateStore *
new_store (McCache *cache)
{
  g_autoptr(GError) error = NULL;
  McTemplateStore *store = mc_template_store_new (cache, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
test_starters (void)
{
  g_autoptr(McCache) cache = open_cache ("starters.sqlite");
  g_autoptr(McTemplateStore) store = new_store (cache);
  g_autoptr(McTemplateStore) again = NULL;
  g_autoptr(McTemplateStore) emptied = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_assert_cmpuint (n, ==, 4);
  g_assert_nonnull (mc_template_store_find_keyword (store, 1, 0, "where"));
  g_assert_null (mc_template_store_find_keyword (store, 1, 0, "nothing"));

  /* Opening again adds nothing. */
  again = new_store (cache);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 4);

  /* Deleted starters stay deleted. */
  while (g_list_model_get_n_items (G_LIST_MODEL (again)) > 0)
    {
      g_autoptr(McTemplate) template = g_list_model_get_item (G_LIST_MODEL (again), 0);

      g_assert_true (mc_template_store_remove (again, template, &error));
      g_assert_no_error (error);
    }
  emptied = new_store (cache);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (emptied)), ==, 0);
}

static void
test_edit_and_round_trip (void)
{
  g_autoptr(McCache) cache = open_cache ("edit.sqlite");
  g_autoptr(McCache) other_cache = open_cache ("other.sqlite");
  g_autoptr(McTemplateStore) store = new_store (cache);
  g_autoptr(McTemplateStore) other = new_store (other_cache);
  g_autoptr(McTemplate) mine = mc_template_new ("Скидка", "{customer|Покупатель}, для вас скидка на {items}");
  g_autoptr(McTemplate) first = NULL;
  g_autoptr(McTemplateStore) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  guint n_before;
  int added;

  mc_template_set_keyword (mine, "sale");
  mc_template_set_business_id (mine, 7);
  mc_template_set_campaign_id (mine, 21);
  g_assert_true (mc_template_store_add (store, mine, &error));
  g_assert_no_error (error);
  g_assert_nonnull (mc_template_store_find_keyword (store, 7, 21, "sale"));
  g_assert_null (mc_template_store_find_keyword (store, 8, 21, "sale"));

  first = g_list_model_get_item (G_LIST_MODEL (store), 0);
  mc_template_set_title (first, "Моё приветствие");
  g_assert_true (mc_template_store_update (store, first, &error));

  reopened = new_store (cache);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reopened)), ==, 5);
  {
    g_autoptr(McTemplate) title = g_list_model_get_item (G_LIST_MODEL (reopened), 0);

    g_assert_cmpstr (mc_template_get_title (title), ==, "Моё приветствие");
  }

  json = mc_template_store_export_json (store);
  n_before = g_list_model_get_n_items (G_LIST_MODEL (other));
  added = mc_template_store_import_json (other, json, &error);
  g_assert_no_error (error);
  g_assert_cmpint (added, ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, n_before + 5);

  {
    g_autoptr(McTemplate) imported = g_list_model_get_item (G_LIST_MODEL (other), n_before + 4);

    g_assert_cmpstr (mc_template_get_title (imported), ==, "Скидка");
    g_assert_cmpstr (mc_template_get_text (imported), ==, "{customer|Покупатель}, для вас скидка на {items}");
    g_assert_cmpstr (mc_template_get_keyword (imported), ==, "sale");
    g_assert_cmpint (mc_template_get_business_id (imported), ==, 7);
    g_assert_cmpint (mc_template_get_campaign_id (imported), ==, 21);
    g_assert_cmpint (mc_template_get_id (imported), >, 0);
  }

  /* A file that is not templates adds nothing. */
  n_before = g_list_model_get_n_items (G_LIST_MODEL (other));
  g_assert_cmpint (mc_template_store_import_json (other, "{\"templates\":[{\"title\":\"a\",\"text\":\"b\"},{\"title\":1}]}", &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_cmpint (mc_template_store_import_json (other, "[1]", &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_cmpint (mc_template_store_import_json (other, "{", &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, n_before);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("mc-templates-XXXXXX", NULL);

  g_test_add_func ("/template-store/starters", test_starters);
  g_test_add_func ("/template-store/edit-and-round-trip", test_edit_and_round_trip);

  status = g_test_run ();
  mc_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return status;
}
