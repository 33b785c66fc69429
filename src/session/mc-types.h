/* mc-types.h: the core's classes that the session's public headers name,
 * declared without their headers, so that including the session does not
 * drag the layers below it into the widgets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _McCabinet    McCabinet;
typedef struct _McChatStore  McChatStore;
typedef struct _McChatTimeline McChatTimeline;
typedef struct _McSidebarModel  McSidebarModel;
typedef struct _McSyncEngine McSyncEngine;
typedef struct _McTemplateStore McTemplateStore;

G_END_DECLS
