"""The baseline drift check users write today: pandas + scipy.stats per column (what Evidently does inside)."""
import json
import sys

import pandas as pd
from scipy import stats

ref_path, cur_path = sys.argv[1], sys.argv[2]
ref = pd.read_csv(ref_path)
cur = pd.read_csv(cur_path)
out = {}
for col in ref.columns:
    if pd.api.types.is_numeric_dtype(ref[col]):
        r = stats.ks_2samp(ref[col].dropna(), cur[col].dropna())
        out[col] = {"test": "ks", "statistic": float(r.statistic), "p": float(r.pvalue)}
    else:
        rc = ref[col].value_counts()
        cc = cur[col].value_counts()
        cats = rc.index.union(cc.index)
        rc = rc.reindex(cats, fill_value=0)
        cc = cc.reindex(cats, fill_value=0)
        expected = (rc + 0.5) / (rc + 0.5).sum() * cc.sum()
        r = stats.chisquare(cc, expected)
        out[col] = {"test": "chisquare", "statistic": float(r.statistic), "p": float(r.pvalue)}
print(json.dumps(out))
