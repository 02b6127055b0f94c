"""Stand-in for airflow.providers.apache.spark.operators.spark_submit.SparkSubmitOperator."""
from airflow.models.baseoperator import BaseOperator


class SparkSubmitOperator(BaseOperator):
    # The provider's templated fields (of those a Ganzhi DAG uses).
    template_fields = ("application", "conf", "files", "py_files", "jars", "driver_class_path", "packages",
                       "exclude_packages", "keytab", "principal", "proxy_user", "name", "application_args", "env_vars",
                       "properties_file")
