/* mc-test-util.h: what the core and app tests share: waiting on the main
 * context, temporary directories, the fake Market, the file keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mc-fake-market.h"

G_BEGIN_DECLS

/* Long enough for a slow, loaded CI machine; a hang still ends well
 * before meson's own timeout, with an assertion that says where. */
#define MC_TEST_WAIT_MSEC 15000

typedef gboolean (*McTestCondition) (gpointer data);

void           mc_test_store_result     (GObject          *object,
                                         GAsyncResult     *result,
                                         gpointer          user_data);
GAsyncResult  *mc_test_wait_for         (GAsyncResult    **slot);
gboolean       mc_test_wait_until       (McTestCondition   condition,
                                         gpointer          data,
                                         guint             timeout_msec);
GAsyncResult  *mc_test_wait_result      (GAsyncResult    **slot);
void           mc_test_iterate_for      (guint             msec);

char          *mc_test_shared_tmp_dir   (const char       *env_name,
                                         const char       *tmpl);
void           mc_test_remove_tree      (const char       *path);
void           mc_test_use_file_keyring (const char       *dir);

McFakeMarket  *mc_test_start_market     (McFakeMarket     *market);
void           mc_test_stop_market      (McFakeMarket     *market);

G_END_DECLS
