/* mc-order-enums.c: the API's spellings of the order and return enums, and
 * the words a seller reads for them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mc-order-enums.h"

static int
lookup (const char         *str,
        const char * const *names,
        guint               n_names)
{
  if (str == NULL)
    return 0;

  /* Index 0 is UNKNOWN, which the spec spells too: it stays UNKNOWN. */
  for (guint i = 1; i < n_names; i++)
    if (strcmp (str, names[i]) == 0)
      return (int) i;

  return 0;
}

#define DEFINE_ENUM_STRINGS(prefix, Type, ...)                               \
  static const char * const prefix##_names[] = { NULL, __VA_ARGS__ };        \
  Type                                                                       \
  prefix##_from_string (const char *str)                                     \
  {                                                                          \
    return (Type) lookup (str, prefix##_names, G_N_ELEMENTS (prefix##_names)); \
  }                                                                          \
  const char *                                                               \
  prefix##_to_string (Type value)                                            \
  {                                                                          \
    if ((guint) value >= G_N_ELEMENTS (prefix##_names))                      \
      return NULL;                                                           \
    return prefix##_names[value];                                            \
  }

DEFINE_ENUM_STRINGS (mc_order_status, McOrderStatus, "PLACING", "RESERVED", "UNPAID", "PROCESSING", "DELIVERY", "PICKUP", "DELIVERED", "CANCELLED", "PENDING", "PARTIALLY_RETURNED", "RETURNED")
DEFINE_ENUM_STRINGS (mc_order_substatus, McOrderSubstatus, "STARTED", "PACKAGING", "READY_TO_SHIP", "SHIPPED", "AWAIT_CONFIRMATION", "PREORDER", "WAITING_FOR_STOCKS", "ASYNC_PROCESSING", "DELIVERY_SERVICE_RECEIVED", "READY_FOR_LAST_MILE", "LAST_MILE_STARTED", "COURIER_SEARCH", "COURIER_FOUND", "COURIER_RECEIVED", "PICKUP_SERVICE_RECEIVED", "PICKUP_USER_RECEIVED", "DELIVERY_SERVICE_DELIVERED", "USER_RECEIVED", "DELIVERED_USER_RECEIVED", "DELIVERED_USER_NOT_RECEIVED", "RESERVATION_EXPIRED", "USER_NOT_PAID", "USER_UNREACHABLE", "USER_CHANGED_MIND", "USER_REFUSED_DELIVERY", "USER_REFUSED_PRODUCT", "USER_REFUSED_QUALITY", "SHOP_FAILED", "REPLACING_ORDER", "PROCESSING_EXPIRED", "PICKUP_EXPIRED", "DELIVERY_PROBLEMS", "LATE_CONTACT", "CUSTOM", "DELIVERY_SERVICE_FAILED", "WAREHOUSE_FAILED_TO_SHIP", "DELIVERY_SERVICE_UNDELIVERED", "USER_PLACED_OTHER_ORDER", "USER_BOUGHT_CHEAPER", "MISSING_ITEM", "BROKEN_ITEM", "WRONG_ITEM", "USER_WANTS_TO_CHANGE_ADDRESS", "USER_WANTS_TO_CHANGE_DELIVERY_DATE", "LOST")
DEFINE_ENUM_STRINGS (mc_order_delivery_type, McOrderDeliveryType, "DELIVERY", "PICKUP", "POST", "DIGITAL")
DEFINE_ENUM_STRINGS (mc_order_payment_type, McOrderPaymentType, "PREPAID", "POSTPAID")
DEFINE_ENUM_STRINGS (mc_order_payment_method, McOrderPaymentMethod, "CASH_ON_DELIVERY", "CARD_ON_DELIVERY", "YANDEX", "SBP", "CREDIT", "APPLE_PAY", "GOOGLE_PAY", "TINKOFF_INSTALLMENTS")
DEFINE_ENUM_STRINGS (mc_return_status, McReturnStatus, "STARTED_BY_USER", "REFUND_IN_PROGRESS", "REFUNDED", "FAILED", "WAITING_FOR_DECISION", "DECISION_MADE", "REFUNDED_WITH_BONUSES", "REFUNDED_BY_SHOP", "CANCELLED", "REJECTED", "COMPLETE_WITHOUT_REFUND", "PREMODERATION_DISPUTE", "PREMODERATION_DECISION_WAITING", "PREMODERATION_DECISION_MADE", "PREMODERATION_SELECT_DELIVERY")
DEFINE_ENUM_STRINGS (mc_return_type, McReturnType, "UNREDEEMED", "RETURN")

#define WORDS(table, value) \
  ((guint) (value) < G_N_ELEMENTS (table) && (table)[value] != NULL ? _((table)[value]) : NULL)

static const char * const order_status_words[] = {
  [MC_ORDER_STATUS_PLACING] = N_("Being placed"),
  [MC_ORDER_STATUS_RESERVED] = N_("Reserved"),
  [MC_ORDER_STATUS_UNPAID] = N_("Not paid yet"),
  [MC_ORDER_STATUS_PROCESSING] = N_("Processing"),
  [MC_ORDER_STATUS_DELIVERY] = N_("In delivery"),
  [MC_ORDER_STATUS_PICKUP] = N_("At the pickup point"),
  [MC_ORDER_STATUS_DELIVERED] = N_("Delivered"),
  [MC_ORDER_STATUS_CANCELLED] = N_("Cancelled"),
  [MC_ORDER_STATUS_PENDING] = N_("Awaiting the seller’s confirmation"),
  [MC_ORDER_STATUS_PARTIALLY_RETURNED] = N_("Partly returned"),
  [MC_ORDER_STATUS_RETURNED] = N_("Returned"),
};

static const char * const order_substatus_words[] = {
  [MC_ORDER_SUBSTATUS_STARTED] = N_("Accepted, to be packed"),
  [MC_ORDER_SUBSTATUS_PACKAGING] = N_("Being packed"),
  [MC_ORDER_SUBSTATUS_READY_TO_SHIP] = N_("Ready to ship"),
  [MC_ORDER_SUBSTATUS_SHIPPED] = N_("Handed to the delivery service"),
  [MC_ORDER_SUBSTATUS_AWAIT_CONFIRMATION] = N_("Awaiting confirmation"),
  [MC_ORDER_SUBSTATUS_PREORDER] = N_("Pre-order"),
  [MC_ORDER_SUBSTATUS_WAITING_FOR_STOCKS] = N_("Waiting for stock"),
  [MC_ORDER_SUBSTATUS_ASYNC_PROCESSING] = N_("Being checked by the Market"),
  [MC_ORDER_SUBSTATUS_DELIVERY_SERVICE_RECEIVED] = N_("Received by the delivery service"),
  [MC_ORDER_SUBSTATUS_READY_FOR_LAST_MILE] = N_("Ready for the courier"),
  [MC_ORDER_SUBSTATUS_LAST_MILE_STARTED] = N_("On the way to the customer"),
  [MC_ORDER_SUBSTATUS_COURIER_SEARCH] = N_("Looking for a courier"),
  [MC_ORDER_SUBSTATUS_COURIER_FOUND] = N_("Courier found"),
  [MC_ORDER_SUBSTATUS_COURIER_RECEIVED] = N_("Picked up by the courier"),
  [MC_ORDER_SUBSTATUS_PICKUP_SERVICE_RECEIVED] = N_("Arrived at the pickup point"),
  [MC_ORDER_SUBSTATUS_PICKUP_USER_RECEIVED] = N_("Collected by the customer"),
  [MC_ORDER_SUBSTATUS_DELIVERY_SERVICE_DELIVERED] = N_("Delivered by the delivery service"),
  [MC_ORDER_SUBSTATUS_USER_RECEIVED] = N_("Received by the customer"),
  [MC_ORDER_SUBSTATUS_DELIVERED_USER_RECEIVED] = N_("The customer confirmed receipt"),
  [MC_ORDER_SUBSTATUS_DELIVERED_USER_NOT_RECEIVED] = N_("The customer says it did not arrive"),
  [MC_ORDER_SUBSTATUS_RESERVATION_EXPIRED] = N_("Reservation expired"),
  [MC_ORDER_SUBSTATUS_USER_NOT_PAID] = N_("The customer did not pay"),
  [MC_ORDER_SUBSTATUS_USER_UNREACHABLE] = N_("The customer could not be reached"),
  [MC_ORDER_SUBSTATUS_USER_CHANGED_MIND] = N_("The customer changed their mind"),
  [MC_ORDER_SUBSTATUS_USER_REFUSED_DELIVERY] = N_("The customer refused the delivery terms"),
  [MC_ORDER_SUBSTATUS_USER_REFUSED_PRODUCT] = N_("The product did not suit the customer"),
  [MC_ORDER_SUBSTATUS_USER_REFUSED_QUALITY] = N_("The customer refused over quality"),
  [MC_ORDER_SUBSTATUS_SHOP_FAILED] = N_("The store cannot fulfil the order"),
  [MC_ORDER_SUBSTATUS_REPLACING_ORDER] = N_("Replaced by another order"),
  [MC_ORDER_SUBSTATUS_PROCESSING_EXPIRED] = N_("Not processed in time"),
  [MC_ORDER_SUBSTATUS_PICKUP_EXPIRED] = N_("Not collected in time"),
  [MC_ORDER_SUBSTATUS_DELIVERY_PROBLEMS] = N_("Delivery problems"),
  [MC_ORDER_SUBSTATUS_LATE_CONTACT] = N_("The customer was contacted too late"),
  [MC_ORDER_SUBSTATUS_CUSTOM] = N_("Cancelled for another reason"),
  [MC_ORDER_SUBSTATUS_DELIVERY_SERVICE_FAILED] = N_("The delivery service failed"),
  [MC_ORDER_SUBSTATUS_WAREHOUSE_FAILED_TO_SHIP] = N_("The warehouse failed to ship"),
  [MC_ORDER_SUBSTATUS_DELIVERY_SERVICE_UNDELIVERED] = N_("Not delivered by the delivery service"),
  [MC_ORDER_SUBSTATUS_USER_PLACED_OTHER_ORDER] = N_("The customer placed another order"),
  [MC_ORDER_SUBSTATUS_USER_BOUGHT_CHEAPER] = N_("The customer found it cheaper"),
  [MC_ORDER_SUBSTATUS_MISSING_ITEM] = N_("An item is missing"),
  [MC_ORDER_SUBSTATUS_BROKEN_ITEM] = N_("An item is damaged"),
  [MC_ORDER_SUBSTATUS_WRONG_ITEM] = N_("A wrong item"),
  [MC_ORDER_SUBSTATUS_USER_WANTS_TO_CHANGE_ADDRESS] = N_("The customer wants another address"),
  [MC_ORDER_SUBSTATUS_USER_WANTS_TO_CHANGE_DELIVERY_DATE] = N_("The customer wants another delivery date"),
  [MC_ORDER_SUBSTATUS_LOST] = N_("Lost"),
};

static const char * const delivery_type_words[] = {
  [MC_ORDER_DELIVERY_TYPE_DELIVERY] = N_("Courier delivery"),
  [MC_ORDER_DELIVERY_TYPE_PICKUP] = N_("Pickup point"),
  [MC_ORDER_DELIVERY_TYPE_POST] = N_("Post"),
  [MC_ORDER_DELIVERY_TYPE_DIGITAL] = N_("Digital delivery"),
};

static const char * const payment_type_words[] = {
  [MC_ORDER_PAYMENT_TYPE_PREPAID] = N_("Paid online"),
  [MC_ORDER_PAYMENT_TYPE_POSTPAID] = N_("Paid on receipt"),
};

static const char * const payment_method_words[] = {
  [MC_ORDER_PAYMENT_METHOD_CASH_ON_DELIVERY] = N_("Cash on receipt"),
  [MC_ORDER_PAYMENT_METHOD_CARD_ON_DELIVERY] = N_("Card on receipt"),
  [MC_ORDER_PAYMENT_METHOD_YANDEX] = N_("Card online"),
  [MC_ORDER_PAYMENT_METHOD_SBP] = N_("Faster Payments System"),
  [MC_ORDER_PAYMENT_METHOD_CREDIT] = N_("Credit"),
  [MC_ORDER_PAYMENT_METHOD_APPLE_PAY] = N_("Apple Pay"),
  [MC_ORDER_PAYMENT_METHOD_GOOGLE_PAY] = N_("Google Pay"),
  [MC_ORDER_PAYMENT_METHOD_TINKOFF_INSTALLMENTS] = N_("Instalments"),
};

static const char * const return_status_words[] = {
  [MC_RETURN_STATUS_STARTED_BY_USER] = N_("Started by the customer"),
  [MC_RETURN_STATUS_REFUND_IN_PROGRESS] = N_("Refund in progress"),
  [MC_RETURN_STATUS_REFUNDED] = N_("Refunded"),
  [MC_RETURN_STATUS_FAILED] = N_("Refund failed"),
  [MC_RETURN_STATUS_WAITING_FOR_DECISION] = N_("Waiting for the seller’s decision"),
  [MC_RETURN_STATUS_DECISION_MADE] = N_("Decision made"),
  [MC_RETURN_STATUS_REFUNDED_WITH_BONUSES] = N_("Refunded with bonuses"),
  [MC_RETURN_STATUS_REFUNDED_BY_SHOP] = N_("Refunded by the store"),
  [MC_RETURN_STATUS_CANCELLED] = N_("Return cancelled"),
  [MC_RETURN_STATUS_REJECTED] = N_("Return rejected"),
  [MC_RETURN_STATUS_COMPLETE_WITHOUT_REFUND] = N_("Completed without a refund"),
  [MC_RETURN_STATUS_PREMODERATION_DISPUTE] = N_("Disputed, being reviewed"),
  [MC_RETURN_STATUS_PREMODERATION_DECISION_WAITING] = N_("Being reviewed"),
  [MC_RETURN_STATUS_PREMODERATION_DECISION_MADE] = N_("Reviewed"),
  [MC_RETURN_STATUS_PREMODERATION_SELECT_DELIVERY] = N_("The customer chooses how to send it back"),
};

static const char * const return_type_words[] = {
  [MC_RETURN_TYPE_UNREDEEMED] = N_("Not collected"),
  [MC_RETURN_TYPE_RETURN] = N_("Return"),
};

const char *
mc_order_status_get_words (McOrderStatus status)
{
  if (status == MC_ORDER_STATUS_UNKNOWN)
    /* Translators: an order status the app does not know yet */
    return C_("order status", "Other");

  return WORDS (order_status_words, status);
}

const char *
mc_order_substatus_get_words (McOrderSubstatus substatus)
{
  return WORDS (order_substatus_words, substatus);
}

const char *
mc_order_delivery_type_get_words (McOrderDeliveryType type)
{
  return WORDS (delivery_type_words, type);
}

const char *
mc_order_payment_type_get_words (McOrderPaymentType type)
{
  return WORDS (payment_type_words, type);
}

const char *
mc_order_payment_method_get_words (McOrderPaymentMethod method)
{
  return WORDS (payment_method_words, method);
}

const char *
mc_return_status_get_words (McReturnStatus status)
{
  if (status == MC_RETURN_STATUS_UNKNOWN)
    /* Translators: a return status the app does not know yet */
    return C_("return status", "Other");

  return WORDS (return_status_words, status);
}

const char *
mc_return_type_get_words (McReturnType type)
{
  return WORDS (return_type_words, type);
}
