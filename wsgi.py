"""The WSGI entry point: `gunicorn wsgi:app`."""

from wger import create_app

app = create_app()
