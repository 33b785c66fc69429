/* mc-template.h: a reply template of the seller's: a title, a text with
 * variables (see mc-template-fill.h), and where it applies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MC_TYPE_TEMPLATE (mc_template_get_type ())
G_DECLARE_FINAL_TYPE (McTemplate, mc_template, MC, TEMPLATE, GObject)

/* Properties: "id" (gint64, 0 until stored), "business-id" (gint64: the
 * cabinet, 0 for all cabinets), "campaign-id" (gint64: the one store it is
 * for, 0 for any), "title", "text", "keyword" (the shortcut typed before
 * Tab; nullable). */
McTemplate *mc_template_new              (const char *title,
                                          const char *text);
gint64      mc_template_get_id           (McTemplate *self);
void        mc_template_set_id           (McTemplate *self,
                                          gint64      id);
gint64      mc_template_get_business_id  (McTemplate *self);
void        mc_template_set_business_id  (McTemplate *self,
                                          gint64      business_id);
gint64      mc_template_get_campaign_id  (McTemplate *self);
void        mc_template_set_campaign_id  (McTemplate *self,
                                          gint64      campaign_id);
const char *mc_template_get_title        (McTemplate *self);
void        mc_template_set_title        (McTemplate *self,
                                          const char *title);
const char *mc_template_get_text         (McTemplate *self);
void        mc_template_set_text         (McTemplate *self,
                                          const char *text);
/* NULL or a word without spaces; "" is NULL. */
const char *mc_template_get_keyword      (McTemplate *self);
void        mc_template_set_keyword      (McTemplate *self,
                                          const char *keyword);

/* Whether the template is offered in a chat of @business_id's store
 * @campaign_id (0: a chat without a store, where only templates for any
 * store apply). */
gboolean    mc_template_applies_to       (McTemplate *self,
                                          gint64      business_id,
                                          gint64      campaign_id);
McTemplate *mc_template_copy             (McTemplate *self);

G_END_DECLS
