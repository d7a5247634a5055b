using System.Security;

namespace Jackpot.Reactive.Tests.Packaging;

/// <summary>
/// Writes a tiny console app that uses Jackpot.Reactive and Jackpot.Reactive.Testing as a NuGet user would: by
/// package version, from a local feed, with none of this repository's build settings.
/// </summary>
internal static class ConsumerProject
{
    public const string Name = "Jackpot.Consumer";

    /// <summary>The lines the app prints, in order.</summary>
    public static readonly string[] ExpectedOutput =
    [
        "channel: Broadcast 8mQhEnuznUe01IsGOE4mPw main-floor",
        "player id redacted: True",
        "malformed payload rejected: JackpotEventFormatException",
        "virtual time: OnNext mega 1408.20 EUR at 10000000, OnCompleted at 20000000",
        "await foreach: mega__1, mega__2",
        "meter: Jackpot.Reactive",
        "marble test: passed",
        "marble mismatch: ExpectObservable: the observable did not match \"--a|\" (one frame = 1ms).",
    ];

    private const string Program = """
        using System.Globalization;
        using System.Reactive.Linq;
        using Jackpot.Reactive;
        using Jackpot.Reactive.Testing;
        using Microsoft.Reactive.Testing;

        var channel = ChannelName.Parse("8mQhEnuznUe01IsGOE4mPw_broadcast_main-floor");
        Console.WriteLine($"channel: {channel.Kind} {channel.Workspace} {channel.Group}");

        var playerChannel = ChannelName.Player(channel.Workspace, new PlayerId("someone@example.com"));
        Console.WriteLine($"player id redacted: {!playerChannel.ToString().Contains("someone@example.com", StringComparison.Ordinal)}");

        var parsed = JackpotEvent.TryParse("{ not json", out _, out var error);
        Console.WriteLine($"malformed payload rejected: {(parsed ? "no" : error!.GetType().Name)}");

        JackpotEvent first = new JackpotValueUpdated(
            new JackpotId("mega"), new JackpotInstanceId("mega__1"), channel, "EUR", 1408.20m, "1,408.20");
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(
            ReactiveTest.OnNext(TimeSpan.FromSeconds(1).Ticks, first),
            ReactiveTest.OnCompleted<JackpotEvent>(TimeSpan.FromSeconds(2).Ticks));
        var observer = scheduler.Start(() => source, created: 0, subscribed: 0, disposed: TimeSpan.FromSeconds(5).Ticks);
        var value = observer.Messages[0].Value.Value;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"virtual time: {observer.Messages[0].Value.Kind} {value.Jackpot} {value.Amount} {value.Currency} at {observer.Messages[0].Time}, {observer.Messages[1].Value.Kind} at {observer.Messages[1].Time}"));

        var second = first with { Instance = new JackpotInstanceId("mega__2") };
        var instances = new List<string>();
        await foreach (var jackpotEvent in new[] { first, second }.ToObservable().ToAsyncEnumerable(4, AsyncBufferOverflow.Fail))
        {
            instances.Add(jackpotEvent.Instance.Value);
        }

        Console.WriteLine($"await foreach: {string.Join(", ", instances)}");
        Console.WriteLine($"meter: {JackpotMetrics.MeterName}");

        var marbles = new MarbleTest();
        var values = new JackpotMarbleValues().Value('a', "mega", 1m).Value('b', "mega", 2m);
        var jackpots = marbles.Hot("-a-b-|", values);
        marbles.ExpectObservable(jackpots.ThrottleValues(marbles.Time("---|"), marbles.Scheduler)).ToBe("-a--b|", values);
        marbles.Flush();
        Console.WriteLine("marble test: passed");

        var mismatch = new MarbleTest();
        mismatch.ExpectObservable(mismatch.Hot("-a-|")).ToBe("--a|");
        try
        {
            mismatch.Flush();
        }
        catch (MarbleAssertionException failure)
        {
            Console.WriteLine($"marble mismatch: {failure.Message.Split('\n')[0]}");
        }
        """;

    /// <summary>Writes the project into <paramref name="directory"/>.</summary>
    /// <param name="directory">An empty folder outside the repository.</param>
    /// <param name="feed">The folder holding the packed packages.</param>
    /// <param name="version">The version to reference.</param>
    /// <param name="packagesFolder">A private global packages folder, so no stale copy of the same version is used.</param>
    /// <param name="fallbackFolder">The machine's global packages folder: third-party packages come from there when present.</param>
    public static void Write(string directory, string feed, string version, string packagesFolder, string fallbackFolder)
    {
        // Empty build files stop MSBuild and central package management from picking up anything from parent folders.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />\n");

        // No <clear />: the machine's configured sources (the public registry) stay, and the local feed is added to them.
        File.WriteAllText(Path.Combine(directory, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Xml(packagesFolder)}" />
              </config>
              <packageSources>
                <add key="jackpot-local-feed" value="{Xml(feed)}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine-packages" value="{Xml(fallbackFolder)}" />
              </fallbackPackageFolders>
            </configuration>
            """);

        File.WriteAllText(Path.Combine(directory, Name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Jackpot.Reactive" Version="[{version}]" />
                <PackageReference Include="Jackpot.Reactive.Testing" Version="[{version}]" />
              </ItemGroup>
            </Project>
            """);

        File.WriteAllText(Path.Combine(directory, "Program.cs"), Program + "\n");
    }

    private static string Xml(string value) => SecurityElement.Escape(value);
}
