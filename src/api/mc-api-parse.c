/* mc-api-parse.c: Partner API JSON -> models, following the OpenAPI schemas
 * (GetChatsResponse, ChatMessagesResultDTO, GetCampaignsResponse, ...).
 *
 * Required fields and types are checked; what the schemas allow to grow
 * (enums, extra fields) is accepted.  A broken item of a list costs only
 * that item, so one odd chat never hides the seller's other chats.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "mc-api-error.h"
#include "mc-api-parse.h"
#include "mc-api-parse-private.h"
#include "mc-json-reader.h"

/* A message is at most 4,096 characters; anything else the API sends is a
 * name, a code or a token.  Generous caps, so that only nonsense is refused. */
#define MAX_TEXT_BYTES    (64 * 1024)
#define MAX_STRING_BYTES  (16 * 1024)
#define MAX_URL_CHARS     2000
#define MAX_ENUM_BYTES    64
#define MAX_ERROR_ENTRIES 16

#define KEY_IS(literal) \
  (key_len == sizeof (literal) - 1 && memcmp (key, literal, sizeof (literal) - 1) == 0)

/* Dates ------------------------------------------------------------------ */

static gboolean
take_digits (const char **p,
             const char  *end,
             guint        n,
             int         *out)
{
  int value = 0;

  if ((gsize)(end - *p) < n)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      char c = (*p)[i];

      if (c < '0' || c > '9')
        return FALSE;
      value = value * 10 + (c - '0');
    }

  *p += n;
  *out = value;
  return TRUE;
}

static int
days_in_month (int year,
               int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

  return month == 2 && leap ? 29 : days[month - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil), valid far beyond the years 1..9999 accepted here. */
static gint64
days_from_civil (gint64 year,
                 int    month,
                 int    day)
{
  gint64 era, yoe, doy, doe;

  year -= month <= 2;
  era = (year >= 0 ? year : year - 399) / 400;
  yoe = year - era * 400;
  doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  days,
                 gint64 *year,
                 int    *month,
                 int    *day)
{
  gint64 era, doe, yoe, doy, mp;

  days += 719468;
  era = (days >= 0 ? days : days - 146096) / 146097;
  doe = days - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;

  *day = (int)(doy - (153 * mp + 2) / 5 + 1);
  *month = (int)(mp < 10 ? mp + 3 : mp - 9);
  *year = yoe + era * 400 + (*month <= 2);
}

/* 1970-01-01T00:00:00Z and 3000-01-01T00:00:00Z */
#define MIN_DATE_USEC G_GINT64_CONSTANT (0)
#define MAX_DATE_USEC G_GINT64_CONSTANT (32503680000000000)

/* Runs once per chat and message, so it is written out by hand rather than
 * going through GDateTime. */
static gboolean
parse_date_len (const char *str,
                gsize       len,
                gint64     *out_usec)
{
  const char *p = str;
  const char *end = str + len;
  int year, month, day, hour, minute, second;
  int usec = 0, offset = 0;
  gint64 seconds;

  if (!take_digits (&p, end, 4, &year) || p >= end || *p++ != '-' ||
      !take_digits (&p, end, 2, &month) || p >= end || *p++ != '-' ||
      !take_digits (&p, end, 2, &day))
    return FALSE;

  if (p >= end || (*p != 'T' && *p != 't' && *p != ' '))
    return FALSE;
  p++;

  if (!take_digits (&p, end, 2, &hour) || p >= end || *p++ != ':' ||
      !take_digits (&p, end, 2, &minute) || p >= end || *p++ != ':' ||
      !take_digits (&p, end, 2, &second))
    return FALSE;

  if (p < end && (*p == '.' || *p == ','))
    {
      int scale = 100000;
      const char *digits = ++p;

      while (p < end && *p >= '0' && *p <= '9')
        {
          usec += (*p - '0') * scale;
          scale /= 10;
          p++;
        }

      if (p == digits)
        return FALSE;
    }

  if (p < end && (*p == 'Z' || *p == 'z'))
    p++;
  else if (p < end && (*p == '+' || *p == '-'))
    {
      int sign = *p++ == '-' ? -1 : 1;
      int off_hour, off_minute = 0;

      if (!take_digits (&p, end, 2, &off_hour))
        return FALSE;
      if (p < end && *p == ':')
        {
          p++;
          if (!take_digits (&p, end, 2, &off_minute))
            return FALSE;
        }
      else if (p < end && !take_digits (&p, end, 2, &off_minute))
        return FALSE;

      if (off_hour > 23 || off_minute > 59)
        return FALSE;

      offset = sign * (off_hour * 3600 + off_minute * 60);
    }
  else
    return FALSE;

  if (p != end)
    return FALSE;

  if (year < 1 || month < 1 || month > 12 ||
      day < 1 || day > days_in_month (year, month) ||
      hour > 23 || minute > 59 || second > 59)
    return FALSE;

  seconds = days_from_civil (year, month, day) * 86400 +
            hour * 3600 + minute * 60 + second - offset;
  *out_usec = seconds * G_USEC_PER_SEC + usec;

  return TRUE;
}

gboolean
mc_api_parse_date (const char *str,
                   gint64     *out_usec)
{
  gint64 usec;

  g_return_val_if_fail (str != NULL, FALSE);

  if (!parse_date_len (str, strlen (str), &usec))
    return FALSE;

  if (out_usec != NULL)
    *out_usec = usec;

  return TRUE;
}

char *
mc_api_format_date (gint64 usec)
{
  gint64 seconds = usec / G_USEC_PER_SEC;
  gint64 fraction = usec % G_USEC_PER_SEC;
  gint64 days, year;
  int month, day, in_day;

  if (fraction < 0)
    {
      fraction += G_USEC_PER_SEC;
      seconds--;
    }

  days = seconds / 86400;
  in_day = (int)(seconds % 86400);
  if (in_day < 0)
    {
      in_day += 86400;
      days--;
    }

  civil_from_days (days, &year, &month, &day);

  if (fraction != 0)
    return g_strdup_printf ("%04" G_GINT64_FORMAT "-%02d-%02dT%02d:%02d:%02d.%06d+00:00",
                            year, month, day,
                            in_day / 3600, in_day / 60 % 60, in_day % 60,
                            (int) fraction);

  return g_strdup_printf ("%04" G_GINT64_FORMAT "-%02d-%02dT%02d:%02d:%02d+00:00",
                          year, month, day,
                          in_day / 3600, in_day / 60 % 60, in_day % 60);
}

/* Values ----------------------------------------------------------------- */

/* The longest prefix of at most @max bytes that ends on a character. */
static int
utf8_prefix (const char *str,
             gsize       len,
             gsize       max)
{
  if (len <= max)
    return (int) len;

  while (max > 0 && ((guchar)str[max] & 0xC0) == 0x80)
    max--;

  return (int) max;
}

static gboolean
read_id (McJsonReader *r,
         gint64       *out)
{
  gint64 value;

  if (!mc_json_reader_read_int64 (r, &value))
    return FALSE;

  if (value < 1)
    {
      mc_json_reader_fail (r, "expected an id of at least 1, found %" G_GINT64_FORMAT, value);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

/* An absent id and a null one are the same: 0. */
static gboolean
read_optional_id (McJsonReader *r,
                  gint64       *out)
{
  if (mc_json_reader_read_null (r))
    {
      *out = 0;
      return TRUE;
    }

  return read_id (r, out);
}

/* A null or empty string is NULL; a previous value is replaced. */
static gboolean
read_optional_string (McJsonReader  *r,
                      gsize          max_bytes,
                      char         **out)
{
  const char *str;
  gsize len;

  g_clear_pointer (out, g_free);

  if (mc_json_reader_read_null (r))
    return TRUE;

  if (!mc_json_reader_read_slice (r, max_bytes, &str, &len))
    return FALSE;

  if (len > 0)
    *out = g_strndup (str, len);

  return TRUE;
}

static gboolean
read_date (McJsonReader *r,
           gint64       *out)
{
  const char *str;
  gsize len;

  if (!mc_json_reader_read_slice (r, MAX_STRING_BYTES, &str, &len))
    return FALSE;

  if (!parse_date_len (str, len, out))
    {
      mc_json_reader_fail (r, "expected an ISO 8601 date with offset, found \"%.*s\"",
                           utf8_prefix (str, len, 40), str);
      return FALSE;
    }

  /* Near year 1 or 9999 a local time zone pushes a date out of what
   * GDateTime can show; no chat is older than Unix time or 975 years
   * ahead. */
  if (*out < MIN_DATE_USEC || *out >= MAX_DATE_USEC)
    {
      mc_json_reader_fail (r, "date out of range (1970 to 2999), found \"%.*s\"",
                           utf8_prefix (str, len, 40), str);
      return FALSE;
    }

  return TRUE;
}

/* Copies an enum's spelling into @buf for the mc_*_from_string() functions;
 * an absurdly long one is left empty, which no enum spells. */
static gboolean
read_enum_name (McJsonReader *r,
                char          buf[MAX_ENUM_BYTES])
{
  const char *str;
  gsize len;

  buf[0] = '\0';

  if (!mc_json_reader_read_slice (r, MAX_STRING_BYTES, &str, &len))
    return FALSE;

  if (len >= MAX_ENUM_BYTES)
    len = 0;
  memcpy (buf, str, len);
  buf[len] = '\0';

  return TRUE;
}

/* Where the schema allows null, null is UNKNOWN, as is an absent value. */
static gboolean
read_optional_enum_name (McJsonReader *r,
                         char          buf[MAX_ENUM_BYTES])
{
  buf[0] = '\0';

  if (mc_json_reader_read_null (r))
    return TRUE;

  return read_enum_name (r, buf);
}

static gboolean
fail_missing (McJsonReader *r,
              const char   *field)
{
  mc_json_reader_fail (r, "missing required field \"%s\"", field);
  return FALSE;
}

/* @have holds bit i for each @names[i] that was read. */
static gboolean
check_required (McJsonReader      *r,
                guint              have,
                const char * const names[],
                guint              n_names)
{
  for (guint i = 0; i < n_names; i++)
    if ((have & (1u << i)) == 0)
      return fail_missing (r, names[i]);

  return TRUE;
}

/* An object of which only member @name matters: @read_member reads its
 * first occurrence, everything else is skipped; fails when it is missing. */
static gboolean
parse_required_member (McJsonReader *r,
                       const char   *name,
                       gboolean    (*read_member) (McJsonReader *r,
                                                   gpointer      user_data),
                       gpointer      user_data)
{
  gboolean have = FALSE;
  const char *key;
  gsize key_len;

  if (!mc_json_reader_enter_object (r))
    return FALSE;

  while (mc_json_reader_next_member (r, &key, &key_len))
    {
      gboolean ok;

      if (!have && key_len == strlen (name) && memcmp (key, name, key_len) == 0)
        {
          ok = read_member (r, user_data);
          have = TRUE;
        }
      else
        ok = mc_json_reader_skip (r);

      if (!ok)
        return FALSE;
    }

  if (mc_json_reader_failed (r))
    return FALSE;

  if (!have)
    return fail_missing (r, name);

  return TRUE;
}

/* Skips the rest of a broken list item (the list being at @depth) and files
 * the reason.  FALSE when the document itself is broken. */
static gboolean
reject (McJsonReader *r,
        guint         depth,
        GPtrArray    *rejected)
{
  char *reason = NULL;

  if (!mc_json_reader_recover (r, depth, &reason))
    return FALSE;

  g_debug ("Skipping a broken object: %s", reason);

  if (rejected != NULL)
    g_ptr_array_add (rejected, reason);
  else
    g_free (reason);

  return TRUE;
}

typedef gpointer (*ParseItemFunc) (McJsonReader *r,
                                   gpointer      user_data);

/* Appends each item of a JSON array to @items; a broken item is skipped
 * and its reason filed in @rejected. */
static gboolean
parse_list (McJsonReader  *r,
            ParseItemFunc  parse_item,
            gpointer       user_data,
            GPtrArray     *items,
            GPtrArray     *rejected)
{
  guint depth;

  if (!mc_json_reader_enter_array (r))
    return FALSE;

  depth = mc_json_reader_get_depth (r);

  while (mc_json_reader_next_element (r))
    {
      gpointer item = parse_item (r, user_data);

      if (item != NULL)
        g_ptr_array_add (items, item);
      else if (!reject (r, depth, rejected))
        return FALSE;
    }

  return !mc_json_reader_failed (r);
}

/* PackagingForwardScrollingPagerDTO; an empty token is the last page. */
static gboolean
parse_paging (McJsonReader  *r,
              char         **out_token)
{
  const char *key;
  gsize key_len;

  g_clear_pointer (out_token, g_free);

  if (mc_json_reader_read_null (r))
    return TRUE;

  if (!mc_json_reader_enter_object (r))
    return FALSE;

  while (mc_json_reader_next_member (r, &key, &key_len))
    {
      if (KEY_IS ("nextPageToken"))
        {
          if (!read_optional_string (r, MAX_STRING_BYTES, out_token))
            return FALSE;
        }
      else if (!mc_json_reader_skip (r))
        return FALSE;
    }

  return !mc_json_reader_failed (r);
}

static gboolean
finish (McJsonReader  *r,
        GError       **error)
{
  gboolean ok;

  if (!mc_json_reader_failed (r))
    mc_json_reader_end (r);

  ok = !mc_json_reader_failed (r);
  if (!ok && error != NULL)
    {
      /* A 2xx body that says "status": "ERROR" with errors[] and so holds
       * nothing to read: still a protocol error (the HTTP status said
       * success), but the seller reads the Market's own words, not where
       * the expected result is missing. */
      g_autofree char *api_message = mc_api_parse_error_body (r->data, r->length);

      if (api_message != NULL)
        g_set_error_literal (error, MC_API_ERROR, MC_API_ERROR_PROTOCOL, api_message);
      else
        g_set_error_literal (error, MC_API_ERROR, MC_API_ERROR_PROTOCOL,
                             mc_json_reader_get_error (r));
    }

  mc_json_reader_clear (r);

  return ok;
}

typedef gboolean (*ParseResultFunc) (McJsonReader *r,
                                     gpointer      user_data);

/* The ApiResponse wrapper: {"status": ..., "result": ...}.  The status is
 * not checked: the HTTP status decides success. */
static void
parse_wrapped (McJsonReader    *r,
               ParseResultFunc  parse_result,
               gpointer         user_data)
{
  gboolean have_result = FALSE;
  const char *key;
  gsize key_len;

  if (!mc_json_reader_enter_object (r))
    return;

  while (mc_json_reader_next_member (r, &key, &key_len))
    {
      if (KEY_IS ("result"))
        {
          if (have_result)
            {
              mc_json_reader_fail (r, "duplicate member");
              return;
            }
          have_result = TRUE;
          if (!parse_result (r, user_data))
            return;
        }
      else if (!mc_json_reader_skip (r))
        return;
    }

  if (!mc_json_reader_failed (r) && !have_result)
    fail_missing (r, "result");
}

typedef struct
{
  ParseItemFunc  parse;
  gpointer       user_data;
  GObject       *object;
} ObjectData;

static gboolean
parse_object_result (McJsonReader *r,
                     gpointer      user_data)
{
  ObjectData *data = user_data;

  g_clear_object (&data->object);
  data->object = data->parse (r, data->user_data);

  return data->object != NULL;
}

/* A document whose result is one object, as getChat and getChatMessage
 * answer. */
static gpointer
parse_wrapped_object (const char     *data,
                      gsize           length,
                      ParseItemFunc   parse,
                      gpointer        user_data,
                      GError        **error)
{
  ObjectData object_data = { parse, user_data, NULL };
  McJsonReader r;

  mc_json_reader_init (&r, data, length);
  parse_wrapped (&r, parse_object_result, &object_data);
  if (!finish (&r, error))
    {
      g_clear_object (&object_data.object);
      return NULL;
    }

  return object_data.object;
}

/* Chats ------------------------------------------------------------------ */

typedef struct
{
  McContextType  type;
  gint64         campaign_id;
  gint64         order_id;
  gint64         return_id;
  char          *name;
  char          *public_id;
  gboolean       have_type;
} ContextFields;

static void
context_fields_clear (ContextFields *f)
{
  g_free (f->name);
  g_free (f->public_id);
  memset (f, 0, sizeof *f);
}

/* ChatCustomerDTO */
static gboolean
parse_customer (McJsonReader  *r,
                ContextFields *f)
{
  const char *key;
  gsize key_len;

  g_clear_pointer (&f->name, g_free);
  g_clear_pointer (&f->public_id, g_free);

  if (mc_json_reader_read_null (r))
    return TRUE;

  if (!mc_json_reader_enter_object (r))
    return FALSE;

  while (mc_json_reader_next_member (r, &key, &key_len))
    {
      gboolean ok;

      if (KEY_IS ("name"))
        ok = read_optional_string (r, MAX_STRING_BYTES, &f->name);
      else if (KEY_IS ("publicId"))
        ok = read_optional_string (r, MAX_STRING_BYTES, &f->public_id);
      else
        ok = mc_json_reader_skip (r);

      if (!ok)
        return FALSE;
    }

  return !mc_json_reader_failed (r);
}

/* ChatFullContextDTO */
static gboolean
parse_context (McJsonReader  *r,
               ContextFields *f)
{
  const char *key;
  gsize key_len;

  context_fields_clear (f);

  if (!mc_json_reader_enter_object (r))
    return FALSE;

  while (mc_json_reader_next_member (r, &key, &key_len))
    {
      gboolean ok;

      if (KEY_IS ("type"))
        {
          char name[MAX_ENUM_BYTES];

          ok = read_enum_name (r, name);
          f->type = mc_context_type_from_string (name);
          f->have_type = TRUE;
        }
      else if (KEY_IS ("customer"))
        ok = parse_customer (r, f);
      else if (KEY_IS ("campaignId"))
        ok = read_optional_id (r, &f->campaign_id);
      else if (KEY_IS ("orderId"))
        ok = read_optional_id (r, &f->order_id);
      else if (KEY_IS ("returnId"))
        ok = read_optional_id (r, &f->return_id);
      else
        ok = mc_json_reader_skip (r);

      if (!ok)
        return FALSE;
    }

  if (mc_json_reader_failed (r))
    return FALSE;

  if (!f->have_type)
    return fail_missing (r, "type");

  return TRUE;
}

static McChatContext *
context_fields_build (ContextFields *f)
{
  g_autoptr(McCustomer) customer = NULL;

  if (f->name != NULL || f->public_id != NULL)
    customer = mc_customer_new (f->name, f->public_id);

  return mc_chat_context_new_full (f->type, f->campaign_id, f->order_id,
                                   f->return_id, customer);
}

enum {
  CHAT_HAS_CHAT_ID    = 1 << 0,
  CHAT_HAS_CONTEXT    = 1 << 1,
  CHAT_HAS_TYPE       = 1 << 2,
  CHAT_HAS_STATUS     = 1 << 3,
  CHAT_HAS_CREATED_AT = 1 << 4,
  CHAT_HAS_UPDATED_AT = 1 << 5,
};

static const char * const chat_required[] = {
  "chatId", "context", "type", "status", "createdAt", "updatedAt",
};

/* GetChatInfoDTO */
static McChat *
parse_chat_object (McJsonReader *r,
                   gint64        business_id)
{
  ContextFields context = { 0 };
  McChatType type = MC_CHAT_TYPE_UNKNOWN;
  McChatStatus status = MC_CHAT_STATUS_UNKNOWN;
  gint64 chat_id = 0, created_at = 0, updated_at = 0;
  g_autoptr(McChatContext) built = NULL;
  McChat *chat = NULL;
  guint have = 0;
  const char *key;
  gsize key_len;

  if (!mc_json_reader_enter_object (r))
    return NULL;

  while (mc_json_reader_next_member (r, &key, &key_len))
    {
      char name[MAX_ENUM_BYTES];
      gboolean ok;

      if (KEY_IS ("chatId"))
        {
          ok = read_id (r, &chat_id);
          have |= CHAT_HAS_CHAT_ID;
        }
      else if (KEY_IS ("context"))
        {
          ok = parse_context (r, &context);
          have |= CHAT_HAS_CONTEXT;
        }
      else if (KEY_IS ("type"))
        {
          ok = read_enum_name (r, name);
          type = mc_chat_type_from_string (name);
          have |= CHAT_HAS_TYPE;
        }
      else if (KEY_IS ("status"))
        {
          ok = read_enum_name (r, name);
          status = mc_chat_status_from_string (name);
          have |= CHAT_HAS_STATUS;
        }
      else if (KEY_IS ("createdAt"))
        {
          ok = read_date (r, &created_at);
          have |= CHAT_HAS_CREATED_AT;
        }
      else if (KEY_IS ("updatedAt"))
        {
          ok = read_date (r, &updated_at);
          have |= CHAT_HAS_UPDATED_AT;
        }
      else
        ok = mc_json_reader_skip (r);

      if (!ok)
        goto out;
    }

  if (mc_json_reader_failed (r))
    goto out;

  if (!check_required (r, have, chat_required, G_N_ELEMENTS (chat_required)))
    goto out;

  built = context_fields_build (&context);
  chat = mc_chat_new_full (chat_id, business_id, type, status,
                           created_at, updated_at, built);

out:
  context_fields_clear (&context);

  return chat;
}

typedef struct
{
  gint64      business_id;
  GPtrArray  *chats;
  GPtrArray  *rejected;
  char      **next_page_token;
} ChatsData;

static gpointer
parse_chat_item (McJsonReader *r,
                 gpointer      user_data)
{
  const gint64 *business_id = user_data;

  return parse_chat_object (r, *business_id);
}

/* GetChatsInfoDTO */
static gboolean
parse_chats_result (McJsonReader *r,
                    gpointer      user_data)
{
  ChatsData *data = user_data;
  gboolean have_chats = FALSE;
  const char *key;
  gsize key_len;

  if (!mc_json_reader_enter_object (r))
    return FALSE;

  while (mc_json_reader_next_member (r, &key, &key_len))
    {
      gboolean ok;

      if (KEY_IS ("chats") && !have_chats)
        {
          ok = parse_list (r, parse_chat_item, &data->business_id,
                           data->chats, data->rejected);
          have_chats = TRUE;
        }
      else if (KEY_IS ("paging"))
        ok = parse_paging (r, data->next_page_token);
      else
        ok = mc_json_reader_skip (r);

      if (!ok)
        return FALSE;
    }

  if (mc_json_reader_failed (r))
    return FALSE;

  if (!have_chats)
    return fail_missing (r, "chats");

  return TRUE;
}

gboolean
mc_api_parse_chats (const char  *data,
                    gsize        length,
                    gint64       business_id,
                    GPtrArray  **out_chats,
                    char       **out_next_page_token,
                    GPtrArray   *rejected,
                    GError     **error)
{
  g_autoptr(GPtrArray) chats = NULL;
  g_autofree char *token = NULL;
  McJsonReader r;
  ChatsData chats_data;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (business_id >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  chats = g_ptr_array_new_full (length / 256 + 1, g_object_unref);
  chats_data.business_id = business_id;
  chats_data.chats = chats;
  chats_data.rejected = rejected;
  chats_data.next_page_token = &token;

  mc_json_reader_init (&r, data, length);
  parse_wrapped (&r, parse_chats_result, &chats_data);
  if (!finish (&r, error))
    return FALSE;

  if (out_chats != NULL)
    *out_chats = g_steal_pointer (&chats);
  if (out_next_page_token != NULL)
    *out_next_page_token = g_steal_pointer (&token);

  return TRUE;
}

McChat *
mc_api_parse_chat (const char  *data,
                   gsize        length,
                   gint64       business_id,
                   GError     **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (business_id >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_wrapped_object (data, length, parse_chat_item, &business_id, error);
}

/* Messages --------------------------------------------------------------- */

/* ChatMessagePayloadDTO */
static McAttachment *
parse_attachment (McJsonReader *r)
{
  g_autofree char *name = NULL;
  g_autofree char *url = NULL;
  gboolean have_name = FALSE, have_url = FALSE, have_size = FALSE;
  gint64 size = 0;
  const char *key;
  gsize key_len;

  if (!mc_json_reader_enter_object (r))
    return NULL;

  while (mc_json_reader_next_member (r, &key, &key_len))
    {
      gboolean ok;

      if (KEY_IS ("name"))
        {
          g_clear_pointer (&name, g_free);
          ok = mc_json_reader_read_string (r, MAX_STRING_BYTES, &name);
          have_name = TRUE;
        }
      else if (KEY_IS ("url"))
        {
          g_clear_pointer (&url, g_free);
          ok = mc_json_reader_read_string (r, 4 * MAX_URL_CHARS, &url);
          if (ok && (url[0] == '\0' || g_utf8_strlen (url, -1) > MAX_URL_CHARS))
            {
              mc_json_reader_fail (r, "expected a URL of 1 to %d characters", MAX_URL_CHARS);
              ok = FALSE;
            }
          have_url = TRUE;
        }
      else if (KEY_IS ("size"))
        {
          ok = mc_json_reader_read_int64 (r, &size);
          if (ok && size < 0)
            {
              mc_json_reader_fail (r, "expected a size of at least 0, found %" G_GINT64_FORMAT, size);
              ok = FALSE;
            }
          have_size = TRUE;
        }
      else
        ok = mc_json_reader_skip (r);

      if (!ok)
        return NULL;
    }

  if (mc_json_reader_failed (r))
    return NULL;

  if (!have_name)
    fail_missing (r, "name");
  else if (!have_url)
    fail_missing (r, "url");
  else if (!have_size)
    fail_missing (r, "size");
  else
    return mc_attachment_new (name, url, size);

  return NULL;
}

static gpointer
parse_attachment_item (McJsonReader *r,
                       gpointer      user_data)
{
  return parse_attachment (r);
}

static gboolean
parse_payload (McJsonReader *r,
               GPtrArray    *attachments,
               GPtrArray    *rejected)
{
  g_ptr_array_set_size (attachments, 0);

  if (mc_json_reader_read_null (r))
    return TRUE;

  return parse_list (r, parse_attachment_item, NULL, attachments, rejected);
}

enum {
  MESSAGE_HAS_MESSAGE_ID = 1 << 0,
  MESSAGE_HAS_CREATED_AT = 1 << 1,
  MESSAGE_HAS_SENDER     = 1 << 2,
};

static const char * const message_required[] = {
  "messageId", "createdAt", "sender",
};

/* ChatMessageDTO.  A broken attachment costs only itself. */
static McMessage *
parse_message_object (McJsonReader *r,
                      gint64        chat_id,
                      GPtrArray    *rejected)
{
  g_autoptr(GPtrArray) attachments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = NULL;
  McSender sender = MC_SENDER_UNKNOWN;
  gint64 message_id = 0, created_at = 0;
  McMessage *message;
  guint have = 0;
  const char *key;
  gsize key_len;

  if (!mc_json_reader_enter_object (r))
    return NULL;

  while (mc_json_reader_next_member (r, &key, &key_len))
    {
      gboolean ok;

      if (KEY_IS ("messageId"))
        {
          ok = read_id (r, &message_id);
          have |= MESSAGE_HAS_MESSAGE_ID;
        }
      else if (KEY_IS ("createdAt"))
        {
          ok = read_date (r, &created_at);
          have |= MESSAGE_HAS_CREATED_AT;
        }
      else if (KEY_IS ("sender"))
        {
          char name[MAX_ENUM_BYTES];

          ok = read_enum_name (r, name);
          sender = mc_sender_from_string (name);
          have |= MESSAGE_HAS_SENDER;
        }
      else if (KEY_IS ("message"))
        ok = read_optional_string (r, MAX_TEXT_BYTES, &text);
      else if (KEY_IS ("payload"))
        ok = parse_payload (r, attachments, rejected);
      else
        ok = mc_json_reader_skip (r);

      if (!ok)
        return NULL;
    }

  if (mc_json_reader_failed (r))
    return NULL;

  if (!check_required (r, have, message_required, G_N_ELEMENTS (message_required)))
    return NULL;

  message = mc_message_new (message_id, chat_id);
  mc_message_set_created_at (message, created_at);
  mc_message_set_sender (message, sender);
  mc_message_set_text (message, text);
  for (guint i = 0; i < attachments->len; i++)
    mc_message_add_attachment (message, g_ptr_array_index (attachments, i));

  return message;
}

typedef struct
{
  gint64          chat_id;
  GPtrArray      *rejected;
  McChatContext **context;
  GPtrArray      *messages;
  char          **next_page_token;
} HistoryData;

static gpointer
parse_message_item (McJsonReader *r,
                    gpointer      user_data)
{
  HistoryData *data = user_data;

  return parse_message_object (r, data->chat_id, data->rejected);
}

/* ChatMessagesResultDTO.  A broken context costs only the context: the
 * messages matter more. */
static gboolean
parse_history_result (McJsonReader *r,
                      gpointer      user_data)
{
  HistoryData *data = user_data;
  gboolean have_messages = FALSE;
  const char *key;
  gsize key_len;
  guint depth;

  if (!mc_json_reader_enter_object (r))
    return FALSE;

  depth = mc_json_reader_get_depth (r);

  while (mc_json_reader_next_member (r, &key, &key_len))
    {
      if (KEY_IS ("context"))
        {
          ContextFields context = { 0 };

          g_clear_object (data->context);

          if (parse_context (r, &context))
            *data->context = context_fields_build (&context);
          context_fields_clear (&context);

          if (mc_json_reader_failed (r) && !reject (r, depth, data->rejected))
            return FALSE;
        }
      else if (KEY_IS ("messages") && !have_messages)
        {
          have_messages = TRUE;

          if (!parse_list (r, parse_message_item, data, data->messages, data->rejected))
            return FALSE;
        }
      else if (KEY_IS ("paging"))
        {
          if (!parse_paging (r, data->next_page_token))
            return FALSE;
        }
      else if (!mc_json_reader_skip (r))
        return FALSE;
    }

  if (mc_json_reader_failed (r))
    return FALSE;

  if (!have_messages)
    return fail_missing (r, "messages");

  return TRUE;
}

gboolean
mc_api_parse_history (const char     *data,
                      gsize           length,
                      gint64          chat_id,
                      McChatContext **out_context,
                      GPtrArray     **out_messages,
                      char          **out_next_page_token,
                      GPtrArray      *rejected,
                      GError        **error)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(McChatContext) context = NULL;
  g_autofree char *token = NULL;
  HistoryData history = { chat_id, rejected, &context, messages, &token };
  McJsonReader r;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (chat_id >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  mc_json_reader_init (&r, data, length);
  parse_wrapped (&r, parse_history_result, &history);
  if (!finish (&r, error))
    return FALSE;

  if (out_context != NULL)
    *out_context = g_steal_pointer (&context);
  if (out_messages != NULL)
    *out_messages = g_steal_pointer (&messages);
  if (out_next_page_token != NULL)
    *out_next_page_token = g_steal_pointer (&token);

  return TRUE;
}

McMessage *
mc_api_parse_message (const char  *data,
                      gsize        length,
                      gint64       chat_id,
                      GError     **error)
{
  HistoryData history = { .chat_id = chat_id };

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (chat_id >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_wrapped_object (data, length, parse_message_item, &history, error);
}

/* Campaigns -------------------------------------------------------------- */

/* BusinessDTO */
static gboolean
parse_business (McJsonReader  *r,
                gint64        *id,
                char         **name)
{
  gboolean have_id = FALSE;
  const char *key;
  gsize key_len;

  if (!mc_json_reader_enter_object (r))
    return FALSE;

  while (mc_json_reader_next_member (r, &key, &key_len))
    {
      gboolean ok;

      if (KEY_IS ("id"))
        {
          ok = read_id (r, id);
          have_id = TRUE;
        }
      else if (KEY_IS ("name"))
        ok = read_optional_string (r, MAX_STRING_BYTES, name);
      else
        ok = mc_json_reader_skip (r);

      if (!ok)
        return FALSE;
    }

  if (mc_json_reader_failed (r))
    return FALSE;

  /* Chats live in the business: a store without one is of no use here. */
  if (!have_id)
    return fail_missing (r, "id");

  return TRUE;
}

/* CampaignDTO */
static McCampaign *
parse_campaign_object (McJsonReader *r)
{
  g_autofree char *domain = NULL;
  g_autofree char *business_name = NULL;
  McPlacementType placement_type = MC_PLACEMENT_TYPE_UNKNOWN;
  McApiAvailability availability = MC_API_AVAILABILITY_UNKNOWN;
  gboolean have_id = FALSE, have_business = FALSE;
  gint64 id = 0, business_id = 0;
  const char *key;
  gsize key_len;

  if (!mc_json_reader_enter_object (r))
    return NULL;

  while (mc_json_reader_next_member (r, &key, &key_len))
    {
      char name[MAX_ENUM_BYTES];
      gboolean ok;

      if (KEY_IS ("id"))
        {
          ok = read_id (r, &id);
          have_id = TRUE;
        }
      else if (KEY_IS ("domain"))
        ok = read_optional_string (r, MAX_STRING_BYTES, &domain);
      else if (KEY_IS ("business"))
        {
          g_clear_pointer (&business_name, g_free);
          ok = parse_business (r, &business_id, &business_name);
          have_business = TRUE;
        }
      else if (KEY_IS ("placementType"))
        {
          ok = read_optional_enum_name (r, name);
          placement_type = mc_placement_type_from_string (name);
        }
      else if (KEY_IS ("apiAvailability"))
        {
          ok = read_optional_enum_name (r, name);
          availability = mc_api_availability_from_string (name);
        }
      else
        ok = mc_json_reader_skip (r);

      if (!ok)
        return NULL;
    }

  if (mc_json_reader_failed (r))
    return NULL;

  if (!have_id)
    {
      fail_missing (r, "id");
      return NULL;
    }

  if (!have_business)
    {
      fail_missing (r, "business");
      return NULL;
    }

  return mc_campaign_new (id, domain, business_id, business_name,
                          placement_type, availability);
}

static gpointer
parse_campaign_item (McJsonReader *r,
                     gpointer      user_data)
{
  return parse_campaign_object (r);
}

gboolean
mc_api_parse_campaigns (const char  *data,
                        gsize        length,
                        GPtrArray  **out_campaigns,
                        char       **out_next_page_token,
                        GPtrArray   *rejected,
                        GError     **error)
{
  g_autoptr(GPtrArray) campaigns = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *token = NULL;
  gboolean have_campaigns = FALSE;
  McJsonReader r;
  const char *key;
  gsize key_len;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  mc_json_reader_init (&r, data, length);

  /* GetCampaignsResponse is not wrapped in "result". */
  if (mc_json_reader_enter_object (&r))
    {
      while (mc_json_reader_next_member (&r, &key, &key_len))
        {
          if (KEY_IS ("campaigns") && !have_campaigns)
            {
              have_campaigns = TRUE;
              parse_list (&r, parse_campaign_item, NULL, campaigns, rejected);
            }
          else if (KEY_IS ("paging"))
            parse_paging (&r, &token);
          else
            mc_json_reader_skip (&r);

          if (mc_json_reader_failed (&r))
            break;
        }

      if (!mc_json_reader_failed (&r) && !have_campaigns)
        fail_missing (&r, "campaigns");
    }

  if (!finish (&r, error))
    return FALSE;

  if (out_campaigns != NULL)
    *out_campaigns = g_steal_pointer (&campaigns);
  if (out_next_page_token != NULL)
    *out_next_page_token = g_steal_pointer (&token);

  return TRUE;
}

/* Small answers ---------------------------------------------------------- */

typedef struct
{
  char      *name;
  GPtrArray *scopes;
} TokenData;

/* ApiKeyDTO */
static gboolean
parse_api_key (McJsonReader *r,
               gpointer      user_data)
{
  TokenData *data = user_data;
  gboolean have_scopes = FALSE;
  const char *key;
  gsize key_len;

  if (!mc_json_reader_enter_object (r))
    return FALSE;

  while (mc_json_reader_next_member (r, &key, &key_len))
    {
      if (KEY_IS ("name"))
        {
          g_clear_pointer (&data->name, g_free);
          if (!mc_json_reader_read_string (r, MAX_STRING_BYTES, &data->name))
            return FALSE;
        }
      else if (KEY_IS ("authScopes"))
        {
          g_ptr_array_set_size (data->scopes, 0);
          have_scopes = TRUE;

          if (!mc_json_reader_enter_array (r))
            return FALSE;

          while (mc_json_reader_next_element (r))
            {
              char *scope;

              if (!mc_json_reader_read_string (r, MAX_STRING_BYTES, &scope))
                return FALSE;
              g_ptr_array_add (data->scopes, scope);
            }
        }
      else if (!mc_json_reader_skip (r))
        return FALSE;

      if (mc_json_reader_failed (r))
        return FALSE;
    }

  if (mc_json_reader_failed (r))
    return FALSE;

  if (data->name == NULL)
    return fail_missing (r, "name");

  if (!have_scopes)
    return fail_missing (r, "authScopes");

  return TRUE;
}

/* TokenDTO */
static gboolean
parse_token_result (McJsonReader *r,
                    gpointer      user_data)
{
  return parse_required_member (r, "apiKey", parse_api_key, user_data);
}

gboolean
mc_api_parse_token_info (const char  *data,
                         gsize        length,
                         char       **out_name,
                         GStrv       *out_scopes,
                         GError     **error)
{
  TokenData token = { NULL, g_ptr_array_new_with_free_func (g_free) };
  McJsonReader r;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  mc_json_reader_init (&r, data, length);
  parse_wrapped (&r, parse_token_result, &token);
  if (!finish (&r, error))
    {
      g_free (token.name);
      g_ptr_array_unref (token.scopes);
      return FALSE;
    }

  if (out_name != NULL)
    *out_name = g_steal_pointer (&token.name);
  g_free (token.name);

  g_ptr_array_set_free_func (token.scopes, NULL);
  g_ptr_array_add (token.scopes, NULL);
  if (out_scopes != NULL)
    *out_scopes = (GStrv) g_ptr_array_free (token.scopes, FALSE);
  else
    g_strfreev ((GStrv) g_ptr_array_free (token.scopes, FALSE));

  return TRUE;
}

/* CreateChatResultDTO */
static gboolean
read_chat_id (McJsonReader *r,
              gpointer      user_data)
{
  return read_id (r, user_data);
}

static gboolean
parse_new_chat_result (McJsonReader *r,
                       gpointer      user_data)
{
  return parse_required_member (r, "chatId", read_chat_id, user_data);
}

gboolean
mc_api_parse_new_chat (const char  *data,
                       gsize        length,
                       gint64      *out_chat_id,
                       GError     **error)
{
  gint64 chat_id = 0;
  McJsonReader r;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  mc_json_reader_init (&r, data, length);
  parse_wrapped (&r, parse_new_chat_result, &chat_id);
  if (!finish (&r, error))
    return FALSE;

  if (out_chat_id != NULL)
    *out_chat_id = chat_id;

  return TRUE;
}

gboolean
mc_api_parse_status_ok (const char  *data,
                        gsize        length,
                        GError     **error)
{
  gboolean have_status = FALSE;
  McJsonReader r;
  const char *key;
  gsize key_len;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  mc_json_reader_init (&r, data, length);

  if (mc_json_reader_enter_object (&r))
    {
      while (mc_json_reader_next_member (&r, &key, &key_len))
        {
          if (KEY_IS ("status"))
            {
              const char *status;
              gsize status_len;

              have_status = TRUE;

              if (mc_json_reader_read_slice (&r, MAX_STRING_BYTES, &status, &status_len) &&
                  !(status_len == 2 && memcmp (status, "OK", 2) == 0))
                mc_json_reader_fail (&r, "expected \"OK\", found \"%.*s\"",
                                     utf8_prefix (status, status_len, 40), status);
            }
          else
            mc_json_reader_skip (&r);

          if (mc_json_reader_failed (&r))
            break;
        }

      if (!mc_json_reader_failed (&r) && !have_status)
        fail_missing (&r, "status");
    }

  return finish (&r, error);
}

/* ApiErrorDTO, as "CODE: message" with line breaks flattened for one line
 * of UI. */
static gboolean
parse_error_entry (McJsonReader *r,
                   GString      *out)
{
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  const char *key;
  gsize key_len;
  gsize start;

  if (!mc_json_reader_enter_object (r))
    return FALSE;

  while (mc_json_reader_next_member (r, &key, &key_len))
    {
      gboolean ok;

      if (KEY_IS ("code"))
        ok = read_optional_string (r, 256, &code);
      else if (KEY_IS ("message"))
        ok = read_optional_string (r, 4096, &message);
      else
        ok = mc_json_reader_skip (r);

      if (!ok)
        return FALSE;
    }

  if (mc_json_reader_failed (r))
    return FALSE;

  if (code == NULL)
    return fail_missing (r, "code");

  if (out->len > 0)
    g_string_append (out, "; ");

  start = out->len;
  g_string_append (out, code);
  if (message != NULL)
    g_string_append_printf (out, ": %s", message);

  for (gsize i = start; i < out->len; i++)
    if ((guchar) out->str[i] < 0x20)
      out->str[i] = ' ';

  return TRUE;
}

char *
mc_api_parse_error_body (const char *data,
                         gsize       length)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean have_errors = FALSE;
  McJsonReader r;
  const char *key;
  gsize key_len;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  mc_json_reader_init (&r, data, length);

  if (mc_json_reader_enter_object (&r))
    {
      while (mc_json_reader_next_member (&r, &key, &key_len))
        {
          if (KEY_IS ("errors") && !have_errors)
            {
              guint n_entries = 0;
              guint depth;

              have_errors = TRUE;

              if (!mc_json_reader_enter_array (&r))
                break;

              depth = mc_json_reader_get_depth (&r);

              while (mc_json_reader_next_element (&r))
                {
                  if (n_entries >= MAX_ERROR_ENTRIES)
                    {
                      if (!mc_json_reader_skip (&r) && !reject (&r, depth, NULL))
                        break;
                    }
                  else if (parse_error_entry (&r, text))
                    n_entries++;
                  else if (!reject (&r, depth, NULL))
                    break;
                }
            }
          else
            mc_json_reader_skip (&r);

          if (mc_json_reader_failed (&r))
            break;
        }
    }

  if (!finish (&r, NULL) || text->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* libsoup reads any zone name it does not know as UTC: "MSK" would put a
 * pause three hours late. */
static const struct
{
  const char *name;
  int         minutes;
} zone_names[] = {
  { "GMT", 0 }, { "UT", 0 }, { "UTC", 0 }, { "Z", 0 },
  { "MSK", 180 }, { "MSD", 240 },
  { "EST", -300 }, { "EDT", -240 }, { "CST", -360 }, { "CDT", -300 },
  { "MST", -420 }, { "MDT", -360 }, { "PST", -480 }, { "PDT", -420 },
};

GDateTime *
mc_api_parse_http_date (const char *str)
{
  g_auto(GStrv) words = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *normal = NULL;
  guint n;

  if (str == NULL)
    return NULL;

  copy = g_strstrip (g_strdup (str));
  words = g_strsplit_set (copy, " \t", -1);
  n = g_strv_length (words);
  for (guint i = 0; i < n; i++)
    {
      char *word = words[i];

      /* "20:00" is a time without its optional seconds. */
      if (strlen (word) == 5 && word[2] == ':' && g_ascii_isdigit (word[0]) && g_ascii_isdigit (word[4]))
        {
          words[i] = g_strconcat (word, ":00", NULL);
          g_free (word);
        }
    }

  if (n > 1 && g_ascii_isalpha (words[n - 1][0]))
    {
      char *zone = words[n - 1];
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (zone_names); i++)
        {
          if (g_ascii_strcasecmp (zone, zone_names[i].name) == 0)
            {
              int minutes = ABS (zone_names[i].minutes);

              words[n - 1] = g_strdup_printf ("%c%02d%02d", zone_names[i].minutes < 0 ? '-' : '+',
                                              minutes / 60, minutes % 60);
              known = TRUE;
              break;
            }
        }

      if (!known)
        return NULL;
      g_free (zone);
    }

  normal = g_strjoinv (" ", words);
  {
    GDateTime *date = soup_date_time_new_from_http_string (normal);

    if (date == NULL)
      {
        g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

        date = g_date_time_new_from_iso8601 (str, utc);
      }

    return date;
  }
}

/* For the other parsers of src/api/ (mc-api-parse-private.h) -------------- */

gboolean
mc_api_parse_read_id (McJsonReader *r,
                      gint64       *out)
{
  return read_id (r, out);
}

gboolean
mc_api_parse_read_optional_string (McJsonReader  *r,
                                   gsize          max_bytes,
                                   char         **out)
{
  return read_optional_string (r, max_bytes, out);
}

gboolean
mc_api_parse_read_date (McJsonReader *r,
                        gint64       *out)
{
  return read_date (r, out);
}

gboolean
mc_api_parse_read_enum_name (McJsonReader *r,
                             char          buf[MC_API_PARSE_MAX_ENUM_BYTES])
{
  return read_enum_name (r, buf);
}

gboolean
mc_api_parse_read_optional_enum_name (McJsonReader *r,
                                      char          buf[MC_API_PARSE_MAX_ENUM_BYTES])
{
  return read_optional_enum_name (r, buf);
}

gboolean
mc_api_parse_check_required (McJsonReader      *r,
                             guint              have,
                             const char * const names[],
                             guint              n_names)
{
  return check_required (r, have, names, n_names);
}

gboolean
mc_api_parse_list (McJsonReader       *r,
                   McApiParseItemFunc  parse_item,
                   gpointer            user_data,
                   GPtrArray          *items,
                   GPtrArray          *rejected)
{
  return parse_list (r, parse_item, user_data, items, rejected);
}

gboolean
mc_api_parse_paging (McJsonReader  *r,
                     char         **out_token)
{
  return parse_paging (r, out_token);
}

void
mc_api_parse_wrapped (McJsonReader         *r,
                      McApiParseResultFunc  parse_result,
                      gpointer              user_data)
{
  parse_wrapped (r, parse_result, user_data);
}

gboolean
mc_api_parse_finish (McJsonReader  *r,
                     GError       **error)
{
  return finish (r, error);
}

int
mc_api_parse_utf8_prefix (const char *str,
                          gsize       len,
                          gsize       max)
{
  return utf8_prefix (str, len, max);
}
