/* mc-fake-market-accounts.c: getCampaigns and getAuthTokenInfo.
 *
 * What a token opens: the campaigns of its business, and the token's own
 * name and scopes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-fake-market-private.h"

/* Endpoints; called with the lock held */

Reply
mc_fake_handle_campaigns (McFakeMarket *self,
                          Request      *req)
{
  Reply error;
  gint64 limit;
  guint64 offset;
  guint ids[MC_FAKE_N_CAMPAIGNS], n = 0, end;
  JsonObject *root;
  JsonArray *campaigns;
  JsonObject *pager;
  JsonNode *node;

  if (!mc_fake_query_get_int (req, "limit", 1, 100, FALSE, 100, &limit, &error) ||
      !mc_fake_decode_page_token (self, req, 'c', &offset, &error))
    return error;

  for (guint i = 0; i < MC_FAKE_N_CAMPAIGNS; i++)
    if (mc_fake_data_get_campaign (self->data, i)->business == (guint) req->business)
      ids[n++] = i;

  if (offset > n)
    return mc_fake_reply_error (400, "Invalid pageToken");

  end = MIN (n, offset + (guint) limit);
  root = json_object_new ();
  campaigns = json_array_new ();
  for (guint i = offset; i < end; i++)
    {
      const McFakeCampaign *campaign = mc_fake_data_get_campaign (self->data, ids[i]);
      const McFakeBusiness *business = mc_fake_data_get_business (self->data, campaign->business);
      JsonObject *object = json_object_new ();
      JsonObject *business_object = json_object_new ();

      json_object_set_string_member (object, "domain", campaign->domain);
      json_object_set_int_member (object, "id", campaign->id);
      json_object_set_int_member (business_object, "id", business->id);
      json_object_set_string_member (business_object, "name", business->name);
      json_object_set_object_member (object, "business", business_object);
      json_object_set_string_member (object, "placementType", mc_placement_type_to_string (campaign->placement));
      json_object_set_string_member (object, "apiAvailability", "AVAILABLE");
      json_array_add_object_element (campaigns, object);
    }
  json_object_set_array_member (root, "campaigns", campaigns);

  pager = json_object_new ();
  json_object_set_int_member (pager, "total", n);
  json_object_set_int_member (pager, "from", offset + 1);
  json_object_set_int_member (pager, "to", end);
  json_object_set_int_member (pager, "currentPage", offset / limit + 1);
  json_object_set_int_member (pager, "pagesCount", (n + limit - 1) / limit);
  json_object_set_int_member (pager, "pageSize", limit);
  json_object_set_object_member (root, "pager", pager);
  mc_fake_add_paging (root, end < n ? mc_fake_encode_page_token (self, 'c', end) : NULL);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, root);
  return (Reply) { SOUP_STATUS_OK, node };
}

Reply
mc_fake_handle_auth_token (McFakeMarket *self,
                           Request      *req)
{
  JsonObject *result, *api_key;
  JsonArray *scopes;
  JsonNode *node;

  if (token_specs[req->token].oauth)
    return mc_fake_reply_error (403, "This method accepts only Api-Key tokens");

  result = json_object_new ();
  api_key = json_object_new ();
  scopes = json_array_new ();
  node = json_node_new (JSON_NODE_OBJECT);
  {
    g_auto(GStrv) names = g_strsplit (token_specs[req->token].scope, " ", -1);

    for (guint i = 0; names[i] != NULL; i++)
      json_array_add_string_element (scopes, names[i]);
  }
  json_object_set_string_member (api_key, "name", token_specs[req->token].name);
  json_object_set_array_member (api_key, "authScopes", scopes);
  json_object_set_object_member (result, "apiKey", api_key);
  json_node_take_object (node, result);

  return mc_fake_reply_ok (node);
}
