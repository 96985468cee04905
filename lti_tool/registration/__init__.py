"""Platforms and the tool getting to know each other: registrations and deployments.

``configuration`` is what a platform is told about the tool (``/lti/config.json``, the
Dynamic Registration payload); ``dynamic`` runs Dynamic Registration and ``views`` serves its
page and the configuration; ``platforms`` records a platform with its deployment (by hand, by
command or dynamically); ``platform_cache`` keeps registrations and deployments per process;
``score_reporting`` is each registration's choice of how progress reaches its gradebook;
``framing`` lets a registering platform frame its registration page.
"""
