#!/usr/bin/python3
"""Writes the scikit-learn parity fixtures for digitkit's metrics and trainTestSplit.

Run with Debian's python (scikit-learn 1.2.1, numpy 1.24):

    /usr/bin/python3 scripts/make-metrics-fixtures.py

Outputs (small JSON files, committed; no Python is needed at test time):

- test/fixtures/sklearn-metrics.json: classification reports (text and dict),
  confusion matrices, accuracies and precision/recall/F-beta values for random
  label vectors; Python's fixed-point formatting of awkward floats; numpy's
  summation of float arrays.
- test/fixtures/sklearn-split.json: train/test sizes from train_test_split's
  size rules, the per-class counts of its approximate-mode allocation, and the
  per-class counts of stratified splits.

The random cases come from a fixed seed, so re-running gives the same files.
"""
import json
import math
import os
import random
import warnings

import numpy as np
import sklearn
from sklearn.metrics import (
    accuracy_score,
    classification_report,
    confusion_matrix,
    precision_recall_fscore_support,
)
from sklearn.model_selection import train_test_split
from sklearn.model_selection._split import _validate_shuffle_split
from sklearn.utils import _approximate_mode

warnings.simplefilter("ignore")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures")
rnd = random.Random(20240521)


def py(v):
    """numpy scalars/arrays to plain JSON values."""
    if isinstance(v, dict):
        return {str(k): py(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [py(x) for x in v]
    if isinstance(v, np.ndarray):
        return [py(x) for x in v.tolist()]
    if isinstance(v, np.generic):
        return v.item()
    return v


# ---------------------------------------------------------------- metrics


def label_pool():
    kind = rnd.random()
    k = rnd.choice([1, 2, 2, 3, 3, 4, 5, 6, 8, 10, 10, 12, 15])
    if kind < 0.6:
        return list(range(k))
    if kind < 0.8:
        return sorted(rnd.sample(range(-5, 30), k))
    return sorted(rnd.sample([-2147483648, -1000000, -7, 0, 3, 99, 12345, 2147483640, 123456789, 42, 8, 9, 10, 11, 500], k))


def random_labels():
    pool = label_pool()
    n = rnd.choice([1, 2, 3, 5, 8, 13, 16, 20, 24, 32, 40, 48, 64, 80, 100, 150])
    n = max(1, n + rnd.randint(-2, 2))
    # skewed class probabilities, so that some classes are rare or absent
    weights = [rnd.random() ** 3 for _ in pool]
    y_true = rnd.choices(pool, weights=weights, k=n)
    noise = rnd.choice([0.0, 0.1, 0.3, 0.6, 1.0])
    extra = pool + ([max(pool) + rnd.randint(1, 3)] if rnd.random() < 0.3 else [])
    y_pred = [rnd.choice(extra) if rnd.random() < noise else t for t in y_true]
    return pool, extra, y_true, y_pred


def report_case(i):
    pool, extra, y_true, y_pred = random_labels()
    present = sorted(set(y_true) | set(y_pred))
    case = {"yTrue": y_true, "yPred": y_pred}
    r = rnd.random()
    labels = None
    if r < 0.45:
        pass
    elif r < 0.6:
        labels = present[:]
        rnd.shuffle(labels)  # same set -> 'accuracy'
    elif r < 0.8 and len(present) > 1:
        labels = rnd.sample(present, rnd.randint(1, len(present) - 1))  # subset -> 'micro avg'
    else:
        unseen = [v for v in range(-3, 40) if v not in present]
        labels = sorted(set(rnd.sample(present, rnd.randint(1, len(present))) + rnd.sample(unseen, rnd.randint(1, 3))))
        if rnd.random() < 0.5:
            rnd.shuffle(labels)
    if labels is not None:
        case["labels"] = labels
    kwargs = {}
    if rnd.random() < 0.2:
        used = labels if labels is not None else present
        names = []
        for v in used:
            names.append(rnd.choice([f"class {v}", f"digit-{v}", f"a rather long class name {v}", f"é{v}", f"\U0001F600{v}", f"#{v}"]))
        case["targetNames"] = names
        kwargs["target_names"] = names
    digits = rnd.choice([2, 2, 2, 3, 3, 4, 5]) if rnd.random() < 0.9 else rnd.choice([0, 1, 6, 13])
    case["digits"] = digits
    zd = rnd.choice(["warn", "warn", 0, 1])
    case["zeroDivision"] = zd
    kwargs.update(labels=labels, digits=digits, zero_division=zd)
    case["report"] = classification_report(y_true, y_pred, **kwargs)
    if i < 120:
        case["dict"] = py(classification_report(y_true, y_pred, output_dict=True, **kwargs))
    try:
        case["confusion"] = py(confusion_matrix(y_true, y_pred, labels=labels))
    except ValueError as e:
        case["confusion"] = None
        case["confusionError"] = str(e)
    if i < 20:
        case["confusionNormalized"] = {
            norm: py(confusion_matrix(y_true, y_pred, labels=present, normalize=norm)) for norm in ("true", "pred", "all")
        }
    case["accuracy"] = py(accuracy_score(y_true, y_pred))
    case["accuracyCount"] = py(accuracy_score(y_true, y_pred, normalize=False))
    return case


def prf_case():
    pool, extra, y_true, y_pred = random_labels()
    present = sorted(set(y_true) | set(y_pred))
    average = rnd.choice([None, "micro", "macro", "weighted"] + (["binary"] * 3 if len(present) <= 2 else []))
    beta = rnd.choice([1.0, 1.0, 0.5, 2.0, 0.0, 3.7, math.inf])
    zd = rnd.choice(["warn", 0, 1])
    kwargs = dict(average=average, beta=beta, zero_division=zd)
    case = {"yTrue": y_true, "yPred": y_pred, "average": average, "beta": None if math.isinf(beta) else beta, "zeroDivision": zd}
    if average == "binary":
        pos = rnd.choice(present + [1])
        kwargs["pos_label"] = pos
        case["posLabel"] = pos
    elif rnd.random() < 0.3 and len(present) > 1:
        labels = rnd.sample(present, rnd.randint(1, len(present)))
        kwargs["labels"] = labels
        case["labels"] = labels
    try:
        p, r, f, s = precision_recall_fscore_support(y_true, y_pred, **kwargs)
    except ValueError as e:
        case["error"] = str(e)
        return case
    case["precision"], case["recall"], case["fScore"], case["support"] = py(p), py(r), py(f), py(s)
    return case


def format_cases():
    values = [0.0, -0.0, 1.0, 0.5, 0.125, 0.375, 0.625, 0.875, 0.0625, 0.1875, 0.03125, 0.015625, 2.5, 3.5, 0.005, 0.015,
              0.025, 0.035, 0.045, 0.055, 0.065, 0.075, 0.085, 0.095, 0.995, 0.9995, 0.99995, 2.675, 1.005, 1e-7, 5e-324,
              123456.789, 1e21, 1e22, 1.7976931348623157e308, -0.125, -0.001, -2.5, 0.1, 0.2, 0.3, 1 / 3, 2 / 3]
    for m in range(1, 11):
        for k in range(1, 2 ** m, 2):
            if k < 40 or rnd.random() < 0.05:
                values.append(k / 2 ** m)
    for _ in range(150):
        a, b = rnd.randint(0, 400), rnd.randint(1, 400)
        values.append(min(a, b) / b)
    for _ in range(80):
        values.append(rnd.random())
    for _ in range(60):
        values.append(round(rnd.random(), rnd.randint(1, 4)) + 5 * 10 ** -rnd.randint(2, 6))
    out = []
    for v in values:
        for d in sorted({rnd.randint(0, 1), 2, 3, 4, 5} if abs(v) < 1e6 else {2, 5}):
            out.append([v, d, "{:.{d}f}".format(v, d=d)])
    return out


def sum_cases():
    out = []
    gen = np.random.default_rng(7)
    for n in list(range(1, 20)) + [23, 31, 32, 33, 64, 100, 127, 128, 129, 130, 200, 257]:
        a = gen.random(n) * 10.0 ** gen.uniform(-3, 3, n)
        w = gen.integers(0, 50, n)
        w[0] = max(w[0], 1)
        out.append({
            "values": a.tolist(),
            "weights": w.tolist(),
            "sum": float(np.sum(a)),
            "mean": float(np.average(a)),
            "weightedAverage": float(np.average(a, weights=w)),
        })
    return out


def metrics_fixture():
    reports = [report_case(i) for i in range(300)]
    # the example from sklearn's docstring: a subset of labels prints 'micro avg'
    reports.append({
        "yTrue": [1, 1, 1], "yPred": [1, 1, 0], "labels": [1, 2, 3], "digits": 2, "zeroDivision": "warn",
        "report": classification_report([1, 1, 1], [1, 1, 0], labels=[1, 2, 3]),
        "dict": py(classification_report([1, 1, 1], [1, 1, 0], labels=[1, 2, 3], output_dict=True)),
        "confusion": py(confusion_matrix([1, 1, 1], [1, 1, 0], labels=[1, 2, 3])),
        "accuracy": py(accuracy_score([1, 1, 1], [1, 1, 0])),
        "accuracyCount": py(accuracy_score([1, 1, 1], [1, 1, 0], normalize=False)),
    })
    return {
        "about": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}; made by scripts/make-metrics-fixtures.py",
        "reports": reports,
        "prfs": [prf_case() for _ in range(150)],
        "format": format_cases(),
        "sums": sum_cases(),
    }


# ---------------------------------------------------------------- split


def size_values(n):
    fr = [0.25, 0.5, 0.1, 0.3, 0.7, 0.9, 0.99, 0.01, 1e-9, 0.999999, 1 / 3, 0.05, 0.75, 0.6, 0.4, 0.15]
    ints = [1, 2, 3, n - 2, n - 1, n, n + 1, n // 2, n // 3, 0, -1, -3]
    return [None] + fr + [rnd.random() for _ in range(3)] + sorted({i for i in ints})


def split_sizes():
    out = []
    for n in [1, 2, 3, 4, 5, 7, 10, 11, 17, 33, 100, 101, 150, 999, 1797, 100003]:
        vals = size_values(n)
        for test in vals:
            for train in vals:
                keep = 0.4 if test is None or train is None else 0.06
                if rnd.random() > keep:
                    continue
                try:
                    n_train, n_test = _validate_shuffle_split(n, test, train, default_test_size=0.25)
                    out.append({"n": n, "testSize": test, "trainSize": train, "nTrain": n_train, "nTest": n_test})
                except ValueError as e:
                    out.append({"n": n, "testSize": test, "trainSize": train, "error": str(e)})
    return out


def mode_bounds(counts, n_draws):
    """What _approximate_mode returns, per class, whatever its random tie-breaking: lo <= result <= hi."""
    counts = np.asarray(counts)
    continuous = counts / counts.sum() * n_draws
    floored = np.floor(continuous)
    need = int(n_draws - floored.sum())
    lo = floored.copy()
    hi = floored.copy()
    if need > 0:
        rem = continuous - floored
        for value in np.sort(np.unique(rem))[::-1]:
            (inds,) = np.where(rem == value)
            if len(inds) <= need:
                lo[inds] += 1
                hi[inds] += 1
                need -= len(inds)
            else:
                hi[inds] += 1
                need = 0
            if need == 0:
                break
    return lo.astype(int), hi.astype(int)


def approximate_mode_cases():
    out = []
    for _ in range(400):
        k = rnd.randint(1, 12)
        if rnd.random() < 0.3:
            c = rnd.randint(1, 30)
            counts = [c] * k
            if k > 2:
                counts[rnd.randrange(k)] += rnd.randint(1, 5)
        else:
            counts = [rnd.randint(1, rnd.choice([5, 20, 60, 500])) for _ in range(k)]
        n_draws = rnd.randint(1, sum(counts))
        lo, hi = mode_bounds(counts, n_draws)
        results = {tuple(_approximate_mode(np.array(counts), n_draws, seed).tolist()) for seed in range(12)}
        for r in results:
            assert sum(r) == n_draws and all(l <= x <= h for l, x, h in zip(lo, r, hi)), (counts, n_draws, r, lo, hi)
        out.append({"classCounts": counts, "nDraws": n_draws, "lo": lo.tolist(), "hi": hi.tolist(),
                    "sklearnSeed0": list(_approximate_mode(np.array(counts), n_draws, 0).tolist())})
    return out


def stratified_cases():
    out = []
    tries = 0
    while len(out) < 200 and tries < 5000:
        tries += 1
        k = rnd.randint(1, 10)
        counts = [rnd.randint(1 if rnd.random() < 0.05 else 2, rnd.choice([4, 10, 40, 200])) for _ in range(k)]
        n = sum(counts)
        test = rnd.choice([None, 0.25, 0.5, 0.2, 0.33, 0.1, rnd.random(), rnd.randint(1, max(1, n - 1))])
        train = rnd.choice([None, None, 0.5, 0.3, rnd.randint(1, max(1, n - 1))])
        labels = sorted(rnd.sample(range(-3, 20), k))
        y = [labels[c] for c in range(k) for _ in range(counts[c])]
        rnd.shuffle(y)
        case = {"classLabels": labels, "classCounts": counts, "testSize": test, "trainSize": train}
        try:
            n_train, n_test = _validate_shuffle_split(n, test, train, default_test_size=0.25)
        except ValueError:
            continue  # size errors are covered by the sizes fixture
        try:
            _, _, y_tr, y_te = train_test_split(np.arange(n), np.array(y), test_size=test, train_size=train,
                                                random_state=0, stratify=np.array(y))
        except ValueError as e:
            case["error"] = str(e)
            out.append(case)
            continue
        lo1, hi1 = mode_bounds(counts, n_train)
        if not np.array_equal(lo1, hi1):
            continue  # tie broken by numpy's RNG: not comparable
        lo2, hi2 = mode_bounds(np.array(counts) - lo1, n_test)
        if not np.array_equal(lo2, hi2):
            continue
        tr = [int(np.sum(y_tr == l)) for l in labels]
        te = [int(np.sum(y_te == l)) for l in labels]
        assert tr == lo1.tolist() and te == lo2.tolist()
        case["trainCounts"] = tr
        case["testCounts"] = te
        out.append(case)
    # the digits example
    digits_counts = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    for test in (0.5, 0.25, 0.2):
        lo1, hi1 = mode_bounds(digits_counts, 1797 - math.ceil(test * 1797))
        lo2, hi2 = mode_bounds(np.array(digits_counts) - lo1, math.ceil(test * 1797))
        if np.array_equal(lo1, hi1) and np.array_equal(lo2, hi2):
            out.append({"classLabels": list(range(10)), "classCounts": digits_counts, "testSize": test, "trainSize": None,
                        "trainCounts": lo1.tolist(), "testCounts": lo2.tolist()})
    return out


def split_fixture():
    return {
        "about": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}; made by scripts/make-metrics-fixtures.py",
        "sizes": split_sizes(),
        "approximateMode": approximate_mode_cases(),
        "stratified": stratified_cases(),
    }


def write(name, obj):
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        f.write("\n")
    print(f"wrote {path} ({os.path.getsize(path) // 1024} KiB)")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    write("sklearn-metrics.json", metrics_fixture())
    write("sklearn-split.json", split_fixture())
