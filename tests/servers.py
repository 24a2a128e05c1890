"""A WSGI app served on 127.0.0.1 in a thread, for tests that need a real HTTP server (the browser walk,
the sync's upstreams)."""

import threading

from werkzeug.serving import make_server


class ThreadedServer:
    """Serve `wsgi_app` on a free port of 127.0.0.1 until `stop()`; `url` is its base URL."""

    def __init__(self, wsgi_app):
        self.server = make_server("127.0.0.1", 0, wsgi_app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.thread.join()
