"""gunicorn settings shared by ``make run`` (supervisord), the Procfile and ``bench.cohort``.

Threads rather than processes: a framed page spends most of its time waiting on the database,
and a cohort arriving at once needs many requests in flight without many copies of the app in
memory. The listen backlog is large so that a burst of launches waits in the queue instead of
being reset (the development server's backlog is 10). Each value can be set from the
environment; the command line (``--bind``) overrides this file.
"""

import os

bind = f"{os.environ.get('WEB_HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
worker_class = "gthread"
workers = int(os.environ.get("WEB_WORKERS", "2"))
threads = int(os.environ.get("WEB_THREADS", "8"))
backlog = int(os.environ.get("WEB_BACKLOG", "2048"))
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# The workers' heartbeat files on tmpfs: a slow disk can make gunicorn think a worker hung.
SHARED_MEMORY = "/dev/shm"  # noqa: S108 - gunicorn's own heartbeat files, not our data
worker_tmp_dir = SHARED_MEMORY if os.path.isdir(SHARED_MEMORY) else None
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
