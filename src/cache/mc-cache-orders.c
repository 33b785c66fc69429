/* mc-cache-orders.c: the order card's orders and returns, each kept as
 * the GVariant text of the model (so the cache needs no knowledge of their
 * fields) with when it was fetched, and the seller's reply templates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-cache-private.h"

typedef struct
{
  gint64  id;
  char   *data;
  gint64  fetched_at;
  gboolean is_return;
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->data);
  g_free (row);
}

static gboolean
save_row_job (McCache   *self,
              sqlite3   *db,
              gpointer   data,
              gpointer  *result,
              GError   **error)
{
  Row *row = data;

  if (row->is_return)
    return mc_cache_run (self, error,
                         "INSERT OR REPLACE INTO returns (return_id, data, fetched_at) VALUES (?1, ?2, ?3)",
                         "xsx", row->id, row->data, row->fetched_at);

  return mc_cache_run (self, error,
                       "INSERT OR REPLACE INTO orders (order_id, data, fetched_at) VALUES (?1, ?2, ?3)",
                       "xsx", row->id, row->data, row->fetched_at);
}

static void
queue_row (McCache   *self,
           gint64     id,
           GVariant  *variant,
           gint64     fetched_at,
           gboolean   is_return)
{
  g_autoptr(GVariant) sunk = g_variant_ref_sink (variant);
  Row *row = g_new0 (Row, 1);

  row->id = id;
  row->data = g_variant_print (sunk, TRUE);
  row->fetched_at = fetched_at;
  row->is_return = is_return;

  mc_cache_queue_job (self, save_row_job, row, row_free, NULL, queue_row, NULL, NULL, NULL);
}

void
mc_cache_save_order (McCache *self,
                     McOrder *order,
                     gint64   fetched_at)
{
  g_return_if_fail (MC_IS_CACHE (self));
  g_return_if_fail (MC_IS_ORDER (order));

  queue_row (self, mc_order_get_order_id (order), mc_order_to_variant (order), fetched_at, FALSE);
}

void
mc_cache_save_return (McCache  *self,
                      McReturn *ret,
                      gint64    fetched_at)
{
  g_return_if_fail (MC_IS_CACHE (self));
  g_return_if_fail (MC_IS_RETURN (ret));

  queue_row (self, mc_return_get_return_id (ret), mc_return_to_variant (ret), fetched_at, TRUE);
}

static gboolean
load_row_job (McCache   *self,
              sqlite3   *db,
              gpointer   data,
              gpointer  *result,
              GError   **error)
{
  Row *row = data;
  sqlite3_stmt *stmt;
  int rc;

  if (row->is_return)
    stmt = mc_cache_query (self, error, "SELECT data, fetched_at FROM returns WHERE return_id = ?1",
                           "x", row->id);
  else
    stmt = mc_cache_query (self, error, "SELECT data, fetched_at FROM orders WHERE order_id = ?1",
                           "x", row->id);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row->data = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->fetched_at = sqlite3_column_int64 (stmt, 1);
      rc = sqlite3_step (stmt);
    }
  if (!mc_cache_query_end (stmt, rc, "SELECT FROM orders", error))
    return FALSE;

  *result = row;
  return TRUE;
}

/* The stored variant of @id, or NULL (without an error when there is none,
 * or it no longer parses: a cache entry is only ever a head start). */
static GVariant *
load_row (McCache   *self,
          gint64     id,
          gboolean   is_return,
          gint64    *fetched_at,
          GError   **error)
{
  Row row = { id, NULL, 0, is_return };
  g_autoptr(GVariant) variant = NULL;

  if (mc_cache_run_sync (self, load_row_job, &row, error) == NULL)
    return NULL;

  if (row.data != NULL)
    variant = g_variant_parse (G_VARIANT_TYPE_VARDICT, row.data, NULL, NULL, NULL);
  g_free (row.data);

  if (variant != NULL && fetched_at != NULL)
    *fetched_at = row.fetched_at;

  return g_steal_pointer (&variant);
}

McOrder *
mc_cache_load_order (McCache  *self,
                     gint64    order_id,
                     gint64   *fetched_at,
                     GError  **error)
{
  g_autoptr(GVariant) variant = NULL;

  g_return_val_if_fail (MC_IS_CACHE (self), NULL);

  variant = load_row (self, order_id, FALSE, fetched_at, error);

  return variant != NULL ? mc_order_new_from_variant (variant) : NULL;
}

McReturn *
mc_cache_load_return (McCache  *self,
                      gint64    return_id,
                      gint64   *fetched_at,
                      GError  **error)
{
  g_autoptr(GVariant) variant = NULL;

  g_return_val_if_fail (MC_IS_CACHE (self), NULL);

  variant = load_row (self, return_id, TRUE, fetched_at, error);

  return variant != NULL ? mc_return_new_from_variant (variant) : NULL;
}

gboolean
mc_cache_is_fresh (gint64 fetched_at,
                   gint64 now,
                   guint  minutes)
{
  /* A time ahead of now is a clock that was set back: not to be trusted. */
  return fetched_at > 0 && fetched_at <= now &&
         now - fetched_at < (gint64) minutes * 60 * G_USEC_PER_SEC;
}

/* Templates */

static gboolean
load_templates_job (McCache   *self,
                    sqlite3   *db,
                    gpointer   data,
                    gpointer  *result,
                    GError   **error)
{
  g_autoptr(GPtrArray) templates = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt = mc_cache_query (self, error,
                         "SELECT id, business_id, campaign_id, title, text, keyword"
                         " FROM templates ORDER BY id", "");
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McTemplate *template = mc_template_new ((const char *) sqlite3_column_text (stmt, 3),
                                              (const char *) sqlite3_column_text (stmt, 4));

      mc_template_set_id (template, sqlite3_column_int64 (stmt, 0));
      mc_template_set_business_id (template, sqlite3_column_int64 (stmt, 1));
      mc_template_set_campaign_id (template, sqlite3_column_int64 (stmt, 2));
      mc_template_set_keyword (template, (const char *) sqlite3_column_text (stmt, 5));
      g_ptr_array_add (templates, template);
    }
  if (!mc_cache_query_end (stmt, rc, "SELECT FROM templates", error))
    return FALSE;

  *result = g_steal_pointer (&templates);
  return TRUE;
}

GPtrArray *
mc_cache_load_templates (McCache  *self,
                         GError  **error)
{
  g_return_val_if_fail (MC_IS_CACHE (self), NULL);
  return mc_cache_run_sync (self, load_templates_job, NULL, error);
}

typedef struct
{
  gint64  id;
  gint64  business_id;
  gint64  campaign_id;
  char   *title;
  char   *text;
  char   *keyword;
  gboolean remove;
} TemplateRow;

static void
template_row_clear (TemplateRow *row)
{
  g_free (row->title);
  g_free (row->text);
  g_free (row->keyword);
}

static void
template_row_init (TemplateRow *row,
                   McTemplate  *template)
{
  row->id = mc_template_get_id (template);
  row->business_id = mc_template_get_business_id (template);
  row->campaign_id = mc_template_get_campaign_id (template);
  row->title = g_strdup (mc_template_get_title (template));
  row->text = g_strdup (mc_template_get_text (template));
  row->keyword = g_strdup (mc_template_get_keyword (template));
  row->remove = FALSE;
}

static gboolean
write_template_job (McCache   *self,
                    sqlite3   *db,
                    gpointer   data,
                    gpointer  *result,
                    GError   **error)
{
  TemplateRow *row = data;

  if (row->remove)
    {
      if (!mc_cache_run (self, error, "DELETE FROM templates WHERE id = ?1", "x", row->id))
        return FALSE;
    }
  else if (row->id > 0)
    {
      if (!mc_cache_run (self, error,
                         "UPDATE templates SET business_id = ?2, campaign_id = ?3, title = ?4,"
                         " text = ?5, keyword = ?6 WHERE id = ?1",
                         "xxxsss", row->id, row->business_id, row->campaign_id,
                         row->title, row->text, row->keyword))
        return FALSE;
    }
  else
    {
      if (!mc_cache_run (self, error,
                         "INSERT INTO templates (business_id, campaign_id, title, text, keyword)"
                         " VALUES (?1, ?2, ?3, ?4, ?5)",
                         "xxsss", row->business_id, row->campaign_id, row->title, row->text,
                         row->keyword))
        return FALSE;
      row->id = sqlite3_last_insert_rowid (db);
    }

  *result = row;
  return TRUE;
}

static gboolean
write_template (McCache     *self,
                TemplateRow *row,
                GError     **error)
{
  gboolean ok = mc_cache_run_sync (self, write_template_job, row, error) != NULL;

  template_row_clear (row);
  return ok;
}

gboolean
mc_cache_add_template (McCache     *self,
                       McTemplate  *template,
                       GError     **error)
{
  TemplateRow row;

  g_return_val_if_fail (MC_IS_CACHE (self), FALSE);
  g_return_val_if_fail (MC_IS_TEMPLATE (template), FALSE);

  template_row_init (&row, template);
  row.id = 0;
  if (!write_template (self, &row, error))
    return FALSE;

  mc_template_set_id (template, row.id);
  return TRUE;
}

gboolean
mc_cache_update_template (McCache     *self,
                          McTemplate  *template,
                          GError     **error)
{
  TemplateRow row;

  g_return_val_if_fail (MC_IS_CACHE (self), FALSE);
  g_return_val_if_fail (MC_IS_TEMPLATE (template), FALSE);
  g_return_val_if_fail (mc_template_get_id (template) > 0, FALSE);

  template_row_init (&row, template);
  return write_template (self, &row, error);
}

gboolean
mc_cache_delete_template (McCache  *self,
                          gint64    id,
                          GError  **error)
{
  TemplateRow row = { 0 };

  g_return_val_if_fail (MC_IS_CACHE (self), FALSE);

  row.id = id;
  row.remove = TRUE;
  return write_template (self, &row, error);
}
