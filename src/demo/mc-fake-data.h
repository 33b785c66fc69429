/* mc-fake-data.h: the generated cabinets, stores, chats and messages behind
 * McFakeMarket.  Private to src/demo/; not thread-safe (the market holds its
 * lock around every call).
 *
 * Everything derives from the seed with an own PRNG, so the same seed gives
 * the same data.  Chats are compact; their messages are generated from a
 * per-chat seed on first access, so 100,000 chats cost a few megabytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mc-enums.h"

G_BEGIN_DECLS

#define MC_FAKE_N_BUSINESSES 2
#define MC_FAKE_N_CAMPAIGNS  3
#define MC_FAKE_MAX_MESSAGE  4096
#define MC_FAKE_MAX_FILE     (5 * 1024 * 1024)

typedef struct
{
  gint64      id;
  const char *name;
} McFakeBusiness;

typedef struct
{
  gint64          id;
  guint           business;   /* index into businesses */
  McPlacementType placement;
  const char     *domain;
} McFakeCampaign;

typedef struct
{
  gint64  id;
  guint   business;
  char   *name;
  char   *content_type;
  guint   size;
  guint64 seed;       /* generated contents */
  GBytes *data;       /* uploaded contents, or NULL */
} McFakeFile;

typedef struct
{
  gint64     id;
  gint64     created_at;   /* µs since the epoch */
  McSender   sender;
  char      *text;         /* NULL: attachment only, or a sticker */
  GPtrArray *files;        /* McFakeFile, owned by McFakeData; NULL = none */
} McFakeMessage;

typedef struct
{
  gint64     id;
  gint64     order_id;     /* 0 = none */
  gint64     return_id;
  gint64     campaign_id;
  gint64     created_at;
  gint64     updated_at;
  guint64    seed;
  guint64    key;          /* the server's own order */
  guint8     business;
  guint8     context_type; /* McContextType */
  guint8     type;         /* McChatType */
  guint8     status;       /* McChatStatus */
  GPtrArray *messages;     /* McFakeMessage, oldest first; NULL until needed */
} McFakeChat;

/* Filters of getChats; a zero mask or NULL array means "any". */
typedef struct
{
  guint   statuses;        /* bit (1 << McChatStatus) */
  guint   types;
  guint   context_types;
  GArray *contexts;        /* McFakeContextRef */
  GArray *order_ids;       /* gint64 */
} McFakeChatFilter;

typedef struct
{
  McContextType type;      /* ORDER or RETURN */
  gint64        id;
} McFakeContextRef;

typedef struct _McFakeData McFakeData;

McFakeData           *mc_fake_data_new              (guint64           seed,
                                                     guint             n_chats,
                                                     gint64            now_usec);
void                  mc_fake_data_free             (McFakeData       *data);
void                  mc_fake_data_set_base_url     (McFakeData       *data,
                                                     const char       *base_url);

const McFakeBusiness *mc_fake_data_get_business     (McFakeData       *data,
                                                     guint             index);
/* The index of the business with @id, or -1. */
int                   mc_fake_data_find_business    (McFakeData       *data,
                                                     gint64            id);
const McFakeCampaign *mc_fake_data_get_campaign     (McFakeData       *data,
                                                     guint             index);
guint                 mc_fake_data_get_chat_count   (McFakeData       *data,
                                                     guint             business);

McFakeChat           *mc_fake_data_find_chat        (McFakeData       *data,
                                                     gint64            chat_id);
McFakeChat           *mc_fake_data_find_chat_by_status (McFakeData    *data,
                                                     guint             business,
                                                     McChatStatus      status);
McFakeChat           *mc_fake_data_find_chat_by_context (McFakeData   *data,
                                                     guint             business,
                                                     McContextType     type,
                                                     gint64            id);
/* The ORDER or RETURN chat of @business about @order_id, or NULL. */
McFakeChat           *mc_fake_data_find_chat_by_order (McFakeData    *data,
                                                     guint             business,
                                                     gint64            order_id);
/* Every chat, by ascending id. */
guint                 mc_fake_data_get_n_chats      (McFakeData       *data);
McFakeChat           *mc_fake_data_get_nth_chat     (McFakeData       *data,
                                                     guint             index);
/* A chat chosen with the data's own PRNG, for the simulated customer. */
McFakeChat           *mc_fake_data_pick_chat        (McFakeData       *data);
guint64               mc_fake_data_next_random      (McFakeData       *data);

/* Up to @limit chats of @business matching @filter, in the server's order,
 * after the chat with key @after (0 = from the start).  *@more is TRUE when
 * more matching chats follow. */
GPtrArray            *mc_fake_data_list_chats       (McFakeData             *data,
                                                     guint                   business,
                                                     const McFakeChatFilter *filter,
                                                     guint64                 after,
                                                     guint                   limit,
                                                     gboolean               *more);

/* Generates the messages of @chat on first use. */
GPtrArray            *mc_fake_data_get_messages     (McFakeData       *data,
                                                     McFakeChat       *chat);
McFakeMessage        *mc_fake_data_find_message     (McFakeData       *data,
                                                     McFakeChat       *chat,
                                                     gint64            message_id);
/* Appends a message (new id, @created_at 0 = now), moves updatedAt and the
 * status the way the Market does for @sender.  @file is NULL or taken. */
McFakeMessage        *mc_fake_data_append_message   (McFakeData       *data,
                                                     McFakeChat       *chat,
                                                     McSender          sender,
                                                     const char       *text,
                                                     McFakeFile       *file,
                                                     gint64            created_at);
McFakeChat           *mc_fake_data_add_chat         (McFakeData       *data,
                                                     guint             business,
                                                     McContextType     type,
                                                     gint64            context_id);
/* A random customer line for the simulated customer. */
const char           *mc_fake_data_random_customer_text (McFakeData   *data);

McFakeFile           *mc_fake_file_new_uploaded     (guint             business,
                                                     const char       *name,
                                                     const char       *content_type,
                                                     GBytes           *data);
McFakeFile           *mc_fake_data_find_file        (McFakeData       *data,
                                                     gint64            file_id);
GBytes               *mc_fake_file_get_contents     (McFakeFile       *file);

JsonNode             *mc_fake_data_chat_to_json     (McFakeData       *data,
                                                     McFakeChat       *chat);
JsonNode             *mc_fake_data_context_to_json  (McFakeData       *data,
                                                     McFakeChat       *chat);
JsonNode             *mc_fake_data_message_to_json  (McFakeData       *data,
                                                     McFakeMessage    *message);
/* ISO 8601 in Moscow time, as the API writes dates. */
char                 *mc_fake_format_date           (gint64            usec);

guint64               mc_fake_mix64                 (guint64           x);

G_END_DECLS
