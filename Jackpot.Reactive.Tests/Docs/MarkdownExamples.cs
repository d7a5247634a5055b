using System.Text.RegularExpressions;

namespace Jackpot.Reactive.Tests.Docs;

/// <summary>Compares a document's C# examples with the code of a test, line by line and ignoring indentation and blank
/// lines, so an example in the docs is always code that compiles and runs. Shared with Jackpot.Reactive.Orleans.Tests,
/// which compiles this file in.</summary>
internal static partial class MarkdownExamples
{
    /// <summary>Returns each <c>```csharp</c> block of <paramref name="markdown"/> as its significant lines, joined by newlines.</summary>
    public static IReadOnlyList<string> CSharpBlocks(string markdown) =>
        [.. CodeBlock().Matches(markdown).Select(match => Join(match.Groups[1].Value))];

    /// <summary>Returns <paramref name="code"/>'s significant lines (trimmed, blank ones left out), joined by newlines.</summary>
    public static string Join(string code) => string.Join("\n", Significant(code));

    /// <summary>Returns <paramref name="code"/>'s lines, trimmed, without the blank ones.</summary>
    public static IEnumerable<string> Significant(string code) =>
        code.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0);

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
