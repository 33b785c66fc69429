/* mc-order-enums.h: enumerations of orders and returns in the Partner API
 * (OrderStatusType, OrderSubstatusType, OrderDeliveryType, ...), each with
 * an UNKNOWN value at 0 for what this version does not know: the spec says
 * "other values may be returned", so the API's own spelling is always kept
 * next to the enum by the objects that hold one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  MC_ORDER_STATUS_UNKNOWN,
  MC_ORDER_STATUS_PLACING,
  MC_ORDER_STATUS_RESERVED,
  MC_ORDER_STATUS_UNPAID,
  MC_ORDER_STATUS_PROCESSING,
  MC_ORDER_STATUS_DELIVERY,
  MC_ORDER_STATUS_PICKUP,
  MC_ORDER_STATUS_DELIVERED,
  MC_ORDER_STATUS_CANCELLED,
  MC_ORDER_STATUS_PENDING,
  MC_ORDER_STATUS_PARTIALLY_RETURNED,
  MC_ORDER_STATUS_RETURNED,
} McOrderStatus;

/* The stages and cancellation reasons a seller meets most; the spec lists
 * more than a hundred, and the rest keep their API spelling only. */
typedef enum
{
  MC_ORDER_SUBSTATUS_UNKNOWN,
  /* PROCESSING */
  MC_ORDER_SUBSTATUS_STARTED,
  MC_ORDER_SUBSTATUS_PACKAGING,
  MC_ORDER_SUBSTATUS_READY_TO_SHIP,
  MC_ORDER_SUBSTATUS_SHIPPED,
  MC_ORDER_SUBSTATUS_AWAIT_CONFIRMATION,
  MC_ORDER_SUBSTATUS_PREORDER,
  MC_ORDER_SUBSTATUS_WAITING_FOR_STOCKS,
  MC_ORDER_SUBSTATUS_ASYNC_PROCESSING,
  /* DELIVERY and PICKUP */
  MC_ORDER_SUBSTATUS_DELIVERY_SERVICE_RECEIVED,
  MC_ORDER_SUBSTATUS_READY_FOR_LAST_MILE,
  MC_ORDER_SUBSTATUS_LAST_MILE_STARTED,
  MC_ORDER_SUBSTATUS_COURIER_SEARCH,
  MC_ORDER_SUBSTATUS_COURIER_FOUND,
  MC_ORDER_SUBSTATUS_COURIER_RECEIVED,
  MC_ORDER_SUBSTATUS_PICKUP_SERVICE_RECEIVED,
  MC_ORDER_SUBSTATUS_PICKUP_USER_RECEIVED,
  /* DELIVERED */
  MC_ORDER_SUBSTATUS_DELIVERY_SERVICE_DELIVERED,
  MC_ORDER_SUBSTATUS_USER_RECEIVED,
  MC_ORDER_SUBSTATUS_DELIVERED_USER_RECEIVED,
  MC_ORDER_SUBSTATUS_DELIVERED_USER_NOT_RECEIVED,
  /* CANCELLED */
  MC_ORDER_SUBSTATUS_RESERVATION_EXPIRED,
  MC_ORDER_SUBSTATUS_USER_NOT_PAID,
  MC_ORDER_SUBSTATUS_USER_UNREACHABLE,
  MC_ORDER_SUBSTATUS_USER_CHANGED_MIND,
  MC_ORDER_SUBSTATUS_USER_REFUSED_DELIVERY,
  MC_ORDER_SUBSTATUS_USER_REFUSED_PRODUCT,
  MC_ORDER_SUBSTATUS_USER_REFUSED_QUALITY,
  MC_ORDER_SUBSTATUS_SHOP_FAILED,
  MC_ORDER_SUBSTATUS_REPLACING_ORDER,
  MC_ORDER_SUBSTATUS_PROCESSING_EXPIRED,
  MC_ORDER_SUBSTATUS_PICKUP_EXPIRED,
  MC_ORDER_SUBSTATUS_DELIVERY_PROBLEMS,
  MC_ORDER_SUBSTATUS_LATE_CONTACT,
  MC_ORDER_SUBSTATUS_CUSTOM,
  MC_ORDER_SUBSTATUS_DELIVERY_SERVICE_FAILED,
  MC_ORDER_SUBSTATUS_WAREHOUSE_FAILED_TO_SHIP,
  MC_ORDER_SUBSTATUS_DELIVERY_SERVICE_UNDELIVERED,
  MC_ORDER_SUBSTATUS_USER_PLACED_OTHER_ORDER,
  MC_ORDER_SUBSTATUS_USER_BOUGHT_CHEAPER,
  MC_ORDER_SUBSTATUS_MISSING_ITEM,
  MC_ORDER_SUBSTATUS_BROKEN_ITEM,
  MC_ORDER_SUBSTATUS_WRONG_ITEM,
  MC_ORDER_SUBSTATUS_USER_WANTS_TO_CHANGE_ADDRESS,
  MC_ORDER_SUBSTATUS_USER_WANTS_TO_CHANGE_DELIVERY_DATE,
  MC_ORDER_SUBSTATUS_LOST,
} McOrderSubstatus;

typedef enum
{
  MC_ORDER_DELIVERY_TYPE_UNKNOWN,
  MC_ORDER_DELIVERY_TYPE_DELIVERY,
  MC_ORDER_DELIVERY_TYPE_PICKUP,
  MC_ORDER_DELIVERY_TYPE_POST,
  MC_ORDER_DELIVERY_TYPE_DIGITAL,
} McOrderDeliveryType;

typedef enum
{
  MC_ORDER_PAYMENT_TYPE_UNKNOWN,
  MC_ORDER_PAYMENT_TYPE_PREPAID,
  MC_ORDER_PAYMENT_TYPE_POSTPAID,
} McOrderPaymentType;

typedef enum
{
  MC_ORDER_PAYMENT_METHOD_UNKNOWN,
  MC_ORDER_PAYMENT_METHOD_CASH_ON_DELIVERY,
  MC_ORDER_PAYMENT_METHOD_CARD_ON_DELIVERY,
  MC_ORDER_PAYMENT_METHOD_YANDEX,
  MC_ORDER_PAYMENT_METHOD_SBP,
  MC_ORDER_PAYMENT_METHOD_CREDIT,
  MC_ORDER_PAYMENT_METHOD_APPLE_PAY,
  MC_ORDER_PAYMENT_METHOD_GOOGLE_PAY,
  MC_ORDER_PAYMENT_METHOD_TINKOFF_INSTALLMENTS,
} McOrderPaymentMethod;

/* RefundStatusType: what became of the customer's money. */
typedef enum
{
  MC_RETURN_STATUS_UNKNOWN,
  MC_RETURN_STATUS_STARTED_BY_USER,
  MC_RETURN_STATUS_REFUND_IN_PROGRESS,
  MC_RETURN_STATUS_REFUNDED,
  MC_RETURN_STATUS_FAILED,
  MC_RETURN_STATUS_WAITING_FOR_DECISION,
  MC_RETURN_STATUS_DECISION_MADE,
  MC_RETURN_STATUS_REFUNDED_WITH_BONUSES,
  MC_RETURN_STATUS_REFUNDED_BY_SHOP,
  MC_RETURN_STATUS_CANCELLED,
  MC_RETURN_STATUS_REJECTED,
  MC_RETURN_STATUS_COMPLETE_WITHOUT_REFUND,
  MC_RETURN_STATUS_PREMODERATION_DISPUTE,
  MC_RETURN_STATUS_PREMODERATION_DECISION_WAITING,
  MC_RETURN_STATUS_PREMODERATION_DECISION_MADE,
  MC_RETURN_STATUS_PREMODERATION_SELECT_DELIVERY,
} McReturnStatus;

typedef enum
{
  MC_RETURN_TYPE_UNKNOWN,
  MC_RETURN_TYPE_UNREDEEMED,
  MC_RETURN_TYPE_RETURN,
} McReturnType;

/* Unknown strings (and NULL) give UNKNOWN; _to_string gives the API's
 * spelling, NULL for UNKNOWN. */
McOrderStatus        mc_order_status_from_string         (const char *str);
const char          *mc_order_status_to_string           (McOrderStatus status);
McOrderSubstatus     mc_order_substatus_from_string      (const char *str);
const char          *mc_order_substatus_to_string        (McOrderSubstatus substatus);
McOrderDeliveryType  mc_order_delivery_type_from_string  (const char *str);
const char          *mc_order_delivery_type_to_string    (McOrderDeliveryType type);
McOrderPaymentType   mc_order_payment_type_from_string   (const char *str);
const char          *mc_order_payment_type_to_string     (McOrderPaymentType type);
McOrderPaymentMethod mc_order_payment_method_from_string (const char *str);
const char          *mc_order_payment_method_to_string   (McOrderPaymentMethod method);
McReturnStatus       mc_return_status_from_string        (const char *str);
const char          *mc_return_status_to_string          (McReturnStatus status);
McReturnType         mc_return_type_from_string          (const char *str);
const char          *mc_return_type_to_string            (McReturnType type);

/* Words for the seller, translated.  UNKNOWN gives "Other" for the order
 * and return statuses (as a chat status the app does not know), NULL for
 * the others: the caller then shows the API's spelling, or nothing. */
const char          *mc_order_status_get_words           (McOrderStatus status);
const char          *mc_order_substatus_get_words        (McOrderSubstatus substatus);
const char          *mc_order_delivery_type_get_words    (McOrderDeliveryType type);
const char          *mc_order_payment_type_get_words     (McOrderPaymentType type);
const char          *mc_order_payment_method_get_words   (McOrderPaymentMethod method);
const char          *mc_return_status_get_words          (McReturnStatus status);
const char          *mc_return_type_get_words            (McReturnType type);

G_END_DECLS
