"""PostgreSQL: the intranet's search finds audits, findings and corrective actions through GIN
indexes, as it finds documents (qms migrations 0004, 0013, 0014) and process cards (qms 0022).

With 100 times the demo (`manage.py generate_scale_data --factor 100`: 1,400 audits, 2,700
findings, 1,300 actions) each kind's query ran to_tsvector over every row's words: 220, 244 and
91 ms for "audyt". Through the indexes: a few ms each. Kept without statistics, for the reason
qms 0014 gives.
"""

from django.db import migrations

INDEXES = {
    "audits_audit_search_idx": ("audits_audit", "search_text"),
    "audits_finding_search_idx": ("audits_finding", "search_text"),
    "audits_correctiveaction_search_idx": ("audits_correctiveaction", "search_text"),
}


def indexes(create, names):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, (table, column) in names.items():
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
            if create:
                schema_editor.execute(
                    f"CREATE INDEX {name} ON {table} "
                    f"USING gin (to_tsvector('qms_unaccent'::regconfig, {column}))"
                )
                schema_editor.execute(f"ALTER INDEX {name} ALTER COLUMN 1 SET STATISTICS 0")

    return apply


class Migration(migrations.Migration):
    dependencies = [("audits", "0007_search_text"), ("qms", "0004_document_search")]

    operations = [migrations.RunPython(indexes(True, INDEXES), indexes(False, INDEXES))]
