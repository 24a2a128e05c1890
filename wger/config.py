"""Settings read from the environment, with defaults that need no setup.

Every setting can be overridden by the mapping passed to `create_app(config)`, which is how the tests
configure the app.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

from argon2.profiles import RFC_9106_LOW_MEMORY

from wger.hosts import LOOPBACK_HOSTS, parse_allowed_hosts


def _env_int(name, default):
    return int(os.environ.get(name, default))


def _env_float(name, default):
    return float(os.environ.get(name, default))


def _env_bool(name, default):
    return os.environ.get(name, str(default)).strip().lower() in ("1", "true", "yes", "on")


def database_url(instance_path):
    """Return the SQLAlchemy URL: `DATABASE_URL` if set, else SQLite in the instance folder.

    `postgres://` and `postgresql://` are mapped to the psycopg 3 driver the project installs.
    """
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{Path(instance_path) / 'wger.sqlite'}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def secret_key(instance_path):
    """Return `SECRET_KEY`, or a random development key kept in the instance folder.

    The key is generated once and reused, so tokens survive restarts, and it is never part of the code.
    """
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    key_file = Path(instance_path) / "secret_key"
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def site_url():
    """`SITE_URL`, or the address `make run` serves on (`HOST`, `PORT`)."""
    default = f"http://{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
    return os.environ.get("SITE_URL", default).rstrip("/")


def default_config(instance_path):
    """Build the settings mapping from the environment."""
    return {
        "SQLALCHEMY_DATABASE_URI": database_url(instance_path),
        "SECRET_KEY": secret_key(instance_path),
        "DATABASE_CONNECT_TIMEOUT": _env_float("DATABASE_CONNECT_TIMEOUT", 5),
        "DATABASE_STATEMENT_TIMEOUT": _env_float("DATABASE_STATEMENT_TIMEOUT", 10),
        "DATABASE_POOL_TIMEOUT": _env_float("DATABASE_POOL_TIMEOUT", 5),
        "SITE_URL": site_url(),
        "ALLOWED_HOSTS": parse_allowed_hosts(os.environ.get("ALLOWED_HOSTS", ",".join(LOOPBACK_HOSTS))),
        "PAGE_SIZE": 20,
        "MAX_PAGE_SIZE": _env_int("MAX_PAGE_SIZE", 1000),
        "READ_CACHE_DISABLED": _env_bool("READ_CACHE_DISABLED", False),
        "MAX_CONTENT_LENGTH": _env_int("MAX_CONTENT_LENGTH", 20 * 1024 * 1024),
        "MEDIA_FOLDER": os.environ.get("MEDIA_FOLDER", str(Path(instance_path) / "media")),
        "MEDIA_URL": os.environ.get("MEDIA_URL", "/media/"),
        "MAX_IMAGE_SIZE": _env_int("MAX_IMAGE_SIZE", 5 * 1024 * 1024),
        "JWT_ACCESS_TOKEN_EXPIRES": timedelta(minutes=float(os.environ.get("ACCESS_TOKEN_LIFETIME", 15))),
        "JWT_REFRESH_TOKEN_EXPIRES": timedelta(hours=float(os.environ.get("REFRESH_TOKEN_LIFETIME", 24))),
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _env_bool("SESSION_COOKIE_SECURE", False),
        "WTF_CSRF_TIME_LIMIT": None,  # a CSRF token lives as long as its session, as Django's does
        "ALLOW_REGISTRATION": _env_bool("ALLOW_REGISTRATION", True),
        "MIN_ACCOUNT_AGE_TO_TRUST": _env_int("MIN_ACCOUNT_AGE_TO_TRUST", 21),
        "LOGIN_FAILURE_LIMIT": _env_int("LOGIN_FAILURE_LIMIT", 10),
        "LOGIN_LOCKOUT_MINUTES": _env_int("LOGIN_LOCKOUT_MINUTES", 30),
        "PASSWORD_HASH_TIME_COST": _env_int("PASSWORD_HASH_TIME_COST", RFC_9106_LOW_MEMORY.time_cost),
        "PASSWORD_HASH_MEMORY_COST": _env_int("PASSWORD_HASH_MEMORY_COST", RFC_9106_LOW_MEMORY.memory_cost),
        "PASSWORD_HASH_PARALLELISM": _env_int("PASSWORD_HASH_PARALLELISM", RFC_9106_LOW_MEMORY.parallelism),
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "10/minute"),
        "REGISTRATION_RATE_LIMIT": os.environ.get("REGISTRATION_RATE_LIMIT", "5/minute"),
        "NUM_PROXIES": _env_int("NUM_PROXIES", 0),
        "RATE_LIMIT_STORAGE": os.environ.get("REDIS_URL") or "database",
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": _env_int("MAIL_PORT", 25),
        "MAIL_USE_TLS": _env_bool("MAIL_USE_TLS", False),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "wger@localhost"),
        "EMAIL_VERIFICATION_MAX_AGE": timedelta(hours=_env_int("EMAIL_VERIFICATION_MAX_AGE", 72)),
        "API_TITLE": "wger",
        "API_VERSION": "2.3.0a3",
        "MIN_APP_VERSION": "1.7.4",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v2",
        "OPENAPI_JSON_PATH": "schema",
        "OPENAPI_SWAGGER_UI_PATH": "schema/ui",
        "OPENAPI_SWAGGER_UI_URL": "/static/vendor/swagger-ui/",
        "OPENAPI_REDOC_PATH": "schema/redoc",
        "OPENAPI_REDOC_URL": "/static/vendor/redoc/redoc.standalone.js",
        "API_SPEC_OPTIONS": {
            "info": {"description": "Self hosted FLOSS workout and fitness tracker"},
            "servers": [{"url": "/", "description": "This server"}],
        },
    }
