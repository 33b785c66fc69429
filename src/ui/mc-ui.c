/* mc-ui.c: process-wide set-up of the UI layer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <epoxy/gl.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

#include "mc-resources.h"
#include "mc-ui.h"
#include "mc-ui-util.h"

static void
mc_ui_update_button_accessible_label (GtkButton *button)
{
  const char *label = gtk_button_get_label (button);
  g_autofree char *text = NULL;

  if (label == NULL || !gtk_button_get_use_underline (button) || strchr (label, '_') == NULL)
    return;

  text = mc_ui_strip_mnemonic (label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

static void
on_button_notify (GtkButton  *button,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  mc_ui_update_button_accessible_label (button);
}

static gboolean
on_widget_realize (GSignalInvocationHint *hint,
                   guint                  n_param_values,
                   const GValue          *param_values,
                   gpointer               user_data)
{
  GObject *widget = g_value_get_object (&param_values[0]);

  if (!GTK_IS_BUTTON (widget) || g_object_get_data (widget, "mc-mnemonic-label") != NULL)
    return TRUE;

  g_object_set_data (widget, "mc-mnemonic-label", GINT_TO_POINTER (TRUE));
  g_signal_connect (widget, "notify::label", G_CALLBACK (on_button_notify), NULL);
  g_signal_connect (widget, "notify::use-underline", G_CALLBACK (on_button_notify), NULL);
  mc_ui_update_button_accessible_label (GTK_BUTTON (widget));

  return TRUE;
}

void
mc_ui_ensure_resources (void)
{
  static gsize initialized = 0;
  gpointer widget_class;

  if (g_once_init_enter (&initialized))
    {
      mc_register_resource ();
      /* GTK 4.8 gives a button the accessible name of its raw label,
       * mnemonic mark and all, so screen readers said "_Cancel Cancel".
       * Every button, also those of message dialogs, gets its label
       * without the mark when it is realized and whenever it changes. */
      widget_class = g_type_class_ref (GTK_TYPE_WIDGET);
      g_signal_add_emission_hook (g_signal_lookup ("realize", GTK_TYPE_WIDGET), 0,
                                  on_widget_realize, NULL, NULL);
      g_type_class_unref (widget_class);
      g_once_init_leave (&initialized, 1);
    }
}

/* What draws @display's OpenGL (its GL_RENDERER), or NULL without one. */
static char *
get_gl_renderer (GdkDisplay *display)
{
  g_autoptr(GdkGLContext) context = NULL;
  g_autoptr(GError) error = NULL;
  char *renderer;

  context = gdk_display_create_gl_context (display, &error);
  if (context == NULL || !gdk_gl_context_realize (context, &error))
    {
      g_debug ("No OpenGL: %s", error->message);
      return NULL;
    }

  gdk_gl_context_make_current (context);
  renderer = g_strdup ((const char *) glGetString (GL_RENDERER));
  gdk_gl_context_clear_current ();

  return renderer;
}

void
mc_ui_choose_renderer (GdkDisplay *display)
{
  const char *env_renderer = g_getenv ("GSK_RENDERER");
  g_autofree char *gl_renderer = NULL;
  const char *choice;

  g_return_if_fail (GDK_IS_DISPLAY (display));

  /* Only GTK before 4.14 is asked, and only once: OpenGL takes a while to
   * start. */
  if ((env_renderer != NULL && *env_renderer != '\0') ||
      gtk_get_major_version () != 4 || gtk_get_minor_version () >= 14 ||
      g_object_get_data (G_OBJECT (display), "mc-renderer-chosen") != NULL)
    return;
  g_object_set_data (G_OBJECT (display), "mc-renderer-chosen", GINT_TO_POINTER (TRUE));

  gl_renderer = get_gl_renderer (display);
  choice = mc_ui_renderer_for_gl (gl_renderer, gtk_get_major_version (), gtk_get_minor_version (),
                                  env_renderer);
  if (choice == NULL)
    return;

  /* GTK before 4.14 asks the display for a renderer before it reads
   * GSK_RENDERER (GTK's inspector names its own that way), and setting
   * the variable would pass it on to the programs that open the seller's
   * files. */
  g_object_set_data (G_OBJECT (display), "gsk-renderer", (gpointer) choice);
  g_debug ("Drawing with the %s renderer: OpenGL is drawn by %s", choice, gl_renderer);
}

void
mc_ui_toast (GtkWidget  *widget,
             const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (text != NULL);

  gtk_widget_activate_action (widget, "win.toast", "s", text);
}

AdwToast *
mc_ui_plain_toast_new (const char *text)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

/* The longest a toast slides in (a replacing one, 500 ms in 1.2), with a
 * margin for a busy main loop. */
#define TOAST_SETTLE_USEC (800 * G_TIME_SPAN_MILLISECOND)

static gint64 toast_last_change;

#define TOAST_WATCHED "mc-toast-watched"
#define TOAST_GONE "mc-toast-gone"
#define TOAST_DISMISSING "mc-toast-dismissing"

static void
on_watched_toast_dismissed (AdwToast *toast)
{
  /* The next in the queue, if any, starts sliding in now. */
  toast_last_change = g_get_monotonic_time ();
  g_object_set_data (G_OBJECT (toast), TOAST_GONE, GINT_TO_POINTER (TRUE));
}

AdwToast *
mc_ui_toast_watch (AdwToast *toast)
{
  g_return_val_if_fail (ADW_IS_TOAST (toast), NULL);

  toast_last_change = g_get_monotonic_time ();
  g_object_set_data (G_OBJECT (toast), TOAST_GONE, NULL);
  if (g_object_get_data (G_OBJECT (toast), TOAST_WATCHED) == NULL)
    {
      g_object_set_data (G_OBJECT (toast), TOAST_WATCHED, GINT_TO_POINTER (TRUE));
      g_signal_connect (toast, "dismissed", G_CALLBACK (on_watched_toast_dismissed), NULL);
    }

  return toast;
}

static gboolean
dismiss_when_settled (gpointer user_data)
{
  AdwToast *toast = user_data;
  gint64 wait = toast_last_change + TOAST_SETTLE_USEC - g_get_monotonic_time ();

  if (g_object_get_data (G_OBJECT (toast), TOAST_GONE) != NULL)
    {
      g_object_set_data (G_OBJECT (toast), TOAST_DISMISSING, NULL);
      return G_SOURCE_REMOVE;
    }

  if (wait > 0)
    {
      g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) (wait / G_TIME_SPAN_MILLISECOND) + 1,
                          dismiss_when_settled, g_object_ref (toast), g_object_unref);
      return G_SOURCE_REMOVE;
    }

  g_object_set_data (G_OBJECT (toast), TOAST_DISMISSING, NULL);
  adw_toast_dismiss (toast);

  return G_SOURCE_REMOVE;
}

void
mc_ui_toast_dismiss (AdwToast *toast)
{
  g_return_if_fail (ADW_IS_TOAST (toast));
  g_return_if_fail (g_object_get_data (G_OBJECT (toast), TOAST_WATCHED) != NULL);

  if (g_object_get_data (G_OBJECT (toast), TOAST_GONE) != NULL ||
      g_object_get_data (G_OBJECT (toast), TOAST_DISMISSING) != NULL)
    return;

  g_object_set_data (G_OBJECT (toast), TOAST_DISMISSING, GINT_TO_POINTER (TRUE));
  dismiss_when_settled (toast);
}

void
mc_ui_status_page_set_plain_description (AdwStatusPage *page,
                                         const char    *text)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (ADW_IS_STATUS_PAGE (page));

  if (text != NULL)
    escaped = g_markup_escape_text (text, -1);
  adw_status_page_set_description (page, escaped);
}

void
mc_ui_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

void
mc_ui_label_inner_button (GtkWidget  *outer,
                          const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (outer));
  g_return_if_fail (label != NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (outer);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
}

GtkWidget *
mc_ui_risky_file_dialog_new (GtkWindow  *parent,
                             const char *name,
                             const char *content_type)
{
  g_autofree char *shown = NULL;
  g_autofree char *description = NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (content_type != NULL, NULL);

  shown = mc_ui_format_visible_name (name);
  description = g_content_type_get_description (content_type);
  dialog = adw_message_dialog_new (parent, _("Open a File That Can Run Programs?"), NULL);
  /* A message dialog's body is plain text: the name is the customer's. */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: the file's name, then what it really is (e.g. "desktop configuration file", "shell script") */
                                  _("“%s” is a %s (%s). Opening it may run a program on this computer. Open it only if you trust the customer and expected this file."),
                                  shown, description, content_type);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  return dialog;
}

static const struct {
  guint latin;
  guint russian;
} russian_keys[] = {
  { GDK_KEY_q, GDK_KEY_Cyrillic_shorti }, { GDK_KEY_w, GDK_KEY_Cyrillic_tse },
  { GDK_KEY_e, GDK_KEY_Cyrillic_u }, { GDK_KEY_r, GDK_KEY_Cyrillic_ka },
  { GDK_KEY_t, GDK_KEY_Cyrillic_ie }, { GDK_KEY_y, GDK_KEY_Cyrillic_en },
  { GDK_KEY_u, GDK_KEY_Cyrillic_ghe }, { GDK_KEY_i, GDK_KEY_Cyrillic_sha },
  { GDK_KEY_o, GDK_KEY_Cyrillic_shcha }, { GDK_KEY_p, GDK_KEY_Cyrillic_ze },
  { GDK_KEY_bracketleft, GDK_KEY_Cyrillic_ha }, { GDK_KEY_bracketright, GDK_KEY_Cyrillic_hardsign },
  { GDK_KEY_a, GDK_KEY_Cyrillic_ef }, { GDK_KEY_s, GDK_KEY_Cyrillic_yeru },
  { GDK_KEY_d, GDK_KEY_Cyrillic_ve }, { GDK_KEY_f, GDK_KEY_Cyrillic_a },
  { GDK_KEY_g, GDK_KEY_Cyrillic_pe }, { GDK_KEY_h, GDK_KEY_Cyrillic_er },
  { GDK_KEY_j, GDK_KEY_Cyrillic_o }, { GDK_KEY_k, GDK_KEY_Cyrillic_el },
  { GDK_KEY_l, GDK_KEY_Cyrillic_de }, { GDK_KEY_semicolon, GDK_KEY_Cyrillic_zhe },
  { GDK_KEY_apostrophe, GDK_KEY_Cyrillic_e }, { GDK_KEY_z, GDK_KEY_Cyrillic_ya },
  { GDK_KEY_x, GDK_KEY_Cyrillic_che }, { GDK_KEY_c, GDK_KEY_Cyrillic_es },
  { GDK_KEY_v, GDK_KEY_Cyrillic_em }, { GDK_KEY_b, GDK_KEY_Cyrillic_i },
  { GDK_KEY_n, GDK_KEY_Cyrillic_te }, { GDK_KEY_m, GDK_KEY_Cyrillic_softsign },
  { GDK_KEY_comma, GDK_KEY_Cyrillic_be }, { GDK_KEY_period, GDK_KEY_Cyrillic_yu },
  { GDK_KEY_grave, GDK_KEY_Cyrillic_io },
};

guint
mc_ui_russian_keyval (guint keyval)
{
  for (guint i = 0; i < G_N_ELEMENTS (russian_keys); i++)
    if (russian_keys[i].latin == keyval)
      return russian_keys[i].russian;

  return 0;
}

void
mc_ui_add_shortcut (GtkWidgetClass  *klass,
                    guint            keyval,
                    GdkModifierType  modifiers,
                    const char      *action_name)
{
  guint russian = mc_ui_russian_keyval (keyval);
  GtkShortcutTrigger *trigger;
  g_autoptr(GtkShortcut) shortcut = NULL;

  g_return_if_fail (GTK_IS_WIDGET_CLASS (klass));
  g_return_if_fail (action_name != NULL);

  trigger = gtk_keyval_trigger_new (keyval, modifiers);
  if (russian != 0)
    trigger = gtk_alternative_trigger_new (trigger, gtk_keyval_trigger_new (russian, modifiers));

  shortcut = gtk_shortcut_new (trigger, gtk_named_action_new (action_name));
  gtk_widget_class_add_shortcut (klass, shortcut);
}

void
mc_ui_label_show_reply_clock (GtkLabel           *label,
                              const McReplyClock *clock,
                              gint64              since,
                              gint64              now)
{
  static const char *const classes[] = { "warning", "error" };
  g_autofree char *text = NULL;
  const char *style_class = NULL;

  g_return_if_fail (GTK_IS_LABEL (label));
  g_return_if_fail (clock != NULL);

  text = mc_ui_format_reply_clock_short (clock, since, now, &style_class);
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
  if (text == NULL)
    return;

  gtk_label_set_label (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), mc_reply_clock_get_explanation ());
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      if (g_strcmp0 (classes[i], style_class) == 0)
        gtk_widget_add_css_class (GTK_WIDGET (label), classes[i]);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (label), classes[i]);
    }
}
