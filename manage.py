#!/usr/bin/env python
import os
import sys


def probe(argv):
    """`manage.py probe`, run without setting up Django's apps: the probe beside an engine
    needs the settings and its own modules, not the dashboard's (daphne, channels, the
    admin), which would about double its memory. Logging as settings.LOGGING says, set up
    with the standard library (Django's own way imports its debug views: 16 MB)."""
    import logging.config

    from django.conf import settings

    from dashboard.probe.management.commands.probe import Command

    logging.config.dictConfig(settings.LOGGING)
    Command().run_from_argv(argv)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dashboard.settings")
    if sys.argv[1:2] == ["probe"]:
        probe(sys.argv)
    else:
        from django.core.management import execute_from_command_line

        execute_from_command_line(sys.argv)
