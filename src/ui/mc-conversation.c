/* mc-conversation.c: the messages of one chat and the composer under them.
 *
 * The list keeps to the bottom while the seller is there, so a new
 * message shows up; older history loads when the top is reached, keeping
 * the message the seller was reading in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "mc-api-error.h"
#include "mc-cabinet-private.h"
#include "mc-chat-store.h"
#include "mc-conversation.h"
#include "mc-message-row.h"
#include "mc-sidebar-model.h"
#include "mc-sync-engine.h"
#include "mc-ui-util.h"
#include "mc-ui.h"

/* How close to the bottom, in pixels, still counts as "at the bottom". */
#define BOTTOM_SLACK 48
/* Frames the view must rest at the bottom before pinning stops checking:
 * the list measures the rows it shows over the frames after a change. */
#define SETTLE_FRAMES 6
/* Attachments the customer sent may be larger than what a seller may send. */
#define MAX_DOWNLOAD_SIZE (64 * 1024 * 1024)

struct _McConversation
{
  GtkWidget        parent_instance;

  McSession       *session;
  McChat          *chat;
  McMessageStore  *messages;
  GCancellable    *cancellable;
  GPtrArray       *bound_items;
  char            *title;
  char            *subtitle;

  gboolean         stick_to_bottom;
  gboolean         loading_older;
  gboolean         keep_distance;
  double           distance_from_bottom;
  guint            keep_distance_tick;
  guint            settle_tick_id;
  guint            settle_frames;
  gboolean         model_fresh;

  GtkStack          *stack;
  GtkLabel          *details_label;
  GtkButton         *copy_button;
  GtkScrolledWindow *scrolled_window;
  GtkListView       *list_view;
  GtkSpinner        *older_spinner;
  GtkRevealer       *new_messages_revealer;
  AdwStatusPage     *first_message_page;
  GtkButton         *new_messages_button;
  McComposer        *composer;

  GtkFileChooserNative *save_chooser;
  GtkWindow            *duplicate_dialog;
};

G_DEFINE_FINAL_TYPE (McConversation, mc_conversation, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_CHAT,
  PROP_TITLE,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  McConversation *self;
  McAttachment   *attachment;
  GFile          *target;
  gboolean        open;
  GBytes         *bytes;   /* held while the seller is asked */
} Download;

static void
download_free (Download *download)
{
  g_clear_object (&download->self);
  g_clear_object (&download->attachment);
  g_clear_object (&download->target);
  g_clear_pointer (&download->bytes, g_bytes_unref);
  g_free (download);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Download, download_free)

GtkWidget *
mc_conversation_new (void)
{
  return g_object_new (MC_TYPE_CONVERSATION, NULL);
}

static McChatStore *
get_chat_store (McConversation *self)
{
  return self->session != NULL ? mc_session_get_chats (self->session) : NULL;
}

static McCabinet *
get_cabinet (McConversation *self)
{
  if (self->session == NULL || self->chat == NULL)
    return NULL;

  return mc_session_get_cabinet_for_chat (self->session, mc_chat_get_chat_id (self->chat));
}

static GtkAdjustment *
get_vadjustment (McConversation *self)
{
  return gtk_scrolled_window_get_vadjustment (self->scrolled_window);
}

static void
set_string (char       **field,
            const char  *value,
            GObject     *object,
            GParamSpec  *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (object, pspec);
}

/* The order or return number, 0 when the chat has none. */
static gint64
get_context_number (McConversation *self)
{
  McChatContext *context = self->chat != NULL ? mc_chat_get_context (self->chat) : NULL;

  if (context == NULL)
    return 0;

  if (mc_chat_context_get_context_type (context) == MC_CONTEXT_TYPE_RETURN &&
      mc_chat_context_get_return_id (context) > 0)
    return mc_chat_context_get_return_id (context);

  return mc_chat_context_get_order_id (context);
}

static void
copy_number_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  McConversation *self = MC_CONVERSATION (widget);
  gint64 number = get_context_number (self);
  g_autofree char *text = NULL;

  if (number <= 0)
    return;

  text = g_strdup_printf ("%" G_GINT64_FORMAT, number);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  mc_ui_toast (widget, _("Copied"));
}

static void
mc_conversation_update_header (McConversation *self)
{
  McChatContext *context;
  g_autoptr(GString) subtitle = NULL;
  g_autoptr(GString) details = NULL;
  const char *name;
  gint64 campaign_id;

  if (self->chat == NULL)
    {
      set_string (&self->title, NULL, G_OBJECT (self), properties[PROP_TITLE]);
      set_string (&self->subtitle, NULL, G_OBJECT (self), properties[PROP_SUBTITLE]);
      return;
    }

  context = mc_chat_get_context (self->chat);
  name = mc_chat_get_customer_name (self->chat);
  set_string (&self->title, name != NULL && *name != '\0' ? name : _("Customer"),
              G_OBJECT (self), properties[PROP_TITLE]);

  subtitle = g_string_new (NULL);
  if (context != NULL)
    {
      g_autofree char *what = mc_ui_format_context (mc_chat_context_get_context_type (context),
                                                    mc_chat_context_get_order_id (context),
                                                    mc_chat_context_get_return_id (context));

      g_string_append (subtitle, what);
    }

  campaign_id = mc_chat_get_campaign_id (self->chat);
  if (campaign_id != 0 && self->session != NULL)
    {
      McSidebarItem *item = mc_sidebar_model_find_campaign (mc_session_get_stores (self->session),
                                                       campaign_id);

      if (item != NULL)
        g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "",
                                mc_sidebar_item_get_title (item));
    }
  set_string (&self->subtitle, subtitle->str, G_OBJECT (self), properties[PROP_SUBTITLE]);

  details = g_string_new (mc_ui_chat_status_to_string (mc_chat_get_status (self->chat)));
  if (mc_chat_get_chat_type (self->chat) == MC_CHAT_TYPE_ARBITRAGE)
    /* Translators: appended to the chat status when the chat is a dispute. */
    g_string_append_printf (details, " · %s", _("Dispute"));
  gtk_label_set_label (self->details_label, details->str);
  gtk_widget_set_visible (GTK_WIDGET (self->copy_button), get_context_number (self) > 0);
}

static void
mc_conversation_update_composer (McConversation *self)
{
  McCabinet *cabinet = get_cabinet (self);
  const char *reason = NULL;

  if (self->chat == NULL)
    reason = NULL;
  else if (cabinet == NULL && self->session != NULL &&
           mc_session_get_keyring_pending (self->session))
    reason = _("Waiting for the keyring to give the cabinet’s key…");
  else if (cabinet == NULL)
    reason = _("The key of this chat’s cabinet is not available: these are the saved chats. "
               "Unlock the keyring, or add the key again in Preferences, to answer.");
  else if (!mc_cabinet_get_can_send (cabinet))
    reason = _("The key of this cabinet may only read chats. To answer, add a key with the "
               "“Communication with customers” access in Preferences.");
  else if (mc_chat_get_status (self->chat) == MC_CHAT_STATUS_FINISHED)
    reason = _("This chat is finished: the customer can no longer be answered in it.");

  mc_composer_set_disabled_reason (self->composer, reason);
}

/* A chat the seller started has nothing to show yet: say what to do. */
static void
mc_conversation_update_first_message (McConversation *self)
{
  gboolean empty = self->chat != NULL && self->messages != NULL &&
                   mc_chat_get_no_customer_message (self->chat) &&
                   g_list_model_get_n_items (G_LIST_MODEL (self->messages)) == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->first_message_page), empty);
}

static void
mc_conversation_mark_read (McConversation *self)
{
  gint64 last_id;

  if (self->chat == NULL || self->messages == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  last_id = mc_message_store_get_last_message_id (self->messages);
  if (last_id != 0)
    mc_chat_store_mark_read (get_chat_store (self), mc_chat_get_chat_id (self->chat), last_id);
}

static void
mc_conversation_show_new_messages (McConversation *self,
                                   gboolean        show)
{
  gtk_revealer_set_reveal_child (self->new_messages_revealer, show);
  /* Not focusable while hidden: Tab must not land on an invisible button. */
  gtk_widget_set_can_target (GTK_WIDGET (self->new_messages_revealer), show);
  gtk_widget_set_visible (GTK_WIDGET (self->new_messages_button), show);
}

/* Pinning to the bottom.  GTK 4.8's list estimates the height of rows it
 * has not measured and corrects the adjustment as it measures them, during
 * its own allocation; a value set from inside that (as "notify::upper")
 * is lost or leaves the scrollbar and the rows disagreeing.  So, while the
 * view is pinned, a tick moves it to the bottom after each layout until it
 * stays there for a few frames.  Not "list.scroll-to-item": in GTK 4.8 it
 * also focuses the row, and a focused selectable label selects all its
 * text. */
/* Until the list has been laid out with a new chat's messages, its
 * adjustment still holds the previous chat's height, and GTK 4.8 warns
 * when asked to scroll into it.  An empty list has nowhere to scroll. */
static gboolean
mc_conversation_can_scroll (McConversation *self)
{
  return !self->model_fresh &&
         self->messages != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->messages)) > 0;
}

static gboolean
on_settle_tick (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  McConversation *self = MC_CONVERSATION (widget);
  GtkAdjustment *adj = get_vadjustment (self);
  double bottom = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);

  if (!self->stick_to_bottom || self->keep_distance)
    {
      self->settle_tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  /* Ticks run before layout: the first one after a new chat is too early. */
  if (self->model_fresh)
    {
      self->model_fresh = FALSE;
      return G_SOURCE_CONTINUE;
    }

  if (mc_conversation_can_scroll (self) && gtk_adjustment_get_value (adj) < bottom - 0.5)
    {
      self->settle_frames = 0;
      gtk_adjustment_set_value (adj, bottom);
    }
  else if (++self->settle_frames >= SETTLE_FRAMES)
    {
      self->settle_tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
mc_conversation_settle (McConversation *self)
{
  self->settle_frames = 0;
  if (self->settle_tick_id == 0 && self->stick_to_bottom)
    self->settle_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_settle_tick, NULL, NULL);
}

static void
mc_conversation_stop_settling (McConversation *self)
{
  if (self->settle_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->settle_tick_id);
  self->settle_tick_id = 0;
}

static void
mc_conversation_scroll_to_bottom (McConversation *self)
{
  GtkAdjustment *adj = get_vadjustment (self);

  self->stick_to_bottom = TRUE;
  mc_conversation_show_new_messages (self, FALSE);
  if (mc_conversation_can_scroll (self))
    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
  mc_conversation_settle (self);
}

static void
on_new_messages_clicked (McConversation *self)
{
  mc_conversation_scroll_to_bottom (self);
}

/* The seller's own wheel or touchpad ends pinning at once: their scroll
 * wins over a view still settling at the bottom. */
static gboolean
on_user_scroll (McConversation           *self,
                double                    dx,
                double                    dy,
                GtkEventControllerScroll *controller)
{
  if (dy < 0)
    mc_conversation_stop_settling (self);

  return FALSE;
}

static void
on_scroll_begin (McConversation           *self,
                 GtkEventControllerScroll *controller)
{
  mc_conversation_stop_settling (self);
}

static void
mc_conversation_update_day_label (McConversation *self,
                                  GtkListItem    *item)
{
  McMessageRow *row = MC_MESSAGE_ROW (gtk_list_item_get_child (item));
  McMessage *message = gtk_list_item_get_item (item);
  guint position = gtk_list_item_get_position (item);
  gint64 created = mc_message_get_created_at (message);
  g_autofree char *label = NULL;

  if (position == 0 || position == GTK_INVALID_LIST_POSITION)
    label = mc_ui_format_day (created, g_get_real_time ());
  else
    {
      g_autoptr(McMessage) previous = g_list_model_get_item (G_LIST_MODEL (self->messages), position - 1);

      if (previous == NULL || !mc_ui_same_day (mc_message_get_created_at (previous), created))
        label = mc_ui_format_day (created, g_get_real_time ());
    }

  mc_message_row_set_day_label (row, label);
}

static void
on_messages_changed (McConversation *self,
                     guint           position,
                     guint           removed,
                     guint           added,
                     GListModel     *model)
{
  /* Rows are not rebound when older messages arrive above them, yet the
   * first message of a day may no longer be the first in the list. */
  for (guint i = 0; i < self->bound_items->len; i++)
    mc_conversation_update_day_label (self, g_ptr_array_index (self->bound_items, i));
  mc_conversation_update_first_message (self);

  if (self->loading_older && position == 0 && added > 0)
    self->keep_distance = TRUE;

  if (added > 0 && position + added == g_list_model_get_n_items (model))
    {
      mc_conversation_mark_read (self);
      if (self->stick_to_bottom)
        mc_conversation_settle (self);
      else if (!self->loading_older)
        mc_conversation_show_new_messages (self, TRUE);
    }
}

static void
on_adjustment_upper (McConversation *self,
                     GParamSpec     *pspec,
                     GtkAdjustment  *adj)
{
  double upper = gtk_adjustment_get_upper (adj);

  if (self->keep_distance)
    gtk_adjustment_set_value (adj, upper - self->distance_from_bottom);
  else if (self->stick_to_bottom)
    mc_conversation_settle (self);
}

static void
on_adjustment_page_size (McConversation *self,
                         GParamSpec     *pspec,
                         GtkAdjustment  *adj)
{
  /* The window or the composer changed height. */
  if (self->stick_to_bottom && !self->keep_distance)
    mc_conversation_settle (self);
}

static void
on_adjustment_value (McConversation *self,
                     GtkAdjustment  *adj)
{
  double value = gtk_adjustment_get_value (adj);
  double upper = gtk_adjustment_get_upper (adj);
  double page = gtk_adjustment_get_page_size (adj);
  gboolean at_bottom = value + page >= upper - BOTTOM_SLACK;

  if (!self->keep_distance)
    self->distance_from_bottom = upper - value;

  /* While settling, moves come from the list measuring rows, not from the
   * seller. */
  if (self->settle_tick_id != 0 && !at_bottom)
    return;

  self->stick_to_bottom = at_bottom;
  if (at_bottom)
    mc_conversation_show_new_messages (self, FALSE);
}

static gboolean
on_keep_distance_tick (GtkWidget     *widget,
                       GdkFrameClock *frame_clock,
                       gpointer       user_data)
{
  McConversation *self = MC_CONVERSATION (widget);

  /* Rows above are measured over the frames after they arrive. */
  if (++self->keep_distance_tick < 3)
    return G_SOURCE_CONTINUE;

  self->keep_distance = FALSE;
  self->keep_distance_tick = 0;

  return G_SOURCE_REMOVE;
}

static void
on_load_older (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(McConversation) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mc_sync_engine_load_older_finish (MC_SYNC_ENGINE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = mc_api_error_describe (error);

      mc_ui_toast (GTK_WIDGET (self), text);
    }

  self->loading_older = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->older_spinner), FALSE);
  self->keep_distance_tick = 0;
  if (self->keep_distance)
    gtk_widget_add_tick_callback (GTK_WIDGET (self), on_keep_distance_tick, NULL, NULL);
}

static void
on_edge_reached (McConversation    *self,
                 GtkPositionType    position,
                 GtkScrolledWindow *scrolled_window)
{
  if (position != GTK_POS_TOP || self->chat == NULL || self->messages == NULL ||
      self->loading_older || !mc_message_store_get_has_older (self->messages))
    return;

  self->loading_older = TRUE;
  self->distance_from_bottom = gtk_adjustment_get_upper (get_vadjustment (self)) -
                               gtk_adjustment_get_value (get_vadjustment (self));
  gtk_widget_set_visible (GTK_WIDGET (self->older_spinner), TRUE);
  mc_sync_engine_load_older_async (mc_session_get_sync (self->session),
                                   mc_chat_get_chat_id (self->chat),
                                   self->cancellable,
                                   on_load_older,
                                   g_object_ref (self));
}

/* Whether @chat_id shows a bubble (pending or failed) for @text, which
 * gives the text back through Edit. */
static gboolean
has_bubble (McConversation *self,
            gint64          chat_id,
            const char     *text)
{
  g_autoptr(McMessageStore) messages = mc_chat_store_get_messages (get_chat_store (self), chat_id);
  GListModel *model = G_LIST_MODEL (messages);

  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(McMessage) message = g_list_model_get_item (model, i - 1);

      if (mc_message_get_message_id (message) != 0)
        break;
      if (g_strcmp0 (mc_message_get_text (message), text) == 0)
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  McConversation *self;
  gint64          chat_id;
  char           *text;
} Send;

static void
send_free (Send *send)
{
  g_clear_object (&send->self);
  g_free (send->text);
  g_free (send);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Send, send_free)

static void
on_message_sent (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Send) send = user_data;
  McConversation *self = send->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (mc_sync_engine_send_message_finish (MC_SYNC_ENGINE (object), result, &error))
    {
      mc_ui_toast (GTK_WIDGET (self), _("Message sent"));
      return;
    }

  text = mc_api_error_describe (error);
  mc_ui_toast (GTK_WIDGET (self), text);

  /* A send refused before it was recorded left no bubble to give the
   * text back: put it back into the composer, or its draft.  A send with
   * a bubble (pending or failed) never refills the composer. */
  if (self->session == NULL || has_bubble (self, send->chat_id, send->text))
    return;

  if (self->chat != NULL && mc_chat_get_chat_id (self->chat) == send->chat_id)
    mc_composer_restore_text (self->composer, send->text);
  else
    {
      McCabinet *cabinet = mc_session_get_cabinet_for_chat (self->session, send->chat_id);
      McCache *cache = cabinet != NULL ? mc_cabinet_get_cache (cabinet) : NULL;

      if (cache != NULL && mc_cache_get_draft (cache, send->chat_id) == NULL)
        mc_cache_set_draft (cache, send->chat_id, send->text);
    }
}

static void
mc_conversation_send_text (McConversation *self,
                           const char     *text)
{
  Send *send;

  if (self->chat == NULL || self->session == NULL)
    return;

  send = g_new0 (Send, 1);
  send->self = g_object_ref (self);
  send->chat_id = mc_chat_get_chat_id (self->chat);
  send->text = g_strdup (text);

  /* Not cancelled with the chat: the outbox sees a send through. */
  mc_sync_engine_send_message_async (mc_session_get_sync (self->session),
                                     send->chat_id, text, NULL,
                                     on_message_sent, send);
  mc_conversation_scroll_to_bottom (self);
}

static void
on_duplicate_response (McConversation   *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  const char *text = g_object_get_data (G_OBJECT (dialog), "mc-text");
  gint64 *chat_id = g_object_get_data (G_OBJECT (dialog), "mc-chat-id");

  if (self->duplicate_dialog == GTK_WINDOW (dialog))
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->duplicate_dialog);
      self->duplicate_dialog = NULL;
    }

  /* The same words wait in the pending bubble: nothing is lost on Cancel. */
  if (g_strcmp0 (response, "send") == 0 && self->chat != NULL &&
      mc_chat_get_chat_id (self->chat) == *chat_id)
    mc_conversation_send_text (self, text);
}

static void
on_send_text (McConversation *self,
              const char     *text,
              McComposer     *composer)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  gint64 chat_id;

  if (self->chat == NULL || self->session == NULL)
    return;

  chat_id = mc_chat_get_chat_id (self->chat);
  if (!mc_sync_engine_has_pending_text (mc_session_get_sync (self->session), chat_id, text))
    {
      mc_conversation_send_text (self, text);
      return;
    }

  if (self->duplicate_dialog != NULL)
    gtk_window_destroy (self->duplicate_dialog);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Send the Same Message Again?"),
                                   _("This message is still being sent to the customer. Sending it "
                                     "again may deliver it twice."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "send", _("Send _Again"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "mc-text", g_strdup (text), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "mc-chat-id", g_memdup2 (&chat_id, sizeof chat_id), g_free);

  self->duplicate_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->duplicate_dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_duplicate_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkFileChooser *
mc_conversation_get_save_chooser (McConversation *self)
{
  g_return_val_if_fail (MC_IS_CONVERSATION (self), NULL);

  return self->save_chooser != NULL ? GTK_FILE_CHOOSER (self->save_chooser) : NULL;
}

GtkWindow *
mc_conversation_get_duplicate_dialog (McConversation *self)
{
  g_return_val_if_fail (MC_IS_CONVERSATION (self), NULL);

  return self->duplicate_dialog;
}

static void
on_file_sent (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(McConversation) self = user_data;
  g_autoptr(GError) error = NULL;

  if (mc_sync_engine_send_file_finish (MC_SYNC_ENGINE (object), result, &error))
    mc_ui_toast (GTK_WIDGET (self), _("File sent"));
  else
    {
      g_autofree char *text = mc_api_error_describe (error);

      mc_ui_toast (GTK_WIDGET (self), text);
    }
}

static void
on_send_file (McConversation *self,
              GFile          *file,
              McComposer     *composer)
{
  if (self->chat == NULL || self->session == NULL)
    return;

  mc_sync_engine_send_file_async (mc_session_get_sync (self->session),
                                  mc_chat_get_chat_id (self->chat), file, NULL,
                                  on_file_sent, g_object_ref (self));
  mc_conversation_scroll_to_bottom (self);
}

static void
on_row_retry (McConversation *self,
              McMessageRow   *row)
{
  McMessage *message = mc_message_row_get_message (row);
  g_autofree char *text = NULL;
  g_autoptr(GFile) file = NULL;

  if (message == NULL || self->session == NULL)
    return;

  file = mc_sync_engine_dup_pending_file (mc_session_get_sync (self->session), message);
  if (file != NULL)
    {
      on_send_file (self, file, self->composer);
      return;
    }

  if (mc_message_get_text (message) == NULL)
    return;

  /* The engine replaces the failed bubble with the new attempt. */
  text = g_strdup (mc_message_get_text (message));
  mc_conversation_send_text (self, text);
}

static void
on_row_edit (McConversation *self,
             McMessageRow   *row)
{
  g_autoptr(McMessage) message = NULL;

  if (mc_message_row_get_message (row) == NULL || self->messages == NULL)
    return;

  message = g_object_ref (mc_message_row_get_message (row));
  mc_composer_restore_text (self->composer, mc_message_get_text (message));
  if (self->session != NULL)
    mc_sync_engine_discard_failed (mc_session_get_sync (self->session), message);
  else
    mc_message_store_remove_pending (self->messages, message);
}

static void
on_file_written (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Download) download = user_data;
  McConversation *self = download->self;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not save the file: %s"), error->message);

      mc_ui_toast (GTK_WIDGET (self), text);
      return;
    }

  if (download->open)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      g_autofree char *uri = g_file_get_uri (download->target);

      gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (download->target);
      g_autofree char *text = g_strdup_printf (_("Saved “%s”"), name);

      mc_ui_toast (GTK_WIDGET (self), text);
    }
}

static void
download_write (Download *download)
{
  g_file_replace_contents_bytes_async (download->target, download->bytes, NULL, FALSE,
                                       download->open ? G_FILE_CREATE_PRIVATE : G_FILE_CREATE_NONE,
                                       download->self->cancellable,
                                       on_file_written, download);
}

static void
on_risky_open_response (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  Download *download = user_data;

  if (g_strcmp0 (response, "open") == 0)
    download_write (download);
  else
    download_free (download);
}

/* A launcher, a script or an archive runs or unpacks code when the desktop
 * opens it: the seller decides, told what the file really is (its content,
 * not the name a customer chose). */
static gboolean
download_confirm_risky (Download *download)
{
  McConversation *self = download->self;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *basename = g_file_get_basename (download->target);
  g_autofree char *type = NULL;
  GtkWidget *dialog;
  gsize size;
  gconstpointer data = g_bytes_get_data (download->bytes, &size);

  type = g_content_type_guess (basename, data, size, NULL);
  if (!mc_ui_content_may_run_code (type, mc_attachment_get_name (download->attachment)) &&
      !mc_ui_content_may_run_code (type, basename))
    return FALSE;

  dialog = mc_ui_risky_file_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       mc_attachment_get_name (download->attachment), type);
  g_signal_connect (dialog, "response", G_CALLBACK (on_risky_open_response), download);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static void
on_downloaded (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Download) download = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = mc_api_client_download_finish (MC_API_CLIENT (object), result, &error);
  if (bytes == NULL)
    {
      g_autofree char *text = mc_api_error_describe (error);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        mc_ui_toast (GTK_WIDGET (download->self), text);
      return;
    }

  download->bytes = g_steal_pointer (&bytes);
  if (download->open && download_confirm_risky (download))
    {
      download = NULL;
      return;
    }

  download_write (g_steal_pointer (&download));
}

static void
mc_conversation_download (McConversation *self,
                          McAttachment   *attachment,
                          GFile          *target,
                          gboolean        open)
{
  McCabinet *cabinet = get_cabinet (self);
  Download *download;

  if (cabinet == NULL || mc_attachment_get_url (attachment) == NULL)
    {
      mc_ui_toast (GTK_WIDGET (self), _("This file cannot be downloaded"));
      return;
    }

  download = g_new0 (Download, 1);
  download->self = g_object_ref (self);
  download->attachment = g_object_ref (attachment);
  download->target = g_object_ref (target);
  download->open = open;

  /* The client fetches only https or loopback URLs, with the cabinet's key. */
  mc_api_client_download_async (mc_cabinet_get_client (cabinet),
                                mc_attachment_get_url (attachment),
                                MAX_DOWNLOAD_SIZE,
                                self->cancellable,
                                on_downloaded, download);
}

static void
on_row_open_attachment (McConversation *self,
                        McAttachment   *attachment,
                        McMessageRow   *row)
{
  g_autofree char *name = mc_ui_sanitize_filename (mc_attachment_get_name (attachment));
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) target = NULL;

  if (self->chat == NULL)
    return;

  /* Per cabinet and chat: two customers' "photo.jpg" stay apart, and the
   * files go when the cabinet is removed. */
  dir = mc_cache_dup_attachments_dir (mc_chat_get_business_id (self->chat),
                                      mc_chat_get_chat_id (self->chat));

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      mc_ui_toast (GTK_WIDGET (self), _("Could not create a folder for downloaded files"));
      return;
    }

  path = g_build_filename (dir, name, NULL);
  target = g_file_new_for_path (path);
  mc_conversation_download (self, attachment, target, TRUE);
}

typedef struct
{
  McConversation *self;
  McAttachment   *attachment;
} SaveAs;

static void
on_save_chooser_response (GtkFileChooserNative *chooser,
                          int                   response,
                          gpointer              user_data)
{
  SaveAs *save = user_data;
  McConversation *self = save->self;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        mc_conversation_download (self, save->attachment, file, FALSE);
    }

  if (self->save_chooser == chooser)
    g_clear_object (&self->save_chooser);
  g_object_unref (save->attachment);
  g_object_unref (save->self);
  g_free (save);
}

static void
on_row_save_attachment (McConversation *self,
                        McAttachment   *attachment,
                        McMessageRow   *row)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *name = mc_ui_sanitize_filename (mc_attachment_get_name (attachment));
  const char *downloads = g_get_user_special_dir (G_USER_DIRECTORY_DOWNLOAD);
  g_autoptr(GFile) folder = NULL;
  SaveAs *save;

  if (self->save_chooser != NULL)
    return;

  self->save_chooser = gtk_file_chooser_native_new (_("Save File"),
                                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->save_chooser), TRUE);
  /* Where saved files are looked for, not the folder the app started in. */
  folder = g_file_new_for_path (downloads != NULL ? downloads : g_get_home_dir ());
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->save_chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->save_chooser), name);

  save = g_new0 (SaveAs, 1);
  save->self = g_object_ref (self);
  save->attachment = g_object_ref (attachment);
  g_signal_connect (self->save_chooser, "response", G_CALLBACK (on_save_chooser_response), save);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->save_chooser));
}

static void
on_factory_setup (McConversation           *self,
                  GtkListItem              *item,
                  GtkSignalListItemFactory *factory)
{
  GtkWidget *row = mc_message_row_new ();

  g_signal_connect_object (row, "retry", G_CALLBACK (on_row_retry), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "edit", G_CALLBACK (on_row_edit), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "open-attachment", G_CALLBACK (on_row_open_attachment), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "save-attachment", G_CALLBACK (on_row_save_attachment), self,
                           G_CONNECT_SWAPPED);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, row);
}

static void
on_factory_bind (McConversation           *self,
                 GtkListItem              *item,
                 GtkSignalListItemFactory *factory)
{
  McMessageRow *row = MC_MESSAGE_ROW (gtk_list_item_get_child (item));

  mc_message_row_set_message (row, gtk_list_item_get_item (item));
  mc_conversation_update_day_label (self, item);
  g_ptr_array_add (self->bound_items, item);
}

static void
on_factory_unbind (McConversation           *self,
                   GtkListItem              *item,
                   GtkSignalListItemFactory *factory)
{
  mc_message_row_set_message (MC_MESSAGE_ROW (gtk_list_item_get_child (item)), NULL);
  g_ptr_array_remove_fast (self->bound_items, item);
}

static void
on_chat_notify (McConversation *self,
                GParamSpec     *pspec,
                McChat         *chat)
{
  mc_conversation_update_header (self);
  mc_conversation_update_composer (self);
  mc_conversation_update_first_message (self);
}

McChat *
mc_conversation_get_chat (McConversation *self)
{
  g_return_val_if_fail (MC_IS_CONVERSATION (self), NULL);

  return self->chat;
}

void
mc_conversation_set_chat (McConversation *self,
                          McChat         *chat)
{
  GtkNoSelection *selection;
  McChatStore *store;
  gint64 chat_id;
  GtkRoot *root;
  gboolean focus_in_list;

  g_return_if_fail (MC_IS_CONVERSATION (self));
  g_return_if_fail (chat == NULL || MC_IS_CHAT (chat));

  if (self->chat == chat)
    return;

  /* With the focus in the messages, the list would hand it to a row of the
   * new chat, and a selectable label given the focus selects all its text. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus_in_list = root != NULL && gtk_root_get_focus (root) != NULL &&
                  gtk_widget_is_ancestor (gtk_root_get_focus (root), GTK_WIDGET (self->list_view));
  if (focus_in_list)
    gtk_root_set_focus (root, NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading_older = FALSE;
  self->keep_distance = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->older_spinner), FALSE);
  mc_conversation_show_new_messages (self, FALSE);

  if (self->chat != NULL)
    g_signal_handlers_disconnect_by_func (self->chat, on_chat_notify, self);
  if (self->messages != NULL)
    g_signal_handlers_disconnect_by_func (self->messages, on_messages_changed, self);

  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->messages);
  g_set_object (&self->chat, chat);

  store = get_chat_store (self);
  if (chat == NULL || store == NULL)
    {
      mc_composer_set_chat (self->composer, NULL, 0);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    {
      chat_id = mc_chat_get_chat_id (chat);
      self->messages = mc_chat_store_get_messages (store, chat_id);
      g_signal_connect_object (self->messages, "items-changed", G_CALLBACK (on_messages_changed), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->messages)));
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
      g_object_unref (selection);

      g_signal_connect_object (chat, "notify", G_CALLBACK (on_chat_notify), self, G_CONNECT_SWAPPED);
      mc_composer_set_chat (self->composer,
                            mc_chat_store_get_cache (store, mc_chat_get_business_id (chat)),
                            chat_id);
      gtk_stack_set_visible_child_name (self->stack, "chat");

      self->model_fresh = TRUE;
      mc_conversation_scroll_to_bottom (self);

      mc_conversation_mark_read (self);
      mc_sync_engine_sync_chat (mc_session_get_sync (self->session), chat_id);
    }

  mc_conversation_update_header (self);
  mc_conversation_update_composer (self);
  mc_conversation_update_first_message (self);
  if (focus_in_list && mc_composer_get_disabled_reason (self->composer) == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->composer));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHAT]);
}

McSession *
mc_conversation_get_session (McConversation *self)
{
  g_return_val_if_fail (MC_IS_CONVERSATION (self), NULL);

  return self->session;
}

void
mc_conversation_set_session (McConversation *self,
                             McSession      *session)
{
  g_return_if_fail (MC_IS_CONVERSATION (self));
  g_return_if_fail (session == NULL || MC_IS_SESSION (session));

  if (self->session == session)
    return;

  mc_conversation_set_chat (self, NULL);
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (mc_session_get_cabinets (self->session), self);
    }
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      /* A cabinet gets its key, or loses it, while its chats are shown. */
      g_signal_connect_object (session, "notify::keyring-pending",
                               G_CALLBACK (mc_conversation_update_composer), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (mc_session_get_cabinets (session), "items-changed",
                               G_CALLBACK (mc_conversation_update_composer), self,
                               G_CONNECT_SWAPPED);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

const char *
mc_conversation_get_title (McConversation *self)
{
  g_return_val_if_fail (MC_IS_CONVERSATION (self), NULL);

  return self->title;
}

const char *
mc_conversation_get_subtitle (McConversation *self)
{
  g_return_val_if_fail (MC_IS_CONVERSATION (self), NULL);

  return self->subtitle;
}

McComposer *
mc_conversation_get_composer (McConversation *self)
{
  g_return_val_if_fail (MC_IS_CONVERSATION (self), NULL);

  return self->composer;
}

GListModel *
mc_conversation_get_messages (McConversation *self)
{
  g_return_val_if_fail (MC_IS_CONVERSATION (self), NULL);

  return self->messages != NULL ? G_LIST_MODEL (self->messages) : NULL;
}

static void
mc_conversation_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mc_conversation_parent_class)->map (widget);

  mc_conversation_mark_read (MC_CONVERSATION (widget));
}

static void
mc_conversation_dispose (GObject *object)
{
  McConversation *self = MC_CONVERSATION (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chat != NULL)
    g_signal_handlers_disconnect_by_func (self->chat, on_chat_notify, self);
  if (self->messages != NULL)
    g_signal_handlers_disconnect_by_func (self->messages, on_messages_changed, self);
  if (self->save_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->save_chooser));
  if (self->duplicate_dialog != NULL)
    gtk_window_destroy (self->duplicate_dialog);

  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_CONVERSATION);
  mc_ui_unparent_children (GTK_WIDGET (self));

  g_clear_object (&self->save_chooser);
  g_clear_object (&self->messages);
  g_clear_object (&self->chat);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mc_conversation_parent_class)->dispose (object);
}

static void
mc_conversation_finalize (GObject *object)
{
  McConversation *self = MC_CONVERSATION (object);

  g_ptr_array_unref (self->bound_items);
  g_free (self->title);
  g_free (self->subtitle);

  G_OBJECT_CLASS (mc_conversation_parent_class)->finalize (object);
}

static void
mc_conversation_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  McConversation *self = MC_CONVERSATION (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_CHAT:
      g_value_set_object (value, self->chat);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_conversation_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  McConversation *self = MC_CONVERSATION (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      mc_conversation_set_session (self, g_value_get_object (value));
      break;

    case PROP_CHAT:
      mc_conversation_set_chat (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_conversation_class_init (McConversationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_conversation_dispose;
  object_class->finalize = mc_conversation_finalize;
  object_class->get_property = mc_conversation_get_property;
  object_class->set_property = mc_conversation_set_property;

  widget_class->map = mc_conversation_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHAT] =
    g_param_spec_object ("chat", NULL, NULL,
                         MC_TYPE_CHAT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MC_TYPE_COMPOSER);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/mc-conversation.ui");
  gtk_widget_class_bind_template_child (widget_class, McConversation, stack);
  gtk_widget_class_bind_template_child (widget_class, McConversation, details_label);
  gtk_widget_class_bind_template_child (widget_class, McConversation, copy_button);
  gtk_widget_class_bind_template_child (widget_class, McConversation, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, McConversation, list_view);
  gtk_widget_class_bind_template_child (widget_class, McConversation, older_spinner);
  gtk_widget_class_bind_template_child (widget_class, McConversation, new_messages_revealer);
  gtk_widget_class_bind_template_child (widget_class, McConversation, first_message_page);
  gtk_widget_class_bind_template_child (widget_class, McConversation, new_messages_button);
  gtk_widget_class_bind_template_child (widget_class, McConversation, composer);
  gtk_widget_class_bind_template_callback (widget_class, on_edge_reached);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_unbind);
  gtk_widget_class_bind_template_callback (widget_class, on_send_text);
  gtk_widget_class_bind_template_callback (widget_class, on_send_file);
  gtk_widget_class_bind_template_callback (widget_class, on_new_messages_clicked);

  gtk_widget_class_install_action (widget_class, "conversation.copy-number", NULL, copy_number_action);
}

static void
mc_conversation_init (McConversation *self)
{
  GtkEventController *scroll;
  GtkAdjustment *adj;

  self->bound_items = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  self->stick_to_bottom = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  adj = get_vadjustment (self);
  g_signal_connect_object (adj, "notify::upper", G_CALLBACK (on_adjustment_upper), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adj, "value-changed", G_CALLBACK (on_adjustment_value), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adj, "notify::page-size", G_CALLBACK (on_adjustment_page_size), self,
                           G_CONNECT_SWAPPED);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (on_user_scroll), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (scroll, "scroll-begin", G_CALLBACK (on_scroll_begin), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->scrolled_window), scroll);
  mc_conversation_show_new_messages (self, FALSE);
}
