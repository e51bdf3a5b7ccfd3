"""Test settings: fast hashing, tasks run in-process, no real e-mail."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-secret-key-only-for-the-test-suite-" + "x" * 20
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
LOGGING = {"version": 1, "disable_existing_loggers": False}
# WhiteNoise scans STATIC_ROOT whenever a test client loads the middleware (once per test):
# with files collected there (`make bench` does) that was a sixth of the suite's time. Looked
# up per request instead; no test asks for more than a few static files.
WHITENOISE_AUTOREFRESH = True
