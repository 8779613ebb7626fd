"""Speech acts: who says a reporting verb, and what kind of act it is.

Two general rules of English news language, with their words as data in
``ontology/triggers.ttl``:

- A reporting verb ("said", "told", "added": ``kg:datedTrigger``) is a speech act of its own
  where a speaker stands right before it as its subject (an actor's name, a capitalised
  name, or a noun of office, ``kg:speakerNoun``: "the ministry", "a spokesperson",
  "officials") and it opens its complement ("the ministry said the launch ..."). It is none
  after a pronoun ("she said": the act told before goes on), in the passive ("is said to"),
  or closing or interrupting its complement ("..., the ministry said." and "which, the
  ministry said, flew ...": the source of the sentence's facts).
- A neutral speech act (``kg:neutralSpeech``: "said", "a statement", "called X a Y") is typed
  by its complement, the rest of its sentence up to the next speech act: the class of the
  cue (``kg:complementCue``) nearest the trigger ("said the launches violated UN
  resolutions": an accusation; "called the report a fabrication": a denial). A verb that
  types the act itself ("accused", "denied", "condemned") keeps its class; any other act
  drafted as a neutral act's class is typed so too ("warned that an attack would meet a
  resolute response": a threat; "vowed to work closely with": a pledge).
- Once the roles and the status of every event are drafted, a neutral speech act is typed
  by the acts told in its complement (:func:`type_by_content`): a harm its speaker's own side
  will or would do (a class with ``kg:draftWhenThreatened``: "said Pyongyang would sever ties
  with Seoul") makes it a threat; a wrong another side did (``kg:draftWhenAlleged``: "said
  Russia had bought rockets from the North") an accusation. The speaker's side is the actor
  and those it belongs to (the gazetteer's ``of``).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from kg.annotate.morph import Morphology
from kg.annotate.text import Span, modal_pattern

__all__ = ["DOCUMENTS", "PRONOUNS", "after_pronoun", "bare_gerund", "be_to_blame", "no_object",
           "opens_complement", "passive", "question",
           "proper_names", "speaker_before",
           "one_act", "own_harms", "type_by_complement", "type_by_content"]

# subjects that continue the act told before ("he said", "it added")
PRONOUNS = frozenset("""i we you he she it they this that which who what one""".split())
# words that may stand between a subject and its reporting verb ("the ministry also said",
# "officials have repeatedly said")
_BETWEEN = frozenset("""also again later then separately previously earlier further once
has have had already still now first soon just twice both all""".split())
PARENTHETICAL = 14  # words a parenthetical between a speaker and its verb may hold
_PASSIVE = frozenset("""be is are was were been being""".split())


# words an attribution after the words it reports may still carry before its sentence ends
# ("..., the ministry said on Tuesday, 4 October.", "..., officials told reporters in Seoul
# late on Friday."): times, channels, audiences; names and numbers pass too
_TAIL = frozenset("""on in at during by from to of for with late early earlier later last
this overnight yesterday today tonight morning afternoon evening night week weekend month
year local time a an the its his her their statement statements briefing briefings
interview interviews conference news press reporters journalists lawmakers website radio
television broadcast message telephone phone call meeting session speech remarks
a.m p.m am pm released issued published carried posted next day days same following
previous prior then hours minutes him her them us me host hosts audience regular daily weekly
parliamentary""".split())
# abbreviations written with a point that ends no sentence ("on Sept. 8 that ...")
_ABBREVIATIONS = frozenset("""jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed
thu thur thurs fri sat sun mr mrs ms dr gen lt col maj capt sgt adm gov sen rep st no vs""".split())
# participles that go on with the attribution ("..., an official said, adding that ...")
GOES_ON = frozenset("""adding citing noting saying stressing warning according calling
describing urging""".split())


def opens_complement(toks, i: int, end: int) -> bool:
    """The reporting verb ending at token ``end`` is followed by its complement before its
    sentence ends: not by the end of the sentence or a comma ("..., officials said." /
    "which, the ministry said, flew"), nor only by a time, a channel or an audience
    ("..., the ministry said on Tuesday.", "..., he told reporters in a briefing."; an
    attribution after the words it reports, the codebook: no act of its own)."""
    if end + 2 < len(toks) and toks[end + 1].text == ":":
        return True  # "told reporters: ...": what it reports follows
    if end + 1 < len(toks) and toks[end + 1].text == ",":
        return _cited_then_that(toks, end + 1)
    if end + 1 >= len(toks) or not toks[end + 1].text[0].isalnum():
        return False
    if question(toks, i, end):
        return False
    for k in range(end + 1, len(toks)):
        tok = toks[k]
        prev = toks[k - 1]
        if tok.text == "." and prev.end == tok.start and ("." in prev.text
                                                           or len(prev.text) == 1
                                                           or prev.lower in _ABBREVIATIONS):
            continue  # "U.S.", "a.m.", "on Sept. 8": an abbreviation's point
        if tok.text == ":":
            return k + 1 < len(toks)  # "told reporters: ...": what it reports follows
        if tok.text in ".;!?":
            return False
        w = tok.lower
        if w in GOES_ON:
            return False
        if tok.text[0].isalnum() and not (w in _TAIL or tok.text[0].isdigit()
                                          or tok.text[0].isupper()):
            return True
    return False


# words that open a source cited between a reporting verb and what it reports ("reported,
# citing two officials, that ...", "said, quoting a defector, that ...")
_CITING = frozenset("""citing quoting""".split())


def _cited_then_that(toks, comma: int) -> bool:
    """The comma at token ``comma`` after a reporting verb opens the source it cites, and
    "that" after the source's closing comma opens what it reports ("The Block reported,
    citing two people with knowledge of the matter, that ...")."""
    if comma + 1 >= len(toks) or toks[comma + 1].lower not in _CITING:
        return False
    for k in range(comma + 2, min(len(toks) - 1, comma + 2 + PARENTHETICAL)):
        if toks[k].text in ".;!?:":
            return False
        if toks[k].text == ",":
            return toks[k + 1].lower == "that"
    return False


# forms of "ask", and the words that open what a question asks ("asked whether", "asking what
# the military had been doing", "reporters asked about them", "asked him if")
_ASK = frozenset("""ask asks asked asking""".split())
_QUESTION_WORDS = frozenset("""whether if what why how when where who whom which about""".split())
QUESTION_REACH = 4  # words of the addressee between "asked" and the question word


def question(toks, i: int, end: int) -> bool:
    """The one-word verb at token ``i`` puts a question: a form of "ask" whose object is a
    question ("asked whether", "asking what ...", "asked the minister about the launch"),
    not a request ("asked Pyongyang to return to talks"), and "Asked" opening a sentence
    ("Asked in parliament, he said"). A question asserts nothing (the codebook: no event, no
    claim; the answer is the speech)."""
    if end != i or toks[i].lower not in _ASK:
        return False
    if toks[i].text == "Asked" and (i == 0 or toks[i - 1].text in (".", "!", "?", '"', "\u201d")):
        return True  # "Asked in parliament the same day, he said ...": put to the subject
    for k in range(i + 1, min(len(toks), i + 2 + QUESTION_REACH)):
        w = toks[k].lower
        if w in _QUESTION_WORDS:
            return True
        if w in ("to", "that", "for") or not toks[k].text[0].isalnum():
            return False
    return False


def _before_adverbs(toks, i: int) -> int:
    """The index of the token before token ``i``, past the adverbs between ("it also
    said": the pronoun's): words of :data:`_BETWEEN` and lower-case words in -ly; -1 at
    the start."""
    j = i - 1
    while j >= 0 and (toks[j].lower in _BETWEEN or (toks[j].lower.endswith("ly")
                                                  and toks[j].text.islower())):
        j -= 1
    return j


# nouns of documents and of statements already told: as the subject of a reporting verb ("the
# paper says", "which the white paper calls an aggressor", "the joint statement said") they
# are no speaker of an act of their own (the codebook: a document as the speaker is no speech
# event, what it says is claims of the body that issued it; a statement's words go on with
# the one statement)
DOCUMENTS = frozenset("""paper book report resolution document study strategy advisory law
text draft treaty agreement accord charter doctrine guideline guidelines statement
communique communiqué declaration letter""".split())
_DETERMINED = frozenset("""the this that its their his her our same new latest annual joint
white""".split())


def after_pronoun(toks, i: int, end: int | None = None) -> bool:
    """A pronoun is the subject right before the verb at token ``i`` ("she said", "it also
    said", "what it called"): the act told before goes on, or a name is only quoted; not
    where the phrase ending at token ``end`` names its own act ("it said in a statement",
    "he told reporters"). So is a document or a statement named with a determiner
    (:data:`DOCUMENTS`: "the paper says", "which the joint statement said would ...", "the
    same book again calls Japan a"): the words are its issuer's claims, no act of their
    own (the codebook, a document as the speaker)."""
    if end is not None and end > i and toks[end].lower not in ("a", "an", "as"):
        return False
    j = _before_adverbs(toks, i)
    if j >= 0 and toks[j].lower in PRONOUNS:
        return True
    return j >= 1 and toks[j].lower in DOCUMENTS and toks[j - 1].lower in _DETERMINED


_RELATIVE = frozenset({"which", "what"})


def _relative_subject(toks, j: int, most: int = 8) -> bool:
    """The words ending at token ``j`` are the subject of a relative clause that opens with
    "which" or "what" ("the Amnok River, which China calls the Yalu", "what North Korea's
    state media call"): a verb of naming in the present there gives a name in use. At most
    ``most`` tokens of a name or a noun phrase (the apostrophe of "'s" included), no other
    punctuation mark."""
    for k in range(j, max(j - most, -1), -1):
        if toks[k].lower in _RELATIVE:
            return k < j
        if not (toks[k].text[:1].isalnum() or toks[k].text in ("'", "’")):
            return False
    return False


# words after which an -ing form of a speech verb is a noun with nothing it governs ("with
# little warning.", "a strong warning to", "missile warning and tracking drills")
_NO_COMPLEMENT = frozenset("""and or but than to from for in at on with by as nor""".split())
# quantifiers and adjectives that make an -ing form a noun ("little warning", "less warning")
_NOUN_BEFORE = frozenset("""little less least more most much no any enough advance early prior
strong stern clear final further fresh last new""".split())


def bare_gerund(toks, i: int, end: int) -> bool:
    """The one-word speech verb at token ``i`` is an -ing form used as a noun with no object
    or complement of its own: after a quantifier or an adjective of :data:`_NOUN_BEFORE`
    ("could come with little warning", "sent a strong warning"), or followed by the end of
    its clause or a word of :data:`_NO_COMPLEMENT` ("a tit-for-tat warning.", "missile
    warning and tracking drills"): no speech act told ("warning that ...", "warning of
    consequences", "warning the North" are)."""
    if end != i or not toks[i].lower.endswith("ing"):
        return False
    if i > 0 and toks[i - 1].lower in _NOUN_BEFORE:
        return True
    return i + 1 >= len(toks) or not toks[i + 1].text[0].isalnum() or \
        toks[i + 1].lower in _NO_COMPLEMENT


def passive(toks, i: int) -> bool:
    """A form of "be" right before the verb at token ``i`` (an adverb between at most):
    "residents were told to take shelter", "no case has been reported": a passive, whose
    subject is no speaker (:func:`speaker_before` asks the same of the speaker's place)."""
    j = _before_adverbs(toks, i)
    return j >= 0 and toks[j].lower in _PASSIVE


def be_to_blame(toks, i: int, end: int) -> bool:
    """The one-word verb at token ``i`` is "blame" in the idiom "be to blame" ("the North's
    development was to blame for the tensions", "Seoul is partly to blame"): a predicate,
    whose subject is held responsible by the sentence's speaker, not an act of blaming of
    its own; the reporting verb that tells it is the accusation (the complement cue "to
    blame", the codebook: a neutral verb whose content blames something on another)."""
    if end != i or toks[i].lower != "blame" or i < 2 or toks[i - 1].lower != "to":
        return False
    return passive(toks, i - 1)


def no_object(toks, i: int, end: int) -> bool:
    """A verb of judgement with "as" right after it ("the missile, described as new"; "what
    was labelled as a test"): a passive or a participle, no one's act told."""
    return end == i + 1 and toks[end].lower == "as"


def proper_names(text: str, sents: list[tuple[int, int]]) -> frozenset[str]:
    """The words ``text`` writes as names: capitalised where they do not open a sentence
    ("Defence Minister Lee Jong-sup", "Spokesman Ned Price"), and never in lower case
    anywhere in it. A sentence that opens with such a word opens with a name ("Lee said
    ...", "Price said ..."), though the word may be a common noun or verb too."""
    starts = {a for a, _b in sents}
    upper: set[str] = set()
    lower: set[str] = set()
    for m in re.finditer(r"(?<![\w'’-])[A-Za-z][a-z]+(?![\w'’-])", text):
        w = m.group()
        if w[0].islower():
            lower.add(w)
        elif m.start() not in starts and not re.search(r"(?:^|[.!?:;\n\"“”‘(-])\s*$",
                                                        text[max(0, m.start() - 3):m.start()]):
            upper.add(w)
    return frozenset(w for w in upper if w.lower() not in lower)


def speaker_before(toks, i: int, actor_ends: set[int], nouns: frozenset[str],
                   morph: Morphology, sentence_start: int,
                   source_ends: frozenset[int] | set[int] = frozenset(),
                   names: frozenset[str] = frozenset()) -> bool:
    """A speaker stands right before the verb at token ``i`` as its subject: an actor's
    name ending there (``actor_ends``: end offsets of actor mentions), a noun of office
    (``nouns``, any form: "officials", "the ministry's spokeswoman"), or a capitalised name
    that is no pronoun ("Prime Minister Jane Doe said"); not the name of an actor that
    reports facts (``source_ends``: the armed forces, ``kg:draftSourceClass``). The first
    word of its sentence is a name only where it can be no common word, or where the text
    writes it as a name elsewhere (``names``, :func:`proper_names`: "Lee said ..." after
    "Defence Minister Lee Jong-sup")."""
    j = _before_adverbs(toks, i)
    if j > 0 and toks[j].text == ",":
        # a parenthetical between the speaker and the verb ("Kim, who guided the test,
        # said"; "the council, meeting in emergency session, said")
        k = next((k for k in range(j - 2, max(-1, j - PARENTHETICAL), -1)
                  if toks[k].text == "," or toks[k].start < sentence_start), None)
        if k is None or toks[k].text != ",":
            return False
        j = k - 1
    if j > 2 and toks[j].text == ")" and toks[j - 2].text == "(" and _acronym(toks[j - 1].text):
        j -= 3  # "the Joint Chiefs of Staff (JCS) said": the name its abbreviation follows
    if j < 0 or toks[j].start < sentence_start or not toks[j].text[0].isalnum():
        return False
    w = toks[j]
    if w.lower in PRONOUNS or w.lower in _PASSIVE or w.end in source_ends:
        return False
    if toks[i].lower in ("call", "calls") and _relative_subject(toks, j):
        return False  # "which China calls the Yalu": a name it uses, no act told ("which
        # the agency called the most powerful": its report)
    if j >= 2 and toks[j - 1].lower in ("in", "from") and morph.lemmas(toks[j - 2].text) & {
            "source"}:
        return False  # "a source in China": a place alone says whom no one speaks for
    if w.end in actor_ends:
        return True
    if morph.lemmas(w.text) & nouns:
        return not (morph.lemmas(w.text) & UNNAMED) or _affiliated(toks, j, actor_ends, nouns,
                                                                   morph, sentence_start)
    # a capitalised name: not the first word of its sentence unless it can be no common word
    if w.text[0].isupper() and w.lower not in PRONOUNS:
        return w.start > sentence_start or w.text in names or _acronym(w.text) or \
            not morph.is_word(w.lower)
    return False


def _acronym(word: str) -> bool:
    """``word`` is written in capitals, as only a name is ("KBS", "KCNA", "NHK"): it may open
    its sentence as the speaker though no other sentence writes it."""
    return len(word) > 1 and word.isalpha() and word.isupper()


# nouns of unnamed speakers: a speaker only where their phrase says whom they speak for
# ("Japanese officials", "a senior U.S. official", "a ministry official"; not bare
# "officials said": the codebook)
UNNAMED = frozenset("""official officer diplomat source""".split())
# words between an unnamed speaker's noun and what names whom it speaks for
_UNNAMED_MODIFIERS = frozenset("""a an the some two three several many other senior top
unnamed anonymous high-ranking ranking former current""".split())


# lower-case words naming an unnamed speaker's field that may stand between the noun and
# whom it speaks for ("a U.S. defence official", "a senior Japanese foreign ministry
# official"): at most this many, none a clause word or a conjunction
_FIELD_WORDS = 2
_JOINERS = frozenset("""and or but nor as than like with of for by in on at from""".split())


def _affiliated(toks, j: int, actor_ends, nouns: frozenset[str], morph: Morphology,
                sentence_start: int) -> bool:
    """The unnamed speaker's noun at token ``j`` says whom it speaks for: an actor's name, a
    capitalised word ("Japanese", "U.S.", "Treasury") or a noun of office ("ministry",
    "military") before it."""
    k, field = j - 1, 0
    while k >= 0 and toks[k].start >= sentence_start:
        t = toks[k]
        if t.lower in _UNNAMED_MODIFIERS or (
                t.text == "." and k > 0 and toks[k - 1].end == t.start):
            k -= 1  # "a senior U.S. official": the abbreviation's point too
        elif field < _FIELD_WORDS and t.text.isalpha() and t.text.islower() and \
                t.lower not in _CLAUSE_WORDS and t.lower not in _JOINERS and \
                t.end not in actor_ends and not morph.lemmas(t.text) & (nouns - UNNAMED):
            k, field = k - 1, field + 1  # "a U.S. defence official": the field of the office
        else:
            break
    if k < 0 or toks[k].start < sentence_start or not toks[k].text[0].isalnum():
        return False
    w = toks[k]
    return w.end in actor_ends or bool(morph.lemmas(w.text) & (nouns - UNNAMED)) or (
        w.text[0].isupper() and w.start > sentence_start)


# prepositions whose object a cue can be without being said of anything ("a united position
# on a serious violation", "the debate over breaches"); "in" opens the cues themselves ("in
# violation of")
_ARGUMENT_OF = frozenset("""on about over for against into with at to from by of under
without toward towards regarding concerning""".split())
_CLAUSE_WORDS = frozenset("""be is are was were been being am have has had do does did will
would shall should can could may might must that which who it they he she we""".split())


# verbs of trying or acting whose "to"-infinitive tells what the actor did or set out to do
# ("acted to evade", "tried to conceal", "continued to violate"; not "would not allow it to
# evade", "urged it not to violate": a demand), and verbs of vowing, whose infinitive is what
# the speaker sets out to do ("vowed to meet threats with force")
_ATTEMPT = frozenset("""try attempt seek act conspire scheme plot work move use aim continue
keep manage vow pledge promise swear threaten""".split())


def _in_argument(text: str, start: int, morph: Morphology | None = None) -> bool:
    """The cue at ``start`` heads a noun phrase that is the object of a preposition: one of
    :data:`_ARGUMENT_OF` within the three words before it, with no verb, auxiliary or
    clause word between ("a position on a serious violation"; not "it would be a
    violation"); never a cue that opens with an auxiliary or a modal, a verb phrase ("a
    test by the North would be met with ..."), nor, with ``morph``, a verb in its base form
    after "to" and a verb of :data:`_ATTEMPT`: an infinitive, what the actor did or tried to
    do ("said the men had acted to evade sanctions", "trying to conceal")."""
    first = re.match(r"[\w'’-]+", text[start:])
    if first and first.group().lower() in _CLAUSE_WORDS:
        return False
    words = re.findall(r"[\w'’-]+|[^\w\s]", text[max(0, start - 80):start])
    if morph is not None and first and len(words) > 1 and words[-1].lower() == "to" and \
            morph.can_be_verb(first.group()) and first.group().lower() in morph.lemmas(
                first.group()) and morph.lemmas(words[-2]) & _ATTEMPT:
        return False
    for w in reversed(words[-3:]):
        w = w.lower()
        if w in _ARGUMENT_OF:
            return True
        if w in _CLAUSE_WORDS or not w[0].isalnum():
            return False
    return False


# prepositions whose object is what a speech act is about ("expressed concern about the
# North's violations", "protested over the breach")
_ABOUT = frozenset("""about over at regarding concerning""".split())


def _own_argument(text: str, span: Span, cue: Span) -> bool:
    """The cue heads the object of a preposition right after the speech act's own words
    ("expressed concern about the North's violations": the violations are what the concern
    is about, so the act says the cue), up to three words between the preposition and it."""
    words = re.findall(r"[\w'’.-]+|[^\w\s]", text[span.end:cue.start])
    return 1 <= len(words) <= 4 and words[0].lower() in _ABOUT and all(
        w[0].isalnum() for w in words)


def _told_on(text: str, sent: tuple[int, int], sents: list[tuple[int, int]],
             going_on: frozenset[str]) -> int:
    """Where the statement told in ``sent`` ends: the end of the last of the sentences right
    after it that a pronoun and a verb of ``going_on`` carry ("..., she said, and ...",
    "He added that ..."; the codebook: a pronoun going on with a statement is the same
    statement), else of ``sent`` itself."""
    end = sent[1]
    if not going_on:
        return end
    later = [s for s in sents if s[0] >= sent[1]]
    for a, b in later:
        words = re.findall(r"[\w'’]+", text[a:b].lower())
        if not any(w in PRONOUNS and w not in ("that", "which", "this", "what", "who", "one")
                   and _verb_after(words, k, going_on) for k, w in enumerate(words)):
            break
        end = b
    return end


def _verb_after(words: list[str], k: int, verbs: frozenset[str]) -> bool:
    """A verb of ``verbs`` follows the word at ``k``, adverbs of :data:`_BETWEEN` between."""
    j = k + 1
    while j < len(words) and words[j] in _BETWEEN:
        j += 1
    return j < len(words) and words[j] in verbs


NOMINAL_REACH = 60  # characters from a nominal speech act to the verb that tells it


# a modal or a negation between a reporting verb and the speech act it reports: the act is
# demanded, promised or denied, not told ("said the North must apologise", "said it would
# protest"): the report is an act of its own
_MODAL_BETWEEN = modal_pattern("not", "never", "n't", flags=re.IGNORECASE)


def one_act(text: str, spans: list[Span], neutral: set[Span], speech: frozenset[str],
            morph: Morphology, framed: set[Span] | None = None,
            cues: list[Span] | None = None) -> list[Span]:
    """``spans`` without the neutral speech acts that tell no act of their own (the verbs a
    statement noun frames are added to ``framed``: an act told as one, date or not):

    - a nominal one ("statement") framing a speech verb told right after it in its clause
      ("In a statement on Friday the ministry said ...", "Her statement denounced ...");
    - a reporting verb whose complement opens with a speech act of a kind ("His office said
      he condemned the launch", "officials said she had berated the minister"): the act
      reported is the act; not where "and" joins the two and the first one's own words
      hold a complement cue (``cues``) of a class other than the second's: "called the
      launch a provocation and promised a stern response" tells two acts of two classes (the
      codebook: an accusation and a threat); nor where the second act's subject is named,
      no pronoun ("told reporters that the two sides had agreed to meet": the act of
      others, reported; DEV, rules alone: 25 more events right of 49 more drafted);
    - a reporting verb going on from a speech act of its sentence after "and" or a comma
      ("condemned the launch and said ...", "denied it, saying ..."): the same act.
    """
    ordered = sorted(spans, key=lambda s: s.start)
    drop = set()
    for k, span in enumerate(ordered):
        if span not in neutral:
            continue
        word = text[span.start:span.end]
        first = word.split()[0]
        if " " not in word and not morph.can_be_verb(word):
            nxt = next((t for t in ordered[k + 1:] if t.key in speech), None)
            if nxt is not None and nxt.start - span.end <= NOMINAL_REACH and \
                    not re.search(r"[.;:!?]", text[span.end:nxt.start]) and \
                    morph.can_be_verb(text[nxt.start:nxt.end].split()[0]):
                drop.add(span)
                if framed is not None:
                    framed.add(nxt)
            continue
        if not morph.can_be_verb(first):
            continue
        nxt = ordered[k + 1] if k + 1 < len(ordered) else None
        if nxt is not None and nxt.key in speech and nxt not in neutral and \
                nxt.start - span.end <= NOMINAL_REACH and \
                not re.search(r"[.;:!?]", text[span.end:nxt.start]) and \
                morph.can_be_verb(text[nxt.start:nxt.end].split()[0]) and \
                not _MODAL_BETWEEN.search(text, span.end, nxt.start) and \
                not _other_subject(text[span.end:nxt.start]) and not (
                    re.search(r"\band\s+(?:also\s+|then\s+)?$", text[span.end:nxt.start])
                    and any(span.end <= c.start and c.end <= nxt.start and c.key != nxt.key
                            and not _in_argument(text, c.start, morph)
                            for c in cues or ())):
            drop.add(span)
            continue
        prev = next((t for t in reversed(ordered[:k]) if t.key in speech), None)
        between = text[prev.end:span.start] if prev is not None else "\n"
        if not re.search(r"[.;:!?]\s|\n", between) and (
                re.search(r"\band\s+(?:also\s+)?$", between)
                or (first.lower().endswith("ing") and re.search(r",\s*$", between))):
            drop.add(span)
    return [s for s in spans if s not in drop]


# words between a subject and its verb: those a speaker's may hold, auxiliaries, modals
_AUX = _BETWEEN | _PASSIVE | frozenset("""would will could might may should""".split())


def _other_subject(between: str) -> bool:
    """The words between a reporting verb and the speech act its complement opens with end
    in a subject that is no pronoun ("told reporters that the two sides had agreed"): the
    act of others, reported. The words before the act are skipped as
    :func:`_before_adverbs` skips them, auxiliaries and modals too."""
    words = [w.lower() for w in re.findall(r"[\w'.-]+", between)]
    while words and (words[-1] in _AUX or words[-1].endswith("ly")):
        words.pop()
    return bool(words) and words[-1] not in PRONOUNS


def type_by_complement(text: str, spans: list[Span], neutral: set[Span],
                       cues: list[Span], speech: frozenset[str],
                       sentences: list[tuple[int, int]], morph: Morphology,
                       rank: dict[str, int] | None = None,
                       going_on: frozenset[str] = frozenset(),
                       commissive: frozenset[str] = frozenset(),
                       why: dict[tuple[int, int], tuple[str, list[Span]]] | None = None,
                       ) -> list[Span]:
    """``spans`` with each neutral speech act (in ``neutral``) retyped by a complement cue
    (``cues``: spans keyed by class) after it in its sentence, before the next speech act
    told by a verb (a span whose class is in ``speech``): the cue whose class ranks first
    in ``rank`` (class -> rank, the codebook's order of specific speech acts: a threat
    before an accusation), the nearest among equals; a cue that is the object of a
    preposition ("a position on a violation") is said of nothing and skipped. A sentence
    right after the act's that a pronoun and a verb of ``going_on`` carry ("..., she said",
    "He added that ...") goes on with the same act (the codebook: one statement, one event,
    of the class its most specific part earns), so its cues count too, up to the next act.
    A verb of promise (``commissive``, lemmas) after "and" ends the complement: "called the
    launch a provocation and promised a stern response" tells a second act. ``why``, when
    given, gets for each act retyped by a cue its (start, end) -> its class before and the
    cues of its complement in the order they are chosen: :func:`own_harms` may set a cue
    aside once the roles are drafted."""
    from kg.annotate.text import sentence_of

    free = {c for c in cues if not _in_argument(text, c.start, morph)}
    by_start = sorted(cues, key=lambda c: c.start)  # stable: among equals, as given
    cue_starts = [c.start for c in by_start]
    out: list[Span] = []
    ordered = sorted(spans, key=lambda s: s.start)
    told = [t.start for t in ordered if t.key in speech
            and morph.can_be_verb(text[t.start:t.end].split()[0])]  # acts told by a verb
    first_at: dict[int, Span] = {}
    for t in ordered:
        first_at.setdefault(t.start, t)
    nxt = {}
    for s in neutral:  # the next act told by a verb
        i = bisect_left(told, s.end)
        nxt[s] = told[i] if i < len(told) else len(text)
    for span in spans:
        if span not in neutral:
            out.append(span)
            continue
        sent = sentence_of(sentences, span.start) or (0, len(text))
        stop = min(_told_on(text, sent, sentences, going_on), nxt[span])
        for m in re.finditer(r"\band\s+(?:also\s+|then\s+)?([A-Za-z]+)", text[span.end:stop]):
            if morph.lemmas(m.group(1)) & commissive:
                stop = span.end + m.start()
                break
        said = sorted((c for c in by_start[bisect_left(cue_starts, span.end):
                                           bisect_left(cue_starts, stop)]
                       if c.end <= stop and (c in free or _own_argument(text, span, c))),
                      key=lambda c: ((rank or {}).get(c.key, len(rank or {}) + 1), c.start))
        hit = said[0] if said else None
        if hit is not None and why is not None and hit.key != span.key:
            why[(span.start, span.end)] = (span.key, said)
        if hit is None and nxt[span] < sent[1]:
            # "said the drills were routine and accused the rival of ...": one statement,
            # the class of the act its second verb names (the codebook)
            later = first_at[nxt[span]]
            if later not in neutral and re.search(r"\band\s+(?:also\s+|then\s+)?$",
                                                  text[span.end:later.start]) and \
                    not re.search(r"[.;:!?]", text[span.end:later.start]):
                hit = later
        out.append(Span(span.start, span.end, hit.key) if hit else span)
    return out


# words that open a condition: an act told after one of them in its clause is what the
# threatened side might do, not the threat ("would be wiped out if they attempted a strike")
_CONDITION = re.compile(r"\b(?:if|unless|once|whenever|in case|in the event)\b", re.I)
# words after an act's noun that make it the subject of its clause: the act is talked about,
# not promised ("said further sanctions would only escalate confrontation")
_SUBJECT_OF = frozenset("""would will could can may might should must shall is are was were
has have had""".split())


def _ids(value) -> list[str]:
    return [] if not value else [value] if isinstance(value, str) else list(value)


def _side(ids, owner: dict[str, str | None]) -> set[str]:
    """The actors ``ids`` and those they belong to (``owner``: an actor's id -> its owner's,
    the gazetteer's ``of``: a ministry's state, a leader's), all the way up."""
    out: set[str] = set()
    for a in ids:
        while a and a not in out:
            out.add(a)
            a = owner.get(a) or ""
    return out


def _conditional(text: str, start: int, end: int) -> bool:
    """The act at ``end`` stands in a condition opened after ``start``: "if", "unless" ...
    with no comma between it and the act ("warned that they would be wiped out if they
    attempted a strike"; not "if they attack, it will retaliate")."""
    last = None
    for m in _CONDITION.finditer(text, start, end):
        last = m
    return last is not None and "," not in text[last.end():end]


def type_by_content(text: str, events: list[dict], triggers: list[Span],
                    sentences: list[tuple[int, int]], *, neutral: frozenset[str],
                    typable: frozenset[str], speech: frozenset[str],
                    threatened: dict[str, str], alleged: dict[str, str],
                    rank: dict[str, int], owner: dict[str, str | None],
                    morph: Morphology) -> None:
    """Type each neutral speech act by the acts the drafter found in what it says (in place;
    ``events`` and ``triggers`` in step, the events with their roles and status drafted).

    What it says (its complement) runs from its trigger to the end of its sentence or to the
    next speech act told there (an event of a class of ``speech``). An act there of a class
    of ``threatened`` (a response, an attack, sanctions: ``kg:draftWhenThreatened``) told as
    still to come (status Hypothetical), whose agents are all of the speaker's own side (the
    same actor, or one it belongs to: ``owner``), not in a condition ("if they attack"), not
    the subject of its clause ("further sanctions would ..."), not the purpose of a thing
    ("a resolution to strengthen the sanctions") and not negated ("would not attack": a
    reassurance), makes it a threat: "said it
    would take countermeasures", "warned that Pyongyang would meet every hostile move with
    counteraction". An act of a class of ``alleged`` (arms traded, sanctions evaded, a hack,
    an intrusion: ``kg:draftWhenAlleged``) told as done (status Occurred) by actors none of
    whom is of the speaker's side makes it an accusation, the accused its target where it
    has none: "said Russia was buying rockets from the North". Acts told as not done ("had
    never sold weapons") are not Occurred: a denial stays one.

    Only an act drafted as a neutral class (``typable``: kg:neutralSpeech's) is typed so, or
    one of a ranked class (``rank``, the codebook's order, 1 first) whose trigger opens with a
    neutral word (``neutral``, lemmas: "said", "warned") where the new class ranks before it:
    a verb that names its own act ("accused", "denied") keeps its class. The speaker's side
    is the act's agents; an act with no agent drafted is left alone."""
    from kg.annotate.text import sentence_of

    order = sorted(zip(triggers, events, strict=True), key=lambda te: te[0].start)
    last_rank = len(rank) + 1
    for trig, ev in order:
        kind = ev["type"]
        first = text[trig.start:trig.end].split()[0]
        if kind not in typable and not (kind in rank and morph.lemmas(first) & neutral):
            continue
        speaker = _ids(ev.get("agent"))
        if not speaker:
            continue
        own = _side(speaker, owner)
        sent = sentence_of(sentences, trig.start) or (0, len(text))
        stop = next((t.start for t, e in order if trig.end <= t.start < sent[1]
                     and e["type"] in speech), sent[1])
        best: tuple[int, str, dict, bool] | None = None
        for t, e in order:
            if not trig.end <= t.start < stop:
                continue
            agents = _ids(e.get("agent"))
            if not agents:
                continue
            status = e.get("status")
            mine = [bool(_side([a], owner) & own) for a in agents]
            new, accused = None, False
            if e["type"] in threatened and status == "Hypothetical" and all(mine) and \
                    not _conditional(text, trig.end, t.start) and not _subject(text, t) \
                    and not _purpose(text, trig.end, t.start, morph) \
                    and not _negated(text, trig.end, t.start):
                new = threatened[e["type"]]
            elif e["type"] in alleged and status == "Occurred" and not any(mine):
                new, accused = alleged[e["type"]], True
            if new and (best is None or rank.get(new, last_rank) < best[0]):
                best = (rank.get(new, last_rank), new, e, accused)
        if best is None or best[0] >= rank.get(kind, last_rank + 1):
            continue
        _, new, content, accused = best
        ev["type"] = new
        if accused and not ev.get("target"):  # the accused (the codebook)
            ev["target"] = content["agent"]


# verbs whose subject undergoes what follows them ("the rival would face a strong response",
# "its drills would draw a stern response", "would pay a price"): the subject is the side
# threatened, not the doer of the harm
_UNDERGO = frozenset("""face pay risk suffer draw invite incur receive meet become get
provoke trigger prompt""".split())
# words that open a clause or stand between clauses: a name before one is not the subject of
# what follows ("told Washington that it would respond")
_CLAUSE_OPENERS = re.compile(
    r"[,;:()\"“”]|\b(?:that|if|unless|once|when|whenever|while|because|which|who|whether|as"
    r"|but|after|before|since|until)\b", re.I)
# prepositions before a name that make it no subject ("any attack on Seoul would be met")
_OBJECT_OF = frozenset("""on against to by of for from with at in into toward towards over
about""".split())
SUBJECT_REACH = 6  # words at most between a harm's subject and the words telling the harm


def harm_doers(text: str, start: int, cue: Span, actors: list[Span],
               morph: Morphology) -> list[str] | None:
    """The actors named as the subject of the harm told by ``cue`` in a statement's
    complement (which opens at ``start``): the actors' names (``actors``, spans keyed by
    id) in the cue's clause before it, none of them the object of a preposition, within
    :data:`SUBJECT_REACH` words ("said the US would react strongly": the United States).
    None where no doer is named ("said it would react strongly", "its army would ...") or
    where the subject undergoes the harm: a passive or a verb of :data:`_UNDERGO` between
    ("the rival would be held accountable", "would face a strong response")."""
    last = None
    for m in _CLAUSE_OPENERS.finditer(text, start, cue.start):
        last = m
    w0 = last.end() if last is not None else start
    named = [a for a in actors if w0 <= a.start and a.end <= cue.start and not (
        (words := re.findall(r"[\w'’-]+", text[w0:a.start].lower()))
        and (words[-1] in _OBJECT_OF or (len(words) > 1 and words[-1] == "the"
                                         and words[-2] in _OBJECT_OF)))]
    if not named:
        return None
    between = re.findall(r"[A-Za-z][\w'’-]*", text[max(a.end for a in named):cue.end])
    if len(re.findall(r"[A-Za-z][\w'’-]*", text[max(a.end for a in named):cue.start])) > \
            SUBJECT_REACH:
        return None
    if any(w.lower() in _PASSIVE or morph.lemmas(w) & _UNDERGO for w in between):
        return None
    return [a.key for a in named]


def own_harms(text: str, events: list[dict], triggers: list[Span],
              why: dict[tuple[int, int], tuple[str, list[Span]]], actors: list[Span], *,
              harmful: frozenset[str], owner: dict[str, str | None],
              morph: Morphology) -> None:
    """Set aside the cues of a harm (of a class of ``harmful``: the threats) that another
    side than the speaker's is told to do, in place (``events`` and ``triggers`` in step,
    the roles drafted): "North Korea said the US would react strongly" tells a harm the
    United States may do, a danger the speaker does not hold over anyone, not North Korea's
    threat (the codebook: a threat is a harm of the speaker's own). ``why`` is what
    :func:`type_by_complement` chose each act's class by: the act takes the class of the
    first of its cues left, else its class before. The doer is the subject named before the
    cue (:func:`harm_doers`); it is the speaker's own when it is the speaker or one the
    speaker belongs to, or the reverse (``owner``, the gazetteer's ``of``). An act with no
    speaker drafted, a speaker the gazetteer places nowhere (no ``of``, and nothing of it:
    whom a person with no ``of`` speaks for is unknown), and a cue whose doer is unnamed, are
    left alone."""
    placed = {o for o in owner.values() if o}
    for trig, ev in zip(triggers, events, strict=True):
        told = why.get((trig.start, trig.end))
        if told is None or ev["type"] != trig.key:
            continue
        speaker = _ids(ev.get("agent"))
        if not speaker:
            continue
        own = _side(speaker, owner)
        if len(own) == 1 and not own & placed:
            continue
        before, cues = told
        kind = before
        for cue in cues:
            if cue.key in harmful:
                doers = harm_doers(text, trig.end, cue, actors, morph)
                if doers is not None and not any(
                        _side([d], owner) & own or set(speaker) & _side([d], owner)
                        for d in doers):
                    continue
            kind = cue.key
            break
        ev["type"] = kind


def _subject(text: str, trig: Span) -> bool:
    """The act's noun is the subject of its clause: a modal or an auxiliary right after it
    ("further sanctions would only escalate")."""
    m = re.match(r"\s+([A-Za-z]+)", text[trig.end:])
    return m is not None and m.group(1).lower() in _SUBJECT_OF


def _purpose(text: str, start: int, at: int, morph: Morphology) -> bool:
    """The act at ``at`` is told as the purpose of a thing: a "to"-infinitive after a noun
    that is no verb, up to two words between "to" and the act ("would introduce a
    resolution to update and strengthen the sanctions", "a plan to impose sanctions": what
    a document or a plan is for, not what the speaker's side will do to another)."""
    words = re.findall(r"[\w'’-]+|[^\w\s]", text[start:at])
    tail = words[-4:]
    if "to" not in tail:
        return False
    k = len(words) - len(tail) + tail.index("to")
    if k == 0 or not all(w[0].isalnum() for w in words[k:]):
        return False
    noun = words[k - 1]
    return noun[0].isalpha() and morph.can_be_noun(noun) and not morph.can_be_verb(noun)


_NEGATIONS = frozenset("""not n't never no nor neither""".split())


def _negated(text: str, start: int, at: int) -> bool:
    """A negation stands among the four words before the act at ``at``, in its clause
    ("said it would not attack", "would never use force first")."""
    words = re.findall(r"n't|[\w'’-]+|[^\w\s]", text[start:at].lower())
    for w in reversed(words[-4:]):
        if not w[0].isalnum() and w != "n't":
            return False
        if w in _NEGATIONS or w.endswith("n't"):
            return True
    return False
