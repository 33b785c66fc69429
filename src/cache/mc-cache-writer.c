/* mc-cache-writer.c: the writer thread of McCache, which owns the SQLite
 * connection once the cache is open and runs queued jobs in order, several
 * to a transaction.  Loads go through the same queue, so they always see
 * the writes queued before them and no second connection is needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mc-cache-private.h"

/* More jobs per transaction would only lengthen the wait of a sync load
 * queued behind them. */
#define MAX_JOBS_PER_TRANSACTION 64

/* The cache whose writer thread the calling thread is, NULL on any other. */
static GPrivate writer_of;

typedef struct SyncWait SyncWait;

typedef struct
{
  gboolean        stop;
  McCacheJobFunc  func;
  gpointer        data;
  GDestroyNotify  data_free;
  GDestroyNotify  result_free;
  /* Who hears the outcome: a task, a waiting caller, or (both NULL) the
   * log when it is a failure. */
  GTask          *task;
  SyncWait       *wait;
} Job;

struct SyncWait
{
  GMutex    mutex;
  GCond     cond;
  gboolean  done;
  gboolean  ok;
  gpointer  result;
  GError   *error;
};

typedef struct
{
  Job      *job;
  gboolean  ok;
  gpointer  result;
  GError   *error;
} Outcome;

gboolean
mc_cache_finish_boolean (McCache       *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
job_free (Job *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_clear_object (&job->task);
  g_free (job);
}

/* Takes ownership of @result and @error. */
static void
job_report (Job      *job,
            gboolean  ok,
            gpointer  result,
            GError   *error)
{
  /* One listener at most: a waiting caller has no task. */
  g_assert (job->wait == NULL || job->task == NULL);

  if (job->wait != NULL)
    {
      SyncWait *wait = job->wait;

      g_mutex_lock (&wait->mutex);
      wait->ok = ok;
      wait->result = result;
      wait->error = error;
      wait->done = TRUE;
      g_cond_signal (&wait->cond);
      g_mutex_unlock (&wait->mutex);
      return;
    }

  /* Without a task nobody waits for the outcome (or a cancelled task has
   * already been told). */
  if (job->task == NULL)
    {
      if (error != NULL)
        g_warning ("Could not write to the chat cache: %s", error->message);
      g_clear_error (&error);
      return;
    }

  if (!ok)
    g_task_return_error (job->task, error);
  else if (job->result_free != NULL)
    g_task_return_pointer (job->task, result, job->result_free);
  else
    g_task_return_boolean (job->task, TRUE);
}

static gboolean
report_cb (gpointer data)
{
  Outcome *outcome = data;

  g_assert (g_main_context_is_owner (g_task_get_context (outcome->job->task)));

  job_report (outcome->job, outcome->ok, outcome->result, outcome->error);
  job_free (outcome->job);
  g_free (outcome);
  return G_SOURCE_REMOVE;
}

/* The task, and with it the last reference to the cache, must be dropped
 * in the owner's thread: finalizing the cache joins the writer thread, so
 * it cannot happen on it. */
static void
report_in_task_context (Outcome *outcome)
{
  g_main_context_invoke_full (g_task_get_context (outcome->job->task),
                              G_PRIORITY_DEFAULT, report_cb,
                              g_memdup2 (outcome, sizeof *outcome), NULL);
}

/* Runs one job inside a savepoint, so a failing job leaves the others of
 * its transaction alone. */
static void
run_job (McCache *self,
         Outcome *outcome)
{
  Job *job = outcome->job;

  if (job->task != NULL && g_task_return_error_if_cancelled (job->task))
    {
      g_clear_object (&job->task);
      return;
    }

  if (!mc_cache_exec (self->db, "SAVEPOINT job", &outcome->error))
    return;

  outcome->ok = job->func (self, self->db, job->data, &outcome->result, &outcome->error);

  if (!outcome->ok)
    mc_cache_exec (self->db, "ROLLBACK TO job", NULL);
  mc_cache_exec (self->db, "RELEASE job", NULL);
}

static gpointer
writer_thread (gpointer user_data)
{
  McCache *self = user_data;
  gboolean stop = FALSE;

  g_private_set (&writer_of, self);

  while (!stop)
    {
      g_autoptr(GArray) outcomes = g_array_new (FALSE, TRUE, sizeof (Outcome));
      g_autoptr(GError) tx_error = NULL;
      Job *job = g_async_queue_pop (self->queue);
      gboolean in_tx;

      in_tx = mc_cache_exec (self->db, "BEGIN IMMEDIATE", &tx_error);

      while (job != NULL)
        {
          Outcome outcome = { job, FALSE, NULL, NULL };

          if (job->stop)
            stop = TRUE;
          else if (!in_tx)
            outcome.error = g_error_copy (tx_error);
          else
            run_job (self, &outcome);

          g_array_append_val (outcomes, outcome);
          if (stop || outcomes->len >= MAX_JOBS_PER_TRANSACTION)
            break;
          job = g_async_queue_try_pop (self->queue);
        }

      if (in_tx && !mc_cache_exec (self->db, "COMMIT", &tx_error))
        {
          mc_cache_exec (self->db, "ROLLBACK", NULL);
          for (guint i = 0; i < outcomes->len; i++)
            {
              Outcome *o = &g_array_index (outcomes, Outcome, i);

              if (o->ok)
                {
                  if (o->result != NULL && o->job->result_free != NULL)
                    o->job->result_free (o->result);
                  o->result = NULL;
                  o->ok = FALSE;
                  o->error = g_error_copy (tx_error);
                }
            }
        }

      /* Outcomes are reported only once committed, so a caller told of
       * success knows the row is on disk. */
      for (guint i = 0; i < outcomes->len; i++)
        {
          Outcome *o = &g_array_index (outcomes, Outcome, i);
          gboolean sync;

          if (o->job->stop)
            {
              job_free (o->job);
              continue;
            }
          /* A waiting caller owns its job, and may have returned as soon
           * as it is told: look at the job only before that. */
          sync = o->job->wait != NULL;
          if (!o->ok && o->error == NULL && (o->job->task != NULL || sync))
            o->error = g_error_new_literal (MC_CACHE_ERROR, MC_CACHE_ERROR_FAILED,
                                            _("The saved chats could not be written"));
          if (o->job->task != NULL)
            report_in_task_context (o);
          else
            {
              job_report (o->job, o->ok, o->result, o->error);
              if (!sync)
                job_free (o->job);
            }
        }
    }

  return NULL;
}

gboolean
mc_cache_on_writer_thread (McCache *self)
{
  return g_private_get (&writer_of) == self;
}

gboolean
mc_cache_owns_connection (McCache *self)
{
  /* The writer never changes self->writer, so only another thread reads
   * it here, and that thread set it. */
  return mc_cache_on_writer_thread (self) || self->writer == NULL;
}

void
mc_cache_start_writer (McCache *self)
{
  g_assert (self->writer == NULL);
  g_assert (self->db != NULL);

  self->writer = g_thread_new ("mc-cache-writer", writer_thread, self);
}

/* Lets the writer finish what is queued, then joins it. */
void
mc_cache_stop_writer (McCache *self)
{
  Job *stop;

  /* Joining itself would wait forever. */
  g_assert (!mc_cache_on_writer_thread (self));

  if (self->writer == NULL)
    return;

  stop = g_new0 (Job, 1);
  stop->stop = TRUE;
  g_async_queue_push (self->queue, stop);
  g_thread_join (g_steal_pointer (&self->writer));
}

void
mc_cache_note_block (McCache *self,
                     gint64   started)
{
  gint64 elapsed = g_get_monotonic_time () - started;

  g_mutex_lock (&self->mutex);
  self->max_write_block = MAX (self->max_write_block, elapsed);
  g_mutex_unlock (&self->mutex);
}

static gboolean
is_closed (McCache *self)
{
  gboolean closed;

  g_mutex_lock (&self->mutex);
  closed = self->closed;
  g_mutex_unlock (&self->mutex);
  return closed;
}

void
mc_cache_queue_job (McCache             *self,
                    McCacheJobFunc       func,
                    gpointer             data,
                    GDestroyNotify       data_free,
                    GDestroyNotify       result_free,
                    gpointer             source_tag,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  Job *job;

  job = g_new0 (Job, 1);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;

  /* A task holds a reference on the cache until its callback runs in the
   * main context; fire-and-forget writes need none, so dropping the last
   * reference closes the cache (after the queued writes) at once. */
  if (callback != NULL || cancellable != NULL)
    {
      job->task = g_task_new (self, cancellable, callback, user_data);
      g_task_set_source_tag (job->task, source_tag);
    }

  /* Checked and queued under the lock, so a write from another thread
   * cannot slip in behind the close and be lost without a word. */
  g_mutex_lock (&self->mutex);
  if (!self->closed)
    {
      g_async_queue_push (self->queue, g_steal_pointer (&job));
      g_mutex_unlock (&self->mutex);
      return;
    }
  g_mutex_unlock (&self->mutex);

  if (job->task != NULL)
    g_task_return_new_error (job->task, MC_CACHE_ERROR, MC_CACHE_ERROR_CLOSED,
                             "%s", _("The saved chats are already closed"));
  else
    g_warning ("Write to the chat cache %s after it was closed", self->path);
  job_free (job);
}

/* Runs @func on the writer thread, after what is queued, and waits. */
gpointer
mc_cache_run_sync (McCache         *self,
                   McCacheJobFunc   func,
                   gpointer         data,
                   GError         **error)
{
  SyncWait wait = { 0 };
  Job job = { 0 };

  /* A job that waited for the queue it runs on would wait forever. */
  g_assert (!mc_cache_on_writer_thread (self));

  if (is_closed (self))
    {
      g_set_error_literal (error, MC_CACHE_ERROR, MC_CACHE_ERROR_CLOSED,
                           _("The saved chats are already closed"));
      return NULL;
    }

  g_mutex_init (&wait.mutex);
  g_cond_init (&wait.cond);
  job.func = func;
  job.data = data;
  job.wait = &wait;

  g_async_queue_push (self->queue, &job);

  g_mutex_lock (&wait.mutex);
  while (!wait.done)
    g_cond_wait (&wait.cond, &wait.mutex);
  g_mutex_unlock (&wait.mutex);
  g_mutex_clear (&wait.mutex);
  g_cond_clear (&wait.cond);

  if (!wait.ok)
    g_propagate_error (error, wait.error);
  return wait.result;
}

static gboolean
flush_job (McCache   *self,
           sqlite3   *db,
           gpointer   data,
           gpointer  *result,
           GError   **error)
{
  *result = GINT_TO_POINTER (TRUE);
  return TRUE;
}

gboolean
mc_cache_flush (McCache  *self,
                GError  **error)
{
  g_return_val_if_fail (MC_IS_CACHE (self), FALSE);
  return mc_cache_run_sync (self, flush_job, NULL, error) != NULL;
}

gint64
mc_cache_get_max_write_block (McCache *self)
{
  gint64 value;

  g_return_val_if_fail (MC_IS_CACHE (self), 0);

  g_mutex_lock (&self->mutex);
  value = self->max_write_block;
  g_mutex_unlock (&self->mutex);
  return value;
}
