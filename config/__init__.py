"""Project wiring: settings, URLs and the WSGI/ASGI entry points."""
