"""A launch, from the platform's login request to the framed session it opens.

``views`` answers the platform (OIDC login, launch, the tool's JWKS); ``validation`` checks
the id_token, one named check after another; ``state`` keeps the login's state and nonce;
``sessions`` records the launch (user, course, link, roles) and opens the framed session;
``cookies`` sets the cookies a framed browser may keep; ``platform_keys`` fetches and keeps
platforms' public keys; ``toolconf`` shows the registrations to PyLTI1p3.
"""
