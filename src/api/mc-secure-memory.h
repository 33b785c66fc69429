/* mc-secure-memory.h: a copy of a secret in memory that is never swapped
 * out, left out of core dumps, and wiped when freed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A copy of @text in its own locked pages (plain memory, still wiped on
 * free, where the system refuses to lock).  Free with mc_secure_free(). */
char *mc_secure_strdup (const char *text);
/* Overwrites @text with zeros and releases it; NULL is ignored. */
void  mc_secure_free   (char       *text);

G_END_DECLS
