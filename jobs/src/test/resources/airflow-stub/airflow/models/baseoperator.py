"""Stand-in for airflow.models.baseoperator.BaseOperator: a task with its arguments (explicit
ones over the DAG's default_args), the fields Airflow would template, and >> for dependencies."""
from airflow.models.dag import DAG


class BaseOperator:
    template_fields = ()

    def __init__(self, task_id, dag=None, **kwargs):
        self.task_id = task_id
        self.dag = dag or DAG.current()
        if self.dag is None:
            raise RuntimeError(f"task {task_id} is created outside a DAG")
        self.args = {**self.dag.default_args, **kwargs}
        self.upstream_task_ids = []
        self.dag.tasks.append(self)

    def __getattr__(self, name):
        args = self.__dict__.get("args", {})
        if name in args:
            return args[name]
        raise AttributeError(name)

    def __rshift__(self, other):
        for task in other if isinstance(other, (list, tuple)) else [other]:
            task.upstream_task_ids.append(self.task_id)
        return other

    def __lshift__(self, other):
        for task in other if isinstance(other, (list, tuple)) else [other]:
            self.upstream_task_ids.append(task.task_id)
        return other
