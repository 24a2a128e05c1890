"""The database handle and the declarative base, below everything else so models import nothing above them.

Constraint names are fixed by a naming convention, so migrations name them alike on SQLite and PostgreSQL.
Every table with an integer id is created with SQLite's AUTOINCREMENT (`never_reuse_ids`): without it
SQLite hands the id of a deleted newest row to the next insert, and a client that syncs by id would take
the new object for the deleted one. PostgreSQL's sequences never reuse an id.
"""

import select

import psycopg
from flask import has_request_context, request
from flask_sqlalchemy import SQLAlchemy
from psycopg.errors import _WaitTimeout as WaitTimeout  # what Connection.wait(timeout=...) raises
from sqlalchemy import MetaData, event, exc
from sqlalchemy.orm import DeclarativeBase

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")  # the methods that only read (RFC 9110), for transactions and CSRF

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Model(DeclarativeBase):
    """The declarative base of every model."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def never_reuse_ids(metadata):
    """Give every table keyed by an integer `id` SQLite's AUTOINCREMENT (call once all models are defined)."""
    for table in metadata.tables.values():
        id_column = table.columns.get("id")
        if id_column is not None and id_column.primary_key and id_column.autoincrement in (True, "auto"):
            table.dialect_options["sqlite"]["autoincrement"] = True


db = SQLAlchemy(model_class=Model)


def engine_options(url, connect_timeout, statement_timeout, pool_timeout):
    """SQLAlchemy engine options that bound every wait on the database (seconds; 0 turns a bound off).

    PostgreSQL: connecting gives up after `connect_timeout`, the server cancels a statement after
    `statement_timeout`, and waiting for a free pooled connection ends after `pool_timeout`. A pooled
    connection the server has closed is replaced before use (`discard_closed_connections`, which costs no
    round trip where SQLAlchemy's `pool_pre_ping` costs one per request). A server that stops answering
    altogether (stalled, or its network gone) cannot cancel anything, so the client also gives up waiting
    for any answer after `statement_timeout + connect_timeout` (`answer_deadline`). SQLite is a local file:
    it only waits for another writer's lock, up to `statement_timeout`.
    """
    if not url.startswith("postgresql"):
        return {"connect_args": {"timeout": statement_timeout or 5}}
    options = {"pool_timeout": pool_timeout or None, "connect_args": {}}
    if connect_timeout:
        options["connect_args"]["connect_timeout"] = max(1, round(connect_timeout))
    if statement_timeout:
        options["connect_args"]["options"] = f"-c statement_timeout={round(statement_timeout * 1000)}"
    return options


def answer_deadline(engine, seconds):
    """Make `engine`'s psycopg connections give up after waiting `seconds` for any answer of the server.

    The connection is closed when that happens, so the pool discards it and the caller sees an
    `OperationalError` (a 503 for a request) instead of blocking until the worker is killed.
    """
    class BoundedConnection(psycopg.Connection):
        def wait(self, gen, interval=0.1, timeout=None):
            try:
                return super().wait(gen, interval=interval, timeout=seconds if timeout is None else timeout)
            except WaitTimeout:
                self.close()
                raise psycopg.OperationalError(f"the database did not answer within {seconds:g} s") from None

    @event.listens_for(engine, "do_connect")
    def connect(dialect, connection_record, cargs, cparams):
        return BoundedConnection.connect(*cargs, **cparams)


def discard_closed_connections(engine):
    """Replace a pooled PostgreSQL connection the server closed while it sat in the pool (a restart, an
    idle timeout) before a request uses it.

    An idle connection has nothing to read unless the server sent it its goodbye, so a socket that is
    readable at checkout is discarded, and SQLAlchemy connects anew. Unlike a ping, the check is one
    system call, not a round trip to the server on every request.
    """
    @event.listens_for(engine, "checkout")
    def checkout(dbapi_connection, connection_record, connection_proxy):
        try:
            readable, _, _ = select.select([dbapi_connection.fileno()], [], [], 0)
        except (psycopg.Error, OSError, ValueError):
            readable = True
        if readable:
            raise exc.DisconnectionError("the server closed this pooled connection")


def autocommit_reads(engine):
    """Run the PostgreSQL statements of GET, HEAD and OPTIONS requests without a transaction.

    A read needs none (Django, under the original, runs every request so), and the transaction costs two
    round trips a request, BEGIN and ROLLBACK, and the ROLLBACK makes psycopg forget the statements it
    prepared. Writes keep their transaction: a connection goes back to the pool as it came.
    """
    @event.listens_for(engine, "checkout")
    def checkout(dbapi_connection, connection_record, connection_proxy):
        if has_request_context() and request.method in SAFE_METHODS:
            dbapi_connection.autocommit = True

    @event.listens_for(engine, "checkin")
    def checkin(dbapi_connection, connection_record):
        if dbapi_connection is not None and not dbapi_connection.closed and dbapi_connection.autocommit:
            dbapi_connection.autocommit = False
