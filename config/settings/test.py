"""The test suite: SQLite in memory unless DATABASE_URL names a PostgreSQL server."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-key")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")
# Uploaded and generated files go to a throwaway folder, never into the working tree.
os.environ.setdefault("AIPLUS_DATA_DIR", tempfile.mkdtemp(prefix="aiplus-test-"))
# ...except the model files, which are shared with development (`make models-test`).
os.environ.setdefault(
    "AIPLUS_MODELS_DIR", str(Path(__file__).resolve().parents[2] / "var" / "models")
)

from .base import *

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast hashing in tests
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# Tasks run inline; the "database" backend is there for the tests that run a real worker.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
INSTALLED_APPS = [*INSTALLED_APPS, "aiplus.core.tests.jobsample"]
# A file, not memory, so that a worker in another process sees the test database.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # django.core.mail.outbox
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# --- AI providers (aiplus.ai) in tests ------------------------------------------------------------
# The smallest models (installed by `make models-test`); the local provider unless the
# environment says otherwise.
AIPLUS_AI["transcriber"]["model"] = env.str(
    "AIPLUS_AI_TRANSCRIBER_MODEL", default="whisper-tiny.en"
)
AIPLUS_AI["chat"]["model"] = env.str("AIPLUS_AI_CHAT_MODEL", default="smollm2-135m")
AIPLUS_AI["speaker"]["model"] = env.str("AIPLUS_AI_SPEAKER_MODEL", default="espeak-ng")
AIPLUS_AI_RETRIES = 1
AIPLUS_AI_BACKOFF = 0.05
