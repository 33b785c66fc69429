/* mc-template-store.h: the seller's reply templates as a GListModel of
 * McTemplate, kept in a cache database, with Russian starters on first
 * use, and JSON export and import.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mc-template.h"

G_BEGIN_DECLS

/* The UI may not include the cache: mc-cache.h declares it for the rest. */
typedef struct _McCache McCache;

#define MC_TYPE_TEMPLATE_STORE (mc_template_store_get_type ())
G_DECLARE_FINAL_TYPE (McTemplateStore, mc_template_store, MC, TEMPLATE_STORE, GObject)

/* Loads the templates of @cache; the first time a cache is used for
 * templates, the starters (greeting, delivery status, return steps,
 * thanks, in the current language) are added, once: deleting them all
 * does not bring them back. */
McTemplateStore *mc_template_store_new          (McCache          *cache,
                                                 GError          **error);
/* Gives @template its id and appends it. */
gboolean         mc_template_store_add          (McTemplateStore  *self,
                                                 McTemplate       *template,
                                                 GError          **error);
/* Saves the changes made to @template, one of the store's, and emits
 * "items-changed" for it. */
gboolean         mc_template_store_update       (McTemplateStore  *self,
                                                 McTemplate       *template,
                                                 GError          **error);
gboolean         mc_template_store_remove       (McTemplateStore  *self,
                                                 McTemplate       *template,
                                                 GError          **error);
/* The first template that applies to the chat and whose keyword is
 * @keyword, or NULL. */
McTemplate      *mc_template_store_find_keyword (McTemplateStore  *self,
                                                 gint64            business_id,
                                                 gint64            campaign_id,
                                                 const char       *keyword);

/* {"templates": [{"title", "text", "keyword"?, "businessId"?, "campaignId"?}]} */
char            *mc_template_store_export_json  (McTemplateStore  *self);
/* Adds every template of @json (as export writes it); nothing is added
 * when it is not that shape.  Returns how many were added, -1 on error. */
int              mc_template_store_import_json  (McTemplateStore  *self,
                                                 const char       *json,
                                                 GError          **error);

G_END_DECLS
