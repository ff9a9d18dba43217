#!/usr/bin/python3
"""Parity fixtures for digitkit's PCA, from scikit-learn 1.2.1's PCA(svd_solver='full').

Run from the repository root:  /usr/bin/python3 scripts/make-pca-fixtures.py
Writes test/fixtures/sklearn-pca.json.

Each case fits on X, which is either rows of the 8x8 digits shipped in
datasets/digits.csv.gz (`digitsRows`: [first, end), and `scale`, a factor
applied to every value) or a small matrix generated here with a seeded numpy
RandomState and stored in the file (`X`). The file holds the fitted attributes
(components_, explained_variance_, explained_variance_ratio_, singular_values_,
mean_, noise_variance_, n_components_), and transform / inverse_transform of a
few query rows (`queryRows` of the digits, times `scale`, or `queryX`).

Values are written with 10 significant digits: the tests compare at 1e-6
relative, and full precision would make the file 1.6× the size.
"""
import gzip
import json

import numpy as np
import sklearn
from sklearn.decomposition import PCA

with gzip.open('datasets/digits.csv.gz', 'rt') as f:
    table = np.loadtxt(f, delimiter=',')
DIGITS = table[:, :64].astype(np.float64)


def rounded(a):
    """Nested lists of floats with 10 significant digits (JSON numbers)."""
    a = np.asarray(a, dtype=np.float64)
    if a.ndim == 0:
        return float('%.10g' % a)
    return [rounded(x) for x in a]


cases = []


def add(name, params, X, queries, source):
    pca = PCA(svd_solver='full', **params)
    pca.fit(X)
    T = pca.transform(queries)
    case = dict(
        name=name,
        params=dict(nComponents=params.get('n_components'), whiten=params.get('whiten', False)),
        **source,
        nSamples=int(X.shape[0]),
        nFeatures=int(X.shape[1]),
        nComponents=int(pca.n_components_),
        components=rounded(pca.components_),
        explainedVariance=rounded(pca.explained_variance_),
        explainedVarianceRatio=rounded(pca.explained_variance_ratio_),
        singularValues=rounded(pca.singular_values_),
        mean=rounded(pca.mean_),
        noiseVariance=rounded(pca.noise_variance_),
        transform=rounded(T),
        inverseTransform=rounded(pca.inverse_transform(T)),
    )
    cases.append(case)


def digits_case(name, params, first, end, query_rows, scale=1.0):
    X = DIGITS[first:end] * scale
    Q = DIGITS[query_rows] * scale
    add(name, params, X, Q, dict(digitsRows=[first, end], scale=scale, queryRows=list(query_rows)))


def generated_case(name, params, X, Q):
    # Fitted on the values as stored, so that the test fits on the very same rows.
    X = np.array(rounded(X))
    Q = np.array(rounded(Q))
    add(name, params, X, Q, dict(X=rounded(X), queryX=rounded(Q)))


held_out = list(range(1000, 1800, 160))  # 5 rows none of the digits cases fits on

# All 1,797 digits, every component: 3 columns are always 0, so the last 3
# eigenvalues are 0 (1e-30 in scikit-learn's SVD): those axes are any basis of a
# 3-D null space, compared as a subspace by the tests.
digits_case('digits, all rows, every component', {}, 0, 1797, [0, 1, 2, 3, 500, 1796])
digits_case('digits, 500 rows, nComponents 20', dict(n_components=20), 0, 500, held_out)
digits_case('digits, 600 rows, nComponents 0.9 (fraction)', dict(n_components=0.9), 0, 600, held_out)
digits_case('digits, 400 rows, nComponents 15, whiten', dict(n_components=15, whiten=True), 0, 400, held_out)
# n < d: 30 rows of 64 features, centred rank 29: the 30th singular value is 0.
digits_case('digits, 30 rows (n < d), every component', {}, 0, 30, held_out)
digits_case('digits, 30 rows (n < d), nComponents 10', dict(n_components=10), 0, 30, held_out)
digits_case('digits ×1e6, 300 rows, nComponents 10', dict(n_components=10), 0, 300, held_out, scale=1e6)
digits_case('digits ×1e-6, 300 rows, nComponents 0.75', dict(n_components=0.75), 0, 300, held_out, scale=1e-6)

rng = np.random.RandomState(0)
# Duplicated, scaled and constant columns: rank 6 in 10 columns.
base = rng.normal(size=(120, 6)) * np.array([5.0, 3.0, 2.0, 1.0, 0.5, 0.25])
dup = np.column_stack([base, base[:, 0], 2 * base[:, 1], np.full(120, 3.5), np.zeros(120)])
qbase = rng.normal(size=(6, 6))
qdup = np.column_stack([qbase, qbase[:, 0], 2 * qbase[:, 1], np.full(6, 3.5), np.zeros(6)])
generated_case('duplicated and constant columns, every component', {}, dup, qdup)
generated_case('duplicated and constant columns, nComponents 4', dict(n_components=4), dup, qdup)
# n < d, generated: 12 rows of 40 features around a large offset.
wide = rng.normal(size=(12, 40)) * 3 + 1000
generated_case('12 rows × 40 features (n < d), offset 1000, nComponents 5, whiten', dict(n_components=5, whiten=True), wide, rng.normal(size=(4, 40)) * 3 + 1000)

out = dict(
    generator='scripts/make-pca-fixtures.py',
    sklearn=sklearn.__version__,
    numpy=np.__version__,
    cases=cases,
)
with open('test/fixtures/sklearn-pca.json', 'w') as f:
    json.dump(out, f, separators=(',', ':'))
    f.write('\n')
print('wrote test/fixtures/sklearn-pca.json with %d cases' % len(cases))
