"""The daemon benchmark behind scripts/bench-daemon.sh (see there for what it measures)."""
import argparse, hashlib, hmac, json, os, shutil, signal, statistics, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STANDIN = os.path.join(ROOT, "Tests", "TelemtStandIn", "telemt-standin.py")
TEMPLATE = open(os.path.join(ROOT, "examples", "telemt.toml")).read()
TICK = os.sysconf("SC_CLK_TCK")
GIT_ENV = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null", GIT_AUTHOR_NAME="Admin",
               GIT_AUTHOR_EMAIL="admin@example.com", GIT_COMMITTER_NAME="Admin", GIT_COMMITTER_EMAIL="admin@example.com")


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, env=GIT_ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def users_yaml(names):
    return "version: 1\nproxy: { host: p.example.com }\nusers:\n" + "".join(f"  {name}: {{}}\n" for name in names)


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def rss_mib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Host:
    def __init__(self, binary, count, interval):
        self.binary, self.dir = binary, tempfile.mkdtemp(prefix="bench-daemon-")
        self.names = [f"u{i}" for i in range(count)]
        self.remote, self.checkout = os.path.join(self.dir, "remote.git"), os.path.join(self.dir, "checkout")
        git("init", "-q", "--bare", "-b", "main", self.remote, cwd=self.dir)
        git("init", "-q", "-b", "main", self.checkout, cwd=self.dir)
        git("remote", "add", "origin", self.remote, cwd=self.checkout)
        open(os.path.join(self.checkout, "telemt.toml"), "w").write(TEMPLATE)
        self.push(users_yaml(self.names))
        subprocess.run([binary, "keygen", "--out", os.path.join(self.dir, "master.key")], check=True, stdout=subprocess.DEVNULL)
        self.secret = "bench-secret"
        open(os.path.join(self.dir, "webhook.secret"), "w").write(self.secret + "\n")
        telemt_dir = os.path.join(self.dir, "telemt")
        os.makedirs(os.path.join(telemt_dir, "state"))
        self.config = os.path.join(telemt_dir, "config.toml")
        open(self.config, "w").write(TEMPLATE + '[access.users]\nalice = "' + "0" * 31 + '1"\n')
        self.telemt = subprocess.Popen([sys.executable, STANDIN, "--config", self.config, "--state-dir", os.path.join(telemt_dir, "state"),
                                        "--poll", "0.05", "--max-lifetime", "3600"], stderr=subprocess.DEVNULL)
        ports_file = os.path.join(telemt_dir, "state", "ports.json")
        while not os.path.exists(ports_file):
            time.sleep(0.02)
        ports = json.load(open(ports_file))
        self.port = free_port()
        settings = [f"node: bench", f'repo: {{ url: "file://{self.remote}", branch: main, status_branch: status }}',
                    f"key: {self.dir}/master.key", f"state_dir: {self.dir}/state", "telemt:", f"  config: {self.config}",
                    f"  metrics: http://127.0.0.1:{ports['metrics']}/metrics", f"  api: http://127.0.0.1:{ports['api']}",
                    f"listen: 127.0.0.1:{self.port}", f"interval: {interval}", f"webhooks: {{ secret_file: {self.dir}/webhook.secret }}",
                    "max_removal: 100%"]
        open(os.path.join(self.dir, "config.yaml"), "w").write("\n".join(settings) + "\n")
        self.daemon = subprocess.Popen([binary, "run", "--config", os.path.join(self.dir, "config.yaml"), "--log-level", "warning"],
                                       stderr=open(os.path.join(self.dir, "run.log"), "w"))
        self.wait_ready()

    def push(self, text):
        open(os.path.join(self.checkout, "users.yaml"), "w").write(text)
        git("add", "-A", cwd=self.checkout)
        git("commit", "-q", "-m", "users", cwd=self.checkout)
        git("push", "-q", "origin", "main", cwd=self.checkout)
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=self.checkout, env=GIT_ENV, capture_output=True, text=True).stdout.strip()

    def wait_ready(self, timeout=120):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                if urllib.request.urlopen(f"http://127.0.0.1:{self.port}/readyz", timeout=1).status == 200:
                    return
            except Exception:
                pass
            time.sleep(0.05)
        raise SystemExit("the daemon did not become ready: " + open(os.path.join(self.dir, "run.log")).read()[-2000:])

    def webhook(self, commit):
        body = json.dumps({"ref": "refs/heads/main", "after": commit}).encode()
        signature = "sha256=" + hmac.new(self.secret.encode(), body, hashlib.sha256).hexdigest()
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/hooks/git", data=body, method="POST",
                                         headers={"Content-Type": "application/json", "X-Hub-Signature-256": signature,
                                                  "X-GitHub-Delivery": commit})
        return urllib.request.urlopen(request, timeout=5).status

    def push_to_disk(self, pushes):
        took, pushing = [], []
        for i in range(pushes):
            self.names.append(f"new{i}")
            start = time.perf_counter()
            commit = self.push(users_yaml(self.names))
            sent = time.perf_counter()
            assert self.webhook(commit) == 202
            marker = f"\nnew{i} = "
            while marker not in open(self.config).read():
                time.sleep(0.002)
            took.append(time.perf_counter() - sent)
            pushing.append(sent - start)
        return took, pushing

    def idle_cpu(self, seconds):
        time.sleep(12)
        before, start = cpu_seconds(self.daemon.pid), time.time()
        time.sleep(seconds)
        return (cpu_seconds(self.daemon.pid) - before) / (time.time() - start) * 100, rss_mib(self.daemon.pid)

    def render_baseline(self, runs=5):
        spec = os.path.join(self.dir, "render-spec")
        os.makedirs(spec, exist_ok=True)
        shutil.copy(os.path.join(self.checkout, "users.yaml"), spec)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([self.binary, "render", "--spec", spec, "--template", os.path.join(ROOT, "examples", "telemt.toml"),
                            "--key", os.path.join(self.dir, "master.key"), "--out", os.path.join(self.dir, "render.toml")],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    def cron_baseline(self, runs=5):
        """CPU of `reconcile --once` with nothing to do, as a share of one core at one run every 5 s."""
        args = [self.binary, "reconcile", "--once", "--repo", "file://" + self.remote, "--key", os.path.join(self.dir, "master.key"),
                "--state-dir", os.path.join(self.dir, "cron-state"), "--telemt-config", os.path.join(self.dir, "cron.toml"),
                "--no-telemt", "--node", "cron", "--status-branch", "cron-status"]
        shutil.copy(os.path.join(ROOT, "examples", "telemt.toml"), os.path.join(self.dir, "cron.toml"))
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cpu = []
        for _ in range(runs):
            process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(process.pid, 0)
            assert status == 0
            cpu.append(usage.ru_utime + usage.ru_stime)
        return statistics.median(cpu) / 5 * 100

    def stop(self):
        self.daemon.send_signal(signal.SIGTERM)
        self.daemon.wait(timeout=15)
        self.telemt.kill()
        self.telemt.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--users", default="100 10000")
    parser.add_argument("--pushes", type=int, default=10)
    parser.add_argument("--idle-seconds", type=float, default=60)
    args = parser.parse_args()
    print(f"### Daemon, release, {time.strftime('%Y-%m-%d', time.gmtime())}, {os.cpu_count()} cores, "
          f"{args.pushes} pushes, idle window {int(args.idle_seconds)} s")
    print()
    print("| users | webhook → config on disk, median | worst | `git push` itself | baseline: `render` | idle CPU at 5 s | RSS | baseline: `reconcile --once` every 5 s |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for count in [int(n) for n in args.users.split()]:
        host = Host(args.binary, count, "1h")
        try:
            took, pushing = host.push_to_disk(args.pushes)
            render = host.render_baseline()
        finally:
            host.stop()
        host = Host(args.binary, count, "5s")
        try:
            cpu, rss = host.idle_cpu(args.idle_seconds)
            cron = host.cron_baseline()
        finally:
            host.stop()
        ms = lambda seconds: f"{seconds * 1000:.0f} ms"
        print(f"| {count:,} | {ms(statistics.median(took))} | {ms(max(took))} | {ms(statistics.median(pushing))} | {ms(render)} "
              f"| {cpu:.2f} % | {rss:.0f} MiB | {cron:.2f} % |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
