#!/usr/bin/env python3
"""Cold start of the Lambda bootstraps: time from exec to the first request for work.

A stand-in for the Lambda Runtime API listens on 127.0.0.1; each run starts the function's
binary with AWS_LAMBDA_RUNTIME_API pointing at it and measures until the binary's first
`GET /2018-06-01/runtime/invocation/next` — its whole init: config, SDK clients, HTTP clients.
The binary is then killed. Also reports each binary's zipped size (deflate, as Lambda takes it).

    python3 infra/bench/cold_start.py target/release/create-job target/release/get-job target/release/worker
    python3 infra/bench/cold_start.py … target/release/minimal-function   (the floor: see below)
    RUNS=50 python3 infra/bench/cold_start.py …
    STRACE=1 python3 infra/bench/cold_start.py …   (also: every connect() made during init)

With STRACE=1 each binary is also run once under `strace -f -e trace=connect,sendto,sendmsg`,
and every socket it connects to (or datagram it sends) before its first `/next` is listed:
with no AWS_ENDPOINT_URL_* set, an SDK client doing I/O at init would show up as a DNS query
or a connection to an AWS endpoint.

The binaries' runs are interleaved (one run of each in turn), so a change in the machine's load
during the measurement falls on all of them alike. When one of them is `minimal-function`
(infra/bench/minimal-function: a lambda_runtime function that does nothing, built with the same
profile), every other binary's init is also given as a multiple of its init in the same run.
"""
import http.server
import re
import tempfile
import io
import os
import statistics
import subprocess
import sys
import threading
import time
import zipfile

RUNS = int(os.environ.get("RUNS", "30"))

ENV = {
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    "AWS_REGION": "us-east-1",
    "AWS_ACCESS_KEY_ID": "bench",
    "AWS_SECRET_ACCESS_KEY": "bench",
    "AWS_LAMBDA_FUNCTION_NAME": "bench",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256",
    "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
    "AWS_LAMBDA_LOG_STREAM_NAME": "bench",
    "AWS_LAMBDA_LOG_GROUP_NAME": "bench",
    "JOBS_TABLE": "jobs",
    "QUOTA_TABLE": "quota",
    "AGENTS_TABLE": "agents",
    "API_KEYS_TABLE": "keys",
    "IDEMPOTENCY_TABLE": "idem",
    "WORKSPACES_TABLE": "workspaces",
    "JOB_QUEUE_URL": "https://sqs.us-east-1.amazonaws.com/123456789012/jobs",
    "JOB_DEAD_LETTER_QUEUE_URL": "https://sqs.us-east-1.amazonaws.com/123456789012/jobs-dlq",
    "EVENT_BUS_NAME": "default",
    "RUST_LOG": "warn",
}

first_next = threading.Event()


class RuntimeApi(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's naming)
        if self.path.endswith("/runtime/invocation/next"):
            first_next.set()
            # Hold the request open: the function would wait here for an event.
            time.sleep(5)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def runs_here(path):
    """Whether the binary is for this machine's architecture (an arm64 build on an x86_64
    machine gets its size reported, not its init time)."""
    machines = {"x86_64": 0x3E, "aarch64": 0xB7}
    with open(path, "rb") as f:
        header = f.read(20)
    return int.from_bytes(header[18:20], "little") == machines.get(os.uname().machine)


def name(path):
    """The function's name: cargo lambda puts each binary in <function>/bootstrap."""
    base = os.path.basename(path)
    return os.path.basename(os.path.dirname(path)) if base == "bootstrap" else base


def zipped_size(path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.write(path, "bootstrap")
    return len(buf.getvalue())


def measure_once(binary, port):
    first_next.clear()
    env = dict(ENV, AWS_LAMBDA_RUNTIME_API=f"127.0.0.1:{port}")
    started = time.perf_counter()
    proc = subprocess.Popen([binary], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not first_next.wait(10):
        proc.kill()
        raise SystemExit(f"{binary} never asked for work")
    elapsed = (time.perf_counter() - started) * 1000
    proc.kill()
    proc.wait()
    return elapsed


def measure(binaries, port):
    """RUNS samples of each binary, taken in turn."""
    samples = {b: [] for b in binaries}
    for _ in range(RUNS):
        for binary in binaries:
            samples[binary].append(measure_once(binary, port))
    return {b: sorted(s) for b, s in samples.items()}


def init_connections(binary, port):
    """Every connect()/sendto() destination of the binary's init, under strace."""
    first_next.clear()
    env = dict(ENV, AWS_LAMBDA_RUNTIME_API=f"127.0.0.1:{port}")
    with tempfile.NamedTemporaryFile(prefix="cold-start-strace-") as trace:
        proc = subprocess.Popen(
            ["strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", trace.name, binary],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        if not first_next.wait(20):
            proc.kill()
            raise SystemExit(f"{binary} never asked for work under strace")
        proc.kill()
        proc.wait()
        with open(trace.name) as f:
            lines = f.read().splitlines()
    destinations = []
    for line in lines:
        inet = re.search(r'sin6?_port=htons\((\d+)\).*?inet_(?:addr|pton)\((?:AF_INET6, )?"([^"]+)"', line)
        unix = re.search(r'sun_path="([^"]+)"', line)
        if inet:
            destinations.append(f"{inet.group(2)}:{inet.group(1)}")
        elif unix:
            destinations.append(f"unix:{unix.group(1)}")
        elif "connect(" in line or "sendto(" in line or "sendmsg(" in line:
            destinations.append(line.split(" ", 1)[-1][:80])
    return destinations


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), RuntimeApi)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    local = [b for b in sys.argv[1:] if runs_here(b)]
    measured = measure(local, port)
    floor = next((statistics.median(measured[b]) for b in local if name(b) == "minimal-function"), None)
    print(
        f"{'function':<16} {'binary MB':>9} {'zip MB':>7} {'init p50 ms':>11} {'p90 ms':>7} {'min ms':>7}"
        f"{' vs minimal':>11}  ({RUNS} runs each, interleaved; load average {os.getloadavg()[0]:.1f})"
    )
    for binary in sys.argv[1:]:
        if binary not in measured:
            print(
                f"{name(binary):<16} {os.path.getsize(binary) / 1e6:>9.1f} {zipped_size(binary) / 1e6:>7.1f}"
                "  (another architecture: size only)"
            )
            continue
        samples = measured[binary]
        p50 = statistics.median(samples)
        p90 = samples[int(0.9 * (len(samples) - 1))]
        ratio = f"{p50 / floor:>10.2f}x" if floor else ""
        print(
            f"{name(binary):<16} {os.path.getsize(binary) / 1e6:>9.1f} {zipped_size(binary) / 1e6:>7.1f}"
            f" {p50:>11.1f} {p90:>7.1f} {samples[0]:>7.1f} {ratio}"
        )
    if os.environ.get("STRACE"):
        runtime = f"127.0.0.1:{port}"
        for binary in filter(runs_here, sys.argv[1:]):
            seen = init_connections(binary, port)
            others = sorted({d for d in seen if d != runtime})
            to_runtime = sum(1 for d in seen if d == runtime)
            print(
                f"{name(binary)}: {len(seen)} connect/send calls during init, "
                f"{to_runtime} to the Runtime API ({runtime}); "
                f"others: {', '.join(others) if others else 'none'}"
            )


if __name__ == "__main__":
    main()
