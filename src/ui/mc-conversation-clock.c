/* mc-conversation-clock.c: the reply clock in the conversation's header,
 * "reply due in 12 minutes" or "overdue by 40 minutes", this app's own
 * measure (the tooltip says so).  One timeout, at the next minute the
 * words change, while a chat waits for a reply.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-chat-store.h"
#include "mc-conversation-private.h"
#include "mc-ui.h"

static void
update_clock (McConversation *self)
{
  mc_conversation_update_clock (self);
}

static gboolean
on_clock_timeout (gpointer data)
{
  McConversation *self = data;

  self->clock_timeout_id = 0;
  mc_conversation_update_clock (self);

  return G_SOURCE_REMOVE;
}

void
mc_conversation_clock_init (McConversation *self)
{
  self->clock_signals = g_signal_group_new (MC_TYPE_CHAT_STORE);
  g_signal_group_connect_object (self->clock_signals, "clocks-changed",
                                 G_CALLBACK (update_clock), self, G_CONNECT_SWAPPED);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->clock_label), mc_reply_clock_get_explanation ());
}

void
mc_conversation_clock_dispose (McConversation *self)
{
  g_clear_handle_id (&self->clock_timeout_id, g_source_remove);
  if (self->clock_signals != NULL)
    g_signal_group_set_target (self->clock_signals, NULL);
  g_clear_object (&self->clock_signals);
}

void
mc_conversation_update_clock (McConversation *self)
{
  McChat *chat = mc_conversation_get_chat (self);
  McChatStore *chats = self->session != NULL ? mc_session_get_chats (self->session) : NULL;
  g_autofree char *text = NULL;
  McReplyClock clock;
  gint64 now;

  g_clear_handle_id (&self->clock_timeout_id, g_source_remove);
  g_signal_group_set_target (self->clock_signals, chats);

  if (chat == NULL || chats == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->clock_label), FALSE);
      return;
    }

  now = mc_chat_store_get_now (chats);
  mc_chat_store_get_reply_clock (chats, chat, now, &clock);
  text = mc_reply_clock_format (&clock);
  gtk_widget_set_visible (GTK_WIDGET (self->clock_label), text != NULL);
  if (text == NULL)
    return;

  gtk_label_set_label (self->clock_label, text);
  if (clock.state == MC_REPLY_STATE_OVERDUE)
    gtk_widget_add_css_class (GTK_WIDGET (self->clock_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->clock_label), "error");
  if (clock.state == MC_REPLY_STATE_DUE_SOON)
    gtk_widget_add_css_class (GTK_WIDGET (self->clock_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->clock_label), "warning");
  /* Within the target it reads like the status beside it. */
  if (clock.state == MC_REPLY_STATE_CALM)
    gtk_widget_add_css_class (GTK_WIDGET (self->clock_label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->clock_label), "dim-label");

  if (clock.next_update != G_MAXINT64)
    self->clock_timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT,
                                                 (guint) (MIN (MAX (clock.next_update - now, 0),
                                                               G_TIME_SPAN_HOUR) / 1000 + 1),
                                                 on_clock_timeout, self, NULL);
}
