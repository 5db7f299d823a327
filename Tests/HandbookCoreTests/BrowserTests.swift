import Foundation
import Testing
@testable import HandbookCore

/// The sample site as a browser shows it, opened from `file://` with no server.
@Suite("Browser", .serialized, .enabled(if: Chromium.path != nil, "chromium is not on PATH; browser tests skipped"))
struct BrowserTests {
    /// The sample handbook, built into a temporary folder.
    func buildSample() async throws -> (site: BuiltSite, folder: URL) {
        let (site, folder) = try await SampleHandbookTests.build()
        try #require(site.report.published, "the sample handbook does not build: \(site.errors.map(\.formatted))")
        return (site, folder)
    }

    /// The first link of `html` whose target contains `fragment`, resolved against `page`.
    func follow(_ fragment: String, from html: String, at page: URL) throws -> URL {
        let href = try #require(HTML.attributes("href", in: html).first { $0.contains(fragment) },
                                "no link to \(fragment) on \(page.lastPathComponent)")
        return try #require(URL(string: href, relativeTo: page)).absoluteURL.standardized
    }

    @Test("Following links from the home page leads to process and department pages with their titles")
    func navigation() async throws {
        let (site, folder) = try await buildSample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let home = site.url("index.html")
        let homeDOM = try await Chromium.dumpDOM(home, in: folder)
        #expect(homeDOM.contains("<title>流程手册 · 流程手册</title>"))
        #expect(homeDOM.contains("欢迎使用示例科技有限公司流程手册"))

        let processURL = try follow("processes/complaint-handling/", from: homeDOM, at: home)
        #expect(processURL.path == site.url("processes/complaint-handling/index.html").standardized.path)
        let processDOM = try await Chromium.dumpDOM(processURL, in: folder)
        #expect(processDOM.contains("<title>客户投诉处理流程 · 流程手册</title>"))
        #expect(processDOM.contains("<h1>客户投诉处理流程</h1>"))
        #expect(HTML.stepRowIDs(in: processDOM) == (1...6).map { "step-\($0)" })
        for name in SampleHandbookTests.seedSteps { #expect(processDOM.contains(name)) }

        let departmentURL = try follow("departments/customer-service/", from: homeDOM, at: home)
        let departmentDOM = try await Chromium.dumpDOM(departmentURL, in: folder)
        #expect(departmentDOM.contains("<title>客服部 · 流程手册</title>"))
        #expect(departmentDOM.contains("<h1>客服部</h1>"))

        // And on from the department page to a role's training checklist.
        let trainingURL = try follow("training/customer-service/cs-agent/", from: departmentDOM, at: departmentURL)
        let trainingDOM = try await Chromium.dumpDOM(trainingURL, in: folder)
        #expect(trainingDOM.contains("<h1>客服部 · 客服专员</h1>"))
        #expect(trainingDOM.contains("客户投诉接收"))
        #expect(!trainingDOM.contains("投诉分类与初步判断"), "step 2 is the supervisor's, not the agent's")
    }

    @Test("Screenshots of the home, process and department pages are real images")
    func screenshots() async throws {
        let (site, folder) = try await buildSample()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, page) in [("home", "index.html"), ("process", "processes/complaint-handling/index.html"),
                             ("department", "departments/customer-service/index.html")] {
            let png = folder.appendingPathComponent("\(name).png")
            try await Chromium.screenshot(site.url(page), to: png, in: folder)
            let data = try Data(contentsOf: png)
            #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(name).png is not a PNG")
            // A blank 1280×1600 page compresses to a few kilobytes; a rendered page does not.
            #expect(data.count > 20_000, "\(name).png is only \(data.count) bytes")
            if data.count >= 24 {
                let width = data[16..<20].reduce(0) { $0 << 8 | Int($1) }
                let height = data[20..<24].reduce(0) { $0 << 8 | Int($1) }
                #expect(width == 1280 && height == 1600, "\(name).png is \(width)×\(height)")
            }
        }
    }
}
