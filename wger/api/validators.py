"""The validators every schema uses, with the messages wger clients know from the original (DRF).

Bounds live here once, so a range, a length or a choice reads the same on every resource, and the limits
that protect the database (an email's 254 characters) are declared beside them.
"""

from marshmallow import validate

EMAIL_MAX_LENGTH = 254


def between(low, high):
    """DRF's two range messages, one per bound."""
    return [at_least(low), at_most(high)]


def at_least(low):
    return validate.Range(min=low, error="Ensure this value is greater than or equal to {min}.")


def at_most(high):
    return validate.Range(max=high, error="Ensure this value is less than or equal to {max}.")


def max_length(limit):
    return validate.Length(max=limit, error="Ensure this field has no more than {max} characters.")


def min_length(limit):
    return validate.Length(min=limit, error="Ensure this field has at least {min} characters.")


def not_blank():
    return validate.Length(min=1, error="This field may not be blank.")


def choice(choices):
    """One of `choices` (a mapping's keys or a sequence), with DRF's message naming the refused value."""
    return validate.OneOf(list(choices), error='"{input}" is not a valid choice.')
