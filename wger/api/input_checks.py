"""Text no field can hold, refused where the request is read: NUL characters, lone surrogates, JSON nested
too deep and JSON numbers too large for any field.

PostgreSQL refuses NUL characters that SQLite would store, and a lone surrogate (`"\\ud800"` in JSON) cannot
be encoded for any database or response; both are a 400 naming the parameter or field, in DRF's words, on
every database alike. Query strings and forms are checked before any view runs, JSON bodies as they are
parsed (`json_body`), so no view, filter or error message ever sees such text.
"""

import json
import math
import re

from flask import request
from flask_smorest import abort
from marshmallow import ValidationError

from wger.api.errors import NON_FIELD_ERRORS

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")  # the bodies Werkzeug reads as forms

MAX_JSON_DEPTH = 32
FORBIDDEN_CHARACTER = re.compile("[\x00\ud800-\udfff]")
INVALID_NUMBER = "A valid number is required."
TOO_DEEP = f"JSON parse error - nested deeper than {MAX_JSON_DEPTH} levels."


def text_problem(text):
    """DRF's message for a string holding a NUL character or a lone surrogate, else None."""
    found = FORBIDDEN_CHARACTER.search(text)
    if found is None:
        return None
    if found.group() == "\x00":
        return "Null characters are not allowed."
    return f"Surrogate characters are not allowed: U+{ord(found.group()):X}."


def check_query_and_form():
    """Refuse a query-string or form value no field can hold (400 naming the parameter).

    A parameter whose name holds such characters (or that has no name a multipart parser could read) is no
    parameter of ours, and unknown parameters are ignored, as the original does.
    """
    errors = {}
    has_form = request.mimetype in FORM_TYPES
    for values in (request.args, request.form) if has_form else (request.args,):
        for name, value in values.items(multi=True):
            problem = text_problem(value) if isinstance(name, str) and not text_problem(name) else None
            if problem:
                errors.setdefault(name, [problem])
    if errors:
        raise ValidationError(errors)


def _refuse_constant(name):
    raise ValueError(f"{name} is not a valid JSON number")


def json_body(data):
    """Parse a JSON request body, or raise the contract's 400.

    Malformed JSON, `NaN`/`Infinity` and nesting deeper than `MAX_JSON_DEPTH` are parse errors
    (`{"detail": ...}`); a string no field can hold and a number beyond a float's range are field errors
    naming the top-level key they are under.
    """
    try:
        body = json.loads(data, parse_constant=_refuse_constant)
    except RecursionError:
        abort(400, message=TOO_DEEP)
    except ValueError as error:
        abort(400, message=f"JSON parse error - {error}")
    problems = _problems(body)
    if problems:
        raise ValidationError(problems)
    return body


def _problems(body):
    """Walk the parsed body once (iteratively: depth is what is being checked) and name what is wrong.

    A problem is reported under its top-level key, or under `non_field_errors` when that key itself is
    text no field can hold."""
    errors = {}
    top_level = body.items() if isinstance(body, dict) else [(NON_FIELD_ERRORS, body)]
    pending = []
    for name, value in top_level:
        name_problem = text_problem(name)
        if name_problem:
            errors.setdefault(NON_FIELD_ERRORS, [name_problem])
        pending.append((NON_FIELD_ERRORS if name_problem else name, value, 1))
    while pending:
        field, value, depth = pending.pop()
        if depth > MAX_JSON_DEPTH:
            abort(400, message=TOO_DEEP)
        problem = None
        if isinstance(value, str):
            problem = text_problem(value)
        elif isinstance(value, float) and not math.isfinite(value):
            problem = INVALID_NUMBER
        elif isinstance(value, dict):
            for key, item in value.items():
                problem = problem or text_problem(key)
                pending.append((field, item, depth + 1))
        elif isinstance(value, list):
            pending.extend((field, item, depth + 1) for item in value)
        if problem:
            errors.setdefault(field, [problem])
    return errors
