/* mc-application-actions.c: the application's "app.*" actions and their
 * shortcuts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-application-private.h"
#include "mc-chat-store.h"
#include "mc-preferences-window.h"
#include "mc-session.h"
#include "mc-ui.h"
#include "mc-window.h"

static void
mc_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  McApplication *self = user_data;
  static const char *developers[] = { "Market Chats developers", NULL };
  GtkWindow *about;

  mc_ui_choose_renderer (gdk_display_get_default ());
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Market Chats"),
                        "application-icon", BASE_ID,
                        "developer-name", _("Market Chats developers"),
                        "version", VERSION,
                        "website", "https://github.com/marketchats/market-chats",
                        "issue-url", "https://github.com/marketchats/market-chats/issues",
                        "support-url", "https://yandex.ru/support/marketplace/",
                        "comments", _("Read and answer the customer chats of all your Yandex Market stores, "
                                      "and know the moment a customer writes."),
                        "developers", developers,
                        "copyright", "© 2026 Market Chats developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (about);
}

static void
mc_application_preferences_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  McApplication *self = user_data;
  GtkWindow *window;

  /* The Cabinets group needs the session the window shows. */
  if (self->session == NULL)
    return;

  mc_ui_choose_renderer (gdk_display_get_default ());
  window = mc_preferences_window_new (self->settings, self->session);
  gtk_window_set_transient_for (window, gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (window);
}

static void
mc_application_open_chat_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  McApplication *self = user_data;
  gint64 chat_id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;

  /* Activated over D-Bus (a notification clicked after a restart) before
   * anything else asked for the session. */
  if (!mc_application_ensure_session (self, &error))
    {
      g_critical ("Could not start: %s", error->message);
      return;
    }

  g_debug ("Opening chat %" G_GINT64_FORMAT, chat_id);

  if (mc_chat_store_lookup (mc_session_get_chats (self->session), chat_id) != NULL)
    mc_application_show_chat (self, chat_id);
  else
    {
      /* The session is still loading: show the window now and the chat as
       * soon as it is known. */
      self->pending_chat_id = chat_id;
      gtk_window_present (GTK_WINDOW (mc_application_ensure_window (self)));
    }
}

/* "Mark as Read" on a notification: the seller saw enough in it. */
static void
mc_application_mark_chat_read_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  McApplication *self = user_data;
  gint64 chat_id = g_variant_get_int64 (parameter);
  McChatStore *chats;
  gint64 last_id;

  mc_application_withdraw_chat (self, chat_id);
  /* Clicked after a restart, before anything else started the session. */
  if (!mc_application_ensure_session (self, NULL))
    return;

  chats = mc_session_get_chats (self->session);
  last_id = mc_chat_store_get_last_message_id (chats, chat_id);
  if (last_id != 0)
    mc_chat_store_mark_read (chats, chat_id, last_id);

  g_debug ("Marked chat %" G_GINT64_FORMAT " read", chat_id);
}

static void
mc_application_remind_chat_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  McApplication *self = user_data;

  if (mc_application_ensure_session (self, NULL))
    mc_application_remind_chat (self, g_variant_get_int64 (parameter));
}

static void
mc_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  McApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  if (self->held)
    {
      self->held = FALSE;
      g_application_release (G_APPLICATION (self));
    }

  /* Destroying the windows saves their state before the loop ends. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_destroy (window);
    }

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "about", mc_application_about_action },
  { "preferences", mc_application_preferences_action },
  { "open-chat", mc_application_open_chat_action, "x" },
  { "mark-chat-read", mc_application_mark_chat_read_action, "x" },
  { "remind-chat", mc_application_remind_chat_action, "x" },
  { "quit", mc_application_quit_action },
};

void
mc_application_install_actions (McApplication *self)
{
  /* And the same keys in a Russian layout (see mc_ui_add_shortcut()); the
   * Russian layout has "?" of Ctrl+? itself, on Shift+7. */
  static const char *quit_accels[] = { "<primary>q", "<primary>Cyrillic_shorti", NULL };
  static const char *prefs_accels[] = { "<primary>comma", "<primary>Cyrillic_be", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
}
