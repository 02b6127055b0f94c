"""
Ganzhi's weekly lake upkeep on Airflow 2 (2.4 or later; needs apache-airflow-providers-apache-spark).

One DAG run per week, for the Sunday ``ds`` that starts it: wait until the nightly DAG
(``ganzhi_nightly``, scripts/airflow/ganzhi_nightly.py) has published ``ds``, then run

    wait_for_nightly >> maintain

``maintain`` is ``ganzhi maintain --lake L --date ds``: rows of partitions older than each layer's
retention (ganzhi.maintain.retention-days) are deleted, landing dt= folders too, and every Delta
table is compacted (OPTIMIZE) and vacuumed. It runs between two nightly runs, never beside one:
like every writer it takes the lake's lock, and the next nightly run (ds + 1) starts only once
that day is over. Weekly, not nightly: compaction pays off once a
week's small files have gathered.

Uses the same Airflow Variables as ganzhi_nightly (ganzhi_jar, ganzhi_lake, ganzhi_conf_file,
ganzhi_conf_arg, ganzhi_spark_conn_id, ganzhi_executor_memory, ganzhi_driver_memory,
ganzhi_start_date). maintain needs no pseudonymisation key. See docs/operations.md, "Lake upkeep".
"""
from __future__ import annotations

from datetime import timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sensors.external_task import ExternalTaskSensor

# The nightly DAG's file lies in the same DAGs folder: one place reads the shared Variables.
from ganzhi_nightly import CONF_ARG, CONF_FILE, DRIVER_MEMORY, EXECUTOR_MEMORY, JAR, LAKE, SPARK_CONN_ID, START_DATE


def maintain_args(ds: str, lake: str, conf: str) -> list[str]:
    """The Ganzhi command line of the upkeep for run date ds (application args of org.ganzhi.cli.Main)."""
    args = ["maintain", "--lake", lake, "--date", ds]
    if conf:
        args += ["--conf", conf]
    return args


with DAG(
    dag_id="ganzhi_maintain",
    description="Ganzhi weekly lake upkeep: retention, OPTIMIZE and VACUUM of every Delta table",
    # Sunday midnight, like ganzhi_nightly's @daily: both runs of a Sunday share the logical date
    # the sensor below matches.
    schedule="@weekly",
    start_date=START_DATE,
    # A missed week needs no catch-up: the next run maintains everything that has gathered.
    catchup=False,
    max_active_runs=1,
    default_args={"owner": "ganzhi", "retries": 1, "retry_delay": timedelta(minutes=30)},
    tags=["ganzhi"],
    doc_md=__doc__,
) as dag:
    wait_for_nightly = ExternalTaskSensor(
        task_id="wait_for_nightly",
        external_dag_id="ganzhi_nightly",
        external_task_id="publish",
        mode="reschedule",
        poke_interval=15 * 60,
        timeout=24 * 60 * 60,
        # A nightly run that does not finish needs a person; upkeep can wait a week.
        retries=0,
    )
    maintain = SparkSubmitOperator(
        task_id="maintain",
        application=JAR,
        java_class="org.ganzhi.cli.Main",
        conn_id=SPARK_CONN_ID,
        files=CONF_FILE or None,
        application_args=maintain_args("{{ ds }}", LAKE, CONF_ARG),
        executor_memory=EXECUTOR_MEMORY,
        driver_memory=DRIVER_MEMORY,
        name="ganzhi-maintain-{{ ds }}",
    )
    wait_for_nightly >> maintain
