/* test-model.c: the model objects, their properties and notifications, and
 * the enums' API spellings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-campaign.h"
#include "mc-chat.h"
#include "mc-enum-types.h"
#include "mc-message.h"

/* Counts "notify" emissions per property name. */
typedef struct
{
  GHashTable *counts;
} NotifyLog;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           NotifyLog  *log)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (log->counts, pspec->name));

  g_hash_table_insert (log->counts, (gpointer) pspec->name, GUINT_TO_POINTER (count + 1));
}

static void
notify_log_init (NotifyLog *log,
                 gpointer   object)
{
  log->counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_signal_connect (object, "notify", G_CALLBACK (on_notify), log);
}

static guint
notify_log_count (NotifyLog  *log,
                  const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (log->counts, name));
}

static guint
notify_log_total (NotifyLog *log)
{
  GHashTableIter iter;
  gpointer value;
  guint total = 0;

  g_hash_table_iter_init (&iter, log->counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    total += GPOINTER_TO_UINT (value);

  return total;
}

static void
notify_log_reset (NotifyLog *log)
{
  g_hash_table_remove_all (log->counts);
}

static void
notify_log_clear (NotifyLog *log,
                  gpointer   object)
{
  g_signal_handlers_disconnect_by_data (object, log);
  g_clear_pointer (&log->counts, g_hash_table_unref);
}

static void
test_customer (void)
{
  g_autoptr(McCustomer) customer = mc_customer_new ("Анна", "p1");
  g_autoptr(McCustomer) other = mc_customer_new ("Анна", "p2");
  g_autofree char *name = NULL;
  NotifyLog log;

  g_object_get (customer, "name", &name, NULL);
  g_assert_cmpstr (name, ==, "Анна");
  g_assert_cmpstr (mc_customer_get_public_id (customer), ==, "p1");

  notify_log_init (&log, customer);

  mc_customer_set_name (customer, "Анна");
  g_assert_cmpuint (notify_log_total (&log), ==, 0);

  mc_customer_set_name (customer, NULL);
  g_assert_null (mc_customer_get_name (customer));
  g_assert_cmpuint (notify_log_count (&log, "name"), ==, 1);

  g_object_set (customer, "name", "Мария", NULL);
  g_assert_cmpstr (mc_customer_get_name (customer), ==, "Мария");
  g_assert_cmpuint (notify_log_count (&log, "name"), ==, 2);

  notify_log_reset (&log);
  g_assert_false (mc_customer_equal (customer, other));
  mc_customer_set_name (other, "Мария");
  mc_customer_update_from (customer, other);
  g_assert_cmpuint (notify_log_count (&log, "name"), ==, 0);
  g_assert_cmpuint (notify_log_count (&log, "public-id"), ==, 1);
  g_assert_true (mc_customer_equal (customer, other));
  g_assert_true (mc_customer_equal (NULL, NULL));
  g_assert_false (mc_customer_equal (customer, NULL));

  notify_log_clear (&log, customer);
}

static void
test_chat_context (void)
{
  g_autoptr(McCustomer) customer = mc_customer_new ("Иван", "c1");
  g_autoptr(McChatContext) context = mc_chat_context_new_full (MC_CONTEXT_TYPE_ORDER, 11, 22, 0, customer);
  g_autoptr(McChatContext) other = NULL;
  McCustomer *kept;
  McContextType type;
  NotifyLog log, customer_log;

  g_object_get (context, "type", &type, NULL);
  g_assert_cmpint (type, ==, MC_CONTEXT_TYPE_ORDER);
  g_assert_cmpint (mc_chat_context_get_campaign_id (context), ==, 11);
  g_assert_cmpint (mc_chat_context_get_order_id (context), ==, 22);
  g_assert_cmpint (mc_chat_context_get_return_id (context), ==, 0);
  g_assert_true (mc_chat_context_get_customer (context) == customer);
  g_assert_true (g_object_class_find_property (G_OBJECT_GET_CLASS (context), "type")->value_type == MC_TYPE_CONTEXT_TYPE);

  notify_log_init (&log, context);
  notify_log_init (&customer_log, customer);

  mc_chat_context_set_campaign_id (context, 11);
  mc_chat_context_set_context_type (context, MC_CONTEXT_TYPE_ORDER);
  g_assert_cmpuint (notify_log_total (&log), ==, 0);

  /* A return of the same order, the customer renamed. */
  other = mc_chat_context_new_full (MC_CONTEXT_TYPE_RETURN, 11, 22, 33, NULL);
  {
    g_autoptr(McCustomer) renamed = mc_customer_new ("Иван П.", "c1");

    mc_chat_context_set_customer (other, renamed);
  }
  g_assert_false (mc_chat_context_equal (context, other));

  mc_chat_context_update_from (context, other);
  g_assert_true (mc_chat_context_equal (context, other));
  g_assert_cmpuint (notify_log_count (&log, "type"), ==, 1);
  g_assert_cmpuint (notify_log_count (&log, "return-id"), ==, 1);
  g_assert_cmpuint (notify_log_count (&log, "campaign-id"), ==, 0);
  g_assert_cmpuint (notify_log_count (&log, "order-id"), ==, 0);
  /* Updated in place, not replaced. */
  g_assert_cmpuint (notify_log_count (&log, "customer"), ==, 0);
  g_assert_true (mc_chat_context_get_customer (context) == customer);
  g_assert_cmpuint (notify_log_count (&customer_log, "name"), ==, 1);
  g_assert_cmpuint (notify_log_count (&customer_log, "public-id"), ==, 0);
  g_assert_false (mc_chat_context_get_customer (context) == mc_chat_context_get_customer (other));

  /* The customer goes away, and comes back as a copy. */
  notify_log_reset (&log);
  kept = g_object_ref (mc_chat_context_get_customer (other));
  mc_chat_context_set_customer (other, NULL);
  mc_chat_context_update_from (context, other);
  g_assert_null (mc_chat_context_get_customer (context));
  g_assert_cmpuint (notify_log_count (&log, "customer"), ==, 1);

  mc_chat_context_set_customer (other, kept);
  mc_chat_context_update_from (context, other);
  g_assert_nonnull (mc_chat_context_get_customer (context));
  g_assert_false (mc_chat_context_get_customer (context) == kept);
  g_assert_cmpstr (mc_customer_get_name (mc_chat_context_get_customer (context)), ==, "Иван П.");
  g_assert_cmpuint (notify_log_count (&log, "customer"), ==, 2);
  g_object_unref (kept);

  notify_log_clear (&customer_log, customer);
  notify_log_clear (&log, context);
}

static McChat *
make_chat (McChatStatus status,
           gint64       updated_at,
           const char  *customer_name)
{
  g_autoptr(McCustomer) customer = mc_customer_new (customer_name, "pub");
  g_autoptr(McChatContext) context = mc_chat_context_new_full (MC_CONTEXT_TYPE_ORDER, 5, 6, 0, customer);

  return mc_chat_new_full (42, 7, MC_CHAT_TYPE_CHAT, status, 1000, updated_at, context);
}

static void
test_chat_properties (void)
{
  g_autoptr(McChat) chat = make_chat (MC_CHAT_STATUS_NEW, 2000, "Ольга");
  g_autoptr(McChat) bare = mc_chat_new (43, 7);
  g_autoptr(McChatContext) context = NULL;
  g_autofree char *preview = NULL;
  gint64 chat_id, business_id, created_at;
  McChatStatus status;
  McChatType type;
  guint unread;
  NotifyLog log;

  g_object_get (chat,
                "chat-id", &chat_id,
                "business-id", &business_id,
                "chat-type", &type,
                "status", &status,
                "created-at", &created_at,
                "context", &context,
                "unread-count", &unread,
                "last-message-preview", &preview,
                NULL);
  g_assert_cmpint (chat_id, ==, 42);
  g_assert_cmpint (business_id, ==, 7);
  g_assert_cmpint (type, ==, MC_CHAT_TYPE_CHAT);
  g_assert_cmpint (status, ==, MC_CHAT_STATUS_NEW);
  g_assert_cmpint (created_at, ==, 1000);
  g_assert_true (context == mc_chat_get_context (chat));
  g_assert_cmpuint (unread, ==, 0);
  g_assert_null (preview);

  g_assert_cmpint (mc_chat_get_campaign_id (chat), ==, 5);
  g_assert_cmpstr (mc_chat_get_customer_name (chat), ==, "Ольга");
  g_assert_true (mc_chat_needs_reply (chat));

  g_assert_null (mc_chat_get_context (bare));
  g_assert_cmpint (mc_chat_get_campaign_id (bare), ==, 0);
  g_assert_null (mc_chat_get_customer_name (bare));
  g_assert_false (mc_chat_needs_reply (bare));
  g_assert_cmpint (mc_chat_get_chat_type (bare), ==, MC_CHAT_TYPE_UNKNOWN);

  notify_log_init (&log, chat);

  mc_chat_set_status (chat, MC_CHAT_STATUS_NEW);
  mc_chat_set_updated_at (chat, 2000);
  mc_chat_set_unread_count (chat, 0);
  mc_chat_set_last_message_preview (chat, NULL);
  mc_chat_set_context (chat, context);
  g_assert_cmpuint (notify_log_total (&log), ==, 0);

  mc_chat_set_status (chat, MC_CHAT_STATUS_WAITING_FOR_CUSTOMER);
  g_assert_false (mc_chat_needs_reply (chat));
  mc_chat_set_unread_count (chat, 3);
  mc_chat_set_last_message_preview (chat, "Здравствуйте");
  mc_chat_set_last_message_preview (chat, "Здравствуйте");
  g_object_set (chat, "updated-at", (gint64) 3000, NULL);
  g_assert_cmpuint (notify_log_count (&log, "status"), ==, 1);
  g_assert_cmpuint (notify_log_count (&log, "unread-count"), ==, 1);
  g_assert_cmpuint (notify_log_count (&log, "last-message-preview"), ==, 1);
  g_assert_cmpuint (notify_log_count (&log, "updated-at"), ==, 1);
  g_assert_cmpstr (mc_chat_get_last_message_preview (chat), ==, "Здравствуйте");

  mc_chat_set_context (chat, NULL);
  g_assert_cmpuint (notify_log_count (&log, "context"), ==, 1);

  notify_log_clear (&log, chat);
}

static void
test_chat_update_from (void)
{
  g_autoptr(McChat) chat = make_chat (MC_CHAT_STATUS_NEW, 2000, "Ольга");
  g_autoptr(McChat) same = make_chat (MC_CHAT_STATUS_NEW, 2000, "Ольга");
  g_autoptr(McChat) newer = make_chat (MC_CHAT_STATUS_WAITING_FOR_PARTNER, 5000, "Ольга С.");
  g_autoptr(McChat) bare = mc_chat_new (42, 7);
  McChatContext *context = mc_chat_get_context (chat);
  McCustomer *customer = mc_chat_context_get_customer (context);
  NotifyLog log, context_log, customer_log;

  mc_chat_set_unread_count (chat, 2);

  notify_log_init (&log, chat);
  notify_log_init (&context_log, context);
  notify_log_init (&customer_log, customer);

  g_assert_false (mc_chat_update_from (chat, same));
  g_assert_cmpuint (notify_log_total (&log), ==, 0);
  g_assert_cmpuint (notify_log_total (&context_log), ==, 0);
  g_assert_cmpuint (notify_log_total (&customer_log), ==, 0);

  g_assert_true (mc_chat_update_from (chat, newer));
  g_assert_cmpuint (notify_log_count (&log, "status"), ==, 1);
  g_assert_cmpuint (notify_log_count (&log, "updated-at"), ==, 1);
  g_assert_cmpuint (notify_log_total (&log), ==, 2);
  g_assert_cmpuint (notify_log_total (&context_log), ==, 0);
  g_assert_cmpuint (notify_log_count (&customer_log, "name"), ==, 1);
  g_assert_cmpuint (notify_log_total (&customer_log), ==, 1);
  g_assert_true (mc_chat_get_context (chat) == context);
  g_assert_cmpstr (mc_chat_get_customer_name (chat), ==, "Ольга С.");
  g_assert_cmpint (mc_chat_get_status (chat), ==, MC_CHAT_STATUS_WAITING_FOR_PARTNER);
  g_assert_cmpint (mc_chat_get_updated_at (chat), ==, 5000);
  /* Local state is the store's, not the API's. */
  g_assert_cmpuint (mc_chat_get_unread_count (chat), ==, 2);

  /* A context arriving for a chat that had none is a copy. */
  g_assert_true (mc_chat_update_from (bare, newer));
  g_assert_nonnull (mc_chat_get_context (bare));
  g_assert_false (mc_chat_get_context (bare) == mc_chat_get_context (newer));
  g_assert_true (mc_chat_context_equal (mc_chat_get_context (bare), mc_chat_get_context (newer)));
  g_assert_false (mc_chat_update_from (bare, newer));

  notify_log_clear (&customer_log, customer);
  notify_log_clear (&context_log, context);
  notify_log_clear (&log, chat);
}

static void
test_message (void)
{
  g_autoptr(McMessage) message = mc_message_new (0, 42);
  g_autoptr(McMessage) other = mc_message_new (7, 42);
  g_autoptr(McAttachment) attachment = mc_attachment_new ("photo.jpg", "https://example.com/f/1", 12345);
  g_autoptr(GListModel) via_property = NULL;
  GListModel *attachments;
  NotifyLog log;

  g_assert_cmpint (mc_message_get_message_id (message), ==, 0);
  g_assert_cmpint (mc_message_get_chat_id (message), ==, 42);
  g_assert_cmpint (mc_message_get_state (message), ==, MC_MESSAGE_STATE_SENT);
  g_assert_cmpint (mc_message_get_sender (message), ==, MC_SENDER_UNKNOWN);
  g_assert_null (mc_message_get_text (message));
  g_assert_null (mc_message_get_error (message));

  attachments = mc_message_get_attachments (message);
  g_assert_nonnull (attachments);
  g_assert_cmpuint (g_list_model_get_n_items (attachments), ==, 0);
  g_assert_true (g_list_model_get_item_type (attachments) == MC_TYPE_ATTACHMENT);
  g_assert_true (mc_message_get_attachments (other) == attachments);

  notify_log_init (&log, message);

  mc_message_set_state (message, MC_MESSAGE_STATE_PENDING);
  mc_message_set_state (message, MC_MESSAGE_STATE_PENDING);
  mc_message_set_text (message, "Добрый день");
  mc_message_set_text (message, "Добрый день");
  mc_message_set_error (message, "timeout");
  mc_message_set_message_id (message, 99);
  mc_message_set_sender (message, MC_SENDER_PARTNER);
  mc_message_set_created_at (message, 123);
  g_assert_cmpuint (notify_log_count (&log, "state"), ==, 1);
  g_assert_cmpuint (notify_log_count (&log, "text"), ==, 1);
  g_assert_cmpuint (notify_log_count (&log, "error"), ==, 1);
  g_assert_cmpuint (notify_log_count (&log, "message-id"), ==, 1);
  g_assert_cmpuint (notify_log_count (&log, "sender"), ==, 1);
  g_assert_cmpuint (notify_log_count (&log, "created-at"), ==, 1);
  g_assert_cmpstr (mc_message_get_text (message), ==, "Добрый день");

  mc_message_add_attachment (message, attachment);
  mc_message_add_attachment (message, attachment);
  g_assert_cmpuint (notify_log_count (&log, "attachments"), ==, 1);

  g_object_get (message, "attachments", &via_property, NULL);
  g_assert_true (via_property == mc_message_get_attachments (message));
  g_assert_cmpuint (g_list_model_get_n_items (via_property), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (attachments), ==, 0);

  {
    g_autoptr(McAttachment) first = g_list_model_get_item (via_property, 0);

    g_assert_cmpstr (mc_attachment_get_name (first), ==, "photo.jpg");
    g_assert_cmpstr (mc_attachment_get_url (first), ==, "https://example.com/f/1");
    g_assert_cmpint (mc_attachment_get_size (first), ==, 12345);
  }

  notify_log_clear (&log, message);
}

static void
test_campaign (void)
{
  g_autoptr(McCampaign) named = mc_campaign_new (21, "Дом и сад", 100, "ИП Петров",
                                                 MC_PLACEMENT_TYPE_FBS,
                                                 MC_API_AVAILABILITY_AVAILABLE);
  g_autoptr(McCampaign) unnamed = mc_campaign_new (22, NULL, 100, NULL,
                                                   MC_PLACEMENT_TYPE_UNKNOWN,
                                                   MC_API_AVAILABILITY_UNKNOWN);
  g_autoptr(McCampaign) empty = mc_campaign_new (23, "", 100, NULL,
                                                 MC_PLACEMENT_TYPE_DBS,
                                                 MC_API_AVAILABILITY_MANUALLY_DISABLED);
  g_autofree char *named_display = mc_campaign_dup_display_name (named);
  g_autofree char *unnamed_display = mc_campaign_dup_display_name (unnamed);
  g_autofree char *empty_display = mc_campaign_dup_display_name (empty);
  McPlacementType placement;
  gint64 business_id;

  g_assert_cmpstr (named_display, ==, "Дом и сад");
  g_assert_cmpstr (unnamed_display, ==, "Store 22");
  g_assert_cmpstr (empty_display, ==, "Store 23");

  g_object_get (named, "placement-type", &placement, "business-id", &business_id, NULL);
  g_assert_cmpint (placement, ==, MC_PLACEMENT_TYPE_FBS);
  g_assert_cmpint (business_id, ==, 100);
  g_assert_cmpint (mc_campaign_get_id (named), ==, 21);
  g_assert_cmpstr (mc_campaign_get_business_name (named), ==, "ИП Петров");
  g_assert_cmpint (mc_campaign_get_api_availability (empty), ==, MC_API_AVAILABILITY_MANUALLY_DISABLED);
}

/* Every value but UNKNOWN has a spelling that comes back as itself, the
 * GType knows all of them, and anything else is UNKNOWN. */
#define CHECK_ENUM(prefix, gtype)                                              \
  G_STMT_START {                                                               \
    g_autoptr(GEnumClass) klass = g_type_class_ref (gtype);                    \
                                                                               \
    g_assert_cmpint (prefix##_from_string (NULL), ==, 0);                      \
    g_assert_cmpint (prefix##_from_string ("SOMETHING_NEW"), ==, 0);           \
    g_assert_cmpint (prefix##_from_string (""), ==, 0);                        \
    g_assert_null (prefix##_to_string (0));                                    \
    g_assert_null (prefix##_to_string (klass->n_values + 5));                  \
                                                                               \
    for (guint i = 1; i < klass->n_values; i++)                                \
      {                                                                        \
        const char *name = prefix##_to_string (i);                             \
                                                                               \
        g_assert_nonnull (name);                                               \
        g_assert_cmpint (prefix##_from_string (name), ==, i);                  \
        g_assert_nonnull (g_enum_get_value (klass, i));                        \
      }                                                                        \
  } G_STMT_END

static void
test_enums (void)
{
  CHECK_ENUM (mc_chat_type, MC_TYPE_CHAT_TYPE);
  CHECK_ENUM (mc_chat_status, MC_TYPE_CHAT_STATUS);
  CHECK_ENUM (mc_context_type, MC_TYPE_CONTEXT_TYPE);
  CHECK_ENUM (mc_sender, MC_TYPE_SENDER);
  CHECK_ENUM (mc_placement_type, MC_TYPE_PLACEMENT_TYPE);
  CHECK_ENUM (mc_api_availability, MC_TYPE_API_AVAILABILITY);

  g_assert_cmpint (mc_chat_status_from_string ("WAITING_FOR_PARTNER"), ==, MC_CHAT_STATUS_WAITING_FOR_PARTNER);
  g_assert_cmpstr (mc_context_type_to_string (MC_CONTEXT_TYPE_DIRECT), ==, "DIRECT");
  g_assert_cmpint (mc_sender_from_string ("customer"), ==, MC_SENDER_UNKNOWN);

  g_assert_true (mc_chat_status_needs_reply (MC_CHAT_STATUS_NEW));
  g_assert_true (mc_chat_status_needs_reply (MC_CHAT_STATUS_WAITING_FOR_PARTNER));
  g_assert_false (mc_chat_status_needs_reply (MC_CHAT_STATUS_WAITING_FOR_CUSTOMER));
  g_assert_false (mc_chat_status_needs_reply (MC_CHAT_STATUS_FINISHED));
  g_assert_false (mc_chat_status_needs_reply (MC_CHAT_STATUS_UNKNOWN));
}

static void
test_finalize (void)
{
  McChat *chat = make_chat (MC_CHAT_STATUS_NEW, 1, "Анна");
  McChatContext *context = g_object_ref (mc_chat_get_context (chat));
  McMessage *message = mc_message_new (1, 42);
  McAttachment *attachment = mc_attachment_new ("a", "https://example.com/a", 1);

  mc_message_add_attachment (message, attachment);

  g_assert_finalize_object (chat);
  g_assert_finalize_object (context);
  g_assert_finalize_object (message);
  g_assert_finalize_object (attachment);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/customer", test_customer);
  g_test_add_func ("/model/chat-context", test_chat_context);
  g_test_add_func ("/model/chat/properties", test_chat_properties);
  g_test_add_func ("/model/chat/update-from", test_chat_update_from);
  g_test_add_func ("/model/message", test_message);
  g_test_add_func ("/model/campaign", test_campaign);
  g_test_add_func ("/model/enums", test_enums);
  g_test_add_func ("/model/finalize", test_finalize);

  return g_test_run ();
}
