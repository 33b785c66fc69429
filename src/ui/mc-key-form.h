/* mc-key-form.h: the form that checks an API key and adds its cabinet,
 * shared by the welcome page and the Add Cabinet dialog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mc-session.h"

G_BEGIN_DECLS

#define MC_TYPE_KEY_FORM (mc_key_form_get_type ())
G_DECLARE_FINAL_TYPE (McKeyForm, mc_key_form, MC, KEY_FORM, GtkWidget)

/* Properties: "session" (McSession), "busy" (gboolean, read-only: a key is
 * being checked; the inputs are insensitive and Cancel is shown),
 * "has-error" (gboolean, read-only: a sentence under the inputs says what
 * went wrong).
 * Signals: "connected" (McCabinet *cabinet): the key was accepted and
 * stored; the key entry is empty again and, for a key that may not answer
 * customers, the read-only note is shown. */
GtkWidget  *mc_key_form_new            (McSession *session);
McSession  *mc_key_form_get_session    (McKeyForm *self);
void        mc_key_form_set_session    (McKeyForm *self,
                                        McSession *session);
gboolean    mc_key_form_get_busy       (McKeyForm *self);
gboolean    mc_key_form_get_has_error  (McKeyForm *self);
/* Checks the key typed, as Connect does. */
void        mc_key_form_submit         (McKeyForm *self);
/* Stops a check, as Cancel does; what was typed stays. */
void        mc_key_form_cancel         (McKeyForm *self);
/* The sentence shown when a key can only read chats. */
const char *mc_key_form_read_only_note (void);

G_END_DECLS
