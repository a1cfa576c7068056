from django_tasks import task

from aiplus.cases import services


@task()
def execute_import_task(run_id: int) -> None:
    services.execute_import(run_id=run_id)
