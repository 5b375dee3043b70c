from django.apps import AppConfig
from django.db.models.signals import pre_save


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Strategic plans and economies"

    def ready(self) -> None:
        from django.contrib.auth.models import User

        from plans.accounts.tokens import revoke_tokens_on_new_password

        pre_save.connect(
            revoke_tokens_on_new_password,
            sender=User,
            dispatch_uid="revoke-api-tokens-on-new-password",
        )
