"""Shared helpers of the benchmarks: the machine, the bundled texts, a clock."""
from __future__ import annotations

import json
import os
import platform
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def machine() -> str:
    """Cores and CPU model, printed with every figure."""
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def bundled_texts(at_least: int = 6000, unique: bool = False) -> list[str]:
    """The bundled labeled objectives, repeated in order until there are ``at_least`` of them.

    ``unique=True`` makes every text distinct (a numbered suffix), so no cache can help.
    """
    rows = [json.loads(line)["text"] for line in (ROOT / "data" / "objectives.jsonl").open(encoding="utf-8")]
    texts = []
    while len(texts) < at_least:
        texts.extend(rows)
    texts = texts[:max(at_least, len(rows))]
    if unique:
        texts = [f"{t} (#{k})" for k, t in enumerate(texts)]
    return texts


def timed(fn, *args, **kwargs) -> float:
    start = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - start
