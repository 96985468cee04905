"""The demo programme: original content (``content.py``) and the loader that builds pages."""
