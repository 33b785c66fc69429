/* mc-api-parse-values.c: the values that orders and returns are made of,
 * as the OpenAPI spec writes them: enums kept as spelled, counts, amounts
 * in a currency, days, times and the Moscow dates of getOrder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mc-api-parse-private.h"

#define MAX_STRING_BYTES MC_API_PARSE_MAX_STRING_BYTES
#define MAX_ENUM_BYTES   MC_API_PARSE_MAX_ENUM_BYTES
/* getOrder writes Moscow time, UTC+03:00 all year since 2014. */
#define MOSCOW_OFFSET_USEC (G_GINT64_CONSTANT (3) * 3600 * G_USEC_PER_SEC)
/* Whatever a seller sells, no order line holds a billion items. */
#define MAX_ITEM_COUNT   G_GINT64_CONSTANT (1000000000)

#define KEY_IS(literal) \
  (key_len == sizeof (literal) - 1 && memcmp (key, literal, sizeof (literal) - 1) == 0)

#define CHECK_REQUIRED(r, have, names) \
  mc_api_parse_check_required ((r), (have), (names), G_N_ELEMENTS (names))

/* An enum kept as spelled: a value this version does not know is still
 * the Market's word for it. */
gboolean
mc_api_parse_read_enum_string (McJsonReader  *r,
                               gboolean       nullable,
                               char         **out)
{
  char buf[MAX_ENUM_BYTES];

  g_clear_pointer (out, g_free);

  if (!(nullable ? mc_api_parse_read_optional_enum_name (r, buf)
                 : mc_api_parse_read_enum_name (r, buf)))
    return FALSE;

  if (buf[0] != '\0')
    *out = g_strdup (buf);

  return TRUE;
}

gboolean
mc_api_parse_read_required_string (McJsonReader  *r,
                                   gsize          max_bytes,
                                   char         **out)
{
  g_clear_pointer (out, g_free);

  return mc_json_reader_read_string (r, max_bytes, out);
}

gboolean
mc_api_parse_read_count (McJsonReader *r,
                         gint64       *out)
{
  if (!mc_json_reader_read_int64 (r, out))
    return FALSE;

  if (*out < 0 || *out > MAX_ITEM_COUNT)
    {
      mc_json_reader_fail (r, "expected a count from 0 to %" G_GINT64_FORMAT ", found %" G_GINT64_FORMAT,
                           MAX_ITEM_COUNT, *out);
      return FALSE;
    }

  return TRUE;
}

gboolean
mc_api_parse_read_amount (McJsonReader *r,
                          double       *out)
{
  if (!mc_json_reader_read_double (r, out))
    return FALSE;

  if (*out < 0)
    {
      mc_json_reader_fail (r, "expected an amount of at least 0, found %g", *out);
      return FALSE;
    }

  return TRUE;
}

/* CurrencyValueDTO: {value*, currencyId*}. */
gboolean
mc_api_parse_read_currency_value (McJsonReader  *r,
                                  double        *value,
                                  char         **currency)
{
  static const char * const required[] = { "value", "currencyId" };
  const char *key;
  gsize key_len;
  guint have = 0;

  if (!mc_json_reader_enter_object (r))
    return FALSE;

  while (mc_json_reader_next_member (r, &key, &key_len))
    {
      gboolean ok;

      if (KEY_IS ("value"))
        {
          ok = mc_api_parse_read_amount (r, value);
          have |= 1 << 0;
        }
      else if (KEY_IS ("currencyId"))
        {
          ok = mc_api_parse_read_enum_string (r, FALSE, currency);
          have |= 1 << 1;
        }
      else
        ok = mc_json_reader_skip (r);

      if (!ok)
        return FALSE;
    }

  return !mc_json_reader_failed (r) && CHECK_REQUIRED (r, have, required);
}

/* An object of which only member @name matters (the others are skipped);
 * absent or null leaves the outputs as they are. */
gboolean
mc_api_parse_read_payment (McJsonReader  *r,
                           double        *value,
                           char         **currency)
{
  const char *key;
  gsize key_len;

  if (mc_json_reader_read_null (r))
    return TRUE;

  if (!mc_json_reader_enter_object (r))
    return FALSE;

  while (mc_json_reader_next_member (r, &key, &key_len))
    {
      gboolean ok;

      if (KEY_IS ("payment"))
        ok = mc_json_reader_read_null (r) || mc_api_parse_read_currency_value (r, value, currency);
      else
        ok = mc_json_reader_skip (r);

      if (!ok)
        return FALSE;
    }

  return !mc_json_reader_failed (r);
}

static gboolean
take_digits (const char **p,
             int          n,
             int         *out)
{
  *out = 0;
  for (int i = 0; i < n; i++, (*p)++)
    {
      if (**p < '0' || **p > '9')
        return FALSE;
      *out = *out * 10 + (**p - '0');
    }
  return TRUE;
}

/* "YYYY-MM-DD" (@day_first FALSE) or "DD-MM-YYYY" (TRUE) -> "YYYY-MM-DD". */
gboolean
mc_api_parse_read_day (McJsonReader  *r,
                       gboolean       day_first,
                       char         **out)
{
  const char *str;
  const char *p;
  gsize len;
  int year, month, day;
  gboolean ok;

  g_clear_pointer (out, g_free);

  if (!mc_json_reader_read_slice (r, MAX_STRING_BYTES, &str, &len))
    return FALSE;

  p = str;
  if (day_first)
    ok = len == 10 && take_digits (&p, 2, &day) && *p++ == '-' &&
         take_digits (&p, 2, &month) && *p++ == '-' && take_digits (&p, 4, &year);
  else
    ok = len == 10 && take_digits (&p, 4, &year) && *p++ == '-' &&
         take_digits (&p, 2, &month) && *p++ == '-' && take_digits (&p, 2, &day);

  if (!ok || year < 1970 || year > 2999 || !g_date_valid_dmy (day, month, year))
    {
      mc_json_reader_fail (r, "expected a date as %s, found \"%.*s\"",
                           day_first ? "DD-MM-YYYY" : "YYYY-MM-DD",
                           mc_api_parse_utf8_prefix (str, len, 40), str);
      return FALSE;
    }

  *out = g_strdup_printf ("%04d-%02d-%02d", year, month, day);
  return TRUE;
}

/* "HH:MM", 00:00 to 23:59. */
gboolean
mc_api_parse_read_time (McJsonReader  *r,
                        char         **out)
{
  const char *str;
  const char *p;
  gsize len;
  int hour, minute;

  g_clear_pointer (out, g_free);

  if (mc_json_reader_read_null (r))
    return TRUE;

  if (!mc_json_reader_read_slice (r, MAX_STRING_BYTES, &str, &len))
    return FALSE;

  p = str;
  if (len != 5 || !take_digits (&p, 2, &hour) || *p++ != ':' || !take_digits (&p, 2, &minute) ||
      hour > 23 || minute > 59)
    {
      mc_json_reader_fail (r, "expected a time as HH:MM, found \"%.*s\"",
                           mc_api_parse_utf8_prefix (str, len, 40), str);
      return FALSE;
    }

  *out = g_strndup (str, len);
  return TRUE;
}

/* DateDdMmYyyyHhMmSs, Moscow time -> Unix usec. */
gboolean
mc_api_parse_read_moscow_datetime (McJsonReader *r,
                                   gint64       *out)
{
  g_autoptr(GDateTime) utc = NULL;
  const char *str;
  const char *p;
  gsize len;
  int year, month, day, hour, minute, second;

  if (!mc_json_reader_read_slice (r, MAX_STRING_BYTES, &str, &len))
    return FALSE;

  p = str;
  if (len == 19 && take_digits (&p, 2, &day) && *p++ == '-' && take_digits (&p, 2, &month) &&
      *p++ == '-' && take_digits (&p, 4, &year) && *p++ == ' ' && take_digits (&p, 2, &hour) &&
      *p++ == ':' && take_digits (&p, 2, &minute) && *p++ == ':' && take_digits (&p, 2, &second) &&
      year >= 1970 && year <= 2999 && g_date_valid_dmy (day, month, year) &&
      hour <= 23 && minute <= 59 && second <= 59)
    utc = g_date_time_new_utc (year, month, day, hour, minute, second);

  if (utc == NULL)
    {
      mc_json_reader_fail (r, "expected a date as DD-MM-YYYY HH:MM:SS, found \"%.*s\"",
                           mc_api_parse_utf8_prefix (str, len, 40), str);
      return FALSE;
    }

  *out = g_date_time_to_unix (utc) * G_USEC_PER_SEC - MOSCOW_OFFSET_USEC;
  return TRUE;
}

gboolean
mc_api_parse_expect_object (McJsonReader *r)
{
  if (mc_json_reader_peek (r) != MC_JSON_OBJECT)
    {
      if (!mc_json_reader_failed (r))
        mc_json_reader_fail (r, "expected an object");
      return FALSE;
    }

  return mc_json_reader_skip (r);
}
