"""PostgreSQL only: a pgvector column beside each passage's embedding, filled from the
embeddings already stored, for HNSW search (search.pgvector). SQLite keeps the bytes alone."""

import numpy as np
from django.db import migrations


def add_vector_column(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from aiplus.search import pgvector

    schema_editor.execute("ALTER TABLE search_passage ADD COLUMN IF NOT EXISTS vector vector")
    Passage = apps.get_model("search", "Passage")
    rows = Passage.objects.filter(embedding__isnull=False).values_list("pk", "embedding")
    batch = []
    for pk, blob in rows.iterator(chunk_size=2000):
        batch.append((pk, np.frombuffer(bytes(blob), dtype=np.float32)))
        if len(batch) == 2000:
            pgvector.store(batch)
            batch = []
    pgvector.store(batch)


def drop_vector_column(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_passage DROP COLUMN IF EXISTS vector")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial"), ("core", "0001_vector_extension")]

    operations = [migrations.RunPython(add_vector_column, drop_vector_column)]
