"""Stand-in for airflow.sensors.external_task.ExternalTaskSensor."""
from airflow.models.baseoperator import BaseOperator


class ExternalTaskSensor(BaseOperator):
    template_fields = ("external_dag_id", "external_task_id", "external_task_ids", "external_task_group_id")
