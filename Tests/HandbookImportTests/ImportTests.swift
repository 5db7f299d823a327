import Testing
@testable import HandbookImport
