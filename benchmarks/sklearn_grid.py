"""scikit-learn's side of benchmarks/grid-speed.ts: times GridSearchCV(SVC(), grid,
cv=5) on the digits example's training half (the first 898 of the 8x8 digits)
and prints JSON with the times and the mean CV accuracies.

usage: /usr/bin/python3 benchmarks/sklearn_grid.py '<grid as JSON>' FOLDS N_JOBS REPEAT
       /usr/bin/python3 benchmarks/sklearn_grid.py '<grid as JSON>' FOLDS serve

The second form times one search per line read from stdin (the line holds
N_JOBS) and answers each with one JSON line, so that grid-speed.ts can
interleave these runs with its own in one process: loky's worker processes are
kept between runs, as digitkit's threads are.
"""
import json
import sys
import time

import sklearn
from sklearn.datasets import load_digits
from sklearn.model_selection import GridSearchCV
from sklearn.svm import SVC

grid, folds = json.loads(sys.argv[1]), int(sys.argv[2])
digits = load_digits()
X, y = digits.data[:898], digits.target[:898]


def run(n_jobs):
    search = GridSearchCV(SVC(), grid, cv=folds, n_jobs=n_jobs)
    t0 = time.perf_counter()
    search.fit(X, y)  # every cell and the refit, as digitkit's time
    return time.perf_counter() - t0, search


def answer(seconds, search):
    print(json.dumps({
        "version": sklearn.__version__,
        "seconds": seconds,
        "best_params": search.best_params_,
        "mean_test_score": search.cv_results_["mean_test_score"].tolist(),
    }), flush=True)


if sys.argv[3] == "serve":
    for line in sys.stdin:
        if line.strip():
            s, search = run(int(line))
            answer([s], search)
else:
    n_jobs, repeat = int(sys.argv[3]), int(sys.argv[4])
    seconds = []
    for _ in range(repeat):
        s, search = run(n_jobs)
        seconds.append(s)
    answer(seconds, search)
