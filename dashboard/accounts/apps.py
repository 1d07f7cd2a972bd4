from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dashboard.accounts"
    label = "accounts"
    verbose_name = "Accounts and audit"

    def ready(self):
        from django.contrib.auth.signals import user_logged_out

        from dashboard.live.logout import close_session_sockets

        user_logged_out.connect(close_session_sockets, dispatch_uid="close-session-sockets")
