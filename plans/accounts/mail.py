"""How the accounts' e-mails (a password reset link) leave: through the project's mail queue.

The queue (reporting/ops/mail.py: a task that a worker runs, retried while the mail server is
down) belongs to the reporting app, a layer above this one, which nothing here may import. So
the dependency points down: the reporting app registers its `queue_email` when it is ready
(`reporting.apps`), and the accounts call it through `queue_mail`. No e-mail of an account is
ever sent in the request.
"""

from __future__ import annotations

from typing import Protocol

from django.core.exceptions import ImproperlyConfigured


class MailQueue(Protocol):
    def __call__(
        self, *, subject: str, body: str, recipients: list[str], html: str = ""
    ) -> None: ...


_queue: MailQueue | None = None


def register_mail_queue(queue: MailQueue) -> None:
    global _queue  # set once, as the apps start
    _queue = queue


def queue_mail(*, subject: str, body: str, recipients: list[str], html: str = "") -> None:
    if _queue is None:
        raise ImproperlyConfigured(
            "No mail queue is registered: the reporting app registers one when it is ready "
            "(reporting.apps)."
        )
    _queue(subject=subject, body=body, recipients=recipients, html=html)
