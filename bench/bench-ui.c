/* bench-ui.c: the main window and its chat list with 100,000 chats.  A
 * GtkListView only builds rows near what is on screen, so the first frame
 * should cost about the same with 100 chats as with 100,000, and scrolling
 * should stay within a frame.
 *
 * Figures:
 *  - ui_first_frame_*: the main window (McWindow) on the demo session, its
 *    store topped up to 100 or 100,000 chats: time from showing the window
 *    to its first painted frame, and their ratio; ui_all_rows_* adds the
 *    frame after it, when the list holds all the rows GTK keeps alive;
 *  - ui_list_first_frame_*: the same for a bare list view of chat rows in
 *    a window of its own;
 *  - ui_scroll_*: the work per frame (before-paint to after-paint) while
 *    that bare list is scrolled programmatically: first a page per frame (a
 *    fast fling, rows rebound as they come into view), then on to the end
 *    in jumps (every row rebound each frame);
 *  - ui_row_*: what one chat row costs, in this thread's CPU time (so
 *    less swayed by a busy machine than the frame times): N_BENCH_ROWS
 *    rows in a box are bound to other chats, then a frame lays them out
 *    and paints them; per row, the binding, the layout phase and the paint
 *    phase (snapshot and render), medians over N_BENCH_ROW_ROUNDS frames;
 *  - ui_open_chat_*: opening an order chat whose order is kept in the
 *    cache, from a chat without one, to its first painted frame: with the
 *    order card shown and with it hidden, and their ratio (the card comes
 *    from the cache at once and must not hold up the frame).
 *
 * The windows draw with the renderer the app picks (mc_ui_choose_renderer():
 * cairo where GTK 4.8 would draw OpenGL in software, as under Xvfb), named
 * on the first line; GSK_RENDERER=gl measures GTK's OpenGL renderer.
 *
 * MC_BENCH_UI_ROWS_ONLY=1 gives only the ui_row_* figures;
 * MC_BENCH_UI_SCROLL_ONLY=1 only the ui_scroll_* ones, from three runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <time.h>

#include "mc-cache.h"
#include "mc-chat-list.h"
#include "mc-chat-row.h"
#include "mc-chat-store.h"
#include "mc-chat-timeline.h"
#include "mc-chat-view.h"
#include "mc-conversation.h"
#include "mc-session.h"
#include "mc-sync-engine.h"
#include "mc-ui.h"
#include "mc-window.h"

#define BUSINESS_ID 7000001
#define N_PAGE_FRAMES 300
#define N_JUMP_FRAMES 100
#define N_ROUNDS 5
#define LOAD_TIMEOUT_USEC (30 * G_USEC_PER_SEC)
#define N_BENCH_ROWS 16
#define N_BENCH_ROW_ROUNDS 101

static const char *names[] = {
  "Анна К.", "Иван П.", "Мария С.", "Олег Д.", "Елена В.", "Пётр Н.", "Ольга Т.", "Сергей М.",
};

static const McChatStatus statuses[] = {
  MC_CHAT_STATUS_NEW, MC_CHAT_STATUS_WAITING_FOR_PARTNER, MC_CHAT_STATUS_WAITING_FOR_CUSTOMER,
  MC_CHAT_STATUS_FINISHED, MC_CHAT_STATUS_WAITING_FOR_ARBITER,
};

static McChat *
make_chat (GRand  *rand,
           gint64  chat_id,
           gint64  now,
           gint64  business_id,
           gint64  campaign_id)
{
  g_autoptr(McCustomer) customer = mc_customer_new (names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))], NULL);
  g_autoptr(McChatContext) context = mc_chat_context_new_full (MC_CONTEXT_TYPE_ORDER, campaign_id,
                                                               40000000 + chat_id, 0, customer);
  McChat *chat;

  chat = mc_chat_new_full (chat_id, business_id, MC_CHAT_TYPE_CHAT,
                           statuses[g_rand_int_range (rand, 0, G_N_ELEMENTS (statuses))],
                           now - g_rand_int_range (rand, 0, 1000000) * G_USEC_PER_SEC,
                           now - g_rand_int_range (rand, 0, 100000) * G_USEC_PER_SEC,
                           context);
  mc_chat_set_last_message_preview (chat, "Здравствуйте! Когда приедет мой заказ?");

  return chat;
}

static McChatStore *
make_store (guint n_chats)
{
  McChatStore *store = mc_chat_store_new ();
  g_autoptr(GPtrArray) chats = g_ptr_array_new_full (n_chats, g_object_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  gint64 now = g_get_real_time ();

  for (guint i = 0; i < n_chats; i++)
    g_ptr_array_add (chats, make_chat (rand, 1000000 + i, now, BUSINESS_ID, 100));
  mc_chat_store_merge (store, chats);

  return store;
}

static void
on_setup (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  gtk_list_item_set_child (item, mc_chat_row_new ());
}

static void
on_bind (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  user_data)
{
  mc_chat_row_set_chat (MC_CHAT_ROW (gtk_list_item_get_child (item)), gtk_list_item_get_item (item));
}

static void
on_unbind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  mc_chat_row_set_chat (MC_CHAT_ROW (gtk_list_item_get_child (item)), NULL);
}

typedef struct
{
  GtkWindow         *window;
  GtkScrolledWindow *scrolled;
  GdkFrameClock     *clock;
  gint64             shown_at;
  gint64             first_frame_at;
  gint64             frame_started_at;
  GArray            *page_times;    /* double, ms */
  GArray            *jump_times;
  gboolean           scrolling;
  guint              scroll_frames;
  double             step;
} Run;

static void
on_before_paint (GdkFrameClock *clock,
                 Run           *run)
{
  run->frame_started_at = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                Run           *run)
{
  gint64 now = g_get_monotonic_time ();

  if (run->first_frame_at == 0)
    run->first_frame_at = now;
  else if (run->scrolling && run->frame_started_at != 0 && run->scroll_frames > 0)
    {
      double ms = (now - run->frame_started_at) / 1000.0;

      g_array_append_val (run->scroll_frames <= N_PAGE_FRAMES ? run->page_times : run->jump_times, ms);
    }
}

static gboolean
on_scroll_tick (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Run *run = user_data;
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (run->scrolled);
  double page = gtk_adjustment_get_page_size (adj);
  double end = gtk_adjustment_get_upper (adj) - page;
  double value = gtk_adjustment_get_value (adj);

  if (value >= end || run->scroll_frames >= N_PAGE_FRAMES + N_JUMP_FRAMES * 2)
    {
      run->scrolling = FALSE;
      return G_SOURCE_REMOVE;
    }

  /* The list's height is an estimate that grows as rows are measured, so
   * the jumps follow what is left. */
  if (run->scroll_frames < N_PAGE_FRAMES)
    value += page;
  else
    value += MAX ((end - value) / MAX (N_PAGE_FRAMES + N_JUMP_FRAMES - run->scroll_frames, 1), page);
  gtk_adjustment_set_value (adj, MIN (value, end));
  run->scroll_frames++;

  return G_SOURCE_CONTINUE;
}

static GtkWindow *
make_window (McChatView         *view,
             GtkScrolledWindow **scrolled_out)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (view)));
  GtkWidget *list = gtk_list_view_new (GTK_SELECTION_MODEL (selection), factory);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind), NULL);
  /* Styled as the window's chat list is. */
  gtk_widget_add_css_class (list, "navigation-sidebar");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_window_set_child (window, scrolled);
  gtk_window_set_default_size (window, 400, 900);

  *scrolled_out = GTK_SCROLLED_WINDOW (scrolled);

  return window;
}

static gboolean renderer_named;

/* Milliseconds from show to the first painted frame; scrolls to the end
 * afterwards when @page_times and @jump_times are given. */
static double
measure (guint   n_chats,
         GArray *page_times,
         GArray *jump_times)
{
  g_autoptr(McChatStore) store = make_store (n_chats);
  g_autoptr(McChatView) view = mc_chat_view_new (store);
  Run run = { 0 };
  double first_frame_ms;

  mc_chat_view_set_mode (view, MC_CHAT_VIEW_MODE_ALL);
  run.window = make_window (view, &run.scrolled);
  run.page_times = page_times;
  run.jump_times = jump_times;

  /* The frame clock exists once the window is realized. */
  gtk_widget_realize (GTK_WIDGET (run.window));
  run.clock = gtk_widget_get_frame_clock (GTK_WIDGET (run.window));
  if (!renderer_named)
    {
      g_print ("# drawn by %s\n", G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (run.window))));
      renderer_named = TRUE;
    }
  g_signal_connect (run.clock, "before-paint", G_CALLBACK (on_before_paint), &run);
  g_signal_connect (run.clock, "after-paint", G_CALLBACK (on_after_paint), &run);

  run.shown_at = g_get_monotonic_time ();
  gtk_widget_show (GTK_WIDGET (run.window));
  while (run.first_frame_at == 0)
    g_main_context_iteration (NULL, TRUE);
  first_frame_ms = (run.first_frame_at - run.shown_at) / 1000.0;

  if (page_times != NULL)
    {
      run.scrolling = TRUE;
      gtk_widget_add_tick_callback (GTK_WIDGET (run.scrolled), on_scroll_tick, &run, NULL);
      while (run.scrolling)
        g_main_context_iteration (NULL, TRUE);
    }

  g_signal_handlers_disconnect_by_data (run.clock, &run);
  gtk_window_destroy (run.window);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  return first_frame_ms;
}


/* One chat row, in CPU time */

typedef struct
{
  gint64 painted;
  gint64 before_paint;
  gint64 after_layout;
  gint64 after_paint;
} RowFrame;

static gint64
thread_cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
on_row_before_paint (GdkFrameClock *clock,
                     RowFrame      *frame)
{
  frame->before_paint = thread_cpu_usec ();
}

static void
on_row_layout (GdkFrameClock *clock,
               RowFrame      *frame)
{
  frame->after_layout = thread_cpu_usec ();
}

static void
on_row_after_paint (GdkFrameClock *clock,
                    RowFrame      *frame)
{
  frame->after_paint = thread_cpu_usec ();
  frame->painted++;
}

static double median (double *values,
                      guint   n);

static void
measure_rows (double *bind_us,
              double *layout_us,
              double *paint_us)
{
  g_autoptr(McChatStore) store = make_store (N_BENCH_ROWS * 64);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *rows[N_BENCH_ROWS];
  double binds[N_BENCH_ROW_ROUNDS], layouts[N_BENCH_ROW_ROUNDS], paints[N_BENCH_ROW_ROUNDS];
  guint n_chats = g_list_model_get_n_items (G_LIST_MODEL (store));
  RowFrame frame = { 0 };
  GdkFrameClock *clock;

  for (guint i = 0; i < N_BENCH_ROWS; i++)
    {
      rows[i] = mc_chat_row_new ();
      gtk_box_append (GTK_BOX (box), rows[i]);
    }
  gtk_window_set_child (window, box);
  gtk_window_set_default_size (window, 400, -1);
  gtk_widget_realize (GTK_WIDGET (window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_row_before_paint), &frame);
  g_signal_connect_after (clock, "layout", G_CALLBACK (on_row_layout), &frame);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_row_after_paint), &frame);
  gtk_widget_show (GTK_WIDGET (window));
  while (frame.painted == 0)
    g_main_context_iteration (NULL, TRUE);

  for (guint round = 0; round <= N_BENCH_ROW_ROUNDS; round++)
    {
      gint64 painted = frame.painted;
      gint64 start = thread_cpu_usec ();
      gint64 bound;

      for (guint i = 0; i < N_BENCH_ROWS; i++)
        {
          g_autoptr(McChat) chat = g_list_model_get_item (G_LIST_MODEL (store),
                                                          (round * N_BENCH_ROWS + i) % n_chats);

          mc_chat_row_set_chat (MC_CHAT_ROW (rows[i]), chat);
        }
      bound = thread_cpu_usec ();
      while (frame.painted == painted)
        g_main_context_iteration (NULL, TRUE);

      /* The first round builds every layout: not a rebind. */
      if (round == 0)
        continue;
      binds[round - 1] = (double) (bound - start) / N_BENCH_ROWS;
      layouts[round - 1] = (double) (frame.after_layout - frame.before_paint) / N_BENCH_ROWS;
      paints[round - 1] = (double) (frame.after_paint - frame.after_layout) / N_BENCH_ROWS;
    }

  g_signal_handlers_disconnect_by_data (clock, &frame);
  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  *bind_us = median (binds, N_BENCH_ROW_ROUNDS);
  *layout_us = median (layouts, N_BENCH_ROW_ROUNDS);
  *paint_us = median (paints, N_BENCH_ROW_ROUNDS);
}


/* The main window */

static void
fail (const char   *what,
      const GError *error)
{
  g_printerr ("bench-ui: %s%s%s\n", what, error != NULL ? ": " : "", error != NULL ? error->message : "");
  exit (1);
}

static void
iterate_until (gboolean (*done) (gpointer),
               gpointer   data,
               const char *what)
{
  gint64 deadline = g_get_monotonic_time () + LOAD_TIMEOUT_USEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        fail (what, NULL);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
session_settled (gpointer data)
{
  McSession *session = data;

  /* Both demo cabinets in, with their chats and stores, and quiet. */
  return mc_session_get_state (session) == MC_SESSION_STATE_READY &&
         g_list_model_get_n_items (mc_session_get_cabinets (session)) == 2 &&
         g_list_model_get_n_items (G_LIST_MODEL (mc_session_get_chats (session))) > 0 &&
         g_list_model_get_n_items (G_LIST_MODEL (mc_session_get_stores (session))) > 0 &&
         !mc_sync_engine_get_syncing (mc_session_get_sync (session));
}

/* The demo session, its first cabinet's chats topped up to @n_chats in
 * all (and written to its cache, so the cache's writer is idle).  Its sync
 * engine is stopped once the demo has loaded: the figures are the
 * window's, not the network's. */
static McSession *
make_session (guint n_chats)
{
  g_autoptr(McSession) session = mc_session_new (NULL);
  McChatStore *store;
  g_autoptr(GPtrArray) extra = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GError) error = NULL;
  g_autoptr(McChat) model = NULL;
  McChatContext *context;
  GListModel *chats;
  gint64 now = g_get_real_time ();
  guint n_demo;

  if (!mc_session_start_demo (session, &error))
    fail ("starting the demo", error);
  iterate_until (session_settled, session, "the demo did not load");
  mc_sync_engine_stop (mc_session_get_sync (session));

  store = mc_session_get_chats (session);
  chats = G_LIST_MODEL (store);
  n_demo = g_list_model_get_n_items (chats);
  if (n_demo > n_chats)
    fail ("the demo holds more chats than asked for", NULL);

  /* The new chats go to the stores of the first demo chat's cabinet. */
  model = g_list_model_get_item (chats, 0);
  context = mc_chat_get_context (model);
  extra = g_ptr_array_new_full (n_chats - n_demo, g_object_unref);
  for (guint i = n_demo; i < n_chats; i++)
    g_ptr_array_add (extra, make_chat (rand, 900000000 + i, now, mc_chat_get_business_id (model),
                                       context != NULL ? mc_chat_context_get_campaign_id (context) : 0));
  mc_chat_store_merge (store, extra);
  if (g_list_model_get_n_items (chats) != n_chats)
    fail ("the store did not take the chats", NULL);
  if (!mc_cache_flush (mc_chat_store_get_cache (store, mc_chat_get_business_id (model)), &error))
    fail ("writing the cache", error);

  return g_steal_pointer (&session);
}

typedef struct
{
  GListModel *list_model;   /* what the chat list shows */
  GListModel *view;         /* all it can show */
  gint64      first_frame_at;
  gint64      all_rows_at;
} Frames;

static void
on_window_after_paint (GdkFrameClock *clock,
                       Frames        *frames)
{
  gint64 now = g_get_monotonic_time ();

  if (frames->first_frame_at == 0)
    frames->first_frame_at = now;
  if (frames->all_rows_at == 0 &&
      g_list_model_get_n_items (frames->list_model) == g_list_model_get_n_items (frames->view))
    frames->all_rows_at = now;
}

/* Milliseconds from showing the main window to its first frame and, in
 * @all_rows_ms, to the first frame whose chat list holds all the chats
 * (the window paints a screenful of them first). */
static double
measure_window (guint   n_chats,
                double *all_rows_ms)
{
  g_autoptr(McSession) session = make_session (n_chats);
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  Frames frames = { 0 };
  GdkFrameClock *clock;
  McWindow *window;
  GtkListView *list;
  gint64 shown_at;

  /* All stores, as on a first start. */
  g_settings_reset (settings, "last-selected-store");
  g_settings_set_int (settings, "window-width", 1100);
  g_settings_set_int (settings, "window-height", 900);
  window = mc_window_new (NULL, session, settings);
  list = GTK_LIST_VIEW (gtk_widget_get_template_child (
    GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), MC_TYPE_WINDOW, "chat_list")),
    MC_TYPE_CHAT_LIST, "chats_list"));
  frames.list_model = G_LIST_MODEL (gtk_list_view_get_model (list));
  /* The selection holds a slice of the window's view of the store. */
  frames.view = gtk_slice_list_model_get_model (GTK_SLICE_LIST_MODEL (
    gtk_single_selection_get_model (GTK_SINGLE_SELECTION (frames.list_model))));
  gtk_widget_realize (GTK_WIDGET (window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_window_after_paint), &frames);

  /* Whatever the session still has queued runs before the clock starts. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  shown_at = g_get_monotonic_time ();
  gtk_widget_show (GTK_WIDGET (window));

  while (frames.first_frame_at == 0 || frames.all_rows_at == 0)
    {
      if (g_get_monotonic_time () - shown_at > LOAD_TIMEOUT_USEC)
        fail ("the window did not show its chats", NULL);
      g_main_context_iteration (NULL, TRUE);
    }

  g_signal_handlers_disconnect_by_data (clock, &frames);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  *all_rows_ms = (frames.all_rows_at - shown_at) / 1000.0;

  return (frames.first_frame_at - shown_at) / 1000.0;
}

/* Opening a chat */

typedef struct
{
  McWindow  *window;
  GSettings *settings;
  gint64     order_chat_id;
  gint64     other_chat_id;
} OpenChat;

static gboolean
order_kept (gpointer data)
{
  McConversation *conversation = data;
  McChatTimeline *timeline = mc_conversation_get_timeline (conversation);

  return timeline != NULL && mc_chat_timeline_get_order (timeline) != NULL &&
         mc_chat_timeline_get_order_state (timeline) == MC_ORDER_STATE_READY;
}

static void
on_open_after_paint (GdkFrameClock *clock,
                     gint64        *painted_at)
{
  if (*painted_at == 0)
    *painted_at = g_get_monotonic_time ();
}

static void
iterate_for (guint msec)
{
  gint64 end = g_get_monotonic_time () + msec * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* A chat of @session with context @type (the first one), 0 if none. */
static gint64
find_chat (McSession     *session,
           McContextType  type)
{
  GListModel *chats = G_LIST_MODEL (mc_session_get_chats (session));

  for (guint i = 0; i < g_list_model_get_n_items (chats); i++)
    {
      g_autoptr(McChat) chat = g_list_model_get_item (chats, i);
      McChatContext *context = mc_chat_get_context (chat);

      if (context != NULL && mc_chat_context_get_context_type (context) == type &&
          (type != MC_CONTEXT_TYPE_ORDER || mc_chat_context_get_order_id (context) > 0))
        return mc_chat_get_chat_id (chat);
    }

  return 0;
}

/* The window on the demo, with an order chat whose order is in the cache
 * (fetched once, written) and a chat without an order. */
static void
open_chat_setup (OpenChat  *open,
                 McSession *session)
{
  McConversation *conversation;
  g_autoptr(GError) error = NULL;
  McChat *chat;

  open->order_chat_id = find_chat (session, MC_CONTEXT_TYPE_ORDER);
  open->other_chat_id = find_chat (session, MC_CONTEXT_TYPE_DIRECT);
  if (open->order_chat_id == 0 || open->other_chat_id == 0)
    fail ("the demo has no order chat or no direct chat", NULL);

  open->settings = g_settings_new (BASE_ID);
  g_settings_set_int (open->settings, "window-width", 1200);
  g_settings_set_int (open->settings, "window-height", 900);
  g_settings_set_boolean (open->settings, "order-panel-visible", TRUE);
  open->window = mc_window_new (NULL, session, open->settings);
  gtk_window_present (GTK_WINDOW (open->window));

  conversation = MC_CONVERSATION (gtk_widget_get_template_child (GTK_WIDGET (open->window), MC_TYPE_WINDOW,
                                                                 "conversation"));
  mc_window_open_chat (open->window, open->order_chat_id);
  iterate_until (order_kept, conversation, "the order of the order chat did not come");
  chat = mc_conversation_get_chat (conversation);
  if (!mc_cache_flush (mc_chat_store_get_cache (mc_session_get_chats (session),
                                                mc_chat_get_business_id (chat)), &error))
    fail ("writing the cache", error);
  mc_window_open_chat (open->window, open->other_chat_id);
  iterate_for (300);
}

/* Milliseconds from opening the order chat (from the other one) to the
 * first frame painted after, with the order card shown or hidden. */
static double
measure_open_chat (OpenChat *open,
                   gboolean  card)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (open->window));
  gint64 painted_at = 0;
  gint64 opened_at;

  g_settings_set_boolean (open->settings, "order-panel-visible", card);
  mc_window_open_chat (open->window, open->other_chat_id);
  iterate_for (300);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_open_after_paint), &painted_at);
  opened_at = g_get_monotonic_time ();
  mc_window_open_chat (open->window, open->order_chat_id);
  while (painted_at == 0)
    {
      if (g_get_monotonic_time () - opened_at > LOAD_TIMEOUT_USEC)
        fail ("the chat did not show", NULL);
      g_main_context_iteration (NULL, TRUE);
    }
  g_signal_handlers_disconnect_by_data (clock, &painted_at);
  iterate_for (300);

  return (painted_at - opened_at) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), (GCompareFunc) compare_doubles);

  return values[n / 2];
}

static void
percentiles (GArray *times,
             double *p95,
             double *max)
{
  g_array_sort (times, compare_doubles);
  *p95 = times->len > 0 ? g_array_index (times, double, (times->len * 95) / 100) : 0;
  *max = times->len > 0 ? g_array_index (times, double, times->len - 1) : 0;
}

static void
print_scroll_figures (GArray *page_times,
                      double  page_p95,
                      double  page_max,
                      GArray *jump_times,
                      double  jump_p95,
                      double  jump_max)
{
  g_print ("figure ui_scroll_frame_p95 %.1f ms (target <= 8; a page per frame, %u frames)\n",
           page_p95, page_times->len);
  g_print ("figure ui_scroll_frame_max %.1f ms\n", page_max);
  g_print ("figure ui_scroll_jump_frame_p95 %.1f ms (target <= 16.7; jumps to the end, %u frames)\n",
           jump_p95, jump_times->len);
  g_print ("figure ui_scroll_jump_frame_max %.1f ms\n", jump_max);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) page_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) jump_times = g_array_new (FALSE, FALSE, sizeof (double));
  double small[N_ROUNDS], large[N_ROUNDS];
  double small_all[N_ROUNDS], large_all[N_ROUNDS];
  double list_small[N_ROUNDS], list_large[N_ROUNDS];
  double small_ms, large_ms, list_small_ms, list_large_ms;
  double page_p95, page_max, jump_p95, jump_max;
  double row_bind, row_layout, row_paint;
  double with_card[N_ROUNDS * 2], without_card[N_ROUNDS * 2];
  double with_card_ms, without_card_ms;
  g_autoptr(McSession) open_session = NULL;
  OpenChat open = { 0 };
  g_autoptr(GtkCssProvider) provider = NULL;

  /* Demo timings of its own: no customer writes while frames are timed. */
  g_setenv ("MARKET_CHATS_DEMO_LIFE", "3600,3600", TRUE);
  g_setenv ("MARKET_CHATS_DEMO_CHATS", "40", TRUE);

  gtk_init ();
  adw_init ();
  /* As the app does before its first window. */
  mc_ui_choose_renderer (gdk_display_get_default ());
  mc_ui_ensure_resources ();

  /* What AdwApplication does for the app from its resource base path. */
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  /* Warm up: theme, CSS, fonts and templates load once per process. */
  measure (10, NULL, NULL);

  measure_rows (&row_bind, &row_layout, &row_paint);
  g_print ("figure ui_row_bind %.1f us (CPU, per row)\n", row_bind);
  g_print ("figure ui_row_layout %.1f us (CPU, per row)\n", row_layout);
  g_print ("figure ui_row_paint %.1f us (CPU, per row: snapshot and render)\n", row_paint);
  g_print ("figure ui_row_total %.1f us (CPU, per row)\n", row_bind + row_layout + row_paint);
  if (g_getenv ("MC_BENCH_UI_ROWS_ONLY") != NULL)
    return 0;
  if (g_getenv ("MC_BENCH_UI_SCROLL_ONLY") != NULL)
    {
      for (guint i = 0; i < 3; i++)
        measure (100000, page_times, jump_times);
      percentiles (page_times, &page_p95, &page_max);
      percentiles (jump_times, &jump_p95, &jump_max);
      print_scroll_figures (page_times, page_p95, page_max, jump_times, jump_p95, jump_max);
      return 0;
    }

  measure_window (100, &small_all[0]);

  /* The machine is shared, so the first-frame figures are medians, with
   * the two sizes interleaved. */
  for (guint i = 0; i < N_ROUNDS; i++)
    {
      small[i] = measure_window (100, &small_all[i]);
      large[i] = measure_window (100000, &large_all[i]);
      list_small[i] = measure (100, NULL, NULL);
      list_large[i] = measure (100000, i == 0 ? page_times : NULL, i == 0 ? jump_times : NULL);
      g_printerr ("# round %u: window %.1f / %.1f ms, list %.1f / %.1f ms\n",
                  i + 1, small[i], large[i], list_small[i], list_large[i]);
    }
  small_ms = median (small, N_ROUNDS);
  large_ms = median (large, N_ROUNDS);
  list_small_ms = median (list_small, N_ROUNDS);
  list_large_ms = median (list_large, N_ROUNDS);
  percentiles (page_times, &page_p95, &page_max);

  /* Opening a chat with its kept order card, and without the card; the
   * two interleaved, after a warm-up of each. */
  open_session = make_session (100);
  open_chat_setup (&open, open_session);
  measure_open_chat (&open, TRUE);
  measure_open_chat (&open, FALSE);
  for (guint i = 0; i < N_ROUNDS * 2; i++)
    {
      with_card[i] = measure_open_chat (&open, TRUE);
      without_card[i] = measure_open_chat (&open, FALSE);
      g_printerr ("# open chat %u: with the order card %.1f ms, without %.1f ms\n",
                  i + 1, with_card[i], without_card[i]);
    }
  with_card_ms = median (with_card, N_ROUNDS * 2);
  without_card_ms = median (without_card, N_ROUNDS * 2);
  gtk_window_destroy (GTK_WINDOW (open.window));
  g_clear_object (&open.settings);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  percentiles (jump_times, &jump_p95, &jump_max);

  g_print ("figure ui_first_frame_100k %.1f ms\n", large_ms);
  g_print ("figure ui_first_frame_100 %.1f ms\n", small_ms);
  g_print ("figure ui_first_frame_ratio %.2f x (target <= 1.2)\n", large_ms / small_ms);
  g_print ("figure ui_all_rows_100k %.1f ms\n", median (large_all, N_ROUNDS));
  g_print ("figure ui_all_rows_100 %.1f ms\n", median (small_all, N_ROUNDS));
  /* GTK 4.8's list view keeps about 200 rows alive: 100 chats build 100
   * rows, 100,000 build about 200, hence this ratio; the window paints a
   * screenful of rows first and builds the rest after its first frame. */
  g_print ("figure ui_list_first_frame_100k %.1f ms\n", list_large_ms);
  g_print ("figure ui_list_first_frame_100 %.1f ms\n", list_small_ms);
  g_print ("figure ui_list_first_frame_ratio %.2f x\n", list_large_ms / list_small_ms);
  print_scroll_figures (page_times, page_p95, page_max, jump_times, jump_p95, jump_max);
  g_print ("figure ui_open_chat_order_card %.1f ms\n", with_card_ms);
  g_print ("figure ui_open_chat_no_card %.1f ms\n", without_card_ms);
  g_print ("figure ui_open_chat_order_ratio %.2f x (target <= 1.1)\n", with_card_ms / without_card_ms);

  return 0;
}
