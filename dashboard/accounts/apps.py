from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dashboard.accounts"
    label = "accounts"
    verbose_name = "Accounts and audit"

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        from dashboard.accounts.lockout import record_failed_login

        user_login_failed.connect(record_failed_login, dispatch_uid="audit-failed-login")
