from django.apps import AppConfig
from django.db.backends.signals import connection_created


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = "Reporting"

    def ready(self) -> None:
        from reporting.ops.sqlite import use_variable_limit

        connection_created.connect(use_variable_limit, dispatch_uid="sqlite-variable-limit")
