"""Production: PostgreSQL, WhiteNoise, HTTPS only. Refuses to start without a secret key."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import PORTAL_URL, SECRET_KEY, STORAGES, env_bool

if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
if not PORTAL_URL:  # said at every start (gunicorn, the worker, commands) and by portal.W001
    sys.stderr.write(
        "WARNING: DJANGO_PORTAL_URL is not set: links in e-mails use http://127.0.0.1:8000, "
        "pages and calendar feeds the address each request came in on.\n"
    )

DEBUG = False
DEMO_DATA_ALLOWED = False
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Production runs behind one TLS-terminating proxy (docs/operations.md, «nginx»); set 0 without one.
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "1"))
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
