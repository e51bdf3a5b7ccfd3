# The model moved here from accounts (#27: accounts holds accounts). The table stays
# where accounts made it (db_table), with its rows: only Django's state moves, the content
# type is renamed (so permissions and admin history follow).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ('noticeseen',)


def moved(apps, schema_editor, source="accounts", target="notices"):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not content_type.objects.filter(app_label=target, model=model).exists():
            content_type.objects.filter(app_label=source, model=model).update(app_label=target)


def moved_back(apps, schema_editor):
    moved(apps, schema_editor, source="notices", target="accounts")


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
                    name='NoticeSeen',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(max_length=64)),
                        ('seen_at', models.DateTimeField(auto_now_add=True)),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'прочитанное уведомление',
                        'verbose_name_plural': 'прочитанные уведомления',
                        'db_table': 'accounts_noticeseen',
                        'constraints': [models.UniqueConstraint(fields=('user', 'key'), name='notice_seen_once')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(moved, moved_back),
    ]
