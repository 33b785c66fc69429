/* mc-chat-store-notify.c: the notification state of chats (muted, a
 * reminder asked for, the overdue episode announced), kept in the
 * key/value sync state of each cabinet's cache as "notify-<kind>" =
 * "<chat id>=<value>,...": a handful of chats each, so no table of its
 * own and no schema step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "mc-chat-store-private.h"

#define MUTED_KIND "muted"

static char *
marks_key (const char *kind)
{
  return g_strconcat ("notify-", kind, NULL);
}

static GHashTable *
load_marks (McCache    *cache,
            const char *kind)
{
  GHashTable *marks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autofree char *key = marks_key (kind);
  g_autofree char *value = mc_cache_dup_sync_state (cache, key);
  g_auto(GStrv) pairs = NULL;

  if (value == NULL)
    return marks;

  pairs = g_strsplit (value, ",", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *end = NULL;
      gint64 chat_id = g_ascii_strtoll (pairs[i], &end, 10);
      gint64 mark;

      if (chat_id <= 0 || end == NULL || *end != '=')
        continue;
      mark = g_ascii_strtoll (end + 1, NULL, 10);
      if (mark == 0)
        continue;
      g_hash_table_insert (marks, g_memdup2 (&chat_id, sizeof chat_id),
                           g_memdup2 (&mark, sizeof mark));
    }

  return marks;
}

static void
save_marks (McCache    *cache,
            const char *kind,
            GHashTable *marks)
{
  g_autofree char *key = marks_key (kind);
  g_autoptr(GString) value = g_string_new (NULL);
  GHashTableIter iter;
  gpointer chat_id, mark;

  g_hash_table_iter_init (&iter, marks);
  while (g_hash_table_iter_next (&iter, &chat_id, &mark))
    g_string_append_printf (value, "%s%" G_GINT64_FORMAT "=%" G_GINT64_FORMAT,
                            value->len > 0 ? "," : "", *(gint64 *) chat_id, *(gint64 *) mark);

  mc_cache_set_sync_state (cache, key, value->len > 0 ? value->str : NULL);
}

static McCache *
cache_of_chat (McChatStore *self,
               gint64       chat_id)
{
  McChat *chat = mc_chat_store_lookup (self, chat_id);

  if (chat == NULL)
    return NULL;

  return mc_chat_store_get_cache (self, mc_chat_get_business_id (chat));
}

gint64
mc_chat_store_get_mark (McChatStore *self,
                        gint64       chat_id,
                        const char  *kind)
{
  g_autoptr(GHashTable) marks = NULL;
  McCache *cache;
  gint64 *mark;

  g_return_val_if_fail (MC_IS_CHAT_STORE (self), 0);
  g_return_val_if_fail (kind != NULL, 0);

  if ((cache = cache_of_chat (self, chat_id)) == NULL)
    return 0;

  marks = load_marks (cache, kind);
  mark = g_hash_table_lookup (marks, &chat_id);

  return mark != NULL ? *mark : 0;
}

void
mc_chat_store_set_mark (McChatStore *self,
                        gint64       chat_id,
                        const char  *kind,
                        gint64       value)
{
  g_autoptr(GHashTable) marks = NULL;
  McCache *cache;
  gint64 *mark;

  g_return_if_fail (MC_IS_CHAT_STORE (self));
  g_return_if_fail (kind != NULL);

  if ((cache = cache_of_chat (self, chat_id)) == NULL)
    return;

  marks = load_marks (cache, kind);
  mark = g_hash_table_lookup (marks, &chat_id);
  if ((mark != NULL && *mark == value) || (mark == NULL && value == 0))
    return;

  if (value == 0)
    g_hash_table_remove (marks, &chat_id);
  else
    g_hash_table_insert (marks, g_memdup2 (&chat_id, sizeof chat_id),
                         g_memdup2 (&value, sizeof value));
  save_marks (cache, kind, marks);
}

GHashTable *
mc_chat_store_list_marks (McChatStore *self,
                          gint64       business_id,
                          const char  *kind)
{
  McCache *cache;

  g_return_val_if_fail (MC_IS_CHAT_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  if ((cache = mc_chat_store_get_cache (self, business_id)) == NULL)
    return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  return load_marks (cache, kind);
}

gboolean
mc_chat_store_get_muted (McChatStore *self,
                         gint64       chat_id)
{
  McChat *chat;

  g_return_val_if_fail (MC_IS_CHAT_STORE (self), FALSE);

  chat = mc_chat_store_lookup (self, chat_id);

  return chat != NULL && mc_chat_get_muted (chat);
}

void
mc_chat_store_set_muted (McChatStore *self,
                         gint64       chat_id,
                         gboolean     muted)
{
  McChat *chat;

  g_return_if_fail (MC_IS_CHAT_STORE (self));

  if ((chat = mc_chat_store_lookup (self, chat_id)) == NULL)
    return;

  mc_chat_set_muted (chat, muted);
  mc_chat_store_set_mark (self, chat_id, MUTED_KIND, muted ? 1 : 0);
}

void
mc_chat_store_apply_muted (McChatStore *self,
                           McCache     *cache)
{
  g_autoptr(GHashTable) marks = load_marks (cache, MUTED_KIND);
  GHashTableIter iter;
  gpointer chat_id;

  g_hash_table_iter_init (&iter, marks);
  while (g_hash_table_iter_next (&iter, &chat_id, NULL))
    {
      McChat *chat = mc_chat_store_lookup (self, *(gint64 *) chat_id);

      if (chat != NULL)
        mc_chat_set_muted (chat, TRUE);
    }
}
