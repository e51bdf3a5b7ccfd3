from django.db import migrations

# The five forms of the target model of mentoring, fixed by the regional methodology.
FORMS = [
    ("teacher-teacher", "учитель – учитель", ["teacher"], ["teacher"]),
    ("teacher-student", "учитель – ученик", ["teacher"], ["student"]),
    ("student-student", "ученик – ученик", ["student"], ["student"]),
    ("college-student", "студент – ученик", ["college_student"], ["student"]),
    ("employer-student", "работодатель – ученик", ["employer"], ["student"]),
]


def create_forms(apps, schema_editor):
    MentoringForm = apps.get_model("registry", "MentoringForm")
    for order, (code, name, mentors, mentees) in enumerate(FORMS, start=1):
        MentoringForm.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "mentor_categories": mentors,
                "mentee_categories": mentees,
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(create_forms, migrations.RunPython.noop)]
