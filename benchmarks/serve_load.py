"""kg serve under load, side by side with the bare Oxigraph server on the same store.

    python benchmarks/serve_load.py                      # 60 s per run, 32 clients
    python benchmarks/serve_load.py --seconds 10         # a quick look
    python benchmarks/serve_load.py --build build/       # an existing build instead of data/

Builds the shipped corpus (``data/``) into a temporary folder unless ``--build`` names one,
then, for each client mode (a new connection per request, and keep-alive connections),
runs ``--clients`` clients for ``--seconds`` against each of

- ``oxigraph serve-read-only --union-default-graph`` on the store (the bare engine), and
- ``kg serve`` on the same store (its defaults),

both running at once, the load alternating between them in ``--slices`` slices so that
both see the same machine (a shared machine's load changes by the minute). The clients
run in ``--procs`` processes (threads in each) and send a mix of small read queries
(SELECT, ASK, CONSTRUCT, CSV); an answer counts only if it is a complete ``200`` that
parses. Prints a table and writes JSON
(``-o``, default ``benchmarks/results/serve_load.json``): requests/s, errors, median and
95th-percentile latency for each server and mode, and kg serve's ratio to the bare engine
(target: 0 errors and at least 0.5). Do not run it while other heavy work runs.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KG = "https://w3id.org/kg-toolkit/ontology#"
MIX = [
    ("application/sparql-results+json", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
    ("application/sparql-results+json",
     "SELECT ?x ?l WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label> ?l } LIMIT 20"),
    ("text/csv", "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"),
    ("application/sparql-results+json", f"ASK {{ ?s a <{KG}Claim> }}"),
    ("application/n-triples", f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s a <{KG}State> ; ?p ?o }}"),
]


def _complete(accept: str, body: bytes) -> bool:
    import pyoxigraph as ox

    try:
        if accept == "application/n-triples":
            list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        elif accept == "text/csv":
            return body.startswith(b"g,n\r\n")
        else:
            json.loads(body)
    except (SyntaxError, ValueError):
        return False
    return True


def _client_proc(port: int, threads: int, seconds: float, keep_alive: bool,
                 out: multiprocessing.Queue) -> None:
    """One process of clients: ``threads`` threads sending the MIX until the deadline."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(k: int) -> None:
        conn = None
        i, mine, bad = k, [], []
        while time.monotonic() < deadline:
            accept, query = MIX[i % len(MIX)]
            i += 1
            started = time.perf_counter()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                headers = {"Accept": accept, "Host": f"127.0.0.1:{port}"}
                if not keep_alive:
                    headers["Connection"] = "close"
                if i % 2:
                    headers["Content-Type"] = "application/x-www-form-urlencoded"
                    conn.request("POST", "/query", urllib.parse.urlencode({"query": query}),
                                 headers)
                else:
                    conn.request("GET", "/query?" + urllib.parse.urlencode({"query": query}),
                                 headers=headers)
                resp = conn.getresponse()
                body = resp.read()
                ok = resp.status == 200 and _complete(accept, body)
                why = f"{resp.status}: {body[:100]!r}"
                if not keep_alive or resp.will_close:
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as exc:
                ok, why = False, f"{type(exc).__name__}: {exc}"
                if conn is not None:
                    conn.close()
                conn = None
            mine.append(time.perf_counter() - started)
            if not ok:
                bad.append(why)
        if conn is not None:
            conn.close()
        with lock:
            latencies.extend(mine)
            errors.extend(bad)

    pool = [threading.Thread(target=client, args=(k,)) for k in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    out.put((latencies, errors[:20], len(errors)))


def load(port: int, *, clients: int, procs: int, seconds: float, keep_alive: bool) -> dict:
    queue: multiprocessing.Queue = multiprocessing.Queue()
    per = [clients // procs + (1 if k < clients % procs else 0) for k in range(procs)]
    workers = [multiprocessing.Process(target=_client_proc,
                                       args=(port, n, seconds, keep_alive, queue))
               for n in per if n]
    started = time.monotonic()
    for w in workers:
        w.start()
    results = [queue.get() for _ in workers]
    for w in workers:
        w.join()
    wall = time.monotonic() - started
    latencies = [x for r in results for x in r[0]]
    errors = sum(r[2] for r in results)
    samples = [e for r in results for e in r[1]][:5]
    cuts = statistics.quantiles(latencies, n=20) if len(latencies) > 1 else [0.0] * 19
    return {"requests": len(latencies), "errors": errors, "error_samples": samples,
            "seconds": round(wall, 2), "requests_per_s": round(len(latencies) / seconds, 1),
            "p50_ms": round(statistics.median(latencies) * 1000, 2) if latencies else None,
            "p95_ms": round(cuts[18] * 1000, 2), "latencies": latencies}


def _merge(parts: list[dict], seconds: float) -> dict:
    """The slices of one server and mode as one run."""
    latencies = [x for p in parts for x in p["latencies"]]
    cuts = statistics.quantiles(latencies, n=20) if len(latencies) > 1 else [0.0] * 19
    return {"requests": len(latencies), "errors": sum(p["errors"] for p in parts),
            "error_samples": [e for p in parts for e in p["error_samples"]][:5],
            "seconds": round(sum(p["seconds"] for p in parts), 2),
            "requests_per_s": round(len(latencies) / seconds, 1),
            "p50_ms": round(statistics.median(latencies) * 1000, 2) if latencies else None,
            "p95_ms": round(cuts[18] * 1000, 2),
            "slices_requests_per_s": [p["requests_per_s"] for p in parts]}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(port: int, proc: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"{what} exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", "/query?" + urllib.parse.urlencode({"query": "ASK {}"}),
                         headers={"Host": f"127.0.0.1:{port}"})
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{what} did not answer within 120 s")


def start_oxigraph(store: Path) -> tuple[subprocess.Popen, int]:
    from kg.server.launch import oxigraph_binary

    port = _free_port()
    proc = subprocess.Popen([oxigraph_binary(), "serve-read-only", "--location", str(store),
                             "--bind", f"127.0.0.1:{port}", "--union-default-graph",
                             "--timeout-s", "30"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait(port, proc, "oxigraph serve-read-only")
    return proc, port


def start_kg_serve(build: Path) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--build", str(build),
                             "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait(port, proc, "kg serve")
    return proc, port


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seconds", type=float, default=60.0)
    p.add_argument("--clients", type=int, default=32)
    p.add_argument("--procs", type=int, default=4, help="client processes (default: 4)")
    p.add_argument("--slices", type=int, default=6,
                   help="the load of each server comes in this many slices, alternating "
                        "between the servers (default: 6)")
    p.add_argument("--build", type=Path, default=None,
                   help="an existing build folder (default: build data/ into a temp folder)")
    p.add_argument("-o", "--output", type=Path,
                   default=ROOT / "benchmarks" / "results" / "serve_load.json")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-serve-load-") as tmp:
        build = args.build
        if build is None:
            from kg.build import build as run_build

            build = Path(tmp) / "build"
            run_build(ROOT / "data", out=build)
        runs: dict = {}
        servers = {"oxigraph": start_oxigraph(build / "store"), "kg-serve": start_kg_serve(build)}
        try:
            for mode, keep_alive in (("new-connection", False), ("keep-alive", True)):
                slices: dict[str, list[dict]] = {name: [] for name in servers}
                for k in range(args.slices):  # alternate, so both see the same machine
                    order = list(servers) if k % 2 == 0 else list(servers)[::-1]
                    for name in order:
                        slices[name].append(load(servers[name][1], clients=args.clients,
                                                  procs=args.procs, keep_alive=keep_alive,
                                                  seconds=args.seconds / args.slices))
                for name, parts in slices.items():
                    r = runs[f"{name}/{mode}"] = _merge(parts, args.seconds)
                    print(f"{name:9} {mode:15} {r['requests_per_s']:>9.1f} req/s  "
                          f"errors {r['errors']:>5}  p50 {r['p50_ms']} ms  "
                          f"p95 {r['p95_ms']} ms", flush=True)
        finally:
            for proc, _ in servers.values():
                _stop(proc)
    ratios = {mode: round(runs[f"kg-serve/{mode}"]["requests_per_s"]
                          / max(runs[f"oxigraph/{mode}"]["requests_per_s"], 1e-9), 3)
              for mode in ("new-connection", "keep-alive")}
    result = {"machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                          "platform": platform.platform()},
              "clients": args.clients, "client_procs": args.procs, "seconds": args.seconds,
              "runs": runs, "kg_serve_to_oxigraph": ratios}
    for mode, ratio in ratios.items():
        print(f"kg serve / oxigraph, {mode}: {ratio:.2f} "
              f"(kg serve errors: {runs[f'kg-serve/{mode}']['errors']})")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
