/* mc-fake-data-text.c: the words of the generated conversations.
 *
 * Scripts of the usual conversations between a customer, the shop, the
 * Market and its support, in Russian, cut where each chat's status says
 * they stop; the names, goods and dates filled into them; and the lines
 * the simulated customer writes later.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mc-fake-data-private.h"

#define MAX_LINES        60

typedef enum
{
  A_NONE,
  A_PHOTO,
  A_PDF,
  A_PHOTO_ONLY,
  A_STICKER,
} Attach;

typedef struct
{
  McSender    sender;
  Attach      attach;
  const char *text;
} Line;

#define C MC_SENDER_CUSTOMER
#define P MC_SENDER_PARTNER
#define M MC_SENDER_MARKET
#define S MC_SENDER_SUPPORT

static const Line delivery_lines[] = {
  { C, A_NONE, "Здравствуйте! Подскажите, когда привезут заказ {order}? В отслеживании статус не меняется уже третий день." },
  { P, A_NONE, "Здравствуйте, {name}! Заказ передан в службу доставки, ориентировочная дата — {date}. Как только курьер выедет, придёт уведомление." },
  { C, A_NONE, "А можно перенести доставку на вечер? Днём никого не будет дома." },
  { P, A_NONE, "Да, передали курьеру: доставка после 18:00. Если планы изменятся, напишите сюда." },
  { C, A_NONE, "Спасибо большое!" },
  { C, A_STICKER, NULL },
  { M, A_NONE, "Заказ {order} доставлен. Пожалуйста, оцените работу магазина." },
};

static const Line size_lines[] = {
  { C, A_NONE, "Добрый день! Подойдёт ли «{item}» на рост 176 см? Сомневаюсь между M и L." },
  { P, A_NONE, "Добрый день! По таблице размеров вам подойдёт M, модель немного свободного кроя." },
  { C, A_NONE, "А если не подойдёт, можно обменять?" },
  { P, A_NONE, "Конечно. Обмен или возврат в течение 14 дней, если сохранены бирки и упаковка." },
  { C, A_NONE, "Понятно, тогда беру M." },
  { C, A_NONE, "Пришло, размер подошёл идеально 👍" },
  { P, A_NONE, "Рады, что подошло! Будем благодарны за отзыв." },
};

static const Line defect_lines[] = {
  { C, A_PHOTO, "Здравствуйте. Получили «{item}», а на корпусе царапина. Вот фото." },
  { C, A_PHOTO_ONLY, NULL },
  { P, A_NONE, "Здравствуйте! Очень жаль, что так вышло. Можем предложить замену или скидку 15% за дефект — как вам удобнее?" },
  { C, A_NONE, "Лучше замену." },
  { P, A_NONE, "Хорошо. Оформите, пожалуйста, возврат в приложении Маркета с причиной «Брак», а мы сразу отправим новый товар." },
  { M, A_NONE, "Покупатель оформил возврат по заказу {order}. Срок рассмотрения заявки — 3 рабочих дня." },
  { C, A_NONE, "Заявку отправил(а), спасибо за быстрый ответ." },
  { P, A_NONE, "Новый товар отправили, трек-номер появится в заказе сегодня вечером." },
};

static const Line return_lines[] = {
  { C, A_NONE, "Добрый день! Хочу вернуть «{item}»: не подошёл по цвету. Товар не использовался, упаковка целая." },
  { M, A_NONE, "Покупатель оформил возврат {return}. Примите решение по заявке в течение 3 рабочих дней." },
  { P, A_NONE, "Здравствуйте, {name}! Заявку одобрили. Сдайте товар в любой пункт выдачи Маркета, деньги вернутся после приёмки на склад." },
  { C, A_PDF, "Сдаю сегодня. Прикладываю квитанцию." },
  { P, A_NONE, "Спасибо, получили. Возврат денег займёт до 10 дней в зависимости от банка." },
  { C, A_NONE, "Деньги пришли, спасибо!" },
  { M, A_NONE, "Возврат {return} завершён, деньги перечислены покупателю." },
};

static const Line dispute_lines[] = {
  { C, A_PHOTO, "Товар пришёл не тот: заказывали «{item}», а в коробке другая модель. Магазин отказывает в возврате." },
  { S, A_NONE, "Здравствуйте! Я Алина, специалист поддержки Маркета. Подключилась к чату, чтобы помочь разобраться. Магазин, пожалуйста, пришлите документы по отгрузке." },
  { P, A_PDF, "Добрый день. Прикладываем акт комплектации и фото упаковки перед отправкой." },
  { S, A_NONE, "Спасибо, документы получены. Рассмотрим спор и ответим до {date}." },
  { C, A_NONE, "Жду решения." },
  { S, A_NONE, "Мы изучили материалы: товар в заказе {order} не соответствует описанию. Магазин вернёт деньги покупателю в течение 3 рабочих дней." },
  { P, A_NONE, "Деньги вернём, приносим извинения за ошибку комплектации." },
};

static const Line question_lines[] = {
  { C, A_NONE, "Здравствуйте! Есть ли «{item}» в другом цвете? На странице товара только серый." },
  { P, A_NONE, "Здравствуйте! Сейчас есть серый и тёмно-синий, синий добавим в карточку на этой неделе." },
  { C, A_NONE, "А когда будет поставка? Хочу заказать к выходным." },
  { P, A_NONE, "Ближайшая поставка — {date}. Можем отложить для вас один экземпляр." },
  { C, A_NONE, "Да, отложите, пожалуйста." },
  { P, A_NONE, "Отложили. Как только появится в карточке, напишем сюда." },
};

static const Line partner_first_lines[] = {
  { P, A_NONE, "Здравствуйте, {name}! Это магазин «{shop}». Уточните, пожалуйста, удобный интервал доставки заказа {order}." },
  { C, A_NONE, "Здравствуйте, лучше с 10 до 14." },
  { P, A_NONE, "Записали: доставим {date} с 10 до 14. Курьер позвонит за час." },
  { C, A_NONE, "Отлично, спасибо." },
};

#undef C
#undef P
#undef M
#undef S

typedef enum
{
  SC_DELIVERY,
  SC_SIZE,
  SC_DEFECT,
  SC_RETURN,
  SC_DISPUTE,
  SC_QUESTION,
  SC_PARTNER_FIRST,
} Scenario;

static const struct { const Line *lines; guint n; } scenarios[] = {
  [SC_DELIVERY] = { delivery_lines, G_N_ELEMENTS (delivery_lines) },
  [SC_SIZE] = { size_lines, G_N_ELEMENTS (size_lines) },
  [SC_DEFECT] = { defect_lines, G_N_ELEMENTS (defect_lines) },
  [SC_RETURN] = { return_lines, G_N_ELEMENTS (return_lines) },
  [SC_DISPUTE] = { dispute_lines, G_N_ELEMENTS (dispute_lines) },
  [SC_QUESTION] = { question_lines, G_N_ELEMENTS (question_lines) },
  [SC_PARTNER_FIRST] = { partner_first_lines, G_N_ELEMENTS (partner_first_lines) },
};

static const char * const filler_questions[] = {
  "А подскажите ещё, есть ли гарантия?",
  "Можно ли оплатить при получении?",
  "Какие габариты упаковки?",
  "Инструкция на русском в комплекте?",
  "Сколько весит товар?",
  "Есть ли подарочная упаковка?",
  "Можно ли забрать самовывозом?",
  "Какой срок гарантии у производителя?",
};

static const char * const filler_answers[] = {
  "Да, гарантия производителя — 12 месяцев.",
  "Да, оплата при получении доступна.",
  "Габариты упаковки 35×25×20 см.",
  "Да, инструкция на русском есть.",
  "Вес с упаковкой — 1,4 кг.",
  "Можем упаковать в подарочную бумагу бесплатно.",
  "Самовывоз, к сожалению, не предусмотрен.",
  "Гарантия — 2 года, талон лежит в коробке.",
};

static const char * const live_texts[] = {
  "Здравствуйте! Есть новости по моему заказу?",
  "Добрый вечер, курьер так и не приехал. Что делать?",
  "Подскажите, можно ли изменить адрес доставки?",
  "Спасибо, всё получили!",
  "Товар пришёл, но в комплекте не хватает одной детали.",
  "Можно ли ускорить отправку? Очень нужно к пятнице.",
  "Здравствуйте, скидка на этот товар ещё действует?",
  "А чек можно получить в электронном виде?",
  "Добрый день! Подскажите, товар оригинальный?",
};

static const char * const female_names[] = {
  "Анна", "Мария", "Елена", "Ольга", "Наталья", "Екатерина", "Татьяна",
  "Ирина", "Светлана", "Юлия", "Дарья", "Алина", "Ксения", "Виктория",
};

static const char * const male_names[] = {
  "Александр", "Дмитрий", "Сергей", "Андрей", "Алексей", "Максим", "Иван",
  "Михаил", "Николай", "Артём", "Павел", "Егор", "Роман", "Владимир",
};

static const char * const initials[] = {
  "А", "Б", "В", "Г", "Д", "Е", "Ж", "З", "И", "К", "Л", "М", "Н", "О", "П",
  "Р", "С", "Т", "Ф", "Х", "Ч", "Ш", "Я",
};

static const char * const items[MC_FAKE_N_BUSINESSES][7] = {
  { "Электрочайник Polaris PWK 1725", "Плед из микрофибры 150×200",
    "Сковорода Tefal 28 см", "Набор полотенец из 4 штук",
    "Комплект постельного белья, евро", "Настольная лампа LED",
    "Органайзер для обуви" },
  { "Кроссовки беговые Demix Razor", "Велосипедный шлем Stern",
    "Гантели разборные 2×10 кг", "Термос 0,75 л",
    "Коврик для йоги 183×61 см", "Футболка спортивная Kelme",
    "Рюкзак туристический 40 л" },
};

static const char * const months[] = {
  "января", "февраля", "марта", "апреля", "мая", "июня", "июля",
  "августа", "сентября", "октября", "ноября", "декабря",
};

const char *
mc_fake_data_random_customer_text (McFakeData *data)
{
  return live_texts[mc_fake_rand_below (&data->rng, G_N_ELEMENTS (live_texts))];
}

/* Conversation text */

Customer
mc_fake_chat_customer (const McFakeChat *chat)
{
  guint64 rng = chat->seed ^ G_GUINT64_CONSTANT (0x5bd1e995);
  Customer customer;

  if (mc_fake_rand_below (&rng, 2) == 0)
    customer.first_name = female_names[mc_fake_rand_below (&rng, G_N_ELEMENTS (female_names))];
  else
    customer.first_name = male_names[mc_fake_rand_below (&rng, G_N_ELEMENTS (male_names))];
  customer.initial = initials[mc_fake_rand_below (&rng, G_N_ELEMENTS (initials))];

  return customer;
}

static char *
format_day (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) msk = g_date_time_add_hours (utc, 3);

  return g_strdup_printf ("%d %s", g_date_time_get_day_of_month (msk),
                          months[g_date_time_get_month (msk) - 1]);
}

static char *
expand (McFakeData       *data,
        const McFakeChat *chat,
        const char       *text,
        guint             item)
{
  GString *str = g_string_new (NULL);
  Customer customer = mc_fake_chat_customer (chat);

  for (const char *p = text; *p != '\0'; p++)
    {
      const char *end;
      g_autofree char *name = NULL;

      if (*p != '{' || (end = strchr (p, '}')) == NULL)
        {
          g_string_append_c (str, *p);
          continue;
        }

      name = g_strndup (p + 1, end - p - 1);
      if (g_str_equal (name, "order"))
        g_string_append_printf (str, "№%" G_GINT64_FORMAT, chat->order_id);
      else if (g_str_equal (name, "return"))
        g_string_append_printf (str, "№%" G_GINT64_FORMAT, chat->return_id);
      else if (g_str_equal (name, "name"))
        g_string_append (str, customer.first_name);
      else if (g_str_equal (name, "shop"))
        g_string_append (str, data->businesses[chat->business].name);
      else if (g_str_equal (name, "item"))
        g_string_append (str, items[chat->business][item]);
      else if (g_str_equal (name, "date"))
        {
          g_autofree char *day = format_day (chat->updated_at + 2 * DAY_USEC);
          g_string_append (str, day);
        }
      p = end;
    }

  return g_string_free (str, FALSE);
}

static Scenario
chat_scenario (const McFakeChat *chat,
               guint64          *rng)
{
  if (chat->type == MC_CHAT_TYPE_ARBITRAGE)
    return SC_DISPUTE;

  switch ((McContextType) chat->context_type)
    {
    case MC_CONTEXT_TYPE_RETURN:
      return SC_RETURN;
    case MC_CONTEXT_TYPE_DIRECT:
      return mc_fake_rand_below (rng, 2) ? SC_QUESTION : SC_SIZE;
    case MC_CONTEXT_TYPE_ORDER:
    case MC_CONTEXT_TYPE_UNKNOWN:
    default:
      {
        /* NEW chats begin with the customer. */
        static const Scenario order_scenarios[] = {
          SC_DELIVERY, SC_SIZE, SC_DEFECT, SC_DELIVERY, SC_PARTNER_FIRST,
        };
        guint n = G_N_ELEMENTS (order_scenarios) - (chat->status == MC_CHAT_STATUS_NEW ? 1 : 0);

        return order_scenarios[mc_fake_rand_below (rng, n)];
      }
    }
}

/* Where the conversation stops so that its last message fits the status. */
static guint
cut_for_status (const Line   *lines,
                guint         n,
                McChatStatus  status,
                guint64      *rng)
{
  guint candidates[MAX_LINES];
  guint n_candidates = 0;
  gboolean partner_seen = FALSE;

  switch (status)
    {
    case MC_CHAT_STATUS_NEW:
      for (guint i = 0; i < n; i++)
        if (lines[i].sender != MC_SENDER_CUSTOMER)
          return MAX (i, 1);
      return n;

    case MC_CHAT_STATUS_WAITING_FOR_PARTNER:
    case MC_CHAT_STATUS_WAITING_FOR_MARKET:
      for (guint i = 0; i < n; i++)
        {
          if (lines[i].sender == MC_SENDER_PARTNER)
            partner_seen = TRUE;
          else if (lines[i].sender == MC_SENDER_CUSTOMER && partner_seen &&
                   (i + 1 == n || lines[i + 1].sender != MC_SENDER_CUSTOMER))
            candidates[n_candidates++] = i + 1;
        }
      break;

    case MC_CHAT_STATUS_WAITING_FOR_CUSTOMER:
      for (guint i = 0; i < n; i++)
        if (lines[i].sender == MC_SENDER_PARTNER)
          candidates[n_candidates++] = i + 1;
      break;

    case MC_CHAT_STATUS_WAITING_FOR_ARBITER:
      for (guint i = 0; i + 2 < n; i++)
        if (lines[i].sender == MC_SENDER_SUPPORT || lines[i].sender == MC_SENDER_PARTNER)
          candidates[n_candidates++] = i + 1;
      break;

    case MC_CHAT_STATUS_FINISHED:
    case MC_CHAT_STATUS_UNKNOWN:
    default:
      return n;
    }

  if (n_candidates == 0)
    return n;

  return candidates[mc_fake_rand_below (rng, n_candidates)];
}

static McFakeFile *
generated_file (McFakeData *data,
                McFakeChat *chat,
                Attach      attach,
                guint64    *rng)
{
  McFakeFile *file = g_new0 (McFakeFile, 1);

  file->business = chat->business;
  file->seed = mc_fake_splitmix (rng);

  if (attach == A_PDF)
    {
      if (chat->context_type == MC_CONTEXT_TYPE_RETURN)
        file->name = g_strdup_printf ("Квитанция_возврата_%" G_GINT64_FORMAT ".pdf", chat->return_id);
      else
        file->name = g_strdup_printf ("Акт_комплектации_%" G_GINT64_FORMAT ".pdf", chat->order_id);
      file->content_type = g_strdup ("application/pdf");
      file->size = 40000 + mc_fake_rand_below (rng, 860000);
    }
  else
    {
      if (mc_fake_rand_below (rng, 2) == 0)
        file->name = g_strdup_printf ("IMG_%04u.png", 1000 + mc_fake_rand_below (rng, 9000));
      else
        file->name = g_strdup_printf ("фото_%u.png", 1 + mc_fake_rand_below (rng, 9));
      file->content_type = g_strdup ("image/png");
      file->size = 150000 + mc_fake_rand_below (rng, 2450000);
    }

  return file;
}

void
mc_fake_generate_messages (McFakeData *data,
                           McFakeChat *chat)
{
  guint64 rng = chat->seed;
  Line lines[MSG_BLOCK];
  const Line *script;
  guint n = 0, n_script, cut, item;
  Scenario scenario;
  gint64 first_id;

  chat->messages = g_ptr_array_new_with_free_func (mc_fake_message_free);

  scenario = chat_scenario (chat, &rng);
  script = scenarios[scenario].lines;
  n_script = scenarios[scenario].n;
  item = mc_fake_rand_below (&rng, G_N_ELEMENTS (items[0]));
  cut = cut_for_status (script, n_script, chat->status, &rng);

  for (guint i = 0; i < cut; i++)
    {
      lines[n++] = script[i];

      /* Some customers ask a lot, so that history takes several pages. */
      if (i == 1 && cut > 2 && mc_fake_rand_below (&rng, 8) == 0)
        {
          guint pairs = 18 + mc_fake_rand_below (&rng, 10);

          for (guint k = 0; k < pairs && n + 2 + (cut - i) < MAX_LINES - 4; k++)
            {
              guint q = mc_fake_rand_below (&rng, G_N_ELEMENTS (filler_questions));

              lines[n++] = (Line) { MC_SENDER_CUSTOMER, A_NONE, filler_questions[q] };
              lines[n++] = (Line) { MC_SENDER_PARTNER, A_NONE, filler_answers[q] };
            }
        }

      if (script[i].sender == MC_SENDER_CUSTOMER &&
          mc_fake_rand_below (&rng, 12) == 0)
        lines[n++] = (Line) { MC_SENDER_CUSTOMER, mc_fake_rand_below (&rng, 2) ? A_STICKER : A_PHOTO_ONLY, NULL };
    }

  if (chat->status == MC_CHAT_STATUS_WAITING_FOR_MARKET)
    lines[n++] = (Line) { MC_SENDER_MARKET, A_NONE, "Покупатель обратился в поддержку Маркета. Мы проверяем информацию и ответим до {date}." };

  /* Ids are reserved per chat so that generation order does not matter. */
  first_id = data->message_base + (gint64) mc_fake_chat_index (data, chat) * MSG_BLOCK + 1;

  for (guint i = 0; i < n; i++)
    {
      gint64 at = n == 1 ? chat->created_at :
                  chat->created_at + (chat->updated_at - chat->created_at) / (n - 1) * i;
      McFakeMessage *message;
      char *text = NULL;

      if (i + 1 == n)
        at = chat->updated_at;
      if (lines[i].text != NULL)
        text = expand (data, chat, lines[i].text, item);

      message = mc_fake_add_message (data, chat, first_id + i, at, lines[i].sender, text);
      if (lines[i].attach == A_PHOTO || lines[i].attach == A_PDF || lines[i].attach == A_PHOTO_ONLY)
        mc_fake_register_file (data, message, generated_file (data, chat, lines[i].attach, &rng));
      if (lines[i].attach == A_PHOTO && mc_fake_rand_below (&rng, 2) == 0)
        mc_fake_register_file (data, message, generated_file (data, chat, A_PHOTO, &rng));
    }
}
