from django.db import migrations


def enable_pgvector(apps, schema_editor):
    # PostgreSQL only: semantic search stores embeddings with pgvector.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS vector")


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [migrations.RunPython(enable_pgvector, migrations.RunPython.noop)]
