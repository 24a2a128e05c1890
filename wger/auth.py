"""The caller's identity, in one place for every endpoint.

A request authenticates in one of the contract's three ways: `Authorization: Bearer <jwt>` (or
`Bearer: <jwt>`, decision 7), `Authorization: Token <permanent key>`, or the session cookie set by the
login page. The user is resolved the first time a view asks for it and kept for the rest of the request.
Credentials that are present but wrong give 401, never a silent anonymous request; other authorization
schemes (`Basic`...) are ignored, as the original does.
"""

import datetime as dt
import uuid

import jwt
import sqlalchemy as sa
from flask import current_app, g, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_smorest import abort
from flask_wtf.csrf import generate_csrf, validate_csrf
from wtforms import ValidationError as CSRFError

from wger.api.cors import API_PATHS
from wger.api.limits import fits_integer_column
from wger.database import SAFE_METHODS, db
from wger.models import Token, User

CHALLENGE = {"WWW-Authenticate": 'Bearer realm="api"'}
SESSION_KEY = "user_id"
CSRF_COOKIE = "csrftoken"
JWT_ALGORITHM = "HS256"
TOKEN_NOT_VALID = "token_not_valid"
NOT_VALID_FOR_ANY_TYPE = "Given token not valid for any token type"
REQUIRED_CLAIMS = ("token_type", "exp", "iat", "jti", "user_id")
LIFETIMES = {"access": "JWT_ACCESS_TOKEN_EXPIRES", "refresh": "JWT_REFRESH_TOKEN_EXPIRES"}


def of_key_holder(statement):
    """`statement` (a SELECT from the user table) narrowed to the active user holding the permanent key given
    as the parameter `key`: the one rule a key is accepted by, here and where answers are replayed."""
    return statement.join(Token, Token.user_id == User.id).where(Token.key == sa.bindparam("key"), User.is_active)


# Built once: SQLAlchemy memoizes a statement's cache key, so reusing it skips building and keying it per request.
USER_BY_KEY = of_key_holder(sa.select(User))


def reject(detail, code=None, token_messages=None):
    """Answer 401 with the challenge of decision 1; a refused JWT says why in simplejwt's `code` (and, on an
    API view, its `messages`)."""
    extra = ({"code": code} if code else {}) | ({"token_messages": token_messages} if token_messages else {})
    abort(401, message=detail, headers=CHALLENGE, **extra)


def current_user():
    """Return the authenticated user of this request, or None for an anonymous caller."""
    if "current_user" not in g:
        g.current_user = _resolve()
    return g.current_user


def private_view(view):
    """Mark a custom (non-Resource) view as private, so an anonymous caller gets 401 even for a method the
    view does not route, as on private resources."""
    view.private = True
    return view


def reads_no_credentials(view):
    """Mark a view that takes credentials in its body and reads no `Authorization` header (the JWT views, as
    simplejwt's): a stale access token a client still sends there must not stop it from getting a new one."""
    view.reads_no_credentials = True
    return view


def check_credentials_first():
    """Refuse wrong credentials before anything else, on public endpoints too, as the original evaluates
    authentication first: a mistyped key is a 401, not an answer that looks anonymous."""
    if "Authorization" not in request.headers or not request.path.startswith(API_PATHS):
        return
    view = current_app.view_functions.get(request.endpoint)
    if not getattr(view, "reads_no_credentials", False):
        current_user()


def require_user():
    """Return the caller, or answer 401 with the challenge the contract names."""
    user = current_user()
    if user is None:
        reject("Authentication credentials were not provided.")
    return user


def parse_authorization(header):
    """The lowercase scheme and the credentials of an `Authorization` header (`Bearer: <jwt>` included)."""
    scheme, _, credentials = header.strip().partition(" ")
    return scheme.lower().removesuffix(":"), credentials.strip()


def _resolve():
    scheme, credentials = parse_authorization(request.headers.get("Authorization", ""))
    if scheme == "bearer":
        return _user_from_jwt(credentials)
    if scheme == "token":
        return _user_from_key(credentials)
    return _user_from_session()


def encode(user_id, token_type, lifetime=None):
    """A signed JWT with simplejwt's claims (`token_type`, `exp`, `iat`, `jti`, `user_id`), which wger
    clients read; `lifetime` defaults to the setting of its type."""
    now = dt.datetime.now(dt.UTC)
    claims = {
        "token_type": token_type,
        "exp": now + (lifetime if lifetime is not None else current_app.config[LIFETIMES[token_type]]),
        "iat": now,
        "jti": uuid.uuid4().hex,
        "user_id": user_id,
    }
    return jwt.encode(claims, current_app.config["SECRET_KEY"], algorithm=JWT_ALGORITHM)


class TokenRefused(Exception):
    """A JWT that is not a valid, unexpired token of the expected type; its argument says why, in simplejwt's
    words."""


def _claims(encoded, token_type, secret_key=None):
    """The claims of a valid, unexpired JWT of `token_type` (None: either type), or `TokenRefused`.

    Only HS256 with our key (the app's, unless given) is accepted, so `alg: none` and re-signed tokens fail
    with tampered ones; a token without an expiry (or any other of simplejwt's claims) is refused too.
    """
    try:
        claims = jwt.decode(encoded, secret_key or current_app.config["SECRET_KEY"], algorithms=[JWT_ALGORITHM],
                            options={"require": list(REQUIRED_CLAIMS)})
    except jwt.ExpiredSignatureError as expired:
        raise TokenRefused("Token is expired") from expired
    except (jwt.PyJWTError, ValueError) as invalid:
        raise TokenRefused("Token is invalid") from invalid
    if claims.get("token_type") not in ((token_type,) if token_type else ("access", "refresh")):
        raise TokenRefused("Token has wrong type")
    return claims


def decode(encoded, token_type):
    """The claims of a token sent to the token views, or 401 saying why, as simplejwt's views do."""
    try:
        return _claims(encoded, token_type)
    except TokenRefused as refused:
        reject(str(refused), TOKEN_NOT_VALID)


def _possible_user_id(claims):
    """The `user_id` claim, or None when no user can have it (a string, a number beyond the id column)."""
    user_id = claims.get("user_id")
    known = isinstance(user_id, int) and not isinstance(user_id, bool) and fits_integer_column(user_id)
    return user_id if known else None


def user_from_claims(claims):
    """The active user a token names, or 401: a deleted or deactivated user's tokens stop working, and an id
    no user can have names nobody."""
    user_id = _possible_user_id(claims)
    user = db.session.get(User, user_id) if user_id is not None else None
    if user is None or not user.is_active:
        reject("User not found", "user_not_found")
    return user


def access_token_user_id(encoded, secret_key):
    """The id of the user a valid access token names (signed with `secret_key`), without asking whether that
    user is active; None for a token an API view refuses."""
    try:
        return _possible_user_id(_claims(encoded, "access", secret_key))
    except TokenRefused:
        return None


def _user_from_jwt(encoded):
    """The user of an access token sent to an API view, or 401 in simplejwt's words for API views: a
    general sentence, and why the token failed in `messages`."""
    try:
        claims = _claims(encoded, "access")
    except TokenRefused as refused:
        reject(NOT_VALID_FOR_ANY_TYPE, TOKEN_NOT_VALID,
               [{"token_class": "AccessToken", "token_type": "access", "message": str(refused)}])
    return user_from_claims(claims)


def _user_from_key(key):
    """The active user holding the permanent key `key`, found in one query, or 401."""
    user = db.session.scalar(USER_BY_KEY, {"key": key}) if key else None
    if user is None:
        reject("Invalid token.")
    return user


def _user_from_session():
    """The user logged in through the login page; unsafe methods must carry the CSRF token, as in DRF."""
    user_id = session.get(SESSION_KEY)
    if user_id is None:
        return None
    user = db.session.get(User, user_id)
    if user is None or not user.is_active:
        session.pop(SESSION_KEY, None)
        return None
    if request.method not in SAFE_METHODS:
        try:
            validate_csrf(request.headers.get("X-CSRFToken") or request.form.get("csrf_token"))
        except CSRFError as error:
            abort(403, message=f"CSRF Failed: {error}")
    return user


class CookieSessionInterface(SecureCookieSessionInterface):
    """Flask's signed cookie session, read only when the request brings a session cookie.

    Only browsers that went through the login page have one; an API client (a key, a JWT or nobody) gets
    an empty session without the signing serializer being built, and answers exactly as before.
    """

    def open_session(self, app, request):
        if "HTTP_COOKIE" not in request.environ or self.get_cookie_name(app) not in request.cookies:
            return self.session_class()
        return super().open_session(app, request)


def token_pair(user):
    return {"refresh": encode(user.id, "refresh"), "access": encode(user.id, "access")}


def _clear_session():
    """Empty the session, and forget the CSRF token cached for this request: it belonged to the old one."""
    session.clear()
    g.pop("csrf_token", None)


def log_in_session(user):
    """Start a browser session for `user`, with a fresh session so a planted one cannot be reused."""
    _clear_session()
    session[SESSION_KEY] = user.id


def log_out_session():
    _clear_session()


def _valid_csrf(token):
    try:
        validate_csrf(token)
    except CSRFError:
        return False
    return True


def keep_csrf_cookie(response):
    """Give a logged-in browser its CSRF token in a `csrftoken` cookie that scripts may read, as Django does.

    A JavaScript client on this site reads it and sends it back as `X-CSRFToken` on its writes; another
    site can neither read it nor send it (SameSite=Lax). The cookie is set when missing or stale (a new
    login starts a new session, hence a new token) and removed when nobody is logged in.
    """
    if session.get(SESSION_KEY) is None:
        if CSRF_COOKIE in request.cookies:
            response.delete_cookie(CSRF_COOKIE)
        return response
    if not _valid_csrf(request.cookies.get(CSRF_COOKIE)):
        response.set_cookie(CSRF_COOKIE, generate_csrf(), httponly=False, samesite="Lax",
                            secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response
