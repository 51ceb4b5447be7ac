"""Run a command with no network: a fresh network namespace whose only interface is loopback.

    python -m bookbuild.offline make test

The Jupyter kernel talks to the builder over 127.0.0.1, and the browser tests
serve pages there, so loopback is brought up; nothing else can be reached. As
root ``unshare --net`` suffices; other users get a network namespace through a
user namespace (``--map-root-user``), where the kernel allows it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys


def offline(command: list[str]) -> list[str]:
    """``command`` wrapped to run in a new network namespace with only loopback up."""
    user = [] if os.geteuid() == 0 else ["--map-root-user"]
    return ["unshare", *user, "--net", "--", "sh", "-c", 'ip link set lo up && exec "$@"', "offline", *command]


def offline_unavailable() -> str | None:
    """Why :func:`offline` cannot work here, or ``None`` when it can."""
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return "unshare (util-linux) and ip (iproute2) are needed to run without network"
    probe = subprocess.run(offline(["true"]), capture_output=True, text=True)
    if probe.returncode != 0:
        return f"this system does not allow a private network namespace: {probe.stderr.strip()}"
    return None


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    if reason := offline_unavailable():
        print(f"cannot run offline: {reason}", file=sys.stderr)
        return 2
    os.execvp("unshare", offline(argv))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
