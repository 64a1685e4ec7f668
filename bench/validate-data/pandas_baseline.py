"""The pandas baseline: the same profile and checks validate-data computes, in one run.

Usage: /usr/bin/python3 pandas_baseline.py <data.csv> <schema.json>
Reads the CSV (pandas cannot read Parquet here: neither pyarrow nor fastparquet is packaged in Debian), then
describe() (count, mean, std, min, quantiles, max), value_counts, nunique, null counts, and the checks: types,
null shares, ranges, categories, key uniqueness, row count. Prints a JSON summary.
"""
import json
import sys

import pandas as pd

path, schema_path = sys.argv[1], sys.argv[2]
schema = json.load(open(schema_path))
df = pd.read_csv(path, keep_default_na=False, na_values=[""])
rows = len(df)
out = {"rows": rows, "failed": []}
numeric = [c for c, s in schema["columns"].items() if s["type"] in ("integer", "number")]
categorical = [c for c in df.columns if c not in numeric]
described = df[numeric].describe(percentiles=[0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99])
nunique = df.nunique()
nulls = df.isna().sum()
tops = {c: df[c].value_counts().head(10).to_dict() for c in categorical}
for name, rule in schema["columns"].items():
    s = df[name]
    if nulls[name] / rows > rule.get("maxNullShare", 0):
        out["failed"].append(f"nulls:{name}")
    if name in numeric:
        if not pd.api.types.is_numeric_dtype(s):
            out["failed"].append(f"type:{name}")
        if "min" in rule and (s < rule["min"]).any():
            out["failed"].append(f"range:{name}")
        if "max" in rule and (s > rule["max"]).any():
            out["failed"].append(f"range:{name}")
    if "categories" in rule and (~s.dropna().isin(rule["categories"])).any():
        out["failed"].append(f"categories:{name}")
    if rule.get("unique") and s.duplicated().any():
        out["failed"].append(f"unique:{name}")
if not (schema["rows"].get("min", 0) <= rows <= schema["rows"].get("max", rows)):
    out["failed"].append("row-count")
out["described"] = described.shape
print(json.dumps(out))
