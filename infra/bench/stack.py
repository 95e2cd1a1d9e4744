"""Shared by the bench scripts (stdlib only): the emulators on the benches' own ports, release
builds, the dev server as a process, and a fixture site served from Python.

Ports and dirs (so a bench never collides with a dev stack, the smoke test or the test suite):
    AB_BENCH_DDB_PORT (8300), AB_BENCH_SQS_PORT (5300), AB_BENCH_DEV_PORT (3300)
    AB_LOCAL_DIR  where the emulators are installed (default <repo>/.local)
    AB_RUN_DIR    their pid files and logs (default $AB_LOCAL_DIR/bench-run)
    AB_BENCH_NO_BUILD=1  build nothing: measure the binaries already copied to $AB_RUN_DIR/bin
                         (or else those in the target dir)
"""
import http.server
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LOCAL_DIR = os.environ.get("AB_LOCAL_DIR", os.path.join(ROOT, ".local"))
RUN_DIR = os.environ.get("AB_RUN_DIR", os.path.join(LOCAL_DIR, "bench-run"))
DDB_PORT = int(os.environ.get("AB_BENCH_DDB_PORT", "8300"))
SQS_PORT = int(os.environ.get("AB_BENCH_SQS_PORT", "5300"))
DEV_PORT = int(os.environ.get("AB_BENCH_DEV_PORT", "3300"))
TARGET_DIR = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))


def log(msg):
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def emulator_env():
    return dict(
        os.environ,
        AB_LOCAL_DIR=LOCAL_DIR,
        AB_RUN_DIR=RUN_DIR,
        AB_DDB_PORT=str(DDB_PORT),
        AB_SQS_PORT=str(SQS_PORT),
    )


class Emulators:
    """DynamoDB Local and moto on the bench ports; stopped on exit if started here."""

    def __enter__(self):
        env = emulator_env()
        script = os.path.join(ROOT, "infra", "emulators.sh")
        running = subprocess.run(["bash", script, "status"], env=env, capture_output=True).returncode == 0
        self.started = not running
        if self.started:
            subprocess.run(["bash", script, "start"], env=env, check=True)
        out = subprocess.run(["bash", script, "env"], env=env, check=True, capture_output=True, text=True).stdout
        self.env = {}
        for line in out.splitlines():
            key, _, value = line.removeprefix("export ").partition("=")
            self.env[key] = value
        return self

    def __exit__(self, *exc):
        if self.started:
            subprocess.run(["bash", os.path.join(ROOT, "infra", "emulators.sh"), "stop"], env=emulator_env())


def release_binaries(*names):
    """Builds the named binaries (release profile) and copies them into the run dir, so a
    concurrent build into a shared target dir cannot swap them mid-measurement."""
    if not os.environ.get("AB_BENCH_NO_BUILD"):
        args = ["cargo", "build", "--release", "--quiet"]
        for name in names:
            args += ["--bin", name]
        log("cargo build --release " + " ".join(names))
        subprocess.run(args, cwd=ROOT, check=True)
    bin_dir = os.path.join(RUN_DIR, "bin")
    os.makedirs(bin_dir, exist_ok=True)
    paths = []
    for name in names:
        dest = os.path.join(bin_dir, name)
        # With AB_BENCH_NO_BUILD, a copy made by an earlier run is measured again as it is.
        if not (os.environ.get("AB_BENCH_NO_BUILD") and os.path.exists(dest)):
            shutil.copy2(os.path.join(TARGET_DIR, "release", name), dest)
        paths.append(dest)
    return paths


def cargo_bench(name, env):
    """Runs `cargo bench -p agent-builder --bench NAME` and returns its stdout."""
    log(f"cargo bench --bench {name} ({' '.join(f'{k}={v}' for k, v in env.items() if k.isupper() and k in ('OP', 'CONCURRENCY', 'DURATION_S', 'RUNS', 'PAGES'))})")
    out = subprocess.run(
        ["cargo", "bench", "--quiet", "-p", "agent-builder", "--bench", name],
        cwd=ROOT,
        env=dict(os.environ, **env),
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    return out


def answers(url):
    try:
        urllib.request.urlopen(url, timeout=2)
        return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


class DevServer:
    """`agent-builder dev` (a release binary) as its own process group."""

    def __init__(self, binary, env, port, key_file, *args, log_path):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log = open(log_path, "w")
        self.proc = subprocess.Popen(
            [binary, "dev", "--port", str(port), "--key-file", key_file, *args],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.time() + 120
        while not (os.path.exists(key_file) and os.path.getsize(key_file) and answers(self.url + "/")):
            if self.proc.poll() is not None or time.time() > deadline:
                self.stop()
                with open(log_path) as f:
                    sys.stderr.write(f.read()[-4000:])
                raise SystemExit("the dev server did not come up")
            time.sleep(0.2)
        with open(key_file) as f:
            self.key = f.read().strip()

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


def peak_rss_mib(pid):
    """VmHWM of a live process (its peak resident set so far), in MiB."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


# ---------------------------------------------------------------------------- fixture site

PROSE = (
    "Harbor View Dental has cared for families on the waterfront since 1994. Our dentists offer "
    "check-ups, cleanings, fillings, crowns, whitening and implants, and we welcome new patients of "
    "every age. We accept most insurance plans and offer payment plans for larger treatments. "
)


def business_page(title, links, size):
    """A small business's page; `size` > 0 pads it with more sections to about that many bytes."""
    head = (
        f'<!doctype html><html lang="en"><head><title>{title} | Harbor View Dental</title>'
        '<meta name="description" content="Gentle family and cosmetic dentistry on the waterfront.">'
        '<meta property="og:site_name" content="Harbor View Dental"></head><body>'
        '<nav><a href="/">Home</a> <a href="/page-0">Services</a> <a href="/page-1">Contact</a></nav>'
        f"<main><h1>{title}</h1><p>{PROSE * 2}</p><h2>Services</h2><ul><li>Check-ups and cleanings</li>"
        "<li>Fillings and crowns</li><li>Teeth whitening</li><li>Dental implants</li></ul>"
        f"<h2>Hours</h2><p>Monday to Friday 8am to 6pm, Saturday 9am to 1pm.</p><p>{PROSE * 4}</p>"
    )
    tail = (
        "</main><footer><p>Call us at (415) 555-0134 or write to hello@harborviewdental.example.</p>"
        f"<p>12 Embarcadero, San Francisco, CA 94111</p>{links}</footer></body></html>"
    )
    body = head
    section = f'<section><h3>Patient story</h3><p>{PROSE}</p><p><a href="/page-2">Read more</a></p></section>'
    while size and len(body) + len(section) + len(tail) <= size:
        body += section
    return (body + tail).encode()


class FixtureSite:
    """robots.txt, a sitemap, a home page linking `pages` pages; every answer after `latency_ms`.
    With `page_bytes`, the home page and every page are padded to about that size."""

    def __init__(self, pages=24, latency_ms=50, page_bytes=0):
        site = self
        self.hits = 0
        self.lock = threading.Lock()

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 (http.server's naming)
                with site.lock:
                    site.hits += 1
                time.sleep(latency_ms / 1000)
                body, ctype = site.content.get(self.path, (None, None))
                if body is None:
                    self.send_response(404)
                    self.send_header("content-length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("content-type", ctype)
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        links = "".join(f'<a href="/page-{i}">Page {i}</a> ' for i in range(pages))
        urls = "".join(f"<url><loc>{self.base}/page-{i}</loc></url>" for i in range(pages))
        self.content = {
            "/robots.txt": (b"User-agent: *\nAllow: /\n", "text/plain"),
            "/sitemap.xml": (
                (
                    '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    f"<url><loc>{self.base}/</loc></url>{urls}</urlset>"
                ).encode(),
                "application/xml",
            ),
            "/": (business_page("Home", links, page_bytes), "text/html"),
        }
        for i in range(pages):
            self.content[f"/page-{i}"] = (business_page(f"Page {i}", "", page_bytes), "text/html")
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


def median(values):
    values = sorted(values)
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2
