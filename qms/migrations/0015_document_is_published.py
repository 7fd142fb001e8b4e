"""Document.is_published: whether staff see the document (an edition in force, or one approved to
come into force), kept by the services with the search's words; set here for existing documents."""

from django.db import migrations, models
from django.db.models import Exists, OuterRef

STAFF_SEE = ["in_force", "scheduled"]  # VersionStatus.IN_FORCE, VersionStatus.SCHEDULED


def mark_published(apps, schema_editor):
    Document = apps.get_model("qms", "Document")
    DocumentVersion = apps.get_model("qms", "DocumentVersion")
    Document.objects.filter(
        Exists(DocumentVersion.objects.filter(document=OuterRef("pk"), status__in=STAFF_SEE))
    ).update(is_published=True)


class Migration(migrations.Migration):
    dependencies = [
        ("qms", "0014_search_indexes_without_statistics"),
    ]

    operations = [
        migrations.AddField(
            model_name="document",
            name="is_published",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="published to staff"
            ),
        ),
        migrations.RunPython(mark_published, migrations.RunPython.noop),
    ]
