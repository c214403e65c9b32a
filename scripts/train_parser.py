#!/usr/bin/env python
"""Train a small dependency parser for sitrep from UD English-EWT (its measurement: ``scripts/compare_roles.py``).

No pretrained model can be downloaded for sitrep, so the parser is trained here
from Universal Dependencies English-EWT (CC BY-SA 4.0), read at train time from
``--data`` (normally ``../shared/data``; nothing from there is copied into the
repository).

Protocol (reproducible: fixed seed, one thread, deterministic split):

* ``en_ewt-ud-train.conllu`` is split by document: every ``HELDOUT_EVERY``-th
  document is held out for checkpoint selection, the rest is trained on;
* ``en_ewt-ud-dev.conllu`` (the only other split available) is never seen
  during training or selection and is reported as the held-out test score;
* both are converted with spaCy's documented ``spacy convert --converter conllu``
  (``N_SENTS`` sentences per Doc), a ``tok2vec`` + ``tagger`` + ``parser``
  pipeline is trained with ``spacy.cli.train.train`` from ``configs/parser.cfg``
  and the best checkpoint on the held-out train documents is written to ``--out``
  with a ``MODEL_CARD.md``;
* scores are spaCy's own scorer (``Language.evaluate``: UAS, LAS, XPOS tag
  accuracy, sentence F) on gold tokens.

``--eval-only`` re-evaluates an already trained ``--work`` run (e.g. one that
was stopped after its time budget; checkpoints are written at every
evaluation) and writes ``--out`` and the card.
"""
from __future__ import annotations

import os

# One core: keep every numeric library single-threaded (set before numpy loads).
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
             "BLIS_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = REPO / "configs" / "parser.cfg"
UD_DIR = Path("parsing") / "ud_ewt"
TRAIN_FILE = "en_ewt-ud-train.conllu"
TEST_FILE = "en_ewt-ud-dev.conllu"
HELDOUT_EVERY = 20  # every 20th training document (~5%) selects the checkpoint
N_SENTS = 10        # sentences per spaCy Doc, as spaCy's UD project uses


# --------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------

def split_documents(conllu: str) -> list[str]:
    """CoNLL-U text -> one string per ``# newdoc`` document."""
    return [block for block in re.split(r"(?m)^(?=# newdoc)", conllu) if block.strip()]


def write_split(train_path: Path, work: Path) -> dict[str, Path]:
    """Write the fit / held-out parts of the training file as CoNLL-U."""
    docs = split_documents(train_path.read_text(encoding="utf-8"))
    parts = {"fit": [d for i, d in enumerate(docs) if i % HELDOUT_EVERY],
             "heldout": [d for i, d in enumerate(docs) if not i % HELDOUT_EVERY]}
    paths = {}
    for name, chunk in parts.items():
        paths[name] = work / "conllu" / f"{name}.conllu"
        paths[name].parent.mkdir(parents=True, exist_ok=True)
        paths[name].write_text("".join(chunk), encoding="utf-8")
    return paths


def docbin(work: Path, name: str) -> Path:
    """Where the converted set ``name`` (fit, heldout, test) lives."""
    return work / "corpus" / f"{name}.spacy"


def spacy_convert(conllu: Path, work: Path, name: str) -> Path:
    """Convert with the documented ``spacy convert`` CLI into ``docbin(work, name)``."""
    tmp = work / "corpus" / name
    tmp.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "spacy", "convert", str(conllu), str(tmp),
                    "--converter", "conllu", "--n-sents", str(N_SENTS)], check=True,
                   stdout=subprocess.DEVNULL)
    path = (tmp / (conllu.stem + ".spacy")).rename(docbin(work, name))
    tmp.rmdir()
    return path


def sentence_count(path: Path) -> tuple[int, int]:
    """(sentences, words) of a CoNLL-U file (multi-word and empty nodes skipped)."""
    sents = words = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# sent_id"):
            sents += 1
        elif line and line[0].isdigit() and line.split("\t", 1)[0].isdigit():
            words += 1
    return sents, words


# --------------------------------------------------------------------------
# Training and evaluation
# --------------------------------------------------------------------------

def train(config: Path, work: Path, corpora: dict[str, Path], max_steps: int | None, seed: int) -> None:
    from spacy.cli.train import train as spacy_train
    from thinc.api import NumpyOps, set_current_ops

    overrides = {"paths.train": str(corpora["fit"]), "paths.dev": str(corpora["heldout"]),
                 "system.seed": seed, "training.logger.output_file": str(work / "train_log.jsonl")}
    if max_steps is not None:
        overrides["training.max_steps"] = max_steps
        overrides["training.optimizer.learn_rate.total_steps"] = max_steps
    # Training-time speed-up only: thinc's default BLIS matmul was ~3x slower on
    # this machine than numpy's single-threaded OpenBLAS; the weights are unaffected.
    set_current_ops(NumpyOps(use_blis=False))
    spacy_train(config, work / "model", use_gpu=-1, overrides=overrides)


def evaluate(nlp, docbin: Path) -> dict[str, float]:
    """spaCy's scorer on gold tokens: UAS, LAS, XPOS tag accuracy, sentence F."""
    from spacy.training import Corpus

    scores = nlp.evaluate(Corpus(str(docbin))(nlp))
    return {key: scores[key] for key in ("dep_uas", "dep_las", "tag_acc", "sents_f", "speed")}


SPEED_SNIPPET = r"""
import json, sys, time
import spacy
nlp = spacy.load(sys.argv[1])
texts = json.load(open(sys.argv[2], encoding="utf-8"))
best = 0.0
for _ in range(3):
    c0 = time.process_time()
    n = sum(len(d) for d in nlp.pipe(texts, batch_size=64))
    best = max(best, n / (time.process_time() - c0))
print(json.dumps({"wps": best, "words": n}))
"""


def raw_texts(conllu: Path) -> list[str]:
    """The ``# text =`` lines of a CoNLL-U file, grouped N_SENTS per text."""
    sents = [line[len("# text = "):] for line in conllu.read_text(encoding="utf-8").splitlines()
             if line.startswith("# text = ")]
    return [" ".join(sents[i:i + N_SENTS]) for i in range(0, len(sents), N_SENTS)]


def cpu_speed(model: Path, conllu: Path, work: Path) -> dict:
    """Words per CPU-second of the full pipeline (tokenizer included) on raw
    text, fresh process with plain ``spacy.load`` (also checks it loads), best of 3."""
    texts = work / "speed_texts.json"
    texts.write_text(json.dumps(raw_texts(conllu)), encoding="utf-8")
    res = subprocess.run([sys.executable, "-c", SPEED_SNIPPET, str(model), str(texts)],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def learning_curve(work: Path) -> list[tuple[int, float, float]]:
    """(step, held-out LAS, held-out UAS) at each evaluation of the training log."""
    log = work / "train_log.jsonl"
    rows = [json.loads(x) for x in log.read_text().splitlines() if x.strip()] if log.exists() else []
    return [(r["step"], r["scores"]["dep_las"] / 100, r["scores"]["dep_uas"] / 100) for r in rows]


# --------------------------------------------------------------------------
# Shipping
# --------------------------------------------------------------------------

def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def save_model(nlp, out: Path) -> None:
    """Rebuild ``out`` from scratch, with scratch paths scrubbed from the config."""
    if out.exists():
        if not (out / "config.cfg").exists() and any(out.iterdir()):
            raise SystemExit(f"error: {out} exists and is not a model dir; refusing to delete it")
        shutil.rmtree(out)
    nlp.meta.update({"name": "sitrep_parser", "version": "0.1.0", "author": "sitrep",
                     "description": "sitrep dependency parser + PTB tagger, trained from scratch on UD English-EWT",
                     "license": "CC BY-SA 4.0 (UD English-EWT); see MODEL_CARD.md",
                     "sources": [{"name": "UD English-EWT v2.15"}]})
    nlp.meta.pop("performance", None)
    for key in ("train", "dev"):
        nlp.config["paths"][key] = None
    nlp.config["training"]["logger"]["output_file"] = None
    nlp.to_disk(out)


def pct(x: float) -> str:
    return f"{100 * x:.2f}"


def write_card(out: Path, info: dict) -> None:
    test, held = info["test"], info["heldout"]
    curve = "\n".join(f"| {s} | {pct(las)} | {pct(uas)} |" for s, las, uas in info["curve"])
    counts = "\n".join(f"| {name} | {n_s:,} | {n_w:,} | {use} |" for name, (n_s, n_w, use) in info["counts"].items())
    text = f"""# sitrep dependency parser (`{out.name}`)

spaCy pipeline (`tok2vec` + `tagger` + `parser`) trained from scratch by
`scripts/train_parser.py` on Universal Dependencies
English-EWT v2.15. No pretrained weights or vectors. The tagger predicts Penn
Treebank tags (`token.tag_`); the parser predicts UD basic relations
(`token.dep_`, `token.head`) and sentence boundaries.

```python
import spacy
nlp = spacy.load("{info['load_path']}")
[(t.text, t.dep_, t.head.text) for t in nlp("Rebels shelled the village near Idlib.")]
```

## Training command

```
{info['command']}
```

## Data and licence

UD English-EWT (CC BY-SA 4.0; web text: weblogs, newsgroups, e-mail, reviews,
answers), read from `../shared/data/parsing/ud_ewt` at train time; see
`shared/data/SOURCES.md`. The trained weights are derived from CC BY-SA 4.0 data:
redistribute them under the same licence with attribution to UD English-EWT.

| set | sentences | words | use |
| --- | ---: | ---: | --- |
{counts}

The train file is split by document (every {HELDOUT_EVERY}th `# newdoc` held
out) for checkpoint selection. Only train and dev of EWT are available here, so
**EWT dev is the test set**: never used for training or any choice.

## Scores (spaCy scorer, gold tokens)

| set | UAS | LAS | XPOS tag acc. | sentence F |
| --- | ---: | ---: | ---: | ---: |
| UD EWT dev (held-out test) | {pct(test['dep_uas'])} | {pct(test['dep_las'])} | {pct(test['tag_acc'])} | {pct(test['sents_f'])} |
| held-out train documents (selection) | {pct(held['dep_uas'])} | {pct(held['dep_las'])} | {pct(held['tag_acc'])} | {pct(held['sents_f'])} |

Learning curve on the held-out train documents (best checkpoint shipped):

| step | LAS | UAS |
| ---: | ---: | ---: |
{curve}

## Configuration (`configs/parser.cfg`)

- embed: `spacy.MultiHashEmbed.v2` over NORM, PREFIX, SUFFIX, SHAPE, width 96, rows 5000/1000/2500/2500
- encode: `spacy.MaxoutWindowEncoder.v2` width 96, depth 4, window 1 (+-4 tokens), 3 maxout pieces
- parser: `spacy.TransitionBasedParser.v2` (arc-eager), hidden width 64, 2 maxout pieces; tagger: `spacy.Tagger.v2`
- training: Adam lr 0.001 (250 warm-up steps, linear decay), dropout 0.1, L2 0.01,
  parameter averaging, batches compounding 100 -> 1,000 words, seed {info['seed']}

## Size and speed

- model directory: {info['size_mb']:.1f} MB
- training: {info['train_minutes']:.1f} min wall, 1 thread of a 2-core machine shared with other jobs
- speed: **{info['speed']['wps']:,.0f} words per CPU-second** (full pipeline incl.
  tokenizer, raw text of EWT dev, fresh process, default thinc ops, 1 thread, best of 3)

## Limitations

- Small CNN and web-text training data: far below transformer parsers (LAS ~90);
  news on armed conflict (Arabic names, long appositive chains) is out of domain.
- Trained on gold tokens; at run time spaCy's rule tokenizer is used.
"""
    (out / "MODEL_CARD.md").write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def prepare(data: Path, work: Path) -> tuple[dict[str, Path], dict[str, tuple[int, int, str]]]:
    """Split and convert the treebank; returns the DocBins and the sets' sizes."""
    conllu = write_split(data / UD_DIR / TRAIN_FILE, work)
    conllu["test"] = data / UD_DIR / TEST_FILE
    uses = {"fit": "train", "heldout": "checkpoint selection", "test": "test (EWT dev)"}
    counts = {name: (*sentence_count(path), uses[name]) for name, path in conllu.items()}
    corpora = {name: spacy_convert(path, work, name) for name, path in conllu.items()}
    return corpora, counts


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data",
                    help="folder holding parsing/ud_ewt (default ../shared/data)")
    ap.add_argument("--out", type=Path, default=Path("/tmp/parser_model"),
                    help="where to write the trained pipeline + MODEL_CARD.md")
    ap.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    ap.add_argument("--work", type=Path, default=Path("/tmp/sitrep-train-parser"),
                    help="scratch dir for DocBins and checkpoints (outside the repo)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-steps", type=int, default=None, help="override training.max_steps")
    ap.add_argument("--eval-only", action="store_true",
                    help="no training: evaluate the best checkpoint in --work and write --out")
    return ap.parse_args(argv)


def run_training(args: argparse.Namespace, data: Path, work: Path, command: str) -> None:
    """Convert the data into a fresh ``work`` and train; the facts the model card
    needs later (set sizes, time, command) are kept in ``work/training.json``."""
    if work.exists():
        shutil.rmtree(work)
    corpora, counts = prepare(data, work)
    print(f"[train_parser] sentences, words: {counts}", flush=True)
    start = time.time()
    train(args.config, work, corpora, args.max_steps, args.seed)
    facts = {"counts": counts, "train_minutes": (time.time() - start) / 60, "command": command}
    (work / "training.json").write_text(json.dumps(facts))


def ship(data: Path, work: Path, out: Path, seed: int) -> dict:
    """Evaluate the best checkpoint, write it to ``out`` with its card, measure speed."""
    import spacy

    nlp = spacy.load(work / "model" / "model-best")
    info = {**json.loads((work / "training.json").read_text()),
            "test": evaluate(nlp, docbin(work, "test")), "heldout": evaluate(nlp, docbin(work, "heldout")),
            "curve": learning_curve(work), "seed": seed,
            "load_path": os.path.relpath(out, REPO) if REPO in out.parents else str(out)}
    print(f"[train_parser] EWT dev (test): {info['test']}", flush=True)
    save_model(nlp, out)
    info["speed"] = cpu_speed(out, data / UD_DIR / TEST_FILE, work)
    info["size_mb"] = dir_size(out) / 1e6
    write_card(out, info)
    (work / "run.json").write_text(json.dumps(info, indent=2, default=str))
    return info


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    data, work, out = args.data.resolve(), args.work.resolve(), args.out.resolve()
    if not (data / UD_DIR / TRAIN_FILE).exists():
        print(f"error: no UD English-EWT under {data / UD_DIR}", file=sys.stderr)
        return 2
    if work == REPO or REPO in work.parents:
        print("error: --work must be outside the repository", file=sys.stderr)
        return 2
    if not args.eval_only:
        command = "python scripts/train_parser.py " + " ".join(sys.argv[1:] if argv is None else argv)
        run_training(args, data, work, command)
    info = ship(data, work, out, args.seed)
    print(f"[train_parser] wrote {out} ({info['size_mb']:.1f} MB, {info['speed']['wps']:,.0f} words/s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
