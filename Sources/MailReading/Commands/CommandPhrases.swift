/// The commands a reply can give, as the reader tells them apart.
enum CommandKind: Hashable, Sendable {
    case escalate, escalateAccount, deescalate, approve, reject, severity, trend, watch, unwatch, link, unlink, assign, comment, withdraw, pending

    /// Whether the text after the command is its argument (a reason, justification or comment).
    var takesText: Bool {
        switch self {
        case .escalate, .escalateAccount, .deescalate, .reject, .comment: true
        default: false
        }
    }

    /// The command word in the help the sender gets back.
    var word: String {
        switch self {
        case .escalate: "ESCALATE"
        case .escalateAccount: "ESCALATE ACCOUNT"
        case .deescalate: "DE-ESCALATE"
        case .approve: "APPROVE"
        case .reject: "REJECT"
        case .severity: "SEVERITY"
        case .trend: "TREND"
        case .watch: "WATCH"
        case .unwatch: "UNWATCH"
        case .link: "LINK"
        case .unlink: "UNLINK"
        case .assign: "ASSIGN"
        case .comment: "COMMENT"
        case .withdraw: "WITHDRAW"
        case .pending: "PENDING"
        }
    }
}

/// A command phrase found in natural text, and where it may stand to count.
struct Trigger: Sendable {
    enum Placement: Sendable {
        /// Counts wherever it stands in a clause ("we'd like you to escalate this").
        case anywhere
        /// A decision word ("approved", "abgelehnt"): counts at the start of its clause, after a
        /// subject or auxiliary ("I approve", "ist genehmigt"), or ending a short clause
        /// ("Von meiner Seite genehmigt"); elsewhere it is talk about a decision.
        case decision
    }

    var kind: CommandKind
    var placement: Placement
}

/// Command phrases in English, German, French and Spanish (decisions also in the other
/// languages the reader knows), and the command words that hold at the start of a reply.
enum CommandPhrases {
    /// Words that, first in the reply, are the strict command (case-insensitive, accents optional).
    static let strictWords = PhraseTable<CommandKind>(
        [
            ("escalate|eskalieren|escalader|escalar|eskalation|escalade|escalación", .escalate),
            ("escalate|eskalieren|escalader|escalar account|konto|kundenkonto|compte|cuenta", .escalateAccount),
            ("de-escalate|deescalate|deeskalieren|de-eskalieren|desescalader|de-escalader|desescalar", .deescalate),
            ("approve|approved|genehmigen|genehmigt|approuver|approuve|approuvee|aprobar|aprobado|aprobada", .approve),
            ("reject|rejected|ablehnen|abgelehnt|refuser|refuse|refusee|rejeter|rejete|rechazar|rechazado|rechazada", .reject),
            ("severity|schweregrad|severite|gravite|severidad|gravedad", .severity),
            ("trend|tendance|tendencia", .trend),
            ("watch|beobachten|suivre|surveiller|seguir|vigilar", .watch),
            ("unwatch|entfolgen|nicht-beobachten|ne-plus-suivre|dejar-de-seguir", .unwatch),
            ("link|verknupfen|verknuepfen|lier|vincular|enlazar", .link),
            ("unlink|entknupfen|entknuepfen|trennen|delier|desvincular", .unlink),
            ("assign|zuweisen|assigner|attribuer|asignar", .assign),
            ("comment|kommentar|commentaire|comentario", .comment),
            ("withdraw|zuruckziehen|zurueckziehen|retirer|retirar", .withdraw),
            // Only alone in its clause (`PhraseFinder`): "Pending CFO sign-off, approved" is a condition.
            ("pending", .pending),
        ])

    private static let determiner = "the|this|our|my|die|diese|unsere|meine|la|cette|notre|ma|l'|esta|nuestra|mi"
    private static let escalationNoun = "escalation|eskalation|escalade|escalacion|escalada|escalamiento"

    static let triggers = PhraseTable<Trigger>(
        english + german + french + spanish + managing + approvals + otherLanguages.map { ($0.0, Trigger(kind: $0.1, placement: .decision)) })

    /// Managing an escalation, in the four languages: each needs its value in the same clause
    /// (a level, a trend, an address, a case number), which the reader checks.
    private static let managing: [(String, Trigger)] = [
        ("severity|schweregrad|severite|gravite|severidad|gravedad|prioritat to|auf|a|en|sur|=", Trigger(kind: .severity, placement: .anywhere)),
        ("trend|tendance|tendencia to|auf|a|en|sur|=", Trigger(kind: .trend, placement: .anywhere)),
        ("watch list", Trigger(kind: .watch, placement: .anywhere)),
        ("watch-list|watchlist|beobachtungsliste|verteiler", Trigger(kind: .watch, placement: .anywhere)),
        ("liste de suivi|diffusion", Trigger(kind: .watch, placement: .anywhere)),
        ("lista de seguimiento|vigilancia", Trigger(kind: .watch, placement: .anywhere)),
        (
            "link|verknupfen|verknupft|verknuepfen|lier|liez|relier|reliez|vincular|vinculen|vincule|enlazar|enlacen",
            Trigger(kind: .link, placement: .anywhere)
        ),
        (
            "unlink|entknupfen|losen|trennen|delier|deliez|dissocier|dissociez|desvincular|desvinculen|desvincule",
            Trigger(kind: .unlink, placement: .anywhere)
        ),
        (
            "assign|reassign|zuweisen|zuordnen|assigner|assignez|attribuer|attribuez|asignar|asignen|asigne|reasignar",
            Trigger(kind: .assign, placement: .anywhere)
        ),
    ]

    /// Withdrawing one's own request and asking what waits for one's decision, in the four languages.
    private static let approvals: [(String, Trigger)] = [
        ("withdraw|cancel|retract my|our|the|this escalation request", Trigger(kind: .withdraw, placement: .anywhere)),
        ("withdraw|cancel|retract my|our|the|this request", Trigger(kind: .withdraw, placement: .anywhere)),
        ("meinen|unseren antrag|eskalationsantrag zuruckziehen|zurucknehmen", Trigger(kind: .withdraw, placement: .anywhere)),
        ("ziehe|ziehen meinen|unseren antrag|eskalationsantrag zuruck", Trigger(kind: .withdraw, placement: .anywhere)),
        ("retirer|retire|retirez|annuler|annule|annulez ma|notre demande", Trigger(kind: .withdraw, placement: .anywhere)),
        ("retirar|retiro|retiren|cancelar|cancelo|cancelen mi|nuestra solicitud|peticion", Trigger(kind: .withdraw, placement: .anywhere)),
        ("my pending approvals|requests", Trigger(kind: .pending, placement: .anywhere)),
        ("my approvals", Trigger(kind: .pending, placement: .anywhere)),
        ("pending approvals", Trigger(kind: .pending, placement: .anywhere)),
        ("waiting for my approval|decision", Trigger(kind: .pending, placement: .anywhere)),
        ("awaiting my approval|decision", Trigger(kind: .pending, placement: .anywhere)),
        ("meine offenen genehmigungen|freigaben", Trigger(kind: .pending, placement: .anywhere)),
        ("meine|offene genehmigungen|freigaben", Trigger(kind: .pending, placement: .anywhere)),
        ("mes approbations|validations", Trigger(kind: .pending, placement: .anywhere)),
        ("approbations en attente", Trigger(kind: .pending, placement: .anywhere)),
        ("mis aprobaciones", Trigger(kind: .pending, placement: .anywhere)),
        ("aprobaciones pendientes", Trigger(kind: .pending, placement: .anywhere)),
    ]

    private static let english: [(String, Trigger)] = [
        ("escalate|re-escalate", Trigger(kind: .escalate, placement: .anywhere)),
        ("need|request|requesting|want|open|raise|start a|an escalation", Trigger(kind: .escalate, placement: .anywhere)),
        ("account escalation", Trigger(kind: .escalateAccount, placement: .anywhere)),
        ("de-escalate|deescalate|de-escalation", Trigger(kind: .deescalate, placement: .anywhere)),
        ("close|cancel|end|stop|withdraw \(determiner) \(escalationNoun)", Trigger(kind: .deescalate, placement: .anywhere)),
        ("approve|approved|approving", Trigger(kind: .approve, placement: .decision)),
        ("go ahead", Trigger(kind: .approve, placement: .anywhere)),
        ("lgtm", Trigger(kind: .approve, placement: .decision)),
        ("approval granted", Trigger(kind: .approve, placement: .anywhere)),
        ("you have my approval", Trigger(kind: .approve, placement: .anywhere)),
        ("reject|rejected|rejecting|decline|declined|denied", Trigger(kind: .reject, placement: .decision)),
    ]

    private static let german: [(String, Trigger)] = [
        ("eskalieren|eskaliere|re-eskalieren", Trigger(kind: .escalate, placement: .anywhere)),
        ("um eine eskalation", Trigger(kind: .escalate, placement: .anywhere)), ("um eskalation", Trigger(kind: .escalate, placement: .anywhere)),
        ("eskalation beantragen|anfordern", Trigger(kind: .escalate, placement: .anywhere)),
        ("beantrage|beantragen|brauchen|benotigen|benotige|mochte|mochten eine eskalation", Trigger(kind: .escalate, placement: .anywhere)),
        ("kontoeskalation|account-eskalation", Trigger(kind: .escalateAccount, placement: .anywhere)),
        ("deeskalieren|de-eskalieren|deeskaliere|deeskaliert", Trigger(kind: .deescalate, placement: .anywhere)),
        (
            "die|diese|unsere eskalation beenden|schliessen|schließen|aufheben|zurucknehmen|zuruckziehen|abschliessen|abschließen",
            Trigger(kind: .deescalate, placement: .anywhere)
        ),
        ("die|diese|unsere eskalation kann|konnen geschlossen|beendet|aufgehoben", Trigger(kind: .deescalate, placement: .anywhere)),
        ("genehmigt|genehmige|genehmigen|freigegeben", Trigger(kind: .approve, placement: .decision)),
        ("gebe frei", Trigger(kind: .approve, placement: .decision)),
        ("abgelehnt|lehne|ablehnen", Trigger(kind: .reject, placement: .decision)),
    ]

    private static let french: [(String, Trigger)] = [
        ("escalader|escaladez|escaladiez|re-escalader", Trigger(kind: .escalate, placement: .anywhere)),
        ("demande|demandons|demander|souhaitons|souhaite une escalade", Trigger(kind: .escalate, placement: .anywhere)),
        ("besoin d' une escalade", Trigger(kind: .escalate, placement: .anywhere)),
        ("escalade du compte", Trigger(kind: .escalateAccount, placement: .anywhere)),
        ("desescalader|desescaladez|desescaladons|desescalade|de-escalader", Trigger(kind: .deescalate, placement: .anywhere)),
        (
            "cloturer|cloturez|fermer|fermez|annuler|annulez|clore|terminer|terminez \(determiner) \(escalationNoun)",
            Trigger(kind: .deescalate, placement: .anywhere)
        ),
        ("mettre fin a l' escalade", Trigger(kind: .deescalate, placement: .anywhere)),
        ("approuve|approuvee|approuver|approuvons|valide|validee", Trigger(kind: .approve, placement: .decision)),
        ("feu vert", Trigger(kind: .approve, placement: .anywhere)),
        ("refuse|refusee|refuser|refusons|rejete|rejetee|rejeter|rejette", Trigger(kind: .reject, placement: .decision)),
    ]

    private static let spanish: [(String, Trigger)] = [
        ("escalar|escalen|escale|escalarlo|escalarla|reescalar", Trigger(kind: .escalate, placement: .anywhere)),
        (
            "solicitamos|solicito|necesitamos|necesito|pedimos|pido una|la escalacion|escalada|escalamiento",
            Trigger(kind: .escalate, placement: .anywhere)
        ),
        ("escalamiento|escalacion de la|nuestra cuenta", Trigger(kind: .escalateAccount, placement: .anywhere)),
        ("desescalar|desescalen|desescale|desescalarlo", Trigger(kind: .deescalate, placement: .anywhere)),
        ("cerrar|cierren|cancelar|cancelen|terminar|finalizar la|el|esta \(escalationNoun)", Trigger(kind: .deescalate, placement: .anywhere)),
        ("aprobado|aprobada|apruebo|aprobar|aprobarlo|aprobamos|autorizado", Trigger(kind: .approve, placement: .decision)),
        ("adelante", Trigger(kind: .approve, placement: .decision)),
        ("rechazado|rechazada|rechazo|rechazar|rechazarlo|rechazarla|rechazamos|denegado|denegada", Trigger(kind: .reject, placement: .decision)),
    ]

    /// Decisions in the other languages the reader knows.
    private static let otherLanguages: [(String, CommandKind)] = [
        (
            "approvato|approvata|approvo|goedgekeurd|godkendt|godkand|godkjent|hyvaksytty|hyvaksyn|aprovado|aprovada|zatwierdzam|zatwierdzone|akceptuje",
            .approve
        ),
        ("одобр*", .approve), ("утвержд*", .approve), ("~承認", .approve), ("~批准", .approve), ("~同意", .approve), ("~승인", .approve),
        ("respinto|respinta|afgewezen|afvist|avslag|avslatt|avvisad|hylatty|rejeitado|rejeitada|odrzucone|odrzucam", .reject),
        ("отклон*", .reject), ("отказ*", .reject), ("~却下", .reject), ("~拒绝", .reject), ("~駁回", .reject), ("~거절", .reject),
    ]
}
