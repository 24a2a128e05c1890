"""The account endpoints: JWT and permanent-key login, registration, the user's profile, permissions.

`userprofile` is a singleton (the caller's own profile at the list URL and at any detail URL), so it is
written here as routes rather than declared as a `Resource`; it reuses the schema machinery all the same.
"""

from flask import current_app, jsonify, request
from flask_smorest import Blueprint, abort
from marshmallow import ValidationError

from wger import accounts, auth
from wger.api import openapi, replay
from wger.api.root import Entry, list_after
from wger.api.views import read_body, request_body_doc
from wger.blueprints.accounts import schemas
from wger.blueprints.accounts.verification import send_verification
from wger.database import db
from wger.mail import MailError
from wger.models.accounts import utcnow
from wger.throttle import throttle

blueprint = Blueprint(
    "accounts", __name__, url_prefix="/api/v2", description="Accounts, authentication and the user's profile"
)

DEPRECATION = "Sat, 01 Oct 2022 23:59:59 GMT"
PERMISSION_PARAMETER = {"in": "query", "name": "permission", "required": True, "schema": {"type": "string"},
                        "description": "`app_label.codename`, e.g. `exercises.add_exercise`"}
PERMISSION_REFUSAL = {"anyOf": [{"type": "string"}, {"$ref": f"#/components/schemas/{openapi.FIELD_ERRORS}"}]}


def _load(schema):
    return schema().load(read_body())


def _authenticate(data, missing_field):
    """The user the body's credentials name, or None; a locked account is refused with 403."""
    try:
        return accounts.authenticate(data["password"], **_identifier(data, missing_field))
    except accounts.AccountLocked as locked:
        abort(403, message=str(locked))


def _identifier(data, missing_field):
    """The username, or else the email, a login names; 400 on `missing_field` when it names neither."""
    if data.get("username"):
        return {"username": data["username"]}
    if data.get("email"):
        return {"email": data["email"]}
    raise ValidationError(missing_field)


@blueprint.route("/token", methods=["POST"], strict_slashes=False)
@blueprint.doc(summary="Obtain a JWT access and refresh token pair", **request_body_doc(schemas.TokenObtainSchema),
               **openapi.operation({400, 401, 403, 406, 413, 415, 429}, authenticated=False))
@blueprint.response(200, schemas.TokenPairSchema)
@throttle("LOGIN_RATE_LIMIT")
@auth.reads_no_credentials
def token_obtain():
    """Trade a username (or email) and password for an access and a refresh token."""
    data = _load(schemas.TokenObtainSchema)
    user = _authenticate(data, {"username": ["This field is required."]})
    if user is None:
        auth.reject("No active account found with the given credentials")
    return auth.token_pair(user)


@blueprint.route("/token/refresh", methods=["POST"], strict_slashes=False)
@blueprint.doc(summary="Obtain a new access token", **request_body_doc(schemas.TokenRefreshSchema),
               **openapi.operation({400, 401, 406, 413, 415}, authenticated=False))
@blueprint.response(200, schemas.AccessTokenSchema)
@auth.reads_no_credentials
def token_refresh():
    """Trade a refresh token for a new access token; the refresh token stays valid until it expires."""
    claims = auth.decode(_load(schemas.TokenRefreshSchema)["refresh"], "refresh")
    return {"access": auth.encode(auth.user_from_claims(claims).id, "access")}


@blueprint.route("/token/verify", methods=["POST"], strict_slashes=False)
@blueprint.doc(summary="Check a token", **request_body_doc(schemas.TokenVerifySchema),
               **openapi.operation({400, 401, 406, 413, 415}, authenticated=False))
@blueprint.response(200, schemas.TokenValidSchema)
@auth.reads_no_credentials
def token_verify():
    """Answer 200 for a valid, unexpired token of either type, 401 otherwise."""
    auth.decode(_load(schemas.TokenVerifySchema)["token"], None)
    return {}


@blueprint.route("/login/", methods=["GET", "POST"])
@blueprint.doc(summary="Obtain the permanent API key", **request_body_doc(schemas.LoginSchema),
               **openapi.operation({400, 403, 406, 413, 415, 429}, authenticated=False))
@blueprint.response(200, schemas.LoginAnswerSchema)
@throttle("LOGIN_RATE_LIMIT")
def login():
    """Trade a username (or email) and password for the permanent API key (deprecated: use /token)."""
    if request.method == "GET":
        return {"message": "You must send a 'username' and 'password' via POST"}
    data = _load(schemas.LoginSchema)
    user = _authenticate(data, {"non_field_errors": ['Please provide an "email" or a "username"']})
    if user is None:
        raise ValidationError({"non_field_errors": ["Username or password unknown"]})
    key = accounts.permanent_key(user)
    db.session.commit()
    return {"token": key}, {"Deprecation": DEPRECATION}


@blueprint.route("/register/", methods=["POST"])
@blueprint.doc(summary="Register a new account", **request_body_doc(schemas.RegisterSchema),
               **openapi.operation({400, 403, 406, 413, 415, 429}, authenticated=False))
@blueprint.response(201, schemas.RegisteredSchema)
@throttle("REGISTRATION_RATE_LIMIT")
def register():
    """Create an account and return its permanent API key; a verification email goes to its address."""
    if not current_app.config["ALLOW_REGISTRATION"]:
        abort(403, message="Registration of new accounts is disabled on this server.")
    data = _load(schemas.RegisterSchema)
    errors = accounts.registration_problems(data["username"], data.get("email"), data["password"])
    if errors:
        raise ValidationError(errors)
    user = accounts.create_user(data["username"], data["password"], email=data.get("email"))
    key = accounts.permanent_key(user)
    db.session.commit()
    if user.email:
        try:
            send_verification(user)
        except MailError:
            current_app.logger.warning("Registered user %s, but the verification email failed", user.id)
    return {"message": "api user successfully registered", "token": key}


@blueprint.route("/check-permission/", methods=["GET"])
@blueprint.doc(summary="Check whether the caller holds a permission", parameters=[PERMISSION_PARAMETER],
               **openapi.operation({406}, authenticated=False))
@blueprint.alt_response(400, schema=PERMISSION_REFUSAL,
                        description="The hint that `permission` is missing, or the parameters no field can hold")
@blueprint.response(200, schemas.PermissionResultSchema)
def check_permission():
    """Return whether the caller holds a permission; always false for anonymous callers."""
    name = request.args.get("permission")
    if not name:
        response = jsonify("Please pass a permission name in the 'permission' parameter")
        response.status_code = 400
        return response
    user = auth.current_user()
    return {"result": bool(user is not None and user.has_perm(name))}


def _update_profile():
    user = auth.require_user()
    profile = user.profile
    data = schemas.UserProfileSchema().load(read_body(), partial=True)
    email = data.pop("email", user.email)
    if email != user.email:
        if accounts.email_taken(email, except_user=user):
            raise ValidationError({"email": ["This field must be unique."]})
        user.email = email
        profile.email_verified = False
    for key, value in data.items():
        setattr(profile, key, value)
    db.session.commit()
    return profile


def _own_profile():
    """The caller's profile, its answer kept for them (`wger.api.replay`) until the account comes of age,
    the one change that time alone makes to it."""
    user = auth.require_user()
    coming_of_age = user.comes_of_age
    replay.keep_private_answer(until=coming_of_age if coming_of_age > utcnow() else None)
    return user.profile


@blueprint.route("/userprofile/", methods=["GET", "POST"], endpoint="userprofile-list")
@auth.private_view
@blueprint.doc(summary="Read or update the caller's profile", **request_body_doc(schemas.UserProfileSchema),
               **openapi.operation({400, 401, 403, 406, 413, 415}, authenticated=True))
@blueprint.response(200, schemas.UserProfileSchema)
def userprofile():
    """Return the caller's profile (GET) or update it (POST); it is one object, not a page."""
    if request.method == "POST":
        return _update_profile()
    return _own_profile()


@blueprint.route("/userprofile/<pk>/", methods=["GET", "PUT", "PATCH"], endpoint="userprofile-detail")
@auth.private_view
@blueprint.doc(summary="Read or update the caller's profile", **request_body_doc(schemas.UserProfileSchema),
               **openapi.operation({400, 401, 403, 406, 413, 415}, authenticated=True))
@blueprint.response(200, schemas.UserProfileSchema)
def userprofile_detail(pk):
    """Return (GET) or update (PUT, PATCH) the caller's profile, whatever the id in the URL."""
    if request.method == "GET":
        return _own_profile()
    return _update_profile()


@blueprint.route("/userprofile/verify-email/", methods=["GET"])
@blueprint.doc(summary="Send a verification email to the caller's address",
               **openapi.operation({400, 401, 406, 503}, authenticated=True))
@blueprint.response(200, schemas.VerificationSchema)
def verify_email():
    """Email the caller a verification link, unless the address is already verified."""
    user = auth.require_user()
    if user.profile.email_verified:
        return {"status": "verified", "message": "This email is already verified"}
    if not user.email:
        raise ValidationError({"email": ["This account has no email address to verify."]})
    try:
        send_verification(user)
    except MailError:
        abort(503, message="The verification email could not be sent; please try again later.")
    return {"status": "sent", "message": f"A verification email was sent to {user.email}"}


list_after("license", Entry(
    "userprofile", "accounts.userprofile-list", private=True, methods=("GET", "POST", "PUT", "PATCH"),
    description="The caller's own profile: one object at the list URL and at any detail URL.",
))
