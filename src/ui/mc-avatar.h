/* mc-avatar.h: a round avatar with a person's initials, light enough for
 * the hundreds of rows a list view keeps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MC_TYPE_AVATAR (mc_avatar_get_type ())
G_DECLARE_FINAL_TYPE (McAvatar, mc_avatar, MC, AVATAR, GtkWidget)

GtkWidget  *mc_avatar_new      (int         size);
const char *mc_avatar_get_text (McAvatar   *self);
void        mc_avatar_set_text (McAvatar   *self,
                                const char *text);
int         mc_avatar_get_size (McAvatar   *self);
void        mc_avatar_set_size (McAvatar   *self,
                                int         size);

G_END_DECLS
