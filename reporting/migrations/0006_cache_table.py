"""The shared cache's table, so that `migrate` alone prepares a database for every instance.

`createcachetable` creates the table of each DatabaseCache in CACHES and skips one that exists;
with Redis configured (CACHE_URL) it does nothing. Switching from Redis to the database cache
later needs `manage.py createcachetable` once.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("reporting", "0005_initiative_project_code_index")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
