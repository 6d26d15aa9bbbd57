"""Large files (issue: 100,000 users, 1,000,000 tokens): the gate loads
them, finds any record, and replaces them while it keeps answering.  How
fast is measured by make bench, not asserted here."""

import base64
import hashlib
import os
import sys
import threading
import time

import pytest

from conftest import ROOT, area, wait_for

sys.path.insert(0, str(ROOT / "bench"))
import bench  # noqa: E402

from tokensite import bearer  # noqa: E402


@pytest.mark.serial
def test_million_tokens_and_100k_users(httpd):
    files = httpd.path("fixtures")
    user_hdr, token_hdr = bench.fixtures(files)
    httpd.page("api/index.html")
    httpd.start(area(httpd.docroot / "api", '"API"',
                     users=files / "users", roles=files / "roles",
                     tokens=files / "tokens",
                     require="Require role reader"))
    assert "token file" in httpd.error_log()
    ok = httpd.get("/api/", headers={"Authorization": token_hdr})
    assert ok.status_code == 200
    assert httpd.get("/api/", headers={"Authorization": user_hdr}) \
        .status_code == 200
    # the first and a middle token exist; their users lack "reader"
    secretless = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    for tid in ("t0000000", "t0500000", "nosuch"):
        r = httpd.get("/api/", headers=bearer(f"{tid}.{secretless}"))
        assert r.status_code == 401

    # replace the file while requests keep coming: none may fail.  Every
    # process rebuilds the index (about a second each on an idle 2-core
    # machine, much longer on a loaded one), so the wait is generous.
    failures = []
    stop = threading.Event()

    def hammer():
        while not stop.is_set():
            r = httpd.get("/api/", headers={"Authorization": token_hdr})
            if r.status_code != 200:
                failures.append(r.status_code)
            time.sleep(0.01)

    t = threading.Thread(target=hammer)
    t.start()
    try:
        tokens = files / "tokens"
        new_secret = base64.urlsafe_b64encode(os.urandom(32)) \
            .rstrip(b"=").decode()
        digest = hashlib.sha256(new_secret.encode()).hexdigest()
        tmp = files / "tokens.new"
        tmp.write_bytes(tokens.read_bytes() +
                        f"late:sha256${digest}:measured:*:never:active\n"
                        .encode())
        os.chmod(tmp, 0o644)
        os.replace(tmp, tokens)
        late = bearer(f"late.{new_secret}")
        assert wait_for(lambda: httpd.get("/api/", headers=late)
                        .status_code == 200, timeout=90, step=0.5), \
            "\n".join(l for l in httpd.error_log().splitlines()
                      if "AG00201" not in l)
    finally:
        stop.set()
        t.join()
    assert failures == []
