"""Cross-origin access to the API: any site's scripts may call it, as the original allows.

Every answer under the API prefix says any origin may read it (`*`, which browsers never combine with
cookies, so another site's script cannot act with a visitor's login session) and that scripts may see
`X-Request-ID`. A preflight (`OPTIONS` with `Access-Control-Request-Method`) is also told the methods the
API has and that the headers it asks for (`Authorization`, `Content-Type`...) may be sent.

Those fixed headers are all the API needs of flask-cors, whose per-request matching of resources and
origins cost more than serving a cached answer.
"""

from flask import request

API_PATHS = "/api/"
ALWAYS = {"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "X-Request-ID"}
METHODS = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"


def allow_cross_origin(response):
    if not request.path.startswith(API_PATHS):
        return response
    headers = response.headers
    headers.update(ALWAYS)
    if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
        headers["Access-Control-Allow-Methods"] = METHODS
        asked = request.headers.get("Access-Control-Request-Headers")
        if asked:
            headers["Access-Control-Allow-Headers"] = asked
    return response
