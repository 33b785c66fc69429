/* mc-add-cabinet-dialog.h: adds another cabinet with the key form.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mc-session.h"

G_BEGIN_DECLS

#define MC_TYPE_ADD_CABINET_DIALOG (mc_add_cabinet_dialog_get_type ())
G_DECLARE_FINAL_TYPE (McAddCabinetDialog, mc_add_cabinet_dialog, MC, ADD_CABINET_DIALOG, AdwWindow)

/* Properties: "session" (McSession, construct-only).  Modal and transient
 * for @parent; closes once a key is accepted, with a toast in @parent
 * ("win.toast" or a preferences window), or stays open showing the
 * read-only note when @parent cannot show one. */
GtkWindow *mc_add_cabinet_dialog_new         (McSession          *session,
                                              GtkWindow          *parent);
McSession *mc_add_cabinet_dialog_get_session (McAddCabinetDialog *self);

G_END_DECLS
