"""Accuracy and cold time-to-model of each text backbone on the three shared text sets, beside
the TF-IDF baseline and the Automatic choice (default settings), each in a fresh process (the
bench's probes); about 35 min on 2 cores. Results are added to OUT.json as they come.

    python -m desktop_app.bench.text_models OUT.json [chnsenticorp,sst2,sms] [BACKBONE,...]
"""

import json
import sys
import tempfile
from pathlib import Path

from desktop_app.bench.data import make_text_set, shared_datasets
from desktop_app.bench.run import probe


def _load() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def main() -> None:
    out = Path(sys.argv[1])
    sets_wanted = (sys.argv[2] if len(sys.argv) > 2 else "chnsenticorp,sst2,sms").split(",")
    backbones = (
        sys.argv[3] if len(sys.argv) > 3 else "scratch-text,minilm-l6,multilingual-e5-small"
    ).split(",")
    work = Path(tempfile.mkdtemp(prefix="i19e-measure-"))
    text = shared_datasets() / "text"
    sets = {
        "chnsenticorp": text / "chnsenticorp-htl",
        "sst2": make_text_set(10000, work / "sst2-10000"),
        "sms": text / "sms-spam",
    }
    results = json.loads(out.read_text()) if out.exists() else {}
    for name in sets_wanted:
        home = work / f"home-{name}"
        for backbone in backbones:
            load = _load()
            found = probe(
                "time_to_model",
                home,
                data=str(sets[name]),
                out=str(work / f"{name}-{backbone}.onnx"),
                backbone=backbone,
            )
            found["load_before"] = load
            found["load_after"] = _load()
            results[f"{name}/{backbone}"] = found
            print(
                f"{name} {backbone}: {found['eval_split']} acc {found['eval_accuracy']:.4f}, cold {found['seconds']:.1f} s (features {found['features_s']:.1f} s), load {load}->{found['load_after']}",
                flush=True,
            )
            out.write_text(json.dumps(results, indent=1))
        found = probe("text_accuracy", home, data=str(sets[name]))
        results[f"{name}/auto"] = found
        print(
            f"{name} auto: chose {found['chosen']} acc {found['accuracy']:.4f} in {found['seconds']:.1f} s (warm cache); TF-IDF {found['baseline_accuracy']:.4f} on {found['split']} ({found['n_eval']})",
            flush=True,
        )
        out.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
