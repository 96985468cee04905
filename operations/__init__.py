"""Site operations: the resilient task worker, its heartbeat, health checks and error pages."""
