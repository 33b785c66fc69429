/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-session.h"
#include "mc-template.h"

G_BEGIN_DECLS

#define MC_TYPE_TEMPLATES_PAGE (mc_templates_page_get_type ())
G_DECLARE_FINAL_TYPE (McTemplatesPage, mc_templates_page, MC, TEMPLATES_PAGE, AdwPreferencesPage)

/* The Preferences page of the session's reply templates: the list, with
 * add, edit and delete (undone from its toast), and JSON export and
 * import.  Property: "session" (McSession, construct-only). */
GtkWidget *mc_templates_page_new            (McSession       *session);
/* What the page's buttons do; the dialog opened is returned. */
GtkWindow *mc_templates_page_add            (McTemplatesPage *self);
GtkWindow *mc_templates_page_edit           (McTemplatesPage *self,
                                             McTemplate      *template);
/* Deletes @template at once, with a toast whose Undo (the page's action
 * "templates.undo-delete") brings it back. */
void       mc_templates_page_delete         (McTemplatesPage *self,
                                             McTemplate      *template);
/* What the file choosers lead to; both also tell the seller in a toast
 * (import: how many were added). */
gboolean   mc_templates_page_export_to_file (McTemplatesPage *self,
                                             GFile           *file,
                                             GError         **error);
int        mc_templates_page_import_file    (McTemplatesPage *self,
                                             GFile           *file,
                                             GError         **error);
/* The last toast shown, for tests. */
const char *mc_templates_page_get_last_toast (McTemplatesPage *self);

G_END_DECLS
