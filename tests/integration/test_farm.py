"""Several servers, one shared cache (README): two httpd instances with
AuthGateCache memcache:… or redis:… and one AuthGateSecretFile share
lockouts and verified passwords; with the cache daemon gone, answers stay
right (lockout fails closed) and both servers keep serving.  The daemons
are Debian's memcached and redis-server, started here on loopback ports,
not as system services."""

import os
import shutil
import signal
import socket
import subprocess
import time

import pytest

from agsite import standard_site
from conftest import AUTHGATE, Httpd, free_port


class Daemon:
    def __init__(self, kind, tmp):
        self.kind = kind
        self.port = free_port()
        if kind == "memcache":
            args = [shutil.which("memcached") or "/usr/bin/memcached",
                    "-l", "127.0.0.1", "-p", str(self.port), "-U", "0",
                    "-m", "16"]
            if os.geteuid() == 0:
                args += ["-u", "nobody"]
        else:
            args = [shutil.which("redis-server") or "/usr/bin/redis-server",
                    "--port", str(self.port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no",
                    "--dir", str(tmp)]
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), 1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"{kind} did not start")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    @property
    def spec(self):
        return f"{self.kind}:127.0.0.1:{self.port}"


@pytest.fixture(params=["memcache", "redis"])
def farm(request, tmp_path):
    daemon = Daemon(request.param, tmp_path)
    secret = tmp_path / "secret"
    subprocess.run([str(AUTHGATE), "secret", str(secret)], check=True)
    servers = [Httpd("event"), Httpd("event")]
    try:
        for h in servers:
            h.config_extra = (f"AuthGateCache {daemon.spec}\n"
                              f"AuthGateSecretFile {secret}\n"
                              f'<Directory "{h.docroot}/members">\n'
                              "  AuthGateLockout 3 60\n</Directory>\n")
        for h in servers:
            h.allow_error(r"AG00601: lockout: cannot")
            h.allow_error(r"\[socache_(memcache|redis):(error|crit)\]")
        yield daemon, servers
    finally:
        daemon.stop()
        for h in servers:
            errors = h.unexpected_errors()
            h.cleanup()
            assert not errors, "\n".join(errors)


def start_all(servers, kind, log_level="warn authgate:debug"):
    """Start every server with the first one's user and role files (the
    cache names a verified password by user, hash and password)."""
    first = servers[0]
    for h in servers:
        standard_site(h, extra=h.config_extra,
                      extra_modules=(f"socache_{kind}",))
        for name in ("users", "roles"):
            h.write(name, first.path(name).read_text())
        if log_level:
            h.write("httpd.conf", h.conf.read_text().replace(
                "LogLevel warn authgate:info", f"LogLevel {log_level}"))
        h.restart()


def test_lockout_earned_on_one_server_holds_on_the_other(farm):
    daemon, (a, b) = farm
    start_all((a, b), daemon.kind, log_level=None)
    for _ in range(3):
        assert a.get("/members/", auth=("bob", "x")).status_code == 401
    r = b.get("/members/", auth=("bob", "builder"))
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) > 0


def test_password_verified_on_one_is_a_cache_hit_on_the_other(farm):
    daemon, (a, b) = farm
    start_all((a, b), daemon.kind)
    assert a.get("/members/", auth=("bob", "builder")).status_code == 200
    assert "checked against its hash" in a.error_log()
    b.new_log()
    assert b.get("/members/", auth=("bob", "builder")).status_code == 200
    log = b.new_log()
    assert 'password of "bob" accepted from the cache' in log
    assert "checked against its hash" not in log


def test_cache_daemon_gone_answers_stay_right(farm):
    daemon, (a, b) = farm
    start_all((a, b), daemon.kind, log_level=None)
    assert a.get("/admin/", auth=("alice", "wonderland")).status_code == 200
    daemon.stop()
    # an area without lockout: the cache costs speed only
    for h in (a, b):
        assert h.get("/admin/", auth=("alice", "wonderland")) \
            .status_code == 200
        assert h.get("/admin/", auth=("alice", "nope")).status_code == 401
        assert h.get("/").status_code == 200
    # an area with lockout cannot count failures: it refuses (fail closed)
    for h in (a, b):
        r = h.get("/members/", auth=("bob", "builder"))
        assert r.status_code == 500
        assert h.last_access()[1:] == (500, "server-error")
    assert "lockout: cannot" in a.error_log()


def test_bad_secret_file_fails_configtest(tmp_path):
    h = Httpd("event")
    try:
        short = tmp_path / "short"
        short.write_bytes(b"x" * 10)
        h.config(f"AuthGateSecretFile {short}\n")
        r = h.configtest()
        assert r.returncode != 0
        assert "AuthGateSecretFile" in r.stderr
        assert "32 to 4096 bytes" in r.stderr
        with pytest.raises(RuntimeError):
            h.start()
    finally:
        h.cleanup()


def test_secret_is_read_once_a_restart_keeps_it(httpd, tmp_path):
    """A secret damaged after startup does not stop a restart (logrotate's
    nightly graceful): the file is read once, at startup."""
    secret = tmp_path / "secret"
    subprocess.run([str(AUTHGATE), "secret", str(secret)], check=True)
    standard_site(httpd, extra=f"AuthGateSecretFile {secret}\n"
                  "LogLevel warn authgate:debug\n")
    assert httpd.get("/members/", auth=("bob", "builder")).status_code == 200
    secret.write_bytes(b"short")
    before = httpd.error_log().count("resuming normal operations")
    os.kill(httpd.pid(), signal.SIGUSR1)           # graceful, signalled
    deadline = time.time() + 15
    while httpd.error_log().count("resuming normal operations") <= before:
        assert time.time() < deadline
        time.sleep(0.1)
    httpd.allow_error(r"AH00060|AH00171|AH00169|AH00094")
    time.sleep(0.5)
    assert httpd.get("/members/", auth=("bob", "builder")).status_code == 200
    assert "AG00507" not in httpd.error_log()
    # apachectl configtest (which apachectl graceful runs first) says so
    r = httpd.configtest()
    assert r.returncode != 0 and "AuthGateSecretFile" in r.stderr


def test_authgate_secret_makes_a_new_private_file(tmp_path):
    secret = tmp_path / "s"
    r = subprocess.run([str(AUTHGATE), "secret", str(secret)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert secret.stat().st_mode & 0o777 == 0o600
    assert len(secret.read_bytes()) == 32
    first = secret.read_bytes()
    # never over an existing file, never through a link
    r = subprocess.run([str(AUTHGATE), "secret", str(secret)],
                       capture_output=True, text=True)
    assert r.returncode == 1 and "remove it first" in r.stderr
    assert secret.read_bytes() == first
    os.symlink(tmp_path / "elsewhere", tmp_path / "link")
    r = subprocess.run([str(AUTHGATE), "secret", str(tmp_path / "link")],
                       capture_output=True, text=True)
    assert r.returncode != 0
    assert not (tmp_path / "elsewhere").exists()
