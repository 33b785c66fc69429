/* mc-contact-detector.c: a byte-level scanner rather than GRegex, so that
 * any input (the fuzzer's included) is handled in linear time without
 * allocating, and so that the rules stay readable one by one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mc-contact-detector.h"

/* Top-level domains that sellers' links and e-mails use in practice.  Short
 * words that are also common abbreviations or times ("in", "to", "am") are
 * left out: a bare "10.am" is not a link. */
static const char * const known_tlds[] = {
  "ru", "рф", "su", "com", "net", "org", "info", "biz", "io", "me", "co",
  "shop", "store", "online", "site", "xyz", "pro", "by", "kz", "ua", "uz",
  "ge", "de", "uk", "us", "eu", "tv", "cc", "app", "dev", "link", "club",
  "top", "ly", "gl", "fm", "ai", "cn", "mobi", "space", "tech", "website",
  "москва", "рус", "онлайн", "сайт",
};

/* Length in bytes of the letter or digit at @p (ASCII or not), 0 for
 * anything else, including invalid UTF-8. */
static gsize
word_char_len (const char *p,
               const char *end)
{
  guchar c = (guchar) *p;
  gunichar ch;

  if (p >= end)
    return 0;

  if (c < 0x80)
    return g_ascii_isalnum (c) ? 1 : 0;

  ch = g_utf8_get_char_validated (p, end - p);
  if (ch == (gunichar) -1 || ch == (gunichar) -2 || !g_unichar_isalnum (ch))
    return 0;

  return g_utf8_skip[c];
}

static const char *
prev_char (const char *start,
           const char *p)
{
  const char *q = p;

  if (q <= start)
    return NULL;

  q--;
  while (q > start && p - q < 4 && ((guchar) *q & 0xC0) == 0x80)
    q--;

  return q;
}

static gboolean
prev_is_word_char (const char *start,
                   const char *p,
                   const char *end)
{
  const char *q = prev_char (start, p);

  return q != NULL && word_char_len (q, end) == (gsize) (p - q);
}

static gsize
phone_separator_len (const char *p,
                     const char *end)
{
  if (p >= end)
    return 0;

  if (*p != '\0' && strchr (" -().", *p) != NULL)
    return 1;

  /* A no-break space, as pasted from web pages and office documents. */
  if (end - p >= 2 && (guchar) p[0] == 0xC2 && (guchar) p[1] == 0xA0)
    return 2;

  return 0;
}

/* Words after which a number is the order's, the return's, a parcel's
 * or an article's, not a phone: "Заказ 9123456789", "трек-номер ...". */
static const char * const reference_stems[] = {
  "заказ", "возврат", "трек", "отправлени", "посылк", "накладн", "артикул",
  "order", "return", "track", "parcel", "sku",
};

/* Whether the word of @len bytes at @word starts with a reference stem. */
static gboolean
is_reference_word (const char *word,
                   gsize       len)
{
  g_autofree char *lower = g_utf8_strdown (word, len);

  for (guint i = 0; i < G_N_ELEMENTS (reference_stems); i++)
    if (g_str_has_prefix (lower, reference_stems[i]))
      return TRUE;

  return FALSE;
}

/* Whether the number at @p follows "№", "#" or, within two words, a word
 * that names what the number is (see reference_stems). */
static gboolean
follows_reference_word (const char *text,
                        const char *p,
                        const char *end)
{
  const char *q = p;

  for (guint n_words = 0; n_words < 2; n_words++)
    {
      const char *word_end;

      /* Blanks and punctuation back to the word before. */
      while (q > text)
        {
          const char *prev = prev_char (text, q);

          if (word_char_len (prev, end) == (gsize) (q - prev))
            break;
          if (*prev == '#' || (q - prev == 3 && memcmp (prev, "\xe2\x84\x96", 3) == 0))
            return TRUE;
          q = prev;
        }

      word_end = q;
      while (q > text)
        {
          const char *prev = prev_char (text, q);

          if (word_char_len (prev, end) != (gsize) (q - prev))
            break;
          q = prev;
        }

      if (q == word_end)
        return FALSE;
      if (is_reference_word (q, word_end - q))
        return TRUE;
    }

  return FALSE;
}

/* Whether a currency follows the number ending at @p: "9123456789 ₽",
 * "... руб.", "... RUB". */
static gboolean
precedes_currency (const char *p,
                   const char *end)
{
  /* Compared as bytes: the text may end in the middle of a character. */
  static const char * const currencies[] = {
    "\xe2\x82\xbd", "руб", "Руб", "РУБ", "р.", "Р.", "$", "€",
  };
  static const char * const ascii_currencies[] = { "rub", "usd", "eur" };
  gsize sep;

  while ((sep = phone_separator_len (p, end)) > 0 && *p != '(' && *p != '.')
    p += sep;

  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    {
      gsize len = strlen (currencies[i]);

      if ((gsize) (end - p) >= len && memcmp (p, currencies[i], len) == 0)
        return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (ascii_currencies); i++)
    if (end - p >= 3 && g_ascii_strncasecmp (p, ascii_currencies[i], 3) == 0)
      return TRUE;

  return FALSE;
}

/* "+7 (999) 123-45-67", "8 999 1234567", "79991234567", "+44 20 7946 0958",
 * and a Russian mobile without its country code: "9123456789",
 * "912 345-67-89". */
static gboolean
detect_phone (const char *text,
              const char *end)
{
  for (const char *p = text; p < end; p++)
    {
      gboolean plus = *p == '+';
      const char *q;
      guint n_digits = 0;
      guint n_separators = 0;
      guint first_group = 0;
      char first_digit = 0;

      if (!plus && !g_ascii_isdigit (*p))
        continue;

      /* Only at the start of a number, not in the middle of a longer one
       * or of a word such as an article code. */
      if (p > text && (g_ascii_isdigit (p[-1]) || p[-1] == '+'))
        continue;
      if (prev_is_word_char (text, p, end))
        continue;

      q = plus ? p + 1 : p;
      while (q < end)
        {
          gsize sep;

          if (g_ascii_isdigit (*q))
            {
              if (n_digits == 0)
                first_digit = *q;
              if (n_digits == first_group)
                first_group++;
              n_digits++;
              n_separators = 0;
              q++;
            }
          else if (n_digits > 0 && (sep = phone_separator_len (q, end)) > 0)
            {
              /* "8 (999)" has two in a row; more means separate numbers. */
              if (++n_separators > 2)
                break;
              q += sep;
            }
          else
            break;
        }

      /* Digits glued to letters are a code, not a phone number. */
      if (n_separators == 0 && word_char_len (q, end) > 0)
        continue;

      if (plus && n_digits >= 9 && n_digits <= 15)
        return TRUE;

      if (!plus && n_digits == 11 && (first_digit == '8' || first_digit == '7'))
        return TRUE;

      /* Ten digits from 9 are a mobile number without "8" or "+7", when
       * grouped like one (not "9 123 456 789" like a sum), and neither
       * named an order, return or parcel number nor followed by money. */
      if (!plus && n_digits == 10 && first_digit == '9' &&
          (first_group == 10 || first_group == 3) &&
          !follows_reference_word (text, p, end) &&
          !precedes_currency (q, end))
        return TRUE;
    }

  return FALSE;
}

/* Non-ASCII bytes too: internationalised addresses have Cyrillic local
 * parts. */
static gboolean
is_email_local_char (char c)
{
  return (guchar) c >= 0x80 || g_ascii_isalnum (c) ||
         (c != '\0' && strchr ("._%+-", c) != NULL);
}

/* Length of the domain-like run at @p: letters, digits, '-' and '.'. */
static gsize
domain_run_len (const char *p,
                const char *end)
{
  const char *q = p;

  while (q < end)
    {
      gsize len = word_char_len (q, end);

      if (len > 0)
        q += len;
      else if (*q == '-' || *q == '.')
        q++;
      else
        break;
    }

  return q - p;
}

static gboolean
is_known_tld (const char *label,
              gsize       len)
{
  g_autofree char *lower = g_utf8_strdown (label, len);

  for (guint i = 0; i < G_N_ELEMENTS (known_tlds); i++)
    if (g_str_equal (lower, known_tlds[i]))
      return TRUE;

  return FALSE;
}

/* Whether @host (a run of labels) looks like a domain name: at least two
 * non-empty labels, the last one with a letter. */
static gboolean
split_host (const char  *host,
            gsize        len,
            const char **last_label,
            gsize       *last_len)
{
  const char *dot;
  guint n_labels = 1;
  gboolean has_letter = FALSE;

  if (len == 0 || host[0] == '.' || host[len - 1] == '.')
    return FALSE;

  for (gsize i = 0; i + 1 < len; i++)
    if (host[i] == '.' && host[i + 1] == '.')
      return FALSE;

  for (gsize i = 0; i < len; i++)
    if (host[i] == '.')
      n_labels++;

  if (n_labels < 2)
    return FALSE;

  dot = g_strrstr_len (host, len, ".");
  *last_label = dot + 1;
  *last_len = host + len - (dot + 1);

  for (gsize i = 0; i < *last_len; i++)
    if (!g_ascii_isdigit ((*last_label)[i]))
      has_letter = TRUE;

  return has_letter;
}

/* ASCII only: the host of a URL may be any bytes, and the Market's own
 * domains are ASCII. */
static gboolean
is_market_host (const char *host,
                gsize       len)
{
  g_autofree char *lower = g_ascii_strdown (host, len);

  return g_str_equal (lower, "yandex.ru") || g_str_has_suffix (lower, ".yandex.ru");
}

static gboolean
detect_email (const char *text,
              const char *end)
{
  for (const char *at = memchr (text, '@', end - text);
       at != NULL;
       at = memchr (at + 1, '@', end - (at + 1)))
    {
      const char *label;
      gsize label_len;
      gsize run;

      if (at == text || !is_email_local_char (at[-1]))
        continue;

      run = domain_run_len (at + 1, end);
      while (run > 0 && (at[run] == '.' || at[run] == '-'))
        run--;

      if (split_host (at + 1, run, &label, &label_len) && label_len >= 2)
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_scheme_before (const char *text,
                   const char *colon)
{
  static const char * const schemes[] = { "https", "http", "ftp" };

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      gsize len = strlen (schemes[i]);

      if ((gsize) (colon - text) >= len &&
          g_ascii_strncasecmp (colon - len, schemes[i], len) == 0 &&
          (colon - len == text || !g_ascii_isalpha (colon[-(gssize) len - 1])))
        return TRUE;
    }

  return FALSE;
}

/* "https://host/...": the host is what follows any "user@" and precedes a
 * port or path, so "https://market.yandex.ru@example.com" is example.com. */
static gboolean
detect_url (const char *text,
            const char *end)
{
  for (const char *p = text; p + 3 <= end; p++)
    {
      const char *authority, *authority_end, *host, *host_end;

      if (memcmp (p, "://", 3) != 0 || !has_scheme_before (text, p))
        continue;

      authority = p + 3;
      authority_end = authority;
      while (authority_end < end && !g_ascii_isspace (*authority_end) &&
             strchr ("/?#\\", *authority_end) == NULL)
        authority_end++;

      host = authority;
      for (const char *q = authority; q < authority_end; q++)
        if (*q == '@')
          host = q + 1;

      host_end = host;
      while (host_end < authority_end && *host_end != ':')
        host_end++;

      if (host_end == host)
        continue;

      if (!is_market_host (host, host_end - host))
        return TRUE;
    }

  return FALSE;
}

/* "example.com", "www.shop", "t.me/name", "магазин.рф". */
static gboolean
detect_bare_domain (const char *text,
                    const char *end)
{
  const char *p = text;

  while (p < end)
    {
      const char *label;
      gsize label_len;
      gsize run;

      if (word_char_len (p, end) == 0)
        {
          p++;
          continue;
        }

      run = domain_run_len (p, end);

      /* The domain of an e-mail address is the e-mail's business. */
      if (p == text || p[-1] != '@')
        {
          gsize len = run;

          while (len > 0 && (p[len - 1] == '.' || p[len - 1] == '-'))
            len--;

          if (split_host (p, len, &label, &label_len) &&
              !is_market_host (p, len) &&
              (is_known_tld (label, label_len) ||
               (len > 4 && g_ascii_strncasecmp (p, "www.", 4) == 0)))
            return TRUE;
        }

      p += run;
    }

  return FALSE;
}

McContactMatch
mc_contact_detect (const char *text)
{
  McContactMatch match = MC_CONTACT_NONE;
  const char *end;

  if (text == NULL)
    return MC_CONTACT_NONE;

  end = text + strlen (text);

  if (detect_phone (text, end))
    match |= MC_CONTACT_PHONE;

  if (detect_email (text, end))
    match |= MC_CONTACT_EMAIL;

  if (detect_url (text, end) || detect_bare_domain (text, end))
    match |= MC_CONTACT_LINK;

  return match;
}
