/* mc-status-banner.c: the notice under the chats' header bar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-error.h"
#include "mc-status-banner.h"
#include "mc-ui-util.h"
#include "mc-ui.h"

#define CLOCK_SECONDS 60

struct _McStatusBanner
{
  GtkWidget     parent_instance;

  McSession    *session;
  /* The session, as it is now. */
  GSignalGroup *session_signals;
  guint         clock_id;
  guint         timeout_id;
  /* The slow-checks notice is up (see mc_ui_format_slow_checks()). */
  gboolean      slow_shown;
  /* The session refused a key while this banner followed it: a refusal
   * from before is not repeated to a banner set on the session later. */
  gboolean      auth_heard;

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

  if (self->auth_heard && mc_session_get_auth_error (self->session) != NULL)
    {
      mc_status_banner_show (self, mc_session_get_auth_error (self->session),
                             _("_Fix Key…"), "app.preferences");
      return;
    }

  online = mc_session_get_online (self->session);
  poll_interval = mc_session_get_poll_interval (self->session);
  effective_interval = mc_session_get_effective_interval (self->session);

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

  paused_until = mc_session_get_paused_until (self->session);
  if (paused_until > now && mc_session_get_paused_method (self->session) != NULL)
    {
      g_autoptr(GDateTime) until = g_date_time_new_from_unix_local (paused_until / G_USEC_PER_SEC);
      g_autofree char *time = g_date_time_format (until, "%H:%M");
      g_autofree char *text = NULL;

      /* Translators: the first %s is what the app was doing, e.g. "reading
       * chats"; the second a time of day. */
      text = g_strdup_printf (_("The Market’s hourly limit for %s is used up; it resumes at %s."),
                              mc_session_get_paused_method (self->session), time);
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
on_auth_error_changed (McStatusBanner *self)
{
  self->auth_heard = mc_session_get_auth_error (self->session) != NULL;
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

  self->slow_shown = FALSE;
  self->auth_heard = FALSE;
  g_signal_group_set_target (self->session_signals, session);
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
    g_signal_group_set_target (self->session_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_STATUS_BANNER);

  g_clear_object (&self->session_signals);
  g_clear_object (&self->session);

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
  g_signal_group_connect_swapped (self->session_signals, "notify::syncing",
                                  G_CALLBACK (on_notify), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::paused-method",
                                  G_CALLBACK (on_notify), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::sync-error",
                                  G_CALLBACK (on_notify), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::auth-error",
                                  G_CALLBACK (on_auth_error_changed), self);

  /* Only the engine's pace: its errors and pauses come through the
   * session. */
  g_signal_group_connect_swapped (self->session_signals, "notify::online",
                                  G_CALLBACK (on_notify), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::effective-interval",
                                  G_CALLBACK (on_notify), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::poll-interval",
                                  G_CALLBACK (on_notify), self);

  self->clock_id = g_timeout_add_seconds (CLOCK_SECONDS, on_clock, self);
}
