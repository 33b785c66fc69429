/* mc-session-templates.c: the seller's reply templates, all cabinets' in
 * one database of their own beside the cabinets' caches (the demo's in
 * its own folder), opened the first time something asks for them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-session-private.h"

#define TEMPLATES_FILE "templates.sqlite"

McTemplateStore *
mc_session_get_templates (McSession *self)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(McCache) cache = NULL;

  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  if (self->templates != NULL || self->templates_error != NULL)
    return self->templates;

  dir = self->demo_dir != NULL ? g_strdup (self->demo_dir) : mc_cache_dup_data_dir ();
  path = g_build_filename (dir, TEMPLATES_FILE, NULL);
  cache = mc_cache_open_path (path, 0, &self->templates_error);
  if (cache != NULL)
    self->templates = mc_template_store_new (cache, &self->templates_error);

  if (self->templates == NULL)
    {
      g_warning ("Could not open the templates in %s: %s", path, self->templates_error->message);
      if (cache != NULL)
        mc_cache_close (cache);
      return NULL;
    }

  self->templates_cache = g_steal_pointer (&cache);
  return self->templates;
}

const GError *
mc_session_get_templates_error (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return self->templates_error;
}

/* Before the demo starts or the session goes: every write lands, and the
 * next caller opens the templates of the folder in use then. */
void
mc_session_close_templates (McSession *self)
{
  if (self->templates_cache != NULL)
    mc_cache_close (self->templates_cache);
  g_clear_object (&self->templates_cache);
  g_clear_object (&self->templates);
  g_clear_error (&self->templates_error);
}
