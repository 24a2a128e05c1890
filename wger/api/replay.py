"""Cached answers replayed at the WSGI boundary, before Flask sees the request.

A cached read (`wger.api.cache`) still walks the whole Flask request: the request context, the host,
query and format checks, routing, flask-smorest's wrappers, the session, the CORS, `Vary` and `Allow`
headers. For an anonymous JSON read of the catalog, all of that gives the same answer every time, and
under load it cost twice what finding the stored body did. `ReplayMiddleware` keeps the finished answer
(status, headers and body, as the client received it) of such a request and replays it to the next request
that matches it in everything the answer depends on, once the catalog version is read and found unchanged:
so it is never stale either, and the version is the one query it costs. A request it holds no answer for
goes on without it reading anything (a 404 or 406 still costs no query).

Only requests whose answer cannot depend on anything else are replayed: a GET without credentials, cookies
or a body. The key holds every other input the answer reads: scheme, host, script root, path (a format
suffix included), query string, `Accept` and `If-None-Match` (a 304 is replayed as a 304). Only answers
that the cached view marked as plain JSON (`cache.REPLAYABLE`) and that set no cookie are kept.
"""

import sqlalchemy as sa

from wger.api import cache
from wger.database import db

MAX_ENTRIES = 2048
UNSAFE_INPUTS = ("HTTP_AUTHORIZATION", "HTTP_COOKIE", "CONTENT_TYPE", "HTTP_TRANSFER_ENCODING")
KEY_INPUTS = ("wsgi.url_scheme", "HTTP_HOST", "SCRIPT_NAME", "PATH_INFO", "QUERY_STRING", "HTTP_ACCEPT",
              "HTTP_IF_NONE_MATCH")
REPLAYED_STATUSES = ("200", "304")


def _replay_key(environ):
    """The key of a request whose answer may be replayed, or None for a request that must reach Flask."""
    if environ.get("REQUEST_METHOD") != "GET" or "HTTP_HOST" not in environ:
        return None
    if any(name in environ for name in UNSAFE_INPUTS) or environ.get("CONTENT_LENGTH") not in (None, "", "0"):
        return None
    return tuple(environ.get(name) for name in KEY_INPUTS)


class ReplayMiddleware:
    """Answer a request from the stored answer of the same request, or pass it on and keep its answer."""

    def __init__(self, wsgi_app, app):
        self.wsgi_app, self.app = wsgi_app, app
        self.answers = cache.CatalogMemory(MAX_ENTRIES)
        with app.app_context():
            self.engine = db.engine

    def __call__(self, environ, start_response):
        key = None if self.app.config["READ_CACHE_DISABLED"] else _replay_key(environ)
        if key is None:
            return self.wsgi_app(environ, start_response)
        if key in self.answers:
            try:
                version = cache.current_version(self.engine)
            except sa.exc.SQLAlchemyError:
                return self.wsgi_app(environ, start_response)  # Flask's path reads it again and answers 503
            stored = self.answers.fresh(version).recall(key)
            if stored is not None:
                status, headers, body = stored
                start_response(status, headers)
                return [body]
            environ[cache.VERSION_KEY] = version
        return self._pass_on(environ, start_response, key)

    def _pass_on(self, environ, start_response, key):
        """Let Flask answer; keep the answer if the cached view marked it, under the version it was built at."""
        started = []

        def record_start(status, headers, exc_info=None):
            started[:] = [status, headers]
            return start_response(status, headers, exc_info)

        body = self.wsgi_app(environ, record_start)
        status, headers = started or ("", ())
        keep = (environ.get(cache.REPLAYABLE) and status[:3] in REPLAYED_STATUSES
                and not any(name.lower() == "set-cookie" for name, _ in headers))
        if not keep:
            return body
        try:
            data = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        self.answers.fresh(environ[cache.VERSION_KEY]).keep(key, (status, list(headers), data))
        return [data]
