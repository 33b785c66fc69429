/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-reply-clock.h"

G_BEGIN_DECLS

/* Registers the UI's GResource once.  The resource lives in a static
 * library, whose automatic constructor the linker may drop, so every class
 * with a template calls this from its class_init. */
void mc_ui_ensure_resources (void);

/* Picks the renderer the windows of @display draw with, before the first
 * is realized: cairo where GTK before 4.14 would draw with OpenGL in
 * software (see mc_ui_renderer_for_gl()), GTK's own choice elsewhere or
 * when GSK_RENDERER is set.  Looks at OpenGL once per display. */
void mc_ui_choose_renderer  (GdkDisplay *display);

/* Shows @text as a toast in the window @widget is in (through the window's
 * "win.toast" action), so rows and dialogs need no pointer to it. */
void mc_ui_toast            (GtkWidget  *widget,
                             const char *text);

/* libadwaita 1.2 reads toast titles and status page descriptions as Pango
 * markup; server and customer text must stay words, never links. */
AdwToast *mc_ui_plain_toast_new (const char    *text);
/* libadwaita 1.2 frees a toast's state twice, and the app crashes, when
 * the toast is dismissed while it is still sliding in (fixed in 1.3 by
 * "toast-overlay: Prevent show_done from firing after hide_done").  A
 * toast starts sliding in when it is added to an overlay with none shown,
 * or when the one before it goes.  mc_ui_toast_watch() notes both for a
 * toast about to be added (and returns it); mc_ui_toast_dismiss()
 * dismisses a watched toast once no toast can still be sliding in, and
 * does nothing for one already gone. */
AdwToast *mc_ui_toast_watch   (AdwToast      *toast);
void      mc_ui_toast_dismiss (AdwToast      *toast);
void mc_ui_status_page_set_plain_description (AdwStatusPage *page,
                                              const char    *text);

/* Asks before opening a file of @content_type that can run code (see
 * mc_ui_content_may_run_code()), naming it as it is (@name with invisible
 * characters shown) and what it really is.  Its responses are "cancel",
 * the default, and "open". */
GtkWidget *mc_ui_risky_file_dialog_new (GtkWindow  *parent,
                                        const char *name,
                                        const char *content_type);

/* For a GtkWidget subclass whose template's root child has no id, which
 * gtk_widget_dispose_template() does not unparent: call after it. */
void mc_ui_unparent_children (GtkWidget  *widget);

/* GTK 4.8 leaves the button inside a drop-down or menu button, which is
 * what takes the focus, without a name: a screen reader said "button". */
void mc_ui_label_inner_button (GtkWidget  *outer,
                               const char *label);

/* The keyval the Russian (ЙЦУКЕН) layout gives on the key that gives
 * @keyval (a lowercase letter or punctuation) in the US one, or 0.  GTK
 * matches shortcuts by keyval, and falls back to the key's place only when
 * a Latin layout is loaded beside the Russian one. */
guint mc_ui_russian_keyval (guint keyval);
/* Binds @keyval with @modifiers to @action_name on the widgets of @klass,
 * on the key of @keyval in a Russian layout too. */
void mc_ui_add_shortcut     (GtkWidgetClass  *klass,
                             guint            keyval,
                             GdkModifierType  modifiers,
                             const char      *action_name);

/* Shows a chat's reply clock in @label: the short words of
 * mc_ui_format_reply_clock_short() with its style class ("warning",
 * "error"), and what the clock measures as the tooltip; hidden when
 * nobody waits. */
void mc_ui_label_show_reply_clock (GtkLabel           *label,
                                   const McReplyClock *clock,
                                   gint64              since,
                                   gint64              now);

G_END_DECLS
