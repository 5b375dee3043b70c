#!/usr/bin/env python3
"""The two Quick start commands, needing nothing but Python 3.11+.

python3 dev.py run    # a virtualenv, the demo data in SQLite, a server on 127.0.0.1:8000 and
                      # the task worker that sends its e-mails
python3 dev.py run --port 8001   # the same on another port (8000 taken)
python3 dev.py test   # the whole test suite (browser tests too where Chromium is installed)
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def sh(*args: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], cwd=ROOT, check=True, env=env)


def ensure_venv(extras: str = "") -> None:
    """Create .venv and install the project; reinstall only when pyproject.toml changed."""
    if not PYTHON.exists():
        print(f"Creating {VENV.name}/ ...", flush=True)
        venv.create(VENV, with_pip=True)
    spec = f".[{extras}]" if extras else "."
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + spec.encode()).hexdigest()
    stamp = VENV / f".installed-{extras or 'base'}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    sh(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    sh(PYTHON, "-m", "pip", "install", "--quiet", spec)
    stamp.write_text(digest)


def port_in_use(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def run(port: int) -> int:
    # Before the minutes of installing and seeding: runserver would stop at the end of them.
    if port_in_use(port):
        print(
            f"Port {port} is in use (another server?). Choose another one, for example:\n"
            f"    python3 dev.py run --port {port + 1}",
            file=sys.stderr,
        )
        return 1
    ensure_venv()
    address = f"127.0.0.1:{port}"
    # The e-mails link to the server's address (unless SITE_URL says otherwise).
    env = {
        **os.environ,
        "DEBUG": os.environ.get("DEBUG", "1"),
        "SITE_URL": os.environ.get("SITE_URL", f"http://{address}"),
    }
    manage = [PYTHON, "manage.py"]
    sh(*manage, "migrate", "--no-input", env=env)
    sh(*manage, "seed_demo", env=env)
    print(f"\nOpen http://{address}/ and sign in as `director`, `chair` or `delegate-chl`")
    print(f"with the password `{os.environ.get('DEMO_PASSWORD', 'apec-demo')}`.", flush=True)
    print("The task worker beside the server prints the e-mails it sends.\n", flush=True)
    # Ctrl+C reaches only this script (the two run in their own sessions); stop both either way.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server = start_manage(["runserver", address], env)
    worker = start_manage(["db_worker"], env)
    try:
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop(worker)
        stop(server)
    return 0


def start_manage(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    # A session (process group) of its own, so that stopping it stops its autoreloader's child.
    return subprocess.Popen(
        [str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, start_new_session=True
    )


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the whole group (the worker finishes the task in hand), SIGKILL after 10 s."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=10)
            return
        except subprocess.TimeoutExpired:
            continue


def browser_ready() -> bool:
    """Chromium comes from the OS package; axe-core from npm, installed here when npm exists."""
    if not CHROMIUM.exists():
        return False
    if not AXE.exists() and shutil.which("npm"):
        sh("npm", "install", "--no-audit", "--no-fund", "--silent")
    return AXE.exists()


def test(pytest_args: list[str]) -> int:
    ensure_venv("dev")
    env = dict(os.environ)
    if not browser_ready():
        banner = "#" * 78
        print(
            f"\n{banner}\n# BROWSER TESTS WILL BE SKIPPED: {CHROMIUM} or axe-core is missing.\n"
            "# Install them with `apt-get install chromium` and `npm install`.\n"
            f"{banner}\n",
            flush=True,
        )
        env["SMEWG_SKIP_BROWSER_TESTS"] = "1"
    return subprocess.run([str(PYTHON), "-m", "pytest", *pytest_args], cwd=ROOT, env=env).returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test"}:
        print(__doc__)
        return 2
    if argv[0] == "run":
        options = argparse.ArgumentParser(prog="dev.py run")
        options.add_argument("--port", type=int, default=8000, help="default 8000")
        return run(options.parse_args(argv[1:]).port)
    return test(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
