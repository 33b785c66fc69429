/* test-parse.c: Partner API JSON -> models, with spec-shaped samples, and
 * everything a broken or hostile body can do to the parsers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "mc-api-error.h"
#include "mc-api-parse.h"

#define LEN(s) strlen (s)

/* 2017-11-21T00:00:00+03:00 */
#define SPEC_DATE_USEC G_GINT64_CONSTANT (1511211600000000)

/* A chat as the spec's GetChatInfoDTO, with room for one field to change. */
#define CHAT(id, extra)                                                        \
  "{\"chatId\":" #id ",\"orderId\":1001,"                                     \
  "\"context\":{\"type\":\"ORDER\",\"customer\":{\"name\":\"Анна\","           \
  "\"publicId\":\"a" #id "\"},\"campaignId\":21,\"orderId\":1001},"            \
  "\"type\":\"CHAT\",\"status\":\"NEW\","                                      \
  "\"createdAt\":\"2017-11-21T00:00:00+03:00\","                               \
  "\"updatedAt\":\"2017-11-21T00:00:00+03:00\"" extra "}"

static GPtrArray *
new_rejected (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

static void
assert_rejected (GPtrArray  *rejected,
                 guint       index,
                 const char *expected)
{
  g_assert_cmpuint (index, <, rejected->len);
  g_assert_cmpstr (g_ptr_array_index (rejected, index), ==, expected);
}

/* Parses @json as a getChats body that must fail, and checks the message. */
static void
assert_chats_fail (const char *json,
                   const char *message)
{
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  g_assert_false (mc_api_parse_chats (json, LEN (json), 1, &chats, &token, NULL, &error));
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_PROTOCOL);
  g_assert_null (chats);
  g_assert_null (token);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static void
test_dates (void)
{
  static const struct {
    const char *text;
    gint64      usec;
  } good[] = {
    { "2017-11-21T00:00:00+03:00", SPEC_DATE_USEC },
    { "2017-11-20T21:00:00Z", SPEC_DATE_USEC },
    { "2017-11-20T21:00:00z", SPEC_DATE_USEC },
    { "2017-11-20t21:00:00+00:00", SPEC_DATE_USEC },
    { "2017-11-20 21:00:00-00:00", SPEC_DATE_USEC },
    { "2017-11-21T00:00:00+0300", SPEC_DATE_USEC },
    { "2017-11-21T00:00:00+03", SPEC_DATE_USEC },
    { "2017-11-20T16:30:00-04:30", SPEC_DATE_USEC },
    { "2017-11-20T21:00:00.213Z", SPEC_DATE_USEC + 213000 },
    { "2017-11-20T21:00:00.123456789Z", SPEC_DATE_USEC + 123456 },
    { "2017-11-20T21:00:00,5Z", SPEC_DATE_USEC + 500000 },
    { "1970-01-01T00:00:00Z", 0 },
    { "1969-12-31T23:59:59Z", -G_USEC_PER_SEC },
    { "2024-02-29T12:00:00+03:00", G_GINT64_CONSTANT (1709197200000000) },
    { "2000-02-29T00:00:00Z", G_GINT64_CONSTANT (951782400000000) },
    { "0001-01-01T00:00:00Z", G_GINT64_CONSTANT (-62135596800000000) },
    { "9999-12-31T23:59:59Z", G_GINT64_CONSTANT (253402300799000000) },
  };
  static const char * const bad[] = {
    "", "2017", "2017-11-21", "2017-11-21T00:00:00", "2017-11-21T00:00+03:00",
    "2017-13-01T00:00:00Z", "2017-00-01T00:00:00Z", "2017-11-31T00:00:00Z",
    "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2017-11-21T24:00:00Z",
    "2017-11-21T23:60:00Z", "2017-11-21T23:59:60Z", "2017-11-21T00:00:00+24:00",
    "2017-11-21T00:00:00+03:60", "2017-11-21T00:00:00.Z", "2017-11-21T00:00:00ZZ",
    "2017-11-21T00:00:00+03:00 ", " 2017-11-21T00:00:00Z", "0000-01-01T00:00:00Z",
    "2017-1-21T00:00:00Z", "2017-11-21X00:00:00Z", "2017-11-21T00:00:00+3:00",
    "2017-11-21T00:00:00+03:0", "２０１７-11-21T00:00:00Z", "-2017-11-21T00:00:00Z",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *formatted = NULL;
      gint64 usec = 0, again = 0;

      if (!mc_api_parse_date (good[i].text, &usec))
        g_error ("did not parse %s", good[i].text);
      g_assert_cmpint (usec, ==, good[i].usec);

      /* What is formatted parses back to the same instant. */
      formatted = mc_api_format_date (usec);
      g_assert_true (g_str_has_suffix (formatted, "+00:00"));
      g_assert_true (mc_api_parse_date (formatted, &again));
      g_assert_cmpint (again, ==, usec);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    if (mc_api_parse_date (bad[i], NULL))
      g_error ("parsed %s", bad[i]);

  {
    g_autofree char *text = mc_api_format_date (SPEC_DATE_USEC);
    g_autofree char *fraction = mc_api_format_date (SPEC_DATE_USEC + 5);
    g_autofree char *before_epoch = mc_api_format_date (-1);

    g_assert_cmpstr (text, ==, "2017-11-20T21:00:00+00:00");
    g_assert_cmpstr (fraction, ==, "2017-11-20T21:00:00.000005+00:00");
    g_assert_cmpstr (before_epoch, ==, "1969-12-31T23:59:59.999999+00:00");
  }
}

static void
test_chats_spec (void)
{
  const char *json =
    "{\n"
    "  \"status\": \"OK\",\n"
    "  \"result\": {\n"
    "    \"chats\": [\n"
    "      {\n"
    "        \"chatId\": 1001, \"orderId\": 5001,\n"
    "        \"context\": {\n"
    "          \"type\": \"ORDER\",\n"
    "          \"customer\": {\"name\": \"Анна Смирнова\", \"publicId\": \"b7f3\"},\n"
    "          \"campaignId\": 21000001, \"orderId\": 5001\n"
    "        },\n"
    "        \"type\": \"CHAT\", \"status\": \"WAITING_FOR_PARTNER\",\n"
    "        \"createdAt\": \"2017-11-21T00:00:00+03:00\",\n"
    "        \"updatedAt\": \"2017-11-21T10:30:00+03:00\"\n"
    "      },\n"
    "      {\n"
    "        \"chatId\": 1002,\n"
    "        \"context\": {\"type\": \"RETURN\", \"campaignId\": 21000002,\n"
    "                    \"orderId\": 5002, \"returnId\": 7002,\n"
    "                    \"customer\": null, \"future\": {\"a\": [1, 2.5e3, true, null]}},\n"
    "        \"type\": \"ARBITRAGE\", \"status\": \"WAITING_FOR_ARBITER\",\n"
    "        \"createdAt\": \"2017-11-21T00:00:00+03:00\",\n"
    "        \"updatedAt\": \"2017-11-21T00:00:00.5Z\",\n"
    "        \"somethingNew\": \"ignored\"\n"
    "      },\n"
    "      {\n"
    "        \"chatId\": 1003,\n"
    "        \"context\": {\"type\": \"DIRECT\", \"customer\": {\"name\": \"\\u0418\\u0432\\u0430\\u043d \\ud83d\\ude00\"}},\n"
    "        \"type\": \"CHAT\", \"status\": \"NEW\",\n"
    "        \"createdAt\": \"2017-11-21T00:00:00+03:00\",\n"
    "        \"updatedAt\": \"2017-11-21T00:00:00+03:00\"\n"
    "      }\n"
    "    ],\n"
    "    \"paging\": {\"nextPageToken\": \"eyBuZXh0SWQ6IDIzNDIgfQ==\"}\n"
    "  }\n"
    "}\n";
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GPtrArray) rejected = new_rejected ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  McChatContext *context;
  McChat *chat;

  g_assert_true (mc_api_parse_chats (json, LEN (json), 77, &chats, &token, rejected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (chats->len, ==, 3);
  g_assert_cmpuint (rejected->len, ==, 0);
  g_assert_cmpstr (token, ==, "eyBuZXh0SWQ6IDIzNDIgfQ==");

  chat = g_ptr_array_index (chats, 0);
  context = mc_chat_get_context (chat);
  g_assert_cmpint (mc_chat_get_chat_id (chat), ==, 1001);
  g_assert_cmpint (mc_chat_get_business_id (chat), ==, 77);
  g_assert_cmpint (mc_chat_get_chat_type (chat), ==, MC_CHAT_TYPE_CHAT);
  g_assert_cmpint (mc_chat_get_status (chat), ==, MC_CHAT_STATUS_WAITING_FOR_PARTNER);
  g_assert_cmpint (mc_chat_get_created_at (chat), ==, SPEC_DATE_USEC);
  g_assert_cmpint (mc_chat_get_updated_at (chat), ==, SPEC_DATE_USEC + G_GINT64_CONSTANT (37800000000));
  g_assert_cmpint (mc_chat_context_get_context_type (context), ==, MC_CONTEXT_TYPE_ORDER);
  g_assert_cmpint (mc_chat_context_get_campaign_id (context), ==, 21000001);
  g_assert_cmpint (mc_chat_context_get_order_id (context), ==, 5001);
  g_assert_cmpint (mc_chat_context_get_return_id (context), ==, 0);
  g_assert_cmpstr (mc_chat_get_customer_name (chat), ==, "Анна Смирнова");
  g_assert_cmpstr (mc_customer_get_public_id (mc_chat_context_get_customer (context)), ==, "b7f3");
  g_assert_true (mc_chat_needs_reply (chat));

  chat = g_ptr_array_index (chats, 1);
  context = mc_chat_get_context (chat);
  g_assert_cmpint (mc_chat_get_chat_type (chat), ==, MC_CHAT_TYPE_ARBITRAGE);
  g_assert_cmpint (mc_chat_get_status (chat), ==, MC_CHAT_STATUS_WAITING_FOR_ARBITER);
  g_assert_cmpint (mc_chat_get_updated_at (chat), ==, SPEC_DATE_USEC + G_GINT64_CONSTANT (10800500000));
  g_assert_cmpint (mc_chat_context_get_context_type (context), ==, MC_CONTEXT_TYPE_RETURN);
  g_assert_cmpint (mc_chat_context_get_return_id (context), ==, 7002);
  g_assert_null (mc_chat_context_get_customer (context));
  g_assert_null (mc_chat_get_customer_name (chat));

  chat = g_ptr_array_index (chats, 2);
  context = mc_chat_get_context (chat);
  g_assert_cmpint (mc_chat_context_get_context_type (context), ==, MC_CONTEXT_TYPE_DIRECT);
  g_assert_cmpint (mc_chat_get_campaign_id (chat), ==, 0);
  g_assert_cmpstr (mc_chat_get_customer_name (chat), ==, "Иван 😀");
  g_assert_null (mc_customer_get_public_id (mc_chat_context_get_customer (context)));
}

static void
test_chats_last_page (void)
{
  static const char * const docs[] = {
    "{\"status\":\"OK\",\"result\":{\"chats\":[]}}",
    "{\"status\":\"OK\",\"result\":{\"chats\":[],\"paging\":{}}}",
    "{\"status\":\"OK\",\"result\":{\"chats\":[],\"paging\":null}}",
    "{\"status\":\"OK\",\"result\":{\"chats\":[],\"paging\":{\"nextPageToken\":null}}}",
    "{\"status\":\"OK\",\"result\":{\"paging\":{\"nextPageToken\":\"\"},\"chats\":[]}}",
    " \t\r\n{\"result\":{\"chats\":[ ]}} \n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autoptr(GPtrArray) chats = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *token = NULL;

      g_assert_true (mc_api_parse_chats (docs[i], LEN (docs[i]), 1, &chats, &token, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (chats->len, ==, 0);
      g_assert_null (token);
    }
}

static void
test_chats_unknown_enums (void)
{
  const char *json =
    "{\"result\":{\"chats\":["
    "{\"chatId\":1,\"context\":{\"type\":\"MARKETPLACE_PROMO\"},"
    "\"type\":\"GROUP\",\"status\":\"WAITING_FOR_ROBOT\","
    "\"createdAt\":\"2017-11-21T00:00:00+03:00\",\"updatedAt\":\"2017-11-21T00:00:00+03:00\"},"
    "{\"chatId\":2,\"context\":{\"type\":\"\"},"
    "\"type\":\"" "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" "\",\"status\":\"new\","
    "\"createdAt\":\"2017-11-21T00:00:00+03:00\",\"updatedAt\":\"2017-11-21T00:00:00+03:00\"}"
    "]}}";
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_api_parse_chats (json, LEN (json), 1, &chats, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (chats->len, ==, 2);

  for (guint i = 0; i < chats->len; i++)
    {
      McChat *chat = g_ptr_array_index (chats, i);

      g_assert_cmpint (mc_chat_get_chat_type (chat), ==, MC_CHAT_TYPE_UNKNOWN);
      g_assert_cmpint (mc_chat_get_status (chat), ==, MC_CHAT_STATUS_UNKNOWN);
      g_assert_cmpint (mc_chat_context_get_context_type (mc_chat_get_context (chat)), ==, MC_CONTEXT_TYPE_UNKNOWN);
      g_assert_false (mc_chat_needs_reply (chat));
    }
}

static void
test_chats_broken_items (void)
{
  g_autofree char *huge = g_strnfill (70 * 1024, 'x');
  g_autofree char *json = g_strconcat (
    "{\"status\":\"OK\",\"result\":{\"chats\":[",
    CHAT (1, ""), ",",
    /* 1: wrong type */
    "{\"chatId\":\"2\",\"context\":{\"type\":\"ORDER\"}}", ",",
    CHAT (3, ""), ",",
    /* 3: missing createdAt */
    "{\"chatId\":4,\"context\":{\"type\":\"ORDER\"},\"type\":\"CHAT\",\"status\":\"NEW\",\"updatedAt\":\"2017-11-21T00:00:00Z\"}", ",",
    /* 4: negative id, nested value still unread behind it */
    "{\"chatId\":-5,\"context\":{\"type\":\"ORDER\",\"x\":[[{}]]}}", ",",
    /* 5: a date that does not parse */
    CHAT (6, ",\"createdAt\":\"2017-02-30T00:00:00Z\""), ",",
    /* 6: a huge name */
    "{\"chatId\":7,\"context\":{\"type\":\"ORDER\",\"customer\":{\"name\":\"", huge, "\"}}}", ",",
    /* 7: invalid UTF-8 in a name */
    "{\"chatId\":8,\"context\":{\"type\":\"ORDER\",\"customer\":{\"name\":\"\xD0\x90\xFF\"}}}", ",",
    /* 8: not an object */
    "null", ",",
    /* 9: missing context type, deep inside */
    "{\"chatId\":10,\"context\":{\"campaignId\":3}}", ",",
    /* 10: fraction where an integer belongs */
    CHAT (11, ",\"chatId\":11.0"), ",",
    /* 11: an integer too large */
    "{\"chatId\":99999999999999999999}", ",",
    /* 12: invalid UTF-8 in a field nobody reads */
    CHAT (13, ",\"note\":\"\xC0\xAF\""), ",",
    /* 13: a lone surrogate */
    CHAT (14, ",\"context\":{\"type\":\"ORDER\",\"customer\":{\"name\":\"\\udc00\"}}"), ",",
    /* 14: a NUL character */
    CHAT (15, ",\"context\":{\"type\":\"ORDER\",\"customer\":{\"name\":\"a\\u0000b\"}}"), ",",
    /* 15: zero id */
    CHAT (0, ""), ",",
    CHAT (17, ""),
    "],\"paging\":{\"nextPageToken\":\"next\"}}}",
    NULL);
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GPtrArray) rejected = new_rejected ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *huge_reason = NULL;

  g_assert_true (mc_api_parse_chats (json, LEN (json), 1, &chats, &token, rejected, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "next");

  g_assert_cmpuint (chats->len, ==, 3);
  g_assert_cmpint (mc_chat_get_chat_id (g_ptr_array_index (chats, 0)), ==, 1);
  g_assert_cmpint (mc_chat_get_chat_id (g_ptr_array_index (chats, 1)), ==, 3);
  g_assert_cmpint (mc_chat_get_chat_id (g_ptr_array_index (chats, 2)), ==, 17);

  g_assert_cmpuint (rejected->len, ==, 14);
  assert_rejected (rejected, 0, "result.chats[1].chatId: expected an integer, found a string");
  assert_rejected (rejected, 1, "result.chats[3]: missing required field \"createdAt\"");
  assert_rejected (rejected, 2, "result.chats[4].chatId: expected an id of at least 1, found -5");
  assert_rejected (rejected, 3, "result.chats[5].createdAt: expected an ISO 8601 date with offset, found \"2017-02-30T00:00:00Z\"");
  huge_reason = g_strdup_printf ("result.chats[6].context.customer.name: string longer than %d bytes", 16 * 1024);
  assert_rejected (rejected, 4, huge_reason);
  assert_rejected (rejected, 5, "result.chats[7].context.customer.name: string is not valid UTF-8");
  assert_rejected (rejected, 6, "result.chats[8]: expected an object, found null");
  assert_rejected (rejected, 7, "result.chats[9].context: missing required field \"type\"");
  assert_rejected (rejected, 8, "result.chats[10].chatId: expected an integer, found 11.0");
  assert_rejected (rejected, 9, "result.chats[11].chatId: integer out of range");
  assert_rejected (rejected, 10, "result.chats[12].note: string is not valid UTF-8");
  assert_rejected (rejected, 11, "result.chats[13].context.customer.name: string holds an unpaired surrogate");
  assert_rejected (rejected, 12, "result.chats[14].context.customer.name: string holds a NUL character");
  assert_rejected (rejected, 13, "result.chats[15].chatId: expected an id of at least 1, found 0");

  /* Without a place to report them, broken chats are still skipped. */
  g_clear_pointer (&chats, g_ptr_array_unref);
  g_assert_true (mc_api_parse_chats (json, LEN (json), 1, &chats, NULL, NULL, &error));
  g_assert_cmpuint (chats->len, ==, 3);
}

static void
test_chats_duplicates (void)
{
  const char *json = "{\"result\":{\"chats\":[" CHAT (1, ",\"chatId\":2,\"status\":\"FINISHED\"") "]}}";
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GError) error = NULL;

  /* The last of repeated members wins. */
  g_assert_true (mc_api_parse_chats (json, LEN (json), 1, &chats, NULL, NULL, &error));
  g_assert_cmpuint (chats->len, ==, 1);
  g_assert_cmpint (mc_chat_get_chat_id (g_ptr_array_index (chats, 0)), ==, 2);
  g_assert_cmpint (mc_chat_get_status (g_ptr_array_index (chats, 0)), ==, MC_CHAT_STATUS_FINISHED);
}

static void
test_chats_shape_errors (void)
{
  assert_chats_fail ("", "document: unexpected end of the document (at byte 0)");
  assert_chats_fail ("[]", "document: expected an object, found an array");
  assert_chats_fail ("\"result\"", "document: expected an object, found a string");
  assert_chats_fail ("{}", "document: missing required field \"result\"");
  assert_chats_fail ("{\"status\":\"OK\"}", "document: missing required field \"result\"");
  assert_chats_fail ("{\"result\":null}", "result: expected an object, found null");
  assert_chats_fail ("{\"result\":{}}", "result: missing required field \"chats\"");
  assert_chats_fail ("{\"result\":{\"chats\":{}}}", "result.chats: expected an array, found an object");
  assert_chats_fail ("{\"result\":{\"chats\":null}}", "result.chats: expected an array, found null");
  assert_chats_fail ("{\"result\":{\"chats\":[],\"paging\":{\"nextPageToken\":5}}}",
                     "result.paging.nextPageToken: expected a string, found a number");
  assert_chats_fail ("{\"result\":{\"chats\":[]},\"result\":{\"chats\":[]}}", "result: duplicate member");
  assert_chats_fail ("{\"result\":{\"chats\":[]}} x", "document: unexpected data after the document (at byte 24)");
  assert_chats_fail ("{\"result\":{\"chats\":[]}}{}", NULL);
  assert_chats_fail ("{\"result\":{\"chats\":[" CHAT (1, ""), NULL);
  assert_chats_fail ("{\"result\":{\"chats\":[" CHAT (1, "") ",]}}", NULL);
  assert_chats_fail ("{\"result\":{\"chats\":[],}}", "result: expected a member name (at byte 22)");
  assert_chats_fail ("{\"result\":{\"chats\":[1 2]}}", "result.chats[0]: expected ',' or ']' (at byte 22)");
  assert_chats_fail ("{'result':{}}", NULL);
  assert_chats_fail ("{\"result\":{\"chats\":[01]}}", NULL);
  assert_chats_fail ("{\"result\":{\"chats\":[-]}}", NULL);
  assert_chats_fail ("{\"result\":{\"chats\":[1.]}}", NULL);
  assert_chats_fail ("{\"result\":{\"chats\":[NaN]}}", NULL);
  assert_chats_fail ("{\"result\":{\"chats\":[tru]}}", NULL);
  assert_chats_fail ("{\"result\":{\"chats\":[\"a\tb\"]}}", NULL);
  assert_chats_fail ("{\"result\":{\"chats\":[\"\\x\"]}}", NULL);
  assert_chats_fail ("{\"result\":{\"chats\":[\"\\u12\"]}}", NULL);
  assert_chats_fail ("{\"result\":{\"chats\":[\"abc", NULL);
  assert_chats_fail ("{\"result\" {\"chats\":[]}}", NULL);
  assert_chats_fail ("/* comment */ {\"result\":{\"chats\":[]}}", NULL);
  assert_chats_fail ("\xEF\xBB\xBF{\"result\":{\"chats\":[]}}", NULL);
  /* Invalid UTF-8 outside any list item fails the whole body. */
  assert_chats_fail ("{\"status\":\"\xFF\",\"result\":{\"chats\":[]}}", "status: string is not valid UTF-8");
  assert_chats_fail ("{\"st\xFF\":1,\"result\":{\"chats\":[]}}", "document: member name is not valid UTF-8");
}

static void
test_chats_embedded_nul (void)
{
  const char json[] = "{\"result\":{\"chats\":[]}}\0garbage";
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GError) error = NULL;

  /* The length is what counts, not a terminator. */
  g_assert_false (mc_api_parse_chats (json, sizeof json - 1, 1, &chats, NULL, NULL, &error));
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_PROTOCOL);
  g_clear_error (&error);

  g_assert_true (mc_api_parse_chats (json, strlen (json), 1, &chats, NULL, NULL, &error));
  g_assert_no_error (error);
}

static GString *
nested (const char *prefix,
        guint       depth,
        const char *suffix)
{
  GString *json = g_string_new (prefix);

  for (guint i = 0; i < depth; i++)
    g_string_append (json, i % 2 ? "{\"a\":" : "[");
  g_string_append (json, "1");
  for (guint i = depth; i > 0; i--)
    g_string_append (json, (i - 1) % 2 ? "}" : "]");
  g_string_append (json, suffix);

  return json;
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) fine = nested ("{\"result\":{\"chats\":[],\"x\":", 50, "}}");
  g_autoptr(GString) deep = nested ("{\"result\":{\"chats\":[],\"x\":", 100000, "}}");
  g_autoptr(GString) in_chat = nested ("{\"result\":{\"chats\":[" CHAT (1, ",\"x\":"), 200, "]}}");
  g_autoptr(GString) unclosed = g_string_new ("{\"result\":{\"chats\":[");
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_api_parse_chats (fine->str, fine->len, 1, &chats, NULL, NULL, &error));
  g_assert_no_error (error);

  assert_chats_fail (deep->str, NULL);
  assert_chats_fail (in_chat->str, NULL);

  g_assert_false (mc_api_parse_chats (deep->str, deep->len, 1, &chats, NULL, NULL, &error));
  g_assert_true (strstr (error->message, "nested deeper than 64 levels") != NULL);

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (unclosed, '[');
  assert_chats_fail (unclosed->str, NULL);
}

static void
test_chat (void)
{
  const char *json = "{\"status\":\"OK\",\"result\":" CHAT (5, "") "}";
  const char *broken = "{\"status\":\"OK\",\"result\":" CHAT (5, ",\"status\":7") "}";
  g_autoptr(McChat) chat = NULL;
  g_autoptr(GError) error = NULL;

  chat = mc_api_parse_chat (json, LEN (json), 9, &error);
  g_assert_no_error (error);
  g_assert_nonnull (chat);
  g_assert_cmpint (mc_chat_get_chat_id (chat), ==, 5);
  g_assert_cmpint (mc_chat_get_business_id (chat), ==, 9);
  g_assert_cmpstr (mc_chat_get_customer_name (chat), ==, "Анна");
  g_clear_object (&chat);

  chat = mc_api_parse_chat (broken, LEN (broken), 9, &error);
  g_assert_null (chat);
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_PROTOCOL);
  g_assert_cmpstr (error->message, ==, "result.status: expected a string, found a number");
  g_clear_error (&error);

  chat = mc_api_parse_chat ("{\"status\":\"OK\"}", 15, 9, &error);
  g_assert_null (chat);
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_PROTOCOL);
}

#define MESSAGE(id, sender, extra)                                             \
  "{\"messageId\":" #id ",\"createdAt\":\"2017-11-21T00:00:00+03:00\","        \
  "\"sender\":\"" sender "\"" extra "}"

static void
test_history (void)
{
  g_autofree char *path = g_strnfill (2001, 'u');
  g_autofree char *long_url = g_strconcat ("https://example.com/", path, NULL);
  g_autofree char *json = g_strconcat (
    "{\"status\":\"OK\",\"result\":{\"orderId\":1,"
    "\"context\":{\"type\":\"ORDER\",\"customer\":{\"name\":\"Пётр\",\"publicId\":\"p\"},\"campaignId\":21,\"orderId\":1},"
    "\"messages\":[",
    MESSAGE (10, "CUSTOMER", ",\"message\":\"Здравствуйте!\\nГде заказ?\""), ",",
    MESSAGE (11, "PARTNER", ",\"message\":\"Добрый день\",\"payload\":null"), ",",
    MESSAGE (12, "CUSTOMER", ",\"payload\":[{\"name\":\"photo.jpg\",\"url\":\"https://example.com/1\",\"size\":2048},"
                             "{\"name\":\"big.pdf\",\"url\":\"https://example.com/2\",\"size\":-1},"
                             "{\"name\":\"doc.pdf\",\"url\":\"https://example.com/3\",\"size\":10}]"), ",",
    MESSAGE (13, "CUSTOMER", ""), ",",
    MESSAGE (14, "ROBOT", ",\"message\":\"?\""), ",",
    "{\"messageId\":15,\"sender\":\"MARKET\"}", ",",
    "{\"messageId\":16,\"createdAt\":\"2017-11-21T00:00:00+03:00\",\"sender\":\"SUPPORT\","
    "\"payload\":[{\"name\":\"x\",\"url\":\"", long_url, "\",\"size\":1},"
    "{\"name\":\"y\",\"url\":\"\",\"size\":1},{\"url\":\"https://e/\",\"size\":1}]}", ",",
    MESSAGE (17, "MARKET", ",\"message\":12"),
    "],\"paging\":{\"nextPageToken\":\"p2\"}}}",
    NULL);
  g_autoptr(McChatContext) context = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) rejected = new_rejected ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *url_reason = NULL;
  GListModel *attachments;
  McMessage *message;

  g_assert_true (mc_api_parse_history (json, LEN (json), 42, &context, &messages, &token, rejected, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "p2");

  g_assert_nonnull (context);
  g_assert_cmpint (mc_chat_context_get_campaign_id (context), ==, 21);
  g_assert_cmpstr (mc_customer_get_name (mc_chat_context_get_customer (context)), ==, "Пётр");

  g_assert_cmpuint (messages->len, ==, 6);

  message = g_ptr_array_index (messages, 0);
  g_assert_cmpint (mc_message_get_message_id (message), ==, 10);
  g_assert_cmpint (mc_message_get_chat_id (message), ==, 42);
  g_assert_cmpint (mc_message_get_created_at (message), ==, SPEC_DATE_USEC);
  g_assert_cmpint (mc_message_get_sender (message), ==, MC_SENDER_CUSTOMER);
  g_assert_cmpint (mc_message_get_state (message), ==, MC_MESSAGE_STATE_SENT);
  g_assert_cmpstr (mc_message_get_text (message), ==, "Здравствуйте!\nГде заказ?");
  g_assert_cmpuint (g_list_model_get_n_items (mc_message_get_attachments (message)), ==, 0);

  message = g_ptr_array_index (messages, 1);
  g_assert_cmpint (mc_message_get_sender (message), ==, MC_SENDER_PARTNER);
  g_assert_cmpuint (g_list_model_get_n_items (mc_message_get_attachments (message)), ==, 0);

  /* A broken attachment costs only itself. */
  message = g_ptr_array_index (messages, 2);
  g_assert_null (mc_message_get_text (message));
  attachments = mc_message_get_attachments (message);
  g_assert_cmpuint (g_list_model_get_n_items (attachments), ==, 2);
  {
    g_autoptr(McAttachment) first = g_list_model_get_item (attachments, 0);
    g_autoptr(McAttachment) second = g_list_model_get_item (attachments, 1);

    g_assert_cmpstr (mc_attachment_get_name (first), ==, "photo.jpg");
    g_assert_cmpstr (mc_attachment_get_url (first), ==, "https://example.com/1");
    g_assert_cmpint (mc_attachment_get_size (first), ==, 2048);
    g_assert_cmpstr (mc_attachment_get_name (second), ==, "doc.pdf");
  }

  /* Neither text nor files: a sticker. */
  message = g_ptr_array_index (messages, 3);
  g_assert_cmpint (mc_message_get_message_id (message), ==, 13);
  g_assert_null (mc_message_get_text (message));

  message = g_ptr_array_index (messages, 4);
  g_assert_cmpint (mc_message_get_sender (message), ==, MC_SENDER_UNKNOWN);

  message = g_ptr_array_index (messages, 5);
  g_assert_cmpint (mc_message_get_message_id (message), ==, 16);
  g_assert_cmpuint (g_list_model_get_n_items (mc_message_get_attachments (message)), ==, 0);

  g_assert_cmpuint (rejected->len, ==, 6);
  assert_rejected (rejected, 0, "result.messages[2].payload[1].size: expected a size of at least 0, found -1");
  assert_rejected (rejected, 1, "result.messages[5]: missing required field \"createdAt\"");
  url_reason = g_strdup_printf ("result.messages[6].payload[0].url: expected a URL of 1 to %d characters", 2000);
  assert_rejected (rejected, 2, url_reason);
  assert_rejected (rejected, 3, "result.messages[6].payload[1].url: expected a URL of 1 to 2000 characters");
  assert_rejected (rejected, 4, "result.messages[6].payload[2]: missing required field \"name\"");
  assert_rejected (rejected, 5, "result.messages[7].message: expected a string, found a number");
}

/* Dates a local time zone would push out of what GDateTime can show. */
static void
test_dates_out_of_range (void)
{
  g_autofree char *chats_json = g_strconcat (
    "{\"status\":\"OK\",\"result\":{\"chats\":[",
    CHAT (1, ",\"createdAt\":\"0001-01-01T00:00:00+03:00\""), ",",
    CHAT (2, ",\"updatedAt\":\"9999-12-31T23:59:59-05:00\""), ",",
    CHAT (3, ",\"updatedAt\":\"1969-12-31T23:59:59Z\""), ",",
    CHAT (4, ""),
    "],\"paging\":{}}}",
    NULL);
  g_autofree char *history_json = g_strconcat (
    "{\"status\":\"OK\",\"result\":{\"messages\":[",
    "{\"messageId\":10,\"createdAt\":\"9999-12-31T23:59:59Z\",\"sender\":\"CUSTOMER\",\"message\":\"a\"}", ",",
    MESSAGE (11, "CUSTOMER", ",\"message\":\"b\""),
    "],\"paging\":{}}}",
    NULL);
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(McChatContext) context = NULL;
  g_autoptr(GPtrArray) rejected = new_rejected ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  g_assert_true (mc_api_parse_chats (chats_json, LEN (chats_json), 1, &chats, &token, rejected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (chats->len, ==, 1);
  g_assert_cmpint (mc_chat_get_chat_id (g_ptr_array_index (chats, 0)), ==, 4);
  g_assert_cmpuint (rejected->len, ==, 3);
  assert_rejected (rejected, 0, "result.chats[0].createdAt: date out of range (1970 to 2999), found \"0001-01-01T00:00:00+03:00\"");
  assert_rejected (rejected, 1, "result.chats[1].updatedAt: date out of range (1970 to 2999), found \"9999-12-31T23:59:59-05:00\"");
  assert_rejected (rejected, 2, "result.chats[2].updatedAt: date out of range (1970 to 2999), found \"1969-12-31T23:59:59Z\"");

  g_ptr_array_set_size (rejected, 0);
  g_clear_pointer (&token, g_free);
  g_assert_true (mc_api_parse_history (history_json, LEN (history_json), 42, &context, &messages, &token, rejected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_cmpuint (rejected->len, ==, 1);
  assert_rejected (rejected, 0, "result.messages[0].createdAt: date out of range (1970 to 2999), found \"9999-12-31T23:59:59Z\"");
}

static void
test_history_context (void)
{
  const char *without = "{\"result\":{\"messages\":[]}}";
  const char *broken = "{\"result\":{\"context\":{\"type\":[]},\"messages\":[" MESSAGE (1, "PARTNER", "") "]}}";
  const char *no_messages = "{\"result\":{\"context\":{\"type\":\"DIRECT\"}}}";
  g_autoptr(McChatContext) context = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) rejected = new_rejected ();
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_api_parse_history (without, LEN (without), 1, &context, &messages, NULL, rejected, &error));
  g_assert_null (context);
  g_assert_cmpuint (messages->len, ==, 0);
  g_clear_pointer (&messages, g_ptr_array_unref);

  /* A broken context costs only the context. */
  g_assert_true (mc_api_parse_history (broken, LEN (broken), 1, &context, &messages, NULL, rejected, &error));
  g_assert_no_error (error);
  g_assert_null (context);
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_cmpuint (rejected->len, ==, 1);
  assert_rejected (rejected, 0, "result.context.type: expected a string, found an array");

  g_assert_false (mc_api_parse_history (no_messages, LEN (no_messages), 1, &context, NULL, NULL, NULL, &error));
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_PROTOCOL);
  g_assert_cmpstr (error->message, ==, "result: missing required field \"messages\"");
  g_assert_null (context);
}

static void
test_message (void)
{
  const char *json = "{\"status\":\"OK\",\"result\":"
                     MESSAGE (77, "CUSTOMER", ",\"message\":\"Спасибо\",\"payload\":[{\"name\":\"a.png\",\"url\":\"https://e/a\",\"size\":1},{\"name\":1}]")
                     "}";
  const char *broken = "{\"status\":\"OK\",\"result\":{\"messageId\":0}}";
  g_autoptr(McMessage) message = NULL;
  g_autoptr(GError) error = NULL;

  message = mc_api_parse_message (json, LEN (json), 3, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mc_message_get_message_id (message), ==, 77);
  g_assert_cmpint (mc_message_get_chat_id (message), ==, 3);
  g_assert_cmpstr (mc_message_get_text (message), ==, "Спасибо");
  g_assert_cmpuint (g_list_model_get_n_items (mc_message_get_attachments (message)), ==, 1);
  g_clear_object (&message);

  message = mc_api_parse_message (broken, LEN (broken), 3, &error);
  g_assert_null (message);
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_PROTOCOL);
  g_assert_cmpstr (error->message, ==, "result.messageId: expected an id of at least 1, found 0");
}

static void
test_campaigns (void)
{
  const char *json =
    "{\"campaigns\":["
    "{\"domain\":\"Дом и сад\",\"id\":21000001,\"clientId\":5,"
    "\"business\":{\"id\":777,\"name\":\"ИП Петров\"},\"placementType\":\"FBS\",\"apiAvailability\":\"AVAILABLE\"},"
    "{\"domain\":\"\",\"id\":21000002,\"business\":{\"id\":777},\"placementType\":\"SUPER\",\"apiAvailability\":null},"
    "{\"domain\":\"no business\",\"id\":21000003},"
    "{\"id\":21000004,\"business\":{\"name\":\"no id\"}},"
    "{\"domain\":\"no id\",\"business\":{\"id\":777}},"
    "{\"id\":21000006,\"business\":{\"id\":778},\"placementType\":\"DBS\",\"apiAvailability\":\"DISABLED_BY_INACTIVITY\"}"
    "],\"pager\":{\"total\":6,\"from\":1,\"to\":6},\"paging\":{\"nextPageToken\":\"c2\"}}";
  g_autoptr(GPtrArray) campaigns = NULL;
  g_autoptr(GPtrArray) rejected = new_rejected ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *display = NULL;
  const char *wrapped = "{\"status\":\"OK\",\"result\":{\"campaigns\":[]}}";
  McCampaign *campaign;

  g_assert_true (mc_api_parse_campaigns (json, LEN (json), &campaigns, &token, rejected, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "c2");
  g_assert_cmpuint (campaigns->len, ==, 3);

  campaign = g_ptr_array_index (campaigns, 0);
  g_assert_cmpint (mc_campaign_get_id (campaign), ==, 21000001);
  g_assert_cmpstr (mc_campaign_get_domain (campaign), ==, "Дом и сад");
  g_assert_cmpint (mc_campaign_get_business_id (campaign), ==, 777);
  g_assert_cmpstr (mc_campaign_get_business_name (campaign), ==, "ИП Петров");
  g_assert_cmpint (mc_campaign_get_placement_type (campaign), ==, MC_PLACEMENT_TYPE_FBS);
  g_assert_cmpint (mc_campaign_get_api_availability (campaign), ==, MC_API_AVAILABILITY_AVAILABLE);

  campaign = g_ptr_array_index (campaigns, 1);
  display = mc_campaign_dup_display_name (campaign);
  g_assert_null (mc_campaign_get_domain (campaign));
  g_assert_cmpstr (display, ==, "Store 21000002");
  g_assert_cmpint (mc_campaign_get_placement_type (campaign), ==, MC_PLACEMENT_TYPE_UNKNOWN);
  g_assert_cmpint (mc_campaign_get_api_availability (campaign), ==, MC_API_AVAILABILITY_UNKNOWN);

  campaign = g_ptr_array_index (campaigns, 2);
  g_assert_cmpint (mc_campaign_get_api_availability (campaign), ==, MC_API_AVAILABILITY_DISABLED_BY_INACTIVITY);

  g_assert_cmpuint (rejected->len, ==, 3);
  assert_rejected (rejected, 0, "campaigns[2]: missing required field \"business\"");
  assert_rejected (rejected, 1, "campaigns[3].business: missing required field \"id\"");
  assert_rejected (rejected, 2, "campaigns[4]: missing required field \"id\"");

  g_clear_pointer (&campaigns, g_ptr_array_unref);
  g_clear_pointer (&token, g_free);
  g_assert_false (mc_api_parse_campaigns (wrapped, LEN (wrapped),
                                          &campaigns, &token, NULL, &error));
  g_assert_error (error, MC_API_ERROR, MC_API_ERROR_PROTOCOL);
  g_assert_cmpstr (error->message, ==, "document: missing required field \"campaigns\"");
  g_assert_null (campaigns);
  g_clear_error (&error);

  g_assert_true (mc_api_parse_campaigns ("{\"campaigns\":[]}", 16, &campaigns, &token, NULL, &error));
  g_assert_cmpuint (campaigns->len, ==, 0);
  g_assert_null (token);
}

static void
test_token_info (void)
{
  const char *json = "{\"status\":\"OK\",\"result\":{\"apiKey\":{\"name\":\"Чаты\","
                     "\"authScopes\":[\"COMMUNICATION\",\"ALL_METHODS_READ_ONLY\",\"SOMETHING_NEW\"]}}}";
  const char *empty = "{\"status\":\"OK\",\"result\":{\"apiKey\":{\"name\":\"k\",\"authScopes\":[]}}}";
  static const struct {
    const char *json;
    const char *message;
  } bad[] = {
    { "{\"status\":\"OK\",\"result\":{\"apiKey\":{\"name\":\"k\"}}}", "result.apiKey: missing required field \"authScopes\"" },
    { "{\"status\":\"OK\",\"result\":{\"apiKey\":{\"authScopes\":[]}}}", "result.apiKey: missing required field \"name\"" },
    { "{\"status\":\"OK\",\"result\":{\"apiKey\":{\"name\":\"k\",\"authScopes\":[1]}}}", "result.apiKey.authScopes[0]: expected a string, found a number" },
    { "{\"status\":\"OK\",\"result\":{\"apiKey\":{\"name\":\"k\",\"authScopes\":null}}}", "result.apiKey.authScopes: expected an array, found null" },
    { "{\"status\":\"OK\",\"result\":{}}", "result: missing required field \"apiKey\"" },
  };
  g_auto(GStrv) scopes = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_api_parse_token_info (json, LEN (json), &name, &scopes, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Чаты");
  g_assert_cmpuint (g_strv_length (scopes), ==, 3);
  g_assert_true (g_strv_contains ((const char * const *) scopes, "COMMUNICATION"));
  g_assert_true (g_strv_contains ((const char * const *) scopes, "SOMETHING_NEW"));
  g_clear_pointer (&scopes, g_strfreev);
  g_clear_pointer (&name, g_free);

  g_assert_true (mc_api_parse_token_info (empty, LEN (empty), NULL, &scopes, &error));
  g_assert_nonnull (scopes);
  g_assert_null (scopes[0]);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(GStrv) bad_scopes = NULL;
      g_autofree char *bad_name = NULL;

      g_assert_false (mc_api_parse_token_info (bad[i].json, LEN (bad[i].json), &bad_name, &bad_scopes, &error));
      g_assert_error (error, MC_API_ERROR, MC_API_ERROR_PROTOCOL);
      g_assert_cmpstr (error->message, ==, bad[i].message);
      g_assert_null (bad_name);
      g_assert_null (bad_scopes);
      g_clear_error (&error);
    }
}

static void
test_new_chat (void)
{
  static const char * const bad[] = {
    "{\"status\":\"OK\",\"result\":{}}",
    "{\"status\":\"OK\",\"result\":{\"chatId\":0}}",
    "{\"status\":\"OK\",\"result\":{\"chatId\":\"5\"}}",
    "{\"status\":\"OK\"}",
  };
  const char *json = "{\"status\":\"OK\",\"result\":{\"chatId\":9223372036854775807}}";
  g_autoptr(GError) error = NULL;
  gint64 chat_id = 0;

  g_assert_true (mc_api_parse_new_chat (json, LEN (json), &chat_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (chat_id, ==, G_MAXINT64);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (mc_api_parse_new_chat (bad[i], LEN (bad[i]), &chat_id, &error));
      g_assert_error (error, MC_API_ERROR, MC_API_ERROR_PROTOCOL);
      g_clear_error (&error);
    }
}

static void
test_status_ok (void)
{
  static const char * const good[] = {
    "{\"status\":\"OK\"}",
    " {\"result\":null,\"status\":\"OK\",\"extra\":[1]} ",
  };
  static const struct {
    const char *json;
    const char *message;
    int         code;
  } bad[] = {
    /* A 2xx saying ERROR: the Market's own words. */
    { "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"X\",\"message\":\"no <b>such</b> chat\"}]}",
      "X: no <b>such</b> chat", MC_API_ERROR_PROTOCOL },
    { "{\"status\":\"ERROR\"}", "status: expected \"OK\", found \"ERROR\"", MC_API_ERROR_PROTOCOL },
    { "{}", "document: missing required field \"status\"", MC_API_ERROR_PROTOCOL },
    { "{\"status\":null}", "status: expected a string, found null", MC_API_ERROR_PROTOCOL },
    { "OK", NULL, MC_API_ERROR_PROTOCOL },
    { "", NULL, MC_API_ERROR_PROTOCOL },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (mc_api_parse_status_ok (good[i], LEN (good[i]), &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (mc_api_parse_status_ok (bad[i].json, LEN (bad[i].json), &error));
      g_assert_error (error, MC_API_ERROR, bad[i].code);
      if (bad[i].message != NULL)
        g_assert_cmpstr (error->message, ==, bad[i].message);
      g_clear_error (&error);
    }
}

static void
test_error_body (void)
{
  static const struct {
    const char *json;
    const char *expected;
  } cases[] = {
    { "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"BAD_REQUEST\",\"message\":\"limit must be less than or equal to 20\"}]}",
      "BAD_REQUEST: limit must be less than or equal to 20" },
    { "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"Токен\\nнедействителен\"},{\"code\":\"X\"}]}",
      "UNAUTHORIZED: Токен недействителен; X" },
    { "{\"errors\":[{\"message\":\"no code\"},{\"code\":\"LIMIT_EXCEEDED\",\"message\":\"m\",\"details\":{}}]}",
      "LIMIT_EXCEEDED: m" },
    { "{\"status\":\"ERROR\",\"errors\":[]}", NULL },
    { "{\"status\":\"ERROR\",\"errors\":null}", NULL },
    { "{\"status\":\"ERROR\"}", NULL },
    { "{\"status\":\"ERROR\",\"errors\":[{\"code\":1}]}", NULL },
    { "<html>Bad Gateway</html>", NULL },
    { "", NULL },
    { "{\"errors\":[{\"code\":\"A\"}]", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = mc_api_parse_error_body (cases[i].json, LEN (cases[i].json));

      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  /* A flood of errors is cut short, entries past the cut being still read. */
  {
    g_autoptr(GString) many = g_string_new ("{\"errors\":[");
    g_autofree char *text = NULL;
    g_auto(GStrv) parts = NULL;

    for (guint i = 0; i < 40; i++)
      g_string_append_printf (many, "%s{\"code\":\"E%u\"}", i > 0 ? "," : "", i);
    g_string_append (many, ",{\"code\":\"\xFF\"}]}");

    text = mc_api_parse_error_body (many->str, many->len);
    parts = g_strsplit (text, "; ", -1);
    g_assert_cmpuint (g_strv_length (parts), ==, 16);
    g_assert_cmpstr (parts[15], ==, "E15");
  }
}

static void
test_error_describe (void)
{
  static const McApiErrorCode codes[] = {
    MC_API_ERROR_INVALID_REQUEST, MC_API_ERROR_UNAUTHORIZED, MC_API_ERROR_FORBIDDEN,
    MC_API_ERROR_NOT_FOUND, MC_API_ERROR_RATE_LIMITED, MC_API_ERROR_SERVER,
    MC_API_ERROR_NETWORK, MC_API_ERROR_TIMEOUT, MC_API_ERROR_PROTOCOL,
    MC_API_ERROR_TOO_LARGE, MC_API_ERROR_INVALID_INPUT,
  };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (MC_API_ERROR, codes[i], "CODE_X: the API's words");
      g_autofree char *text = mc_api_error_describe (error);

      /* The API's own words are kept, and each code reads differently. */
      g_assert_true (g_str_has_suffix (text, "(CODE_X: the API's words)"));
      g_assert_false (g_hash_table_contains (seen, text));
      g_hash_table_add (seen, g_steal_pointer (&text));
    }

  {
    g_autoptr(GError) error = g_error_new_literal (MC_API_ERROR, MC_API_ERROR_UNAUTHORIZED,
                                                   "UNAUTHORIZED: Api-Key is invalid");
    g_autoptr(GError) bare = g_error_new_literal (MC_API_ERROR, MC_API_ERROR_NETWORK, "");
    g_autoptr(GError) io = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "Permission denied");
    g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
    g_autofree char *text = mc_api_error_describe (error);
    g_autofree char *bare_text = mc_api_error_describe (bare);
    g_autofree char *io_text = mc_api_error_describe (io);
    g_autofree char *cancelled_text = mc_api_error_describe (cancelled);

    g_assert_cmpstr (text, ==, "The API key was not accepted. Check it in Preferences. (UNAUTHORIZED: Api-Key is invalid)");
    g_assert_cmpstr (bare_text, ==, "No connection to the Market. Check the network.");
    g_assert_cmpstr (io_text, ==, "Something went wrong. (Permission denied)");
    g_assert_true (g_str_has_prefix (cancelled_text, "The request was cancelled."));
  }
}

/* Inputs that once broke a parser (from fuzzing): each must be handled,
 * by success or a clean error, by every parser. */
static void
test_regressions (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "model", "regressions", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n_files = 0;

  g_assert_nonnull (dir);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *data = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &data, &length, &error));

      {
        g_autoptr(GPtrArray) list = NULL;
        g_autoptr(GPtrArray) rejected = new_rejected ();
        g_autoptr(GError) parse_error = NULL;
        g_autofree char *token = NULL;

        if (!mc_api_parse_chats (data, length, 1, &list, &token, rejected, &parse_error))
          g_assert_error (parse_error, MC_API_ERROR, MC_API_ERROR_PROTOCOL);
        else
          g_assert_nonnull (list);
      }

      {
        g_autoptr(McChatContext) context = NULL;
        g_autoptr(GPtrArray) list = NULL;
        g_autoptr(GPtrArray) rejected = new_rejected ();
        g_autoptr(GError) parse_error = NULL;

        if (!mc_api_parse_history (data, length, 1, &context, &list, NULL, rejected, &parse_error))
          g_assert_error (parse_error, MC_API_ERROR, MC_API_ERROR_PROTOCOL);
        else
          g_assert_nonnull (list);
      }

      {
        g_autoptr(GPtrArray) list = NULL;
        g_autoptr(GError) parse_error = NULL;

        if (!mc_api_parse_campaigns (data, length, &list, NULL, NULL, &parse_error))
          g_assert_error (parse_error, MC_API_ERROR, MC_API_ERROR_PROTOCOL);
      }

      {
        g_autoptr(McChat) chat = mc_api_parse_chat (data, length, 1, NULL);
        g_autoptr(McMessage) message = mc_api_parse_message (data, length, 1, NULL);
        g_autofree char *body = mc_api_parse_error_body (data, length);
        g_auto(GStrv) scopes = NULL;
        gint64 chat_id;

        mc_api_parse_token_info (data, length, NULL, &scopes, NULL);
        mc_api_parse_new_chat (data, length, &chat_id, NULL);
        mc_api_parse_status_ok (data, length, NULL);
        if (body != NULL)
          g_assert_true (g_utf8_validate (body, -1, NULL));
        if (chat != NULL)
          g_assert_cmpint (mc_chat_get_chat_id (chat), >=, 1);
        if (message != NULL)
          g_assert_cmpint (mc_message_get_message_id (message), >=, 1);
      }

      n_files++;
    }

  g_assert_cmpuint (n_files, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/parse/dates", test_dates);
  g_test_add_func ("/parse/chats/spec", test_chats_spec);
  g_test_add_func ("/parse/chats/last-page", test_chats_last_page);
  g_test_add_func ("/parse/chats/unknown-enums", test_chats_unknown_enums);
  g_test_add_func ("/parse/chats/broken-items", test_chats_broken_items);
  g_test_add_func ("/parse/chats/duplicates", test_chats_duplicates);
  g_test_add_func ("/parse/chats/shape-errors", test_chats_shape_errors);
  g_test_add_func ("/parse/chats/embedded-nul", test_chats_embedded_nul);
  g_test_add_func ("/parse/deep-nesting", test_deep_nesting);
  g_test_add_func ("/parse/chat", test_chat);
  g_test_add_func ("/parse/history", test_history);
  g_test_add_func ("/parse/history/context", test_history_context);
  g_test_add_func ("/parse/dates-out-of-range", test_dates_out_of_range);
  g_test_add_func ("/parse/message", test_message);
  g_test_add_func ("/parse/campaigns", test_campaigns);
  g_test_add_func ("/parse/token-info", test_token_info);
  g_test_add_func ("/parse/new-chat", test_new_chat);
  g_test_add_func ("/parse/status-ok", test_status_ok);
  g_test_add_func ("/parse/error-body", test_error_body);
  g_test_add_func ("/parse/error-describe", test_error_describe);
  g_test_add_func ("/parse/regressions", test_regressions);

  return g_test_run ();
}
