/* mc-conversation-private.h: McConversation spans three files: the chat
 * shown and its verbs (mc-conversation.c), keeping the newest message in
 * view (mc-conversation-scroll.c), attachments (mc-conversation-files.c),
 * and the reply clock in the header (mc-conversation-clock.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mc-conversation.h"

G_BEGIN_DECLS

struct _McConversation
{
  GtkWidget        parent_instance;

  McSession       *session;
  McChatTimeline  *timeline;
  GListModel      *messages;     /* the timeline's, while one is shown */
  GSignalGroup    *chat_signals;
  GSignalGroup    *messages_signals;
  GCancellable    *cancellable;
  GPtrArray       *bound_items;
  char            *title;
  char            *subtitle;

  gboolean         stick_to_bottom;
  gboolean         keep_distance;
  double           distance_from_bottom;
  guint            keep_distance_tick;
  guint            settle_tick_id;
  guint            settle_frames;
  gboolean         model_fresh;
  /* The first message the seller had not seen when the chat opened: the
   * divider goes above it and the view opens there (0: at the bottom). */
  gint64           first_unread_id;
  gboolean         to_first_unread;
  guint            unread_tick_id;
  guint            unread_frames;

  GtkStack          *stack;
  GtkLabel          *details_label;
  GtkLabel          *clock_label;
  GSignalGroup      *clock_signals;
  guint              clock_timeout_id;
  GtkButton         *copy_button;
  GtkScrolledWindow *scrolled_window;
  GtkListView       *list_view;
  GtkSpinner        *older_spinner;
  GtkRevealer       *new_messages_revealer;
  AdwStatusPage     *first_message_page;
  GtkButton         *new_messages_button;
  McComposer        *composer;
  GtkRevealer       *elsewhere_revealer;

  /* The search in the chat (mc-conversation-search.c). */
  GtkSearchBar      *search_bar;
  GtkSearchEntry    *search_entry;
  GtkLabel          *search_count_label;
  GtkButton         *search_older_button;
  GtkButton         *search_newer_button;
  GtkWidget         *search_scope_box;
  char              *search_needle;
  GArray            *search_hits;
  guint              search_current;
  /* Going past the oldest match asked for older history: step to the
   * first match it brings (the matches held before it came). */
  gboolean           search_step_after_load;
  guint              search_hits_before_load;
  GWeakRef           search_return_focus;

  GtkFileChooserNative *save_chooser;
  GtkWindow            *duplicate_dialog;
};

/* mc-conversation.c */
/* The timeline's own errors are worded for the seller already; the
 * Market's are explained. */
char    *mc_conversation_describe_error      (const GError      *error);

/* mc-conversation-scroll.c */
void     mc_conversation_scroll_init         (McConversation    *self);
/* A new chat (or none) is shown: it opens at its newest message. */
void     mc_conversation_scroll_reset        (McConversation    *self);
void     mc_conversation_scroll_to_bottom    (McConversation    *self);
/* A chat opens at self->first_unread_id: that row is brought to the top
 * of the view once the list has laid it out. */
void     mc_conversation_scroll_to_first_unread (McConversation *self);
/* Messages arrived at the bottom: pinned, the view follows them;
 * scrolled up, the seller is told. */
void     mc_conversation_scroll_added_at_end (McConversation    *self);
void     mc_conversation_scroll_older_added  (McConversation    *self);
void     mc_conversation_show_new_messages   (McConversation    *self,
                                              gboolean           show);
void     mc_conversation_on_edge_reached     (McConversation    *self,
                                              GtkPositionType    position,
                                              GtkScrolledWindow *scrolled_window);
void     mc_conversation_on_new_messages_clicked (McConversation *self);

/* Scrolls message @position into view, ending the pinning to the
 * bottom. */
void     mc_conversation_scroll_to_message   (McConversation    *self,
                                              guint              position);

/* mc-conversation-search.c */
void     mc_conversation_search_init         (McConversation    *self);
void     mc_conversation_search_finalize     (McConversation    *self);
void     mc_conversation_search_class_init   (GtkWidgetClass    *widget_class);
/* Another chat is shown: the search closes. */
void     mc_conversation_search_reset        (McConversation    *self);
/* The messages changed: the matches are counted again. */
void     mc_conversation_search_refresh      (McConversation    *self);
/* Marks the matches in a row the list just bound. */
void     mc_conversation_search_bind_row     (McConversation    *self,
                                              GtkListItem       *item);

/* mc-conversation-clock.c */
void     mc_conversation_clock_init          (McConversation    *self);
void     mc_conversation_clock_dispose       (McConversation    *self);
/* Shows the open chat's reply clock in the header, and keeps it current. */
void     mc_conversation_update_clock        (McConversation    *self);

/* mc-conversation-files.c */
void     mc_conversation_open_attachment     (McConversation    *self,
                                              McAttachment      *attachment);
void     mc_conversation_save_attachment     (McConversation    *self,
                                              McAttachment      *attachment);

G_END_DECLS
