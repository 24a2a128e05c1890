"""Which `Host` headers the server answers, and the one address it gives in emails.

Absolute links in responses (pagination, image URLs, the browsable page) are built from the request's
host, so a request for a host that is not in `ALLOWED_HOSTS` is refused with 400 before any view runs:
a forged `Host: evil.example` can never put its name into a link. Emails are not answers to the person
who reads them, so their links always use `SITE_URL`, whatever host the request named.
"""

import re

from flask import current_app, request, url_for
from flask_smorest import abort

LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")
_HOST_AND_PORT = re.compile(r"(?P<name>\[[0-9a-f:.]+\]|[^:\[\]]+)(?::\d{1,5})?", re.IGNORECASE)


def parse_allowed_hosts(setting):
    """The comma-separated `ALLOWED_HOSTS` as a tuple of lowercase names (ports are never part of them)."""
    return tuple(name.strip().lower() for name in setting.split(",") if name.strip())


def host_is_allowed(host, allowed):
    """Whether `host` (`name[:port]`) is allowed: its name equals an entry, or ends with an entry that starts
    with a dot (`.example.org` allows every subdomain), or the entry is `*` (every name)."""
    match = _HOST_AND_PORT.fullmatch(host or "")
    if match is None:
        return False
    name = match["name"].lower().rstrip(".")
    return any(entry == "*" or name == entry or (entry.startswith(".") and name.endswith(entry))
               for entry in allowed)


def refuse_unknown_host():
    """Answer 400 to a request whose `Host` header names a host the server does not serve."""
    if not host_is_allowed(request.environ.get("HTTP_HOST") or request.host, current_app.config["ALLOWED_HOSTS"]):
        abort(400, message="Invalid Host header: this server does not serve that host (see ALLOWED_HOSTS).")


def site_url_for(endpoint, **values):
    """The absolute URL of `endpoint` on `SITE_URL`, for links that leave the request (emails)."""
    return current_app.config["SITE_URL"].rstrip("/") + url_for(endpoint, **values)
