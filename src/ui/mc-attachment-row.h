/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mc-attachment.h"

G_BEGIN_DECLS

#define MC_TYPE_ATTACHMENT_ROW (mc_attachment_row_get_type ())
G_DECLARE_FINAL_TYPE (McAttachmentRow, mc_attachment_row, MC, ATTACHMENT_ROW, GtkWidget)

/* A file in a message: type icon, name, size, "Open" and "Save As…".
 * Property "attachment" (McAttachment, construct-only).  Signals "open"
 * and "save" (no arguments) when the seller asks for either. */
GtkWidget    *mc_attachment_row_new            (McAttachment    *attachment);
McAttachment *mc_attachment_row_get_attachment (McAttachmentRow *self);

G_END_DECLS
