"""gunicorn benchmarks.drf_peer.wsgi:application (BENCH_DRF_SQLITE names the database file)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.drf_peer.settings")
application = get_wsgi_application()
