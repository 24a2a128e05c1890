"""Kept answers replayed at the WSGI boundary, before Flask sees the request.

A cached read (`wger.api.cache`) still walks the whole Flask request: the request context, the host,
query and format checks, routing, flask-smorest's wrappers, the session, the CORS, `Vary` and `Allow`
headers. For a JSON read that gives the same answer every time, all of that cost more under load than
finding the answer. `ReplayMiddleware` keeps the finished answer (status, headers and body, as the client
received it) of such a request and replays it to the next request that matches it in everything the answer
depends on, once the versions it was built at are read and found unchanged: so it is never stale, and the
version query is all it costs. A request it holds no answer for goes on without it reading anything (a 404
or 406 still costs no query).

Two kinds of answers are kept, both only for a GET without cookies or a body:
- Anonymous answers of the cached catalog views (marked `cache.REPLAYABLE`), under the catalog version.
- Answers to a permanent key or an access token (`Authorization: Token` or `Bearer`) of the views of owned
  resources (marked by `keep_private_answer()`), for that caller only, under the user's `data_version`
  (`wger.api.owners`) and the catalog version, which one query reads with the key's active user (an access
  token's signature, expiry and type are checked first, as its API views check them). Credentials that name
  no active user go on to Flask, which refuses them.

The key holds every other input the answer reads: scheme, host, script root, path (a format suffix
included), query string, `Accept` and `If-None-Match` (a 304 is replayed as a 304). Only plain JSON answers
that set no cookie are kept.
"""

import datetime as dt
import time

import sqlalchemy as sa
from flask import request

from wger import auth
from wger.api import cache
from wger.database import db
from wger.models import DataVersion, User

MAX_ENTRIES = 2048
UNSAFE_INPUTS = ("HTTP_COOKIE", "CONTENT_TYPE", "HTTP_TRANSFER_ENCODING")
KEY_INPUTS = ("wsgi.url_scheme", "HTTP_HOST", "SCRIPT_NAME", "PATH_INFO", "QUERY_STRING", "HTTP_ACCEPT",
              "HTTP_IF_NONE_MATCH")
REPLAYED_STATUSES = ("200", "304")
# WSGI environ keys: the credentials of a request whose answer may be kept for its user; the versions read
# for it before its answer was built; and the view's mark that its answer may be kept under them.
CREDENTIALS = "wger.credentials"
OWNER_VERSIONS = "wger.owner_versions"
PRIVATE_REPLAYABLE = "wger.private_replayable"
REPLAYED_SCHEMES = ("token", "bearer")
_VERSIONS = (sa.select(User.id, User.data_version, DataVersion.version)
             .where(User.is_active, DataVersion.id == sa.literal_column(str(cache.VERSION_ROW))))
VERSIONS_BY_KEY = auth.of_key_holder(_VERSIONS)
VERSIONS_BY_USER = _VERSIONS.where(User.id == sa.bindparam("user_id"))
_compiled_queries = {}


def _replay_key(environ):
    """`(key, credentials)` of a request whose answer may be replayed, or None for a request that must reach
    Flask; credentials are None, or a permanent key's or an access token's `(scheme, value)`."""
    if environ.get("REQUEST_METHOD") != "GET" or "HTTP_HOST" not in environ:
        return None
    if any(name in environ for name in UNSAFE_INPUTS) or environ.get("CONTENT_LENGTH") not in (None, "", "0"):
        return None
    key = tuple(environ.get(name) for name in KEY_INPUTS)
    if "HTTP_AUTHORIZATION" not in environ:
        return key, None
    scheme, value = auth.parse_authorization(environ["HTTP_AUTHORIZATION"])
    return (key, (scheme, value)) if scheme in REPLAYED_SCHEMES and value else None


def _read_versions(statement, name, value, engine):
    """`(user id, data version, catalog version)` of the active user `statement` finds by its one parameter,
    `name`, set to `value`; or None."""
    compiled = _compiled_queries.get((statement, engine.dialect.name))
    if compiled is None:
        compiled = _compiled_queries[statement, engine.dialect.name] = statement.compile(dialect=engine.dialect)
    parameters = (value,) if engine.dialect.positional else {name: value}
    row = cache.read_row(str(compiled), parameters, engine)
    return None if row is None else tuple(row)


def keep_private_answer(until=None):
    """Let the answer this view is about to build be kept for its caller, if its request allows it: the
    versions are read now, before any of the answer's data. An answer that time alone changes is kept only
    `until` then (a naive UTC datetime)."""
    environ = request.environ
    if CREDENTIALS not in environ or not cache.plain_json():  # the middleware sets none with the cache off
        return
    user = auth.current_user()
    versions = environ.get(OWNER_VERSIONS) or _read_versions(VERSIONS_BY_USER, "user_id", user.id, db.engine)
    # The user was read before these versions: kept under them only if no change of theirs came in between.
    if versions is not None and versions[:2] == (user.id, user.data_version):
        expiry = None if until is None else until.replace(tzinfo=dt.UTC).timestamp()
        environ[PRIVATE_REPLAYABLE] = (versions, expiry)


class ReplayMiddleware:
    """Answer a request from the stored answer of the same request, or pass it on and keep its answer."""

    def __init__(self, wsgi_app, app):
        self.wsgi_app, self.app = wsgi_app, app
        self.answers = cache.CatalogMemory(MAX_ENTRIES, cache.MAX_BYTES)
        self.private_answers = cache.Memory(MAX_ENTRIES, cache.MAX_BYTES)
        # The requests some user's answer was kept for: only those are worth reading a key's versions for.
        self.private_requests = cache.Memory(MAX_ENTRIES)
        with app.app_context():
            self.engine = db.engine

    def __call__(self, environ, start_response):
        found = None if self.app.config["READ_CACHE_DISABLED"] else _replay_key(environ)
        if found is None:
            return self.wsgi_app(environ, start_response)
        key, credentials = found
        if credentials is not None:
            return self._private(environ, start_response, key, credentials)
        if key in self.answers:
            try:
                version = cache.current_version(self.engine)
            except sa.exc.SQLAlchemyError:
                return self.wsgi_app(environ, start_response)  # Flask's path reads it again and answers 503
            stored = self.answers.fresh(version).recall(key)
            if stored is not None:
                return self._replay(start_response, stored)
            environ[cache.VERSION_KEY] = version
        return self._pass_on(environ, start_response, key)

    def _owner_versions(self, credentials):
        """`(user id, data version, catalog version)` of the active user the credentials name, or None for
        credentials Flask refuses."""
        scheme, value = credentials
        if scheme == "token":
            return _read_versions(VERSIONS_BY_KEY, "key", value, self.engine)
        user_id = auth.access_token_user_id(value, self.app.config["SECRET_KEY"])
        return None if user_id is None else _read_versions(VERSIONS_BY_USER, "user_id", user_id, self.engine)

    def _private(self, environ, start_response, key, credentials):
        """Replay the answer kept for this caller while their versions are unchanged, or pass it on."""
        environ[CREDENTIALS] = credentials
        if key in self.private_requests:
            try:
                versions = self._owner_versions(credentials)
            except sa.exc.SQLAlchemyError:
                return self.wsgi_app(environ, start_response)
            if versions is None:
                return self.wsgi_app(environ, start_response)  # Flask refuses the credentials
            stored = self.private_answers.recall((key, versions[0]))
            if stored is not None and stored[0] == versions and (stored[1] is None or time.time() < stored[1]):
                return self._replay(start_response, stored[2])
            environ[OWNER_VERSIONS] = versions
        return self._pass_on(environ, start_response, key)

    @staticmethod
    def _replay(start_response, stored):
        status, headers, body = stored
        start_response(status, headers)
        return [body]

    def _pass_on(self, environ, start_response, key):
        """Let Flask answer; keep the answer if a view marked it, under the versions it was built at."""
        started = []

        def record_start(status, headers, exc_info=None):
            started[:] = [status, headers]
            return start_response(status, headers, exc_info)

        body = self.wsgi_app(environ, record_start)
        status, headers = started or ("", ())
        private = environ.get(PRIVATE_REPLAYABLE)
        public = CREDENTIALS not in environ and environ.get(cache.REPLAYABLE)
        keep = ((private or public) and status[:3] in REPLAYED_STATUSES
                and not any(name.lower() == "set-cookie" for name, _ in headers))
        if not keep:
            return body
        try:
            data = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        answer = (status, list(headers), data)
        if private:
            versions, expiry = private
            self.private_answers.keep((key, versions[0]), (versions, expiry, answer), len(data))
            self.private_requests.keep(key, True)
        else:
            self.answers.fresh(environ[cache.VERSION_KEY]).keep(key, answer, len(data))
        return [data]
