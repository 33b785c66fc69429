/* test-templates.c: McOrder and McReturn as the cache keeps them, their
 * words, McTemplate, and filling a template's variables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "mc-order.h"
#include "mc-return.h"
#include "mc-template.h"
#include "mc-template-fill.h"

static McOrder *
sample_order (void)
{
  McOrder *order = mc_order_new (51234567);

  mc_order_set_campaign_id (order, 21);
  mc_order_set_status_string (order, "PROCESSING");
  mc_order_set_substatus_string (order, "PACKAGING");
  mc_order_set_placement_string (order, "FBS");
  mc_order_set_created_at (order, G_GINT64_CONSTANT (1796108400) * G_USEC_PER_SEC);
  mc_order_set_delivery_type_string (order, "PICKUP");
  mc_order_set_delivery_dates (order, "2026-12-03", "2026-12-05", NULL, NULL);
  mc_order_set_delivery_service (order, "Яндекс Маркет — пункт выдачи");
  mc_order_add_item (order, mc_order_item_new ("Чайник", "KTL-1", 2, 1500));
  mc_order_add_item (order, mc_order_item_new ("Кружка", "MUG-1", 1, 390.5));
  mc_order_set_total (order, 3390.5, "RUR");
  mc_order_set_payment_type_string (order, "PREPAID");
  mc_order_set_payment_method_string (order, "SOMETHING_NEW");

  return order;
}

static void
test_order_round_trip (void)
{
  g_autoptr(McOrder) order = sample_order ();
  g_autoptr(GVariant) variant = g_variant_ref_sink (mc_order_to_variant (order));
  g_autofree char *text = g_variant_print (variant, TRUE);
  g_autoptr(GVariant) parsed = g_variant_parse (NULL, text, NULL, NULL, NULL);
  g_autoptr(McOrder) copy = mc_order_new_from_variant (parsed);
  g_autofree char *delivery = NULL;
  g_autofree char *total = NULL;
  McOrderItem *item;

  g_assert_nonnull (copy);
  g_assert_cmpint (mc_order_get_order_id (copy), ==, 51234567);
  g_assert_cmpint (mc_order_get_campaign_id (copy), ==, 21);
  g_assert_cmpint (mc_order_get_status (copy), ==, MC_ORDER_STATUS_PROCESSING);
  g_assert_cmpint (mc_order_get_substatus (copy), ==, MC_ORDER_SUBSTATUS_PACKAGING);
  g_assert_cmpint (mc_order_get_placement (copy), ==, MC_PLACEMENT_TYPE_FBS);
  g_assert_cmpint (mc_order_get_created_at (copy), ==, mc_order_get_created_at (order));
  g_assert_cmpint (mc_order_get_delivery_type (copy), ==, MC_ORDER_DELIVERY_TYPE_PICKUP);
  g_assert_cmpstr (mc_order_get_delivery_service (copy), ==, "Яндекс Маркет — пункт выдачи");
  g_assert_cmpint (mc_order_get_payment_type (copy), ==, MC_ORDER_PAYMENT_TYPE_PREPAID);
  /* An unknown value keeps its spelling. */
  g_assert_cmpint (mc_order_get_payment_method (copy), ==, MC_ORDER_PAYMENT_METHOD_UNKNOWN);
  g_assert_cmpstr (mc_order_get_payment_method_string (copy), ==, "SOMETHING_NEW");
  g_assert_cmpuint (mc_order_get_items (copy)->len, ==, 2);
  item = g_ptr_array_index (mc_order_get_items (copy), 1);
  g_assert_cmpstr (item->name, ==, "Кружка");
  g_assert_cmpstr (item->sku, ==, "MUG-1");
  g_assert_cmpfloat (item->price, ==, 390.5);
  g_assert_cmpint (mc_order_get_item_count (copy), ==, 3);

  delivery = mc_order_dup_delivery_text (copy);
  g_assert_cmpstr (delivery, ==, "03.12.2026 – 05.12.2026");
  total = mc_order_dup_total_text (copy);
  g_assert_cmpstr (total, ==, "3390.50 ₽");

  g_assert_null (mc_order_new_from_variant (g_variant_new_int32 (3)));
}

static void
test_return_round_trip (void)
{
  g_autoptr(McReturn) ret = mc_return_new (3000001, 51234567);
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(McReturn) copy = NULL;

  mc_return_set_status_string (ret, "REFUND_IN_PROGRESS");
  mc_return_set_return_type_string (ret, "RETURN");
  mc_return_add_item (ret, mc_order_item_new (NULL, "KTL-1", 1, -1));
  mc_return_set_amount (ret, 1500, "RUR");

  variant = g_variant_ref_sink (mc_return_to_variant (ret));
  copy = mc_return_new_from_variant (variant);
  g_assert_cmpint (mc_return_get_return_id (copy), ==, 3000001);
  g_assert_cmpint (mc_return_get_order_id (copy), ==, 51234567);
  g_assert_cmpint (mc_return_get_status (copy), ==, MC_RETURN_STATUS_REFUND_IN_PROGRESS);
  g_assert_cmpint (mc_return_get_return_type (copy), ==, MC_RETURN_TYPE_RETURN);
  g_assert_null (((McOrderItem *) g_ptr_array_index (mc_return_get_items (copy), 0))->name);
  g_assert_cmpfloat (mc_return_get_amount (copy), ==, 1500);
}

static void
test_words (void)
{
  /* Every status the enum knows has words; UNKNOWN reads "Other". */
  for (int i = 0; i <= MC_ORDER_STATUS_RETURNED; i++)
    g_assert_nonnull (mc_order_status_get_words (i));
  for (int i = 1; i <= MC_ORDER_SUBSTATUS_LOST; i++)
    g_assert_nonnull (mc_order_substatus_get_words (i));
  for (int i = 0; i <= MC_RETURN_STATUS_PREMODERATION_SELECT_DELIVERY; i++)
    g_assert_nonnull (mc_return_status_get_words (i));
  g_assert_cmpstr (mc_order_status_get_words (MC_ORDER_STATUS_UNKNOWN), ==, "Other");
  g_assert_null (mc_order_substatus_get_words (MC_ORDER_SUBSTATUS_UNKNOWN));
  g_assert_cmpstr (mc_order_delivery_type_get_words (MC_ORDER_DELIVERY_TYPE_PICKUP), ==, "Pickup point");

  /* Spellings go both ways; the spec's own UNKNOWN stays UNKNOWN. */
  g_assert_cmpint (mc_order_status_from_string ("PARTIALLY_RETURNED"), ==, MC_ORDER_STATUS_PARTIALLY_RETURNED);
  g_assert_cmpint (mc_order_status_from_string ("UNKNOWN"), ==, MC_ORDER_STATUS_UNKNOWN);
  g_assert_cmpstr (mc_order_substatus_to_string (MC_ORDER_SUBSTATUS_USER_CHANGED_MIND), ==, "USER_CHANGED_MIND");
  g_assert_cmpint (mc_return_type_from_string ("UNREDEEMED"), ==, MC_RETURN_TYPE_UNREDEEMED);
}

static void
test_template (void)
{
  g_autoptr(McTemplate) template = mc_template_new ("Hi", "Hello");
  g_autoptr(McTemplate) copy = NULL;

  mc_template_set_keyword (template, "");
  g_assert_null (mc_template_get_keyword (template));
  mc_template_set_keyword (template, "hi");
  mc_template_set_business_id (template, 7);

  g_assert_true (mc_template_applies_to (template, 7, 0));
  g_assert_true (mc_template_applies_to (template, 7, 21));
  g_assert_false (mc_template_applies_to (template, 8, 21));

  mc_template_set_business_id (template, 0);
  mc_template_set_campaign_id (template, 21);
  g_assert_true (mc_template_applies_to (template, 8, 21));
  g_assert_false (mc_template_applies_to (template, 8, 22));
  g_assert_false (mc_template_applies_to (template, 8, 0));

  copy = mc_template_copy (template);
  g_assert_cmpstr (mc_template_get_keyword (copy), ==, "hi");
  g_assert_cmpint (mc_template_get_campaign_id (copy), ==, 21);
}

static McTemplateFill *
fill (const char       *text,
      McTemplateValues *values)
{
  return mc_template_fill (text, values);
}

/* Every variable, from the chat and from the order card. */
static void
test_fill_every_variable (void)
{
  g_autoptr(McTemplateValues) values = mc_template_values_new ();
  g_autoptr(McOrder) order = sample_order ();
  g_autoptr(McReturn) ret = mc_return_new (3000001, 51234567);
  g_autoptr(McTemplateFill) filled = NULL;
  g_autoptr(McTemplateFill) returned = NULL;

  mc_template_values_set (values, MC_TEMPLATE_VAR_CUSTOMER, "Анна");
  mc_template_values_set (values, MC_TEMPLATE_VAR_STORE, "Уютный дом");
  mc_template_values_set_order (values, order);

  filled = fill ("{customer}|{order}|{store}|{status}|{delivery_date}|{items}|{total}", values);
  g_assert_cmpstr (filled->text, ==,
                   "Анна|51234567|Уютный дом|Processing: Being packed|03.12.2026 – 05.12.2026|"
                   "3 items: Чайник × 2, Кружка|3390.50 ₽");
  g_assert_cmpuint (filled->gaps->len, ==, 0);

  mc_return_set_status_string (ret, "REFUNDED");
  mc_template_values_set_return (values, ret);
  returned = fill ("{return} of {order}: {status}", values);
  g_assert_cmpstr (returned->text, ==, "3000001 of 51234567: Refunded");

  for (guint i = 0; i < MC_TEMPLATE_N_VARS; i++)
    g_assert_nonnull (mc_template_values_get (values, i));
}

static void
test_fill_fallbacks (void)
{
  g_autoptr(McTemplateValues) values = mc_template_values_new ();
  g_autoptr(McTemplateFill) a = NULL;
  g_autoptr(McTemplateFill) b = NULL;
  g_autoptr(McTemplateFill) c = NULL;

  a = fill ("Здравствуйте, {customer|покупатель}!", values);
  g_assert_cmpstr (a->text, ==, "Здравствуйте, покупатель!");
  g_assert_cmpuint (a->gaps->len, ==, 0);

  mc_template_values_set (values, MC_TEMPLATE_VAR_CUSTOMER, "Анна");
  b = fill ("Здравствуйте, {customer|покупатель}!", values);
  g_assert_cmpstr (b->text, ==, "Здравствуйте, Анна!");

  /* An empty fallback is a choice too. */
  c = fill ("Hi{store|}.", values);
  g_assert_cmpstr (c->text, ==, "Hi.");
  g_assert_cmpuint (c->gaps->len, ==, 0);
}

/* A variable with neither value nor fallback is a gap, reported with
 * where it is, never filled silently. */
static void
test_fill_missing (void)
{
  g_autoptr(McTemplateValues) values = mc_template_values_new ();
  g_autoptr(McTemplateFill) filled = NULL;
  g_autoptr(McTemplateFill) none = NULL;
  g_autoptr(McTemplateFill) plain = NULL;
  McTemplateGap *gap;

  mc_template_values_set (values, MC_TEMPLATE_VAR_CUSTOMER, "Анна");
  filled = fill ("Анна? {customer}, заказ {order} придёт {delivery_date}; {sale}", values);
  g_assert_cmpstr (filled->text, ==, "Анна? Анна, заказ {order} придёт {delivery_date}; {sale}");
  g_assert_cmpuint (filled->gaps->len, ==, 3);

  gap = &g_array_index (filled->gaps, McTemplateGap, 0);
  g_assert_cmpstr (gap->name, ==, "order");
  g_assert_cmpuint (gap->start, ==, 18);
  g_assert_cmpuint (gap->end, ==, 25);
  g_assert_cmpint (g_utf8_pointer_to_offset (filled->text, filled->text + gap->start_byte), ==, 18);
  g_assert_cmpint (strncmp (filled->text + gap->start_byte, "{order}", gap->end_byte - gap->start_byte), ==, 0);
  g_assert_cmpstr (g_array_index (filled->gaps, McTemplateGap, 1).name, ==, "delivery_date");
  /* A name this version does not know is a gap too. */
  g_assert_cmpstr (g_array_index (filled->gaps, McTemplateGap, 2).name, ==, "sale");

  none = fill ("{customer}", NULL);
  g_assert_cmpuint (none->gaps->len, ==, 1);

  /* Braces that are no variable are the seller's own text. */
  plain = fill ("{ :) } {Customer} {} {a|b", values);
  g_assert_cmpstr (plain->text, ==, "{ :) } {Customer} {} {a|b");
  g_assert_cmpuint (plain->gaps->len, ==, 0);
}

static void
test_find_variables (void)
{
  const char *text = "Здравствуйте, {customer|покупатель}! Заказ {order}; {sale} { :) }";
  g_autoptr(GArray) found = mc_template_find_variables (text);
  g_autoptr(GArray) none = mc_template_find_variables ("{ :) } {Customer} {} {a|b");
  McTemplateGap *gap;

  /* A fallback is no value: left in the composer, it would go out as
   * written, so it counts too, in the text's own offsets. */
  g_assert_cmpuint (found->len, ==, 3);
  gap = &g_array_index (found, McTemplateGap, 0);
  g_assert_cmpstr (gap->name, ==, "customer");
  g_assert_cmpuint (gap->start, ==, 14);
  g_assert_cmpuint (gap->end, ==, 14 + g_utf8_strlen ("{customer|покупатель}", -1));
  g_assert_cmpint (strncmp (text + gap->start_byte, "{customer|покупатель}",
                            gap->end_byte - gap->start_byte), ==, 0);
  gap = &g_array_index (found, McTemplateGap, 1);
  g_assert_cmpstr (gap->name, ==, "order");
  g_assert_cmpint (g_utf8_pointer_to_offset (text, text + gap->start_byte), ==, gap->start);
  g_assert_cmpstr (g_array_index (found, McTemplateGap, 2).name, ==, "sale");
  g_assert_cmpuint (none->len, ==, 0);
}

static char *
items_text (guint n_lines,
            gint64 count)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_order_item_free);

  for (guint i = 0; i < n_lines; i++)
    g_ptr_array_add (items, mc_order_item_new ("Чайник", "K", count, 10));

  return mc_template_format_items (items);
}

static void
test_fill_plurals (void)
{
  static const struct { gint64 count; const char *ru; } cases[] = {
    { 1, "1 товар: Чайник" },
    { 2, "2 товара: Чайник × 2" },
    { 5, "5 товаров: Чайник × 5" },
    { 11, "11 товаров: Чайник × 11" },
    { 21, "21 товар: Чайник × 21" },
    { 22, "22 товара: Чайник × 22" },
  };
  g_autofree char *one = items_text (1, 1);
  g_autofree char *two = items_text (1, 2);
  const char *translated;

  g_assert_cmpstr (one, ==, "1 item: Чайник");
  g_assert_cmpstr (two, ==, "2 items: Чайник × 2");
  g_assert_null (mc_template_format_items (NULL));

  g_setenv ("LANGUAGE", "ru", TRUE);
  setlocale (LC_ALL, "");
  translated = ngettext ("%lu item: %s", "%lu items: %s", 5);
  if (g_str_equal (translated, "%lu items: %s"))
    {
      g_setenv ("LANGUAGE", "C", TRUE);
      g_test_skip ("The Russian catalogue cannot be loaded in this locale");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = items_text (1, cases[i].count);

      g_assert_cmpstr (text, ==, cases[i].ru);
    }

  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, PO_BUILD_DIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/templates/order-round-trip", test_order_round_trip);
  g_test_add_func ("/templates/return-round-trip", test_return_round_trip);
  g_test_add_func ("/templates/words", test_words);
  g_test_add_func ("/templates/template", test_template);
  g_test_add_func ("/templates/fill/every-variable", test_fill_every_variable);
  g_test_add_func ("/templates/fill/fallbacks", test_fill_fallbacks);
  g_test_add_func ("/templates/fill/missing", test_fill_missing);
  g_test_add_func ("/templates/fill/plurals", test_fill_plurals);
  g_test_add_func ("/templates/find-variables", test_find_variables);

  return g_test_run ();
}
