"""Settings read from the environment, with defaults that need no setup.

Every setting can be overridden by the mapping passed to `create_app(config)`, which is how the tests
configure the app.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path


def _env_int(name, default):
    return int(os.environ.get(name, default))


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


def default_config(instance_path):
    """Build the settings mapping from the environment."""
    return {
        "SQLALCHEMY_DATABASE_URI": database_url(instance_path),
        "SECRET_KEY": secret_key(instance_path),
        "PAGE_SIZE": 20,
        "MAX_PAGE_SIZE": _env_int("MAX_PAGE_SIZE", 1000),
        "MAX_CONTENT_LENGTH": _env_int("MAX_CONTENT_LENGTH", 20 * 1024 * 1024),
        "MEDIA_FOLDER": os.environ.get("MEDIA_FOLDER", str(Path(instance_path) / "media")),
        "MEDIA_URL": os.environ.get("MEDIA_URL", "/media/"),
        "MAX_IMAGE_SIZE": _env_int("MAX_IMAGE_SIZE", 5 * 1024 * 1024),
        "JWT_ACCESS_TOKEN_EXPIRES": timedelta(minutes=float(os.environ.get("ACCESS_TOKEN_LIFETIME", 15))),
        "JWT_REFRESH_TOKEN_EXPIRES": timedelta(hours=float(os.environ.get("REFRESH_TOKEN_LIFETIME", 24))),
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
