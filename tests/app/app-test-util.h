/* app-test-util.h: running the market-chats executable in a private D-Bus
 * session with a throw-away HOME, for the application's end-to-end tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The build's own id: a development build runs as ….MarketChats.Devel. */
#define APP_TEST_BUS_NAME APP_ID
#define APP_TEST_OBJECT_PATH APP_OBJECT_PATH

typedef struct
{
  char            *dir;        /* everything of the run lives here */
  char            *home;       /* HOME, with the XDG directories inside */
  char            *log_path;   /* the app's stdout and stderr */
  char            *display;
  GTestDBus       *bus;
  GDBusConnection *connection;
  GSubprocess     *app;
} AppTest;

typedef gboolean (*AppTestCondition) (gpointer data);

/* Skips the whole test program without a display.  Starts a private
 * session bus. */
AppTest     *app_test_new               (void);
void         app_test_free              (AppTest          *test);
/* Runs the default main context until @condition holds; FALSE on timeout. */
gboolean     app_test_wait              (AppTestCondition  condition,
                                         gpointer          data,
                                         guint             timeout_msec);
gboolean     app_test_wait_for_name     (AppTest          *test,
                                         const char       *name,
                                         guint             timeout_msec);
/* A launcher whose children see the private bus, the display and the
 * throw-away HOME; extra variables come as NAME, VALUE pairs, NULL-ended. */
GSubprocessLauncher *app_test_launcher  (AppTest          *test,
                                         const char       *first_name,
                                         ...) G_GNUC_NULL_TERMINATED;
/* Starts the executable (MC_APP_BINARY) with @argv (NULL-ended), its
 * output going to log_path. */
void         app_test_start_app         (AppTest          *test,
                                         GSubprocessLauncher *launcher,
                                         const char * const *argv);
/* org.freedesktop.Application.ActivateAction on the running app. */
void         app_test_activate_action   (AppTest          *test,
                                         const char       *action,
                                         GVariant         *parameter);
/* Asks the app to quit and waits for it; its exit status. */
int          app_test_quit_app          (AppTest          *test,
                                         guint             timeout_msec);
char        *app_test_read_log          (AppTest          *test);

G_END_DECLS
