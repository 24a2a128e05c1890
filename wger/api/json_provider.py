"""The app's JSON encoder: orjson, which encodes a page of nested documents several times faster than the
standard library, with the same output where it matters to a client.

Keys keep their order (field order is the contract's), text is UTF-8 as with `ensure_ascii=False`, and what
orjson would format its own way (dates, datetimes, dataclasses) goes to Flask's `default`, as before;
decimals and UUIDs become strings there too. The output parses to the same documents as Flask's encoder
gives (`tests/test_negotiation.py`). Indented output (debug mode, `indent=`) and anything orjson refuses
(an integer beyond 64 bits) are left to Flask's encoder.
"""

import orjson
from flask.json.provider import DefaultJSONProvider

OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_NON_STR_KEYS


class JSONProvider(DefaultJSONProvider):
    sort_keys = False
    ensure_ascii = False

    def _encoded(self, obj):
        """`obj` as JSON bytes, or None where Flask's encoder must do it."""
        if self.sort_keys or self.ensure_ascii:
            return None
        try:
            return orjson.dumps(obj, default=self.default, option=OPTIONS)
        except orjson.JSONEncodeError:
            return None

    def dumps(self, obj, **kwargs):
        if set(kwargs) <= {"separators"}:
            encoded = self._encoded(obj)
            if encoded is not None:
                return encoded.decode()
        return super().dumps(obj, **kwargs)

    def response(self, *args, **kwargs):
        """A JSON response, as Flask's; compact bytes from orjson unless the output is to be indented."""
        if self.compact is False or (self.compact is None and self._app.debug):
            return super().response(*args, **kwargs)
        encoded = self._encoded(self._prepare_response_obj(args, kwargs))
        if encoded is None:
            return super().response(*args, **kwargs)
        return self._app.response_class(encoded + b"\n", mimetype=self.mimetype)
