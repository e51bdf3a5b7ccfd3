"""Each signed order keeps the state it found in its pairs and groups (OrderEffect), so that a
cancellation puts exactly that back. The orders signed so far get theirs, and the stored
«завершена» becomes what it now is: «действует» up to the end date an ending order named (or
the day a curator closed it), read as «завершена» after it."""

import datetime

from django.db import migrations, models
from django.utils import timezone

PREPARATION = {"draft", "awaiting_consents", "awaiting_order"}


def _iso(day):
    return day.isoformat()


def _clamp(day, assignment):
    return min(max(day, assignment.starts_on), assignment.ends_on)


def forward(apps, schema_editor):
    Document = apps.get_model("documents", "Document")
    OrderEffect = apps.get_model("documents", "OrderEffect")
    Assignment = apps.get_model("mentoring", "Assignment")
    AssignmentMentee = apps.get_model("mentoring", "AssignmentMentee")
    through = Document.assignments.through
    orders = Document.objects.filter(
        kind__in=["assignment", "ending"],
        status__in=["signed", "cancelled"],
        number__isnull=False,
    ).order_by("signed_on", "number_year", "number", "pk")
    for order in orders:
        ids = through.objects.filter(document_id=order.pk).values_list("assignment_id", flat=True)
        for a in Assignment.objects.filter(pk__in=list(ids)).order_by("pk"):
            if order.kind == "assignment":
                if a.status in PREPARATION:
                    continue  # an order entered on paper that did not act on it
                before = {"status": "awaiting_order", "status_reason": ""}
            else:
                if a.status not in ("active", "finished"):
                    continue
                before = {"status": "active", "status_reason": ""}
                if a.status == "finished" and order.status == "signed":
                    named = order.params.get("ends_on")
                    day = datetime.date.fromisoformat(named) if named else order.signed_on
                    before["ends_on"] = _iso(a.ends_on)
                    a.ends_on = _clamp(day, a)
                if a.status == "finished":  # a cancelled ending order leaves it as it was
                    a.status = "active"
                    a.save(update_fields=["ends_on", "status"])
            before.setdefault("starts_on", _iso(a.starts_on))
            before.setdefault("ends_on", _iso(a.ends_on))
            OrderEffect.objects.get_or_create(
                document=order, assignment=a, defaults={"before": before}
            )
    # closed by hand before only orders could close a pair: it ended on the day it was closed
    for a in Assignment.objects.filter(status="finished"):
        closed = (
            timezone.localtime(a.status_changed_at).date() if a.status_changed_at else a.ends_on
        )
        a.ends_on = _clamp(closed, a)
        a.status = "active"
        a.save(update_fields=["ends_on", "status"])
    for link in AssignmentMentee.objects.select_related("assignment"):
        in_preparation = link.assignment.status in PREPARATION
        if link.in_preparation != in_preparation:
            link.in_preparation = in_preparation
            link.save(update_fields=["in_preparation"])


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0005_awards"),
        ("mentoring", "0006_status_read_on_day"),
    ]

    operations = [
        migrations.CreateModel(
            name="OrderEffect",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("before", models.JSONField(verbose_name="до приказа")),
                (
                    "assignment",
                    models.ForeignKey(
                        on_delete=models.deletion.CASCADE,
                        related_name="order_effects",
                        to="mentoring.assignment",
                        verbose_name="пара или группа",
                    ),
                ),
                (
                    "document",
                    models.ForeignKey(
                        on_delete=models.deletion.CASCADE,
                        related_name="effects",
                        to="documents.document",
                        verbose_name="приказ",
                    ),
                ),
            ],
            options={
                "verbose_name": "действие приказа",
                "verbose_name_plural": "действия приказов",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("document", "assignment"), name="order_effect_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
