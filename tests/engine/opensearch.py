"""A real single-node OpenSearch 2.19 for tests, built from Maven Central jars (test-only).

No Docker and no distribution download: Maven resolves the server and module jars
(``tests/engine/pom.xml``) and compiles a small launcher (``OpenSearchLauncher.java``)
that embeds one node bound to 127.0.0.1.

    from tests.engine.opensearch import start
    with start(tmp_path / "node") as node:   # builds on first use, then cached
        httpx.get(f"{node.url}/_cluster/health")

Command line, for manual use::

    python tests/engine/opensearch.py build
    python tests/engine/opensearch.py start [--home DIR] [--port N]   # prints the url
    python tests/engine/opensearch.py stop  [--home DIR]

Environment: ``OPENSEARCH_TEST_CACHE`` (build cache, default ``<repo>/.cache/opensearch``),
``OPENSEARCH_TEST_MAVEN_REPO`` (local Maven repository, default Maven's ``~/.m2/repository``),
``JAVA_HOME`` (else ``java`` on PATH).
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

ENGINE_DIR = Path(__file__).resolve().parent
REPO_ROOT = ENGINE_DIR.parents[1]
DEFAULT_CACHE_DIR = REPO_ROOT / ".cache" / "opensearch"
LAUNCHER_CLASS = "org.estadoabierto.engine.OpenSearchLauncher"
STARTED_MARKER = "OPENSEARCH_TEST_NODE_STARTED"
JVM_OPTIONS = (
    "-Xms512m",
    "-Xmx1g",
    "-XX:+UseG1GC",
    "-Dopensearch.set.netty.runtime.available.processors=false",
    "-Dlog4j.shutdownHookEnabled=false",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
)


class OpenSearchError(RuntimeError):
    """The test node could not be built, started or stopped."""


def cache_dir_default() -> Path:
    return Path(os.environ.get("OPENSEARCH_TEST_CACHE") or DEFAULT_CACHE_DIR)


# --------------------------------------------------------------------------- build


def _sources_digest() -> str:
    """Hash of everything that decides the build: the pom and the Java sources."""
    digest = hashlib.sha256()
    files = [ENGINE_DIR / "pom.xml", *sorted((ENGINE_DIR / "src").rglob("*.java"))]
    for path in files:
        digest.update(path.relative_to(ENGINE_DIR).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _read_classpath(classes: Path, classpath_file: Path) -> list[Path]:
    jars = [Path(p) for p in classpath_file.read_text().strip().split(os.pathsep) if p]
    return [classes, *jars]


def build(cache_dir: Path | None = None, *, force: bool = False) -> list[Path]:
    """Compile the launcher and resolve its classpath; return the classpath entries.

    Jars stay in the local Maven repository; the compiled classes and the classpath file go
    under ``cache_dir``. A call with unchanged sources and all jars present runs no Maven.
    """
    cache_dir = (cache_dir or cache_dir_default()).resolve()
    cache_dir.mkdir(parents=True, exist_ok=True)
    # one build at a time (parallel test workers share the cache)
    with (cache_dir / "build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _build_locked(cache_dir, force)


def _build_locked(cache_dir: Path, force: bool) -> list[Path]:
    target = cache_dir / "target"
    classes = target / "classes"
    classpath_file = cache_dir / "classpath.txt"
    stamp_file = cache_dir / "build.stamp"
    digest = _sources_digest()

    if not force and stamp_file.is_file() and stamp_file.read_text() == digest:
        classpath = _read_classpath(classes, classpath_file)
        if all(p.exists() for p in classpath):
            return classpath

    mvn = shutil.which("mvn")
    if mvn is None:
        raise OpenSearchError("Maven (mvn) is not on PATH; it is needed to build the test node")
    stamp_file.unlink(missing_ok=True)
    command = [
        mvn, "-q", "-B", "--no-transfer-progress",
        "-f", str(ENGINE_DIR / "pom.xml"),
        f"-Dengine.build.dir={target}",
        f"-Dmdep.outputFile={classpath_file}",
        "compile", "dependency:build-classpath",
    ]  # fmt: skip
    maven_repo = os.environ.get("OPENSEARCH_TEST_MAVEN_REPO")
    if maven_repo:
        command.insert(1, f"-Dmaven.repo.local={maven_repo}")
    result = subprocess.run(
        command, cwd=ENGINE_DIR, capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()[-4000:]
        raise OpenSearchError(f"mvn failed ({result.returncode}):\n{output}")
    classpath = _read_classpath(classes, classpath_file)
    missing = [str(p) for p in classpath if not p.exists()]
    if missing:
        raise OpenSearchError(f"built classpath names missing files: {missing[:5]}")
    stamp_file.write_text(digest)
    return classpath


# --------------------------------------------------------------------------- run


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").exists():
        return str(Path(java_home) / "bin" / "java")
    java = shutil.which("java")
    if java is None:
        raise OpenSearchError("java is not on PATH (and JAVA_HOME is not set)")
    return java


def _log_tail(log_path: Path, lines: int = 60) -> str:
    try:
        text = log_path.read_text(errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])


def _is_launcher(pid: int) -> bool:
    """True if ``pid`` is a live java process running our launcher (never kill anything else)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return LAUNCHER_CLASS.encode() in cmdline


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie child of ours still answers signal 0
    with contextlib.suppress(ChildProcessError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    with contextlib.suppress(OSError):
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        if state == "Z":
            return False
    return True


def stop_pid(pid: int, timeout: float = 30.0) -> None:
    """SIGTERM the launcher ``pid`` (a clean node shutdown), then SIGKILL after ``timeout``."""
    if not _is_launcher(pid):
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    while _alive(pid):
        time.sleep(0.05)


class OpenSearchNode:
    """A running test node. ``url`` is ``http://127.0.0.1:PORT`` (no trailing slash)."""

    def __init__(
        self, url: str, pid: int, home: Path, log_path: Path, process: subprocess.Popen[bytes]
    ) -> None:
        self.url = url
        self.pid = pid
        self.home = home
        self.log_path = log_path
        self._process = process

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def alive(self) -> bool:
        return self._process.poll() is None

    def log_tail(self, lines: int = 60) -> str:
        return _log_tail(self.log_path, lines)

    def stop(self, timeout: float = 30.0) -> None:
        """SIGTERM, wait up to ``timeout`` seconds, then SIGKILL. Safe to call twice."""
        if self._process.poll() is not None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def __enter__(self) -> OpenSearchNode:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"OpenSearchNode(url={self.url!r}, pid={self.pid})"


def _http_get(url: str, timeout: float) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def start(
    home: Path,
    port: int | None = None,
    *,
    cache_dir: Path | None = None,
    timeout: float = 120.0,
    tie_to_parent: bool = True,
) -> OpenSearchNode:
    """Start a node with its files under ``home`` and wait until the cluster is yellow.

    ``port=None`` lets the OS choose a free HTTP port. With ``tie_to_parent`` the node stops
    by itself when this Python process dies. Existing data under ``home`` is reused.
    """
    classpath = build(cache_dir)
    home = home.resolve()
    home.mkdir(parents=True, exist_ok=True)
    port_file = home / "http.port"
    port_file.unlink(missing_ok=True)
    log_path = home / "opensearch.log"

    env = dict(os.environ)
    env.pop("OPENSEARCH_TEST_PARENT_PID", None)
    if tie_to_parent:
        env["OPENSEARCH_TEST_PARENT_PID"] = str(os.getpid())
    command = [
        _java(), *JVM_OPTIONS, f"-Djava.io.tmpdir={home / 'tmp'}",
        "-cp", os.pathsep.join(str(p) for p in classpath),
        LAUNCHER_CLASS, str(home), str(port or 0),
    ]  # fmt: skip
    (home / "tmp").mkdir(exist_ok=True)
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=home,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=not tie_to_parent,
        )
    url = ""
    node = OpenSearchNode(url, process.pid, home, log_path, process)

    def fail(reason: str) -> OpenSearchError:
        return OpenSearchError(f"{reason}\n--- {log_path} (tail) ---\n{_log_tail(log_path)}")

    deadline = time.monotonic() + timeout
    try:
        while True:
            if process.poll() is not None:
                raise fail(f"OpenSearch exited with code {process.returncode} during start-up")
            if time.monotonic() > deadline:
                raise fail(f"OpenSearch was not yellow within {timeout:.0f} s")
            if not url and port_file.is_file():
                # written by the launcher once *it* has bound the port: never someone else's
                node.url = url = f"http://127.0.0.1:{int(port_file.read_text().strip())}"
            if url:
                with contextlib.suppress(OSError):
                    status, _ = _http_get(
                        f"{url}/_cluster/health?wait_for_status=yellow&timeout=1s", timeout=5
                    )
                    if status == 200:
                        return node
            time.sleep(0.25)
    except BaseException:
        node.stop(timeout=10)
        raise


# --------------------------------------------------------------------------- CLI


def _state_file(home: Path) -> Path:
    return home / "node.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="compile the launcher, resolve the jars")
    build_cmd.add_argument("--force", action="store_true", help="rebuild even if cached")
    for name, help_text in (("start", "start a node in the background"), ("stop", "stop it")):
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--home", type=Path, default=cache_dir_default() / "node")
        if name == "start":
            sub.add_argument("--port", type=int, default=None, help="HTTP port (default: free)")
    args = parser.parse_args(argv)

    try:
        if args.command == "build":
            classpath = build(force=args.force)
            print(f"{len(classpath)} classpath entries; classes in {classpath[0]}")
        elif args.command == "start":
            home: Path = args.home.resolve()
            state = _state_file(home)
            if state.is_file():
                old = json.loads(state.read_text())
                if _is_launcher(old["pid"]):
                    print(f"already running: {old['url']} (pid {old['pid']})")
                    return 0
            began = time.monotonic()
            node = start(home, args.port, tie_to_parent=False)
            state.write_text(json.dumps({"url": node.url, "pid": node.pid, "home": str(home)}))
            print(f"{node.url} pid={node.pid} ready in {time.monotonic() - began:.1f} s")
            print(f"state: {state}  log: {node.log_path}")
        else:
            state = _state_file(args.home.resolve())
            if not state.is_file():
                print(f"no node recorded in {state}")
                return 0
            pid = int(json.loads(state.read_text())["pid"])
            stop_pid(pid)
            state.unlink()
            print(f"stopped pid {pid}")
    except OpenSearchError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
