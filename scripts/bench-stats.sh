#!/usr/bin/env bash
# Traffic accounting benchmark: builds the Benchmarks executable in release, seeds a store with
# 30 days of hourly history for 4,096 users (telemt's labelled maximum), times parse + record of
# one scrape, a month's usage of all users and the `telemt-gitops usage` command end to end, then runs a straightforward Python baseline
# (prometheus_client's parser + SQLAlchemy ORM over SQLite) on the same scrape and history size.
# Prints Markdown tables for docs/benchmarks.md.
#
# Usage: scripts/bench-stats.sh [--users N] [--days N] [--iterations N] [--no-python]
set -euo pipefail
cd "$(dirname "$0")/.."

users=4096 days=30 iterations=15 python=1
while [ $# -gt 0 ]; do
  case "$1" in
    --users) users=$2; shift 2 ;;
    --days) days=$2; shift 2 ;;
    --iterations) iterations=$2; shift 2 ;;
    --no-python) python=0; shift ;;
    *) echo "bench-stats: unknown option $1" >&2; exit 2 ;;
  esac
done

work=.build-bench/stats
mkdir -p "$work"
sample="$work/scrape.prom"

swift build -c release --product Benchmarks >/dev/null
swift build -c release --product telemt-gitops >/dev/null
echo "### Swift (release), $(date -u +%Y-%m-%d), $(nproc) cores"
echo
.build/release/Benchmarks stats --users "$users" --days "$days" --iterations "$iterations" --dir "$work" --sample-out "$sample" \
  --cli .build/release/telemt-gitops

[ "$python" = 1 ] || exit 0
venv=.build-bench/venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet prometheus_client sqlalchemy
fi
echo
echo "### Python baseline (prometheus_client $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("prometheus_client"))'), SQLAlchemy $("$venv/bin/python" -c 'import sqlalchemy; print(sqlalchemy.__version__)'))"
echo
"$venv/bin/python" - "$sample" "$work/baseline.sqlite" "$users" "$days" <<'PY'
import statistics, sys, time
from datetime import datetime, timedelta, timezone
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import BigInteger, DateTime, String, create_engine, func, insert, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

sample, path, users, days = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])

class Base(DeclarativeBase):
    pass

class Baseline(Base):
    __tablename__ = "baseline"
    node: Mapped[str] = mapped_column(String, primary_key=True)
    user: Mapped[str] = mapped_column(String, primary_key=True)
    from_client: Mapped[int] = mapped_column(BigInteger)
    to_client: Mapped[int] = mapped_column(BigInteger)

class Traffic(Base):
    __tablename__ = "traffic"
    id: Mapped[int] = mapped_column(primary_key=True)
    node: Mapped[str] = mapped_column(String, index=True)
    user: Mapped[str] = mapped_column(String, index=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    from_client: Mapped[int] = mapped_column(BigInteger)
    to_client: Mapped[int] = mapped_column(BigInteger)

import os
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(path + suffix):
        os.remove(path + suffix)
engine = create_engine(f"sqlite:///{path}")
Base.metadata.create_all(engine)
start = datetime.now(timezone.utc) - timedelta(days=days)
with engine.begin() as conn:
    for hour in range(days * 24):
        at = start + timedelta(hours=hour)
        conn.execute(insert(Traffic), [
            {"node": "bench", "user": f"user{i}", "at": at, "from_client": 1000, "to_client": 9000} for i in range(users)
        ])
    conn.execute(insert(Baseline), [
        {"node": "bench", "user": f"user{i}", "from_client": 0, "to_client": 0} for i in range(users)
    ])

text = open(sample).read()

def scrape_once():
    counters = {}
    for family in text_string_to_metric_families(text):
        if family.name in ("telemt_user_octets_from_client", "telemt_user_octets_to_client"):
            for s in family.samples:
                counters.setdefault(s.labels["user"], {})[family.name] = int(s.value)
    now = datetime.now(timezone.utc)
    with Session(engine) as session:
        for user, values in counters.items():
            base = session.get(Baseline, ("bench", user))
            f, t = values["telemt_user_octets_from_client"], values["telemt_user_octets_to_client"]
            df = f - base.from_client if f >= base.from_client else f
            dt = t - base.to_client if t >= base.to_client else t
            session.add(Traffic(node="bench", user=user, at=now, from_client=df, to_client=dt))
            base.from_client, base.to_client = f, t
        session.commit()

def month_usage():
    month_start = datetime.now(timezone.utc).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    with Session(engine) as session:
        return session.execute(
            select(Traffic.user, func.sum(Traffic.from_client + Traffic.to_client))
            .where(Traffic.at >= month_start - timedelta(days=31)).group_by(Traffic.user)
        ).all()

def timed(fn, n):
    out = []
    for _ in range(n):
        t = time.perf_counter(); fn(); out.append(time.perf_counter() - t)
    return out

scrape = timed(scrape_once, 3)
usage = timed(month_usage, 3)
ms = lambda v: f"{v * 1000:.0f} ms"
print(f"| Python baseline ({users} users, {days} days of hourly rows) | median | min | max |")
print("|---|---:|---:|---:|")
print(f"| parse + record one scrape | {ms(statistics.median(scrape))} | {ms(min(scrape))} | {ms(max(scrape))} |")
print(f"| month's usage of all users | {ms(statistics.median(usage))} | {ms(min(usage))} | {ms(max(usage))} |")
PY
