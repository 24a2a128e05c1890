"""Email verification links: signed, expiring, and bound to the address they were sent to.

No table is needed: the link carries the user id and the address, signed with the secret key. A link
for an address the user has since changed verifies nothing.
"""

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from wger.database import db
from wger.hosts import site_url_for
from wger.mail import send_mail
from wger.models import User

SALT = "wger-email-verification"


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def send_verification(user):
    """Email `user` a link that marks their current address as verified; raises `MailError`."""
    token = _serializer().dumps({"user": user.id, "email": user.email})
    link = site_url_for("account-pages.confirm_email", token=token)
    send_mail(
        user.email,
        "Please verify your email address",
        f"Hello {user.username},\n\nplease open this link to verify your email address:\n\n{link}\n",
    )


def confirm(token):
    """Mark the address in `token` verified and return the user, or None for a bad or stale link."""
    max_age = current_app.config["EMAIL_VERIFICATION_MAX_AGE"].total_seconds()
    try:
        claims = _serializer().loads(token, max_age=max_age)
    except BadSignature:
        return None
    user = db.session.get(User, claims.get("user"))
    if user is None or not user.email or user.email != claims.get("email"):
        return None
    user.profile.email_verified = True
    db.session.commit()
    return user
