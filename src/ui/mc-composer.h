/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>


G_BEGIN_DECLS

typedef struct _McCache McCache;

#define MC_COMPOSER_COUNTER_FROM 3500

#define MC_TYPE_COMPOSER (mc_composer_get_type ())
G_DECLARE_FINAL_TYPE (McComposer, mc_composer, MC, COMPOSER, GtkWidget)

/* Where the seller writes.  Ctrl+Enter sends, Enter starts a new line.
 *
 * Signals: "send-text" (const char *text) once the text passed the length
 * check and, if it holds contacts, the seller confirmed; the composer then
 * clears itself and the draft.  "send-file" (GFile *) for a file that passed
 * the size check.
 *
 * Property "disabled-reason" (string, nullable): why the seller cannot
 * write here, shown above the field; NULL enables it. */
GtkWidget  *mc_composer_new                 (void);

/* Saves the draft of the chat shown until now at once, then shows the
 * draft of @chat_id kept in @cache (NULL or 0 for none). */
void        mc_composer_set_chat            (McComposer  *self,
                                             McCache     *cache,
                                             gint64       chat_id);
/* Writes a pending draft now rather than after the 500 ms pause. */
void        mc_composer_save_draft          (McComposer  *self);

const char *mc_composer_get_disabled_reason (McComposer  *self);
void        mc_composer_set_disabled_reason (McComposer  *self,
                                             const char  *reason);

char       *mc_composer_dup_text            (McComposer  *self);
void        mc_composer_set_text            (McComposer  *self,
                                             const char  *text);
/* Puts @text back in front of whatever is being written, so nothing typed
 * is lost (after a failed send). */
void        mc_composer_restore_text        (McComposer  *self,
                                             const char  *text);

/* What Ctrl+Enter and the send button do. */
void        mc_composer_send                (McComposer  *self);
/* Checks that @file exists, is readable and at most 5 MB, and emits
 * "send-file"; otherwise fails with MC_API_ERROR_TOO_LARGE or
 * MC_API_ERROR_INVALID_INPUT and a sentence for the seller. */
gboolean    mc_composer_attach_file         (McComposer  *self,
                                             GFile       *file,
                                             GError     **error);
/* The contact warning while it is shown, else NULL (for tests). */
GtkWindow  *mc_composer_get_warning_dialog  (McComposer  *self);

G_END_DECLS
