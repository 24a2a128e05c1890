"""Fixtures: one app per test session on SQLite (or on `DATABASE_URL`), a clean database per test."""

import os

import pytest
from flask_migrate import upgrade
from sqlalchemy import event

from wger import create_app
from wger.commands import load_core
from wger.extensions import db


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    instance = tmp_path_factory.mktemp("instance")
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'test.sqlite'}"
    app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url.replace("postgresql://", "postgresql+psycopg://", 1),
        "SECRET_KEY": "test-secret-key-of-sufficient-length-for-hs256",
        "MEDIA_FOLDER": str(instance / "media"),
    })
    with app.app_context():
        db.drop_all()
        db.session.execute(db.text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        upgrade()
    return app


@pytest.fixture(autouse=True)
def _clean_database(app):
    """Give every test an empty database, whatever the previous test wrote.

    Requests run without an outer app context, so each one gets its own `g` and session, as in production.
    """
    yield
    with app.app_context():
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()


@pytest.fixture
def catalog(app):
    """The bundled core sample data: languages, licenses, units, muscles, equipment, categories."""
    with app.app_context():
        load_core()
        db.session.commit()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def count_queries(app):
    """Return a function that runs a callable and returns (its result, how many SQL statements it ran)."""

    def run(action):
        statements = []

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
