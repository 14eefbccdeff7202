"""What the ONNX Runtime encoders read around the model itself, as sentence-transformers reads it: its
module layout, its sequence settings, its own fast tokenizer (tokenizers, no torch); and padded batches."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np


def modules_problem(model_path: Path) -> tuple[str, list[str]] | None:
    """What the ONNX encoders cannot run in a sentence-transformers model's modules: ("modules", kinds) unless
    they are a Transformer followed by Pooling and Normalize only; ("pooling", modes) for pooling other than
    the mean. None when there is nothing wrong (or no modules.json). A file that cannot be read raises
    OSError or ValueError."""
    modules_file = model_path / "modules.json"
    if not modules_file.is_file():
        return None
    modules = json.loads(modules_file.read_text(encoding="utf-8"))
    kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules]
    if not kinds or kinds[0] != "Transformer" or any(k not in ("Transformer", "Pooling", "Normalize") for k in kinds):
        return "modules", kinds
    for module in modules:
        if str(module.get("type", "")).endswith("Pooling"):
            pooling_file = model_path / module.get("path", "") / "config.json"
            pooling = json.loads(pooling_file.read_text(encoding="utf-8")) if pooling_file.is_file() else {}
            modes = [k for k, v in pooling.items() if k.startswith("pooling_mode") and v]
            if modes and modes != ["pooling_mode_mean_tokens"]:
                return "pooling", modes
    return None


def sequence_settings(model_path: Path) -> dict:
    """max_seq_length and do_lower_case, read as sentence-transformers reads them."""
    st_config = {}
    for name in ("sentence_bert_config.json", "sentence_roberta_config.json", "sentence_xlnet_config.json"):
        if (model_path / name).is_file():
            st_config = json.loads((model_path / name).read_text(encoding="utf-8"))
            break
    max_len = st_config.get("max_seq_length")
    if not max_len:  # sentence-transformers falls back to the tokenizer's and the model's own limits
        limits = []
        for name, key in (("tokenizer_config.json", "model_max_length"), ("config.json", "max_position_embeddings")):
            file = model_path / name
            if file.is_file():
                value = json.loads(file.read_text(encoding="utf-8")).get(key)
                if isinstance(value, int) and 0 < value < 100_000:
                    limits.append(value)
        max_len = min(limits) if limits else 512
    return {"max_seq_length": int(max_len), "do_lower_case": bool(st_config.get("do_lower_case", False))}


def tokenizer(path: Path, max_length: int):
    """The tokenizer of tokenizer.json, truncating at `max_length` pieces (the model's max_seq_length)."""
    from tokenizers import Tokenizer

    loaded = Tokenizer.from_file(str(path))
    loaded.no_padding()  # tokenizer.json may pad to a fixed length; batches are padded here, to their longest
    loaded.enable_truncation(max_length=max_length)
    return loaded


def padded(encodings) -> tuple[np.ndarray, np.ndarray]:
    """input_ids and attention_mask, right-padded with 0 to the longest row."""
    width = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(encodings), width), dtype=np.int64)
    mask = np.zeros((len(encodings), width), dtype=np.int64)
    for row, e in enumerate(encodings):
        ids[row, : len(e.ids)] = e.ids
        mask[row, : len(e.ids)] = 1
    return ids, mask

