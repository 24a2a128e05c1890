"""Password hashing: argon2 for every new hash; Django's PBKDF2 hashes still verify, so imported accounts
can log in and get an argon2 hash on their next login.
"""

import base64
import hashlib
import hmac

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
DJANGO_PBKDF2 = "pbkdf2_sha256"


def make_hash(raw_password):
    return _hasher.hash(raw_password)


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
    try:
        _hasher.verify(encoded, raw_password)
    except (VerificationError, InvalidHashError):
        return False, False
    return True, _hasher.check_needs_rehash(encoded)


_DUMMY_HASH = make_hash("a password nobody has")


def spend_verification_time(raw_password):
    """Verify against a dummy hash, so a login for an unknown user takes as long as for a known one."""
    verify(_DUMMY_HASH, raw_password)
