/**
 * scikit-learn's values for the same predictions, computed by Debian's /usr/bin/python3. Class labels are
 * passed as integers 0..C-1 (the column order of the probabilities), so sklearn's sorted label order matches.
 */
export const SKLEARN_METRICS = `
import json, sys, warnings
import numpy as np
from sklearn import metrics as m
from sklearn.preprocessing import label_binarize
warnings.simplefilter("ignore")

def nan_to_none(x):
    x = float(x)
    return None if np.isnan(x) or np.isinf(x) else x

def safe(f):
    try:
        return nan_to_none(f())
    except ValueError:
        return None

def ece(y, proba, w, bins=10):
    conf = proba.max(axis=1)
    top = proba.argmax(axis=1)
    correct = (top == y).astype(float)
    total = w.sum()
    out = 0.0
    for b in range(bins):
        mask = (conf > b / bins) & (conf <= (b + 1) / bins)
        if b == 0:
            mask = mask | (conf == 0)
        if w[mask].sum() == 0:
            continue
        out += abs((w[mask] * correct[mask]).sum() - (w[mask] * conf[mask]).sum()) / total
    return out

def classification(case):
    y = np.array(case["y_true"])
    p = np.array(case["y_pred"])
    C = case["classes"]
    proba = np.array(case["proba"]).reshape(len(y), C) if case.get("proba") is not None else None
    w = np.array(case["weights"], dtype=float) if case.get("weights") is not None else None
    ww = w if w is not None else np.ones(len(y))
    # Rows with weight 0 are absent (a bootstrap replicate drops them).
    keep = ww > 0
    y, p, ww = y[keep], p[keep], ww[keep]
    w = ww
    if proba is not None:
        proba = proba[keep]
    out = {}
    out["accuracy"] = m.accuracy_score(y, p, sample_weight=w)
    out["balanced_accuracy"] = safe(lambda: m.balanced_accuracy_score(y, p, sample_weight=w))
    for avg in ["macro", "micro", "weighted"]:
        out["precision_" + avg] = m.precision_score(y, p, average=avg, sample_weight=w, zero_division=0)
        out["recall_" + avg] = m.recall_score(y, p, average=avg, sample_weight=w, zero_division=0)
        out["f1_" + avg] = m.f1_score(y, p, average=avg, sample_weight=w, zero_division=0)
    labels = list(range(C))
    if C == 2:
        pos = 1
        yb = (y == pos).astype(int)
        pb = (p == pos).astype(int)
        out["precision"] = None if pb.sum() == 0 else m.precision_score(yb, pb, sample_weight=w)
        out["recall"] = None if yb.sum() == 0 else m.recall_score(yb, pb, sample_weight=w)
        out["f1"] = None if (yb.sum() + pb.sum()) == 0 else m.f1_score(yb, pb, sample_weight=w, zero_division=0)
        if proba is not None:
            out["roc_auc"] = safe(lambda: m.roc_auc_score(yb, proba[:, pos], sample_weight=w))
            out["average_precision"] = None if yb.sum() == 0 else m.average_precision_score(yb, proba[:, pos], sample_weight=w)
            out["brier"] = m.brier_score_loss(yb, proba[:, pos], sample_weight=w, pos_label=1)
    elif proba is not None:
        out["roc_auc_ovr"] = safe(lambda: m.roc_auc_score(y, proba, multi_class="ovr", average="macro", labels=None, sample_weight=w))
        out["roc_auc_ovr_weighted"] = safe(lambda: m.roc_auc_score(y, proba, multi_class="ovr", average="weighted", sample_weight=w))
        present = len(np.unique(y)) == C
        out["average_precision"] = m.average_precision_score(label_binarize(y, classes=labels), proba, average="macro", sample_weight=w) if present else None
        onehot = label_binarize(y, classes=labels)
        out["brier"] = float(np.average(((proba - onehot) ** 2).sum(axis=1), weights=w))
    if proba is not None:
        out["log_loss"] = m.log_loss(y, proba, labels=labels, sample_weight=w)
        out["ece"] = ece(y, proba, ww)
    out["confusion_matrix"] = m.confusion_matrix(y, p, labels=labels).tolist()
    return {k: (v if isinstance(v, list) or v is None else float(v)) for k, v in out.items()}

def regression(case):
    y = np.array(case["y_true"], dtype=float)
    p = np.array(case["y_pred"], dtype=float)
    w = np.array(case["weights"], dtype=float) if case.get("weights") is not None else None
    if w is not None:
        keep = w > 0
        y, p, w = y[keep], p[keep], w[keep]
    return {
        "mae": m.mean_absolute_error(y, p, sample_weight=w),
        "rmse": float(np.sqrt(m.mean_squared_error(y, p, sample_weight=w))),
        "r2": nan_to_none(m.r2_score(y, p, sample_weight=w, force_finite=False)),
        "mape": m.mean_absolute_percentage_error(y, p, sample_weight=w),
    }

cases = json.load(sys.stdin)
print(json.dumps([regression(c) if c["task"] == "regression" else classification(c) for c in cases]))
`;
