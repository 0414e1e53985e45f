"""DuckDB running the analytics benchmark's count queries over the very rows of Vigie's snapshot.

Reads the columns VigieBenchmarks exported (raw little-endian arrays) and a JSON file of query parameters,
loads them into an in-memory DuckDB table, and prints one JSON object: for each query and thread count, the
median and best of the timed runs, and the result's size and total so that it can be checked against Vigie's.
"""
import json
import os
import statistics
import sys
import time

import duckdb
import numpy as np

directory = sys.argv[1]
parameters = json.load(open(os.path.join(directory, "parameters.json")))
columns = {
    "x": np.fromfile(os.path.join(directory, "x.f32"), dtype="<f4"),
    "y": np.fromfile(os.path.join(directory, "y.f32"), dtype="<f4"),
    "time": np.fromfile(os.path.join(directory, "time.i64"), dtype="<i8"),
    "category": np.fromfile(os.path.join(directory, "category.u8"), dtype="<u1"),
    "district": np.fromfile(os.path.join(directory, "district.i16"), dtype="<i2"),
}
connection = duckdb.connect()
connection.register("exported", columns)
connection.execute("CREATE TABLE incidents AS SELECT * FROM exported")
connection.unregister("exported")

categories = ", ".join(str(c) for c in parameters["categories"])
queries = {
    "district x category, filtered": f"""
        SELECT district, category, count(*) AS n FROM incidents
        WHERE time >= {parameters["from"]} AND time < {parameters["to"]} AND category IN ({categories})
        GROUP BY ALL""",
    "100 m grid, whole city": f"""
        SELECT floor((x - {parameters["gridMinX"]}) / {parameters["cell"]})::INTEGER AS c,
               floor((y - {parameters["gridMinY"]}) / {parameters["cell"]})::INTEGER AS r, count(*) AS n
        FROM incidents WHERE NOT isnan(x) AND category < 255
        GROUP BY ALL""",
}
results = {}
for threads in (1, 2):
    connection.execute(f"SET threads = {threads}")
    for name, sql in queries.items():
        connection.execute(sql).fetchall()
        timings = []
        for _ in range(parameters["runs"]):
            started = time.perf_counter()
            rows = connection.execute(sql).fetchall()
            timings.append(time.perf_counter() - started)
        results[f"{name} ({threads} thread{'s' if threads > 1 else ''})"] = {
            "median": statistics.median(timings), "best": min(timings), "groups": len(rows),
            "total": sum(row[-1] for row in rows),
        }
print(json.dumps({"duckdb": duckdb.__version__, "results": results}))
