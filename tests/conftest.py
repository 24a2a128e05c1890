"""Fixtures: one app per test session on SQLite (or on `TEST_DATABASE_URL`) with the core catalog loaded once,
and a database holding only that catalog at the start of every test.

The suite empties and rebuilds its database, so it never reads `DATABASE_URL` (the server's database) and
refuses to start on a database whose name does not say it is for tests.
"""

import datetime as dt
import os
import re

import pytest
import sqlalchemy as sa
from database_names import database_name
from flask import request, request_started
from flask_migrate import upgrade
from sqlalchemy import event

from wger import auth, create_app
from wger.accounts import create_user, find_user
from wger.api import cache
from wger.commands import load_core
from wger.database import db
from wger.models import DataVersion, Permission, Token, User
from wger.models.accounts import utcnow
from wger.throttle import rate_limiter

PASSWORD = "correct-horse-battery"
# Hashing a password at the production cost is most of what creating or logging in an account costs.
CHEAPEST_ARGON2 = {"PASSWORD_HASH_TIME_COST": 1, "PASSWORD_HASH_MEMORY_COST": 8, "PASSWORD_HASH_PARALLELISM": 1}


def pytest_configure(config):
    """Forget the server's `DATABASE_URL` (nothing in the suite, subprocesses included, may open it) and stop
    before any test when `TEST_DATABASE_URL` names a database that is not obviously a test database."""
    os.environ.pop("DATABASE_URL", None)
    url = os.environ.get("TEST_DATABASE_URL")
    if url and "test" not in database_name(url).lower():
        pytest.exit(f"TEST_DATABASE_URL names the database {database_name(url)!r}: the tests empty their database, "
                    "so they only run on one whose name contains 'test' (e.g. wger_test)", returncode=4)


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    instance = tmp_path_factory.mktemp("instance")
    database_url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{instance / 'test.sqlite'}"
    app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url.replace("postgresql://", "postgresql+psycopg://", 1),
        "SECRET_KEY": "test-secret-key-of-sufficient-length-for-hs256",
        "MEDIA_FOLDER": str(instance / "media"),
        **CHEAPEST_ARGON2,
    })
    with app.app_context():
        db.drop_all()
        db.session.execute(db.text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        upgrade()
    return app


class CoreCatalog:
    """The rows `load_core` writes (languages, licenses, units, muscles, equipment, categories), loaded once
    per session and compared after every test, so the few tests that change them get them put back."""

    def __init__(self):
        load_core()
        db.session.commit()
        self.rows = {table: rows for table in db.metadata.sorted_tables
                     if table is not DataVersion.__table__ and (rows := _rows(table))}

    def remove(self):
        """Empty the catalog's tables, as on a fresh install."""
        for table in reversed(list(self.rows)):
            db.session.execute(table.delete())
        db.session.commit()

    def restore_if_changed(self):
        if any(_rows(table) != rows for table, rows in self.rows.items()):
            self.remove()
            load_core()


def _rows(table):
    return db.session.execute(sa.select(table).order_by(*table.primary_key.columns)).all()


@pytest.fixture(scope="session")
def catalog(app):
    """The bundled core sample data, there for every test; a test names it when it reads it."""
    with app.app_context():
        return CoreCatalog()


@pytest.fixture
def fresh_install(app, catalog):
    """An empty database, as right after `flask db upgrade` (the core catalog is put back after the test)."""
    with app.app_context():
        catalog.remove()


@pytest.fixture(autouse=True)
def _clean_database(app, catalog):
    """Give every test a database holding only the core catalog, whatever the previous test wrote.

    Requests run without an outer app context, so each one gets its own `g` and session, as in production.
    Rate limit counters are cleared too, so only the tests about them ever hit a limit, and the catalog
    version moves on, so no cached read outlives the rows it was made from.
    """
    yield
    with app.app_context():
        rate_limiter(app).storage.reset()
        for table in reversed(db.metadata.sorted_tables):
            if table is not DataVersion.__table__ and table not in catalog.rows:
                db.session.execute(table.delete())
        catalog.restore_if_changed()
        db.session.execute(sa.update(DataVersion).values(version=DataVersion.version + 1))
        db.session.commit()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def count_queries(app, monkeypatch):
    """Return a function that runs a callable and returns (its result, how many SQL statements it ran).

    The version checks of the read cache and of replayed answers run on the driver's own cursor, which
    SQLAlchemy's statement events do not see; each is counted as the one statement it is.
    """
    statements = []
    read_row = cache.read_row

    def counted_read(sql, *arguments):
        statements.append(sql)
        return read_row(sql, *arguments)

    monkeypatch.setattr(cache, "read_row", counted_read)

    def run(action):
        statements.clear()

        def record(conn, cursor, statement, parameters, context, executemany):
            statements.append(statement)

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", record)
        try:
            result = action()
        finally:
            event.remove(engine, "before_cursor_execute", record)
        return result, len(statements)

    return run


def _permission(name):
    app_label, codename = name.split(".", 1)
    statement = sa.select(Permission).where(Permission.app_label == app_label, Permission.codename == codename)
    permission = db.session.scalar(statement)
    if permission is None:
        permission = Permission(app_label=app_label, codename=codename, name=name)
        db.session.add(permission)
    return permission


@pytest.fixture
def make_user(app):
    """Return `make_user(username, password=PASSWORD, email=None, is_superuser=False, email_verified=False,
    days_old=0, permissions=())`, which creates an account (profile and API key included) and returns its id.

    `permissions` are `app_label.codename` names granted to the user directly.
    """

    def make(username, password=PASSWORD, email=None, is_superuser=False, email_verified=False, days_old=0,
             permissions=()):
        with app.app_context():
            user = create_user(username, password, email=email, is_superuser=is_superuser)
            user.profile.email_verified = email_verified
            user.date_joined = utcnow() - dt.timedelta(days=days_old)
            user.permissions = [_permission(name) for name in permissions]
            db.session.commit()
            return user.id

    return make


@pytest.fixture
def auth_headers(app):
    """Return `auth_headers(username)`: real `Authorization: Bearer <access token>` headers for that user."""

    def headers(username):
        with app.app_context():
            token = auth.encode(find_user(username=username).id, "access")
        return {"Authorization": f"Bearer {token}"}

    return headers


@pytest.fixture
def flask_requests(app):
    """The paths of the requests that reach Flask's dispatching (a replayed answer never does)."""
    started = []

    def record(sender, **extra):
        started.append(request.path)

    request_started.connect(record, app)
    yield started
    request_started.disconnect(record, app)


@pytest.fixture
def key_headers(app):
    """Return `key_headers(username)`: `Authorization: Token <permanent key>` headers for that user."""

    def headers(username):
        with app.app_context():
            key = db.session.scalar(sa.select(Token.key).join(User).where(User.username == username))
        return {"Authorization": f"Token {key}"}

    return headers


class Account:
    """A real account whose trust and permissions a test changes as it goes."""

    def __init__(self, app, user_id):
        self.app, self.id = app, user_id

    def _update(self, change):
        with self.app.app_context():
            user = db.session.get(User, self.id)
            change(user)
            db.session.commit()

    @property
    def is_trustworthy(self):
        with self.app.app_context():
            return db.session.get(User, self.id).is_trustworthy

    @is_trustworthy.setter
    def is_trustworthy(self, trusted):
        """Trusted: an account older than the trust age with a verified email; untrusted: a new one."""

        def change(user):
            user.profile.email_verified = trusted
            user.date_joined = utcnow() - dt.timedelta(days=60 if trusted else 0)

        self._update(change)

    @property
    def permissions(self):
        with self.app.app_context():
            return tuple(permission.full_name for permission in db.session.get(User, self.id).permissions)

    @permissions.setter
    def permissions(self, names):
        self._update(lambda user: setattr(user, "permissions", [_permission(name) for name in names]))


@pytest.fixture
def contributor(app, client, make_user, auth_headers):
    """A new, untrusted account that every request of `client` comes from, by its access token."""
    user_id = make_user("contributor")
    client.environ_base["HTTP_AUTHORIZATION"] = auth_headers("contributor")["Authorization"]
    return Account(app, user_id)


@pytest.fixture
def log_in(client):
    """Return `log_in(username, password=PASSWORD)`, which signs `client` in through the login page: it then
    carries the session cookie, as a person's browser does, and must send the CSRF token with every write."""

    def sign_in(username, password=PASSWORD):
        login_page = client.get("/user/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page)[1]
        response = client.post("/user/login", data={"csrf_token": token, "username": username, "password": password})
        assert response.status_code == 302, f"the login page refused {username}"

    return sign_in


@pytest.fixture
def signed_in(app, make_user, log_in):
    """A new, untrusted account signed in through the login page (see `log_in`)."""
    user_id = make_user("tester")
    log_in("tester")
    return Account(app, user_id)
