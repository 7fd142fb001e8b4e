"""PostgreSQL: the search's GIN indexes are built on qms_words(text), a function that gives
to_tsvector('qms_unaccent', text) and tells the planner what it costs.

to_tsvector through the unaccent dictionary takes about 0.1 ms a row, while the planner prices it
as a cheap function. Where a query also orders and limits its rows, it then preferred reading the
whole table and running to_tsvector on every row over the GIN index. With 100 times the demo
(`generate_scale_data --factor 100`), searching "audyt": the findings read every one of 2,700
rows, 300 ms (Seq Scan, Filter: to_tsvector(...) @@ 'audyt'); with qms_words priced at COST 5000,
14 ms (Bitmap Index Scan on the finding's index). The statistics stay off (0014 says why).

qms_words is written in PL/pgSQL so that it is never inlined (an inlined function would lose its
price), and keeps the search_path it is created with: the name of the text search configuration
resolves the same when a dump is restored. audits' migration 0010 moves its indexes to it.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION qms_words(text) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE COST 5000
SET search_path FROM CURRENT
AS $$ BEGIN RETURN to_tsvector('qms_unaccent'::regconfig, $1); END $$
"""
INDEXES = {
    "qms_document_search_idx": ("qms_document", "search_text"),
    "qms_document_search_title_idx": ("qms_document", "search_title"),
    "qms_process_search_idx": ("qms_process", "search_text"),
}


def rebuild(indexes, words):
    """Build `indexes` again on `words`, an SQL expression of the column ({column})."""

    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, (table, column) in indexes.items():
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
            expression = words.format(column=column)
            schema_editor.execute(f"CREATE INDEX {name} ON {table} USING gin ({expression})")
            schema_editor.execute(f"ALTER INDEX {name} ALTER COLUMN 1 SET STATISTICS 0")

    return apply


def create_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION)


def drop_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS qms_words(text)")


OLD = "to_tsvector('qms_unaccent'::regconfig, {column})"
NEW = "qms_words({column})"


class Migration(migrations.Migration):
    dependencies = [("qms", "0022_directory")]

    operations = [
        migrations.RunPython(create_function, drop_function),
        migrations.RunPython(rebuild(INDEXES, NEW), rebuild(INDEXES, OLD)),
    ]
