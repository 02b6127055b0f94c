"""Stand-in for airflow.models.dag.DAG: keeps its arguments and the tasks created inside it."""


class DAG:
    _context = []

    def __init__(self, dag_id, description=None, schedule=None, start_date=None, catchup=True,
                 max_active_runs=16, default_args=None, tags=None, doc_md=None, **kwargs):
        self.dag_id = dag_id
        self.description = description
        self.schedule = schedule
        self.start_date = start_date
        self.catchup = catchup
        self.max_active_runs = max_active_runs
        self.default_args = dict(default_args or {})
        self.tags = tags or []
        self.doc_md = doc_md
        self.extra = kwargs
        self.tasks = []

    def __enter__(self):
        DAG._context.append(self)
        return self

    def __exit__(self, *exc):
        DAG._context.pop()
        return False

    @classmethod
    def current(cls):
        return cls._context[-1] if cls._context else None
