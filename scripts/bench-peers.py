"""The homework-3 workload in gradbook, PyTorch, NumPy and JAX, side by side.

784-1000-1000-1 (ReLU, ReLU, sigmoid), binary cross-entropy, batch 64,
12,000 seeded synthetic samples an epoch (inputs uniform in [0, 1), 0/1
targets), plain SGD with lr 0.01, one shuffled pass per epoch. Each
measurement is a fresh process pinned to N cores (sched_setaffinity, plus the
thread-count settings each library has), which warms up (10 steps, and both
batch shapes for JAX) and then times whole training epochs. Runs are
interleaved (gradbook, PyTorch, NumPy, JAX, gradbook, …) so that machine
drift hits every peer alike; the table shows medians and each peer's time
divided by gradbook's (above 1: gradbook is faster).

Usage: bench-peers.py --gradbook PATH/gradbook-bench [--rounds 3] [--epochs 1]
       [--peers gradbook,pytorch,numpy,jax] [--precisions float64,float32] [--threads 1,2]
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

SAMPLES = 12_000
BATCH = 64
LR = 0.01
WIDTHS = [784, 1000, 1000, 1]


def pin(threads):
    """Limit this process (before any library loads) to `threads` cores."""
    cores = sorted(os.sched_getaffinity(0))[:threads]
    os.sched_setaffinity(0, cores)
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = str(threads)
    os.environ["XLA_FLAGS"] = (
        f"--xla_cpu_multi_thread_eigen={'true' if threads > 1 else 'false'} "
        f"intra_op_parallelism_threads={threads}"
    )


def data(np, dtype):
    rng = np.random.default_rng(2)
    x = rng.random((SAMPLES, 784)).astype(dtype)
    t = rng.integers(0, 2, size=(SAMPLES, 1)).astype(dtype)
    return x, t


def he(np, rng, out, inp, dtype):
    return (rng.standard_normal((out, inp)) * (2.0 / inp) ** 0.5).astype(dtype)


def batches(np, rng):
    order = rng.permutation(SAMPLES)
    return [order[s:s + BATCH] for s in range(0, SAMPLES, BATCH)]


def run_numpy(precision, epochs):
    import numpy as np

    dtype = np.float64 if precision == "float64" else np.float32
    x, t = data(np, dtype)
    rng = np.random.default_rng(1)
    W = [he(np, rng, WIDTHS[k + 1], WIDTHS[k], dtype) for k in range(3)]
    b = [np.zeros(WIDTHS[k + 1], dtype) for k in range(3)]
    lr = dtype(LR)

    def step(idx):
        xb, tb = x[idx], t[idx]
        z1 = xb @ W[0].T + b[0]
        h1 = np.maximum(z1, 0)
        z2 = h1 @ W[1].T + b[1]
        h2 = np.maximum(z2, 0)
        p = 1 / (1 + np.exp(-(h2 @ W[2].T + b[2])))
        g3 = (p - tb) / dtype(len(idx))
        g2 = (g3 @ W[2]) * (z2 > 0)
        g1 = (g2 @ W[1]) * (z1 > 0)
        for k, (g, a) in enumerate(((g1, xb), (g2, h1), (g3, h2))):
            W[k] -= lr * (g.T @ a)
            b[k] -= lr * g.sum(axis=0)

    order = np.random.default_rng(3)
    for idx in batches(np, order)[:10]:
        step(idx)
    times = []
    for _ in range(epochs):
        start = time.perf_counter()
        for idx in batches(np, order):
            step(idx)
        times.append(time.perf_counter() - start)
    return times


def run_pytorch(precision, epochs, threads):
    import numpy as np
    import torch

    torch.set_num_threads(threads)
    torch.manual_seed(1)
    dtype = torch.float64 if precision == "float64" else torch.float32
    xs, ts = data(np, np.float64 if precision == "float64" else np.float32)
    x, t = torch.from_numpy(xs), torch.from_numpy(ts)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 1000), torch.nn.ReLU(), torch.nn.Linear(1000, 1000), torch.nn.ReLU(),
        torch.nn.Linear(1000, 1), torch.nn.Sigmoid()).to(dtype)
    loss_fn = torch.nn.BCELoss()
    opt = torch.optim.SGD(model.parameters(), lr=LR)

    def step(idx):
        index = torch.from_numpy(idx)
        opt.zero_grad()
        loss = loss_fn(model(x[index]), t[index])
        loss.backward()
        opt.step()

    order = np.random.default_rng(3)
    for idx in batches(np, order)[:10]:
        step(idx)
    times = []
    for _ in range(epochs):
        start = time.perf_counter()
        for idx in batches(np, order):
            step(idx)
        times.append(time.perf_counter() - start)
    return times


def run_jax(precision, epochs):
    import jax

    if precision == "float64":
        jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp
    import numpy as np

    dtype = np.float64 if precision == "float64" else np.float32
    xs, ts = data(np, dtype)
    x, t = jnp.asarray(xs), jnp.asarray(ts)
    rng = np.random.default_rng(1)
    params = [(jnp.asarray(he(np, rng, WIDTHS[k + 1], WIDTHS[k], dtype)), jnp.zeros(WIDTHS[k + 1], dtype))
              for k in range(3)]

    def loss(params, xb, tb):
        h = xb
        for k, (w, b) in enumerate(params):
            h = h @ w.T + b
            h = jax.nn.relu(h) if k < 2 else jax.nn.sigmoid(h)
        eps = 1e-12
        return -jnp.mean(tb * jnp.log(h + eps) + (1 - tb) * jnp.log(1 - h + eps))

    @jax.jit
    def step(params, idx):
        grads = jax.grad(loss)(params, x[idx], t[idx])
        return [(w - LR * gw, b - LR * gb) for (w, b), (gw, gb) in zip(params, grads)]

    order = np.random.default_rng(3)
    warm = batches(np, order)
    for idx in warm[:10] + [warm[-1]]:
        params = step(params, jnp.asarray(idx))
    jax.block_until_ready(params)
    times = []
    for _ in range(epochs):
        start = time.perf_counter()
        for idx in batches(np, order):
            params = step(params, jnp.asarray(idx))
        jax.block_until_ready(params)
        times.append(time.perf_counter() - start)
    return times


def one(peer, precision, threads, epochs):
    """The child process: pin, run, print one line of seconds per epoch."""
    pin(threads)
    if peer == "numpy":
        times = run_numpy(precision, epochs)
    elif peer == "pytorch":
        times = run_pytorch(precision, epochs, threads)
    elif peer == "jax":
        times = run_jax(precision, epochs)
    else:
        raise SystemExit(f"unknown peer {peer}")
    for s in times:
        print(s)


def measure(args, peer, precision, threads):
    """Seconds per epoch from one fresh process (empty when it failed)."""
    if peer == "gradbook":
        command = [args.gradbook, "--epoch-only", "--precision", precision, "--threads", str(threads),
                   "--epochs", str(args.epochs)]
    else:
        command = [sys.executable, __file__, "--one", peer, precision, str(threads), "--epochs", str(args.epochs)]
    cores = sorted(os.sched_getaffinity(0))[:threads]
    result = subprocess.run(command, capture_output=True, text=True,
                            preexec_fn=lambda: os.sched_setaffinity(0, cores))
    if result.returncode != 0:
        print(f"  {peer} {precision} {threads}: failed\n{result.stderr[-2000:]}", file=sys.stderr)
        return []
    return [float(line.split()[-1]) for line in result.stdout.split("\n") if line.strip()]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gradbook")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--peers", default="gradbook,pytorch,numpy,jax")
    parser.add_argument("--precisions", default="float64,float32")
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--one", nargs=3)
    args = parser.parse_args()
    if args.one:
        return one(args.one[0], args.one[1], int(args.one[2]), args.epochs)
    peers = args.peers.split(",")
    precisions = args.precisions.split(",")
    thread_counts = [int(n) for n in args.threads.split(",")]
    runs = {}
    print(f"homework-3 workload: {SAMPLES} samples an epoch, batch {BATCH}, SGD; "
          f"{args.rounds} rounds × {args.epochs} epoch(s), interleaved; load {os.getloadavg()[0]:.2f}", flush=True)
    for r in range(args.rounds):
        for precision in precisions:
            for threads in thread_counts:
                for peer in peers:
                    times = measure(args, peer, precision, threads)
                    runs.setdefault((peer, precision, threads), []).extend(times)
                    print(f"  round {r + 1}: {peer:8} {precision} {threads} thread(s): "
                          + " ".join(f"{s:.3f}" for s in times), flush=True)
    print()
    header = f"{'precision':9} {'threads':>7} " + " ".join(
        f"{p:>9}" + ("" if p == "gradbook" else f" {'÷ gb':>6}") for p in peers)
    print("median seconds per epoch, and each peer's time ÷ gradbook's (above 1: gradbook is faster)")
    print(header)
    for precision in precisions:
        for threads in thread_counts:
            base = statistics.median(runs.get(("gradbook", precision, threads)) or [float("nan")])
            cells = []
            for peer in peers:
                times = runs.get((peer, precision, threads)) or [float("nan")]
                m = statistics.median(times)
                cells.append(f"{m:9.3f}" + ("" if peer == "gradbook" else f" {m / base:6.2f}"))
            print(f"{precision:9} {threads:>7} " + " ".join(cells))
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
