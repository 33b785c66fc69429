/* mc-application.c: the application object: options, windows and running
 * in the background; notifications are in mc-application-notify.c, the
 * "app.*" actions in mc-application-actions.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#if HAVE_LIBPORTAL
#include <libportal-gtk4/portal-gtk4.h>
#endif

#include "mc-api-client.h"
#include "mc-application-private.h"
#include "mc-chat-store.h"
#include "mc-session.h"
#include "mc-sync-engine.h"
#include "mc-ui.h"
#include "mc-window.h"

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

McSession *
mc_application_get_session (McApplication *self)
{
  g_return_val_if_fail (MC_IS_APPLICATION (self), NULL);

  return self->session;
}

static void
mc_application_update_hold (McApplication *self)
{
  McSessionState state;
  gboolean hold;

  if (self->settings == NULL || self->session == NULL)
    return;

  state = mc_session_get_state (self->session);
  hold = g_settings_get_boolean (self->settings, "run-in-background") &&
         (state == MC_SESSION_STATE_READY || mc_session_get_demo (self->session));

  if (hold == self->held)
    return;

  self->held = hold;
  if (hold)
    g_application_hold (G_APPLICATION (self));
  else
    g_application_release (G_APPLICATION (self));
}

McWindow *
mc_application_ensure_window (McApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      mc_ui_choose_renderer (gdk_display_get_default ());
      window = GTK_WINDOW (mc_window_new (GTK_APPLICATION (self), self->session, self->settings));
    }

  return MC_WINDOW (window);
}

void
mc_application_show_chat (McApplication *self,
                          gint64         chat_id)
{
  McWindow *window = mc_application_ensure_window (self);

  self->pending_chat_id = 0;
  mc_application_withdraw_chat (self, chat_id);
  mc_window_open_chat (window, chat_id);
  gtk_window_present (GTK_WINDOW (window));

  g_debug ("Showing chat %" G_GINT64_FORMAT, mc_window_get_open_chat_id (window));
}

static void
on_chats_updated (McApplication *self,
                  GPtrArray     *chats,
                  McChatStore   *store)
{
  if (self->pending_chat_id != 0 &&
      mc_chat_store_lookup (store, self->pending_chat_id) != NULL)
    mc_application_show_chat (self, self->pending_chat_id);
}

static void
on_session_state_changed (McApplication *self,
                          GParamSpec    *pspec,
                          McSession     *session)
{
  mc_application_update_hold (self);
}

/* Creates the session the first time something needs it: the command line
 * (with its options), the D-Bus service start, or an activation. */
gboolean
mc_application_ensure_session (McApplication  *self,
                               GError        **error)
{
  McSyncEngine *sync;
  McChatStore *chats;

  if (self->session != NULL)
    return TRUE;

  self->session = mc_session_new (self->api_url);
  if (mc_session_get_error (self->session) != NULL)
    {
      g_propagate_error (error, g_error_copy (mc_session_get_error (self->session)));
      g_clear_object (&self->session);
      return FALSE;
    }

  sync = mc_session_get_sync (self->session);
  chats = mc_session_get_chats (self->session);

  g_settings_bind (self->settings, "poll-interval", sync, "poll-interval", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "idle-budget-percent", sync, "budget-percent", G_SETTINGS_BIND_GET);

  mc_application_watch_notifications (self, sync, chats);
  mc_application_watch_desk (self);
  g_signal_connect_object (chats, "chats-updated", G_CALLBACK (on_chats_updated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::state", G_CALLBACK (on_session_state_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::demo", G_CALLBACK (on_session_state_changed),
                           self, G_CONNECT_SWAPPED);

  if (self->demo)
    {
      if (!mc_session_start_demo (self->session, error))
        {
          g_clear_object (&self->session);
          return FALSE;
        }
    }
  else
    mc_session_load (self->session);

  mc_application_update_hold (self);

  return TRUE;
}

/* MARKET_CHATS_BENCH_FIRST_FRAME=1 (bench/bench-startup.c): print the
 * monotonic time of the first frame painted once the session is past
 * loading (the cached chats are in), and the renderer that drew it, then
 * quit. */
static void
on_bench_after_paint (GdkFrameClock *clock,
                      McApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->session == NULL || mc_session_get_state (self->session) == MC_SESSION_STATE_LOADING)
    return;

  g_print ("first-frame %" G_GINT64_FORMAT " %s\n", g_get_monotonic_time (),
           window != NULL ? G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))) : "none");
  g_signal_handlers_disconnect_by_func (clock, on_bench_after_paint, self);
  g_application_quit (G_APPLICATION (self));
}

static void
on_bench_window_realize (GtkWidget     *window,
                         McApplication *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (on_bench_after_paint), self, 0);
}

static void
mc_application_activate (GApplication *app)
{
  McApplication *self = MC_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  if (!mc_application_ensure_session (self, &error))
    {
      g_critical ("Could not start: %s", error->message);
      return;
    }

  window = GTK_WINDOW (mc_application_ensure_window (self));
  if (g_strcmp0 (g_getenv ("MARKET_CHATS_BENCH_FIRST_FRAME"), "1") == 0 &&
      !gtk_widget_get_realized (GTK_WIDGET (window)))
    g_signal_connect_object (window, "realize", G_CALLBACK (on_bench_window_realize), self, 0);
  gtk_window_present (window);
}

static int
mc_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  g_autoptr(GError) error = NULL;
  const char *api_url = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", _("Market Chats"), VERSION);
      return 0;
    }

  /* Refused here, before a display or the bus is needed, so the seller
   * sees why even when starting from a terminal without a session. */
  if (g_variant_dict_lookup (options, "api-url", "&s", &api_url) &&
      !mc_api_url_is_allowed (api_url, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  return -1;
}

static int
mc_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  McApplication *self = MC_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autoptr(GError) error = NULL;
  const char *api_url = NULL;

  /* Options choose the session; a second start of a running app only
   * brings its window up.  handle_local_options() checked the URL. */
  if (self->session == NULL)
    {
      g_variant_dict_lookup (options, "api-url", "&s", &api_url);
      self->demo = g_variant_dict_contains (options, "demo");
      g_free (self->api_url);
      self->api_url = g_strdup (api_url);

      if (!mc_application_ensure_session (self, &error))
        {
          g_application_command_line_printerr (command_line, "%s\n", error->message);
          return 1;
        }
    }

  g_application_activate (app);

  return 0;
}

#if HAVE_LIBPORTAL
static void
mc_application_background_refused (McApplication *self,
                                   const char    *reason)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog;

  g_settings_set_boolean (self->settings, "run-in-background", FALSE);

  if (parent == NULL)
    {
      g_message ("Running in the background was not allowed: %s", reason);
      return;
    }

  dialog = adw_message_dialog_new (parent,
                                   _("Cannot Run in the Background"),
                                   reason);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
mc_application_background_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(McApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (xdp_portal_request_background_finish (XDP_PORTAL (object), result, &error))
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    mc_application_background_refused (self,
                                       _("Market Chats was not allowed to run in the background. "
                                         "You can allow it in the system settings under Apps."));
  else
    mc_application_background_refused (self, error->message);
}

static void
mc_application_request_background (McApplication *self)
{
  g_autoptr(GPtrArray) commandline = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(XdpParent) parent = NULL;
  GtkWindow *window;

  if (self->portal == NULL)
    self->portal = xdp_portal_new ();

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    parent = xdp_parent_new_gtk (window);

  g_ptr_array_add (commandline, g_strdup ("market-chats"));
  g_ptr_array_add (commandline, g_strdup ("--gapplication-service"));

  g_cancellable_cancel (self->portal_cancellable);
  g_clear_object (&self->portal_cancellable);
  self->portal_cancellable = g_cancellable_new ();

  xdp_portal_request_background (self->portal,
                                 parent,
                                 _("Keep checking for customer messages and notify you "
                                   "while the window is closed."),
                                 commandline,
                                 XDP_BACKGROUND_FLAG_AUTOSTART,
                                 self->portal_cancellable,
                                 mc_application_background_cb,
                                 g_object_ref (self));
}
#endif

static void
on_run_in_background_changed (McApplication *self,
                              const char    *key,
                              GSettings     *settings)
{
#if HAVE_LIBPORTAL
  /* Outside Flatpak nothing stops the app from running on; inside, the
   * portal decides, and also starts it at login. */
  if (g_settings_get_boolean (settings, "run-in-background") &&
      g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    mc_application_request_background (self);
#endif

  mc_application_update_hold (self);
}

static void
mc_application_startup (GApplication *app)
{
  McApplication *self = MC_APPLICATION (app);

  G_APPLICATION_CLASS (mc_application_parent_class)->startup (app);

  self->settings = g_settings_new (BASE_ID);
  g_signal_connect_object (self->settings, "changed::run-in-background",
                           G_CALLBACK (on_run_in_background_changed), self,
                           G_CONNECT_SWAPPED);

  /* Started by D-Bus (or the portal's autostart) to run in the background:
   * no command line will come, so sync and notify with the seller's own
   * cabinets at once. */
  if ((g_application_get_flags (app) & G_APPLICATION_IS_SERVICE) != 0)
    {
      g_autoptr(GError) error = NULL;

      if (!mc_application_ensure_session (self, &error))
        g_critical ("Could not start: %s", error->message);
    }
}

static void
mc_application_shutdown (GApplication *app)
{
  McApplication *self = MC_APPLICATION (app);

  if (self->held)
    {
      self->held = FALSE;
      g_application_release (app);
    }

#if HAVE_LIBPORTAL
  g_cancellable_cancel (self->portal_cancellable);
#endif

  g_clear_handle_id (&self->pending_source, g_source_remove);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  mc_application_unwatch_desk (self);

  /* The session writes its caches and deletes the demo's data now, while
   * the main loop still exists for whatever finishes on it. */
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);

  G_APPLICATION_CLASS (mc_application_parent_class)->shutdown (app);
}

static void
mc_application_finalize (GObject *object)
{
  McApplication *self = MC_APPLICATION (object);

  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->api_url, g_free);
  g_clear_pointer (&self->notified, g_hash_table_unref);
  g_clear_pointer (&self->notified_new, g_hash_table_unref);
  g_clear_pointer (&self->reminders, g_hash_table_unref);
  g_clear_pointer (&self->reminders_restored, g_hash_table_unref);
  g_clear_pointer (&self->quiet_missed, g_hash_table_unref);
#if HAVE_LIBPORTAL
  g_clear_object (&self->portal_cancellable);
  g_clear_object (&self->portal);
#endif

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
  app_class->shutdown = mc_application_shutdown;
  app_class->command_line = mc_application_command_line;
  app_class->handle_local_options = mc_application_handle_local_options;
}

static void
remove_source (gpointer source)
{
  g_source_remove (GPOINTER_TO_UINT (source));
}

static void
mc_application_init (McApplication *self)
{
  self->notified = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->notified_new = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->reminders = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, remove_source);
  self->reminders_restored = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->quiet_missed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Read and answer the customer chats of your Yandex Market stores."));

  mc_application_install_actions (self);
}
