"""Steps in scripts the Latin rules do not fit. Japanese and Chinese, written without
spaces: labels found inside runs of text, label marks (**[課金]**, “计费”) read as marks,
the verb after the value, "did you mean" on characters, and a label two controls share
told apart by the control's role. Arabic, without case: a label word in a sentence is a
word, unless a control word or "(" names it. Labels come from the catalogs
(``simulator.controls``), never written here."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.controls import CONTROLS
from walkthrough.steps import extract, grammar, verdicts
from walkthrough.steps.tokens import Lexicon
from walkthrough.steps.vocabulary import from_catalog


def label(key: str, lang: str) -> str:
    return CONTROLS[key].label(lang)


def judge(lang: str, step: str) -> verdicts.Verdict:
    """The verdict on ``step``, the one step of a small article in ``lang``."""
    text = (
        f"---\nms.contentlocale: {lang}\n---\n# T\n\n"
        f'## <a name="view-your-subscriptions"></a>T\n\n1. {step}\n'
    )
    found = extract.article(text, path=f"{lang}.md")
    (judged,) = extract.steps_by_line(found).values()
    rules = grammar.load(lang)
    assert rules is not None
    return verdicts.analyse(judged, rules, from_catalog(lang))


def codes(verdict: verdicts.Verdict) -> set[str]:
    return {f.code for f in verdict.findings}


def keys(verdict: verdicts.Verdict) -> list[str]:
    return [c.key for a in verdict.intent.actions for c in a.controls]


def test_a_japanese_label_in_brackets_inside_the_bold_is_the_label() -> None:
    save = label("action.save", "ja")
    verdict = judge("ja", f"**[{save}]** を選択します。")
    assert not verdict.flagged, verdict.findings
    assert keys(verdict) == ["action.save"]


def test_a_japanese_path_of_bracketed_labels_goes_there() -> None:
    billing, products = label("nav.billing", "ja"), label("nav.your_products", "ja")
    verdict = judge(
        "ja", f"管理センターで、**[{billing}]** > [**[{products}]**](x) ページの順に移動します。"
    )
    assert not verdict.flagged, verdict.findings
    assert verdict.intent.actions[0].kind == "go_to"
    assert keys(verdict) == ["nav.billing", "nav.your_products"]


def test_a_chinese_label_in_quotes_is_the_label() -> None:
    save = label("action.save", "zh")
    for written in (f"选择“**{save}**”。", f"选择**“{save}”**。"):
        verdict = judge("zh", written)
        assert not verdict.flagged, (written, verdict.findings)
        assert keys(verdict) == ["action.save"]


def test_the_japanese_value_comes_before_the_verb() -> None:
    total = label("field.total_licenses", "ja")
    verdict = judge("ja", f"**[{total}]** ボックスに、「105」と入力します。")
    assert verdict.intent.values == ("105",)


def test_the_chinese_value_follows_the_verb_without_a_space() -> None:
    total = label("field.total_licenses", "zh")
    verdict = judge("zh", f"在“**{total}**”框中，输入105。")
    assert verdict.intent.values == ("105",)


@pytest.mark.parametrize("lang", ["ja", "zh"])
def test_a_label_two_controls_share_is_the_one_whose_role_the_step_names(lang: str) -> None:
    shared = label("tab.payment_methods", lang)
    assert shared == label("section.payment_method", lang)  # the catalogs' fact
    tab_word = {"ja": "タブ", "zh": "选项卡"}[lang]
    on_tab = judge(lang, f"**[{shared}]** {tab_word}で、一覧から選択します。")
    assert keys(on_tab) == ["tab.payment_methods"]
    under = judge(lang, f"**[{shared}]** で、次のいずれかを選択します。")
    assert keys(under) == ["section.payment_method"]


def test_a_label_inside_a_japanese_sentence_is_a_word_unless_marked() -> None:
    licenses, save = label("nav.licenses", "ja"), label("action.save", "ja")
    plain = judge("ja", f"{licenses}数を変更するサブスクリプションを選択します。")
    assert "label-not-bold" not in codes(plain)
    marked = judge("ja", f"[{save}] を **選択します**。")
    assert "label-not-bold" in codes(marked)


def test_did_you_mean_works_on_characters() -> None:
    assign = label("action.assign_licenses", "ja")
    broken = assign.replace("の", "")  # ライセンスの割り当て -> ライセンス割り当て
    verdict = judge("ja", f"**[{broken}]** を選択します。")
    assert "label-unknown" in codes(verdict)
    assert any(f"**{assign}**" in (f.suggestion or "") for f in verdict.findings)


def test_a_verb_inside_the_bold_is_found_at_the_labels_boundary() -> None:
    assign = label("action.assign", "ja")
    verdict = judge("ja", f"**{assign}を選択します**。")
    assert "bold-verb" in codes(verdict)
    assert keys(verdict) == ["action.assign"]


PHRASES = st.lists(st.sampled_from(["課金", "保存", "を選択します", "タブ", "で"]), max_size=6)


@given(pieces=PHRASES, noise=st.text(alphabet="あいう漢字", max_size=3))
def test_cutting_keeps_every_character_in_order(pieces: list[str], noise: str) -> None:
    lexicon = Lexicon.of(["課金", "保存", "を選択します", "を選択", "タブ", "で"])
    word = noise + "".join(pieces) + noise or "で"
    cut = lexicon.cut(word)
    assert "".join(cut) == word
    assert all(cut)


def test_the_longest_phrase_wins() -> None:
    lexicon = Lexicon.of(["ライセンス", "ライセンスの購入", "を選択します", "を"])
    assert lexicon.cut("ライセンスの購入を選択します") == ["ライセンスの購入", "を選択します"]


def test_latin_words_are_not_cut() -> None:
    assert Lexicon.of(["保存"]).cut("Billing") == ["Billing"]


def test_an_arabic_label_word_in_a_sentence_is_a_word() -> None:
    billing = label("nav.billing", "ar")
    verdict = judge("ar", f"حدد ملف تعريف {billing} من القائمة.")
    assert "label-not-bold" not in codes(verdict)


def test_an_arabic_label_in_parentheses_or_after_a_control_word_is_a_label() -> None:
    more, products = label("action.more_actions", "ar"), label("tab.products", "ar")
    assert "label-not-bold" in codes(judge("ar", f"حدد النقاط الثلاث ({more})."))
    assert "label-not-bold" in codes(judge("ar", f"على علامة التبويب {products}، اختر شيئًا."))
