/* ui-test-util.h: a display, a demo session and waiting, for the UI tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mc-session.h"

G_BEGIN_DECLS

typedef gboolean (*UiTestPredicate) (gpointer data);

/* Skips the whole program (a TAP "1..0 # SKIP" plan) when there is no
 * display; else gtk_test_init() and adw_init(). */
void        ui_test_init              (int             *argc,
                                       char          ***argv);
/* Runs the main loop until @predicate holds or @msec pass; returns whether
 * it held. */
gboolean    ui_test_wait_until        (UiTestPredicate  predicate,
                                       gpointer         data,
                                       guint            msec);
/* Runs the main loop for @msec. */
void        ui_test_run_for           (guint            msec);
/* A demo session on its own fake Market, with its chats and stores
 * loaded. */
McSession  *ui_test_new_demo_session  (void);
/* Destroys @window and asserts that it, and then @session, are finalized. */
void        ui_test_destroy_and_check (GtkWindow       *window,
                                       McSession       *session);

G_END_DECLS
