/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-session.h"
#include "mc-template.h"

G_BEGIN_DECLS

#define MC_TYPE_TEMPLATE_DIALOG (mc_template_dialog_get_type ())
G_DECLARE_FINAL_TYPE (McTemplateDialog, mc_template_dialog, MC, TEMPLATE_DIALOG, AdwWindow)

/* Adds a template to the session's templates (@template NULL) or edits
 * @template, one of them: title, text, the cabinet it is for (or all),
 * the store (or any) and a keyword.  Closes itself once saved. */
GtkWindow *mc_template_dialog_new  (GtkWindow        *parent,
                                    McSession        *session,
                                    McTemplate       *template);
/* What Save does; fails with a sentence for the seller, shown in the
 * dialog too. */
gboolean   mc_template_dialog_save (McTemplateDialog *self,
                                    GError          **error);

G_END_DECLS
