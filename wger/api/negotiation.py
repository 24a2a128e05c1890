"""Content negotiation for every API URL, in one place.

A format is chosen once per request: a `.json` / `.api` suffix on the path, or `?format=json|api`, wins
over the Accept header. Otherwise each format we serve takes the quality of the most specific Accept range
that matches it (RFC 9110); the highest quality wins, then the more specific range, then JSON. So a
browser's usual header gets the browsable page, `*/*` or no header gets JSON, `application/json; indent=4`
gets JSON indented by 4 (clamped to 0-8), and a header we cannot satisfy gets a 406.

Views only return data; `after_request` adds `Vary` and `Allow`, answers OPTIONS with the endpoint's
description, and re-renders the JSON body as indented JSON or the browsable page. No endpoint needs code of
its own for any of this.
"""

import functools
import json
import logging
import re

from flask import g, jsonify, request
from flask_smorest import abort

from wger.api import browsable
from wger.api.form_submission import register_form_submission
from wger.api.json_provider import JSONProvider

log = logging.getLogger(__name__)

API_PREFIX = "/api/v2/"
DOCS_BLUEPRINT = "api-docs"
FORMATS = {"json": "json", "api": "html"}
MEDIA_TYPES = {"json": "application/json", "html": "text/html"}
SUFFIX = re.compile(r"^(?P<path>/api/v2(?:/.*?)?)/?\.(?P<suffix>[A-Za-z]+)/?$")
MAX_INDENT = 8
PARSES = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"]


class FormatSuffixMiddleware:
    """Strip a `.json` / `.api` suffix from API paths before routing, remembering the format it asked for.

    This keeps one route (and one OpenAPI path) per endpoint; a suffix naming an unknown format is
    remembered too, so the request ends in a 404. The path as requested is kept for the browsable page.
    """

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        environ["wger.requested_path"] = path
        match = SUFFIX.match(path)
        if match:
            environ["PATH_INFO"] = match["path"].rstrip("/") + "/"
            environ["wger.format_suffix"] = match["suffix"]
        return self.wsgi_app(environ, start_response)


def is_api_request():
    """Whether this request is for an API endpoint (the OpenAPI document and its pages negotiate alone)."""
    path = request.path
    on_api_path = path.startswith(API_PREFIX) or path == API_PREFIX.rstrip("/")
    return on_api_path and request.blueprint != DOCS_BLUEPRINT


def _accept_ranges(header):
    """Parse an Accept header into `(type, subtype, parameters, quality)` tuples, ignoring malformed items."""
    ranges = []
    for item in header.split(","):
        media_range, *raw_parameters = (part.strip() for part in item.split(";"))
        if media_range.count("/") != 1:
            continue
        main, sub = media_range.lower().split("/")
        parameters = {}
        for raw in raw_parameters:
            name, _, value = raw.partition("=")
            parameters[name.strip().lower()] = value.strip().strip('"')
        try:
            quality = float(parameters.pop("q", "1"))
        except ValueError:
            quality = 1.0
        ranges.append((main, sub, parameters, max(0.0, min(quality, 1.0))))
    return ranges


def _specificity(main, sub):
    return 0 if main == "*" else 1 if sub == "*" else 2


def _matching_range(media_type, ranges):
    """Return the most specific range matching `media_type` as `(specificity, quality, parameters)`."""
    main, sub = media_type.split("/")
    matches = [
        (_specificity(r_main, r_sub), quality, parameters)
        for r_main, r_sub, parameters, quality in ranges
        if r_main in ("*", main) and r_sub in ("*", sub)
    ]
    return max(matches, key=lambda match: match[0], default=None)


def _indent(parameters):
    """The `indent` parameter of the JSON range, clamped to 0-8 as the original does; None if absent."""
    try:
        return max(0, min(int(parameters["indent"]), MAX_INDENT))
    except (KeyError, ValueError):
        return None


@functools.lru_cache(maxsize=256)
def _negotiate(header):
    """Return `(format, JSON indent)` for an Accept header, or None when no format is acceptable.

    Remembered per header: clients send few distinct ones, and parsing one cost more than the cached
    answer it chose a format for.
    """
    ranges = _accept_ranges(header)
    candidates = []
    for preference, (name, media_type) in enumerate(MEDIA_TYPES.items()):
        match = _matching_range(media_type, ranges)
        if match and match[1] > 0:
            specificity, quality, parameters = match
            candidates.append(((quality, specificity, -preference), name, parameters))
    if not candidates:
        return None
    _, name, parameters = max(candidates, key=lambda candidate: candidate[0])
    return name, _indent(parameters) if name == "json" else None


def choose_format():
    """Decide this request's format before the view runs (so a 406 or 404 costs no query).

    An unknown suffix or `?format=` is a 404, shown in the format the Accept header asks for.
    """
    if not is_api_request():
        return
    g.api_format, g.json_indent = "json", None
    negotiated = _negotiate(request.headers.get("Accept", "").strip() or "*/*")
    requested = request.environ.get("wger.format_suffix") or request.args.get("format")
    if requested:
        if requested not in FORMATS:
            g.api_format = negotiated[0] if negotiated else "json"
            abort(404)
        g.api_format = FORMATS[requested]
        return
    if negotiated is None:
        abort(406)
    g.api_format, g.json_indent = negotiated


def _options_response(response):
    """Describe the endpoint for OPTIONS, as the original does: name, description, formats in and out."""
    resource = browsable.resource_of(request.endpoint)
    body = jsonify({
        "name": browsable.view_name(),
        "description": browsable.view_description(),
        "renders": list(MEDIA_TYPES.values()),
        "parses": list(resource.parses) if resource else PARSES,
    })
    body.headers["Allow"] = response.headers.get("Allow", "")
    return body


@functools.lru_cache(maxsize=64)
def _allow_header(methods):
    return ", ".join(sorted(methods))


def _vary_on_accept(headers):
    """Add `Accept` to `Vary` (set on every API answer, so its value is kept plain rather than parsed)."""
    vary = headers.get("Vary")
    if not vary:
        headers["Vary"] = "Accept"
    elif "accept" not in (part.strip().lower() for part in vary.split(",")):
        headers["Vary"] = f"{vary}, Accept"


def render_response(response):
    """Add `Vary` and `Allow`, then re-render the JSON body as indented JSON or the browsable page."""
    if not is_api_request():
        return response
    rule = request.url_rule
    allowed = rule.methods if rule else response.allow
    if allowed:
        response.headers["Allow"] = _allow_header(frozenset(allowed))
    if request.method == "OPTIONS" and rule and response.status_code == 200 and not response.data:
        response = _options_response(response)
    _vary_on_accept(response.headers)
    if response.direct_passthrough or response.mimetype not in ("application/json", ""):
        return response
    if g.get("api_format") == "html":
        return _browsable_or_json(response)
    if g.get("json_indent") is not None and response.data:
        data = json.loads(response.get_data())
        response.set_data(json.dumps(data, indent=g.json_indent, ensure_ascii=False) + "\n")
    return response


def _browsable_or_json(response):
    """Render the browsable page; should that ever fail, log it and keep the JSON rather than fail twice."""
    try:
        return browsable.render_page(response)
    except Exception:
        log.exception("Could not render the browsable page of %s %s", request.method, request.path)
        return response


def register_negotiation(app):
    app.wsgi_app = FormatSuffixMiddleware(app.wsgi_app)
    app.before_request(choose_format)
    register_form_submission(app, API_PREFIX)
    app.after_request(render_response)
    app.json = JSONProvider(app)
