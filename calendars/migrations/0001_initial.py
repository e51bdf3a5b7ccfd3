# The model moved here from accounts (#27: accounts holds accounts). The table stays
# where accounts made it (db_table), with its rows: only Django's state moves, the content
# type is renamed (so permissions and admin history follow).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ('calendarfeed',)


def moved(apps, schema_editor, source="accounts", target="calendars"):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not content_type.objects.filter(app_label=target, model=model).exists():
            content_type.objects.filter(app_label=source, model=model).update(app_label=target)


def moved_back(apps, schema_editor):
    moved(apps, schema_editor, source="calendars", target="accounts")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='CalendarFeed',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('token', models.CharField(max_length=64, unique=True, verbose_name='ключ ссылки')),
                        ('issued_for', models.CharField(db_default='', max_length=64, verbose_name='пароль при выдаче')),
                        ('created_at', models.DateTimeField(auto_now=True, verbose_name='выдана')),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='calendar_feed', to=settings.AUTH_USER_MODEL, verbose_name='пользователь')),
                    ],
                    options={
                        'verbose_name': 'ссылка на календарь',
                        'verbose_name_plural': 'ссылки на календари',
                        'db_table': 'accounts_calendarfeed',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(moved, moved_back),
    ]
