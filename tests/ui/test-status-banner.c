/* test-status-banner.c: McStatusBanner on its own, following a demo
 * session against the fake Market.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mc-fake-market.h"
#include "mc-status-banner.h"
#include "ui-test-util.h"

#define WAIT_MSEC 15000
/* The client backs off before it calls the Market out of reach. */
#define OFFLINE_WAIT_MSEC 45000

typedef struct
{
  McSession      *session;
  McFakeMarket   *market;
  GtkWindow      *window;
  McStatusBanner *banner;
} Fixture;

static gpointer
banner_child (Fixture    *fixture,
              const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (fixture->banner),
                                                  MC_TYPE_STATUS_BANNER, name);

  g_assert_nonnull (child);

  return child;
}

static const char *
banner_text (Fixture *fixture)
{
  return gtk_label_get_label (banner_child (fixture, "banner_label"));
}

static const char *
banner_action (Fixture *fixture)
{
  GtkWidget *button = banner_child (fixture, "banner_button");

  if (!gtk_widget_get_visible (button))
    return NULL;

  return gtk_actionable_get_action_name (GTK_ACTIONABLE (button));
}

static gboolean
banner_shown (gpointer data)
{
  Fixture *fixture = data;

  return mc_status_banner_get_revealed (fixture->banner);
}

static gboolean
session_unreachable (gpointer data)
{
  Fixture *fixture = data;

  return !mc_session_get_reachable (fixture->session);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->session = ui_test_new_demo_session ();
  fixture->market = MC_FAKE_MARKET (mc_session_get_fake_market (fixture->session));
  fixture->banner = MC_STATUS_BANNER (mc_status_banner_new (fixture->session));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->banner));
  gtk_window_present (fixture->window);
  ui_test_run_for (100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  mc_fake_market_clear_faults (fixture->market);
  fixture->banner = NULL;
  ui_test_destroy_and_check (g_steal_pointer (&fixture->window),
                             g_steal_pointer (&fixture->session));
}

/* A refused key names its cabinet and leads to the key; a change of
 * cabinets (a new key) takes the notice away. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_assert_false (banner_shown (fixture));
  g_assert_true (mc_status_banner_get_session (fixture->banner) == fixture->session);

  mc_fake_market_inject_fault (fixture->market, "/chats", MC_FAKE_FAULT_STATUS, 401, 1000);
  mc_session_refresh (fixture->session);

  g_assert_true (ui_test_wait_until (banner_shown, fixture, WAIT_MSEC));
  g_assert_nonnull (strstr (banner_text (fixture), "refused"));
  g_assert_cmpstr (banner_action (fixture), ==, "app.preferences");

  mc_fake_market_clear_faults (fixture->market);
  g_list_model_items_changed (mc_session_get_cabinets (fixture->session), 0, 0, 0);
  g_assert_false (banner_shown (fixture));
}

/* Out of reach: says so, with when chats were last checked, and offers
 * Retry. */
static void
test_unreachable (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_assert_false (banner_shown (fixture));

  mc_fake_market_inject_fault (fixture->market, NULL, MC_FAKE_FAULT_DROP, 0, 100000);
  mc_session_refresh (fixture->session);

  g_assert_true (ui_test_wait_until (session_unreachable, fixture, OFFLINE_WAIT_MSEC));
  g_assert_true (banner_shown (fixture));
  g_assert_nonnull (strstr (banner_text (fixture), "The Market cannot be reached"));
  g_assert_nonnull (strstr (banner_text (fixture), "last checked"));
  g_assert_cmpstr (banner_action (fixture), ==, "win.refresh");
}

/* Without a session it shows nothing and follows nothing: the session it
 * followed before is let go. */
static void
test_session_replaced (Fixture       *fixture,
                       gconstpointer  user_data)
{
  mc_fake_market_inject_fault (fixture->market, "/chats", MC_FAKE_FAULT_STATUS, 401, 1000);
  mc_session_refresh (fixture->session);
  g_assert_true (ui_test_wait_until (banner_shown, fixture, WAIT_MSEC));

  mc_status_banner_set_session (fixture->banner, NULL);
  g_assert_false (banner_shown (fixture));
  g_assert_null (mc_status_banner_get_session (fixture->banner));

  mc_session_refresh (fixture->session);
  ui_test_run_for (1500);
  g_assert_false (banner_shown (fixture));

  /* Back on it, the refusal counts again only once the Market says so. */
  g_object_set (fixture->banner, "session", fixture->session, NULL);
  g_assert_false (banner_shown (fixture));
  mc_session_refresh (fixture->session);
  g_assert_true (ui_test_wait_until (banner_shown, fixture, WAIT_MSEC));
  g_assert_nonnull (strstr (banner_text (fixture), "refused"));
}

static void
add_test (const char *path,
          void      (*test) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, test, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  add_test ("/ui/status-banner/refused", test_refused);
  add_test ("/ui/status-banner/unreachable", test_unreachable);
  add_test ("/ui/status-banner/session-replaced", test_session_replaced);

  return g_test_run ();
}
