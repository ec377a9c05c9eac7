#!/usr/bin/env python3
"""Runs a command under GNU time and writes what the kernel accounted for it:
"USER_SECONDS SYSTEM_SECONDS PEAK_RSS_KB" on one line to the file named by -o.

GNU time's `-f '%U %S %M'` rounds the seconds to 10 ms, a tenth of what a small map takes, so
the seconds are read here, to the microsecond, from the rusage of the finished GNU time (its
own, under a millisecond, plus its child's). The peak is GNU time's `%M`: the rusage of a
process started from Python counts Python's own memory as the child's peak. The command's
output streams are left as they are; the exit status is the command's.

    scripts/rusage.py -o times.txt -- counterpoint check map.argdown
"""
import os
import sys
import tempfile

GNU_TIME = "/usr/bin/time"


def main() -> int:
    args = sys.argv[1:]
    if len(args) < 4 or args[0] != "-o" or args[2] != "--":
        print("usage: rusage.py -o FILE -- COMMAND [ARG ...]", file=sys.stderr)
        return 2
    out, command = args[1], args[3:]
    if not os.access(GNU_TIME, os.X_OK):
        print(f"rusage.py: needs GNU time ({GNU_TIME})", file=sys.stderr)
        return 2
    with tempfile.NamedTemporaryFile("r", suffix=".peak") as peak:
        argv = [GNU_TIME, "-q", "-f", "%M", "-o", peak.name, "--", *command]
        pid = os.posix_spawn(GNU_TIME, argv, os.environ)
        _, status, usage = os.wait4(pid, 0)
        kb = peak.read().strip().splitlines()
    with open(out, "w", encoding="utf-8") as f:
        f.write(f"{usage.ru_utime:.6f} {usage.ru_stime:.6f} {kb[-1] if kb else 0}\n")
    code = os.waitstatus_to_exitcode(status)
    # A signal ends it with -N here; a shell says 128 + N.
    return 128 - code if code < 0 else code


if __name__ == "__main__":
    sys.exit(main())
