/* mc-token-store.c: cabinet tokens in the keyring (libsecret)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "mc-token-store-private.h"

#define DEFAULT_CONNECT_TIMEOUT_MS 15000

G_DEFINE_FINAL_TYPE (McTokenStore, mc_token_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNECT_TIMEOUT,
  PROP_ORIGIN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
mc_token_store_op_free (gpointer data)
{
  Op *op = data;

  g_assert (op->timeout_source == NULL);
  g_assert (op->cancelled_id == 0);

  g_clear_object (&op->connect_cancellable);
  g_clear_pointer (&op->token, secret_password_free);
  g_free (op->label);
  g_free (op->origin);
  g_list_free_full (op->items, g_object_unref);
  g_clear_pointer (&op->found, g_ptr_array_unref);
  g_free (op);
}

const SecretSchema *
mc_token_store_get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.marketchats.MarketChats.OriginToken", SECRET_SCHEMA_NONE,
    {
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "cabinet", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "origin", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* Items from before keys were tied to an origin.  libsecret's file backend
 * (Flatpak, tests) does not match schema names, so the new schema names the
 * cabinet "cabinet" rather than "label": clearing by "label" can then only
 * reach a legacy item. */
static const SecretSchema *
mc_token_store_get_legacy_schema (void)
{
  static const SecretSchema schema = {
    "io.github.marketchats.MarketChats.Token", SECRET_SCHEMA_NONE,
    {
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "label", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

gboolean
mc_token_store_op_is_default_origin (Op *op)
{
  return g_strcmp0 (op->origin, MC_TOKEN_STORE_DEFAULT_ORIGIN) == 0;
}

static void
op_return_error (GTask  *task,
                 GError *error)
{
  g_task_return_error (task, mc_token_store_map_error (error, FALSE));
}

static gint
compare_found (gconstpointer a,
               gconstpointer b)
{
  const McStoredToken *ta = *(const McStoredToken * const *) a;
  const McStoredToken *tb = *(const McStoredToken * const *) b;

  return g_utf8_collate (mc_stored_token_get_label (ta), mc_stored_token_get_label (tb));
}

static void search_read_next (GTask *task);
static void migrate_next     (GTask *task);

/* Items come newest first, so when a crash between storing and clearing
 * left two items for one label, the newer one wins. */
static gint
compare_modified_desc (gconstpointer a,
                       gconstpointer b)
{
  guint64 ma = secret_retrievable_get_modified ((SecretRetrievable *) a);
  guint64 mb = secret_retrievable_get_modified ((SecretRetrievable *) b);

  return ma < mb ? 1 : ma > mb ? -1 : 0;
}

static gboolean
label_already_found (Op         *op,
                     const char *label)
{
  for (guint i = 0; i < op->found->len; i++)
    if (g_strcmp0 (mc_stored_token_get_label (g_ptr_array_index (op->found, i)), label) == 0)
      return TRUE;

  return FALSE;
}

static void
search_add (Op                *op,
            SecretRetrievable *item,
            SecretValue       *value)
{
  g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (item);
  const char *label = g_hash_table_lookup (attributes, op->migrating ? "label" : "cabinet");
  const char *text;
  McTokenKind kind;

  if (op->migrating && g_hash_table_contains (attributes, "origin"))
    return;

  if (label == NULL ||
      !mc_token_kind_from_string (g_hash_table_lookup (attributes, "kind"), &kind))
    {
      g_debug ("Ignoring a keyring item without a valid kind or label");
      return;
    }

  if (label_already_found (op, label))
    return;

  text = secret_value_get_text (value);
  if (text == NULL)
    {
      g_debug ("Ignoring the keyring item for “%s”: its secret is not text", label);
      return;
    }

  g_ptr_array_add (op->found, mc_stored_token_new (kind, label, text));
}

static void
on_retrieved (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SecretValue *value;

  value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (object), result, &error);
  if (error != NULL)
    {
      op_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* An item without a secret has no token to offer. */
  if (value != NULL)
    {
      search_add (op, SECRET_RETRIEVABLE (object), value);
      secret_value_unref (value);
    }

  op->next_item = op->next_item->next;
  search_read_next (g_steal_pointer (&task));
}

static void
search_read_next (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  while (op->next_item != NULL)
    {
      SecretRetrievable *item = op->next_item->data;

      if (SECRET_IS_ITEM (item))
        {
          SecretValue *value;

          /* Still locked after SECRET_SEARCH_UNLOCK: the prompt was dismissed. */
          if (secret_item_get_locked (SECRET_ITEM (item)))
            {
              g_task_return_error (task, mc_token_store_locked_error ());
              g_object_unref (task);
              return;
            }

          value = secret_item_get_secret (SECRET_ITEM (item));
          if (value != NULL)
            {
              search_add (op, item, value);
              secret_value_unref (value);
              op->next_item = op->next_item->next;
              continue;
            }
        }

      secret_retrievable_retrieve_secret (item, g_task_get_cancellable (task),
                                          on_retrieved, task);
      return;
    }

  if (op->migrating)
    {
      op->next_migrated = 0;
      migrate_next (task);
      return;
    }

  g_ptr_array_sort (op->found, compare_found);
  g_task_return_pointer (task, g_steal_pointer (&op->found), (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

static void
on_searched (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  op->items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      op_return_error (task, g_steal_pointer (&error));
      return;
    }

  op->items = g_list_sort (op->items, compare_modified_desc);
  op->next_item = op->items;
  op->found = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_stored_token_free);
  search_read_next (g_steal_pointer (&task));
}

static void
on_legacy_cleared (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      op_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  op->next_migrated++;
  migrate_next (task);
}

static void
on_migrated_stored (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);
  McStoredToken *token = g_ptr_array_index (op->found, op->next_migrated);
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      op_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  g_debug ("Tied the key of cabinet “%s” to %s", mc_stored_token_get_label (token), op->origin);

  /* Only once the copy is stored, so a failure never loses the key. */
  secret_password_clear (mc_token_store_get_legacy_schema (),
                         g_task_get_cancellable (task),
                         on_legacy_cleared, task,
                         "label", mc_stored_token_get_label (token),
                         NULL);
}

/* Every legacy item was added for the Market's own API: stored again with
 * that origin, then cleared.  The normal search follows. */
static void
migrate_next (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  g_autofree char *item_label = NULL;
  McStoredToken *token;

  if (op->next_migrated >= op->found->len)
    {
      op->migrating = FALSE;
      g_clear_pointer (&op->found, g_ptr_array_unref);
      g_list_free_full (g_steal_pointer (&op->items), g_object_unref);
      op->next_item = NULL;
      mc_token_store_op_run (task);
      return;
    }

  token = g_ptr_array_index (op->found, op->next_migrated);
  item_label = g_strdup_printf (_("Market Chats: %s"), mc_stored_token_get_label (token));
  secret_password_store (mc_token_store_get_schema (),
                         SECRET_COLLECTION_DEFAULT,
                         item_label,
                         mc_stored_token_get_token (token),
                         g_task_get_cancellable (task),
                         on_migrated_stored,
                         task,
                         "kind", mc_token_kind_to_string (mc_stored_token_get_kind (token)),
                         "cabinet", mc_stored_token_get_label (token),
                         "origin", op->origin,
                         NULL);
}

static void
on_other_kind_cleared (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    op_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  McTokenKind other;

  g_clear_pointer (&op->token, secret_password_free);

  if (!secret_password_store_finish (result, &error))
    {
      op_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_debug ("Stored the token of cabinet “%s”", op->label);

  /* Storing replaced an item of the same kind; one of the other kind would
   * otherwise survive under the same label.  Clearing only after storing
   * means a failure never leaves the seller with no token at all. */
  other = op->kind == MC_TOKEN_KIND_API_KEY ? MC_TOKEN_KIND_OAUTH : MC_TOKEN_KIND_API_KEY;
  secret_password_clear (mc_token_store_get_schema (),
                         g_task_get_cancellable (task),
                         on_other_kind_cleared,
                         g_object_ref (task),
                         "kind", mc_token_kind_to_string (other),
                         "cabinet", op->label,
                         "origin", op->origin,
                         NULL);
}

static void
on_removed (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      op_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A legacy item not yet moved would bring the cabinet back. */
  if (mc_token_store_op_is_default_origin (op) && !op->migrating)
    {
      op->migrating = TRUE;
      secret_password_clear (mc_token_store_get_legacy_schema (),
                             g_task_get_cancellable (task),
                             on_removed,
                             g_object_ref (task),
                             "label", op->label,
                             NULL);
      return;
    }

  g_debug ("Forgot the token of cabinet “%s”", op->label);
  g_task_return_boolean (task, TRUE);
}

static void
on_unlocked_for_remove (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GList *items;
  gboolean locked = FALSE;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      op_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The Secret Service deletes only unlocked items: a locked one would be
   * silently kept, so say so instead. */
  for (GList *l = items; l != NULL; l = l->next)
    if (SECRET_IS_ITEM (l->data) && secret_item_get_locked (l->data))
      locked = TRUE;
  g_list_free_full (items, g_object_unref);

  if (locked)
    {
      g_task_return_error (task, mc_token_store_locked_error ());
      return;
    }

  secret_password_clear (mc_token_store_get_schema (),
                         g_task_get_cancellable (task),
                         on_removed,
                         g_object_ref (task),
                         "cabinet", op->label,
                         "origin", op->origin,
                         NULL);
}

void
mc_token_store_op_run (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autofree char *item_label = NULL;

  switch (op->op)
    {
    case OP_SAVE:
      /* Translators: the name of the keyring item, as Passwords and Keys
       * shows it; %s is the name the seller gave the cabinet. */
      item_label = g_strdup_printf (_("Market Chats: %s"), op->label);
      secret_password_store (mc_token_store_get_schema (),
                             SECRET_COLLECTION_DEFAULT,
                             item_label,
                             op->token,
                             cancellable,
                             on_stored,
                             task,
                             "kind", mc_token_kind_to_string (op->kind),
                             "cabinet", op->label,
                             "origin", op->origin,
                             NULL);
      break;

    case OP_SEARCH:
      if (op->migrating)
        secret_password_search (mc_token_store_get_legacy_schema (),
                                SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                                cancellable, on_searched, task,
                                NULL);
      else if (op->label != NULL)
        secret_password_search (mc_token_store_get_schema (),
                                SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                                cancellable, on_searched, task,
                                "cabinet", op->label,
                                "origin", op->origin,
                                NULL);
      else
        secret_password_search (mc_token_store_get_schema (),
                                SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                                cancellable, on_searched, task,
                                "origin", op->origin,
                                NULL);
      break;

    case OP_REMOVE:
      secret_password_search (mc_token_store_get_schema (),
                              SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK,
                              cancellable, on_unlocked_for_remove, task,
                              "cabinet", op->label,
                              "origin", op->origin,
                              NULL);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
mc_token_store_finalize (GObject *object)
{
  McTokenStore *self = MC_TOKEN_STORE (object);

  g_free (self->origin);

  G_OBJECT_CLASS (mc_token_store_parent_class)->finalize (object);
}

static void
mc_token_store_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  McTokenStore *self = MC_TOKEN_STORE (object);

  switch (prop_id)
    {
    case PROP_CONNECT_TIMEOUT:
      g_value_set_uint (value, self->connect_timeout_ms);
      break;

    case PROP_ORIGIN:
      g_value_set_string (value, self->origin);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_token_store_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  McTokenStore *self = MC_TOKEN_STORE (object);

  switch (prop_id)
    {
    case PROP_CONNECT_TIMEOUT:
      mc_token_store_set_connect_timeout (self, g_value_get_uint (value));
      break;

    case PROP_ORIGIN:
      g_free (self->origin);
      self->origin = g_value_dup_string (value);
      if (self->origin == NULL)
        self->origin = g_strdup (MC_TOKEN_STORE_DEFAULT_ORIGIN);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_token_store_class_init (McTokenStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mc_token_store_finalize;
  object_class->get_property = mc_token_store_get_property;
  object_class->set_property = mc_token_store_set_property;

  properties[PROP_CONNECT_TIMEOUT] =
    g_param_spec_uint ("connect-timeout", NULL, NULL,
                       1, G_MAXUINT, DEFAULT_CONNECT_TIMEOUT_MS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ORIGIN] =
    g_param_spec_string ("origin", NULL, NULL,
                         MC_TOKEN_STORE_DEFAULT_ORIGIN,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mc_token_store_init (McTokenStore *self)
{
  self->connect_timeout_ms = DEFAULT_CONNECT_TIMEOUT_MS;
}

McTokenStore *
mc_token_store_new (void)
{
  return g_object_new (MC_TYPE_TOKEN_STORE, NULL);
}

McTokenStore *
mc_token_store_new_for_origin (const char *origin)
{
  g_return_val_if_fail (origin != NULL && *origin != '\0', NULL);

  return g_object_new (MC_TYPE_TOKEN_STORE, "origin", origin, NULL);
}

char *
mc_token_store_dup_origin_of_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  int port;

  g_return_val_if_fail (url != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  port = g_uri_get_port (uri);
  if ((port == 443 && g_str_equal (scheme, "https")) ||
      (port == 80 && g_str_equal (scheme, "http")))
    port = -1;

  if (port > 0)
    return g_strdup_printf ("%s://%s:%d", scheme, host, port);

  return g_strdup_printf ("%s://%s", scheme, host);
}

McTokenStore *
mc_token_store_new_for_url (const char *url)
{
  g_autofree char *origin = mc_token_store_dup_origin_of_url (url);

  return g_object_new (MC_TYPE_TOKEN_STORE, "origin", origin, NULL);
}

const char *
mc_token_store_get_origin (McTokenStore *self)
{
  g_return_val_if_fail (MC_IS_TOKEN_STORE (self), NULL);

  return self->origin;
}

guint
mc_token_store_get_connect_timeout (McTokenStore *self)
{
  g_return_val_if_fail (MC_IS_TOKEN_STORE (self), 0);

  return self->connect_timeout_ms;
}

void
mc_token_store_set_connect_timeout (McTokenStore *self,
                                    guint         timeout_ms)
{
  g_return_if_fail (MC_IS_TOKEN_STORE (self));
  g_return_if_fail (timeout_ms > 0);

  if (self->connect_timeout_ms == timeout_ms)
    return;

  self->connect_timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECT_TIMEOUT]);
}

void
mc_token_store_save_async (McTokenStore        *self,
                           McTokenKind          kind,
                           const char          *label,
                           const char          *token,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  Op *op;

  g_return_if_fail (MC_IS_TOKEN_STORE (self));
  g_return_if_fail (kind == MC_TOKEN_KIND_API_KEY || kind == MC_TOKEN_KIND_OAUTH);
  g_return_if_fail (label != NULL && *label != '\0');
  g_return_if_fail (token != NULL && *token != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  op = g_new0 (Op, 1);
  op->op = OP_SAVE;
  op->kind = kind;
  op->label = g_strdup (label);
  op->token = secret_value_unref_to_password (secret_value_new (token, -1, "text/plain"), NULL);

  mc_token_store_op_start (self, op, cancellable, mc_token_store_save_async, callback, user_data);
}

gboolean
mc_token_store_save_finish (McTokenStore  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (MC_IS_TOKEN_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mc_token_store_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
mc_token_store_list_async (McTokenStore        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  Op *op;

  g_return_if_fail (MC_IS_TOKEN_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  op = g_new0 (Op, 1);
  op->op = OP_SEARCH;

  mc_token_store_op_start (self, op, cancellable, mc_token_store_list_async, callback, user_data);
}

GPtrArray *
mc_token_store_list_finish (McTokenStore  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (MC_IS_TOKEN_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mc_token_store_list_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mc_token_store_lookup_async (McTokenStore        *self,
                             const char          *label,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Op *op;

  g_return_if_fail (MC_IS_TOKEN_STORE (self));
  g_return_if_fail (label != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  op = g_new0 (Op, 1);
  op->op = OP_SEARCH;
  op->label = g_strdup (label);

  mc_token_store_op_start (self, op, cancellable, mc_token_store_lookup_async, callback, user_data);
}

McStoredToken *
mc_token_store_lookup_finish (McTokenStore  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (MC_IS_TOKEN_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mc_token_store_lookup_async, NULL);

  found = g_task_propagate_pointer (G_TASK (result), error);
  if (found == NULL || found->len == 0)
    return NULL;

  return g_ptr_array_steal_index (found, 0);
}

void
mc_token_store_remove_async (McTokenStore        *self,
                             const char          *label,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Op *op;

  g_return_if_fail (MC_IS_TOKEN_STORE (self));
  g_return_if_fail (label != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  op = g_new0 (Op, 1);
  op->op = OP_REMOVE;
  op->label = g_strdup (label);

  mc_token_store_op_start (self, op, cancellable, mc_token_store_remove_async, callback, user_data);
}

gboolean
mc_token_store_remove_finish (McTokenStore  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (MC_IS_TOKEN_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mc_token_store_remove_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
