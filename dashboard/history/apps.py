from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "dashboard.history"
    default_auto_field = "django.db.models.BigAutoField"
