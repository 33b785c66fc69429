/* mc-template-fill.c: filling a template's variables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mc-template-fill.h"

/* Longer than any variable with a sensible fallback: a brace that far from
 * its partner is prose, not a variable. */
#define MAX_VARIABLE_BYTES 256

static const char * const var_names[MC_TEMPLATE_N_VARS] = {
  [MC_TEMPLATE_VAR_CUSTOMER] = "customer",
  [MC_TEMPLATE_VAR_ORDER] = "order",
  [MC_TEMPLATE_VAR_RETURN] = "return",
  [MC_TEMPLATE_VAR_STORE] = "store",
  [MC_TEMPLATE_VAR_STATUS] = "status",
  [MC_TEMPLATE_VAR_DELIVERY_DATE] = "delivery_date",
  [MC_TEMPLATE_VAR_ITEMS] = "items",
  [MC_TEMPLATE_VAR_TOTAL] = "total",
};

struct _McTemplateValues
{
  char *values[MC_TEMPLATE_N_VARS];
};

const char *
mc_template_var_get_name (McTemplateVar var)
{
  g_return_val_if_fail ((guint) var < MC_TEMPLATE_N_VARS, NULL);
  return var_names[var];
}

McTemplateValues *
mc_template_values_new (void)
{
  return g_new0 (McTemplateValues, 1);
}

void
mc_template_values_free (McTemplateValues *values)
{
  if (values == NULL)
    return;

  for (guint i = 0; i < MC_TEMPLATE_N_VARS; i++)
    g_free (values->values[i]);
  g_free (values);
}

void
mc_template_values_set (McTemplateValues *values,
                        McTemplateVar     var,
                        const char       *value)
{
  g_return_if_fail (values != NULL);
  g_return_if_fail ((guint) var < MC_TEMPLATE_N_VARS);

  g_free (values->values[var]);
  values->values[var] = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

const char *
mc_template_values_get (McTemplateValues *values,
                        McTemplateVar     var)
{
  g_return_val_if_fail (values != NULL, NULL);
  g_return_val_if_fail ((guint) var < MC_TEMPLATE_N_VARS, NULL);

  return values->values[var];
}

static void
take_value (McTemplateValues *values,
            McTemplateVar     var,
            char             *value)
{
  mc_template_values_set (values, var, value);
  g_free (value);
}

char *
mc_template_format_items (GPtrArray *items)
{
  g_autoptr(GString) lines = g_string_new (NULL);
  gint64 count = 0;

  if (items == NULL || items->len == 0)
    return NULL;

  for (guint i = 0; i < items->len; i++)
    {
      McOrderItem *item = g_ptr_array_index (items, i);
      const char *name = item->name != NULL ? item->name : item->sku;

      count += item->count;
      if (lines->len > 0)
        g_string_append (lines, ", ");
      if (item->count > 1)
        /* Translators: an item of an order and how many of it, "Kettle × 2" */
        g_string_append_printf (lines, _("%s × %lld"), name != NULL ? name : "", (long long) item->count);
      else
        g_string_append (lines, name != NULL ? name : "");
    }

  /* Translators: {items} in a reply template: how many items the order
   * has, then their names, "3 items: Kettle × 2, Mug" */
  return g_strdup_printf (ngettext ("%lu item: %s", "%lu items: %s", (gulong) count),
                          (gulong) count, lines->str);
}

void
mc_template_values_set_order (McTemplateValues *values,
                              McOrder          *order)
{
  const char *status;
  const char *substatus;

  g_return_if_fail (values != NULL);
  g_return_if_fail (MC_IS_ORDER (order));

  take_value (values, MC_TEMPLATE_VAR_ORDER,
              g_strdup_printf ("%" G_GINT64_FORMAT, mc_order_get_order_id (order)));

  status = mc_order_get_status (order) != MC_ORDER_STATUS_UNKNOWN
             ? mc_order_status_get_words (mc_order_get_status (order))
             : mc_order_get_status_string (order);
  substatus = mc_order_substatus_get_words (mc_order_get_substatus (order));
  if (status != NULL && substatus != NULL)
    /* Translators: {status} in a reply template: an order's status and
     * its stage, "Processing: being packed" */
    take_value (values, MC_TEMPLATE_VAR_STATUS, g_strdup_printf (_("%s: %s"), status, substatus));
  else
    mc_template_values_set (values, MC_TEMPLATE_VAR_STATUS, status);

  take_value (values, MC_TEMPLATE_VAR_DELIVERY_DATE, mc_order_dup_delivery_text (order));
  take_value (values, MC_TEMPLATE_VAR_ITEMS, mc_template_format_items (mc_order_get_items (order)));
  take_value (values, MC_TEMPLATE_VAR_TOTAL, mc_order_dup_total_text (order));
}

void
mc_template_values_set_return (McTemplateValues *values,
                               McReturn         *ret)
{
  McReturnStatus status;

  g_return_if_fail (values != NULL);
  g_return_if_fail (MC_IS_RETURN (ret));

  take_value (values, MC_TEMPLATE_VAR_RETURN,
              g_strdup_printf ("%" G_GINT64_FORMAT, mc_return_get_return_id (ret)));
  if (mc_return_get_order_id (ret) > 0)
    take_value (values, MC_TEMPLATE_VAR_ORDER,
                g_strdup_printf ("%" G_GINT64_FORMAT, mc_return_get_order_id (ret)));

  status = mc_return_get_status (ret);
  if (status != MC_RETURN_STATUS_UNKNOWN)
    mc_template_values_set (values, MC_TEMPLATE_VAR_STATUS, mc_return_status_get_words (status));
  else if (mc_return_get_status_string (ret) != NULL)
    mc_template_values_set (values, MC_TEMPLATE_VAR_STATUS, mc_return_get_status_string (ret));
}

void
mc_template_fill_free (McTemplateFill *fill)
{
  if (fill == NULL)
    return;

  g_clear_pointer (&fill->gaps, g_array_unref);
  g_free (fill->text);
  g_free (fill);
}

static void
clear_gap (gpointer data)
{
  g_free (((McTemplateGap *) data)->name);
}

static gboolean
is_name_char (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

static int
lookup_var (const char *name,
            gsize       len)
{
  for (guint i = 0; i < MC_TEMPLATE_N_VARS; i++)
    if (strlen (var_names[i]) == len && memcmp (var_names[i], name, len) == 0)
      return (int) i;

  return -1;
}

/* With @keep_all, every variable stays as written and is a gap, those with
 * a fallback too: what the composer must not send. */
static McTemplateFill *
fill_text (const char             *text,
           const McTemplateValues *values,
           gboolean                keep_all)
{
  McTemplateFill *fill = g_new0 (McTemplateFill, 1);
  GString *out = g_string_new (NULL);
  gsize out_chars = 0;
  const char *p;

  fill->gaps = g_array_new (FALSE, FALSE, sizeof (McTemplateGap));
  g_array_set_clear_func (fill->gaps, clear_gap);

  if (text == NULL)
    text = "";

  p = text;
  while (*p != '\0')
    {
      const char *open = strchr (p, '{');
      const char *name, *name_end, *close;
      const char *fallback = NULL;
      const char *value = NULL;
      int var;

      if (open == NULL)
        {
          out_chars += g_utf8_strlen (p, -1);
          g_string_append (out, p);
          break;
        }

      out_chars += g_utf8_strlen (p, open - p);
      g_string_append_len (out, p, open - p);

      name = open + 1;
      name_end = name;
      while (is_name_char (*name_end))
        name_end++;

      close = NULL;
      if (name_end > name && *name_end == '}')
        close = name_end;
      else if (name_end > name && *name_end == '|')
        {
          const char *q = name_end + 1;

          while (*q != '\0' && *q != '}' && *q != '{' && *q != '\n' &&
                 (gsize) (q - open) < MAX_VARIABLE_BYTES)
            q++;
          if (*q == '}')
            {
              close = q;
              fallback = name_end + 1;
            }
        }

      if (close == NULL)
        {
          /* Not a variable: the brace is the seller's own text. */
          g_string_append_c (out, '{');
          out_chars++;
          p = open + 1;
          continue;
        }

      var = lookup_var (name, name_end - name);
      if (var >= 0 && values != NULL)
        value = values->values[var];

      if (value != NULL && !keep_all)
        {
          g_string_append (out, value);
          out_chars += g_utf8_strlen (value, -1);
        }
      else if (fallback != NULL && !keep_all)
        {
          g_string_append_len (out, fallback, close - fallback);
          out_chars += g_utf8_strlen (fallback, close - fallback);
        }
      else
        {
          McTemplateGap gap;
          gsize len = close + 1 - open;

          gap.name = g_strndup (name, name_end - name);
          gap.start = out_chars;
          gap.start_byte = out->len;
          g_string_append_len (out, open, len);
          out_chars += g_utf8_strlen (open, len);
          gap.end = out_chars;
          gap.end_byte = out->len;
          g_array_append_val (fill->gaps, gap);
        }

      p = close + 1;
    }

  fill->text = g_string_free (out, FALSE);

  return fill;
}

McTemplateFill *
mc_template_fill (const char             *text,
                  const McTemplateValues *values)
{
  return fill_text (text, values, FALSE);
}

GArray *
mc_template_find_variables (const char *text)
{
  g_autoptr(McTemplateFill) fill = fill_text (text, NULL, TRUE);

  return g_steal_pointer (&fill->gaps);
}
