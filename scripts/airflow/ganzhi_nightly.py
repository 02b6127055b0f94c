"""
Ganzhi's nightly pipeline on Airflow 2 (2.4 or later; needs apache-airflow-providers-apache-spark).

One DAG run per delivery date ``ds``: wait until every landing feed of ``ds`` is complete, then
run the pipeline's stages one spark-submit each, in order:

    wait_for_landing >> ingest >> text >> features >> personas >> perception >> publish

A stage that fails is retried alone; the stages before it are not rerun. Every stage is an
ordinary Ganzhi command (``ganzhi <stage> --lake L --date ds``), so a run log row for each lands
in ``ops.run_log`` and ``ganzhi status`` shows them.

Install: copy this file into the DAGs folder, copy ``jobs/target/ganzhi-jobs.jar`` and your
configuration file to the Airflow workers (or a path spark-submit can read), set the Variables
below (Admin > Variables, or ``AIRFLOW_VAR_<NAME>`` environment variables) and the Spark
connection. See docs/operations.md, "Scheduling (Airflow)".
"""
from __future__ import annotations

import os
from datetime import datetime, timedelta

from airflow import DAG
from airflow.models import Variable
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sensors.python import PythonSensor

# The nightly stages in the order each needs the one before it (the order of 'ganzhi nightly').
STAGES = ("ingest", "text", "features", "personas", "perception", "publish")

# Every feed of the default data contract (core/src/main/resources/reference.conf, ganzhi.sources).
# A delivery is complete when each has written its marker; list only the feeds your operator sends.
DEFAULT_LANDING_SOURCES = ("voice_cdr,data_session,billing,complaint,service_interaction,service_order,"
                           "survey,product_event,outcome,feedback,product_validation,subscriber,plan,cell,cell_outage")

# The marker a feed writes (last) into its landing partition once the day's files are all there;
# 'ganzhi generate' writes the same marker into every partition, also on days without rows.
LANDING_MARKER = "_SUCCESS"


def stage_args(stage: str, ds: str, lake: str, conf: str) -> list[str]:
    """The Ganzhi command line of one stage for delivery date ds (application args of org.ganzhi.cli.Main)."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}; the stages are {', '.join(STAGES)}")
    args = [stage, "--lake", lake, "--date", ds]
    if conf:
        args += ["--conf", conf]
    return args


def landing_markers(lake: str, ds: str, sources: list[str]) -> list[str]:
    """The marker of every feed's landing partition of ds: <lake>/landing/<source>/dt=<ds>/_SUCCESS."""
    return [f"{lake.rstrip('/')}/landing/{source}/dt={ds}/{LANDING_MARKER}" for source in sources]


def landing_complete(lake: str, ds: str, sources: list[str]) -> bool:
    """True once every feed of ds has its marker. Reads the lake as a local or mounted path."""
    paths = []
    for marker in landing_markers(lake, ds, sources):
        path = marker[len("file://"):] if marker.startswith("file://") else marker
        if "://" in path:
            # An object store or HDFS lake: use the provider's sensor (S3KeySensor, HdfsSensor, ...)
            # on the same landing_markers instead of this one.
            raise ValueError(f"wait_for_landing reads local or mounted lakes only, not {marker}")
        paths.append(path)
    return all(os.path.exists(path) for path in paths)


def setting(name: str, default: str) -> str:
    """An Airflow Variable, or its default when it is not set."""
    return Variable.get(name, default_var=default)


# Settings are read when the scheduler parses this file (a few Variable reads per parse): the
# connection id and memory sizes are not templated fields, so they cannot be read at run time.
JAR = setting("ganzhi_jar", "/opt/ganzhi/ganzhi-jobs.jar")
LAKE = setting("ganzhi_lake", "/data/ganzhi")
# The configuration file on the Airflow worker; spark-submit ships it with --files.
CONF_FILE = setting("ganzhi_conf_file", "/opt/ganzhi/conf/cluster.conf")
# What the driver is told to read: in cluster deploy mode the shipped file sits in the driver's
# working directory under its own name; in client mode set this to the full path.
CONF_ARG = setting("ganzhi_conf_arg", os.path.basename(CONF_FILE))
SPARK_CONN_ID = setting("ganzhi_spark_conn_id", "spark_default")
EXECUTOR_MEMORY = setting("ganzhi_executor_memory", "8g")
DRIVER_MEMORY = setting("ganzhi_driver_memory", "8g")
LANDING_SOURCES = [s.strip() for s in setting("ganzhi_landing_sources", DEFAULT_LANDING_SOURCES).split(",") if s.strip()]
# The first delivery date the lake should hold; with catchup every date since then gets a run.
START_DATE = datetime.strptime(setting("ganzhi_start_date", "2026-11-01"), "%Y-%m-%d")
# Ingest pseudonymises subscriber numbers and needs the key; the hook passes env_vars to the
# driver (as spark.yarn.appMasterEnv / spark.kubernetes.driverEnv in cluster mode).
PSEUDONYM_KEY_FILE = setting("ganzhi_pseudonym_key_file", "")

default_args = {
    "owner": "ganzhi",
    # Date d builds on the silver, features and personas of the dates before it, so a date runs
    # only once the same stage of the previous date succeeded: a failed night stops the nights after it.
    "depends_on_past": True,
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
}

with DAG(
    dag_id="ganzhi_nightly",
    description="Ganzhi nightly pipeline: landing of ds -> silver, text, features, personas, perception, gold",
    schedule="@daily",
    start_date=START_DATE,
    # Catch-up is the backfill: every missed date since start_date runs, oldest first.
    catchup=True,
    # One date at a time: the stages of different dates write the same Delta tables (silver,
    # features, personas, ops.run_log) and the persona model, and date d reads what d-1 wrote.
    # Two dates at once would race on Delta commits and could score d before d-1's features exist.
    max_active_runs=1,
    default_args=default_args,
    tags=["ganzhi"],
    doc_md=__doc__,
) as dag:
    wait_for_landing = PythonSensor(
        task_id="wait_for_landing",
        python_callable=landing_complete,
        op_kwargs={"lake": LAKE, "ds": "{{ ds }}", "sources": LANDING_SOURCES},
        # Feeds arrive over hours: free the worker slot between pokes.
        mode="reschedule",
        poke_interval=10 * 60,
        timeout=18 * 60 * 60,
        # A timeout means the delivery is late or missing: a person must look, not a retry.
        retries=0,
    )

    previous = wait_for_landing
    for stage in STAGES:
        task = SparkSubmitOperator(
            task_id=stage,
            application=JAR,
            java_class="org.ganzhi.cli.Main",
            conn_id=SPARK_CONN_ID,
            files=CONF_FILE or None,
            application_args=stage_args(stage, "{{ ds }}", LAKE, CONF_ARG),
            env_vars={"GANZHI_PSEUDONYM_KEY_FILE": PSEUDONYM_KEY_FILE} if PSEUDONYM_KEY_FILE else None,
            executor_memory=EXECUTOR_MEMORY,
            driver_memory=DRIVER_MEMORY,
            name=f"ganzhi-{stage}-{{{{ ds }}}}",
        )
        previous >> task
        previous = task
