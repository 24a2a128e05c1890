"""A wger server of another generation, replayed: a tiny WSGI app serving recorded rows over real HTTP.

`tests/upstreams/*.json` hold what such a server answers (its API root and the rows of each list);
`ReplayedUpstream` paginates them as any wger server does (`limit`, `offset`, `next` links), answers 404
for anything else, and serves the media files a test hands it. The recording's origin is replaced by
the replay's own address in every answer, so links and file URLs lead back to it.
"""

import json
from pathlib import Path

from servers import ThreadedServer
from werkzeug.wrappers import Request, Response

RECORDINGS = Path(__file__).resolve().parent / "upstreams"


def recording(name):
    return json.loads((RECORDINGS / f"{name}.json").read_text(encoding="utf-8"))


class ReplayedUpstream:
    """Serve `recorded` (a recording's dict) and `files` ({path: bytes}) on 127.0.0.1 in a thread."""

    def __init__(self, recorded, files=None):
        self.recorded, self.files = recorded, files or {}
        self.served = ThreadedServer(self.wsgi_app)
        self.url = self.served.url

    def stop(self):
        self.served.stop()

    def _json(self, body, status=200):
        text = json.dumps(body, ensure_ascii=False).replace(self.recorded["origin"], self.url)
        return Response(text, status=status, mimetype="application/json")

    def _page(self, request, rows):
        limit = int(request.args.get("limit", 20))
        offset = int(request.args.get("offset", 0))
        base = f"{self.url}{request.path}?limit={limit}"
        return {
            "count": len(rows),
            "next": f"{base}&offset={offset + limit}" if offset + limit < len(rows) else None,
            "previous": f"{base}&offset={max(offset - limit, 0)}" if offset else None,
            "results": rows[offset:offset + limit],
        }

    @Request.application
    def wsgi_app(self, request):
        if request.path in self.files:
            return Response(self.files[request.path], mimetype="application/octet-stream")
        if request.path == "/api/v2/":
            return self._json(self.recorded["root"])
        name = request.path.removeprefix("/api/v2/").strip("/")
        if request.path.startswith("/api/v2/") and name in self.recorded["lists"]:
            return self._json(self._page(request, self.recorded["lists"][name]))
        return self._json({"detail": "Not found."}, status=404)
