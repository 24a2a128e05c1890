"""Account services: creating accounts, finding them and checking passwords, for the API, the login page
and the CLI alike.

They raise domain errors (`AccountLocked`), never HTTP ones: each caller says them in its own terms. Nothing
here commits except `authenticate`, which must record an attempt even when the request then fails: the
lockout counts failures per account, whatever address they come from.
"""

import datetime as dt
import logging

import sqlalchemy as sa
from flask import current_app

from wger import passwords
from wger.api.validators import EMAIL_MAX_LENGTH
from wger.database import db
from wger.models import Language, Token, User, UserProfile
from wger.models.accounts import utcnow

log = logging.getLogger(__name__)

DEFAULT_NOTIFICATION_LANGUAGE = 2
MIN_PASSWORD_LENGTH = 8


def password_problems(password, username):
    """Return why `password` is too weak (empty when it is acceptable), in Django's words."""
    problems = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(
            f"This password is too short. It must contain at least {MIN_PASSWORD_LENGTH} characters."
        )
    if password.isdigit():
        problems.append("This password is entirely numeric.")
    if username and password.casefold() == username.casefold():
        problems.append("The password is too similar to the username.")
    return problems


def find_user(username=None, email=None):
    """The user with this username (exact) or email (any case), or None."""
    if username:
        return db.session.scalar(sa.select(User).where(User.username == username))
    if email:
        return db.session.scalar(sa.select(User).where(sa.func.lower(User.email) == email.lower()))
    return None


def email_taken(email, except_user=None):
    statement = sa.select(User.id).where(sa.func.lower(User.email) == email.lower())
    if except_user is not None:
        statement = statement.where(User.id != except_user.id)
    return db.session.execute(statement).first() is not None


def registration_problems(username, email, password):
    """Why an account cannot be created with these details, as `{field: [messages]}` (empty when it can)."""
    problems = {}
    if find_user(username=username):
        problems["username"] = ["This field must be unique."]
    if email and len(email) > EMAIL_MAX_LENGTH:
        problems["email"] = [f"Ensure this field has no more than {EMAIL_MAX_LENGTH} characters."]
    elif email and email_taken(email):
        problems["email"] = ["This field must be unique."]
    weak = password_problems(password, username)
    if weak:
        problems["password"] = weak
    return problems


def create_user(username, password, email=None, is_superuser=False):
    """Add a user with a profile of the contract's defaults and a permanent API key (not committed)."""
    user = User(username=username, email=email or None, is_superuser=is_superuser, failed_logins=0)
    user.set_password(password)
    language_id = DEFAULT_NOTIFICATION_LANGUAGE if db.session.get(Language, DEFAULT_NOTIFICATION_LANGUAGE) else None
    user.profile = UserProfile(notification_language_id=language_id)
    db.session.add(user)
    db.session.add(Token(key=Token.new_key(), user=user))
    db.session.flush()
    return user


def permanent_key(user):
    """The user's permanent API key, created on first use."""
    token = db.session.scalar(sa.select(Token).where(Token.user_id == user.id))
    if token is None:
        token = Token(key=Token.new_key(), user_id=user.id)
        db.session.add(token)
        db.session.flush()
    return token.key


def replace_permanent_key(user):
    """Give the user a new permanent key; the old one stops working with this transaction."""
    db.session.execute(sa.delete(Token).where(Token.user_id == user.id))
    token = Token(key=Token.new_key(), user_id=user.id)
    db.session.add(token)
    db.session.flush()
    return token.key


class AccountLocked(Exception):
    """Too many failed passwords in a row: the account refuses every login, right or wrong, for a while."""

    def __init__(self, minutes):
        super().__init__(f"Too many failed login attempts: this account is locked for up to {minutes} minutes.")


def _count_attempt(user):
    """Count an attempt as a failure before its password is checked, and lock the account when it is the
    `LOGIN_FAILURE_LIMIT`-th in a row; a right password then takes both back. Return the attempt's number.

    One `UPDATE ... RETURNING`, committed at once: concurrent attempts each get their own number, so however
    many arrive together, exactly `LOGIN_FAILURE_LIMIT` passwords are checked before the lock (attempts
    after it find the account locked). An expired lock starts the count again. Raises `AccountLocked`.
    """
    config = current_app.config
    now = utcnow()
    users = User.__table__
    attempt = sa.case((users.c.locked_until.is_not(None), 1), else_=users.c.failed_logins + 1)
    lock_until = now + dt.timedelta(minutes=config["LOGIN_LOCKOUT_MINUTES"])
    statement = (
        sa.update(users)
        .where(users.c.id == user.id, sa.or_(users.c.locked_until.is_(None), users.c.locked_until <= now))
        .values(failed_logins=attempt,
                locked_until=sa.case((attempt >= config["LOGIN_FAILURE_LIMIT"], lock_until), else_=None))
        .returning(users.c.failed_logins)
    )
    number = db.session.execute(statement).scalar()
    db.session.commit()
    if number is None:
        raise AccountLocked(config["LOGIN_LOCKOUT_MINUTES"])
    return number


def authenticate(password, username=None, email=None):
    """Return the active user these credentials name, or None; commits the attempt's bookkeeping.

    An email in place of the username names its account too, as the original's email backend allows.

    A locked account raises `AccountLocked`, even with the right password. An unknown user costs the same hashing
    time as a known one, so response times do not reveal which usernames exist.
    """
    user = find_user(username=username, email=email)
    if user is None and username and "@" in username:
        user = find_user(email=username)
    if user is None:
        passwords.spend_verification_time(password)
        return None
    attempt = _count_attempt(user)
    if not user.check_password(password):
        if attempt >= current_app.config["LOGIN_FAILURE_LIMIT"]:
            log.warning("Account %s locked after too many failed logins", user.id)
        return None
    user.failed_logins = 0
    user.locked_until = None
    user.last_login = utcnow()
    db.session.commit()
    return user if user.is_active else None
