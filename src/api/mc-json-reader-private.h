/* mc-json-reader-private.h: what the files of McJsonReader share: the
 * scanners of mc-json-scan.c and how they report a syntax error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-json-reader.h"

G_BEGIN_DECLS

/* What mc_json_scan_string() found in a string, for its caller to judge. */
enum {
  STRING_HAS_ESCAPE   = 1 << 0,
  STRING_BAD_UTF8     = 1 << 1,
  STRING_BAD_UNICODE  = 1 << 2,
  STRING_HAS_NUL      = 1 << 3,
};

/* mc-json-reader.c */
void     mc_json_reader_fail_syntax (McJsonReader *self,
                                     const char   *format,
                                     ...) G_GNUC_PRINTF (2, 3);

/* mc-json-scan.c */
gboolean mc_json_scan_literal       (McJsonReader *self,
                                     const char   *literal,
                                     gsize         len);
gboolean mc_json_scan_number        (McJsonReader *self,
                                     gboolean     *is_integer);
/* Scans the string at the current '"', leaving its contents (escapes and
 * all) in [*start, *start + *raw_len).  Broken syntax fails the document;
 * invalid Unicode is only flagged, for the caller to decide. */
gboolean mc_json_scan_string        (McJsonReader *self,
                                     gsize        *start,
                                     gsize        *raw_len,
                                     guint        *flags);
/* Unescapes a scanned string into the scratch buffer. */
void     mc_json_decode_string      (McJsonReader *self,
                                     gsize         start,
                                     gsize         raw_len);

G_END_DECLS
