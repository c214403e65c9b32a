#!/usr/bin/env python
"""Train sitrep's own named-entity recogniser (``make train-ner``).

No pretrained model can be downloaded for sitrep, so the NER model is trained
here from public data sets, read at train time from ``--data`` (normally
``../shared/data``; nothing from there is copied into the repository):

* CoNLL-2003 English (``ner/conll2003``: eng.train, eng.testa = dev,
  eng.testb = test; IOB1, 4 columns);
* re3d (``ner/re3d``: train, dev; Syria/Iraq conflict reporting), whose labels
  are mapped onto the CoNLL four (see ``RE3D_LABEL_MAP``).

The data are converted to spaCy ``DocBin`` files in a work directory outside
the repository, a ``tok2vec`` + ``ner`` pipeline is trained with
``spacy.cli.train.train`` from ``configs/ner.cfg`` (blank English tokenizer, no
pretrained vectors), evaluated with exact span + type matching (as conlleval /
seqeval) on CoNLL testa, CoNLL testb and re3d dev, and written to ``--out``
with a ``MODEL_CARD.md``.

Two protocols:

``--mode final`` (default; what ``make train-ner`` runs)
    trains on eng.train + eng.testa + re3d train for a fixed number of steps
    (``training.max_steps`` of the config, chosen on testa with ``--mode dev``)
    and ships the last checkpoint.  Its testa score is therefore *not* a
    held-out score; the card reports the held-out testa score of the dev run.
``--mode dev``
    trains on eng.train + re3d train, evaluates on eng.testa during training
    and ships the best checkpoint on testa (used to choose hyper-parameters).

The run is reproducible (fixed seed, single thread, deterministic conversion)
and idempotent (the work directory and ``--out`` are rebuilt from scratch).

The trained model needs only spaCy at run time::

    import spacy
    nlp = spacy.load("src/sitrep/models/ner")
"""
from __future__ import annotations

import os

# One core: keep every numeric library single-threaded (set before numpy loads).
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
             "BLIS_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import shlex  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Iterable, Iterator  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = REPO / "configs" / "ner.cfg"
LABELS = ("PER", "ORG", "LOC", "MISC")

# re3d label -> CoNLL label (None = dropped).  Dropped types are marked as
# *missing* annotation (neither entity nor O) in the training docs, so the model
# is not taught that, e.g., a weapon or aircraft name is "O" when CoNLL would
# sometimes call it MISC.  In evaluation they simply do not appear in the gold.
RE3D_LABEL_MAP: dict[str, str | None] = {
    "Person": "PER",
    "Organisation": "ORG",
    "Location": "LOC",
    "Nationality": "MISC",
    "Weapon": None,
    "MilitaryPlatform": None,
    "Temporal": None,
    "Quantity": None,
    "Money": None,
    "DocumentReference": None,
}
RE3D_MAP_NOTES = {
    "Person": "same notion",
    "Organisation": "CoNLL ORG (re3d also marks e.g. 'coalition forces', 'Syrian army')",
    "Location": "same notion",
    "Nationality": "CoNLL tags nationalities/demonyms ('Iraqi', 'Kurdish') as MISC",
    "Weapon": "no CoNLL equivalent (CoNLL MISC only occasionally); marked missing",
    "MilitaryPlatform": "no CoNLL equivalent; marked missing",
    "Temporal": "not an entity in CoNLL; marked missing",
    "Quantity": "not an entity in CoNLL; marked missing",
    "Money": "not an entity in CoNLL; marked missing",
    "DocumentReference": "no CoNLL equivalent; marked missing",
}

# Hyper-parameter search log (all runs on this machine, 1 thread, spaCy 3.8).
# Filled in by hand from the runs' logs; rendered into MODEL_CARD.md.
EXPERIMENTS: list[dict] = []


# --------------------------------------------------------------------------
# Reading the data
# --------------------------------------------------------------------------

@dataclass
class Sentence:
    words: list[str]
    spans: list[tuple[int, int, str]]  # token start, end (exclusive), label
    missing: list[tuple[int, int]] = field(default_factory=list)
    doc_id: int = 0


def _iob_to_spans(tags: list[str], scheme: str) -> list[tuple[int, int, str]]:
    """Token spans from IOB1 ("iob1": I- opens a span unless it continues one of
    the same type, B- only separates adjacent same-type spans) or IOB2 ("iob2":
    every span opens with B-; a stray I- is treated as an opening, like
    conlleval)."""
    spans: list[tuple[int, int, str]] = []
    start, label = None, None
    for i, tag in enumerate(tags + ["O"]):
        if tag == "O" or "-" not in tag:
            prefix, typ = "O", None
        else:
            prefix, typ = tag.split("-", 1)
        opens = prefix == "B" or (prefix == "I" and typ != label)
        if label is not None and (prefix == "O" or opens):
            spans.append((start, i, label))
            start, label = None, None
        if prefix != "O" and opens:
            start, label = i, typ
    return spans


def read_conll2003(path: Path) -> list[Sentence]:
    """eng.train/testa/testb: ``word POS chunk NER`` per line, IOB1,
    ``-DOCSTART-`` lines between documents, blank lines between sentences."""
    sents: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    doc_id = 0

    def flush() -> None:
        if words:
            sents.append(Sentence(list(words), _iob_to_spans(list(tags), "iob1"),
                                  doc_id=doc_id))
        words.clear()
        tags.clear()

    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\r\n")
            if not line.strip():
                flush()
                continue
            cols = line.split()
            if cols[0] == "-DOCSTART-":
                flush()
                doc_id += 1
                continue
            words.append(cols[0])
            tags.append(cols[-1])
    flush()
    return sents


def read_re3d(path: Path) -> list[Sentence]:
    """re3d in CoNLL form: ``word<TAB>tag`` (IOB2, re3d label names), CRLF,
    blank lines between sentences.  Labels mapped with ``RE3D_LABEL_MAP``."""
    sents: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if words:
            spans, missing = [], []
            for s, e, lab in _iob_to_spans(list(tags), "iob2"):
                if lab not in RE3D_LABEL_MAP:
                    raise ValueError(f"{path}: unknown re3d label {lab!r}; update RE3D_LABEL_MAP")
                mapped = RE3D_LABEL_MAP[lab]
                if mapped is None:
                    missing.append((s, e))
                else:
                    spans.append((s, e, mapped))
            sents.append(Sentence(list(words), spans, missing))
        words.clear()
        tags.clear()

    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\r\n")
            if not line.strip():
                flush()
                continue
            if "\t" in line:
                word, tag = line.rsplit("\t", 1)
            else:
                word, tag = line.rsplit(None, 1)
            word, tag = word.strip(), tag.strip()
            if not word:
                continue
            words.append(word)
            tags.append(tag)
    flush()
    return sents


def re3d_label_names(data: Path) -> list[str]:
    """The entity types declared in re3d's labels.json (without B-/I-)."""
    raw = json.loads((data / "ner" / "re3d" / "labels.json").read_text())
    names = sorted({t.split("-", 1)[1] for t in raw if "-" in t})
    unknown = [n for n in names if n not in RE3D_LABEL_MAP]
    if unknown:
        raise ValueError(f"re3d labels.json has unmapped types {unknown}; update RE3D_LABEL_MAP")
    return names


def load_sets(data: Path) -> dict[str, list[Sentence]]:
    conll = data / "ner" / "conll2003"
    re3d = data / "ner" / "re3d"
    return {
        "conll_train": read_conll2003(conll / "eng.train"),
        "conll_testa": read_conll2003(conll / "eng.testa"),
        "conll_testb": read_conll2003(conll / "eng.testb"),
        "re3d_train": read_re3d(re3d / "train.txt"),
        "re3d_dev": read_re3d(re3d / "dev.txt"),
    }


def to_docs(nlp, sents: Iterable[Sentence]) -> Iterator:
    from spacy.tokens import Doc

    for s in sents:
        doc = Doc(nlp.vocab, words=s.words)
        ents = [doc.char_span(doc[a].idx, doc[b - 1].idx + len(doc[b - 1]), label=lab)
                for a, b, lab in s.spans]
        missing = [doc[a:b] for a, b in s.missing]
        doc.set_ents(ents, missing=missing, default="outside")
        yield doc


def write_docbin(nlp, sents: list[Sentence], path: Path) -> None:
    from spacy.tokens import DocBin

    db = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=False)
    for doc in to_docs(nlp, sents):
        db.add(doc)
    db.to_disk(path)


# --------------------------------------------------------------------------
# Evaluation (exact span + type, micro-averaged, as conlleval / seqeval)
# --------------------------------------------------------------------------

def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f": f, "support": tp + fn, "predicted": tp + fp}


def evaluate(nlp, sents: list[Sentence]) -> dict:
    from spacy.tokens import Doc

    tp, fp, fn = Counter(), Counter(), Counter()
    docs = (Doc(nlp.vocab, words=s.words) for s in sents)
    for s, doc in zip(sents, nlp.pipe(docs, batch_size=256)):
        gold = set(s.spans)
        pred = {(e.start, e.end, e.label_) for e in doc.ents}
        for x in pred & gold:
            tp[x[2]] += 1
        for x in pred - gold:
            fp[x[2]] += 1
        for x in gold - pred:
            fn[x[2]] += 1
    labels = sorted(set(tp) | set(fp) | set(fn), key=lambda x: (x not in LABELS, LABELS.index(x) if x in LABELS else 0, x))
    out = {lab: prf(tp[lab], fp[lab], fn[lab]) for lab in labels}
    out["ALL"] = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return out


SPEED_SNIPPET = r"""
import json, os, sys, time
import spacy
nlp = spacy.load(sys.argv[1])
texts = json.load(open(sys.argv[2], encoding="utf-8"))
best, n = 0.0, 0
for _ in range(2):
    t0 = time.perf_counter()
    n = sum(len(d) for d in nlp.pipe(texts, batch_size=64))
    best = max(best, n / (time.perf_counter() - t0))
print(json.dumps({"wps": best, "words": n, "ents": [(e.text, e.label_) for e in nlp(texts[0][:300]).ents][:6]}))
"""


def fresh_process_speed(model_dir: Path, sents: list[Sentence], work: Path) -> tuple[float, int]:
    """Throughput of the full pipeline (tokenizer included) on raw text: the
    CoNLL test documents re-joined with spaces, one nlp.pipe stream, 1 thread,
    best of 2, measured in a fresh Python process that only imports spacy."""
    import subprocess

    by_doc: dict[int, list[str]] = {}
    for s in sents:
        by_doc.setdefault(s.doc_id, []).append(" ".join(s.words))
    texts_path = work / "speed_texts.json"
    texts_path.write_text(json.dumps([" ".join(v) for v in by_doc.values()]), encoding="utf-8")
    env = dict(os.environ)
    res = subprocess.run([sys.executable, "-c", SPEED_SNIPPET, str(model_dir), str(texts_path)],
                         capture_output=True, text=True, env=env, check=True)
    info = json.loads(res.stdout.strip().splitlines()[-1])
    print(f"[train_ner] fresh-process load OK; sample ents {info['ents']}", flush=True)
    return info["wps"], info["words"]


# --------------------------------------------------------------------------
# Model card
# --------------------------------------------------------------------------

def _fmt(x: float) -> str:
    return f"{100 * x:.2f}"


def score_table(scores: dict) -> str:
    rows = ["| type | P | R | F1 | gold | predicted |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for lab, s in scores.items():
        name = f"**{lab}**" if lab == "ALL" else lab
        rows.append(f"| {name} | {_fmt(s['p'])} | {_fmt(s['r'])} | {_fmt(s['f'])} | {s['support']} | {s['predicted']} |")
    return "\n".join(rows)


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def config_summary(nlp) -> str:
    cfg = nlp.config
    t2v = cfg["components"]["tok2vec"]["model"]
    ner = cfg["components"]["ner"]["model"]
    tr = cfg["training"]
    lines = [f"- pipeline: `{nlp.pipe_names}`, blank `en` tokenizer, no pretrained or static vectors"]
    emb = t2v["embed"]
    if "@architectures" in emb:
        lines.append(f"- embed: `{emb['@architectures']}` width {emb.get('width')} attrs {emb.get('attrs')} rows {emb.get('rows')}")
    else:
        parts = []
        for key, sub in emb.items():
            if key.startswith("*") or isinstance(sub, dict):
                for name, layer in (sub.items() if key == "*" else [(key, sub)]):
                    if isinstance(layer, dict):
                        desc = ", ".join(f"{k}={v}" for k, v in layer.items() if k != "@architectures")
                        parts.append(f"`{layer.get('@architectures')}` ({desc})")
        lines.append(f"- embed: `{emb.get('@layers')}` of " + " + ".join(parts))
    enc = t2v["encode"]
    lines.append(f"- encode: `{enc['@architectures']}` width {enc['width']} depth {enc['depth']} window {enc['window_size']} maxout pieces {enc['maxout_pieces']}")
    lines.append(f"- ner: `{ner['@architectures']}` hidden width {ner['hidden_width']} maxout pieces {ner['maxout_pieces']}")
    opt = tr["optimizer"]
    lr = opt["learn_rate"]
    lr_s = lr if not isinstance(lr, dict) else ", ".join(f"{k}={v}" for k, v in lr.items())
    lines.append(f"- training: dropout {tr['dropout']}, max_steps {tr['max_steps']}, patience {tr['patience']}, eval every {tr['eval_frequency']} steps, seed {tr['seed']}")
    lines.append(f"- optimizer: `{opt['@optimizers']}` learn_rate ({lr_s}), L2 {opt['L2']}, grad_clip {opt['grad_clip']}")
    b = tr["batcher"]
    lines.append(f"- batcher: `{b['@batchers']}` size {dict((k, v) for k, v in b['size'].items())}")
    return "\n".join(lines)


def write_card(out: Path, info: dict) -> None:
    s = info["scores"]
    dev_note = ("" if info["mode"] == "dev" else
                " (**seen in training** in this final model; the held-out testa score is the dev run's, below)")
    mapping = ["| re3d type | CoNLL label | note |", "| --- | --- | --- |"]
    for lab in info["re3d_labels"]:
        mapping.append(f"| {lab} | {RE3D_LABEL_MAP[lab] or '— (dropped)'} | {RE3D_MAP_NOTES.get(lab, '')} |")
    exp_rows = ["| run | config | train on | testa F1 | testb F1 | re3d dev F1 | steps | time | size |",
                "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for e in EXPERIMENTS + [info["this_run"]]:
        exp_rows.append(f"| {e['run']} | {e['config']} | {e['train']} | {e['testa']} | {e['testb']} | {e['re3d']} | {e['steps']} | {e['time']} | {e['size']} |")
    counts = ["| set | sentences | tokens | PER | ORG | LOC | MISC | use |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for name, c in info["counts"].items():
        counts.append(f"| {name} | {c['sents']} | {c['tokens']} | {c['PER']} | {c['ORG']} | {c['LOC']} | {c['MISC']} | {c['use']} |")

    text = f"""# sitrep NER model (`{out.name}`)

spaCy pipeline (`tok2vec` + `ner`) trained from scratch by `scripts/train_ner.py`
(`make train-ner`). No pretrained model or downloaded vectors are used.
Labels: **PER, ORG, LOC, MISC** (CoNLL-2003 scheme). The sitrep pipeline maps them
afterwards (PER→PERSON, LOC→PLACE, ORG→ORGANIZATION or ARMED_GROUP by the
registry/keywords, MISC mostly dropped).

Load (only `spacy` needed at run time, spaCy {info['spacy_version']} used to train; the
pipeline declares `spacy>={info['spacy_min']}`):

```python
import spacy
nlp = spacy.load("src/sitrep/models/ner")
[(e.text, e.label_) for e in nlp("Kurdish YPG fighters entered Raqqa, the SDF said.").ents]
```

## Training command

```
{info['command']}
```

Protocol: **{info['mode']}** — {info['protocol']}

Hyper-parameters were chosen on CoNLL eng.testa (dev runs below). CoNLL eng.testb
(test) was never used for any choice.

## Data

Read at train time from `{info['data_rel']}` (never copied into the repository):
CoNLL-2003 English (Reuters RCV1; research use) and re3d (UK Dstl, Syria/Iraq
conflict reporting; per-source licences: public domain, OGL v3, CC BY-SA 3.0,
CC BY-NC 3.0, CC BY 3.0 AU). See `shared/data/SOURCES.md`.

{chr(10).join(counts)}

CoNLL IOB1 tags are converted to spans (an `I-` tag opens a span unless it
continues one of the same type; `B-` separates adjacent spans of one type);
`-DOCSTART-` lines are skipped; one spaCy Doc per sentence, CoNLL tokens kept.

### re3d label mapping (from `labels.json`)

{chr(10).join(mapping)}

Dropped re3d types are marked as *missing* annotation in the training docs
(spaCy ignores those tokens in the loss) rather than as `O`.

## Configuration (`configs/ner.cfg`)

{info['config_summary']}

## Scores

Exact span + type match, micro-averaged (as conlleval / seqeval), on the CoNLL
tokenisation (gold tokens given to the model).

### CoNLL-2003 eng.testb (test)

{score_table(s['conll_testb'])}

### CoNLL-2003 eng.testa (dev){dev_note}

{score_table(s['conll_testa'])}

### re3d dev (gold mapped to PER/ORG/LOC/MISC; MISC gold = Nationality only)

{score_table(s['re3d_dev'])}

Note: on re3d, MISC precision is not meaningful (re3d has no MISC class beyond
nationalities: the model's CoNLL-style MISC predictions such as events or
weapon names count as false positives), and re3d's ORG convention is broader
than CoNLL's ("coalition forces", "regime forces").

## Size and speed

- model directory: {info['size_mb']:.1f} MB (`du -sh`: {info['du']})
- training time: {info['train_minutes']:.1f} min ({info['steps']} steps) on 1 CPU thread ({info['cpu']})
- speed: **{info['wps']:,.0f} words/s** (full pipeline incl. tokenizer, 1 thread, `nlp.pipe`
  over the {info['wps_words']:,} tokens of eng.testb re-joined as raw text, best of 2)

## Run history

All runs: 1 thread on a shared 2-core machine, seed 0, spaCy {info['spacy_version']}. "dev"
runs train on eng.train + re3d train and keep the best checkpoint on testa;
"final" runs add eng.testa to training and keep the last checkpoint.

{chr(10).join(exp_rows)}

## Limitations

- Trained on 1996 Reuters news plus ~570 sentences of conflict reporting: names
  of recent actors, Arabic transliterations and armed-group names are weaker
  than the test scores suggest.
- No static vectors or pretrained weights: rare/unseen words rely on the
  prefix/suffix/shape/character features.
- Case-sensitive habits of newswire: all-lowercase or all-uppercase text degrades.
"""
    (out / "MODEL_CARD.md").write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def label_counts(sents: list[Sentence]) -> Counter:
    c = Counter(lab for s in sents for _, _, lab in s.spans)
    c["sents"] = len(sents)
    c["tokens"] = sum(len(s.words) for s in sents)
    return c


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data",
                    help="folder holding ner/conll2003 and ner/re3d (default ../shared/data)")
    ap.add_argument("--out", type=Path, default=REPO / "src" / "sitrep" / "models" / "ner",
                    help="where to write the trained pipeline + MODEL_CARD.md")
    ap.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "sitrep-train-ner",
                    help="scratch dir for DocBins and checkpoints (rebuilt each run; not in the repo)")
    ap.add_argument("--mode", choices=("final", "dev"), default="final")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-steps", type=int, default=None, help="override training.max_steps")
    ap.add_argument("--no-re3d", action="store_true", help="train on CoNLL only")
    ap.add_argument("--override", action="append", default=[], metavar="KEY=VALUE",
                    help="extra spaCy config override, e.g. training.dropout=0.3 (repeatable)")
    ap.add_argument("--run-name", default=None, help="label for this run in the card's run table")
    args = ap.parse_args(argv)

    data, out, work = args.data.resolve(), args.out.resolve(), args.work.resolve()
    if not (data / "ner" / "conll2003" / "eng.train").exists():
        print(f"error: no CoNLL-2003 data under {data}/ner/conll2003", file=sys.stderr)
        return 2
    if work == REPO or REPO in work.parents:
        print("error: --work must be outside the repository", file=sys.stderr)
        return 2

    import spacy
    from spacy.cli.train import train as spacy_train
    from thinc.api import set_gpu_allocator  # noqa: F401  (CPU only; import checks thinc)

    try:
        import torch  # noqa: F401
        torch.set_num_threads(1)
    except Exception:
        pass

    t_start = time.time()
    if work.exists():
        shutil.rmtree(work)
    (work / "corpus").mkdir(parents=True)

    re3d_labels = re3d_label_names(data)
    sets = load_sets(data)
    blank = spacy.blank("en")
    if args.mode == "final":
        train_sets = ["conll_train", "conll_testa"] + ([] if args.no_re3d else ["re3d_train"])
        dev_set = "re3d_dev"  # only a progress display; the last checkpoint is shipped
    else:
        train_sets = ["conll_train"] + ([] if args.no_re3d else ["re3d_train"])
        dev_set = "conll_testa"
    train_sents = [s for name in train_sets for s in sets[name]]
    write_docbin(blank, train_sents, work / "corpus" / "train.spacy")
    write_docbin(blank, sets[dev_set], work / "corpus" / "dev.spacy")
    counts = {}
    for name in ("conll_train", "conll_testa", "conll_testb", "re3d_train", "re3d_dev"):
        c = label_counts(sets[name])
        use = "train" if name in train_sets else ("test" if name == "conll_testb" else "eval")
        if name == dev_set and args.mode == "dev":
            use = "dev (early stopping)"
        c["use"] = use
        counts[name] = c
    print(f"[train_ner] {len(train_sents)} training sentences from {train_sets}; dev = {dev_set}", flush=True)

    overrides = {
        "paths.train": str(work / "corpus" / "train.spacy"),
        "paths.dev": str(work / "corpus" / "dev.spacy"),
        "system.seed": args.seed,
    }
    if args.max_steps is not None:
        overrides["training.max_steps"] = args.max_steps
    if args.mode == "final":
        overrides["training.patience"] = 0
    for ov in args.override:
        key, val = ov.split("=", 1)
        try:
            overrides[key] = json.loads(val)
        except json.JSONDecodeError:
            overrides[key] = val
    if "training.max_steps" in overrides and "training.optimizer.learn_rate.total_steps" not in overrides:
        cfg_text = args.config.read_text()
        if "total_steps" in cfg_text:
            overrides["training.optimizer.learn_rate.total_steps"] = overrides["training.max_steps"]

    overrides["training.logger.output_file"] = str(work / "train_log.jsonl")

    # Training-time speed-up only: thinc's default CPU matmul is BLIS, which is
    # ~3x slower here than numpy's OpenBLAS (single-threaded, set above).  The
    # weights and the shipped pipeline are unaffected (no ops choice is saved).
    from thinc.api import NumpyOps, set_current_ops
    set_current_ops(NumpyOps(use_blis=False))

    t_train = time.time()
    spacy_train(args.config, work / "model", use_gpu=-1, overrides=overrides)
    train_minutes = (time.time() - t_train) / 60
    chosen = work / "model" / ("model-last" if args.mode == "final" else "model-best")
    log = [json.loads(x) for x in (work / "train_log.jsonl").read_text().splitlines() if x.strip()]
    last_step = max(r["step"] for r in log) if log else "?"
    if args.mode == "dev" and log:
        best = max(log, key=lambda r: r["score"])  # first best, as spaCy keeps it
        steps = f"{best['step']} of {last_step}"
    else:
        steps = last_step
    nlp = spacy.load(chosen)

    print("[train_ner] evaluating", flush=True)
    scores = {name: evaluate(nlp, sets[name]) for name in ("conll_testa", "conll_testb", "re3d_dev")}
    for name, sc in scores.items():
        print(f"  {name}: " + "  ".join(f"{k} {100*v['f']:.2f}" for k, v in sc.items()), flush=True)

    # Ship: rebuild --out from scratch with a clean meta.
    if out.exists():
        keep_ok = not any(out.iterdir()) or (out / "meta.json").exists() or (out / "config.cfg").exists()
        if not keep_ok:
            print(f"error: {out} exists and is not a model dir; refusing to delete it", file=sys.stderr)
            return 2
        shutil.rmtree(out)
    nlp.meta.update({
        "name": "sitrep_ner",
        "version": "0.1.0",
        "description": "sitrep NER (PER/ORG/LOC/MISC), trained from scratch on CoNLL-2003 + re3d",
        "author": "sitrep",
        "license": "research use (CoNLL-2003: Reuters RCV1); see MODEL_CARD.md",
        "sources": [{"name": "CoNLL-2003 English"}, {"name": "re3d (Dstl)"}],
    })
    nlp.meta.pop("performance", None)
    nlp.to_disk(out)

    # Words/second of the shipped pipeline in a fresh process (plain spacy.load,
    # default thinc ops, 1 thread), which also checks that it loads cleanly.
    wps, wps_words = fresh_process_speed(out, sets["conll_testb"], work)

    size = dir_size(out)
    du = os.popen(f"du -sh {shlex.quote(str(out))}").read().split()[0] if shutil.which("du") else "?"
    cmd = "python " + " ".join(shlex.quote(a) for a in ([ "scripts/train_ner.py"] + (sys.argv[1:] if argv is None else argv)))
    protocol = ("trained on eng.train + eng.testa + re3d train for the fixed number of steps "
                "chosen on testa in the dev runs; last checkpoint shipped." if args.mode == "final" else
                "trained on eng.train + re3d train; best checkpoint on eng.testa shipped.")
    if args.no_re3d:
        protocol += " (re3d not used for training.)"
    name = args.run_name or f"this run ({args.mode})"
    f = lambda k: f"{100 * scores[k]['ALL']['f']:.2f}"  # noqa: E731
    this_run = {
        "run": name,
        "config": "configs/ner.cfg" + ("" if not args.override else " + " + ", ".join(args.override)),
        "train": " + ".join(train_sets),
        "testa": f("conll_testa") + (" (seen)" if args.mode == "final" else ""),
        "testb": f("conll_testb"), "re3d": f("re3d_dev"),
        "steps": steps, "time": f"{train_minutes:.1f} min", "size": f"{size / 1e6:.1f} MB",
    }
    info = {
        "mode": args.mode, "protocol": protocol, "command": cmd, "scores": scores,
        "re3d_labels": re3d_labels, "counts": counts, "config_summary": config_summary(nlp),
        "size_mb": size / 1e6, "du": du, "train_minutes": train_minutes, "steps": steps,
        "cpu": platform.processor() or platform.machine(), "wps": wps, "wps_words": wps_words,
        "spacy_version": spacy.__version__, "spacy_min": ".".join(spacy.__version__.split(".")[:2]),
        "this_run": this_run,
        "data_rel": os.path.relpath(data, REPO),
    }
    write_card(out, info)
    (work / "run.json").write_text(json.dumps({"this_run": this_run, "scores": scores,
                                               "wps": wps, "size": size, "overrides": overrides},
                                              indent=2, default=str))
    print(f"[train_ner] wrote {out} ({du}); {wps:,.0f} words/s; total {(time.time() - t_start) / 60:.1f} min",
          flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
