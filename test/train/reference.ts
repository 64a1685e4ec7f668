/** scikit-learn references for the baselines: the same preprocessing and estimator, scored on held-out rows. */
import type { TrainingData } from '../../src/core/train/baseline.js';
import { runPythonJson } from '../helpers/python.js';
import { toJsonColumns } from './helpers.js';

const SCRIPT = `
import json, sys
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import accuracy_score, r2_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

a = json.load(sys.stdin)
label, numeric, categorical = a["label"], a["numeric"], a["categorical"]
def frame(cols):
    df = pd.DataFrame(cols)
    for c in categorical:
        df[c] = df[c].fillna("").astype(str)
    return df
train, test = frame(a["train"]), frame(a["test"])
train = train[train[label].notna()]
test = test[test[label].notna()]
parts = []
if numeric:
    parts.append(("num", make_pipeline(SimpleImputer(strategy="mean"), StandardScaler()), numeric))
if categorical:
    parts.append(("cat", OneHotEncoder(handle_unknown="ignore"), categorical))
if a["task"] == "regression":
    est = Ridge(alpha=1.0)
    y_train, y_test = train[label].astype(float), test[label].astype(float)
else:
    est = LogisticRegression(solver="lbfgs", C=1.0, max_iter=1000)
    y_train, y_test = train[label].astype(str), test[label].astype(str)
    if pd.api.types.is_numeric_dtype(train[label]):
        y_train = train[label].map(lambda v: str(int(v)) if float(v).is_integer() else str(v))
        y_test = test[label].map(lambda v: str(int(v)) if float(v).is_integer() else str(v))
model = make_pipeline(ColumnTransformer(parts), est)
model.fit(train[numeric + categorical], y_train)
pred = model.predict(test[numeric + categorical])
score = r2_score(y_test, pred) if a["task"] == "regression" else accuracy_score(y_test, pred)
print(json.dumps({"score": float(score), "n_test": int(len(test))}))
`;

export interface ReferenceRequest {
  python: string;
  label: string;
  task: 'binary' | 'multiclass' | 'regression';
  train: TrainingData;
  test: TrainingData;
}

/** Held-out accuracy (classifiers) or R² (regression) of the scikit-learn pipeline. */
export function sklearnScore(request: ReferenceRequest): number {
  const numeric: string[] = [];
  const categorical: string[] = [];
  for (const [name, values] of Object.entries(request.train.columns)) {
    if (name === request.label) continue;
    (values instanceof Float64Array ? numeric : categorical).push(name);
  }
  const out = runPythonJson<{ score: number }>(request.python, SCRIPT, {
    label: request.label,
    task: request.task,
    numeric,
    categorical,
    train: toJsonColumns(request.train),
    test: toJsonColumns(request.test),
  });
  return out.score;
}
