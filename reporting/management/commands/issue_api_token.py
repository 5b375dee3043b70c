"""Issue an API token for an account and print it once, as the profile page does."""

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError

from plans.accounts.services import token_issue


class Command(BaseCommand):
    help = "Issue a new API token for the account (its old token stops working) and print it."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account named “{username}”.")
        issued = token_issue(user=user)
        self.stdout.write(
            f"Generated token {issued.key} for {username}, valid until "
            f"{issued.token.expires:%Y-%m-%d}."
        )
