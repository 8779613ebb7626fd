"""Every vocabulary the toolkit uses, as closed namespaces (generated: do not edit).

Regenerate with ``python -m kg.codegen``. ``KG`` lists the terms of ``ontology/*.ttl``;
the standard vocabularies list rdflib's generated namespaces of the same name, or the
terms the toolkit uses where rdflib ships none (OA, SEM, AS, WIKIBASE) or too many
(SCHEMA). A misspelt term fails at once (see :mod:`kg.closed_namespace`); Wikidata's
items and properties are open namespaces. Instance IRIs (``kgd:``) are minted by
:mod:`kg.iris` only.

>>> KG.MissileTest
'https://w3id.org/kg-toolkit/ontology#MissileTest'
"""

from kg.closed_namespace import ClosedNamespace, OpenNamespace

__all__ = [
    "ONTOLOGY",
    "KG",
    "RDF",
    "RDFS",
    "OWL",
    "XSD",
    "SKOS",
    "PROV",
    "OA",
    "SEM",
    "TIME",
    "SCHEMA",
    "DCT",
    "SH",
    "AS",
    "WIKIBASE",
    "WD",
    "WDT",
    "P",
    "PS",
    "PQ",
    "PREFIXES",
    "QUERY_PREFIXES",
]

ONTOLOGY = "https://w3id.org/kg-toolkit/ontology"


class KG(ClosedNamespace):
    """kg: the toolkit's own ontology (ontology/*.ttl)."""

    _NS = "https://w3id.org/kg-toolkit/ontology#"

    Accident: str
    Accusation: str
    Actor: str
    Adopted: str
    Affirmative: str
    AgreementSuspension: str
    AirDrill: str
    AirspaceIntrusion: str
    Alignment: str
    Alliance: str
    AllianceTie: str
    AlmostCertain: str
    Appointment: str
    Approximate: str
    ApproximationScheme: str
    ArmedAttack: str
    ArmedForces: str
    ArmsTransfer: str
    Artifact: str
    Artillery: str
    ArtilleryFiring: str
    Assessment: str
    AtLeast: str
    AtMost: str
    Attempted: str
    BodyOfWater: str
    BreakawayEntity: str
    CameoFitScheme: str
    Capability: str
    CapabilityDevelopment: str
    Ceremony: str
    Certain: str
    CertaintyScheme: str
    City: str
    Claim: str
    Commitment: str
    Conditional: str
    ConstrainAdversary: str
    ControlEscalation: str
    CooperationPledge: str
    Coordination: str
    CoordinationTie: str
    CorpusScope: str
    Credibility1: str
    Credibility2: str
    Credibility3: str
    Credibility4: str
    Credibility5: str
    Credibility6: str
    CredibilityScheme: str
    CyberOperation: str
    Day: str
    DebateIntensification: str
    Deescalation: str
    DefenseCommitment: str
    DemonstrateCapability: str
    Denial: str
    Denied: str
    DerivedGraph: str
    Detection: str
    Deter: str
    Deterrence: str
    DiplomaticProtest: str
    DiplomaticRecognition: str
    DirectionScheme: str
    Dismantlement: str
    Document: str
    DocumentGraph: str
    DocumentScope: str
    East: str
    EngineTest: str
    Event: str
    EventStatusScheme: str
    EventTypeScheme: str
    Exact: str
    ExactCode: str
    ExploitDivisions: str
    ExpressDispleasure: str
    Factual: str
    FactualityScheme: str
    FailedInFlight: str
    FetchedGraph: str
    GainCover: str
    Government: str
    Hostility: str
    Hypothetical: str
    IGOOrgan: str
    IntergovernmentalOrganization: str
    Interval: str
    Island: str
    Leadership: str
    LegalAction: str
    Likely: str
    LinkGraph: str
    MachineProposal: str
    MaritimeBoundary: str
    Meeting: str
    MilitaryExercise: str
    MilitaryProvocation: str
    MilitaryResponse: str
    MissileClass: str
    MissileLaunch: str
    MissileTest: str
    ModalityScheme: str
    Month: str
    Motive: str
    MotiveScheme: str
    NearestCode: str
    Negative: str
    Negotiation: str
    NegotiationProgress: str
    NoExactCode: str
    NonRecognition: str
    North: str
    NorthEast: str
    NorthWest: str
    NuclearTest: str
    NuclearThreat: str
    NuclearWeapon: str
    Objective: str
    Obstruction: str
    Occupation: str
    Occurred: str
    Ongoing: str
    OntologyGraph: str
    OpenInterval: str
    Organization: str
    OutcomeScheme: str
    Person: str
    PhoneCall: str
    Place: str
    PolarityScheme: str
    PolicyAdoption: str
    PolicyObjective: str
    Possible: str
    Prediction: str
    PublicStatement: str
    PunishViolation: str
    Quantity: str
    Recommendation: str
    Region: str
    RejectTalks: str
    Rejected: str
    Rejection: str
    Relation: str
    RelationsBreak: str
    Relative: str
    RelativeLocation: str
    ReliabilityA: str
    ReliabilityB: str
    ReliabilityC: str
    ReliabilityD: str
    ReliabilityE: str
    ReliabilityF: str
    ReliabilityScheme: str
    ReportedFact: str
    Resolution: str
    ResolutionBlocking: str
    Retreat: str
    ReturnToTalks: str
    Rivalry: str
    Rule: str
    SanctionsEffort: str
    SanctionsEvasion: str
    SanctionsRelief: str
    Season: str
    SecurityAlert: str
    ShipIntrusion: str
    South: str
    SouthEast: str
    SouthWest: str
    SpaceLaunch: str
    State: str
    Strategy: str
    StrengthenCapabilities: str
    TensionEscalation: str
    TestResolve: str
    Threat: str
    TimePrecisionScheme: str
    TimeSpan: str
    Trade: str
    TradeSuspension: str
    Unasserted: str
    UnifiedResponse: str
    Unknown: str
    Unlikely: str
    Unrealized: str
    Vetoed: str
    Visit: str
    Vote: str
    WeakenAlliance: str
    WeaponSystem: str
    WeaponsTesting: str
    West: str
    Year: str
    about: str
    abstainer: str
    abstentions: str
    abstract: str
    actsAgainst: str
    actsThrough: str
    agent: str
    aimsAt: str
    alignedWith: str
    alliedWith: str
    annotatable: str
    annotationKey: str
    annotator: str
    approximation: str
    asserts: str
    attributedToSource: str
    authorStatus: str
    barStyle: str
    begin: str
    beneficiary: str
    bratKind: str
    cameoActorCode: str
    cameoCode: str
    cameoFit: str
    cameoNote: str
    caption: str
    causes: str
    certainty: str
    certaintyScore: str
    color: str
    committedToDefend: str
    complementCue: str
    condition: str
    coordinatesWith: str
    count: str
    counts: str
    credibility: str
    cue: str
    dateStatus: str
    datedTrigger: str
    denies: str
    deters: str
    directProperty: str
    direction: str
    distance: str
    doesNotRecognize: str
    draftAfter: str
    draftAnswerWord: str
    draftConfidence: str
    draftCue: str
    draftEntityLabel: str
    draftInstrumentCue: str
    draftLaunchedCue: str
    draftNoStrike: str
    draftObjectCue: str
    draftObjectRole: str
    draftPromised: str
    draftRange: str
    draftRefines: str
    draftResponds: str
    draftRole: str
    draftSourceClass: str
    draftSpeechRank: str
    draftStrikeClass: str
    draftStrikeContext: str
    draftStrikeCue: str
    draftStrikeTarget: str
    draftTargetInContent: str
    draftVerbalCue: str
    draftVerbalFrame: str
    draftVerbalObject: str
    draftWhenAlleged: str
    draftWhenThreatened: str
    earliest: str
    edgeLabel: str
    edgeRole: str
    edgeSign: str
    edgeStyle: str
    elicited: str
    enables: str
    end: str
    endpoint: str
    excluded: str
    factive: str
    factuality: str
    factualityApplies: str
    fromPlace: str
    goldstein: str
    happened: str
    hedge: str
    holder: str
    inCountry: str
    indirectParty: str
    instrument: str
    iriScope: str
    latest: str
    leads: str
    linkMethod: str
    linkScore: str
    memberOf: str
    modality: str
    motiveOf: str
    near: str
    neutralSpeech: str
    object: str
    obstructs: str
    offset: str
    offsetUpTo: str
    opponent: str
    ordinal: str
    organOf: str
    outcome: str
    overCountry: str
    partOf: str
    partialDate: str
    partner: str
    polarity: str
    precision: str
    pursues: str
    quadClass: str
    quantity: str
    rejects: str
    relObject: str
    relativeTo: str
    reliability: str
    reportedBy: str
    respondsTo: str
    responseCue: str
    rivalOf: str
    rule: str
    sha256: str
    shape: str
    speaker: str
    speakerCue: str
    speakerNoun: str
    status: str
    subject: str
    supporter: str
    symmetric: str
    target: str
    text: str
    thwarted: str
    timeUnit: str
    towards: str
    trigger: str
    unit: str
    value: str
    verbTrigger: str
    via: str
    votesAgainst: str
    votesFor: str
    wikidata: str
    wikidataClass: str
    wikidataLinkable: str


class RDF(ClosedNamespace):
    """rdf: (terms of rdflib.namespace.RDF)."""

    _NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

    Alt: str
    Bag: str
    CompoundLiteral: str
    HTML: str
    JSON: str
    List: str
    PlainLiteral: str
    Property: str
    Seq: str
    Statement: str
    XMLLiteral: str
    direction: str
    first: str
    langString: str
    language: str
    nil: str
    object: str
    predicate: str
    rest: str
    subject: str
    type: str
    value: str


class RDFS(ClosedNamespace):
    """rdfs: (terms of rdflib.namespace.RDFS)."""

    _NS = "http://www.w3.org/2000/01/rdf-schema#"

    Class: str
    Container: str
    ContainerMembershipProperty: str
    Datatype: str
    Literal: str
    Resource: str
    comment: str
    domain: str
    isDefinedBy: str
    label: str
    member: str
    range: str
    seeAlso: str
    subClassOf: str
    subPropertyOf: str


class OWL(ClosedNamespace):
    """owl: (terms of rdflib.namespace.OWL)."""

    _NS = "http://www.w3.org/2002/07/owl#"

    AllDifferent: str
    AllDisjointClasses: str
    AllDisjointProperties: str
    Annotation: str
    AnnotationProperty: str
    AsymmetricProperty: str
    Axiom: str
    Class: str
    DataRange: str
    DatatypeProperty: str
    DeprecatedClass: str
    DeprecatedProperty: str
    FunctionalProperty: str
    InverseFunctionalProperty: str
    IrreflexiveProperty: str
    NamedIndividual: str
    NegativePropertyAssertion: str
    Nothing: str
    ObjectProperty: str
    Ontology: str
    OntologyProperty: str
    ReflexiveProperty: str
    Restriction: str
    SymmetricProperty: str
    Thing: str
    TransitiveProperty: str
    allValuesFrom: str
    annotatedProperty: str
    annotatedSource: str
    annotatedTarget: str
    assertionProperty: str
    backwardCompatibleWith: str
    bottomDataProperty: str
    bottomObjectProperty: str
    cardinality: str
    complementOf: str
    datatypeComplementOf: str
    deprecated: str
    differentFrom: str
    disjointUnionOf: str
    disjointWith: str
    distinctMembers: str
    equivalentClass: str
    equivalentProperty: str
    hasKey: str
    hasSelf: str
    hasValue: str
    imports: str
    incompatibleWith: str
    intersectionOf: str
    inverseOf: str
    maxCardinality: str
    maxQualifiedCardinality: str
    members: str
    minCardinality: str
    minQualifiedCardinality: str
    onClass: str
    onDataRange: str
    onDatatype: str
    onProperties: str
    onProperty: str
    oneOf: str
    priorVersion: str
    propertyChainAxiom: str
    propertyDisjointWith: str
    qualifiedCardinality: str
    rational: str
    real: str
    sameAs: str
    someValuesFrom: str
    sourceIndividual: str
    targetIndividual: str
    targetValue: str
    topDataProperty: str
    topObjectProperty: str
    unionOf: str
    versionIRI: str
    versionInfo: str
    withRestrictions: str


class XSD(ClosedNamespace):
    """xsd: (terms of rdflib.namespace.XSD)."""

    _NS = "http://www.w3.org/2001/XMLSchema#"

    Assertions: str
    ENTITIES: str
    ENTITY: str
    ID: str
    IDREF: str
    IDREFS: str
    NCName: str
    NMTOKEN: str
    NMTOKENS: str
    NOTATION: str
    Name: str
    QName: str
    anyURI: str
    base64Binary: str
    boolean: str
    bounded: str
    byte: str
    cardinality: str
    date: str
    dateTime: str
    dateTimeStamp: str
    day: str
    dayTimeDuration: str
    decimal: str
    double: str
    duration: str
    enumeration: str
    explicitTimezone: str
    float: str
    fractionDigits: str
    gDay: str
    gMonth: str
    gMonthDay: str
    gYear: str
    gYearMonth: str
    hexBinary: str
    hour: str
    int: str
    integer: str
    language: str
    length: str
    long: str
    maxExclusive: str
    maxInclusive: str
    maxLength: str
    minExclusive: str
    minInclusive: str
    minLength: str
    minute: str
    month: str
    negativeInteger: str
    nonNegativeInteger: str
    nonPositiveInteger: str
    normalizedString: str
    numeric: str
    ordered: str
    pattern: str
    positiveInteger: str
    second: str
    short: str
    string: str
    time: str
    timezoneOffset: str
    token: str
    totalDigits: str
    unsignedByte: str
    unsignedInt: str
    unsignedLong: str
    unsignedShort: str
    whiteSpace: str
    year: str
    yearMonthDuration: str


class SKOS(ClosedNamespace):
    """skos: (terms of rdflib.namespace.SKOS)."""

    _NS = "http://www.w3.org/2004/02/skos/core#"

    Collection: str
    Concept: str
    ConceptScheme: str
    OrderedCollection: str
    altLabel: str
    broadMatch: str
    broader: str
    broaderTransitive: str
    changeNote: str
    closeMatch: str
    definition: str
    editorialNote: str
    exactMatch: str
    example: str
    hasTopConcept: str
    hiddenLabel: str
    historyNote: str
    inScheme: str
    mappingRelation: str
    member: str
    memberList: str
    narrowMatch: str
    narrower: str
    narrowerTransitive: str
    notation: str
    note: str
    prefLabel: str
    related: str
    relatedMatch: str
    scopeNote: str
    semanticRelation: str
    topConceptOf: str


class PROV(ClosedNamespace):
    """prov: (terms of rdflib.namespace.PROV)."""

    _NS = "http://www.w3.org/ns/prov#"

    Accept: str
    Activity: str
    ActivityInfluence: str
    Agent: str
    AgentInfluence: str
    Association: str
    Attribution: str
    Bundle: str
    Collection: str
    Communication: str
    Contribute: str
    Contributor: str
    Copyright: str
    Create: str
    Creator: str
    Delegation: str
    Derivation: str
    Dictionary: str
    DirectQueryService: str
    EmptyCollection: str
    EmptyDictionary: str
    End: str
    Entity: str
    EntityInfluence: str
    Generation: str
    Influence: str
    Insertion: str
    InstantaneousEvent: str
    Invalidation: str
    KeyEntityPair: str
    Location: str
    Modify: str
    Organization: str
    Person: str
    Plan: str
    PrimarySource: str
    Publish: str
    Publisher: str
    Quotation: str
    Removal: str
    Replace: str
    Revision: str
    RightsAssignment: str
    RightsHolder: str
    Role: str
    ServiceDescription: str
    SoftwareAgent: str
    Start: str
    Submit: str
    Usage: str
    actedOnBehalfOf: str
    activity: str
    activityOfInfluence: str
    agent: str
    agentOfInfluence: str
    alternateOf: str
    aq: str
    asInBundle: str
    atLocation: str
    atTime: str
    category: str
    component: str
    constraints: str
    contributed: str
    definition: str
    derivedByInsertionFrom: str
    derivedByRemovalFrom: str
    describesService: str
    dictionary: str
    dm: str
    editorialNote: str
    editorsDefinition: str
    ended: str
    endedAtTime: str
    entity: str
    entityOfInfluence: str
    generalizationOf: str
    generated: str
    generatedAsDerivation: str
    generatedAtTime: str
    hadActivity: str
    hadDelegate: str
    hadDerivation: str
    hadDictionaryMember: str
    hadGeneration: str
    hadInfluence: str
    hadMember: str
    hadPlan: str
    hadPrimarySource: str
    hadRevision: str
    hadRole: str
    hadUsage: str
    has_anchor: str
    has_provenance: str
    has_query_service: str
    influenced: str
    influencer: str
    informed: str
    insertedKeyEntityPair: str
    invalidated: str
    invalidatedAtTime: str
    inverse: str
    locationOf: str
    mentionOf: str
    n: str
    order: str
    pairEntity: str
    pairKey: str
    pingback: str
    provenanceUriTemplate: str
    qualifiedAssociation: str
    qualifiedAssociationOf: str
    qualifiedAttribution: str
    qualifiedAttributionOf: str
    qualifiedCommunication: str
    qualifiedCommunicationOf: str
    qualifiedDelegation: str
    qualifiedDelegationOf: str
    qualifiedDerivation: str
    qualifiedDerivationOf: str
    qualifiedEnd: str
    qualifiedEndOf: str
    qualifiedForm: str
    qualifiedGeneration: str
    qualifiedGenerationOf: str
    qualifiedInfluence: str
    qualifiedInfluenceOf: str
    qualifiedInsertion: str
    qualifiedInvalidation: str
    qualifiedInvalidationOf: str
    qualifiedPrimarySource: str
    qualifiedQuotation: str
    qualifiedQuotationOf: str
    qualifiedRemoval: str
    qualifiedRevision: str
    qualifiedSourceOf: str
    qualifiedStart: str
    qualifiedStartOf: str
    qualifiedUsage: str
    qualifiedUsingActivity: str
    quotedAs: str
    removedKey: str
    revisedEntity: str
    sharesDefinitionWith: str
    specializationOf: str
    started: str
    startedAtTime: str
    todo: str
    unqualifiedForm: str
    used: str
    value: str
    wasActivityOfInfluence: str
    wasAssociateFor: str
    wasAssociatedWith: str
    wasAttributedTo: str
    wasDerivedFrom: str
    wasEndedBy: str
    wasGeneratedBy: str
    wasInfluencedBy: str
    wasInformedBy: str
    wasInvalidatedBy: str
    wasMemberOf: str
    wasPlanOf: str
    wasPrimarySourceOf: str
    wasQuotedFrom: str
    wasRevisionOf: str
    wasRoleIn: str
    wasStartedBy: str
    wasUsedBy: str
    wasUsedInDerivation: str


class OA(ClosedNamespace):
    """oa: (terms the toolkit uses)."""

    _NS = "http://www.w3.org/ns/oa#"

    Annotation: str
    SpecificResource: str
    TextPositionSelector: str
    TextQuoteSelector: str
    describing: str
    end: str
    exact: str
    hasBody: str
    hasSelector: str
    hasSource: str
    hasTarget: str
    identifying: str
    motivatedBy: str
    prefix: str
    start: str
    suffix: str


class SEM(ClosedNamespace):
    """sem: (terms the toolkit uses)."""

    _NS = "http://semanticweb.cs.vu.nl/2009/11/sem/"

    Actor: str
    ActorType: str
    Authority: str
    Constraint: str
    Core: str
    Event: str
    EventType: str
    Object: str
    Place: str
    PlaceType: str
    Role: str
    RoleType: str
    Temporary: str
    Time: str
    TimeType: str
    Type: str
    View: str
    accordingTo: str
    actorType: str
    eventProperty: str
    eventType: str
    hasActor: str
    hasBeginTimeStamp: str
    hasEarliestBeginTimeStamp: str
    hasEarliestEndTimeStamp: str
    hasEndTimeStamp: str
    hasLatestBeginTimeStamp: str
    hasLatestEndTimeStamp: str
    hasPlace: str
    hasSubEvent: str
    hasSubType: str
    hasTime: str
    hasTimeStamp: str
    placeType: str
    roleType: str
    subEventOf: str
    subTypeOf: str
    timeType: str
    type: str


class TIME(ClosedNamespace):
    """time: (terms of rdflib.namespace.TIME)."""

    _NS = "http://www.w3.org/2006/time#"

    DateTimeDescription: str
    DateTimeInterval: str
    DayOfWeek: str
    Duration: str
    DurationDescription: str
    Friday: str
    GeneralDateTimeDescription: str
    GeneralDurationDescription: str
    Instant: str
    Interval: str
    January: str
    Monday: str
    MonthOfYear: str
    ProperInterval: str
    Saturday: str
    Sunday: str
    TRS: str
    TemporalDuration: str
    TemporalEntity: str
    TemporalPosition: str
    TemporalUnit: str
    Thursday: str
    TimePosition: str
    TimeZone: str
    Tuesday: str
    Wednesday: str
    Year: str
    after: str
    before: str
    day: str
    dayOfWeek: str
    dayOfYear: str
    days: str
    generalDay: str
    generalMonth: str
    generalYear: str
    hasBeginning: str
    hasDateTimeDescription: str
    hasDuration: str
    hasDurationDescription: str
    hasEnd: str
    hasTRS: str
    hasTemporalDuration: str
    hasTime: str
    hasXSDDuration: str
    hour: str
    hours: str
    inDateTime: str
    inTemporalPosition: str
    inTimePosition: str
    inXSDDate: str
    inXSDDateTime: str
    inXSDDateTimeStamp: str
    inXSDgYear: str
    inXSDgYearMonth: str
    inside: str
    intervalAfter: str
    intervalBefore: str
    intervalContains: str
    intervalDisjoint: str
    intervalDuring: str
    intervalEquals: str
    intervalFinishedBy: str
    intervalFinishes: str
    intervalIn: str
    intervalMeets: str
    intervalMetBy: str
    intervalOverlappedBy: str
    intervalOverlaps: str
    intervalStartedBy: str
    intervalStarts: str
    minute: str
    minutes: str
    month: str
    monthOfYear: str
    months: str
    nominalPosition: str
    numericDuration: str
    numericPosition: str
    second: str
    seconds: str
    timeZone: str
    unitDay: str
    unitHour: str
    unitMinute: str
    unitMonth: str
    unitSecond: str
    unitType: str
    unitWeek: str
    unitYear: str
    week: str
    weeks: str
    xsdDateTime: str
    year: str
    years: str


class SCHEMA(ClosedNamespace):
    """schema: (terms the toolkit uses)."""

    _NS = "https://schema.org/"

    AnalysisNewsArticle: str
    Claim: str
    Country: str
    CreativeWork: str
    GovernmentOrganization: str
    Organization: str
    Person: str
    Place: str
    QuantitativeValue: str
    author: str
    memberOf: str
    mentions: str
    parentOrganization: str
    publisher: str
    unitText: str
    url: str
    value: str


class DCT(ClosedNamespace):
    """dct: (terms of rdflib.namespace.DCTERMS)."""

    _NS = "http://purl.org/dc/terms/"
    _EXTRAS = [
        "ISO639-2",
        "ISO639-3",
    ]

    Agent: str
    AgentClass: str
    BibliographicResource: str
    Box: str
    DCMIType: str
    DDC: str
    FileFormat: str
    Frequency: str
    IMT: str
    ISO3166: str
    Jurisdiction: str
    LCC: str
    LCSH: str
    LicenseDocument: str
    LinguisticSystem: str
    Location: str
    LocationPeriodOrJurisdiction: str
    MESH: str
    MediaType: str
    MediaTypeOrExtent: str
    MethodOfAccrual: str
    MethodOfInstruction: str
    NLM: str
    Period: str
    PeriodOfTime: str
    PhysicalMedium: str
    PhysicalResource: str
    Point: str
    Policy: str
    ProvenanceStatement: str
    RFC1766: str
    RFC3066: str
    RFC4646: str
    RFC5646: str
    RightsStatement: str
    SizeOrDuration: str
    Standard: str
    TGN: str
    UDC: str
    URI: str
    W3CDTF: str
    abstract: str
    accessRights: str
    accrualMethod: str
    accrualPeriodicity: str
    accrualPolicy: str
    alternative: str
    audience: str
    available: str
    bibliographicCitation: str
    conformsTo: str
    contributor: str
    coverage: str
    created: str
    creator: str
    date: str
    dateAccepted: str
    dateCopyrighted: str
    dateSubmitted: str
    description: str
    educationLevel: str
    extent: str
    format: str
    hasFormat: str
    hasPart: str
    hasVersion: str
    identifier: str
    instructionalMethod: str
    isFormatOf: str
    isPartOf: str
    isReferencedBy: str
    isReplacedBy: str
    isRequiredBy: str
    isVersionOf: str
    issued: str
    language: str
    license: str
    mediator: str
    medium: str
    modified: str
    provenance: str
    publisher: str
    references: str
    relation: str
    replaces: str
    requires: str
    rights: str
    rightsHolder: str
    source: str
    spatial: str
    subject: str
    tableOfContents: str
    temporal: str
    title: str
    type: str
    valid: str


class SH(ClosedNamespace):
    """sh: (terms of rdflib.namespace.SH)."""

    _NS = "http://www.w3.org/ns/shacl#"
    _EXTRAS = [
        "AndConstraintComponent-and",
        "ClassConstraintComponent-class",
        "ClosedConstraintComponent-closed",
        "ClosedConstraintComponent-ignoredProperties",
        "DatatypeConstraintComponent-datatype",
        "DisjointConstraintComponent-disjoint",
        "EqualsConstraintComponent-equals",
        "ExpressionConstraintComponent-expression",
        "HasValueConstraintComponent-hasValue",
        "InConstraintComponent-in",
        "JSConstraint-js",
        "LanguageInConstraintComponent-languageIn",
        "LessThanConstraintComponent-lessThan",
        "LessThanOrEqualsConstraintComponent-lessThanOrEquals",
        "MaxCountConstraintComponent-maxCount",
        "MaxExclusiveConstraintComponent-maxExclusive",
        "MaxInclusiveConstraintComponent-maxInclusive",
        "MaxLengthConstraintComponent-maxLength",
        "MinCountConstraintComponent-minCount",
        "MinExclusiveConstraintComponent-minExclusive",
        "MinInclusiveConstraintComponent-minInclusive",
        "MinLengthConstraintComponent-minLength",
        "NodeConstraintComponent-node",
        "NodeKindConstraintComponent-nodeKind",
        "NotConstraintComponent-not",
        "OrConstraintComponent-or",
        "PatternConstraintComponent-flags",
        "PatternConstraintComponent-pattern",
        "PropertyConstraintComponent-property",
        "QualifiedMaxCountConstraintComponent-qualifiedMaxCount",
        "QualifiedMaxCountConstraintComponent-qualifiedValueShape",
        "QualifiedMaxCountConstraintComponent-qualifiedValueShapesDisjoint",
        "QualifiedMinCountConstraintComponent-qualifiedMinCount",
        "QualifiedMinCountConstraintComponent-qualifiedValueShape",
        "QualifiedMinCountConstraintComponent-qualifiedValueShapesDisjoint",
        "SPARQLConstraintComponent-sparql",
        "UniqueLangConstraintComponent-uniqueLang",
        "XoneConstraintComponent-xone",
        "and",
        "class",
        "in",
        "not",
        "or",
    ]

    AbstractResult: str
    AndConstraintComponent: str
    BlankNode: str
    BlankNodeOrIRI: str
    BlankNodeOrLiteral: str
    ClassConstraintComponent: str
    ClosedConstraintComponent: str
    ConstraintComponent: str
    DatatypeConstraintComponent: str
    DisjointConstraintComponent: str
    EqualsConstraintComponent: str
    ExpressionConstraintComponent: str
    Function: str
    HasValueConstraintComponent: str
    IRI: str
    IRIOrLiteral: str
    InConstraintComponent: str
    Info: str
    JSConstraint: str
    JSConstraintComponent: str
    JSExecutable: str
    JSFunction: str
    JSLibrary: str
    JSRule: str
    JSTarget: str
    JSTargetType: str
    JSValidator: str
    LanguageInConstraintComponent: str
    LessThanConstraintComponent: str
    LessThanOrEqualsConstraintComponent: str
    Literal: str
    MaxCountConstraintComponent: str
    MaxExclusiveConstraintComponent: str
    MaxInclusiveConstraintComponent: str
    MaxLengthConstraintComponent: str
    MinCountConstraintComponent: str
    MinExclusiveConstraintComponent: str
    MinInclusiveConstraintComponent: str
    MinLengthConstraintComponent: str
    NodeConstraintComponent: str
    NodeKind: str
    NodeKindConstraintComponent: str
    NodeShape: str
    NotConstraintComponent: str
    OrConstraintComponent: str
    Parameter: str
    Parameterizable: str
    PatternConstraintComponent: str
    PrefixDeclaration: str
    PropertyConstraintComponent: str
    PropertyGroup: str
    PropertyShape: str
    QualifiedMaxCountConstraintComponent: str
    QualifiedMinCountConstraintComponent: str
    ResultAnnotation: str
    Rule: str
    SPARQLAskExecutable: str
    SPARQLAskValidator: str
    SPARQLConstraint: str
    SPARQLConstraintComponent: str
    SPARQLConstructExecutable: str
    SPARQLExecutable: str
    SPARQLFunction: str
    SPARQLRule: str
    SPARQLSelectExecutable: str
    SPARQLSelectValidator: str
    SPARQLTarget: str
    SPARQLTargetType: str
    SPARQLUpdateExecutable: str
    Severity: str
    Shape: str
    Target: str
    TargetType: str
    TripleRule: str
    UniqueLangConstraintComponent: str
    ValidationReport: str
    ValidationResult: str
    Validator: str
    Violation: str
    Warning: str
    XoneConstraintComponent: str
    alternativePath: str
    annotationProperty: str
    annotationValue: str
    annotationVarName: str
    ask: str
    closed: str
    condition: str
    conforms: str
    construct: str
    datatype: str
    deactivated: str
    declare: str
    defaultValue: str
    description: str
    detail: str
    disjoint: str
    entailment: str
    equals: str
    expression: str
    filterShape: str
    flags: str
    focusNode: str
    group: str
    hasValue: str
    ignoredProperties: str
    intersection: str
    inversePath: str
    js: str
    jsFunctionName: str
    jsLibrary: str
    jsLibraryURL: str
    labelTemplate: str
    languageIn: str
    lessThan: str
    lessThanOrEquals: str
    maxCount: str
    maxExclusive: str
    maxInclusive: str
    maxLength: str
    message: str
    minCount: str
    minExclusive: str
    minInclusive: str
    minLength: str
    name: str
    namespace: str
    node: str
    nodeKind: str
    nodeValidator: str
    nodes: str
    object: str
    oneOrMorePath: str
    optional: str
    order: str
    parameter: str
    path: str
    pattern: str
    predicate: str
    prefix: str
    prefixes: str
    property: str
    propertyValidator: str
    qualifiedMaxCount: str
    qualifiedMinCount: str
    qualifiedValueShape: str
    qualifiedValueShapesDisjoint: str
    result: str
    resultAnnotation: str
    resultMessage: str
    resultPath: str
    resultSeverity: str
    returnType: str
    rule: str
    select: str
    severity: str
    shapesGraph: str
    shapesGraphWellFormed: str
    sourceConstraint: str
    sourceConstraintComponent: str
    sourceShape: str
    sparql: str
    subject: str
    suggestedShapesGraph: str
    target: str
    targetClass: str
    targetNode: str
    targetObjectsOf: str
    targetSubjectsOf: str
    this: str
    union: str
    uniqueLang: str
    update: str
    validator: str
    value: str
    xone: str
    zeroOrMorePath: str
    zeroOrOnePath: str


class AS(ClosedNamespace):
    """as: (terms the toolkit uses)."""

    _NS = "http://www.w3.org/ns/activitystreams#"

    OrderedCollection: str
    OrderedCollectionPage: str
    first: str
    items: str
    totalItems: str


class WIKIBASE(ClosedNamespace):
    """wikibase: (terms the toolkit uses)."""

    _NS = "http://wikiba.se/ontology#"

    rank: str


WD = OpenNamespace("http://www.wikidata.org/entity/")
WDT = OpenNamespace("http://www.wikidata.org/prop/direct/")
P = OpenNamespace("http://www.wikidata.org/prop/")
PS = OpenNamespace("http://www.wikidata.org/prop/statement/")
PQ = OpenNamespace("http://www.wikidata.org/prop/qualifier/")

# The prefix table of outputs (TriG, tables); kgd: is added by kg.iris.
PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "oa": str(OA),
    "sem": str(SEM),
    "time": str(TIME),
    "schema": str(SCHEMA),
    "dct": str(DCT),
    "wd": str(WD),
}
# Also predefined in every query (kg query --prefixes), with kg.iris's derived:.
QUERY_PREFIXES: dict[str, str] = {
    "wdt": str(WDT),
    "p": str(P),
    "ps": str(PS),
    "pq": str(PQ),
}
