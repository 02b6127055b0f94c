"""
Loads Ganzhi's weekly upkeep DAG (scripts/airflow/ganzhi_maintain.py) against the stand-in airflow
package beside this script, with the DAG file's folder on the path as Airflow's DAGs folder is,
and prints it rendered for one ds as one JSON object on stdout.

    python3 -B render_maintain_dag.py DAG_FILE DS

Checks (a failure exits 1 with the reason on stderr): one DAG 'ganzhi_maintain', weekly, no
catch-up, one active run, a sensor on the nightly DAG's publish task followed by one retried
maintain task whose arguments come from maintain_args.
"""
import json
import os
import sys

from render_dag import fail, load, render  # the same loader and rendering as the nightly DAG's

from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator  # noqa: E402
from airflow.sensors.external_task import ExternalTaskSensor  # noqa: E402


def main(argv):
    if len(argv) != 3:
        fail("usage: render_maintain_dag.py DAG_FILE DS")
    dag_file, ds = argv[1], argv[2]
    sys.path.insert(0, os.path.dirname(os.path.abspath(dag_file)))
    module, dag = load(dag_file)
    if dag.dag_id != "ganzhi_maintain":
        fail(f"dag_id is {dag.dag_id}")
    by_id = {task.task_id: task for task in dag.tasks}
    if sorted(by_id) != ["maintain", "wait_for_nightly"]:
        fail(f"tasks are {sorted(by_id)}, expected wait_for_nightly and maintain")
    sensor, maintain = by_id["wait_for_nightly"], by_id["maintain"]
    if not isinstance(sensor, ExternalTaskSensor) or not isinstance(maintain, SparkSubmitOperator):
        fail("wait_for_nightly must be an ExternalTaskSensor and maintain a SparkSubmitOperator")
    if maintain.upstream_task_ids != ["wait_for_nightly"] or sensor.upstream_task_ids:
        fail("the chain must be wait_for_nightly >> maintain")
    args = render(maintain.args["application_args"], ds)
    if args != module.maintain_args(ds, module.LAKE, module.CONF_ARG):
        fail("maintain's arguments do not come from maintain_args")
    print(json.dumps({
        "dag_id": dag.dag_id,
        "schedule": dag.schedule,
        "catchup": dag.catchup,
        "max_active_runs": dag.max_active_runs,
        "waits_for": [sensor.args["external_dag_id"], sensor.args["external_task_id"]],
        "sensor_mode": sensor.args.get("mode"),
        "retries": maintain.args.get("retries", 0),
        "java_class": maintain.args.get("java_class"),
        "application_args": args,
        "name": render(maintain.args.get("name"), ds),
    }))


if __name__ == "__main__":
    main(sys.argv)
