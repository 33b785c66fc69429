/* mc-api-client-accounts.c: the stores of the key and what the key may do:
 * getCampaigns, every page, and getAuthTokenInfo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-api-client-private.h"
#include "mc-api-parse.h"

#define MAX_CAMPAIGN_PAGES 1000
#define CAMPAIGNS_PAGE_LIMIT 100

/* getCampaigns: every page, one request per page */

typedef struct
{
  GPtrArray *campaigns;
  char      *next_page_token;
} CampaignPage;

static void
campaign_page_free (gpointer data)
{
  CampaignPage *page = data;

  g_clear_pointer (&page->campaigns, g_ptr_array_unref);
  g_free (page->next_page_token);
  g_free (page);
}

static void
complete_campaigns (McApiRequest *req,
                    const char   *data,
                    gsize         length)
{
  g_autoptr(GTask) task = mc_api_request_finish (req);
  g_autoptr(GPtrArray) rejected = g_ptr_array_new_with_free_func (g_free);
  CampaignPage *page = g_new0 (CampaignPage, 1);
  GError *error = NULL;

  if (!mc_api_parse_campaigns (data, length, &page->campaigns, &page->next_page_token,
                               rejected, &error))
    {
      campaign_page_free (page);
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < rejected->len; i++)
    g_debug ("getCampaigns skipped %s", (char *) g_ptr_array_index (rejected, i));

  g_task_return_pointer (task, page, campaign_page_free);
}

static void
get_campaigns_page_async (McApiClient         *self,
                          const char          *page_token,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GString) query = g_string_new (NULL);
  McApiRequest *req;

  mc_api_append_paging (query, page_token, CAMPAIGNS_PAGE_LIMIT);
  req = mc_api_request_new_for_endpoint (self, MC_API_METHOD_GET_CAMPAIGNS, NO_BUSINESS, 0, query->str,
                                         complete_campaigns, get_campaigns_page_async,
                                         cancellable, callback, user_data);
  mc_api_request_submit (req);
}

static void
on_campaigns_page (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  McApiClient *self = MC_API_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  McApiWalk *walk = g_task_get_task_data (task);
  CampaignPage *page;
  GError *error = NULL;

  page = g_task_propagate_pointer (G_TASK (result), &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < page->campaigns->len; i++)
    {
      McCampaign *campaign = g_ptr_array_index (page->campaigns, i);

      mc_api_walk_add (walk, mc_campaign_get_id (campaign), campaign);
    }

  if (mc_api_walk_continue (walk, page->next_page_token, page->campaigns->len, 0))
    {
      get_campaigns_page_async (self, page->next_page_token, g_task_get_cancellable (task),
                                on_campaigns_page, g_object_ref (task));
    }
  else
    {
      g_task_return_pointer (task, g_ptr_array_ref (walk->items),
                             (GDestroyNotify) g_ptr_array_unref);
    }

  campaign_page_free (page);
}

void
mc_api_client_get_campaigns_async (McApiClient         *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = mc_api_walk_task_new (self, MAX_CAMPAIGN_PAGES, mc_api_client_get_campaigns_async,
                               cancellable, callback, user_data);

  get_campaigns_page_async (self, NULL, cancellable, on_campaigns_page, g_object_ref (task));
}

GPtrArray *
mc_api_client_get_campaigns_finish (McApiClient   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return mc_api_client_finish_pointer (self, result, error);
}

/* POST /v2/auth/token */

static void
complete_token (McApiRequest *req,
                const char   *data,
                gsize         length)
{
  g_autoptr(GTask) task = mc_api_request_finish (req);
  g_autoptr(McTokenInfo) info = g_new0 (McTokenInfo, 1);
  GError *error = NULL;

  if (!mc_api_parse_token_info (data, length, &info->name, &info->scopes, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&info), (GDestroyNotify) mc_token_info_free);
}

void
mc_api_client_check_token_async (McApiClient         *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  McApiRequest *req;

  g_return_if_fail (MC_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  req = mc_api_request_new_for_endpoint (self, MC_API_METHOD_AUTH_TOKEN, NO_BUSINESS, 0, NULL,
                                         complete_token, mc_api_client_check_token_async,
                                         cancellable, callback, user_data);
  mc_api_request_submit (req);
}

McTokenInfo *
mc_api_client_check_token_finish (McApiClient   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return mc_api_client_finish_pointer (self, result, error);
}
