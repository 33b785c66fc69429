/* mc-test-util.c: what the core and app tests share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "mc-test-util.h"

/* A GAsyncReadyCallback that keeps the result in the GAsyncResult* slot
 * @user_data, which must be empty: a second callback is a bug. */
void
mc_test_store_result (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

/* Blocks in the default main context until @slot is filled; meson's
 * timeout is the limit. */
GAsyncResult *
mc_test_wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

/* Runs the default main context until @condition holds; FALSE on timeout.
 * It polls rather than blocks, so a condition another thread makes true
 * is seen even when nothing wakes the context. */
gboolean
mc_test_wait_until (McTestCondition condition,
                    gpointer        data,
                    guint           timeout_msec)
{
  gint64 deadline = g_get_monotonic_time () + timeout_msec * G_TIME_SPAN_MILLISECOND;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }

  return TRUE;
}

static gboolean
slot_is_set (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/* As mc_test_wait_for(), but fails the test after MC_TEST_WAIT_MSEC. */
GAsyncResult *
mc_test_wait_result (GAsyncResult **slot)
{
  g_assert_true (mc_test_wait_until (slot_is_set, slot, MC_TEST_WAIT_MSEC));
  return *slot;
}

void
mc_test_iterate_for (guint msec)
{
  gint64 end = g_get_monotonic_time () + msec * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* A temporary directory that g_test_trap_subprocess() children share with
 * their parent: the parent makes it and names it in @env_name, which the
 * children inherit.  Only the parent should remove it. */
char *
mc_test_shared_tmp_dir (const char *env_name,
                        const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir;

  if (g_getenv (env_name) != NULL)
    return g_strdup (g_getenv (env_name));

  dir = g_dir_make_tmp (tmpl, &error);
  g_assert_no_error (error);
  g_setenv (env_name, dir, TRUE);

  return dir;
}

/* Symbolic links are removed, never followed. */
void
mc_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        mc_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* Points libsecret's file backend (SECRET_BACKEND=file, which the test's
 * meson environment sets) at @dir/test.keyring.  Call it before libsecret
 * first reads the environment. */
void
mc_test_use_file_keyring (const char *dir)
{
  g_autofree char *keyring = g_build_filename (dir, "test.keyring", NULL);

  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
}

/* Starts @market on a free loopback port and returns it. */
McFakeMarket *
mc_test_start_market (McFakeMarket *market)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_fake_market_start (market, 0, &error));
  g_assert_no_error (error);

  return market;
}

/* Stops @market and checks that this dropped its last reference. */
void
mc_test_stop_market (McFakeMarket *market)
{
  mc_fake_market_stop (market);
  g_assert_finalize_object (market);
}
