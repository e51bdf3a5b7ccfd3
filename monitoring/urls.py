from django.urls import path

from monitoring.evaluation import views as kirkpatrick_views
from monitoring.health import views as health_views
from monitoring.questionnaires import views
from monitoring.reports import views as report_views
from monitoring.rollup import views as rollup_views

app_name = "monitoring"

urlpatterns = [
    path("rollup/", rollup_views.rollup, name="rollup"),
    path("rollup/xlsx/", rollup_views.rollup_xlsx, name="rollup-xlsx"),
    path("rollup/pdf/", rollup_views.rollup_pdf, name="rollup-pdf"),
    path("rollup/build/", rollup_views.rollup_build, name="rollup-build"),
    path("rollup/executor/", rollup_views.rollup_executor, name="rollup-executor"),
    path("questionnaires/", views.questionnaire_list, name="questionnaires"),
    path("questionnaires/new/", views.questionnaire_new, name="questionnaire-new"),
    path("questionnaires/blank/", views.questionnaire_blank, name="questionnaire-blank"),
    path("questionnaires/<int:pk>/", views.questionnaire_detail, name="questionnaire"),
    path("questionnaires/<int:pk>/questions/", views.question_add, name="question-add"),
    path(
        "questionnaires/<int:pk>/status/", views.questionnaire_status, name="questionnaire-status"
    ),
    path("questionnaires/<int:pk>/results/", views.questionnaire_results, name="results"),
    path("questionnaires/<int:pk>/xlsx/", views.questionnaire_export, name="export"),
    path("questions/<int:pk>/", views.question_edit, name="question-edit"),
    path("questions/<int:pk>/delete/", views.question_delete, name="question-delete"),
    path("reports/", report_views.report_list, name="reports"),
    path("reports/<int:pk>/", report_views.report_detail, name="report"),
    path("reports/<int:pk>/generate/", report_views.report_generate, name="report-generate"),
    path("reports/<int:pk>/xlsx/", report_views.report_xlsx, name="report-xlsx"),
    path("reports/<int:pk>/finalise/", report_views.report_finalise_view, name="report-finalise"),
    path("reports/<int:pk>/correct/", report_views.report_correct_view, name="report-correct"),
    path(
        "reports/<int:pk>/versions/<int:number>/pdf/",
        report_views.report_version_pdf,
        name="report-version-pdf",
    ),
    path("kirkpatrick/", kirkpatrick_views.overview, name="kirkpatrick"),
    path("kirkpatrick/indicators/", kirkpatrick_views.indicators, name="indicators"),
    path("kirkpatrick/checklist/", kirkpatrick_views.criteria, name="criteria"),
    path(
        "kirkpatrick/checklist/<int:pk>/remove/",
        kirkpatrick_views.criterion_remove,
        name="criterion-remove",
    ),
    path(
        "assignments/<int:pk>/observations/",
        kirkpatrick_views.observation_new,
        name="observation-new",
    ),
    path("mine/", views.my_questionnaires, name="my-questionnaires"),
    path("mine/<int:pk>/", views.questionnaire_fill, name="fill"),
    path("health/", health_views.health, name="health"),
]
