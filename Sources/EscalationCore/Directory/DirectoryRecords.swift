public import EscalationValues
import Foundation

/// A customer account from the directory.
public struct Account: Hashable, Sendable, Codable {
    public var number: AccountNumber
    public var name: String
    public var domains: [String]
    public var team: [EmailAddress]
    public var escalationManager: EmailAddress?
    public var tier: String?

    public init(
        number: AccountNumber, name: String, domains: [String] = [], team: [EmailAddress] = [],
        escalationManager: EmailAddress? = nil, tier: String? = nil
    ) {
        self.number = number
        self.name = name
        self.domains = domains.map { $0.lowercased() }
        self.team = team
        self.escalationManager = escalationManager
        self.tier = tier
    }
}

/// A customer contact: a person allowed to write for one account.
public struct Contact: Hashable, Sendable, Codable {
    public var email: EmailAddress
    public var name: String
    public var account: AccountNumber

    public init(email: EmailAddress, name: String, account: AccountNumber) {
        self.email = email
        self.name = name
        self.account = account
    }
}

/// A member of the support organisation (agent, manager, approver).
public struct StaffMember: Hashable, Sendable, Codable {
    public var email: EmailAddress
    public var name: String

    public init(email: EmailAddress, name: String) {
        self.email = email
        self.name = name
    }
}

/// A support case from the directory.
public struct SupportCase: Hashable, Sendable, Codable {
    public var number: CaseNumber
    public var account: AccountNumber
    public var subject: String
    public var owner: EmailAddress
    public var assignmentGroup: String?
    public var groupManager: EmailAddress?
    public var contact: EmailAddress?

    public init(
        number: CaseNumber, account: AccountNumber, subject: String, owner: EmailAddress,
        assignmentGroup: String? = nil, groupManager: EmailAddress? = nil, contact: EmailAddress? = nil
    ) {
        self.number = number
        self.account = account
        self.subject = subject
        self.owner = owner
        self.assignmentGroup = assignmentGroup
        self.groupManager = groupManager
        self.contact = contact
    }
}
