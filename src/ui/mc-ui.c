/* mc-ui.c: process-wide set-up of the UI layer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "mc-resources.h"
#include "mc-ui.h"

void
mc_ui_ensure_resources (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      mc_register_resource ();
      g_once_init_leave (&initialized, 1);
    }
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
