"""One settings module for every environment, driven by environment variables.

Development: `make run` sets DEBUG=1. Production: DEBUG unset, SECRET_KEY, ALLOWED_HOSTS and
DATABASE_URL set (see README). Nothing here generates a random secret: a missing key is an error.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def _read_local_env(path):
    """KEY=VALUE lines of a local, git-ignored .env (written by `make run` with DEBUG=1).

    The real environment always wins; production sets its variables and has no .env.
    """
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.strip().partition("=")
        if sep and key and not key.startswith("#"):
            os.environ.setdefault(key.strip(), value.strip())


_read_local_env(BASE_DIR / ".env")


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # A fixed, visibly unsafe key for local development only; never used with DEBUG off.
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "csp",
    # Last of the third-party apps, as django-axes asks: it locks out repeated failed sign-ins.
    "axes",
    "qms",
    "certificates",
    "audits",
    "surveys",
]

MIDDLEWARE = [
    # A load balancer's probe of /healthz, answered before the host is checked.
    "qms.views.health.answer_probes",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page is private unless its view says @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # What a signed-in user is sent is never kept by a shared cache.
    "qms.security.PrivateForStaffMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records who made each change in the change history (simple_history).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it answers a locked-out sign-in.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "qms.urls"
WSGI_APPLICATION = "qms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "qms.context_processors.site",
            ],
        },
    },
]

# The embedded default is a SQLite file inside the project; production sets DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=int(env("CONN_MAX_AGE", "60")),
        # A kept connection is checked before each request reuses it: a restarted database
        # costs no failed request.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers share the file: a transaction that will write takes the write lock
    # when it begins (IMMEDIATE), and waits up to 20 s for it rather than failing with "database
    # is locked" halfway through; WAL lets pages be read while someone writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests of simultaneous requests need a file too: an in-memory database shared between
    # threads fails at once where a file waits for its lock. One file per test process, so that
    # two runs in one checkout never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / f"test-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes checks each sign-in first, so a locked-out account is refused before its password.
# Local accounts next; then the office's directory, which does nothing unless LDAP_SERVER_URI is
# set (qms/directory.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "qms.directory.DirectoryBackend",
]
# Signing in with the office's directory (Active Directory or OpenLDAP): see the README's
# section for IT. Off while LDAP_SERVER_URI is empty.
DIRECTORY = {
    "SERVER_URI": env("LDAP_SERVER_URI"),
    "START_TLS": env_bool("LDAP_START_TLS"),
    "CA_FILE": env("LDAP_CA_FILE"),
    "BIND_DN": env("LDAP_BIND_DN"),
    "BIND_PASSWORD": env("LDAP_BIND_PASSWORD"),
    "USER_SEARCH_BASE": env("LDAP_USER_SEARCH_BASE"),
    "USER_FILTER": env("LDAP_USER_FILTER", "(uid=%(user)s)"),
    "ENABLED_FILTER": env("LDAP_ENABLED_FILTER"),
    "GROUP_SEARCH_BASE": env("LDAP_GROUP_SEARCH_BASE"),
    "GROUP_TYPE": env("LDAP_GROUP_TYPE", "groupOfNames"),
    "ROLE_GROUPS": env("LDAP_ROLE_GROUPS"),
    "UNIT_ATTRIBUTE": env("LDAP_UNIT_ATTRIBUTE"),
    "TIMEOUT": float(env("LDAP_TIMEOUT", "5")),
}
if DIRECTORY["SERVER_URI"] and not DIRECTORY["USER_SEARCH_BASE"]:
    raise ImproperlyConfigured("LDAP_USER_SEARCH_BASE must be set with LDAP_SERVER_URI.")
# Argon2 first: new and changed passwords use it; older hashes are upgraded at the next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "qms.security.NotBasedOnUsernameValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "intranet:home"
LOGOUT_REDIRECT_URL = "public:quality_page"

LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Templates and code name a format ("SHORT_DATE_FORMAT"), never a pattern: each language
# writes dates its own way (qms/formats/<language>/formats.py).
FORMAT_MODULE_PATH = "qms.formats"
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]

# Uploaded files (certificate scans) live in a private folder that no URL maps to: they are
# served only through views that check what the visitor may see.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
MEDIA_URL = None
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}
# Several app servers share the uploaded files on a mount at PRIVATE_MEDIA_ROOT, or, when
# S3_BUCKET names one, in an S3-compatible object store (django-storages). Either way the files
# are private: objects are written with the private ACL, no address of the store is ever given
# out (files are read through the views that check who may see them), and a name already taken
# gets a new one rather than overwriting a quality record's file.
S3_BUCKET = env("S3_BUCKET")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "location": env("S3_PREFIX"),
            "endpoint_url": env("S3_ENDPOINT_URL") or None,
            "region_name": env("S3_REGION") or None,
            "access_key": env("S3_ACCESS_KEY_ID") or None,
            "secret_key": env("S3_SECRET_ACCESS_KEY") or None,
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
# Tests and `make run` serve static files without running collectstatic first.
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", DEBUG)
WHITENOISE_AUTOREFRESH = DEBUG
MAX_UPLOAD_SIZE = int(env("MAX_UPLOAD_SIZE", str(20 * 1024 * 1024)))
# The largest page source typeset as one PDF (characters of HTML); see qms/pdf.py.
PDF_MAX_HTML = int(env("PDF_MAX_HTML", str(150_000)))
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_SIZE + 1024 * 1024

# The cache keeps the public pages and PDFs (qms/public_cache.py). The default, a directory of
# files, is shared by every gunicorn worker of one machine (each worker's local memory would be
# its own, and a change seen by one worker would not be by the others; the keys carry the
# content's revision anyway, so what matters is that a page rendered once serves them all). With
# REDIS_URL, Django's Redis cache, shared by every app server.
# In development (`make run`) nothing is kept unless CACHE_DIR or REDIS_URL asks for it, so that
# an edited template shows at once.
REDIS_URL = env("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
        if DEBUG and not env("CACHE_DIR")
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    )
}
CACHES["default"]["KEY_PREFIX"] = env("CACHE_KEY_PREFIX", "qms")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "szj@localhost")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Admin", a) for a in env_list("ADMINS")]
# The portal's address, for the links in the e-mails it sends (e.g. https://jakosc.um.example.pl).
PORTAL_URL = env("PORTAL_URL")

# Security: safe by default whenever DEBUG is off; each can be relaxed by its variable
# (e.g. behind a TLS-terminating proxy that already redirects).
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY") else None
)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# A load balancer probes the app servers over plain HTTP behind the TLS proxy.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# A session ends after a working day, or when the browser closes, whichever comes first.
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: everything from this site only, no inline script or style, no frames.
# Bootstrap's CSS draws its small icons (select arrows, close buttons) as data: SVG images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# How many proxies stand between the visitors and the portal (each appends to X-Forwarded-For);
# BEHIND_TLS_PROXY alone means one. With none, the peer's own address is the visitor's.
TRUSTED_PROXIES = int(env("TRUSTED_PROXIES", "1" if env_bool("BEHIND_TLS_PROXY") else "0"))

# Sign-in lockout (django-axes): ten failed passwords for an account from one address lock that
# account at that address for an hour. Locking the pair, not the account alone, means nobody can
# lock a colleague out from elsewhere, and one careless user behind the office's shared address
# locks nobody else; each address still gets only ten guesses an hour at an account.
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = float(env("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "qms.security.client_ip"
AXES_RESET_ON_SUCCESS = True
# The hour runs from the tenth failure: further tries during the lock do not extend it, so
# whoever knows a user name cannot keep that account locked for ever.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"quiet_refusals": {"()": "qms.security.QuietRefusals"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["quiet_refusals"]},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    # pypdf warns of every flaw it reads past in an uploaded PDF (many files have some); a file it
    # cannot read at all is logged once by qms.contents.
    "loggers": {"pypdf": {"level": "ERROR"}},
}
