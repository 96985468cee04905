"""Open Badges: issuers, achievements, signing keys, credentials and their verification."""
