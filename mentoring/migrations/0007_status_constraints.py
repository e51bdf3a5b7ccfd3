from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0006_status_read_on_day"),
        ("documents", "0006_order_effects"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="assignment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "status__in",
                        ["active", "awaiting_consents", "awaiting_order", "draft", "terminated"],
                    )
                ),
                name="assignment_finished_is_read_not_stored",
            ),
        ),
        migrations.AddConstraint(
            model_name="assignmentmentee",
            constraint=models.UniqueConstraint(
                condition=models.Q(("in_preparation", True)),
                fields=("mentee", "form"),
                name="mentee_one_assignment_in_preparation_per_form",
                violation_error_message="У наставляемого уже готовится другая пара или группа в этой форме.",
            ),
        ),
    ]
