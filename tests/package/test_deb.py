"""The Debian package and make install / make uninstall, on this machine.

Builds the package (make deb), lints it, installs it with dpkg (root
needed: CI and make check run as root), serves a protected directory
with Debian's apache2 loading the module from the package, enables and
disables it with a2enmod and a2dismod, purges it and checks that no file
of it is left; then make install and make uninstall, into a DESTDIR and
onto the machine.

The machine is left as it was found.  Before the first test, every file
at a path the package or make install uses (a copy that make install
put there, or the package itself, already installed) is set aside, and
so are apache2's links and state markers for authgate and socache_shmcb;
after the last test they are put back, and a package that was installed
before is installed again (the version built here) with the files it
had.  Each test starts from a clean machine, so a test that failed
half-way harms neither the next test nor the next run.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
PKG = "libapache2-mod-authgate"
APACHE = shutil.which("apache2") or "/usr/sbin/apache2"
MODDIR = Path("/usr/lib/apache2/modules")
MODULE = MODDIR / "mod_authgate.so"
CONFDIR = Path("/etc/apache2")
STATEDIR = Path("/var/lib/apache2/module")  # a2enmod's state
# what make install puts outside the paths the package also uses
# (BINDIR and MANDIR defaults)
LIVE_INSTALL = [Path("/usr/local/bin/authgate"),
                Path("/usr/local/share/man/man1/authgate.1"),
                Path("/usr/local/share/man/man8/mod_authgate.8")]
LIVE_DIRS = [Path("/usr/local/bin"), Path("/usr/local/share/man"),
             Path("/usr/local/share/man/man1"),
             Path("/usr/local/share/man/man8")]
# a2enmod's state directories
STATE_DIRS = [STATEDIR / f"{how}_by_{who}"
              for how in ("enabled", "disabled") for who in ("admin", "maint")]
# the names whose a2enmod links and state markers the tests change
APACHE_NAMES = ["authgate", "socache_shmcb"]


def run(*cmd, check=True, env=None, input=None):
    r = subprocess.run([str(c) for c in cmd], capture_output=True,
                       text=True, env=env, input=input,
                       stdin=None if input is not None else
                       subprocess.DEVNULL)
    if check and r.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, cmd))} exited "
                             f"{r.returncode}:\n{r.stdout}{r.stderr}")
    return r


def dpkg_env():
    env = dict(os.environ)
    env["DEBIAN_FRONTEND"] = "noninteractive"
    return env


def version():
    text = (ROOT / "include/ag_version.h").read_text()
    return re.search(r'#define AUTHGATE_VERSION "([^"]+)"', text).group(1)


def deb_path():
    arch = run("dpkg", "--print-architecture").stdout.strip()
    return ROOT / "build" / f"{PKG}_{version()}_{arch}.deb"


def pkg_status():
    r = run("dpkg-query", "-W", "-f=${Status}", PKG, check=False)
    return r.stdout.strip() if r.returncode == 0 else "not-installed"


def installed():
    return pkg_status() == "install ok installed"


def deb_contents(deb):
    """The .deb's paths, as absolute paths: (files and links, dirs)."""
    files, dirs = [], []
    for line in run("dpkg-deb", "-c", deb).stdout.splitlines():
        name = line.split(None, 5)[5].split(" -> ")[0]
        path = Path("/" + name.removeprefix("./"))
        (dirs if line.startswith("d") else files).append(path)
    return files, dirs


def mods_enabled(name):
    return [p for p in (CONFDIR / "mods-enabled").glob(name + ".*")]


def markers(name):
    """apache2's state files for a module (enabled_by_admin/NAME, ...)."""
    if not STATEDIR.is_dir():
        return []
    return [p for p in STATEDIR.glob("*/" + name) if p.is_file()]


def a2query(name):
    return run("a2query", "-q", "-m", name, check=False).returncode == 0


def system_apache_pid():
    """The pid of the system's own apache2 (Debian's pid file), if it
    runs: a maintainer script may restart it."""
    try:
        pid = int(Path("/run/apache2/apache2.pid").read_text())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def purge_quietly():
    if pkg_status() != "not-installed":
        run("dpkg", "--purge", PKG, env=dpkg_env())


def remove_at(paths):
    for p in paths:
        if p.is_symlink() or p.exists():
            p.unlink()


def clean_machine(paths):
    """No package, no make-installed copy, no authgate links or markers."""
    purge_quietly()
    remove_at(paths)
    for p in mods_enabled("authgate") + markers("authgate"):
        p.unlink()


# -- the machine's state, kept and given back ------------------------------

class Snapshot:
    """What the tests may change on this machine, to be put back."""

    def __init__(self, paths):
        self.paths = paths
        self.keep = Path(tempfile.mkdtemp(prefix="authgate-pkg-keep-"))
        self.files = {}        # path -> (kept copy, or link target)
        self.links = {}        # mods-enabled link -> target
        self.marks = []        # state markers present
        self.had_package = installed()
        # directories made meanwhile go again, when empty
        self.dirs = {d: d.exists() for d in LIVE_DIRS + STATE_DIRS}
        self.apache_pid = system_apache_pid()
        for i, p in enumerate(paths):
            if p.is_symlink():
                self.files[p] = ("link", os.readlink(p))
            elif p.exists():
                copy = self.keep / str(i)
                shutil.copy2(p, copy)
                st = p.stat()
                self.files[p] = ("file", copy, st.st_uid, st.st_gid)
        for name in APACHE_NAMES:
            for link in mods_enabled(name):
                self.links[link] = os.readlink(link)
            self.marks += markers(name)

    def restore(self):
        clean_machine(self.paths)
        for name in APACHE_NAMES:
            for link in mods_enabled(name):
                if link not in self.links:
                    link.unlink()
            for m in markers(name):
                if m not in self.marks:
                    m.unlink()
        if self.had_package:
            # the version built here: the one that was installed is gone
            run("dpkg", "-i", "--force-confold", deb_path(), env=dpkg_env())
        for link, target in self.links.items():
            if not link.is_symlink():
                link.symlink_to(target)
        for m in self.marks:
            m.parent.mkdir(parents=True, exist_ok=True)
            m.touch()
        for p, saved in self.files.items():
            p.parent.mkdir(parents=True, exist_ok=True)
            if p.is_symlink() or p.exists():
                p.unlink()
            if saved[0] == "link":
                p.symlink_to(saved[1])
            else:
                shutil.copy2(saved[1], p)
                os.chown(p, saved[2], saved[3])
        for d in sorted(self.dirs, key=lambda d: -len(d.parts)):
            if not self.dirs[d] and d.is_dir() and not any(d.iterdir()):
                d.rmdir()
        # a maintainer script may have restarted the system's apache2
        # (apache2-maintscript-helper): stop one that did not run before
        pid = system_apache_pid()
        if pid is not None and self.apache_pid is None:
            run("apache2ctl", "stop", check=False)
        shutil.rmtree(self.keep)


@pytest.fixture(scope="module")
def deb():
    """The package, built by make deb (nothing to do when up to date)."""
    assert os.geteuid() == 0, "the package tests install packages: root"
    run("make", "-s", "-C", ROOT, "deb", "build")
    path = deb_path()
    assert path.is_file(), path
    return path


@pytest.fixture(scope="module")
def paths(deb):
    """Every path of a file that the package or make install puts on
    this machine."""
    return deb_contents(deb)[0] + LIVE_INSTALL


@pytest.fixture(scope="module")
def machine(paths):
    snap = Snapshot(paths)
    try:
        clean_machine(paths)
        yield snap
    finally:
        snap.restore()


@pytest.fixture
def clean(machine, paths):
    clean_machine(paths)
    yield
    clean_machine(paths)


# -- the package as built ----------------------------------------------------

def test_changelog_version_is_the_release():
    r = run("dpkg-parsechangelog", "-l", ROOT / "debian/changelog",
            "-S", "Version")
    assert r.stdout.strip() == version()
    run("make", "-s", "-C", ROOT, "deb-version")
    # and the check can fail: another release than the changelog's
    r = run("make", "-s", "-C", ROOT, "deb-version", "VERSION=9.9.9",
            check=False)
    assert r.returncode != 0
    assert "debian/changelog is at " + version() in r.stderr


def test_lintian_finds_no_error_or_warning(deb):
    r = run("lintian", "--info", "--display-info", "--pedantic", deb,
            check=False)
    print(r.stdout, r.stderr)
    tags = [line for line in r.stdout.splitlines()
            if re.match(r"^[EWIPX]: ", line)]
    bad = [t for t in tags if t.startswith(("E:", "W:"))]
    assert not bad, "\n".join(bad)
    assert r.returncode == 0, r.stdout + r.stderr


def test_package_holds_what_the_readme_says(deb, paths):
    names = {str(p) for p in paths}
    for want in [
            "/usr/lib/apache2/modules/mod_authgate.so",
            "/etc/apache2/mods-available/authgate.load",
            "/etc/apache2/mods-available/authgate.conf",
            "/usr/bin/authgate",
            "/usr/share/man/man1/authgate.1.gz",
            "/usr/share/man/man8/mod_authgate.8.gz",
            "/etc/fail2ban/filter.d/authgate.conf",
            f"/usr/share/doc/{PKG}/examples/fail2ban/jail.d/authgate.conf",
            f"/usr/share/doc/{PKG}/examples/httpd-example.conf",
            f"/usr/share/doc/{PKG}/copyright",
            f"/usr/share/{PKG}/templates/plain.html",
            f"/usr/share/{PKG}/templates/branded.html"]:
        assert want in names, want
    # nothing enables fail2ban's jail behind the administrator's back
    assert "/etc/fail2ban/jail.d/authgate.conf" not in names
    info = run("dpkg-deb", "-f", deb, "Depends", "Version").stdout
    assert f"Version: {version()}" in info
    assert "apache2-api-20120211" in info
    assert "libssl3" in info and "libcrypt1" in info
    with tempfile.TemporaryDirectory() as d:
        run("dpkg-deb", "-e", deb, d)
        conffiles = Path(d, "conffiles").read_text().split()
        assert sorted(conffiles) == [
            "/etc/apache2/mods-available/authgate.conf",
            "/etc/apache2/mods-available/authgate.load",
            "/etc/fail2ban/filter.d/authgate.conf"]
        # dh_apache2's scripts: disable on removal, forget on purge,
        # and (dh_apache2 --noenable) no postinst that enables
        for script in ("prerm", "postrm"):
            text = Path(d, script).read_text()
            assert "apache2-maintscript-helper" in text
            assert "apache2_invoke dismod" in text
            assert "authgate" in text
        assert not Path(d, "postinst").exists()


# -- installed on this machine ---------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_with_installed_module(workdir):
    """Debian's apache2, with a configuration of its own that loads the
    module from the package and guards /members/ with "Require role"."""
    port = free_port()
    work = Path(workdir)
    os.chmod(work, 0o755)
    for d in ("htdocs/members", "logs", "run"):
        (work / d).mkdir(parents=True)
    (work / "htdocs/members/index.html").write_text("members only\n")
    users = work / "users"
    for user, pw, roles in [("bob", "builder-pw", "member"),
                            ("carol", "singer-pw", "team")]:
        run("/usr/bin/authgate", "passwd", users, user, "--roles", roles,
            "--stdin", input=pw + "\n")
    mods = ["authn_core", "authz_core", "authz_user", "socache_shmcb",
            "dir", "mime"]
    conf = [f"ServerRoot {work}", f"Listen 127.0.0.1:{port}",
            "ServerName localhost",
            f"LoadModule mpm_event_module {MODDIR}/mod_mpm_event.so"]
    conf += [f"LoadModule {m}_module {MODDIR}/mod_{m}.so" for m in mods]
    conf += [f"LoadModule authgate_module {MODULE}",
             "User www-data", "Group www-data",
             f"PidFile {work}/run/httpd.pid",
             f"DefaultRuntimeDir {work}/run",
             f"ErrorLog {work}/logs/error.log",
             "LogLevel warn",
             "TypesConfig /etc/mime.types",
             f"DocumentRoot {work}/htdocs",
             "DirectoryIndex index.html",
             f"<Directory {work}/htdocs/members>",
             "    AuthType AuthGate",
             '    AuthName "Members"',
             f"    AuthGateUserFile {users}",
             "    Require role member",
             "    AuthGateErrorDocument 403 "
             f"/usr/share/{PKG}/templates/plain.html",
             "</Directory>"]
    (work / "httpd.conf").write_text("\n".join(conf) + "\n")
    run(APACHE, "-f", work / "httpd.conf", "-k", "start")
    deadline = time.time() + 15
    while time.time() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{port}/", timeout=5)
            return port
        except requests.ConnectionError:
            time.sleep(0.05)
    raise AssertionError("httpd did not start:\n" +
                         (work / "logs/error.log").read_text())


def stop_httpd(workdir):
    try:
        pid = int(Path(workdir, "run/httpd.pid").read_text())
    except (OSError, ValueError):
        return
    os.kill(pid, signal.SIGTERM)
    deadline = time.time() + 15
    while time.time() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)


def test_install_serve_enable_disable_purge(deb, paths, clean):
    before = {p for p in paths if p.exists()}
    assert not before, before
    # the directories the package brings that this machine lacks: purge
    # must take them away again
    new_dirs = [d for d in deb_contents(deb)[1] if not d.exists()]

    run("dpkg", "-i", deb, env=dpkg_env())
    assert installed()
    listed = run("dpkg", "-L", PKG).stdout.splitlines()
    files = [Path(p) for p in listed if not Path(p).is_dir()]
    assert MODULE in files
    assert all(p.exists() for p in files)
    # installing loads nothing: the administrator enables it
    assert not a2query("authgate")
    assert not mods_enabled("authgate")

    # the installed module serves: 401 without credentials, 200 with a
    # user who holds the role, 403 (the installed template) without
    work = tempfile.mkdtemp(prefix="authgate-pkg-httpd-")
    try:
        port = serve_with_installed_module(work)
        url = f"http://127.0.0.1:{port}/members/"
        r = requests.get(url, timeout=10)
        assert r.status_code == 401
        assert r.headers["WWW-Authenticate"].startswith(
            'Basic realm="Members"')
        r = requests.get(url, auth=("bob", "builder-pw"), timeout=10)
        assert r.status_code == 200
        assert r.text == "members only\n"
        r = requests.get(url, auth=("bob", "wrong"), timeout=10)
        assert r.status_code == 401
        r = requests.get(url, auth=("carol", "singer-pw"), timeout=10)
        assert r.status_code == 403
        assert "(insufficient-role) for GET /members/" in r.text
    finally:
        stop_httpd(work)
        shutil.rmtree(work)

    # while the package is installed, make install and make uninstall
    # keep off its files
    for target in ("install", "uninstall"):
        r = run("make", "-s", "-C", ROOT, target, check=False)
        assert r.returncode != 0
        assert "belongs to a Debian package" in r.stderr
        assert MODULE.exists()
    assert run("dpkg", "--verify", PKG, check=False).stdout == ""

    # a2enmod authgate enables socache_shmcb with it (its Depends: line)
    had_shmcb = a2query("socache_shmcb")
    run("a2enmod", "-q", "authgate")
    enabled = {p.name for p in mods_enabled("authgate")}
    assert enabled == {"authgate.load", "authgate.conf"}
    assert a2query("authgate") and a2query("socache_shmcb")
    # Debian's own configuration loads it
    r = run("apache2ctl", "-M")
    assert "authgate_module (shared)" in r.stdout

    run("a2dismod", "-q", "authgate")
    assert not mods_enabled("authgate")
    assert not a2query("authgate")
    # a2dismod leaves socache_shmcb on (the README says what to do)
    assert a2query("socache_shmcb")
    if not had_shmcb:
        run("a2dismod", "-q", "socache_shmcb")

    # purged while enabled: the maintainer scripts disable it, and no
    # file of the package is left
    run("a2enmod", "-q", "authgate")
    assert mods_enabled("authgate")
    run("dpkg", "--purge", PKG, env=dpkg_env())
    assert pkg_status() == "not-installed"
    assert not mods_enabled("authgate")
    assert not markers("authgate"), markers("authgate")
    left = [p for p in files if p.exists() or p.is_symlink()]
    assert not left, left
    for d in new_dirs:
        assert not d.exists(), d
    for d in (Path(f"/usr/share/doc/{PKG}"), Path(f"/usr/share/{PKG}")):
        assert not d.exists(), d
    assert not Path("/etc/fail2ban/filter.d/authgate.conf").exists()


# -- make install and make uninstall -----------------------------------

def tree(root):
    """Every file and link under root, relative."""
    out = []
    for dirpath, _dirs, names in os.walk(root):
        for n in names:
            out.append(str(Path(dirpath, n).relative_to(root)))
    return sorted(out)


def test_make_install_and_uninstall_in_destdir():
    libexec = run("apxs", "-q", "LIBEXECDIR").stdout.strip().lstrip("/")
    with tempfile.TemporaryDirectory() as dest:
        # with mods-available there, the a2enmod files are installed too
        Path(dest, "etc/apache2/mods-available").mkdir(parents=True)
        run("make", "-s", "-C", ROOT, "install", f"DESTDIR={dest}")
        assert tree(dest) == sorted([
            "etc/apache2/mods-available/authgate.conf",
            "etc/apache2/mods-available/authgate.load",
            f"{libexec}/mod_authgate.so",
            "usr/local/bin/authgate",
            "usr/local/share/man/man1/authgate.1",
            "usr/local/share/man/man8/mod_authgate.8"])
        run("make", "-s", "-C", ROOT, "uninstall", f"DESTDIR={dest}")
        assert tree(dest) == []
        # and again, with nothing there to remove
        run("make", "-s", "-C", ROOT, "uninstall", f"DESTDIR={dest}")

    with tempfile.TemporaryDirectory() as dest:
        # other BINDIR and MANDIR, as the package's build passes them
        run("make", "-s", "-C", ROOT, "install", f"DESTDIR={dest}",
            "BINDIR=/usr/bin", "MANDIR=/usr/share/man")
        assert "usr/bin/authgate" in tree(dest)
        run("make", "-s", "-C", ROOT, "uninstall", f"DESTDIR={dest}",
            "BINDIR=/usr/bin", "MANDIR=/usr/share/man")
        assert tree(dest) == []


def test_make_install_keeps_an_edited_authgate_conf():
    """authgate.conf is the administrator's (AuthGateSecretFile, ...): a
    second make install or a make uninstall never throws an edited one
    away; the shipped version goes beside it as authgate.conf.dist."""
    shipped = (ROOT / "conf/authgate.conf").read_text()
    with tempfile.TemporaryDirectory() as dest:
        mods = Path(dest, "etc/apache2/mods-available")
        mods.mkdir(parents=True)
        run("make", "-s", "-C", ROOT, "install", f"DESTDIR={dest}")
        conf = mods / "authgate.conf"
        assert conf.read_text() == shipped
        edited = shipped + "AuthGateSecretFile /etc/authgate/secret\n"
        conf.write_text(edited)
        r = run("make", "-s", "-C", ROOT, "install", f"DESTDIR={dest}")
        assert "kept it" in r.stdout
        assert conf.read_text() == edited
        assert (mods / "authgate.conf.dist").read_text() == shipped
        r = run("make", "-s", "-C", ROOT, "uninstall", f"DESTDIR={dest}")
        assert "kept it" in r.stdout
        assert tree(dest) == ["etc/apache2/mods-available/authgate.conf"]
        assert conf.read_text() == edited
        # put back as shipped, it is make install's again: removed
        conf.write_text(shipped)
        run("make", "-s", "-C", ROOT, "install", f"DESTDIR={dest}")
        assert not (mods / "authgate.conf.dist").exists()
        run("make", "-s", "-C", ROOT, "uninstall", f"DESTDIR={dest}")
        assert tree(dest) == []


def test_make_uninstall_disables_the_module_first(clean):
    had_shmcb = a2query("socache_shmcb")
    run("make", "-s", "-C", ROOT, "install")
    assert MODULE.is_file()
    assert (CONFDIR / "mods-available/authgate.load").is_file()
    run("a2enmod", "-q", "authgate")
    assert a2query("authgate")
    r = run("make", "-C", ROOT, "uninstall")
    assert "a2dismod -q authgate" in r.stdout
    assert not mods_enabled("authgate")
    assert not a2query("authgate")
    # and a2dismod's record of it goes, as with apt-get purge
    assert "a2dismod -q -p authgate" in r.stdout
    assert markers("authgate") == []
    for p in [MODULE, CONFDIR / "mods-available/authgate.load",
              CONFDIR / "mods-available/authgate.conf"] + LIVE_INSTALL:
        assert not p.exists(), p
    if not had_shmcb:
        run("a2dismod", "-q", "socache_shmcb")
