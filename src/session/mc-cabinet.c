/* mc-cabinet.c: one seller's cabinet: its client, stores, cache and scopes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>

#include "mc-cabinet-private.h"

#define REGISTRY_NAME "cabinets.ini"

struct _McCabinet
{
  GObject       parent_instance;

  char         *label;
  McAuthKind    kind;
  gint64        business_id;
  char         *business_name;
  McApiClient  *client;
  McCache      *cache;
  GListStore   *campaigns;
  GStrv         scopes;
  gboolean      can_send;
  gboolean      demo;
};

G_DEFINE_FINAL_TYPE (McCabinet, mc_cabinet, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LABEL,
  PROP_BUSINESS_ID,
  PROP_BUSINESS_NAME,
  PROP_CLIENT,
  PROP_CACHE,
  PROP_CAMPAIGNS,
  PROP_SCOPES,
  PROP_CAN_SEND,
  PROP_DEMO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mc_cabinet_dispose (GObject *object)
{
  McCabinet *self = MC_CABINET (object);

  g_clear_object (&self->client);
  g_clear_object (&self->cache);
  g_clear_object (&self->campaigns);

  G_OBJECT_CLASS (mc_cabinet_parent_class)->dispose (object);
}

static void
mc_cabinet_finalize (GObject *object)
{
  McCabinet *self = MC_CABINET (object);

  g_free (self->label);
  g_free (self->business_name);
  g_strfreev (self->scopes);

  G_OBJECT_CLASS (mc_cabinet_parent_class)->finalize (object);
}

static void
mc_cabinet_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  McCabinet *self = MC_CABINET (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_BUSINESS_ID:
      g_value_set_int64 (value, self->business_id);
      break;

    case PROP_BUSINESS_NAME:
      g_value_set_string (value, self->business_name);
      break;

    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;

    case PROP_CAMPAIGNS:
      g_value_set_object (value, self->campaigns);
      break;

    case PROP_SCOPES:
      g_value_set_boxed (value, self->scopes);
      break;

    case PROP_CAN_SEND:
      g_value_set_boolean (value, self->can_send);
      break;

    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_cabinet_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  McCabinet *self = MC_CABINET (object);

  switch (prop_id)
    {
    case PROP_DEMO:
      mc_cabinet_set_demo (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_cabinet_class_init (McCabinetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mc_cabinet_dispose;
  object_class->finalize = mc_cabinet_finalize;
  object_class->get_property = mc_cabinet_get_property;
  object_class->set_property = mc_cabinet_set_property;

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSINESS_ID] =
    g_param_spec_int64 ("business-id", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSINESS_NAME] =
    g_param_spec_string ("business-name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, MC_TYPE_API_CLIENT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL, MC_TYPE_CACHE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAMPAIGNS] =
    g_param_spec_object ("campaigns", NULL, NULL, G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SCOPES] =
    g_param_spec_boxed ("scopes", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_SEND] =
    g_param_spec_boolean ("can-send", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mc_cabinet_init (McCabinet *self)
{
  self->campaigns = g_list_store_new (MC_TYPE_CAMPAIGN);
}

static McCabinet *
cabinet_new (const char  *base_url,
             McAuthKind   kind,
             const char  *label,
             const char  *token,
             GError     **error)
{
  g_autoptr(McCabinet) self = NULL;
  McApiClient *client;

  client = mc_api_client_new (base_url, kind, token, error);
  if (client == NULL)
    return NULL;

  self = g_object_new (MC_TYPE_CABINET, NULL);
  self->client = client;
  self->kind = kind;
  self->label = g_strdup (label);
  /* An OAuth token cannot be asked for its scopes: assume it may do what
   * its cabinet allows; the Market still refuses what it may not. */
  self->can_send = TRUE;

  return g_steal_pointer (&self);
}

/* The stores file: label -> business, so that a start without network
 * knows which cache to open.  It never holds a token. */

static char *
registry_path (void)
{
  g_autofree char *dir = mc_cache_dup_data_dir ();

  return g_build_filename (dir, REGISTRY_NAME, NULL);
}

/* Key file group names may not hold '[' or ']', which a seller may type. */
static char *
registry_group (const char *label)
{
  return g_uri_escape_string (label, " ", TRUE);
}

static GKeyFile *
registry_load (void)
{
  g_autofree char *path = registry_path ();
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &error) &&
      !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    g_warning ("Could not read %s: %s", path, error->message);

  return g_steal_pointer (&file);
}

static gboolean
registry_save (GKeyFile  *file,
               GError   **error)
{
  g_autofree char *path = registry_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *data = NULL;
  gsize length;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  data = g_key_file_to_data (file, &length, NULL);

  /* The labels and business ids are the seller's alone. */
  return g_file_set_contents_full (path, data, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

gboolean
mc_cabinet_remember (McCabinet  *self,
                     GError    **error)
{
  g_autoptr(GKeyFile) file = NULL;
  g_autofree char *group = NULL;

  g_return_val_if_fail (MC_IS_CABINET (self), FALSE);

  if (self->demo || self->business_id == 0)
    return TRUE;

  file = registry_load ();
  group = registry_group (self->label);
  g_key_file_set_int64 (file, group, "business-id", self->business_id);
  g_key_file_set_string (file, group, "business-name", self->business_name ? self->business_name : "");
  g_key_file_set_boolean (file, group, "can-send", self->can_send);
  if (self->scopes != NULL)
    g_key_file_set_string_list (file, group, "scopes",
                                (const char * const *) self->scopes,
                                g_strv_length (self->scopes));
  else
    g_key_file_remove_key (file, group, "scopes", NULL);

  return registry_save (file, error);
}

gboolean
mc_cabinet_forget (const char  *label,
                   GError     **error)
{
  g_autoptr(GKeyFile) file = NULL;
  g_autofree char *group = NULL;

  g_return_val_if_fail (label != NULL, FALSE);

  file = registry_load ();
  group = registry_group (label);
  if (!g_key_file_remove_group (file, group, NULL))
    return TRUE;

  return registry_save (file, error);
}

static gboolean
registry_lookup (McCabinet *self)
{
  g_autoptr(GKeyFile) file = registry_load ();
  g_autofree char *group = registry_group (self->label);
  g_autoptr(GError) error = NULL;
  gint64 business_id;

  business_id = g_key_file_get_int64 (file, group, "business-id", &error);
  if (error != NULL || business_id <= 0)
    return FALSE;

  self->business_id = business_id;
  g_free (self->business_name);
  self->business_name = g_key_file_get_string (file, group, "business-name", NULL);
  if (g_key_file_has_key (file, group, "can-send", NULL))
    self->can_send = g_key_file_get_boolean (file, group, "can-send", NULL);
  g_strfreev (self->scopes);
  self->scopes = g_key_file_get_string_list (file, group, "scopes", NULL, NULL);

  return TRUE;
}

GStrv
mc_cabinet_dup_remembered_labels (void)
{
  g_autoptr(GKeyFile) file = registry_load ();
  g_auto(GStrv) groups = g_key_file_get_groups (file, NULL);
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();

  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *label = g_uri_unescape_string (groups[i], NULL);

      if (label != NULL && *label != '\0')
        g_strv_builder_add (labels, label);
    }

  return g_strv_builder_end (labels);
}

McCabinet *
mc_cabinet_new_remembered (const char *label)
{
  g_autoptr(McCabinet) self = NULL;

  g_return_val_if_fail (label != NULL, NULL);

  self = g_object_new (MC_TYPE_CABINET, NULL);
  self->label = g_strdup (label);
  /* As cabinet_new(), for a file written before "can-send" was. */
  self->can_send = TRUE;
  if (!registry_lookup (self))
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
mc_cabinet_set_token (McCabinet   *self,
                      const char  *base_url,
                      McAuthKind   kind,
                      const char  *token,
                      GError     **error)
{
  McApiClient *client;

  g_return_val_if_fail (MC_IS_CABINET (self), FALSE);
  g_return_val_if_fail (token != NULL, FALSE);
  g_return_val_if_fail (self->client == NULL, FALSE);

  client = mc_api_client_new (base_url, kind, token, error);
  if (client == NULL)
    return FALSE;

  self->client = client;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);

  return TRUE;
}

/* Checking a key: token scopes, then campaigns */

typedef struct
{
  McCabinet *cabinet;
  gboolean   has_info;
  GStrv      scopes;
  gboolean   can_send;
} Check;

static void
check_free (gpointer data)
{
  Check *check = data;

  g_clear_object (&check->cabinet);
  g_strfreev (check->scopes);
  g_free (check);
}

/* The cache keeps the stores, so that a start without network shows them
 * (see cabinet_take_cache()). */
static void
cabinet_save_campaigns (McCabinet *self)
{
  GListModel *model = G_LIST_MODEL (self->campaigns);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) campaigns = NULL;

  if (self->cache == NULL || n == 0)
    return;

  campaigns = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (campaigns, g_list_model_get_item (model, i));
  mc_cache_save_campaigns_async (self->cache, campaigns, NULL, NULL, NULL);
}

static void
cabinet_apply (McCabinet  *self,
               Check      *check,
               GPtrArray  *campaigns)
{
  McCampaign *first = g_ptr_array_index (campaigns, 0);
  gint64 business_id = mc_campaign_get_business_id (first);
  const char *business_name = mc_campaign_get_business_name (first);
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();

  g_object_freeze_notify (G_OBJECT (self));

  /* A token of one business sees its stores only; an OAuth token may reach
   * several, and a cabinet is one business: keep the first one's stores. */
  for (guint i = 0; i < campaigns->len; i++)
    {
      McCampaign *campaign = g_ptr_array_index (campaigns, i);

      if (mc_campaign_get_business_id (campaign) == business_id)
        g_ptr_array_add (mine, campaign);
    }

  g_list_store_splice (self->campaigns, 0, g_list_model_get_n_items (G_LIST_MODEL (self->campaigns)),
                       mine->pdata, mine->len);
  cabinet_save_campaigns (self);

  if (self->business_id != business_id)
    {
      self->business_id = business_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSINESS_ID]);
    }

  if (g_strcmp0 (self->business_name, business_name) != 0)
    {
      g_free (self->business_name);
      self->business_name = g_strdup (business_name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSINESS_NAME]);
    }

  if (check->has_info)
    {
      g_strfreev (self->scopes);
      self->scopes = g_steal_pointer (&check->scopes);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCOPES]);

      if (self->can_send != check->can_send)
        {
          self->can_send = check->can_send;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SEND]);
        }
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/* A key the seller just typed is checked with one quick retry rather than
 * the usual back-off, so that no network is said in a second or two, not
 * seven; the cabinet's reads retry as usual afterwards. */
#define CONNECT_RETRIES 1

static void
check_return (GTask  *task,
              GError *error)
{
  Check *check = g_task_get_task_data (task);

  if (g_task_get_source_tag (task) == mc_cabinet_connect_async)
    mc_api_client_set_max_retries (check->cabinet->client, MC_API_CLIENT_DEFAULT_RETRIES);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_campaigns (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Check *check = g_task_get_task_data (task);
  g_autoptr(GPtrArray) campaigns = NULL;
  GError *error = NULL;

  campaigns = mc_api_client_get_campaigns_finish (MC_API_CLIENT (object), result, &error);
  if (campaigns == NULL)
    {
      check_return (task, error);
      return;
    }

  if (campaigns->len == 0)
    {
      check_return (task, g_error_new_literal (MC_API_ERROR, MC_API_ERROR_PROTOCOL,
                                               _("This key has no stores on the Market")));
      return;
    }

  cabinet_apply (check->cabinet, check, campaigns);

  /* A refreshed cabinet is one the seller kept: keep its entry current. */
  if (g_task_get_source_tag (task) == mc_cabinet_refresh_async)
    {
      g_autoptr(GError) local_error = NULL;

      if (!mc_cabinet_remember (check->cabinet, &local_error))
        g_warning ("Could not remember cabinet “%s”: %s", check->cabinet->label, local_error->message);
    }

  check_return (task, NULL);
}

static void
on_token_checked (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Check *check = g_task_get_task_data (task);
  g_autoptr(McTokenInfo) info = NULL;
  GError *error = NULL;

  info = mc_api_client_check_token_finish (MC_API_CLIENT (object), result, &error);
  /* Any Api-Key may ask for its own scopes: a refusal here says the key
   * itself is wrong, not that it lacks access to something. */
  if (g_error_matches (error, MC_API_ERROR, MC_API_ERROR_FORBIDDEN))
    error->code = MC_API_ERROR_UNAUTHORIZED;
  if (info == NULL)
    {
      check_return (task, error);
      return;
    }

  if (!mc_token_info_can_read (info))
    {
      check_return (task, g_error_new_literal (MC_API_ERROR, MC_API_ERROR_FORBIDDEN,
                                               _("This key may not read chats: give it the “Communication with customers” or “All methods” access")));
      return;
    }

  check->has_info = TRUE;
  check->can_send = mc_token_info_can_send (info);
  check->scopes = g_strdupv (info->scopes);

  mc_api_client_get_campaigns_async (check->cabinet->client, g_task_get_cancellable (task),
                                     on_campaigns, g_object_ref (task));
}

/* Shared by connect and refresh: @task's source object is @self. */
static void
cabinet_check (McCabinet    *self,
               GTask        *task)
{
  Check *check = g_new0 (Check, 1);

  check->cabinet = g_object_ref (self);
  g_task_set_task_data (task, check, check_free);

  if (self->kind == MC_AUTH_KIND_API_KEY)
    mc_api_client_check_token_async (self->client, g_task_get_cancellable (task),
                                     on_token_checked, g_object_ref (task));
  else
    mc_api_client_get_campaigns_async (self->client, g_task_get_cancellable (task),
                                       on_campaigns, g_object_ref (task));
}

void
mc_cabinet_connect_async (const char          *base_url,
                          McAuthKind           kind,
                          const char          *label,
                          const char          *token,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(McCabinet) self = NULL;
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (label != NULL);
  g_return_if_fail (token != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  self = cabinet_new (base_url, kind, label, token, &error);
  if (self == NULL)
    {
      g_task_report_error (NULL, callback, user_data, mc_cabinet_connect_async, error);
      return;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mc_cabinet_connect_async);
  mc_api_client_set_max_retries (self->client, CONNECT_RETRIES);
  cabinet_check (self, task);
}

McCabinet *
mc_cabinet_connect_finish (GAsyncResult  *result,
                           GError       **error)
{
  GObject *source;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  source = g_task_get_source_object (G_TASK (result));

  return g_object_ref (MC_CABINET (source));
}

McCabinet *
mc_cabinet_new_offline (const char  *base_url,
                        McAuthKind   kind,
                        const char  *label,
                        const char  *token,
                        GError     **error)
{
  McCabinet *self;

  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (token != NULL, NULL);

  self = cabinet_new (base_url, kind, label, token, error);
  if (self != NULL && !registry_lookup (self))
    g_debug ("No business known yet for cabinet “%s”", label);

  return self;
}

void
mc_cabinet_refresh_async (McCabinet           *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MC_IS_CABINET (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mc_cabinet_refresh_async);
  cabinet_check (self, task);
}

gboolean
mc_cabinet_refresh_finish (McCabinet     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

const char *
mc_cabinet_get_label (McCabinet *self)
{
  g_return_val_if_fail (MC_IS_CABINET (self), NULL);

  return self->label;
}

McAuthKind
mc_cabinet_get_kind (McCabinet *self)
{
  g_return_val_if_fail (MC_IS_CABINET (self), MC_AUTH_KIND_API_KEY);

  return self->kind;
}

gint64
mc_cabinet_get_business_id (McCabinet *self)
{
  g_return_val_if_fail (MC_IS_CABINET (self), 0);

  return self->business_id;
}

const char *
mc_cabinet_get_business_name (McCabinet *self)
{
  g_return_val_if_fail (MC_IS_CABINET (self), NULL);

  return self->business_name;
}

McApiClient *
mc_cabinet_get_client (McCabinet *self)
{
  g_return_val_if_fail (MC_IS_CABINET (self), NULL);

  return self->client;
}

McCache *
mc_cabinet_get_cache (McCabinet *self)
{
  g_return_val_if_fail (MC_IS_CABINET (self), NULL);

  return self->cache;
}

/* A cabinet that fetched its stores (connect) saves them to its new cache;
 * one that did not (from the cabinets file, without network) shows the
 * ones saved last. */
static void
cabinet_take_cache (McCabinet *self,
                    McCache   *cache)
{
  self->cache = cache;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->campaigns)) > 0)
    cabinet_save_campaigns (self);
  else
    {
      g_autoptr(GPtrArray) campaigns = NULL;
      g_autoptr(GError) error = NULL;

      campaigns = mc_cache_load_campaigns (cache, &error);
      if (campaigns == NULL)
        g_warning ("Could not load the saved stores of cabinet “%s”: %s",
                   self->label, error->message);
      else
        g_list_store_splice (self->campaigns, 0, 0, campaigns->pdata, campaigns->len);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE]);
}

gboolean
mc_cabinet_open_cache (McCabinet  *self,
                       GError    **error)
{
  McCache *cache;

  g_return_val_if_fail (MC_IS_CABINET (self), FALSE);

  if (self->cache != NULL)
    return TRUE;

  if (self->business_id == 0)
    {
      g_set_error (error, MC_API_ERROR, MC_API_ERROR_INVALID_INPUT,
                   _("The stores of cabinet “%s” have not been loaded yet"), self->label);
      return FALSE;
    }

  cache = mc_cache_open (self->business_id, error);
  if (cache == NULL)
    return FALSE;

  cabinet_take_cache (self, cache);

  return TRUE;
}

GListModel *
mc_cabinet_get_campaigns (McCabinet *self)
{
  g_return_val_if_fail (MC_IS_CABINET (self), NULL);

  return G_LIST_MODEL (self->campaigns);
}

const char * const *
mc_cabinet_get_scopes (McCabinet *self)
{
  g_return_val_if_fail (MC_IS_CABINET (self), NULL);

  return (const char * const *) self->scopes;
}

gboolean
mc_cabinet_get_can_send (McCabinet *self)
{
  g_return_val_if_fail (MC_IS_CABINET (self), FALSE);

  return self->can_send;
}

gboolean
mc_cabinet_get_demo (McCabinet *self)
{
  g_return_val_if_fail (MC_IS_CABINET (self), FALSE);

  return self->demo;
}

void
mc_cabinet_set_demo (McCabinet *self,
                     gboolean   demo)
{
  g_return_if_fail (MC_IS_CABINET (self));

  demo = !!demo;
  if (self->demo == demo)
    return;

  self->demo = demo;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
}

gboolean
mc_cabinet_open_cache_path (McCabinet   *self,
                            const char  *path,
                            GError     **error)
{
  McCache *cache;

  g_return_val_if_fail (MC_IS_CABINET (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->cache != NULL)
    return TRUE;

  cache = mc_cache_open_path (path, self->business_id, error);
  if (cache == NULL)
    return FALSE;

  cabinet_take_cache (self, cache);

  return TRUE;
}
