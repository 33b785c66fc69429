/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mc-chat-timeline.h"
#include "mc-template-fill.h"
#include "mc-template-store.h"

G_BEGIN_DECLS

typedef struct _McCache McCache;

#define MC_COMPOSER_COUNTER_FROM 3500

#define MC_TYPE_COMPOSER (mc_composer_get_type ())
G_DECLARE_FINAL_TYPE (McComposer, mc_composer, MC, COMPOSER, GtkWidget)

/* Where the seller writes.  Ctrl+Enter sends, Enter starts a new line.
 *
 * Signals: "send-text" (const char *text) once the text passed the length
 * check and, if it holds contacts, the seller confirmed; the composer then
 * clears itself and the timeline's draft.  "send-file" (GFile *) for a
 * file that passed the size check.
 *
 * Properties: "timeline" (McChatTimeline, nullable), "disabled-reason"
 * (string, nullable): why the seller cannot write here, shown above the
 * field; NULL enables it. */
GtkWidget  *mc_composer_new                 (void);

/* Shows and edits the draft of @timeline (NULL for none), after writing
 * the draft of the one shown until now; its "read-only-reason" becomes
 * "disabled-reason". */
McChatTimeline *mc_composer_get_timeline    (McComposer     *self);
void        mc_composer_set_timeline        (McComposer     *self,
                                             McChatTimeline *timeline);
/* Writes a pending draft now rather than after the timeline's pause. */
void        mc_composer_save_draft          (McComposer  *self);

const char *mc_composer_get_disabled_reason (McComposer  *self);
void        mc_composer_set_disabled_reason (McComposer  *self,
                                             const char  *reason);

char       *mc_composer_dup_text            (McComposer  *self);
void        mc_composer_set_text            (McComposer  *self,
                                             const char  *text);
/* What Ctrl+Enter and the send button do. */
void        mc_composer_send                (McComposer  *self);
/* Checks that @file exists, is readable and at most 5 MB, and emits
 * "send-file"; otherwise fails with G_IO_ERROR_MESSAGE_TOO_LARGE or
 * G_IO_ERROR_INVALID_ARGUMENT and a sentence for the seller. */
gboolean    mc_composer_attach_file         (McComposer  *self,
                                             GFile       *file,
                                             GError     **error);
/* Templates: Ctrl+T, the templates button or a "/" typed into the empty
 * field opens a list of the templates of @templates that apply to the
 * timeline's chat; a keyword followed by Tab expands in place.  Either
 * way the template is filled from the values of
 * mc_composer_set_template_values(), and the variables left (no value,
 * no fallback) are highlighted: the composer refuses to send while any
 * is left.  What is inserted is checked like typed text when sent. */
void        mc_composer_set_templates       (McComposer       *self,
                                             McTemplateStore  *templates);
/* Takes @values (NULL: nothing known). */
void        mc_composer_set_template_values (McComposer       *self,
                                             McTemplateValues *values);
void        mc_composer_show_templates      (McComposer       *self);
/* Fills @template and puts it at the cursor, over the selection. */
void        mc_composer_insert_template     (McComposer       *self,
                                             McTemplate       *template);
/* The text holds a variable left as written. */
gboolean    mc_composer_get_has_gaps        (McComposer       *self);
/* The template list (for tests). */
GtkPopover *mc_composer_get_template_picker (McComposer       *self);

/* The contact warning while it is shown, else NULL (for tests). */
GtkWindow  *mc_composer_get_warning_dialog  (McComposer  *self);

G_END_DECLS
