"""Where a person lands first: `/` (the address gunicorn prints) and `/api/` lead to the API root.

Both answer `302 Found` to `/api/v2/`, for every client: a browser shows the browsable root, and a JSON
client that follows redirects (`curl -L`, requests) gets the root's JSON list of endpoints. The redirect
is temporary so that nothing caches it should the site ever serve a page of its own at `/`.
"""

from flask import Blueprint, redirect, url_for

blueprint = Blueprint("landing", __name__)


@blueprint.route("/")
@blueprint.route("/api/")
def to_api_root():
    """Send the caller to the API root."""
    return redirect(url_for("api-root.Root"), code=302)
