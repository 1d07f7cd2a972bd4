"""Django settings. Everything a deployment changes comes from the environment (see README)."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from dashboard.env import (
    env_bool,
    env_float,
    env_int,
    env_list,
    env_str,
    env_token,
    kept_secret,
    parse_engines,
)
from dashboard.history.limits import Limits

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("DASHBOARD_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("DJANGO_SECRET_KEY") or kept_secret(VAR_DIR / "secret_key")
DEBUG = env_bool("DJANGO_DEBUG")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "channels",
    "axes",  # before accounts: its failed-login receiver marks lockouts before ours records
    "csp",
    "dashboard.accounts",
    "dashboard.history",
    "dashboard.web",
    "dashboard.live",
    "dashboard.probe",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "dashboard.web.busy.BusyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

# Every way in goes through `authenticate`, and so past django-axes first.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "dashboard.accounts.backends.PoolFriendlyModelBackend",
]

ROOT_URLCONF = "dashboard.urls"
ASGI_APPLICATION = "dashboard.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dashboard.web.context.engines",
            ],
        },
    },
]

# SQLite under var/ by default; DASHBOARD_DATABASE_URL (postgres://user:password@host:port/db)
# for a database that several dashboard machines share.
DASHBOARD_DATABASE_URL = env_str("DASHBOARD_DATABASE_URL")
# Connections each process keeps to PostgreSQL: under ASGI, Django's persistent connections
# are one per request thread and outlive it, so a crowd of requests ran the server out of
# connections ("too many clients"); a pool bounds them (processes x this <= the server's).
DASHBOARD_DATABASE_POOL = env_int("DASHBOARD_DATABASE_POOL", 10)
# How long a request waits its turn for one of them; past it the answer is 503 with
# Retry-After (dashboard.web.busy), never 500. Logins hash without holding one
# (dashboard.accounts.backends): a crowd queues for the processor, not for connections.
DASHBOARD_DATABASE_POOL_TIMEOUT = env_float("DASHBOARD_DATABASE_POOL_TIMEOUT", 30, minimum=0.1)
if DASHBOARD_DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DASHBOARD_DATABASE_URL, conn_max_age=0)}
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": DASHBOARD_DATABASE_POOL,
        "timeout": DASHBOARD_DATABASE_POOL_TIMEOUT,
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": Path(env_str("DASHBOARD_DB", str(VAR_DIR / "dashboard.sqlite3"))),
            # Writers wait their turn (up to the timeout) instead of failing with "database
            # is locked": transactions take the write lock when they begin, not half-way,
            # and WAL lets pages read while a login writes.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            # A file-based test database: the browser tests' daphne reads it from another
            # thread.
            "TEST": {"NAME": str(VAR_DIR / "test.sqlite3")},
        }
    }

# By default one daphne process watches the engines, holds the cache and publishes through
# the in-memory layer. With DASHBOARD_REDIS_URL, any number of daphne processes share one
# Redis: the one holding a lease there watches and publishes, and each keeps a copy of the
# cache from what it publishes (dashboard.live.election). Failed logins are counted in the
# database, which the processes share.
DASHBOARD_REDIS_URL = env_str("DASHBOARD_REDIS_URL")
if DASHBOARD_REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "dashboard.live.layer.SteadyRedisChannelLayer",
            # redis-py 8 gives up a read after 5 s, while channels-redis blocks up to 5 s
            # waiting for a message: reads would time out whenever a channel is quiet.
            "CONFIG": {"hosts": [{"address": DASHBOARD_REDIS_URL, "socket_timeout": 15}]},
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": DASHBOARD_REDIS_URL,
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Seconds without a word from the watching process before a follower calls its engines lost.
DASHBOARD_WATCHER_TIMEOUT = env_float("DASHBOARD_WATCHER_TIMEOUT", 15)
# History: every published change is recorded (dashboard.history), kept this long or this
# many, whichever ends first.
DASHBOARD_HISTORY = env_bool("DASHBOARD_HISTORY", True)
DASHBOARD_HISTORY_LIMITS = Limits(
    days=env_float("DASHBOARD_HISTORY_DAYS", 30, minimum=0.01),
    changes=env_int("DASHBOARD_HISTORY_MAX_CHANGES", 1_000_000),
)
# The lease's length: a dead leader's successor takes over within it plus a sixth of it.
DASHBOARD_LEASE_SECONDS = env_float("DASHBOARD_LEASE_SECONDS", 3, minimum=1)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("DASHBOARD_STATIC_ROOT", str(VAR_DIR / "static")))
# Only built front-end files are exposed: the project's own static/, the map's bundle
# (`npm run build`, which `make static` runs) and each npm package's dist.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("bundle", BASE_DIR / "var" / "bundle"),
    ("vendor/cytoscape", BASE_DIR / "node_modules" / "cytoscape" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Security headers; the HTTPS-only flags switch on with DASHBOARD_HTTPS=1 (see README).
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
_https = env_bool("DASHBOARD_HTTPS")
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_SSL_REDIRECT = _https
SECURE_HSTS_SECONDS = env_int("DASHBOARD_HSTS_SECONDS", 31536000 if _https else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _https
SECURE_HSTS_PRELOAD = _https
DASHBOARD_BEHIND_PROXY = env_bool("DASHBOARD_BEHIND_PROXY")
if DASHBOARD_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Where the proxy puts the client's address, as a request.META key, and how many proxies
# stand in front (the client is that many entries from the right of the header).
DASHBOARD_PROXY_HEADER = "HTTP_" + env_str(
    "DASHBOARD_PROXY_HEADER", "X-Forwarded-For"
).upper().replace("-", "_")
DASHBOARD_PROXY_COUNT = env_int("DASHBOARD_PROXY_COUNT", 1)

# Failed logins, counted by django-axes in the database (so across processes), at every
# door: per user name and per client address, in a sliding window.
AXES_FAILURE_LIMIT = env_int("DASHBOARD_LOGIN_FAILURES_PER_USER", 5)
DASHBOARD_LOGIN_FAILURES_PER_ADDRESS = env_int("DASHBOARD_LOGIN_FAILURES_PER_ADDRESS", 20)
DASHBOARD_LOCKOUT_MINUTES = env_int("DASHBOARD_LOCKOUT_MINUTES", 15)
AXES_COOLOFF_TIME = timedelta(minutes=DASHBOARD_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one locks; order used below
AXES_HANDLER = "dashboard.accounts.lockout.LoginLimits"
AXES_CLIENT_IP_CALLABLE = "dashboard.accounts.request_address.client_address"
AXES_LOCKOUT_CALLABLE = "dashboard.accounts.lockout.locked_out"
AXES_RESET_ON_SUCCESS = False  # a known account must not wipe an address's count
AXES_VERBOSE = False

# Content-Security-Policy: no inline script or style, no framing; violations are reported
# to /csp-report and logged, so a page that breaks the policy is noticed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "report-uri": "/csp-report",
    }
}

# Docker engines: {name: url}; an empty url is the SDK default (DOCKER_HOST or the local socket).
DASHBOARD_ENGINES = parse_engines(env_str("DASHBOARD_ENGINES"), env_str("DOCKER_HOST"))
# Probes (`manage.py probe`, one beside each engine) report who talks to whom with this
# token; unset, no probe is heard.
DASHBOARD_PROBE_TOKEN = env_token("DASHBOARD_PROBE_TOKEN")
DASHBOARD_DOCKER_TIMEOUT = env_int("DASHBOARD_DOCKER_TIMEOUT", 10)
DASHBOARD_RESYNC_SECONDS = env_float("DASHBOARD_RESYNC_SECONDS", 30)
# /info this often: no event tells of a swarm joined, left or promoted, and a manager reads
# its swarm's nodes, services and tasks (tasks have no events) at the same pace.
DASHBOARD_PING_SECONDS = env_float("DASHBOARD_PING_SECONDS", 1)
# Connecting a stopped container emits no event until it starts: re-list stopped ones this often.
DASHBOARD_STOPPED_POLL_SECONDS = env_float("DASHBOARD_STOPPED_POLL_SECONDS", 1)
DASHBOARD_SUBNET_POOL = env_str("DASHBOARD_SUBNET_POOL", "10.128.0.0/9")
# A user network with no container this many days after its creation is called unused.
DASHBOARD_UNUSED_NETWORK_DAYS = env_float("DASHBOARD_UNUSED_NETWORK_DAYS", 30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    # One handler, on the root: this replaces the one daphne gives it, so a line is written
    # once, in one format, whichever logger wrote it.
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "dashboard": {"level": env_str("LOG_LEVEL", "INFO")},
        "axes": {"level": "WARNING"},
        "daphne": {"level": "INFO"},  # where it listens
    },
}
