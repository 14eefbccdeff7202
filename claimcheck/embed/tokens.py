"""Word pieces for the ONNX Runtime encoders: the model's own fast tokenizer (tokenizers, no torch), set up as
sentence-transformers sets it up, and padded batches."""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np


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


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
