#!/usr/bin/python3
"""Parity fixtures for digitkit's KNeighborsClassifier, from scikit-learn 1.2.1.

Run from the repository root:  /usr/bin/python3 scripts/make-knn-fixtures.py
Writes test/fixtures/sklearn-knn.json.

Data: the 8x8 digits shipped in datasets/digits.csv.gz (64 pixels then the label);
train = the first 898 rows, test = the last 899 (the digits example's split).
Every case uses algorithm='brute'. For each case the file holds the predictions
for all 899 test rows, predict_proba for some rows, and kneighbors (distances and
indices) for some rows.
"""
import gzip
import json
import os

# One OpenMP thread: scikit-learn's ArgKmin (euclidean) then scans the training
# rows in order and its heap keeps the earlier of two equal distances, so the
# neighbour chosen at a tie on the k-th place is the lower training index, as
# digitkit chooses. With several threads, the per-thread heaps are merged and
# which of two tied rows survives depends on the thread layout.
os.environ['OMP_NUM_THREADS'] = '1'

import numpy as np
import sklearn
from sklearn.neighbors import KNeighborsClassifier

with gzip.open('datasets/digits.csv.gz', 'rt') as f:
    table = np.loadtxt(f, delimiter=',')
X = table[:, :64].astype(np.float64)
y = table[:, 64].astype(np.int64)
Xtr, ytr, Xte, yte = X[:898], y[:898], X[898:], y[898:]

# Rows of the test set whose probabilities and neighbours are stored: a spread,
# plus every misclassified row of the k=3 model (added below).
base_rows = list(range(0, 899, 30))

cases = []
for name, params in [
    ('k=3 uniform euclidean', dict(n_neighbors=3)),
    ('k=1 uniform euclidean', dict(n_neighbors=1)),
    ('k=5 distance euclidean', dict(n_neighbors=5, weights='distance')),
    ('k=3 uniform cosine', dict(n_neighbors=3, metric='cosine')),
    ('k=5 distance cosine', dict(n_neighbors=5, weights='distance', metric='cosine')),
    ('k=3 uniform correlation', dict(n_neighbors=3, metric='correlation')),
    ('k=5 distance correlation', dict(n_neighbors=5, weights='distance', metric='correlation')),
]:
    clf = KNeighborsClassifier(algorithm='brute', **params).fit(Xtr, ytr)
    pred = clf.predict(Xte)
    wrong = [int(i) for i in np.flatnonzero(pred != yte)]
    rows = sorted(set(base_rows) | set(wrong[:20]))
    proba = clf.predict_proba(Xte[rows])
    dist, ind = clf.kneighbors(Xte[rows])
    cases.append({
        'name': name,
        'params': {
            'nNeighbors': params['n_neighbors'],
            'weights': params.get('weights', 'uniform'),
            'metric': params.get('metric', 'euclidean'),
        },
        'predicted': [int(v) for v in pred],
        'accuracy': float(clf.score(Xte, yte)),
        'errors': len(wrong),
        'rows': rows,
        'proba': proba.tolist(),
        'distances': dist.tolist(),
        'indices': ind.tolist(),
    })
    print(f"{name}: accuracy {cases[-1]['accuracy']:.4f}, {len(wrong)} errors")

out = {
    'source': 'scripts/make-knn-fixtures.py',
    'sklearn': sklearn.__version__,
    'split': {'train': [0, 898], 'test': [898, 1797]},
    'cases': cases,
}
with open('test/fixtures/sklearn-knn.json', 'w') as f:
    json.dump(out, f, separators=(',', ':'))
