"""Ready-made LTI set-ups of the tool's side, shared by the benchmarks and the tests.

``bench/`` may not import ``tests/``, and the platform peer (``lti_platform``) knows nothing
of Django or of the tool it talks to, so what both need to arrange on the tool's side lives
here: a framed session as a launch leaves it (:mod:`lti_fixtures.sessions`), and a course
with a gradebook column known to the tool and to the peer (:mod:`lti_fixtures.courses`).

The product never imports this package (an import contract says so).
"""
