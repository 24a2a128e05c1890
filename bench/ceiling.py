"""The framework's ceiling: a one-line Flask JSON endpoint, served with the same gunicorn settings.

`gunicorn --workers 2 bench.ceiling:app` beside `gunicorn --workers 2 wsgi:app` shows how much of a
request's time is ours and how much is Flask's and gunicorn's.
"""

from flask import Flask

app = Flask(__name__)


@app.get("/ping/")
def ping():
    return {"ping": "pong"}
