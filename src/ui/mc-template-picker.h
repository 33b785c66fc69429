/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mc-template.h"

G_BEGIN_DECLS

#define MC_TYPE_TEMPLATE_PICKER (mc_template_picker_get_type ())
G_DECLARE_FINAL_TYPE (McTemplatePicker, mc_template_picker, MC, TEMPLATE_PICKER, GtkPopover)

/* The list of templates the composer offers: the ones that apply to the
 * chat, filtered by what the seller types in its search field (title,
 * keyword or text).  Up and Down choose, Enter or a click takes one,
 * Escape closes.
 *
 * Signals: "chosen" (McTemplate *). */
GtkWidget  *mc_template_picker_new           (void);
/* @templates: a GListModel of McTemplate, or NULL. */
void        mc_template_picker_set_templates (McTemplatePicker *self,
                                              GListModel       *templates);
/* Only templates for @business_id's store @campaign_id are offered (see
 * mc_template_applies_to()). */
void        mc_template_picker_set_scope     (McTemplatePicker *self,
                                              gint64            business_id,
                                              gint64            campaign_id);
/* Empties the search field and picks the first template; then pops up. */
void        mc_template_picker_open          (McTemplatePicker *self);
/* The templates offered for what is typed, and the one Enter would take. */
GListModel *mc_template_picker_get_shown     (McTemplatePicker *self);
McTemplate *mc_template_picker_get_selected  (McTemplatePicker *self);
GtkEditable *mc_template_picker_get_search_entry (McTemplatePicker *self);

G_END_DECLS
