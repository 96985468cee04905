"""A task for the worker tests: its return value proves it ran, in the worker."""

from django_tasks import task


@task()
def add(a: int, b: int) -> int:
    return a + b
