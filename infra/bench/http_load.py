#!/usr/bin/env python3
"""Handler latency over HTTP: the local dev server (`agent-builder dev`, release build) on
DynamoDB Local + moto, loaded by wrk, beside the emulators' own floor (the `emulator_floor`
bench: a bare AWS SDK call in a loop at the same concurrency).

    python3 infra/bench/http_load.py                 # CONCURRENCY="1 16" DURATION_S=10

For each concurrency:
  get-job     GET /agent-builder/{id} of one completed job (API key lookups are cached, so
              each request is one DynamoDB GetItem)   vs  the floor OP=get (GetItem)
  create-job  POST /agent-builder with an instructions-only body, the requests rotating over
              the keys of c workspaces (one workspace's quota counter is one hot item: see the
              1-workspace row); DAILY_JOB_LIMIT is raised so the quota never ends a run
              vs  the floors OP=transact (TransactWriteItems of its shape), OP=put (PutItem)
              and OP=send (SQS SendMessage)
The dev server's worker takes the created jobs off the queue meanwhile, as it would.

Installs wrk with apt-get when missing. Uses the bench ports of stack.py.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stack  # noqa: E402

DURATION = int(os.environ.get("DURATION_S", "10"))
CONCURRENCY = [int(c) for c in os.environ.get("CONCURRENCY", "1 16").split()]
PREFIX = "bench-http"

POST_LUA = """
keys = {%s}
body = '{"instructions":"Answer questions about opening hours and book appointments for Bluebird Dental"}'
counter = 0
setup = function(thread)
  thread:set("offset", counter)
  counter = counter + 1
end
init = function(args)
  n = offset
end
request = function()
  n = n + 1
  local key = keys[(n %% #keys) + 1]
  return wrk.format("POST", "/agent-builder", {["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json"}, body)
end
"""


def ensure_wrk():
    if shutil.which("wrk"):
        return
    stack.log("apt-get install wrk")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=env, check=True, stdout=subprocess.DEVNULL)


def to_ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}[unit]


def wrk(url, connections, *args):
    out = subprocess.run(
        ["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{DURATION}s", "--latency", *args, url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = to_ms(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = to_ms(re.search(r"\s99%\s+(\S+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    total = int(re.search(r"(\d+) requests in", out).group(1))
    return {"rps": rps, "p50": p50, "p99": p99, "non2xx": int(bad.group(1)) if bad else 0, "requests": total,
            "socket_errors": errors.group(1) if errors else ""}


def floor(op, concurrency, env):
    out = stack.cargo_bench(
        "emulator_floor", dict(env, OP=op, CONCURRENCY=str(concurrency), DURATION_S=str(DURATION))
    )
    m = re.search(r"= (\d+) req/s, p50 ([\d.]+) ms, p99 ([\d.]+) ms, (\d+) errors", out)
    return {"rps": float(m.group(1)), "p50": float(m.group(2)), "p99": float(m.group(3)), "non2xx": int(m.group(4))}


def row(name, concurrency, r):
    note = f" ({r['non2xx']} of {r.get('requests', '?')} not 2xx)" if r["non2xx"] else ""
    return f"| {name} | {concurrency} | {r['rps']:.0f} | {r['p50']:.2f} ms | {r['p99']:.2f} ms |{note}"


def main():
    ensure_wrk()
    (agent_builder,) = stack.release_binaries("agent-builder")
    work = tempfile.mkdtemp(prefix="bench-http-")
    rows = []
    with stack.Emulators() as emulators:
        env = dict(os.environ, **emulators.env, RUST_LOG="warn")
        tables = dict(
            line.split("=", 1)
            for line in subprocess.run(
                [agent_builder, "provision", "--prefix", PREFIX], env=env, check=True, capture_output=True, text=True
            ).stdout.split()
        )
        keys = [
            subprocess.run(
                [agent_builder, "create-api-key", "--workspace", f"bench-{i}", "--table", tables["API_KEYS_TABLE"]],
                env=env, check=True, capture_output=True, text=True,
            ).stdout.strip()
            for i in range(max(CONCURRENCY))
        ]
        dev = stack.DevServer(
            agent_builder, env, stack.DEV_PORT, os.path.join(work, "key"),
            "--prefix", PREFIX, "--daily-job-limit", "100000000",
            log_path=os.path.join(work, "dev.log"),
        )
        try:
            api = dev.url + "/agent-builder"
            request = urllib.request.Request(
                api, method="POST", data=b'{"instructions":"Book appointments for Bluebird Dental"}',
                headers={"Authorization": f"Bearer {dev.key}", "Content-Type": "application/json"},
            )
            job_id = json.load(urllib.request.urlopen(request))["data"]["job_id"]
            for _ in range(100):
                got = json.load(urllib.request.urlopen(urllib.request.Request(
                    f"{api}/{job_id}", headers={"Authorization": f"Bearer {dev.key}"})))
                if got["data"]["status"] == "completed":
                    break
                stack.time.sleep(0.1)
            # Warm-up: connections, caches, the JVM's JIT in DynamoDB Local.
            wrk(f"{api}/{job_id}", 4, "-H", f"Authorization: Bearer {dev.key}")
            for c in CONCURRENCY:
                rows.append(row("get-job over HTTP", c, wrk(f"{api}/{job_id}", c, "-H", f"Authorization: Bearer {dev.key}")))
                rows.append(row("floor: DynamoDB GetItem", c, floor("get", c, env)))
            for c in CONCURRENCY:
                script = os.path.join(work, f"post-{c}.lua")
                with open(script, "w") as f:
                    f.write(POST_LUA % ", ".join(f'"{k}"' for k in keys[:c]))
                rows.append(row(f"create-job over HTTP ({c} workspace{'s' if c > 1 else ''})", c, wrk(api, c, "-s", script)))
                if c > 1:
                    single = os.path.join(work, "post-single.lua")
                    with open(single, "w") as f:
                        f.write(POST_LUA % f'"{keys[0]}"')
                    rows.append(row("create-job over HTTP (1 workspace)", c, wrk(api, c, "-s", single)))
                rows.append(row("floor: DynamoDB TransactWriteItems (update + put)", c, floor("transact", c, env)))
                rows.append(row("floor: DynamoDB PutItem", c, floor("put", c, env)))
                rows.append(row("floor: SQS SendMessage (moto)", c, floor("send", c, env)))
        finally:
            dev.stop()
    shutil.rmtree(work, ignore_errors=True)
    print(f"{DURATION} s per row; wrk -t min(2, c) -c c --latency; floors: cargo bench --bench emulator_floor")
    print("| what | concurrency | requests/s | p50 | p99 |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(r)


if __name__ == "__main__":
    main()
