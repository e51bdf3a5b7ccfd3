from tests.accounts.jobs import finished_job

OBJECT_KWARGS = {
    "job-status": lambda school: {"pk": finished_job(school).pk},
    "job-download": lambda school: {"pk": finished_job(school).pk},
}
