"""Content negotiation for every API URL, in one place.

A format is chosen once per request: a `.json` / `.api` suffix on the path, or `?format=json|api`, wins
over the Accept header; `Accept: application/json; indent=4` asks for indented JSON, `text/html` for the
browsable page, and `*/*` or no header for JSON. Views only return data; `after_request` renders it.
"""

import json
import re

from flask import g, render_template, request
from flask_smorest import abort
from markupsafe import Markup
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

API_PREFIX = "/api/v2/"
FORMATS = {"json": "json", "api": "html"}
MEDIA_TYPES = {"application/json": "json", "text/html": "html"}
SUFFIX = re.compile(r"^(?P<path>/api/v2/.*?)/?\.(?P<suffix>[a-z]+)/?$")
INDENT = re.compile(r"indent=(\d+)")


class FormatSuffixMiddleware:
    """Strip a `.json` / `.api` suffix from API paths before routing, remembering the format it asked for.

    This keeps one route (and one OpenAPI path) per endpoint; a suffix naming an unknown format is
    remembered too, so the request ends in a 404.
    """

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        match = SUFFIX.match(environ.get("PATH_INFO", ""))
        if match:
            environ["PATH_INFO"] = match["path"].rstrip("/") + "/"
            environ["wger.format_suffix"] = match["suffix"]
        return self.wsgi_app(environ, start_response)


DOCS_BLUEPRINT = "api-docs"


def is_api_request():
    """Whether this request is for an API endpoint (the OpenAPI document and its pages negotiate alone)."""
    on_api_path = request.path.startswith(API_PREFIX) or request.path == API_PREFIX.rstrip("/")
    return on_api_path and request.blueprint != DOCS_BLUEPRINT


def _accept_without_parameters(header):
    """Drop media type parameters other than `q`, so `application/json; indent=4` matches JSON."""
    items = []
    for item in header.split(","):
        media_type, *parameters = (part.strip() for part in item.split(";"))
        weights = [parameter for parameter in parameters if parameter.startswith("q=")]
        items.append(";".join([media_type, *weights]))
    return parse_accept_header(",".join(items), MIMEAccept)


def _accepted_format():
    """Pick the format from the Accept header, or answer 406 when nothing we serve is acceptable."""
    header = request.headers.get("Accept", "").strip()
    if not header:
        return "json"
    best = _accept_without_parameters(header).best_match(list(MEDIA_TYPES))
    if best is None:
        abort(406)
    return MEDIA_TYPES[best]


def _json_indent():
    for value in request.headers.get("Accept", "").split(","):
        if value.strip().startswith("application/json"):
            match = INDENT.search(value)
            if match:
                return min(int(match[1]), 8)
    return None


def choose_format():
    """Decide this request's format before the view runs (so a 406 or 404 costs no query)."""
    if not is_api_request():
        return
    g.api_format = "json"
    requested = request.environ.get("wger.format_suffix") or request.args.get("format")
    if requested:
        if requested not in FORMATS:
            abort(404)
        g.api_format = FORMATS[requested]
    else:
        g.api_format = _accepted_format()
    g.json_indent = _json_indent() if g.api_format == "json" else None


def render_response(response):
    """Add `Vary` and `Allow`, then re-render the JSON body as indented JSON or the browsable page."""
    if not is_api_request():
        return response
    response.vary.add("Accept")
    allowed = request.url_rule.methods if request.url_rule else response.allow
    if allowed:
        response.headers["Allow"] = ", ".join(sorted(allowed))
    api_format = g.get("api_format", "json")
    if response.mimetype != "application/json" or response.direct_passthrough:
        return response
    if api_format == "html":
        return _browsable(response)
    if g.get("json_indent"):
        data = json.loads(response.get_data())
        response.set_data(json.dumps(data, indent=g.json_indent, ensure_ascii=False) + "\n")
    return response


def _browsable(response):
    body = json.loads(response.get_data()) if response.get_data() else None
    page = render_template(
        "api/browsable.html",
        status=response.status,
        headers=response.headers,
        content=Markup.escape(json.dumps(body, indent=4, ensure_ascii=False)) if body is not None else "",
    )
    response.set_data(page)
    response.mimetype = "text/html"
    return response


def register_negotiation(app):
    app.wsgi_app = FormatSuffixMiddleware(app.wsgi_app)
    app.before_request(choose_format)
    app.after_request(render_response)
    app.json.sort_keys = False
    app.json.ensure_ascii = False
