using System.Text.RegularExpressions;
using Jackpot.Reactive.Tests.Docs;

namespace Jackpot.Reactive.Tests.Testing;

/// <summary>Keeps docs/testing.md and the package README honest: every example is code of a test here, and every test
/// the guide names exists (a test class may span several files: <c>MarbleTestTests.Run.cs</c>).</summary>
public sealed partial class TestingGuideTests
{
    private static readonly string RepositoryRoot = Packaging.RepositoryRoot.Find();

    [Fact]
    public void Guide_EveryExample_IsCopiedFromATest()
    {
        var testLines = string.Join("\n", TestSources().SelectMany(s => MarkdownExamples.Significant(s.Text)));

        var examples = MarkdownExamples.CSharpBlocks(Guide());

        examples.Should().NotBeEmpty();
        examples.Should().AllSatisfy(example => testLines.Should().Contain(example));
    }

    [Fact]
    public void PackageReadme_EveryExample_IsCopiedFromATest()
    {
        var testLines = string.Join("\n", TestSources().SelectMany(s => MarkdownExamples.Significant(s.Text)));
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot, "Jackpot.Reactive.Testing", "PACKAGE.md"));

        var examples = MarkdownExamples.CSharpBlocks(readme);

        examples.Should().NotBeEmpty();
        examples.Should().AllSatisfy(example => testLines.Should().Contain(example));
    }

    [Fact]
    public void Guide_EveryNamedTest_Exists()
    {
        var sources = TestSources().GroupBy(s => s.Class).ToDictionary(g => g.Key, g => string.Join("\n", g.Select(s => s.Text)));

        var named = TestName().Matches(Guide()).Select(m => (Class: m.Groups[1].Value, Method: m.Groups[2].Value)).ToList();

        named.Should().HaveCountGreaterThan(10);
        named.Should().AllSatisfy(test =>
            sources.Should().ContainKey(test.Class).WhoseValue.Should().MatchRegex($@"public (void|async Task) {test.Method}\("));
    }

    private static string Guide() => File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "testing.md"));

    private static IEnumerable<(string Class, string Text)> TestSources() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "Jackpot.Reactive.Tests", "Testing"), "*.cs")
            .Select(path => (Path.GetFileName(path).Split('.')[0], File.ReadAllText(path)));

    [GeneratedRegex(@"`(\w+Tests)\.(\w+)`")]
    private static partial Regex TestName();
}
