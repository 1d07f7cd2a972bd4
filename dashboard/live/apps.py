from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "dashboard.live"
    label = "live"
    verbose_name = "Live topology"

    def ready(self):
        from django.contrib.auth.signals import user_logged_out

        from dashboard.live.logout import close_session_sockets

        # A session's open map sockets close when it logs out.
        user_logged_out.connect(close_session_sockets, dispatch_uid="close-session-sockets")
