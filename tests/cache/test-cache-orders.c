/* test-cache-orders.c: the order card's orders and returns in the cache,
 * their freshness, and reply templates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "mc-cache.h"
#include "mc-test-util.h"

#define MINUTE_USEC (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)

static char *tmp_dir;

static McCache *
open_cache (const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  McCache *cache = mc_cache_open_path (path, 7, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cache);
  return cache;
}

static void
test_orders (void)
{
  g_autoptr(McCache) cache = open_cache ("orders.sqlite");
  g_autoptr(McOrder) order = mc_order_new (51234567);
  g_autoptr(McOrder) newer = mc_order_new (51234567);
  g_autoptr(McOrder) loaded = NULL;
  g_autoptr(McOrder) missing = NULL;
  g_autoptr(McReturn) ret = mc_return_new (3000001, 51234567);
  g_autoptr(McReturn) loaded_return = NULL;
  g_autoptr(GError) error = NULL;
  gint64 fetched_at = 0;

  mc_order_set_status_string (order, "PROCESSING");
  mc_order_add_item (order, mc_order_item_new ("Чайник", "KTL-1", 2, 1500));
  mc_order_set_total (order, 3000, "RUR");
  mc_cache_save_order (cache, order, 1000);

  loaded = mc_cache_load_order (cache, 51234567, &fetched_at, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpint (fetched_at, ==, 1000);
  g_assert_cmpstr (mc_order_get_status_string (loaded), ==, "PROCESSING");
  g_assert_cmpuint (mc_order_get_items (loaded)->len, ==, 1);
  g_assert_cmpfloat (mc_order_get_total (loaded), ==, 3000);
  g_clear_object (&loaded);

  /* A later fetch replaces the earlier. */
  mc_order_set_status_string (newer, "DELIVERY");
  mc_cache_save_order (cache, newer, 2000);
  loaded = mc_cache_load_order (cache, 51234567, &fetched_at, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fetched_at, ==, 2000);
  g_assert_cmpint (mc_order_get_status (loaded), ==, MC_ORDER_STATUS_DELIVERY);

  missing = mc_cache_load_order (cache, 1, &fetched_at, &error);
  g_assert_no_error (error);
  g_assert_null (missing);

  mc_return_set_status_string (ret, "REFUNDED");
  mc_cache_save_return (cache, ret, 3000);
  loaded_return = mc_cache_load_return (cache, 3000001, &fetched_at, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fetched_at, ==, 3000);
  g_assert_cmpint (mc_return_get_status (loaded_return), ==, MC_RETURN_STATUS_REFUNDED);
  g_assert_cmpint (mc_return_get_order_id (loaded_return), ==, 51234567);

  mc_cache_close (cache);
}

/* What is kept survives closing and opening the file. */
static void
test_orders_persist (void)
{
  g_autoptr(McCache) cache = open_cache ("persist.sqlite");
  g_autoptr(McCache) again = NULL;
  g_autoptr(McOrder) order = mc_order_new (42);
  g_autoptr(McOrder) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 fetched_at = 0;

  mc_order_set_delivery_dates (order, "2026-12-03", NULL, "10:00", "14:00");
  mc_cache_save_order (cache, order, 5);
  mc_cache_close (cache);

  again = open_cache ("persist.sqlite");
  loaded = mc_cache_load_order (again, 42, &fetched_at, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mc_order_get_delivery_from_time (loaded), ==, "10:00");
  g_assert_cmpint (fetched_at, ==, 5);
}

static void
test_freshness (void)
{
  gint64 now = G_GINT64_CONSTANT (1796108400) * G_USEC_PER_SEC;

  g_assert_true (mc_cache_is_fresh (now, now, 10));
  g_assert_true (mc_cache_is_fresh (now - 9 * MINUTE_USEC, now, 10));
  g_assert_false (mc_cache_is_fresh (now - 10 * MINUTE_USEC, now, 10));
  g_assert_false (mc_cache_is_fresh (now - 60 * MINUTE_USEC, now, 10));
  /* Never fetched, or fetched "in the future" by a clock set back. */
  g_assert_false (mc_cache_is_fresh (0, now, 10));
  g_assert_false (mc_cache_is_fresh (now + MINUTE_USEC, now, 10));
}

static void
test_templates (void)
{
  g_autoptr(McCache) cache = open_cache ("templates.sqlite");
  g_autoptr(McTemplate) template = mc_template_new ("Привет", "Здравствуйте, {customer}!");
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GError) error = NULL;
  McTemplate *loaded;

  mc_template_set_keyword (template, "hi");
  mc_template_set_campaign_id (template, 21);
  g_assert_true (mc_cache_add_template (cache, template, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mc_template_get_id (template), >, 0);

  mc_template_set_text (template, "Добрый день, {customer|покупатель}!");
  g_assert_true (mc_cache_update_template (cache, template, &error));

  templates = mc_cache_load_templates (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (templates->len, ==, 1);
  loaded = g_ptr_array_index (templates, 0);
  g_assert_cmpint (mc_template_get_id (loaded), ==, mc_template_get_id (template));
  g_assert_cmpstr (mc_template_get_text (loaded), ==, "Добрый день, {customer|покупатель}!");
  g_assert_cmpstr (mc_template_get_keyword (loaded), ==, "hi");
  g_assert_cmpint (mc_template_get_campaign_id (loaded), ==, 21);
  g_clear_pointer (&templates, g_ptr_array_unref);

  g_assert_true (mc_cache_delete_template (cache, mc_template_get_id (template), &error));
  templates = mc_cache_load_templates (cache, &error);
  g_assert_cmpuint (templates->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("mc-cache-orders-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/cache/orders", test_orders);
  g_test_add_func ("/cache/orders-persist", test_orders_persist);
  g_test_add_func ("/cache/freshness", test_freshness);
  g_test_add_func ("/cache/templates", test_templates);

  status = g_test_run ();
  mc_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return status;
}
