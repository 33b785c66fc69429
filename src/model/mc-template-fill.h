/* mc-template-fill.h: filling a template's variables from the chat and its
 * order card.
 *
 * A variable is {name} or {name|fallback}: {customer}, {order}, {return},
 * {store}, {status}, {delivery_date}, {items}, {total}.  A variable with a
 * value gives the value; one without gives its fallback ("" allowed, as in
 * {customer|}); one with neither, or a name this version does not know,
 * is left in the text as written and reported as an unfilled range, for
 * the composer to highlight and for the seller to fill before sending.
 * Any other brace is plain text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-order.h"
#include "mc-return.h"

G_BEGIN_DECLS

typedef enum
{
  MC_TEMPLATE_VAR_CUSTOMER,
  MC_TEMPLATE_VAR_ORDER,
  MC_TEMPLATE_VAR_RETURN,
  MC_TEMPLATE_VAR_STORE,
  MC_TEMPLATE_VAR_STATUS,
  MC_TEMPLATE_VAR_DELIVERY_DATE,
  MC_TEMPLATE_VAR_ITEMS,
  MC_TEMPLATE_VAR_TOTAL,
  MC_TEMPLATE_N_VARS,
} McTemplateVar;

/* "customer", "delivery_date", ... as written between braces. */
const char *mc_template_var_get_name (McTemplateVar var);

/* What the variables stand for in one chat. */
typedef struct _McTemplateValues McTemplateValues;

McTemplateValues *mc_template_values_new       (void);
void              mc_template_values_free      (McTemplateValues *values);
/* NULL or "" unsets. */
void              mc_template_values_set       (McTemplateValues *values,
                                                McTemplateVar     var,
                                                const char       *value);
const char       *mc_template_values_get       (McTemplateValues *values,
                                                McTemplateVar     var);
/* Sets {order}, {status} (status and substatus in words), {delivery_date},
 * {items} ("2 items: Kettle × 2" with the language's plural forms) and
 * {total} from @order, leaving those it does not know unset. */
void              mc_template_values_set_order (McTemplateValues *values,
                                                McOrder          *order);
/* Sets {return} and {status} (the return's, which a RETURN chat is about)
 * from @ret, and {order} when the return names it. */
void              mc_template_values_set_return (McTemplateValues *values,
                                                 McReturn         *ret);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McTemplateValues, mc_template_values_free)

/* {items} for @items (McOrderItem): "3 items: Kettle × 2, Mug", in the
 * language's plural forms; NULL for none. */
char             *mc_template_format_items     (GPtrArray        *items);

typedef struct
{
  char  *name;        /* the variable as written, without braces: "customer", "sale" */
  gsize  start;       /* in characters of the filled text */
  gsize  end;         /* exclusive */
  gsize  start_byte;
  gsize  end_byte;
} McTemplateGap;

typedef struct
{
  char   *text;       /* the filled text */
  GArray *gaps;       /* McTemplateGap, in order; empty when all is filled */
} McTemplateFill;

/* Never fails; @values may be NULL (nothing known). */
McTemplateFill   *mc_template_fill             (const char             *text,
                                                const McTemplateValues *values);
void              mc_template_fill_free        (McTemplateFill         *fill);
/* Every variable of @text, with or without a fallback, as McTemplateGap
 * in @text's own offsets (freeing the array frees the names): what must
 * not be sent as written. */
GArray           *mc_template_find_variables   (const char             *text);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McTemplateFill, mc_template_fill_free)

G_END_DECLS
