/* mc-secure-memory.c: locked, wiped copies of secrets.
 *
 * The API layer may not use libsecret, whose secure memory does the same
 * for the keyring layer; this is the few lines it needs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _DEFAULT_SOURCE /* mlock, madvise, MAP_ANONYMOUS under -std=c11 */

#include "config.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mc-secure-memory.h"

/* Each copy starts with the size of its mapping, then the text. */
typedef struct
{
  gsize size;
} Header;

static void
wipe (volatile char *p,
      gsize          length)
{
  while (length-- > 0)
    *p++ = '\0';
}

char *
mc_secure_strdup (const char *text)
{
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  gsize length;
  gsize size;
  Header *header;
  char *copy;

  if (text == NULL)
    return NULL;

  length = strlen (text) + 1;
  size = (sizeof (Header) + length + page - 1) / page * page;
  header = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  g_assert (header != MAP_FAILED);

  /* Best effort: a low RLIMIT_MEMLOCK leaves it in ordinary pages. */
  mlock (header, size);
#ifdef MADV_DONTDUMP
  madvise (header, size, MADV_DONTDUMP);
#endif

  header->size = size;
  copy = (char *) (header + 1);
  memcpy (copy, text, length);

  return copy;
}

void
mc_secure_free (char *text)
{
  Header *header;
  gsize size;

  if (text == NULL)
    return;

  header = (Header *) text - 1;
  size = header->size;
  wipe ((volatile char *) header, size);
  munlock (header, size);
  munmap (header, size);
}
