/* mc-api-limits.c: how McApiClient keeps within the Market's limits:
 * each method's hourly budget, the pauses after a 420 or a spent budget
 * (failing what waits for the method at once), and the
 * X-RateLimit-Resource-* headers of every answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-api-client-private.h"
#include "mc-api-parse.h"

/* A -Until further away than this is taken for a server's mistake. */
#define MAX_PAUSE_USEC     HOUR_USEC

gboolean
mc_api_client_method_is_paused (McApiClient *self,
                                McApiMethod  method)
{
  return self->methods[method].paused_until > g_get_real_time ();
}

static char *
format_clock (gint64 real_usec)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (real_usec / G_USEC_PER_SEC);

  if (local == NULL)
    return g_strdup ("--:--");

  return g_date_time_format (local, "%H:%M");
}

GError *
mc_api_client_paused_error (McApiClient *self,
                            McApiMethod  method,
                            const char  *api_message)
{
  g_autofree char *clock = format_clock (self->methods[method].paused_until);

  if (api_message != NULL)
    return g_error_new (MC_API_ERROR, MC_API_ERROR_RATE_LIMITED,
                        /* Translators: the first %s is the Market's own error, the second a time such as 14:05 */
                        _("%s (paused until %s)"), api_message, clock);

  return g_error_new (MC_API_ERROR, MC_API_ERROR_RATE_LIMITED,
                      /* Translators: the first %s is e.g. "reading chats", the second a time such as 14:05 */
                      _("The Market’s hourly limit for %s is used up; paused until %s"),
                      mc_api_method_get_display_name (method), clock);
}

static gboolean
on_resume (gpointer user_data)
{
  McApiClient *self = user_data;
  gint64 now = g_get_real_time ();
  gboolean resumed = FALSE;

  for (guint i = 0; i < MC_API_N_METHODS; i++)
    {
      McMethodState *state = &self->methods[i];

      if (state->resume_source == NULL || state->paused_until > now)
        continue;

      g_debug ("%s resumes", mc_api_method_get_name (i));
      state->paused_until = 0;
      g_source_destroy (state->resume_source);
      g_clear_pointer (&state->resume_source, g_source_unref);
      resumed = TRUE;
    }

  if (resumed)
    g_signal_emit (self, mc_api_client_signals[MC_API_CLIENT_PAUSED_CHANGED], 0);

  return G_SOURCE_REMOVE;
}

/* Fails every queued request of @method at once: a UI must not sit behind a
 * pause that may last an hour. */
void
mc_api_client_pause_method (McApiClient *self,
                            McApiMethod  method,
                            gint64       until)
{
  McMethodState *state = &self->methods[method];
  g_autoptr(GPtrArray) failed = g_ptr_array_new ();
  GHashTableIter iter;
  McPool *pool;
  gint64 delay_ms;

  if (state->paused_until >= until)
    return;

  state->paused_until = until;
  g_debug ("%s paused for %" G_GINT64_FORMAT " s", mc_api_method_get_name (method),
           (until - g_get_real_time ()) / G_USEC_PER_SEC);

  if (state->resume_source != NULL)
    {
      g_source_destroy (state->resume_source);
      g_clear_pointer (&state->resume_source, g_source_unref);
    }

  delay_ms = MAX (0, (until - g_get_real_time ()) / 1000) + 1;
  state->resume_source = g_timeout_source_new ((guint) MIN (delay_ms, G_MAXUINT));
  g_source_set_static_name (state->resume_source, "[mc-api] resume");
  g_source_set_callback (state->resume_source, on_resume, self, NULL);
  g_source_attach (state->resume_source, self->context);

  g_hash_table_iter_init (&iter, self->pools);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &pool))
    {
      for (GList *l = pool->waiting.head; l != NULL;)
        {
          GList *next = l->next;
          McApiRequest *req = l->data;

          if (req->method == method)
            {
              g_queue_delete_link (&pool->waiting, l);
              req->state = REQUEST_NEW;
              g_ptr_array_add (failed, req);
            }

          l = next;
        }
    }

  g_signal_emit (self, mc_api_client_signals[MC_API_CLIENT_PAUSED_CHANGED], 0);

  for (guint i = 0; i < failed->len; i++)
    mc_api_request_return_error (g_ptr_array_index (failed, i),
                                 mc_api_client_paused_error (self, method, NULL));
}

void
mc_api_client_note_rate_headers (McApiClient        *self,
                                 McApiMethod         method,
                                 SoupMessageHeaders *headers,
                                 gint64             *out_until)
{
  McMethodState *state = &self->methods[method];
  const char *remaining = soup_message_headers_get_one (headers, "X-RateLimit-Resource-Remaining");
  const char *limit = soup_message_headers_get_one (headers, "X-RateLimit-Resource-Limit");
  const char *until = soup_message_headers_get_one (headers, "X-RateLimit-Resource-Until");
  guint64 value;

  *out_until = 0;

  if (until != NULL)
    {
      g_autoptr(GDateTime) date = mc_api_parse_http_date (until);
      gint64 now = g_get_real_time ();

      if (date == NULL)
        g_message ("%s: could not read X-RateLimit-Resource-Until “%s”",
                   mc_api_method_get_name (method), until);
      else if (g_date_time_to_unix (date) > (now + MAX_PAUSE_USEC) / G_USEC_PER_SEC)
        {
          /* A year 9999 must not stop the app for good: the hour is the
           * longest window the Market counts in. */
          g_message ("%s: the Market named %s as the end of its limit, more than an hour away; "
                     "taking an hour instead", mc_api_method_get_name (method), until);
          *out_until = now + MAX_PAUSE_USEC;
        }
      else
        *out_until = g_date_time_to_unix (date) * G_USEC_PER_SEC;

      if (*out_until != 0)
        state->limit_until = *out_until;
    }

  if (limit != NULL && g_ascii_string_to_unsigned (limit, 10, 0, G_MAXINT, &value, NULL))
    state->limit = (gint) value;

  if (remaining != NULL &&
      g_ascii_string_to_unsigned (remaining, 10, 0, G_MAXINT, &value, NULL) &&
      state->remaining != (gint) value)
    {
      state->remaining = (gint) value;
      g_signal_emit (self, mc_api_client_signals[MC_API_CLIENT_LIMITS_CHANGED], 0);
    }
}

gboolean
mc_api_client_check_budget (McApiClient  *self,
                            McApiRequest *req)
{
  McMethodState *state = &self->methods[req->method];
  guint budget = mc_api_method_get_hourly_budget (req->method);
  gint64 now = g_get_monotonic_time ();
  gint64 next_free;

  if (state->window == NULL || mc_rate_window_count (state->window, now) < budget)
    return TRUE;

  next_free = mc_rate_window_next_free (state->window, now);
  mc_api_client_pause_method (self, req->method, g_get_real_time () + MAX (next_free - now, G_USEC_PER_SEC));

  return FALSE;
}
