"""The fprime kernel through Debian's jupyter_client and nbclient.

Run by .ci/run with JUPYTER_PATH pointing at a prefix where `fprime kernel install`
put the kernelspec: starts the kernel from it with KernelManager, runs cells,
interrupts one, sees a queued cell aborted behind a failure, restarts, then executes examples/gradient-descent.ipynb with nbclient
and checks its key numbers. Any failure, or a module missing, exits non-zero: CI
never skips these.
"""
import json
import sys
import time

import nbclient
import nbformat
from jupyter_client.manager import KernelManager

TIMEOUT = 30  # seconds: only so that a broken kernel fails rather than hangs


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def run(kc, code):
    """The execute_reply's content and the cell's iopub messages."""
    outs = []
    reply = kc.execute_interactive(code, timeout=TIMEOUT, output_hook=outs.append)
    return reply["content"], outs


def data_of(outs):
    return [o["content"]["data"] for o in outs if o["msg_type"] in ("execute_result", "display_data")]


def kernel_manager():
    km = KernelManager(kernel_name="fprime")
    start = time.monotonic()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    print(f"kernel ready after {time.monotonic() - start:.3f} s")

    info = kc.kernel_info(reply=True, timeout=TIMEOUT)["content"]
    if info["language_info"]["name"] != "fprime" or info["language_info"]["file_extension"] != ".fp":
        fail(f"kernel_info: {info}")

    reply, outs = run(kc, "f(x) = 9x^2 - 72x\nf'")
    d = data_of(outs)
    if reply["status"] != "ok" or d[0]["text/plain"] != "f'(x) = 18x - 72" or not d[0]["text/latex"].startswith("$f'"):
        fail(f"f': {reply} {d}")

    reply, _ = run(kc, "1 +")
    if reply["status"] != "error" or not reply["evalue"].startswith("line 1, column 4: "):
        fail(f"an error: {reply}")

    # Interrupt as Jupyter does for interrupt_mode signal: SIGINT.
    msg_id = kc.execute("min f x0=5 eta=1e-9 eps=1e-300 maxiter=1000000000000")
    time.sleep(0.3)
    start = time.monotonic()
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    if reply["parent_header"]["msg_id"] != msg_id or reply["content"]["status"] != "error" \
            or not reply["content"]["evalue"].endswith("interrupted"):
        fail(f"interrupt: {reply['content']}")
    print(f"interrupted: execute_reply after {time.monotonic() - start:.3f} s")
    reply, outs = run(kc, "f(1)")
    if reply["status"] != "ok" or data_of(outs)[0]["text/plain"] != "-63":
        fail(f"f(1) after the interrupt: {reply} {outs}")

    # Cells sent together, as Run All sends them: a failure aborts those
    # sent before it ended.
    first = kc.execute("min f x0=5 eta=1e-9 eps=1e-300 maxiter=1000000000000")
    second = kc.execute("zz = 1")
    time.sleep(0.3)
    km.interrupt_kernel()
    statuses = {}
    for _ in range(2):
        reply = kc.get_shell_msg(timeout=TIMEOUT)
        statuses[reply["parent_header"]["msg_id"]] = reply["content"]["status"]
    if statuses != {first: "error", second: "aborted"}:
        fail(f"Run All after a failure: {statuses}")

    km.restart_kernel(now=True)
    kc.wait_for_ready(timeout=TIMEOUT)
    reply, _ = run(kc, "f(1)")
    if reply["status"] != "error":
        fail(f"f survived a restart: {reply}")
    reply, outs = run(kc, "2 + 2")
    if reply["status"] != "ok" or data_of(outs)[0]["text/plain"] != "4":
        fail(f"after a restart: {reply} {outs}")

    kc.stop_channels()
    km.shutdown_kernel(now=False)
    if km.is_alive():
        fail("the kernel outlived shutdown")


def notebook(path):
    nb = nbformat.read(path, as_version=4)
    # allow_errors=False: an error output fails the run.
    nbclient.NotebookClient(nb, kernel_name="fprime", timeout=TIMEOUT, allow_errors=False).execute()
    texts, crosses, pngs, points = [], 0, 0, []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.output_type == "error" or out.output_type == "stream" and out.name == "stderr":
                fail(f"error output: {out}")
            data = out.get("data", {})
            text = data.get("text/plain", "")
            texts.append(text)
            crosses += text.count("✗")
            pngs += "image/png" in data
            j = data.get("application/json", {})
            if isinstance(j, dict) and len(j.get("x", [])) == 2:
                points.append(tuple(round(v) for v in j["x"]))
    if not any("minimum of f: converged after 55 iterations" in t for t in texts):
        fail("f's descent: no 55 iterations")
    if points[-1:] != [(-3, -2)]:
        fail(f"g's descent from (-3, -3) ends at {points}")
    if crosses != 2:
        fail(f"{crosses} ✗, want the two wrong hand derivatives")
    if pngs < 3:
        fail(f"{pngs} pictures, want 3")
    print(f"{path}: ran; 55 iterations, (-3, -2), 2 ✗, {pngs} pictures")


kernel_manager()
notebook(sys.argv[1])
