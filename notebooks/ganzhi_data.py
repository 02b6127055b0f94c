"""One night's gold tables of a Ganzhi lake as pandas DataFrames, for the analyst notebooks.

Where the data comes from, first that applies:

1. ``GANZHI_DATA``: a folder of ``gold.<table>.csv`` files written by
   ``scripts/ganzhi export --lake LAKE --out FOLDER [--date D]`` (one JVM for every table).
   An explicit folder wins, so a notebook shows exactly the export it was pointed at.
2. PySpark, when it is importable (a user's cluster or a notebook server with Spark): the Delta
   tables under ``GANZHI_LAKE`` are read directly, in the session the notebook already has.
3. ``GANZHI_LAKE`` without PySpark: ``scripts/ganzhi export`` runs once per kernel into a
   temporary folder, then as in 1. It needs Java and Maven, as the CLI does.

The date is ``GANZHI_DATE`` (YYYY-MM-DD) or else the latest one published. Values come as the
tables hold them; rows whose measures are withheld for privacy have ``redacted`` True and the
measures empty (NaN).
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pandas as pd

# Columns that hold calendar dates in the gold tables.
DATE_COLUMNS = ("date", "window_start", "window_end", "week_start", "validation_start", "validation_end")
# The table every publish writes: it decides which date is "the latest published".
ANCHOR_TABLE = "subscriber_perception"
REPO = Path(__file__).resolve().parent.parent

_cache = {}


class GanzhiDataError(RuntimeError):
    """A setup problem the analyst can fix (what is missing and how to provide it)."""


def gold(table):
    """The gold table (``segment_summary`` or ``gold.segment_summary``) for the run date."""
    name = table.removeprefix("gold.")
    if name not in _cache:
        _cache[name] = _read(name)
    return _cache[name].copy()


def run_date():
    """The date the notebooks describe, as YYYY-MM-DD."""
    frame = gold(ANCHOR_TABLE)
    if frame.empty:
        raise GanzhiDataError(f"gold.{ANCHOR_TABLE} has no rows for the requested date ({_requested_date() or 'latest'})")
    return str(frame["date"].iloc[0].date())


def source():
    """Where the data was read from, for the notebook's first output."""
    _read_source()
    return _cache["_source"]


def shown(frame):
    """The rows whose measures are published (``redacted`` False)."""
    return frame[~frame["redacted"].astype(bool)] if "redacted" in frame.columns else frame


def withheld_note(frame, what):
    """One sentence on how many rows are withheld, to print under a chart."""
    if "redacted" not in frame.columns:
        return f"{len(frame)} {what}."
    withheld = int(frame["redacted"].astype(bool).sum())
    return (f"{len(frame) - withheld} of {len(frame)} {what} shown; {withheld} withheld "
            f"(fewer than the minimum number of subscribers).")


def _requested_date():
    value = os.environ.get("GANZHI_DATE", "").strip()
    if value:
        try:
            pd.Timestamp(value)
        except ValueError as error:
            raise GanzhiDataError(f"GANZHI_DATE must be YYYY-MM-DD, got {value!r}") from error
    return value or None


def _read(name):
    kind = _read_source()
    if kind == "spark":
        return _from_spark(name)
    return _from_csv(Path(_cache["_folder"]), name)


def _read_source():
    """Decides once per kernel where tables come from; returns 'csv' or 'spark'."""
    if "_kind" in _cache:
        return _cache["_kind"]
    folder = os.environ.get("GANZHI_DATA", "").strip()
    lake = os.environ.get("GANZHI_LAKE", "").strip()
    if folder:
        kind, described = "csv", f"CSV export in {folder}"
        _cache["_folder"] = folder
    elif _has_pyspark():
        if not lake:
            raise GanzhiDataError("set GANZHI_LAKE to the lake (PySpark reads its gold tables) or GANZHI_DATA to an export folder")
        kind, described = "spark", f"Delta tables of {lake} via PySpark"
    elif lake:
        _cache["_folder"] = _export(lake)
        kind, described = "csv", f"{lake} via scripts/ganzhi export"
    else:
        raise GanzhiDataError("no data: set GANZHI_DATA to a folder written by 'scripts/ganzhi export --lake LAKE --out FOLDER', "
                              "or GANZHI_LAKE to a lake")
    _cache["_kind"], _cache["_source"] = kind, described
    return kind


def _has_pyspark():
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False
    return True


def _export(lake):
    folder = tempfile.mkdtemp(prefix="ganzhi-export-")
    command = [str(REPO / "scripts" / "ganzhi"), "export", "--lake", lake, "--out", folder]
    if _requested_date():
        command += ["--date", _requested_date()]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise GanzhiDataError(f"'{' '.join(command)}' failed: {result.stderr.strip().splitlines()[-1:]}")
    return folder


def _from_csv(folder, name):
    path = folder / f"gold.{name}.csv"
    if not path.is_file():
        raise GanzhiDataError(f"{path} is missing: export the lake again, or its gold.{name} was never published")
    frame = _typed(pd.read_csv(path, low_memory=False))
    date = _requested_date()
    if date is not None and not frame.empty and "date" in frame.columns:
        frame = frame[frame["date"] == pd.Timestamp(date)]
        if frame.empty:
            raise GanzhiDataError(f"{path} holds no rows of GANZHI_DATE={date}; export that date")
    return frame.reset_index(drop=True)


def _typed(frame):
    """CSV text back to the tables' types: dates, and booleans written as true/false."""
    for column in frame.columns:
        if column in DATE_COLUMNS:
            frame[column] = pd.to_datetime(frame[column])
        elif frame[column].dtype == object:
            values = set(frame[column].dropna().unique())
            if values and values <= {"true", "false"}:
                frame[column] = frame[column].map({"true": True, "false": False}).astype("boolean")
    return frame


def _from_spark(name):
    from pyspark.sql import SparkSession, functions as F

    spark = SparkSession.getActiveSession() or SparkSession.builder.getOrCreate()
    lake = os.environ["GANZHI_LAKE"].rstrip("/")
    if "_date" not in _cache:
        _cache["_date"] = _requested_date() or (spark.read.format("delta").load(f"{lake}/gold/{ANCHOR_TABLE}")
                                               .agg(F.max("date")).first()[0])
    rows = spark.read.format("delta").load(f"{lake}/gold/{name}").where(F.col("date") == F.lit(_cache["_date"]))
    frame = rows.toPandas()
    for column in DATE_COLUMNS:
        if column in frame.columns:
            frame[column] = pd.to_datetime(frame[column])
    return frame
