from django.apps import AppConfig
from django.db.backends.signals import connection_created


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = "Reporting"

    def ready(self) -> None:
        from plans.accounts.mail import register_mail_queue
        from plans.catalogue.data_version import register_data_change_listener
        from plans.meetings.adoptions import register_adopters_provider
        from plans.projects.initiatives import register_initiatives_provider

        # The documents the task worker makes files of (reporting.annual.document and
        # reporting.reviews.document) register their kinds with the documents feature on import.
        from reporting.annual import document as _annual_document  # noqa: F401
        from reporting.documents.tasks import queue_draft_files
        from reporting.ops.mail import queue_email
        from reporting.ops.public_cache import register_public_change_listener
        from reporting.ops.sqlite import use_variable_limit
        from reporting.public.files import catalogue_changed, queue_public_data
        from reporting.reports.access import initiatives_naming_project
        from reporting.reports.adoptions import meeting_practices_adopted_by
        from reporting.reviews import document as _review_document  # noqa: F401

        connection_created.connect(use_variable_limit, dispatch_uid="sqlite-variable-limit")
        # A project's page lists the initiatives naming it; the projects feature, a layer
        # below the reports, asks this provider for them (plans/projects/initiatives.py).
        register_initiatives_provider(initiatives_naming_project)
        # So does a meeting's page for who adopted the best practices shared at it
        # (plans/meetings/adoptions.py).
        register_adopters_provider(meeting_practices_adopted_by)
        # The accounts' e-mails (a password reset link) go through the same queue as every
        # other e-mail; the accounts are the lowest layer and ask for it (plans/accounts/mail.py).
        register_mail_queue(queue_email)
        # A change to a plan's data (a report accepted, returned, reopened ...) queues the files
        # of the plan's draft documents, so that a download finds them made; the data version
        # is kept in the catalogue, which nothing above it may import (data_version.py).
        register_data_change_listener(queue_draft_files)
        # The public data files are made by the task worker after each act that changes the
        # public site, and after each change of the catalogue, whose texts they show.
        register_public_change_listener(queue_public_data)
        register_data_change_listener(catalogue_changed)
