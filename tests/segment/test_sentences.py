"""Sentences keep their place in the article and are marked when they are not reported fact."""
from claimcheck.ingest.clean import clean_text
from claimcheck.records import Article
from claimcheck.segment.sentences import segment_article


def segment(nlp, text):
    blocks = clean_text(text)
    article = Article("a", "a.txt", "a", text, "h", blocks=blocks)
    return [s.sentence for s in segment_article(article, [nlp(b.text) for b in blocks])]


def test_offsets_and_lines_point_into_the_original_text(nlp):
    text = "Flood Warning Issued\nThe river rose two metres. Schools closed early.\n\nMore rain is due on Friday.\n"
    sentences = segment(nlp, text)
    assert [s.text for s in sentences] == [
        "Flood Warning Issued", "The river rose two metres.", "Schools closed early.", "More rain is due on Friday.",
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text
    assert [s.line for s in sentences] == [1, 2, 2, 4]


def test_headings_and_questions_are_not_facts(nlp):
    sentences = segment(nlp, "Rescue Work Goes On\nWill the dam hold? Engineers said it would.\n")
    assert [(s.text, s.role) for s in sentences] == [
        ("Rescue Work Goes On", "heading"),
        ("Will the dam hold?", "question"),
        ("Engineers said it would.", "fact"),
    ]


def test_an_interview_transcript_is_marked_to_the_end(nlp):
    text = (
        "The council met on Monday.\n"
        "Interview with a hydrologist\n"
        "Jane Roe (JR): How bad was it?\n"
        "Dr. Ito (DI): The worst in forty years.\n"
        "JR: Thank you.\n"
    )
    roles = [s.role for s in segment(nlp, text)]
    assert roles[0] == "fact"
    assert set(roles[1:]) == {"interview"}


def test_a_dateline_is_not_an_interview(nlp):
    sentences = segment(nlp, "LENFIELD: The river burst its banks on Sunday.\nAbout 600 homes were flooded.\n")
    assert {s.role for s in sentences} == {"fact"}


def test_list_items_are_claims_of_their_own(nlp):
    sentences = segment(nlp, "The council agreed to:\n- rebuild the bridge within a year\n- pay each household 500 euros\n")
    items = [s for s in sentences if s.list_item]
    assert [s.text for s in items] == ["rebuild the bridge within a year", "pay each household 500 euros"]
    assert all(s.is_fact for s in items)


def test_photo_caption_labels_are_not_speaker_turns(nlp):
    text = (
        "Top: Rescue boats on the flooded square in Lenfield on Monday.\n"
        "Bottom: A collapsed bridge near Ashby.\n"
        "At least 14 people died in the floods, officials said.\n"
    )
    assert {s.role for s in segment(nlp, text)} == {"fact"}


def test_two_labels_each_used_once_are_not_a_transcript(nlp):
    text = "LENFIELD: The river burst its banks on Sunday.\nASHBY: Schools stayed shut on Monday.\n"
    assert {s.role for s in segment(nlp, text)} == {"fact"}
