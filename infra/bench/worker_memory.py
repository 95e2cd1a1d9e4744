#!/usr/bin/env python3
"""Peak memory of the worker Lambda (release build) doing real jobs on the local stack.

The create-job and worker bootstraps run as processes against a stand-in Lambda Runtime API
(this script), with DynamoDB Local and moto behind them and a fixture site on 127.0.0.1 with
50 ms per response. create-job accepts the jobs; a fresh worker process is handed one SQS
batch naming them, and its VmHWM (peak resident set, from /proc) is read once it has answered
the batch and asks for the next one. Scenarios:

    25 pages        home + 24 small business pages (~2.5 KB each)
    25 x 2 MiB      the same pages padded to 2 MiB each (the fetcher's cap per page)
    5 jobs x 25 x 2 MiB in one batch (the template's batch size; the worker runs 4 at once)

each with the default allocator settings and with MALLOC_ARENA_MAX=2. Then, for comparison,
`agent-builder build URL` (the same pipeline without AWS) under /usr/bin/time -v.

    python3 infra/bench/worker_memory.py
    AB_BENCH_SKIP_BUILD_ROWS=1 …   (measure the worker only: e.g. when the agent-builder copied to
                                     $AB_RUN_DIR/bin is a debug build used to provision)
"""
import http.server
import json
import os
import queue
import re
import subprocess
import sys
import tempfile
import threading
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stack  # noqa: E402

PREFIX = "bench-mem"
MIB = 1024 * 1024


class RuntimeApi:
    """The Lambda Runtime API for one function process, one invocation at a time: `invoke`
    hands it an event and returns its response. One per process, so that a killed process's
    pending `/next` can never swallow the next process's event."""

    def __init__(self):
        self.events = queue.Queue()
        self.responses = {}
        self.asked = threading.Event()
        api = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                if not self.path.endswith("/invocation/next"):
                    self.send_error(404)
                    return
                api.asked.set()
                request_id, body = api.events.get()
                self.send_response(200)
                self.send_header("Lambda-Runtime-Aws-Request-Id", request_id)
                self.send_header("Lambda-Runtime-Deadline-Ms", str(int(time.time() * 1000) + 180_000))
                self.send_header("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:bench")
                self.send_header("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                parts = self.path.split("/")
                # /2018-06-01/runtime/invocation/{id}/response | /error
                request_id = parts[-2]
                self.send_response(202)
                self.send_header("Content-Length", "0")
                self.end_headers()
                slot = api.responses.get(request_id)
                if slot is not None:
                    slot["kind"] = parts[-1]
                    slot["body"] = body
                    slot["done"].set()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.address = f"127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for_next(self, timeout=30):
        if not self.asked.wait(timeout):
            raise SystemExit("the function never asked for an event")
        self.asked.clear()

    def invoke(self, event, timeout=300):
        request_id = str(uuid.uuid4())
        slot = {"done": threading.Event()}
        self.responses[request_id] = slot
        self.events.put((request_id, json.dumps(event).encode()))
        if not slot["done"].wait(timeout):
            raise SystemExit("the function did not answer")
        if slot["kind"] != "response":
            raise SystemExit(f"the function failed: {slot['body'][:500]!r}")
        return json.loads(slot["body"])


def create_event(key, site):
    with open(os.path.join(stack.ROOT, "infra", "events", "create-job.json")) as f:
        event = json.load(f)
    event["headers"]["authorization"] = f"Bearer {key}"
    event["headers"].pop("content-length", None)
    event["body"] = json.dumps({"website_url": site})
    return event


def sqs_batch(job_ids):
    with open(os.path.join(stack.ROOT, "infra", "events", "worker-sqs-batch.json")) as f:
        template = json.load(f)["Records"][0]
    records = []
    for job_id in job_ids:
        record = dict(template, messageId=str(uuid.uuid4()), body=json.dumps({"job_id": job_id}))
        records.append(record)
    return {"Records": records}


def start_function(binary, env, log_path):
    runtime = RuntimeApi()
    env = dict(env, AWS_LAMBDA_RUNTIME_API=runtime.address)
    proc = subprocess.Popen([binary], env=env, stdout=open(log_path, "w"), stderr=subprocess.STDOUT)
    runtime.wait_for_next()
    return proc, runtime


def stop(proc):
    proc.kill()
    proc.wait()


def worker_peak(worker, env, job_ids, work, label):
    """A fresh worker process runs one batch; returns (init MiB, peak MiB, jobs completed)."""
    log_path = os.path.join(work, f"worker-{label}.log")
    proc, runtime = start_function(worker, env, log_path)
    init = stack.peak_rss_mib(proc.pid)
    answer = runtime.invoke(sqs_batch(job_ids))
    runtime.wait_for_next()
    peak = stack.peak_rss_mib(proc.pid)
    stop(proc)
    with open(log_path) as f:
        completed = f.read().count("job completed")
    if answer.get("batchItemFailures"):
        raise SystemExit(f"batch item failures: {answer}")
    return init, peak, completed


def build_peak(agent_builder, site):
    out = subprocess.run(
        ["/usr/bin/time", "-v", agent_builder, "build", "--allow-private-network", site],
        capture_output=True, text=True, env=dict(os.environ, RUST_LOG="warn"),
    )
    if out.returncode != 0:
        raise SystemExit(f"agent-builder build failed: {out.stderr[-2000:]}")
    kib = int(re.search(
        r"Maximum resident set size \(kbytes\): (\d+)", out.stderr).group(1))
    return kib / 1024


def main():
    worker, create_job, agent_builder = stack.release_binaries("worker", "create-job", "agent-builder")
    work = tempfile.mkdtemp(prefix="bench-mem-")
    small = stack.FixtureSite(pages=24, latency_ms=50)
    large = stack.FixtureSite(pages=24, latency_ms=50, page_bytes=2 * MIB)
    rows = []
    with stack.Emulators() as emulators:
        env = dict(os.environ, **emulators.env, RUST_LOG="warn")
        provisioned = subprocess.run(
            [agent_builder, "provision", "--prefix", PREFIX], env=env, check=True, capture_output=True, text=True
        ).stdout
        env.update(line.split("=", 1) for line in provisioned.split())
        key = subprocess.run(
            [agent_builder, "create-api-key", "--workspace", "bench-mem", "--table", env["API_KEYS_TABLE"]],
            env=env, check=True, capture_output=True, text=True,
        ).stdout.strip()
        env.update(
            AWS_LAMBDA_FUNCTION_NAME="bench",
            AWS_LAMBDA_FUNCTION_MEMORY_SIZE="128",
            AWS_LAMBDA_FUNCTION_VERSION="$LATEST",
            AWS_LAMBDA_LOG_STREAM_NAME="bench",
            AWS_LAMBDA_LOG_GROUP_NAME="bench",
            ALLOW_PRIVATE_NETWORK="true",
            DAILY_JOB_LIMIT="1000000",
            RUST_LOG="info",
        )
        creator, runtime = start_function(create_job, env, os.path.join(work, "create-job.log"))

        def create_jobs(site, n):
            ids = []
            for _ in range(n):
                answer = runtime.invoke(create_event(key, site))
                if answer.get("statusCode") != 201:
                    raise SystemExit(f"create-job answered {answer}")
                ids.append(json.loads(answer["body"])["data"]["job_id"])
            runtime.wait_for_next()
            return ids

        scenarios = [("25 pages", small, 1), ("25 x 2 MiB", large, 1), ("batch of 5 jobs, 25 x 2 MiB each", large, 5)]
        try:
            for allocator, extra in (("default", {}), ("MALLOC_ARENA_MAX=2", {"MALLOC_ARENA_MAX": "2"})):
                for label, site, n in scenarios:
                    ids = create_jobs(site.base, n)
                    init, peak, completed = worker_peak(worker, dict(env, **extra), ids, work, f"{label}-{allocator}")
                    if completed != n:
                        raise SystemExit(f"{label}: {completed} of {n} jobs completed (see {work})")
                    rows.append(f"| worker Lambda | {label} | {allocator} | {init:.1f} MiB | **{peak:.1f} MiB** |")
        finally:
            stop(creator)
    for label, site in () if os.environ.get("AB_BENCH_SKIP_BUILD_ROWS") else (("25 pages", small), ("25 x 2 MiB", large)):
        rows.append(f"| `agent-builder build` | {label} | default | | **{build_peak(agent_builder, site.base):.1f} MiB** |")
    print("| process | site | allocator | RSS after init | peak RSS |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(r)


if __name__ == "__main__":
    main()
