"""PostgreSQL: the register's search always goes through its GIN indexes.

ANALYZE keeps statistics on an expression index's expression, and a word that most documents
hold ("jakości") makes the planner prefer reading the whole table: it counts the index's recheck
as if to_tsvector ran on each row found, so both ways look alike, and reading the table wins.
But the GIN index needs no recheck, while the table's reading runs to_tsvector over every
document's words, a file's text among them: 35 s for 10,000 documents of a few pages each
(`manage.py benchmark_search`). Without statistics on these two expressions the planner takes a
match to be selective and uses the index: 5 ms for the same query. ANALYZE also no longer runs
to_tsvector over its sample of documents.

The indexes are built again: the statistics ANALYZE has already gathered go only with the index.
"""

from django.db import migrations

INDEXES = {
    "qms_document_search_idx": "search_text",
    "qms_document_search_title_idx": "search_title",
}


def rebuild(statistics):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, column in INDEXES.items():
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
            schema_editor.execute(
                f"CREATE INDEX {name} ON qms_document "
                f"USING gin (to_tsvector('qms_unaccent'::regconfig, {column}))"
            )
            if statistics is not None:
                schema_editor.execute(
                    f"ALTER INDEX {name} ALTER COLUMN 1 SET STATISTICS {statistics}"
                )

    return apply


class Migration(migrations.Migration):
    dependencies = [("qms", "0013_search_words_and_edition_text")]

    operations = [migrations.RunPython(rebuild(0), rebuild(None))]
