/* mc-sync-history.c: history fetching of McSyncEngine: one fetch per
 * chat at a time, newer messages from the last id held, older ones walked
 * from the start, deduplicated and sorted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-sync-engine-private.h"

/* History.  One fetch per chat at a time: a request for a chat already
 * being fetched runs once more afterwards, from the new last id. */

typedef struct
{
  Cab       *cab;
  gint64     chat_id;
  gint64     threshold;   /* for a chat with no history yet: newer customer messages are new */
  gboolean   again;
  gboolean   queued;
  gboolean   running;
  GPtrArray *waiters;     /* GTask, answered TRUE/error when the fetch ends */
} HistoryJob;

void
mc_sync_history_job_free (gpointer data)
{
  HistoryJob *job = data;

  g_clear_pointer (&job->waiters, g_ptr_array_unref);
  g_free (job);
}

/* @urgent: the seller waits for it (an opened chat, a send), so it goes
 * before backfill. */
void
mc_sync_history_request (Cab      *cab,
                         gint64    chat_id,
                         gint64    threshold,
                         GTask    *waiter,
                         gboolean  urgent)
{
  HistoryJob *job = g_hash_table_lookup (cab->history, &chat_id);

  if (job == NULL)
    {
      job = g_new0 (HistoryJob, 1);
      job->cab = cab;
      job->chat_id = chat_id;
      job->waiters = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (cab->history, g_memdup2 (&chat_id, sizeof chat_id), job);
    }

  job->threshold = MAX (job->threshold, threshold);
  if (waiter != NULL)
    g_ptr_array_add (job->waiters, g_object_ref (waiter));

  if (job->running)
    job->again = TRUE;
  else if (!job->queued)
    {
      job->queued = TRUE;
      if (urgent)
        g_queue_push_head (&cab->history_queue, job);
      else
        g_queue_push_tail (&cab->history_queue, job);
    }

  mc_sync_history_pump (cab);
}

static gboolean
is_news_sender (McSender sender)
{
  return sender == MC_SENDER_CUSTOMER || sender == MC_SENDER_MARKET || sender == MC_SENDER_SUPPORT;
}

static void
history_process (Cab           *cab,
                 HistoryJob    *job,
                 McHistoryPage *page)
{
  McSyncEngine *self = cab->engine;
  gint64 last_id = mc_chat_store_get_last_message_id (self->store, job->chat_id);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  McChat *chat;

  /* Ids only grow, and a message held by moderation arrives with an old
   * date but a new id: the id, not the date, says what is new.  A first
   * fetch (no id yet) is backfill, where only what came after the chat's
   * previous updatedAt is news. */
  for (guint i = 0; i < page->messages->len; i++)
    {
      McMessage *message = g_ptr_array_index (page->messages, i);
      gint64 id = mc_message_get_message_id (message);
      gboolean is_new;

      /* The Market and its support write decisions and approvals: news
       * as much as a customer's words. */
      if (cab->initial || !is_news_sender (mc_message_get_sender (message)) ||
          g_hash_table_contains (self->announced_messages, &id))
        continue;

      if (last_id != 0)
        is_new = id > last_id;
      else
        is_new = job->threshold != 0 && mc_message_get_created_at (message) > job->threshold;

      if (is_new)
        {
          g_hash_table_add (self->announced_messages, g_memdup2 (&id, sizeof id));
          g_ptr_array_add (fresh, message);
        }
    }

  mc_chat_store_merge_messages (self->store, job->chat_id, page->messages);

  if (last_id == 0)
    {
      g_autoptr(McMessageStore) messages = mc_chat_store_get_messages (self->store, job->chat_id);

      /* Fetched from the very start: nothing older exists. */
      mc_message_store_set_has_older (messages, FALSE);
    }

  mc_outbox_confirm (cab->outbox, job->chat_id);

  chat = mc_chat_store_lookup (self->store, job->chat_id);
  if (chat == NULL)
    return;

  /* A first fetch is backfill: who wrote those, no one can tell.  After
   * it, a seller's message none of this app's sends explains came from
   * the web cabinet, another operator or another copy of the app. */
  if (last_id != 0)
    for (guint i = 0; i < page->messages->len; i++)
      {
        McMessage *message = g_ptr_array_index (page->messages, i);

        if (mc_message_get_sender (message) == MC_SENDER_PARTNER &&
            mc_message_get_message_id (message) > last_id &&
            !mc_outbox_is_own (cab->outbox, message))
          mc_chat_store_note_replied_elsewhere (self->store, job->chat_id, message);
      }

  for (guint i = 0; i < fresh->len; i++)
    mc_sync_emit_new_message (self, chat, g_ptr_array_index (fresh, i));
}

typedef struct
{
  Cab        *cab;
  HistoryJob *job;
} HistoryCall;

static void
on_history (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  HistoryCall *call = user_data;
  g_autoptr(Cab) cab = call->cab;
  HistoryJob *job = call->job;
  g_autoptr(McHistoryPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) waiters = NULL;
  McSyncEngine *self = cab->engine;
  gint64 chat_id = job->chat_id;

  g_free (call);
  page = mc_api_client_get_all_history_finish (MC_API_CLIENT (object), result, &error);

  cab->history_running--;
  job->running = FALSE;
  if (self != NULL)
    mc_sync_busy_pop (self);

  if (page != NULL && cab_alive (cab))
    history_process (cab, job, page);
  else if (error != NULL)
    mc_sync_report_error (cab, error);

  if (job->again && page != NULL && cab_alive (cab))
    {
      job->again = FALSE;
      job->queued = TRUE;
      g_queue_push_tail (&cab->history_queue, job);
    }
  else
    {
      waiters = g_steal_pointer (&job->waiters);
      g_hash_table_remove (cab->history, &chat_id);
    }

  mc_sync_history_pump (cab);

  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (page != NULL)
        g_task_return_boolean (task, TRUE);
      else if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 _("The cabinet was removed"));
    }
}

static void
history_start (Cab        *cab,
               HistoryJob *job)
{
  McSyncEngine *self = cab->engine;
  gint64 from = mc_chat_store_get_last_message_id (self->store, job->chat_id);
  HistoryCall *call = g_new0 (HistoryCall, 1);

  job->running = TRUE;
  job->queued = FALSE;
  cab->history_running++;
  mc_sync_busy_push (self);

  call->cab = cab_ref (cab);
  call->job = job;
  mc_api_client_get_all_history_async (cab_client (cab), cab_business_id (cab), job->chat_id,
                                       from, cab->cancellable, on_history, call);
}

void
mc_sync_history_pump (Cab *cab)
{
  if (!cab_alive (cab))
    return;

  /* During a 420 pause only what someone waits for goes out (to be told
   * of the pause at once), and during the first sweep, which wants every
   * slot, only that goes before backfill; the rest waits. */
  if (mc_sync_method_paused (cab, MC_API_METHOD_GET_CHAT_HISTORY) || (cab->initial && cab->sweep != NULL))
    {
      for (GList *l = cab->history_queue.head; l != NULL;)
        {
          GList *next = l->next;
          HistoryJob *job = l->data;

          if (job->waiters->len > 0)
            {
              g_queue_delete_link (&cab->history_queue, l);
              history_start (cab, job);
            }
          l = next;
        }
      return;
    }

  while (cab->history_running < HISTORY_CONCURRENCY && !g_queue_is_empty (&cab->history_queue))
    history_start (cab, g_queue_pop_head (&cab->history_queue));
}

/* Queued jobs never run now: answer who waits for them. */
void
mc_sync_history_abort (Cab *cab)
{
  g_autoptr(GList) jobs = NULL;

  jobs = g_hash_table_get_values (cab->history);
  for (GList *l = jobs; l != NULL; l = l->next)
    {
      HistoryJob *job = l->data;

      if (job->running)
        continue;

      for (guint i = 0; i < job->waiters->len; i++)
        g_task_return_new_error (g_ptr_array_index (job->waiters, i),
                                 G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 _("The cabinet was removed"));
      g_ptr_array_set_size (job->waiters, 0);
    }
  g_queue_clear (&cab->history_queue);
}

/* Opening a chat and older history */

void
mc_sync_engine_sync_chat (McSyncEngine *self,
                          gint64        chat_id)
{
  Cab *cab;

  g_return_if_fail (MC_IS_SYNC_ENGINE (self));

  cab = mc_sync_find_cab_for_chat (self, chat_id);
  if (cab == NULL || !self->online)
    return;

  mc_sync_history_request (cab, chat_id, 0, NULL, TRUE);
}

/* History pages only go forward from messageIdFrom, so there is no asking
 * for "the page before message X".  Loading older messages walks the pages
 * from the start of the chat and keeps every message older than the first
 * one held, so one load brings the whole beginning and "has-older" turns
 * FALSE.  The order of messages across and within pages is the server's
 * own (newest first, as it happens): a page holding a newer message says
 * nothing of the pages after it, so the walk goes to the end, and what it
 * keeps is deduplicated and sorted by messageId. */

typedef struct
{
  Cab            *cab;
  gint64          chat_id;
  gint64          first_id;
  McMessageStore *messages;
  GPtrArray      *older;
  McApiPager      pager;
} Older;

static int
compare_message_ids (gconstpointer a,
                     gconstpointer b)
{
  gint64 ia = mc_message_get_message_id (*(McMessage **) a);
  gint64 ib = mc_message_get_message_id (*(McMessage **) b);

  return (ia > ib) - (ia < ib);
}

static void
older_free (gpointer data)
{
  Older *older = data;

  cab_unref (older->cab);
  g_clear_object (&older->messages);
  g_clear_pointer (&older->older, g_ptr_array_unref);
  mc_api_pager_clear (&older->pager);
  g_free (older);
}

static void
on_older_page (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McSyncEngine *self = g_task_get_source_object (task);
  Older *older = g_task_get_task_data (task);
  g_autoptr(McHistoryPage) page = NULL;
  GError *error = NULL;
  McApiPagerStep step;

  page = mc_api_client_get_history_finish (MC_API_CLIENT (object), result, &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < page->messages->len; i++)
    {
      McMessage *message = g_ptr_array_index (page->messages, i);
      gint64 id = mc_message_get_message_id (message);

      if (id < older->first_id && mc_api_pager_see (&older->pager, id))
        g_ptr_array_add (older->older, g_object_ref (message));
    }

  /* Refused items do not keep the walk going: only a page of messages does. */
  step = mc_api_pager_advance (&older->pager, page->next_page_token, page->messages->len, 0);
  if (step == MC_API_PAGER_NEXT && cab_alive (older->cab))
    {
      mc_api_client_get_history_async (MC_API_CLIENT (object),
                                       cab_business_id (older->cab), older->chat_id, 0,
                                       mc_api_pager_get_token (&older->pager), 0,
                                       g_task_get_cancellable (task), on_older_page,
                                       g_object_ref (task));
      return;
    }

  g_ptr_array_sort (older->older, compare_message_ids);
  mc_message_store_merge_older (older->messages, older->older, FALSE);
  /* Persisted too; the store already holds them, so this adds nothing twice. */
  mc_chat_store_merge_messages (self->store, older->chat_id, older->older);
  g_task_return_boolean (task, TRUE);
}

void
mc_sync_engine_load_older_async (McSyncEngine        *self,
                                 gint64               chat_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Older *older;
  Cab *cab;

  g_return_if_fail (MC_IS_SYNC_ENGINE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mc_sync_engine_load_older_async);

  cab = mc_sync_find_cab_for_chat (self, chat_id);
  if (cab == NULL)
    {
      g_task_return_new_error (task, MC_API_ERROR, MC_API_ERROR_NOT_FOUND,
                               _("This chat is not known to any of your cabinets"));
      return;
    }

  older = g_new0 (Older, 1);
  older->cab = cab_ref (cab);
  older->chat_id = chat_id;
  older->messages = mc_chat_store_get_messages (self->store, chat_id);
  older->first_id = mc_message_store_get_first_message_id (older->messages);
  older->older = g_ptr_array_new_with_free_func (g_object_unref);
  mc_api_pager_init (&older->pager, MAX_WALK_PAGES, MC_API_PAGER_FLAGS_NONE);
  g_task_set_task_data (task, older, older_free);

  if (!mc_message_store_get_has_older (older->messages))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Nothing held yet: the usual fetch from the start brings it all. */
  if (older->first_id == 0 && mc_chat_store_get_last_message_id (self->store, chat_id) == 0)
    {
      mc_sync_history_request (cab, chat_id, 0, task, TRUE);
      return;
    }

  if (older->first_id == 0)
    older->first_id = G_MAXINT64;

  mc_api_client_get_history_async (cab_client (cab), cab_business_id (cab), chat_id, 0, NULL, 0,
                                   cancellable, on_older_page, g_object_ref (task));
}

gboolean
mc_sync_engine_load_older_finish (McSyncEngine  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

