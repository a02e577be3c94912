"""Speed of language identification: ``language.detect`` beside plain seeded langdetect.

``python -m pipeline.tools.bench_language [JSONL ...]`` reads ``{"id", "text"}`` records (default:
``../shared/data/langid/corpus/langid.jsonl``), runs both over the same texts after loading
their models once, and prints milliseconds per item and the load times.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ..config import SHARED_DIR
from ..stages import language

DEFAULT = SHARED_DIR / "data" / "langid" / "corpus" / "langid.jsonl"


def plain_langdetect(text: str) -> str:
    """langdetect as the skeleton used it: the global seed, ``detect_langs``, the best language."""
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        return detect_langs(text)[0].lang.split("-")[0]
    except LangDetectException:
        return language.UNDETERMINED


def ours(text: str) -> str:
    """This project's detector."""
    return language.detect(text).lang


def timed(fn: Callable[[str], str], texts: list[str]) -> tuple[float, float]:
    """(seconds of the first call, which loads the model; milliseconds per item after it)."""
    t0 = time.perf_counter()
    fn("warm up")
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    for text in texts:
        fn(text)
    return load, 1000 * (time.perf_counter() - t0) / max(len(texts), 1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.tools.bench_language", description=__doc__)
    ap.add_argument("files", nargs="*", type=Path, default=[DEFAULT])
    args = ap.parse_args(argv)
    texts = [json.loads(line)["text"] for f in args.files for line in f.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    print(f"{len(texts)} items")
    for name, fn in (("plain langdetect", plain_langdetect), ("language.detect", ours)):
        load, ms = timed(fn, texts)
        print(f"{name:18} load {load:5.1f} s   {ms:6.2f} ms per item")
    return 0


if __name__ == "__main__":
    sys.exit(main())
