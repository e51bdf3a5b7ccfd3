# The models moved here from accounts (#27: accounts holds accounts). The tables stay
# where accounts made them (db_table), with their rows: only Django's state moves, the content
# types are renamed (so permissions and admin history follow), and a queued job's task path.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ('job', 'workerheartbeat')
OLD_TASK, NEW_TASK = "accounts.tasks.run_job", "jobs.tasks.run_job"


def moved(apps, schema_editor, source="accounts", target="jobs"):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not content_type.objects.filter(app_label=target, model=model).exists():
            content_type.objects.filter(app_label=source, model=model).update(app_label=target)
    # a job queued before the upgrade names its task by its old path
    old, new = (OLD_TASK, NEW_TASK) if target == "jobs" else (NEW_TASK, OLD_TASK)
    task_result = apps.get_model("django_tasks_database", "DBTaskResult")
    task_result.objects.filter(task_path=old).update(task_path=new)


def moved_back(apps, schema_editor):
    moved(apps, schema_editor, source="jobs", target="accounts")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ('accounts', '0015_drop_data_generation'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('contenttypes', '0002_remove_content_type_name'),
        ('django_tasks_database', '0021_conditional_partial_index_ordering'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='WorkerHeartbeat',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('worker_id', models.CharField(max_length=64, unique=True, verbose_name='обработчик')),
                        ('seen_at', models.DateTimeField(verbose_name='последний сигнал')),
                    ],
                    options={
                        'verbose_name': 'сигнал фонового обработчика',
                        'verbose_name_plural': 'сигналы фоновых обработчиков',
                        'db_table': 'accounts_workerheartbeat',
                    },
                ),
                migrations.CreateModel(
                    name='Job',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=50, verbose_name='вид')),
                        ('title', models.CharField(max_length=255, verbose_name='название')),
                        ('params', models.JSONField(blank=True, default=dict, verbose_name='параметры')),
                        ('status', models.CharField(choices=[('queued', 'в очереди'), ('running', 'выполняется'), ('done', 'готово'), ('failed', 'ошибка')], default='queued', max_length=10, verbose_name='состояние')),
                        ('progress', models.PositiveSmallIntegerField(default=0, verbose_name='готовность, %')),
                        ('stage', models.CharField(blank=True, max_length=255, verbose_name='этап')),
                        ('error', models.CharField(blank=True, max_length=500, verbose_name='ошибка')),
                        ('result', models.FileField(blank=True, upload_to='jobs/%Y/%m/', verbose_name='результат')),
                        ('result_name', models.CharField(blank=True, max_length=255, verbose_name='имя файла')),
                        ('content_type', models.CharField(blank=True, max_length=100)),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='запущено')),
                        ('touched_at', models.DateTimeField(blank=True, null=True, verbose_name='последний признак работы')),
                        ('worker_id', models.CharField(blank=True, db_default='', max_length=64, verbose_name='обработчик')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='завершено')),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='запустил')),
                        ('organization', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='jobs', to='accounts.organization', verbose_name='организация')),
                    ],
                    options={
                        'verbose_name': 'фоновая задача',
                        'verbose_name_plural': 'фоновые задачи',
                        'db_table': 'accounts_job',
                        'ordering': ['-created_at', '-pk'],
                        'indexes': [models.Index(fields=['organization', 'kind', '-created_at'], name='accounts_jo_organiz_2cffd2_idx')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('progress__lte', 100)), name='job_progress_percent')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(moved, moved_back),
    ]
