/* mc-application-desk.c: what decides whether and when the seller is
 * told, beside the notifications themselves: muted chats and stores,
 * quiet hours and their summary, "Remind in 15 Minutes", and the one
 * "Reply overdue" notice of each wait.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "mc-application-private.h"
#include "mc-cabinet.h"
#include "mc-chat-store.h"
#include "mc-quiet-hours.h"
#include "mc-reply-clock.h"
#include "mc-session.h"

#define REMIND_DELAY (15 * G_TIME_SPAN_MINUTE)
#define REMIND_KIND "remind"
/* The wait start of the episode already announced as overdue. */
#define OVERDUE_KIND "overdue"
#define QUIET_SUMMARY_ID "quiet-summary"
#define OVERDUE_SUMMARY_ID "overdue-summary"
/* Chats of one look at the clocks announced one by one; the others of a
 * start after a long night share one notification. */
#define OVERDUE_NOTICES 3
/* Names in the summary after quiet hours; the rest are counted. */
#define QUIET_SUMMARY_NAMES 3
/* Changes come in bursts (a poll merges many chats): one look after them. */
#define OVERDUE_SETTLE_SEC 1
/* Looked at again at least this often, in case the clock jumped. */
#define OVERDUE_MAX_WAIT_SEC (10 * 60)

gboolean
mc_application_is_muted (McApplication *self,
                         McChat        *chat)
{
  g_auto(GStrv) stores = NULL;
  g_autofree char *campaign = NULL;

  if (mc_chat_get_muted (chat))
    return TRUE;

  if (mc_chat_get_campaign_id (chat) == 0)
    return FALSE;

  stores = g_settings_get_strv (self->settings, "muted-stores");
  campaign = g_strdup_printf ("%" G_GINT64_FORMAT, mc_chat_get_campaign_id (chat));

  return g_strv_contains ((const char * const *) stores, campaign);
}

/* A store muted: its chats' notifications go. */
static void
on_muted_stores_changed (McApplication *self)
{
  g_autoptr(GArray) muted = g_array_new (FALSE, FALSE, sizeof (gint64));
  McChatStore *chats = mc_session_get_chats (self->session);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->notified);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      McChat *chat = mc_chat_store_lookup (chats, *(gint64 *) key);

      if (chat != NULL && mc_application_is_muted (self, chat))
        g_array_append_val (muted, *(gint64 *) key);
    }

  for (guint i = 0; i < muted->len; i++)
    mc_application_withdraw_chat (self, g_array_index (muted, gint64, i));
}

/* Reminders */

typedef struct
{
  McApplication *self;
  gint64         chat_id;
} Reminder;

static gboolean
on_reminder_due (gpointer user_data)
{
  Reminder *reminder = user_data;
  McApplication *self = reminder->self;
  gint64 chat_id = reminder->chat_id;
  McChatStore *chats;
  McChat *chat;

  g_hash_table_remove (self->reminders, &chat_id);
  if (self->session == NULL)
    return G_SOURCE_REMOVE;

  chats = mc_session_get_chats (self->session);
  mc_chat_store_set_mark (chats, chat_id, REMIND_KIND, 0);
  chat = mc_chat_store_lookup (chats, chat_id);

  /* Answered meanwhile (here or in the seller cabinet): nothing to say. */
  if (chat == NULL || !mc_chat_needs_reply (chat))
    return G_SOURCE_REMOVE;

  g_debug ("Reminding of chat %" G_GINT64_FORMAT, chat_id);
  mc_application_queue_notification (self, chat, NULL, MC_NOTIFY_REMINDER);

  return G_SOURCE_REMOVE;
}

static void
schedule_reminder (McApplication *self,
                   gint64         chat_id,
                   gint64         due_at)
{
  gint64 delay = MAX (due_at - g_get_real_time (), 0);
  Reminder *reminder = g_new0 (Reminder, 1);
  guint source;

  reminder->self = self;
  reminder->chat_id = chat_id;
  source = g_timeout_add_full (G_PRIORITY_DEFAULT, delay / 1000, on_reminder_due, reminder, g_free);
  g_hash_table_insert (self->reminders, g_memdup2 (&chat_id, sizeof chat_id), GUINT_TO_POINTER (source));
}

void
mc_application_remind_chat (McApplication *self,
                            gint64         chat_id)
{
  gint64 due_at = g_get_real_time () + self->remind_delay;

  mc_application_withdraw_chat (self, chat_id);
  if (self->session == NULL)
    return;

  g_debug ("Will remind of chat %" G_GINT64_FORMAT, chat_id);
  /* Kept in the cache, so a restart within the delay still reminds. */
  mc_chat_store_set_mark (mc_session_get_chats (self->session), chat_id, REMIND_KIND, due_at);
  schedule_reminder (self, chat_id, due_at);
}

static void
restore_reminders (McApplication *self)
{
  GListModel *cabinets = mc_session_get_cabinets (self->session);
  McChatStore *chats = mc_session_get_chats (self->session);
  guint n = g_list_model_get_n_items (cabinets);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(McCabinet) cabinet = g_list_model_get_item (cabinets, i);
      gint64 business_id = mc_cabinet_get_business_id (cabinet);
      g_autoptr(GHashTable) marks = NULL;
      GHashTableIter iter;
      gpointer key, value;

      if (business_id == 0 ||
          mc_chat_store_get_cache (chats, business_id) == NULL ||
          g_hash_table_contains (self->reminders_restored, &business_id))
        continue;

      g_hash_table_add (self->reminders_restored, g_memdup2 (&business_id, sizeof business_id));
      marks = mc_chat_store_list_marks (chats, business_id, REMIND_KIND);
      g_hash_table_iter_init (&iter, marks);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          gint64 chat_id = *(gint64 *) key;

          if (!g_hash_table_contains (self->reminders, &chat_id))
            schedule_reminder (self, chat_id, *(gint64 *) value);
        }
    }
}

/* Quiet hours */

static void update_quiet (McApplication *self);

static gboolean
on_quiet_timeout (gpointer user_data)
{
  McApplication *self = user_data;

  self->quiet_source = 0;
  update_quiet (self);

  return G_SOURCE_REMOVE;
}

/* One notification for everything quiet hours held back. */
static void
send_quiet_summary (McApplication *self)
{
  g_autoptr(GHashTable) missed = g_steal_pointer (&self->quiet_missed);
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *title = NULL;
  McChatStore *chats;
  GHashTableIter iter;
  gpointer key;
  guint n, named = 0;

  self->quiet_missed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  n = g_hash_table_size (missed);
  if (n == 0 || self->session == NULL)
    return;

  chats = mc_session_get_chats (self->session);
  g_hash_table_iter_init (&iter, missed);
  while (g_hash_table_iter_next (&iter, &key, NULL) && named < QUIET_SUMMARY_NAMES)
    {
      McChat *chat = mc_chat_store_lookup (chats, *(gint64 *) key);
      const char *name = chat != NULL ? mc_chat_get_customer_name (chat) : NULL;

      if (name == NULL || *name == '\0')
        continue;
      if (names->len > 0)
        /* Translators: between two customer names in a list */
        g_string_append (names, _(", "));
      g_string_append (names, name);
      named++;
    }

  /* Translators: a notification title after quiet hours; %u is a number of chats */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u chat got news during quiet hours",
                                        "%u chats got news during quiet hours", n), n);
  notification = g_notification_new (title);
  if (names->len > 0)
    {
      g_autofree char *body = NULL;

      if (n > named)
        /* Translators: the body of the notification after quiet hours: customer names, then how many more chats */
        body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s and %u more",
                                             "%s and %u more", n - named),
                                names->str, n - named);
      else
        body = g_strdup (names->str);
      mc_application_set_notification_body (self, notification, body);
    }

  g_debug ("Quiet hours summary of %u chats", n);
  g_application_send_notification (G_APPLICATION (self), QUIET_SUMMARY_ID, notification);
}

static void
update_quiet (McApplication *self)
{
  guint start = g_settings_get_uint (self->settings, "quiet-hours-start");
  guint end = g_settings_get_uint (self->settings, "quiet-hours-end");
  guint now = mc_quiet_hours_minute_of (g_get_real_time ());
  gboolean enabled = g_settings_get_boolean (self->settings, "quiet-hours");
  gboolean quiet = enabled && mc_quiet_hours_contains (start, end, now);
  gboolean was_quiet = self->quiet;
  guint wait;

  self->quiet = quiet;
  g_clear_handle_id (&self->quiet_source, g_source_remove);

  if (was_quiet && !quiet)
    send_quiet_summary (self);

  if (!enabled)
    return;

  /* Woken at the next minute the span starts or ends at, counted from the
   * start of the current minute. */
  if (quiet)
    wait = mc_quiet_hours_minutes_left (start, end, now);
  else
    wait = (start + MC_MINUTES_PER_DAY - now) % MC_MINUTES_PER_DAY;
  if (wait == 0)
    wait = MC_MINUTES_PER_DAY;
  {
    g_autoptr(GDateTime) local = g_date_time_new_now_local ();
    int seconds_in = g_date_time_get_second (local);

    self->quiet_source = g_timeout_add_seconds (MAX ((int) wait * 60 - seconds_in, 1),
                                                on_quiet_timeout, self);
  }
}

gboolean
mc_application_keep_quiet (McApplication *self,
                           gint64         chat_id)
{
  if (!self->quiet)
    return FALSE;

  if (chat_id != 0)
    g_hash_table_add (self->quiet_missed, g_memdup2 (&chat_id, sizeof chat_id));

  return TRUE;
}

/* Overdue */

static gboolean check_overdue (gpointer user_data);

/* The overdue marks of the chat's cabinet, read once per look. */
static gint64
lookup_overdue_mark (McChatStore *store,
                     GHashTable  *marks_by_business,
                     McChat      *chat)
{
  gint64 business_id = mc_chat_get_business_id (chat);
  gint64 chat_id = mc_chat_get_chat_id (chat);
  GHashTable *marks = g_hash_table_lookup (marks_by_business, &business_id);
  gint64 *mark;

  if (marks == NULL)
    {
      marks = mc_chat_store_list_marks (store, business_id, OVERDUE_KIND);
      g_hash_table_insert (marks_by_business, g_memdup2 (&business_id, sizeof business_id), marks);
    }

  mark = g_hash_table_lookup (marks, &chat_id);

  return mark != NULL ? *mark : 0;
}

static int
compare_wait_start (gconstpointer a,
                    gconstpointer b)
{
  gint64 wa = mc_chat_get_first_unanswered (*(McChat * const *) a);
  gint64 wb = mc_chat_get_first_unanswered (*(McChat * const *) b);

  return (wa > wb) - (wa < wb);
}

/* The longest waits first, each on its own; the rest counted in one. */
static void
announce_overdue (McApplication *self,
                  GPtrArray     *overdue)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  guint rest;

  g_ptr_array_sort (overdue, compare_wait_start);
  for (guint i = 0; i < overdue->len && i < OVERDUE_NOTICES; i++)
    mc_application_queue_notification (self, g_ptr_array_index (overdue, i), NULL, MC_NOTIFY_OVERDUE);

  if (overdue->len <= OVERDUE_NOTICES)
    return;

  rest = overdue->len - OVERDUE_NOTICES;
  /* Translators: a notification title beside the ones that name overdue chats; %u is how many more */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more chat is overdue for a reply",
                                        "%u more chats are overdue for a reply", rest), rest);
  notification = g_notification_new (title);
  mc_application_set_notification_body (self, notification,
                                        _("Open Market Chats to answer them."));
  g_debug ("Overdue summary of %u chats", rest);
  g_application_send_notification (G_APPLICATION (self), OVERDUE_SUMMARY_ID, notification);
}

static void
schedule_overdue_check (McApplication *self,
                        guint          seconds)
{
  g_clear_handle_id (&self->overdue_source, g_source_remove);
  self->overdue_source = g_timeout_add_seconds (seconds, check_overdue, self);
}

static gboolean
check_overdue (gpointer user_data)
{
  McApplication *self = user_data;
  GListModel *chats;
  McChatStore *store;
  g_autoptr(GPtrArray) overdue = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) marks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify) g_hash_table_unref);
  gint64 target = g_settings_get_uint (self->settings, "reply-target-minutes") * G_TIME_SPAN_MINUTE;
  gint64 now = g_get_real_time ();
  gint64 next = G_MAXINT64;
  guint n;

  self->overdue_source = 0;

  /* Before the first sync the waits are the cache's, maybe long over. */
  if (self->session == NULL || !mc_session_get_checked (self->session))
    return G_SOURCE_REMOVE;

  store = mc_session_get_chats (self->session);
  chats = G_LIST_MODEL (store);
  n = g_list_model_get_n_items (chats);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (chats, i);
      gint64 since = mc_chat_get_first_unanswered (chat);
      gint64 chat_id = mc_chat_get_chat_id (chat);
      McReplyClock clock;

      if (!mc_chat_needs_reply (chat))
        {
          /* Answered: the next wait is a new one, and the mark can go. */
          if (lookup_overdue_mark (store, marks, chat) != 0)
            mc_chat_store_set_mark (store, chat_id, OVERDUE_KIND, 0);
          continue;
        }
      if (since == 0)
        continue;

      /* The hours the window gave the store for the chat's cabinet. */
      mc_reply_clock_compute (&clock, since, target,
                              mc_chat_store_get_working_hours (store, mc_chat_get_business_id (chat)), now);
      if (clock.state != MC_REPLY_STATE_OVERDUE)
        {
          next = MIN (next, clock.due_at);
          continue;
        }

      /* Once per wait: the mark holds the start of the one announced. */
      if (lookup_overdue_mark (store, marks, chat) == since)
        continue;

      mc_chat_store_set_mark (store, chat_id, OVERDUE_KIND, since);
      g_debug ("Overdue chat %" G_GINT64_FORMAT, chat_id);
      if (mc_application_is_muted (self, chat) || mc_application_keep_quiet (self, chat_id))
        continue;
      g_ptr_array_add (overdue, g_steal_pointer (&chat));
    }

  if (overdue->len > 0)
    announce_overdue (self, overdue);
  g_debug ("Looked at the reply clocks of %u chats", n);

  if (next != G_MAXINT64)
    schedule_overdue_check (self, CLAMP ((next - now) / G_USEC_PER_SEC + 1, 1, OVERDUE_MAX_WAIT_SEC));
  else
    schedule_overdue_check (self, OVERDUE_MAX_WAIT_SEC);

  return G_SOURCE_REMOVE;
}

static void
on_waits_changed (McApplication *self)
{
  if (self->session != NULL)
    restore_reminders (self);
  schedule_overdue_check (self, OVERDUE_SETTLE_SEC);
}

void
mc_application_watch_desk (McApplication *self)
{
  McChatStore *chats = mc_session_get_chats (self->session);
  const char *delay = g_getenv ("MARKET_CHATS_REMIND_SECONDS");

  /* Tests wait seconds, not a quarter of an hour. */
  self->remind_delay = REMIND_DELAY;
  if (delay != NULL && atoi (delay) > 0)
    self->remind_delay = atoi (delay) * G_TIME_SPAN_SECOND;

  g_signal_connect_object (chats, "waiting-changed", G_CALLBACK (on_waits_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (chats, "chats-updated", G_CALLBACK (on_waits_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::checked", G_CALLBACK (on_waits_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::reply-target-minutes",
                           G_CALLBACK (on_waits_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::muted-stores", G_CALLBACK (on_muted_stores_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::quiet-hours", G_CALLBACK (update_quiet), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::quiet-hours-start", G_CALLBACK (update_quiet), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::quiet-hours-end", G_CALLBACK (update_quiet), self,
                           G_CONNECT_SWAPPED);

  update_quiet (self);
  on_waits_changed (self);
}

void
mc_application_unwatch_desk (McApplication *self)
{
  g_clear_handle_id (&self->quiet_source, g_source_remove);
  g_clear_handle_id (&self->overdue_source, g_source_remove);
  if (self->reminders != NULL)
    g_hash_table_remove_all (self->reminders);
}
