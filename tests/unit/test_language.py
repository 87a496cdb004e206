"""Issue 15 #10 / issue 19 #3: the texts' language picks the text model to recommend."""

from __future__ import annotations

import pytest

from desktop_app.core.catalog import recommend_backbone
from desktop_app.core.language import detect_language

SAMPLES = {
    "zh": ["房间很干净，服务也很好，下次还会再来。", "早餐太差了，不推荐。", "位置方便，性价比高"],
    "ja": ["このホテルはとても良かったです。", "朝ごはんがおいしかった", "部屋が狭いと思います"],
    "ko": ["방이 깨끗하고 직원이 친절했어요.", "아침 식사가 별로였습니다."],
    "cyrillic": ["Отличный отель, очень чистый номер.", "Завтрак был ужасный."],
    "en": ["The room was clean and the staff were friendly.", "I would not stay here again."],
    "latin": [
        "La habitación estaba limpia y el personal fue muy amable.",
        "No volvería a este hotel, el desayuno era malo.",
    ],
}


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_the_language_of_a_few_texts_is_recognised(code: str) -> None:
    guess = detect_language(SAMPLES[code])
    assert guess.code == code
    assert 0 < guess.share <= 1


def test_no_letters_is_unknown() -> None:
    assert detect_language(["123 456", "!!!", ""]).code == "unknown"


def test_chinese_texts_get_the_any_language_model_and_english_the_english_one() -> None:
    chinese = recommend_backbone("text", SAMPLES["zh"] * 20)
    assert chinese.backbone.id == "multilingual-e5-small" and chinese.changed
    assert chinese.language is not None and chinese.language.code == "zh"
    english = recommend_backbone("text", SAMPLES["en"] * 20)
    assert english.backbone.id == "minilm-l6" and not english.changed
    spanish = recommend_backbone("text", SAMPLES["latin"] * 20)
    assert spanish.backbone.id == "multilingual-e5-small"


def test_images_and_empty_data_get_the_catalog_default() -> None:
    assert recommend_backbone("image", ["a.jpg", "b.png"]).backbone.id == "efficientnet-lite0"
    assert recommend_backbone("image").language is None
    assert recommend_backbone("text").backbone.id == "minilm-l6"


def test_the_real_shared_sets_are_recognised() -> None:
    """ChnSentiCorp is Chinese, SMS spam English (skipped without ../shared/datasets)."""
    import csv
    from pathlib import Path

    root = Path(__file__).resolve().parents[2].parent / "shared" / "datasets" / "text"
    if not root.is_dir():
        pytest.skip("no ../shared/datasets")
    with open(root / "chnsenticorp-htl" / "ChnSentiCorp_htl_all.csv", encoding="utf-8") as f:
        reviews = [row[1] for row in csv.reader(f)][1:]
    sms = (root / "sms-spam" / "SMSSpamCollection").read_text(encoding="utf-8").splitlines()[1:]
    assert recommend_backbone("text", reviews).backbone.id == "multilingual-e5-small"
    assert recommend_backbone("text", [line.split("\t", 1)[1] for line in sms]).backbone.id == (
        "minilm-l6"
    )
