import PillarDiagnostics
import PillarLoad
import Testing

@Suite struct FrontMatterTests {
  @Test func splitsYamlAndBodyWithTheirFileLines() throws {
    let source = SourceText(path: "a.md", text: "---\nid: A\ntitle: T\n---\n# Body\ntext\n")
    let split = try FrontMatter.split(source).get()
    #expect(split.yaml == "id: A\ntitle: T")
    #expect(split.yamlLine == 2)
    #expect(split.body == "# Body\ntext\n")
    #expect(split.bodyLine == 5)
  }

  @Test func emptyFrontMatterAndEmptyBody() throws {
    let split = try FrontMatter.split(SourceText(path: "a.md", text: "---\n---")).get()
    #expect(split.yaml == "")
    #expect(split.body == "")
    #expect(split.bodyLine == 3)
  }

  @Test func missingOpeningFenceIsReportedAtLineOne() {
    let result = FrontMatter.split(SourceText(path: "a.md", text: "# Title\n"))
    #expect(throws: Diagnostic.self) { try result.get() }
    if case .failure(let diagnostic) = result {
      #expect(diagnostic.id == "missing-front-matter")
      #expect(diagnostic.location == SourceLocation(path: "a.md", line: 1, column: 1))
    }
  }

  @Test func unclosedFrontMatterIsReported() {
    guard case .failure(let diagnostic) = FrontMatter.split(SourceText(path: "a.md", text: "---\nid: A\n")) else {
      Issue.record("expected a failure")
      return
    }
    #expect(diagnostic.id == "unclosed-front-matter")
  }

  @Test func crlfAndByteOrderMarkAreNormalised() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("---\r\nid: A\r\n---\r\nbody\r\n".utf8)
    let source = try SourceText.decode(bytes, path: "a.md").get()
    #expect(source.text == "---\nid: A\n---\nbody\n")
    #expect(try FrontMatter.split(source).get().bodyLine == 4)
  }

  @Test func invalidUTF8AndNulBytesAreRefusedWithAPosition() {
    guard case .failure(let bad) = SourceText.decode(Array("---\nid: ".utf8) + [0xFF], path: "a.md") else {
      Issue.record("expected invalid UTF-8 to fail")
      return
    }
    #expect(bad.id == "invalid-utf8")
    #expect(bad.location.line == 2)
    #expect(bad.location.column == 5)
    guard case .failure(let nul) = SourceText.decode([0x41, 0x00], path: "a.md") else {
      Issue.record("expected a NUL byte to fail")
      return
    }
    #expect(nul.id == "binary-file")
  }
}
