from django.db import migrations, models
from django.utils import timezone

STATUSES = [
    ("draft", "draft"),
    ("in_review", "in review"),
    ("scheduled", "approved, not yet in force"),
    ("in_force", "in force"),
    ("superseded", "superseded"),
    ("withdrawn", "withdrawn"),
]


def schedule_future_editions(apps, schema_editor):
    """Until now an edition approved for a later date came into force at once and superseded the
    one before it. Each such edition waits as scheduled again, and the edition it superseded is
    in force again until that day; both changes go into the versions' change history."""
    Version = apps.get_model("qms", "DocumentVersion")
    History = apps.get_model("qms", "HistoricalDocumentVersion")
    now = timezone.now()
    tracked = [f.attname for f in History._meta.fields if not f.name.startswith("history_")]
    changed = []
    for version in Version.objects.filter(status="in_force", effective_on__gt=timezone.localdate()):
        previous = (
            Version.objects.filter(
                document_id=version.document_id,
                status="superseded",
                revision__lt=version.revision,
            )
            .order_by("-revision")
            .first()
        )
        # In this order: the place in force is free before the edition before takes it back.
        Version.objects.filter(pk=version.pk).update(status="scheduled", updated_at=now)
        changed.append(version.pk)
        if previous is not None:
            Version.objects.filter(pk=previous.pk).update(
                status="in_force", superseded_at=None, updated_at=now
            )
            changed.append(previous.pk)
    History.objects.bulk_create(
        History(
            history_date=now,
            history_type="~",
            history_change_reason="approved for a later date: scheduled",
            **{name: row[name] for name in tracked},
        )
        for row in Version.objects.filter(pk__in=changed).values(*tracked)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("qms", "0009_bounds_and_form_submissions"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="documentversion",
            name="qms_documentversion_status_valid",
        ),
        migrations.AlterField(
            model_name="documentversion",
            name="status",
            field=models.CharField(
                choices=STATUSES, default="draft", max_length=20, verbose_name="status"
            ),
        ),
        migrations.AlterField(
            model_name="historicaldocumentversion",
            name="status",
            field=models.CharField(
                choices=STATUSES, default="draft", max_length=20, verbose_name="status"
            ),
        ),
        migrations.AddConstraint(
            model_name="documentversion",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "scheduled")),
                fields=("document",),
                name="qms_documentversion_one_scheduled",
                violation_error_message=(
                    "Another edition of this document is already approved to come into force "
                    "later."
                ),
            ),
        ),
        migrations.AddConstraint(
            model_name="documentversion",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "status__in",
                        ["draft", "in_review", "scheduled", "in_force", "superseded", "withdrawn"],
                    )
                ),
                name="qms_documentversion_status_valid",
            ),
        ),
        # Irreversible in effect: going back, the old status check refuses scheduled editions.
        migrations.RunPython(schedule_future_editions, migrations.RunPython.noop),
    ]
