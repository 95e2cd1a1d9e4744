#!/usr/bin/env python3
"""Soak: many jobs through the release worker while workers are SIGKILLed at random points.

Jobs are created through create-job; WORKERS worker environments consume the job queue as the
event source mapping does (batches of 5, ReportBatchItemFailures); each invocation is killed
with probability KILL_PROBABILITY at a random moment in its first KILL_WITHIN_S seconds (three
jobs in four read a fixture site, so a batch takes about a second). The job reaper runs on its
schedule (every SWEEP_S) and consumes the dead-letter queue. Invocations get WORKER_TIMEOUT_S
(their lease); a killed invocation's messages come back when their visibility (VISIBILITY_S,
2x the timeout, scaled down from the template's 180 s / 1,080 s) runs out, and SQS (moto) moves a
message received maxReceiveCount times to the dead-letter queue.

Checks, at the end: every job ended `completed` or `failed`; every job the reaper ended did so
within the sweep interval (plus the time one sweep takes) after its last lease ran out; no job
has two agents (one agent per completed job, none for a failed one); the quota counter equals
the jobs that count (created minus those the reaper gave back); every job the reaper ended had
its event and its webhook. Bounded (MAX_MINUTES), self-stopping, 127.0.0.1 only.

    JOBS=200 KILL_PROBABILITY=0.5 WORKERS=3 SWEEP_S=5 $AB_LOCAL_DIR/venv/bin/python infra/reliability/soak.py
"""
import calendar
import collections
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (  # noqa: E402
    FixtureSite, Killed, LambdaHost, Stack, check, create_jobs, log, now_ms, receive, settle_batch, sqs_record,
)

JOBS = int(os.environ.get("JOBS", "200"))
KILL_PROBABILITY = float(os.environ.get("KILL_PROBABILITY", "0.5"))
KILL_WITHIN_S = float(os.environ.get("KILL_WITHIN_S", "1.0"))
WORKERS = int(os.environ.get("WORKERS", "3"))
SWEEP_S = float(os.environ.get("SWEEP_S", "5"))
WORKER_TIMEOUT_S = int(os.environ.get("WORKER_TIMEOUT_S", "30"))
# The queue's visibility timeout: 2x the invocation's here (6x in the template), so a job whose
# worker died on the last delivery is left to the sweep, not to the dead-letter queue.
VISIBILITY_S = int(os.environ.get("VISIBILITY_S", str(2 * WORKER_TIMEOUT_S)))
MAX_MINUTES = float(os.environ.get("MAX_MINUTES", "20"))
SEED = int(os.environ.get("SEED", "20261130"))
SCHEDULED_EVENT = {"version": "0", "source": "aws.events", "detail-type": "Scheduled Event", "detail": {}}
ABANDONED_MARK = "No quota was used for this job"


def rfc3339_ms(text):
    """Unix ms of the records' `2026-11-30T12:00:01.123456789Z`."""
    base, _, fraction = text.rstrip("Z").partition(".")
    return calendar.timegm(time.strptime(base, "%Y-%m-%dT%H:%M:%S")) * 1000 + int((fraction + "000")[:3])


def main():
    binaries = {name: os.environ[name] for name in ("WORKER", "REAPER", "CREATE_JOB", "AGENT_BUILDER")}
    rng = random.Random(SEED)
    work = tempfile.mkdtemp(prefix="reliability-soak-")
    log(f"soak: {JOBS} jobs, kill probability {KILL_PROBABILITY}, {WORKERS} workers, sweep every {SWEEP_S} s; logs in {work}")
    stack = Stack(binaries["AGENT_BUILDER"], work, "rel-soak")
    # Slow enough that a batch takes about a second, so kills land mid-job.
    site = FixtureSite(pages=6, latency_ms=60)
    creator = LambdaHost(binaries["CREATE_JOB"], stack.env, os.path.join(work, "create-job.log"))
    bodies = []
    for i in range(JOBS):
        body = {"instructions": f"Take bookings for customer {i}", "callback_url": stack.webhooks.url}
        if i % 4 != 0:
            body["website_url"] = site.base
        bodies.append(body)
    started = time.time()
    ids = create_jobs(creator, stack, bodies)
    creator.close()
    log(f"created {len(ids)} jobs in {time.time() - started:.0f} s")

    lock = threading.Lock()
    last_lease = {}  # job id -> the deadline (lease end) of its latest invocation
    stats = collections.Counter()
    done = threading.Event()
    give_up = time.time() + MAX_MINUTES * 60

    def worker_loop(index):
        host = LambdaHost(binaries["WORKER"], stack.env, os.path.join(work, f"worker-{index}.log"), timeout_s=WORKER_TIMEOUT_S)
        while not done.is_set() and time.time() < give_up:
            messages = receive(stack, stack.job_queue, visibility_s=VISIBILITY_S)
            if not messages:
                continue
            jobs = [json.loads(m["Body"])["job_id"] for m in messages]

            def started(deadline, jobs=jobs):
                with lock:
                    for job_id in jobs:
                        last_lease[job_id] = deadline

            with lock:
                kill_after = rng.uniform(0, KILL_WITHIN_S) if rng.random() < KILL_PROBABILITY else None
            event = {"Records": [sqs_record(m, stack.job_queue_arn) for m in messages]}
            try:
                answer = host.invoke(event, kill_after=kill_after, on_start=started)
            except Killed:
                with lock:
                    stats["invocations killed"] += 1
                    stats["messages in killed invocations"] += len(messages)
                continue
            settle_batch(stack, stack.job_queue, messages, answer)
            with lock:
                stats["invocations answered"] += 1
                stats["messages retried"] += len(answer.get("batchItemFailures", []))
        host.close()

    sweep_lags = []

    def reaper_loop():
        host = LambdaHost(binaries["REAPER"], stack.env, os.path.join(work, "reaper.log"), timeout_s=60)
        next_sweep = time.time()
        while not done.is_set() and time.time() < give_up:
            if time.time() >= next_sweep:
                next_sweep += SWEEP_S
                swept_at = now_ms()
                report = host.invoke(SCHEDULED_EVENT)
                with lock:
                    stats["sweeps"] += 1
                    stats["ended by the sweep"] += report.get("ended", 0)
                    stats["sweep errors"] += report.get("errors", 0)
                    sweep_lags.append(now_ms() - swept_at)
            dead = receive(stack, stack.dlq, visibility_s=60, max_messages=10, wait_s=0)
            if dead:
                answer = host.invoke({"Records": [sqs_record(m, stack.dlq_arn) for m in dead]})
                settle_batch(stack, stack.dlq, dead, answer)
                with lock:
                    stats["dead letters"] += len(dead)
            time.sleep(0.2)
        host.close()

    threads = [threading.Thread(target=worker_loop, args=(i,)) for i in range(WORKERS)]
    threads.append(threading.Thread(target=reaper_loop))
    for t in threads:
        t.start()
    ended_at = {}
    while time.time() < give_up:
        pending = 0
        for job_id in ids:
            if job_id in ended_at:
                continue
            job = stack.job(job_id)
            if job["status"] in ("completed", "failed"):
                ended_at[job_id] = now_ms()
            else:
                pending += 1
        if pending == 0:
            break
        time.sleep(1)
    done.set()
    for t in threads:
        t.join()
    elapsed = time.time() - started

    jobs = {job_id: stack.job(job_id) for job_id in ids}
    statuses = collections.Counter(j["status"] for j in jobs.values())
    abandoned = [i for i, j in jobs.items() if j["status"] == "failed" and ABANDONED_MARK in j.get("error", "")]
    agents = collections.Counter(a["job_id"]["S"] for a in stack.scan("AGENTS_TABLE"))
    events = collections.defaultdict(list)
    for e in stack.inbox_events():
        events[e["detail"]["job_id"]].append(e)
    hooks = collections.defaultdict(list)
    for h in stack.webhooks.received:
        hooks[h["job_id"]].append(h)
    # How long after its last lease ran out each abandoned job ended (polled once a second, so
    # up to a second late). `updated_at` is the reaper's write.
    lags = []
    for job_id in abandoned:
        lags.append((rfc3339_ms(jobs[job_id]["updated_at"]) - last_lease[job_id]) / 1000)

    figures = {
        "jobs": JOBS,
        "elapsed_s": round(elapsed),
        **{k: v for k, v in sorted(stats.items())},
        "completed": statuses["completed"],
        "failed": statuses["failed"],
        "ended by the reaper": len(abandoned),
        "max s from last lease end to failed": round(max(lags), 1) if lags else None,
        "median s from last lease end to failed": round(statistics.median(lags), 1) if lags else None,
        "quota used": stack.quota_used(),
        "sweep p50 ms": round(statistics.median(sweep_lags)) if sweep_lags else None,
    }
    print(json.dumps(figures, indent=1))
    check(statuses["completed"] + statuses["failed"] == JOBS, f"every job ended ({dict(statuses)})")
    check(stats["invocations killed"] > 0 and len(abandoned) > 0, "workers were killed, some on a last delivery")
    check(all(lag <= SWEEP_S + 2 for lag in lags), f"each ended within the sweep interval after its lease (max {max(lags):.1f} s)")
    check(all(n == 1 for n in agents.values()), "no job has two agents")
    check(set(agents) == {i for i, j in jobs.items() if j["status"] == "completed"}, "one agent per completed job, none for a failed one")
    check(stack.quota_used() == JOBS - len(abandoned), f"quota counter {stack.quota_used()} = {JOBS} created - {len(abandoned)} given back")
    check(all(any(e["detail-type"] == "Agent Builder Job Failed" for e in events[i]) for i in abandoned), "every job the reaper ended had its event")
    check(all(any(h["status"] == "failed" for h in hooks[i]) for i in abandoned), "and its webhook")
    site.close()


if __name__ == "__main__":
    main()
