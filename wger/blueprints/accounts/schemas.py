"""Wire formats of the account endpoints, fields in the contract's order, messages in its words."""

import datetime as dt

from marshmallow import ValidationError, fields, validate, validates, validates_schema

from wger.api.fields import Related
from wger.api.schemas import ResourceSchema
from wger.api.validators import EMAIL_MAX_LENGTH, between, choice, max_length, min_length, not_blank
from wger.models import Language

REQUIRED = {"required": "This field is required.", "null": "This field may not be null."}
USERNAME = validate.Regexp(
    r"^[\w.@+-]+(?!\n)$",
    error="Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.",
)
INTENSITY = {"1": "Low", "2": "Medium", "3": "High"}


def _string(**kwargs):
    return fields.String(error_messages=REQUIRED, **kwargs)


class TokenObtainSchema(ResourceSchema):
    """The username (or an email in its place, or `email`) and the password; both are named when missing."""

    username = _string(metadata={"description": "The username, or the account's email address; required "
                                                "unless `email` is given."})
    email = _string()
    password = _string(required=True)

    @validates_schema(skip_on_field_errors=False)
    def _names_an_account(self, data, **kwargs):
        if not data.get("username") and not data.get("email"):
            raise ValidationError("This field is required.", "username")


class TokenRefreshSchema(ResourceSchema):
    refresh = _string(required=True)


class TokenVerifySchema(ResourceSchema):
    token = _string(required=True)


class LoginSchema(ResourceSchema):
    username = _string()
    email = _string()
    password = _string(required=True, validate=min_length(8))


class RegisterSchema(ResourceSchema):
    username = _string(
        required=True,
        validate=[not_blank(), max_length(150), USERNAME],
    )
    email = fields.Email(allow_none=True, validate=max_length(EMAIL_MAX_LENGTH),
                         error_messages={"invalid": "Enter a valid email address."})
    password = _string(required=True, load_only=True)


class UserProfileSchema(ResourceSchema):
    """The profile; `email` is read from the user and, when sent, validated and written back to it."""

    username = fields.String(attribute="user.username", dump_only=True)
    email = fields.Method("dump_email", deserialize="load_email")
    email_verified = fields.Boolean(dump_only=True)
    is_trustworthy = fields.Boolean(attribute="user.is_trustworthy", dump_only=True)
    date_joined = fields.Method("dump_date_joined", dump_only=True)
    gym = fields.Constant(None, dump_only=True)
    is_temporary = fields.Boolean(dump_only=True)
    show_comments = fields.Boolean()
    show_english_ingredients = fields.Boolean()
    workout_reminder_active = fields.Boolean()
    workout_reminder = fields.Integer(validate=between(1, 30))
    workout_duration = fields.Integer(validate=between(1, 30))
    last_workout_notification = fields.Date(dump_only=True, allow_none=True)
    notification_language = Related(Language, attribute="notification_language_id", allow_none=True)
    age = fields.Integer(allow_none=True, validate=between(10, 100))
    birthdate = fields.Date(allow_none=True)
    height = fields.Integer(allow_none=True, validate=between(140, 230))
    gender = fields.String(allow_none=True, validate=choice({"1": "Male", "2": "Female"}))
    sleep_hours = fields.Integer(allow_none=True, validate=between(4, 10))
    work_hours = fields.Integer(allow_none=True, validate=between(1, 15))
    work_intensity = fields.String(allow_none=True, validate=choice(INTENSITY))
    sport_hours = fields.Integer(allow_none=True, validate=between(1, 30))
    sport_intensity = fields.String(allow_none=True, validate=choice(INTENSITY))
    freetime_hours = fields.Integer(allow_none=True, validate=between(1, 15))
    freetime_intensity = fields.String(allow_none=True, validate=choice(INTENSITY))
    calories = fields.Integer(allow_none=True, validate=between(1500, 5000))
    weight_unit = fields.String(validate=choice({"kg": "Metric (kilogram)", "lb": "Imperial (pound)"}))
    ro_access = fields.Boolean()
    num_days_weight_reminder = fields.Integer(validate=between(0, 30))

    def dump_email(self, profile):
        return profile.user.email or ""

    def load_email(self, value):
        return fields.Email(validate=max_length(EMAIL_MAX_LENGTH)).deserialize(value)

    def dump_date_joined(self, profile):
        """The original's `str(datetime)`: `2012-09-26 19:11:43.114000+00:00`, a space, not ISO's `T`."""
        return str(profile.user.date_joined.replace(tzinfo=dt.UTC))

    @validates("birthdate")
    def validate_birthdate(self, value, data_key):
        if value is None:
            return
        today = dt.date.today()
        age = today.year - value.year - ((today.month, today.day) < (value.month, value.day))
        if not 10 <= age <= 100:
            raise ValidationError(f"{value} is not a valid birthdate")


class TokenPairSchema(ResourceSchema):
    refresh = fields.String(metadata={"description": "A refresh token (24 hours by default)."})
    access = fields.String(metadata={"description": "An access token (15 minutes by default)."})


class AccessTokenSchema(ResourceSchema):
    access = fields.String()


class TokenValidSchema(ResourceSchema):
    """An empty object: the token is valid."""


class LoginAnswerSchema(ResourceSchema):
    """`token` after a POST; `message`, a hint, for a GET."""

    token = fields.String(metadata={"description": "The permanent API key."})
    message = fields.String()


class RegisteredSchema(ResourceSchema):
    message = fields.String()
    token = fields.String(metadata={"description": "The new account's permanent API key."})


class PermissionResultSchema(ResourceSchema):
    result = fields.Boolean()


class VerificationSchema(ResourceSchema):
    status = fields.String(metadata={"description": "`sent`, or `verified` when there was nothing to do."})
    message = fields.String()
