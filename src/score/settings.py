"""The one settings file. Everything that differs between machines comes from environment
variables; `.env.example` lists them all. Defaults give a working SQLite set-up under
``SCORE_DATA_DIR`` (``./var``) so that ``make demo`` needs nothing installed."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("SCORE_DATA_DIR") or "./var").resolve()

DEBUG = env_bool("SCORE_DEBUG", False)
TESTING = "PYTEST_VERSION" in os.environ

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Generate one with\n"
            "  python3 -c 'import secrets; print(secrets.token_urlsafe(50))'\n"
            "and export it as SECRET_KEY (or put it in the environment file your service "
            "manager reads). For a local trial set SCORE_DEBUG=1 instead."
        )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "score.core",
    "score.accounts",
    "score.programmes",
    "score.enterprises",
    "score.training",
    "score.counselling",
    "score.monitoring",
    "score.surveys",
    "score.imports",
    "score.trainers",
    "score.finance",
    "score.results",
    "score.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "score.urls"
WSGI_APPLICATION = "score.wsgi.application"

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
                "score.web.context_processors.navigation",
            ],
            "builtins": ["django.templatetags.i18n"],
        },
    }
]

# Databases: SQLite under SCORE_DATA_DIR unless DATABASE_URL names another (PostgreSQL).
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    try:
        DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    except (ValueError, dj_database_url.UnknownSchemeError) as error:
        raise ImproperlyConfigured(
            f"DATABASE_URL is not a database address ({error}). Write it as "
            "postgres://USER:PASSWORD@HOST:5432/NAME, or leave it unset for the embedded "
            "SQLite database under SCORE_DATA_DIR."
        ) from None
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "score.sqlite3",
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["score.accounts.backends.RoleBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:  # fast hashing in tests only; real deployments keep Django's default
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Languages: English and Simplified Chinese are complete; Spanish, Vietnamese and
# Indonesian are prepared (catalogues exist) and fall back to English where untranslated.
LANGUAGE_CODE = os.environ.get("SCORE_LANGUAGE", "en")
LANGUAGES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("SCORE_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Programme rules and limits.
SCORE_VISITS_DUE_DAYS = int(os.environ.get("SCORE_VISITS_DUE_DAYS", "90"))
SCORE_MAX_PHOTO_MB = int(os.environ.get("SCORE_MAX_PHOTO_MB", "10"))
SCORE_MAX_IMPORT_MB = int(os.environ.get("SCORE_MAX_IMPORT_MB", "20"))
SCORE_MAX_SURVEY_CSV_MB = int(os.environ.get("SCORE_MAX_SURVEY_CSV_MB", "5"))
# A trainer is active if they delivered a class or visit within this many months.
SCORE_TRAINER_ACTIVE_MONTHS = int(os.environ.get("SCORE_TRAINER_ACTIVE_MONTHS", "12"))
# Public address of the site, for absolute links in e-mails (e.g. https://score.example.org).
SCORE_BASE_URL = os.environ.get("SCORE_BASE_URL", "")
# The organisation that publishes the IATI activity files (`score export iati`): its IATI
# organisation identifier, name and organisation type code (40 = multilateral).
SCORE_IATI_REPORTING_ORG = os.environ.get("SCORE_IATI_REPORTING_ORG", "XM-DAC-41302")
SCORE_IATI_REPORTING_ORG_NAME = os.environ.get(
    "SCORE_IATI_REPORTING_ORG_NAME", "International Labour Organization"
)
SCORE_IATI_REPORTING_ORG_TYPE = os.environ.get("SCORE_IATI_REPORTING_ORG_TYPE", "40")

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "SCORE Platform <score@localhost>")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

SESSION_COOKIE_SECURE = env_bool("SCORE_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
if env_bool("SCORE_BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

MESSAGE_TAGS = {40: "error", 30: "warning", 25: "success", 20: "info", 10: "debug"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SCORE_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
