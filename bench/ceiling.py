"""The machine's ceiling: a one-line Flask endpoint, served by the same gunicorn setup as the API."""

from flask import Flask

app = Flask(__name__)
app.add_url_rule("/", "ping", lambda: "ok")
