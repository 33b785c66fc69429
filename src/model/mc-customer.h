/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MC_TYPE_CUSTOMER (mc_customer_get_type ())
G_DECLARE_FINAL_TYPE (McCustomer, mc_customer, MC, CUSTOMER, GObject)

/* Properties: "name" (string, nullable), "public-id" (string, nullable). */
McCustomer *mc_customer_new           (const char *name,
                                       const char *public_id);
const char *mc_customer_get_name      (McCustomer *self);
void        mc_customer_set_name      (McCustomer *self,
                                       const char *name);
const char *mc_customer_get_public_id (McCustomer *self);
void        mc_customer_set_public_id (McCustomer *self,
                                       const char *public_id);
/* Copies the values of @other into @self, notifying only what changed. */
void        mc_customer_update_from   (McCustomer *self,
                                       McCustomer *other);
/* TRUE when both hold the same values (NULL-safe). */
gboolean    mc_customer_equal         (McCustomer *a,
                                       McCustomer *b);

G_END_DECLS
