using System.Text.RegularExpressions;
using Jackpot.Reactive.Simulator;

namespace Jackpot.Reactive.Tests.Packaging;

/// <summary>
/// Publishes <c>Jackpot.Reactive.Samples.Aot</c> — a console over every way into the library, the registration from
/// configuration included — with Native AOT for linux-x64, checks that the trimming and AOT analysis of the publish
/// found nothing in our assemblies, and runs the native binary against the in-process simulator: its settings must be
/// bound from configuration (generated binding; reflection binding binds nothing under AOT) and its events arrive.
/// </summary>
/// <remarks>
/// Slow (an ahead-of-time compile: about half a minute on a quiet machine, several on a loaded one), so it is tagged
/// <c>Category=Packaging</c> like the package tests: skip it locally with
/// <c>--filter-not-trait "Category=Packaging"</c>. CI runs it. The publish writes only to a temporary folder.
/// </remarks>
[Trait("Category", "Packaging")]
public sealed partial class NativeAotPublishTests : IDisposable
{
    private const string Project = "Jackpot.Reactive.Samples.Aot";
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);

    private readonly TemporaryFolder _work = new("jackpot-aot-");

    public void Dispose() => _work.Dispose();

    [Fact(Timeout = 20 * 60 * 1000)]
    public async Task PublishAot_NoTrimOrAotWarningFromOurAssemblies_BindsConfiguration_ReceivesEvents()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            Assert.Skip("The Native AOT publish test targets linux-x64.");
        }

        var cancellation = TestContext.Current.CancellationToken;
        var repository = RepositoryRoot.Find();
        var output = _work.Combine("out");
        string[] publish =
        [
            "publish", Path.Combine(repository, Project, Project + ".csproj"), "--configuration", "Release",
            "--runtime", "linux-x64", "--output", output, "--artifacts-path", _work.Combine("artifacts"),
            "-nodeReuse:false", "-p:UseSharedCompilation=false",
        ];

        var published = await DotnetCli.RunAsync(repository, publish, PublishTimeout, cancellation);

        published.ExitCode.Should().Be(0, published.ToString());
        var ourWarnings = TrimOrAotWarning().Matches(published.StandardOutput + published.StandardError)
            .Select(match => match.Value)
            .Where(line => line.Contains("Jackpot.Reactive", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        ourWarnings.Should().BeEmpty("the library and the sample must be clean for trimming and Native AOT");
        string binary = Path.Combine(output, Project);
        File.Exists(binary).Should().BeTrue("the publish makes one native executable");
        File.Exists(Path.Combine(output, Project + ".dll")).Should().BeFalse("a Native AOT publish has no IL to run");

        await using var simulator = await PushEventSimulator.StartAsync(
            new PushEventSimulatorOptions { ValueInterval = TimeSpan.FromMilliseconds(50), WinProbabilityPerSpin = 0 }, cancellation);
        var run = await DotnetCli.RunAsync(
            binary,
            Project,
            _work.Path,
            [
                "--JackpotPush:Endpoint=" + simulator.SubscribeUri, "--JackpotPush:Workspace=" + PushEventSimulatorOptions.DefaultWorkspace,
                "--Sample:Group=" + PushEventSimulatorOptions.DefaultGroup, "--Sample:Count=3",
            ],
            RunTimeout,
            cancellation);

        run.ExitCode.Should().Be(0, run.ToString());
        var lines = run.StandardOutput.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Contain("bound workspace=" + PushEventSimulatorOptions.DefaultWorkspace, "the settings come from configuration");
        lines.Where(line => line.StartsWith("event jackpot_value ", StringComparison.Ordinal)).Should().HaveCount(3, run.ToString());
        lines.Should().Contain(line => line.StartsWith("raw jackpot_value ", StringComparison.Ordinal));
        lines.Should().Contain("done 3");
    }

    /// <summary>A trimming (IL2xxx) or AOT (IL3xxx) warning line of the publish.</summary>
    [GeneratedRegex(@"^.*warning IL[23]\d{3}.*$", RegexOptions.Multiline)]
    private static partial Regex TrimOrAotWarning();
}
