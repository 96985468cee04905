"""A demonstration LMS course page that launches Peer Leadership Hub over real LTI 1.3.

Clearly a demo, not a product: it stands in for Moodle or Canvas so a newcomer can try the tool
as a learner or an instructor, add content by Deep Linking and watch progress arrive, all
through the same OIDC login, signed id_tokens and JWKS a real platform uses. It is built on the
project's LTI platform peer (``lti_platform``), the same one the test suite drives.
"""
