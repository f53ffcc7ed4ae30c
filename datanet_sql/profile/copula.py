"""A Gaussian copula over the columns' ranks: how columns move together, apart from their shapes.

Each column becomes normal scores through its own marginal (ranks for numbers and times, the
cumulative frequency interval of its category for categories); the correlation matrix of
those scores is the whole dependence model. Mock generation draws correlated normals, maps
them to uniforms, and reads each column's value off its own marginal.
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtri


def rank_scores(values: np.ndarray) -> np.ndarray:
    """Normal scores of numbers via average ranks; NaN stays NaN."""
    out = np.full(len(values), np.nan)
    ok = np.isfinite(values)
    if ok.sum() < 2:
        return out
    v = values[ok]
    order = np.argsort(v, kind="mergesort")
    ranks = np.empty(len(v))
    ranks[order] = np.arange(1, len(v) + 1)
    uniq, inverse = np.unique(v, return_inverse=True)
    sums = np.bincount(inverse, weights=ranks)
    counts = np.bincount(inverse)
    ranks = (sums / counts)[inverse]
    out[ok] = ndtri(ranks / (len(v) + 1))
    return out


def category_scores(codes: np.ndarray, freqs: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Normal scores of categories: a uniform draw inside the category's cumulative interval.

    `codes` index into `freqs` (the stored categories, most frequent first); -1 means NULL or a
    category too rare to be stored, which counts as missing.
    """
    out = np.full(len(codes), np.nan)
    total = freqs.sum()
    if total <= 0:
        return out
    upper = np.cumsum(freqs) / total
    lower = upper - freqs / total
    ok = codes >= 0
    u = lower[codes[ok]] + rng.random(ok.sum()) * (upper[codes[ok]] - lower[codes[ok]])
    out[ok] = ndtri(np.clip(u, 1e-6, 1 - 1e-6))
    return out


def correlation(scores: np.ndarray) -> np.ndarray:
    """Pairwise-complete correlation of normal scores (rows x columns), made positive definite."""
    mask = np.isfinite(scores)
    z = np.where(mask, scores, 0.0)
    m = mask.astype(float)
    num = z.T @ z
    sq = (z * z).T @ m
    den = np.sqrt(sq * sq.T)
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = np.where(den > 0, num / den, 0.0)
    np.fill_diagonal(corr, 1.0)
    return nearest_correlation(np.clip(corr, -1, 1))


def nearest_correlation(corr: np.ndarray, floor: float = 1e-4) -> np.ndarray:
    """Clip eigenvalues to a small floor and rescale to a unit diagonal (Cholesky-safe)."""
    corr = (corr + corr.T) / 2
    vals, vecs = np.linalg.eigh(corr)
    fixed = vecs @ np.diag(np.maximum(vals, floor)) @ vecs.T
    d = np.sqrt(np.diag(fixed))
    fixed = fixed / np.outer(d, d)
    np.fill_diagonal(fixed, 1.0)
    return fixed


def sample_uniforms(corr: np.ndarray, rows: int, rng: np.random.Generator) -> np.ndarray:
    """Correlated uniforms (rows x columns) drawn from the copula."""
    from scipy.special import ndtr

    chol = np.linalg.cholesky(nearest_correlation(np.asarray(corr, dtype=float)))
    z = rng.standard_normal((rows, corr.shape[0])) @ chol.T
    return ndtr(z)
