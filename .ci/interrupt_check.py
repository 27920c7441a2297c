"""Stop ``pytest --db all`` at given seconds and list what it left on the servers.

    python .ci/interrupt_check.py TERM 1 5 10 ...   # SIGTERM: nothing may be left
    python .ci/interrupt_check.py KILL 3 12 ...     # SIGKILL: then one more (short) run,
                                                    # after which nothing may be left
    python .ci/interrupt_check.py KILL 1 2 -- comparisons/tests/test_namespaces.py
                                                    # more pytest arguments after --

Names of live processes on this host are not counted (a run of another checkout may be
going on); every other ``comparisons_*`` name is, whoever made it. Each stopped run's
output is kept in /tmp/interrupt_<SIG>_<seconds>.log.
Exits 1 if anything is left where nothing may be. Not part of CI: it runs the suite once
per point in time.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from comparisons.databases.backends import parse_backends
from comparisons.databases.namespaces import place_for
from comparisons.databases.owners import owner_of, pid_alive

PLACES = [place_for(backend.url) for backend in parse_backends(["all"])]
NEXT_RUN = ["pytest", "--db", "all", "-q", "-p", "no:randomly", "comparisons/tests/test_catalog.py"]


def leftovers() -> list[str]:
    """Every ``comparisons_*`` name but those of live processes on this host: names of
    ended runs, of other hosts, and names the suite does not own all count."""
    return [name for place in PLACES for name in place.names()
            if not ((owner := owner_of(name)) and owner.here and pid_alive(owner.pid))]


def wait_for_group(group: int) -> None:
    """Until every process of the stopped run (children included) has ended."""
    while True:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)


def stop_at(number: signal.Signals, seconds: float, more: list[str]) -> tuple[int, str]:
    run = subprocess.Popen(["pytest", "--db", "all", "-q", *more], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, start_new_session=True)
    time.sleep(seconds)
    run.send_signal(number)
    output, _ = run.communicate()
    wait_for_group(run.pid)
    Path(f"/tmp/interrupt_{number.name}_{seconds:g}.log").write_text(output)
    last = output.strip().splitlines()[-1] if output.strip() else ""
    return run.returncode, last


def main(argv: list[str]) -> int:
    split = argv.index("--") if "--" in argv else len(argv)
    argv, more = argv[:split], argv[split + 1:]
    number = signal.Signals[f"SIG{argv[0]}"]
    if leftovers():
        print(f"left before starting: {leftovers()}")
        return 1
    failed = False
    for seconds in map(float, argv[1:]):
        status, last = stop_at(number, seconds, more)
        left = leftovers()
        line = f"{number.name} at {seconds:5.1f}s: exit {status}, left {len(left)}"
        if number == signal.SIGKILL:
            subprocess.run(NEXT_RUN, capture_output=True, check=True)
            left = leftovers()
            line += f", after the next run {len(left)}"
        print(f"{line}  | {last[:70]}", flush=True)
        failed = failed or bool(left)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
