/* mc-rate-window.h: a sliding window of request times, for hourly budgets.
 *
 * Times are monotonic microseconds.  The window keeps one timestamp per
 * request, so its count is exact at any moment rather than per bucket.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _McRateWindow McRateWindow;

McRateWindow *mc_rate_window_new         (gint64        period_usec);
void          mc_rate_window_free        (McRateWindow *self);
void          mc_rate_window_add         (McRateWindow *self,
                                          gint64        now);
/* Takes back the most recent request (one the server did not count). */
void          mc_rate_window_remove_last (McRateWindow *self);
guint         mc_rate_window_count       (McRateWindow *self,
                                          gint64        now);
/* When the oldest request leaves the window, or 0 if it is empty. */
gint64        mc_rate_window_next_free   (McRateWindow *self,
                                          gint64        now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McRateWindow, mc_rate_window_free)

G_END_DECLS
