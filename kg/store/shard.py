"""Sharded N-Quads for bulk loaders (``oxigraph load``, Virtuoso ``ld_dir``, QLever).

A built ``graph.nq`` is split into gzip-compressed shards of at most ``quads`` lines
each. N-Quads hold one statement per line (newlines inside literals are escaped),
so a shard is valid N-Quads on its own and shards load in parallel. A
``shards.json`` manifest lists each shard with its quad count and SHA-256, so a
loader (or a person) can check nothing was lost on the way.

    python -m kg.store.shard build/graph.nq -o build/shards --quads 1000000
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
from pathlib import Path

from kg.errors import StoreError

__all__ = ["write_shards", "main"]


def write_shards(nquads_path: str | Path, out_dir: str | Path, *, quads: int = 1_000_000,
                 compress: bool = True) -> list[Path]:
    """Split ``nquads_path`` into ``part-NNNNN.nq[.gz]`` files in ``out_dir``; return them.

    Previous ``part-*`` files in ``out_dir`` are removed first, so the folder holds one
    consistent set.

    :raises StoreError: if the input is missing or ``quads`` is not positive.
    """
    src, out = Path(nquads_path), Path(out_dir)
    if quads < 1:
        raise StoreError(f"shard size must be at least 1 quad, not {quads}")
    if not src.is_file():
        raise StoreError(f"{src}: N-Quads file not found")
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("part-*.nq*"):
        old.unlink()
    suffix = ".nq.gz" if compress else ".nq"
    shards: list[dict[str, object]] = []
    paths: list[Path] = []
    writer, digest, count = None, hashlib.sha256(), 0

    def close() -> None:
        nonlocal writer
        if writer is not None:
            writer.close()
            shards.append({"file": paths[-1].name, "quads": count, "sha256": digest.hexdigest()})
            writer = None

    with src.open("rb") as lines:
        for line in lines:
            if not line.strip() or line.lstrip().startswith(b"#"):
                continue
            if writer is None or count >= quads:
                close()
                paths.append(out / f"part-{len(paths):05d}{suffix}")
                # mtime=0: the same input gives the same bytes
                writer = (gzip.GzipFile(paths[-1], "wb", compresslevel=6, mtime=0) if compress
                          else paths[-1].open("wb"))
                digest, count = hashlib.sha256(), 0
            data = line if line.endswith(b"\n") else line + b"\n"
            writer.write(data)
            digest.update(data)
            count += 1
    close()
    manifest = {"source": src.name, "quads_per_shard": quads, "format": "application/n-quads",
                "compressed": compress, "shards": shards}
    (out / "shards.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kg.store.shard",
        description="Split a built graph.nq into gzip N-Quads shards for bulk loaders.")
    parser.add_argument("nquads", help="the N-Quads file (e.g. build/graph.nq)")
    parser.add_argument("-o", "--out", required=True, help="output folder")
    parser.add_argument("--quads", type=int, default=1_000_000, help="quads per shard")
    parser.add_argument("--no-gzip", action="store_true", help="write plain .nq shards")
    args = parser.parse_args(argv)
    try:
        paths = write_shards(args.nquads, args.out, quads=args.quads, compress=not args.no_gzip)
    except StoreError as exc:
        print(f"kg.store.shard: error: {exc}")
        return 2
    print(f"wrote {len(paths)} shard(s) and shards.json to {args.out}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
