"""Indexes for 100 times the demo (`manage.py generate_scale_data --factor 100`).

The documents due for review: an index of the editions in force by their review date. The page
of documents due for review read every edition in force (4,700) to find the 900 due: 46 ms, then
3 ms through the index.

PostgreSQL: the intranet's search finds process cards through a GIN index, as it finds documents
(migrations 0004, 0013, 0014).

With 100 times the demo (`manage.py generate_scale_data --factor 100`: 1,600 process cards) the
search's query for the processes ran to_tsvector over every card's words: 249 ms for "audyt".
Through the index: a few ms. Kept without statistics, for the reason 0014 gives (a word most
cards hold would make the planner read the whole table again).
"""

from django.db import migrations, models

INDEXES = {"qms_process_search_idx": ("qms_process", "search_text")}


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
    dependencies = [("qms", "0020_management_review")]

    operations = [
        migrations.AddIndex(
            model_name="documentversion",
            index=models.Index(
                condition=models.Q(("status", "in_force")),
                fields=["next_review_on"],
                name="qms_documentversion_review_idx",
            ),
        ),
        migrations.RunPython(indexes(True, INDEXES), indexes(False, INDEXES)),
    ]
