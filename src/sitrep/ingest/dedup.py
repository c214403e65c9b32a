"""Near-duplicates (reposts) by MinHash LSH, with datasketch.

A signature is a MinHash of the text's 3-word shingles (case-folded words),
with fixed NUM_PERM, SEED and permutation SCHEME so that signatures stored
by one run compare with those of the next. It serialises to bytes
(little-endian) for the store.

THRESHOLD is on the estimated Jaccard similarity of the shingle sets. A
repost with a new headline and a few edited words keeps most shingles
(each edited word changes at most three), typically above 0.7; two articles
written separately about the same event share names and stock phrases but
few word triples, typically below 0.2. 0.5 sits between the two. LSH
candidates are checked against their stored signature, so query returns
only keys estimated above the threshold.

Exact duplicates are handled by ``Document.content_hash``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from datasketch import LeanMinHash, MinHash, MinHashLSH

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"
SHINGLE_WORDS = 3
THRESHOLD = 0.5
BYTE_ORDER = "<"


def shingles(text: str) -> set[bytes]:
    """Runs of SHINGLE_WORDS case-folded words; a shorter text is one shingle."""
    words = re.findall(r"\w+", text.casefold())
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    runs = (words[start : start + SHINGLE_WORDS] for start in range(len(words) - SHINGLE_WORDS + 1))
    return {" ".join(run).encode("utf-8") for run in runs}


def minhash_signature(text: str) -> bytes:
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    minhash.update_batch(list(shingles(text)))
    lean = LeanMinHash(minhash)
    buffer = bytearray(lean.bytesize(BYTE_ORDER))
    lean.serialize(buffer, BYTE_ORDER)
    return bytes(buffer)


def load_signature(signature: bytes) -> LeanMinHash:
    minhash = LeanMinHash.deserialize(signature, BYTE_ORDER)
    if (len(minhash), minhash.seed, minhash.scheme) != (NUM_PERM, SEED, SCHEME):
        raise ValueError("signature was made with other MinHash parameters")
    return minhash


class NearDuplicateIndex:
    """Keys of stored texts, found again from the signature of a near-duplicate."""

    def __init__(self, entries: Iterable[tuple[str, bytes]] = (), *, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, LeanMinHash] = {}
        for key, signature in entries:
            self.add(key, signature)

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, key: str, signature: bytes) -> None:
        """Index ``key``; adding a key again is a no-op, so re-runs are safe."""
        if key in self._signatures:
            return
        minhash = load_signature(signature)
        self._lsh.insert(key, minhash)
        self._signatures[key] = minhash

    def query(self, signature: bytes) -> list[str]:
        """Keys whose text is estimated at least ``threshold`` similar, sorted."""
        minhash = load_signature(signature)
        candidates = self._lsh.query(minhash)
        return sorted(key for key in candidates if self._signatures[key].jaccard(minhash) >= self.threshold)
