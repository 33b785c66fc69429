/* mc-json-scan.c: the lexical part of McJsonReader: strings (with their
 * escapes and UTF-8 checked in one pass), numbers and literals, exactly
 * as RFC 8259 writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mc-json-reader-private.h"

/* Bytes that end the fast scan of a string: controls, '"', '\\', non-ASCII. */
static const guint8 string_stop[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

gboolean
mc_json_scan_literal (McJsonReader *self,
                      const char   *literal,
                      gsize         len)
{
  if (self->length - self->pos < len ||
      memcmp (self->data + self->pos, literal, len) != 0)
    {
      mc_json_reader_fail_syntax (self, "invalid literal");
      return FALSE;
    }

  self->pos += len;
  return TRUE;
}

static inline gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

gboolean
mc_json_scan_number (McJsonReader *self,
                     gboolean     *is_integer)
{
  const char *data = self->data;
  gsize p = self->pos;
  gsize len = self->length;

  *is_integer = TRUE;

  if (p < len && data[p] == '-')
    p++;

  if (p < len && data[p] == '0')
    p++;
  else if (p < len && data[p] >= '1' && data[p] <= '9')
    while (p < len && is_digit (data[p]))
      p++;
  else
    goto invalid;

  if (p < len && data[p] == '.')
    {
      *is_integer = FALSE;
      p++;
      if (p >= len || !is_digit (data[p]))
        goto invalid;
      while (p < len && is_digit (data[p]))
        p++;
    }

  if (p < len && (data[p] == 'e' || data[p] == 'E'))
    {
      *is_integer = FALSE;
      p++;
      if (p < len && (data[p] == '+' || data[p] == '-'))
        p++;
      if (p >= len || !is_digit (data[p]))
        goto invalid;
      while (p < len && is_digit (data[p]))
        p++;
    }

  self->pos = p;
  return TRUE;

invalid:
  self->pos = p;
  mc_json_reader_fail_syntax (self, "invalid number");
  return FALSE;
}

/* Length of the valid UTF-8 sequence at @p (whose first byte is >= 0x80),
 * or 0: overlong forms, surrogates and values over U+10FFFF are invalid. */
static gsize
utf8_sequence_length (const guchar *p,
                      gsize         avail)
{
  guchar c = p[0];
  guchar lo = 0x80, hi = 0xBF;
  gsize n;

  if (c >= 0xC2 && c <= 0xDF)
    n = 2;
  else if (c >= 0xE0 && c <= 0xEF)
    {
      n = 3;
      if (c == 0xE0)
        lo = 0xA0;
      else if (c == 0xED)
        hi = 0x9F;
    }
  else if (c >= 0xF0 && c <= 0xF4)
    {
      n = 4;
      if (c == 0xF0)
        lo = 0x90;
      else if (c == 0xF4)
        hi = 0x8F;
    }
  else
    return 0;

  if (avail < n || p[1] < lo || p[1] > hi)
    return 0;

  for (gsize i = 2; i < n; i++)
    if ((p[i] & 0xC0) != 0x80)
      return 0;

  return n;
}

static inline int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Four hex digits at @p, or -1. */
static int
read_hex4 (const char *p)
{
  int value = 0;

  for (guint i = 0; i < 4; i++)
    {
      int digit = hex_value (p[i]);

      if (digit < 0)
        return -1;
      value = (value << 4) | digit;
    }

  return value;
}

/* Scans the string at the current '"', leaving its contents (escapes and
 * all) in [*start, *start + *raw_len).  Broken syntax fails the document;
 * invalid Unicode is only flagged, for the caller to decide. */
gboolean
mc_json_scan_string (McJsonReader *self,
                     gsize        *start,
                     gsize        *raw_len,
                     guint        *flags)
{
  const guchar *data = (const guchar *)self->data;
  gsize len = self->length;
  gsize p = self->pos + 1;

  *flags = 0;
  *start = p;

  for (;;)
    {
      guchar c;

      while (p < len && !string_stop[data[p]])
        p++;

      if (p >= len)
        {
          self->pos = p;
          mc_json_reader_fail_syntax (self, "unterminated string");
          return FALSE;
        }

      c = data[p];

      if (c == '"')
        break;

      if (c == '\\')
        {
          *flags |= STRING_HAS_ESCAPE;

          if (p + 1 >= len)
            {
              self->pos = p;
              mc_json_reader_fail_syntax (self, "unterminated string");
              return FALSE;
            }

          switch (data[p + 1])
            {
            case '"': case '\\': case '/':
            case 'b': case 'f': case 'n': case 'r': case 't':
              p += 2;
              break;

            case 'u':
              {
                int cp = len - p >= 6 ? read_hex4 ((const char *)data + p + 2) : -1;

                if (cp < 0)
                  {
                    self->pos = p;
                    mc_json_reader_fail_syntax (self, "invalid \\u escape");
                    return FALSE;
                  }

                p += 6;

                if (cp == 0)
                  *flags |= STRING_HAS_NUL;
                else if (cp >= 0xD800 && cp <= 0xDBFF)
                  {
                    int low = -1;

                    if (len - p >= 6 && data[p] == '\\' && data[p + 1] == 'u')
                      low = read_hex4 ((const char *)data + p + 2);

                    if (low >= 0xDC00 && low <= 0xDFFF)
                      p += 6;
                    else
                      *flags |= STRING_BAD_UNICODE;
                  }
                else if (cp >= 0xDC00 && cp <= 0xDFFF)
                  *flags |= STRING_BAD_UNICODE;
              }
              break;

            default:
              self->pos = p;
              mc_json_reader_fail_syntax (self, "invalid escape");
              return FALSE;
            }
        }
      else if (c < 0x20)
        {
          self->pos = p;
          mc_json_reader_fail_syntax (self, "control character in a string");
          return FALSE;
        }
      else
        {
          gsize n = utf8_sequence_length (data + p, len - p);

          if (n == 0)
            {
              *flags |= STRING_BAD_UTF8;
              n = 1;
            }
          p += n;
        }
    }

  *raw_len = p - *start;
  self->pos = p + 1;

  return TRUE;
}

/* Unescapes a scanned string into the scratch buffer.  A lone surrogate
 * becomes U+FFFD; callers that care have refused it already. */
void
mc_json_decode_string (McJsonReader *self,
                       gsize         start,
                       gsize         raw_len)
{
  const char *p = self->data + start;
  const char *end = p + raw_len;

  if (self->scratch == NULL)
    self->scratch = g_string_sized_new (256);
  g_string_truncate (self->scratch, 0);

  while (p < end)
    {
      const char *run = p;
      gunichar cp;
      char utf8[6];

      while (p < end && *p != '\\')
        p++;
      g_string_append_len (self->scratch, run, p - run);

      if (p >= end)
        break;

      switch (p[1])
        {
        case 'b': cp = '\b'; p += 2; break;
        case 'f': cp = '\f'; p += 2; break;
        case 'n': cp = '\n'; p += 2; break;
        case 'r': cp = '\r'; p += 2; break;
        case 't': cp = '\t'; p += 2; break;
        case 'u':
          cp = read_hex4 (p + 2);
          p += 6;
          if (cp >= 0xD800 && cp <= 0xDBFF)
            {
              int low = (end - p >= 6 && p[0] == '\\' && p[1] == 'u') ? read_hex4 (p + 2) : -1;

              if (low >= 0xDC00 && low <= 0xDFFF)
                {
                  cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                  p += 6;
                }
              else
                cp = 0xFFFD;
            }
          else if (cp >= 0xDC00 && cp <= 0xDFFF)
            cp = 0xFFFD;
          break;
        default:
          cp = (guchar)p[1];
          p += 2;
          break;
        }

      g_string_append_len (self->scratch, utf8, g_unichar_to_utf8 (cp, utf8));
    }
}
