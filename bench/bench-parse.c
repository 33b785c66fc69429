/* bench-parse.c: how fast a getChats page of 100,000 chats becomes McChat
 * objects, and how much memory each chat then holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <malloc.h>

#include "mc-api-parse.h"

#define N_CHATS 100000
#define N_RUNS  5

static const char * const first_names[] = {
  "Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана",
  "Александр", "Дмитрий", "Сергей", "Андрей", "Алексей", "Максим", "Иван", "Михаил",
};

static const char * const last_initials[] = {
  "А.", "Б.", "В.", "Г.", "Д.", "Е.", "Ж.", "З.", "И.", "К.", "Л.", "М.",
};

static const char * const statuses[] = {
  "NEW", "WAITING_FOR_CUSTOMER", "WAITING_FOR_PARTNER", "WAITING_FOR_ARBITER",
  "WAITING_FOR_MARKET", "FINISHED",
};

static void
append_date (GString *out,
             gint64   unix_seconds)
{
  /* The Market writes Moscow time with its offset. */
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GTimeZone) msk = g_time_zone_new_offset (3 * 3600);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, msk);
  g_autofree char *text = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");

  g_string_append_printf (out, "\"%s\"", text);
}

static GString *
build_document (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20251114);
  GString *doc = g_string_sized_new (N_CHATS * 400);

  g_string_append (doc, "{\"status\":\"OK\",\"result\":{\"chats\":[");

  for (guint i = 0; i < N_CHATS; i++)
    {
      guint kind = g_rand_int_range (rand, 0, 10);
      gint64 created = 1735689600 + g_rand_int_range (rand, 0, 300 * 86400);
      gint64 order_id = 400000000 + g_rand_int_range (rand, 0, 99999999);

      if (i > 0)
        g_string_append_c (doc, ',');

      g_string_append_printf (doc, "{\"chatId\":%u,", 10000000 + i);
      if (kind < 6)
        g_string_append_printf (doc, "\"orderId\":%" G_GINT64_FORMAT ",", order_id);

      g_string_append_printf (doc, "\"context\":{\"type\":\"%s\",\"customer\":{\"name\":\"%s %s\",\"publicId\":\"%08x%04x\"}",
                              kind < 6 ? "ORDER" : kind < 8 ? "RETURN" : "DIRECT",
                              first_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (first_names))],
                              last_initials[g_rand_int_range (rand, 0, G_N_ELEMENTS (last_initials))],
                              g_rand_int (rand), g_rand_int_range (rand, 0, 0xFFFF));
      if (kind < 9)
        g_string_append_printf (doc, ",\"campaignId\":%d", 21000000 + g_rand_int_range (rand, 0, 4));
      if (kind < 8)
        g_string_append_printf (doc, ",\"orderId\":%" G_GINT64_FORMAT, order_id);
      if (kind == 6 || kind == 7)
        g_string_append_printf (doc, ",\"returnId\":%d", 9000000 + g_rand_int_range (rand, 0, 999999));

      g_string_append_printf (doc, "},\"type\":\"%s\",\"status\":\"%s\",\"createdAt\":",
                              g_rand_int_range (rand, 0, 50) == 0 ? "ARBITRAGE" : "CHAT",
                              statuses[g_rand_int_range (rand, 0, G_N_ELEMENTS (statuses))]);
      append_date (doc, created);
      g_string_append (doc, ",\"updatedAt\":");
      append_date (doc, created + g_rand_int_range (rand, 0, 7 * 86400));
      g_string_append_c (doc, '}');
    }

  g_string_append (doc, "],\"paging\":{\"nextPageToken\":\"eyJuZXh0SWQiOjEwMDAwMH0\"}}}");

  return doc;
}

/* Everything malloc has handed out, in the heap and in mmapped blocks. */
static gsize
allocated_bytes (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GString) doc = build_document ();
  double best = G_MAXDOUBLE;
  gsize before, held;

  /* Bytes held, measured on the first parse: later g_slice keeps the memory
   * of freed chats cached and a difference would look smaller than it is.
   * Held is what malloc has handed out (heap and mmapped blocks) after the
   * parse minus before it, the document being there both times: the GObject
   * instances (g_slice in GLib 2.74 takes its chunks from malloc), contexts,
   * customers, strings and the array of pointers all count; malloc's own
   * per-chunk overhead does not. */
  before = allocated_bytes ();
  if (!mc_api_parse_chats (doc->str, doc->len, 1, &chats, &token, NULL, &error))
    g_error ("%s", error->message);
  held = allocated_bytes () - before;
  g_assert_cmpuint (chats->len, ==, N_CHATS);

  for (guint run = 0; run < N_RUNS; run++)
    {
      gint64 start;
      double seconds;

      g_clear_pointer (&chats, g_ptr_array_unref);
      g_clear_pointer (&token, g_free);

      start = g_get_monotonic_time ();
      if (!mc_api_parse_chats (doc->str, doc->len, 1, &chats, &token, NULL, &error))
        g_error ("%s", error->message);
      seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

      best = MIN (best, seconds);
      g_assert_cmpuint (chats->len, ==, N_CHATS);
    }

  g_print ("document: %" G_GSIZE_FORMAT " bytes, %u chats, best of %d runs: %.3f s\n",
           doc->len, N_CHATS, N_RUNS, best);
  g_print ("figure parse_chats_per_second %.0f chats/s (target >= 300000)\n",
           N_CHATS / best);
  g_print ("figure parse_bytes_per_chat %.0f bytes (target <= 400)\n",
           (double) held / N_CHATS);

  return 0;
}
