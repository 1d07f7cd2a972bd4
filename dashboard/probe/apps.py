from django.apps import AppConfig


class ProbeConfig(AppConfig):
    name = "dashboard.probe"
    label = "probe"
