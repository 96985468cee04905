"""How much CPU the whole ``make run`` stack uses while nobody is using it.

``python -m bench.idle [--seconds 60] [--pid PID]`` finds the stack: supervisord (its pid is
in ``var/supervisord.pid``, or give ``--pid``) and every process below it (gunicorn's master
and workers, the task worker, the scheduler, the demo LMS). It reads each one's user and
system CPU time from ``/proc/<pid>/stat`` at the start and the end of the window and prints
the share of one core each used, and the total. Linux only; no requests are made, so what it
measures is the stack's own polling, heartbeats and timers. The goal is at most 2% in total.
"""

from __future__ import annotations

import argparse
import os
import time
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")
DEFAULT_PIDFILE = Path(__file__).resolve().parent.parent / "var" / "supervisord.pid"


@dataclass(frozen=True)
class Sample:
    pid: int
    parent: int
    cpu_ticks: int
    command: str


def read(pid: int) -> Sample | None:
    """One process's parent and CPU ticks so far (user + system), or None if it has gone."""
    try:
        stat = (PROC / str(pid) / "stat").read_text()
        raw = (PROC / str(pid) / "cmdline").read_bytes()
    except (FileNotFoundError, ProcessLookupError):
        return None
    # The command name (field 2) is in parentheses and may hold spaces: split after it.
    fields = stat[stat.rindex(")") + 2 :].split()
    parent, utime, stime = int(fields[1]), int(fields[11]), int(fields[12])
    command = " ".join(raw.decode(errors="replace").split("\0")).strip()
    return Sample(pid, parent, utime + stime, command)


def stack(root: int) -> dict[int, Sample]:
    """The root process and all its descendants, as they are now."""
    samples = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit() and (sample := read(int(entry.name))):
            samples[sample.pid] = sample
    members, frontier = {}, [root]
    while frontier:
        pid = frontier.pop()
        if pid in samples and pid not in members:
            members[pid] = samples[pid]
            frontier.extend(s.pid for s in samples.values() if s.parent == pid)
    return members


def short(command: str, width: int = 70) -> str:
    words = [w for w in command.split() if not w.startswith("/") or w.endswith(".conf")]
    text = " ".join(words) or command
    return text if len(text) <= width else text[: width - 1] + "…"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="window (default 60)")
    parser.add_argument("--pid", type=int, help="the stack's root process (default: supervisord)")
    args = parser.parse_args()
    root = args.pid or int(DEFAULT_PIDFILE.read_text().strip())

    before = stack(root)
    if not before:
        raise SystemExit(f"no process {root}: is `make run` running?")
    started = time.monotonic()
    time.sleep(args.seconds)
    after = stack(root)
    window = time.monotonic() - started

    print(f"Idle CPU of the stack under pid {root} over {window:.1f} s (% of one core)")
    total = 0.0
    for pid, end in sorted(after.items()):
        start = before.get(pid)
        if start is None:
            print(f"  {pid:>7}  (started during the window)  {short(end.command)}")
            continue
        share = 100 * (end.cpu_ticks - start.cpu_ticks) / TICKS_PER_SECOND / window
        total += share
        print(f"  {pid:>7}  {share:6.2f}%  {short(end.command)}")
    for pid in sorted(set(before) - set(after)):
        print(f"  {pid:>7}  (ended during the window)  {short(before[pid].command)}")
    print(f"  total    {total:6.2f}%  ({len(after)} processes)")


if __name__ == "__main__":
    main()
