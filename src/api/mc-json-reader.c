/* mc-json-reader.c: a strict pull reader for JSON documents from the network.
 *
 * json-glib builds a tree of hash tables before anything can be read; for a
 * list of 100,000 chats that costs more than building the chats themselves,
 * so the parsers read the document in one pass with this instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "mc-json-reader-private.h"

/* A path in an error message shows at most this much of a member name. */
#define MAX_KEY_IN_PATH 64

static const char *
type_name (McJsonType type)
{
  switch (type)
    {
    case MC_JSON_NULL:
      return "null";
    case MC_JSON_BOOLEAN:
      return "a boolean";
    case MC_JSON_NUMBER:
      return "a number";
    case MC_JSON_STRING:
      return "a string";
    case MC_JSON_ARRAY:
      return "an array";
    case MC_JSON_OBJECT:
      return "an object";
    case MC_JSON_NONE:
    default:
      return "nothing";
    }
}

void
mc_json_reader_init (McJsonReader *self,
                     const char   *data,
                     gsize         length)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (data != NULL || length == 0);

  memset (self, 0, sizeof *self);
  self->data = data ? data : "";
  self->length = length;
  self->frames[0].index = -1;
  self->frames[0].pending = TRUE;
}

void
mc_json_reader_clear (McJsonReader *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->error, g_free);
  if (self->scratch != NULL)
    g_string_free (g_steal_pointer (&self->scratch), TRUE);
}

static void
append_path (McJsonReader *self,
             GString      *out)
{
  for (guint i = 1; i <= self->depth; i++)
    {
      const McJsonFrame *frame = &self->frames[i];

      if (frame->is_array)
        {
          if (frame->index >= 0)
            g_string_append_printf (out, "[%d]", frame->index);
        }
      else if (frame->key != NULL)
        {
          gsize len = frame->key_len;

          if (out->len > 0)
            g_string_append_c (out, '.');

          /* The name was checked to be UTF-8: cut it on a boundary. */
          if (len > MAX_KEY_IN_PATH)
            {
              len = MAX_KEY_IN_PATH;
              while (len > 0 && ((guchar)frame->key[len] & 0xC0) == 0x80)
                len--;
            }

          g_string_append_len (out, frame->key, len);
          if (len < frame->key_len)
            g_string_append (out, "…");
        }
    }
}

static void G_GNUC_PRINTF (3, 0)
fail_valist (McJsonReader *self,
             gboolean      fatal,
             const char   *format,
             va_list       args)
{
  GString *message;

  if (self->error != NULL)
    return;

  message = g_string_new (NULL);
  append_path (self, message);
  if (message->len == 0)
    g_string_append (message, "document");
  g_string_append (message, ": ");
  g_string_append_vprintf (message, format, args);
  if (fatal)
    g_string_append_printf (message, " (at byte %" G_GSIZE_FORMAT ")", self->pos);

  self->error = g_string_free (message, FALSE);
  self->fatal = fatal;
}

void
mc_json_reader_fail_syntax (McJsonReader *self,
                            const char   *format,
                            ...)
{
  va_list args;

  va_start (args, format);
  fail_valist (self, TRUE, format, args);
  va_end (args);
}

void
mc_json_reader_fail (McJsonReader *self,
                     const char   *format,
                     ...)
{
  va_list args;

  g_return_if_fail (self != NULL);

  va_start (args, format);
  fail_valist (self, FALSE, format, args);
  va_end (args);
}

gboolean
mc_json_reader_failed (McJsonReader *self)
{
  return self->error != NULL;
}

const char *
mc_json_reader_get_error (McJsonReader *self)
{
  return self->error;
}

guint
mc_json_reader_get_depth (McJsonReader *self)
{
  return self->depth;
}

static inline void
skip_whitespace (McJsonReader *self)
{
  while (self->pos < self->length)
    {
      char c = self->data[self->pos];

      if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
        break;
      self->pos++;
    }
}

static void
fail_unexpected (McJsonReader *self)
{
  guchar c;

  if (self->pos >= self->length)
    {
      mc_json_reader_fail_syntax (self, "unexpected end of the document");
      return;
    }

  c = self->data[self->pos];
  if (c > 0x20 && c < 0x7F)
    mc_json_reader_fail_syntax (self, "unexpected character '%c'", c);
  else
    mc_json_reader_fail_syntax (self, "unexpected byte 0x%02X", c);
}

/* A value is expected here and nothing failed yet. */
static gboolean
at_value (McJsonReader *self)
{
  if (self->error != NULL)
    return FALSE;

  g_return_val_if_fail (self->frames[self->depth].pending, FALSE);

  return TRUE;
}

static inline void
consume (McJsonReader *self)
{
  self->frames[self->depth].pending = FALSE;
}

McJsonType
mc_json_reader_peek (McJsonReader *self)
{
  if (!at_value (self))
    return MC_JSON_NONE;

  skip_whitespace (self);
  if (self->pos < self->length)
    {
      switch (self->data[self->pos])
        {
        case '{':
          return MC_JSON_OBJECT;
        case '[':
          return MC_JSON_ARRAY;
        case '"':
          return MC_JSON_STRING;
        case 't':
        case 'f':
          return MC_JSON_BOOLEAN;
        case 'n':
          return MC_JSON_NULL;
        case '-':
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          return MC_JSON_NUMBER;
        default:
          break;
        }
    }

  fail_unexpected (self);
  return MC_JSON_NONE;
}

/* For an error message: what the next value is, consumed or not. */
static void
fail_expected (McJsonReader *self,
               const char   *expected)
{
  McJsonType type = mc_json_reader_peek (self);

  if (type != MC_JSON_NONE)
    mc_json_reader_fail (self, "expected %s, found %s", expected, type_name (type));
}

gboolean
mc_json_reader_enter_object (McJsonReader *self)
{
  McJsonFrame *frame;

  if (mc_json_reader_peek (self) != MC_JSON_OBJECT)
    {
      fail_expected (self, "an object");
      return FALSE;
    }

  if (self->depth >= MC_JSON_MAX_DEPTH)
    {
      mc_json_reader_fail_syntax (self, "nested deeper than %d levels", MC_JSON_MAX_DEPTH);
      return FALSE;
    }

  self->pos++;
  consume (self);
  frame = &self->frames[++self->depth];
  memset (frame, 0, sizeof *frame);
  frame->index = -1;

  return TRUE;
}

gboolean
mc_json_reader_enter_array (McJsonReader *self)
{
  McJsonFrame *frame;

  if (mc_json_reader_peek (self) != MC_JSON_ARRAY)
    {
      fail_expected (self, "an array");
      return FALSE;
    }

  if (self->depth >= MC_JSON_MAX_DEPTH)
    {
      mc_json_reader_fail_syntax (self, "nested deeper than %d levels", MC_JSON_MAX_DEPTH);
      return FALSE;
    }

  self->pos++;
  consume (self);
  frame = &self->frames[++self->depth];
  memset (frame, 0, sizeof *frame);
  frame->index = -1;
  frame->is_array = TRUE;

  return TRUE;
}

/* Moves past the ',' between items, or the closing @close (popping the
 * frame).  TRUE when an item follows. */
static gboolean
next_item (McJsonReader *self,
           char          close)
{
  McJsonFrame *frame = &self->frames[self->depth];

  if (frame->pending && !mc_json_reader_skip (self))
    return FALSE;

  skip_whitespace (self);
  if (self->pos >= self->length)
    {
      fail_unexpected (self);
      return FALSE;
    }

  if (self->data[self->pos] == close)
    {
      self->pos++;
      self->depth--;
      return FALSE;
    }

  if (frame->count > 0)
    {
      if (self->data[self->pos] != ',')
        {
          mc_json_reader_fail_syntax (self, "expected ',' or '%c'", close);
          return FALSE;
        }
      self->pos++;
      skip_whitespace (self);
    }

  if (frame->count < G_MAXINT32)
    frame->count++;

  return TRUE;
}

gboolean
mc_json_reader_next_member (McJsonReader  *self,
                            const char   **key,
                            gsize         *key_len)
{
  McJsonFrame *frame;
  gsize start, raw_len;
  guint flags;

  if (self->error != NULL)
    return FALSE;

  g_return_val_if_fail (self->depth > 0 && !self->frames[self->depth].is_array, FALSE);

  if (!next_item (self, '}'))
    return FALSE;

  frame = &self->frames[self->depth];
  frame->key = NULL;

  if (self->pos >= self->length || self->data[self->pos] != '"')
    {
      mc_json_reader_fail_syntax (self, "expected a member name");
      return FALSE;
    }

  if (!mc_json_scan_string (self, &start, &raw_len, &flags))
    return FALSE;

  skip_whitespace (self);
  if (self->pos >= self->length || self->data[self->pos] != ':')
    {
      mc_json_reader_fail_syntax (self, "expected ':'");
      return FALSE;
    }
  self->pos++;
  frame->pending = TRUE;

  /* While recovering, the name does not matter: only getting past it. */
  if (flags & STRING_BAD_UTF8)
    {
      if (!self->recovering)
        mc_json_reader_fail (self, "member name is not valid UTF-8");
      return self->recovering;
    }

  frame->key = self->data + start;
  frame->key_len = (guint32) MIN (raw_len, 4 * MAX_KEY_IN_PATH);

  if (flags & STRING_HAS_ESCAPE)
    {
      mc_json_decode_string (self, start, raw_len);
      if (key != NULL)
        *key = self->scratch->str;
      if (key_len != NULL)
        *key_len = self->scratch->len;
    }
  else
    {
      if (key != NULL)
        *key = self->data + start;
      if (key_len != NULL)
        *key_len = raw_len;
    }

  return TRUE;
}

gboolean
mc_json_reader_next_element (McJsonReader *self)
{
  McJsonFrame *frame;

  if (self->error != NULL)
    return FALSE;

  g_return_val_if_fail (self->depth > 0 && self->frames[self->depth].is_array, FALSE);

  if (!next_item (self, ']'))
    return FALSE;

  frame = &self->frames[self->depth];
  frame->index = (gint32)frame->count - 1;
  frame->pending = TRUE;

  return TRUE;
}

gboolean
mc_json_reader_skip (McJsonReader *self)
{
  guint base = self->depth;

  if (!at_value (self))
    return FALSE;

  /* Iterative, so that the depth limit is the only limit on nesting. */
  for (;;)
    {
      gsize start, raw_len;
      guint flags;
      gboolean is_integer;

      switch (mc_json_reader_peek (self))
        {
        case MC_JSON_OBJECT:
          if (!mc_json_reader_enter_object (self))
            return FALSE;
          break;

        case MC_JSON_ARRAY:
          if (!mc_json_reader_enter_array (self))
            return FALSE;
          break;

        case MC_JSON_STRING:
          if (!mc_json_scan_string (self, &start, &raw_len, &flags))
            return FALSE;
          consume (self);
          if ((flags & STRING_BAD_UTF8) && !self->recovering)
            {
              mc_json_reader_fail (self, "string is not valid UTF-8");
              return FALSE;
            }
          break;

        case MC_JSON_NUMBER:
          if (!mc_json_scan_number (self, &is_integer))
            return FALSE;
          consume (self);
          break;

        case MC_JSON_BOOLEAN:
          if (!mc_json_scan_literal (self, self->data[self->pos] == 't' ? "true" : "false",
                                     self->data[self->pos] == 't' ? 4 : 5))
            return FALSE;
          consume (self);
          break;

        case MC_JSON_NULL:
          if (!mc_json_scan_literal (self, "null", 4))
            return FALSE;
          consume (self);
          break;

        case MC_JSON_NONE:
        default:
          return FALSE;
        }

      /* Find the next value inside what this call entered, if any. */
      for (;;)
        {
          gboolean more;

          if (self->depth == base)
            return TRUE;

          if (self->frames[self->depth].is_array)
            more = mc_json_reader_next_element (self);
          else
            more = mc_json_reader_next_member (self, NULL, NULL);

          if (self->error != NULL)
            return FALSE;
          if (more)
            break;
        }
    }
}

gboolean
mc_json_reader_read_null (McJsonReader *self)
{
  if (mc_json_reader_peek (self) != MC_JSON_NULL)
    return FALSE;

  if (!mc_json_scan_literal (self, "null", 4))
    return FALSE;
  consume (self);

  return TRUE;
}

gboolean
mc_json_reader_read_boolean (McJsonReader *self,
                             gboolean     *out)
{
  gboolean value;

  if (mc_json_reader_peek (self) != MC_JSON_BOOLEAN)
    {
      fail_expected (self, "a boolean");
      return FALSE;
    }

  value = self->data[self->pos] == 't';
  if (!mc_json_scan_literal (self, value ? "true" : "false", value ? 4 : 5))
    return FALSE;
  consume (self);

  *out = value;
  return TRUE;
}

gboolean
mc_json_reader_read_int64 (McJsonReader *self,
                           gint64       *out)
{
  const char *p, *end;
  gboolean negative, is_integer;
  guint64 limit, value = 0;
  gsize start;

  if (mc_json_reader_peek (self) != MC_JSON_NUMBER)
    {
      fail_expected (self, "an integer");
      return FALSE;
    }

  start = self->pos;
  if (!mc_json_scan_number (self, &is_integer))
    return FALSE;
  consume (self);

  p = self->data + start;
  end = self->data + self->pos;

  if (!is_integer)
    {
      mc_json_reader_fail (self, "expected an integer, found %.*s",
                           (int) MIN (end - p, 32), p);
      return FALSE;
    }

  negative = *p == '-';
  if (negative)
    p++;
  limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;

  for (; p < end; p++)
    {
      guint digit = *p - '0';

      if (value > (limit - digit) / 10)
        {
          mc_json_reader_fail (self, "integer out of range");
          return FALSE;
        }
      value = value * 10 + digit;
    }

  if (negative)
    *out = value == (guint64) G_MAXINT64 + 1 ? G_MININT64 : -(gint64) value;
  else
    *out = (gint64) value;

  return TRUE;
}

gboolean
mc_json_reader_read_slice (McJsonReader  *self,
                           gsize          max_bytes,
                           const char   **out,
                           gsize         *out_len)
{
  gsize start, raw_len;
  guint flags;

  if (mc_json_reader_peek (self) != MC_JSON_STRING)
    {
      fail_expected (self, "a string");
      return FALSE;
    }

  if (!mc_json_scan_string (self, &start, &raw_len, &flags))
    return FALSE;
  consume (self);

  if (flags & STRING_BAD_UTF8)
    {
      mc_json_reader_fail (self, "string is not valid UTF-8");
      return FALSE;
    }

  if (flags & STRING_BAD_UNICODE)
    {
      mc_json_reader_fail (self, "string holds an unpaired surrogate");
      return FALSE;
    }

  if (flags & STRING_HAS_NUL)
    {
      mc_json_reader_fail (self, "string holds a NUL character");
      return FALSE;
    }

  /* An escape is at most six bytes for one, so a string that long cannot
   * shrink under the limit: refuse it without decoding. */
  if (raw_len / 6 > max_bytes)
    {
      mc_json_reader_fail (self, "string longer than %" G_GSIZE_FORMAT " bytes", max_bytes);
      return FALSE;
    }

  if (flags & STRING_HAS_ESCAPE)
    {
      mc_json_decode_string (self, start, raw_len);
      *out = self->scratch->str;
      *out_len = self->scratch->len;
    }
  else
    {
      *out = self->data + start;
      *out_len = raw_len;
    }

  if (*out_len > max_bytes)
    {
      mc_json_reader_fail (self, "string longer than %" G_GSIZE_FORMAT " bytes", max_bytes);
      return FALSE;
    }

  return TRUE;
}

gboolean
mc_json_reader_read_string (McJsonReader  *self,
                            gsize          max_bytes,
                            char         **out)
{
  const char *str;
  gsize len;

  if (!mc_json_reader_read_slice (self, max_bytes, &str, &len))
    return FALSE;

  *out = g_strndup (str, len);
  return TRUE;
}

gboolean
mc_json_reader_end (McJsonReader *self)
{
  if (self->error != NULL)
    return FALSE;

  g_return_val_if_fail (self->depth == 0 && !self->frames[0].pending, FALSE);

  skip_whitespace (self);
  if (self->pos != self->length)
    {
      mc_json_reader_fail_syntax (self, "unexpected data after the document");
      return FALSE;
    }

  return TRUE;
}

gboolean
mc_json_reader_recover (McJsonReader  *self,
                        guint          depth,
                        char         **message)
{
  g_autofree char *taken = NULL;

  g_return_val_if_fail (self->error != NULL, FALSE);

  if (self->fatal || self->depth < depth)
    return FALSE;

  taken = g_steal_pointer (&self->error);
  self->recovering = TRUE;

  for (;;)
    {
      if (self->frames[self->depth].pending && !mc_json_reader_skip (self))
        break;

      if (self->depth == depth)
        break;

      if (self->frames[self->depth].is_array)
        while (mc_json_reader_next_element (self))
          ;
      else
        while (mc_json_reader_next_member (self, NULL, NULL))
          ;

      if (self->error != NULL)
        break;
    }

  self->recovering = FALSE;

  if (self->error != NULL)
    return FALSE;

  *message = g_steal_pointer (&taken);
  return TRUE;
}

/* Prices are the only fractions the API sends; a number longer than any
 * price is refused rather than rounded. */
#define MAX_NUMBER_BYTES 64

gboolean
mc_json_reader_read_double (McJsonReader *self,
                            double       *out)
{
  char buf[MAX_NUMBER_BYTES + 1];
  gboolean is_integer;
  gsize start, len;
  double value;

  if (mc_json_reader_peek (self) != MC_JSON_NUMBER)
    {
      fail_expected (self, "a number");
      return FALSE;
    }

  start = self->pos;
  if (!mc_json_scan_number (self, &is_integer))
    return FALSE;
  consume (self);

  len = self->pos - start;
  if (len > MAX_NUMBER_BYTES)
    {
      mc_json_reader_fail (self, "number too long");
      return FALSE;
    }

  memcpy (buf, self->data + start, len);
  buf[len] = '\0';
  value = g_ascii_strtod (buf, NULL);
  if (!isfinite (value))
    {
      mc_json_reader_fail (self, "number out of range: %s", buf);
      return FALSE;
    }

  *out = value;
  return TRUE;
}
