"""The production server's settings. `gunicorn` started in this directory reads this file:

    gunicorn            # or: gunicorn -c gunicorn.conf.py smewg.wsgi

Each value comes from the environment where a deployment may need another one.
"""

import multiprocessing
import os

wsgi_app = "smewg.wsgi:application"

# Loopback by default: the TLS proxy (nginx) on the same host is the only client. Several
# instances on other hosts bind their private address, e.g. GUNICORN_BIND=10.0.0.5:8000.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")

# Synchronous workers, one request each: the pages are CPU and database work, not long waits
# (e-mail goes to the task worker). Two per core plus one keeps every core busy while some
# workers wait on PostgreSQL, gunicorn's own rule of thumb.
#
# A sync worker reads its request itself, so a client that sends slowly (a byte a second) holds it
# until `timeout`: six such clients stall five workers, and the health check with them. So these
# workers serve only a proxy that buffers each request whole before passing it on (nginx,
# docs/deployment.md "nginx in front": proxy_request_buffering, client_header_timeout,
# client_body_timeout), and listen on loopback or a private address only the proxy reaches. The
# other worker classes were weighed: gthread hands a connection to a thread as soon as its first
# bytes arrive, and the thread then waits for the rest (more threads, the same stall); gevent and
# eventlet would not block, but need every library to cooperate (psycopg2 through psycogreen;
# WeasyPrint's and openpyxl's long CPU work never yields, stalling every request of the worker
# behind one PDF).
# tests/load/run.py --slow-clients measures both: /healthz through nginx and straight to gunicorn.
worker_class = "sync"
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))

# A worker silent for this long is killed and replaced. The slowest request is the review's PDF
# (2-3 s) or a workbook upload; 60 s leaves room on a loaded machine but frees a stuck worker.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))

# On a restart or deploy (SIGHUP, SIGTERM), requests in flight get this long to finish, so that
# a delegate's save is not cut off halfway.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))

# Each worker is replaced after about this many requests: what the PDF and spreadsheet
# libraries keep in memory cannot grow without bound. The jitter spreads the restarts, so the
# workers never all restart at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "100"))

# The proxy holds idle browser connections; between it and gunicorn a short keep-alive is enough.
keepalive = 5

# Access log on stdout, errors on stderr: the service manager (systemd's journal, a container
# runtime) collects both. Each access line carries the request id that the app's JSON log line
# for the same request carries (X-Request-ID), and the time taken in ms.
accesslog = "-"
errorlog = "-"
access_log_format = (
    '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s" request_id=%({x-request-id}o)s'
)

# The workers' heartbeat files on a memory file system: on a container's overlay disk a slow
# write can make gunicorn think a healthy worker hung.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

# X-Forwarded-For and -Proto are believed only from the proxy's address (gunicorn's default is
# 127.0.0.1; FORWARDED_ALLOW_IPS in the environment changes it). Django reads the scheme through
# SECURE_PROXY_SSL_HEADER (BEHIND_TLS_PROXY=1).
