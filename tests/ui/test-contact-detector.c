/* test-contact-detector.c: what counts as a phone number, an e-mail
 * address or a link in a message to a customer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-contact-detector.h"

typedef struct
{
  const char     *text;
  McContactMatch  expected;
} Case;

static void
check_cases (const Case *cases,
             gsize       n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      McContactMatch got = mc_contact_detect (cases[i].text);

      if (got != cases[i].expected)
        g_error ("“%s”: expected %d, got %d", cases[i].text, cases[i].expected, got);
    }
}

static void
test_phones (void)
{
  static const Case cases[] = {
    { "+7 999 123-45-67", MC_CONTACT_PHONE },
    { "Позвоните: +7 (999) 123-45-67, пожалуйста", MC_CONTACT_PHONE },
    { "8 (999) 123 45 67", MC_CONTACT_PHONE },
    { "89991234567", MC_CONTACT_PHONE },
    { "79991234567", MC_CONTACT_PHONE },
    { "+79991234567.", MC_CONTACT_PHONE },
    { "8-999-123-45-67", MC_CONTACT_PHONE },
    { "8.999.123.45.67", MC_CONTACT_PHONE },
    { "+7\xc2\xa0" "999\xc2\xa0" "123\xc2\xa0" "45\xc2\xa0" "67", MC_CONTACT_PHONE },
    { "+44 20 7946 0958", MC_CONTACT_PHONE },
    { "+1 (555) 123-4567", MC_CONTACT_PHONE },
    { "+375291234567", MC_CONTACT_PHONE },
    { "тел.89991234567", MC_CONTACT_PHONE },
    /* A mobile number without "8" or "+7". */
    { "пишите в вотсап 9123456789", MC_CONTACT_PHONE },
    { "9123456789", MC_CONTACT_PHONE },
    { "Мой номер 912 345-67-89", MC_CONTACT_PHONE },
    { "звоните (912) 345-67-89", MC_CONTACT_PHONE },
    { "телеграм 912-345-67-89.", MC_CONTACT_PHONE },
    { "WhatsApp: 9123456789, Иван", MC_CONTACT_PHONE },
  };
  static const Case negatives[] = {
    { "Заказ 123456789 отправлен", MC_CONTACT_NONE },
    { "Заказ 1234567890 отправлен", MC_CONTACT_NONE },
    { "Возврат 999 123 45 67", MC_CONTACT_NONE },
    { "8 штук по 990 ₽", MC_CONTACT_NONE },
    { "Доставим 8.12.2024 в 12:00", MC_CONTACT_NONE },
    { "Артикул A89991234567", MC_CONTACT_NONE },
    { "89991234567abc", MC_CONTACT_NONE },
    { "899912345678", MC_CONTACT_NONE },
    { "+7 999", MC_CONTACT_NONE },
    { "1+1=2", MC_CONTACT_NONE },
    { "+1234567890123456789", MC_CONTACT_NONE },
    { "8   999   123 45 67", MC_CONTACT_NONE },
    { "", MC_CONTACT_NONE },
    /* Ten digits from 9 that are not a phone: order, return and parcel
     * numbers, sums and dates. */
    { "Заказ 9123456789 отправлен", MC_CONTACT_NONE },
    { "Номер заказа: 9123456789", MC_CONTACT_NONE },
    { "заказ № 9123456789", MC_CONTACT_NONE },
    { "№9123456789", MC_CONTACT_NONE },
    { "Order #9123456789", MC_CONTACT_NONE },
    { "Возврат 9123456789 оформлен", MC_CONTACT_NONE },
    { "Трек-номер 9123456789", MC_CONTACT_NONE },
    { "трек номер посылки: 9123456789", MC_CONTACT_NONE },
    { "Артикул 9123456789", MC_CONTACT_NONE },
    { "Сумма 9 123 456 789 ₽", MC_CONTACT_NONE },
    { "Итого 9123456789 ₽", MC_CONTACT_NONE },
    { "9123456789 руб.", MC_CONTACT_NONE },
    { "9123456789RUB", MC_CONTACT_NONE },
    { "Доставка 09.12.2024, 9:00–12:00", MC_CONTACT_NONE },
    { "91234567890", MC_CONTACT_NONE },
    { "1234567890", MC_CONTACT_NONE },
    { "912345678", MC_CONTACT_NONE },
    { "Заказ 51234567 передан в доставку", MC_CONTACT_NONE },
    { "Возврат 3123456 принят", MC_CONTACT_NONE },
    { "Трек RA123456789RU", MC_CONTACT_NONE },
    { "Трек 80085612345678", MC_CONTACT_NONE },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
  check_cases (negatives, G_N_ELEMENTS (negatives));
  g_assert_cmpint (mc_contact_detect (NULL), ==, MC_CONTACT_NONE);
}

static void
test_emails (void)
{
  static const Case cases[] = {
    { "Пишите на ivan.petrov@mail.ru", MC_CONTACT_EMAIL },
    { "shop+orders@example.co.uk.", MC_CONTACT_EMAIL },
    { "a@b.xyz", MC_CONTACT_EMAIL },
    { "seller@some-host.berlin", MC_CONTACT_EMAIL },
    { "почта: продавец@магазин.рф", MC_CONTACT_EMAIL },
    { "user@yandex.ru", MC_CONTACT_EMAIL },
  };
  static const Case negatives[] = {
    { "Встретимся @ 10", MC_CONTACT_NONE },
    { "@username", MC_CONTACT_NONE },
    { "user@host", MC_CONTACT_NONE },
    { "user@.ru", MC_CONTACT_NONE },
    { "user@host.", MC_CONTACT_NONE },
    { "@@@", MC_CONTACT_NONE },
    { "x@", MC_CONTACT_NONE },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
  check_cases (negatives, G_N_ELEMENTS (negatives));
}

static void
test_links (void)
{
  static const Case cases[] = {
    { "https://example.com", MC_CONTACT_LINK },
    { "Смотрите HTTP://EXAMPLE.ORG/page?x=1", MC_CONTACT_LINK },
    { "https://example.xyz", MC_CONTACT_LINK },
    { "https://my-shop.berlin/item", MC_CONTACT_LINK },
    { "ftp://files.local", MC_CONTACT_LINK },
    { "https://127.0.0.1:8080/", MC_CONTACT_LINK },
    { "www.myshop.berlin", MC_CONTACT_LINK },
    { "Заходите на example.com!", MC_CONTACT_LINK },
    { "t.me/myshop", MC_CONTACT_LINK },
    { "vk.com/shop", MC_CONTACT_LINK },
    { "магазин.рф", MC_CONTACT_LINK },
    { "MyShop.RU", MC_CONTACT_LINK },
    { "https://market.yandex.ru@example.com/", MC_CONTACT_LINK | MC_CONTACT_EMAIL },
    { "https://market.yandex.ru.example.com/", MC_CONTACT_LINK },
    { "https://notyandex.ru/", MC_CONTACT_LINK },
  };
  static const Case negatives[] = {
    { "https://market.yandex.ru/product/123", MC_CONTACT_NONE },
    { "market.yandex.ru/my/orders", MC_CONTACT_NONE },
    { "Подробнее: https://yandex.ru/support/marketplace/", MC_CONTACT_NONE },
    { "HTTPS://Market.Yandex.RU", MC_CONTACT_NONE },
    { "Спасибо.Хорошего дня", MC_CONTACT_NONE },
    { "т.е. завтра", MC_CONTACT_NONE },
    { "Цена 3.14 руб.", MC_CONTACT_NONE },
    { "Приедем в 10.am", MC_CONTACT_NONE },
    { "файл отчёт.pdf", MC_CONTACT_NONE },
    { "ул.Ленина, д.5", MC_CONTACT_NONE },
    { "https://", MC_CONTACT_NONE },
    { "Отправлено...ru", MC_CONTACT_NONE },
    { "xhttps://", MC_CONTACT_NONE },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
  check_cases (negatives, G_N_ELEMENTS (negatives));
}

static void
test_combined (void)
{
  g_assert_cmpint (mc_contact_detect ("+7 999 123-45-67 или https://example.com"), ==,
                   MC_CONTACT_PHONE | MC_CONTACT_LINK);
  g_assert_cmpint (mc_contact_detect ("Здравствуйте! Ваш заказ 123456 передан в доставку."), ==,
                   MC_CONTACT_NONE);
}

static void
test_garbage (void)
{
  /* Invalid UTF-8 and truncated sequences must neither crash nor match. */
  static const char *texts[] = {
    "\xff\xfe\xfd", "\xd0", "abc\xd0.ru", "\xe2\x82", "+\xc2", "@\xc2\xa0.ru",
    "https://\xff", "www.\xff", "8\xc2", "a@\xd0\xbc.\xd1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    g_assert_cmpint (mc_contact_detect (texts[i]) & MC_CONTACT_PHONE, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contact-detector/phones", test_phones);
  g_test_add_func ("/contact-detector/emails", test_emails);
  g_test_add_func ("/contact-detector/links", test_links);
  g_test_add_func ("/contact-detector/combined", test_combined);
  g_test_add_func ("/contact-detector/garbage", test_garbage);

  return g_test_run ();
}
