/* mc-status-banner.c: the notice under the chats' header bar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-cabinet-private.h"
#include "mc-error.h"
#include "mc-status-banner.h"
#include "mc-sync-engine.h"
#include "mc-ui-util.h"
#include "mc-ui.h"

#define CLOCK_SECONDS 60

struct _McStatusBanner
{
  GtkWidget     parent_instance;

  McSession    *session;
  /* The session, its cabinets and its sync engine, as they are now. */
  GSignalGroup *session_signals;
  GSignalGroup *cabinets_signals;
  GSignalGroup *sync_signals;
  guint         clock_id;
  guint         timeout_id;
  /* The slow-checks notice is up (see mc_ui_format_slow_checks()). */
  gboolean      slow_shown;
  char         *auth_error;

  GtkRevealer  *banner_revealer;
  GtkLabel     *banner_label;
  GtkButton    *banner_button;
};

G_DEFINE_FINAL_TYPE (McStatusBanner, mc_status_banner, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
mc_status_banner_new (McSession *session)
{
  g_return_val_if_fail (session == NULL || MC_IS_SESSION (session), NULL);

  return g_object_new (MC_TYPE_STATUS_BANNER, "session", session, NULL);
}

McSession *
mc_status_banner_get_session (McStatusBanner *self)
{
  g_return_val_if_fail (MC_IS_STATUS_BANNER (self), NULL);

  return self->session;
}

gboolean
mc_status_banner_get_revealed (McStatusBanner *self)
{
  g_return_val_if_fail (MC_IS_STATUS_BANNER (self), FALSE);

  return gtk_revealer_get_reveal_child (self->banner_revealer);
}

static gint64
find_paused_method (McStatusBanner *self,
                    McApiMethod    *out_method)
{
  GListModel *cabinets = mc_session_get_cabinets (self->session);
  gint64 latest = 0;

  for (guint i = 0; i < g_list_model_get_n_items (cabinets); i++)
    {
      g_autoptr(McCabinet) cabinet = g_list_model_get_item (cabinets, i);
      McApiClient *client = mc_cabinet_get_client (cabinet);

      if (client == NULL)
        continue;

      for (McApiMethod method = 0; method < MC_API_N_METHODS; method++)
        {
          gint64 until = mc_api_client_get_paused_until (client, method);

          if (until > latest)
            {
              latest = until;
              *out_method = method;
            }
        }
    }

  return latest;
}

static gboolean on_timeout (gpointer user_data);

static void
mc_status_banner_show (McStatusBanner *self,
                       const char     *text,
                       const char     *button_label,
                       const char     *action)
{
  gtk_label_set_label (self->banner_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->banner_button), button_label != NULL);
  if (button_label != NULL)
    {
      gtk_button_set_label (self->banner_button, button_label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->banner_button), action);
    }
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

/* One message at a time, the most pressing first. */
static void
mc_status_banner_update (McStatusBanner *self)
{
  McSyncEngine *sync;
  McApiMethod method = MC_API_METHOD_GET_CHATS;
  gboolean online = TRUE;
  guint poll_interval = 0, effective_interval = 0;
  gint64 paused_until;
  gint64 now = g_get_real_time ();

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  if (self->session == NULL)
    {
      gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
      return;
    }

  /* The cached chats are shown without keys: nothing syncs or sends. */
  if (mc_session_get_state (self->session) == MC_SESSION_STATE_READY &&
      mc_session_get_error (self->session) != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is the keyring's own error. */
      text = g_strdup_printf (_("The keyring could not be opened, so these saved chats are "
                                "read-only: %s"),
                              mc_session_get_error (self->session)->message);
      mc_status_banner_show (self, text, _("_Try Again"), "win.reload-keys");
      return;
    }

  if (self->auth_error != NULL)
    {
      mc_status_banner_show (self, self->auth_error, _("_Fix Key…"), "app.preferences");
      return;
    }

  sync = mc_session_get_sync (self->session);
  g_object_get (sync,
                "online", &online,
                "poll-interval", &poll_interval,
                "effective-interval", &effective_interval,
                NULL);

  /* Before the pause: a Market out of reach matters more than a limit. */
  if (!mc_session_get_reachable (self->session) &&
      mc_session_get_state (self->session) == MC_SESSION_STATE_READY)
    {
      g_autofree char *checked = mc_ui_format_last_check (mc_session_get_last_check (self->session),
                                                          now);
      g_autofree char *text = NULL;

      if (!online)
        /* Translators: the second sentence says when chats were last checked. */
        text = g_strdup_printf (_("Offline: new messages and replies wait for the connection. %s"),
                                checked);
      else
        /* Translators: the second sentence says when chats were last checked. */
        text = g_strdup_printf (_("The Market cannot be reached: new messages may be missing. %s"),
                                checked);
      mc_status_banner_show (self, text, _("_Retry"), "win.refresh");
      return;
    }

  paused_until = find_paused_method (self, &method);
  if (paused_until > now)
    {
      g_autoptr(GDateTime) until = g_date_time_new_from_unix_local (paused_until / G_USEC_PER_SEC);
      g_autofree char *time = g_date_time_format (until, "%H:%M");
      g_autofree char *text = NULL;

      /* Translators: the first %s is what the app was doing, e.g. "reading
       * chats"; the second a time of day. */
      text = g_strdup_printf (_("The Market’s hourly limit for %s is used up; it resumes at %s."),
                              mc_api_method_get_display_name (method), time);
      mc_status_banner_show (self, text, NULL, NULL);
      self->timeout_id =
        g_timeout_add_seconds ((guint) MIN ((paused_until - now) / G_USEC_PER_SEC + 1, G_MAXUINT / 2),
                               on_timeout, self);
      return;
    }

  {
    g_autofree char *slow = mc_ui_format_slow_checks (poll_interval, effective_interval,
                                                      self->slow_shown);

    self->slow_shown = slow != NULL;
    if (slow != NULL)
      {
        mc_status_banner_show (self, slow, NULL, NULL);
        return;
      }
  }

  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

static gboolean
on_timeout (gpointer user_data)
{
  McStatusBanner *self = user_data;

  self->timeout_id = 0;
  mc_status_banner_update (self);

  return G_SOURCE_REMOVE;
}

/* "Last checked 5 min ago" ages. */
static gboolean
on_clock (gpointer user_data)
{
  McStatusBanner *self = user_data;

  if (self->session != NULL && !mc_session_get_reachable (self->session))
    mc_status_banner_update (self);

  return G_SOURCE_CONTINUE;
}

static void
on_notify (McStatusBanner *self)
{
  mc_status_banner_update (self);
}

static void
on_sync_error (McStatusBanner *self,
               McCabinet      *cabinet,
               GError         *error,
               McSyncEngine   *sync)
{
  g_assert (MC_IS_STATUS_BANNER (self));

  if (mc_error_is_key_refused (error))
    {
      g_autofree char *text = mc_error_describe (error);

      g_free (self->auth_error);
      /* Translators: %s is the cabinet's name, then the API's own words. */
      self->auth_error = g_strdup_printf (_("The key of cabinet “%s” was refused: %s"),
                                          cabinet != NULL ? mc_cabinet_get_label (cabinet) : "",
                                          text);
    }

  mc_status_banner_update (self);
}

static void
on_cabinets_changed (McStatusBanner *self)
{
  /* A replaced key gets a fresh chance. */
  g_clear_pointer (&self->auth_error, g_free);
  mc_status_banner_update (self);
}

void
mc_status_banner_set_session (McStatusBanner *self,
                              McSession      *session)
{
  g_return_if_fail (MC_IS_STATUS_BANNER (self));
  g_return_if_fail (session == NULL || MC_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  g_clear_pointer (&self->auth_error, g_free);
  self->slow_shown = FALSE;
  g_signal_group_set_target (self->session_signals, session);
  g_signal_group_set_target (self->cabinets_signals,
                             session != NULL ? mc_session_get_cabinets (session) : NULL);
  g_signal_group_set_target (self->sync_signals,
                             session != NULL ? mc_session_get_sync (session) : NULL);
  mc_status_banner_update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
mc_status_banner_dispose (GObject *object)
{
  McStatusBanner *self = MC_STATUS_BANNER (object);

  g_clear_handle_id (&self->clock_id, g_source_remove);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->session_signals != NULL)
    {
      g_signal_group_set_target (self->session_signals, NULL);
      g_signal_group_set_target (self->cabinets_signals, NULL);
      g_signal_group_set_target (self->sync_signals, NULL);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_STATUS_BANNER);

  g_clear_object (&self->session_signals);
  g_clear_object (&self->cabinets_signals);
  g_clear_object (&self->sync_signals);
  g_clear_object (&self->session);
  g_clear_pointer (&self->auth_error, g_free);

  G_OBJECT_CLASS (mc_status_banner_parent_class)->dispose (object);
}

static void
mc_status_banner_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  McStatusBanner *self = MC_STATUS_BANNER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_status_banner_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  McStatusBanner *self = MC_STATUS_BANNER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      mc_status_banner_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_status_banner_class_init (McStatusBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_status_banner_dispose;
  object_class->get_property = mc_status_banner_get_property;
  object_class->set_property = mc_status_banner_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/mc-status-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, McStatusBanner, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, McStatusBanner, banner_label);
  gtk_widget_class_bind_template_child (widget_class, McStatusBanner, banner_button);
}

static void
mc_status_banner_init (McStatusBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->session_signals = g_signal_group_new (MC_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::state",
                                  G_CALLBACK (on_notify), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::error",
                                  G_CALLBACK (on_notify), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::reachable",
                                  G_CALLBACK (on_notify), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::checked",
                                  G_CALLBACK (on_notify), self);

  self->cabinets_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->cabinets_signals, "items-changed",
                                  G_CALLBACK (on_cabinets_changed), self);

  self->sync_signals = g_signal_group_new (MC_TYPE_SYNC_ENGINE);
  g_signal_group_connect_swapped (self->sync_signals, "notify::online",
                                  G_CALLBACK (on_notify), self);
  g_signal_group_connect_swapped (self->sync_signals, "notify::syncing",
                                  G_CALLBACK (on_notify), self);
  g_signal_group_connect_swapped (self->sync_signals, "notify::paused-until",
                                  G_CALLBACK (on_notify), self);
  g_signal_group_connect_swapped (self->sync_signals, "notify::effective-interval",
                                  G_CALLBACK (on_notify), self);
  g_signal_group_connect_swapped (self->sync_signals, "notify::poll-interval",
                                  G_CALLBACK (on_notify), self);
  g_signal_group_connect_swapped (self->sync_signals, "error",
                                  G_CALLBACK (on_sync_error), self);

  self->clock_id = g_timeout_add_seconds (CLOCK_SECONDS, on_clock, self);
}
