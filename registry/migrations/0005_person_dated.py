"""Dates bound a person's time in the school; class and experience move on with time.

The old values were typed as of the row's last change: a class «7А» then becomes the cohort
that was in the 1st class six academic years before, «Стаж 5,5» the day 5.5 years before, and
a card marked as no longer in the organization gets that day as its last day there."""

import calendar
import datetime
from decimal import ROUND_CEILING, Decimal

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

CLASS_RE = r"(1[01]|[1-9])\s*([А-ЯЁа-яё]?)"


def _academic_year_start(day):
    return day.year if day.month >= 8 else day.year - 1


def _convert(row, day):
    import re

    match = re.fullmatch(CLASS_RE, " ".join((row.school_class or "").split()))
    if match:
        row.class_cohort = _academic_year_start(day) - int(match.group(1)) + 1
        row.class_letter = match.group(2).upper()
    if row.experience_years is not None:
        months = int((row.experience_years * 12).to_integral_value(ROUND_CEILING))
        index = day.year * 12 + day.month - 1 - months
        year, month = divmod(index, 12)
        last = calendar.monthrange(year, month + 1)[1]
        row.experience_since = datetime.date(year, month + 1, min(day.day, last))
    if not row.is_active and row.left_on is None:
        row.left_on = day
        row.left_reason = "не указана (отмечено до учёта дат выбытия)"


def forward(apps, schema_editor):
    Person = apps.get_model("registry", "Person")
    for person in Person.objects.all().iterator():
        _convert(person, timezone.localtime(person.updated_at).date())
        person.save(
            update_fields=[
                "class_cohort",
                "class_letter",
                "experience_since",
                "left_on",
                "left_reason",
            ]
        )
    HistoricalPerson = apps.get_model("registry", "HistoricalPerson")
    for row in HistoricalPerson.objects.all().iterator():
        _convert(row, timezone.localtime(row.history_date).date())
        row.save(
            update_fields=[
                "class_cohort",
                "class_letter",
                "experience_since",
                "left_on",
                "left_reason",
            ]
        )


def backward(apps, schema_editor):
    today = timezone.localdate()
    for name in ("Person", "HistoricalPerson"):
        for row in apps.get_model("registry", name).objects.all().iterator():
            if row.class_cohort is not None:
                grade = _academic_year_start(today) - row.class_cohort + 1
                row.school_class = f"{grade}{row.class_letter}" if 1 <= grade <= 11 else ""
            if row.experience_since is not None:
                since = row.experience_since
                months = (today.year - since.year) * 12 + today.month - since.month
                years = Decimal(max(months, 0)) / 12
                row.experience_years = min(years, Decimal(70)).quantize(Decimal("0.1"))
            row.is_active = row.left_on is None or row.left_on >= today
            row.save(update_fields=["school_class", "experience_years", "is_active"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_job"),
        ("registry", "0004_deletion_act"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalperson",
            name="class_cohort",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="учебный год 1 класса"
            ),
        ),
        migrations.AddField(
            model_name="historicalperson",
            name="class_letter",
            field=models.CharField(
                blank=True, max_length=2, verbose_name="буква класса"
            ),
        ),
        migrations.AddField(
            model_name="historicalperson",
            name="experience_since",
            field=models.DateField(
                blank=True, null=True, verbose_name="педагогический стаж исчисляется с"
            ),
        ),
        migrations.AddField(
            model_name="historicalperson",
            name="joined_on",
            field=models.DateField(
                blank=True,
                help_text="Не заполнена у новой карточки — с дня внесения в портал.",
                null=True,
                verbose_name="дата приёма (зачисления)",
            ),
        ),
        migrations.AddField(
            model_name="historicalperson",
            name="left_on",
            field=models.DateField(
                blank=True,
                help_text="Последний день в организации; карточка остаётся для пар и документов.",
                null=True,
                verbose_name="дата выбытия",
            ),
        ),
        migrations.AddField(
            model_name="historicalperson",
            name="left_reason",
            field=models.CharField(blank=True, max_length=255, verbose_name="причина выбытия"),
        ),
        migrations.AddField(
            model_name="person",
            name="class_cohort",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="учебный год 1 класса"
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="class_letter",
            field=models.CharField(
                blank=True, max_length=2, verbose_name="буква класса"
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="experience_since",
            field=models.DateField(
                blank=True, null=True, verbose_name="педагогический стаж исчисляется с"
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="joined_on",
            field=models.DateField(
                blank=True,
                help_text="Не заполнена у новой карточки — с дня внесения в портал.",
                null=True,
                verbose_name="дата приёма (зачисления)",
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="left_on",
            field=models.DateField(
                blank=True,
                help_text="Последний день в организации; карточка остаётся для пар и документов.",
                null=True,
                verbose_name="дата выбытия",
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="left_reason",
            field=models.CharField(blank=True, max_length=255, verbose_name="причина выбытия"),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("joined_on__isnull", True),
                    ("left_on__isnull", True),
                    ("left_on__gte", models.F("joined_on")),
                    _connector="OR",
                ),
                name="person_left_after_joined",
                violation_error_message="Дата выбытия раньше даты приёма.",
            ),
        ),
        migrations.RunPython(forward, backward),
        migrations.RemoveField(
            model_name="historicalperson",
            name="experience_years",
        ),
        migrations.RemoveField(
            model_name="historicalperson",
            name="is_active",
        ),
        migrations.RemoveField(
            model_name="historicalperson",
            name="school_class",
        ),
        migrations.RemoveField(
            model_name="person",
            name="experience_years",
        ),
        migrations.RemoveField(
            model_name="person",
            name="is_active",
        ),
        migrations.RemoveField(
            model_name="person",
            name="school_class",
        ),
    ]
