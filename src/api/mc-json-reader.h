/* mc-json-reader.h: a strict pull reader for JSON documents from the network.
 *
 * The parsers walk a document with it and build models directly, with no
 * tree in between.  Any input is safe: nesting is limited, strings must be
 * valid UTF-8, numbers and literals follow RFC 8259 exactly, and nothing
 * recurses.
 *
 * Errors are sticky and name the JSON path ("result.chats[3].context.type:
 * expected a string").  A syntax error ends the document; any other error
 * (wrong type, a value a parser refused) leaves the reader consistent, so
 * mc_json_reader_recover() can skip the rest of a broken list item and go on
 * with the next one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MC_JSON_MAX_DEPTH 64

typedef enum
{
  MC_JSON_NONE,    /* after an error */
  MC_JSON_NULL,
  MC_JSON_BOOLEAN,
  MC_JSON_NUMBER,
  MC_JSON_STRING,
  MC_JSON_ARRAY,
  MC_JSON_OBJECT,
} McJsonType;

typedef struct
{
  const char *key;      /* the member being read, as written (escapes kept) */
  guint32     key_len;
  gint32      index;    /* the element being read; -1 before the first */
  guint32     count;    /* members or elements seen */
  guint8      is_array;
  guint8      pending;  /* a value is announced and not consumed yet */
} McJsonFrame;

typedef struct
{
  const char  *data;
  gsize        length;
  gsize        pos;
  guint        depth;
  gboolean     fatal;
  gboolean     recovering;
  char        *error;
  GString     *scratch;
  /* frames[0] is the document itself; frames[1..depth] the open containers. */
  McJsonFrame  frames[MC_JSON_MAX_DEPTH + 1];
} McJsonReader;

void        mc_json_reader_init           (McJsonReader  *self,
                                           const char    *data,
                                           gsize          length);
void        mc_json_reader_clear          (McJsonReader  *self);

/* The type of the next value, without consuming it. */
McJsonType  mc_json_reader_peek           (McJsonReader  *self);

gboolean    mc_json_reader_enter_object   (McJsonReader  *self);
/* FALSE at the closing brace (which it consumes) or on error.  @key is
 * unescaped, not NUL-terminated, and valid until the next call.  An
 * unconsumed value of the previous member is skipped. */
gboolean    mc_json_reader_next_member    (McJsonReader  *self,
                                           const char   **key,
                                           gsize         *key_len);
gboolean    mc_json_reader_enter_array    (McJsonReader  *self);
/* FALSE at the closing bracket (which it consumes) or on error. */
gboolean    mc_json_reader_next_element   (McJsonReader  *self);

gboolean    mc_json_reader_skip           (McJsonReader  *self);
/* Consumes a null and returns TRUE; anything else is left in place. */
gboolean    mc_json_reader_read_null      (McJsonReader  *self);
gboolean    mc_json_reader_read_boolean   (McJsonReader  *self,
                                           gboolean      *out);
/* An integer without fraction or exponent, within gint64. */
gboolean    mc_json_reader_read_int64     (McJsonReader  *self,
                                           gint64        *out);
/* Any JSON number of at most 64 characters, as the nearest double. */
gboolean    mc_json_reader_read_double    (McJsonReader  *self,
                                           double        *out);
/* A string of at most @max_bytes bytes once unescaped, without NUL
 * characters.  The slice variant points into the document or into a scratch
 * buffer valid until the next call; it is not NUL-terminated. */
gboolean    mc_json_reader_read_string    (McJsonReader  *self,
                                           gsize          max_bytes,
                                           char         **out);
gboolean    mc_json_reader_read_slice     (McJsonReader  *self,
                                           gsize          max_bytes,
                                           const char   **out,
                                           gsize         *out_len);
/* Checks that nothing but white space follows the document. */
gboolean    mc_json_reader_end            (McJsonReader  *self);

guint       mc_json_reader_get_depth      (McJsonReader  *self);
gboolean    mc_json_reader_failed         (McJsonReader  *self);
const char *mc_json_reader_get_error      (McJsonReader  *self);
/* Fails at the current path; ignored when the reader already failed. */
void        mc_json_reader_fail           (McJsonReader  *self,
                                           const char    *format,
                                           ...) G_GNUC_PRINTF (2, 3);
/* After an error that is not a syntax error: takes its message, skips the
 * rest of every container deeper than @depth, and the unconsumed value at
 * @depth if any.  FALSE (and nothing taken) after a syntax error. */
gboolean    mc_json_reader_recover        (McJsonReader  *self,
                                           guint          depth,
                                           char         **message);

G_END_DECLS
