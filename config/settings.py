"""Settings, read from the environment (see the configuration table in README.md).

DEBUG is off unless set; with it off, SECRET_KEY and ALLOWED_HOSTS must be set and the HTTPS protections are
on, so `manage.py check --deploy` is clean. Every variable is read through `config.env`, which fails loudly
and names the variable when a value is malformed.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_int, env_list, env_path, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = env_path("VAR_DIR", BASE_DIR / "var")

DEBUG = env_bool("DEBUG", False)

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", "django-insecure-development-only-key-do-not-deploy")
else:
    SECRET_KEY = env_str("SECRET_KEY")
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters with at least 5 different ones")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off (comma-separated host names)")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "designer",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
            ],
        },
    },
]

# -- database -----------------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60, minimum=0))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so a Celery worker started by the tests sees the same test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# -- Redis and Celery ---------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
# "presence": who has a design open in the editor, shared by every web process (so in Redis, not in memory).
# The default cache stays in each process's memory (throttling counts per process).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "presence": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "presence",
        "TIMEOUT": 120,
    },
}
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "aws-designer")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300, minimum=1)
CELERY_TASK_SOFT_TIME_LIMIT = max(1, CELERY_TASK_TIME_LIMIT - 10)
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {
        "task": "designer.tasks.clear_expired_sessions",
        "schedule": env_int("SESSION_CLEANUP_INTERVAL", 24 * 3600, minimum=60),
    },
}
PRICE_REFRESH_INTERVAL = env_int("PRICE_REFRESH_INTERVAL", 24 * 3600, minimum=0)
if PRICE_REFRESH_INTERVAL:
    CELERY_BEAT_SCHEDULE["refresh-prices"] = {
        "task": "designer.tasks.refresh_prices",
        "schedule": PRICE_REFRESH_INTERVAL,
    }

# -- files --------------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env_path("STATIC_ROOT", VAR_DIR / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = env_path("MEDIA_ROOT", VAR_DIR / "media")
FRONTEND_DIST = BASE_DIR / "frontend" / "dist"
with contextlib.suppress(OSError):  # WhiteNoise warns on every start while STATIC_ROOT is missing
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)


def _icon_dirs() -> list[tuple[str, str]]:
    """The AWS icons shipped inside the `diagrams` package, served under /static/icons/."""
    import diagrams

    resources = Path(diagrams.__file__).resolve().parent.parent / "resources"
    return [(f"icons/{provider}", str(resources / provider)) for provider in ("aws", "generic", "onprem")]


STATICFILES_DIRS = _icon_dirs()
if FRONTEND_DIST.is_dir():
    STATICFILES_DIRS.append(("app", str(FRONTEND_DIST)))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# -- diagrams -----------------------------------------------------------------------------------------
# Rendered diagrams go to the "diagrams" storage: files under MEDIA_ROOT/diagrams/ by default, or an S3 bucket
# (credentials from boto3's usual chain: environment, profile or instance role).
DIAGRAM_TIME_LIMIT = env_int("DIAGRAM_TIME_LIMIT", 180, minimum=10)
DIAGRAM_QUEUE_TIMEOUT = env_int("DIAGRAM_QUEUE_TIMEOUT", 600, minimum=30)
DIAGRAM_STORAGE = env_str("DIAGRAM_STORAGE", "filesystem").lower()
if DIAGRAM_STORAGE == "filesystem":
    # No location: it follows MEDIA_ROOT. A render's file name is deterministic, so a re-render overwrites it.
    STORAGES["diagrams"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"allow_overwrite": True},
    }
elif DIAGRAM_STORAGE == "s3":
    if not env_str("DIAGRAM_S3_BUCKET", ""):
        raise ImproperlyConfigured("DIAGRAM_S3_BUCKET must be set when DIAGRAM_STORAGE is s3")
    STORAGES["diagrams"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("DIAGRAM_S3_BUCKET"),
            "region_name": env_str("DIAGRAM_S3_REGION", "") or None,
            "endpoint_url": env_str("DIAGRAM_S3_ENDPOINT_URL", "") or None,
            "location": env_str("DIAGRAM_S3_PREFIX", "").strip("/"),
            "file_overwrite": True,
            "default_acl": None,
        },
    }
else:
    raise ImproperlyConfigured(f"DIAGRAM_STORAGE must be filesystem or s3, not {DIAGRAM_STORAGE!r}")
# With DEBUG, static files come straight from the apps and icon folders, looked up as they are asked for: without
# autorefresh WhiteNoise would index every file (thousands of icons) each time a handler starts, which test clients
# do once per test (pytest-django turns DEBUG off at run time, so the default would follow that).
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# -- security -----------------------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 14 * 24 * 3600, minimum=60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# -- designs ------------------------------------------------------------------------------------------
DESIGN_MAX_NODES = env_int("DESIGN_MAX_NODES", 2000, minimum=1)
DESIGN_MAX_BYTES = env_int("DESIGN_MAX_BYTES", 2 * 1024 * 1024, minimum=1024)
# A request may carry a design plus a little envelope (message, name).
API_MAX_BODY_BYTES = DESIGN_MAX_BYTES + 64 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = API_MAX_BODY_BYTES

# -- prices -------------------------------------------------------------------------------------------
PRICE_LIST_BASE_URL = env_str("PRICE_LIST_BASE_URL", "https://pricing.us-east-1.amazonaws.com")
PRICE_REGIONS = env_list("PRICE_REGIONS", ["us-east-1", "eu-west-1"])
PRICE_FETCH_CONNECT_TIMEOUT = env_int("PRICE_FETCH_CONNECT_TIMEOUT", 10, minimum=1)
PRICE_FETCH_READ_TIMEOUT = env_int("PRICE_FETCH_READ_TIMEOUT", 60, minimum=1)
PRICE_DOWNLOAD_DIR = str(env_path("PRICE_DOWNLOAD_DIR", VAR_DIR / "downloads"))
BUNDLED_PRICES_DIR = BASE_DIR / "data" / "prices" / "bundled"
SPOT_DISCOUNT_PERCENT = env_int("SPOT_DISCOUNT_PERCENT", 60, minimum=0)
if SPOT_DISCOUNT_PERCENT > 95:
    raise ImproperlyConfigured("SPOT_DISCOUNT_PERCENT must be at most 95")
with contextlib.suppress(OSError):
    Path(PRICE_DOWNLOAD_DIR).mkdir(parents=True, exist_ok=True)

# -- API ----------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its WWW-Authenticate header makes unauthenticated requests 401, not 403.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.access.SignedInOrLinkHolder"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.LimitedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {"token": env_str("TOKEN_THROTTLE_RATE", "10/minute")},
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "AWS Architecture Designer API",
    "DESCRIPTION": "Designs, their revisions, validation and the component palette. Authenticate with a "
    "session (browser, CSRF token required) or `Authorization: Token <key>` (scripts; get a key from "
    "POST /api/auth/token/). Every error has the same shape: `{type, detail, errors[]}`.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "DesignRoleEnum": "api.serializers.DESIGN_ROLES",
        "TeamRoleEnum": "api.serializers.TEAM_ROLES",
        "ShareRoleEnum": "api.serializers.SHARE_ROLES",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
