"""The documentation stands alone and stays true to the code: the manual
pages render without a warning, the README and mod_authgate(8) name
every directive, Require provider, reason, template value and
environment variable the module has, and nothing points outside the
repository.  No httpd is needed: the names are read from the sources."""

import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
MAN8 = ROOT / "man" / "mod_authgate.8"
MAN_PAGES = [ROOT / "man" / "authgate.1", MAN8]
GLUE = [ROOT / "mod_authgate.c", *sorted((ROOT / "src").glob("mod_authgate_*.c"))]


def read(path):
    return path.read_text(encoding="utf-8")


def glue_text():
    return "\n".join(read(p) for p in GLUE)


def directives():
    """Every directive in the module's command table."""
    names = re.findall(r'AP_INIT_[A-Z0-9_]+\(\s*"([A-Za-z]+)"', glue_text())
    assert len(names) >= 14, "the command table was not found"
    return sorted(set(names))


def providers():
    """Every authorization provider the module registers."""
    names = re.findall(r'ap_register_auth_provider\([^,]+,\s*'
                       r'AUTHZ_PROVIDER_GROUP,\s*"([a-z-]+)"', glue_text())
    assert names, "no Require provider found"
    return sorted(set(names))


def reasons():
    """(reason, status) of every entry of src/ag_reason.c's table."""
    pairs = re.findall(r'\{\s*"([a-z-]+)",\s*(\d{3})\s*\}',
                       read(ROOT / "src" / "ag_reason.c"))
    assert len(pairs) >= 12, "the reason table was not found"
    return sorted(set(pairs))


def template_values():
    names = re.findall(r'\[AG_TV_[A-Z_]+\]\s*=\s*"([a-z_]+)"',
                       read(ROOT / "src" / "ag_template.c"))
    assert len(names) >= 15, "the template value table was not found"
    return names


def env_vars():
    """The AUTHGATE_* request environment variables the module sets."""
    text = glue_text()
    names = set(re.findall(r'set_var\(r,\s*"(AUTHGATE_[A-Z_]+)"', text))
    for macro, name in re.findall(r'#define (\w+_VAR) "(AUTHGATE_[A-Z_]+)"',
                                  text):
        if re.search(r"(set_var\(r,|subprocess_env,)\s*" + macro + r"\b",
                     text):
            names.add(name)
    assert len(names) >= 5, "no environment variables found"
    return sorted(names)


def log_ids_in_source():
    text = glue_text() + "\n".join(read(p) for p in (ROOT / "src").glob("*.c"))
    return set(re.findall(r"AGLOGNO\((\d{5})\)", text))


def man_source_text(path):
    """The roff source with font changes and escapes taken out, so that a
    name reads as it is printed."""
    text = read(path)
    text = re.sub(r"\\f(\[[^\]]*\]|.)", "", text)
    return text.replace("\\-", "-").replace("\\&", "").replace("\\e", "\\")


def man_rendered(path):
    """The page as man prints it, on a line wide enough not to wrap."""
    env = dict(os.environ, MANWIDTH="200", MAN_KEEP_FORMATTING="")
    out = subprocess.run(["man", "-l", str(path)], capture_output=True,
                         text=True, env=env, check=True).stdout
    return re.sub(r".\x08", "", out)


def readme():
    return read(README)


# -- the manual pages render cleanly -------------------------------------

@pytest.mark.parametrize("page", MAN_PAGES, ids=lambda p: p.name)
def test_man_page_has_no_man_warnings(page):
    r = subprocess.run(["man", "--warnings", "-l", str(page)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       text=True, env=dict(os.environ, MANWIDTH="80"))
    assert r.returncode == 0 and r.stderr == "", r.stderr


@pytest.mark.parametrize("page", MAN_PAGES, ids=lambda p: p.name)
def test_man_page_has_no_groff_warnings(page):
    r = subprocess.run(["groff", "-man", "-ww", "-z", str(page)],
                       capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout + r.stderr == "", r.stderr


def test_man_page_names_the_release():
    version = re.search(r'#define AUTHGATE_VERSION "([^"]+)"',
                        read(ROOT / "include" / "ag_version.h")).group(1)
    th = re.search(r"^\.TH .*$", read(MAN8), re.M).group(0)
    assert f'"mod_authgate {version}"' in th, th


def test_man_page_has_its_sections():
    heads = re.findall(r"^\.SH (.*)$", read(MAN8), re.M)
    heads = [h.strip('"') for h in heads]
    for want in ("NAME", "SYNOPSIS", "DESCRIPTION", "DIRECTIVES",
                 "REQUIRE PROVIDERS", "FILES", "REASONS AND STATUSES",
                 "ERROR PAGES AND TEMPLATES", "ENVIRONMENT", "SECURITY",
                 "LOGGING", "SEE ALSO"):
        assert want in heads, want
    see_also = man_rendered(MAN8).split("SEE ALSO", 1)[1]
    for ref in ("authgate(1)", "apache2(8)", "a2enmod(8)", "htpasswd(1)"):
        assert ref in see_also, ref


# -- every name of the code is documented in both ------------------------

@pytest.mark.parametrize("doc", ["README.md", "mod_authgate.8"])
def test_every_directive_is_documented(doc):
    text = readme() if doc == "README.md" else man_source_text(MAN8)
    missing = [d for d in directives()
               if not re.search(r"(?<![A-Za-z])" + d + r"(?![A-Za-z])", text)]
    assert not missing, f"{doc} does not name {missing}"


def test_man_page_gives_each_directive_an_entry():
    """Each directive has its own tagged paragraph with its context and
    its default, not only a mention."""
    text = man_source_text(MAN8)
    for d in directives():
        m = re.search(r'^\.TP\n\.B[IR]? "?' + d + r'\b.*\n((?:[^.].*\n|'
                      r'\.(?!TP|SH|SS).*\n)*)', text, re.M)
        assert m, f"mod_authgate.8 has no .TP entry for {d}"
        assert "Context:" in m.group(1), d
        assert "Default:" in m.group(1), d


@pytest.mark.parametrize("doc", ["README.md", "mod_authgate.8"])
def test_every_require_provider_is_documented(doc):
    text = readme() if doc == "README.md" else man_source_text(MAN8)
    for name in providers():
        assert re.search(r"Require " + name + r"\b", text), \
            f"{doc} does not document Require {name}"


@pytest.mark.parametrize("doc", ["README.md", "mod_authgate.8"])
def test_every_reason_is_documented(doc):
    text = readme() if doc == "README.md" else man_source_text(MAN8)
    missing = [n for n, _ in reasons()
               if not re.search(r"(?<![a-z-])" + n + r"(?![a-z-])", text)]
    assert not missing, f"{doc} does not name the reasons {missing}"


def test_man_page_gives_each_reason_its_status():
    text = man_rendered(MAN8)
    for name, status in reasons():
        assert re.search(r"^\s*" + name + r" \(" + status + r"\)\s*$", text,
                         re.M), f"mod_authgate.8: no entry '{name} ({status})'"


@pytest.mark.parametrize("doc", ["README.md", "mod_authgate.8"])
def test_every_template_value_is_documented(doc):
    text = readme() if doc == "README.md" else man_source_text(MAN8)
    if doc == "README.md":
        missing = [v for v in template_values() if f"| `{v}` |" not in text]
    else:
        missing = [v for v in template_values()
                   if not re.search(r"^\.B " + v + r"$", text, re.M)]
    assert not missing, f"{doc} has no entry for the template values {missing}"


@pytest.mark.parametrize("doc", ["README.md", "mod_authgate.8"])
def test_every_environment_variable_is_documented(doc):
    text = readme() if doc == "README.md" else man_source_text(MAN8)
    missing = [v for v in env_vars() if v not in text]
    assert not missing, f"{doc} does not name {missing}"


@pytest.mark.parametrize("doc", ["README.md", "mod_authgate.8"])
def test_log_ids_named_exist(doc):
    """A message id the documentation names is one the module logs."""
    text = readme() if doc == "README.md" else man_source_text(MAN8)
    named = set(re.findall(r"\bAG(\d{5})\b", text))
    stale = sorted(named - log_ids_in_source())
    assert not stale, f"{doc} names AG ids the code does not log: {stale}"


# -- the documentation stands alone --------------------------------------

OUTSIDE = [
    (re.compile(r"SPEC"), "SPEC"),
    (re.compile(r"\.\./shared|/work/shared"), "../shared"),
    (re.compile(r"\bissues?\s+#?\d+", re.I), "issue <number>"),
]


def shipped_docs():
    return [README, *MAN_PAGES,
            *sorted(p for p in (ROOT / "conf").rglob("*") if p.is_file())]


@pytest.mark.parametrize("path", shipped_docs(),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_docs_refer_to_nothing_outside_the_repository(path):
    text = read(path)
    found = [(what, text.count("\n", 0, m.start()) + 1)
             for rx, what in OUTSIDE for m in rx.finditer(text)]
    assert not found, f"{path.name}: mentions of {found} (what, line)"


def test_the_checks_for_outside_references_bite():
    """The patterns catch what they are meant to catch."""
    for bad in ("see SPEC section 3", "in SPEC.md", "../shared/SPEC.md",
                "fixed in issue 42", "Issue #7"):
        assert any(rx.search(bad) for rx, _ in OUTSIDE), bad
    for good in ("authgate token issue FILE", "specification", "shared"):
        assert not any(rx.search(good) for rx, _ in OUTSIDE), good


# The sources, tests and scripts stand alone too: a comment or docstring
# may say where the README documents a rule, never which section of a
# document the repository does not hold.
SOURCE_OUTSIDE = [
    (re.compile(r"\bSPEC(?:\.md\b|\b[\s:,(]*(?:\u00a7\s*|sections?\s+)?\d)"),
     "SPEC <section>"),
    (re.compile(r"\.\./shared|/work/shared"), "../shared"),
]
SOURCE_SUFFIXES = (".c", ".h", ".py", ".sh", ".md", ".mjs", ".1", ".8")


def is_source(rel):
    return (rel.endswith(SOURCE_SUFFIXES) or rel.startswith("conf/")
            or rel.rsplit("/", 1)[-1] in ("Makefile", "run"))


def tracked_sources():
    """Every tracked file of the kinds above (git ls-files), or, outside a
    git checkout (an unpacked release), every such file in the tree."""
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True,
                             capture_output=True).stdout.decode()
        rels = [r for r in out.split("\0") if r]
    except (OSError, subprocess.CalledProcessError):
        rels = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*")
                if p.is_file() and not {"build", "node_modules", ".git"}
                & set(p.relative_to(ROOT).parts)]
    this = str(Path(__file__).resolve().relative_to(ROOT))
    return sorted(r for r in rels if is_source(r) and r != this
                  and (ROOT / r).is_file())


def test_sources_refer_to_nothing_outside_the_repository():
    sources = tracked_sources()
    assert len(sources) > 100, f"only {len(sources)} sources found"
    found = []
    for rel in sources:
        text = (ROOT / rel).read_text(encoding="utf-8", errors="replace")
        found += [f"{rel}:{text.count(chr(10), 0, m.start()) + 1}: {what}"
                  for rx, what in SOURCE_OUTSIDE for m in rx.finditer(text)]
    assert not found, "references outside the repository:\n" + "\n".join(
        found)


def test_the_check_for_source_references_bites():
    for bad in ("(SPEC section 3.1)", "(SPEC 3.0)", "SPEC sections 2 and 8",
                "SPEC 4: an unknown user", "as SPEC 3.0\n    requires",
                "(SPEC \u00a7 5)", "see ../shared/SPEC.md", "in SPEC.md"):
        assert any(rx.search(bad) for rx, _ in SOURCE_OUTSIDE), bad
    for good in ('(README, "User file")', "SPECIAL 3", "spec 3",
                 "mod_authgate(8)", "shared memory"):
        assert not any(rx.search(good) for rx, _ in SOURCE_OUTSIDE), good


def test_readme_site_example_is_conf_site_example():
    """The README's Debian site is conf/site-example.conf, which a test
    serves with a real httpd (tests/integration/test_site_example.py)."""
    site = read(ROOT / "conf" / "site-example.conf")
    body = site[site.index("<VirtualHost"):]
    assert "```apache\n" + body + "```" in readme()
    assert not re.search(r"^\s*LoadModule", body, re.M)
