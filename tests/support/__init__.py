"""Helpers the tests share, as ordinary modules.

Fixtures live in ``conftest.py`` files and only there; everything else a test imports (set-up
functions, constants, drivers for the OIDC flow, a browser or a second process) lives in a
module here or in ``tests/factories.py``, so no test imports a conftest file or another test
module. Product code never imports ``tests`` (``tests/test_layout.py`` checks it).
"""
