"""PostgreSQL: the audits' search indexes on qms_words (see qms migration 0025: the planner read
every finding through to_tsvector, 300 ms for "audyt" at 100 times the demo; 14 ms through the
index once the function says what it costs)."""

from django.db import migrations

INDEXES = {
    "audits_audit_search_idx": ("audits_audit", "search_text"),
    "audits_finding_search_idx": ("audits_finding", "search_text"),
    "audits_correctiveaction_search_idx": ("audits_correctiveaction", "search_text"),
}


def rebuild(words):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, (table, column) in INDEXES.items():
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
            expression = words.format(column=column)
            schema_editor.execute(f"CREATE INDEX {name} ON {table} USING gin ({expression})")
            schema_editor.execute(f"ALTER INDEX {name} ALTER COLUMN 1 SET STATISTICS 0")

    return apply


class Migration(migrations.Migration):
    dependencies = [("audits", "0008_scale_indexes"), ("qms", "0025_search_words_function")]

    operations = [
        migrations.RunPython(
            rebuild("qms_words({column})"),
            rebuild("to_tsvector('qms_unaccent'::regconfig, {column})"),
        )
    ]
