/* mc-outbox-private.h: what the files of McOutbox share: its state, the
 * sends waiting for history, and the bubbles of entries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-outbox.h"

G_BEGIN_DECLS

/* Clocks of the app and of the Market differ: a send is looked for among
 * messages from a minute before it was recorded. */
#define MC_OUTBOX_CLOCK_SKEW_USEC (G_USEC_PER_SEC * G_GINT64_CONSTANT (60))

struct _McOutbox
{
  GObject              parent_instance;

  McChatStore         *store;
  McApiClient         *client;
  McCache             *cache;        /* nullable */
  gint64               business_id;
  gboolean             online;
  gboolean             closed;
  /* A send whose fate the Market could not tell yet: settled once it
   * answers again. */
  gboolean             unsettled;

  McOutboxHistoryFunc  history_func;
  gpointer             history_data;
  GDestroyNotify       history_destroy;

  GPtrArray           *unconfirmed;   /* Unconfirmed */
  guint64              next_serial;
  GHashTable          *claimed_ids;   /* gint64 ids that confirmed a send */
  GHashTable          *sending;       /* gint64 outbox ids of sends in flight */
  /* chat id -> McMessageStore holding pending or failed bubbles: the chat
   * store keeps a message store only while someone holds it, and a bubble
   * must outlive the conversation that showed it. */
  GHashTable          *bubble_stores;
  /* gint64 outbox ids of sends made without a network, left QUEUED to go
   * out when it is back. */
  GHashTable          *held;
};

/* A send waiting to be confirmed by history. */
typedef struct
{
  guint64         serial;
  gint64          chat_id;
  gint64          outbox_id;  /* removed from the cache once confirmed; 0 = none */
  char           *text;       /* or the file's name */
  gboolean        is_file;
  gint64          not_before; /* created_at minus the clock skew */
  McMessageStore *messages;
  McMessage      *pending;    /* nullable: an outbox entry from an earlier run */
} Unconfirmed;

/* mc-outbox.c */
gboolean     mc_outbox_alive                   (McOutbox            *self);
void         mc_outbox_request_history         (McOutbox            *self,
                                                gint64               chat_id,
                                                GTask               *waiter);
void         mc_outbox_emit_failed             (McOutbox            *self,
                                                gint64               chat_id,
                                                const char          *text);
McMessage   *mc_outbox_bubble                  (McOutbox            *self,
                                                const McOutboxEntry *entry);
void         mc_outbox_release_bubbles         (McOutbox            *self);
void         mc_outbox_resume_entry            (McOutbox            *self,
                                                const McOutboxEntry *entry);

/* mc-outbox-confirm.c */
void         mc_outbox_unconfirmed_free        (gpointer             data);
Unconfirmed *mc_outbox_unconfirmed_add         (McOutbox            *self,
                                                gint64               chat_id,
                                                const char          *text,
                                                gboolean             is_file,
                                                gint64               created_at,
                                                McMessage           *pending);
Unconfirmed *mc_outbox_find_unconfirmed        (McOutbox            *self,
                                                guint64              serial);

G_END_DECLS
