"""Fixtures that run a real Apache httpd (Debian's apache2 binary) with the
built mod_authgate on a free loopback port, each in its own temporary
directory, and fail a test when the error log shows an unexpected error."""

import base64
import contextlib
import http.server
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
# make check-asan points these at the sanitized module and the other MPM
MODULE = Path(os.environ.get("AUTHGATE_TEST_MODULE")
              or ROOT / "build" / "mod_authgate.so")
DEFAULT_MPM = os.environ.get("AUTHGATE_TEST_MPM", "event")
# Where AddressSanitizer and UBSan write their reports when httpd runs a
# sanitized module (make check-asan); unset for the plain module.
SANITIZER_LOGS = os.environ.get("AUTHGATE_SANITIZER_LOGS")
# How much longer httpd may take to start or restart: a sanitized module
# loads a million-token file about four times slower.
SLOWER = 4 if SANITIZER_LOGS else 1
AUTHGATE = ROOT / "build" / "authgate"
APACHE = shutil.which("apache2") or "/usr/sbin/apache2"
MODDIR = Path("/usr/lib/apache2/modules")
IS_ROOT = os.geteuid() == 0

BASE_MODULES = [
    "authn_core", "authz_core", "authz_user", "authz_host", "dir", "mime",
    "env", "alias", "include", "socache_shmcb",
]

# Error-log lines at error level that are expected in normal operation:
# mod_authz_core reports every authorization failure at that level.
EXPECTED_ERRORS = [
    r"AH01630: client denied by server configuration",
    r"AH01631: user .*: authorization failure",
    # the gate's own refusals that a guesser causes, logged at error on
    # purpose (README, "Reasons"), like mod_auth_basic's
    r"AG00202: refused: client=",
    # the event MPM, when a restart catches a connection in lingering close
    r"AH03092: process_lingering_close: apr_pollset_add failure",
    # the event MPM's capacity notes, when a test floods it on purpose
    r"AH10159: server is within MinSpareThreads of MaxRequestWorkers",
    r"AH00484: server reached MaxRequestWorkers setting",
]


# httpd parents told to stop whose exit nobody waited for yet: stopping
# takes httpd over a second, so tests do not wait for it one by one.
STOPPING = []


def wait_gone(pid, timeout=15):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "serial: measures time or floods the machine; make "
        "check runs these one at a time, after the others ran in parallel")


@pytest.fixture(scope="session", autouse=True)
def _reap_httpds():
    yield
    for pid in STOPPING:
        wait_gone(pid)
    # a report written while an httpd stopped, after its test ended
    reports = sanitizer_reports()
    assert not reports, "sanitizer reports:\n" + \
        "\n".join(p.read_text(errors="replace") for p in reports)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def httpd_env():
    """The environment of every apache2 command a test runs.  With a
    sanitized module, httpd needs the ASan runtime loaded first (it is not
    built with it), and both sanitizers write to SANITIZER_LOGS, so that
    a report from any child, at any time, is found afterwards.  Leaks are
    not looked for here: APR keeps process-long pools to the end and is
    built without frame pointers, so LeakSanitizer cannot tell httpd's
    from ours; make valgrind looks for the module's leaks instead."""
    env = dict(os.environ)
    if not SANITIZER_LOGS:
        return env
    logs = sanitizer_dir()
    asan = subprocess.run([os.environ.get("CC", "gcc"),
                           "-print-file-name=libasan.so"],
                          capture_output=True, text=True).stdout.strip()
    env["LD_PRELOAD"] = asan
    env["ASAN_OPTIONS"] = (f"log_path={logs}/asan:"
                           "detect_leaks=0:halt_on_error=1:"
                           "allow_user_segv_handler=0")
    env["UBSAN_OPTIONS"] = (f"log_path={logs}/ubsan:"
                            "print_stacktrace=1:halt_on_error=1")
    return env


def sanitizer_dir():
    """This test process's own report directory: each pytest-xdist worker
    has one, so that a report is charged to a test of the worker whose
    httpd wrote it, and to no other."""
    d = Path(SANITIZER_LOGS) / os.environ.get("PYTEST_XDIST_WORKER", "main")
    d.mkdir(parents=True, exist_ok=True)
    # httpd's children run as its User: they must be able to write here
    os.chmod(d.parent, 0o755)
    os.chmod(d, 0o1777)
    return d


def httpds_own_stop_race(text):
    """An event MPM child told to stop at once closes the sockets of the
    connections its workers still serve (close_worker_sockets(), in
    httpd's own event.c), and may read a socket whose pool was just
    freed: a SEGV in apr_os_sock_get called from mod_mpm_event, in
    httpd's code only.  Such a report, with no frame of the module in
    it, is httpd's, and is set aside (renamed *.httpd) rather than
    charged to the module."""
    return bool("SEGV" in text and "mod_authgate" not in text
                and re.search(r"#0 .* in apr_os_sock_get ", text)
                and re.search(r"#1 .*mod_mpm_event\.so", text))


def sanitizer_reports():
    """The sanitizer reports this process's httpds wrote so far (make
    check-asan), but httpd's own stop race."""
    if not SANITIZER_LOGS:
        return set()
    found = set()
    for p in sanitizer_dir().iterdir():
        if not p.is_file() or p.suffix == ".httpd":
            continue
        if httpds_own_stop_race(p.read_text(errors="replace")):
            p.rename(p.with_name(p.name + ".httpd"))
            continue
        found.add(p)
    return found


class Httpd:
    """One httpd instance: its directory, config, and helpers."""

    def __init__(self, mpm=DEFAULT_MPM):
        self.dir = Path(tempfile.mkdtemp(prefix="authgate-it-"))
        self.mpm = mpm
        self.port = free_port()
        self.docroot = self.dir / "htdocs"
        self.docroot.mkdir()
        (self.dir / "logs").mkdir()
        (self.dir / "run").mkdir()
        self.allowed_errors = list(EXPECTED_ERRORS)
        self.log_offset = 0
        self.requests = 0
        self.stopped_pid = None
        self.proc_out = None
        os.chmod(self.dir, 0o755)
        self.write("htdocs/index.html", "public page\n")

    # -- files ---------------------------------------------------------
    def path(self, rel):
        return self.dir / rel

    def write(self, rel, text, mode=0o644):
        """Write a file atomically (temporary file + rename)."""
        p = self.dir / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(p.parent, 0o755)
        tmp = p.with_name(p.name + ".tmp")
        data = text.encode() if isinstance(text, str) else text
        tmp.write_bytes(data)
        os.chmod(tmp, mode)
        os.replace(tmp, p)
        return p

    def page(self, rel, text=None):
        return self.write("htdocs/" + rel, text or (rel + "\n"))

    # -- config and lifecycle -------------------------------------------
    def config(self, body, extra_modules=(), log_level="warn authgate:info"):
        mods = list(BASE_MODULES) + list(extra_modules)
        lines = [f"ServerRoot {self.dir}",
                 f"Listen 127.0.0.1:{self.port}",
                 "ServerName localhost",
                 f"LoadModule mpm_{self.mpm}_module "
                 f"{MODDIR}/mod_mpm_{self.mpm}.so"]
        lines += [f"LoadModule {m}_module {MODDIR}/mod_{m}.so" for m in mods]
        lines += [f"LoadModule authgate_module {MODULE}"]
        if IS_ROOT:
            lines += ["User www-data", "Group www-data"]
        lines += [
            f"PidFile {self.dir}/run/httpd.pid",
            f"DefaultRuntimeDir {self.dir}/run",
            f"ErrorLog {self.dir}/logs/error.log",
            f"LogLevel {log_level}",
            'LogFormat "%{X-Test-Seq}i|%u|%>s|%{AUTHGATE_REASON}e|%r'
            '|%{AUTHGATE_TOKEN_ID}e" ag',
            f"CustomLog {self.dir}/logs/access.log ag",
            "TypesConfig /etc/mime.types",
            f"DocumentRoot {self.docroot}",
            "DirectoryIndex index.html",
            "KeepAlive Off",
        ]
        if self.mpm == "prefork":
            lines += ["StartServers 4", "MinSpareServers 4",
                      "MaxSpareServers 8"]
        else:
            lines += ["StartServers 3", "ThreadsPerChild 5",
                      "MinSpareThreads 5", "MaxSpareThreads 50",
                      "ServerLimit 4", "MaxRequestWorkers 20"]
        self.conf = self.write("httpd.conf", "\n".join(lines) + "\n" + body)
        return self.conf

    def configtest(self):
        return subprocess.run([APACHE, "-t", "-f", str(self.conf)],
                              capture_output=True, text=True,
                              env=httpd_env())

    def start(self, body=None, **kw):
        if body is not None:
            self.config(body, **kw)
        for _ in range(5):
            r = subprocess.run([APACHE, "-f", str(self.conf), "-k", "start"],
                               capture_output=True, text=True,
                               env=httpd_env())
            if r.returncode == 0 or \
                    "Address already in use" not in r.stdout + r.stderr:
                break
            # another process took the free port between free_port() and
            # httpd's bind (tests run side by side): take another one
            old, self.port = self.port, free_port()
            self.conf.write_text(self.conf.read_text().replace(
                f"127.0.0.1:{old}", f"127.0.0.1:{self.port}"))
        if r.returncode != 0:
            raise RuntimeError("httpd failed to start:\n" + r.stdout +
                               r.stderr + self.error_log())
        # httpd listens before its modules' post_config has run, so wait
        # for the pid file (written after it) and for one served request.
        deadline = time.time() + 15 * SLOWER
        while time.time() < deadline:
            if self.pid() is not None:
                try:
                    self.get("/")
                    self.check_sanitized()
                    return self
                except requests.ConnectionError:
                    self.requests -= 1
            time.sleep(0.05)
        raise RuntimeError("httpd did not start:\n" + self.error_log())

    def check_sanitized(self):
        """With a sanitized module, the ASan runtime must be in the
        parent, or the suite would run unchecked."""
        if SANITIZER_LOGS:
            maps = Path(f"/proc/{self.pid()}/maps").read_text()
            assert "libasan" in maps, "httpd runs without AddressSanitizer"

    def wait_children(self, n, timeout=10):
        deadline = time.time() + timeout
        while time.time() < deadline:
            kids = self.children()
            if len(kids) >= n:
                return kids
            time.sleep(0.1)
        return self.children()

    def pid(self):
        """The running parent's pid (None once stop() was called)."""
        try:
            pid = int((self.dir / "run/httpd.pid").read_text())
        except (OSError, ValueError):
            return None
        return None if pid == self.stopped_pid else pid

    def stop(self, wait=True):
        pid = self.pid()
        if pid is None:
            return
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        self.stopped_pid = pid
        if not wait:
            STOPPING.append(pid)
            return
        wait_gone(pid)

    def restart(self):
        self.stop()
        return self.start()

    def graceful(self, how="graceful", old_gone=False):
        """Restart httpd in place (apachectl -k graceful or restart, as
        logrotate does) and wait until the new generation serves; with
        old_gone, also until every child of the old generation has gone
        (an idle old child may still take a connection or two on a busy
        machine, answering as the old configuration)."""
        old = set(self.children()) if old_gone else set()
        before = self.error_log().count("resuming normal operations")
        subprocess.run([APACHE, "-f", str(self.conf), "-k", how],
                       check=True, capture_output=True, env=httpd_env())
        deadline = time.time() + 15 * SLOWER
        while self.error_log().count("resuming normal operations") <= \
                before:
            if time.time() > deadline:
                raise RuntimeError("httpd did not restart:\n" +
                                   self.error_log())
            time.sleep(0.05)
        time.sleep(0.5)
        while old & set(self.children()):
            if time.time() > deadline:
                raise RuntimeError("the old generation did not go: "
                                   f"{sorted(old & set(self.children()))}")
            time.sleep(0.05)
        # httpd's own notices of a restart
        self.allow_error(r"AH00060|AH00171|AH00169|AH00094")

    def children(self):
        pid = self.pid()
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)],
                             capture_output=True, text=True).stdout
        return [int(x) for x in out.split()]

    # -- HTTP -----------------------------------------------------------
    def url(self, path="/"):
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path="/", auth=None, headers=None, method="GET", **kw):
        self.requests += 1
        headers = dict(headers or {}, **{"X-Test-Seq": str(self.requests)})
        return requests.request(method, self.url(path), auth=auth,
                                headers=headers, timeout=10,
                                allow_redirects=False, **kw)

    def raw(self, request_bytes):
        """Send bytes as they are and return (status, head, body)."""
        self.requests += 1
        seq = b"X-Test-Seq: %d\r\n" % self.requests
        head, sep, rest = request_bytes.partition(b"\r\n")
        with socket.create_connection(("127.0.0.1", self.port), 10) as s:
            s.sendall(head + sep + seq + rest)
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        return status, head.decode("latin-1"), body

    # -- logs -----------------------------------------------------------
    def error_log(self):
        p = self.dir / "logs/error.log"
        return p.read_text(errors="replace") if p.exists() else ""

    def access_log(self):
        p = self.dir / "logs/access.log"
        return p.read_text(errors="replace") if p.exists() else ""

    def last_access_fields(self):
        """(user, status, reason, request line, token id) of the
        access-log line of the newest request.  httpd writes it just after
        the response, and children may write in any order, so wait for the
        line with its number."""
        deadline = time.time() + 5
        want = str(self.requests)
        while time.time() < deadline:
            for line in reversed(self.access_log().splitlines()):
                seq, user, status, reason, rest = line.split("|", 4)
                if seq == want:
                    request, token_id = rest.rsplit("|", 1)
                    return user, int(status), reason, request, token_id
            time.sleep(0.02)
        raise AssertionError("no access log line for the last request")

    def last_access(self):
        """(user, status, reason) of the newest request's log line."""
        return self.last_access_fields()[:3]

    def new_log(self):
        """Error-log text written since the last call."""
        text = self.error_log()
        new = text[self.log_offset:]
        self.log_offset = len(text)
        return new

    def allow_error(self, pattern):
        self.allowed_errors.append(pattern)

    def unexpected_errors(self):
        bad = []
        for line in self.error_log().splitlines():
            # a child that died of a signal (httpd notes it at notice
            # level) is never expected: a crash, or a sanitizer's abort
            if re.search(r"AH00052: child pid \d+ exit signal", line):
                bad.append(line)
                continue
            if not re.search(r":(error|crit|alert|emerg)\]", line):
                continue
            if any(re.search(p, line) for p in self.allowed_errors):
                continue
            bad.append(line)
        return bad

    def cleanup(self):
        self.stop(wait=False)
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def httpd(request):
    """A fresh, not yet started httpd; the test configures and starts it.
    Any unexpected error-level line in its error log fails the test."""
    h = Httpd(getattr(request, "param", DEFAULT_MPM))
    reports = sanitizer_reports()
    yield h
    try:
        errors = h.unexpected_errors()
        assert not errors, "unexpected errors in the error log:\n" + \
            "\n".join(errors)
        new = sanitizer_reports() - reports
        assert not new, "sanitizer reports:\n" + \
            "\n".join(p.read_text(errors="replace") for p in new)
    finally:
        h.cleanup()


def wait_for(predicate, timeout=2.5, step=0.1):
    """Poll predicate until it holds or timeout seconds pass; return its
    last value (for changes that reach httpd within a reload window)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def htpasswd(path, user, password, flag="-B"):
    """Add a user with Apache's own htpasswd tool."""
    args = ["htpasswd", "-b", flag]
    if not Path(path).exists():
        args.insert(1, "-c")
    if flag == "-B":
        args += ["-C", "5"]
    subprocess.run(args + [str(path), user, password], check=True,
                   capture_output=True)


def basic(user, password):
    """The Authorization header value for Basic: user and password as
    text, or as bytes for names that are not UTF-8."""
    raw = f"{user}:{password}".encode() if isinstance(user, str) else \
        user + b":" + password
    return "Basic " + base64.b64encode(raw).decode()


def mkpasswd(method, password):
    """A hash made by Debian's mkpasswd (package whois)."""
    return subprocess.run(["mkpasswd", "-m", method, "--stdin"],
                          input=password, capture_output=True, text=True,
                          check=True).stdout.strip()


def start_stock_basic(httpd, users, directory="b"):
    """Start httpd with one area guarded by stock httpd alone (mod_auth_basic
    and mod_authn_file reading users) at /DIRECTORY/, to show a file the
    gate or the command wrote stays theirs too."""
    httpd.page(f"{directory}/index.html", f"{directory} page\n")
    httpd.start(f'''<Directory "{httpd.docroot}/{directory}">
  AuthType Basic
  AuthName "Stock"
  AuthBasicProvider file
  AuthUserFile {users}
  Require valid-user
</Directory>
''', extra_modules=("auth_basic", "authn_file"))
    httpd.allow_error("AH01617")   # mod_auth_basic: password mismatch


@contextlib.contextmanager
def http_backend(body_of):
    """A threaded HTTP server on a free loopback port that answers every
    GET 200 with body_of(request_handler) as text/plain; yields its
    port."""
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = body_of(self)
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def area(directory, realm="Members", users=None, roles=None, require=None,
         extra="", tokens=None):
    """A <Directory> section protected by the gate."""
    lines = [f'<Directory "{directory}">', "  AuthType AuthGate",
             f"  AuthName {realm}"]
    if users:
        lines.append(f"  AuthGateUserFile {users}")
    if roles:
        lines.append(f"  AuthGateRoleFile {roles}")
    if tokens:
        lines.append(f"  AuthGateTokenFile {tokens}")
    if require:
        lines.append(f"  {require}")
    if extra:
        lines.append(extra)
    lines.append("</Directory>")
    return "\n".join(lines) + "\n"
