/* mc-outbox-confirm.c: how McOutbox confirms a send: it waits until a
 * PARTNER message with its text shows up in history, and a send an earlier
 * run (or a lost answer) left unsettled is reconciled the same way
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mc-outbox-private.h"

/* Confirming sends.  A send that went out (or may have) waits here until a
 * PARTNER message with its text shows up in history. */

void
mc_outbox_unconfirmed_free (gpointer data)
{
  Unconfirmed *u = data;

  g_free (u->text);
  g_clear_object (&u->messages);
  g_clear_object (&u->pending);
  g_free (u);
}

Unconfirmed *
mc_outbox_find_unconfirmed (McOutbox *self,
                            guint64   serial)
{
  for (guint i = 0; i < self->unconfirmed->len; i++)
    {
      Unconfirmed *u = g_ptr_array_index (self->unconfirmed, i);

      if (u->serial == serial)
        return u;
    }

  return NULL;
}

static Unconfirmed *
find_unconfirmed_outbox (McOutbox *self,
                         gint64    outbox_id)
{
  for (guint i = 0; i < self->unconfirmed->len; i++)
    {
      Unconfirmed *u = g_ptr_array_index (self->unconfirmed, i);

      if (u->outbox_id == outbox_id)
        return u;
    }

  return NULL;
}

/* What the Market keeps of a text: it trims it and turns CR LF and CR
 * into LF, so a send is recognised by that, not byte for byte. */
static char *
normalize_text (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *start, *end;

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          g_string_append_c (out, '\n');
          if (p[1] == '\n')
            p++;
        }
      else
        g_string_append_c (out, *p);
    }

  start = out->str;
  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = out->str + out->len;
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);

      if (prev == NULL || !g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  return g_strndup (start, end - start);
}

gboolean
mc_outbox_texts_match (const char *a,
                       const char *b)
{
  g_autofree char *na = NULL;
  g_autofree char *nb = NULL;

  if (a == NULL || b == NULL)
    return a == b;

  na = normalize_text (a);
  nb = normalize_text (b);

  return strcmp (na, nb) == 0;
}

static gboolean
message_matches (McMessage   *message,
                 Unconfirmed *u)
{
  if (mc_message_get_sender (message) != MC_SENDER_PARTNER ||
      mc_message_get_created_at (message) < u->not_before)
    return FALSE;

  if (!u->is_file)
    return mc_outbox_texts_match (mc_message_get_text (message), u->text);

  {
    GListModel *attachments = mc_message_get_attachments (message);
    guint n = g_list_model_get_n_items (attachments);

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(McAttachment) attachment = g_list_model_get_item (attachments, i);

        if (g_strcmp0 (mc_attachment_get_name (attachment), u->text) == 0)
          return TRUE;
      }
  }

  return FALSE;
}

/* Newest first, so the send matches its own message and not an older one
 * with the same words. */
static McMessage *
find_confirmation (McOutbox    *self,
                   Unconfirmed *u)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (u->messages));

  for (guint i = n; i > 0; i--)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (G_LIST_MODEL (u->messages), i - 1);
      gint64 id = mc_message_get_message_id (message);

      if (id == 0)
        continue;
      if (mc_message_get_created_at (message) < u->not_before)
        break;
      if (!g_hash_table_contains (self->claimed_ids, &id) && message_matches (message, u))
        return g_steal_pointer (&message);
    }

  return NULL;
}

void
mc_outbox_confirm (McOutbox *self,
                   gint64    chat_id)
{
  g_return_if_fail (MC_IS_OUTBOX (self));

  for (guint i = 0; i < self->unconfirmed->len;)
    {
      Unconfirmed *u = g_ptr_array_index (self->unconfirmed, i);
      g_autoptr(McMessage) confirmed = NULL;
      gint64 id;

      if (u->chat_id != chat_id || (confirmed = find_confirmation (self, u)) == NULL)
        {
          i++;
          continue;
        }

      id = mc_message_get_message_id (confirmed);
      g_hash_table_add (self->claimed_ids, g_memdup2 (&id, sizeof id));
      if (u->pending != NULL)
        mc_message_store_confirm_pending (u->messages, u->pending, confirmed);
      if (u->outbox_id != 0 && self->cache != NULL)
        mc_cache_outbox_remove (self->cache, u->outbox_id);
      g_ptr_array_remove_index (self->unconfirmed, i);
    }

  mc_outbox_release_bubbles (self);
}

/* A pending bubble's text or file name, as the Market will show it. */
static gboolean
bubble_matches (McMessage *bubble,
                McMessage *message)
{
  GListModel *attachments = mc_message_get_attachments (bubble);

  if (g_list_model_get_n_items (attachments) > 0)
    {
      g_autoptr(McAttachment) attachment = g_list_model_get_item (attachments, 0);
      Unconfirmed u = { .text = (char *) mc_attachment_get_name (attachment), .is_file = TRUE,
                        .not_before = G_MININT64 };

      return message_matches (message, &u);
    }

  return mc_outbox_texts_match (mc_message_get_text (bubble), mc_message_get_text (message));
}

gboolean
mc_outbox_is_own (McOutbox  *self,
                  McMessage *message)
{
  gint64 id, chat_id;
  GListModel *bubbles;

  g_return_val_if_fail (MC_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (MC_IS_MESSAGE (message), FALSE);

  id = mc_message_get_message_id (message);
  chat_id = mc_message_get_chat_id (message);
  if (g_hash_table_contains (self->claimed_ids, &id))
    return TRUE;

  /* Sent, or going out, but not confirmed yet: history may show it before
   * the Market's answer to the send arrives. */
  for (guint i = 0; i < self->unconfirmed->len; i++)
    {
      Unconfirmed *u = g_ptr_array_index (self->unconfirmed, i);

      if (u->chat_id == chat_id && message_matches (message, u))
        return TRUE;
    }

  bubbles = g_hash_table_lookup (self->bubble_stores, &chat_id);
  if (bubbles != NULL)
    {
      guint n = g_list_model_get_n_items (bubbles);

      for (guint i = n; i > 0; i--)
        {
          g_autoptr(McMessage) bubble = g_list_model_get_item (bubbles, i - 1);

          if (mc_message_get_message_id (bubble) != 0)
            break;
          if (bubble_matches (bubble, message))
            return TRUE;
        }
    }

  return FALSE;
}

Unconfirmed *
mc_outbox_unconfirmed_add (McOutbox   *self,
                           gint64      chat_id,
                           const char *text,
                           gboolean    is_file,
                           gint64      created_at,
                           McMessage  *pending)
{
  Unconfirmed *u = g_new0 (Unconfirmed, 1);

  u->serial = ++self->next_serial;
  u->chat_id = chat_id;
  u->text = g_strdup (text);
  u->is_file = is_file;
  u->not_before = created_at - MC_OUTBOX_CLOCK_SKEW_USEC;
  u->messages = mc_chat_store_get_messages (self->store, chat_id);
  u->pending = pending ? g_object_ref (pending) : NULL;
  g_ptr_array_add (self->unconfirmed, u);

  return u;
}

/* Reconciling: an outbox entry an earlier run (or a send whose answer
 * was lost) left behind is settled by what history shows. */

typedef struct
{
  McOutboxEntry *entry;
  guint64        serial;
} Reconcile;

static void
reconcile_free (Reconcile *rec)
{
  mc_outbox_entry_free (rec->entry);
  g_free (rec);
}

/* History came for a send of an earlier run (or one the network ate): if
 * it did not confirm the entry, the entry never reached the Market. */
static void
on_reconcile_history (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  McOutbox *self = MC_OUTBOX (object);
  Reconcile *rec = user_data;
  g_autoptr(GError) error = NULL;
  Unconfirmed *u;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_debug ("Outbox entry %" G_GINT64_FORMAT " stays unsettled: %s", rec->entry->id, error->message);
      if (mc_outbox_alive (self))
        self->unsettled = TRUE;
      reconcile_free (rec);
      return;
    }

  u = mc_outbox_find_unconfirmed (self, rec->serial);
  if (u != NULL && self->cache != NULL)
    {
      g_debug ("Outbox entry %" G_GINT64_FORMAT " was not sent", rec->entry->id);
      if (u->pending != NULL)
        {
          mc_message_set_state (u->pending, MC_MESSAGE_STATE_FAILED);
          mc_message_set_error (u->pending, _("The message did not reach the Market"));
        }
      g_ptr_array_remove (self->unconfirmed, u);
      mc_cache_outbox_set_state (self->cache, rec->entry->id, MC_OUTBOX_STATE_FAILED);
      mc_outbox_emit_failed (self, rec->entry->chat_id,
                             rec->entry->text != NULL ? rec->entry->text : rec->entry->file_path);
    }

  reconcile_free (rec);
}

static void
reconcile_entry (McOutbox            *self,
                 const McOutboxEntry *entry)
{
  g_autofree char *name = NULL;
  g_autoptr(GTask) task = NULL;
  Reconcile *rec;
  Unconfirmed *u;

  u = find_unconfirmed_outbox (self, entry->id);
  if (u == NULL)
    {
      g_autoptr(McMessage) bubble = mc_outbox_bubble (self, entry);

      if (entry->file_path != NULL)
        name = g_path_get_basename (entry->file_path);
      u = mc_outbox_unconfirmed_add (self, entry->chat_id,
                                     entry->text != NULL ? entry->text : name,
                                     entry->file_path != NULL, entry->created_at, bubble);
      u->outbox_id = entry->id;
    }

  rec = g_new0 (Reconcile, 1);
  rec->entry = mc_outbox_entry_copy (entry);
  rec->serial = u->serial;

  task = g_task_new (self, NULL, on_reconcile_history, rec);
  g_task_set_source_tag (task, reconcile_entry);
  mc_outbox_request_history (self, entry->chat_id, task);
}

gboolean
mc_outbox_reconcile (McOutbox  *self,
                     gboolean   at_start,
                     GError   **error)
{
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (MC_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->cache == NULL || !mc_outbox_alive (self))
    return TRUE;

  entries = mc_cache_list_outbox (self->cache, error);
  if (entries == NULL)
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      McOutboxEntry *entry = g_ptr_array_index (entries, i);
      const char *what = entry->text != NULL ? entry->text : entry->file_path;

      switch (entry->state)
        {
        case MC_OUTBOX_STATE_QUEUED:
          /* Never handed to the network: it goes out now, as the seller
           * asked before the app stopped or while it was offline.  (Other
           * QUEUED entries are sends about to be handed over.) */
          if ((at_start || g_hash_table_remove (self->held, &entry->id)) &&
              !g_hash_table_contains (self->sending, &entry->id))
            mc_outbox_resume_entry (self, entry);
          break;

        case MC_OUTBOX_STATE_FAILED:
          if (at_start)
            {
              g_autoptr(McMessage) bubble = mc_outbox_bubble (self, entry);

              /* A bubble with Retry and Edit, never text put back into
               * the composer, where it could be sent twice. */
              mc_message_set_state (bubble, MC_MESSAGE_STATE_FAILED);
              if (mc_message_get_error (bubble) == NULL)
                mc_message_set_error (bubble, _("The message did not reach the Market"));
              mc_outbox_emit_failed (self, entry->chat_id, what);
            }
          break;

        case MC_OUTBOX_STATE_SENDING:
          if (!g_hash_table_contains (self->sending, &entry->id))
            reconcile_entry (self, entry);
          break;

        default:
          break;
        }
    }

  return TRUE;
}
