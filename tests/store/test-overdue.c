/* test-overdue.c: the reply clock in the store: the Overdue view and the
 * sidebar's overdue counts as a fake clock moves, working hours per
 * cabinet, and the store's one timeout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mc-chat-store.h"
#include "mc-chat-view.h"
#include "mc-sidebar-model.h"
#include "mc-test-util.h"

#define MINUTE G_TIME_SPAN_MINUTE

typedef struct
{
  gint64 now;
} FakeClock;

static gint64
fake_now (gpointer data)
{
  return ((FakeClock *) data)->now;
}

/* Unix microseconds of a UTC date and time. */
static gint64
utc (int year,
     int month,
     int day,
     int hour,
     int minute)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

static McChat *
make_chat (gint64       chat_id,
           gint64       business_id,
           McChatStatus status,
           gint64       waiting_since,
           gint64       campaign_id)
{
  McChat *chat = mc_chat_new (chat_id, business_id);
  g_autoptr(McChatContext) context = mc_chat_context_new (MC_CONTEXT_TYPE_DIRECT);

  mc_chat_set_chat_type (chat, MC_CHAT_TYPE_CHAT);
  mc_chat_set_status (chat, status);
  mc_chat_set_created_at (chat, 1);
  mc_chat_set_updated_at (chat, waiting_since);
  mc_chat_context_set_campaign_id (context, campaign_id);
  mc_chat_set_context (chat, context);
  return chat;
}

static void
merge_one (McChatStore *store,
           McChat      *chat)
{
  g_autoptr(GPtrArray) chats = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (chats, chat);
  mc_chat_store_merge (store, chats);
}

static void
assert_ids (GListModel   *model,
            const gint64 *ids,
            guint         n_ids)
{
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (model, i);

      g_assert_cmpint (mc_chat_get_chat_id (chat), ==, ids[i]);
    }
}

static void
count_signal (guint *counter)
{
  (*counter)++;
}

/* Monday 8 January 2024, 10:00 UTC. */
#define BASE utc (2024, 1, 8, 10, 0)

static McChatStore *
sample_store (FakeClock *clock)
{
  McChatStore *store = mc_chat_store_new ();

  clock->now = BASE;
  mc_chat_store_set_now_func (store, fake_now, clock, NULL);
  merge_one (store, make_chat (1, 10, MC_CHAT_STATUS_NEW, BASE - 90 * MINUTE, 5));
  merge_one (store, make_chat (2, 10, MC_CHAT_STATUS_WAITING_FOR_PARTNER, BASE - 30 * MINUTE, 5));
  merge_one (store, make_chat (3, 10, MC_CHAT_STATUS_WAITING_FOR_PARTNER, BASE - 50 * MINUTE, 0));
  /* Answered: no clock, however long ago. */
  merge_one (store, make_chat (4, 10, MC_CHAT_STATUS_WAITING_FOR_CUSTOMER, BASE - 300 * MINUTE, 5));
  merge_one (store, make_chat (5, 20, MC_CHAT_STATUS_NEW, BASE - 70 * MINUTE, 8));
  return store;
}

static void
test_overdue_view (void)
{
  FakeClock clock;
  g_autoptr(McChatStore) store = sample_store (&clock);
  g_autoptr(McChatView) view = mc_chat_view_new (store);
  const gint64 at_ten[] = { 1, 5 };
  const gint64 at_ten_past[] = { 1, 5, 3 };
  const gint64 at_half_past[] = { 1, 5, 3, 2 };
  McReplyClock reply;
  guint changed = 0;

  mc_chat_view_set_mode (view, MC_CHAT_VIEW_MODE_OVERDUE);
  /* Oldest waiting first, as in Needs Reply. */
  assert_ids (G_LIST_MODEL (view), at_ten, G_N_ELEMENTS (at_ten));

  mc_chat_store_get_reply_clock (store, mc_chat_store_lookup (store, 3), clock.now, &reply);
  g_assert_cmpint (reply.state, ==, MC_REPLY_STATE_DUE_SOON);
  g_assert_cmpint (reply.due_in, ==, 10 * MINUTE);
  mc_chat_store_get_reply_clock (store, mc_chat_store_lookup (store, 2), clock.now, &reply);
  g_assert_cmpint (reply.state, ==, MC_REPLY_STATE_CALM);
  mc_chat_store_get_reply_clock (store, mc_chat_store_lookup (store, 4), clock.now, &reply);
  g_assert_cmpint (reply.state, ==, MC_REPLY_STATE_NONE);
  g_assert_false (mc_chat_store_is_overdue (store, mc_chat_store_lookup (store, 4), clock.now));

  /* The next change is when chat 3 reaches the hour, not a poll. */
  g_assert_cmpint (mc_chat_store_get_next_clock_change (store), ==, BASE + 10 * MINUTE);

  g_signal_connect_swapped (view, "items-changed", G_CALLBACK (count_signal), &changed);
  clock.now = BASE + 10 * MINUTE - 1;
  mc_chat_store_update_clocks (store);
  assert_ids (G_LIST_MODEL (view), at_ten, G_N_ELEMENTS (at_ten));
  g_assert_cmpuint (changed, ==, 0);

  clock.now = BASE + 10 * MINUTE;
  mc_chat_store_update_clocks (store);
  assert_ids (G_LIST_MODEL (view), at_ten_past, G_N_ELEMENTS (at_ten_past));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpint (mc_chat_store_get_next_clock_change (store), ==, BASE + 30 * MINUTE);

  clock.now = BASE + 45 * MINUTE;
  mc_chat_store_update_clocks (store);
  assert_ids (G_LIST_MODEL (view), at_half_past, G_N_ELEMENTS (at_half_past));
  g_assert_cmpint (mc_chat_store_get_next_clock_change (store), ==, G_MAXINT64);

  /* Answering takes a chat out at once. */
  mc_chat_store_mark_answered (store, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view)), ==, 3);

  /* A longer target puts every chat back within it. */
  mc_chat_store_set_reply_target (store, 120 * MINUTE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view)), ==, 0);
  g_assert_cmpint (mc_chat_store_get_next_clock_change (store), ==, BASE - 70 * MINUTE + 120 * MINUTE);

  /* Needs Reply is not touched by the clock. */
  mc_chat_view_set_mode (view, MC_CHAT_VIEW_MODE_NEEDS_REPLY);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view)), ==, 3);
}

/* Hours of a cabinet apply to its chats only; a wait that started late on
 * Friday is due on Monday morning. */
static void
test_working_hours (void)
{
  FakeClock clock;
  g_autoptr(McChatStore) store = sample_store (&clock);
  g_autoptr(McChatView) view = mc_chat_view_new (store);
  g_autoptr(GTimeZone) zone = g_time_zone_new_utc ();
  g_autoptr(McWorkingHours) hours = mc_working_hours_new (MC_WEEKDAYS_WORKWEEK, 9 * 60, 18 * 60, zone);
  g_autoptr(McWorkingHours) always = mc_working_hours_new_always ();
  const gint64 only_other[] = { 5 };
  const gint64 friday_late[] = { 5, 6 };
  McReplyClock reply;
  guint changed = 0;

  g_signal_connect_swapped (store, "clocks-changed", G_CALLBACK (count_signal), &changed);
  mc_chat_view_set_mode (view, MC_CHAT_VIEW_MODE_OVERDUE);

  /* From 9:00 only: chat 1 (since 8:30) has waited 60 min at 10:00. */
  mc_chat_store_set_working_hours (store, 10, hours);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (mc_chat_store_get_working_hours (store, 10) == hours);
  g_assert_null (mc_chat_store_get_working_hours (store, 20));
  mc_chat_store_get_reply_clock (store, mc_chat_store_lookup (store, 1), clock.now, &reply);
  g_assert_cmpint (reply.waited, ==, 60 * MINUTE);
  g_assert_cmpint (reply.state, ==, MC_REPLY_STATE_OVERDUE);

  clock.now = BASE - 1;
  mc_chat_store_update_clocks (store);
  assert_ids (G_LIST_MODEL (view), only_other, G_N_ELEMENTS (only_other));

  /* Setting the same hours again changes nothing. */
  {
    g_autoptr(McWorkingHours) same = mc_working_hours_new (MC_WEEKDAYS_WORKWEEK, 9 * 60, 18 * 60, zone);

    mc_chat_store_set_working_hours (store, 10, same);
    g_assert_cmpuint (changed, ==, 2);  /* the update_clocks above */
  }

  /* Friday 17:30; at Saturday noon half an hour of work has passed. */
  clock.now = utc (2024, 1, 13, 12, 0);
  mc_chat_store_mark_answered (store, 1);
  mc_chat_store_mark_answered (store, 2);
  mc_chat_store_mark_answered (store, 3);
  merge_one (store, make_chat (6, 10, MC_CHAT_STATUS_NEW, utc (2024, 1, 12, 17, 30), 5));
  mc_chat_store_update_clocks (store);
  assert_ids (G_LIST_MODEL (view), only_other, G_N_ELEMENTS (only_other));
  mc_chat_store_get_reply_clock (store, mc_chat_store_lookup (store, 6), clock.now, &reply);
  g_assert_cmpint (reply.waited, ==, 30 * MINUTE);
  g_assert_cmpint (mc_chat_store_get_next_clock_change (store), ==, utc (2024, 1, 15, 9, 30));

  clock.now = utc (2024, 1, 15, 9, 30);
  mc_chat_store_update_clocks (store);
  assert_ids (G_LIST_MODEL (view), friday_late, G_N_ELEMENTS (friday_late));

  /* "Always" is no hours at all. */
  mc_chat_store_set_working_hours (store, 10, always);
  g_assert_null (mc_chat_store_get_working_hours (store, 10));
}

static void
test_sidebar_overdue (void)
{
  FakeClock clock;
  g_autoptr(McChatStore) store = sample_store (&clock);
  g_autoptr(McSidebarModel) list = mc_sidebar_model_new (store);
  g_autoptr(GPtrArray) campaigns = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(McSidebarItem) all_stores = NULL;
  g_autoptr(McSidebarItem) no_store = NULL;
  McSidebarItem *shop5;

  g_ptr_array_add (campaigns, mc_campaign_new (5, "Alpha", 10, "Cabinet", MC_PLACEMENT_TYPE_FBS,
                                               MC_API_AVAILABILITY_AVAILABLE));
  mc_sidebar_model_set_campaigns (list, 10, "Cabinet", campaigns);
  all_stores = g_list_model_get_item (G_LIST_MODEL (list), 0);
  no_store = g_list_model_get_item (G_LIST_MODEL (list), 2);
  shop5 = mc_sidebar_model_find_campaign (list, 5);

  g_assert_cmpuint (mc_sidebar_item_get_overdue_count (all_stores), ==, 1);
  g_assert_cmpuint (mc_sidebar_item_get_overdue_count (shop5), ==, 1);
  g_assert_cmpuint (mc_sidebar_item_get_overdue_count (no_store), ==, 0);
  g_assert_cmpuint (mc_sidebar_item_get_needs_reply_count (all_stores), ==, 3);

  clock.now = BASE + 10 * MINUTE;
  mc_chat_store_update_clocks (store);
  g_assert_cmpuint (mc_sidebar_item_get_overdue_count (all_stores), ==, 2);
  g_assert_cmpuint (mc_sidebar_item_get_overdue_count (no_store), ==, 1);

  clock.now = BASE + 30 * MINUTE;
  mc_chat_store_update_clocks (store);
  g_assert_cmpuint (mc_sidebar_item_get_overdue_count (shop5), ==, 2);

  mc_chat_store_mark_answered (store, 1);
  g_assert_cmpuint (mc_sidebar_item_get_overdue_count (shop5), ==, 1);
  g_assert_cmpuint (mc_sidebar_item_get_overdue_count (all_stores), ==, 2);
}

static gint64 offset;

static gint64
shifted_now (gpointer data)
{
  return g_get_real_time () + offset;
}

static gboolean
has_items (gpointer data)
{
  return g_list_model_get_n_items (data) > 0;
}

/* The store's own timeout moves a chat into Overdue when its time comes,
 * with nobody calling update. */
static void
test_timeout (void)
{
  g_autoptr(McChatStore) store = mc_chat_store_new ();
  g_autoptr(McChatView) view = mc_chat_view_new (store);
  gint64 now = g_get_real_time ();

  mc_chat_view_set_mode (view, MC_CHAT_VIEW_MODE_OVERDUE);
  /* Due 300 ms from now. */
  merge_one (store, make_chat (1, 10, MC_CHAT_STATUS_NEW, now - 60 * MINUTE + 300 * 1000, 0));
  offset = 0;
  mc_chat_store_set_now_func (store, shifted_now, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view)), ==, 0);
  g_assert_true (mc_test_wait_until (has_items, view, MC_TEST_WAIT_MSEC));
  g_assert_cmpint (mc_chat_store_get_next_clock_change (store), ==, G_MAXINT64);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/overdue/view", test_overdue_view);
  g_test_add_func ("/store/overdue/working-hours", test_working_hours);
  g_test_add_func ("/store/overdue/sidebar", test_sidebar_overdue);
  g_test_add_func ("/store/overdue/timeout", test_timeout);

  return g_test_run ();
}
