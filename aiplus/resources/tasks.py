from django_tasks import task

from aiplus.resources import services


@task()
def extract_resource(resource_id: int) -> None:
    services.extract(resource_id=resource_id)
