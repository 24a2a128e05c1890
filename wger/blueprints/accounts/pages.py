"""The server-rendered pages: log in and out (for the browsable API), the API key, email confirmation.

Every form carries Flask-WTF's CSRF token; a POST without a valid one is refused.
"""

from urllib.parse import urlsplit

from flask import Blueprint, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired

from wger import accounts, auth
from wger.blueprints.accounts.verification import confirm
from wger.database import db
from wger.throttle import throttle

blueprint = Blueprint("account-pages", __name__, url_prefix="/user")
ENDPOINTS = {"login": "account-pages.login", "logout": "account-pages.logout", "api_key": "account-pages.api_key"}


class LoginForm(FlaskForm):
    username = StringField("Username or email", validators=[DataRequired()])
    password = PasswordField("Password", validators=[DataRequired()])


class ActionForm(FlaskForm):
    """A form with nothing but the CSRF token, for buttons that change state (log out, new key)."""


def _safe_next(target):
    """Follow `next` only to a path on this site, never to another host."""
    parts = urlsplit(target or "")
    if target and not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("account-pages.api_key")


def _login_error(form):
    """Check the form's credentials; return an error message for the page, or None once logged in."""
    identifier = form.username.data.strip()
    field = "email" if "@" in identifier else "username"
    try:
        user = accounts.authenticate(form.password.data, **{field: identifier})
    except accounts.AccountLocked as locked:
        return str(locked)
    if user is None:
        return "Username or password unknown."
    auth.log_in_session(user)
    return None


@blueprint.route("/login", methods=["GET", "POST"])
@throttle("LOGIN_RATE_LIMIT")
def login():
    """Show the login form; a correct login starts a session and goes on to `next`."""
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        error = _login_error(form)
        if error is None:
            return redirect(_safe_next(request.args.get("next")))
    status = 400 if request.method == "POST" else 200
    return render_template("accounts/login.html", form=form, error=error), status


@blueprint.route("/logout", methods=["POST"])
def logout():
    """End the browser session."""
    if ActionForm().validate_on_submit():
        auth.log_out_session()
        return redirect(url_for("account-pages.login"))
    return render_template("accounts/message.html", message="The logout form has expired; please try again."), 403


@blueprint.route("/api-key", methods=["GET", "POST"])
def api_key():
    """Show the logged-in user's permanent API key; POST replaces it, and the old key stops working."""
    user = auth.current_user()
    if user is None:
        return redirect(url_for("account-pages.login", next=request.path))
    form = ActionForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            return render_template("accounts/message.html", message="The form has expired; please try again."), 403
        accounts.replace_permanent_key(user)
    key = accounts.permanent_key(user)
    db.session.commit()
    return render_template("accounts/api_key.html", user=user, key=key, form=form)


@blueprint.route("/confirm-email/<token>")
def confirm_email(token):
    """Mark an email address verified from the link in the verification email."""
    if confirm(token) is None:
        return render_template("accounts/message.html", message="This link is invalid or has expired."), 400
    return render_template("accounts/message.html", message="Thank you: your email address is verified.")
