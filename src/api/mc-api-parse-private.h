/* mc-api-parse-private.h: the reading helpers of mc-api-parse.c, for the
 * parsers of other endpoint families (mc-api-parse-orders.c), and the value
 * readers of mc-api-parse-values.c that orders and returns share.  Nothing
 * outside src/api/ includes this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-json-reader.h"

G_BEGIN_DECLS

#define MC_API_PARSE_MAX_STRING_BYTES (16 * 1024)
#define MC_API_PARSE_MAX_ENUM_BYTES   64
/* ShopSku: 1..255 characters. */
#define MC_API_PARSE_MAX_SKU_BYTES    (255 * 4)

typedef gpointer (*McApiParseItemFunc)   (McJsonReader *r,
                                          gpointer      user_data);
typedef gboolean (*McApiParseResultFunc) (McJsonReader *r,
                                          gpointer      user_data);

/* An integer >= 1. */
gboolean mc_api_parse_read_id            (McJsonReader  *r,
                                          gint64        *out);
/* Null or "" is NULL; a previous value is replaced. */
gboolean mc_api_parse_read_optional_string (McJsonReader *r,
                                          gsize          max_bytes,
                                          char         **out);
/* ISO 8601 with an offset -> Unix usec. */
gboolean mc_api_parse_read_date          (McJsonReader  *r,
                                          gint64        *out);
/* An enum's spelling into @buf ("" when absurdly long); the optional form
 * takes null as "". */
gboolean mc_api_parse_read_enum_name     (McJsonReader  *r,
                                          char           buf[MC_API_PARSE_MAX_ENUM_BYTES]);
gboolean mc_api_parse_read_optional_enum_name (McJsonReader *r,
                                          char           buf[MC_API_PARSE_MAX_ENUM_BYTES]);
/* @have holds bit i for each @names[i] that was read. */
gboolean mc_api_parse_check_required     (McJsonReader      *r,
                                          guint              have,
                                          const char * const names[],
                                          guint              n_names);
/* Each item of an array into @items; a broken one is filed in @rejected. */
gboolean mc_api_parse_list               (McJsonReader       *r,
                                          McApiParseItemFunc  parse_item,
                                          gpointer            user_data,
                                          GPtrArray          *items,
                                          GPtrArray          *rejected);
/* PackagingForwardScrollingPagerDTO (null allowed). */
gboolean mc_api_parse_paging             (McJsonReader  *r,
                                          char         **out_token);
/* {"status": ..., "result": <parse_result>} */
void     mc_api_parse_wrapped            (McJsonReader         *r,
                                          McApiParseResultFunc  parse_result,
                                          gpointer              user_data);
/* Ends the document and clears @r; on failure a PROTOCOL error naming the
 * path (or the Market's own words for an error body). */
gboolean mc_api_parse_finish             (McJsonReader  *r,
                                          GError       **error);
/* The longest prefix of @str of at most @max bytes ending on a character. */
int      mc_api_parse_utf8_prefix        (const char    *str,
                                          gsize          len,
                                          gsize          max);

/* Defined in mc-api-parse-values.c. */

/* An enum kept as spelled: a value this version does not know is still
 * the Market's word for it. */
gboolean mc_api_parse_read_enum_string    (McJsonReader        *r,
                                           gboolean             nullable,
                                           char               **out);
gboolean mc_api_parse_read_required_string (McJsonReader       *r,
                                           gsize                max_bytes,
                                           char               **out);
/* A count of items, 0 to a billion. */
gboolean mc_api_parse_read_count          (McJsonReader        *r,
                                           gint64              *out);
/* CurrencyValueDTO: {value*, currencyId*}. */
gboolean mc_api_parse_read_currency_value (McJsonReader        *r,
                                           double              *value,
                                           char               **currency);
/* An amount of at least 0. */
gboolean mc_api_parse_read_amount         (McJsonReader        *r,
                                           double              *out);
/* The "payment" member of an object (absent or null leaves the outputs as
 * they are), or null. */
gboolean mc_api_parse_read_payment        (McJsonReader        *r,
                                           double              *value,
                                           char               **currency);
/* "YYYY-MM-DD" (@day_first FALSE) or "DD-MM-YYYY" (TRUE) -> "YYYY-MM-DD". */
gboolean mc_api_parse_read_day            (McJsonReader        *r,
                                           gboolean             day_first,
                                           char               **out);
/* "HH:MM", 00:00 to 23:59. */
gboolean mc_api_parse_read_time           (McJsonReader        *r,
                                           char               **out);
/* DateDdMmYyyyHhMmSs, Moscow time -> Unix usec. */
gboolean mc_api_parse_read_moscow_datetime (McJsonReader       *r,
                                           gint64              *out);
/* An object, skipped; anything else fails. */
gboolean mc_api_parse_expect_object       (McJsonReader        *r);

/* Defined in mc-api-parse-orders.c. */

/* Every item of an array into @items, or FALSE at the first broken one. */
gboolean mc_api_parse_items               (McJsonReader        *r,
                                           McApiParseItemFunc   parse_item,
                                           GPtrArray           *items);

G_END_DECLS
