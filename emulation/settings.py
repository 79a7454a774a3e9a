"""Settings for the emulation-campaign portal, read from the environment (see README, "Cấu hình").

Defaults give the embedded setup (SQLite under var/, tasks run in-process). Production fails closed: with
DEBUG off there is no default SECRET_KEY, and the security headers and secure cookies are on.
"""

import ipaddress
from email.utils import parseaddr
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from emulation.lib.env import env_bool, env_int, env_list, env_str
from emulation.lib.logs import log_format

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (set SECRET_KEY or SECRET_KEY_FILE; see README)."
        )
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "simple_history",
    "treebeard",
    "csp",
    "axes",
    "emulation",
    "campaigns",
    "indicators",
    "awards",
    "emulation.reports",
    "emulation.clusters",
    "emulation.notifications",
    "emulation.rules",
    "emulation.signatures",
    # The read-only JSON API (/api/v1/); "ninja" serves Swagger UI's assets from its package, never a CDN.
    "ninja",
    "emulation.api",
]

MIDDLEWARE = [
    # First: one log line per request (user, status, duration, request id) covering the whole stack.
    "emulation.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Inside SessionMiddleware, so that the session it marks is saved on the way out.
    "emulation.middleware.SessionRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # axes must come last: it reads the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "emulation.urls"
WSGI_APPLICATION = "emulation.wsgi.application"

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
                "emulation.context_processors.portal",
            ],
        },
    },
    # The figures form's body (emulation/jinja2.py): only templates under templates/jinja2/, named by that engine.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "emulation.jinja2.environment", "autoescape": True},
    },
]

# --- Database ---------------------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Prepared statements, only for the queries run inside emulation.lib.db.prepared_statements (Django's own
    # client-side binding never prepares). Set DB_PREPARED_STATEMENTS=0 behind a pooler in transaction mode.
    if env_bool("DB_PREPARED_STATEMENTS", default=True):
        DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache and Celery broker, or in-process when unset -----------------------------------------------
REDIS_URL = env_str("REDIS_URL") or None
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=False)
else:
    # The dashboard keeps each submission's judged figures (indicators.progress): room for a few thousand units'.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}}
    CELERY_BROKER_URL = "memory://localhost/"  # in-process; naming the host keeps kombu from warning "No hostname"
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
# A job survives a worker crash: it is acknowledged only when done, and redelivered if the worker dies.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Workers log through LOGGING below (JSON lines in production, with the web's format), not Celery's own handler.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Redelivery of a job whose worker died waits for the visibility timeout: keep it above the task time limit.
# The surviving workers look for such jobs every interval × throttle seconds (kombu's defaults: 10 × 10 s), so a
# crashed job is redelivered within visibility timeout + that sweep period. A report does not wait for that: the
# report sweep below queues it again within minutes (REPORT_STALE_SECONDS, docs/deploy.md "Jobs and workers").
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
    "unacked_restore_interval": env_int("CELERY_UNACKED_RESTORE_INTERVAL", 10),
    "unacked_restore_throttle": env_int("CELERY_UNACKED_RESTORE_THROTTLE", 10),
}
CELERY_TASK_TIME_LIMIT = 1800
CELERY_BROKER_CONNECTION_TIMEOUT = 3
# The queue jobs go to when nothing else is said: the one every worker consumes (the tests give each its own).
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "celery")
CELERY_BEAT_SCHEDULE = {
    # Every morning: the province's report on each period's due date, and reminders 7 and 1 days before.
    "reports-and-reminders": {
        "task": "emulation.reports.tasks.daily_reports_and_reminders",
        "schedule": crontab(hour=env_int("REPORT_DAILY_HOUR", 6), minute=0),
    },
}
# Deadline reminders (7 and 1 days before, the day after) are notifications now (emulation/notifications), e-mailed
# as each person chose; this older plain e-mail to the units is off unless days are given here (e.g. "7,1").
REPORT_REMINDER_DAYS = [int(d) for d in env_list("REPORT_REMINDER_DAYS", [])]
# Reports never stay "Đang tạo" (docs/deploy.md, "Jobs and workers"): a running job touches its report every
# REPORT_HEARTBEAT_SECONDS; every REPORT_SWEEP_SECONDS the sweep queues again a running report silent for
# REPORT_STALE_SECONDS (its worker died: crash, OOM, kill -9) and a queued one whose job is no longer in the
# queue after REPORT_QUEUED_STALE_SECONDS (a Redis flush, a restore). A report is sent to the queue at most
# REPORT_MAX_ATTEMPTS times; after that it fails with a message. Worst case with the defaults: about a minute
# from a worker's death to the report queued again, plus the job's own time.
REPORT_HEARTBEAT_SECONDS = env_int("REPORT_HEARTBEAT_SECONDS", 5)
REPORT_STALE_SECONDS = env_int("REPORT_STALE_SECONDS", 30)
REPORT_SWEEP_SECONDS = env_int("REPORT_SWEEP_SECONDS", 30)
REPORT_QUEUED_STALE_SECONDS = env_int("REPORT_QUEUED_STALE_SECONDS", 600)
REPORT_MAX_ATTEMPTS = env_int("REPORT_MAX_ATTEMPTS", 2)
CELERY_BEAT_SCHEDULE["sweep-reports"] = {
    "task": "emulation.reports.tasks.sweep_reports",
    "schedule": REPORT_SWEEP_SECONDS,
    # Without a worker, beat keeps sending: a sweep nobody ran in time is dropped, not run in a burst later.
    "options": {"expires": REPORT_SWEEP_SECONDS},
}
# Each person may ask for REPORT_RATE_LIMIT reports per REPORT_RATE_WINDOW_MINUTES (0 = no limit): one costs
# seconds of a worker's CPU (benchmarks/README.md). Scheduled reports are not counted.
REPORT_RATE_LIMIT = env_int("REPORT_RATE_LIMIT", 10)
REPORT_RATE_WINDOW_MINUTES = env_int("REPORT_RATE_WINDOW_MINUTES", 10)
# Every worker writes a heartbeat to Redis every WORKER_HEARTBEAT_SECONDS, from its own timer (not beat's);
# /healthz and the report page count a worker as alive for WORKER_STALE_SECONDS after its last one.
WORKER_HEARTBEAT_SECONDS = env_int("WORKER_HEARTBEAT_SECONDS", 10)
WORKER_STALE_SECONDS = env_int("WORKER_STALE_SECONDS", 60)
# Every night: lock accounts nobody signed in with for ACCOUNT_INACTIVE_DAYS days (0 = off), superusers too,
# except the usernames in ACCOUNT_INACTIVE_EXEMPT (campaigns.services.accounts_disable_inactive, docs/deploy.md).
# 200 days: units that report only at 15/6 and 15/12 (about 183 days apart) keep their accounts; a shorter period
# (a stricter security rule) locks them between two reports (the trade-off: docs/deploy.md, "Inactive accounts").
# ACCOUNT_INACTIVE_WARN_DAYS before the lock the person gets an e-mail (0 = no e-mail).
ACCOUNT_INACTIVE_DAYS = env_int("ACCOUNT_INACTIVE_DAYS", 200)
ACCOUNT_INACTIVE_WARN_DAYS = env_int("ACCOUNT_INACTIVE_WARN_DAYS", 14)
ACCOUNT_INACTIVE_EXEMPT = env_list("ACCOUNT_INACTIVE_EXEMPT", [])
CELERY_BEAT_SCHEDULE["disable-inactive-accounts"] = {
    "task": "campaigns.tasks.disable_inactive_accounts",
    "schedule": crontab(hour=1, minute=30),
}

# --- Authentication -----------------------------------------------------------------------------------------
AUTH_USER_MODEL = "campaigns.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lockout (django-axes): 5 failed sign-ins for one account lock it for AXES_COOLOFF_MINUTES; every sign-in
# and every failure is recorded (AccessLog, AccessFailureLog).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = ["username"]
# Locking by IP address would lock a whole Sở out: its staff share one NAT address. The account is the target.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite cannot hold a unique constraint whose NULLs are equal (a report's version per campaign, period and
    # scope): the embedded default relies on the service's own check, PostgreSQL on the constraint. Without this,
    # every `make run` greeted a new user with the warning.
    SILENCED_SYSTEM_CHECKS.append("models.W047")
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0)

# Idle sessions end after SESSION_IDLE_MINUTES: the expiry slides forward with the user's activity. It is written
# at most every SESSION_REFRESH_SECONDS (emulation.middleware.SessionRefreshMiddleware), not on every request: one
# UPDATE less per request, and a save that commits is not followed by a session write that could still fail.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = env_int("SESSION_REFRESH_SECONDS", 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- Security (production defaults; DEBUG relaxes only what needs HTTPS) ------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Probes and the metrics scraper talk to gunicorn directly, over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env_bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp): every asset is ours and served locally; no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# --- Language, time, formats --------------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Vietnamese dates as 15/06/2025 and numbers as 82,5 (emulation/formats/vi/formats.py).
FORMAT_MODULE_PATH = ["emulation.formats"]

# --- Static and media ---------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT") or VAR_DIR / "staticfiles")
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "media")
# Uploads and generated reports: the local disk under MEDIA_ROOT (one machine, or an NFS mount shared by the web
# and worker hosts), or a private S3 bucket (docs/deploy.md). Either way they are served only by scoped views.
MEDIA_STORAGE = env_str("MEDIA_STORAGE", "filesystem")
if MEDIA_STORAGE == "filesystem":
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif MEDIA_STORAGE == "s3":
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME") or env_str("S3_BUCKET") or "",
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or env_str("S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or env_str("S3_REGION") or None,
            "access_key": env_str("AWS_ACCESS_KEY_ID") or env_str("S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or env_str("S3_SECRET_ACCESS_KEY") or None,
            "location": env_str("S3_PREFIX", ""),
            "addressing_style": env_str("AWS_S3_ADDRESSING_STYLE") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,
        },
    }
    if not DEFAULT_STORAGE["OPTIONS"]["bucket_name"]:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME (or S3_BUCKET).")
else:
    raise ImproperlyConfigured(f"MEDIA_STORAGE={MEDIA_STORAGE!r} is not one of: filesystem, s3")
# "/protected-media" → downloads answer with X-Accel-Redirect and nginx sends the file (filesystem storage only).
DOWNLOADS_X_ACCEL_PREFIX = (env_str("DOWNLOADS_X_ACCEL_PREFIX") or "").rstrip("/")
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "emulation.lib.static.StaticStorage"  # whitenoise's compressed manifest, URLs looked up once
    },
}
# Uploaded documents (signed plans, evidence, dossiers): checked by content, at most UPLOAD_MAX_MB each.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_MB", 20) * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Digital signatures of uploaded PDFs (emulation/signatures): files above SIGNATURE_CHECK_MAX_MB are not checked;
# each check runs in a child process killed after SIGNATURE_CHECK_SECONDS or above SIGNATURE_CHECK_MEMORY_MB.
# Revocation (CRL/OCSP) is fetched only when SIGNATURE_REVOCATION_FETCH is on: government networks are closed.
SIGNATURE_CHECK_MAX_BYTES = env_int("SIGNATURE_CHECK_MAX_MB", 20) * 1024 * 1024
SIGNATURE_CHECK_SECONDS = env_int("SIGNATURE_CHECK_SECONDS", 60)
SIGNATURE_CHECK_MEMORY_MB = env_int("SIGNATURE_CHECK_MEMORY_MB", 1024)
SIGNATURE_REVOCATION_FETCH = env_bool("SIGNATURE_REVOCATION_FETCH", default=False)
# The read-only API (emulation/api): calls per minute per token; above it 429 with Retry-After.
API_RATE_PER_MINUTE = env_int("API_RATE_PER_MINUTE", 120)
# Checks still waiting after SIGNATURE_SWEEP_SECONDS (their job was lost) are queued again by beat.
SIGNATURE_SWEEP_SECONDS = env_int("SIGNATURE_SWEEP_SECONDS", 600)
CELERY_BEAT_SCHEDULE["sweep-signature-checks"] = {
    "task": "emulation.signatures.tasks.signature_sweep",
    "schedule": SIGNATURE_SWEEP_SECONDS,
    "options": {"expires": SIGNATURE_SWEEP_SECONDS},
}
# Files whose signer's certificate should name the sending unit (a warning only): "app.model.field".
SIGNATURE_SENDING_UNIT_FIELDS = env_list(
    "SIGNATURE_SENDING_UNIT_FIELDS", ["awards.dossier.submission_file", "awards.dossier.minutes_file"]
)

# --- E-mail ---------------------------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Cổng thi đua khen thưởng <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A mail server that does not answer must not hold a page (tasks run in-process without Redis) or a worker for long.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
# EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend writes each message to a file here instead.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH") or str(VAR_DIR / "mail")

# --- Notifications (emulation/notifications) ------------------------------------------------------------------
# The portal's address as users reach it, for the links in e-mails: SITE_URL, else the first CSRF_TRUSTED_ORIGINS.
SITE_URL = (
    env_str("SITE_URL") or next((o for o in CSRF_TRUSTED_ORIGINS if "*" not in o), "") or "http://localhost:8000"
).rstrip("/")
# Every morning: deadline reminders (7 and 1 days before a due date, and the day after), then the daily digest of
# the notifications people chose to receive once a day.
NOTIFY_DAILY_HOUR = env_int("NOTIFY_DAILY_HOUR", 7)
# An e-mail that failed (SMTP down) is tried again with a growing delay, at most NOTIFY_EMAIL_MAX_ATTEMPTS times;
# the sweep every NOTIFY_EMAIL_RETRY_SECONDS also sends the ones whose job was lost or ran in-process.
NOTIFY_EMAIL_MAX_ATTEMPTS = env_int("NOTIFY_EMAIL_MAX_ATTEMPTS", 8)
NOTIFY_EMAIL_RETRY_SECONDS = env_int("NOTIFY_EMAIL_RETRY_SECONDS", 600)
CELERY_BEAT_SCHEDULE["notifications-daily"] = {
    "task": "emulation.notifications.tasks.daily_notifications",
    "schedule": crontab(hour=NOTIFY_DAILY_HOUR, minute=0),
}
CELERY_BEAT_SCHEDULE["notifications-retry-email"] = {
    "task": "emulation.notifications.tasks.retry_emails",
    "schedule": NOTIFY_EMAIL_RETRY_SECONDS,
    "options": {"expires": NOTIFY_EMAIL_RETRY_SECONDS},
}

# --- Forms ----------------------------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
# Selects name their empty choice ("— Chọn đơn vị —", not "---------") on every form (emulation/lib/forms.py).
FORM_RENDERER = "emulation.lib.forms.PortalRenderer"

# --- History (django-simple-history): who changed what, kept for every model holding users' data ------------
SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False
SIMPLE_HISTORY_REVERT_DISABLED = True
# Reasons quote campaign titles ("Sao chép từ “…”"): a text column, not varchar(100).
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# --- Errors that reach an operator (both off by default) --------------------------------------------------------
# ADMINS="Tên <email>, email2": every ERROR line of any process (a 500, a failed job, a failed backup) is also
# e-mailed to them, through EMAIL_* above.
ADMINS = [parseaddr(item) for item in env_list("ADMINS", [])]
if any("@" not in address for _name, address in ADMINS):
    raise ImproperlyConfigured("ADMINS must be e-mail addresses, e.g. ADMINS='Nguyễn Văn A <a@example.gov.vn>'")
# SENTRY_DSN: errors and their stack traces go to Sentry, or to any server speaking its protocol (GlitchTip, a
# self-hosted Sentry). No personal data: no user, no cookies, no request bodies (figures, Mẫu 07), no IP.
SENTRY_DSN = env_str("SENTRY_DSN") or ""

# --- Metrics for Prometheus: /metrics (emulation/metrics.py), 404 unless one of these is set --------------------
# METRICS_TOKEN (better METRICS_TOKEN_FILE): the scraper sends `Authorization: Bearer <token>`.
# METRICS_ALLOWED_IPS: addresses or networks (10.0.0.5, 10.0.0.0/24) of the scraper, which talks to gunicorn
# directly. When both are set, both must pass.
METRICS_TOKEN = env_str("METRICS_TOKEN") or ""
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", [])
for _network in METRICS_ALLOWED_IPS:
    try:
        ipaddress.ip_network(_network, strict=False)
    except ValueError as exc:
        raise ImproperlyConfigured(f"METRICS_ALLOWED_IPS: {_network!r} is not an address or a network") from exc
# A report "Đang tạo" with no sign of life for this long counts as stuck (the alert; the sweep acts sooner).
METRICS_REPORT_STUCK_MINUTES = env_int("METRICS_REPORT_STUCK_MINUTES", 10)

# LOG_FORMAT=json: one JSON object per line (python-json-logger), for a log collector; text for a terminal. The
# formatters (emulation/lib/logs.py) are gunicorn's too (deploy/gunicorn.conf.py); times are ISO 8601 with offset.
LOG_FORMAT = log_format()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "emulation.middleware.RequestIdFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "not_disallowed_host": {"()": "emulation.lib.logs.NotDisallowedHost"},
    },
    "formatters": {
        "plain": {"()": "emulation.lib.logs.TextFormatter"},
        "json": {"()": "emulation.lib.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["request_id"],
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", "not_disallowed_host"],
        },
    },
    "root": {"handlers": ["console", "mail_admins"] if ADMINS else ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Named here so that Django's default handlers for it (its own console and mail_admins) are removed: its
        # lines go through the root's, once.
        "django": {"level": "INFO"},
        **{name: {"level": "WARNING"} for name in ("axes", "weasyprint", "fontTools")},
    },
}
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        release=env_str("APP_VERSION") or None,
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=0,
    )
