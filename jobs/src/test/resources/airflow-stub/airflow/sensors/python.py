"""Stand-in for airflow.sensors.python.PythonSensor."""
from airflow.models.baseoperator import BaseOperator


class PythonSensor(BaseOperator):
    template_fields = ("templates_dict", "op_args", "op_kwargs")

    def poke(self, context):
        """What Airflow calls every poke_interval, with the templated op_kwargs already rendered."""
        return bool(self.python_callable(*self.args.get("op_args", []), **self.args.get("op_kwargs", {})))
