/* mc-fake-server.c: market-chats-fake-server, the fake Partner API on its
 * own, for trying a client or curl against it.  Its tokens are not secrets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "mc-fake-market.h"

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McFakeMarket) market = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  int port = 0;
  int chats = 0;
  gint64 seed = 1;
  gboolean life = FALSE;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, N_("Port to listen on (0 = any free port)"), N_("PORT") },
    { "chats", 'c', 0, G_OPTION_ARG_INT, &chats, N_("Number of chats to generate"), N_("N") },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, N_("Seed of the generated data"), N_("N") },
    { "life", 'l', 0, G_OPTION_ARG_NONE, &life, N_("Let a simulated customer write now and then"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("A fake Yandex Market Partner API on 127.0.0.1, with generated stores and chats."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  if (port < 0 || port > 65535 || chats < 0)
    {
      g_printerr ("%s\n", _("The port must be 0 to 65535 and the number of chats not negative."));
      return EXIT_FAILURE;
    }

  market = mc_fake_market_new ((guint64) seed, (guint) chats);
  if (!mc_fake_market_start (market, (guint) port, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (life)
    mc_fake_market_set_life (market, 20, 60);

  g_print (_("Listening on %s\n"), mc_fake_market_get_url (market));
  g_print (_("Business 1: %" G_GINT64_FORMAT ", business 2: %" G_GINT64_FORMAT "\n"),
           mc_fake_market_get_business_id (market, 1),
           mc_fake_market_get_business_id (market, 2));
  g_print (_("Api-Key, cabinet 1:          %s\n"), mc_fake_market_get_token (market, MC_FAKE_TOKEN_CABINET_1));
  g_print (_("Api-Key, cabinet 2:          %s\n"), mc_fake_market_get_token (market, MC_FAKE_TOKEN_CABINET_2));
  g_print (_("Api-Key, cabinet 1, read-only: %s\n"), mc_fake_market_get_token (market, MC_FAKE_TOKEN_READ_ONLY));
  g_print (_("OAuth (Bearer), cabinet 1:   %s\n"), mc_fake_market_get_token (market, MC_FAKE_TOKEN_OAUTH));
  g_print (_("Press Ctrl+C to stop.\n"));

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal, loop);
  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_main_loop_run (loop);

  mc_fake_market_stop (market);

  return EXIT_SUCCESS;
}
