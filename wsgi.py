"""WSGI entry point for gunicorn: `gunicorn wsgi:app`."""
from consult import create_app

app = create_app()
