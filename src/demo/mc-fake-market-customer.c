/* mc-fake-market-customer.c: the other side of the chats.
 *
 * Left alone, the server thread plays customers who open chats and write
 * into them at random intervals (set_life); a test can also make a
 * customer or the Market itself write at a moment of its choosing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-fake-market-private.h"

/* The simulated customer */

static gboolean
on_life (gpointer user_data)
{
  McFakeMarket *self = user_data;

  g_mutex_lock (&self->mutex);
  if (mc_fake_data_next_random (self->data) % 5 == 0)
    {
      guint business = mc_fake_data_next_random (self->data) % MC_FAKE_N_BUSINESSES;
      McContextType type = mc_fake_data_next_random (self->data) % 2 ? MC_CONTEXT_TYPE_ORDER
                                                                     : MC_CONTEXT_TYPE_DIRECT;
      McFakeChat *chat = mc_fake_data_add_chat (self->data, business, type, 0);

      mc_fake_data_append_message (self->data, chat, MC_SENDER_CUSTOMER,
                                   mc_fake_data_random_customer_text (self->data), NULL, 0);
    }
  else
    {
      McFakeChat *chat = mc_fake_data_pick_chat (self->data);

      if (chat != NULL)
        mc_fake_data_append_message (self->data, chat, MC_SENDER_CUSTOMER,
                                     mc_fake_data_random_customer_text (self->data), NULL, 0);
    }
  g_mutex_unlock (&self->mutex);

  g_clear_pointer (&self->life, g_source_unref);
  mc_fake_life_schedule (self);

  return G_SOURCE_REMOVE;
}

/* Server thread only. */
void
mc_fake_life_schedule (McFakeMarket *self)
{
  guint min, max, delay;

  mc_fake_assert_server_thread (self);
  if (self->life != NULL)
    {
      g_source_destroy (self->life);
      g_clear_pointer (&self->life, g_source_unref);
    }

  g_mutex_lock (&self->mutex);
  min = self->life_min;
  max = self->life_max;
  delay = max == 0 ? 0 : min + (guint) (mc_fake_data_next_random (self->data) % (max - min + 1));
  g_mutex_unlock (&self->mutex);

  if (max == 0)
    return;

  self->life = g_timeout_source_new_seconds (MAX (delay, 1));
  g_source_set_callback (self->life, on_life, self, NULL);
  g_source_attach (self->life, self->context);
}

static gboolean
life_schedule_cb (gpointer user_data)
{
  mc_fake_life_schedule (user_data);
  return G_SOURCE_REMOVE;
}

/* Public API */

void
mc_fake_market_set_life (McFakeMarket *self,
                         guint         min_sec,
                         guint         max_sec)
{
  g_return_if_fail (MC_IS_FAKE_MARKET (self));
  g_return_if_fail (min_sec <= max_sec);

  g_mutex_lock (&self->mutex);
  self->life_min = min_sec;
  self->life_max = max_sec;
  g_mutex_unlock (&self->mutex);

  if (self->thread != NULL)
    g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, life_schedule_cb,
                                g_object_ref (self), g_object_unref);
}

gint64
mc_fake_market_customer_writes (McFakeMarket *self,
                                gint64        chat_id,
                                const char   *text,
                                gint64        created_at_usec)
{
  McFakeChat *chat;
  gint64 id = 0;

  g_return_val_if_fail (MC_IS_FAKE_MARKET (self), 0);

  g_mutex_lock (&self->mutex);
  chat = mc_fake_data_find_chat (self->data, chat_id);
  if (chat != NULL)
    id = mc_fake_data_append_message (self->data, chat, MC_SENDER_CUSTOMER, text, NULL,
                                      created_at_usec)->id;
  g_mutex_unlock (&self->mutex);

  return id;
}

gint64
mc_fake_market_customer_opens_chat (McFakeMarket *self,
                                    gint64        business_id,
                                    const char   *text)
{
  McFakeChat *chat;
  int business;
  gint64 id = 0;

  g_return_val_if_fail (MC_IS_FAKE_MARKET (self), 0);

  g_mutex_lock (&self->mutex);
  business = mc_fake_data_find_business (self->data, business_id);
  if (business >= 0)
    {
      chat = mc_fake_data_add_chat (self->data, business, MC_CONTEXT_TYPE_DIRECT, 0);
      mc_fake_data_append_message (self->data, chat, MC_SENDER_CUSTOMER, text, NULL, 0);
      id = chat->id;
    }
  g_mutex_unlock (&self->mutex);

  return id;
}

gint64
mc_fake_market_partner_writes_elsewhere (McFakeMarket *self,
                                         gint64        chat_id,
                                         const char   *text)
{
  McFakeChat *chat;
  gint64 id = 0;

  g_return_val_if_fail (MC_IS_FAKE_MARKET (self), 0);

  /* Not through sendMessageToChat: the app's own sends are counted there. */
  g_mutex_lock (&self->mutex);
  chat = mc_fake_data_find_chat (self->data, chat_id);
  if (chat != NULL)
    id = mc_fake_data_append_message (self->data, chat, MC_SENDER_PARTNER, text, NULL, 0)->id;
  g_mutex_unlock (&self->mutex);

  return id;
}

gint64
mc_fake_market_market_writes (McFakeMarket *self,
                              gint64        chat_id,
                              const char   *sender,
                              const char   *text)
{
  McSender who = mc_sender_from_string (sender);
  McFakeChat *chat;
  gint64 id = 0;

  g_return_val_if_fail (MC_IS_FAKE_MARKET (self), 0);
  g_return_val_if_fail (who == MC_SENDER_MARKET || who == MC_SENDER_SUPPORT, 0);

  g_mutex_lock (&self->mutex);
  chat = mc_fake_data_find_chat (self->data, chat_id);
  if (chat != NULL)
    {
      McChatStatus status = chat->status;

      id = mc_fake_data_append_message (self->data, chat, who, text, NULL, 0)->id;
      chat->status = status;
    }
  g_mutex_unlock (&self->mutex);

  return id;
}
