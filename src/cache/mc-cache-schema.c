/* mc-cache-schema.c: the tables of the cache, one step per schema version,
 * and the migration of an older file to the current version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mc-cache-private.h"

static const char *schema_v1 =
  "CREATE TABLE chats ("
  "  chat_id INTEGER PRIMARY KEY,"
  "  chat_type TEXT,"
  "  status TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  context_type TEXT,"
  "  campaign_id INTEGER NOT NULL DEFAULT 0,"
  "  order_id INTEGER NOT NULL DEFAULT 0,"
  "  return_id INTEGER NOT NULL DEFAULT 0,"
  "  customer_name TEXT,"
  "  customer_public_id TEXT,"
  "  unread_count INTEGER NOT NULL DEFAULT 0,"
  "  last_message_preview TEXT);"
  "CREATE TABLE messages ("
  "  chat_id INTEGER NOT NULL,"
  "  message_id INTEGER NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  sender TEXT,"
  "  text TEXT,"
  "  PRIMARY KEY (chat_id, message_id)) WITHOUT ROWID;"
  "CREATE TABLE read_markers ("
  "  chat_id INTEGER PRIMARY KEY,"
  "  message_id INTEGER NOT NULL);"
  "CREATE TABLE chat_sync ("
  "  chat_id INTEGER PRIMARY KEY,"
  "  last_message_id INTEGER NOT NULL);"
  "CREATE TABLE drafts ("
  "  chat_id INTEGER PRIMARY KEY,"
  "  text TEXT NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE TABLE outbox ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  chat_id INTEGER NOT NULL,"
  "  text TEXT,"
  "  file_path TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  state INTEGER NOT NULL);"
  "CREATE TABLE sync_state ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT);"
  "PRAGMA user_version = 1;";

/* v2: attachments of messages (version 1 kept only their text). */
static const char *schema_v2 =
  "CREATE TABLE attachments ("
  "  chat_id INTEGER NOT NULL,"
  "  message_id INTEGER NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  url TEXT NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  PRIMARY KEY (chat_id, message_id, position)) WITHOUT ROWID;"
  "PRAGMA user_version = 2;";

/* v3: the stores of the business, so that they show without network. */
static const char *schema_v3 =
  "CREATE TABLE campaigns ("
  "  campaign_id INTEGER PRIMARY KEY,"
  "  position INTEGER NOT NULL,"
  "  domain TEXT,"
  "  business_id INTEGER NOT NULL,"
  "  business_name TEXT,"
  "  placement_type TEXT,"
  "  api_availability TEXT);"
  "PRAGMA user_version = 3;";

/* v4: the response statistics read only the chats changed during their
 * period and the chats waiting for a reply; without these indexes
 * finding either scans every chat. */
static const char *schema_v4 =
  "CREATE INDEX chats_by_update ON chats (updated_at, campaign_id);"
  "CREATE INDEX chats_by_status ON chats (status, campaign_id);"
  "PRAGMA user_version = 4;";

/* v5: the order card's orders and returns, each with when it was fetched,
 * and the seller's reply templates (business_id 0: every cabinet). */
static const char *schema_v5 =
  "CREATE TABLE orders ("
  "  order_id INTEGER PRIMARY KEY,"
  "  data TEXT NOT NULL,"
  "  fetched_at INTEGER NOT NULL);"
  "CREATE TABLE returns ("
  "  return_id INTEGER PRIMARY KEY,"
  "  data TEXT NOT NULL,"
  "  fetched_at INTEGER NOT NULL);"
  "CREATE TABLE templates ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  business_id INTEGER NOT NULL DEFAULT 0,"
  "  campaign_id INTEGER NOT NULL DEFAULT 0,"
  "  title TEXT NOT NULL,"
  "  text TEXT NOT NULL,"
  "  keyword TEXT);"
  "PRAGMA user_version = 5;";

/* v6: the response statistics' summaries, kept by the writes of chats
 * and messages (mc-cache-stats.c), so that a period's statistics read
 * its replies and a count per quarter of an hour instead of every
 * message of the chats active in it: one reply per customer wait, and
 * the customer messages of each store per quarter hour (the finest step
 * of a time zone's offset).  The partial index finds the customer
 * messages of the period's first and last, partly covered, quarters. */
static const char *schema_v6 =
  "CREATE TABLE replies ("
  "  chat_id INTEGER NOT NULL,"
  "  message_id INTEGER NOT NULL,"
  "  campaign_id INTEGER NOT NULL,"
  "  waited_from INTEGER NOT NULL,"
  "  replied_at INTEGER NOT NULL,"
  "  PRIMARY KEY (chat_id, message_id)) WITHOUT ROWID;"
  "CREATE INDEX replies_by_time ON replies (replied_at, campaign_id, waited_from);"
  "CREATE TABLE customer_quarters ("
  "  quarter INTEGER NOT NULL,"
  "  campaign_id INTEGER NOT NULL,"
  "  count INTEGER NOT NULL,"
  "  PRIMARY KEY (quarter, campaign_id)) WITHOUT ROWID;"
  "CREATE TABLE waits ("
  "  chat_id INTEGER PRIMARY KEY,"
  "  since INTEGER NOT NULL);"
  "CREATE INDEX customer_messages_by_time ON messages (created_at) WHERE sender = 'CUSTOMER';"
  "PRAGMA user_version = 6;";

/* v7: what the seller did to a chat on this computer only: pinned it to
 * the top of its views, or marked it unread (the Market has no read
 * state). */
static const char *schema_v7 =
  "CREATE TABLE chat_marks ("
  "  chat_id INTEGER PRIMARY KEY,"
  "  pinned INTEGER NOT NULL DEFAULT 0,"
  "  marked_unread INTEGER NOT NULL DEFAULT 0);"
  "PRAGMA user_version = 7;";

/* v8: the seller's messages this app did not send (see
 * mc_cache_save_message_from_elsewhere()), so that their label survives a
 * restart.  A table of its own rather than a column of messages: saving a
 * message again (INSERT OR REPLACE) would reset a column, and the mark may
 * be written before the message itself. */
static const char *schema_v8 =
  "CREATE TABLE messages_from_elsewhere ("
  "  chat_id INTEGER NOT NULL,"
  "  message_id INTEGER NOT NULL,"
  "  PRIMARY KEY (chat_id, message_id)) WITHOUT ROWID;"
  "PRAGMA user_version = 8;";

static gboolean
read_user_version (McCache  *self,
                   int      *version,
                   GError  **error)
{
  sqlite3_stmt *stmt = mc_cache_query (self, error, "PRAGMA user_version", "");
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *version = sqlite3_column_int (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  return mc_cache_query_end (stmt, rc, "PRAGMA user_version", error);
}

gboolean
mc_cache_migrate (McCache  *self,
                  GError  **error)
{
  static const char **steps[] = { &schema_v1, &schema_v2, &schema_v3, &schema_v4,
                                  &schema_v5, &schema_v6, &schema_v7, &schema_v8 };
  sqlite3 *db = self->db;
  int *version = &self->schema_version;

  if (!read_user_version (self, version, error))
    return FALSE;

  if (*version > MC_CACHE_SCHEMA_VERSION)
    {
      g_set_error (error, MC_CACHE_ERROR, MC_CACHE_ERROR_NEWER,
                   _("The saved chats were written by a newer version of Market Chats (format %d, this version reads %d)"),
                   *version, MC_CACHE_SCHEMA_VERSION);
      return FALSE;
    }

  for (int v = *version; v < MC_CACHE_SCHEMA_VERSION; v++)
    {
      if (!mc_cache_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!mc_cache_exec (db, *steps[v], error) ||
          (v + 1 == 6 && !mc_cache_rebuild_response_summary (self, error)))
        {
          mc_cache_exec (db, "ROLLBACK", NULL);
          return FALSE;
        }
      if (!mc_cache_exec (db, "COMMIT", error))
        return FALSE;
      *version = v + 1;
    }

  return TRUE;
}
