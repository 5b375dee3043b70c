"""Two gunicorn instances on two loopback ports, one PostgreSQL database (run.py --two-instances).

A load balancer may send a person's requests to any instance, so:
- a session started on one instance is valid on the other (sessions live in the database);
- the delegates of one economy, each on one section of the same report, each opening the
  section on one instance and saving through the other, all at once: every save is answered as
  saved and is in the database, and nothing was overwritten.
"""

from __future__ import annotations

import threading
from pathlib import Path

import harness
from harness import Browser, Gunicorn, editable_slots, slot_state

DB = harness.db_name("two")
CODE = "CHL"  # a draft: every section may be saved
ROUNDS = 6  # saves per section


def run(args, workdir: Path, seed_db: str) -> dict:
    harness.create_database(DB, template=seed_db)
    first = Gunicorn(DB, workdir / "two-a.log", workers=2).start()
    second = Gunicorn(DB, workdir / "two-b.log", workers=2).start()
    try:
        return _run(first, second)
    finally:
        first.stop()
        second.stop()
        if not args.keep:
            harness.drop_database(DB)


def _run(first: Gunicorn, second: Gunicorn) -> dict:
    username = f"delegate-{CODE.lower()}"
    report_path = f"/reports/{harness.YEAR}/{CODE}/"
    browser = Browser(first.base)
    browser.login(username)
    on_second = browser.get(report_path, second.base)
    anonymous = Browser(second.base).get(report_path)
    session = {
        "signed_in_on": first.base,
        "same_cookie_on_the_other": on_second.status_code,
        "without_the_cookie": anonymous.status_code,
    }
    session_ok = (
        on_second.status_code == 200
        and "Signed in as" in on_second.text
        and anonymous.status_code == 302
    )

    slots = editable_slots(DB, codes=(CODE,))
    before = {slot.key: slot_state(DB, slot) for slot in slots}
    ledger: dict[str, list] = {slot.key: [] for slot in slots}
    start = threading.Barrier(len(slots), timeout=60)

    def delegate(index: int, slot) -> None:
        me = Browser(first.base)
        me.login(username, base=(first, second)[index % 2].base)
        start.wait()
        for round_ in range(ROUNDS):
            # Open the section on one instance, save through the other; swap every round.
            opened, saved = (first, second) if (index + round_) % 2 else (second, first)
            ledger[slot.key].append(
                me.save(slot, f"two {slot.key} {round_}", base=opened.base, post_base=saved.base)
            )

    threads = [
        threading.Thread(target=delegate, args=(index, slot), daemon=True)
        for index, slot in enumerate(slots)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    checked = harness.check_ledger(DB, {slot.key: slot for slot in slots}, before, ledger)
    not_ok = [
        {"slot": key, **attempt}
        for key, attempts in ledger.items()
        for attempt in attempts
        if attempt["outcome"] != "ok"
    ]
    return {
        "passed": session_ok
        and not not_ok
        and not checked["lost"]
        and not checked["missing"]
        and not checked["torn"]
        and not any(thread.is_alive() for thread in threads),
        "session": session,
        "report": f"{harness.YEAR} {CODE}, {len(slots)} sections x {ROUNDS} saves, at once",
        "saves": checked["saves"],
        "not_saved": not_ok[:10],
        "lost_writes": checked["lost"] + checked["missing"],
        "torn_writes": checked["torn"],
        "server_errors": first.tracebacks() + second.tracebacks(),
    }
