/* mc-fake-data.c: generated cabinets, stores, chats and conversations.
 *
 * The cabinets, the chats and their index are made here; the words of the
 * conversations come from mc-fake-data-text.c and the files' contents from
 * mc-fake-data-files.c, sharing mc-fake-data-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-fake-data-private.h"

/* Coverage of every context, chat type and status in the first chats,
 * whatever the seed. */
static const struct
{
  McContextType context;
  gboolean      with_campaign;
  McChatType    type;
  McChatStatus  status;
} coverage[] = {
  { MC_CONTEXT_TYPE_ORDER, TRUE, MC_CHAT_TYPE_CHAT, MC_CHAT_STATUS_NEW },
  { MC_CONTEXT_TYPE_ORDER, TRUE, MC_CHAT_TYPE_CHAT, MC_CHAT_STATUS_WAITING_FOR_PARTNER },
  { MC_CONTEXT_TYPE_ORDER, TRUE, MC_CHAT_TYPE_CHAT, MC_CHAT_STATUS_WAITING_FOR_CUSTOMER },
  { MC_CONTEXT_TYPE_ORDER, TRUE, MC_CHAT_TYPE_CHAT, MC_CHAT_STATUS_WAITING_FOR_MARKET },
  { MC_CONTEXT_TYPE_ORDER, TRUE, MC_CHAT_TYPE_CHAT, MC_CHAT_STATUS_FINISHED },
  { MC_CONTEXT_TYPE_ORDER, TRUE, MC_CHAT_TYPE_ARBITRAGE, MC_CHAT_STATUS_WAITING_FOR_ARBITER },
  { MC_CONTEXT_TYPE_RETURN, TRUE, MC_CHAT_TYPE_CHAT, MC_CHAT_STATUS_WAITING_FOR_PARTNER },
  { MC_CONTEXT_TYPE_RETURN, TRUE, MC_CHAT_TYPE_ARBITRAGE, MC_CHAT_STATUS_FINISHED },
  { MC_CONTEXT_TYPE_DIRECT, TRUE, MC_CHAT_TYPE_CHAT, MC_CHAT_STATUS_NEW },
  { MC_CONTEXT_TYPE_DIRECT, FALSE, MC_CHAT_TYPE_CHAT, MC_CHAT_STATUS_WAITING_FOR_CUSTOMER },
  { MC_CONTEXT_TYPE_DIRECT, FALSE, MC_CHAT_TYPE_CHAT, MC_CHAT_STATUS_FINISHED },
  { MC_CONTEXT_TYPE_RETURN, TRUE, MC_CHAT_TYPE_CHAT, MC_CHAT_STATUS_FINISHED },
};

guint64
mc_fake_splitmix (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* The splitmix64 finaliser: a bijection, so distinct ids get distinct keys. */
guint64
mc_fake_mix64 (guint64 x)
{
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return x ^ (x >> 31);
}

guint
mc_fake_rand_below (guint64 *state,
                    guint    n)
{
  return (guint) (mc_fake_splitmix (state) % n);
}

static gint64
rand_range64 (guint64 *state,
              gint64   min,
              gint64   max)
{
  if (max <= min)
    return min;
  return min + (gint64) (mc_fake_splitmix (state) % (guint64) (max - min + 1));
}

static void
file_free (gpointer data)
{
  McFakeFile *file = data;

  g_free (file->name);
  g_free (file->content_type);
  g_clear_pointer (&file->data, g_bytes_unref);
  g_free (file);
}

void
mc_fake_message_free (gpointer data)
{
  McFakeMessage *message = data;

  g_free (message->text);
  g_clear_pointer (&message->files, g_ptr_array_unref);
  g_free (message);
}

static void
chat_free (gpointer data)
{
  McFakeChat *chat = data;

  g_clear_pointer (&chat->messages, g_ptr_array_unref);
  g_free (chat);
}

static int
compare_key (gconstpointer a,
             gconstpointer b)
{
  const McFakeChat *ca = *(McFakeChat * const *) a;
  const McFakeChat *cb = *(McFakeChat * const *) b;

  return ca->key < cb->key ? -1 : ca->key > cb->key ? 1 : 0;
}

/* The index of the first chat of @order with a key above @key. */
static guint
order_upper_bound (GPtrArray *order,
                   guint64    key)
{
  guint lo = 0, hi = order->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      McFakeChat *chat = g_ptr_array_index (order, mid);

      if (chat->key <= key)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* The position of @chat in the chats array (sorted by id). */
guint
mc_fake_chat_index (McFakeData       *data,
                    const McFakeChat *chat)
{
  guint lo = 0, hi = data->chats->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      McFakeChat *other = g_ptr_array_index (data->chats, mid);

      if (other->id < chat->id)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static guint
campaign_for (McFakeData *data,
              guint       business,
              guint64    *rng)
{
  guint candidates[MC_FAKE_N_CAMPAIGNS];
  guint n = 0;

  for (guint i = 0; i < MC_FAKE_N_CAMPAIGNS; i++)
    if (data->campaigns[i].business == business)
      candidates[n++] = i;

  return candidates[mc_fake_rand_below (rng, n)];
}

static McFakeChat *
chat_new (McFakeData    *data,
          guint          business,
          McContextType  context,
          gboolean       with_campaign,
          guint64        seed)
{
  McFakeChat *chat = g_new0 (McFakeChat, 1);
  guint64 rng = seed;

  chat->id = data->next_chat_id;
  data->next_chat_id += 1 + mc_fake_rand_below (&rng, 3);
  chat->seed = seed;
  chat->key = mc_fake_mix64 ((guint64) chat->id ^ data->seed);
  chat->business = business;
  chat->context_type = context;
  chat->type = MC_CHAT_TYPE_CHAT;

  if (with_campaign)
    chat->campaign_id = data->campaigns[campaign_for (data, business, &rng)].id;

  if (context == MC_CONTEXT_TYPE_ORDER || context == MC_CONTEXT_TYPE_RETURN)
    {
      chat->order_id = data->next_order_id;
      data->next_order_id += 1 + mc_fake_rand_below (&rng, 40);
    }
  if (context == MC_CONTEXT_TYPE_RETURN)
    {
      chat->return_id = data->next_return_id;
      data->next_return_id += 1 + mc_fake_rand_below (&rng, 9);
    }

  return chat;
}

static void
generate_chat (McFakeData *data,
               guint       index,
               guint64    *rng)
{
  McContextType context;
  McChatType type = MC_CHAT_TYPE_CHAT;
  McChatStatus status;
  gboolean with_campaign = TRUE;
  guint business;
  McFakeChat *chat;
  gint64 age, span;

  if (index < 2 * G_N_ELEMENTS (coverage))
    {
      guint c = index / 2;

      business = index % 2;
      context = coverage[c].context;
      with_campaign = coverage[c].with_campaign;
      type = coverage[c].type;
      status = coverage[c].status;
    }
  else
    {
      guint r = mc_fake_rand_below (rng, 100);

      /* The first cabinet has two stores, so about twice the chats. */
      business = mc_fake_rand_below (rng, 3) == 0 ? 1 : 0;
      context = r < 55 ? MC_CONTEXT_TYPE_ORDER : r < 70 ? MC_CONTEXT_TYPE_RETURN : MC_CONTEXT_TYPE_DIRECT;
      if (context == MC_CONTEXT_TYPE_DIRECT)
        with_campaign = mc_fake_rand_below (rng, 2) == 0;
      else if (mc_fake_rand_below (rng, 14) == 0)
        type = MC_CHAT_TYPE_ARBITRAGE;

      r = mc_fake_rand_below (rng, 100);
      if (type == MC_CHAT_TYPE_ARBITRAGE)
        status = r < 60 ? MC_CHAT_STATUS_WAITING_FOR_ARBITER : MC_CHAT_STATUS_FINISHED;
      else
        status = r < 10 ? MC_CHAT_STATUS_NEW :
                 r < 28 ? MC_CHAT_STATUS_WAITING_FOR_PARTNER :
                 r < 50 ? MC_CHAT_STATUS_WAITING_FOR_CUSTOMER :
                 r < 55 ? MC_CHAT_STATUS_WAITING_FOR_MARKET :
                 MC_CHAT_STATUS_FINISHED;
    }

  chat = chat_new (data, business, context, with_campaign, mc_fake_splitmix (rng));
  chat->type = type;
  chat->status = status;

  /* Chats waiting for an answer are recent, as with a seller who answers
   * daily: minutes to a day and a half; others may have run for a month. */
  if (mc_chat_status_needs_reply (status))
    age = rand_range64 (rng, G_USEC_PER_SEC * 120, DAY_USEC + DAY_USEC / 2);
  else
    age = rand_range64 (rng, G_USEC_PER_SEC * 600, 30 * DAY_USEC);
  /* The first new chats of the cabinets show the reply clock's calmer
   * states against the default one-hour target when the demo starts
   * (within it, and due soon); older waiting chats are overdue. */
  if (index == 0)
    age = 20 * G_TIME_SPAN_MINUTE;
  else if (index == 1)
    age = 55 * G_TIME_SPAN_MINUTE;
  chat->created_at = data->now - age;
  span = status == MC_CHAT_STATUS_NEW ? G_USEC_PER_SEC * 300 : MIN (age, 4 * DAY_USEC);
  chat->updated_at = chat->created_at + rand_range64 (rng, G_USEC_PER_SEC * 60, MAX (span, G_USEC_PER_SEC * 60));
  chat->updated_at = MIN (chat->updated_at, data->now);

  g_ptr_array_add (data->chats, chat);
  g_ptr_array_add (data->order[business], chat);
}

McFakeData *
mc_fake_data_new (guint64 seed,
                  guint   n_chats,
                  gint64  now_usec)
{
  McFakeData *data = g_new0 (McFakeData, 1);
  guint64 rng = seed;
  gint64 campaign_base;

  data->seed = seed;
  data->rng = mc_fake_mix64 (seed + 1);
  data->now = now_usec;

  data->businesses[0].id = 1000000 + mc_fake_rand_below (&rng, 8000000);
  data->businesses[0].name = "Уютный дом";
  data->businesses[1].id = data->businesses[0].id + 1 + mc_fake_rand_below (&rng, 5000);
  data->businesses[1].name = "СпортЛайн";

  campaign_base = 21000000 + mc_fake_rand_below (&rng, 9000000);
  data->campaigns[0] = (McFakeCampaign) { campaign_base, 0, MC_PLACEMENT_TYPE_FBS, "uyutny-dom.ru" };
  data->campaigns[1] = (McFakeCampaign) { campaign_base + 1 + mc_fake_rand_below (&rng, 300), 0, MC_PLACEMENT_TYPE_FBY, "Уютный дом — склад Маркета" };
  data->campaigns[2] = (McFakeCampaign) { data->campaigns[1].id + 1 + mc_fake_rand_below (&rng, 300), 1, MC_PLACEMENT_TYPE_DBS, "sportline-shop.ru" };

  data->next_chat_id = 1000000 + mc_fake_rand_below (&rng, 1000000);
  data->next_order_id = 40000000 + mc_fake_rand_below (&rng, 50000000);
  data->next_return_id = 3000000 + mc_fake_rand_below (&rng, 1000000);
  data->message_base = 100000000 + mc_fake_rand_below (&rng, 100000000);

  data->files = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, file_free);
  data->chats = g_ptr_array_new_full (n_chats + 64, chat_free);
  for (guint b = 0; b < MC_FAKE_N_BUSINESSES; b++)
    data->order[b] = g_ptr_array_new_full (n_chats / 2 + 64, NULL);

  for (guint i = 0; i < n_chats; i++)
    generate_chat (data, i, &rng);

  for (guint b = 0; b < MC_FAKE_N_BUSINESSES; b++)
    g_ptr_array_sort (data->order[b], compare_key);

  data->next_message_id = data->message_base + (gint64) n_chats * MSG_BLOCK;

  return data;
}

void
mc_fake_data_free (McFakeData *data)
{
  for (guint b = 0; b < MC_FAKE_N_BUSINESSES; b++)
    g_ptr_array_unref (data->order[b]);
  g_ptr_array_unref (data->chats);
  g_hash_table_unref (data->files);
  g_free (data->base_url);
  g_free (data);
}

void
mc_fake_data_set_base_url (McFakeData *data,
                           const char *base_url)
{
  g_free (data->base_url);
  data->base_url = g_strdup (base_url);
}

const McFakeBusiness *
mc_fake_data_get_business (McFakeData *data,
                           guint       index)
{
  g_return_val_if_fail (index < MC_FAKE_N_BUSINESSES, NULL);
  return &data->businesses[index];
}

int
mc_fake_data_find_business (McFakeData *data,
                            gint64      id)
{
  for (guint b = 0; b < MC_FAKE_N_BUSINESSES; b++)
    if (data->businesses[b].id == id)
      return (int) b;
  return -1;
}

const McFakeCampaign *
mc_fake_data_get_campaign (McFakeData *data,
                           guint       index)
{
  g_return_val_if_fail (index < MC_FAKE_N_CAMPAIGNS, NULL);
  return &data->campaigns[index];
}

guint
mc_fake_data_get_chat_count (McFakeData *data,
                             guint       business)
{
  g_return_val_if_fail (business < MC_FAKE_N_BUSINESSES, 0);
  return data->order[business]->len;
}

McFakeChat *
mc_fake_data_find_chat (McFakeData *data,
                        gint64      chat_id)
{
  McFakeChat probe = { .id = chat_id };
  guint index = mc_fake_chat_index (data, &probe);
  McFakeChat *chat;

  if (index >= data->chats->len)
    return NULL;
  chat = g_ptr_array_index (data->chats, index);
  return chat->id == chat_id ? chat : NULL;
}

McFakeChat *
mc_fake_data_find_chat_by_status (McFakeData   *data,
                                  guint         business,
                                  McChatStatus  status)
{
  for (guint i = 0; i < data->order[business]->len; i++)
    {
      McFakeChat *chat = g_ptr_array_index (data->order[business], i);

      if (chat->status == status)
        return chat;
    }

  return NULL;
}

McFakeChat *
mc_fake_data_find_chat_by_context (McFakeData    *data,
                                   guint          business,
                                   McContextType  type,
                                   gint64         id)
{
  for (guint i = 0; i < data->order[business]->len; i++)
    {
      McFakeChat *chat = g_ptr_array_index (data->order[business], i);

      if (chat->context_type != type)
        continue;
      if ((type == MC_CONTEXT_TYPE_ORDER && chat->order_id == id) ||
          (type == MC_CONTEXT_TYPE_RETURN && chat->return_id == id))
        return chat;
    }

  return NULL;
}

guint64
mc_fake_data_next_random (McFakeData *data)
{
  return mc_fake_splitmix (&data->rng);
}

McFakeChat *
mc_fake_data_pick_chat (McFakeData *data)
{
  McFakeChat *chat = NULL;

  if (data->chats->len == 0)
    return NULL;

  /* Customers mostly write into conversations that are still going on. */
  for (guint tries = 0; tries < 8; tries++)
    {
      chat = g_ptr_array_index (data->chats, mc_fake_rand_below (&data->rng, data->chats->len));
      if (chat->status != MC_CHAT_STATUS_FINISHED)
        break;
    }

  return chat;
}

static gboolean
chat_matches (const McFakeChat       *chat,
              const McFakeChatFilter *filter)
{
  if (filter->statuses != 0 && !(filter->statuses & (1u << chat->status)))
    return FALSE;
  if (filter->types != 0 && !(filter->types & (1u << chat->type)))
    return FALSE;
  if (filter->context_types != 0 && !(filter->context_types & (1u << chat->context_type)))
    return FALSE;

  if (filter->order_ids != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < filter->order_ids->len && !found; i++)
        found = chat->order_id != 0 && g_array_index (filter->order_ids, gint64, i) == chat->order_id;
      if (!found)
        return FALSE;
    }

  if (filter->contexts != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < filter->contexts->len && !found; i++)
        {
          const McFakeContextRef *ref = &g_array_index (filter->contexts, McFakeContextRef, i);

          if (ref->type != chat->context_type)
            continue;
          found = (ref->type == MC_CONTEXT_TYPE_ORDER && ref->id == chat->order_id) ||
                  (ref->type == MC_CONTEXT_TYPE_RETURN && ref->id == chat->return_id);
        }
      if (!found)
        return FALSE;
    }

  return TRUE;
}

GPtrArray *
mc_fake_data_list_chats (McFakeData             *data,
                         guint                   business,
                         const McFakeChatFilter *filter,
                         guint64                 after,
                         guint                   limit,
                         gboolean               *more)
{
  GPtrArray *order = data->order[business];
  GPtrArray *result = g_ptr_array_new ();
  guint i = after == 0 ? 0 : order_upper_bound (order, after);

  *more = FALSE;

  for (; i < order->len; i++)
    {
      McFakeChat *chat = g_ptr_array_index (order, i);

      if (!chat_matches (chat, filter))
        continue;

      if (result->len == limit)
        {
          *more = TRUE;
          break;
        }

      g_ptr_array_add (result, chat);
    }

  return result;
}

void
mc_fake_register_file (McFakeData    *data,
                       McFakeMessage *message,
                       McFakeFile    *file)
{
  /* A file's id derives from its message's, so URLs are stable. */
  if (message->files == NULL)
    message->files = g_ptr_array_new ();
  file->id = message->id * 4 + message->files->len;
  g_ptr_array_add (message->files, file);
  g_hash_table_insert (data->files, &file->id, file);
}

McFakeMessage *
mc_fake_add_message (McFakeData *data,
                     McFakeChat *chat,
                     gint64      id,
                     gint64      created_at,
                     McSender    sender,
                     char       *text)
{
  McFakeMessage *message = g_new0 (McFakeMessage, 1);

  message->id = id;
  message->created_at = created_at;
  message->sender = sender;
  message->text = text;
  g_ptr_array_add (chat->messages, message);

  return message;
}

GPtrArray *
mc_fake_data_get_messages (McFakeData *data,
                           McFakeChat *chat)
{
  if (chat->messages == NULL)
    mc_fake_generate_messages (data, chat);
  return chat->messages;
}

McFakeMessage *
mc_fake_data_find_message (McFakeData *data,
                           McFakeChat *chat,
                           gint64      message_id)
{
  GPtrArray *messages = mc_fake_data_get_messages (data, chat);

  for (guint i = 0; i < messages->len; i++)
    {
      McFakeMessage *message = g_ptr_array_index (messages, i);

      if (message->id == message_id)
        return message;
    }

  return NULL;
}

McFakeMessage *
mc_fake_data_append_message (McFakeData *data,
                             McFakeChat *chat,
                             McSender    sender,
                             const char *text,
                             McFakeFile *file,
                             gint64      created_at)
{
  gint64 now = g_get_real_time ();
  McFakeMessage *message;

  mc_fake_data_get_messages (data, chat);
  message = mc_fake_add_message (data, chat, data->next_message_id++,
                                 created_at > 0 ? created_at : now, sender, g_strdup (text));
  if (file != NULL)
    mc_fake_register_file (data, message, file);

  chat->updated_at = MAX (now, chat->updated_at + 1);
  if (sender == MC_SENDER_CUSTOMER)
    chat->status = MC_CHAT_STATUS_WAITING_FOR_PARTNER;
  else if (sender == MC_SENDER_PARTNER)
    chat->status = MC_CHAT_STATUS_WAITING_FOR_CUSTOMER;

  return message;
}

McFakeChat *
mc_fake_data_add_chat (McFakeData    *data,
                       guint          business,
                       McContextType  type,
                       gint64         context_id)
{
  McFakeChat *chat;
  guint position;

  chat = chat_new (data, business, type, type != MC_CONTEXT_TYPE_DIRECT,
                   mc_fake_splitmix (&data->rng));
  if (type == MC_CONTEXT_TYPE_ORDER && context_id > 0)
    chat->order_id = context_id;
  else if (type == MC_CONTEXT_TYPE_RETURN && context_id > 0)
    {
      chat->return_id = context_id;
      chat->order_id = 0;
    }

  chat->status = MC_CHAT_STATUS_NEW;
  chat->created_at = chat->updated_at = g_get_real_time ();
  chat->messages = g_ptr_array_new_with_free_func (mc_fake_message_free);

  g_ptr_array_add (data->chats, chat);
  position = order_upper_bound (data->order[business], chat->key);
  g_ptr_array_insert (data->order[business], position, chat);

  return chat;
}

/* JSON */

char *
mc_fake_format_date (gint64 usec)
{
  g_autoptr(GTimeZone) msk = g_time_zone_new_offset (3 * 3600);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, msk);

  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
}

static void
add_date (JsonBuilder *builder,
          const char  *member,
          gint64       usec)
{
  g_autofree char *str = mc_fake_format_date (usec);

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, str);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
build_context (McFakeData  *data,
               McFakeChat  *chat,
               JsonBuilder *builder)
{
  Customer customer = mc_fake_chat_customer (chat);
  g_autofree char *name = g_strdup_printf ("%s %s.", customer.first_name, customer.initial);
  g_autofree char *public_id = g_strdup_printf ("%010" G_GINT64_MODIFIER "x",
                                                (guint64) (chat->seed & G_GUINT64_CONSTANT (0xffffffffff)));

  json_builder_begin_object (builder);
  /* A value the app cannot know yet, as the Market adds them. */
  add_string (builder, "type", chat->context_type == MC_CONTEXT_TYPE_UNKNOWN
                               ? "GIFT_CERTIFICATE" : mc_context_type_to_string (chat->context_type));
  json_builder_set_member_name (builder, "customer");
  json_builder_begin_object (builder);
  add_string (builder, "name", name);
  add_string (builder, "publicId", public_id);
  json_builder_end_object (builder);
  if (chat->campaign_id != 0)
    add_int (builder, "campaignId", chat->campaign_id);
  if (chat->order_id != 0)
    add_int (builder, "orderId", chat->order_id);
  if (chat->return_id != 0)
    add_int (builder, "returnId", chat->return_id);
  json_builder_end_object (builder);
}

JsonNode *
mc_fake_data_context_to_json (McFakeData *data,
                              McFakeChat *chat)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  build_context (data, chat, builder);
  return json_builder_get_root (builder);
}

JsonNode *
mc_fake_data_chat_to_json (McFakeData *data,
                           McFakeChat *chat)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_int (builder, "chatId", chat->id);
  if (chat->order_id != 0)
    add_int (builder, "orderId", chat->order_id);
  json_builder_set_member_name (builder, "context");
  build_context (data, chat, builder);
  add_string (builder, "type", mc_chat_type_to_string (chat->type));
  add_string (builder, "status", chat->status == MC_CHAT_STATUS_UNKNOWN
                                 ? "WAITING_FOR_COURIER" : mc_chat_status_to_string (chat->status));
  add_date (builder, "createdAt", chat->created_at);
  add_date (builder, "updatedAt", chat->updated_at);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
mc_fake_data_message_to_json (McFakeData    *data,
                              McFakeMessage *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_int (builder, "messageId", message->id);
  add_date (builder, "createdAt", message->created_at);
  add_string (builder, "sender", mc_sender_to_string (message->sender));
  if (message->text != NULL)
    add_string (builder, "message", message->text);
  if (message->files != NULL)
    {
      json_builder_set_member_name (builder, "payload");
      json_builder_begin_array (builder);
      for (guint i = 0; i < message->files->len; i++)
        {
          McFakeFile *file = g_ptr_array_index (message->files, i);
          g_autofree char *escaped = g_uri_escape_string (file->name, NULL, FALSE);
          g_autofree char *url = g_strdup_printf ("%s/files/%" G_GINT64_FORMAT "/%s",
                                                  data->base_url ? data->base_url : "",
                                                  file->id, escaped);

          json_builder_begin_object (builder);
          add_string (builder, "name", file->name);
          add_string (builder, "url", url);
          add_int (builder, "size", file->size);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

McFakeChat *
mc_fake_data_find_chat_by_order (McFakeData *data,
                                 guint       business,
                                 gint64      order_id)
{
  for (guint i = 0; i < data->chats->len; i++)
    {
      McFakeChat *chat = g_ptr_array_index (data->chats, i);

      if (chat->business == business && chat->order_id == order_id && order_id > 0)
        return chat;
    }

  return NULL;
}

guint
mc_fake_data_get_n_chats (McFakeData *data)
{
  return data->chats->len;
}

McFakeChat *
mc_fake_data_get_nth_chat (McFakeData *data,
                           guint       index)
{
  return index < data->chats->len ? g_ptr_array_index (data->chats, index) : NULL;
}
