"""Django settings of the DRF peer: one SQLite database (BENCH_DRF_SQLITE), no auth, JSON only, no debug."""

import os

SECRET_KEY = "benchmark-peer-only-serves-loopback"  # noqa: S105 (signs nothing: no sessions, no auth)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "benchmarks.drf_peer.urls"
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "rest_framework", "benchmarks.drf_peer"]
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("BENCH_DRF_SQLITE", "bench.db"),
        # As the API's engine does: reads beside a writer, and a wait instead of "database is locked".
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;", "timeout": 5},
        "CONN_MAX_AGE": None,
    }
}
USE_TZ = True
TIME_ZONE = "UTC"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 20,
    "MAX_PAGE_SIZE": 100,
}
