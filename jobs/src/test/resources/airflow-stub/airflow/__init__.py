"""Stand-in for Apache Airflow in tests (Airflow itself is not installed): only the names
scripts/airflow/ganzhi_nightly.py imports. A DAG records the tasks created in its context."""
from airflow.models.dag import DAG

__all__ = ["DAG"]
