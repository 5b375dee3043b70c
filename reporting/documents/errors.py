"""The refusals the services of the annual report and the review raise alike; each feature names
its own (`AnnualReportError`, `StaleReview` ...) on these."""

from __future__ import annotations

from plans.accounts.preferences import local_time
from reporting.documents.models import FrozenContent


class DocumentError(Exception):
    """A rule refused the change; the message is for the person who tried."""


class StaleDocument(DocumentError):
    """Someone saved the document after this person opened it: their text is not saved."""

    noun = "document"

    def __init__(self, document: FrozenContent):
        self.document = document
        when = local_time(document.updated_at)
        noun = self.noun
        super().__init__(
            f"Someone saved this {noun} at {when}, after you opened it. Your text has not been "
            f"saved: it is still on this page. Copy it, open the {noun} again and make your "
            "changes there."
        )
