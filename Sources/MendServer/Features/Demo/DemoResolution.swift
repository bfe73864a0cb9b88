import Fluent
import Foundation

/// Demo records of the resolution paths: checklists for common ticket types and a vendor directory with
/// the demo clients' contract numbers, so the ticket page's panels have something to pick from.
enum DemoResolution {
    static let checklists: [(type: String, items: [String])] = [
        (
            "Network",
            [
                "Check the WAN link and ISP status", "Check VPN tunnel status", "Review recent changes",
                "Check firewall CPU and sessions",
            ]
        ),
        ("Server", ["Check the console and last boot", "Check disk, memory and CPU", "Review event logs since the last change"]),
        ("Identity", ["Check the account in the directory", "Check MFA registration", "Review sign-in logs"]),
    ]

    static let vendors: [(name: String, phone: String, email: String, portal: String, prefix: String)] = [
        ("Fortinet", "+1 866 648 4638", "support@fortinet.example", "https://support.fortinet.example", "FTNT"),
        ("Microsoft", "+1 800 936 5800", "premier@microsoft.example", "https://admin.microsoft.example", "MS"),
        ("Dell Technologies", "+1 800 456 3355", "prosupport@dell.example", "https://dell.example/support", "DELL"),
        ("Fibrenet Carrier NOC", "+1 800 555 0199", "noc@fibrenet.example", "https://noc.fibrenet.example", "FN"),
    ]

    static func seed(companies: [CompanyModel], now: Date, on db: any Database) async throws {
        // A forced second seeding keeps the lists and vendors already there (both are unique by name).
        let types = Set(try await ChecklistModel.query(on: db).all().map(\.ticketType))
        let names = Set(try await VendorModel.query(on: db).all().map(\.name))
        for list in checklists where !types.contains(list.type) {
            let row = ChecklistModel()
            row.id = UUID()
            row.ticketType = list.type
            row.items = DiagnosisService.json(list.items)
            row.updatedAt = now
            row.updatedBy = "Mend demo"
            try await row.create(on: db)
        }
        for (index, spec) in vendors.enumerated() where !names.contains(spec.name) {
            let vendor = VendorModel()
            vendor.id = UUID()
            vendor.name = spec.name
            vendor.supportPhone = spec.phone
            vendor.supportEmail = spec.email
            vendor.portalURL = spec.portal
            try await vendor.create(on: db)
            for (number, company) in companies.enumerated() {
                let contract = VendorContractModel()
                contract.id = UUID()
                contract.vendorID = vendor.id!
                contract.companyID = company.id!
                contract.contractNumber = "\(spec.prefix)-\(4_100 + index * 100 + number)"
                try await contract.create(on: db)
            }
        }
    }
}
