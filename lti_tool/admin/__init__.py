"""The LTI section of the Wagtail admin: ``viewsets`` (platforms, deployments, signing keys)
and ``views`` (setup values and one-time links, gradebook scores). ``lti_tool/wagtail_hooks.py``
registers them with Wagtail."""
