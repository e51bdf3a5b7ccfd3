# Job and WorkerHeartbeat went to jobs, NoticeSeen to notices, CalendarFeed to calendars
# (#27): their tables and rows stay; accounts forgets them in Django's state only.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0015_drop_data_generation"),
        ("jobs", "0001_initial"),
        ("notices", "0001_initial"),
        ("calendars", "0001_initial"),
        ("privacy", "0003_alter_subjectrequest_job"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Job"),
                migrations.DeleteModel(name="WorkerHeartbeat"),
                migrations.DeleteModel(name="NoticeSeen"),
                migrations.DeleteModel(name="CalendarFeed"),
            ],
            database_operations=[],
        ),
    ]
