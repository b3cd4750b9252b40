"""Aligning tokens' phonemes with Piper's phoneme words (the model's output is stood in for by
PhonemeWords with known samples; the real model is exercised in test_word_times.py)."""

from __future__ import annotations

from voxpress.engines.piper_align import PhonemeWord, align, distance


def word(phonemes: str, start: int, per_phoneme: int = 100) -> PhonemeWord:
    return PhonemeWord(phonemes, tuple(start + k * per_phoneme for k in range(len(phonemes) + 1)))


def test_one_to_one() -> None:
    words = [word("ɹɛd", 0), word("ɡɹiːn", 1000)]
    assert align([("ɹɛd", 1), ("ɡɹiːn", 1)], words) == [(0, 300), (1000, 1500)]


def test_two_tokens_share_a_phoneme_word_split_at_their_phonemes() -> None:
    words = [word("aʊt", 0), word("ʌvðə", 1000), word("bluː", 2000)]
    placed = align([("aʊt", 1), ("ʌv", 1), ("ðə", 1), ("bluː", 1)], words)
    assert placed == [(0, 300), (1000, 1200), (1200, 1400), (2000, 2400)]


def test_a_token_of_several_words_and_punctuation() -> None:
    words = [word("naɪntiːn", 0), word("naɪnti", 1000), word("naɪn", 2000), word("ɡoʊl", 3000)]
    placed = align([("naɪntiːn naɪnti naɪn", 3), ("", 0), ("ɡoʊl", 1)], words)
    assert placed == [(0, 2400), None, (3000, 3400)]


def test_a_token_said_nothing_like_its_phonemes_is_left_untimed() -> None:
    words = [word("ɹɛd", 0), word("zzzzzz", 1000), word("bluː", 2000)]
    placed = align([("ɹɛd", 1), ("ɡɹiːn", 1), ("bluː", 1)], words)
    assert placed[0] == (0, 300) and placed[1] is None and placed[2] == (2000, 2400)


def test_distance() -> None:
    assert distance("abc", "abc") == 0.0
    assert distance("abc", "") == 1.0
    assert distance("kitten", "sitting") == 3 / 7
