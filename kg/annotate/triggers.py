"""Event triggers and role rules read from the ontology (``ontology/triggers.ttl``), and
the matcher that finds them in a text by lemma (:mod:`kg.annotate.morph`).

A trigger is a lemma phrase ("missile test", "come down"); a word of the text matches a
word of the phrase when one of the word's lemmas equals it, so "fired", "firing" and
"fires" all match "fire", and with lemminflect "flew" matches "fly" and "escalation"
matches "escalate". "…" in a phrase stands for up to :data:`GAP` words of the same clause
("fire … artillery" matches "fired about 100 artillery"). A lemma given with
``kg:verbTrigger`` counts only where it is used as a verb (not after a determiner or a
possessive: "saw the fire" is no launch). A noun trigger after a definite determiner
("the launch", "these probes") that repeats the type of an event drafted before it is read
as a reference back to that event, not as a new one. A launch is typed by what it launches
(``kg:draftInstrumentCue``): "fired a rocket carrying a satellite" is a space launch, and in a
story whose launches all named satellites, a later bare "it fired" or "the launch" is one too.
A launch or firing whose clause names what it was fired at or hit on the other side ("fired
missiles at Kharkiv", "rockets that hit a residential building") is force used against it
(``kg:draftStrikeClass``), not one fired "into the sea" or "in a test".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.annotate.date_grammar import MONTHS, WEEKDAYS, YEARS_COUNT
from kg.annotate.morph import Morphology
from kg.annotate.speech import (
    GOES_ON,
    after_pronoun,
    bare_gerund,
    be_to_blame,
    no_object,
    one_act,
    opens_complement,
    passive,
    type_by_complement,
)
from kg.annotate.text import Span, longest_first, sentence_start, sentences
from kg.namespace import KG

__all__ = ["Rules", "Trigger", "Token", "load_rules", "tokens", "find_triggers", "GAP",
           "find_lemma_phrases", "AUXILIARIES", "earlier_events"]

GAP = 4
# words a gap before an article never crosses: a preposition opening an adverbial ("called
# it reckless in a statement" is no "call … a"; "called the launch a provocation" is)
GAP_STOPS = frozenset({"in", "at", "on", "during", "after", "before", "with", "from", "by",
                       "since", "while", "when", "because", "although", "but"})
# closed-class words (lemminflect lists some of them as nouns)
FUNCTION_WORDS = frozenset("""that this these those which who whom whose what it its itself
they them themselves their he him his she her we us our you your i me my one ones there here
then than and or but nor so yet if as of at by for from in into on onto to with without
about above after against along among around before behind below beneath beside between
beyond during except inside near off out outside over past since through throughout toward
towards under until up upon within also only even just still not all any both each every
either neither some such no more most less least many much few other another""".split())
# auxiliaries and modals: matched as written, never through a lemma ("would" is no "will",
# "could" no "can": the cue lexicon gives them different modalities)
AUXILIARIES = frozenset("""be am is are was were been being have has had having do does did
will would shall should can could may might must ought""".split())
# adverbs a multiword cue may hold between its words ("have also shown", "is most likely")
_SKIPPABLE = frozenset("""also already now still just further even then thus so more most
very""".split())
# verbs whose complement is a judgement, not an event ("called the launch a provocation")
JUDGEMENT_VERBS = frozenset({"call", "describe", "label", "brand", "term", "deem", "consider",
                             "regard", "view", "characterize", "characterise", "denounce",
                             "condemn", "decry", "mean", "intend", "see", "portray",
                             "cast", "frame", "present", "interpret", "justify",
                             # irregular forms, for the rule morphology (no lemma tables)
                             "meant", "saw", "seen"})
_TOKEN = re.compile(r"\w+(?:[-.]\w+)*|[^\w\s]")
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his",
               "her", "our", "your", "my", "such", "any", "each", "every", "no", "another"}
DEFINITE = {"the", "this", "that", "these", "those"}
# words a noun phrase cannot run back over (a clause or phrase boundary)
_PHRASE_STOP = {"of", "in", "on", "at", "to", "by", "for", "from", "with", "into", "over",
                "and", "or", "but", "after", "before", "as", "than", "against", "toward",
                "towards", "near", "during", "since", "while", "when", "which", "who"}


# prepositions after which a bare verb form is a noun ("a sea of fire", "under fire"); "to"
# opens an infinitive ("to fire")
_NOUN_PREPOSITIONS = frozenset("""of in under into from with without by for on at""".split())
_NOUN_PREPOSITIONS_ATTR = _NOUN_PREPOSITIONS | {"against", "over", "toward", "towards"}


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class Trigger:
    words: tuple[str, ...]  # lemmas, "…" for a gap
    type: str  # event class (local name)
    verb_only: bool = False
    dated_only: bool = False  # an event only with a time in its clause (kg:datedTrigger)
    context: frozenset[str] = frozenset()  # one of these lemmas must be in the sentence
    exclude: frozenset[str] = frozenset()  # none of these lemmas may stand near it
    exclude_next: frozenset[str] = frozenset()  # none of these may come right after it


@dataclass
class Rules:
    triggers: dict[str, str] = field(default_factory=dict)  # lemma phrase -> event type
    lexicon: list[Trigger] = field(default_factory=list)
    first: dict[str, list[Trigger]] = field(default_factory=dict)  # by first lemma
    roles: dict[str, str] = field(default_factory=dict)  # key -> before | after | sentence
    ranges: dict[str, str] = field(default_factory=dict)  # key -> class IRI of its fillers
    after: dict[str, str] = field(default_factory=dict)  # event type -> key after trigger
    answer: dict[str, str] = field(default_factory=dict)  # event type -> its answer word's type
    refines: dict[str, set[str]] = field(default_factory=dict)  # class -> classes it refines
    promised: dict[str, str] = field(default_factory=dict)  # class -> its promise's class
    # a harmful act's class -> the speech act threatening it earns (kg:draftWhenThreatened)
    threatened: dict[str, str] = field(default_factory=dict)
    # a wrongful act's class -> the speech act alleging it earns (kg:draftWhenAlleged)
    alleged: dict[str, str] = field(default_factory=dict)
    # a one-word trigger -> the classes that list it (bare or with a context)
    classes_of: dict[str, set[str]] = field(default_factory=dict)
    neutral: set[tuple[str, ...]] = field(default_factory=set)  # speech typed by complement
    # the classes of neutral speech (kg:neutralSpeech): any act drafted as one of them is
    # typed by what it says too ("warned that ...", "vowed to ...")
    speech_classes: set[str] = field(default_factory=set)
    complement: dict[str, str] = field(default_factory=dict)  # complement cue -> event type
    # speech-act class -> its rank in the codebook's order (kg:draftSpeechRank; 1 first)
    speech_rank: dict[str, int] = field(default_factory=dict)
    speaker_nouns: frozenset[str] = frozenset()  # nouns of office naming a speaker
    # verbs introducing a reported speaker (kg:speakerCue: "said", "added", "warned")
    speaker_verbs: frozenset[str] = frozenset()
    source_classes: frozenset[str] = frozenset()  # speakers reporting facts, not acts
    entity_labels: dict[str, str] = field(default_factory=dict)  # parser's NER label -> class
    # a word naming a launched thing -> the class of a launch of it (kg:draftInstrumentCue),
    # and the nouns after it that make it a modifier of another thing ("satellite imagery")
    instrument_cues: dict[str, str] = field(default_factory=dict)
    instrument_modifies: dict[str, frozenset[str]] = field(default_factory=dict)
    # cues of kg:draftLaunchedCue (a ship): a launch "from" one is made from it, no cue
    platform_cues: set[str] = field(default_factory=set)
    # the classes typed by what is launched: those with cues and those refining one
    by_instrument: set[str] = field(default_factory=set)
    # class -> its subclasses (rdfs:subClassOf, transitive)
    subclasses: dict[str, set[str]] = field(default_factory=dict)
    # a launch's or firing's class -> the class it takes when fired at or hitting the other
    # side (kg:draftStrikeClass), and that class's cues, target nouns, words of no strike and
    # context words (kg:draftStrikeCue, kg:draftStrikeTarget, kg:draftNoStrike,
    # kg:draftStrikeContext); the cues that are verbs of hitting (marked "[verb]")
    strike_class: dict[str, str] = field(default_factory=dict)
    strike_cues: dict[str, frozenset[str]] = field(default_factory=dict)
    strike_verbs: dict[str, frozenset[str]] = field(default_factory=dict)
    strike_targets: dict[str, frozenset[str]] = field(default_factory=dict)
    no_strike: dict[str, frozenset[str]] = field(default_factory=dict)
    strike_context: dict[str, frozenset[str]] = field(default_factory=dict)
    # a class -> the words that alone may tell an act of it in words ("attack"), the nouns of
    # the object and of the frame that make it one (kg:draftVerbalCue, kg:draftVerbalObject,
    # kg:draftVerbalFrame: "attacked the plan", "attacked ... in a statement")
    verbal_cues: dict[str, frozenset[str]] = field(default_factory=dict)
    verbal_objects: dict[str, frozenset[str]] = field(default_factory=dict)
    verbal_frames: dict[str, frozenset[str]] = field(default_factory=dict)


def load_rules(onto) -> Rules:
    """The trigger lexicon and role rules of the ontology."""
    from rdflib import URIRef

    rules = Rules()
    launch_classes: set[str] = set()  # the classes kg:draftInstrumentCue types launches of
    for cls in onto.classes.values():
        for prop, verb_only, dated in ((KG.trigger, False, False), (KG.verbTrigger, True, False),
                                       (KG.datedTrigger, True, True)):
            for lemma in cls.props.get(prop, []):
                phrase, context, exclude = _context_of(lemma)
                if not context:  # the class a bare phrase signals
                    rules.triggers.setdefault(phrase, cls.local)
                rules.lexicon.append(Trigger(
                    tuple(phrase.split()), cls.local, verb_only, dated, context,
                    frozenset(w for w in exclude if not w.startswith(">")),
                    frozenset(w[1:] for w in exclude if w.startswith(">"))))
        for phrase in cls.props.get(KG.neutralSpeech, []):
            rules.neutral.add(tuple(_context_of(phrase)[0].split()))
            rules.speech_classes.add(cls.local)
        for rank in cls.props.get(KG.draftSpeechRank, []):
            rules.speech_rank[cls.local] = int(rank)
        for phrase in cls.props.get(KG.complementCue, []):
            rules.complement.setdefault(str(phrase).lower(), cls.local)
        answer = cls.props.get(KG.draftAnswerWord)
        if answer:
            rules.answer[cls.local] = next(
                (c.local for c in onto.classes.values() if c.iri == str(answer[0])), "")
        promised = cls.props.get(KG.draftPromised)
        if promised:
            rules.promised[cls.local] = next(
                (c.local for c in onto.classes.values() if c.iri == str(promised[0])), "")
        for prop, table in ((KG.draftWhenThreatened, rules.threatened),
                            (KG.draftWhenAlleged, rules.alleged)):
            for speech_class in cls.props.get(prop, []):
                table[cls.local] = next((c.local for c in onto.classes.values()
                                         if c.iri == str(speech_class)), "")
        for refined in cls.props.get(KG.draftRefines, []):
            rules.refines.setdefault(cls.local, set()).update(
                c.local for c in onto.classes.values() if c.iri == str(refined))
        for cue in cls.props.get(KG.draftInstrumentCue, []):
            phrase, _context, modified = _context_of(cue)
            rules.instrument_cues.setdefault(phrase, cls.local)
            rules.instrument_modifies[phrase] = modified
            launch_classes.add(cls.local)
        for cue in cls.props.get(KG.draftLaunchedCue, []):
            # a ship launched: a ceremony; the class is no launch typed by what it names
            phrase, _context, modified = _context_of(cue)
            rules.instrument_cues.setdefault(phrase, cls.local)
            rules.instrument_modifies[phrase] = modified
            rules.platform_cues.add(phrase)
        for strike in cls.props.get(KG.draftStrikeClass, []):
            rules.strike_class[cls.local] = next(
                (c.local for c in onto.classes.values() if c.iri == str(strike)), "")
        cues = [_context_of(c) for c in cls.props.get(KG.draftStrikeCue, [])]
        if cues:
            rules.strike_cues[cls.local] = frozenset(c[0] for c in cues)
            rules.strike_verbs[cls.local] = frozenset(c[0] for c in cues if "verb" in c[1])
            for prop, words in ((KG.draftStrikeTarget, rules.strike_targets),
                                (KG.draftNoStrike, rules.no_strike),
                                (KG.draftStrikeContext, rules.strike_context)):
                words[cls.local] = frozenset(str(w).lower() for w in cls.props.get(prop, []))
        verbal = cls.props.get(KG.draftVerbalCue, [])
        if verbal:
            rules.verbal_cues[cls.local] = frozenset(str(w).lower() for w in verbal)
            for prop, words in ((KG.draftVerbalObject, rules.verbal_objects),
                                (KG.draftVerbalFrame, rules.verbal_frames)):
                words[cls.local] = frozenset(str(w).lower() for w in cls.props.get(prop, []))
        after = cls.props.get(KG.draftAfter)
        if after:
            key = _key_of(onto, after[0])
            if key:
                rules.after[cls.local] = key
    cued = launch_classes
    rules.by_instrument = cued | {k for k, v in rules.refines.items() if v & cued}
    local_of = {c.iri: c.local for c in onto.classes.values()}
    for cls in onto.classes.values():
        for anc in cls.ancestors:
            if anc != cls.iri and anc in local_of:
                rules.subclasses.setdefault(local_of[anc], set()).add(cls.local)
    rules.lexicon.sort(key=lambda t: (-len(t.words), t.words, t.type))
    for trig in rules.lexicon:
        if len(trig.words) == 1:
            rules.classes_of.setdefault(trig.words[0], set()).add(trig.type)
    for trig in rules.lexicon:
        rules.first.setdefault(trig.words[0], []).append(trig)
    g = onto.graph
    rules.speaker_nouns = frozenset(
        str(n).lower() for prop in onto.properties.values()
        for n in g.objects(URIRef(prop.iri), URIRef(KG.speakerNoun)))
    rules.speaker_verbs = frozenset(
        str(n).lower() for prop in onto.properties.values()
        for n in g.objects(URIRef(prop.iri), URIRef(KG.speakerCue)) if " " not in str(n))
    rules.source_classes = frozenset(
        c.local for prop in onto.properties.values()
        for src in g.objects(URIRef(prop.iri), URIRef(KG.draftSourceClass))
        for c in onto.classes.values() if c.iri == str(src))
    for cls in onto.classes.values():
        for label in cls.props.get(KG.draftEntityLabel, []):
            rules.entity_labels.setdefault(str(label), cls.local)
    for key, prop in onto.properties.items():
        pos = g.value(URIRef(prop.iri), URIRef(KG.draftRole))
        if pos is None:
            continue
        rules.roles[key] = str(pos)
        rng = g.value(URIRef(prop.iri), URIRef(KG.draftRange)) or prop.range
        if rng:
            rules.ranges[key] = str(rng)
    return rules


def _context_of(lemma: str) -> tuple[str, frozenset[str], frozenset[str]]:
    """A trigger's phrase, its context words and its excluding words: "drill [bomber
    fighter]" is "drill" where "bomber" or "fighter" (any form) stands near it in the same
    sentence; "sanction [-policy]" is "sanction" except where "policy" stands near it;
    "call [>off]" is "call" except where "off" comes right after it (kept as ">off" among
    the excluding words)."""
    phrase, _, rest = lemma.lower().replace("...", "…").partition("[")
    words = rest.rstrip("] ").split()
    return (" ".join(phrase.split()),
            frozenset(w for w in words if not w.startswith(("-", ">"))),
            frozenset(w[1:] for w in words if w.startswith("-") and len(w) > 1)
            | frozenset(w for w in words if w.startswith(">") and len(w) > 1))


CONTEXT_WINDOW = 12  # words either side of a trigger where its context words are looked for


def _in_context(toks: list[Token], lem, i: int, end: int, context: frozenset[str]) -> bool:
    """One of ``context`` is a lemma of a word near the trigger, in its sentence."""
    for rng in (range(i - 1, max(-1, i - CONTEXT_WINDOW), -1),
                range(end + 1, min(len(toks), end + CONTEXT_WINDOW))):
        for j in rng:
            if toks[j].text in ".;!?" and not _abbreviation_dot(toks, j):
                break
            if lem[j] & context:
                return True
    return False


def _abbreviation_dot(toks: list[Token], j: int) -> bool:
    """The full stop at ``j`` closes an abbreviation written with dots ("U.S.", "D.C."),
    not a sentence."""
    return (toks[j].text == "." and j > 0 and toks[j - 1].end == toks[j].start
            and "." in toks[j - 1].text)


def _key_of(onto, prop_iri: str) -> str | None:
    return next((k for k, p in onto.properties.items() if p.iri == prop_iri), None)


def tokens(text: str) -> list[Token]:
    """Words (hyphenated and dotted ones kept whole: "air-raid", "U.S.") and punctuation."""
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _is_word(tok: Token) -> bool:
    return tok.text[0].isalnum()


def _clause_tail(toks: list[Token], end: int) -> int:
    """Where the words after token ``end`` up to the next comma or clause mark end (an
    attribution's time, channel or audience: "said on Tuesday", "told reporters in Rome")."""
    k = end
    while k + 1 < len(toks) and toks[k + 1].text not in ",;:.!?()\"“”":
        k += 1
    return toks[k].end


def _noun_use(toks: list[Token], i: int) -> bool:
    """A determiner or a possessive ('s) right before the word: a noun, not a verb; so is a
    plural after a number ("eleven states set up") and a word after a compound modifier
    in lower case ("a nuclear-weapon state")."""
    if i == 0:
        return False
    prev = toks[i - 1].lower
    if prev in DETERMINERS or (prev == "s" and i >= 2 and toks[i - 2].text in "'’"):
        return True
    word = toks[i].lower
    if prev in _COUNTS and word.endswith("s") and not word.endswith("ss"):
        return True
    return "-" in prev and toks[i - 1].text == prev and prev.replace("-", "").isalpha()


# numbers of more than one, before a plural noun
_COUNTS = frozenset("""two three four five six seven eight nine ten eleven twelve fifteen
twenty dozens hundreds thousands several many few""".split())


# words that open a verb's object or a reporting verb's complement clause: a noun is not
# followed by them ("call the firing a", "say they sent", "says it fired")
OBJECT_STARTS = frozenset("""a an the its their his her our it they he she we them him us
you""".split())


def _takes_object(toks: list[Token], i: int, words: tuple[str, ...], rules: Rules) -> bool:
    """The trigger at ``i`` is a verb with its object or complement right after it: a
    phrase of a verb and its object ("call … a", "fire … round": the "…" holding the object,
    not "launch of … missile") or a reporting verb (``kg:neutralSpeech``) followed by a
    determiner or a pronoun ("The Joint Chiefs call the firing a provocation", "The Joint
    Chiefs say they sent warnings", "the North fires 10 rounds"); "The Joint Chiefs call" or
    "the North fires" is then no definite noun phrase naming an act told before."""
    if i + 1 >= len(toks):
        return False
    if len(words) > 2 and words[1] == "…" and toks[i + 1].lower != "of":
        return True  # "the North fires 10 rounds", "the navy fires warning shots"
    return toks[i + 1].lower in OBJECT_STARTS and words in rules.neutral


def _definite(toks: list[Token], i: int, morph: Morphology) -> bool:
    """The noun at ``i`` heads a definite noun phrase ("the launch", "the 24 March launch",
    a day's or a time's: "Today's launch", "Monday's test")."""
    for j in range(i - 1, max(-1, i - 5), -1):
        w = toks[j].lower
        if w in DEFINITE:
            return True
        if w == "s" and j >= 2 and toks[j - 1].text in "'\u2019" \
                and toks[j - 2].lower in _TIME_OWNERS:
            return True  # "Today's launch", "Sunday's firing"
        if not _is_word(toks[j]) or w in _PHRASE_STOP or w in DETERMINERS:
            return False
        if not morph.can_be_noun(toks[j].text) and not w[0].isdigit():
            return False
    return False


# times whose possessive makes a definite noun phrase ("Today's launch", "Monday's test")
# (not "last year's meeting": a year's or a week's act need not be the one told before)
_TIME_OWNERS = frozenset(WEEKDAYS) | {"today", "yesterday", "tonight", "morning"}


# reporting verbs that name or ask rather than report ("what it called", "he asked"): a
# time in their clause tells no occasion of their own
_NAMING = frozenset({"call", "ask"})
# what may stand between a reporting verb and the time right after it ("said on Tuesday",
# "said late on Friday", "said last week")
_TIME_NEXT = re.compile(r"\s*(?:(?:on|in|at|late|early|last|this)\s+)?")


def _own_occasion(text: str, toks, i: int, end: int,
                  times: list[tuple[int, int]] | None) -> bool:
    """A time written in the clause of the reporting verb at token ``i`` (ending at token
    ``end``): between the clause's start and the verb ("In March he said", "in a Diet
    committee in early February he said"), or right after the verb ("she said on Tuesday")."""
    if not times:
        return False
    lo = sentence_start(text, toks[i].start, ".!?;\n\"")
    verb_end = toks[end].end
    return any((lo <= a and b <= toks[i].start)
               or (a >= verb_end and _TIME_NEXT.fullmatch(text, verb_end, a))
               for a, b in times)


def find_triggers(text: str, rules: Rules, morph: Morphology,
                  references: list[Span] | None = None,
                  dated: list[Span] | None = None,
                  why: dict[tuple[int, int], tuple[str, list[Span]]] | None = None,
                  times: list[tuple[int, int]] | None = None) -> list[Span]:
    """Event triggers of ``text``: the longest match wins where they overlap, then the one
    with more words; a definite noun phrase repeating an earlier event's type is left out
    (and appended to ``references`` when given: "condemned the launch" refers back). The
    matches of ``kg:datedTrigger`` lemmas are also appended to ``dated``: the caller keeps
    them only where a time is written in their clause. ``why``, when given, gets what each
    speech act retyped by its complement was chosen by (:func:`kg.annotate.speech.
    type_by_complement`). ``times``: the (start, end) of the times written in ``text``; a
    reporting verb after a pronoun with a time of its own in its clause ("In March he said
    that ...") tells another occasion, a speech act of its own (the codebook: one statement,
    one event)."""
    toks = tokens(text)
    lem = [morph.lemmas(t.text) if _is_word(t) else frozenset() for t in toks]
    speech_kinds = rules.speech_classes | set(rules.speech_rank)
    # span, first and last token, words written as in the trigger, needs a time, words,
    # typed by its context
    found: list[tuple[Span, int, int, int, bool, tuple[str, ...], bool]] = []
    for i in range(len(toks)):
        if not lem[i]:
            continue
        for trig in (t for lemma in sorted(lem[i]) for t in rules.first.get(lemma, ())):
            end = _match(trig.words, toks, lem, i)
            if end is None:
                continue
            if trig.verb_only and (_noun_use(toks, i) or not morph.can_be_verb(toks[i].text)
                                   or _object_of_preposition(toks, i)):
                continue
            if trig.verb_only and trig.type in speech_kinds and bare_gerund(toks, i, end):
                continue  # "with little warning": a noun, no speech act
            if trig.type in speech_kinds and be_to_blame(toks, i, end):
                continue  # "was to blame for": a predicate, no act of blaming
            if trig.context and not _in_context(toks, lem, i, end, trig.context):
                continue
            if trig.exclude and (_in_context(toks, lem, i, end, trig.exclude) or any(
                    lem[k] & trig.exclude for k in range(i + 1, end))):
                continue  # an excluding word near it or in its gap ("fired missiles in
                # eight rounds" is no firing of rounds)
            if trig.exclude_next and end + 1 < len(toks) and lem[end + 1] & trig.exclude_next:
                continue  # a particle right after it ("called off the talks")
            # a trigger whose context is there beats the bare one on the same words
            exact = sum(toks[k].lower in trig.words for k in range(i, end + 1)) + \
                (len(trig.words) + 1 if trig.context else 0)
            found.append((Span(toks[i].start, toks[end].end, trig.type), i, end, exact,
                          trig.dated_only, trig.words, bool(trig.context)))
    # on the same words, the trigger written as they are beats one reached through a lemma
    # ("warning": an alert's noun, before the verb "warn" of a statement)
    best: dict[tuple[int, int], tuple] = {}
    for f in found:
        key = (f[0].start, f[0].end)
        if key not in best or f[3] > best[key][3]:
            best[key] = f
    found = list(best.values())
    chosen = longest_first([f[0] for f in found])
    by_span = {f[0]: f for f in found}
    starts = {by_span[sp][1] for sp in chosen}
    cue_at = _instrument_tokens(text, toks, lem, rules, morph)
    launched: list[str] = []  # the classes of the things the launches so far named
    heads: dict[str, str] = {}  # head word of a compound trigger -> its type, the latest
    out: list[Span] = []
    neutral: set[Span] = set()  # speech acts to type by their complement
    seen: set[str] = set()  # the types drafted so far
    told: list[str] = []  # the types of the events drafted or referred to, in text order
    # reporting verbs that need a time or an opened complement ("say", "tell"): a phrase
    # they open ("say in … statement", "tell … reporter") after the words it reports is an
    # attribution too (the codebook: no event, whatever it carries)
    reporting = {t.words[0] for t in rules.lexicon if t.dated_only and len(t.words) == 1}
    attributed: set[int] = set()  # where the attributions after the words end
    for span in chosen:
        _span, i, end, _exact, needs_time, words, by_context = by_span[span]
        if end == i and _modifier(toks, i, morph):
            continue  # "sanctions resolution", "launch site": a noun modifying another
        if _in_name(toks, i, end) and span.key not in rules.speech_classes:
            continue  # "the Sohae Satellite Launching Ground": a word of a name
        if _predicate(toks, i, lem):
            continue  # "called the launch a provocation": a judgement, not an event
        if end == i and _attributive(toks, i, lem, morph):
            continue  # "the stolen coins", "against sanctioned wallets": an adjective
        if span.key not in speech_kinds and _ability(toks, i):
            continue  # "a submarine able to fire one", "it can now fire an ICBM": a capacity
        if end == i and _generic(toks, i):
            continue  # "any provocation", "further provocations": no event in particular
        if end == i and i + 1 in starts and (morph.is_past(toks[i].text)
                                             or toks[i].lower.endswith("ing")) \
                and words not in rules.neutral \
                and not (span.key in speech_kinds and toks[i + 1].lower.endswith("ing")):
            continue  # "the intensified testing", "firing drills": a participle modifying
            # an event noun (a reporting verb never does: "said further sanctions"; nor does
            # a speech act's verb before a gerund: "denied sending weapons")
        if end == i and span.key in seen and _reduced_relative(toks, i, morph):
            if references is not None:  # "the missile was a Hwasong-17, fired on ..."
                references.append(span)
            continue
        named = None  # the class of the launched thing its clause names
        if span.key in rules.by_instrument:
            # a launch is typed by what is launched: "fired a rocket carrying a satellite"
            noun = end == i and morph.can_be_noun(toks[i].text) and (
                _noun_use(toks, i) or _determined(toks, i))
            cue = named = _launched(toks, i, end, cue_at, noun)
            if named is not None:
                launched.append(named)
            elif len(set(launched)) == 1 and not _in_sentence(toks, i, end, cue_at):
                cue = launched[0]  # "it fired the day before": the kind of the story's launches
            if cue is not None and cue != span.key and cue not in rules.refines.get(span.key, ()):
                span = Span(span.start, span.end, cue)
        if len(words) > 1 and "…" not in words:
            heads[words[-1]] = span.key
        elif named is not None:
            pass  # "a launch of a satellite": typed by what it launches, not by the story
        elif (len(words) == 1 and heads.get(words[0], span.key) != span.key
              and _determined(toks, i)):
            # "a nuclear test ... a seventh test": the bare head of a compound read before
            span = Span(span.start, span.end, heads[words[0]])
        elif len(words) == 1 and not by_context and _determined(toks, i):
            # a word several classes list ("intrusion": of a ship, or of a drone where one
            # is named near it): in "such intrusion" the class of the latest event of one
            # of them
            kinds = rules.classes_of.get(words[0], set())
            last = next((k for k in reversed(told) if k in kinds), span.key)
            span = Span(span.start, span.end, last)
        verb = _takes_object(toks, i, words, rules)
        if _continues(toks, i, end) or (end == i and not verb
                                         and morph.can_be_noun(toks[i].text)
                                         and _definite(toks, i, morph)):
            # "fired again", "it was fired from ...", "the launch": the kind of the story's
            # last such act, a test where the story told it as one
            kinds = {span.key} | {k for k, v in rules.refines.items() if span.key in v}
            if named is None and end == i and not _continues(toks, i, end):
                kinds |= _referable(span.key, words, rules)
            last = next((k for k in reversed(told) if k in kinds), span.key)
            span = Span(span.start, span.end, last)
        told.append(span.key)
        repeated = span.key in seen
        noun = morph.can_be_noun(toks[i].text) and morph.can_be_noun(toks[end].text)
        if repeated and noun and not verb and _definite(toks, i, morph) \
                and not _another(toks, i):
            if references is not None:  # "the launch": the launch drafted before
                references.append(span)
            continue
        if dated is not None and needs_time and not _after_appositive(toks, i):
            dated.append(span)
        if words in rules.neutral and i >= 2 and toks[i - 1].text == "," \
                and toks[i].lower in GOES_ON and toks[i - 2].end in attributed:
            continue  # "..., the ministry said on Tuesday, describing it as ...": the same
            # attribution going on
        if words in rules.neutral and not _noun_use(toks, i) and (
                (after_pronoun(toks, i, end) and not (
                    end == i and words[0] in reporting and words[0] not in _NAMING
                    and _own_occasion(text, toks, i, end, times)))
                or no_object(toks, i, end)
                or (end == i and passive(toks, i))
                or ((needs_time or words[0] in reporting) and not opens_complement(toks, i, end))):
            # "she said", "what it called": the act before; "..., officials said.",
            # "..., the ministry said in a statement.", "..., he told reporters in Rome."
            attributed.add(_clause_tail(toks, end))
            continue
        if words in rules.neutral:
            neutral.add(span)
        out.append(span)
        seen.add(span.key)
    out = _verbal_attacks(out, toks, lem, rules)
    if rules.strike_class:
        out = _strikes(out, toks, lem, rules, morph)
    out = _answers(_refined(_gapped(out, toks), toks, rules), toks, lem, rules, morph)
    out = _promised(out, toks, lem, rules)
    if not rules.complement or not (neutral or any(s.key in rules.speech_classes
                                                   for s in out)):
        return out
    speech = frozenset(rules.complement.values()) | {s.key for s in neutral}
    framed: set[Span] = set()  # verbs a statement noun frames: acts, date or not
    complement_cues = find_lemma_phrases(text, rules.complement, morph)
    out = one_act(text, out, neutral, speech, morph, framed, complement_cues)
    if dated is not None and framed:
        dated[:] = [d for d in dated if d not in framed]
    # what is said types every act of a neutral speech class, not only the neutral words
    # ("warned that any attack would meet a resolute response": a threat; "vowed to work
    # with": a pledge); a verb that names another kind ("accused") keeps its class
    typable = neutral | {s for s in out if s.key in rules.speech_classes}
    typed = type_by_complement(
        text, out, typable, complement_cues, speech,
        sentences(text), morph, rules.speech_rank, rules.speaker_verbs, COMMISSIVES, why)
    if dated is not None:  # the reporting verbs that need a time, by their new type
        moved = {(s.start, s.end): s for s in typed}
        dated[:] = [moved.get((d.start, d.end), d) for d in dated]
    return typed


# capitalised words that name a time, not a place or a side ("fired on Monday")
_TIME_NAMES = frozenset(MONTHS + WEEKDAYS) | frozenset(
    """jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri
    sat sun""".split())
STRIKE_REACH = 8  # words of a strike cue's object
# a place fired from, whose name a preposition after it gives ("from the Sohae station at
# Tongchang-ri"): no object hit
_SITES = frozenset("""station site base airfield airport facility complex pad launchpad range
area port harbour harbor yard shipyard centre center county province city town""".split())


def _in_words(toks: list[Token], lem, k: int, words: frozenset[str]) -> bool:
    """Whether token ``k`` (its form or a lemma) is one of ``words``."""
    return bool(lem[k] & words) or toks[k].lower in words


def _strike_object(toks: list[Token], j: int, lem, targets: frozenset[str],
                   no_strike: frozenset[str]) -> bool | None:
    """What the object of a strike cue, from token ``j`` up to the next preposition, comma or
    clause mark, names: True for the other side's place, force or people (a noun of
    ``targets``, or a name as its head: "Kharkiv", "Ukrainian cities", "the North"), False
    for waters, a zone or a test (a word of ``no_strike``), None for neither. A name
    followed by "'s" is a possessor, not the head ("on Kim's order")."""
    found = False
    name = False  # in a run of capitalised words
    k = j
    while k < min(len(toks), j + STRIKE_REACH):
        t = toks[k]
        if _clause_end(toks, k) or t.text == "," or (k > j and t.lower in _PHRASE_STOP):
            break
        if not _is_word(t):
            if t.text in "'’" and k + 1 < len(toks) and toks[k + 1].lower == "s":
                name = False  # "Kim Jong Un's order": a possessor
                k += 2
                continue
            break
        if _in_words(toks, lem, k, no_strike):
            return False
        if lem[k] & targets:
            found = True
        capital = t.text[:1].isupper() and t.lower not in _TIME_NAMES | DETERMINERS
        found = found or (name and not capital)  # a name's run ended: "Kharkiv overnight"
        name = capital
        k += 1
    return True if found or name else None


def _strikes(spans: list[Span], toks: list[Token], lem, rules: Rules,
             morph: Morphology) -> list[Span]:
    """A launch or firing whose clause names what it was fired at or hit, the other side's
    place, force or people, is force used against it (``kg:draftStrikeClass``; the codebook,
    rule 3.1): "fired missiles at Kharkiv", "launched several missiles at Ukrainian cities",
    "fired rockets that hit a residential building"; not one fired "into the sea", "toward
    the East Sea" or "at an island target in a drill" (a ``kg:draftNoStrike`` word after it
    in its clause). A verb of hitting (a cue marked "[verb]") with such an object, a weapon
    or a force named in its sentence and no launch before it in its clause is such an act of
    its own ("the missile hit Kharkiv", "Russian forces struck Zaporizhzhia")."""
    starts = {t.start: k for k, t in enumerate(toks)}
    ends = {t.end: k for k, t in enumerate(toks)}
    out: list[Span] = []
    covered: set[int] = set()  # tokens of a launch's clause after it, and of the triggers
    for span in spans:
        a, b = starts.get(span.start), ends.get(span.end)
        if a is None or b is None:
            out.append(span)
            continue
        covered.update(range(a, b + 1))
        strike = rules.strike_class.get(span.key)
        if not strike:
            out.append(span)
            continue
        cues = rules.strike_cues.get(strike, frozenset())
        no_strike = rules.no_strike.get(strike, frozenset())
        targets = rules.strike_targets.get(strike, frozenset())
        if any(_in_words(toks, lem, j, no_strike) for j in range(a, b + 1)):
            out.append(span)  # its own words say it is none: "fired warning shots at"
            continue
        hit = comma = False
        prep = None  # the last preposition after the act in its clause
        for j in range(b + 1, min(len(toks), b + 1 + CONTEXT_WINDOW)):
            if _clause_end(toks, j) or (toks[j].text == "," and j + 1 < len(toks)
                                        and toks[j + 1].lower in ("and", "or")):
                break
            covered.add(j)
            comma = comma or toks[j].text == ","
            if not comma and _in_words(toks, lem, j, no_strike):
                hit = False  # "fired a missile at the island in a drill"
                break
            # after a comma only a verb of hitting tells what it hit ("at Kyiv, killing
            # five"; not "..., raising tensions on the Korean Peninsula"); a preposition
            # after the place it was fired from says where that is ("lifted off from the
            # Sohae station at Tongchang-ri")
            if not hit and lem[j] & cues and not (comma and toks[j].lower in FUNCTION_WORDS) \
                    and not (prep == "from" and toks[j - 1].lower in _SITES) \
                    and _strike_object(toks, j + 1, lem, targets, no_strike):
                hit = True
            if toks[j].lower in _PHRASE_STOP:
                prep = toks[j].lower
        out.append(Span(span.start, span.end, strike) if hit else span)
    added: list[Span] = []
    for strike, verbs in rules.strike_verbs.items():
        if not verbs:
            continue
        context = rules.strike_context.get(strike, frozenset())
        for k, tok in enumerate(toks):
            if k in covered or not lem[k] & verbs or _noun_use(toks, k) \
                    or not morph.can_be_verb(tok.text) or _ability(toks, k):
                continue
            if _strike_object(toks, k + 1, lem, rules.strike_targets.get(strike, frozenset()),
                              rules.no_strike.get(strike, frozenset())) \
                    and _in_context(toks, lem, k, k, context):
                added.append(Span(tok.start, tok.end, strike))
    if not added:
        return out
    return sorted(out + added, key=lambda s: (s.start, s.end))


def _referable(kind: str, words: tuple[str, ...], rules: Rules) -> set[str]:
    """The classes of the events a definite noun drafted as ``kind`` with the trigger
    ``words`` can refer back to ("the threat", "the launch"), besides its own: the
    subclasses of its class (a nuclear threat is a threat) and the classes its word signals
    (``rules.classes_of``: "launch" those of missiles and of satellites). Not every speech
    act for "the statement": measured on DEV, it moved mentions to the wrong acts as often
    as to the right ones."""
    out = set(rules.subclasses.get(kind, ()))
    if len(words) == 1:
        out |= rules.classes_of.get(words[0], set())
    return out


def _instrument_tokens(text: str, toks: list[Token], lem, rules: Rules,
                       morph: Morphology) -> dict[int, str]:
    """Token index -> the class whose ``kg:draftInstrumentCue`` names a launched thing there
    ("satellite", "carrier rocket": a space launch's). A cue followed by one of the nouns it
    then modifies ("satellite imagery", "missile technology") or written as a word of a
    proper name ("the Sohae Satellite Launching Ground") names no thing launched."""
    if not rules.instrument_cues:
        return {}
    starts = {t.start: k for k, t in enumerate(toks)}
    ends = {t.end: k for k, t in enumerate(toks)}
    out: dict[int, str] = {}
    for sp in find_lemma_phrases(text, {p: p for p in rules.instrument_cues}, morph):
        a, b = starts.get(sp.start), ends.get(sp.end)
        if a is None or b is None:
            continue
        modified = rules.instrument_modifies.get(sp.key, frozenset())
        if b + 1 < len(toks) and lem[b + 1] & modified:
            continue
        if any(toks[k].lower in _PLACE_NOUNS | _FACILITIES
               for k in range(b + 1, min(len(toks), b + 3))):
            continue  # "the satellite launching station", "a missile base": a place
        if _in_name(toks, a, b):
            continue
        if sp.key in rules.platform_cues and _platform(toks, a):
            continue  # "missiles launched from a destroyer": where from, not what
        for k in range(a, b + 1):
            out.setdefault(k, rules.instrument_cues[sp.key])
    return out


# prepositions before a ship that make it where a launch was made from ("from a destroyer")
# or what fire was aimed at ("opened fire, directly aiming at our ship")
_PLATFORM_PREPOSITIONS = frozenset("from aboard onboard by on at toward towards against".split())


def _platform(toks: list[Token], a: int) -> bool:
    """The ship named at ``a`` follows "from", "aboard", "by" or "on" in its phrase (up to
    three words back, no comma between): a launch was made from it ("fired from a new
    destroyer", "aboard the warship"); or "at", "toward" or "against": it was fired at
    ("aiming at our ship"). Either way it is not what was launched."""
    for j in range(a - 1, max(-1, a - 4), -1):
        if toks[j].lower in _PLATFORM_PREPOSITIONS:
            return True
        if not _is_word(toks[j]):
            return False
    return False


# nouns of facilities a launched thing's word may modify ("a missile base", "the satellite
# control centre"): a place, no thing launched
_FACILITIES = frozenset("""base bases facility facilities centre centres center centers complex
plant plants""".split())


# words that open another clause: what a launch launched is not looked for across them ("the
# launch came days after a satellite launch")
_CLAUSE_OPENERS = frozenset("""after before since while when whereas although though because
but despite amid unlike until unless following""".split())


def _clause_end(toks: list[Token], j: int) -> bool:
    """The token at ``j`` ends a sentence or a clause, or opens another clause."""
    t = toks[j]
    return ((t.text in ".;:!?" and not _abbreviation_dot(toks, j))
            or t.lower in _CLAUSE_OPENERS)


def _launched(toks: list[Token], i: int, end: int, cue_at: dict[int, str],
              noun: bool) -> str | None:
    """The class of what the launch at ``i``..``end`` launches (:func:`_instrument_tokens`),
    None when its clause names nothing: its own words ("satellite launch"), then the words
    after it in its clause (its object: "fired a rocket carrying a satellite", up to a
    clause mark, a word opening another clause or ", and"), then those before it back to a
    comma ("the rocket carrying the satellite lifted off"). A noun ("the launch") looks in
    its own phrase only: its modifiers and an "of" phrase after it ("the launch of the
    satellite"); what its sentence says after it is often an account of it by others
    ("condemned the launch, which used ballistic missile technology")."""
    for k in range(i, end + 1):
        if k in cue_at:
            return cue_at[k]
    if noun:
        for j in range(i - 1, max(-1, i - 5), -1):
            if j in cue_at:
                return cue_at[j]
            if not _is_word(toks[j]) or toks[j].lower in DETERMINERS | _PHRASE_STOP:
                break
        if end + 1 < len(toks) and toks[end + 1].lower == "of":
            for j in range(end + 2, min(len(toks), end + 8)):
                if _clause_end(toks, j) or toks[j].text == ",":
                    break
                if j in cue_at:
                    return cue_at[j]
        return None
    for j in range(end + 1, min(len(toks), end + 1 + CONTEXT_WINDOW)):
        if _clause_end(toks, j) or (toks[j].text == "," and j + 1 < len(toks)
                                    and toks[j + 1].lower in ("and", "or")):
            break
        if j in cue_at:
            return cue_at[j]
    for j in range(i - 1, max(-1, i - 1 - CONTEXT_WINDOW), -1):
        if _clause_end(toks, j) or toks[j].text == ",":
            break
        if j in cue_at:
            return cue_at[j]
    return None


def _in_sentence(toks: list[Token], i: int, end: int, cue_at: dict[int, str]) -> bool:
    """A launched thing (:func:`_instrument_tokens`) is named in the sentence of the words
    ``i``..``end``."""
    for rng in (range(i - 1, -1, -1), range(end + 1, len(toks))):
        for j in rng:
            if toks[j].text in ".!?" and not _abbreviation_dot(toks, j):
                break
            if j in cue_at:
                return True
    return False


NUMBERS = frozenset("""two three four five six seven eight nine ten eleven twelve several
another""".split())


def _gapped(spans: list[Span], toks: list[Token]) -> list[Span]:
    """A second act told by a counted object after "and" with the verb left out (gapping):
    "fired two missiles on Thursday and two more on Sunday", "launched a missile and then
    two rockets": an event of the same class, anchored on "two more" or "then two"."""
    starts = {t.start: k for k, t in enumerate(toks)}
    ends = {t.end: k for k, t in enumerate(toks)}
    out: list[Span] = list(spans)
    for n, span in enumerate(spans):
        if span.end not in ends or span.start not in starts:
            continue
        stop = starts.get(spans[n + 1].start, len(toks)) if n + 1 < len(spans) else len(toks)
        for k in range(ends[span.end] + 1, min(stop, ends[span.end] + 16) - 1):
            if toks[k].text in ";!?:" or (toks[k].text == "." and (
                    k + 1 >= len(toks) or toks[k + 1].text[0].isupper())):
                break  # "Oct. 6" goes on
            if toks[k].lower != "and":
                continue
            j = k + 1 + (toks[k + 1].lower == "then")
            if j + 1 >= len(toks):
                break
            num = toks[j].lower
            if not (num in NUMBERS or num.isdigit()):
                continue
            if toks[j + 1].lower == "more":
                out.append(Span(toks[j].start, toks[j + 1].end, span.key))
            elif j == k + 2:  # "and then two rockets"
                out.append(Span(toks[k + 1].start, toks[j].end, span.key))
            else:
                continue
            break
    return sorted(out, key=lambda s: (s.start, s.end))


# words that frame a noun or verb after them as the purpose or kind of the act before:
# "fired a missile to test ...", "in a test", "as a test", "for a test"
FRAMES = frozenset({"to", "in", "as", "for"})
_FRAME_GAP = 4  # words between the frame and the framing word ("in what it called a test")


# the words that end an attack's object: past them only "in a statement" counts
_ATTACK_STOPS = frozenset("in at with for by over after before during from to as since".split())
_VERBAL_WINDOW = 12  # words after an attack read for its object or its frame
_VERBAL_OBJECT_GAP = 5  # words from the attack (or its "on") to a noun of its object


def _verbal_attacks(spans: list[Span], toks: list[Token], lem, rules: Rules) -> list[Span]:
    """The spans of ``spans`` that are no attack in words (:func:`_verbal_attack`); the
    tokens are indexed once, each span read in its own words and those after it."""
    if not rules.verbal_cues:
        return spans
    starts = {t.start: k for k, t in enumerate(toks)}
    ends = {t.end: k for k, t in enumerate(toks)}
    return [s for s in spans if not _verbal_attack(s, starts.get(s.start), ends.get(s.end),
                                                   toks, lem, rules)]


def _verbal_attack(span: Span, i: int | None, last: int | None, toks: list[Token], lem,
                   rules: Rules) -> bool:
    """An event of a class with ``kg:draftVerbalCue`` words told with one of them alone
    ("attack", verb or noun) whose object is media, words, a plan or a policy (a
    ``kg:draftVerbalObject`` noun: "attacked the South's reporting", "a personal attack on
    foreign reporting"), or said in a statement or a speech (a ``kg:draftVerbalFrame`` noun:
    "attacked the plan in a statement"): an attack in words, no armed attack (the codebook:
    force used against the other side's forces, territory or people). ``i`` and ``last``
    are the span's first and last token."""
    cues = rules.verbal_cues.get(span.key)
    if not cues or i is None or i != last or not lem[i] & cues:
        return False
    objects = rules.verbal_objects.get(span.key, frozenset())
    frames = rules.verbal_frames.get(span.key, frozenset())
    j = i + 1
    if j < len(toks) and toks[j].lower in ("on", "against", "upon"):
        j += 1
    for k in range(j, min(len(toks), j + _VERBAL_WINDOW)):
        if toks[k].text in ".;!?,:" and not _abbreviation_dot(toks, k):
            return False
        if toks[k].lower == "in" and k + 2 < len(toks) and (
                lem[k + 1] & frames or lem[k + 2] & frames):
            return True
        if toks[k].lower in _ATTACK_STOPS:
            continue  # past the object: only "in a statement" counts
        if k - j < _VERBAL_OBJECT_GAP and lem[k] & objects and not any(
                toks[m].lower in _ATTACK_STOPS for m in range(j, k)):
            return True
    return False


def _refined(spans: list[Span], toks: list[Token], rules: Rules) -> list[Span]:
    """An event told with a word of a class that refines its class (``kg:draftRefines``)
    framing it in the same clause is one event of the refining class, anchored on the act:
    "fired a missile to test its engine", "launched a rocket in what it called a test",
    "fired a missile, its third test this year" (a missile test, not a launch and a test)."""
    if not rules.refines:
        return spans
    starts = {t.start: k for k, t in enumerate(toks)}
    ends = {t.end: k for k, t in enumerate(toks)}
    out: list[Span] = []
    drop: set[int] = set()
    for n, span in enumerate(spans):
        if n in drop:
            continue
        # the framing word: the next event of a refining class, another event between them
        # at most ("launched a rocket in what it called a test")
        m = next((m for m in range(n + 1, min(len(spans), n + 3))
                  if span.key in rules.refines.get(spans[m].key, ())), None)
        if m is not None and span.end in ends and spans[m].start in starts \
                and _frames(toks, ends[span.end], starts[spans[m].start]):
            out.append(Span(span.start, span.end, spans[m].key))
            drop.add(m)
            continue
        out.append(span)
    return out


# words between an act and a test word that make the test another act ("fired a missile
# after a test", "in response to a test", "despite the test")
_NO_FRAME = frozenset("""and but after before while when since because then following despite
amid over against response reply answer retaliation protest than""".split())


def _frames(toks: list[Token], a: int, b: int) -> bool:
    """The words between token ``a`` (the act's last) and ``b`` (the framing word) lie in
    one clause and hold a frame word or an appositive comma a few words before ``b``."""
    between = toks[a + 1:b]
    if any(t.text in ".;!?:" or t.lower in _NO_FRAME for t in between):
        return False
    for j in range(b - 1, max(a, b - 2 - _FRAME_GAP), -1):
        if toks[j].lower in FRAMES or (toks[j].text == "," and j + 1 < b
                                       and toks[j + 1].lower in DETERMINERS):
            return True
    return False


# verbs of promise (commissive speech acts) whose "to"-complement tells what is promised
COMMISSIVES = frozenset({"agree", "pledge", "promise", "vow", "undertake", "commit", "offer"})


def _promised(spans: list[Span], toks: list[Token], lem, rules: Rules) -> list[Span]:
    """An act of a class with a ``kg:draftPromised`` class told as promised, right after a
    verb of promise and "to" ("agreed to share missile warning data", "pledged to
    coordinate closely"), is one event of that class anchored from the verb of promise."""
    if not rules.promised:
        return spans
    starts = {t.start: k for k, t in enumerate(toks)}
    out: list[Span] = []
    for span in spans:
        k = starts.get(span.start)
        kind = rules.promised.get(span.key)
        if kind and k is not None and k >= 2:
            j = k - 1
            if toks[j].lower.endswith("ly") and j > 2:  # "agreed to closely coordinate"
                j -= 1
            if toks[j].lower == "to" and lem[j - 1] & COMMISSIVES:
                if out and out[-1].start >= toks[j - 1].start:
                    out.pop()  # "pledged" itself drafted: the one promise
                out.append(Span(toks[j - 1].start, span.end, kind))
                continue
        out.append(span)
    return out


# words that frame what follows them in a sentence as an answer ("In response, Seoul fired")
RESPONSE_WORDS = frozenset({"respond", "response", "retaliate", "retaliation", "retaliatory"})
# words before a response noun that make it a frame of the act told before it ("fired two
# missiles in response to the drills", "as retaliation for")
_ANSWER_FRAME = frozenset({"in", "as"})


def _answers(spans: list[Span], toks: list[Token], lem, rules: Rules,
             morph: Morphology) -> list[Span]:
    """A response word framing an act told as an answer is no event of its own, and the act
    keeps the class of what it is (the codebook: a firing presented as an answer is a
    launch or a firing that responds to another event): "In response, South Korea fired
    two missiles", "Seoul responded by firing missiles", "fired two missiles in response to
    the drills" are one launch each; "In response, Japan condemned the launch" is one
    statement. The response words are those of the classes ``kg:draftAnswerWord`` names;
    a response whose form is not told ("vowed a strong response") stays an event."""
    if not rules.answer:
        return spans
    answer_words = frozenset(rules.answer.values())
    starts = {t.start: k for k, t in enumerate(toks)}
    out: list[Span] = []
    pending: int | None = None  # index in out of an answer word of the current sentence
    for span in spans:
        k = starts.get(span.start)
        if pending is not None and k is not None and any(
                toks[j].text in ".;!?" for j in range(starts[out[pending].start], k)):
            pending = None
        if pending is not None and k is not None and span.key not in answer_words and (
                span.key in rules.answer
                or (not _noun_use(toks, k) and morph.can_be_verb(toks[k].text))):
            # the answer word frames the act told after it: no event of its own
            del out[pending]
            pending = None
        elif (k is not None and span.key in answer_words and lem[k] & RESPONSE_WORDS
              and toks[k - 1].lower in _ANSWER_FRAME and out
              and out[-1].key in rules.answer and _one_clause(toks, starts.get(out[-1].start), k)):
            continue  # "fired two missiles in response to the drills": the firing answers
        out.append(span)
        if (k is not None and lem[k] & RESPONSE_WORDS and span.key in answer_words
                and (toks[k - 1].lower == "in" or not morph.can_be_noun(toks[k].text))):
            pending = len(out) - 1  # "In response,", "responded by": not "a response that"
    return out


def _one_clause(toks: list[Token], a: int | None, b: int) -> bool:
    """Tokens ``a`` and ``b`` stand in one clause: no sentence or clause mark between."""
    return a is not None and a < b and not any(
        toks[j].text in ".;!?:" for j in range(a, b))


def _after_appositive(toks: list[Token], i: int) -> bool:
    """A name and its title set off by commas right before the verb ("the ambassador, Linda
    Thomas-Greenfield, said"; "Kang Shin-chul, chief of operations, said"): a speaker named
    in full, whose words are a statement of their own even without a date."""
    return (i >= 3 and toks[i - 1].text == "," and _is_word(toks[i - 2])
            and any(toks[j].text == "," for j in range(max(0, i - 12), i - 2))
            and any(toks[j].text[0].isupper() for j in range(max(0, i - 6), i - 1)
                    if _is_word(toks[j])))


PRONOUNS = frozenset({"it", "they"})
BE = frozenset({"was", "were", "is", "are", "had been", "has been"})


def _continues(toks: list[Token], i: int, end: int) -> bool:
    """The act at ``i``..``end`` goes on with the story's last one: "again" after it
    ("fired again"), or a pronoun and a form of "be" before it ("It was fired from ...")."""
    if end + 1 < len(toks) and toks[end + 1].lower == "again":
        return True
    return i >= 2 and toks[i - 1].lower in BE and toks[i - 2].lower in PRONOUNS


# quantifiers of a noun phrase that names no event in particular
GENERIC = frozenset({"any"})


def _generic(toks: list[Token], i: int) -> bool:
    """A quantifier of non-specific reference heading the noun's phrase, up to two
    modifiers before the noun ("any provocation", "any single launch", "any North Korean
    launch")."""
    return _premodified(toks, i, 3, lambda w: w in GENERIC, DETERMINERS | _PHRASE_STOP)


def _premodified(toks: list[Token], i: int, reach: int, wanted, stops) -> bool:
    """A word of the noun phrase before the noun at ``i`` (up to ``reach`` words back) is
    ``wanted`` (a predicate on the lower-case word), before a punctuation mark or a word of
    ``stops`` ends the phrase."""
    for j in range(i - 1, max(-1, i - 1 - reach), -1):
        w = toks[j].lower
        if wanted(w):
            return True
        if not _is_word(toks[j]) or w in stops:
            return False
    return False


# modifiers that make a definite noun phrase name another event of the type than the one
# told before ("the next drills", "the second launch", "the 18th launch"): no reference back
ANOTHER = frozenset("""next upcoming coming forthcoming previous prior earlier second third
fourth fifth sixth seventh eighth ninth tenth""".split())
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)$")


def _another(toks: list[Token], i: int) -> bool:
    """An ordinal or "next", "previous" between the noun at ``i`` and its determiner."""
    return _premodified(toks, i, 4, lambda w: w in ANOTHER or bool(_ORDINAL.match(w)),
                        DETERMINERS)


# what "the first … since 2017" says about an earlier event: there was one then
FIRST = frozenset({"first"})
SINCE = frozenset({"since"})
# the time after "in" in "the first ... in (nearly) five years"
_YEARS_BACK = YEARS_COUNT


def earlier_events(text: str, spans: list[Span], times: list[tuple[int, int]],
                   sents: list[tuple[int, int]]) -> list[Span]:
    """Events that "the first … since <time>" presupposes: "its first ICBM launch since
    2017", "North Korea's first since November 2017", "the first such intrusion since
    2017" tell of an earlier event of the same type at that time. One event per such
    phrase, anchored on "since" and its time, typed as the event the phrase is about: the
    drafted one nearest before "since" in its sentence (after it when none is before).
    "the first time since the war began" (no time written after "since") gives none; "the
    first ... in five years" is read as "since" the year it counts back to."""
    toks = tokens(text)
    after = {t.start for t in toks}
    time_at = {}
    for a, b in times:
        time_at[a] = b
    out: list[Span] = []
    for k, tok in enumerate(toks):
        nxt = toks[k + 1].start if k + 1 < len(toks) else -1
        if tok.lower in SINCE:
            end = time_at.get(tok.start) or (time_at.get(nxt) if nxt in after else None)
        elif tok.lower == "in":  # "its first ... in five years": a count of years back
            end = time_at.get(nxt) if nxt in after else None
            if end is not None and not _YEARS_BACK.fullmatch(text, nxt, end):
                end = None
        else:
            continue
        if end is None:
            continue
        first = next((j for j in range(k - 1, max(-1, k - 11), -1)
                      if toks[j].lower in FIRST or toks[j].text in ".;!?:"), None)
        if first is None or toks[first].lower not in FIRST:
            continue
        sent = next(((a, b) for a, b in sents if a <= tok.start < b), (0, len(text)))
        before = [sp for sp in spans if sent[0] <= sp.start and sp.end <= tok.start]
        later = [sp for sp in spans if end <= sp.start < sent[1]]
        about = before[-1] if before else (later[0] if later else None)
        if about is not None:
            out.append(Span(tok.start, end, about.key))
    return out


def _reduced_relative(toks: list[Token], i: int, morph: Morphology) -> bool:
    """A participle after a comma and before a preposition (", fired on Kim's order", ",
    launched from the airport"): it describes a thing named before, not a new event."""
    return (0 < i < len(toks) - 1 and toks[i - 1].text == "," and morph.is_past(toks[i].text)
            and toks[i + 1].lower in _PHRASE_STOP)


# words before a participle that make it an adjective of the noun after it ("the stolen
# coins", "four occupied regions", "against sanctioned wallets")
_ATTRIBUTIVE_BEFORE = (DETERMINERS | _NOUN_PREPOSITIONS_ATTR) - {"no"}


def _attributive(toks: list[Token], i: int, lem, morph: Morphology) -> bool:
    """The word at ``i`` is a past participle used as an adjective before a noun, after a
    determiner, a number or a preposition ("the stolen coins", "four occupied regions",
    "against sanctioned wallets"): the codebook's "an adjective or a participle is no
    event", a claim about the thing. A finite verb has its subject before it ("the North
    fired missiles"), never a determiner or a preposition."""
    if i == 0 or i + 1 >= len(toks) or not _is_word(toks[i + 1]):
        return False
    word, nxt, prev = toks[i].lower, toks[i + 1].text, toks[i - 1].lower
    participle = morph.is_past(word) or (  # "stolen", "taken"; not "siren"
        word.endswith("en") and len(word) > 5 and morph.can_be_verb(word))
    if not participle or not nxt.islower() or nxt in FUNCTION_WORDS or nxt in _ADVERBS:
        return False
    if not (prev in _ATTRIBUTIVE_BEFORE or prev.isdigit() or prev in NUMBERS):
        return False
    return morph.can_be_noun(nxt) and not morph.is_past(nxt)


# what makes the verb after it a capacity, no act told: "able to fire", "capable of firing",
# "the ability to launch", "can now fire" (not "could", which predicts or supposes an act:
# "could test at any time" tells a possible test)
_ABILITY = frozenset({("able", "to"), ("capable", "of"), ("ability", "to"),
                      ("capability", "to"), ("capabilities", "to")})
_CAN = frozenset({"can", "cannot"})
# modals that make "be able to" a demand or a prediction of an act ("should be able to
# condemn the launches", "will be able to fire"), not a capacity
_DEMAND = frozenset({"should", "must", "will", "would", "shall"})


def _ability(toks: list[Token], i: int) -> bool:
    """The verb at ``i`` tells what an actor is able to do, no act: "the only submarine
    able to fire one", "capable of striking", "can now fire an ICBM at short notice" (a
    statement of capacity, like the codebook's generic statements, is no event); an
    adverb or a passive's "be" may stand between ("can now fire", "can be sanctioned")."""
    j = i - 1
    while j > 0 and toks[j].lower in _SKIPPABLE | {"quickly", "also", "now", "still",
                                                   "already", "soon", "easily", "be"}:
        j -= 1
    if j < 0:
        return False
    if toks[j].lower in _CAN:
        return True
    if j < 1 or (toks[j - 1].lower, toks[j].lower) not in _ABILITY:
        return False
    return not (j >= 3 and toks[j - 2].lower == "be" and toks[j - 3].lower in _DEMAND)


def _in_name(toks: list[Token], i: int, end: int) -> bool:
    """The words ``i``..``end`` are written with a capital inside a sentence and so is the
    word after them: a modifier inside a proper name whose head is another noun ("the Sohae
    Satellite Launching Ground", "the Strategy and Consultation Group"), not an act. A name
    whose last word is the act's ("the Security Consultative Meeting", "the East Asia
    Summit") still names an event; a capital at the start of a sentence, after a quotation
    mark or a colon, says nothing (headings are left out by the caller)."""
    if i == 0 or end + 1 >= len(toks) or not all(
            toks[k].text[:1].isupper() and not toks[k].text.isupper()
            for k in range(i, end + 1) if _is_word(toks[k])):
        return False
    if not _is_word(toks[i - 1]) and toks[i - 1].text != ",":
        return False  # the first word of a sentence or of a quotation
    nxt = toks[end + 1]
    return _is_word(nxt) and nxt.text[:1].isupper() and not nxt.text.isupper()


def _object_of_preposition(toks: list[Token], i: int) -> bool:
    """The word at ``i`` follows a preposition, or a verb that takes it as a noun ("drew
    fire"), maybe past an adjective of degree ("under heavier fire"), and is no gerund: a
    noun ("a sea of fire"), not the verb a ``kg:verbTrigger`` needs ("after firing" is a
    verb)."""
    if i == 0 or toks[i].lower.endswith("ing"):
        return False
    j = i - 1
    while j > 0 and j >= i - 2 and _of_degree(toks[j].lower):
        j -= 1
    return toks[j].lower in _NOUN_PREPOSITIONS or toks[j].lower in _DRAW


# adjectives of degree before a noun ("under heavy fire", "drew sharper fire")
_DEGREE = frozenset("""heavy sharp fresh renewed growing mounting increasing intense
intensifying fierce strong withering harsh""".split())


def _of_degree(low: str) -> bool:
    """The lower-cased word is an adjective of :data:`_DEGREE` or its comparative: "-ier"
    from "-y" ("heavier" -> heavy), "-er" added ("sharper" -> sharp)."""
    if low in _DEGREE:
        return True
    if low.endswith("ier"):
        return low[:-3] + "y" in _DEGREE
    return low.endswith("er") and low[:-2] in _DEGREE


# a verb whose object such a word is ("drew fire", "draws fire from critics")
_DRAW = frozenset("""draw draws drew drawn drawing attract attracts attracted""".split())


def _determined(toks: list[Token], i: int) -> bool:
    """The word at ``i`` heads a noun phrase: a determiner, a possessive or a number up to
    two words before it ("a test", "a seventh test", "its third test")."""
    for j in range(i - 1, max(-1, i - 3), -1):
        w = toks[j].lower
        if w in DETERMINERS or w.isdigit() or w in ("s", "'", "’"):
            return True
        if not _is_word(toks[j]):
            return False
    return False


# nouns of places that can be verbs too ("to site", "to ground"): after a trigger noun they
# are what it modifies ("the test site", "a launch pad"), no event
_PLACE_NOUNS = frozenset("""site sites pad pads ground grounds range ranges station stations
area areas zone zones""".split())


# adverbs of place and time that a lexicon may list as nouns too ("drills ahead of the
# exercise", "the launch today"): what they follow is no modifier of theirs
_ADVERBS = frozenset("""ahead again later earlier abroad overnight together today tonight
yesterday tomorrow nearby afterwards afterward instead too alone""".split())


def _modifier(toks: list[Token], i: int, morph: Morphology) -> bool:
    """The word at ``i`` is a noun right before a lower-case word that can only be a noun
    (not an adverb of :data:`_ADVERBS`), or one of :data:`_PLACE_NOUNS`."""
    if i + 1 >= len(toks) or not _is_word(toks[i + 1]) or not toks[i + 1].text.islower():
        return False
    nxt = toks[i + 1].text
    if nxt in FUNCTION_WORDS or nxt in _ADVERBS:
        return False
    if nxt in _PLACE_NOUNS:
        return morph.can_be_noun(toks[i].text)
    return (not morph.can_be_verb(nxt) and morph.can_be_noun(nxt)
            and not nxt.isdigit() and morph.can_be_noun(toks[i].text))


COPULAS = frozenset({"is", "are", "was", "were", "be", "been", "being"})
# adverbs between a copula and its predicate ("was also a test", "is probably a drill")
_PREDICATE_ADVERBS = frozenset("""also probably likely perhaps only still just clearly merely
simply really actually possibly""".split())
# nouns that a judgement puts before what it calls an act ("an act of provocation")
_ACT_NOUNS = frozenset({"act", "acts"})


def _predicate(toks: list[Token], i: int, lem) -> bool:
    """The word at ``i`` completes a verb of judgement ("called X a provocation", "described
    it as an escalation", "called the launch an important test") or a copula ("the launches
    were a test"): "a", "an" or "as" before it (up to two modifiers between), such a verb a
    few words back or "be" right before the article. It judges an act, it tells none. So
    does "an act of" before it ("called the launch an act of grave provocation", "a test
    would be an act of provocation": judged as "an act")."""
    for j in (i - 1, i - 2):  # "an act of (grave) provocation"
        if j > 1 and toks[j].lower == "of" and toks[j - 1].lower in _ACT_NOUNS and all(
                _is_word(toks[x]) for x in range(j + 1, i)):
            return _predicate(toks, j - 1, lem)
    k = i - 1
    while k > i - 3 and k > 0 and (_is_word(toks[k]) or toks[k].text in _QUOTE_MARKS) \
            and toks[k].lower not in ("a", "an", "as") and toks[k].lower not in DETERMINERS \
            and toks[k].lower not in _PHRASE_STOP:
        k -= 1  # past a quote mark too ('called the launch an "armed protest"')
    if k < 1 or toks[k].lower not in ("a", "an", "as"):
        return False
    # the second of two judgements joined ("called the launch a grave violation of the
    # resolutions and a serious provocation"): judged as the first one is
    if toks[k - 1].lower in ("and", "or") and toks[k].lower != "as":
        for j in range(k - 2, max(0, k - 16), -1):
            if toks[j].text in (".", ";", "!", "?"):
                break
            if toks[j].lower in ("a", "an") and j + 1 < k and _predicate(toks, j + 1, lem):
                return True
    b = k - 1  # an adverb between the copula and the article ("was also a test")
    while b > 1 and toks[b].lower in _PREDICATE_ADVERBS:
        b -= 1
    if toks[k].lower != "as" and toks[b].lower in COPULAS:
        # "there was a meeting", "there will be a drill": an act is told, none judged
        j = b
        while j > 0 and (toks[j].lower in COPULAS or toks[j].lower in AUXILIARIES
                         or toks[j].lower in ("not", "also", "then")):
            j -= 1
        return toks[j].lower != "there"
    # the verb must have its object between it and the article ("called [the launch] a ..."):
    # "called an emergency meeting" is a meeting
    for j in range(k - 1, max(-1, k - 8), -1):
        if toks[j].text in _QUOTE_MARKS and j == k - 1:
            continue  # 'called the attack "an indisputable provocation"'
        if not _is_word(toks[j]):
            return False
        if j < k - 1 and lem[j] & JUDGEMENT_VERBS and toks[j + 1].lower not in ("for", "on"):
            return True  # "called for a resumption" asks for an event, judges none
    return False


_QUOTE_MARKS = frozenset({'"', "\u201c", "'", "\u2018"})


def _match(words: tuple[str, ...], toks: list[Token], lem, i: int,
           skip: frozenset[str] = frozenset()) -> int | None:
    """Index of the last token of ``words`` matched from token ``i``, or None; a word of
    ``skip`` may stand between two words of the phrase."""
    j, k = i, 1
    while k < len(words):
        w = words[k]
        if w == "…":
            nxt = words[k + 1]
            step = gap = 0  # up to GAP words between; an apostrophe ("the week's") is none
            while gap <= GAP:
                step += 1
                if j + step >= len(toks) or not (_is_word(toks[j + step])
                                                 or toks[j + step].text in "'’"):
                    return None
                if nxt in lem[j + step]:
                    j, k = j + step, k + 2
                    break
                if nxt in ("a", "an") and toks[j + step].lower in GAP_STOPS:
                    return None
                gap += _is_word(toks[j + step])
            else:
                return None
            continue
        j += 1
        if skip and j + 1 < len(toks) and w not in lem[j] and (
                toks[j].lower in skip or toks[j].lower.endswith("ly")) and w in lem[j + 1]:
            j += 1
        # hyphenated phrases are single tokens: "air-raid alarm" is tokens air-raid, alarm
        if j >= len(toks) or w not in lem[j]:
            return None
        k += 1
    return j


def find_lemma_phrases(text: str, phrases: dict[str, str], morph: Morphology) -> list[Span]:
    """Every occurrence of each phrase (lower case, phrase -> key) in ``text``, by lemma:
    a word of the text matches a word of the phrase when it is written so, or when the
    phrase's word is one of its lemmas and the text's word is no auxiliary ("appear to"
    matches "appeared to"; "will" does not match "would"). "…" stands for up to
    :data:`GAP` words ("call … a" matches "called the launch a"), and an adverb such as
    "also" may stand between two words ("have also shown"). Overlapping matches are all
    returned; one pass over the words, the phrases indexed by their first word."""
    toks = tokens(text)
    lem = [(_lemmas_of(t, morph) if _is_word(t) else frozenset()) for t in toks]
    first: dict[str, list[tuple[str, ...]]] = {}
    keys: dict[tuple[str, ...], str] = {}
    for phrase, key in phrases.items():
        words = tuple(phrase.lower().replace("...", "…").split())
        if words:
            first.setdefault(words[0], []).append(words)
            keys[words] = key
    out: list[Span] = []
    for i, t in enumerate(toks):
        for w0 in sorted(lem[i] & first.keys()) if lem[i] else ():
            for words in first[w0]:
                end = _match(words, toks, lem, i, skip=_SKIPPABLE)
                if end is not None:
                    out.append(Span(t.start, toks[end].end, keys[words]))
    return out


def _lemmas_of(tok: Token, morph: Morphology) -> frozenset[str]:
    low = tok.lower
    if low in AUXILIARIES or low in FUNCTION_WORDS:
        return frozenset({low})
    return morph.lemmas(tok.text)
