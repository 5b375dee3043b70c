"""ApiToken and UserPreferences move from the reporting app to this one (plans.accounts).

Only Django's idea of the models moves: the tables keep their names (`db_table`) and their
rows, so tokens keep signing in and preferences keep applying. The reporting app forgets the
models in its migration 0019_accounts_moved_to_plans, which runs after this one.

Their content types follow them (renamed, not created anew), so that the permissions granted
on them and the admin's log of changes to them stay attached.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ["apitoken", "userpreferences"]


def move_content_types(apps, schema_editor, source="reporting", target="plans"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MOVED:
        # A database whose content types were made after the move (post_migrate) has the
        # target's already; the source's then has nothing that needs keeping.
        if not content_types.filter(app_label=target, model=model).exists():
            content_types.filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="plans", target="reporting")


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0006_plan_data_versions"),
        # The tables: reporting_apitoken (0008) and reporting_userpreferences (0009).
        ("reporting", "0009_reminders_evidence"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ApiToken",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("prefix", models.CharField(max_length=8)),
                        ("digest", models.CharField(max_length=64, unique=True)),
                        ("created", models.DateTimeField()),
                        ("expires", models.DateTimeField()),
                        ("last_used", models.DateTimeField(blank=True, null=True)),
                        ("user", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="api_token", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "API token",
                        "db_table": "reporting_apitoken",
                    },
                ),
                migrations.CreateModel(
                    name="UserPreferences",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("time_zone", models.CharField(default="UTC", max_length=64)),
                        ("user", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="preferences", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name_plural": "user preferences",
                        "db_table": "reporting_userpreferences",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
