"""Faker value pools composed with numpy: realistic PII-like values at numpy speed.

Faker costs about 0.3 ms a call, far too slow for a million rows, so Faker only fills small
pools (first names, last names, street names, domains, words...) once per table; rows are then
drawn from the pools and composed (`first last`, `first.last42@domain`) by vectorised numpy
string operations. No value comes from the real data: a pool holds only what Faker invents.
"""

from __future__ import annotations

import zlib
from functools import lru_cache
from typing import Any

import numpy as np

POOL_SIZE = 800


@lru_cache(maxsize=16)
def _faker(locale: str, seed: int) -> Any:
    from faker import Faker

    fake = Faker(locale)
    fake.seed_instance(seed)
    return fake


@lru_cache(maxsize=128)
def pool(provider: str, locale: str = "en_US", seed: int = 0, size: int = POOL_SIZE) -> np.ndarray:
    """`size` distinct-ish values of one Faker provider, deterministic for (locale, seed)."""
    fake = _faker(locale, seed)
    fake.seed_instance(zlib.crc32(f"{provider}:{seed}".encode()))
    method = getattr(fake, provider)
    return np.array(sorted({str(method()) for _ in range(size)}), dtype=object)


def _pick(values: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    return values[rng.integers(0, len(values), n)]


def _join(*parts: np.ndarray) -> np.ndarray:
    """Element-wise concatenation of text or number arrays (Arrow's kernel: no Python loop)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arrays = [pa.array(p, type=pa.string()) if p.dtype.kind in "OU"
              else pa.array(p).cast(pa.string()) for p in parts]
    joined = pc.binary_join_element_wise(*arrays, "")
    return joined.to_numpy(zero_copy_only=False)


def faker_values(provider: str, n: int, rng: np.random.Generator, locale: str = "en_US",
                 seed: int = 0) -> np.ndarray:
    """n values for a Faker provider, composed from pools (fast, never a real value)."""
    compose = _COMPOSERS.get(provider)
    if compose is not None:
        return compose(n, rng, locale, seed)
    return _pick(pool(provider, locale, seed), n, rng)


def _names(n: int, rng: np.random.Generator, locale: str, seed: int) -> np.ndarray:
    first, last = pool("first_name", locale, seed), pool("last_name", locale, seed)
    return _join(_pick(first, n, rng), np.full(n, " "), _pick(last, n, rng))


def _emails(n: int, rng: np.random.Generator, locale: str, seed: int) -> np.ndarray:
    first = _pick(np.char.lower(pool("first_name", locale, seed).astype(str)), n, rng)
    last = _pick(np.char.lower(pool("last_name", locale, seed).astype(str)), n, rng)
    digits = rng.integers(1, 999, n)
    domains = _pick(pool("free_email_domain", locale, seed, 50), n, rng)
    return _join(first, np.full(n, "."), last, digits, np.full(n, "@"), domains)


def _phones(n: int, rng: np.random.Generator, locale: str, seed: int) -> np.ndarray:
    """Faker's phone formats with every digit redrawn: many distinct, well-formed numbers."""
    base = _pick(pool("phone_number", locale, seed, 200), n, rng).astype(str)
    width = max(len(s) for s in base) if n else 1
    chars = np.char.ljust(base, width).astype(f"S{width}").view(np.uint8).reshape(n, width).copy()
    digits = (chars >= 48) & (chars <= 57)
    chars[digits] = 48 + rng.integers(0, 10, digits.sum())
    return np.char.rstrip(chars.view(f"S{width}").ravel().astype(str)).astype(object)


def _addresses(n: int, rng: np.random.Generator, locale: str, seed: int) -> np.ndarray:
    streets = pool("street_name", locale, seed)
    return _join(rng.integers(1, 9999, n), np.full(n, " "), _pick(streets, n, rng))


def _ips(n: int, rng: np.random.Generator, locale: str, seed: int) -> np.ndarray:
    octets = rng.integers(1, 255, (4, n))
    dot = np.full(n, ".")
    return _join(octets[0], dot, octets[1], dot, octets[2], dot, octets[3])


def _postcodes(n: int, rng: np.random.Generator, locale: str, seed: int) -> np.ndarray:
    return np.char.zfill(rng.integers(501, 99950, n).astype(str), 5).astype(object)


_COMPOSERS = {"name": _names, "email": _emails, "phone_number": _phones,
              "street_address": _addresses, "ipv4": _ips, "postcode": _postcodes}


def words(n: int, lo: int, hi: int, capitalized: bool, rng: np.random.Generator,
          locale: str = "en_US", seed: int = 0) -> np.ndarray:
    """Free text of lo..hi Faker words per value (shape of the column, none of its content)."""
    vocab = pool("word", locale, seed, 400)
    counts = rng.integers(max(1, lo), max(1, hi) + 1, n)
    out = np.full(n, "", dtype=object)
    for k in range(1, int(counts.max(initial=1)) + 1):
        rows = counts >= k
        w = _pick(vocab, int(rows.sum()), rng).astype(str)
        if capitalized:
            w = np.char.capitalize(w)
        sep = "" if k == 1 else " "
        out[rows] = _join(out[rows].astype(str), np.full(int(rows.sum()), sep), w)
    return out


def from_shapes(shapes: list[dict], n: int, rng: np.random.Generator) -> np.ndarray:
    """Values that follow the stored shapes (`A` letter, `a` lower, `9` digit, fixed positions)."""
    freqs = np.array([s["freq"] for s in shapes], dtype=float)
    choice = rng.choice(len(shapes), size=n, p=freqs / freqs.sum())
    out = np.empty(n, dtype=object)
    for i, spec in enumerate(shapes):
        rows = np.flatnonzero(choice == i)
        if rows.size:
            out[rows] = shape_values(spec["shape"], spec.get("fixed"), rows.size, rng)
    return out


def phones_from_shapes(shapes: list[dict], n: int, rng: np.random.Generator) -> np.ndarray:
    """Phone numbers in the column's own formats, every digit drawn; an international number
    never starts with a 0 after its `+` (no country code does)."""
    out = from_shapes(shapes, n, rng)
    zero = np.array([v.startswith("+0") for v in out], dtype=bool)
    for i in np.flatnonzero(zero):
        out[i] = "+" + str(rng.integers(1, 10)) + out[i][2:]
    return out


def shape_values(shape: str, fixed: str | None, n: int, rng: np.random.Generator) -> np.ndarray:
    """n strings of one shape, drawn character by character with numpy."""
    width = len(shape.encode("utf-8"))
    if width != len(shape):  # non-ASCII literals: keep them, randomise nothing else
        return np.full(n, shape, dtype=object)
    chars = np.empty((n, width), dtype=np.uint8)
    for j, c in enumerate(shape):
        if fixed and j < len(fixed) and fixed[j] != "_":
            chars[:, j] = ord(fixed[j])
        elif c == "A":
            chars[:, j] = 65 + rng.integers(0, 26, n)
        elif c == "a":
            chars[:, j] = 97 + rng.integers(0, 26, n)
        elif c == "9":
            chars[:, j] = 48 + rng.integers(0, 10, n)
        else:
            chars[:, j] = ord(c)
    if width == 0:
        return np.full(n, "", dtype=object)
    return chars.view(f"S{width}").ravel().astype(str).astype(object)
