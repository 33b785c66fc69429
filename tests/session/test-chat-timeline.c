/* test-chat-timeline.c: McChatTimeline on the demo session (the fake
 * Market in-process), without a display: one object per chat, the draft
 * and its pause, sending, failing, retrying and taking back, older
 * history, a chat that cannot be answered, and reading.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mc-cache.h"
#include "mc-chat-store.h"
#include "mc-chat-timeline.h"
#include "mc-fake-market.h"
#include "mc-session.h"
#include "mc-test-util.h"

/* The timeline's pause before a draft is written. */
#define DRAFT_DELAY_MSEC 500

typedef struct
{
  McSession    *session;
  McFakeMarket *market;
} Fixture;

static gboolean
session_ready (gpointer data)
{
  McSession *session = data;

  return mc_session_get_state (session) == MC_SESSION_STATE_READY &&
         g_list_model_get_n_items (G_LIST_MODEL (mc_session_get_chats (session))) > 0;
}

static McChat *
find_chat (McSession *session,
           gboolean   needs_reply,
           int        status)
{
  GListModel *chats = G_LIST_MODEL (mc_session_get_chats (session));

  for (guint i = 0; i < g_list_model_get_n_items (chats); i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (chats, i);

      if (needs_reply && mc_chat_needs_reply (chat) && mc_chat_get_unread_count (chat) > 0)
        return g_steal_pointer (&chat);
      if (!needs_reply && (int) mc_chat_get_status (chat) == status)
        return g_steal_pointer (&chat);
    }

  return NULL;
}

static gboolean
has_answerable_chat (gpointer data)
{
  g_autoptr(McChat) chat = find_chat (data, TRUE, 0);

  return chat != NULL;
}

static gboolean
has_finished_chat (gpointer data)
{
  g_autoptr(McChat) chat = find_chat (data, FALSE, MC_CHAT_STATUS_FINISHED);

  return chat != NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->session = mc_session_new (NULL);
  g_assert_true (mc_session_start_demo (fixture->session, &error));
  g_assert_no_error (error);
  fixture->market = MC_FAKE_MARKET (mc_session_get_fake_market (fixture->session));
  g_assert_true (mc_test_wait_until (session_ready, fixture->session, MC_TEST_WAIT_MSEC));
  /* Chats that need a reply come with the first poll. */
  g_assert_true (mc_test_wait_until (has_answerable_chat, fixture->session, MC_TEST_WAIT_MSEC));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  mc_test_iterate_for (100);
  g_assert_finalize_object (g_steal_pointer (&fixture->session));
}

static McCache *
chat_cache (Fixture *fixture,
            McChat  *chat)
{
  McCache *cache = mc_chat_store_get_cache (mc_session_get_chats (fixture->session),
                                            mc_chat_get_business_id (chat));

  g_assert_nonnull (cache);

  return cache;
}

static guint
count_sent (Fixture    *fixture,
            gint64      chat_id,
            const char *text)
{
  g_auto(GStrv) sent = mc_fake_market_dup_sent (fixture->market, chat_id);
  guint n = 0;

  for (guint i = 0; sent != NULL && sent[i] != NULL; i++)
    n += g_strcmp0 (sent[i], text) == 0;

  return n;
}

static McMessage *
find_bubble (McChatTimeline *timeline,
             McMessageState  state)
{
  GListModel *messages = mc_chat_timeline_get_messages (timeline);

  for (guint i = 0; i < g_list_model_get_n_items (messages); i++)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (messages, i);

      if (mc_message_get_message_id (message) == 0 && mc_message_get_state (message) == state)
        return g_steal_pointer (&message);
    }

  return NULL;
}

static gboolean
has_failed_bubble (gpointer data)
{
  g_autoptr(McMessage) failed = find_bubble (data, MC_MESSAGE_STATE_FAILED);

  return failed != NULL;
}

static guint
count_bubbles (McChatTimeline *timeline)
{
  GListModel *messages = mc_chat_timeline_get_messages (timeline);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (messages); i++)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (messages, i);

      n += mc_message_get_message_id (message) == 0;
    }

  return n;
}

static gboolean
send_text (McChatTimeline  *timeline,
           const char      *text,
           GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mc_chat_timeline_send_text_async (timeline, text, NULL, mc_test_store_result, &result);
  return mc_chat_timeline_send_text_finish (timeline, mc_test_wait_result (&result), error);
}

static void
test_same_object (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(McChat) chat = find_chat (fixture->session, TRUE, 0);
  g_autoptr(McChat) other = find_chat (fixture->session, FALSE, MC_CHAT_STATUS_FINISHED);
  McChatTimeline *first = mc_session_get_timeline (fixture->session, chat);
  McChatTimeline *again = mc_session_get_timeline (fixture->session, chat);
  McChatTimeline *gone = first;
  g_autoptr(McChatTimeline) third = NULL;

  g_assert_true (first == again);
  g_assert_true (mc_chat_timeline_get_chat (first) == chat);
  g_assert_cmpint (mc_chat_timeline_get_chat_id (first), ==, mc_chat_get_chat_id (chat));
  g_object_unref (again);

  if (other != NULL)
    {
      g_autoptr(McChatTimeline) another = mc_session_get_timeline (fixture->session, other);

      g_assert_true (another != first);
      g_assert_true (mc_chat_timeline_get_chat (another) == other);
    }

  /* Held by no one, it goes; the next one is new. */
  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &gone);
  g_object_unref (first);
  g_assert_null (gone);
  third = mc_session_get_timeline (fixture->session, chat);
  g_assert_true (MC_IS_CHAT_TIMELINE (third));
  g_assert_true (mc_chat_timeline_get_chat (third) == chat);
}

static void
on_notify_count (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_draft (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(McChat) chat = find_chat (fixture->session, TRUE, 0);
  gint64 chat_id = mc_chat_get_chat_id (chat);
  McCache *cache = chat_cache (fixture, chat);
  g_autoptr(McChatTimeline) timeline = mc_session_get_timeline (fixture->session, chat);
  g_autoptr(McCache) reopened = NULL;
  g_autoptr(GError) error = NULL;
  McChatTimeline *gone;
  guint notified = 0;

  g_assert_null (mc_chat_timeline_get_draft (timeline));
  g_signal_connect (timeline, "notify::draft", G_CALLBACK (on_notify_count), &notified);

  /* Written after a pause, not at each key. */
  mc_chat_timeline_set_draft (timeline, "Добр");
  g_assert_cmpuint (notified, ==, 1);
  mc_test_iterate_for (DRAFT_DELAY_MSEC * 3 / 5);
  mc_chat_timeline_set_draft (timeline, "Добрый");
  mc_test_iterate_for (DRAFT_DELAY_MSEC * 3 / 5);
  g_assert_null (mc_cache_get_draft (cache, chat_id));
  mc_test_iterate_for (DRAFT_DELAY_MSEC);
  g_assert_cmpstr (mc_cache_get_draft (cache, chat_id), ==, "Добрый");

  /* At once when asked. */
  mc_chat_timeline_set_draft (timeline, "Добрый день");
  g_assert_cmpstr (mc_cache_get_draft (cache, chat_id), ==, "Добрый");
  mc_chat_timeline_save_draft (timeline);
  g_assert_cmpstr (mc_cache_get_draft (cache, chat_id), ==, "Добрый день");
  g_assert_cmpuint (notified, ==, 3);

  /* At once when the last holder lets go, and the next timeline shows it. */
  mc_chat_timeline_set_draft (timeline, "Добрый день! Заказ");
  gone = timeline;
  g_object_add_weak_pointer (G_OBJECT (gone), (gpointer *) &gone);
  g_clear_object (&timeline);
  g_assert_null (gone);
  g_assert_cmpstr (mc_cache_get_draft (cache, chat_id), ==, "Добрый день! Заказ");
  timeline = mc_session_get_timeline (fixture->session, chat);
  g_assert_cmpstr (mc_chat_timeline_get_draft (timeline), ==, "Добрый день! Заказ");

  /* On disk: the cache opened again (as after a restart) has it. */
  g_assert_true (mc_cache_flush (cache, &error));
  g_assert_no_error (error);
  reopened = mc_cache_open_path (mc_cache_get_path (cache), mc_chat_get_business_id (chat), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mc_cache_get_draft (reopened, chat_id), ==, "Добрый день! Заказ");
  mc_cache_close (reopened);

  /* A blank draft is no draft. */
  mc_chat_timeline_set_draft (timeline, "  \n");
  mc_chat_timeline_save_draft (timeline);
  g_assert_null (mc_cache_get_draft (cache, chat_id));
}

typedef struct
{
  Fixture    *fixture;
  gint64      chat_id;
  const char *text;
} SentWait;

static gboolean
was_sent (gpointer data)
{
  SentWait *wait = data;

  return count_sent (wait->fixture, wait->chat_id, wait->text) > 0;
}

static void
test_send_text (Fixture       *fixture,
                gconstpointer  user_data)
{
  const char *text = "Здравствуйте! Заказ собран и передан в доставку.";
  g_autoptr(McChat) chat = find_chat (fixture->session, TRUE, 0);
  gint64 chat_id = mc_chat_get_chat_id (chat);
  g_autoptr(McChatTimeline) timeline = mc_session_get_timeline (fixture->session, chat);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McMessage) pending = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_chat_timeline_get_can_send (timeline));
  mc_chat_timeline_set_draft (timeline, text);
  mc_chat_timeline_send_text_async (timeline, text, NULL, mc_test_store_result, &result);

  /* The text lives in the bubble now: the draft is gone, on disk too. */
  g_assert_null (mc_chat_timeline_get_draft (timeline));
  g_assert_null (mc_cache_get_draft (chat_cache (fixture, chat), chat_id));
  pending = find_bubble (timeline, MC_MESSAGE_STATE_PENDING);
  g_assert_nonnull (pending);
  g_assert_cmpstr (mc_message_get_text (pending), ==, text);
  g_assert_true (mc_chat_timeline_has_pending_text (timeline, text));

  g_assert_true (mc_chat_timeline_send_text_finish (timeline, mc_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_sent (fixture, chat_id, text), ==, 1);
  g_assert_null (mc_chat_timeline_get_draft (timeline));
  g_assert_false (mc_chat_timeline_has_pending_text (timeline, text));
}

/* The Market fails the send: a final state (failed, with the error) within
 * a bounded time, the draft never refilled behind the failed bubble; a text
 * refused before it became a bubble is back in the draft at once. */
static void
test_send_fails (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const char *text = "Проверим и ответим сегодня";
  g_autoptr(McChat) chat = find_chat (fixture->session, TRUE, 0);
  gint64 chat_id = mc_chat_get_chat_id (chat);
  g_autoptr(McChatTimeline) timeline = mc_session_get_timeline (fixture->session, chat);
  g_autoptr(McMessage) failed = NULL;
  g_autoptr(GString) too_long = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 start;

  mc_fake_market_inject_fault (fixture->market, "/chats/message", MC_FAKE_FAULT_STATUS, 500, 1);
  start = g_get_monotonic_time ();
  mc_chat_timeline_set_draft (timeline, text);
  g_assert_false (send_text (timeline, text, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (mc_test_wait_until (has_failed_bubble, timeline, MC_TEST_WAIT_MSEC));
  g_test_message ("failed after %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - start) / 1000);

  failed = find_bubble (timeline, MC_MESSAGE_STATE_FAILED);
  g_assert_cmpstr (mc_message_get_text (failed), ==, text);
  g_assert_nonnull (mc_message_get_error (failed));
  g_assert_cmpuint (count_sent (fixture, chat_id, text), ==, 0);
  g_assert_null (find_bubble (timeline, MC_MESSAGE_STATE_PENDING));
  /* The failed bubble offers the text back: the draft must not hold it
   * too, or it could go out twice. */
  g_assert_null (mc_chat_timeline_get_draft (timeline));

  for (guint i = 0; i <= MC_CHAT_TIMELINE_MAX_TEXT_CHARS; i++)
    g_string_append (too_long, "ж");
  mc_chat_timeline_set_draft (timeline, "и ещё");
  g_assert_false (send_text (timeline, too_long->str, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (error->message);
  g_assert_cmpuint (count_bubbles (timeline), ==, 1);
  g_assert_true (g_str_has_prefix (mc_chat_timeline_get_draft (timeline), too_long->str));
  g_assert_true (g_str_has_suffix (mc_chat_timeline_get_draft (timeline), "\nи ещё"));
  /* Written at once: it is the only copy. */
  g_assert_cmpstr (mc_cache_get_draft (chat_cache (fixture, chat), chat_id), ==,
                   mc_chat_timeline_get_draft (timeline));
}

static void
fail_one_send (Fixture        *fixture,
               McChatTimeline *timeline,
               const char     *text)
{
  g_autoptr(GError) error = NULL;

  mc_fake_market_inject_fault (fixture->market, "/chats/message", MC_FAKE_FAULT_STATUS, 500, 1);
  g_assert_false (send_text (timeline, text, &error));
  g_assert_true (mc_test_wait_until (has_failed_bubble, timeline, MC_TEST_WAIT_MSEC));
}

static void
test_retry (Fixture       *fixture,
            gconstpointer  user_data)
{
  const char *text = "Возврат оформлен, деньги придут в течение трёх дней";
  g_autoptr(McChat) chat = find_chat (fixture->session, TRUE, 0);
  gint64 chat_id = mc_chat_get_chat_id (chat);
  g_autoptr(McChatTimeline) timeline = mc_session_get_timeline (fixture->session, chat);
  g_autoptr(McMessage) failed = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SentWait sent = { fixture, chat_id, text };

  fail_one_send (fixture, timeline, text);
  failed = find_bubble (timeline, MC_MESSAGE_STATE_FAILED);
  mc_chat_timeline_set_draft (timeline, "другой ответ");

  mc_chat_timeline_retry_async (timeline, failed, NULL, mc_test_store_result, &result);
  g_assert_true (mc_chat_timeline_retry_finish (timeline, mc_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_true (mc_test_wait_until (was_sent, &sent, MC_TEST_WAIT_MSEC));
  mc_test_iterate_for (300);
  g_assert_cmpuint (count_sent (fixture, chat_id, text), ==, 1);

  /* The new attempt replaced the failed one; what the seller writes now
   * is left alone. */
  g_clear_object (&failed);
  failed = find_bubble (timeline, MC_MESSAGE_STATE_FAILED);
  g_assert_null (failed);
  g_assert_cmpstr (mc_chat_timeline_get_draft (timeline), ==, "другой ответ");
}

static void
test_take_back (Fixture       *fixture,
                gconstpointer  user_data)
{
  const char *text = "Уточните, пожалуйста, номер заказа";
  g_autoptr(McChat) chat = find_chat (fixture->session, TRUE, 0);
  gint64 chat_id = mc_chat_get_chat_id (chat);
  McCache *cache = chat_cache (fixture, chat);
  g_autoptr(McChatTimeline) timeline = mc_session_get_timeline (fixture->session, chat);
  g_autoptr(McMessage) failed = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GError) error = NULL;

  fail_one_send (fixture, timeline, text);
  failed = find_bubble (timeline, MC_MESSAGE_STATE_FAILED);
  mc_chat_timeline_set_draft (timeline, "Спасибо!");

  mc_chat_timeline_take_back (timeline, failed);
  g_assert_cmpstr (mc_chat_timeline_get_draft (timeline), ==, "Уточните, пожалуйста, номер заказа\nСпасибо!");
  g_assert_cmpstr (mc_cache_get_draft (cache, chat_id), ==, mc_chat_timeline_get_draft (timeline));
  g_assert_cmpuint (count_bubbles (timeline), ==, 0);

  /* Not offered again at the next start. */
  g_assert_true (mc_cache_flush (cache, &error));
  outbox = mc_cache_list_outbox (cache, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < outbox->len; i++)
    g_assert_cmpint (((McOutboxEntry *) g_ptr_array_index (outbox, i))->chat_id, !=, chat_id);
  mc_test_iterate_for (500);
  g_assert_cmpuint (count_sent (fixture, chat_id, text), ==, 0);
}

typedef struct
{
  GListModel *messages;
  gint64      first_before;
  gboolean    inserted_on_top;
} OlderWatch;

static void
on_older_items (GListModel *messages,
                guint       position,
                guint       removed,
                guint       added,
                OlderWatch *watch)
{
  g_autoptr(McMessage) after = NULL;

  if (added == 0 || watch->first_before == 0)
    return;

  /* One page arrives above what was there, in one piece. */
  after = g_list_model_get_item (messages, position + added);
  watch->inserted_on_top = position == 0 && after != NULL &&
                           mc_message_get_message_id (after) == watch->first_before;
}

static void
assert_in_order (GListModel *messages)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gint64 last_created = G_MININT64;

  for (guint i = 0; i < g_list_model_get_n_items (messages); i++)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (messages, i);
      gint64 id = mc_message_get_message_id (message);

      g_assert_cmpint (mc_message_get_created_at (message), >=, last_created);
      last_created = mc_message_get_created_at (message);
      g_assert_false (g_hash_table_contains (seen, &id));
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
    }
}

static void
test_load_older (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(McChat) chat = NULL;
  g_autoptr(McChatTimeline) timeline = NULL;
  OlderWatch watch = { 0 };
  guint notified = 0;
  guint pages = 0;

  g_assert_true (mc_test_wait_until (has_finished_chat, fixture->session, MC_TEST_WAIT_MSEC));
  chat = find_chat (fixture->session, FALSE, MC_CHAT_STATUS_FINISHED);
  timeline = mc_session_get_timeline (fixture->session, chat);
  watch.messages = mc_chat_timeline_get_messages (timeline);
  g_signal_connect (watch.messages, "items-changed", G_CALLBACK (on_older_items), &watch);
  g_signal_connect (timeline, "notify::loading-older", G_CALLBACK (on_notify_count), &notified);
  g_assert_true (mc_chat_timeline_get_has_older (timeline));

  while (mc_chat_timeline_get_has_older (timeline))
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      guint before = g_list_model_get_n_items (watch.messages);
      g_autoptr(McMessage) first = before > 0 ? g_list_model_get_item (watch.messages, 0) : NULL;

      watch.first_before = first != NULL ? mc_message_get_message_id (first) : 0;
      watch.inserted_on_top = FALSE;
      notified = 0;

      mc_chat_timeline_load_older_async (timeline, NULL, mc_test_store_result, &result);
      g_assert_true (mc_chat_timeline_get_loading_older (timeline));
      g_assert_cmpuint (notified, ==, 1);
      g_assert_true (mc_chat_timeline_load_older_finish (timeline, mc_test_wait_result (&result), &error));
      g_assert_no_error (error);
      g_assert_false (mc_chat_timeline_get_loading_older (timeline));
      g_assert_cmpuint (notified, ==, 2);

      g_assert_cmpuint (g_list_model_get_n_items (watch.messages), >, before);
      if (before > 0)
        g_assert_true (watch.inserted_on_top);
      assert_in_order (watch.messages);
      g_assert_cmpuint (++pages, <, 50);
    }

  /* Nothing older: nothing to wait for. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    notified = 0;
    mc_chat_timeline_load_older_async (timeline, NULL, mc_test_store_result, &result);
    g_assert_false (mc_chat_timeline_get_loading_older (timeline));
    g_assert_true (mc_chat_timeline_load_older_finish (timeline, mc_test_wait_result (&result), NULL));
    g_assert_cmpuint (notified, ==, 0);
  }

  g_signal_handlers_disconnect_by_func (watch.messages, on_older_items, &watch);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  user_data)
{
  const char *text = "Ответ в закрытый чат";
  g_autoptr(McChat) open = find_chat (fixture->session, TRUE, 0);
  g_autoptr(McChat) finished = NULL;
  g_autoptr(McChatTimeline) answerable = mc_session_get_timeline (fixture->session, open);
  g_autoptr(McChatTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_chat_timeline_get_can_send (answerable));
  g_assert_null (mc_chat_timeline_get_read_only_reason (answerable));

  g_assert_true (mc_test_wait_until (has_finished_chat, fixture->session, MC_TEST_WAIT_MSEC));
  finished = find_chat (fixture->session, FALSE, MC_CHAT_STATUS_FINISHED);
  timeline = mc_session_get_timeline (fixture->session, finished);
  g_assert_false (mc_chat_timeline_get_can_send (timeline));
  g_assert_nonnull (strstr (mc_chat_timeline_get_read_only_reason (timeline), "finished"));

  /* Refused before anything is recorded, and the text is kept. */
  mc_chat_timeline_set_draft (timeline, text);
  g_assert_false (send_text (timeline, text, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (mc_chat_timeline_get_draft (timeline), ==, text);
  g_assert_cmpuint (count_bubbles (timeline), ==, 0);
  mc_test_iterate_for (300);
  g_assert_cmpuint (count_sent (fixture, mc_chat_get_chat_id (finished), text), ==, 0);
}

static gboolean
has_messages (gpointer data)
{
  return g_list_model_get_n_items (mc_chat_timeline_get_messages (data)) > 0;
}

static void
test_mark_read (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(McChat) chat = find_chat (fixture->session, TRUE, 0);
  gint64 chat_id = mc_chat_get_chat_id (chat);
  McChatStore *store = mc_session_get_chats (fixture->session);
  g_autoptr(McChatTimeline) timeline = mc_session_get_timeline (fixture->session, chat);
  GListModel *messages = mc_chat_timeline_get_messages (timeline);
  g_autoptr(McMessage) last = NULL;

  g_assert_cmpuint (mc_chat_get_unread_count (chat), >, 0);
  mc_chat_timeline_refresh (timeline);
  g_assert_true (mc_test_wait_until (has_messages, timeline, MC_TEST_WAIT_MSEC));
  last = g_list_model_get_item (messages, g_list_model_get_n_items (messages) - 1);
  g_assert_cmpint (mc_chat_store_get_read_marker (store, chat_id), <, mc_message_get_message_id (last));

  mc_chat_timeline_mark_read (timeline);
  g_assert_cmpuint (mc_chat_get_unread_count (chat), ==, 0);
  g_assert_cmpint (mc_chat_store_get_read_marker (store, chat_id), ==, mc_message_get_message_id (last));
}

static gboolean
replied_elsewhere (gpointer data)
{
  return mc_chat_timeline_get_replied_elsewhere (data);
}

static McMessage *
find_message (McChatTimeline *timeline,
              gint64          message_id)
{
  GListModel *messages = mc_chat_timeline_get_messages (timeline);

  for (guint i = 0; i < g_list_model_get_n_items (messages); i++)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (messages, i);

      if (mc_message_get_message_id (message) == message_id)
        return g_steal_pointer (&message);
    }

  return NULL;
}

/* A reply written in the web cabinet (or by another operator) arrives by
 * sync: the chat is answered at once, the message is marked as sent from
 * elsewhere, and a draft started before it is told so.  The app's own
 * send is not. */
static void
test_replied_elsewhere (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const char *own = "Отправлено из приложения";
  g_autoptr(McChat) chat = find_chat (fixture->session, TRUE, 0);
  g_autoptr(McChatTimeline) timeline = mc_session_get_timeline (fixture->session, chat);
  g_autoptr(McMessage) message = NULL;
  g_autoptr(McMessage) sent = NULL;
  g_autoptr(GError) error = NULL;
  gint64 elsewhere_id, own_id;

  mc_chat_timeline_refresh (timeline);
  g_assert_true (mc_test_wait_until (has_messages, timeline, MC_TEST_WAIT_MSEC));
  g_assert_true (mc_chat_needs_reply (chat));

  mc_chat_timeline_set_draft (timeline, "Сейчас уточню у склада");
  elsewhere_id = mc_fake_market_partner_writes_elsewhere (fixture->market, mc_chat_get_chat_id (chat),
                                                          "Ответ из кабинета продавца");
  g_assert_cmpint (elsewhere_id, >, 0);
  mc_chat_timeline_refresh (timeline);
  g_assert_true (mc_test_wait_until (replied_elsewhere, timeline, MC_TEST_WAIT_MSEC));

  g_assert_false (mc_chat_needs_reply (chat));
  g_assert_cmpint (mc_chat_get_first_unanswered (chat), ==, 0);
  message = find_message (timeline, elsewhere_id);
  g_assert_nonnull (message);
  g_assert_true (mc_message_get_from_elsewhere (message));
  /* The draft stays: only the seller decides what to do with it. */
  g_assert_cmpstr (mc_chat_timeline_get_draft (timeline), ==, "Сейчас уточню у склада");

  mc_chat_timeline_dismiss_replied_elsewhere (timeline);
  g_assert_false (mc_chat_timeline_get_replied_elsewhere (timeline));

  /* This app's own reply is not from elsewhere, and tells no draft. */
  g_assert_true (send_text (timeline, own, &error));
  g_assert_no_error (error);
  mc_chat_timeline_set_draft (timeline, "Ещё одна мысль");
  mc_chat_timeline_refresh (timeline);
  mc_test_iterate_for (500);
  g_assert_false (mc_chat_timeline_get_replied_elsewhere (timeline));
  own_id = mc_chat_store_get_last_message_id (mc_session_get_chats (fixture->session),
                                              mc_chat_get_chat_id (chat));
  sent = find_message (timeline, own_id);
  g_assert_nonnull (sent);
  g_assert_cmpstr (mc_message_get_text (sent), ==, own);
  g_assert_false (mc_message_get_from_elsewhere (sent));

  /* With no draft, a reply from elsewhere leaves no notice behind. */
  mc_chat_timeline_set_draft (timeline, NULL);
  mc_fake_market_partner_writes_elsewhere (fixture->market, mc_chat_get_chat_id (chat), "Ещё ответ");
  mc_chat_timeline_refresh (timeline);
  mc_test_iterate_for (500);
  g_assert_false (mc_chat_timeline_get_replied_elsewhere (timeline));
}

/* Where an opened chat starts: the first customer message after the read
 * marker; none once read. */
static void
test_first_unread (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(McChat) chat = find_chat (fixture->session, TRUE, 0);
  g_autoptr(McChatTimeline) timeline = mc_session_get_timeline (fixture->session, chat);
  McChatStore *store = mc_session_get_chats (fixture->session);
  gint64 chat_id = mc_chat_get_chat_id (chat);
  g_autoptr(McMessage) first = NULL;
  gint64 first_id;

  mc_chat_timeline_refresh (timeline);
  g_assert_true (mc_test_wait_until (has_messages, timeline, MC_TEST_WAIT_MSEC));
  g_assert_cmpuint (mc_chat_get_unread_count (chat), >, 0);

  first_id = mc_chat_timeline_get_first_unread_id (timeline);
  g_assert_cmpint (first_id, >, mc_chat_store_get_read_marker (store, chat_id));
  first = find_message (timeline, first_id);
  g_assert_nonnull (first);
  g_assert_cmpint (mc_message_get_sender (first), ==, MC_SENDER_CUSTOMER);

  /* Marked unread and then opened: read, and the mark is gone. */
  mc_session_set_chat_unread (fixture->session, chat_id, TRUE);
  g_assert_true (mc_chat_get_marked_unread (chat));
  mc_chat_timeline_mark_read (timeline);
  g_assert_false (mc_chat_get_marked_unread (chat));
  g_assert_cmpint (mc_chat_timeline_get_first_unread_id (timeline), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* No customer writes during a test: the messages are the test's. */
  g_setenv ("MARKET_CHATS_DEMO_LIFE", "3600,3600", TRUE);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/timeline/same-object", test_same_object);
  ADD ("/timeline/draft", test_draft);
  ADD ("/timeline/send-text", test_send_text);
  ADD ("/timeline/send-fails", test_send_fails);
  ADD ("/timeline/retry", test_retry);
  ADD ("/timeline/take-back", test_take_back);
  ADD ("/timeline/load-older", test_load_older);
  ADD ("/timeline/read-only", test_read_only);
  ADD ("/timeline/mark-read", test_mark_read);
  ADD ("/timeline/replied-elsewhere", test_replied_elsewhere);
  ADD ("/timeline/first-unread", test_first_unread);

  return g_test_run ();
}
