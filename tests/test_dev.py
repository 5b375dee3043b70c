"""`python3 dev.py run` serves on another port when asked (8000 may be taken)."""

import importlib.util
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def dev(monkeypatch):
    """dev.py with the virtualenv, migrations and processes left out: what it would run."""
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.started = []

    class Finished:
        pid = 0

        def wait(self):
            return 0

    def start_manage(args, env):
        module.started.append((args, env))
        return Finished()

    monkeypatch.setattr(module, "ensure_venv", lambda *args: None)
    monkeypatch.setattr(module, "sh", lambda *args, env=None: None)
    monkeypatch.setattr(module, "start_manage", start_manage)
    monkeypatch.setattr(module, "stop", lambda process: None)
    monkeypatch.delenv("SITE_URL", raising=False)
    return module


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_run_serves_on_the_port_asked_for_and_links_the_emails_to_it(dev, capsys):
    port = free_port()
    assert dev.main(["run", "--port", str(port)]) == 0
    (server, server_env), (worker, worker_env) = dev.started
    assert server == ["runserver", f"127.0.0.1:{port}"]
    assert worker == ["db_worker"]
    assert server_env["SITE_URL"] == worker_env["SITE_URL"] == f"http://127.0.0.1:{port}"
    assert f"Open http://127.0.0.1:{port}/" in capsys.readouterr().out


def test_run_says_how_to_choose_another_port_when_its_port_is_taken(dev, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert dev.main(["run", "--port", str(port)]) == 1
    assert dev.started == []
    said = capsys.readouterr()
    assert f"Port {port} is in use" in said.err
    assert "--port" in said.err


def test_the_help_names_the_port_option(dev, capsys):
    assert dev.main([]) == 2
    assert "--port" in capsys.readouterr().out
