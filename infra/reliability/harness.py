"""The local stack as AWS runs it, for the reliability tests: Lambda bootstraps (release builds)
as processes behind a stand-in Lambda Runtime API, SQS event source mappings played by this
harness against moto (receive, invoke with a batch, delete what succeeded), the reaper's
schedule, an EventBridge bus whose rule forwards to an inbox queue, a webhook receiver and a
fixture site. Everything listens on 127.0.0.1; nothing here reaches the network.

Needs boto3 (run with the emulators' venv: $AB_LOCAL_DIR/venv/bin/python) and the emulators'
environment (AWS_ENDPOINT_URL_*), which infra/reliability.sh sets up.
"""
import http.server
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import uuid

import boto3

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "infra", "bench"))
import stack as bench_stack  # noqa: E402  (the fixture site)



class FixtureSite(bench_stack.FixtureSite):
    """The benches' fixture site, quiet about the connections a killed worker drops."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.server.handle_error = lambda *args: None


def log(msg):
    print(f"[reliability] {msg}", file=sys.stderr, flush=True)


def now_ms():
    return int(time.time() * 1000)


class Killed(Exception):
    """The function's process was killed before it answered."""


class LambdaHost:
    """One function's execution environment: its bootstrap as a process, and the Runtime API it
    polls. `invoke` hands it one event and waits for the answer; `kill_after` SIGKILLs the
    process that many seconds into the invocation (the answer is then `Killed`), and the next
    invocation starts a fresh process, as Lambda does after a crash."""

    def __init__(self, binary, env, log_path, timeout_s=30):
        self.binary, self.env, self.timeout_s = binary, env, timeout_s
        self.log = open(log_path, "a")
        self.events = queue.Queue()
        self.answers = {}
        self.asked = threading.Event()
        self.proc = None
        host = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                if not self.path.endswith("/invocation/next"):
                    self.send_error(404)
                    return
                host.asked.set()
                request_id, body, deadline = host.events.get()
                self.send_response(200)
                self.send_header("Lambda-Runtime-Aws-Request-Id", request_id)
                self.send_header("Lambda-Runtime-Deadline-Ms", str(deadline))
                self.send_header("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:reliability")
                self.send_header("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                parts = self.path.split("/")
                self.send_response(202)
                self.send_header("Content-Length", "0")
                self.end_headers()
                slot = host.answers.get(parts[-2])
                if slot is not None:
                    slot.put((parts[-1], body))

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.address = f"127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _ensure_running(self):
        if self.proc is not None and self.proc.poll() is None:
            return
        self.asked.clear()
        env = dict(self.env, AWS_LAMBDA_RUNTIME_API=self.address)
        self.proc = subprocess.Popen([self.binary], env=env, stdout=self.log, stderr=subprocess.STDOUT)
        if not self.asked.wait(30):
            raise SystemExit(f"{self.binary} never asked for an event")

    def invoke(self, event, kill_after=None, kill_when=None, on_start=None):
        """The function's answer (parsed JSON). The process is SIGKILLed `kill_after` seconds
        into the invocation, or as soon as `kill_when()` holds (polled every 50 ms); `Killed` is
        raised when that struck before the answer. `on_start(deadline_ms)` runs once the event
        is handed over."""
        self._ensure_running()
        request_id = str(uuid.uuid4())
        slot = queue.Queue()
        self.answers[request_id] = slot
        deadline = now_ms() + self.timeout_s * 1000
        self.asked.clear()
        self.events.put((request_id, json.dumps(event).encode(), deadline))
        if on_start:
            on_start(deadline)
        proc = self.proc
        timer = None
        if kill_after is not None:
            timer = threading.Timer(kill_after, lambda: proc.send_signal(signal.SIGKILL))
            timer.start()
        try:
            while True:
                try:
                    kind, body = slot.get(timeout=0.05)
                    break
                except queue.Empty:
                    if kill_when is not None and kill_when():
                        proc.send_signal(signal.SIGKILL)
                        proc.wait()
                    if proc.poll() is not None:
                        raise Killed()
                    if now_ms() > deadline + 5000:
                        proc.kill()
                        raise SystemExit("the function ran past its deadline")
        finally:
            if timer:
                timer.cancel()
            self.answers.pop(request_id, None)
        if (kill_after is not None or kill_when is not None) and proc.poll() is not None:
            raise Killed()
        if kind != "response":
            raise SystemExit(f"the function failed: {body[:500]!r}")
        # Wait until it asks for the next event (its answer is out and its work is done).
        waited_until = time.time() + 10
        while not self.asked.wait(0.05) and proc.poll() is None and time.time() < waited_until:
            pass
        return json.loads(body)

    def kill(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def close(self):
        self.kill()
        self.server.shutdown()
        self.log.close()


def sqs_record(message, queue_arn):
    """A received message as the Lambda SQS event carries it."""
    return {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message["Body"],
        "attributes": message.get("Attributes", {}),
        "messageAttributes": {},
        "md5OfBody": message.get("MD5OfBody", ""),
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": "us-east-1",
    }


class Stack:
    """Tables and queues provisioned from template.yaml under a fresh prefix, an API key, the
    event bus with its inbox, the webhook receiver, and the functions' environment."""

    def __init__(self, agent_builder, work, name):
        self.work = work
        # Fresh names each run: the emulators may hold an earlier run's.
        prefix = f"{name}-{uuid.uuid4().hex[:8]}"
        env = dict(os.environ, RUST_LOG="warn")
        out = subprocess.run([agent_builder, "provision", "--prefix", prefix], env=env, check=True, capture_output=True, text=True).stdout
        self.env = dict(os.environ)
        self.env.update(line.split("=", 1) for line in out.split())
        self.key = subprocess.run(
            [agent_builder, "create-api-key", "--workspace", prefix, "--table", self.env["API_KEYS_TABLE"]],
            env=self.env, check=True, capture_output=True, text=True,
        ).stdout.strip()
        self.workspace = prefix
        self.sqs = boto3.client("sqs", region_name="us-east-1")
        self.ddb = boto3.client("dynamodb", region_name="us-east-1")
        self.events = boto3.client("events", region_name="us-east-1")
        self.job_queue = self.env["JOB_QUEUE_URL"]
        self.dlq = self.env.get("JOB_DEAD_LETTER_QUEUE_URL") or self._dlq_url()
        self.job_queue_arn = self._arn(self.job_queue)
        self.dlq_arn = self._arn(self.dlq)
        # The bus, and a rule forwarding its events to an inbox queue.
        bus = f"{prefix}-bus"
        self.events.create_event_bus(Name=bus)
        self.inbox = self.sqs.create_queue(QueueName=f"{prefix}-inbox")["QueueUrl"]
        self.events.put_rule(Name="jobs", EventBusName=bus, EventPattern=json.dumps({"source": ["agent-builder"]}))
        self.events.put_targets(Rule="jobs", EventBusName=bus, Targets=[{"Id": "inbox", "Arn": self._arn(self.inbox)}])
        self.webhooks = WebhookReceiver()
        self.env.update(
            AWS_LAMBDA_FUNCTION_NAME="reliability",
            AWS_LAMBDA_FUNCTION_MEMORY_SIZE="512",
            AWS_LAMBDA_FUNCTION_VERSION="$LATEST",
            AWS_LAMBDA_LOG_STREAM_NAME="reliability",
            AWS_LAMBDA_LOG_GROUP_NAME="reliability",
            ALLOW_PRIVATE_NETWORK="true",
            DAILY_JOB_LIMIT="1000000",
            EVENT_BUS_NAME=bus,
            JOB_DEAD_LETTER_QUEUE_URL=self.dlq,
            RUST_LOG="info",
        )
        self.max_receive_count = int(self.env.get("JOB_MAX_RECEIVE_COUNT", "3"))

    def _dlq_url(self):
        attrs = self.sqs.get_queue_attributes(QueueUrl=self.job_queue, AttributeNames=["RedrivePolicy"])["Attributes"]
        arn = json.loads(attrs["RedrivePolicy"])["deadLetterTargetArn"]
        return self.sqs.get_queue_url(QueueName=arn.rsplit(":", 1)[1])["QueueUrl"]

    def _arn(self, url):
        return self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]

    # ------------------------------------------------------------------------------ reading

    def job(self, job_id):
        item = self.ddb.get_item(TableName=self.env["JOBS_TABLE"], Key={"job_id": {"S": job_id}}, ConsistentRead=True)["Item"]
        return {k: next(iter(v.values())) for k, v in item.items()}

    def scan(self, table):
        items, start = [], None
        while True:
            args = {"TableName": self.env[table], "ConsistentRead": True}
            if start:
                args["ExclusiveStartKey"] = start
            out = self.ddb.scan(**args)
            items += out["Items"]
            start = out.get("LastEvaluatedKey")
            if not start:
                return items

    def quota_used(self):
        day = time.strftime("%Y-%m-%d", time.gmtime())
        items = [i for i in self.scan("QUOTA_TABLE") if i["workspace_id"]["S"] == self.workspace]
        return sum(int(i["used"]["N"]) for i in items if i["day"]["S"] == day)

    def inbox_events(self):
        """Every event the bus forwarded so far (drains the inbox)."""
        events = []
        while True:
            out = self.sqs.receive_message(QueueUrl=self.inbox, MaxNumberOfMessages=10, WaitTimeSeconds=0)
            messages = out.get("Messages", [])
            if not messages:
                return events
            for m in messages:
                events.append(json.loads(m["Body"]))
                self.sqs.delete_message(QueueUrl=self.inbox, ReceiptHandle=m["ReceiptHandle"])


class WebhookReceiver:
    """Collects the webhooks' bodies; answers 200."""

    def __init__(self):
        self.received = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.received.append(json.loads(body))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def create_jobs(creator, stack, bodies):
    """POSTs each body through the create-job function; returns the job ids."""
    with open(os.path.join(ROOT, "infra", "events", "create-job.json")) as f:
        template = json.load(f)
    ids = []
    for body in bodies:
        event = json.loads(json.dumps(template))
        event["headers"]["authorization"] = f"Bearer {stack.key}"
        event["headers"].pop("content-length", None)
        event["body"] = json.dumps(body)
        answer = creator.invoke(event)
        if answer.get("statusCode") != 201:
            raise SystemExit(f"create-job answered {answer}")
        ids.append(json.loads(answer["body"])["data"]["job_id"])
    return ids


def receive(stack, url, visibility_s, max_messages=5, wait_s=1):
    out = stack.sqs.receive_message(
        QueueUrl=url,
        MaxNumberOfMessages=max_messages,
        WaitTimeSeconds=wait_s,
        VisibilityTimeout=visibility_s,
        AttributeNames=["All"],
    )
    return out.get("Messages", [])


def settle_batch(stack, url, messages, answer):
    """Deletes the messages the function did not report as failed (the event source mapping's
    part of ReportBatchItemFailures)."""
    failed = {f["itemIdentifier"] for f in answer.get("batchItemFailures", [])}
    for m in messages:
        if m["MessageId"] not in failed:
            stack.sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])


def check(condition, what):
    if not condition:
        raise SystemExit(f"FAILED: {what}")
    log(f"ok: {what}")
