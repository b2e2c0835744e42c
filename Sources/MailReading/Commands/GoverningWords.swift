/// Words that govern a command phrase near them, in English, German, French and Spanish (and
/// negations of the other languages the reader knows decisions in).
enum GoverningWords {
    /// What a governing word does to the command it governs.
    enum Effect: Sendable {
        /// "don't", "nicht", "ne … pas", "no": the command is negated.
        case negation
        /// "if", "until", "pending", "sobald", "à condition", "hasta que": it waits on something.
        case condition
        /// "maybe", "vielleicht", "peut-être", "quizás": the writer is not sure.
        case doubt
    }

    static let governing = PhraseTable<Effect>(
        [
            ("not|never|no|nor|neither|cannot|hold|wait", .negation), ("hold off", .negation),
            ("nicht|kein|keine|keinen|keinesfalls|nie|niemals|warten", .negation),
            ("ne|n'|pas|jamais|aucun|aucune|non|attendre|attendez", .negation),
            ("nunca|jamás|jamas|tampoco|esperar|esperen", .negation),
            ("non|niet|geen|não|nao|ikke|inte|ei|nie|не|нет", .negation),
            ("~ません", .negation), ("~できない", .negation), ("~しない", .negation), ("~不", .negation), ("~않", .negation), ("~불가", .negation),
            ("~못", .negation),
            ("if|unless|until|till|pending|once|provided|providing|assuming|when", .condition),
            ("as soon as", .condition), ("subject to", .condition), ("only after", .condition), ("as long as", .condition),
            ("wenn|falls|sofern|sobald|erst|vorbehaltlich|vorausgesetzt|außer|ausser", .condition),
            ("si|sauf|lorsque|quand|jusqu'", .condition), ("s' il|ils", .condition), ("à|a moins", .condition), ("dès|des que", .condition),
            ("une fois que", .condition), ("sous réserve|reserve", .condition), ("à|a condition", .condition),
            ("salvo|cuando|pendiente", .condition), ("hasta que", .condition), ("a menos", .condition), ("en cuanto", .condition),
            ("una vez que", .condition), ("sujeto a", .condition), ("siempre que", .condition), ("siempre y cuando", .condition),
            ("maybe|perhaps|possibly|probably|unsure", .doubt), ("not sure", .doubt),
            ("vielleicht|eventuell|möglicherweise|moglicherweise|wahrscheinlich", .doubt),
            ("peut-être|peut-etre|probablement", .doubt), ("quizás|quizas|quizá|quiza|probablemente", .doubt), ("tal vez", .doubt),
            ("a lo mejor", .doubt),
        ], accents: true)

    /// Words after a command that take it back: "Actually no", "just kidding", "doch nicht",
    /// "en fait non", "es broma".
    static let reversals = PhraseTable<Bool>(
        [
            ("no wait", true), ("wait no", true), ("just kidding|joking", true),
            ("kidding|jk|nevermind|disregard", true), ("scratch that", true), ("never mind", true), ("on second thought|thoughts", true),
            ("ignore that|this|my", true), ("forget that|it", true), ("changed my mind", true), ("i take that|it back", true),
            ("doch nicht", true), ("kommando zuruck", true), ("scherz|spass|spaß", true), ("vergiss es|das", true),
            ("vergessen sie das", true), ("nehme das zuruck", true), ("moment nein", true), ("korrektur", true),
            ("en fait non", true), ("finalement non", true), ("je plaisante|rigole", true), ("une blague", true),
            ("oubliez|oublie ca|cela|tout", true), ("je retire", true), ("non attendez", true), ("tout compte fait", true),
            ("en realidad no", true), ("broma", true), ("olvidalo|olvidenlo", true), ("olviden|olvida eso", true), ("mejor no", true),
            ("me retracto", true), ("no espera|esperen", true), ("pensandolo bien", true),
        ])

    /// Words after which a "no" takes back what came before, across a comma: "Actually, no".
    static let reversalLeads: Set<String> = ["actually", "eigentlich", "fait", "realidad", "wait", "moment", "attendez", "espera", "hmm"]
    /// The "no" of such a reversal, and the negation that alone takes a command back ("APPROVE – NOT!").
    static let bareNegations: Set<String> = ["no", "not", "nope", "nein", "nicht", "non", "pas", "не", "нет"]

    /// A question that asks someone to do it ("can you escalate?") rather than weighing it.
    static let requestMarkers = PhraseTable<Bool>(
        [
            ("can|could|would|will|please|pls|kindly|possible", true),
            ("bitte|kannst|konnt|konnen|konnten|wurden|wurdest|moglich", true),
            ("pouvez|pourriez|peux|pourrais|possible|plait|merci|pouvez-vous|pourriez-vous|peux-tu|pourrais-tu", true),
            ("puede|pueden|podria|podrian|podrias|puedes|podemos|posible|favor", true),
        ])

    /// Where weighing words keep a command from counting.
    enum Reach: Sendable {
        /// In a question: "should we escalate?", "sollen wir eskalieren?".
        case question
        /// In any sentence: "we are considering an escalation", "wir überlegen, ob…".
        case sentence
        /// In the command's own clause: "thanks for escalating", "gracias por escalarlo".
        case clause
    }

    /// Weighing a command, or talking about one done, rather than giving it.
    static let deliberations = PhraseTable<Reach>(
        [
            ("should|shall|ought", .question), ("do|does we|i need|have", .question), ("is it worth|necessary", .question),
            ("might|considering|thinking|wondering|whether", .sentence),
            ("thanks|danke|merci|gracias for|fur|pour|por", .clause), ("thank you for", .clause), ("merci d' avoir", .clause),
            ("sollen|sollten|mussen|musste|soll", .question), ("meint ihr", .question), ("uberlegen|uberlege|erwagen|ob", .sentence),
            ("devrions|devons|faut-il|doit-on|devrait|dois-je|devrions-nous|devons-nous|devrait-on|faudrait-il", .question),
            ("faut il", .question), ("doit on", .question), ("envisageons|envisage|reflechissons|hesitons", .sentence),
            ("deberiamos|debemos|deberia|conviene", .question), ("tenemos que", .question), ("hay que", .question),
            ("pensando|considerando", .sentence),
        ])

    /// Subjects and auxiliaries a decision word may follow ("I approve", "ist genehmigt",
    /// "je refuse", "lo rechazo", "I have to reject").
    static let decisionLeads = Set<String>([
        "i", "we", "to", "hereby", "will", "'ll", "ll", "must", "m", "am", "is", "are", "be", "been", "and", "so", "then", "also",
        "therefore", "thus", "gladly", "happily", "request", "escalation", "hiermit", "ich", "wir", "ist", "sind", "wird", "werde",
        "hiermit", "dann", "daher", "deshalb", "gerne", "gern", "somit", "also", "je", "j'", "nous", "est", "sont", "donc", "alors",
        "volontiers", "yo", "lo", "la", "le", "es", "está", "esta", "fue", "queda", "entonces", "sí", "si", "ok", "okay", "yes", "ja",
        "oui", "vale", "bien", "d'accord", "dois", "devons", "doit", "muss", "müssen", "mussen", "que", "debo", "debemos", "tengo", "tenemos",
        "demande", "solicitud", "antrag", "anfrage", "von", "meiner", "seite", "de", "mi", "parte",
    ])

    /// Words right after a command that name what it acts on and belong to neither the command
    /// nor its argument: "reject this", "lehne das ab", "escalate the case", "escalar el caso".
    static let objects = PhraseTable<Bool>(
        [
            ("this|it|that|now|again|please|request|escalation|case|account|ticket|one", true),
            ("the|this|our|my request|escalation|case|ticket|account", true),
            ("this|the escalation request", true),
            ("das|dies|es|bitte|jetzt|ab|sie|du|ihr", true), ("den|diesen|unseren fall|antrag|vorgang|ticket", true),
            ("die|diese|unsere eskalation", true),
            ("ca|cela|maintenant|svp", true), ("la|cette demande|escalade", true), ("le|ce|notre dossier|ticket|cas", true),
            ("esto|eso|ahora", true), ("la|esta solicitud|escalacion|cuenta", true), ("el|este|nuestro caso|ticket", true),
            ("por favor", true),
        ])

    /// Words that alone only make a clause polite ("Por favor, escalen…", "Thanks, please de-escalate").
    static let politeness = Set<String>([
        "please", "pls", "kindly", "thanks", "thank", "you", "so", "then", "and", "bitte", "danke", "also", "dann", "und", "merci",
        "svp", "s'il", "vous", "plait", "alors", "et", "por", "favor", "gracias", "entonces", "y", "ok", "okay",
    ])

    /// Words that wrap a request around its verb ("and you can de-escalate", "so we'd like to close").
    static let requestWrapping = Set<String>([
        "please", "pls", "kindly", "you", "we", "i", "can", "could", "would", "may", "might", "now", "go", "ahead", "like", "to",
        "want", "i'd", "we'd", "let's", "lets", "feel", "free", "bitte", "ihr", "sie", "konnt", "konnen", "durfen", "jetzt",
        "vous", "pouvez", "pourriez", "svp", "puede", "pueden", "podeis", "ya", "por", "favor",
    ])

    /// Words that join a request to the sentence before it ("…works, so please de-escalate").
    static let conjunctions = Set<String>(["and", "so", "then", "und", "also", "dann", "daher", "et", "donc", "alors", "y", "asi", "entonces"])

    /// Verbs that take someone off the watch list ("remove me from the watch list").
    static let removals = Set<String>([
        "remove", "take", "drop", "unsubscribe", "entfernen", "entferne", "entfernt", "nehmen", "nimm", "austragen", "retirer", "retirez",
        "retire", "supprimer", "supprimez", "enlever", "enlevez", "quitar", "quiten", "quite", "eliminar", "eliminen", "sacar", "saquen",
    ])
}
