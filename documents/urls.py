from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("inbox/", views.inbox, name="inbox"),
    path("new/introduction/", views.new_introduction, name="new-introduction"),
    path("new/assignment/", views.new_assignment_order, name="new-assignment"),
    path("new/ending/", views.new_ending_order, name="new-ending"),
    path("new/local-acts/", views.new_local_acts, name="new-local-acts"),
    path("new/nomination/", views.new_nomination, name="new-nomination"),
    path("new/cooperation/", views.new_cooperation, name="new-cooperation"),
    path("new/cancellation/", views.new_cancellation, name="new-cancellation"),
    path("new/amendment/", views.new_amendment, name="new-amendment"),
    path("new/agreement/", views.new_agreement, name="new-agreement"),
    path("new/award/", views.new_award, name="new-award"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/pdf/", views.document_pdf, name="pdf"),
    path("<int:pk>/download/", views.document_download, name="download"),
    path("<int:pk>/original/", views.document_original, name="original"),
    path("<int:pk>/send/", views.document_send, name="send"),
    path("<int:pk>/sign/", views.document_sign, name="sign"),
    path("<int:pk>/return/", views.document_return, name="return"),
    path("<int:pk>/delete/", views.document_delete, name="delete"),
    path("<int:pk>/roadmap/", views.document_mark_roadmap, name="mark-roadmap"),
    path("<int:pk>/scan/", views.document_scan, name="scan"),
    path("<int:pk>/package/consents/", views.package_consents, name="package-consents"),
    path("<int:pk>/package/agreements/", views.package_agreements, name="package-agreements"),
    path("<int:pk>/package/blanks.pdf", views.package_blanks, name="package-blanks"),
    path("<int:pk>/package/contracts/", views.package_contracts, name="package-contracts"),
    path("<int:pk>/scan/upload/", views.document_scan_upload, name="scan-upload"),
    path("esign-regulation.pdf", views.esign_regulation, name="esign-regulation"),
    path("privacy-policy.pdf", views.privacy_policy, name="privacy-policy"),
    path(
        "<int:pk>/retroactive/<int:assignment>/",
        views.document_confirm_retroactive,
        name="confirm-retroactive",
    ),
    path("people/<int:pk>/", views.person_forms, name="person-forms"),
    path("people/<int:pk>/<slug:kind>.pdf", views.person_form, name="person-form"),
    path("consents/<int:pk>/withdrawal.pdf", views.consent_withdrawal, name="consent-withdrawal"),
    path("plans/<int:pk>.pdf", views.plan_pdf, name="plan"),
]
