/* mc-template-store.c: the seller's reply templates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "mc-cache.h"
#include "mc-template-store.h"

#define SEEDED_KEY "templates-seeded"

struct _McTemplateStore
{
  GObject    parent_instance;

  McCache   *cache;
  GPtrArray *templates;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McTemplateStore, mc_template_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return MC_TYPE_TEMPLATE;
}

static guint
get_n_items (GListModel *model)
{
  return MC_TEMPLATE_STORE (model)->templates->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  McTemplateStore *self = MC_TEMPLATE_STORE (model);

  if (position >= self->templates->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->templates, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
mc_template_store_finalize (GObject *object)
{
  McTemplateStore *self = MC_TEMPLATE_STORE (object);

  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (mc_template_store_parent_class)->finalize (object);
}

static void
mc_template_store_class_init (McTemplateStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mc_template_store_finalize;
}

static void
mc_template_store_init (McTemplateStore *self)
{
}

static const struct
{
  const char *title;
  const char *text;
  const char *keyword;
} starters[] = {
  { N_("Greeting"),
    N_("Hello, {customer|dear customer}! Thank you for writing. Let me look into it."),
    NC_("template keyword", "hi") },
  { N_("Delivery status"),
    N_("Order {order} is now “{status}”. Expected delivery: {delivery_date}."),
    NC_("template keyword", "where") },
  { N_("Return steps"),
    N_("To return an item, open order {order} in the Market app, choose “Return” and follow the steps. "
       "The money comes back once the return is accepted."),
    NC_("template keyword", "return") },
  { N_("Thanks"),
    N_("Thank you for your order, {customer|dear customer}! We are glad to help."),
    NC_("template keyword", "thanks") },
};

static gboolean
seed (McTemplateStore  *self,
      GError          **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (starters); i++)
    {
      g_autoptr(McTemplate) template = mc_template_new (_(starters[i].title), _(starters[i].text));

      /* Typed in the seller's own keyboard layout: one word, translated. */
      mc_template_set_keyword (template, g_dpgettext2 (NULL, "template keyword", starters[i].keyword));
      if (!mc_cache_add_template (self->cache, template, error))
        return FALSE;
      g_ptr_array_add (self->templates, g_steal_pointer (&template));
    }

  mc_cache_set_sync_state_int (self->cache, SEEDED_KEY, 1);
  return TRUE;
}

McTemplateStore *
mc_template_store_new (McCache  *cache,
                       GError  **error)
{
  g_autoptr(McTemplateStore) self = NULL;

  g_return_val_if_fail (MC_IS_CACHE (cache), NULL);

  self = g_object_new (MC_TYPE_TEMPLATE_STORE, NULL);
  self->cache = g_object_ref (cache);
  self->templates = mc_cache_load_templates (cache, error);
  if (self->templates == NULL)
    return NULL;

  if (mc_cache_get_sync_state_int (cache, SEEDED_KEY, 0) == 0 && self->templates->len == 0 &&
      !seed (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
mc_template_store_add (McTemplateStore  *self,
                       McTemplate       *template,
                       GError          **error)
{
  g_return_val_if_fail (MC_IS_TEMPLATE_STORE (self), FALSE);
  g_return_val_if_fail (MC_IS_TEMPLATE (template), FALSE);

  if (!mc_cache_add_template (self->cache, template, error))
    return FALSE;

  g_ptr_array_add (self->templates, g_object_ref (template));
  g_list_model_items_changed (G_LIST_MODEL (self), self->templates->len - 1, 0, 1);
  return TRUE;
}

gboolean
mc_template_store_update (McTemplateStore  *self,
                          McTemplate       *template,
                          GError          **error)
{
  guint position;

  g_return_val_if_fail (MC_IS_TEMPLATE_STORE (self), FALSE);
  g_return_val_if_fail (MC_IS_TEMPLATE (template), FALSE);

  if (!mc_cache_update_template (self->cache, template, error))
    return FALSE;

  /* Lists showing it, and filters over it, look at it again. */
  if (g_ptr_array_find (self->templates, template, &position))
    g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);

  return TRUE;
}

gboolean
mc_template_store_remove (McTemplateStore  *self,
                          McTemplate       *template,
                          GError          **error)
{
  guint position;

  g_return_val_if_fail (MC_IS_TEMPLATE_STORE (self), FALSE);
  g_return_val_if_fail (MC_IS_TEMPLATE (template), FALSE);

  if (!mc_cache_delete_template (self->cache, mc_template_get_id (template), error))
    return FALSE;

  if (g_ptr_array_find (self->templates, template, &position))
    {
      g_ptr_array_remove_index (self->templates, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
    }

  return TRUE;
}

McTemplate *
mc_template_store_find_keyword (McTemplateStore *self,
                                gint64           business_id,
                                gint64           campaign_id,
                                const char      *keyword)
{
  g_return_val_if_fail (MC_IS_TEMPLATE_STORE (self), NULL);

  if (keyword == NULL || *keyword == '\0')
    return NULL;

  for (guint i = 0; i < self->templates->len; i++)
    {
      McTemplate *template = g_ptr_array_index (self->templates, i);

      if (g_strcmp0 (mc_template_get_keyword (template), keyword) == 0 &&
          mc_template_applies_to (template, business_id, campaign_id))
        return template;
    }

  return NULL;
}

char *
mc_template_store_export_json (McTemplateStore *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (MC_IS_TEMPLATE_STORE (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "templates");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->templates->len; i++)
    {
      McTemplate *template = g_ptr_array_index (self->templates, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, mc_template_get_title (template));
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, mc_template_get_text (template));
      if (mc_template_get_keyword (template) != NULL)
        {
          json_builder_set_member_name (builder, "keyword");
          json_builder_add_string_value (builder, mc_template_get_keyword (template));
        }
      if (mc_template_get_business_id (template) != 0)
        {
          json_builder_set_member_name (builder, "businessId");
          json_builder_add_int_value (builder, mc_template_get_business_id (template));
        }
      if (mc_template_get_campaign_id (template) != 0)
        {
          json_builder_set_member_name (builder, "campaignId");
          json_builder_add_int_value (builder, mc_template_get_campaign_id (template));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}

static gboolean
member_string (JsonObject  *object,
               const char  *name,
               gboolean     required,
               const char **out)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return !required;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
member_id (JsonObject *object,
           const char *name,
           gint64     *out)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0)
    return FALSE;

  *out = json_node_get_int (node);
  return TRUE;
}

int
mc_template_store_import_json (McTemplateStore  *self,
                               const char       *json,
                               GError          **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root;
  JsonArray *array = NULL;

  g_return_val_if_fail (MC_IS_TEMPLATE_STORE (self), -1);
  g_return_val_if_fail (json != NULL, -1);

  /* The seller may have picked any file: say what it is not. */
  if (!json_parser_load_from_data (parser, json, -1, &parse_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The file is not JSON (%s)"), parse_error->message);
      return -1;
    }

  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonNode *node = json_object_get_member (json_node_get_object (root), "templates");

      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        array = json_node_get_array (node);
    }

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *title, *text, *keyword;
      gint64 business_id, campaign_id;
      McTemplate *template;

      if (object == NULL || !member_string (object, "title", TRUE, &title) ||
          !member_string (object, "text", TRUE, &text) ||
          !member_string (object, "keyword", FALSE, &keyword) ||
          !member_id (object, "businessId", &business_id) ||
          !member_id (object, "campaignId", &campaign_id))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Template %u of the file is not a template"), i + 1);
          return -1;
        }

      template = mc_template_new (title, text);
      mc_template_set_keyword (template, keyword);
      mc_template_set_business_id (template, business_id);
      mc_template_set_campaign_id (template, campaign_id);
      g_ptr_array_add (parsed, template);
    }

  if (array == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The file holds no templates of Market Chats"));
      return -1;
    }

  for (guint i = 0; i < parsed->len; i++)
    if (!mc_template_store_add (self, g_ptr_array_index (parsed, i), error))
      return -1;

  return (int) parsed->len;
}
