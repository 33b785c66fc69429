/* mc-token-store-connect.c: how McTokenStore reaches the keyring: a
 * probe bounded by the connect timeout before each call, and what the
 * errors of libsecret, GDBus and GIO mean to the seller
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-token-store-private.h"

GError *
mc_token_store_no_service_error (void)
{
  return g_error_new_literal (MC_SECRETS_ERROR, MC_SECRETS_ERROR_NO_SERVICE,
                              _("No password keyring is available. Market Chats keeps "
                                "API keys only in the keyring, so it cannot use or "
                                "remember them without one. Make sure a keyring "
                                "service such as GNOME Keyring is installed and "
                                "running, then try again."));
}

GError *
mc_token_store_locked_error (void)
{
  return g_error_new_literal (MC_SECRETS_ERROR, MC_SECRETS_ERROR_LOCKED,
                              _("The password keyring stayed locked. Unlock it to let "
                                "Market Chats use the API keys kept there."));
}

static gboolean
is_unreachable_error (const GError *error)
{
  if (error->domain == G_DBUS_ERROR)
    {
      switch (error->code)
        {
        case G_DBUS_ERROR_SERVICE_UNKNOWN:
        case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
        case G_DBUS_ERROR_NO_SERVER:
        case G_DBUS_ERROR_NO_REPLY:
        case G_DBUS_ERROR_TIMEOUT:
        case G_DBUS_ERROR_TIMED_OUT:
        case G_DBUS_ERROR_DISCONNECTED:
        case G_DBUS_ERROR_FILE_NOT_FOUND:
        case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
        case G_DBUS_ERROR_SPAWN_FORK_FAILED:
        case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
        case G_DBUS_ERROR_SPAWN_CHILD_SIGNALED:
        case G_DBUS_ERROR_SPAWN_FAILED:
        case G_DBUS_ERROR_SPAWN_SERVICE_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
        case G_DBUS_ERROR_SPAWN_FILE_INVALID:
          return TRUE;
        default:
          return FALSE;
        }
    }

  if (error->domain == G_IO_ERROR)
    return error->code == G_IO_ERROR_NOT_FOUND ||
           error->code == G_IO_ERROR_CLOSED ||
           error->code == G_IO_ERROR_CONNECTION_REFUSED ||
           error->code == G_IO_ERROR_BROKEN_PIPE ||
           error->code == G_IO_ERROR_TIMED_OUT;

  return error->domain == G_SPAWN_ERROR;
}

/* Turns whatever libsecret, GDBus or GIO reported into MC_SECRETS_ERROR,
 * keeping G_IO_ERROR_CANCELLED as it is.  While @connecting, any failure
 * outside libsecret's own domain means there is no usable service: it is
 * then about the bus, the service's activation or the portal. */
GError *
mc_token_store_map_error (GError   *error,
                          gboolean  connecting)
{
  g_autoptr(GError) owned = error;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_steal_pointer (&owned);

  g_debug ("Keyring error %s %d: %s",
           g_quark_to_string (error->domain), error->code, error->message);

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return mc_token_store_locked_error ();

  if (is_unreachable_error (error) || (connecting && error->domain != SECRET_ERROR))
    return mc_token_store_no_service_error ();

  return g_error_new (MC_SECRETS_ERROR, MC_SECRETS_ERROR_FAILED,
                      _("The password keyring reported an error: %s"),
                      error->message);
}

static void
op_stop_connect_guards (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  if (op->timeout_source != NULL)
    {
      g_source_destroy (op->timeout_source);
      g_clear_pointer (&op->timeout_source, g_source_unref);
    }

  /* Disconnecting waits for a handler running in another thread, so it
   * must not happen from within that handler: it never does here. */
  if (op->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), op->cancelled_id);
  op->cancelled_id = 0;
}

static void
on_probed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GList *items;

  items = secret_password_search_finish (result, &error);
  g_list_free_full (items, g_object_unref);

  /* on_connect_timeout() has already answered the caller. */
  if (op->timed_out)
    {
      g_object_unref (task);
      return;
    }

  op_stop_connect_guards (task);

  /* Cancelled while the caller did not cancel: an earlier call timed out
   * while GDBus was connecting, and GDBus keeps answering with that
   * error for the rest of the process. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_debug ("Reaching the keyring was cancelled by an earlier timeout");
      g_task_return_error (task, mc_token_store_no_service_error ());
      g_object_unref (task);
      return;
    }

  if (error != NULL)
    {
      g_task_return_error (task, mc_token_store_map_error (g_steal_pointer (&error), TRUE));
      g_object_unref (task);
      return;
    }

  /* libsecret now caches its backend, connection and session, so the call
   * itself starts at once, and may take as long as an unlock prompt needs. */
  mc_token_store_op_run (task);
}

/* Answers at once instead of waiting for the cancelled probe: a bus that
 * accepted the connection but never speaks can leave GDBus's handshake
 * deaf to cancellation. */
static gboolean
on_connect_timeout (gpointer user_data)
{
  g_autoptr(GTask) task = g_object_ref (user_data);
  Op *op = g_task_get_task_data (task);

  g_debug ("The keyring did not answer within %u ms",
           mc_token_store_get_connect_timeout (g_task_get_source_object (task)));

  op->timed_out = TRUE;
  g_clear_pointer (&op->timeout_source, g_source_unref);
  op_stop_connect_guards (task);
  g_task_return_error (task, mc_token_store_no_service_error ());
  g_cancellable_cancel (op->connect_cancellable);

  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  GCancellable *connect_cancellable = user_data;

  g_cancellable_cancel (connect_cancellable);
}

void
mc_token_store_op_start (McTokenStore        *self,
                         Op                  *op,
                         GCancellable        *cancellable,
                         gpointer             source_tag,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, mc_token_store_op_free);

  op->origin = g_strdup (self->origin);
  op->migrating = op->op == OP_SEARCH && mc_token_store_op_is_default_origin (op);

  op->connect_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    op->cancelled_id = g_cancellable_connect (cancellable,
                                              G_CALLBACK (on_caller_cancelled),
                                              g_object_ref (op->connect_cancellable),
                                              g_object_unref);

  op->timeout_source = g_timeout_source_new (self->connect_timeout_ms);
  g_source_set_static_name (op->timeout_source, "[mc-secrets] connect timeout");
  g_source_set_callback (op->timeout_source, on_connect_timeout, task, NULL);
  g_source_attach (op->timeout_source, g_task_get_context (task));

  /* A search without SECRET_SEARCH_UNLOCK never prompts, so timing it
   * bounds only the reaching of the service (activation, session, or the
   * portal inside Flatpak), not the seller typing a keyring password. */
  secret_password_search (mc_token_store_get_schema (),
                          SECRET_SEARCH_NONE,
                          op->connect_cancellable,
                          on_probed,
                          task,
                          NULL);
}
