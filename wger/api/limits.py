"""The range of the database's integer columns, enforced wherever a number enters from a request.

PostgreSQL's `integer` holds 32 bits and SQLite refuses Python ints beyond 64; a larger id in a URL, a
filter or a body must be a 404 or a 400, never a database error.
"""

from werkzeug.routing import IntegerConverter

INTEGER_MIN, INTEGER_MAX = -(2**31), 2**31 - 1
OFFSET_MAX = 2**62


def fits_integer_column(value):
    return INTEGER_MIN <= value <= INTEGER_MAX


def spells_an_id(text):
    """Whether `text` is a plain decimal number Python can read: ASCII digits only (`int("²")` fails), and
    not more of them than any id has (`int()` refuses thousands of digits)."""
    return text.isascii() and text.isdigit() and len(text) <= 100


class DatabaseIdConverter(IntegerConverter):
    """`<int:pk>` that only matches ids an integer column can hold; a larger one is an unknown URL."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", INTEGER_MAX)
        super().__init__(url_map, *args, **kwargs)


def register_limits(app):
    """Use the bounded converter for every `<int:...>` rule (call before any blueprint is registered)."""
    app.url_map.converters["int"] = DatabaseIdConverter
