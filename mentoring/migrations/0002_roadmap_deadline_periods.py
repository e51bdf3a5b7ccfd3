"""Roadmap deadlines become periods (start and end dates) and a roadmap may span several
academic years. Existing items get their period from their roadmap's academic year."""

import calendar
import datetime
import re

from django.db import migrations, models

# The month words as the import wrote them («апрель-май», «ежегодно, сентябрь»); the old rows
# kept only the last month, the text gives the first.
MONTH_STEMS = [
    ("январ", 1),
    ("феврал", 2),
    ("март", 3),
    ("апрел", 4),
    ("июн", 6),
    ("июл", 7),
    ("август", 8),
    ("сентябр", 9),
    ("октябр", 10),
    ("ноябр", 11),
    ("декабр", 12),
]


def _first_month(text):
    for word in re.findall(r"[а-яё]+", text.lower()):
        if word in ("май", "мая", "мае"):
            return 5
        for stem, month in MONTH_STEMS:
            if word.startswith(stem):
                return month
    return None


def _month_end(year, month):
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def periods_from_old_fields(apps, schema_editor):
    RoadmapItem = apps.get_model("mentoring", "RoadmapItem")
    items = list(RoadmapItem.objects.select_related("roadmap__academic_year"))
    for item in items:
        year = item.roadmap.academic_year
        if item.deadline_kind == "date":
            item.deadline_starts = item.deadline_ends = item.deadline_date
        elif item.deadline_kind == "month":
            last = item.deadline_month
            first = _first_month(item.deadline_text) or last
            starts = datetime.date(year.start_year + (first < 9), first, 1)
            item.deadline_starts = starts
            item.deadline_ends = _month_end(starts.year + (last < first), last)
            if "ежегодн" in item.deadline_text.lower():
                item.deadline_kind = "recurring"
        else:  # «в течение года»: the roadmap's one academic year
            item.deadline_kind = "whole"
            item.deadline_starts = year.first_half_starts
            item.deadline_ends = year.second_half_ends
    RoadmapItem.objects.bulk_update(
        items, ["deadline_kind", "deadline_starts", "deadline_ends"], batch_size=500
    )


def old_fields_from_periods(apps, schema_editor):
    RoadmapItem = apps.get_model("mentoring", "RoadmapItem")
    items = list(RoadmapItem.objects.all())
    for item in items:
        if item.deadline_kind == "date":
            item.deadline_date = item.deadline_starts
        elif item.deadline_kind in ("month", "recurring"):
            item.deadline_kind, item.deadline_month = "month", item.deadline_ends.month
        else:
            item.deadline_kind = "year_round"
    RoadmapItem.objects.bulk_update(
        items, ["deadline_kind", "deadline_date", "deadline_month"], batch_size=500
    )


class Migration(migrations.Migration):

    dependencies = [
        ('mentoring', '0001_initial'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='roadmapitem',
            name='roadmap_item_date_deadline_has_date',
        ),
        migrations.RemoveConstraint(
            model_name='roadmapitem',
            name='roadmap_item_month_deadline_has_month',
        ),
        migrations.AddField(
            model_name='roadmap',
            name='years',
            field=models.PositiveSmallIntegerField(default=1, help_text='Сколько учебных лет, начиная со своего, охватывает дорожная карта.', verbose_name='учебных лет'),
        ),
        migrations.AddField(
            model_name='roadmapitem',
            name='deadline_ends',
            field=models.DateField(blank=True, null=True, verbose_name='срок: конец'),
        ),
        migrations.AddField(
            model_name='roadmapitem',
            name='deadline_starts',
            field=models.DateField(blank=True, null=True, verbose_name='срок: начало'),
        ),
        migrations.AlterField(
            model_name='roadmapitem',
            name='deadline_kind',
            field=models.CharField(choices=[('date', 'дата'), ('month', 'месяцы'), ('recurring', 'ежегодно'), ('half', 'полугодие'), ('term', 'четверть'), ('quarter', 'квартал'), ('academic_years', 'учебные годы'), ('whole', 'весь срок дорожной карты'), ('on_demand', 'по мере необходимости')], max_length=20, verbose_name='вид срока'),
        ),
        migrations.RunPython(periods_from_old_fields, old_fields_from_periods),
        migrations.RemoveField(
            model_name='roadmapitem',
            name='deadline_date',
        ),
        migrations.RemoveField(
            model_name='roadmapitem',
            name='deadline_month',
        ),
        migrations.AddConstraint(
            model_name='roadmap',
            constraint=models.CheckConstraint(condition=models.Q(('years__gte', 1)), name='roadmap_spans_a_year', violation_error_message='Дорожная карта охватывает хотя бы один учебный год.'),
        ),
        migrations.AddConstraint(
            model_name='roadmapitem',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('deadline_ends__isnull', True), ('deadline_kind', 'on_demand'), ('deadline_starts__isnull', True)), models.Q(('deadline_ends__isnull', False), ('deadline_kind__in', ['date', 'month', 'recurring', 'half', 'term', 'quarter', 'academic_years', 'whole']), ('deadline_starts__isnull', False), ('deadline_starts__lte', models.F('deadline_ends'))), _connector='OR'), name='roadmap_item_deadline_period', violation_error_message='У срока есть начало и конец, не раньше начала; у срока «по мере необходимости» дат нет.'),
        ),
    ]
