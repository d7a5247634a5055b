namespace Jackpot.Reactive.Tests.Packaging;

/// <summary>
/// Packs Jackpot.Reactive and Jackpot.Reactive.Testing from this repository into a temporary feed, checks what the
/// packages contain (and that the repository and commit they name are git's), and builds and runs a consumer app and a
/// consumer test project that reference them by version — as a NuGet user would.
/// </summary>
/// <remarks>
/// Slow (it runs several builds), so it is tagged <c>Category=Packaging</c>: skip it locally with
/// <c>dotnet test --project Jackpot.Reactive.Tests --filter-not-trait "Category=Packaging"</c>. CI runs it.
/// Everything it writes goes to a temporary folder; the repository's bin/ and obj/ folders are not touched.
/// </remarks>
[Trait("Category", "Packaging")]
public sealed class PackedPackageConsumerTests : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    private readonly TemporaryFolder _work = new("jackpot-packaging-");

    public void Dispose() => _work.Dispose();

    [Fact(Timeout = 20 * 60 * 1000)]
    public async Task Pack_ThenConsumeByVersion_BuildsAndRunsAgainstThePackages()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var repository = RepositoryRoot.Find();
        var feed = Directory.CreateDirectory(_work.Combine("feed")).FullName;
        var artifacts = _work.Combine("artifacts");

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
        var origin = await GitOrigin.ReadAsync(repository, cancellation);
        AssertPackage(PackedPackage.Open(feed, "Jackpot.Reactive", version), origin);
        var testing = PackedPackage.Open(feed, "Jackpot.Reactive.Testing", version);
        AssertPackage(testing, origin);
        testing.Dependencies().Should().Contain(new Dictionary<string, string>
        {
            ["Jackpot.Reactive"] = version,
            ["Microsoft.Reactive.Testing"] = "3.1.1",
            ["System.Reactive.Core"] = "6.1.0",
            ["System.Reactive.Interfaces"] = "6.1.0",
            ["System.Reactive.Linq"] = "6.1.0",
            ["System.Reactive.PlatformServices"] = "6.1.0",
        }, "a consumer's test project must get everything the testing package needs without adding a package by hand");

        var consumer = Directory.CreateDirectory(_work.Combine("consumer")).FullName;
        var machinePackages = await GlobalPackagesFolder(consumer, cancellation);
        ConsumerProject.Write(consumer, feed, version, _work.Combine("packages"), machinePackages);
        await Succeed(
            consumer, ["build", "--configuration", "Release", "-nodeReuse:false", "-p:UseSharedCompilation=false"], cancellation);

        var run = await Succeed(
            consumer, [Path.Combine(consumer, "bin", "Release", "net10.0", ConsumerProject.Name + ".dll")], cancellation);

        run.StandardOutput.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n')
            .Should().Equal(ConsumerProject.ExpectedOutput, run.ToString());

        var tests = Path.Combine(consumer, "tests");
        await Succeed(tests, ["build", "--configuration", "Release", "-nodeReuse:false", "-p:UseSharedCompilation=false"], cancellation);
        AssertResolvedRx(Path.Combine(tests, "obj", "project.assets.json"));
        var testRun = await Succeed(
            tests, [Path.Combine(tests, "bin", "Release", "net10.0", ConsumerProject.TestsName + ".dll")], cancellation);
        testRun.StandardOutput.Should().Contain($"Total: {ConsumerProject.TestCount}, Errors: 0, Failed: 0, Skipped: 0", testRun.ToString());
    }

    [Fact(Timeout = 20 * 60 * 1000)]
    public async Task Pack_CloneWithAWebRemote_NamesThatRepositoryAndItsCommit()
    {
        const string remote = "https://github.com/example-owner/example-repository";
        var cancellation = TestContext.Current.CancellationToken;
        var clone = _work.Combine("clone");
        (await GitOrigin.RunAsync(_work.Path, ["clone", "--quiet", "--no-hardlinks", RepositoryRoot.Find(), clone], cancellation))
            .ExitCode.Should().Be(0);
        (await GitOrigin.RunAsync(clone, ["remote", "set-url", "origin", remote + ".git"], cancellation)).ExitCode.Should().Be(0);
        var feed = Directory.CreateDirectory(_work.Combine("clone-feed")).FullName;

        await Succeed(
            clone,
            [
                "pack", Path.Combine(clone, "Jackpot.Reactive", "Jackpot.Reactive.csproj"), "--configuration", "Release",
                "--output", feed, "--artifacts-path", _work.Combine("clone-artifacts"), "-nodeReuse:false", "-p:UseSharedCompilation=false",
            ],
            cancellation);

        var origin = await GitOrigin.ReadAsync(clone, cancellation);
        origin.WebUrl.Should().Be(remote);
        var package = PackedPackage.Open(feed, "Jackpot.Reactive", PackedVersion(feed, expected: 1));
        AssertPackage(package, origin);
        package.Attribute("repository", "url").Should().Be(remote + ".git");
        package.Element("projectUrl").Should().Be(remote);
    }

    /// <summary>Checks the metadata every package carries, and that its repository URL and commit are the build's.</summary>
    private static void AssertPackage(PackedPackage package, GitOrigin origin)
    {
        package.Files.Should().Contain(
            [$"lib/net10.0/{package.Id}.dll", $"lib/net10.0/{package.Id}.xml", "PACKAGE.md"],
            "the package carries the assembly, its XML docs and its README");
        package.Element("readme").Should().Be("PACKAGE.md");
        package.Element("license").Should().Be("MIT");
        package.Attribute("license", "type").Should().Be("expression");
        package.Element("description").Should().NotBeNullOrWhiteSpace();
        package.Dependencies().Keys.Should().NotContain(id => id.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        package.SymbolFiles.Should().Contain($"lib/net10.0/{package.Id}.pdb");

        // Whatever the package names, it names what the build was made from: git's HEAD and origin, or nothing.
        package.Attribute("repository", "commit").Should().Be(origin.Commit);
        package.Attribute("repository", "type").Should().Be(origin.Commit is null ? null : "git");
        var url = package.Attribute("repository", "url");
        (url is null ? null : GitOrigin.ToWebUrl(url)).Should().Be(origin.WebUrl, "only an origin with a web URL is named, as git has it");
        package.Element("projectUrl").Should().Be(origin.WebUrl);
        if (origin.WebUrl is { } web && web.StartsWith("https://github.com/", StringComparison.OrdinalIgnoreCase))
        {
            package.SourceLink.Should().Contain(
                $"https://raw.githubusercontent.com/{web["https://github.com/".Length..]}/{origin.Commit}/");
        }
        else if (origin.WebUrl is null)
        {
            (package.SourceLink ?? string.Empty).Should().NotContain("http", "without a web remote there is nothing to link sources to");
        }
    }

    /// <summary>Checks that the consumer's restore resolved the Rx packages the testing package declares, and no Rx 3
    /// implementation package (which would clash with System.Reactive's types).</summary>
    private static void AssertResolvedRx(string assetsFile)
    {
        using var assets = System.Text.Json.JsonDocument.Parse(File.ReadAllText(assetsFile));
        var libraries = assets.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name).ToList();

        libraries.Should().Contain(["System.Reactive/7.0.0", "Microsoft.Reactive.Testing/3.1.1", "System.Reactive.Core/6.1.0",
            "System.Reactive.Interfaces/6.1.0", "System.Reactive.Linq/6.1.0", "System.Reactive.PlatformServices/6.1.0"]);
        libraries.Should().NotContain(l => l.StartsWith("System.Reactive", StringComparison.Ordinal) && l.Contains("/3.", StringComparison.Ordinal));
    }

    private static string PackedVersion(string feed, int expected = 2)
    {
        const string prefix = "Jackpot.Reactive.";
        var packages = Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileNameWithoutExtension).ToList();
        packages.Should().HaveCount(expected);
        var library = packages.Single(name => !name!.StartsWith(prefix + "Testing.", StringComparison.Ordinal))!;
        var version = library[prefix.Length..];
        version.Should().MatchRegex(@"^\d+\.\d+\.\d+");
        File.Exists(Path.Combine(feed, $"{prefix}{version}.snupkg")).Should().BeTrue();
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
