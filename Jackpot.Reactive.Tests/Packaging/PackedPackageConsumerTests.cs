namespace Jackpot.Reactive.Tests.Packaging;

/// <summary>
/// Packs Jackpot.Reactive and Jackpot.Reactive.Testing from this repository into a temporary feed, checks what the
/// packages contain, and builds and runs a consumer app that references them by version — as a NuGet user would.
/// </summary>
/// <remarks>
/// Slow (it runs three builds), so it is tagged <c>Category=Packaging</c>: skip it locally with
/// <c>dotnet test --project Jackpot.Reactive.Tests --filter-not-trait "Category=Packaging"</c>. CI runs it.
/// Everything it writes goes to a temporary folder; the repository's bin/ and obj/ folders are not touched.
/// </remarks>
[Trait("Category", "Packaging")]
public sealed class PackedPackageConsumerTests : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    private readonly string _work = Directory.CreateTempSubdirectory("jackpot-packaging-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [Fact(Timeout = 20 * 60 * 1000)]
    public async Task Pack_ThenConsumeByVersion_BuildsAndRunsAgainstThePackages()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var repository = RepositoryRoot.Find();
        var feed = Directory.CreateDirectory(Path.Combine(_work, "feed")).FullName;
        var artifacts = Path.Combine(_work, "artifacts");

        foreach (var project in new[] { "Jackpot.Reactive", "Jackpot.Reactive.Testing" })
        {
            string[] pack =
            [
                "pack", Path.Combine(repository, project, project + ".csproj"), "--configuration", "Release",
                "--output", feed, "--artifacts-path", artifacts, "-nodeReuse:false", "-p:UseSharedCompilation=false",
            ];
            await Succeed(repository, pack, cancellation);
        }

        var version = PackedVersion(feed);
        AssertPackage(PackedPackage.Open(feed, "Jackpot.Reactive", version));
        var testing = PackedPackage.Open(feed, "Jackpot.Reactive.Testing", version);
        AssertPackage(testing);
        testing.Dependencies().Should().Contain("Jackpot.Reactive", version);

        var consumer = Directory.CreateDirectory(Path.Combine(_work, "consumer")).FullName;
        var machinePackages = await GlobalPackagesFolder(consumer, cancellation);
        ConsumerProject.Write(consumer, feed, version, Path.Combine(_work, "packages"), machinePackages);
        await Succeed(
            consumer, ["build", "--configuration", "Release", "-nodeReuse:false", "-p:UseSharedCompilation=false"], cancellation);

        var run = await Succeed(
            consumer, [Path.Combine(consumer, "bin", "Release", "net10.0", ConsumerProject.Name + ".dll")], cancellation);

        run.StandardOutput.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n')
            .Should().Equal(ConsumerProject.ExpectedOutput, run.ToString());
    }

    private static void AssertPackage(PackedPackage package)
    {
        package.Files.Should().Contain(
            [$"lib/net10.0/{package.Id}.dll", $"lib/net10.0/{package.Id}.xml", "PACKAGE.md"],
            "the package carries the assembly, its XML docs and its README");
        package.Element("readme").Should().Be("PACKAGE.md");
        package.Element("license").Should().Be("MIT");
        package.Attribute("license", "type").Should().Be("expression");
        package.Element("description").Should().NotBeNullOrWhiteSpace();
        package.Attribute("repository", "type").Should().Be("git");
        package.Attribute("repository", "url").Should().Be("https://github.com/jackpot-reactive/jackpot-reactive");
        package.Attribute("repository", "commit").Should().MatchRegex("^[0-9a-f]{40}$");
        package.Dependencies().Keys.Should().NotContain(id => id.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));

        package.SymbolFiles.Should().Contain($"lib/net10.0/{package.Id}.pdb");
        package.SourceLink.Should().Contain(
            "https://raw.githubusercontent.com/jackpot-reactive/jackpot-reactive/" + package.Attribute("repository", "commit"));
    }

    private static string PackedVersion(string feed)
    {
        const string prefix = "Jackpot.Reactive.";
        var packages = Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileNameWithoutExtension).ToList();
        packages.Should().HaveCount(2);
        var library = packages.Single(name => !name!.StartsWith(prefix + "Testing.", StringComparison.Ordinal))!;
        var version = library[prefix.Length..];
        version.Should().MatchRegex(@"^\d+\.\d+\.\d+");
        File.Exists(Path.Combine(feed, $"{prefix}{version}.snupkg")).Should().BeTrue();
        File.Exists(Path.Combine(feed, $"{prefix}Testing.{version}.snupkg")).Should().BeTrue();
        return version;
    }

    private static async Task<string> GlobalPackagesFolder(string workingDirectory, CancellationToken cancellationToken)
    {
        var result = await Succeed(workingDirectory, ["nuget", "locals", "global-packages", "--list"], cancellationToken);
        const string label = "global-packages:";
        var line = result.StandardOutput.Split('\n').Select(text => text.Trim())
            .Single(text => text.StartsWith(label, StringComparison.Ordinal));
        return line[label.Length..].Trim();
    }

    private static async Task<ProcessResult> Succeed(
        string workingDirectory, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await DotnetCli.RunAsync(workingDirectory, arguments, CommandTimeout, cancellationToken);
        result.ExitCode.Should().Be(0, result.ToString());
        return result;
    }
}
