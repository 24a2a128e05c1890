"""How the browsable page's HTML forms reach the generic views, and the CSRF token that guards them.

HTML forms can only POST. A browsable form therefore posts `_method` (POST, PUT, PATCH or DELETE), the
session's `csrf_token`, and either its fields or, from the raw-data form, a `_content` body with its
`_content_type`. `FormSubmissionMiddleware` turns such a submission into the request it stands for before
routing, so the generic views see an ordinary PUT with a form or JSON body; a blank field means "not
given". The submitted values are kept to refill the form should the view answer 400.

A form that uploads a file is sent as `multipart/form-data`, which the middleware does not read: its
`_method` comes in the query string instead, and its token and fields are read from the parsed form once
the request exists (`check_submission`).

The token is Flask-WTF's, the same one the login pages and session-authenticated API writes check, so a
form submission carries it on to `wger.auth` as the `X-CSRFToken` header; one without it is a 403 before
any view runs.
"""

import io
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from flask import request
from flask_smorest import abort
from flask_wtf.csrf import generate_csrf, validate_csrf
from werkzeug.datastructures import MultiDict
from wtforms import ValidationError

METHOD_FIELD, CONTENT_FIELD, CONTENT_TYPE_FIELD, TOKEN_FIELD = "_method", "_content", "_content_type", "csrf_token"
SPECIAL_FIELDS = {METHOD_FIELD, CONTENT_FIELD, CONTENT_TYPE_FIELD, TOKEN_FIELD}
METHODS = {"POST", "PUT", "PATCH", "DELETE"}
FORM_TYPE = "application/x-www-form-urlencoded"
MULTIPART_TYPE = "multipart/form-data"
JSON_TYPE = "application/json"
CONTENT_TYPES = {JSON_TYPE, FORM_TYPE}
TOKEN_HEADER = "X-CSRFToken"
CSRF_FAILED = "CSRF Failed: CSRF token missing or incorrect."
ENVIRON_KEY = "wger.form_submission"


@dataclass
class FormSubmission:
    """What a browsable form sent: the method it stands for, its token, its fields or raw content."""

    method: str
    token: str
    fields: MultiDict
    content: str | None
    content_type: str


def current_submission():
    """The browsable form submission behind this request, or None for an ordinary API request."""
    return request.environ.get(ENVIRON_KEY)


class FormSubmissionMiddleware:
    """Rewrite a urlencoded POST carrying `_method` into the request the form stands for.

    Bodies above `MAX_CONTENT_LENGTH` are left alone, so Flask answers them with its usual 413.
    """

    def __init__(self, wsgi_app, config, api_prefix):
        self.wsgi_app = wsgi_app
        self.config = config
        self.api_prefix = api_prefix

    def _candidate_length(self, environ):
        if environ.get("REQUEST_METHOD") != "POST" or not environ.get("PATH_INFO", "").startswith(self.api_prefix):
            return None
        if environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower() != FORM_TYPE:
            return None
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return None
        limit = self.config.get("MAX_CONTENT_LENGTH")
        return length if length > 0 and (limit is None or length <= limit) else None

    def __call__(self, environ, start_response):
        length = self._candidate_length(environ)
        if self._is_multipart_submission(environ):
            self._rewrite_multipart(environ)
        elif length is not None:
            raw = environ["wsgi.input"].read(length)
            pairs = parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True)
            if any(name == METHOD_FIELD for name, _ in pairs):
                raw = self._rewrite(environ, MultiDict(pairs))
            environ["wsgi.input"] = io.BytesIO(raw)
            environ["CONTENT_LENGTH"] = str(len(raw))
        return self.wsgi_app(environ, start_response)

    def _is_multipart_submission(self, environ):
        return (environ.get("REQUEST_METHOD") == "POST" and environ.get("PATH_INFO", "").startswith(self.api_prefix)
                and environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower() == MULTIPART_TYPE
                and METHOD_FIELD in dict(parse_qsl(environ.get("QUERY_STRING", ""))))

    def _rewrite_multipart(self, environ):
        """Take `_method` out of the query string; the body stays as it is, read later by Flask."""
        query = parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        method = dict(query)[METHOD_FIELD].upper()
        method = method if method in METHODS else "POST"
        environ["QUERY_STRING"] = urlencode([(name, value) for name, value in query if name != METHOD_FIELD])
        environ[ENVIRON_KEY] = FormSubmission(method, "", MultiDict(), None, MULTIPART_TYPE)
        environ["REQUEST_METHOD"] = method

    def _rewrite(self, environ, form):
        """Record the submission, set the method and content type it stands for, and return the new body."""
        method = form.get(METHOD_FIELD, "").upper()
        method = method if method in METHODS else "POST"
        content_type = form.get(CONTENT_TYPE_FIELD, JSON_TYPE)
        content_type = content_type if content_type in CONTENT_TYPES else JSON_TYPE
        fields = MultiDict([(name, value) for name, value in form.items(multi=True) if name not in SPECIAL_FIELDS])
        content = form.get(CONTENT_FIELD)
        environ[ENVIRON_KEY] = FormSubmission(method, form.get(TOKEN_FIELD, ""), fields, content, content_type)
        if form.get(TOKEN_FIELD):
            environ["HTTP_X_CSRFTOKEN"] = form[TOKEN_FIELD]
        environ["REQUEST_METHOD"] = method
        if method == "DELETE":
            environ.pop("CONTENT_TYPE", None)
            return b""
        if content is not None:
            environ["CONTENT_TYPE"] = content_type
            return content.encode("utf-8")
        environ["CONTENT_TYPE"] = FORM_TYPE
        return urlencode([(name, value) for name, value in fields.items(multi=True) if value != ""]).encode()


def csrf_token():
    """Return this session's CSRF token for a form."""
    return generate_csrf()


def csrf_valid(submitted):
    """Whether `submitted` is a valid CSRF token of this session."""
    try:
        validate_csrf(submitted)
    except ValidationError:
        return False
    return True


def check_submission():
    """Refuse a browsable form submission without this session's CSRF token (403)."""
    submission = current_submission()
    if submission is None:
        return
    if submission.content_type == MULTIPART_TYPE:
        submission.token = request.form.get(TOKEN_FIELD, "")
        submission.fields = MultiDict(
            [(name, value) for name, value in request.form.items(multi=True) if name not in SPECIAL_FIELDS]
        )
    if not csrf_valid(submission.token or request.headers.get(TOKEN_HEADER, "")):
        abort(403, message=CSRF_FAILED)


def register_form_submission(app, api_prefix):
    app.wsgi_app = FormSubmissionMiddleware(app.wsgi_app, app.config, api_prefix)
    app.before_request(check_submission)
