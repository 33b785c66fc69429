/* mc-fake-market-http.c: what every endpoint uses of HTTP.
 *
 * JSON replies and errors in the Market's wrapper, the X-RateLimit-*
 * headers, and the reading of query parameters, JSON bodies, page tokens
 * and multipart forms, each refused with the Market's own 400.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "mc-fake-market-private.h"

/* Replies */

static const char *
code_for_status (guint status)
{
  switch (status)
    {
    case 400: return "BAD_REQUEST";
    case 401: return "UNAUTHORIZED";
    case 403: return "FORBIDDEN";
    case 404: return "NOT_FOUND";
    case 410: return "GONE";
    case 405: return "METHOD_NOT_ALLOWED";
    case 420: return "LIMIT_EXCEEDED";
    default: return "INTERNAL_ERROR";
    }
}

Reply G_GNUC_PRINTF (2, 3)
mc_fake_reply_error (guint       status,
                     const char *format,
                     ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "ERROR");
  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code_for_status (status));
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return (Reply) { status, json_builder_get_root (builder) };
}

/* {"status": "OK", "result": @result}; no result for an empty answer. */
Reply
mc_fake_reply_ok (JsonNode *result)
{
  JsonObject *object = json_object_new ();
  JsonNode *root = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "status", "OK");
  if (result != NULL)
    json_object_set_member (object, "result", result);
  json_node_take_object (root, object);

  return (Reply) { SOUP_STATUS_OK, root };
}

static char *
node_to_string (JsonNode *node,
                gsize    *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, length);
}

void
mc_fake_set_json_response (SoupServerMessage *msg,
                           guint              status,
                           JsonNode          *body)
{
  gsize length;
  char *text = node_to_string (body, &length);

  soup_server_message_set_status (msg, status, status == 420 ? "Enhance Your Calm" : NULL);
  soup_server_message_set_response (msg, "application/json;charset=utf-8",
                                    SOUP_MEMORY_TAKE, text, length);
}

/* Limits; called with the lock held */

guint
mc_fake_budget_limit (McFakeMarket *self,
                      Op            op)
{
  double scaled = ops[op].budget * self->budget_scale;

  return MAX (1, (guint) (scaled + 0.5));
}

Budget *
mc_fake_budget_get (McFakeMarket *self,
                    int           business,
                    Op            op)
{
  Budget *budget = &self->budgets[business][op];
  gint64 hour = g_get_real_time () / (G_USEC_PER_SEC * (gint64) self->hour_length);

  if (budget->hour != hour)
    {
      budget->hour = hour;
      budget->used = 0;
    }

  return budget;
}

void
mc_fake_set_limit_headers (McFakeMarket      *self,
                           SoupServerMessage *msg,
                           int                business,
                           Op                 op)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  Budget *budget = mc_fake_budget_get (self, business, op);
  guint limit = mc_fake_budget_limit (self, op);
  g_autoptr(GDateTime) until = g_date_time_new_from_unix_utc ((budget->hour + 1) * self->hour_length);
  g_autofree char *until_str = soup_date_time_to_string (until, SOUP_DATE_HTTP);
  char number[32];

  g_snprintf (number, sizeof number, "%u", limit);
  soup_message_headers_replace (headers, "X-RateLimit-Resource-Limit", number);
  g_snprintf (number, sizeof number, "%u", limit > budget->used ? limit - budget->used : 0);
  soup_message_headers_replace (headers, "X-RateLimit-Resource-Remaining", number);
  soup_message_headers_replace (headers, "X-RateLimit-Resource-Until",
                                self->until_header != NULL ? self->until_header : until_str);
}

/* Reading requests */

static const char *
query_get (Request    *req,
           const char *name)
{
  if (req->ignore_page_token && (g_str_equal (name, "pageToken") || g_str_equal (name, "page_token")))
    return NULL;

  return req->query != NULL ? g_hash_table_lookup (req->query, name) : NULL;
}

/* Parses the query parameter @name as an integer in @min..@max. */
gboolean
mc_fake_query_get_int (Request    *req,
                       const char *name,
                       gint64      min,
                       gint64      max,
                       gboolean    required,
                       gint64      fallback,
                       gint64     *value,
                       Reply      *error)
{
  const char *str = query_get (req, name);

  if (str == NULL)
    {
      if (required)
        {
          *error = mc_fake_reply_error (400, "Missing required parameter %s", name);
          return FALSE;
        }
      *value = fallback;
      return TRUE;
    }

  if (!g_ascii_string_to_signed (str, 10, min, max, value, NULL))
    {
      *error = mc_fake_reply_error (400, "Parameter %s must be an integer from %" G_GINT64_FORMAT
                                    " to %" G_GINT64_FORMAT, name, min, max);
      return FALSE;
    }

  return TRUE;
}

GBytes *
mc_fake_request_body (Request *req)
{
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);

  return soup_message_body_flatten (body);
}

JsonObject *
mc_fake_request_json (Request *req,
                      Reply   *error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(GBytes) bytes = mc_fake_request_body (req);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  JsonNode *root;

  if (type == NULL || g_ascii_strcasecmp (type, "application/json") != 0)
    {
      *error = mc_fake_reply_error (400, "Content-Type must be application/json");
      return NULL;
    }

  if (size == 0)
    {
      *error = mc_fake_reply_error (400, "Request body is required");
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      *error = mc_fake_reply_error (400, "Malformed JSON: %s", local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      *error = mc_fake_reply_error (400, "Request body must be a JSON object");
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/* An integer member, or FALSE with @error when it has another type. */
gboolean
mc_fake_member_get_int (JsonObject *object,
                        const char *member,
                        const char *path,
                        gint64      min,
                        gint64     *value,
                        Reply      *error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *value = 0;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      *error = mc_fake_reply_error (400, "%s must be an integer", path);
      return FALSE;
    }

  *value = json_node_get_int (node);
  if (*value < min)
    {
      *error = mc_fake_reply_error (400, "%s must be at least %" G_GINT64_FORMAT, path, min);
      return FALSE;
    }

  return TRUE;
}

/* A filter array: absent and null mean none, empty is refused. */
gboolean
mc_fake_member_get_array (JsonObject  *object,
                          const char  *member,
                          JsonArray  **array,
                          Reply       *error)
{
  JsonNode *node = json_object_get_member (object, member);

  *array = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      *error = mc_fake_reply_error (400, "%s must be an array", member);
      return FALSE;
    }

  *array = json_node_get_array (node);
  if (json_array_get_length (*array) == 0)
    {
      *error = mc_fake_reply_error (400, "%s must contain at least 1 item", member);
      return FALSE;
    }

  return TRUE;
}

gboolean
mc_fake_member_get_enum_mask (JsonObject  *object,
                              const char  *member,
                              int        (*from_string) (const char *),
                              gboolean   (*allowed) (int),
                              guint       *mask,
                              Reply       *error)
{
  JsonArray *array;

  *mask = 0;
  if (!mc_fake_member_get_array (object, member, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      int value;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          *error = mc_fake_reply_error (400, "%s[%u] must be a string", member, i);
          return FALSE;
        }

      value = from_string (json_node_get_string (node));
      if (value == 0 || (allowed != NULL && !allowed (value)))
        {
          *error = mc_fake_reply_error (400, "%s[%u] has an unknown value '%s'", member, i,
                                        json_node_get_string (node));
          return FALSE;
        }

      if (*mask & (1u << value))
        {
          *error = mc_fake_reply_error (400, "%s must not repeat items", member);
          return FALSE;
        }
      *mask |= 1u << value;
    }

  return TRUE;
}


static gboolean
identifiable_context (int type)
{
  return type == MC_CONTEXT_TYPE_ORDER || type == MC_CONTEXT_TYPE_RETURN;
}

/* {type: ORDER|RETURN, id >= 1} at @path. */
gboolean
mc_fake_parse_context_ref (JsonNode         *node,
                           const char       *path,
                           McFakeContextRef *ref,
                           Reply            *error)
{
  g_autofree char *id_path = g_strdup_printf ("%s.id", path);
  JsonObject *object;
  const char *type;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      *error = mc_fake_reply_error (400, "%s must be an object", path);
      return FALSE;
    }
  object = json_node_get_object (node);

  type = json_object_get_string_member_with_default (object, "type", NULL);
  if (type == NULL || !identifiable_context (mc_context_type_from_string (type)))
    {
      *error = mc_fake_reply_error (400, "%s.type must be ORDER or RETURN", path);
      return FALSE;
    }
  ref->type = mc_context_type_from_string (type);

  if (!mc_fake_member_get_int (object, "id", id_path, 1, &ref->id, error))
    return FALSE;
  if (ref->id == 0)
    {
      *error = mc_fake_reply_error (400, "%s is required", id_path);
      return FALSE;
    }

  return TRUE;
}

char *
mc_fake_encode_page_token (McFakeMarket *self,
                           char          kind,
                           guint64       value)
{
  guint32 salt = (guint32) mc_fake_mix64 (self->seed ^ (guint64) kind);
  g_autofree char *raw = g_strdup_printf ("%c%016" G_GINT64_MODIFIER "x%08x", kind, value, salt);

  return g_base64_encode ((const guchar *) raw, strlen (raw));
}

gboolean
mc_fake_decode_page_token (McFakeMarket *self,
                           Request      *req,
                           char          kind,
                           guint64      *value,
                           Reply        *error)
{
  const char *token = query_get (req, "pageToken");
  g_autofree guchar *raw = NULL;
  g_autofree char *expected = NULL;
  gsize len = 0;

  if (token == NULL)
    token = query_get (req, "page_token");
  if (token == NULL || *token == '\0')
    {
      *value = 0;
      return TRUE;
    }

  raw = g_base64_decode (token, &len);
  if (len == 25 && raw[0] == (guchar) kind)
    {
      g_autofree char *hex = g_strndup ((const char *) raw + 1, 16);

      *value = g_ascii_strtoull (hex, NULL, 16);
      expected = mc_fake_encode_page_token (self, kind, *value);
      if (g_str_equal (expected, token))
        return TRUE;
    }

  *error = mc_fake_reply_error (400, "Invalid pageToken");
  return FALSE;
}

void
mc_fake_add_paging (JsonObject *result,
                    char       *next_token)
{
  JsonObject *paging = json_object_new ();

  if (next_token != NULL)
    json_object_set_string_member (paging, "nextPageToken", next_token);
  json_object_set_object_member (result, "paging", paging);
  g_free (next_token);
}

/* RFC 7578 section 4.2: a form part names its file only with filename="…"
 * in UTF-8, where a sender percent-encodes the quote and control
 * characters; the RFC 5987 filename*= form is not allowed.  libsoup would
 * accept either, so the part's header is read here as the Market reads it. */
gboolean
mc_fake_part_file (SoupMultipart  *multipart,
                   char          **out_name,
                   char          **out_type,
                   GBytes        **out_file,
                   Reply          *error)
{
  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *headers;
      GBytes *body;
      const char *disposition, *start, *p;
      GString *name;

      if (!soup_multipart_get_part (multipart, i, &headers, &body))
        continue;
      disposition = soup_message_headers_get_one (headers, "Content-Disposition");
      if (disposition == NULL || strstr (disposition, "name=\"file\"") == NULL)
        continue;
      if (strstr (disposition, "filename*") != NULL)
        {
          *error = mc_fake_reply_error (400, "filename* is not allowed in multipart/form-data");
          return FALSE;
        }
      start = strstr (disposition, "filename=\"");
      *out_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
      *out_file = g_bytes_ref (body);
      if (start == NULL)
        {
          *out_name = NULL;
          return TRUE;
        }

      name = g_string_new (NULL);
      for (p = start + strlen ("filename=\""); *p != '\0' && *p != '"'; p++)
        {
          int high, low;

          if (*p == '%' && (high = g_ascii_xdigit_value (p[1])) >= 0 &&
              (low = g_ascii_xdigit_value (p[2])) >= 0 &&
              (high * 16 + low == '"' || high * 16 + low < 0x20 || high * 16 + low == 0x7f))
            {
              g_string_append_c (name, (char) (high * 16 + low));
              p += 2;
            }
          else
            g_string_append_c (name, *p);
        }

      if (*p != '"' || !g_utf8_validate (name->str, name->len, NULL))
        {
          g_string_free (name, TRUE);
          *error = mc_fake_reply_error (400, "Malformed file name in Content-Disposition");
          return FALSE;
        }

      *out_name = g_string_free (name, FALSE);
      return TRUE;
    }

  *error = mc_fake_reply_error (400, "Part 'file' is required");
  return FALSE;
}
