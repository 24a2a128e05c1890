"""Rate limits per client address for the endpoints that take passwords (decision 14).

The rate comes from a setting, read per request so tests and deployments can change it. The client
address honours `X-Forwarded-For` only as far as the `NUM_PROXIES` trusted proxies in front of us wrote
it: a client can prepend any addresses it likes, but not the ones our own proxies append.
"""

import math
import time

from flask import current_app, request

from wger.extensions import limiter


def _throttled_message():
    window = limiter.current_limit
    seconds = max(1, math.ceil(window.reset_at - time.time())) if window else 60
    return f"Request was throttled. Expected available in {seconds} seconds."


def client_address():
    """The address the nearest untrusted hop connected from: with N trusted proxies, the N-th entry of
    `X-Forwarded-For` from the right; without any, the socket's peer."""
    trusted = current_app.config["NUM_PROXIES"]
    if trusted:
        forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= trusted:
            return forwarded[-trusted]
    return request.remote_addr or "unknown"


def throttle(setting):
    """Limit the POSTs of a view to the rate named by `setting`, per client address and view."""
    return limiter.limit(
        lambda: current_app.config[setting],
        key_func=client_address,
        error_message=_throttled_message,
        methods=["POST"],
    )
