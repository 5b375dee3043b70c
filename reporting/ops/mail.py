"""E-mail through the task queue: a request or a command only queues a message; a worker
sends it.

`manage.py db_worker` runs the queued tasks (django-tasks with its database backend, so the
queue is a table in the app's own database and every app instance and worker shares it). A send
that fails because the mail server is down or slow is queued again with a growing delay, so a
message stays in the database until it goes out or, after 18 hours of trying, is left there as a
failed task for an administrator to see in the admin. Every e-mail of the app goes this way:
nothing a person does waits for the mail server, or fails with it.
"""

import logging
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.core.mail import EmailMultiAlternatives
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks import task

from plans.accounts.preferences import local_time, time_zones_of

logger = logging.getLogger(__name__)

FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=1)
# 1, 2, 4 ... 32 minutes, then hourly: the 24th and last attempt comes 18 hours after the first.
MAX_ATTEMPTS = 24


def retry_delay(attempt: int) -> timedelta:
    """How long to wait after failed attempt number `attempt` (1 for the first send)."""
    return min(FIRST_RETRY * 2 ** (attempt - 1), LONGEST_WAIT)


def queue_email(*, subject: str, body: str, recipients: list[str], html: str = "") -> None:
    """Queue one message, plain text with an HTML alternative if `html` is given; call it on
    commit, so that it leaves only if the change did."""
    send_email.enqueue(subject=subject, body=body, recipients=recipients, html=html)


def by_time_zone(users: QuerySet[User], moment: datetime | None) -> dict[str, list[str]]:
    """The active recipients' addresses, by how `moment` reads in their time zone: an e-mail
    gives each reader its times in their own zone, the zone named ("UTC-05 (Lima)"), so a
    message goes to each group."""
    people = dict(users.filter(is_active=True).exclude(email="").values_list("pk", "email"))
    zones = time_zones_of(people)
    groups: dict[str, set[str]] = {}
    for user_id, email in people.items():
        when = local_time(moment, zones[user_id]) if moment is not None else ""
        groups.setdefault(when, set()).add(email)
    return {when: sorted(emails) for when, emails in sorted(groups.items())}


@task()
def send_email(
    *, subject: str, body: str, recipients: list[str], html: str = "", attempt: int = 1
) -> int:
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=None, to=recipients)
    if html:
        message.attach_alternative(html, "text/html")
    try:
        return message.send()
    except OSError as error:  # refused, timed out, or an SMTP error (smtplib's are OSErrors)
        if attempt >= MAX_ATTEMPTS or not send_email.get_backend().supports_defer:
            raise
        when = timezone.now() + retry_delay(attempt)
        send_email.using(run_after=when).enqueue(
            subject=subject, body=body, recipients=recipients, html=html, attempt=attempt + 1
        )
        logger.warning(
            "E-mail %r not sent (%s); attempt %d queued for %s",
            subject,
            error,
            attempt + 1,
            when.isoformat(timespec="seconds"),
        )
        # This attempt is recorded as failed, with its traceback; the next one waits in the queue.
        raise
