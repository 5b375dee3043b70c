"""ApiToken and UserPreferences now belong to the plans app (plans.accounts): this app forgets
them. Their tables and rows stay where they are; the plans app's migration
0007_accounts_models, which this one follows, took them over."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0018_pending_uploads"),
        ("plans", "0007_accounts_models"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ApiToken"),
                migrations.DeleteModel(name="UserPreferences"),
            ],
            database_operations=[],
        ),
    ]
