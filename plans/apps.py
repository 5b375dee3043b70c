from django.apps import AppConfig
from django.db.models.signals import pre_save


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Strategic plans and economies"

    def ready(self) -> None:
        from django.contrib.auth.models import User
        from django.contrib.auth.signals import user_logged_in
        from django.core import checks

        from plans.accounts.sessions import session_record
        from plans.accounts.tokens import revoke_access_on_new_password
        from plans.accounts.twofactor.checks import two_factors_in_production
        from plans.accounts.twofactor.services import demand_record

        pre_save.connect(
            revoke_access_on_new_password,
            sender=User,
            dispatch_uid="revoke-api-tokens-on-new-password",
        )
        user_logged_in.connect(session_record, dispatch_uid="record-signed-in-session")
        user_logged_in.connect(demand_record, dispatch_uid="record-second-factor-demand")
        checks.register(two_factors_in_production, checks.Tags.security, deploy=True)
