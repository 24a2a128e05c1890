"""The write side of the browsable page: HTML and raw-data forms derived from a resource's schema.

Each loadable schema field becomes one widget: a select for a foreign key (`Related`) or a many-to-many
(`RelatedList`) listing the objects the caller may attach to, capped at `SELECT_LIMIT` rows (beyond that,
a plain id input); a select for a `OneOf` choice; a checkbox for a boolean; a file input for an upload (a
field marked `is_upload`, which makes the form multipart); date, time, number, email and URL inputs where
the field's type says so; a text input otherwise. Forms are offered only to a signed-in caller and only for
methods the URL routes, and the raw-data form only in the body types the resource reads; they post
through `wger.api.form_submission`.
"""

import json
from dataclasses import dataclass, field
from urllib.parse import urlencode

import sqlalchemy as sa
from marshmallow import fields, missing, validate

from wger.api import access
from wger.api.fields import Related, RelatedList
from wger.database import db

SELECT_LIMIT = 100
JSON_TYPE, FORM_TYPE = "application/json", "application/x-www-form-urlencoded"
NON_FIELD_ERRORS = "non_field_errors"
TRUE_TEXTS = {"true", "1", "on"}
LABEL_COLUMNS = ("name", "full_name", "title", "description")


@dataclass
class Widget:
    """One input of an HTML form, with what the template needs to draw it."""

    name: str
    kind: str
    value: object = ""
    required: bool = False
    options: list | None = None
    multiple: bool = False
    attrs: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    note: str = ""


@dataclass
class Forms:
    """The forms of one page: the schema form, the raw-data form and the delete button."""

    html_method: str | None = None
    widgets: list = field(default_factory=list)
    raw_methods: tuple = ()
    raw_content: str = ""
    raw_content_type: str = JSON_TYPE
    raw_content_types: tuple = (JSON_TYPE, FORM_TYPE)
    errors: list = field(default_factory=list)
    raw_errors: list = field(default_factory=list)
    delete: bool = False

    @property
    def multipart(self):
        """Whether the HTML form uploads a file, and so must be sent as `multipart/form-data`."""
        return any(widget.kind == "file" for widget in self.widgets)


def _label_column(model):
    """What a person recognises an object by in a select: its name, else its first text column."""
    text_columns = [column.key for column in sa.inspect(model).columns
                    if column.key != "id" and getattr(column.type, "python_type", None) is str]
    for preferred in LABEL_COLUMNS:
        if preferred in text_columns:
            return getattr(model, preferred)
    return getattr(model, text_columns[0]) if text_columns else None


def related_options(model):
    """Return `[(id, label)]` of the objects the caller may attach to, or None when there are too many."""
    label = _label_column(model)
    columns = (model.id, label) if label is not None else (model.id,)
    statement = access.visible(model, sa.select(*columns)).order_by(model.id).limit(SELECT_LIMIT + 1)
    rows = db.session.execute(statement).all()
    if len(rows) > SELECT_LIMIT:
        return None
    return [(str(row[0]), f"{row[0]} \u2014 {row[1]}" if len(row) > 1 else str(row[0])) for row in rows]


def _one_of(schema_field):
    for validator in schema_field.validators:
        if isinstance(validator, validate.OneOf):
            return validator
    return None


def _number_attrs(schema_field):
    attrs = {}
    for validator in schema_field.validators:
        if isinstance(validator, validate.Range):
            if validator.min is not None:
                attrs["min"] = validator.min
            if validator.max is not None:
                attrs["max"] = validator.max
    if isinstance(schema_field, fields.Integer):
        attrs["step"] = 1
    elif isinstance(schema_field, fields.Decimal) and schema_field.places is not None:
        attrs["step"] = str(schema_field.places)
    else:
        attrs["step"] = "any"
    return attrs


def _text_attrs(schema_field):
    for validator in schema_field.validators:
        if isinstance(validator, validate.Length) and validator.max is not None:
            return {"maxlength": validator.max}
    return {}


SIMPLE_KINDS = (
    (fields.Boolean, "checkbox"),
    (fields.DateTime, "datetime-local"),
    (fields.Date, "date"),
    (fields.Time, "time"),
    (fields.Email, "email"),
    (fields.Url, "url"),
)


def _widget(name, schema_field):
    """Choose the input for one schema field (its value and errors are filled in later)."""
    widget = Widget(name, "text", required=schema_field.required)
    if getattr(schema_field, "is_upload", False):
        widget.kind = "file"
        return widget
    one_of = _one_of(schema_field)
    if isinstance(schema_field, (Related, RelatedList)):
        options = related_options(schema_field.model)
        multiple = isinstance(schema_field, RelatedList)
        if options is not None:
            widget.kind, widget.options, widget.multiple = "select", options, multiple
        else:
            widget.kind, widget.attrs = "number", {"step": 1, "min": 1}
            widget.note = f"More than {SELECT_LIMIT} to list: enter an id" + (
                " (several ids go through the raw data form)" if multiple else "")
        return widget
    if one_of is not None:
        choices = [str(choice) for choice in one_of.choices]
        labels = [str(label) for label in one_of.labels] or choices
        widget.kind, widget.options = "select", list(zip(choices, labels, strict=True))
        return widget
    for field_type, kind in SIMPLE_KINDS:
        if isinstance(schema_field, field_type):
            widget.kind = kind
            if kind == "datetime-local":
                widget.attrs = {"step": 1}
            return widget
    if isinstance(schema_field, fields.Number):
        widget.kind, widget.attrs = "number", _number_attrs(schema_field)
    else:
        widget.attrs = _text_attrs(schema_field)
    return widget


def _display_value(widget, value):
    """Write a JSON value the way its input expects it."""
    if value is None:
        return [] if widget.multiple else ""
    if widget.multiple:
        return [str(item) for item in (value if isinstance(value, list) else [value])]
    if widget.kind == "checkbox":
        return value is True or str(value).lower() in TRUE_TEXTS
    if widget.kind == "file":
        return ""
    if widget.kind == "datetime-local" and isinstance(value, str):
        return value.removesuffix("Z").split(".")[0].split("+")[0]
    return str(value)


def _writable_fields(schema):
    return [(schema_field.data_key or name, schema_field) for name, schema_field in schema.fields.items()
            if not schema_field.dump_only]


def _default(schema_field, empty):
    """The field's declared default for a new object, or `empty` when it has none (or a computed one)."""
    value = schema_field.load_default
    return empty if callable(value) or value is None or value is missing else value


def _initial_values(writable, body, is_detail):
    """Current values: the object's on a detail page, the fields' defaults on a list page."""
    if is_detail and isinstance(body, dict):
        return {name: body.get(name) for name, _ in writable}
    return {name: _default(schema_field, "" if _blank_text(schema_field) else None) for name, schema_field in writable}


def _blank_text(schema_field):
    """Whether a new object's field starts as an empty string: text that may not be null."""
    return isinstance(schema_field, fields.String) and not schema_field.allow_none


def _submitted_values(widgets, submission):
    values = {}
    for widget in widgets:
        submitted = submission.fields.getlist(widget.name)
        values[widget.name] = submitted if widget.multiple else (submitted[-1] if submitted else None)
    return values


def _error_lines(errors):
    lines = []
    for name, messages in errors.items():
        for message in messages if isinstance(messages, list) else [messages]:
            lines.append(f"{name}: {message}" if name != NON_FIELD_ERRORS else str(message))
    return lines


def _raw_content(values, media_type):
    """The raw-data form's starting text: the values as indented JSON, or as a urlencoded form."""
    if media_type == JSON_TYPE:
        return json.dumps(values, indent=4, ensure_ascii=False, default=str)
    return urlencode([(name, str(value)) for name, value in values.items() if value is not None])


def build_forms(resource, allowed_methods, is_detail, body, status, submission):
    """Return the forms for a signed-in caller on this URL, or None when there is nothing to offer.

    After a 400 to a form submission, the submitted form comes back filled in with the errors beside its
    fields (or listed under the raw content, when that was what was sent).
    """
    failed = status == 400 and submission is not None and isinstance(body, dict)
    if status not in (200, 201) and not failed:
        return None
    forms = Forms()
    schema = resource.schema()
    writable = _writable_fields(schema)
    html_method = "PUT" if is_detail else "POST"
    if html_method in allowed_methods:
        forms.html_method = html_method
        forms.widgets = [_widget(name, schema_field) for name, schema_field in writable]
    forms.raw_content_types = tuple(kind for kind in (JSON_TYPE, FORM_TYPE) if kind in resource.parses)
    if forms.raw_content_types:
        forms.raw_methods = tuple(m for m in (("PUT", "PATCH") if is_detail else ("POST",)) if m in allowed_methods)
    forms.delete = is_detail and "DELETE" in allowed_methods and not failed
    values = _initial_values(writable, body if not failed else None, is_detail)
    raw_values = dict(values)
    if failed and submission.content is None:
        values = _submitted_values(forms.widgets, submission)
        for widget in forms.widgets:
            widget.errors = body.get(widget.name, [])
        known = {widget.name for widget in forms.widgets}
        forms.errors = _error_lines({k: v for k, v in body.items() if k not in known})
    for widget in forms.widgets:
        widget.value = _display_value(widget, values.get(widget.name))
    if failed and submission.content is not None:
        forms.raw_content, forms.raw_content_type = submission.content, submission.content_type
        forms.raw_errors = _error_lines(body)
    elif forms.raw_content_types:
        uploads = {name for name, schema_field in writable if getattr(schema_field, "is_upload", False)}
        forms.raw_content_type = forms.raw_content_types[0]
        forms.raw_content = _raw_content({k: v for k, v in raw_values.items() if k not in uploads},
                                         forms.raw_content_type)
    if not (forms.html_method or forms.raw_methods or forms.delete):
        return None
    return forms
