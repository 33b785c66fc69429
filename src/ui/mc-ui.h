/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the UI's GResource once.  The resource lives in a static
 * library, whose automatic constructor the linker may drop, so every class
 * with a template calls this from its class_init. */
void mc_ui_ensure_resources (void);

G_END_DECLS
