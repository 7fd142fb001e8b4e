"""Full-text search for the register of documents on PostgreSQL.

A text search configuration that folds Polish diacritics ("jakości" -> "jakosci") with unaccent,
and a GIN index over the documents' search text with it. SQLite has neither and needs neither:
qms.search falls back to a folded substring match there.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS qms_unaccent",
    "CREATE TEXT SEARCH CONFIGURATION qms_unaccent (COPY = simple)",
    "ALTER TEXT SEARCH CONFIGURATION qms_unaccent "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple",
    "CREATE INDEX qms_document_search_idx ON qms_document "
    "USING gin (to_tsvector('qms_unaccent'::regconfig, search_text))",
]
BACKWARD = [
    "DROP INDEX IF EXISTS qms_document_search_idx",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS qms_unaccent",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("qms", "0003_processes_and_documents")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
