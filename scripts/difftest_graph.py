"""Random `graph` cases for scripts/difftest: expressions over every operator
and function, scalars, vectors and matrices up to 20×20, evaluated in torch.

Each assignment is one operation on named operands, so every node has a name
the harness knows (`value.NAME`, `adjoint.NAME`, `dOUT/dINPUT`). The output is
a scalar (reverse mode: values, adjoints, gradients) or, in about a third
of the cases, a vector or matrix (contract §5: `jacobian.OUT/NAME` per `wrt`
name, inputs and sometimes an intermediate node, against
torch.autograd.functional.jacobian).
"""

import math

import numpy as np
import torch

from difftest_model import num, row, rows

UNARY = ["exp", "log", "sqrt", "abs", "sin", "cos", "tan", "tanh", "sigmoid", "relu", "softplus", "softmax", "neg"]
REDUCE = ["sum", "mean", "logsumexp", "norm"]
MATRIX = ["transpose", "trace", "inv", "det", "logdet"]
BINARY = ["+", "-", "*", "/", "max", "min", "@", "^", "eye"]

TORCH_UNARY = {
    "exp": torch.exp, "log": torch.log, "sqrt": torch.sqrt, "abs": torch.abs, "sin": torch.sin, "cos": torch.cos,
    "tan": torch.tan, "tanh": torch.tanh, "sigmoid": torch.sigmoid, "relu": torch.relu, "neg": lambda x: -x,
    # PyTorch's softplus (threshold 20), as the contract's softplus
    "softplus": torch.nn.functional.softplus,
    # a vector (n×1 or 1×n): over all elements; a matrix: per column
    "softmax": lambda x: (torch.softmax(x.reshape(-1), 0).reshape(x.shape) if 1 in x.shape
                          else torch.softmax(x, 0)),
}


def literal(v):
    if v.shape == (1, 1):
        return num(v[0, 0])
    if v.shape[1] == 1:
        return row(v[:, 0])  # a vector literal is a column
    return rows(v)


class Node:
    def __init__(self, name, shape, positive=False, bounded=False, dominant=False):
        self.name = name
        self.shape = shape
        self.positive = positive  # every element > 0 (log, sqrt, ^ real, / denominators)
        self.bounded = bounded  # every element in (−1.6, 1.6) (tan)
        self.dominant = dominant  # square, diagonally dominant with positive diagonal (inv, det, logdet)


def graph_case(rng, i):
    """A random graph and torch's values with, for a scalar output, adjoints
    and gradients, and for a vector or matrix output (`jac`), Jacobians."""
    name = "c%d" % i
    jac = rng.random() < 0.35
    # Jacobians have out.size × in.size entries: smaller operands (≤ 6×6)
    big = 7 if jac else 21
    inputs = []
    nodes = []
    lines = []
    n_inputs = int(rng.integers(1, 4))
    for k in range(n_inputs):
        r = rng.random()
        if r < 0.4:
            shape = (1, 1)
        elif r < 0.7:
            shape = (int(rng.integers(2, big)) if rng.random() < 0.3 else int(rng.integers(2, 5)), 1)
        else:
            n = int(rng.integers(2, big)) if rng.random() < 0.3 else int(rng.integers(2, 5))
            shape = (n, n if rng.random() < 0.7 else int(rng.integers(1, 6)))
        dominant = shape[0] == shape[1] and shape[0] > 1 and rng.random() < 0.6
        positive = not dominant and rng.random() < 0.5
        if positive:
            v = rng.uniform(0.2, 2.0, size=shape)
        else:
            v = rng.normal(0, 1, size=shape)
        if dominant:
            v = v * 0.5 + np.eye(shape[0]) * (shape[0] * 0.5 + 1.0)
        x = Node("x%d" % k, shape, positive=positive, dominant=dominant)
        x.value = v
        inputs.append(x)
        nodes.append(x)
        lines.append("%s = %s" % (x.name, literal(v)))
    ops = []  # (node, op, operands, extra)
    n_ops = int(rng.integers(2, 9))
    counter = [0]

    def new(shape, **flags):
        counter[0] += 1
        return Node("n%d" % counter[0], shape, **flags)

    for _ in range(n_ops * 3):
        if len(ops) >= n_ops:
            break
        a = nodes[int(rng.integers(0, len(nodes)))]
        kind = rng.random()
        if kind < 0.45:
            op = rng.choice(UNARY)
            if op in ("log", "sqrt") and not a.positive:
                op = "exp"
            if op == "tan" and not a.bounded:
                op = "sin"
            if op in ("sin", "cos", "tan") and np.abs(a.value).max() > 50:
                # ill-conditioned: an ulp of a large argument moves the result
                # far more than 1e-9 (found with seed 2: cos((2x)^9))
                op = "tanh"
            flags = {}
            if op in ("exp", "sigmoid", "softplus", "softmax"):
                flags["positive"] = True
            if op in ("sin", "cos", "tanh", "sigmoid", "softmax"):
                flags["bounded"] = True
            if op == "sqrt":
                flags["positive"] = True
            if op == "exp" and np.abs(a.value).max() > 20:
                continue
            n = new(a.shape, **flags)
            ops.append((n, op, [a], None))
            text = "-%s" % a.name if op == "neg" else "%s(%s)" % (op, a.name)
        elif kind < 0.55:
            op = rng.choice(REDUCE)
            n = new((1, 1), positive=op == "norm")
            ops.append((n, op, [a], None))
            text = "%s(%s)" % (op, a.name)
        elif kind < 0.65:
            if a.shape[0] != a.shape[1] and rng.random() < 0.7:
                op = "transpose"
            else:
                op = rng.choice(MATRIX)
            if op in ("trace",) and a.shape[0] != a.shape[1]:
                op = "transpose"
            if op in ("inv", "det", "logdet") and not a.dominant:
                op = "transpose" if a.shape[0] != a.shape[1] else "trace"
            shape = (a.shape[1], a.shape[0]) if op == "transpose" else (a.shape if op == "inv" else (1, 1))
            flags = {"positive": True} if op in ("det",) else {}
            if op == "det" and a.shape[0] > 8:
                op = "logdet"
                flags = {}
            n = new(shape, **flags)
            ops.append((n, op, [a], None))
            text = "%s(%s)" % (op, a.name)
        else:
            op = rng.choice(BINARY)
            if op == "@":
                cands = [b for b in nodes if b.shape[0] == a.shape[1]]
                b = cands[int(rng.integers(0, len(cands)))] if cands else None
                if b is None:
                    continue
                n = new((a.shape[0], b.shape[1]))
                ops.append((n, op, [a, b], None))
                text = "%s @ %s" % (a.name, b.name)
            elif op == "eye":
                # a + eye(n): the identity as a constant node of its own
                if a.shape[0] != a.shape[1]:
                    continue
                n = new(a.shape, dominant=a.dominant)
                ops.append((n, op, [a], a.shape[0]))
                text = "%s + eye(%d)" % (a.name, a.shape[0])
            elif op == "^":
                if a.positive:
                    p = round(float(rng.uniform(-1.5, 2.5)), 2)
                else:
                    p = float(rng.choice([2, 3]))
                n = new(a.shape, positive=a.positive)
                ops.append((n, op, [a], p))
                text = "%s ^ %s" % (a.name, num(p) if p != int(p) else "%d" % int(p))
            else:
                cands = [b for b in nodes if b.shape == a.shape or b.shape == (1, 1) or a.shape == (1, 1)]
                if op == "/":
                    cands = [b for b in cands if b.positive]
                if not cands:
                    continue
                b = cands[int(rng.integers(0, len(cands)))]
                shape = a.shape if a.shape != (1, 1) else b.shape
                flags = {}
                if op in ("+", "*", "/", "max") and a.positive and b.positive:
                    flags["positive"] = True
                n = new(shape, **flags)
                ops.append((n, op, [a, b], None))
                text = ("%s(%s, %s)" % (op, a.name, b.name)) if op in ("max", "min") else (
                    "%s %s %s" % (a.name, op, b.name))
        n.value = evaluate(ops[-1], numpy_only=True)
        if n.value is None or not np.all(np.isfinite(n.value)) or np.abs(n.value).max() > 1e8:
            ops.pop()
            continue
        nodes.append(n)
        lines.append("%s = %s" % (n.name, text))
    last = nodes[-1]
    if jac and last.shape == (1, 1):
        # a vector or matrix output: scale a non-scalar node by the scalar chain
        wide = [m for m in nodes if m.shape != (1, 1)]
        if wide:
            a = wide[int(rng.integers(0, len(wide)))]
            out = new(a.shape)
            ops.append((out, "*", [a, last], None))
            out.value = evaluate(ops[-1], numpy_only=True)
            if out.value is not None and np.all(np.isfinite(out.value)) and np.abs(out.value).max() <= 1e8:
                nodes.append(out)
                lines.append("%s = %s * %s" % (out.name, a.name, last.name))
            else:
                ops.pop()
    if nodes[-1].shape != (1, 1):
        if jac:
            return jacobian_case(name, inputs, nodes, ops, lines, rng)
        out = new((1, 1))
        ops.append((out, "sum", [nodes[-1]], None))
        out.value = evaluate(ops[-1], numpy_only=True)
        nodes.append(out)
        lines.append("%s = sum(%s)" % (out.name, nodes[-2].name))
    out = nodes[-1]
    # torch: every node a tensor with retained grad
    t = {}
    for x in inputs:
        t[x.name] = torch.tensor(x.value, dtype=torch.float64, requires_grad=True)
    for (n, op, args, extra) in ops:
        t[n.name] = torch_op(op, [t[a.name] for a in args], extra)
        t[n.name].retain_grad()
    t[out.name].backward()
    exp = {out.name: float(t[out.name].detach())}
    for x in inputs:
        g = t[x.name].grad
        exp["d%s/d%s" % (out.name, x.name)] = np.zeros(x.shape) if g is None else g.numpy()
    for node in nodes:
        exp["value." + node.name] = t[node.name].detach().numpy()
        g = t[node.name].grad
        if node is out:
            g = torch.ones((1, 1), dtype=torch.float64)
        exp["adjoint." + node.name] = np.zeros(node.shape) if g is None else g.numpy()
    text = "```{graph %s}\n%s\n```\n\n" % (name, "\n".join(lines))
    return {"kind": "graph", "text": text, "files": {}, "expected": {name: exp}}


def vec_jacobian(J, out_shape, in_shape):
    """torch's Jacobian (out.shape + in.shape) as the contract's matrix: one
    row per element of vec(OUT), one column per element of vec(IN), both
    column-major (numerator layout, J[i][j] = ∂out_i/∂in_j)."""
    p, q = out_shape
    r, c = in_shape
    J = np.asarray(J).reshape(p, q, r, c).transpose(1, 0, 3, 2)
    return J.reshape(q * p, c * r)


def jacobian_case(name, inputs, nodes, ops, lines, rng):
    """A vector or matrix output (the last node): its value, every node's
    value, and `jacobian.OUT/NAME` for each `wrt` name. The Jacobian with
    respect to a node is taken with that node's value as a leaf and
    everything after it recomputed, which is ∂out/∂node as reverse mode
    accumulates it (the contract's `wrt=` of an intermediate node)."""
    out = nodes[-1]

    def forward(overrides):
        t = {x.name: overrides.get(x.name, torch.tensor(x.value, dtype=torch.float64)) for x in inputs}
        for (n, op, args, extra) in ops:
            t[n.name] = overrides[n.name] if n.name in overrides else torch_op(op, [t[a.name] for a in args], extra)
        return t

    values = forward({})
    wrt = [x.name for x in inputs]
    header = ""
    inner = [n for n in nodes[len(inputs):-1]]
    if inner and rng.random() < 0.4:
        # wrt= an input subset and an intermediate node
        keep = [x for x in wrt if rng.random() < 0.6] or wrt[:1]
        wrt = keep + [inner[int(rng.integers(0, len(inner)))].name]
        header = " wrt=" + ",".join(wrt)
    exp = {out.name: values[out.name].numpy()}
    for node in nodes:
        exp["value." + node.name] = values[node.name].numpy()
    for w in wrt:
        v0 = values[w].detach().clone()
        J = torch.autograd.functional.jacobian(lambda v: forward({w: v})[out.name], v0)
        exp["jacobian.%s/%s" % (out.name, w)] = vec_jacobian(J.numpy(), tuple(out.shape), tuple(v0.shape))
    text = "```{graph %s%s}\n%s\n```\n\n" % (name, header, "\n".join(lines))
    return {"kind": "graph", "text": text, "files": {}, "expected": {name: exp}}


def torch_op(op, a, extra):
    if op in TORCH_UNARY:
        return TORCH_UNARY[op](a[0])
    if op == "sum":
        return a[0].sum().reshape(1, 1)
    if op == "mean":
        return a[0].mean().reshape(1, 1)
    if op == "transpose":
        return a[0].T
    if op == "trace":
        return torch.trace(a[0]).reshape(1, 1)
    if op == "inv":
        return torch.linalg.inv(a[0])
    if op == "det":
        return torch.linalg.det(a[0]).reshape(1, 1)
    if op == "logdet":
        return torch.logdet(a[0]).reshape(1, 1)
    if op == "@":
        return a[0] @ a[1]
    if op == "^":
        return a[0] ** extra
    if op == "eye":
        return a[0] + torch.eye(extra, dtype=torch.float64)
    if op == "logsumexp":
        return torch.logsumexp(a[0].reshape(-1), 0).reshape(1, 1)
    if op == "norm":
        return torch.linalg.norm(a[0].reshape(-1)).reshape(1, 1)
    if op == "+":
        return a[0] + a[1]
    if op == "-":
        return a[0] - a[1]
    if op == "*":
        return a[0] * a[1]
    if op == "/":
        return a[0] / a[1]
    if op == "max":
        return torch.maximum(a[0], a[1])
    if op == "min":
        return torch.minimum(a[0], a[1])
    raise ValueError(op)


def evaluate(entry, numpy_only=True):
    n, op, args, extra = entry
    with torch.no_grad():
        try:
            v = torch_op(op, [torch.tensor(a.value, dtype=torch.float64) for a in args], extra)
        except Exception:  # a singular matrix and the like: drop the operation
            return None
    return v.numpy()
