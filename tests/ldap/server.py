"""Debian's slapd, started for the suite on 127.0.0.1 with the tree of tests/ldap/tree.ldif.

`start()` runs slapd as the current user on a free port, with its configuration and database in
a temporary directory, and returns a Directory (its URI and how to change entries), or raises
Unavailable with the reason (no slapd installed, it would not start): the tests that need it are
then skipped with that reason, visibly.
"""

import dataclasses
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SLAPD = "/usr/sbin/slapd"
SLAPADD = "/usr/sbin/slapadd"
BASE = "dc=urzad,dc=test"
ADMIN_DN = f"cn=admin,{BASE}"
ADMIN_PASSWORD = "haslo-administratora-katalogu"
PASSWORD = "haslo-z-katalogu-123"


class Unavailable(Exception):
    pass


@dataclasses.dataclass
class Directory:
    uri: str
    process: subprocess.Popen
    workdir: Path

    def admin(self):
        """A connection bound as the directory's administrator (to change the test tree)."""
        import ldap

        conn = ldap.initialize(self.uri, bytes_mode=False)
        conn.simple_bind_s(ADMIN_DN, ADMIN_PASSWORD)
        return conn

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.workdir, ignore_errors=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start():
    for program in (SLAPD, SLAPADD):
        if not Path(program).exists():
            raise Unavailable(f"{program} is not installed (Debian: apt-get install slapd)")
    workdir = Path(tempfile.mkdtemp(prefix="qms-slapd-"))
    (workdir / "data").mkdir()
    conf = workdir / "slapd.conf"
    conf.write_text(
        (HERE / "slapd.conf.in")
        .read_text(encoding="utf-8")
        .format(dir=workdir, rootpw=ADMIN_PASSWORD),
        encoding="utf-8",
    )
    loaded = subprocess.run(
        [SLAPADD, "-f", str(conf), "-l", str(HERE / "tree.ldif")],
        capture_output=True,
        text=True,
        check=False,
    )
    if loaded.returncode:
        shutil.rmtree(workdir, ignore_errors=True)
        raise Unavailable(f"slapadd failed: {loaded.stderr.strip()[-500:]}")
    port = free_port()
    uri = f"ldap://127.0.0.1:{port}"
    log = (workdir / "slapd.log").open("w")
    # -d 0: stay in the foreground (so the suite stops it), logging nothing but errors.
    process = subprocess.Popen(
        [SLAPD, "-f", str(conf), "-h", f"{uri}/", "-d", "0"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            reason = (workdir / "slapd.log").read_text(errors="replace").strip()[-500:]
            shutil.rmtree(workdir, ignore_errors=True)
            raise Unavailable(f"slapd exited ({process.returncode}): {reason}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        except OSError:
            time.sleep(0.1)
        else:
            return Directory(uri=uri, process=process, workdir=workdir)
    process.kill()
    shutil.rmtree(workdir, ignore_errors=True)
    raise Unavailable("slapd did not listen within 15 s")
