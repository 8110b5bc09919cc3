# JupyterHub configuration for './earshot hub start' (read by Debian's jupyterhub 3.0, run as root).
# Everything instance-specific comes from the environment the Java command sets (EARSHOT_HUB_*), so one file
# serves the instructor's hub and the load test's throw-away hubs side by side.
#
# Authentication: JupyterHub's default PAMAuthenticator (local system accounts), restricted to the course's Unix
# group ('./earshot hub add-students' creates the accounts and puts them there) plus the admins.
# Spawner: LocalProcessSpawner (each student's notebook server runs as that student, in their home), extended by
# EarshotSpawner with the limits this machine can enforce; see limits_report() and './earshot hub --help'.
import json
import os
import pathlib

from jupyterhub.spawner import LocalProcessSpawner
from jupyterhub.utils import random_port

env = os.environ
state = pathlib.Path(env["EARSHOT_HUB_STATE"])
port = int(env["EARSHOT_HUB_PORT"])

c = get_config()  # noqa: F821 (defined by JupyterHub when it loads this file)

c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = port
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env["EARSHOT_HUB_API_PORT"])
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:%s" % env["EARSHOT_HUB_PROXY_PORT"]
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
c.ConfigurableHTTPProxy.debug = False
c.JupyterHub.db_url = "sqlite:///" + str(state / "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True   # stop: every student's server and the proxy go with the hub
c.JupyterHub.cleanup_proxy = True

c.Authenticator.admin_users = {u for u in env.get("EARSHOT_HUB_ADMINS", "").split(",") if u}
c.PAMAuthenticator.allowed_groups = {env.get("EARSHOT_HUB_GROUP", "earshot-students")}
c.PAMAuthenticator.open_sessions = False   # no pam_systemd/pam_loginuid sessions in containers

# a service token for './earshot hub status' and the load test (users, servers)
token_file = state / "service-token"
if token_file.exists():
    c.JupyterHub.services = [{"name": "earshot", "api_token": token_file.read_text().strip()}]
    c.JupyterHub.load_roles = [{"name": "earshot-service", "services": ["earshot"],
                                "scopes": ["list:users", "read:users", "read:servers", "admin:servers",
                                           "admin:users"]}]

c.Spawner.default_url = "/tree"
c.Spawner.notebook_dir = "~"
c.Spawner.start_timeout = int(env.get("EARSHOT_HUB_START_TIMEOUT", "180"))
c.Spawner.http_timeout = int(env.get("EARSHOT_HUB_START_TIMEOUT", "180"))
c.Spawner.environment = {
    # the classic notebook server (Debian's python3-notebook): jupyter_server is not packaged with the hub
    "JUPYTERHUB_SINGLEUSER_APP": "notebook.notebookapp.NotebookApp",
    # marks every process of this hub (servers, kernels) so './earshot hub stop' can find a straggler
    "EARSHOT_HUB_STATE": str(state),
}
# The notebook server sends one kernel_info_request when a notebook connects and waits for the reply (60 s by
# default) before it opens the kernel's websocket; then it asks again every 0.5 s until the kernel answers, within
# the same time, or the websocket fails (the page reconnects). A kernel JVM still starting can drop that first
# request (its log: "Unhandled message: kernel_info_request"), most often when many start at once, and the page
# then sat 60 s on "Connecting to kernel". 20 s, as './earshot lab' sets, bounds that wait and still leaves a
# kernel started among 30 others on 2 cores the time to answer.
c.Spawner.args = ["--MappingKernelManager.kernel_info_timeout=%s" % env.get("EARSHOT_HUB_KERNEL_INFO_TIMEOUT", "20")]
nproc = env.get("EARSHOT_HUB_NPROC", "")
if nproc:
    # RLIMIT_NPROC counts every process and thread of the student's uid (the kernel enforces it per user)
    c.Spawner.cmd = ["/usr/bin/prlimit", "--nproc=%s:%s" % (nproc, nproc), "--", "jupyterhub-singleuser"]
c.Spawner.mem_limit = env.get("EARSHOT_HUB_MEM") or None
c.Spawner.cpu_limit = float(env["EARSHOT_HUB_CPU"]) if env.get("EARSHOT_HUB_CPU") else None


def _own_cgroup(controller):
    """The writable folder of this process's cgroup for a controller (v2 unified or v1), or None."""
    try:
        lines = pathlib.Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        _, controllers, path = line.split(":", 2)
        if controllers == "" and pathlib.Path("/sys/fs/cgroup/cgroup.controllers").exists():
            base = pathlib.Path("/sys/fs/cgroup") / path.lstrip("/")
            if controller in (base / "cgroup.controllers").read_text().split() and os.access(base, os.W_OK):
                return ("v2", base)
        if controller in controllers.split(","):
            for mount in (pathlib.Path("/sys/fs/cgroup") / controllers, pathlib.Path("/sys/fs/cgroup") / controller):
                base = mount / path.lstrip("/")
                if base.is_dir() and os.access(base, os.W_OK):
                    return ("v1", base)
    return None


CGROUPS = {name: _own_cgroup(name) for name in ("memory", "cpu")}
GROUP_NAME = "earshot-hub-%d" % port


def limits_report():
    """What is enforced, in words, for './earshot hub status' (state/limits.json)."""
    mem, cpu = c.Spawner.mem_limit, c.Spawner.cpu_limit
    report = {
        "memory": ("not requested" if not mem else
                   "enforced per student by the %s memory cgroup %s" % (CGROUPS["memory"][0], CGROUPS["memory"][1])
                   if CGROUPS["memory"] else "NOT enforced: no writable memory cgroup on this machine"),
        "cpu": ("not requested" if not cpu else
                "enforced per student by the %s cpu cgroup (CFS quota)" % CGROUPS["cpu"][0]
                if CGROUPS["cpu"] else "NOT enforced: no writable cpu cgroup on this machine"),
        "processes": ("enforced per student uid by RLIMIT_NPROC = %s (prlimit)" % nproc if nproc
                      else "not requested"),
        "disk": "NOT enforced (no quotas): students share the home file system",
    }
    (state / "limits.json").write_text(json.dumps(report, indent=1) + "\n")
    return report


def _bytes(spec):
    return int(spec)  # JupyterHub has already turned '2G' into bytes


class EarshotSpawner(LocalProcessSpawner):
    """LocalProcessSpawner whose server (and every kernel it starts) runs in a per-student cgroup when the
    machine lets the hub make one: memory.max / memory.limit_in_bytes and a CFS CPU quota. Elsewhere the limits
    are reported as not enforced, never silently pretended."""

    def _cgroup_dirs(self):
        for name, found in CGROUPS.items():
            if found:
                yield name, found[0], found[1] / GROUP_NAME / self.user.name

    # Ports handed to servers of this hub that may not be bound yet. LocalProcessSpawner picks a free port and lets
    # it go; two students spawning at once could be handed the same one, and the proxy then sent one student's
    # requests to the other's server (seen with 30 at once: a 404 page of the other student's server).
    reserved_ports = set()

    async def start(self):
        if self.port == 0:
            port = random_port()
            while port in EarshotSpawner.reserved_ports:
                port = random_port()
            EarshotSpawner.reserved_ports.add(port)
            self.port = port
        try:
            ip_port = await super().start()
        except Exception:
            EarshotSpawner.reserved_ports.discard(self.port)
            raise
        pid = self.proc.pid if self.proc else self.pid
        for name, version, folder in self._cgroup_dirs():
            try:
                if name == "memory" and self.mem_limit:
                    folder.mkdir(parents=True, exist_ok=True)
                    limit = str(_bytes(self.mem_limit))
                    (folder / ("memory.max" if version == "v2" else "memory.limit_in_bytes")).write_text(limit)
                elif name == "cpu" and self.cpu_limit:
                    folder.mkdir(parents=True, exist_ok=True)
                    quota = int(self.cpu_limit * 100000)
                    if version == "v2":
                        (folder / "cpu.max").write_text("%d 100000" % quota)
                    else:
                        (folder / "cpu.cfs_period_us").write_text("100000")
                        (folder / "cpu.cfs_quota_us").write_text(str(quota))
                else:
                    continue
                (folder / "cgroup.procs").write_text(str(pid))
            except OSError as e:
                self.log.warning("earshot: no %s cgroup for %s: %s", name, self.user.name, e)
        return ip_port

    async def stop(self, now=False):
        await super().stop(now=now)
        EarshotSpawner.reserved_ports.discard(self.port)
        for _, _, folder in self._cgroup_dirs():
            try:
                folder.rmdir()
            except OSError:
                pass


c.JupyterHub.spawner_class = EarshotSpawner
limits_report()
# the per-hub cgroup folders, for './earshot hub stop' to remove once the students' ones are gone
(state / "cgroups.txt").write_text("".join("%s\n" % (found[1] / GROUP_NAME) for found in CGROUPS.values() if found))
