"""The browsable page: any API response, rendered for a person exploring the API.

`render_page(response)` turns the JSON response of any endpoint into an HTML page with the same status,
built only from what the request already knows: the URL rule and its view (the resource declaration of a
generic view, the docstring of any other), the resource's filters and ordering allow-list, the page
envelope in the body and the caller. No endpoint has a template or a branch of its own; the API root adds
its table of endpoints from the registry, and a resource that declares `charts` gets them drawn above the
response (`wger.api.charts`).

Everything shown is escaped: the JSON body is tokenised and each piece escaped before URLs in it (also
inside strings) become links, and links only ever point to `http(s)://` or this site.
"""

import inspect
import json
import re
from http import HTTPStatus

from flask import current_app, flash, g, redirect, render_template, request, url_for
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException

from wger import auth
from wger.api import browsable_forms, charts, form_submission
from wger.api.filters import where_clauses
from wger.api.objects import select_objects
from wger.api.pagination import page_bounds, query_url

API_ROOT_ENDPOINT = "api-root.Root"
PAGE_SIZES = (10, 20, 50, 100)
HIDDEN_HEADERS = {"set-cookie", "content-length"}
PAGE_KEYS = {"count", "next", "previous", "results"}
JSON_TOKEN = re.compile(r'(?P<string>"(?:[^"\\]|\\.)*")(?P<key>\s*:)?|(?P<literal>true|false|null)'
                        r'|(?P<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)')
INLINE_CODE = re.compile(r"`([^`\n]+)`")
LINK = re.compile(r"https?://[^\s\"\\<>]+|(?<=^\")/[^\s\"\\<>]*(?=\"$)")
CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; "
                           "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


def _view(endpoint):
    function = current_app.view_functions.get(endpoint)
    return function, getattr(function, "view_class", None)


def resource_of(endpoint):
    """The resource declaration served at `endpoint`, or None for a custom view."""
    return getattr(_view(endpoint)[1], "resource", None)


def _humanise(name):
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).replace("_", " ").replace("-", " ").split()
    return " ".join(word[:1].upper() + word[1:] for word in words)


def view_name(endpoint=None, rule=None):
    """The page title of an endpoint: `Muscle List`, `Muscle Instance`, `Version`, `API Root`."""
    endpoint = endpoint or request.endpoint
    rule = rule or request.url_rule
    if endpoint is None:
        return "Not Found"
    if endpoint == API_ROOT_ENDPOINT:
        return "API Root"
    resource = resource_of(endpoint)
    if resource is not None:
        return f"{_humanise(resource.name)} {'Instance' if rule.arguments else 'List'}"
    function, view_class = _view(endpoint)
    return _humanise((view_class or function).__name__)


def view_description(endpoint=None):
    """The endpoint's description: its resource's, or the docstring of the handler (as in OpenAPI)."""
    endpoint = endpoint or request.endpoint
    resource = resource_of(endpoint)
    if resource is not None:
        return resource.description
    function, view_class = _view(endpoint)
    if function is None:
        return ""
    handler = getattr(view_class, request.method.lower(), None) or getattr(view_class, "get", None)
    return inspect.cleandoc((handler or function).__doc__ or "")


def _highlight(text):
    """Escape pretty-printed JSON piece by piece, marking keys, strings, numbers and literals, and link URLs."""
    parts, position = [], 0
    for match in JSON_TOKEN.finditer(text):
        parts.append(escape(text[position:match.start()]))
        position = match.end()
        if match["string"]:
            css = "key" if match["key"] else "string"
            parts.append(Markup('<span class="{}">{}</span>').format(css, _linked(match["string"])))
            parts.append(escape(match["key"] or ""))
        else:
            css = "literal" if match["literal"] else "number"
            parts.append(Markup('<span class="{}">{}</span>').format(css, match[0]))
    parts.append(escape(text[position:]))
    return Markup("").join(parts)


def _linked(json_string):
    """Escape a JSON string token, turning absolute URLs in it (or a whole site-relative path) into links."""
    parts, position = [], 0
    for match in LINK.finditer(json_string):
        parts.append(escape(json_string[position:match.start()]))
        parts.append(Markup('<a href="{0}" rel="nofollow">{0}</a>').format(match[0]))
        position = match.end()
    parts.append(escape(json_string[position:]))
    return Markup("").join(parts)


def inline_code(text):
    """Escape a description, showing its Markdown `code` spans as <code>; no other markup gets through."""
    parts, position = [], 0
    for match in INLINE_CODE.finditer(text or ""):
        parts.append(escape(text[position:match.start()]))
        parts.append(Markup("<code>{}</code>").format(match[1]))
        position = match.end()
    parts.append(escape((text or "")[position:]))
    return Markup("").join(parts)


def _paragraphs(text):
    return [inline_code(paragraph) for paragraph in (text or "").split("\n\n") if paragraph.strip()]


def _requested_path():
    return request.environ.get("wger.requested_path", request.path)


def _breadcrumbs():
    """Every prefix of the path that is itself an API page, from the root to this page.

    Prefixes above the API root (`/api/`, which only redirects to it) are not pages of the API.
    """
    adapter = current_app.url_map.bind("")
    segments = [segment for segment in request.path.split("/") if segment]
    crumbs = []
    for index in range(1, len(segments) + 1):
        path = "/" + "/".join(segments[:index]) + "/"
        if not path.startswith(url_for(API_ROOT_ENDPOINT)):
            continue
        try:
            rule, _ = adapter.match(path, method="GET", return_rule=True)
        except HTTPException:
            continue
        if rule.endpoint != "static":
            crumbs.append({"name": view_name(rule.endpoint, rule), "url": path})
    return crumbs


def _pagination(body):
    """First/previous/next/last links and page sizes for a page envelope; None for any other body."""
    if not isinstance(body, dict) or not set(body) >= PAGE_KEYS:
        return None
    limit, offset = page_bounds()
    count, path = body["count"], _requested_path()
    last_offset = max(0, (count - 1) // limit * limit)
    sizes = sorted({size for size in (*PAGE_SIZES, limit) if size <= current_app.config["MAX_PAGE_SIZE"]})
    previous_offset = offset - limit if offset - limit > 0 else None
    return {
        "count": count,
        "start": min(offset + 1, count),
        "end": min(offset + limit, count),
        "page": offset // limit + 1,
        "pages": max(1, -(-count // limit)),
        "first": query_url(path, {"offset": None}) if offset > 0 else None,
        "previous": query_url(path, {"offset": previous_offset}) if offset > 0 else None,
        "next": query_url(path, {"offset": str(offset + limit)}) if body["next"] else None,
        "last": query_url(path, {"offset": str(last_offset)}) if body["next"] else None,
        "limit": limit,
        "sizes": sizes,
        "action": path,
        "hidden": [(name, value) for name, value in request.args.items(multi=True) if name not in ("limit", "offset")],
    }


def _filter_input(query_filter):
    """The input of one filter: a select of related objects or of true/false, else typed by its schema."""
    chosen = request.args.getlist(query_filter.param)
    field = {"param": query_filter.param, "kind": "text", "value": chosen[-1] if chosen else "", "options": None}
    openapi_type = query_filter.openapi_schema.get("type")
    if query_filter.related_model is not None and query_filter.lookup == "exact":
        options = browsable_forms.related_options(query_filter.related_model)
        if options is not None:
            field.update(kind="select", options=options, multiple=query_filter.many, chosen=chosen)
            return field
        field["kind"] = "number"
    elif openapi_type == "boolean":
        field.update(kind="select", options=[("true", "true"), ("false", "false")], chosen=chosen)
    elif openapi_type in ("integer", "number"):
        field["kind"] = "number"
    elif query_filter.openapi_schema.get("format") == "date" or query_filter.lookup == "date":
        field["kind"] = "date"
    return field


def _filters(resource):
    """The filters panel of a list URL: one input per declared filter, and the ordering allow-list."""
    if resource is None or request.url_rule.arguments:
        return None
    if not resource.query_filters and not resource.ordering_columns:
        return None
    ordering = request.args.get("ordering", "")
    choices = [(f"{sign}{name}", f"{name} ({'descending' if sign else 'ascending'})")
               for name in resource.ordering_columns for sign in ("", "-")]
    if ordering and ordering not in dict(choices):
        choices.append((ordering, ordering))
    return {
        "action": _requested_path(),
        "inputs": [_filter_input(query_filter) for query_filter in resource.query_filters],
        "ordering": ordering,
        "ordering_choices": choices,
        "hidden": [(name, request.args[name]) for name in ("limit", "format") if name in request.args],
        "clear_url": query_url(
            _requested_path(), {name: None for name in request.args if name not in ("limit", "format")}
        ),
        "active": any(name not in ("limit", "offset", "format") for name in request.args),
    }


def _endpoints():
    """The API root's table: every served name, public or private, its methods and description."""
    from wger.api.root import entries

    return [
        {
            "name": entry.name,
            "url": url_for(entry.endpoint),
            "private": entry.private,
            "methods": ", ".join(entry.methods),
            "description": inline_code(entry.description),
            "alias_of": entry.alias_of,
        }
        for entry in entries()
    ]


def _status_line(response):
    """`201 Created` rather than werkzeug's `201 CREATED`."""
    try:
        return f"{response.status_code} {HTTPStatus(response.status_code).phrase}"
    except ValueError:
        return response.status


def _status_class(status):
    return {2: "success", 3: "redirect", 4: "client-error", 5: "server-error"}.get(status // 100, "")


def _viewer():
    """The person the page is drawn for; credentials the request was refused for draw it for a visitor, so
    the error page itself can still be shown."""
    try:
        return auth.current_user()
    except HTTPException:
        return None


def _forms(resource, response, body, user):
    if resource is None or request.method in ("HEAD", "OPTIONS") or user is None:
        return None
    return browsable_forms.build_forms(
        resource, request.url_rule.methods, bool(request.url_rule.arguments), body, response.status_code,
        form_submission.current_submission(),
    )


def _charts(resource, response):
    """The resource's charts of what this page shows, for a successful GET: every object the list URL
    selects (all pages, with its filters), or the detail URL's object."""
    if resource is None or resource.charts is None or request.method != "GET" or response.status_code != 200:
        return []
    statement = select_objects(resource)
    pk = (request.view_args or {}).get("pk")
    if pk is not None:
        statement = statement.where(resource.model.id == pk)
    else:
        statement = statement.where(*where_clauses(resource.query_filters, request.args))
    drawn = charts.figures(resource.charts(statement))
    return [Markup(render_template("api/_chart.html", figure=figure)) for figure in drawn]


def _html_method():
    """What the page's HTML form stands for: PUT on a detail URL, POST on a list URL (a multipart form
    says it in its action's query string)."""
    return "PUT" if request.url_rule and request.url_rule.arguments else "POST"


def _after_delete(response):
    """A deleted object has no page left: go to the page above it, saying what happened (303)."""
    crumbs = [crumb for crumb in _breadcrumbs() if crumb["url"] != request.path]
    flash(f"{request.method} {_requested_path()} \u2192 {_status_line(response)}")
    return redirect(crumbs[-1]["url"] if crumbs else url_for(API_ROOT_ENDPOINT), code=303)


def _account_links():
    """Log in, log out and API key links, to whatever pages the app names in `ACCOUNT_PAGES`."""
    endpoints = current_app.config["ACCOUNT_PAGES"]
    return {
        "login_url": url_for(endpoints["login"], next=query_url(_requested_path(), {})),
        "logout_url": url_for(endpoints["logout"]),
        "api_key_url": url_for(endpoints["api_key"]),
    }


def page_context(response):
    """Everything the browsable template shows for `response`, taken from the request and the response."""
    body = response.get_json(silent=True) if response.data else None
    resource = resource_of(request.endpoint) if request.url_rule else None
    user = _viewer()
    query = request.query_string.decode("utf-8", "replace")
    context = {
        "title": view_name() if request.url_rule else _status_line(response).split(" ", 1)[-1],
        "description": _paragraphs(view_description()) if request.url_rule else [],
        "breadcrumbs": _breadcrumbs(),
        "request_line": f"{request.method} {_requested_path()}" + (f"?{query}" if query else ""),
        "status": _status_line(response),
        "status_class": _status_class(response.status_code),
        "headers": [(name, value) for name, value in response.headers.items() if name.lower() not in HIDDEN_HEADERS],
        "body": _highlight(json.dumps(body, indent=4, ensure_ascii=False)) if response.data else None,
        "pagination": _pagination(body),
        "filters": _filters(resource) if request.url_rule else None,
        "formats": {
            "json": query_url(request.path, {"format": "json"}),
            "api": query_url(request.path, {"format": "api"}),
        },
        "forms": _forms(resource, response, body, user),
        "charts": _charts(resource, response),
        "form_action": query_url(_requested_path(), {}),
        "multipart_form_action": query_url(_requested_path(), {"_method": _html_method()}),
        "endpoints": _endpoints() if request.endpoint == API_ROOT_ENDPOINT else None,
        "user": user,
        "username": getattr(user, "username", None) or getattr(user, "email", None) or "",
        **_account_links(),
        "needs_login": response.status_code == 401,
    }
    if user is not None:
        context["csrf_token"] = form_submission.csrf_token()
    return context


def render_page(response):
    """Return the browsable page of `response`: same status and headers, the body shown as HTML."""
    if form_submission.current_submission() is not None and response.status_code == 204:
        return _after_delete(response)
    if response.status_code in (204, 304):
        return response
    context = page_context(response)
    template = "api/root.html" if context["endpoints"] is not None else "api/browsable.html"
    response.set_data(render_template(template, **context, api_format=g.get("api_format")))
    response.mimetype = "text/html"
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
