/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MC_TYPE_ATTACHMENT (mc_attachment_get_type ())
G_DECLARE_FINAL_TYPE (McAttachment, mc_attachment, MC, ATTACHMENT, GObject)

/* Properties: "name", "url" (strings), "size" (gint64, bytes). */
McAttachment *mc_attachment_new      (const char   *name,
                                      const char   *url,
                                      gint64        size);
const char   *mc_attachment_get_name (McAttachment *self);
const char   *mc_attachment_get_url  (McAttachment *self);
gint64        mc_attachment_get_size (McAttachment *self);

G_END_DECLS
