"""What people write in a report: the length allowed, the words kept for search, and what the
history leaves out."""

from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxLengthValidator
from django.db import models

NARRATIVE_LIMIT = 5000
NARRATIVE_VALIDATORS = [MaxLengthValidator(NARRATIVE_LIMIT)]


def search_vector_field() -> SearchVectorField:
    """The record's words for full-text search, kept by reporting.search on PostgreSQL (GIN
    indexed there); unused, and empty, on SQLite."""
    return SearchVectorField(null=True, editable=False)


# History keeps what people wrote, not the index derived from it.
NOT_IN_HISTORY = ["search_vector"]


def narrative_field(verbose_name: str, **kwargs) -> models.TextField:
    return models.TextField(verbose_name, blank=True, validators=NARRATIVE_VALIDATORS, **kwargs)
