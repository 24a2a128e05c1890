"""Password hashing: argon2 for every new hash; Django's PBKDF2 hashes still verify, so imported accounts
can log in and get an argon2 hash on their next login.

The argon2 cost is a setting read when hashing (`PASSWORD_HASH_TIME_COST`, `PASSWORD_HASH_MEMORY_COST` in
KiB, `PASSWORD_HASH_PARALLELISM`): a hash made with other parameters still verifies and is replaced at the
account's next login, so raising the cost upgrades accounts as they come.
"""

import base64
import hashlib
import hmac
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

DJANGO_PBKDF2 = "pbkdf2_sha256"


@cache
def _hasher_with(time_cost, memory_cost, parallelism):
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)


def _hasher():
    """The argon2 hasher of the app's settings (one per set of parameters)."""
    config = current_app.config
    return _hasher_with(config["PASSWORD_HASH_TIME_COST"], config["PASSWORD_HASH_MEMORY_COST"],
                        config["PASSWORD_HASH_PARALLELISM"])


def make_hash(raw_password):
    return _hasher().hash(raw_password)


def _verify_django_pbkdf2(encoded, raw_password):
    """Check `pbkdf2_sha256$<iterations>$<salt>$<base64 hash>` in constant time."""
    try:
        _, iterations, salt, expected = encoded.split("$", 3)
        digest = hashlib.pbkdf2_hmac("sha256", raw_password.encode(), salt.encode(), int(iterations))
    except ValueError:
        return False
    return hmac.compare_digest(base64.b64encode(digest).decode("ascii"), expected)


def verify(encoded, raw_password):
    """Return (whether `raw_password` matches `encoded`, whether the hash should be replaced).

    Unknown or unusable hashes (Django's `!` ones) never match.
    """
    if encoded.startswith(DJANGO_PBKDF2 + "$"):
        return _verify_django_pbkdf2(encoded, raw_password), True
    hasher = _hasher()
    try:
        hasher.verify(encoded, raw_password)
    except (VerificationError, InvalidHashError):
        return False, False
    return True, hasher.check_needs_rehash(encoded)


@cache
def _dummy_hash(hasher):
    return hasher.hash("a password nobody has")


def spend_verification_time(raw_password):
    """Verify against a dummy hash of the current cost, so a login for an unknown user takes as long as for a
    known one."""
    verify(_dummy_hash(_hasher()), raw_password)
