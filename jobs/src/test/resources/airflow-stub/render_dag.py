"""
Loads an Airflow DAG file against the stand-in airflow package beside this script, checks the
shape Ganzhi's nightly DAG must have, renders every task for one ds as Airflow would template it,
and prints the result as one JSON object on stdout.

    python3 -B render_dag.py DAG_FILE DS [POKE_DS ...]

Checks (a failure exits 1 with the reason on stderr): one DAG 'ganzhi_nightly', daily, catchup on,
at most one active run, the tasks one chain from a sensor through ingest, features, personas,
perception and publish, every Spark task retried. The sensor is poked for DS and each POKE_DS.
"""
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from airflow.models.dag import DAG  # noqa: E402  (the stand-in, after the path change)
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator  # noqa: E402
from airflow.sensors.python import PythonSensor  # noqa: E402

EXPECTED_STAGES = ["ingest", "text", "features", "personas", "perception", "publish"]


def fail(message):
    print("render_dag: " + message, file=sys.stderr)
    sys.exit(1)


def load(dag_file):
    spec = importlib.util.spec_from_file_location("ganzhi_dag_under_test", dag_file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    dags = [value for value in vars(module).values() if isinstance(value, DAG)]
    if len(dags) != 1:
        fail(f"{dag_file} defines {len(dags)} DAGs, expected 1")
    return module, dags[0]


def render(value, ds):
    """What Airflow's Jinja rendering does to {{ ds }} in a templated field, recursively."""
    if isinstance(value, str):
        return value.replace("{{ ds }}", ds)
    if isinstance(value, list):
        return [render(v, ds) for v in value]
    if isinstance(value, tuple):
        return tuple(render(v, ds) for v in value)
    if isinstance(value, dict):
        return {k: render(v, ds) for k, v in value.items()}
    return value


def chain(dag):
    """The task ids in dependency order, if the tasks form one chain; fails otherwise."""
    by_id = {task.task_id: task for task in dag.tasks}
    roots = [task for task in dag.tasks if not task.upstream_task_ids]
    if len(roots) != 1:
        fail(f"expected one first task, got {[t.task_id for t in roots]}")
    order = [roots[0].task_id]
    while True:
        followers = [t for t in dag.tasks if order[-1] in t.upstream_task_ids]
        if not followers:
            break
        if len(followers) != 1 or len(followers[0].upstream_task_ids) != 1:
            fail(f"tasks after {order[-1]} are not one chain: {[t.task_id for t in followers]}")
        order.append(followers[0].task_id)
    if len(order) != len(by_id):
        fail(f"tasks outside the chain: {sorted(set(by_id) - set(order))}")
    return order


def main(argv):
    if len(argv) < 3:
        fail("usage: render_dag.py DAG_FILE DS [POKE_DS ...]")
    dag_file, ds, poke_dates = argv[1], argv[2], argv[2:]
    module, dag = load(dag_file)
    if dag.dag_id != "ganzhi_nightly":
        fail(f"dag_id is {dag.dag_id}")
    if dag.schedule != "@daily":
        fail(f"schedule is {dag.schedule}, expected @daily")
    if dag.catchup is not True:
        fail("catchup must be on: missed dates are the backfill")
    if dag.max_active_runs != 1:
        fail(f"max_active_runs is {dag.max_active_runs}: dates must not run at once")
    order = chain(dag)
    if order[1:] != EXPECTED_STAGES:
        fail(f"stages run in the order {order[1:]}, expected {EXPECTED_STAGES}")

    tasks = []
    sensor = None
    for task_id in order:
        task = next(t for t in dag.tasks if t.task_id == task_id)
        rendered = {field: render(task.args[field], ds) for field in task.template_fields if field in task.args}
        entry = {
            "task_id": task.task_id,
            "operator": type(task).__name__,
            "upstream": list(task.upstream_task_ids),
            "retries": task.args.get("retries", 0),
            "retry_delay_seconds": task.args["retry_delay"].total_seconds() if task.args.get("retry_delay") else None,
            "depends_on_past": task.args.get("depends_on_past", False),
        }
        if isinstance(task, SparkSubmitOperator):
            if entry["retries"] < 1 or not entry["retry_delay_seconds"]:
                fail(f"{task_id} is not retried")
            entry.update({
                "application": rendered.get("application"),
                "java_class": task.args.get("java_class"),
                "conn_id": task.args.get("conn_id"),
                "application_args": rendered.get("application_args"),
                "name": rendered.get("name"),
                "files": rendered.get("files"),
                "executor_memory": task.args.get("executor_memory"),
            })
            # The one function that builds the command line gives the same for the rendered ds.
            if rendered["application_args"] != module.stage_args(task_id, ds, module.LAKE, module.CONF_ARG):
                fail(f"{task_id} arguments do not come from stage_args")
        elif isinstance(task, PythonSensor):
            sensor = task
            entry["markers"] = module.landing_markers(module.LAKE, ds, module.LANDING_SOURCES)
        tasks.append(entry)
    if not isinstance(sensor, PythonSensor) or order[0] != sensor.task_id:
        fail("the first task must be the landing sensor")

    pokes = {}
    for day in poke_dates:
        kwargs = render(sensor.args.get("op_kwargs", {}), day)
        pokes[day] = bool(sensor.args["python_callable"](**kwargs))

    print(json.dumps({
        "dag_id": dag.dag_id,
        "schedule": dag.schedule,
        "catchup": dag.catchup,
        "max_active_runs": dag.max_active_runs,
        "start_date": dag.start_date.date().isoformat() if dag.start_date else None,
        "ds": ds,
        "order": order,
        "tasks": tasks,
        "landing_complete": pokes,
    }))


if __name__ == "__main__":
    main(sys.argv)
