"""Stand-in for airflow.models: DAG, and Variable, which reads AIRFLOW_VAR_<NAME> from the
environment (as Airflow's environment-variable backend does) and otherwise the default."""
import os

from airflow.models.dag import DAG

_NOTSET = object()


class Variable:
    @staticmethod
    def get(key, default_var=_NOTSET, deserialize_json=False):
        value = os.environ.get("AIRFLOW_VAR_" + key.upper())
        if value is not None:
            return value
        if default_var is _NOTSET:
            raise KeyError(f"Variable {key} does not exist")
        return default_var


__all__ = ["DAG", "Variable"]
