"""Rate limits per client address for the endpoints that take passwords (decision 14).

The rate comes from a setting, read per request so tests and deployments can change it. The client
address is `request.remote_addr`, which `X-Forwarded-For` sets only through the `NUM_PROXIES` trusted
proxies `create_app` installs `ProxyFix` for.
"""

import math
import time

from flask import current_app

from wger.extensions import limiter


def _throttled_message():
    window = limiter.current_limit
    seconds = max(1, math.ceil(window.reset_at - time.time())) if window else 60
    return f"Request was throttled. Expected available in {seconds} seconds."


def throttle(setting):
    """Limit the POSTs of a view to the rate named by `setting`, per client address and view."""
    return limiter.limit(lambda: current_app.config[setting], error_message=_throttled_message, methods=["POST"])
