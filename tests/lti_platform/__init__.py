"""Self-tests of the project's LTI platform peer, the top-level ``lti_platform`` package."""
