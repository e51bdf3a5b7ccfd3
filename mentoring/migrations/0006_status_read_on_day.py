"""«завершена» becomes a reading of the dates (Assignment.status_on), not a stored status: the
mentee link's flag now says «being prepared», and the data is moved by documents 0006."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0005_meeting_planned"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="assignmentmentee",
            name="mentee_one_open_assignment_per_form",
        ),
        migrations.RenameField(
            model_name="assignmentmentee",
            old_name="is_open",
            new_name="in_preparation",
        ),
        migrations.AlterField(
            model_name="assignmentmentee",
            name="in_preparation",
            field=models.BooleanField(default=True, verbose_name="готовится"),
        ),
    ]
