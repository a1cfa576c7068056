"""A developer's machine and `make demo`: the embedded defaults, nothing to configure."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "local-only-insecure-key-change-me-in-production")

from .base import *

DEBUG = env.bool("DJANGO_DEBUG", default=True)
DATA_DIR.mkdir(parents=True, exist_ok=True)

if DEBUG:
    # No collectstatic needed while developing.
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
