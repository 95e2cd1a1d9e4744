#!/usr/bin/env python3
"""Fault tests with the release worker: a worker SIGKILLed mid-job on its message's last
delivery, and a panic injected into extraction. Run through infra/reliability.sh, which builds
the binaries and starts the emulators.

    WORKER=… REAPER=… CREATE_JOB=… AGENT_BUILDER=… $AB_LOCAL_DIR/venv/bin/python infra/reliability/faults.py
"""
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (  # noqa: E402
    FixtureSite, Killed, LambdaHost, Stack, check, create_jobs, log, now_ms, receive, settle_batch, sqs_record,
)

# The worker's invocations here get this deadline (so its lease ends this long after it starts).
WORKER_TIMEOUT_S = 40
SWEEP_INTERVAL_S = 5
SCHEDULED_EVENT = {"version": "0", "source": "aws.events", "detail-type": "Scheduled Event", "detail": {}}
ABANDONED_MARK = "No quota was used for this job"


def killed_on_its_last_delivery(binaries, work):
    """SIGKILL mid-crawl on the last delivery: the sweep ends the job `failed` within its interval
    after the lease, the quota unit comes back, the event and the webhook go out; the message's
    trip through the dead-letter queue afterwards changes nothing."""
    stack = Stack(binaries["AGENT_BUILDER"], work, "rel-kill")
    site = FixtureSite(pages=24, latency_ms=400)
    creator = LambdaHost(binaries["CREATE_JOB"], stack.env, os.path.join(work, "create-job.log"))
    [job_id] = create_jobs(creator, stack, [{
        "website_url": site.base,
        "instructions": "Book cleanings and check-ups",
        "callback_url": stack.webhooks.url,
    }])
    check(stack.quota_used() == 1, "the job took one quota unit")

    # Two earlier deliveries whose workers died before claiming the job (during their init):
    # the message comes straight back each time.
    for _ in range(stack.max_receive_count - 1):
        messages = receive(stack, stack.job_queue, visibility_s=0)
        check(len(messages) == 1, "an earlier delivery")
    messages = receive(stack, stack.job_queue, visibility_s=WORKER_TIMEOUT_S + 2)
    count = int(messages[0]["Attributes"]["ApproximateReceiveCount"])
    check(count == stack.max_receive_count, f"the last delivery (receive {count} of {stack.max_receive_count})")

    worker = LambdaHost(binaries["WORKER"], stack.env, os.path.join(work, "worker-kill.log"), timeout_s=WORKER_TIMEOUT_S)

    def mid_crawl():
        job = stack.job(job_id)
        return job["status"] == "processing" and job.get("progress", {}).get("stage", {}).get("S") == "fetching"

    lease = {}
    try:
        worker.invoke({"Records": [sqs_record(m, stack.job_queue_arn) for m in messages]},
                      kill_when=mid_crawl, on_start=lambda d: lease.update(until=d))
        check(False, "the worker was killed mid-job")
    except Killed:
        pass
    job = stack.job(job_id)
    check(job["status"] == "processing" and job["attempts"] == "1" and job["last_delivery"] is True,
          f"killed mid-crawl, claimed on the last delivery ({job['status']}, stage {job['progress']['stage']['S']})")

    reaper = LambdaHost(binaries["REAPER"], stack.env, os.path.join(work, "reaper-kill.log"), timeout_s=60)
    # The reaper's schedule, until the job ends (bounded: the lease plus three intervals).
    give_up = lease["until"] / 1000 + 3 * SWEEP_INTERVAL_S
    ended_at = None
    while time.time() < give_up:
        reaper.invoke(SCHEDULED_EVENT)
        job = stack.job(job_id)
        if job["status"] != "processing":
            ended_at = now_ms()
            break
        time.sleep(SWEEP_INTERVAL_S)
    check(job["status"] == "failed", "the job ended failed")
    lag_s = (ended_at - lease["until"]) / 1000
    check(lag_s <= SWEEP_INTERVAL_S + 2, f"within the sweep interval after its lease ran out ({lag_s:.1f} s)")
    check(ABANDONED_MARK in job["error"], f"its error says what happened: {job['error']!r}")
    check(stack.quota_used() == 0, "its quota unit was given back")
    check("lease_expires_at" not in job, "no lease left")
    events = [e for e in stack.inbox_events() if e["detail"]["job_id"] == job_id]
    check(len(events) == 1 and events[0]["detail-type"] == "Agent Builder Job Failed"
          and ABANDONED_MARK in events[0]["detail"]["error"], "one 'Job Failed' event on the bus")
    hooks = [h for h in stack.webhooks.received if h["job_id"] == job_id]
    check(len(hooks) == 1 and hooks[0]["status"] == "failed" and ABANDONED_MARK in hooks[0]["error"],
          "one webhook with the failed record")
    check(not any(a["job_id"]["S"] == job_id for a in stack.scan("AGENTS_TABLE")), "no agent")

    # Later the message's visibility runs out and SQS moves it to the dead-letter queue, where
    # the reaper finds the job already ended.
    time.sleep(max(0, (lease["until"] + 2_500 - now_ms()) / 1000))
    check(receive(stack, stack.job_queue, visibility_s=30, wait_s=2) == [], "nothing redelivered")
    dead = receive(stack, stack.dlq, visibility_s=30, wait_s=2)
    check(len(dead) == 1, "the message reached the dead-letter queue")
    answer = reaper.invoke({"Records": [sqs_record(m, stack.dlq_arn) for m in dead]})
    settle_batch(stack, stack.dlq, dead, answer)
    check(answer.get("batchItemFailures") == [], "the dead letter is acknowledged")
    check(stack.job(job_id)["status"] == "failed" and stack.quota_used() == 0, "and changes nothing: no second give-back")
    check(len(stack.inbox_events()) == 0 and len(hooks) == len([h for h in stack.webhooks.received if h["job_id"] == job_id]),
          "no second event or webhook")
    for host in (creator, worker, reaper):
        host.close()
    site.close()


def panic_in_extraction(binaries, work):
    """Extraction panics (test-only feature): the release build unwinds, the pipeline catches it,
    the jobs complete from the domain alone, and no message of the batch is retried."""
    stack = Stack(binaries["AGENT_BUILDER"], work, "rel-panic")
    site = FixtureSite(pages=4, latency_ms=5)
    creator = LambdaHost(binaries["CREATE_JOB"], stack.env, os.path.join(work, "create-job-panic.log"))
    ids = create_jobs(creator, stack, [{"website_url": site.base}, {"website_url": site.base, "instructions": "Take bookings"}])
    messages = receive(stack, stack.job_queue, visibility_s=60, max_messages=5, wait_s=2)
    while len(messages) < len(ids):
        messages += receive(stack, stack.job_queue, visibility_s=60)
    env = dict(stack.env, AB_FAULT_PANIC_IN_EXTRACTION="1")
    log_path = os.path.join(work, "worker-panic.log")
    worker = LambdaHost(binaries["WORKER"], env, log_path, timeout_s=60)
    answer = worker.invoke({"Records": [sqs_record(m, stack.job_queue_arn) for m in messages]})
    settle_batch(stack, stack.job_queue, messages, answer)
    check(answer.get("batchItemFailures") == [], "no message of the batch is retried")
    check(worker.proc.poll() is None, "the worker process is still up")
    with open(log_path) as f:
        panics = f.read().count("extraction panicked")
    check(panics == len(ids), f"extraction panicked in every job ({panics})")
    for job_id in ids:
        job = stack.job(job_id)
        check(job["status"] == "completed", f"job {job_id[:8]} completed")
    check(len(stack.scan("AGENTS_TABLE")) == len(ids), "one agent per job")
    for host in (creator, worker):
        host.close()
    site.close()


def main():
    binaries = {name: os.environ[name] for name in ("WORKER", "REAPER", "CREATE_JOB", "AGENT_BUILDER")}
    work = tempfile.mkdtemp(prefix="reliability-faults-")
    log(f"logs in {work}")
    started = time.time()
    panic_in_extraction(binaries, work)
    killed_on_its_last_delivery(binaries, work)
    log(f"all fault tests passed in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
