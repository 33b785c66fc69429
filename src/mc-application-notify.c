/* mc-application-notify.c: the application's desktop notifications, one
 * per chat, batched, and withdrawn when the chat is read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-application-private.h"
#include "mc-chat-store.h"
#include "mc-reply-clock.h"
#include "mc-session.h"
#include "mc-window.h"

#define NOTIFICATION_BODY_CHARS 120
/* Events this close together make one notification per chat.  It also
 * keeps two notifications of a chat a daemon round trip apart: GLib sends
 * the second as a replacement only once the daemon has numbered the first,
 * otherwise they stack. */
#define NOTIFICATION_BATCH_MSEC 1000
/* Chats of one batch that pop up a banner; the others of a busy poll go
 * to the notification list quietly, still one per chat. */
#define NOTIFICATION_BANNERS 3
/* A toast is read at a glance: the start of the message is enough. */
#define TOAST_BODY_CHARS 60

static gboolean
mc_application_is_chat_in_view (McApplication *self,
                                gint64         chat_id)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (MC_IS_WINDOW (l->data) &&
          gtk_window_is_active (GTK_WINDOW (l->data)) &&
          mc_window_get_open_chat_id (MC_WINDOW (l->data)) == chat_id)
        return TRUE;
    }

  return FALSE;
}

static char *
chat_notification_id (gint64 chat_id)
{
  return g_strdup_printf ("chat-%" G_GINT64_FORMAT, chat_id);
}

static void
on_chat_preview_known (McApplication *self,
                       GParamSpec    *pspec,
                       McChat        *chat)
{
  gint64 chat_id = mc_chat_get_chat_id (chat);

  if (mc_chat_get_last_message_preview (chat) == NULL)
    return;

  g_signal_handlers_disconnect_by_func (chat, on_chat_preview_known, self);

  /* Still shown: not read nor withdrawn since. */
  if (g_hash_table_contains (self->notified, &chat_id))
    mc_application_queue_notification (self, chat, NULL, MC_NOTIFY_MESSAGE);
}

static void
on_chat_muted (McApplication *self,
               GParamSpec    *pspec,
               McChat        *chat)
{
  if (mc_chat_get_muted (chat))
    mc_application_withdraw_chat (self, mc_chat_get_chat_id (chat));
}

void
mc_application_withdraw_chat (McApplication *self,
                              gint64         chat_id)
{
  g_autofree char *id = NULL;
  McChat *chat;

  if (!g_hash_table_remove (self->notified, &chat_id))
    return;

  g_hash_table_remove (self->notified_new, &chat_id);
  if (self->session != NULL &&
      (chat = mc_chat_store_lookup (mc_session_get_chats (self->session), chat_id)) != NULL)
    {
      g_signal_handlers_disconnect_by_func (chat, on_chat_preview_known, self);
      g_signal_handlers_disconnect_by_func (chat, on_chat_muted, self);
    }

  id = chat_notification_id (chat_id);
  g_application_withdraw_notification (G_APPLICATION (self), id);
}

/* "Ivan Petrov · Order 12345": who wrote, and about what. */
static char *
chat_describe (McChat *chat)
{
  McChatContext *context = mc_chat_get_context (chat);
  const char *name = mc_chat_get_customer_name (chat);
  g_autofree char *number = NULL;
  g_autofree char *subject = NULL;

  if (name == NULL || *name == '\0')
    name = _("Customer");

  if (context != NULL)
    {
      switch (mc_chat_context_get_context_type (context))
        {
        case MC_CONTEXT_TYPE_ORDER:
          /* Translators: %s is the order number */
          number = g_strdup_printf ("%" G_GINT64_FORMAT, mc_chat_context_get_order_id (context));
          subject = g_strdup_printf (_("Order %s"), number);
          break;

        case MC_CONTEXT_TYPE_RETURN:
          /* Translators: %s is the return number */
          number = g_strdup_printf ("%" G_GINT64_FORMAT, mc_chat_context_get_return_id (context));
          subject = g_strdup_printf (_("Return %s"), number);
          break;

        case MC_CONTEXT_TYPE_DIRECT:
        case MC_CONTEXT_TYPE_UNKNOWN:
        default:
          break;
        }
    }

  if (subject == NULL)
    return g_strdup (name);

  /* Translators: a notification title: the customer's name, then "Order 123" or "Return 45" */
  return g_strdup_printf (_("%s · %s"), name, subject);
}

/* The first NOTIFICATION_BODY_CHARS characters of @text, with "…" when cut. */
static char *
notification_excerpt (const char *text)
{
  g_autofree char *head = NULL;

  if (g_utf8_strlen (text, -1) <= NOTIFICATION_BODY_CHARS)
    return g_strdup (text);

  head = g_utf8_substring (text, 0, NOTIFICATION_BODY_CHARS);
  return g_strconcat (head, "…", NULL);
}

static char *
message_body (McMessage *message)
{
  const char *text = mc_message_get_text (message);
  GListModel *attachments;

  if (text != NULL && *text != '\0')
    return notification_excerpt (text);

  attachments = mc_message_get_attachments (message);
  if (attachments != NULL && g_list_model_get_n_items (attachments) > 0)
    return g_strdup (_("Sent a file"));

  return NULL;
}

/* GLib sends notifications through the portal inside a sandbox, else to
 * org.gtk.Notifications when someone owns it (GNOME Shell, which shows
 * bodies as plain text), else to org.freedesktop.Notifications, whose
 * servers read a markup subset in bodies: only that last one needs the
 * text escaped, or GNOME would show "&amp;".  Asked once. */
static gboolean
notification_body_is_markup (GApplication *app)
{
  static int is_markup = -1;

  if (is_markup < 0)
    {
      GDBusConnection *bus = g_application_get_dbus_connection (app);
      g_autoptr(GVariant) reply = NULL;
      gboolean owned = FALSE;

      if (bus != NULL && !g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
        reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                             "org.freedesktop.DBus", "NameHasOwner",
                                             g_variant_new ("(s)", "org.gtk.Notifications"),
                                             G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                             1000, NULL, NULL);
      if (reply != NULL)
        g_variant_get (reply, "(b)", &owned);
      is_markup = reply != NULL && !owned;
    }

  return is_markup == 1;
}

/* The active window, when the seller is looking at the app. */
static McWindow *
mc_application_get_focused_window (McApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (MC_IS_WINDOW (window) && gtk_window_is_active (window))
    return MC_WINDOW (window);

  return NULL;
}

/* The seller is in the app: a toast over the conversation says it where
 * they look, instead of a banner from the desktop.  Like Polari, the app
 * still notifies of chats not on screen, only without a banner. */
static void
mc_application_toast_chat (McApplication *self,
                           McWindow      *window,
                           McChat        *chat,
                           const char    *title,
                           const char    *body)
{
  gint64 chat_id = mc_chat_get_chat_id (chat);
  g_autofree char *text = NULL;

  if (body != NULL && g_utf8_strlen (body, -1) > TOAST_BODY_CHARS)
    {
      g_autofree char *head = g_utf8_substring (body, 0, TOAST_BODY_CHARS);

      /* Translators: an in-app notice: who wrote (or what happened), then the start of the message */
      text = g_strdup_printf (_("%s: %s…"), title, head);
    }
  else if (body != NULL)
    text = g_strdup_printf (_("%s: %s"), title, body);
  else
    text = g_strdup (title);

  g_debug ("Toast for chat %" G_GINT64_FORMAT, chat_id);
  mc_window_show_chat_toast (window, chat_id, text);
}

void
mc_application_set_notification_body (McApplication *self,
                                      GNotification *notification,
                                      const char    *body)
{
  if (body != NULL && notification_body_is_markup (G_APPLICATION (self)))
    {
      /* A customer's "<a href>" or "&" must arrive as written. */
      g_autofree char *escaped = g_markup_escape_text (body, -1);

      g_notification_set_body (notification, escaped);
    }
  else if (body != NULL)
    g_notification_set_body (notification, body);
}

/* One notification per chat: a later message replaces it (same id). */
static void
mc_application_notify_chat (McApplication         *self,
                            McChat                *chat,
                            McMessage             *message,
                            gboolean               new_chat,
                            McNotifyKind           kind,
                            GNotificationPriority  priority)
{
  McWindow *focused;
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = NULL;
  g_autofree char *who = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  gint64 chat_id = mc_chat_get_chat_id (chat);
  gpointer shown_message = NULL;
  gint64 *key;

  if (mc_application_is_chat_in_view (self, chat_id))
    return;

  /* Muted: the counts in the window still tell. */
  if (mc_application_is_muted (self, chat))
    {
      g_debug ("Muted chat %" G_GINT64_FORMAT " of store %" G_GINT64_FORMAT,
               chat_id, mc_chat_get_campaign_id (chat));
      return;
    }

  if (mc_application_keep_quiet (self, chat_id))
    {
      g_debug ("Quiet for chat %" G_GINT64_FORMAT, chat_id);
      return;
    }

  if (g_hash_table_lookup_extended (self->notified_new, &chat_id, NULL, &shown_message))
    new_chat = new_chat || !GPOINTER_TO_INT (shown_message);

  who = chat_describe (chat);
  if (kind == MC_NOTIFY_OVERDUE)
    /* Translators: a notification title; %s is the customer and the order, e.g. "Ivan Petrov · Order 12345" */
    title = g_strdup_printf (_("Reply overdue: %s"), who);
  else if (kind == MC_NOTIFY_REMINDER)
    /* Translators: a notification title; %s is the customer and the order, e.g. "Ivan Petrov · Order 12345" */
    title = g_strdup_printf (_("Reminder: %s"), who);
  else if (new_chat)
    /* Translators: a notification title; %s is the customer and the order, e.g. "Ivan Petrov · Order 12345" */
    title = g_strdup_printf (_("New chat: %s"), who);
  else if (message != NULL && mc_message_get_sender (message) == MC_SENDER_MARKET)
    /* Translators: a notification title; %s is the customer and the order, e.g. "Ivan Petrov · Order 12345" */
    title = g_strdup_printf (_("The Market wrote in the chat with %s"), who);
  else if (message != NULL && mc_message_get_sender (message) == MC_SENDER_SUPPORT)
    /* Translators: a notification title; %s is the customer and the order, e.g. "Ivan Petrov · Order 12345" */
    title = g_strdup_printf (_("Market support wrote in the chat with %s"), who);
  else
    title = g_steal_pointer (&who);

  if (kind == MC_NOTIFY_OVERDUE)
    {
      McReplyClock clock;
      g_autofree char *waited = NULL;
      guint target = g_settings_get_uint (self->settings, "reply-target-minutes");

      mc_reply_clock_compute (&clock, mc_chat_get_first_unanswered (chat), target * G_TIME_SPAN_MINUTE,
                              mc_chat_store_get_working_hours (mc_session_get_chats (self->session),
                                                               mc_chat_get_business_id (chat)),
                              g_get_real_time ());
      waited = mc_reply_clock_format_duration (clock.waited);
      /* Translators: the body of a "Reply overdue" notification; %s is a duration, "1 hour 5 minutes" */
      body = g_strdup_printf (_("The customer has been waiting for %s."), waited);
    }
  else if (message != NULL)
    body = message_body (message);
  if (body == NULL && mc_chat_get_last_message_preview (chat) != NULL)
    body = notification_excerpt (mc_chat_get_last_message_preview (chat));
  shown_message = GINT_TO_POINTER (body != NULL);
  if (body == NULL)
    {
      /* A new chat is announced before its history is fetched; the first
       * message replaces this as soon as it is known. */
      body = g_strdup (_("Open the chat to read the message."));
      g_signal_handlers_disconnect_by_func (chat, on_chat_preview_known, self);
      g_signal_connect_object (chat, "notify::last-message-preview",
                               G_CALLBACK (on_chat_preview_known), self,
                               G_CONNECT_SWAPPED);
    }

  /* The toast is the pop-up then, for what would have had a banner; the
   * notification still waits in the list, quietly, for a seller who
   * steps away (see toast_chat). */
  if ((focused = mc_application_get_focused_window (self)) != NULL)
    {
      if (priority != G_NOTIFICATION_PRIORITY_LOW)
        mc_application_toast_chat (self, focused, chat, title, body);
      priority = G_NOTIFICATION_PRIORITY_LOW;
    }

  notification = g_notification_new (title);
  mc_application_set_notification_body (self, notification, body);
  g_notification_set_priority (notification, priority);
  g_notification_set_default_action_and_target_value (notification, "app.open-chat",
                                                      g_variant_new_int64 (chat_id));
  g_notification_add_button_with_target_value (notification, _("Mark as Read"), "app.mark-chat-read",
                                               g_variant_new_int64 (chat_id));
  g_notification_add_button_with_target_value (notification, _("Remind in 15 Minutes"), "app.remind-chat",
                                               g_variant_new_int64 (chat_id));

  id = chat_notification_id (chat_id);
  g_debug ("Notifying chat %" G_GINT64_FORMAT " of store %" G_GINT64_FORMAT,
           chat_id, mc_chat_get_campaign_id (chat));
  g_application_send_notification (G_APPLICATION (self), id, notification);

  /* Muting the chat takes its notification away too. */
  g_signal_handlers_disconnect_by_func (chat, on_chat_muted, self);
  g_signal_connect_object (chat, "notify::muted", G_CALLBACK (on_chat_muted), self, G_CONNECT_SWAPPED);

  key = g_memdup2 (&chat_id, sizeof chat_id);
  g_hash_table_insert (self->notified, key, GUINT_TO_POINTER (mc_chat_get_unread_count (chat)));
  if (new_chat)
    g_hash_table_insert (self->notified_new, g_memdup2 (&chat_id, sizeof chat_id), shown_message);
}

typedef struct
{
  McChat    *chat;
  McMessage *message;   /* the newest, or NULL */
  gboolean   new_chat;
  McNotifyKind kind;    /* the most telling of the batch */
  guint      order;     /* when it joined the batch */
} Pending;

static void
pending_free (Pending *pending)
{
  g_clear_object (&pending->chat);
  g_clear_object (&pending->message);
  g_free (pending);
}

/* New chats first, then the chats whose news came first. */
static int
pending_compare (gconstpointer a,
                 gconstpointer b)
{
  const Pending *pa = *(Pending * const *) a;
  const Pending *pb = *(Pending * const *) b;

  if (pa->new_chat != pb->new_chat)
    return pa->new_chat ? -1 : 1;

  return (pa->order > pb->order) - (pa->order < pb->order);
}

static gboolean
mc_application_flush_notifications (gpointer user_data)
{
  McApplication *self = user_data;
  g_autoptr(GHashTable) pending = g_steal_pointer (&self->pending);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  self->pending_source = 0;

  g_hash_table_iter_init (&iter, pending);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (items, value);
  g_ptr_array_sort (items, pending_compare);

  /* A fast customer or a busy hour brings news in many chats at once: a
   * banner for each would bury the seller's screen. */
  for (guint i = 0; i < items->len; i++)
    {
      Pending *item = g_ptr_array_index (items, i);

      mc_application_notify_chat (self, item->chat, item->message, item->new_chat, item->kind,
                                  i < NOTIFICATION_BANNERS ? G_NOTIFICATION_PRIORITY_NORMAL
                                                           : G_NOTIFICATION_PRIORITY_LOW);
    }

  return G_SOURCE_REMOVE;
}

void
mc_application_queue_notification (McApplication *self,
                                   McChat        *chat,
                                   McMessage     *message,
                                   McNotifyKind   kind)
{
  gboolean new_chat = kind == MC_NOTIFY_NEW_CHAT;
  gint64 chat_id = mc_chat_get_chat_id (chat);
  Pending *item;

  if (self->pending == NULL)
    self->pending = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                           g_free, (GDestroyNotify) pending_free);

  item = g_hash_table_lookup (self->pending, &chat_id);
  if (item == NULL)
    {
      item = g_new0 (Pending, 1);
      item->chat = g_object_ref (chat);
      item->order = g_hash_table_size (self->pending);
      g_hash_table_insert (self->pending, g_memdup2 (&chat_id, sizeof chat_id), item);
    }

  item->new_chat = item->new_chat || new_chat;
  /* A message is news of its own; a reminder or the overdue notice only
   * when nothing else is said of the chat in this batch. */
  if (kind == MC_NOTIFY_MESSAGE || kind == MC_NOTIFY_NEW_CHAT)
    item->kind = MC_NOTIFY_MESSAGE;
  else if (item->message == NULL && !item->new_chat)
    item->kind = MAX (item->kind, kind);
  if (message != NULL &&
      (item->message == NULL ||
       mc_message_get_message_id (message) > mc_message_get_message_id (item->message)))
    g_set_object (&item->message, message);

  if (self->pending_source == 0)
    self->pending_source = g_timeout_add (NOTIFICATION_BATCH_MSEC,
                                          mc_application_flush_notifications, self);
}

static void
on_new_chat (McApplication *self,
             McChat        *chat,
             McSyncEngine  *sync)
{
  if (g_settings_get_boolean (self->settings, "notify-new-chats"))
    mc_application_queue_notification (self, chat, NULL, MC_NOTIFY_NEW_CHAT);
}

static void
on_new_message (McApplication *self,
                McChat        *chat,
                McMessage     *message,
                McSyncEngine  *sync)
{
  gint64 chat_id = mc_chat_get_chat_id (chat);

  /* The new-chat notification of this chat is updated whatever the
   * new-messages toggle says: it is already there. */
  if (g_settings_get_boolean (self->settings, "notify-new-messages") ||
      g_hash_table_contains (self->notified_new, &chat_id))
    mc_application_queue_notification (self, chat, message, MC_NOTIFY_MESSAGE);
}

static void
on_unread_changed (McApplication *self,
                   McChatStore   *store)
{
  g_autoptr(GArray) read = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->notified);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 chat_id = *(gint64 *) key;
      McChat *chat = mc_chat_store_lookup (store, chat_id);
      guint unread = chat != NULL ? mc_chat_get_unread_count (chat) : 0;

      /* A chat announced before its messages were counted starts at 0;
       * only a drop from a real count means the seller read it. */
      if (chat == NULL || (unread == 0 && GPOINTER_TO_UINT (value) > 0))
        g_array_append_val (read, chat_id);
      else
        g_hash_table_iter_replace (&iter, GUINT_TO_POINTER (unread));
    }

  for (guint i = 0; i < read->len; i++)
    mc_application_withdraw_chat (self, g_array_index (read, gint64, i));
}

void
mc_application_watch_notifications (McApplication *self,
                                    McSyncEngine  *sync,
                                    McChatStore   *chats)
{
  g_signal_connect_object (sync, "new-chat", G_CALLBACK (on_new_chat), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sync, "new-message", G_CALLBACK (on_new_message), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (chats, "unread-changed", G_CALLBACK (on_unread_changed), self, G_CONNECT_SWAPPED);
}
