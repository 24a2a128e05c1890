"""wger: a Python server of the wger REST API v2.

The API machinery is imported inside the `register_*` steps, not at the top: importing `wger.models` (for
a script, a migration or the CLI) then loads the models and the database handle only.
"""

import logging
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from wger.config import default_config
from wger.database import answer_deadline, autocommit_reads, db, discard_closed_connections, engine_options
from wger.extensions import migrate


def migrations_folder():
    """The Alembic folder of the checkout: beside the package (a clone, or an editable install), else in the
    working directory (`pip install .` puts the package elsewhere, and the deployment runs from the clone)."""
    beside = Path(__file__).resolve().parent.parent / "migrations"
    return beside if beside.is_dir() else Path.cwd() / "migrations"


class SyncFlask(Flask):
    """Flask for an app whose views and hooks are all plain functions.

    Flask asks `inspect` whether each hook and view is a coroutine function on every request (about ten
    times), to run async ones in an event loop. This app has none, so every function runs as it is.
    """

    def ensure_sync(self, func):
        return func


def create_app(config=None):
    """Build the application; `config` (a mapping) overrides the settings read from the environment."""
    app = SyncFlask(__name__, instance_relative_config=True)
    register_config(app, config)
    register_host_check(app)
    register_url_converters(app)
    register_extensions(app)
    register_api(app)
    register_pages(app)
    register_negotiation_and_errors(app)
    register_media(app)
    register_commands(app)
    register_replay(app)
    return app


def register_config(app, config):
    app.config.update(default_config(app.instance_path))
    app.config.update(config or {})
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", engine_options(
        app.config["SQLALCHEMY_DATABASE_URI"], app.config["DATABASE_CONNECT_TIMEOUT"],
        app.config["DATABASE_STATEMENT_TIMEOUT"], app.config["DATABASE_POOL_TIMEOUT"]))
    logging.basicConfig(level=logging.INFO)


def register_host_check(app):
    from wger.hosts import refuse_unknown_host

    app.before_request(refuse_unknown_host)


def register_url_converters(app):
    from wger.api.limits import register_limits

    register_limits(app)


def register_extensions(app):
    from wger.api.cors import allow_cross_origin
    from wger.api.smorest import api

    db.init_app(app)
    tune_postgresql(app)
    migrate.init_app(app, db, directory=str(migrations_folder()), render_as_batch=True, compare_type=True)
    api.init_app(app)
    app.after_request(allow_cross_origin)


def tune_postgresql(app):
    """On PostgreSQL: give up waiting for a server that stopped answering (see
    `wger.database.engine_options`), replace pooled connections it closed, and read without transactions."""
    config = app.config
    if not config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        return
    with app.app_context():
        discard_closed_connections(db.engine)
        autocommit_reads(db.engine)
        if config["DATABASE_STATEMENT_TIMEOUT"]:
            answer_deadline(db.engine, config["DATABASE_STATEMENT_TIMEOUT"] + config["DATABASE_CONNECT_TIMEOUT"])


def register_api(app):
    from wger.api.smorest import api
    from wger.blueprints import all_blueprints

    for blueprint in all_blueprints():
        api.register_blueprint(blueprint)


def register_pages(app):
    from wger import auth, landing
    from wger.blueprints.accounts import pages

    app.register_blueprint(landing.blueprint)
    app.register_blueprint(pages.blueprint)
    app.session_interface = auth.CookieSessionInterface()
    app.after_request(auth.keep_csrf_cookie)
    app.config["ACCOUNT_PAGES"] = pages.ENDPOINTS


def register_negotiation_and_errors(app):
    from wger import auth
    from wger.api.errors import register_error_handlers
    from wger.api.input_checks import check_query_and_form
    from wger.api.negotiation import register_negotiation

    register_negotiation(app)
    app.before_request(check_query_and_form)
    app.before_request(auth.check_credentials_first)
    register_error_handlers(app)


def register_media(app):
    from wger.catalog.media import register_media as serve_media_folder

    serve_media_folder(app)


def register_replay(app):
    """Outermost, so that a replayed answer skips every other layer."""
    from wger.api.replay import ReplayMiddleware

    app.wsgi_app = ReplayMiddleware(app.wsgi_app, app)


def register_commands(app):
    from wger.commands import sample_data, sync_catalog, user

    app.cli.add_command(sample_data)
    app.cli.add_command(sync_catalog)
    app.cli.add_command(user)


@event.listens_for(Engine, "connect")
def _enable_sqlite_foreign_keys(dbapi_connection, connection_record):
    """Make SQLite enforce foreign keys as PostgreSQL does."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
