/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-session.h"

G_BEGIN_DECLS

#define MC_TYPE_APPLICATION (mc_application_get_type ())
G_DECLARE_FINAL_TYPE (McApplication, mc_application, MC, APPLICATION, AdwApplication)

McApplication *mc_application_new          (void);
GSettings     *mc_application_get_settings (McApplication *self);
gboolean       mc_application_get_demo     (McApplication *self);
/* NULL until the command line, an activation or the service start made it. */
McSession     *mc_application_get_session  (McApplication *self);

G_END_DECLS
