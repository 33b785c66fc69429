/* mc-application.c: the application object: options, actions, windows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-application.h"
#include "mc-preferences-window.h"
#include "mc-ui.h"
#include "mc-window.h"

struct _McApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *api_url;
  gboolean        demo;
};

G_DEFINE_FINAL_TYPE (McApplication, mc_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Try the app with built-in demo data, without an account"), NULL },
  { "api-url", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Talk to another Partner API server (https, or http on this computer only)"), N_("URL") },
  { NULL }
};

McApplication *
mc_application_new (void)
{
  return g_object_new (MC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

GSettings *
mc_application_get_settings (McApplication *self)
{
  g_return_val_if_fail (MC_IS_APPLICATION (self), NULL);

  return self->settings;
}

gboolean
mc_application_get_demo (McApplication *self)
{
  g_return_val_if_fail (MC_IS_APPLICATION (self), FALSE);

  return self->demo;
}

static McWindow *
mc_application_ensure_window (McApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = g_object_new (MC_TYPE_WINDOW,
                           "application", self,
                           "settings", self->settings,
                           NULL);

  return MC_WINDOW (window);
}

static void
mc_application_activate (GApplication *app)
{
  McApplication *self = MC_APPLICATION (app);

  gtk_window_present (GTK_WINDOW (mc_application_ensure_window (self)));
}

static int
mc_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", _("Market Chats"), VERSION);
      return 0;
    }

  return -1;
}

static int
mc_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  McApplication *self = MC_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  const char *api_url = NULL;

  if (g_variant_dict_contains (options, "demo"))
    self->demo = TRUE;

  if (g_variant_dict_lookup (options, "api-url", "&s", &api_url))
    {
      g_free (self->api_url);
      self->api_url = g_strdup (api_url);
    }

  g_application_activate (app);

  return 0;
}

static void
mc_application_startup (GApplication *app)
{
  McApplication *self = MC_APPLICATION (app);

  G_APPLICATION_CLASS (mc_application_parent_class)->startup (app);

  self->settings = g_settings_new (BASE_ID);
}

static void
mc_application_finalize (GObject *object)
{
  McApplication *self = MC_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->api_url, g_free);

  G_OBJECT_CLASS (mc_application_parent_class)->finalize (object);
}

static void
mc_application_class_init (McApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = mc_application_finalize;

  /* AdwApplication loads style.css from the resource base path at startup. */
  mc_ui_ensure_resources ();

  app_class->activate = mc_application_activate;
  app_class->startup = mc_application_startup;
  app_class->command_line = mc_application_command_line;
  app_class->handle_local_options = mc_application_handle_local_options;
}

static void
mc_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  McApplication *self = user_data;
  static const char *developers[] = { "Market Chats developers", NULL };
  GtkWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Market Chats"),
                        "application-icon", APP_ID,
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

  window = mc_preferences_window_new (self->settings);
  gtk_window_set_transient_for (window, gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (window);
}

static void
mc_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  McApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

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
  { "quit", mc_application_quit_action },
};

static void
mc_application_init (McApplication *self)
{
  static const char *quit_accels[] = { "<primary>q", NULL };
  static const char *prefs_accels[] = { "<primary>comma", NULL };

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Read and answer the customer chats of your Yandex Market stores."));

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
}
